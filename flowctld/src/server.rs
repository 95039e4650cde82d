//! Binding the daemon's listeners and serving until shutdown.
//!
//! Order matters on the way in and out. In: lock, bind the control plane
//! (so a busy port fails before the socket appears), bind the socket, then
//! announce readiness. Out: stop every run, remove the socket, release the
//! lock, and only then drop client connections, so a client that saw its
//! connection close can immediately start a new daemon.

use std::io::Write;
use std::net::SocketAddr;
use std::os::fd::{FromRawFd, OwnedFd};
use std::sync::Arc;

use flowctl_proto::daemon::v1::daemon_server::DaemonServer;
use flowctl_proto::legacy::control_plane_server::ControlPlaneServer;
use flowctl_proto::v1::control_plane_service_server::ControlPlaneServiceServer;
use tokio_stream::wrappers::{TcpListenerStream, UnixListenerStream};
use tonic::transport::Server;

use crate::api::control_plane::ControlPlane;
use crate::api::daemon::{DaemonApi, only_same_user};
use crate::api::legacy::Legacy;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::shutdown::Shutdown;
use crate::socket::DaemonLock;
use crate::state::State;

/// Environment variable naming a pipe the daemon writes one line to once it
/// answers on its socket; the client that started it waits on that.
pub const READY_FD_ENV: &str = "FLOWCTL_READY_FD";

/// Runs the daemon until `shutdown` is triggered (by a signal, by the
/// `Shutdown` rpc, or by the caller).
pub async fn run(config: Config, shutdown: Shutdown) -> Result<()> {
    let lock = DaemonLock::acquire(&config.socket)?;
    flowctl_core::paths::prepare_private_dir(&config.state_dir)?;
    // Holding the lock, we are the only daemon: whatever a dead one left
    // running is ours to end.
    let leftovers = crate::supervisor::groups::Groups::kill_all_leftovers(&config.state_dir);
    if leftovers > 0 {
        tracing::warn!(
            groups = leftovers,
            "killed process groups a previous daemon left running"
        );
    }
    let tcp = bind_control_plane(&config)?;
    let endpoint = tcp.local_addr().map_err(|source| Error::Listen {
        address: config.control_plane_address.clone(),
        source,
    })?;
    // Under socket activation the service manager owns the socket file: we
    // serve the listener it passed, and leave the file alone on the way out.
    let inherited = crate::activation::inherited_listener_for(&config.socket)?;
    let activated = inherited.is_some();
    let unix = match inherited {
        Some(listener) => listener,
        None => lock.bind()?,
    };
    let _guard = match &config.guard_binary {
        Some(binary) => Some(crate::guard::spawn(
            binary,
            &config.state_dir,
            crate::supervisor::groups::Groups::new(&config.state_dir).instance(),
        )?),
        None => None,
    };
    let state = Arc::new(State::open(config, shutdown.clone())?);
    let _ = state.control_plane_endpoint.set(endpoint.to_string());
    reconcile(&state)?;

    let control_plane = tokio::spawn(serve_control_plane(state.clone(), tcp));
    let daemon = tokio::spawn(
        Server::builder()
            .add_service(DaemonServer::with_interceptor(
                DaemonApi::new(state.clone()),
                only_same_user,
            ))
            .serve_with_incoming(UnixListenerStream::new(unix)),
    );
    let janitor = tokio::spawn(janitor(state.clone()));
    let watchdog = crate::activation::watchdog_interval()
        .map(|interval| tokio::spawn(crate::activation::watchdog(interval)));
    tracing::info!(
        pid = std::process::id(),
        socket = %state.config.socket.display(),
        control_plane = %endpoint,
        "flowctld ready"
    );
    announce_ready();

    shutdown.wait().await;
    crate::activation::notify("STOPPING=1");
    if shutdown.restart_runs() {
        tracing::info!("shutting down: stopping runs, to be started again by the next daemon");
        state.supervisor.stop_all_for_restart().await;
    } else {
        tracing::info!("shutting down: stopping runs");
        state.supervisor.stop_all().await;
    }
    if !activated {
        lock.remove_socket();
    }
    drop(lock);
    janitor.abort();
    if let Some(watchdog) = watchdog {
        watchdog.abort();
    }
    control_plane.abort();
    tracing::info!("flowctld stopped");
    // The client API keeps serving until the process exits (or the caller
    // drops the runtime): a `Shutdown` stream then ends exactly when the
    // daemon is gone, never before.
    drop(daemon);
    Ok(())
}

