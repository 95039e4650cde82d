//! A run whose components register with a control plane elsewhere
//! (`run --use-external-control-plane`): this daemon learns their data-plane
//! endpoints from that plane, so its relay moves events along `inputs` as it
//! does for components registered here.
//!
//! The plane has no stream of registrations, so it is asked
//! (`GetComponentStatus` of each of the run's component ids, the
//! `FLOWCTL_COMPONENT_ID` they register under) every [`POLL_EVERY`] until
//! the run ends. A registration made since the run started, serving, with
//! an endpoint, becomes the run's `Registered` event; a new one (the
//! component restarted and registered again) becomes another. "Since" is
//! read on the plane's clock against this host's: planes on other hosts
//! need their clocks in step.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use flowctl_proto::v1::control_plane_service_client::ControlPlaneServiceClient;
use flowctl_proto::v1::{ComponentStatusRequest, HealthStatus};
use tonic::Code;
use tonic::transport::{Channel, Endpoint};

use super::handle::RunHandle;
use super::run::RunEvent;

/// How often the external plane is asked for its registrations.
pub const POLL_EVERY: Duration = Duration::from_millis(200);

/// How long one question to the plane may take.
const ASK_TIMEOUT: Duration = Duration::from_secs(2);

/// Follows the registrations of `handle`'s components on the plane at
/// `addr` (`host:port`) until the run is done.
pub async fn follow(addr: String, handle: Arc<RunHandle>, since: SystemTime) {
    let mut done = handle.done.subscribe();
    let ids: Vec<String> = handle
        .pipeline
        .components
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let mut seen: HashMap<String, (String, i64)> = HashMap::new();
    let mut plane = None;
    let mut warned = false;
    let mut tick = tokio::time::interval(POLL_EVERY);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = done.wait_for(|done| *done) => return,
        }
        let registered = match ask(&addr, &mut plane, &ids).await {
            Ok(registered) => registered,
            Err(err) => {
                plane = None;
                if !warned {
                    tracing::warn!(run = %handle.id, plane = %addr, %err,
                        "cannot ask the external control plane for registrations; the relay waits for them");
                    warned = true;
                }
                continue;
            }
        };
        warned = false;
        for (id, endpoint, registered_ms) in registered {
            if endpoint.is_empty() || registered_ms < unix_ms(since) {
                continue;
            }
            let key = (endpoint.clone(), registered_ms);
            if seen.get(&id) == Some(&key) {
                continue;
            }
            seen.insert(id.clone(), key);
            // No service id: it is not registered here, and this daemon's
            // registry has no heartbeats of it to expire.
            let event = RunEvent::Registered {
                component: id.clone(),
                service_id: String::new(),
                endpoint,
            };
            if handle.events.send(event).is_err() {
                return;
            }
        }
    }
}

/// The serving registrations of `ids` (the keys components registered
/// under: their `FLOWCTL_COMPONENT_ID`): id, endpoint, registered at (unix
/// ms). Connects `plane` first when it is not connected.
async fn ask(
    addr: &str,
    plane: &mut Option<ControlPlaneServiceClient<Channel>>,
    ids: &[String],
) -> Result<Vec<(String, String, i64)>, String> {
    if plane.is_none() {
        let endpoint = Endpoint::from_shared(format!("http://{addr}"))
            .map_err(|err| err.to_string())?
            .connect_timeout(ASK_TIMEOUT)
            .timeout(ASK_TIMEOUT);
        let channel = endpoint.connect().await.map_err(|err| err.to_string())?;
        *plane = Some(ControlPlaneServiceClient::new(channel));
    }
    let client = plane.as_mut().expect("connected above");
    let mut registered = Vec::new();
    for id in ids {
        let request = ComponentStatusRequest {
            service_id: id.clone(),
        };
        let status = match client.get_component_status(request).await {
            Ok(status) => status.into_inner(),
            Err(status) if status.code() == Code::NotFound => continue,
            Err(status) => return Err(status.message().to_owned()),
        };
        // Registered and not known to be down: its endpoint can be dialed.
        let serving = !matches!(
            status.status(),
            HealthStatus::Unhealthy | HealthStatus::Stopping
        );
        if let (true, Some(info), Some(at)) = (serving, &status.component, &status.registered_at) {
            let ms = at.seconds * 1000 + i64::from(at.nanos) / 1_000_000;
            registered.push((id.clone(), info.endpoint.clone(), ms));
        }
    }
    Ok(registered)
}

fn unix_ms(at: SystemTime) -> i64 {
    flowctl_core::clock::unix_ms(at)
}
