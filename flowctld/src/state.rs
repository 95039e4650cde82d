//! The state every service of the daemon shares.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

use crate::config::Config;
use crate::error::Result;
use crate::registry::Registry;
use crate::runs::Runs;
use crate::shutdown::Shutdown;
use crate::store::Store;
use crate::supervisor::Supervisor;
use crate::supervisor::cgroup::Containment;
use crate::supervisor::groups::Groups;

/// The daemon's shared state: one per daemon, behind an `Arc`.
#[derive(Debug)]
pub struct State {
    /// The settings the daemon was started with.
    pub config: Config,
    /// The database behind runs and registrations (in memory without one).
    pub store: Arc<Store>,
    /// Registered components, their health and TTL.
    pub registry: Arc<Registry>,
    /// Run records.
    pub runs: Arc<Runs>,
    /// The processes of the active runs.
    pub supervisor: Arc<Supervisor>,
    /// How components are contained (cgroups, or process groups and why),
    /// detected once at start.
    pub containment: Containment,
    /// Triggered by the `Shutdown` rpc as by a signal.
    pub shutdown: Shutdown,
    /// When this daemon started, for `daemon status`.
    pub started_at: SystemTime,
    /// `host:port` of the control-plane listener, known once it is bound.
    pub control_plane_endpoint: Arc<OnceLock<String>>,
    /// `host:port` the components this daemon starts register at: the
    /// control plane's, or their own loopback listener (`own_plane`).
    pub own_components_endpoint: Arc<OnceLock<String>>,
    /// `host:port` of the `/metrics` listener, once bound (`--metrics-address`).
    pub metrics_endpoint: OnceLock<String>,
}

impl State {
    /// Opens the store (the file, or memory with `--no-persistence`) and
    /// loads what it holds.
    pub fn open(config: Config, shutdown: Shutdown) -> Result<State> {
        let store = Arc::new(match &config.db_path {
            Some(path) => Store::open(path)?,
            None => Store::in_memory()?,
        });
        let registry = Arc::new(Registry::open(config.heartbeat_ttl, store.clone())?);
        let runs = Arc::new(Runs::open(store.clone())?);
        let own_components_endpoint = Arc::new(OnceLock::new());
        let containment = if config.cgroups {
            Containment::detect(Groups::new(&config.state_dir).instance())
        } else {
            Containment::turned_off()
        };
        tracing::info!(containment = %containment.describe(), "containment of components");
        let supervisor = Arc::new(Supervisor::new(
            registry.clone(),
            runs.clone(),
            config.clone(),
            own_components_endpoint.clone(),
            containment.clone(),
        ));
        Ok(State {
            config,
            store,
            registry,
            runs,
            supervisor,
            containment,
            shutdown,
            started_at: SystemTime::now(),
            control_plane_endpoint: Arc::new(OnceLock::new()),
            own_components_endpoint,
            metrics_endpoint: OnceLock::new(),
        })
    }

    /// The control plane's endpoint, or "" before it is bound.
    pub fn endpoint(&self) -> String {
        self.control_plane_endpoint
            .get()
            .cloned()
            .unwrap_or_default()
    }

    /// Where the daemon's own components register, or "" before it is bound.
    pub fn components_endpoint(&self) -> String {
        self.own_components_endpoint
            .get()
            .cloned()
            .unwrap_or_default()
    }

    /// Registers a component. The registration is written to the store
    /// before the answer, without an fsync of its own (registrations come
    /// back stale after a restart in any case), and off the async workers:
    /// a database commit must not stall other components' heartbeats.
    pub async fn register(
        &self,
        registration: crate::registry::Registration,
    ) -> Result<crate::registry::Entry> {
        let registry = self.registry.clone();
        tokio::task::spawn_blocking(move || registry.register(registration))
            .await
            .map_err(|err| {
                crate::error::Error::FailedPrecondition(format!("registration aborted: {err}"))
            })?
    }

    /// What registration answers tell a component about where we are.
    pub fn connection_info(&self) -> HashMap<String, String> {
        HashMap::from([("endpoint".to_string(), self.endpoint())])
    }
}
