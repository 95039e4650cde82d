//! [`World`]: a private flowctl installation in a temp dir, which leaves no
//! process behind.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::command::{Run, bin, cwd_of, describe};
use crate::process::{alive, kill, processes_with_env, wait_until};

/// The environment variable that marks every process of a world (its value
/// is the world's root): the daemon, its guard, clients, components and
/// their children all inherit it.
pub const MARKER: &str = "FLOWCTL_TEST_WORLD";

/// How long one command of a test may take before it is killed and the
/// test fails naming it.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// A private flowctl installation: socket, state, config and a work dir.
///
/// Dropping it stops its daemon (`flowctl daemon stop`, then SIGKILL by pid
/// if it is still there) and kills, by pid, every process still carrying
/// its [`MARKER`], such as a component's child that outlived the daemon.
pub struct World {
    pub root: tempfile::TempDir,
    /// The daemon's socket (`FLOWCTL_SOCKET` of every command).
    pub socket: PathBuf,
    /// Where commands run and [`World::write`] puts files.
    pub work: PathBuf,
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

impl World {
    /// A gRPC channel to this world's daemon socket, for tests that call
    /// the daemon API directly (as a third-party client would).
    pub async fn daemon_channel(&self) -> tonic::transport::Channel {
        let socket = self.socket.clone();
        tonic::transport::Endpoint::from_static("http://flowctld.local")
            .connect_with_connector(tower::service_fn(move |_| {
                let socket = socket.clone();
                async move {
                    let stream = tokio::net::UnixStream::connect(socket).await?;
                    Ok::<_, std::io::Error>(hyper_util::rt::TokioIo::new(stream))
                }
            }))
            .await
            .expect("connect to the daemon socket")
    }

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

    /// `$XDG_STATE_HOME/flowctl`: the daemon's database, logs and run logs.
    pub fn state_dir(&self) -> PathBuf {
        self.root.path().join("state").join("flowctl")
    }

    /// Environment every command of this world gets, its marker included.
    pub fn env(&self) -> BTreeMap<String, String> {
        let root = self.root.path();
        let under = |dir: &str| root.join(dir).display().to_string();
        BTreeMap::from([
            (MARKER.into(), root.display().to_string()),
            ("FLOWCTL_SOCKET".into(), self.socket.display().to_string()),
            ("XDG_STATE_HOME".into(), under("state")),
            ("XDG_CONFIG_HOME".into(), under("config")),
            ("XDG_DATA_HOME".into(), under("data")),
            ("HOME".into(), root.display().to_string()),
            ("FLOWCTLD_BIN".into(), bin("flowctld").display().to_string()),
            ("NO_COLOR".into(), "1".into()),
        ])
    }

    /// A `flowctl` command in the work dir, not yet run.
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_of("flowctl", args)
    }

    /// A command of one of this workspace's binaries, in the work dir.
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

    /// Runs `command` (marked as this world's) to completion, at most
    /// [`COMMAND_TIMEOUT`].
    pub fn run(&self, command: Command) -> Run {
        self.run_within(command, COMMAND_TIMEOUT)
    }

    /// Runs `command` (marked as this world's); if it takes longer than
    /// `timeout` it is killed by pid and the test fails naming it.
    pub fn run_within(&self, mut command: Command, timeout: Duration) -> Run {
        let (child, text, cwd) = self.start_piped(&mut command);
        let pid = child.id() as i32;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(child.wait_with_output());
        });
        match rx.recv_timeout(timeout) {
            Ok(output) => Run {
                command: text,
                cwd,
                output: output.expect("wait for the command"),
            },
            Err(_) => {
                kill(pid, 9);
                panic!(
                    "`{text}` (in {}) did not return within {timeout:?}",
                    cwd.display()
                );
            }
        }
    }

    /// Starts `command` marked as this world's, stdout and stderr piped;
    /// returns it with its command line and cwd, for messages.
    pub(crate) fn start_piped(&self, command: &mut Command) -> (Child, String, PathBuf) {
        let text = describe(command);
        let cwd = cwd_of(command);
        command
            .env(MARKER, self.root.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {text} in {}: {e}", cwd.display()));
        (child, text, cwd)
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

    /// A directory under the world's root with mode 0700, as the daemon
    /// wants its runtime directory.
    pub fn private_dir(&self, name: &str) -> PathBuf {
        use std::os::unix::fs::DirBuilderExt;
        let dir = self.root.path().join(name);
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        dir
    }

    /// `flowctl run --detach FILE`, returning the run id it prints.
    pub fn detach(&self, file: &str) -> String {
        let run = self.flowctl(&["run", "--detach", file]);
        let id = run.ok().trim().to_owned();
        assert_eq!(id.len(), 36, "not a run id: {id:?}\n{run}");
        id
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

    /// Live processes carrying this world's marker: its daemons and their
    /// guards, its clients, and the components they run with their children.
    pub fn leftovers(&self) -> Vec<i32> {
        processes_with_env(MARKER, &self.root.path().display().to_string())
    }
}

impl Drop for World {
    fn drop(&mut self) {
        if let Some(pid) = self.daemon_pid().filter(|pid| alive(*pid)) {
            // A graceful stop first, so the daemon ends its runs in order.
            let mut stop = self.command(&["daemon", "stop"]);
            stop.env(MARKER, self.root.path())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            if let Ok(mut child) = stop.spawn() {
                let done = wait_until(Duration::from_secs(30), || {
                    matches!(child.try_wait(), Ok(Some(_)) | Err(_))
                });
                if !done {
                    kill(child.id() as i32, 9);
                }
                let _ = child.wait();
            }
            if alive(pid) {
                kill(pid, 9);
            }
        }
        // What is left (a daemon on another socket, a component's child
        // that outlived its daemon, a client) is killed by pid; processes
        // may fork while being killed, so sweep until none is left.
        wait_until(Duration::from_secs(10), || {
            let left = self.leftovers();
            for pid in &left {
                kill(*pid, 9);
            }
            left.is_empty()
        });
    }
}
