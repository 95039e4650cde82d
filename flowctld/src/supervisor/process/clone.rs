//! How a component's process is born: `clone3`, with `CLONE_PIDFD` (a
//! descriptor to wait on, which no reuse of the pid can confuse) and, when
//! it has a cgroup, `CLONE_INTO_CGROUP`, so that the program and everything
//! it ever forks start inside, with no window in which a child could
//! escape (as there is when a process already running is moved).
//!
//! Moving a process by writing `cgroup.procs` instead takes the cgroup
//! migration lock, which waits for an RCU grace period whenever no
//! migration happened just before: measured here, 0.2 ms back to back but
//! 4 to 10 ms for a lone one, such as the restart of a crashed component.
//! On x86_64 the clone is vfork-style (`CLONE_VM | CLONE_VFORK`, the child
//! on a small stack of its own until it execs), as `posix_spawn` is:
//! copying the daemon's page tables for a fork costs about a millisecond
//! per instance, most of starting a hundred.
//!
//! Every program starts with every signal at its default and none blocked,
//! whatever the daemon inherited from the shell that started it.
//!
//! Where `clone3` or the flag is refused (kernels before 5.3 or 5.7, a
//! seccomp filter), [`spawn`] says so and the caller spawns through the
//! runtime, entering the cgroup with
//! [`born_inside`](crate::supervisor::cgroup::born_inside).

use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use nix::libc;

/// A process started by [`spawn`], with its output pipes.
#[derive(Debug)]
pub struct Born {
    pub pid: u32,
    /// Readable once the process exited (`waitid(P_PIDFD, ..)` reaps it).
    pub pidfd: OwnedFd,
    pub stdout: OwnedFd,
    pub stderr: OwnedFd,
}

/// What [`spawn`] is to start: the program's resolved path, its
/// arguments (without the program), its whole environment and the folder
/// it runs in.
pub struct Program<'a> {
    pub path: &'a Path,
    pub args: &'a [String],
    pub env: &'a std::collections::BTreeMap<String, String>,
    pub working_dir: &'a Path,
}

/// Whether `clone3` (into a cgroup, or not) worked so far; false after the
/// kernel refused it once, so that later spawns go straight to the
/// fallback.
static INTO_CGROUP_WORKS: AtomicBool = AtomicBool::new(true);
static CLONE3_WORKS: AtomicBool = AtomicBool::new(true);

#[cfg(test)]
thread_local! {
    /// Tests on this thread see `clone3` refused, to exercise the fallback.
    pub(super) static REFUSED_HERE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Starts `program` (inside the cgroup `cgroup` when given) in a process
/// group of its own, stdin from `/dev/null`, stdout and stderr piped.
/// `Ok(None)` when this kernel refuses such a clone: the caller then spawns
/// through the runtime.
pub fn spawn(program: &Program<'_>, cgroup: Option<&Path>) -> io::Result<Option<Born>> {
    // The child's signal reset knows the kernel's layout on these two.
    let known_layout = cfg!(any(target_arch = "x86_64", target_arch = "aarch64"));
    let works = match cgroup {
        Some(_) => &INTO_CGROUP_WORKS,
        None => &CLONE3_WORKS,
    };
    if !known_layout || !works.load(Ordering::Relaxed) {
        return Ok(None);
    }
    #[cfg(test)]
    if REFUSED_HERE.get() {
        return Ok(None);
    }
    let plan = Plan::new(program)?;
    let cgroup = cgroup.map(std::fs::File::open).transpose()?;
    let null = std::fs::File::open("/dev/null")?;
    let (out_read, out_write) = pipe()?;
    let (err_read, err_write) = pipe()?;
    let (report_read, report_write) = pipe()?;
    let fds = ChildFds {
        stdin: null.as_raw_fd(),
        stdout: out_write.as_raw_fd(),
        stderr: err_write.as_raw_fd(),
        report: report_write.as_raw_fd(),
    };
    // dup2 onto the same number would keep close-on-exec set; a daemon's
    // 0, 1 and 2 are always open, so new descriptors are above them.
    if [fds.stdin, fds.stdout, fds.stderr]
        .iter()
        .any(|&fd| fd <= 2)
    {
        return Ok(None);
    }
    let mut pidfd: libc::c_int = -1;
    let args = CloneArgs {
        flags: CLONE_PIDFD | cgroup.as_ref().map_or(0, |_| CLONE_INTO_CGROUP),
        pidfd: std::ptr::addr_of_mut!(pidfd) as u64,
        exit_signal: libc::SIGCHLD as u64,
        cgroup: cgroup.as_ref().map_or(0, |dir| dir.as_raw_fd() as u64),
        ..CloneArgs::default()
    };
    let start = Start {
        plan: &plan,
        fds: &fds,
    };
    let (pid, err) = clone(args, &start);
    if pid < 0 {
        return match err.raw_os_error() {
            Some(libc::ENOSYS | libc::EPERM | libc::EINVAL | libc::E2BIG | libc::EOPNOTSUPP) => {
                works.store(false, Ordering::Relaxed);
                tracing::info!(%err, into_cgroup = cgroup.is_some(), "clone3 refused; spawning through the runtime");
                Ok(None)
            }
            _ => Err(err),
        };
    }
    // SAFETY: the kernel stored a new descriptor there, owned by nobody else.
    let pidfd = unsafe { OwnedFd::from_raw_fd(pidfd) };
    drop((out_write, err_write, report_write, null, cgroup));
    match read_report(report_read) {
        None => Ok(Some(Born {
            pid: pid as u32,
            pidfd,
            stdout: out_read,
            stderr: err_read,
        })),
        Some(err) => {
            // It has exited (or is about to): reap it.
            let _ = nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(pid as i32), None);
            Err(err)
        }
    }
}

