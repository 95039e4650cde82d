//! Spawning one component as a process of its own group, and signalling it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;

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

/// Starts `launch` in a new process group with piped output.
pub fn spawn(launch: &Launch) -> Result<Child, String> {
    let (program, args) = launch
        .argv
        .split_first()
        .ok_or_else(|| "empty command".to_string())?;
    let program = resolve_program(program, &launch.working_dir, launch.env.get("PATH"))?;
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
    let inside = match &launch.cgroup {
        Some(dir) => {
            super::cgroup::born_inside(&mut command, dir).map_err(|err| err.to_string())?;
            format!(" (inside its cgroup {})", dir.display())
        }
        None => String::new(),
    };
    command.spawn().map_err(|err| {
        format!(
            "cannot start {} in {}{inside}: {err}",
            program.display(),
            launch.working_dir.display()
        )
    })
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
