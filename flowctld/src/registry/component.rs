//! What a component says about itself when it registers, and the health it
//! reports: the registry's own types (`api/` converts them to and from the
//! wire forms of both control planes).

use std::collections::HashMap;

/// Health as a component reports it in its heartbeats, and as the registry
/// judges it (UNHEALTHY once its heartbeats expired).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Health {
    /// "Alive, no opinion": a heartbeat with it counts as HEALTHY.
    #[default]
    Unknown,
    Starting,
    Healthy,
    /// Still serving, not at its best.
    Degraded,
    Unhealthy,
    Stopping,
}

impl Health {
    /// The name users read: `HEALTHY`, `UNHEALTHY`...
    pub fn name(self) -> &'static str {
        match self {
            Health::Unknown => "UNKNOWN",
            Health::Starting => "STARTING",
            Health::Healthy => "HEALTHY",
            Health::Degraded => "DEGRADED",
            Health::Unhealthy => "UNHEALTHY",
            Health::Stopping => "STOPPING",
        }
    }

    /// Healthy for listing and readiness: HEALTHY or DEGRADED (still serving).
    pub fn is_serving(self) -> bool {
        matches!(self, Health::Healthy | Health::Degraded)
    }
}

impl std::fmt::Display for Health {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a registered component does with events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Role {
    /// Not said (a legacy registration of a pipeline, say).
    #[default]
    Unspecified,
    /// Produces events.
    Source,
    /// Transforms events.
    Processor,
    /// Consumes events (a "sink" in pipeline files).
    Consumer,
}

impl Role {
    /// The name the store keeps: `source`, `processor`, `consumer` or ``.
    pub fn name(self) -> &'static str {
        match self {
            Role::Unspecified => "",
            Role::Source => "source",
            Role::Processor => "processor",
            Role::Consumer => "consumer",
        }
    }

    /// The role of a stored name; anything else is `Unspecified`.
    pub fn from_name(name: &str) -> Role {
        match name {
            "source" => Role::Source,
            "processor" => Role::Processor,
            "consumer" => Role::Consumer,
            _ => Role::Unspecified,
        }
    }
}

/// What a component said about itself when it registered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ComponentInfo {
    /// The identifier the component chose.
    pub id: String,
    pub name: String,
    pub description: String,
    pub version: String,
    pub role: Role,
    /// Event types it accepts; empty means all.
    pub input_event_types: Vec<String>,
    pub output_event_types: Vec<String>,
    /// Its own data-plane gRPC address, `host:port`.
    pub endpoint: String,
    pub metadata: HashMap<String, String>,
}
