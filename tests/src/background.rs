//! [`Background`]: a command left running, as in a second terminal.

use std::process::{Child, Command, ExitStatus};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::process::{kill, wait_until};
use crate::world::World;

/// A command left running (a foreground `flowctl run`, a `flowctl logs -f`):
/// its output is collected as it comes. Dropping it kills it by pid if it
/// still runs.
pub struct Background {
    command: String,
    cwd: std::path::PathBuf,
    child: Child,
    stdout: Arc<Mutex<Vec<u8>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    readers: Vec<JoinHandle<()>>,
    status: Option<ExitStatus>,
}

impl World {
    /// Starts `command` (marked as this world's) with piped output and
    /// returns at once.
    pub fn spawn(&self, mut command: Command) -> Background {
        let (mut child, text, cwd) = self.start_piped(&mut command);
        let (stdout, out_reader) = collect(child.stdout.take().expect("piped stdout"));
        let (stderr, err_reader) = collect(child.stderr.take().expect("piped stderr"));
        Background {
            command: text,
            cwd,
            child,
            stdout,
            stderr,
            readers: vec![out_reader, err_reader],
            status: None,
        }
    }

    /// A foreground `flowctl run FILE`, as typed in a first terminal.
    pub fn foreground(&self, file: &str) -> Background {
        self.spawn(self.command(&["run", file]))
    }
}

/// Reads `pipe` to its end on a thread of its own.
fn collect(mut pipe: impl std::io::Read + Send + 'static) -> (Arc<Mutex<Vec<u8>>>, JoinHandle<()>) {
    let buffer = Arc::new(Mutex::new(Vec::new()));
    let sink = buffer.clone();
    let reader = std::thread::spawn(move || {
        let mut chunk = [0u8; 16 * 1024];
        while let Ok(n) = pipe.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .extend_from_slice(&chunk[..n]);
        }
    });
    (buffer, reader)
}

fn text(buffer: &Mutex<Vec<u8>>) -> String {
    let bytes = buffer.lock().unwrap_or_else(PoisonError::into_inner);
    String::from_utf8_lossy(&bytes).into_owned()
}

impl Background {
    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// What it printed on stdout so far.
    pub fn stdout(&self) -> String {
        text(&self.stdout)
    }

    /// What it printed on stderr so far.
    pub fn stderr(&self) -> String {
        text(&self.stderr)
    }

    /// Waits at most `timeout` for it to exit (and for its output to be
    /// read to the end); `None` if it still runs.
    pub fn wait(&mut self, timeout: Duration) -> Option<ExitStatus> {
        if self.status.is_none() {
            let child = &mut self.child;
            let mut status = None;
            wait_until(timeout, || {
                status = child.try_wait().expect("try_wait");
                status.is_some()
            });
            self.status = status;
            // Its output ends with it; a process it left holding the pipes
            // must not hang the test.
            let readers = &self.readers;
            wait_until(Duration::from_secs(5), || {
                readers.iter().all(|r| r.is_finished())
            });
        }
        self.status
    }

    /// Whether it still runs.
    pub fn running(&mut self) -> bool {
        self.status.is_none() && self.child.try_wait().expect("try_wait").is_none()
    }
}

impl std::fmt::Display for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let status = match self.status {
            Some(status) => status.to_string(),
            None => "still running (or not waited for)".into(),
        };
        write!(
            f,
            "command: {}\ncwd: {}\nstatus: {status}\n--- stdout\n{}--- stderr\n{}---",
            self.command,
            self.cwd.display(),
            self.stdout(),
            self.stderr()
        )
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            kill(self.pid(), 9);
        }
        let _ = self.child.wait();
    }
}
