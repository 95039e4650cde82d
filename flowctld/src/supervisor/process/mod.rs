//! Spawning one component as a process of its own group, and signalling it.
//!
//! Layout: this file starts an instance and waits for it; `clone`: the
//! `clone3` that creates it (inside its cgroup, vfork-style).

mod clone;

use std::collections::BTreeMap;
use std::io;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use tokio::process::{Child, Command};

/// What a component is started with.
#[derive(Debug, Clone)]
pub struct Launch {
    /// The program and its arguments (`command` + `args` of the pipeline).
    pub argv: Vec<String>,
    pub env: BTreeMap<String, String>,
    pub working_dir: PathBuf,
    /// The cgroup it is born in (it enters between fork and exec), so that
    /// it runs inside from its first instruction.
    pub cgroup: Option<PathBuf>,
}

/// A started instance: its pid, its output pipes, and how to wait for it.
#[derive(Debug)]
pub struct Spawned {
    pub pid: u32,
    pub stdout: OwnedFd,
    pub stderr: OwnedFd,
    pub exit: Exit,
}

/// How a [`Spawned`] process is waited for.
#[derive(Debug)]
pub enum Exit {
    /// Spawned by the runtime (no cgroup, or the fallback).
    Child(Child),
    /// Cloned (`clone3`): its pidfd turns readable when it exits.
    Pidfd(OwnedFd),
}

impl Exit {
    /// Waits until the process exited, and reaps it.
    pub async fn wait(self) -> io::Result<ExitStatus> {
        match self {
            Exit::Child(mut child) => child.wait().await,
            Exit::Pidfd(pidfd) => wait_pidfd(pidfd).await,
        }
    }
}

