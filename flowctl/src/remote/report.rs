//! `run --use-external-control-plane`: what the external plane reports
//! about registrations, printed in the foreground while the run is shown.

use std::collections::BTreeMap;
use std::time::Duration;

use flowctl_proto::v1::{ComponentType, ListComponentsRequest};

use super::Plane;
use super::view::{health_name, registration_json};

/// How often the external plane is asked for its registrations.
const EVERY: Duration = Duration::from_secs(2);

/// Prints one line each time a registration of `plane` appears, changes
/// health or goes, until the returned task is aborted.
pub fn spawn(plane: Plane, json: bool) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut known: BTreeMap<String, String> = BTreeMap::new();
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            let request = ListComponentsRequest {
                type_filter: ComponentType::Unspecified as i32,
                include_unhealthy: true,
            };
            let Ok(answer) = plane.call(plane.v1.clone().list_components(request)).await else {
                continue;
            };
            let mut now = BTreeMap::new();
            for status in &answer.components {
                let id = status
                    .component
                    .as_ref()
                    .map(|i| i.id.clone())
                    .unwrap_or_default();
                let health = health_name(status.status()).to_owned();
                if known.get(&id) != Some(&health) {
                    if json {
                        let mut value = registration_json(status);
                        value["control_plane"] = plane.addr.clone().into();
                        crate::output::print_json(&value);
                    } else {
                        println!("[control plane {}] {id}: {health}", plane.addr);
                    }
                }
                now.insert(id, health);
            }
            for gone in known.keys().filter(|id| !now.contains_key(*id)) {
                if !json {
                    println!(
                        "[control plane {}] {gone}: no longer registered",
                        plane.addr
                    );
                }
            }
            known = now;
        }
    })
}
