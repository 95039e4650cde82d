//! `flowctld --in-cgroup DIR PROGRAM ARGS...`: what a contained instance is
//! spawned as. It moves itself into the cgroup `DIR`, then becomes
//! `PROGRAM` (same pid, environment, directory and process group), so the
//! program and everything it ever forks are born inside: no window in which
//! a child could escape, as there is when the daemon moves a process that
//! is already running. The spawn stays a vfork-style one (no hook runs in
//! the daemon's child); the price is one more exec.

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::ExitCode;

/// The hidden flag that makes `flowctld` this shim.
pub const FLAG: &str = "--in-cgroup";

/// Enters the cgroup `args[0]` and execs `args[1..]`; returns only if the
/// program cannot be started.
pub fn exec_in(args: &[OsString]) -> ExitCode {
    let (Some(dir), Some(program)) = (args.first(), args.get(1)) else {
        eprintln!("flowctld: usage: flowctld {FLAG} CGROUP_DIR PROGRAM [ARGS...]");
        return ExitCode::from(2);
    };
    let procs = Path::new(dir).join("cgroup.procs");
    if let Err(err) = std::fs::write(&procs, std::process::id().to_string()) {
        // Still contained by its process group, as without cgroups.
        eprintln!(
            "flowctld: cannot enter {}: {err}; running without its cgroup",
            procs.display()
        );
    }
    let err = std::process::Command::new(program).args(&args[2..]).exec();
    eprintln!(
        "flowctld: cannot start {}: {err}",
        Path::new(program).display()
    );
    ExitCode::from(127)
}
