//! Registration with the control plane and the heartbeats that follow.
//!
//! Unlike the Go SDK, the component is already serving when it registers, it
//! keeps retrying (with bounded backoff) instead of blocking forever on an
//! unreachable control plane, and it registers again when the control plane
//! has forgotten it (a heartbeat answered `NOT_FOUND`, e.g. after a restart).

use std::sync::Arc;
use std::time::Duration;

use flowctl_proto::v1::control_plane_service_client::ControlPlaneServiceClient;
use flowctl_proto::v1::{HealthStatus, HeartbeatRequest, RegisterRequest};
use tokio::time::{MissedTickBehavior, interval_at, sleep, timeout};
use tonic::Code;
use tonic::transport::{Channel, Endpoint};

use crate::component::Component;
use crate::shutdown::Shutdown;
use crate::{info, warn};

/// How the component finds and talks to the control plane.
#[derive(Debug, Clone)]
pub struct Link {
    /// `host:port` of the control plane.
    pub addr: String,
    /// Time between heartbeats.
    pub heartbeat_interval: Duration,
    /// The `component_id` sent when registering: the pipeline's id, or empty
    /// when the id was generated.
    pub register_key: String,
    /// TLS and token for a control plane off loopback.
    pub access: crate::access::Access,
}

/// Delays between registration attempts: 100 ms, doubling, at most 2 s.
#[derive(Debug)]
pub struct Backoff {
    next: Duration,
}

impl Backoff {
    const FIRST: Duration = Duration::from_millis(100);
    const MAX: Duration = Duration::from_secs(2);

    /// A backoff at its first delay.
    pub fn new() -> Self {
        Backoff { next: Self::FIRST }
    }

    /// The delay before the next attempt.
    pub fn next_delay(&mut self) -> Duration {
        let delay = self.next;
        self.next = (self.next * 2).min(Self::MAX);
        delay
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Self::new()
    }
}

/// Registers, then heartbeats until shutdown; never fails the component,
/// because a control plane that is away must not stop the data flowing.
pub async fn run(link: Link, component: Arc<Component>, shutdown: Shutdown) {
    let url = format!("{}://{}", link.access.scheme(), link.addr);
    let endpoint = Endpoint::from_shared(url).and_then(|endpoint| match &link.access.tls {
        Some(tls) => endpoint.tls_config(tls.clone()),
        None => Ok(endpoint),
    });
    let endpoint = match endpoint {
        Ok(endpoint) => endpoint
            .connect_timeout(Duration::from_secs(1))
            .timeout(Duration::from_secs(5)),
        Err(err) => {
            warn!(
                "control plane address {} is unusable ({err}): running standalone",
                link.addr
            );
            return;
        }
    };
    // A lazy channel reconnects by itself, so one client serves every retry.
    let mut client = ControlPlaneServiceClient::new(endpoint.connect_lazy());
    loop {
        let Some(service_id) = register(&mut client, &link, &component, &shutdown).await else {
            return;
        };
        if !heartbeat(&mut client, &link, &component, &service_id, &shutdown).await {
            return;
        }
        info!("the control plane no longer knows {service_id}: registering again");
    }
}

/// Registers until it succeeds; `None` if shutdown came first.
async fn register(
    client: &mut ControlPlaneServiceClient<Channel>,
    link: &Link,
    component: &Component,
    shutdown: &Shutdown,
) -> Option<String> {
    let request = RegisterRequest {
        component: Some(component.info()),
        component_id: link.register_key.clone(),
    };
    let mut backoff = Backoff::new();
    loop {
        let outcome = tokio::select! {
            outcome = client.register_component(link.access.request(request.clone())) => outcome,
            () = shutdown.wait() => return None,
        };
        match outcome {
            Ok(response) => {
                let mut service_id = response.into_inner().service_id;
                if service_id.is_empty() {
                    service_id = component.id.clone();
                }
                info!(
                    "registered as {service_id} with the control plane at {}",
                    link.addr
                );
                return Some(service_id);
            }
            Err(status) => {
                let delay = backoff.next_delay();
                warn!(
                    "registering with the control plane at {} failed: {}; retrying in {} ms",
                    link.addr,
                    describe(&status),
                    delay.as_millis()
                );
                tokio::select! {
                    () = sleep(delay) => {}
                    () = shutdown.wait() => return None,
                }
            }
        }
    }
}

/// Heartbeats every interval. Returns `false` on shutdown, `true` when the
/// control plane answered `NOT_FOUND` and the component must register again.
async fn heartbeat(
    client: &mut ControlPlaneServiceClient<Channel>,
    link: &Link,
    component: &Component,
    service_id: &str,
    shutdown: &Shutdown,
) -> bool {
    // `EXAMPLE_HANG=1` plays a hung component: registered, alive, silent.
    // The supervisor should notice the missing heartbeats and restart it.
    if std::env::var("EXAMPLE_HANG").is_ok_and(|v| v == "1") {
        info!("EXAMPLE_HANG=1: registered, sending no heartbeats");
        shutdown.wait().await;
        return false;
    }
    let start = tokio::time::Instant::now() + link.heartbeat_interval;
    let mut ticks = interval_at(start, link.heartbeat_interval);
    // After a stall, one heartbeat says "alive"; a burst of them says nothing more.
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut failing = false;
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            () = shutdown.wait() => {
                say_stopping(client, link, component, service_id).await;
                return false;
            }
        }
        let request = HeartbeatRequest {
            service_id: service_id.to_owned(),
            status: HealthStatus::Healthy.into(),
            metrics: component.metrics.as_strings(),
        };
        match client.heartbeat(link.access.request(request)).await {
            Ok(_) if failing => {
                failing = false;
                info!(
                    "heartbeats to the control plane at {} accepted again",
                    link.addr
                );
            }
            Ok(_) => {}
            Err(status) if status.code() == Code::NotFound => return true,
            Err(status) => {
                failing = true;
                warn!(
                    "heartbeat to the control plane at {} failed: {}",
                    link.addr,
                    describe(&status)
                );
            }
        }
    }
}

/// Tells the control plane, best effort and briefly, that this component is
/// stopping, so that it shows as such rather than as silently expired.
async fn say_stopping(
    client: &mut ControlPlaneServiceClient<Channel>,
    link: &Link,
    component: &Component,
    service_id: &str,
) {
    let request = HeartbeatRequest {
        service_id: service_id.to_owned(),
        status: HealthStatus::Stopping.into(),
        metrics: component.metrics.as_strings(),
    };
    let _ = timeout(
        Duration::from_millis(300),
        client.heartbeat(link.access.request(request)),
    )
    .await;
}

/// A status and its root cause, e.g. `Unavailable: Connection refused (os
/// error 111)`: tonic's own message ("tcp connect error") hides the useful part.
fn describe(status: &tonic::Status) -> String {
    let mut root: Option<&dyn std::error::Error> = None;
    let mut cause = std::error::Error::source(status);
    while let Some(err) = cause {
        root = Some(err);
        cause = err.source();
    }
    match root {
        Some(err) => format!("{:?}: {err}", status.code()),
        None => format!("{:?}: {}", status.code(), status.message()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_two_seconds() {
        let mut backoff = Backoff::new();
        let delays: Vec<u128> = (0..7).map(|_| backoff.next_delay().as_millis()).collect();
        assert_eq!(delays, [100, 200, 400, 800, 1600, 2000, 2000]);
    }
}
