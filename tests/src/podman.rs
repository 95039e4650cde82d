//! A podman confined to a temp dir (its own store, run state, network
//! configuration and `containers.conf`, never the machine's), and images
//! built from this workspace's binaries with `podman import`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::command::{Run, describe};
use crate::process::{kill, wait_until};

/// How long one podman command may take.
const PODMAN_TIMEOUT: Duration = Duration::from_secs(60);

/// A podman confined to a temp dir: its own store (`--root`), run state
/// (`--runroot`, `--tmpdir`), network configuration and `containers.conf`.
/// Dropping it removes what the test played, then everything in its store.
pub struct Podman {
    dir: tempfile::TempDir,
    /// The network the test creates (removed on drop).
    network: String,
    /// The file `podman kube play` played, for `--down`.
    played: Option<PathBuf>,
}

impl Podman {
    /// A podman of its own whose pods share `network` (created with
    /// [`Podman::create_network`]).
    pub fn new(network: &str) -> Podman {
        let dir = tempfile::Builder::new()
            .prefix("fe2e-podman")
            .tempdir_in("/tmp")
            .expect("temp dir");
        for sub in ["root", "runroot", "libpod", "networks", "tmp"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        // runc, since crun refuses a hybrid cgroup hierarchy (this machine's
        // and CI's), with the limits runc needs here; cgroupfs and a file
        // event log, since systemd is not PID 1; netavark, whose networks
        // have DNS (aardvark-dns), in a configuration dir of our own.
        let conf = format!(
            "[containers]\n\
             default_ulimits = [\"nofile=20000:20000\", \"nproc=4096:4096\"]\n\
             [network]\n\
             network_backend = \"netavark\"\n\
             network_config_dir = \"{}\"\n\
             [engine]\n\
             runtime = \"runc\"\n\
             cgroup_manager = \"cgroupfs\"\n\
             events_logger = \"file\"\n",
            dir.path().join("networks").display()
        );
        std::fs::write(dir.path().join("containers.conf"), conf).unwrap();
        Podman {
            dir,
            network: network.to_owned(),
            played: None,
        }
    }

    /// `podman args...` against this podman's own store and configuration.
    pub fn command(&self, args: &[&str]) -> Command {
        let dir = self.dir.path();
        let mut command = Command::new("podman");
        command
            .arg("--root")
            .arg(dir.join("root"))
            .arg("--runroot")
            .arg(dir.join("runroot"))
            .arg("--tmpdir")
            .arg(dir.join("libpod"))
            .args(args)
            .env("CONTAINERS_CONF", dir.join("containers.conf"))
            .env("TMPDIR", dir.join("tmp"))
            .stdin(Stdio::null());
        command
    }

    /// Runs `podman args...` to completion, at most [`PODMAN_TIMEOUT`]
    /// (killed by pid past it, and then it failed).
    pub fn run(&self, args: &[&str]) -> Run {
        let mut command = self.command(args);
        let text = describe(&command);
        let child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {text}: {e}"));
        let pid = child.id() as i32;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(child.wait_with_output());
        });
        let output = rx.recv_timeout(PODMAN_TIMEOUT).unwrap_or_else(|_| {
            kill(pid, 9);
            panic!("`{text}` did not return within {PODMAN_TIMEOUT:?}")
        });
        Run {
            command: text,
            cwd: std::env::current_dir().unwrap_or_default(),
            output: output.expect("wait for podman"),
        }
    }

    /// `podman network create` of the network (DNS on: netavark with
    /// aardvark-dns); the run, to say why when it fails.
    pub fn create_network(&self) -> Run {
        self.run(&["network", "create", &self.network])
    }

    /// `podman kube play --network NETWORK file`, torn down (`--down`) on
    /// drop.
    pub fn play(&mut self, file: &Path) -> Run {
        self.played = Some(file.to_path_buf());
        let file = file.display().to_string();
        self.run(&["kube", "play", "--network", &self.network, &file])
    }

    /// Imports an image named `image` holding each program at its path,
    /// with the shared libraries it needs, and the Dockerfile-style
    /// `changes` (`ENV=...`, `WORKDIR=...`); `Err` says what failed.
    pub fn import(
        &self,
        image: &str,
        programs: &[(PathBuf, String)],
        changes: &[&str],
    ) -> Result<(), String> {
        let dir = tempfile::tempdir_in(self.dir.path()).expect("temp dir");
        let tar = root_filesystem(dir.path(), programs).display().to_string();
        let mut args = vec!["import", "--quiet"];
        for change in changes {
            args.extend(["--change", change]);
        }
        args.extend([tar.as_str(), image]);
        let run = self.run(&args);
        if !run.output.status.success() {
            return Err(format!("podman import of {image}\n{run}"));
        }
        Ok(())
    }

    /// Every container's log, for a failure's message.
    pub fn logs(&self) -> String {
        let names = self.run(&["ps", "-a", "--format", "{{.Names}}"]).stdout();
        let mut out = String::new();
        for name in names.lines().filter(|n| !n.ends_with("-infra")) {
            let logs = self.run(&["logs", name]);
            out.push_str(&format!("--- {name}\n{}{}", logs.stdout(), logs.stderr()));
        }
        out
    }
}

