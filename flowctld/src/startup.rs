//! The real daemon process around [`run`](crate::run): what
//! only the one `flowctld` owning a socket path does.
//!
//! In order: take the daemon lock, sweep what a dead daemon left running
//! (holding the lock proves it is dead), bind the control plane (so a busy
//! port fails before the socket appears), take the socket a service manager
//! passed or bind our own, start the guard; then serve, and announce
//! readiness to the client that started us (its pipe) and to systemd
//! (`READY=1`). On the way out the lock is released only after
//! [`run`](crate::run) has stopped the runs and removed the
//! socket.

use std::io::Write;
use std::net::SocketAddr;
use std::os::fd::{FromRawFd, OwnedFd};

use tokio::net::TcpListener;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::server::{Listeners, Ready};
use crate::shutdown::Shutdown;
use crate::socket::DaemonLock;
use crate::supervisor::groups::Groups;
use crate::{activation, guard, server};

/// Runs this process as the daemon of `config.socket` until `shutdown`.
pub async fn serve(config: Config, shutdown: Shutdown) -> Result<()> {
    let lock = DaemonLock::acquire(&config.socket)?;
    // Holding the lock, we are the only daemon: whatever a dead one left
    // running is ours to end.
    let leftovers = Groups::kill_all_leftovers(&config.state_dir);
    if leftovers > 0 {
        tracing::warn!(
            groups = leftovers,
            "killed process groups a previous daemon left running"
        );
    }
    let control_plane = bind_control_plane(&config)?;
    let plane_ip = control_plane
        .local_addr()
        .map_err(|source| Error::Listen {
            address: config.control_plane_address.clone(),
            source,
        })?
        .ip();
    let components = crate::own_plane::bind(&config.security, plane_ip)?;
    let metrics = config
        .metrics_address
        .map(crate::metrics::bind)
        .transpose()?;
    // Under socket activation the service manager owns the socket file: we
    // serve the listener it passed, and leave the file alone on the way out.
    let (socket, socket_file) = match activation::inherited_listener_for(&config.socket)? {
        Some(listener) => (listener, None),
        None => (lock.bind()?, Some(config.socket.clone())),
    };
    let _guard = match &config.guard_binary {
        Some(binary) => Some(guard::spawn(
            binary,
            &config.state_dir,
            Groups::new(&config.state_dir).instance(),
        )?),
        None => None,
    };
    let watchdog = activation::watchdog_interval()
        .map(|interval| tokio::spawn(activation::watchdog(interval)));
    let shutdown_seen = shutdown.clone();
    let stopping = tokio::spawn({
        let shutdown = shutdown.clone();
        async move {
            shutdown.wait().await;
            activation::notify("STOPPING=1");
        }
    });
    let listeners = Listeners {
        socket,
        socket_file,
        control_plane,
        components,
        metrics,
    };
    let result = server::run(listeners, config, shutdown, announce_ready).await;
    drop(lock);
    if let Some(watchdog) = watchdog {
        watchdog.abort();
    }
    // A daemon with nothing to stop can be through `run` before the task
    // above ran: systemd still hears STOPPING=1 once.
    if shutdown_seen.is_triggered() && !stopping.is_finished() {
        stopping.abort();
        activation::notify("STOPPING=1");
    } else {
        stopping.abort();
    }
    result
}

/// Binds the control-plane listener `--control-plane-address` and
/// `--control-plane-port` name (an IPv6 address with or without brackets).
fn bind_control_plane(config: &Config) -> Result<TcpListener> {
    let address = format!(
        "{}:{}",
        config.control_plane_address, config.control_plane_port
    );
    let parsed: SocketAddr = address
        .parse()
        .or_else(|_| {
            format!(
                "[{}]:{}",
                config.control_plane_address, config.control_plane_port
            )
            .parse()
        })
        .map_err(|_| {
            Error::InvalidArgument(format!(
                "--control-plane-address '{}' is not an IP address",
                config.control_plane_address
            ))
        })?;
    config.security.check_exposure(parsed.ip())?;
    let listener = std::net::TcpListener::bind(parsed).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AddrInUse {
            Error::PortInUse {
                address: config.control_plane_address.clone(),
                port: config.control_plane_port,
            }
        } else {
            Error::Listen {
                address: address.clone(),
                source,
            }
        }
    })?;
    listener
        .set_nonblocking(true)
        .and_then(|()| TcpListener::from_std(listener))
        .map_err(|source| Error::Listen { address, source })
}

/// The readiness pipe the client that started us passed, if it passed one.
fn ready_fd() -> Option<i32> {
    std::env::var(flowctl_core::env::READY_FD)
        .ok()
        .and_then(|v| v.parse::<i32>().ok())
}

/// Marks the readiness pipe close-on-exec at once, so that no process the
/// daemon starts (its guard, components) holds it open: the client that
/// started us reads end-of-file on it as "the daemon died". Call it first
/// thing in `main`, before any thread starts.
pub fn keep_ready_fd_private() {
    if let Some(fd) = ready_fd() {
        // SAFETY: only flags of a descriptor the client passed us change.
        let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
        let _ = nix::fcntl::fcntl(
            fd,
            nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
        );
    }
}

/// Tells whoever started us that we answer: the client through its pipe,
/// systemd through `NOTIFY_SOCKET`.
fn announce_ready(_ready: Ready) {
    if let Some(fd) = ready_fd() {
        // SAFETY: the client passed us this descriptor for exactly this use,
        // and nothing else in the daemon touches it.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        let mut pipe = std::fs::File::from(fd);
        let _ = writeln!(pipe, "ready {}", std::process::id());
    }
    // Components never see this variable: they get the submitting client's
    // environment, not the daemon's.
    activation::notify("READY=1");
}