/// clone3 flags (linux/sched.h); libc's `CLONE_INTO_CGROUP` overflows its type.
const CLONE_VM: u64 = 0x100;
const CLONE_VFORK: u64 = 0x4000;
const CLONE_PIDFD: u64 = 0x1000;
const CLONE_INTO_CGROUP: u64 = 0x2_0000_0000;

/// The kernel's `struct clone_args` (version 2, with `cgroup`).
#[repr(C)]
#[derive(Default)]
struct CloneArgs {
    flags: u64,
    pidfd: u64,
    child_tid: u64,
    parent_tid: u64,
    exit_signal: u64,
    stack: u64,
    stack_size: u64,
    tls: u64,
    set_tid: u64,
    set_tid_size: u64,
    cgroup: u64,
}

/// Everything the child reads, behind one pointer.
struct Start<'a> {
    plan: &'a Plan,
    fds: &'a ChildFds,
}

/// Bytes of the stack the child runs on until its exec: it calls a few
/// system calls, a handful of frames.
#[cfg(target_arch = "x86_64")]
const CHILD_STACK_BYTES: usize = 64 * 1024;

/// Clones the child as `vfork` does: it shares this address space (no
/// page tables copied, nothing copied on write afterwards, which is what
/// makes a fork cost a millisecond in a daemon of this size) on a stack of
/// its own, and this thread waits until it has exec'd or exited. Signals
/// are blocked around it, so that no handler of the daemon's runs in the
/// child before the child has reset them all. Returns the pid (negative
/// on failure) and the error.
#[cfg(target_arch = "x86_64")]
fn clone(mut args: CloneArgs, start: &Start<'_>) -> (i64, io::Error) {
    // SAFETY: a private anonymous mapping of our own, unmapped below once
    // the child no longer runs on it (CLONE_VFORK: exec'd or exited).
    let stack = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            CHILD_STACK_BYTES,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_STACK,
            -1,
            0,
        )
    };
    if stack == libc::MAP_FAILED {
        return (-1, io::Error::last_os_error());
    }
    args.flags |= CLONE_VM | CLONE_VFORK;
    args.stack = stack as u64;
    args.stack_size = CHILD_STACK_BYTES as u64;
    // SAFETY: `all` and `old` are valid signal sets for the calls.
    let mut old: libc::sigset_t = unsafe { std::mem::zeroed() };
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_SETMASK, &all, &mut old);
    }
    let ret: i64;
    // SAFETY: clone3 with a valid clone_args of its size. In the child
    // (rax 0) the kernel has switched to the new stack: it calls
    // `child_entry(start)`, which never returns, so nothing of this frame
    // is used there. The kernel keeps r12 and r13 across the call; rcx and
    // r11 are clobbered by `syscall`.
    unsafe {
        std::arch::asm!(
            "syscall",
            "test rax, rax",
            "jnz 2f",
            "mov rdi, r12",
            "call r13",
            "ud2",
            "2:",
            inlateout("rax") libc::SYS_clone3 => ret,
            in("rdi") std::ptr::addr_of!(args),
            in("rsi") std::mem::size_of::<CloneArgs>(),
            in("r12") start as *const Start<'_>,
            in("r13") child_entry as unsafe extern "C" fn(*const Start<'_>) -> !,
            lateout("rcx") _,
            lateout("r11") _,
            options(nostack),
        );
    }
    let err = match ret < 0 {
        true => io::Error::from_raw_os_error(-ret as i32),
        false => io::Error::from_raw_os_error(0),
    };
    // SAFETY: restores the mask saved above; the child is gone from the
    // stack, which is ours to unmap.
    unsafe {
        libc::pthread_sigmask(libc::SIG_SETMASK, &old, std::ptr::null_mut());
        libc::munmap(stack, CHILD_STACK_BYTES);
    }
    (if ret < 0 { -1 } else { ret }, err)
}

