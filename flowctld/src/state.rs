//! The state every service of the daemon shares.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

use crate::config::Config;
use crate::registry::Registry;
use crate::runs::Runs;
use crate::shutdown::Shutdown;
use crate::supervisor::Supervisor;

/// The daemon's shared state: one per daemon, behind an `Arc`.
#[derive(Debug)]
pub struct State {
    pub config: Config,
    pub registry: Arc<Registry>,
    pub runs: Arc<Runs>,
    pub supervisor: Arc<Supervisor>,
    pub shutdown: Shutdown,
    pub started_at: SystemTime,
    /// `host:port` of the control-plane listener, known once it is bound.
    pub control_plane_endpoint: Arc<OnceLock<String>>,
}

impl State {
    pub fn new(config: Config, shutdown: Shutdown) -> State {
        let registry = Arc::new(Registry::new(config.heartbeat_ttl));
        let runs = Arc::new(Runs::new());
        let endpoint = Arc::new(OnceLock::new());
        let supervisor = Arc::new(Supervisor::new(
            registry.clone(),
            runs.clone(),
            config.clone(),
            endpoint.clone(),
        ));
        State {
            config,
            registry,
            runs,
            supervisor,
            shutdown,
            started_at: SystemTime::now(),
            control_plane_endpoint: endpoint,
        }
    }

    /// The control plane's endpoint, or "" before it is bound.
    pub fn endpoint(&self) -> String {
        self.control_plane_endpoint
            .get()
            .cloned()
            .unwrap_or_default()
    }

    /// What registration answers tell a component about where we are.
    pub fn connection_info(&self) -> HashMap<String, String> {
        HashMap::from([("endpoint".to_string(), self.endpoint())])
    }
}
