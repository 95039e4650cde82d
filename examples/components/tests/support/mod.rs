//! Starting the real component binaries and watching what they print.

#![allow(dead_code)] // Each test binary uses a different part of this.

use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

/// Generous bound for start-up, which a loaded CI machine can slow down.
pub const START_WITHIN: Duration = Duration::from_secs(15);

/// One line a component printed.
#[derive(Debug, Clone)]
pub enum Line {
    /// On stdout.
    Out(String),
    /// On stderr.
    Err(String),
}

/// A component process started by a test; killed when dropped.
pub struct Running {
    /// Binary name, for messages.
    pub name: String,
    /// The `host:port` from its "listening on" line.
    pub endpoint: String,
    child: Child,
    lines: mpsc::UnboundedReceiver<Line>,
    /// Every line read so far, for failure messages and later checks.
    pub seen: Vec<Line>,
}

/// Starts `bin` with only `envs` in its environment, so that nothing from the
/// developer's shell (say `ENABLE_FLOWCTL`) leaks in, and waits until it listens.
pub async fn start(bin: &str, envs: &[(&str, &str)]) -> Running {
    let mut running = spawn(bin, envs);
    let line = running
        .wait_for(|line| matches!(line, Line::Out(text) if text.contains(" listening on ")))
        .await;
    running.endpoint = line.rsplit(' ').next().unwrap_or_default().to_owned();
    running
}

/// Starts `bin` with only `envs` in its environment, without waiting.
pub fn spawn(bin: &str, envs: &[(&str, &str)]) -> Running {
    let mut child = Command::new(bin)
        .env_clear()
        .envs(envs.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {bin}: {err}"));
    let (tx, lines) = mpsc::unbounded_channel();
    if let Some(out) = child.stdout.take() {
        tokio::spawn(forward(out, tx.clone(), Line::Out));
    }
    if let Some(err) = child.stderr.take() {
        tokio::spawn(forward(err, tx, Line::Err));
    }
    Running {
        name: bin.rsplit('/').next().unwrap_or(bin).to_owned(),
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

impl Running {
    /// `http://` URL of its data-plane endpoint.
    pub fn url(&self) -> String {
        format!("http://{}", self.endpoint)
    }

    /// Waits (at most [`START_WITHIN`]) for a line matching `want` and returns
    /// its text; panics with everything printed so far if none comes.
    pub async fn wait_for(&mut self, want: impl Fn(&Line) -> bool) -> String {
        let deadline = tokio::time::Instant::now() + START_WITHIN;
        if let Some(Line::Out(text) | Line::Err(text)) = self.seen.iter().find(|l| want(l)) {
            return text.clone();
        }
        loop {
            match tokio::time::timeout_at(deadline, self.lines.recv()).await {
                Ok(Some(line)) => {
                    self.seen.push(line.clone());
                    if want(&line) {
                        let (Line::Out(text) | Line::Err(text)) = line;
                        return text;
                    }
                }
                Ok(None) => panic!(
                    "{} closed its output first:\n{}",
                    self.name,
                    self.transcript()
                ),
                Err(_) => panic!(
                    "{} printed no such line in time:\n{}",
                    self.name,
                    self.transcript()
                ),
            }
        }
    }

    /// Sends SIGTERM and waits (at most `within`) for the exit.
    pub async fn terminate(&mut self, within: Duration) -> ExitStatus {
        let pid = self.child.id().expect("still running") as i32;
        kill(Pid::from_raw(pid), Signal::SIGTERM).expect("SIGTERM delivered");
        self.wait_exit(within).await
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
