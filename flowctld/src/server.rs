//! Serving the daemon on listeners the caller bound, until shutdown.
//!
//! As in mini-redis, [`run`] is handed what it serves on and when to stop,
//! so a test can start a daemon in-process on a temp socket and port 0.
//! Everything that concerns only the real daemon process (the lock, socket
//! activation, the readiness pipe, the guard, the sweep of a dead daemon's
//! leftovers) is in [`crate::startup`].
//!
//! Order matters on the way in and out. In (the caller): lock, bind the
//! control plane (so a busy port fails before the socket appears), bind the
//! socket; then `run` announces readiness. Out: `run` stops every run and
//! removes the socket file, then the caller releases the lock, and only the
//! process exit drops client connections, so a client that saw its
//! connection close can immediately start a new daemon.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use flowctl_proto::legacy::control_plane_server::ControlPlaneServer;
use flowctl_proto::v1::control_plane_service_server::ControlPlaneServiceServer;
use tokio::net::{TcpListener, UnixListener};
use tonic::transport::{Server, ServerTlsConfig};

use crate::api::control_plane::ControlPlane;
use crate::api::legacy::Legacy;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::peer::Admission;
use crate::shutdown::Shutdown;
use crate::state::State;

/// What the daemon serves on, bound by the caller.
#[derive(Debug)]
pub struct Listeners {
    /// The daemon API (`flowctl`), for the same user only.
    pub socket: UnixListener,
    /// The socket's file, removed once every run has stopped; `None` when
    /// someone else owns the file (a service manager that passed the socket).
    pub socket_file: Option<PathBuf>,
    /// The control plane components register and heartbeat with.
    pub control_plane: TcpListener,
    /// The loopback listener of the components this daemon starts, when the
    /// control plane has TLS or is off loopback (`own_plane::bind`); without
    /// it they are given the control plane's address.
    pub components: Option<TcpListener>,
    /// Prometheus `/metrics` (`--metrics-address`), if asked for.
    pub metrics: Option<TcpListener>,
}

/// What a daemon that answers tells whoever waits for it.
#[derive(Debug, Clone)]
pub struct Ready {
    /// Where the control plane listens (the port, when port 0 was bound).
    pub control_plane: SocketAddr,
}

/// Serves the daemon on `listeners` until `shutdown` is triggered (by the
/// caller, a signal, or the `Shutdown` rpc), calling `ready` once both
/// listeners answer. On the way out every run is stopped first, then the
/// socket file is removed. The daemon API keeps answering until the caller
/// drops the runtime (or the process exits): a client's `Shutdown` stream
/// ends exactly when the daemon is gone, never before.
pub async fn run(
    listeners: Listeners,
    config: Config,
    shutdown: Shutdown,
    ready: impl FnOnce(Ready),
) -> Result<()> {
    let Listeners {
        socket,
        socket_file,
        control_plane: tcp,
        components,
        metrics,
    } = listeners;
    let address = |listener: &TcpListener| {
        listener.local_addr().map_err(|source| Error::Listen {
            address: config.control_plane_address.clone(),
            source,
        })
    };
    let endpoint = address(&tcp)?;
    let components_endpoint = components.as_ref().map(address).transpose()?;
    let secured = secure(&config, endpoint).and_then(|secured| {
        let endpoints = Endpoints {
            control_plane: endpoint,
            components: components_endpoint.unwrap_or(endpoint),
        };
        let state = open_state(config, &shutdown, endpoints)?;
        Ok((state, secured))
    });
    let (state, (tls, admission)) = match secured {
        Ok(opened) => opened,
        Err(err) => {
            // Nobody will serve on it: leave no socket file behind.
            if let Some(file) = &socket_file {
                crate::socket::remove_socket(file);
            }
            return Err(err);
        }
    };

    if let Err(err) = crate::supervisor::startup_run::start(&state).await {
        if let Some(file) = &socket_file {
            crate::socket::remove_socket(file);
        }
        return Err(err);
    }
    let own_components = components.map(|listener| {
        let admission = admission.for_own_components();
        tokio::spawn(serve_control_plane(
            state.clone(),
            listener,
            None,
            admission,
        ))
    });
    let control_plane = tokio::spawn(serve_control_plane(state.clone(), tcp, tls, admission));
    // gRPC for `flowctl` and the JSON API beside it, on the one socket.
    let daemon = tokio::spawn(crate::http::socket::serve(socket, state.clone()));
    let janitor = tokio::spawn(janitor(state.clone()));
    let metrics = metrics.map(|listener| {
        if let Ok(address) = listener.local_addr() {
            let _ = state.metrics_endpoint.set(address.to_string());
        }
        tokio::spawn(crate::metrics::serve(listener, state.clone()))
    });
    tracing::info!(
        pid = std::process::id(),
        socket = %state.config.socket.display(),
        control_plane = %endpoint,
        components = %state.components_endpoint(),
        metrics = state.metrics_endpoint.get().map(String::as_str).unwrap_or("off"),
        "flowctld ready"
    );
    ready(Ready {
        control_plane: endpoint,
    });

    shutdown.wait().await;
    if shutdown.restart_runs() {
        tracing::info!("shutting down: stopping runs, to be started again by the next daemon");
        state.supervisor.stop_all_for_restart().await;
    } else {
        tracing::info!("shutting down: stopping runs");
        state.supervisor.stop_all().await;
    }
    // Last chance for statuses a full disk refused (`supervisor::unrecorded`).
    let waiting = state.supervisor.record_pending();
    if waiting > 0 {
        tracing::error!(
            runs = waiting,
            "exiting with run statuses that could not be recorded"
        );
    }
    if let Some(file) = socket_file {
        // The caller still holds the daemon lock.
        crate::socket::remove_socket(&file);
    }
    janitor.abort();
    control_plane.abort();
    if let Some(own_components) = own_components {
        own_components.abort();
    }
    if let Some(metrics) = metrics {
        metrics.abort();
    }
    tracing::info!("flowctld stopped");
    drop(daemon);
    Ok(())
}