/// Elsewhere the child gets a copy of the address space, as after fork.
#[cfg(not(target_arch = "x86_64"))]
fn clone(args: CloneArgs, start: &Start<'_>) -> (i64, io::Error) {
    // SAFETY: `args` is a valid clone_args of the size given. Without
    // CLONE_VM the child runs on a copy of this address space; there it
    // calls only `child`, which never returns.
    let pid = unsafe {
        libc::syscall(
            libc::SYS_clone3,
            std::ptr::addr_of!(args),
            std::mem::size_of::<CloneArgs>(),
        )
    };
    if pid == 0 {
        // SAFETY: see above; this is the child.
        unsafe { child(start) }
    }
    (pid as i64, io::Error::last_os_error())
}

/// Where the child starts, on its own stack.
#[cfg(target_arch = "x86_64")]
unsafe extern "C" fn child_entry(start: *const Start<'_>) -> ! {
    // SAFETY: `start` points into the parent's frame, which waits
    // (CLONE_VFORK) and so stays alive and unchanged.
    unsafe { child(&*start) }
}

/// The C strings the child needs, made before the clone: the child may
/// not allocate.
struct Plan {
    path: CString,
    working_dir: CString,
    _strings: Vec<CString>,
    argv: Vec<*const libc::c_char>,
    envp: Vec<*const libc::c_char>,
}

impl Plan {
    fn new(program: &Program<'_>) -> io::Result<Plan> {
        let c = |bytes: &[u8]| {
            CString::new(bytes).map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "a NUL byte in the command, its arguments, its environment or its folder",
                )
            })
        };
        let path = c(program.path.as_os_str().as_bytes())?;
        let working_dir = c(program.working_dir.as_os_str().as_bytes())?;
        let mut argv_strings = vec![path.clone()];
        for arg in program.args {
            argv_strings.push(c(arg.as_bytes())?);
        }
        let mut env_strings = Vec::with_capacity(program.env.len());
        for (key, value) in program.env {
            env_strings.push(c(format!("{key}={value}").as_bytes())?);
        }
        let pointers = |strings: &[CString]| {
            let mut list: Vec<*const libc::c_char> = strings.iter().map(|s| s.as_ptr()).collect();
            list.push(std::ptr::null());
            list
        };
        let argv = pointers(&argv_strings);
        let envp = pointers(&env_strings);
        argv_strings.extend(env_strings);
        Ok(Plan {
            path,
            working_dir,
            _strings: argv_strings,
            argv,
            envp,
        })
    }
}

/// The descriptors the child puts in place.
struct ChildFds {
    stdin: libc::c_int,
    stdout: libc::c_int,
    stderr: libc::c_int,
    /// Close-on-exec: end of file tells the parent the exec succeeded.
    report: libc::c_int,
}

