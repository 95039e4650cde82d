//! What a service manager hands the daemon: a listening socket it already
//! bound (socket activation), a socket to report readiness on, and a
//! watchdog to keep alive.
//!
//! These are the `sd_listen_fds(3)`, `sd_notify(3)` and `sd_watchdog_enabled(3)`
//! protocols, written out in a few lines rather than linked from libsystemd:
//! each is a handful of environment variables and one datagram.
//!
//! Nothing here removes those variables from the environment (that is unsafe
//! in a threaded program). It need not: each names the pid it is meant for,
//! so a process the daemon starts ignores them, and the inherited socket is
//! marked close-on-exec, so no child inherits it.

use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, RawFd};
use std::os::unix::net::UnixListener;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use nix::fcntl::{FcntlArg, FdFlag, fcntl};
use nix::sys::socket::{AddressFamily, SockType, SockaddrLike, SockaddrStorage};
use nix::sys::socket::{getsockname, getsockopt, sockopt};

use crate::error::{Error, Result};

/// The first descriptor a service manager passes (`SD_LISTEN_FDS_START`).
pub const LISTEN_FDS_START: RawFd = 3;

/// Whether descriptor 3 was already taken: it may be owned only once.
static TAKEN: AtomicBool = AtomicBool::new(false);

/// The listening Unix socket a service manager passed us, if it passed one.
///
/// `Ok(None)` when `LISTEN_PID` is unset or names another process (the
/// variables were meant for a parent), or `LISTEN_FDS` is 0. An error when
/// they are meant for us but descriptor 3 is not a listening Unix stream
/// socket: serving something else would fail in stranger ways later. Only
/// the first descriptor is used; flowctld listens on one socket.
pub fn inherited_unix_listener() -> io::Result<Option<UnixListener>> {
    let listen_pid = std::env::var("LISTEN_PID").ok();
    let listen_fds = std::env::var("LISTEN_FDS").ok();
    let count = listen_fds_for(
        listen_pid.as_deref(),
        listen_fds.as_deref(),
        std::process::id(),
    )?;
    if count == 0 || TAKEN.swap(true, Ordering::SeqCst) {
        return Ok(None);
    }
    if count > 1 {
        tracing::warn!(
            count,
            "the service manager passed several sockets; flowctld uses only the first (fd 3)"
        );
    }
    // SAFETY: LISTEN_PID names this process, so the manager passed fd 3 to
    // us, and TAKEN guarantees this is the only place that claims it.
    let fd = unsafe { BorrowedFd::borrow_raw(LISTEN_FDS_START) };
    check_listening_unix_stream(fd)?;
    fcntl(fd, FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC)).map_err(io::Error::from)?;
    // SAFETY: as above; from here on the listener owns (and closes) fd 3.
    Ok(Some(unsafe { UnixListener::from_raw_fd(LISTEN_FDS_START) }))
}

/// How many descriptors `LISTEN_PID`/`LISTEN_FDS` pass to process `own`.
fn listen_fds_for(pid: Option<&str>, fds: Option<&str>, own: u32) -> io::Result<u32> {
    let Some(pid) = pid else {
        return Ok(0);
    };
    if pid.trim().parse::<u32>().ok() != Some(own) {
        return Ok(0);
    }
    let fds = fds.unwrap_or("0");
    fds.trim().parse::<u32>().map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("LISTEN_FDS is '{fds}', not a number of descriptors"),
        )
    })
}

/// Refuses a descriptor that is not a Unix stream socket in listening state.
fn check_listening_unix_stream(fd: BorrowedFd<'_>) -> io::Result<()> {
    let invalid = |what: &str| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "the socket passed as fd {LISTEN_FDS_START} is {what}; flowctld needs a \
                 listening Unix stream socket (ListenStream=/path in the .socket unit)"
            ),
        )
    };
    let address = match getsockname::<SockaddrStorage>(fd.as_raw_fd()) {
        Ok(address) => address,
        Err(nix::errno::Errno::ENOTSOCK) => return Err(invalid("not a socket")),
        Err(errno) => return Err(errno.into()),
    };
    if address.family() != Some(AddressFamily::Unix) {
        return Err(invalid("not a Unix socket"));
    }
    if getsockopt(&fd, sockopt::SockType)? != SockType::Stream {
        return Err(invalid("not a stream socket"));
    }
    if !getsockopt(&fd, sockopt::AcceptConn)? {
        return Err(invalid("not listening"));
    }
    Ok(())
}

/// The watchdog interval the service manager expects pings within
/// (`WATCHDOG_USEC`), when it is meant for us (`WATCHDOG_PID` unset or ours).
pub fn watchdog_interval() -> Option<Duration> {
    watchdog_interval_for(
        std::env::var("WATCHDOG_USEC").ok().as_deref(),
        std::env::var("WATCHDOG_PID").ok().as_deref(),
        std::process::id(),
    )
}