/// Where the control plane listens, and where the daemon's own components
/// reach it (the same address unless they have a listener of their own).
struct Endpoints {
    control_plane: SocketAddr,
    components: SocketAddr,
}

/// Opens the state directory and the store, and settles what a previous
/// daemon left (resumed runs' components are given `endpoints.components`).
fn open_state(config: Config, shutdown: &Shutdown, endpoints: Endpoints) -> Result<Arc<State>> {
    flowctl_core::paths::prepare_private_dir(&config.state_dir)?;
    let state = Arc::new(State::open(config, shutdown.clone())?);
    let _ = state
        .control_plane_endpoint
        .set(endpoints.control_plane.to_string());
    let _ = state
        .own_components_endpoint
        .set(endpoints.components.to_string());
    reconcile(&state)?;
    Ok(state)
}

/// The control plane's TLS and who it admits on `endpoint`, read now so
/// that a bad file or token stops the daemon at startup.
fn secure(config: &Config, endpoint: SocketAddr) -> Result<(Option<ServerTlsConfig>, Admission)> {
    let security = &config.security;
    let admission = Admission {
        root: config.control_plane_allow_root,
        token: security.token()?,
        insecure: security.insecure,
        exposed: !endpoint.ip().is_loopback(),
    };
    Ok((security.server_tls()?, admission))
}

async fn serve_control_plane(
    state: Arc<State>,
    tcp: tokio::net::TcpListener,
    tls: Option<ServerTlsConfig>,
    admission: Admission,
) {
    let (health_reporter, health) = tonic_health::server::health_reporter();
    health_reporter
        .set_serving::<ControlPlaneServiceServer<ControlPlane>>()
        .await;
    health_reporter
        .set_serving::<ControlPlaneServer<Legacy>>()
        .await;
    // Reflection v1 and v1alpha (grpcio-reflection, grpc_cli, Evans and
    // older grpcurl speak only v1alpha).
    let reflection = || {
        tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(flowctl_proto::FILE_DESCRIPTOR_SET)
    };
    // Both control-plane services admit callers by `peer::Admission`
    // (the daemon's own user, a token, a client certificate), before any
    // handler runs; health and reflection tell nothing about runs and stay
    // open (behind TLS, when configured).
    let mut builder = Server::builder();
    if let Some(tls) = tls {
        builder = match builder.tls_config(tls) {
            Ok(builder) => builder,
            Err(err) => {
                tracing::error!(%err, "control plane TLS unusable");
                return;
            }
        };
    }
    let legacy_admission = admission.clone();
    let mut router = builder
        .add_service(ControlPlaneServiceServer::with_interceptor(
            ControlPlane::new(state.clone()),
            move |request| admission.check(request),
        ))
        .add_service(ControlPlaneServer::with_interceptor(
            Legacy::new(state),
            move |request| legacy_admission.check(request),
        ))
        .add_service(health);
    match (reflection().build_v1(), reflection().build_v1alpha()) {
        (Ok(v1), Ok(v1alpha)) => router = router.add_service(v1).add_service(v1alpha),
        (Err(err), _) | (_, Err(err)) => tracing::warn!(%err, "no server reflection"),
    }
    if let Err(err) = router.serve_with_incoming(crate::peer::incoming(tcp)).await {
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
            let supervisor = state.supervisor.clone();
            let result = tokio::task::spawn_blocking(move || {
                // Statuses a full disk refused are written once it has room.
                supervisor.record_pending();
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
/// (the startup sweep killed their processes), and the runs it stopped for a
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
