//! Running a component: read the environment, bind, serve, register,
//! report progress, and stop cleanly on SIGTERM or SIGINT.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio::time::{Instant, MissedTickBehavior, interval, timeout_at};
use tokio_stream::wrappers::TcpListenerStream;
use tonic::service::Routes;
use tonic::transport::Server;

use crate::component::{Component, Spec, kind_word};
use crate::config::Settings;
use crate::control_plane::{self, Link};
use crate::shutdown::{self, Shutdown};
use crate::{Error, info, warn};

/// How long shutdown may take before open streams are cut, so that the
/// process exits within a second of the signal.
const SHUTDOWN_GRACE: Duration = Duration::from_millis(800);

/// Runs the component described by `spec` until SIGTERM or SIGINT and
/// returns the exit code: 0 after a clean stop, 2 for a configuration
/// mistake, 1 for a failure at run time. `build` makes the gRPC services
/// once the component knows its id and endpoint; they should end their
/// streams when the [`Shutdown`] fires.
pub fn launch<F>(spec: Spec, build: F) -> ExitCode
where
    F: FnOnce(Arc<Component>, Shutdown) -> Routes,
{
    match run(spec, build) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => exit_with(&err),
    }
}

/// Reports `err` on stderr and gives the exit code it calls for; for
/// binaries that fail before [`launch`], e.g. on their own settings.
pub fn exit_with(err: &Error) -> ExitCode {
    warn!("error: {err}");
    ExitCode::from(err.exit_code())
}

fn run<F>(spec: Spec, build: F) -> Result<(), Error>
where
    F: FnOnce(Arc<Component>, Shutdown) -> Routes,
{
    let settings = Settings::from_env(kind_word(spec.kind))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| Error::Os {
            action: "starting the async runtime",
            source,
        })?;
    let result = runtime.block_on(serve(settings, spec, build));
    // File writes may still sit in the blocking pool; they must not hold up the exit.
    runtime.shutdown_timeout(Duration::from_millis(100));
    result
}

async fn serve<F>(settings: Settings, spec: Spec, build: F) -> Result<(), Error>
where
    F: FnOnce(Arc<Component>, Shutdown) -> Routes,
{
    let listener = TcpListener::bind(settings.listen)
        .await
        .map_err(|source| Error::Bind {
            addr: settings.listen,
            source,
        })?;
    let bound = listener.local_addr().map_err(|source| Error::Os {
        action: "reading the bound address",
        source,
    })?;
    let component = Arc::new(Component::new(
        spec,
        settings.component_id.clone(),
        advertised(bound).to_string(),
    ));
    // Installed before anything is announced, so a signal sent as soon as the
    // "listening" line appears is handled, not fatal.
    let os = |source| Error::Os {
        action: "installing the signal handlers",
        source,
    };
    let mut sigterm = signal(SignalKind::terminate()).map_err(os)?;
    let mut sigint = signal(SignalKind::interrupt()).map_err(os)?;
    let (trigger, shutdown) = shutdown::channel();

    let routes = build(Arc::clone(&component), shutdown.clone());
    let stop = shutdown.clone();
    let mut server = tokio::spawn(
        Server::builder()
            .add_routes(routes)
            .serve_with_incoming_shutdown(TcpListenerStream::new(listener), async move {
                stop.wait().await
            }),
    );
    info!(
        "{} ({}) listening on {}",
        component.id,
        kind_word(component.spec.kind),
        component.endpoint
    );

    let control = match settings.control_plane {
        Some(addr) => {
            let link = Link {
                addr,
                heartbeat_interval: settings.heartbeat_interval,
                register_key: if settings.id_from_env {
                    settings.component_id
                } else {
                    String::new()
                },
                access: crate::access::Access::from_env()?,
            };
            Some(tokio::spawn(control_plane::run(
                link,
                Arc::clone(&component),
                shutdown.clone(),
            )))
        }
        None => {
            info!("running standalone: ENABLE_FLOWCTL is not true or FLOWCTL_ENDPOINT is unset");
            None
        }
    };
    tokio::spawn(report_progress(Arc::clone(&component), shutdown.clone()));

    let name = tokio::select! {
        _ = sigterm.recv() => "SIGTERM",
        _ = sigint.recv() => "SIGINT",
        ended = &mut server => return server_outcome(ended),
    };
    info!("received {name}, shutting down");
    trigger.fire();

    // The services end their streams on shutdown; the deadline covers a
    // client that keeps a connection busy regardless.
    let deadline = Instant::now() + SHUTDOWN_GRACE;
    match timeout_at(deadline, server).await {
        Ok(ended) => server_outcome(ended)?,
        Err(_) => warn!("open streams did not finish within {SHUTDOWN_GRACE:?}; closing them"),
    }
    if let Some(control) = control {
        let _ = timeout_at(deadline, control).await;
    }
    let spec = &component.spec;
    info!(
        "stopped: {} events {} in total",
        component.metrics.get(spec.progress_counter),
        spec.progress_verb
    );
    Ok(())
}

fn server_outcome(
    ended: Result<Result<(), tonic::transport::Error>, tokio::task::JoinError>,
) -> Result<(), Error> {
    match ended {
        Ok(result) => result.map_err(Error::Serve),
        Err(join) => Err(Error::Os {
            action: "running the data-plane server",
            source: std::io::Error::other(join),
        }),
    }
}

/// The address others dial: a wildcard bind is reachable on loopback.
fn advertised(bound: SocketAddr) -> SocketAddr {
    match bound.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => (Ipv4Addr::LOCALHOST, bound.port()).into(),
        IpAddr::V6(ip) if ip.is_unspecified() => (Ipv6Addr::LOCALHOST, bound.port()).into(),
        _ => bound,
    }
}

/// Logs the progress counter at most once a second, and only when it moved,
/// so that an idle component stays quiet.
async fn report_progress(component: Arc<Component>, shutdown: Shutdown) {
    let mut ticks = interval(Duration::from_secs(1));
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let spec = &component.spec;
    let mut last = 0;
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            () = shutdown.wait() => return,
        }
        let now = component.metrics.get(spec.progress_counter);
        if now != last {
            info!("{} {now} events", spec.progress_verb);
            last = now;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_binds_are_advertised_on_loopback() {
        let any: SocketAddr = "0.0.0.0:50051".parse().expect("literal");
        assert_eq!(advertised(any).to_string(), "127.0.0.1:50051");
        let own: SocketAddr = "127.0.0.2:7".parse().expect("literal");
        assert_eq!(advertised(own), own);
    }
}
