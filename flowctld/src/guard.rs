//! The guard: a tiny process that outlives its daemon only to end what the
//! daemon ran.
//!
//! The daemon starts `flowctld --guard STATE_DIR INSTANCE` with the read
//! end of a pipe as its stdin and keeps the write end, which nothing else
//! inherits. When the daemon exits, however it exits, the kernel closes the
//! write end and the guard's read returns: the guard then kills the process
//! groups the daemon recorded (none after a clean shutdown) and exits.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::error::{Error, Result};
use crate::supervisor::groups::Groups;

/// The flag that makes `flowctld` the guard: `flowctld --guard STATE_DIR
/// INSTANCE` (handled before the daemon's own flags are parsed).
pub const FLAG: &str = "--guard";

/// The running guard; dropping it does not stop it (it ends with us).
#[derive(Debug)]
pub(crate) struct Guard {
    _child: Child,
    _pipe: std::process::ChildStdin,
}

/// Starts the guard of this daemon (named `instance` in its records).
pub(crate) fn spawn(binary: &Path, state_dir: &Path, instance: &str) -> Result<Guard> {
    let mut child = Command::new(binary)
        .arg(FLAG)
        .arg(state_dir)
        .arg(instance)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|source| Error::Io {
            action: "start the guard process",
            path: binary.to_path_buf(),
            source,
        })?;
    let pipe = child
        .stdin
        .take()
        .ok_or_else(|| Error::FailedPrecondition("the guard process has no stdin pipe".into()))?;
    Ok(Guard {
        _child: child,
        _pipe: pipe,
    })
}

/// The guard's whole life: wait for the daemon to go, then clean up.
pub fn run(state_dir: &Path, instance: &str) -> std::process::ExitCode {
    let mut byte = [0u8; 1];
    // Returns at end of file (the daemon is gone) or on an error, which
    // means the same thing for us.
    while let Ok(1) = std::io::stdin().read(&mut byte) {}
    let killed = Groups::of_instance(state_dir, instance).kill_leftovers();
    if killed > 0 {
        eprintln!(
            "flowctld guard: daemon {instance} died; killed {killed} process group(s) it left"
        );
    }
    std::process::ExitCode::SUCCESS
}
