//! The fallback way into a cgroup, where the kernel refuses `clone3` into
//! one (see `supervisor::process::clone`): between fork and exec, the child
//! writes `0` (itself) into the cgroup's `cgroup.procs`, so that the
//! program still starts inside.

use std::ffi::CString;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use nix::libc;

/// Makes `command`'s process enter the cgroup `dir` before it execs: the
/// fallback where [`clone_into`] cannot be used. The hook forces a full
/// fork of the daemon, and the write takes the migration lock.
pub fn born_inside(command: &mut tokio::process::Command, dir: &Path) -> io::Result<()> {
    let procs = CString::new(dir.join("cgroup.procs").as_os_str().as_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a NUL byte in a cgroup path"))?;
    // SAFETY: the hook runs in the forked child before exec, where only
    // async-signal-safe calls are allowed: it makes three system calls on
    // a path prepared here, and allocates nothing (an OS error is a plain
    // number inside `io::Error`).
    unsafe {
        command.pre_exec(move || enter(&procs));
    }
    Ok(())
}

/// Writes this process into the cgroup whose `cgroup.procs` is `procs`.
fn enter(procs: &CString) -> io::Result<()> {
    // SAFETY: plain system calls on a valid NUL-terminated path and a
    // one-byte buffer that outlives them.
    unsafe {
        let fd = libc::open(procs.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        let written = libc::write(fd, b"0".as_ptr().cast(), 1);
        let error = io::Error::last_os_error();
        libc::close(fd);
        if written != 1 {
            return Err(error);
        }
    }
    Ok(())
}