impl Drop for Podman {
    fn drop(&mut self) {
        let mut steps: Vec<Vec<String>> = Vec::new();
        if let Some(file) = &self.played {
            steps.push(vec![
                "kube".into(),
                "play".into(),
                "--down".into(),
                file.display().to_string(),
            ]);
        }
        for step in [
            "pod rm --all --force",
            "rm --all --force",
            "volume rm --all --force",
            &format!("network rm --force {}", self.network),
            "rmi --all --force",
        ] {
            steps.push(step.split(' ').map(str::to_owned).collect());
        }
        // Each step bounded, never a panic (this may run while unwinding).
        for step in steps {
            let args: Vec<&str> = step.iter().map(String::as_str).collect();
            let mut command = self.command(&args);
            command.stdout(Stdio::null()).stderr(Stdio::null());
            let Ok(mut child) = command.spawn() else {
                return;
            };
            let done = wait_until(PODMAN_TIMEOUT, || {
                matches!(child.try_wait(), Ok(Some(_)) | Err(_))
            });
            if !done {
                kill(child.id() as i32, 9);
            }
            let _ = child.wait();
        }
    }
}

/// A root filesystem holding each program at its path (debug info
/// stripped, when `strip` is there, so the import is quick), with the
/// shared libraries and the loader `ldd` lists for it, as a tar file.
fn root_filesystem(dir: &Path, programs: &[(PathBuf, String)]) -> PathBuf {
    let root = dir.join("rootfs");
    let place = |inside: &str| {
        let path = root.join(inside.trim_start_matches('/'));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        path
    };
    let strip = crate::require::which("strip");
    for (program, inside) in programs {
        let target = place(inside);
        let stripped = strip.as_ref().is_some_and(|strip| {
            Command::new(strip)
                .arg("--strip-debug")
                .arg("-o")
                .arg(&target)
                .arg(program)
                .status()
                .is_ok_and(|s| s.success())
        });
        if !stripped {
            std::fs::copy(program, &target).unwrap();
        }
        let ldd = Command::new("ldd").arg(program).output().expect("run ldd");
        assert!(ldd.status.success(), "ldd {} failed", program.display());
        for library in String::from_utf8_lossy(&ldd.stdout)
            .split_whitespace()
            .filter(|word| word.starts_with('/'))
        {
            let target = place(library);
            if !target.exists() {
                std::fs::copy(library, &target)
                    .unwrap_or_else(|e| panic!("cannot copy {library}: {e}"));
            }
        }
    }
    let tar = dir.join("rootfs.tar");
    let mut builder = tar::Builder::new(std::fs::File::create(&tar).unwrap());
    builder.follow_symlinks(false);
    builder.append_dir_all(".", &root).unwrap();
    builder.finish().unwrap();
    tar
}