fn bind_control_plane(config: &Config) -> Result<tokio::net::TcpListener> {
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
        .and_then(|()| tokio::net::TcpListener::from_std(listener))
        .map_err(|source| Error::Listen { address, source })
}

async fn serve_control_plane(state: Arc<State>, tcp: tokio::net::TcpListener) {
    let (health_reporter, health) = tonic_health::server::health_reporter();
    health_reporter
        .set_serving::<ControlPlaneServiceServer<ControlPlane>>()
        .await;
    health_reporter
        .set_serving::<ControlPlaneServer<Legacy>>()
        .await;
    let reflection = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(flowctl_proto::FILE_DESCRIPTOR_SET)
        .build_v1();
    let mut router = Server::builder()
        .add_service(ControlPlaneServiceServer::new(ControlPlane::new(
            state.clone(),
        )))
        .add_service(ControlPlaneServer::new(Legacy::new(state)))
        .add_service(health);
    if let Ok(reflection) = reflection {
        router = router.add_service(reflection);
    }
    if let Err(err) = router
        .serve_with_incoming(TcpListenerStream::new(tcp))
        .await
    {
        tracing::error!(%err, "control plane stopped");
    }
}

/// How often the store notes that the daemon is alive.
const ALIVE_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// Runs heartbeat expiry (at each deadline), and every `janitor_interval`
/// notes in the store that the daemon is alive (for "exited unexpectedly
/// at" after a crash).
async fn janitor(state: Arc<State>) {
    let mut tick = tokio::time::interval(state.config.janitor_interval);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut marked: Option<tokio::time::Instant> = None;
    // Heartbeats expire at each registration's own deadline, not on ticks;
    // the set stops that task when the janitor is stopped.
    let mut expiry = tokio::task::JoinSet::new();
    expiry.spawn(state.registry.clone().expire_on_deadlines());
    loop {
        tick.tick().await;
        // A durable commit costs an fsync: at most one every few seconds.
        if marked.is_none_or(|at| at.elapsed() >= ALIVE_EVERY) {
            marked = Some(tokio::time::Instant::now());
            let store = state.store.clone();
            let result = tokio::task::spawn_blocking(move || {
                store.mark_alive(flowctl_core::clock::now_ms())
            })
            .await;
            if let Ok(Err(err)) = result {
                tracing::warn!(%err, "cannot record that the daemon is alive");
            }
        }
    }
}

/// Settles what a previous daemon left: its active runs failed with it
/// (their processes were killed above), and the runs it stopped for a
/// restart start again under their own ids.
fn reconcile(state: &Arc<State>) -> Result<()> {
    let resume = state.runs.reconcile(state.store.last_alive_ms()?)?;
    for record in resume {
        // A run that cannot be resumed keeps the status it ended with and
        // its record says why (`Supervisor::resume`).
        if let Err(err) = state.supervisor.resume(&record.id) {
            tracing::error!(run = %record.id, %err, "cannot start a run again after the restart");
        }
    }
    Ok(())
}

/// Marks the readiness pipe close-on-exec at once, so that no process the
/// daemon starts (its guard, components) holds it open: the client that
/// started us reads end-of-file on it as "the daemon died".
pub fn keep_ready_fd_private() {
    if let Some(fd) = std::env::var(READY_FD_ENV)
        .ok()
        .and_then(|v| v.parse::<i32>().ok())
    {
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
fn announce_ready() {
    if let Some(fd) = std::env::var(READY_FD_ENV)
        .ok()
        .and_then(|v| v.parse::<i32>().ok())
    {
        // SAFETY: the client passed us this descriptor for exactly this use,
        // and nothing else in the daemon touches it.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        let mut pipe = std::fs::File::from(fd);
        let _ = writeln!(pipe, "ready {}", std::process::id());
    }
    // Components never see this variable: they get the submitting client's
    // environment, not the daemon's.
    crate::activation::notify("READY=1");
}
