//! Helpers for the end-to-end tests: a private daemon world in a temp dir.
//!
//! Every [`World`] has its own socket, state and config directories, so a
//! test never touches the user's daemon. Dropping a world stops the daemon it
//! started (by pid) and every process group it recorded.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Path of a binary of this workspace (`flowctl`, `flowctld`, examples).
pub fn bin(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    // target/<profile>/deps/e2e-xxxx -> target/<profile>/<name>
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let path = dir.join(name);
    assert!(
        path.is_file(),
        "{} is missing: run `cargo build --workspace --bins` before the tests",
        path.display()
    );
    path
}

/// The outcome of one command, printable in full when an assertion fails.
pub struct Run {
    pub command: String,
    pub cwd: PathBuf,
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }
    /// Asserts success and returns stdout.
    pub fn ok(&self) -> String {
        assert!(self.output.status.success(), "command failed\n{self}");
        self.stdout()
    }
    /// Asserts failure and returns stderr + stdout.
    pub fn fails(&self) -> String {
        assert!(
            !self.output.status.success(),
            "command should have failed\n{self}"
        );
        format!("{}{}", self.stderr(), self.stdout())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.ok()).unwrap_or_else(|e| panic!("not JSON ({e})\n{self}"))
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "command: {}\ncwd: {}\nstatus: {}\n--- stdout\n{}--- stderr\n{}---",
            self.command,
            self.cwd.display(),
            self.output.status,
            self.stdout(),
            self.stderr()
        )
    }
}

/// A private flowctl installation: socket, state, config and a work dir.
pub struct World {
    pub root: tempfile::TempDir,
    pub socket: PathBuf,
    pub work: PathBuf,
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

impl World {
    pub fn new() -> World {
        // Short base path: Unix socket paths are limited to ~107 bytes.
        let root = tempfile::Builder::new()
            .prefix("fe2e")
            .tempdir_in("/tmp")
            .expect("temp dir");
        let work = root.path().join("work");
        std::fs::create_dir_all(&work).unwrap();
        World {
            socket: root.path().join("run").join("flowctld.sock"),
            work,
            root,
        }
    }

    pub fn state_dir(&self) -> PathBuf {
        self.root.path().join("state").join("flowctl")
    }

    /// Environment every command of this world gets.
    pub fn env(&self) -> BTreeMap<String, String> {
        let root = self.root.path();
        BTreeMap::from([
            ("FLOWCTL_SOCKET".into(), self.socket.display().to_string()),
            (
                "XDG_STATE_HOME".into(),
                root.join("state").display().to_string(),
            ),
            (
                "XDG_CONFIG_HOME".into(),
                root.join("config").display().to_string(),
            ),
            (
                "XDG_DATA_HOME".into(),
                root.join("data").display().to_string(),
            ),
            ("HOME".into(), root.display().to_string()),
            ("FLOWCTLD_BIN".into(), bin("flowctld").display().to_string()),
            ("NO_COLOR".into(), "1".into()),
        ])
    }

    /// A `flowctl` command in the work dir, not yet run.
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_of("flowctl", args)
    }

    pub fn command_of(&self, binary: &str, args: &[&str]) -> Command {
        let mut command = Command::new(bin(binary));
        command
            .args(args)
            .current_dir(&self.work)
            .env_remove("XDG_RUNTIME_DIR")
            .env_remove("FLOWCTL_STATE_DIR")
            .envs(self.env())
            .stdin(Stdio::null());
        command
    }

    /// Runs `flowctl args...` to completion.
    pub fn flowctl(&self, args: &[&str]) -> Run {
        self.run(self.command(args))
    }

    pub fn run(&self, mut command: Command) -> Run {
        let text = describe(&command);
        let output = command.output().expect("spawn");
        Run {
            command: text,
            cwd: self.work.clone(),
            output,
        }
    }

    /// Writes a file into the work dir and returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.work.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&path, text).unwrap();
        path
    }

    /// `flowctl run --detach FILE`, returning the run id it prints.
    pub fn detach(&self, file: &str) -> String {
        self.flowctl(&["run", "--detach", file])
            .ok()
            .trim()
            .to_owned()
    }

    /// Pid of the daemon holding this world's lock, if the file names one.
    pub fn daemon_pid(&self) -> Option<i32> {
        let mut name = self.socket.as_os_str().to_owned();
        name.push(".lock");
        std::fs::read_to_string(PathBuf::from(name))
            .ok()?
            .trim()
            .parse()
            .ok()
    }
}