fn watchdog_interval_for(usec: Option<&str>, pid: Option<&str>, own: u32) -> Option<Duration> {
    if let Some(pid) = pid
        && pid.trim().parse::<u32>().ok() != Some(own)
    {
        return None;
    }
    let usec = usec?.trim().parse::<u64>().ok().filter(|usec| *usec > 0)?;
    Some(Duration::from_micros(usec))
}

/// Sends `WATCHDOG=1` at half of `interval`, forever, as `sd_watchdog_enabled(3)`
/// recommends: a daemon whose runtime stalls stops pinging and is restarted.
pub async fn watchdog(interval: Duration) {
    let mut tick = tokio::time::interval(interval / 2);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        notify("WATCHDOG=1");
    }
}

/// Sends one `sd_notify` message (`READY=1`, `STOPPING=1`, `WATCHDOG=1`)
/// when running under a service manager that set `NOTIFY_SOCKET`.
pub fn notify(message: &str) {
    let Some(path) = std::env::var_os("NOTIFY_SOCKET") else {
        return;
    };
    let Ok(socket) = std::os::unix::net::UnixDatagram::unbound() else {
        return;
    };
    let bytes = path.as_encoded_bytes();
    let result = if let Some(name) = bytes.strip_prefix(b"@") {
        #[cfg(target_os = "linux")]
        {
            use std::os::linux::net::SocketAddrExt;
            std::os::unix::net::SocketAddr::from_abstract_name(name)
                .and_then(|addr| socket.send_to_addr(message.as_bytes(), &addr))
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = name;
            Ok(0)
        }
    } else {
        socket.send_to(message.as_bytes(), &path)
    };
    if let Err(err) = result {
        tracing::warn!(%err, "cannot notify systemd");
    }
}

/// The socket the service manager passed for `socket`, ready for tokio, or
/// `None` when the daemon should bind `socket` itself.
pub fn inherited_listener_for(socket: &Path) -> Result<Option<tokio::net::UnixListener>> {
    let io_error = |source| Error::Io {
        action: "use the socket passed by the service manager for",
        path: socket.to_path_buf(),
        source,
    };
    let Some(listener) = inherited_unix_listener().map_err(io_error)? else {
        return Ok(None);
    };
    // Clients find the daemon by path: say so when the unit listens
    // somewhere else than `--socket` says.
    let bound = listener
        .local_addr()
        .ok()
        .and_then(|address| address.as_pathname().map(Path::to_path_buf));
    if bound.as_deref() != Some(socket) {
        tracing::warn!(
            passed = ?bound,
            socket = %socket.display(),
            "the service manager's socket is not at the daemon's socket path; \
             make ListenStream= in the .socket unit and --socket agree"
        );
    }
    listener.set_nonblocking(true).map_err(io_error)?;
    tokio::net::UnixListener::from_std(listener)
        .map(Some)
        .map_err(io_error)
}

#[cfg(test)]
mod tests {
    use std::os::fd::AsFd;

    use super::*;

    #[test]
    fn listen_variables_count_only_for_our_pid() {
        assert_eq!(listen_fds_for(None, Some("1"), 42).unwrap(), 0);
        assert_eq!(listen_fds_for(Some("41"), Some("1"), 42).unwrap(), 0);
        assert_eq!(listen_fds_for(Some("42"), Some("2"), 42).unwrap(), 2);
        assert_eq!(listen_fds_for(Some("42"), None, 42).unwrap(), 0);
        assert!(listen_fds_for(Some("42"), Some("x"), 42).is_err());
    }

    #[test]
    fn watchdog_interval_only_when_meant_for_us() {
        let own = 42;
        assert_eq!(
            watchdog_interval_for(Some("2000000"), None, own),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            watchdog_interval_for(Some("2000000"), Some("42"), own),
            Some(Duration::from_secs(2))
        );
        assert_eq!(watchdog_interval_for(Some("2000000"), Some("7"), own), None);
        assert_eq!(watchdog_interval_for(Some("0"), None, own), None);
        assert_eq!(watchdog_interval_for(None, None, own), None);
    }

    #[test]
    fn only_a_listening_unix_stream_socket_is_accepted() {
        let tmp = tempfile::tempdir().unwrap();
        let listener = UnixListener::bind(tmp.path().join("s.sock")).unwrap();
        check_listening_unix_stream(listener.as_fd()).unwrap();

        let (stream, _peer) = std::os::unix::net::UnixStream::pair().unwrap();
        let err = check_listening_unix_stream(stream.as_fd()).unwrap_err();
        assert!(err.to_string().contains("not listening"), "{err}");

        let datagram = std::os::unix::net::UnixDatagram::unbound().unwrap();
        let err = check_listening_unix_stream(datagram.as_fd()).unwrap_err();
        assert!(err.to_string().contains("not a stream"), "{err}");

        let tcp = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let err = check_listening_unix_stream(tcp.as_fd()).unwrap_err();
        assert!(err.to_string().contains("not a Unix socket"), "{err}");

        let file = std::fs::File::open("/dev/null").unwrap();
        let err = check_listening_unix_stream(file.as_fd()).unwrap_err();
        assert!(err.to_string().contains("not a socket"), "{err}");
    }
}
