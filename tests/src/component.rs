//! Component processes started by hand, without a daemon: the example
//! components' own tests and the relay's tests use these (async, tokio).

use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

/// Bound for a component to start listening or print an awaited line,
/// generous for a loaded machine.
pub const WITHIN: Duration = Duration::from_secs(30);

/// One line a component printed.
#[derive(Debug, Clone)]
pub enum Line {
    /// On stdout.
    Out(String),
    /// On stderr.
    Err(String),
}

impl Line {
    /// The text, whichever stream it came on.
    pub fn text(&self) -> &str {
        match self {
            Line::Out(text) | Line::Err(text) => text,
        }
    }
}

/// A component process started by a test; killed (SIGKILL, by pid) when
/// dropped.
pub struct Component {
    /// Binary name (and id), for messages.
    pub name: String,
    /// The `host:port` from its "listening on" line (empty until then).
    pub endpoint: String,
    child: Child,
    lines: mpsc::UnboundedReceiver<Line>,
    /// Every line read so far, for failure messages and later checks.
    pub seen: Vec<Line>,
}

/// Starts `program` with only `envs` in its environment, so that nothing
/// from the developer's shell (say `ENABLE_FLOWCTL`) leaks in, and waits
/// until it prints that it listens.
pub async fn start(program: impl AsRef<Path>, name: &str, envs: &[(&str, &str)]) -> Component {
    let mut component = spawn(program, name, envs);
    let line = component
        .wait_for(|line| matches!(line, Line::Out(text) if text.contains(" listening on ")))
        .await;
    component.endpoint = line.rsplit(' ').next().unwrap_or_default().to_owned();
    component
}

/// Starts `program` with only `envs` in its environment, without waiting.
pub fn spawn(program: impl AsRef<Path>, name: &str, envs: &[(&str, &str)]) -> Component {
    let program = program.as_ref();
    let mut child = Command::new(program)
        .env_clear()
        .envs(envs.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {}: {err}", program.display()));
    let (tx, lines) = mpsc::unbounded_channel();
    if let Some(out) = child.stdout.take() {
        tokio::spawn(forward(out, tx.clone(), Line::Out));
    }
    if let Some(err) = child.stderr.take() {
        tokio::spawn(forward(err, tx, Line::Err));
    }
    Component {
        name: name.to_owned(),
        endpoint: String::new(),
        child,
        lines,
        seen: Vec::new(),
    }
}

async fn forward(
    stream: impl AsyncRead + Unpin,
    tx: mpsc::UnboundedSender<Line>,
    wrap: fn(String) -> Line,
) {
    let mut lines = BufReader::new(stream).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        let _ = tx.send(wrap(line));
    }
}

impl Component {
    /// `http://` URL of its data-plane endpoint.
    pub fn url(&self) -> String {
        format!("http://{}", self.endpoint)
    }

    /// Waits (at most [`WITHIN`]) for a line matching `want`, among those
    /// seen so far first, and returns its text; fails with everything
    /// printed so far if none comes.
    pub async fn wait_for(&mut self, want: impl Fn(&Line) -> bool) -> String {
        if let Some(line) = self.seen.iter().find(|l| want(l)) {
            return line.text().to_owned();
        }
        let deadline = tokio::time::Instant::now() + WITHIN;
        loop {
            match tokio::time::timeout_at(deadline, self.lines.recv()).await {
                Ok(Some(line)) => {
                    self.seen.push(line.clone());
                    if want(&line) {
                        return line.text().to_owned();
                    }
                }
                Ok(None) => panic!(
                    "{} closed its output first:\n{}",
                    self.name,
                    self.transcript()
                ),
                Err(_) => panic!(
                    "{} printed no such line within {WITHIN:?}:\n{}",
                    self.name,
                    self.transcript()
                ),
            }
        }
    }

    /// Sends SIGTERM and waits (at most `within`) for the exit.
    pub async fn terminate(&mut self, within: Duration) -> ExitStatus {
        self.signal(Signal::SIGTERM);
        self.wait_exit(within).await
    }

    /// Kills it with SIGKILL and waits (at most [`WITHIN`]) for it to be gone.
    pub async fn kill(mut self) {
        self.signal(Signal::SIGKILL);
        self.wait_exit(WITHIN).await;
    }

    fn signal(&self, signal: Signal) {
        let pid = self.child.id().expect("still running") as i32;
        kill(Pid::from_raw(pid), signal)
            .unwrap_or_else(|err| panic!("cannot send {signal} to {}: {err}", self.name));
    }

    /// Waits (at most `within`) for the process to exit, then reads what it
    /// printed last.
    pub async fn wait_exit(&mut self, within: Duration) -> ExitStatus {
        let status = match tokio::time::timeout(within, self.child.wait()).await {
            Ok(status) => status.expect("wait for the child"),
            Err(_) => panic!(
                "{} still running after {within:?}:\n{}",
                self.name,
                self.transcript()
            ),
        };
        // The pipes close with the process, so this ends soon; bounded anyway.
        let drain = async {
            while let Some(line) = self.lines.recv().await {
                self.seen.push(line);
            }
        };
        let _ = tokio::time::timeout(Duration::from_secs(5), drain).await;
        status
    }

    /// Everything printed so far, stdout and stderr marked.
    pub fn transcript(&self) -> String {
        let lines: Vec<String> = self
            .seen
            .iter()
            .map(|line| match line {
                Line::Out(text) => format!("  out| {text}"),
                Line::Err(text) => format!("  err| {text}"),
            })
            .collect();
        lines.join("\n")
    }
}