/// Starts `launch` in a new process group with piped output.
pub fn spawn(launch: &Launch) -> Result<Spawned, String> {
    let (program, args) = launch
        .argv
        .split_first()
        .ok_or_else(|| "empty command".to_string())?;
    let program = resolve_program(program, &launch.working_dir, launch.env.get("PATH"))?;
    let failed = |err: &dyn std::fmt::Display, inside: &str| {
        format!(
            "cannot start {} in {}{inside}: {err}",
            program.display(),
            launch.working_dir.display()
        )
    };
    let inside = match &launch.cgroup {
        Some(dir) => format!(" (inside its cgroup {})", dir.display()),
        None => String::new(),
    };
    let cloned = clone::Program {
        path: &program,
        args,
        env: &launch.env,
        working_dir: &launch.working_dir,
    };
    match clone::spawn(&cloned, launch.cgroup.as_deref()) {
        Ok(Some(born)) => {
            return Ok(Spawned {
                pid: born.pid,
                stdout: born.stdout,
                stderr: born.stderr,
                exit: Exit::Pidfd(born.pidfd),
            });
        }
        Ok(None) => {}
        Err(err) => return Err(failed(&err, &inside)),
    }
    // The fallback: the runtime's spawn (vfork-style without a cgroup).
    let mut command = Command::new(&program);
    command
        .args(args)
        .env_clear()
        .envs(&launch.env)
        .current_dir(&launch.working_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(false);
    // No parent-death signal: a daemon killed with SIGKILL is covered by
    // its guard process, which ends every recorded group (see `groups`).
    if let Some(dir) = &launch.cgroup {
        super::cgroup::born_inside(&mut command, dir).map_err(|err| err.to_string())?;
    }
    let mut child = command.spawn().map_err(|err| failed(&err, &inside))?;
    let pipes = (child.stdout.take(), child.stderr.take());
    let (Some(stdout), Some(stderr)) = pipes else {
        unreachable!("both pipes were asked for");
    };
    let into_fd = |fd: io::Result<OwnedFd>| fd.map_err(|err| failed(&err, &inside));
    Ok(Spawned {
        pid: child.id().unwrap_or(0),
        stdout: into_fd(stdout.into_owned_fd())?,
        stderr: into_fd(stderr.into_owned_fd())?,
        exit: Exit::Child(child),
    })
}

/// Waits on a pidfd until its process exited, then reaps it.
async fn wait_pidfd(pidfd: OwnedFd) -> io::Result<ExitStatus> {
    use nix::sys::wait::{Id, WaitPidFlag, WaitStatus, waitid};
    use std::os::fd::AsFd;
    use std::os::unix::process::ExitStatusExt;
    let interest = tokio::io::Interest::READABLE;
    // SAFETY: the AsyncFd owns the pidfd, which stays open and the same
    // until it is dropped.
    let fd = unsafe { tokio::io::unix::AsyncFd::register_with_interest(pidfd, interest) }?;
    loop {
        let mut ready = fd.readable().await?;
        let flags = WaitPidFlag::WEXITED | WaitPidFlag::WNOHANG;
        match waitid(Id::PIDFd(fd.get_ref().as_fd()), flags) {
            Ok(WaitStatus::Exited(_, code)) => return Ok(ExitStatus::from_raw(code << 8)),
            Ok(WaitStatus::Signaled(_, signal, core)) => {
                let core = if core { 0x80 } else { 0 };
                return Ok(ExitStatus::from_raw(signal as i32 | core));
            }
            Ok(_) => ready.clear_ready(),
            Err(nix::errno::Errno::EINTR) => {}
            Err(err) => return Err(err.into()),
        }
    }
}

/// Finds the program the way a shell in `working_dir` with `path` would,
/// so that errors name what was looked for.
fn resolve_program(
    program: &str,
    working_dir: &Path,
    path: Option<&String>,
) -> Result<PathBuf, String> {
    if program.contains('/') {
        let candidate = working_dir.join(program);
        if candidate.exists() {
            return Ok(candidate);
        }
        return Err(format!(
            "command {program} does not exist (looked in {})",
            working_dir.display()
        ));
    }
    let search = path
        .map(String::as_str)
        .unwrap_or("/usr/local/bin:/usr/bin:/bin");
    for dir in std::env::split_paths(search) {
        let candidate = working_dir.join(dir).join(program);
        if is_executable(&candidate) {
            return Ok(candidate);
        }
    }
    Err(format!(
        "command '{program}' was not found in PATH ({search}); give a path or fix PATH"
    ))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Sends `signal` to every process of the group `pgid`. A group that is
/// already gone counts as success.
pub fn signal_group(pgid: u32, signal: Signal) {
    match killpg(Pid::from_raw(pgid as i32), signal) {
        Ok(()) | Err(nix::errno::Errno::ESRCH) => {}
        Err(err) => tracing::warn!(pgid, %signal, %err, "cannot signal process group"),
    }
}

/// A process's exit in words: `exit status 1`, `signal 9 (SIGKILL)`.
pub fn describe_exit(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    if let Some(code) = status.code() {
        return format!("exit status {code}");
    }
    match status.signal() {
        Some(raw) => match Signal::try_from(raw) {
            Ok(signal) => format!("signal {raw} ({signal})"),
            Err(_) => format!("signal {raw}"),
        },
        None => "unknown exit".into(),
    }
}

/// Converts a pipeline's stop signal number into a signal.
pub fn signal_of(raw: i32) -> Signal {
    Signal::try_from(raw).unwrap_or(Signal::SIGTERM)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::supervisor::cgroup::{Cgroups, end_blocking, test_cgroups};

    /// The test's cgroup subtree, ended and removed whatever happens.
    struct Subtree(Cgroups);

    impl Drop for Subtree {
        fn drop(&mut self) {
            end_blocking(self.0.root());
        }
    }

    fn launch(script: &str, cgroup: &Path, working_dir: &Path) -> Launch {
        Launch {
            argv: vec!["/bin/sh".into(), "-c".into(), script.into()],
            env: BTreeMap::from([("MARK".to_string(), "marked".to_string())]),
            working_dir: working_dir.to_path_buf(),
            cgroup: Some(cgroup.to_path_buf()),
        }
    }

    fn read_all(fd: OwnedFd) -> String {
        let mut text = String::new();
        std::fs::File::from(fd).read_to_string(&mut text).unwrap();
        text
    }

    /// What a started program reports about itself, and how it ended. Its
    /// signal masks are read first, with builtins only: the shell blocks
    /// every signal for a moment around each fork.
    const REPORT: &str = "while read -r line; do case $line in Sig[BI]*) echo \"$line\";; esac; \
        done < /proc/$$/status; cat /proc/self/cgroup; \
        echo pgrp $(cut -d' ' -f5 /proc/$$/stat) pid $$; echo $MARK; pwd; \
        cat; echo to-stderr >&2; exit 3";

    #[tokio::test]
    async fn an_instance_starts_inside_its_cgroup_with_a_clean_slate() {
        let Some(cgroups) = test_cgroups() else {
            return;
        };
        let subtree = Subtree(cgroups);
        let cgroup = subtree.0.instance("run1", "gen", 1).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let spawned = spawn(&launch(REPORT, cgroup.dir(), dir.path())).unwrap();
        assert!(
            matches!(spawned.exit, Exit::Pidfd(_)),
            "not cloned into its cgroup"
        );
        let pid = spawned.pid;
        let (out, err) = (read_all(spawned.stdout), read_all(spawned.stderr));
        let status = spawned.exit.wait().await.unwrap();
        assert_eq!(status.code(), Some(3), "{out}");
        assert!(out.contains("/run1/gen.1\n"), "{out}");
        assert!(out.contains("SigBlk:\t0000000000000000\n"), "{out}");
        assert!(out.contains("SigIgn:\t0000000000000000"), "{out}");
        assert!(out.contains(&format!("pgrp {pid} pid {pid}\n")), "{out}");
        assert!(out.contains("\nmarked\n"), "{out}");
        let here = dir.path().canonicalize().unwrap();
        assert!(out.contains(&format!("{}\n", here.display())), "{out}");
        assert_eq!(err, "to-stderr\n");
    }

    /// Without cgroups, an instance is cloned the same way: its own
    /// group, a pidfd, every signal at its default (this test process
    /// ignores one of glibc's, which must not reach the program).
    #[tokio::test]
    async fn an_instance_without_a_cgroup_starts_with_a_clean_slate_too() {
        let dir = tempfile::tempdir().unwrap();
        let mut plain = launch(REPORT, dir.path(), dir.path());
        plain.cgroup = None;
        let spawned = spawn(&plain).unwrap();
        assert!(matches!(spawned.exit, Exit::Pidfd(_)), "not cloned");
        let pid = spawned.pid;
        let out = read_all(spawned.stdout);
        let status = spawned.exit.wait().await.unwrap();
        assert_eq!(status.code(), Some(3), "{out}");
        assert!(out.contains("SigIgn:\t0000000000000000"), "{out}");
        assert!(out.contains(&format!("pgrp {pid} pid {pid}\n")), "{out}");
        assert!(out.contains("\nmarked\n"), "{out}");
    }

    /// Where the kernel refuses `clone3`, the runtime spawns the instance:
    /// inside its cgroup still, in its own group, with its environment.
    #[tokio::test]
    async fn where_clone3_is_refused_the_runtime_spawns_it_alike() {
        let subtree = test_cgroups().map(Subtree);
        let dir = tempfile::tempdir().unwrap();
        let cgroup = subtree
            .as_ref()
            .map(|s| s.0.instance("run1", "gen", 5).unwrap());
        let mut plain = launch(REPORT, dir.path(), dir.path());
        plain.cgroup = cgroup.as_ref().map(|c| c.dir().to_path_buf());
        clone::REFUSED_HERE.set(true);
        let spawned = spawn(&plain);
        clone::REFUSED_HERE.set(false);
        let spawned = spawned.unwrap();
        assert!(matches!(spawned.exit, Exit::Child(_)), "cloned after all");
        let pid = spawned.pid;
        let out = read_all(spawned.stdout);
        let status = spawned.exit.wait().await.unwrap();
        assert_eq!(status.code(), Some(3), "{out}");
        if cgroup.is_some() {
            assert!(out.contains("/run1/gen.5\n"), "{out}");
        }
        assert!(out.contains(&format!("pgrp {pid} pid {pid}\n")), "{out}");
        assert!(out.contains("\nmarked\n"), "{out}");
    }

    #[tokio::test]
    async fn a_killed_instance_reports_its_signal() {
        let Some(cgroups) = test_cgroups() else {
            return;
        };
        let subtree = Subtree(cgroups);
        let cgroup = subtree.0.instance("run1", "gen", 2).unwrap();
        let spawned = spawn(&launch("exec sleep 100", cgroup.dir(), Path::new("/"))).unwrap();
        signal_group(spawned.pid, Signal::SIGKILL);
        let status = spawned.exit.wait().await.unwrap();
        assert_eq!(describe_exit(status), "signal 9 (SIGKILL)");
        assert!(cgroup.wait_empty(std::time::Duration::from_secs(10)).await);
    }

    #[tokio::test]
    async fn a_start_that_fails_in_the_child_says_what_failed() {
        let Some(cgroups) = test_cgroups() else {
            return;
        };
        let subtree = Subtree(cgroups);
        let cgroup = subtree.0.instance("run1", "gen", 3).unwrap();
        let gone = Path::new("/nonexistent-flowctl-dir");
        let err = spawn(&launch("true", cgroup.dir(), gone)).unwrap_err();
        assert!(err.contains("cannot enter its working directory"), "{err}");
        assert!(err.contains("inside its cgroup"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("not-executable");
        std::fs::write(&script, "#!/bin/sh\n").unwrap();
        let mut not_executable = launch("", cgroup.dir(), dir.path());
        not_executable.argv = vec![script.display().to_string()];
        let err = spawn(&not_executable).unwrap_err();
        assert!(
            err.contains("cannot execute it: Permission denied"),
            "{err}"
        );
        assert!(!cgroup.is_populated());
    }
}
