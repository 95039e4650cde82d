//! Starting the real example components standalone, and pipelines for the
//! relay to drive between them.

#![allow(dead_code)] // Each test module uses a different part of this.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use flowctl_core::spec::Pipeline;
use flowctld::relay::{Relay, RelayMetrics};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

/// Bound for a component to start listening, or for a small flow to finish,
/// generous for a loaded machine.
pub const WITHIN: Duration = Duration::from_secs(30);

/// Path of an example component binary (`gen`, `upper`, `sink`): the one
/// built with the same profile as this test if present, else the debug one.
pub fn bin(name: &str) -> PathBuf {
    let file = format!("flowctl-example-{name}");
    let exe = std::env::current_exe().expect("test executable path");
    // target/<profile>/deps/relay-xxxx -> target/<profile>/<file>
    let same_profile = exe.parent().and_then(Path::parent).map(|d| d.join(&file));
    let debug = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/debug")
        .join(&file);
    let path = same_profile.filter(|p| p.is_file()).unwrap_or(debug);
    assert!(
        path.is_file(),
        "{} is missing: build the example components first with \
         `cargo build -p flowctl-example-components` (add --release for the benchmark)",
        path.display()
    );
    path
}

/// A component process started by a test; killed (SIGKILL, by pid) when dropped.
pub struct Proc {
    /// `host:port` from its "listening on" line.
    pub endpoint: String,
    pub name: String,
    child: Child,
    lines: mpsc::UnboundedReceiver<String>,
    seen: Vec<String>,
}

/// Starts example component `name` with the pipeline id `id` and only
/// `envs` in its environment (nothing leaks from the developer's shell), and
/// waits until it listens.
pub async fn start(name: &str, id: &str, envs: &[(&str, &str)]) -> Proc {
    let mut proc = spawn(name, id, envs);
    let line = proc.wait_for(|l| l.contains(" listening on ")).await;
    proc.endpoint = line.rsplit(' ').next().unwrap_or_default().to_owned();
    proc
}

/// Starts example component `name` without waiting for it.
pub fn spawn(name: &str, id: &str, envs: &[(&str, &str)]) -> Proc {
    let path = bin(name);
    let mut child = Command::new(&path)
        .env_clear()
        .env("FLOWCTL_COMPONENT_ID", id)
        .envs(envs.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {}: {err}", path.display()));
    let (tx, lines) = mpsc::unbounded_channel();
    if let Some(out) = child.stdout.take() {
        tokio::spawn(forward(out, tx.clone()));
    }
    if let Some(err) = child.stderr.take() {
        tokio::spawn(forward(err, tx));
    }
    Proc {
        endpoint: String::new(),
        name: format!("{name} ({id})"),
        child,
        lines,
        seen: Vec::new(),
    }
}

async fn forward(stream: impl AsyncRead + Unpin, tx: mpsc::UnboundedSender<String>) {
    let mut lines = BufReader::new(stream).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        let _ = tx.send(line);
    }
}

impl Proc {
    /// Waits (at most [`WITHIN`]) for a line matching `want`.
    pub async fn wait_for(&mut self, want: impl Fn(&str) -> bool) -> String {
        let deadline = tokio::time::Instant::now() + WITHIN;
        loop {
            match tokio::time::timeout_at(deadline, self.lines.recv()).await {
                Ok(Some(line)) => {
                    self.seen.push(line.clone());
                    if want(&line) {
                        return line;
                    }
                }
                Ok(None) => panic!("{} ended its output:\n{}", self.name, self.seen.join("\n")),
                Err(_) => panic!(
                    "{} printed no such line:\n{}",
                    self.name,
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// Kills it with SIGKILL (by pid) and waits for it to be gone.
    pub async fn kill(mut self) {
        let pid = self.child.id().expect("still running") as i32;
        kill(Pid::from_raw(pid), Signal::SIGKILL).expect("SIGKILL delivered");
        tokio::time::timeout(WITHIN, self.child.wait())
            .await
            .expect("gone after SIGKILL")
            .expect("wait for the child");
    }
}

/// A pipeline from the `spec:` part of a pipeline file (commands are
/// placeholders: the test starts the components itself).
pub fn pipeline(spec: &str) -> Pipeline {
    let yaml = format!(
        "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata: {{name: relay-test}}\nspec:\n{spec}"
    );
    flowctl_core::spec::parse("relay-test.yaml", yaml.as_bytes())
        .unwrap_or_else(|err| panic!("bad test pipeline: {err:?}\n{yaml}"))
        .pipeline
}

/// Waits (at most `within`) for the relay to finish; panics with its
/// metrics if it fails or takes longer.
pub async fn finish(relay: &Relay, within: Duration) {
    match tokio::time::timeout(within, relay.finished()).await {
        Ok(Ok(())) => {}
        Ok(Err(err)) => panic!("the relay failed: {err}\n{:#?}", relay.metrics()),
        Err(_) => panic!(
            "the relay did not finish within {within:?}\n{:#?}",
            relay.metrics()
        ),
    }
}

/// Waits (at most [`WITHIN`]) until the relay's metrics satisfy `want`,
/// polling them every 10 ms.
pub async fn wait_metrics(relay: &Relay, want: impl Fn(&RelayMetrics) -> bool) -> RelayMetrics {
    let deadline = tokio::time::Instant::now() + WITHIN;
    let mut poll = tokio::time::interval(Duration::from_millis(10));
    loop {
        let metrics = relay.metrics();
        if want(&metrics) {
            return metrics;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "condition not reached in time:\n{metrics:#?}"
        );
        poll.tick().await;
    }
}

/// The lines of a sink's output file.
pub fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The line the example sink writes for event `n` of the example generator
/// of type `kind`, upper-cased by the example processor or not.
pub fn line(n: u64, kind: &str, upper: bool) -> String {
    let payload = format!(r#"{{"seq":{n},"value":"tick {n}"}}"#);
    let payload = if upper {
        payload.to_uppercase()
    } else {
        payload
    };
    format!("{n} {kind} {payload}")
}

/// Expected lines for events `1..=count`.
pub fn expected(count: u64, kind: &str, upper: bool) -> Vec<String> {
    (1..=count).map(|n| line(n, kind, upper)).collect()
}

/// A free loopback port (bound, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("bind a free port")
        .port()
}

/// Runs `future` with a bound, naming `what` if it takes too long.
pub async fn bounded<T>(what: &str, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(WITHIN, future)
        .await
        .unwrap_or_else(|_| panic!("{what} took longer than {WITHIN:?}"))
}