impl Drop for World {
    fn drop(&mut self) {
        if let Some(pid) = self.daemon_pid().filter(|pid| alive(*pid)) {
            let _ = self.command(&["daemon", "stop"]).output();
            if alive(pid) {
                kill(pid, 9);
            }
        }
    }
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Whether `pid` is a live process (zombies count as dead: PID 1 here does
/// not reap orphans).
pub fn alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => {
            let state = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next());
            !matches!(state, Some("Z") | Some("X") | None)
        }
        Err(_) => false,
    }
}

/// Sends a signal by pid.
pub fn kill(pid: i32, signal: i32) {
    let signal = nix::sys::signal::Signal::try_from(signal).expect("signal");
    let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), signal);
}

/// Live processes whose environment holds `KEY=value` (how tests find the
/// processes of their own world without matching names).
pub fn processes_with_env(key: &str, value: &str) -> Vec<i32> {
    let needle = format!("{key}={value}");
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .is_ok_and(|env| env.split(|b| *b == 0).any(|kv| kv == needle.as_bytes()))
        })
        .filter(|pid| alive(*pid))
        .collect()
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
pub fn wait_until(timeout: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if condition() {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Shell-quoted path for pipeline files.
pub fn quote(path: impl AsRef<OsStr>) -> String {
    format!("\"{}\"", path.as_ref().to_string_lossy())
}

/// A command left running, as in a second terminal (a foreground
/// `flowctl run`, a `flowctl logs -f`): its output is collected as it comes.
/// Dropping it kills it by pid if it still runs.
pub struct Background {
    command: String,
    child: std::process::Child,
    stdout: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    stderr: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    readers: Vec<std::thread::JoinHandle<()>>,
    status: Option<std::process::ExitStatus>,
}

impl World {
    /// Starts `command` with piped output and returns at once.
    pub fn spawn(&self, mut command: Command) -> Background {
        let text = describe(&command);
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot spawn {text}: {e}"));
        let (stdout, out_reader) = collect(child.stdout.take().expect("piped stdout"));
        let (stderr, err_reader) = collect(child.stderr.take().expect("piped stderr"));
        Background {
            command: text,
            child,
            stdout,
            stderr,
            readers: vec![out_reader, err_reader],
            status: None,
        }
    }

    /// Live processes carrying this world's socket in their environment:
    /// its daemon, its clients, and the components they run (which inherit
    /// the caller's environment) with their children.
    pub fn leftovers(&self) -> Vec<i32> {
        processes_with_env("FLOWCTL_SOCKET", &self.socket.display().to_string())
    }
}

/// Reads `pipe` to its end on a thread of its own.
fn collect(
    mut pipe: impl std::io::Read + Send + 'static,
) -> (
    std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    std::thread::JoinHandle<()>,
) {
    let buffer = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = buffer.clone();
    let reader = std::thread::spawn(move || {
        let mut chunk = [0u8; 16 * 1024];
        while let Ok(n) = pipe.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .extend_from_slice(&chunk[..n]);
        }
    });
    (buffer, reader)
}

impl Background {
    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// What it printed on stdout so far.
    pub fn stdout(&self) -> String {
        let bytes = self
            .stdout
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// What it printed on stderr so far.
    pub fn stderr(&self) -> String {
        let bytes = self
            .stderr
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Waits at most `timeout` for it to exit (and for its output to be
    /// read to the end); `None` if it still runs.
    pub fn wait(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
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
            "command: {}\nstatus: {status}\n--- stdout\n{}--- stderr\n{}---",
            self.command,
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

/// A [`World`] that leaves no process behind: dropping it stops the daemon
/// as a world does, then kills (by pid) every process still carrying the
/// world's socket in its environment, such as a component's child that
/// outlived the daemon, so a failed test does not leak into the next ones.
pub struct Sandbox(pub World);

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox(World::new())
    }
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl std::ops::Deref for Sandbox {
    type Target = World;
    fn deref(&self) -> &World {
        &self.0
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(pid) = self.0.daemon_pid().filter(|pid| alive(*pid)) {
            let _ = self.0.command(&["daemon", "stop"]).output();
            if alive(pid) {
                kill(pid, 9);
            }
        }
        for pid in self.0.leftovers() {
            kill(pid, 9);
        }
    }
}