/// What the child was doing when it failed, as the report's first byte.
#[derive(Clone, Copy)]
#[repr(u8)]
enum Stage {
    Stdio = 1,
    Group = 2,
    Folder = 3,
    Exec = 4,
}

/// The child's side, up to its exec: only async-signal-safe system calls,
/// nothing allocated, nothing written but its own stack and errno.
unsafe fn child(start: &Start<'_>) -> ! {
    let (plan, fds) = (start.plan, start.fds);
    // SAFETY: plain system calls on descriptors and strings prepared
    // before the clone; nothing is allocated.
    unsafe {
        for (from, to) in [(fds.stdin, 0), (fds.stdout, 1), (fds.stderr, 2)] {
            if libc::dup2(from, to) < 0 {
                fail(fds.report, Stage::Stdio);
            }
        }
        if libc::setpgid(0, 0) < 0 {
            fail(fds.report, Stage::Group);
        }
        if libc::chdir(plan.working_dir.as_ptr()) < 0 {
            fail(fds.report, Stage::Folder);
        }
        // The daemon ignores SIGPIPE (Rust does), may have inherited other
        // ignored signals from whoever started it, and its runtime may
        // block signals on this thread: a program starts with every signal
        // at its default and none blocked (as systemd starts a service).
        default_every_signal();
        let mut empty: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut empty);
        libc::sigprocmask(libc::SIG_SETMASK, &empty, std::ptr::null_mut());
        libc::execve(plan.path.as_ptr(), plan.argv.as_ptr(), plan.envp.as_ptr());
        fail(fds.report, Stage::Exec)
    }
}

/// Sets every signal's disposition to its default, glibc's own (32, 33)
/// included, which its `sigaction` refuses: the kernel's call directly.
unsafe fn default_every_signal() {
    /// The kernel's `struct sigaction` on x86_64 and aarch64.
    #[repr(C)]
    struct KernelSigaction {
        handler: usize,
        flags: u64,
        restorer: usize,
        mask: u64,
    }
    let default = KernelSigaction {
        handler: libc::SIG_DFL,
        flags: 0,
        restorer: 0,
        mask: 0,
    };
    for signal in 1..=64 {
        // SAFETY: a valid struct of the kernel's layout and size 8 masks;
        // SIGKILL and SIGSTOP are refused, harmlessly.
        unsafe {
            libc::syscall(
                libc::SYS_rt_sigaction,
                signal,
                std::ptr::addr_of!(default),
                std::ptr::null_mut::<KernelSigaction>(),
                8usize,
            );
        }
    }
}

/// Reports `stage` and errno to the parent, and exits.
unsafe fn fail(report: libc::c_int, stage: Stage) -> ! {
    // SAFETY: errno of this thread, a write of a buffer on the stack, _exit.
    unsafe {
        let errno = *libc::__errno_location();
        let mut message = [0u8; 5];
        message[0] = stage as u8;
        message[1..].copy_from_slice(&errno.to_ne_bytes());
        libc::write(report, message.as_ptr().cast(), message.len());
        libc::_exit(127)
    }
}

/// Waits for the child's exec: `None` when it happened (the report pipe
/// closed empty), else what failed.
fn read_report(report: OwnedFd) -> Option<io::Error> {
    use std::io::Read;
    let mut file = std::fs::File::from(report);
    let mut message = [0u8; 5];
    let mut got = 0;
    while got < message.len() {
        match file.read(&mut message[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Some(err),
        }
    }
    if got == 0 {
        return None;
    }
    let errno = i32::from_ne_bytes([message[1], message[2], message[3], message[4]]);
    let err = io::Error::from_raw_os_error(errno);
    let what = match message[0] {
        x if x == Stage::Stdio as u8 => "cannot set up its stdin, stdout and stderr",
        x if x == Stage::Group as u8 => "cannot make its process group",
        x if x == Stage::Folder as u8 => "cannot enter its working directory",
        _ => "cannot execute it",
    };
    Some(io::Error::new(err.kind(), format!("{what}: {err}")))
}

/// A pipe whose both ends close on exec.
fn pipe() -> io::Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(io::Error::from)
}
