//! What a component is: its fixed description, its identity once running,
//! and the counters it reports in health checks and heartbeats.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use flowctl_proto::v1::{
    ComponentHealth, ComponentInfo, ComponentType, HealthCheckResponse, HealthStatus,
};

/// The fixed description of a component binary.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Source, processor or consumer.
    pub kind: ComponentType,
    /// Human name, e.g. `example generator`.
    pub name: &'static str,
    /// One sentence on what it does.
    pub description: &'static str,
    /// Event types it accepts; empty means any.
    pub input_event_types: Vec<String>,
    /// Event types it emits; empty means unknown or the same as its input.
    pub output_event_types: Vec<String>,
    /// Verb for the progress line (`emitted`, `processed`, `consumed`).
    pub progress_verb: &'static str,
    /// Which counter the progress line reports.
    pub progress_counter: Counter,
}

/// One of the event counters of [`Metrics`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    /// Events received.
    In,
    /// Events sent on.
    Out,
}

/// Event counters, shared between the service and the reporters.
#[derive(Debug, Default)]
pub struct Metrics {
    events_in: AtomicU64,
    events_out: AtomicU64,
    events_failed: AtomicU64,
}

impl Metrics {
    /// Counts `n` events received.
    pub fn add_in(&self, n: u64) {
        self.events_in.fetch_add(n, Ordering::Relaxed);
    }

    /// Counts `n` events sent on.
    pub fn add_out(&self, n: u64) {
        self.events_out.fetch_add(n, Ordering::Relaxed);
    }

    /// Counts `n` events that could not be handled.
    pub fn add_failed(&self, n: u64) {
        self.events_failed.fetch_add(n, Ordering::Relaxed);
    }

    /// The current value of `counter`.
    pub fn get(&self, counter: Counter) -> u64 {
        match counter {
            Counter::In => self.events_in.load(Ordering::Relaxed),
            Counter::Out => self.events_out.load(Ordering::Relaxed),
        }
    }

    /// The counters as the string map that heartbeats and health checks carry.
    pub fn as_strings(&self) -> HashMap<String, String> {
        HashMap::from([
            ("events_in".to_owned(), self.get(Counter::In).to_string()),
            ("events_out".to_owned(), self.get(Counter::Out).to_string()),
            (
                "events_failed".to_owned(),
                self.events_failed.load(Ordering::Relaxed).to_string(),
            ),
        ])
    }
}

/// A running component: its spec, id, endpoint and counters.
#[derive(Debug)]
pub struct Component {
    /// The fixed description.
    pub spec: Spec,
    /// The id it registers and stamps events with.
    pub id: String,
    /// The `host:port` other processes dial to reach its data-plane server.
    pub endpoint: String,
    /// Its event counters.
    pub metrics: Metrics,
    started: Instant,
}

impl Component {
    /// A component that has bound its listener at `endpoint`.
    pub fn new(spec: Spec, id: String, endpoint: String) -> Self {
        Component {
            spec,
            id,
            endpoint,
            metrics: Metrics::default(),
            started: Instant::now(),
        }
    }

    /// The self-description sent at registration and answered by `GetInfo`.
    pub fn info(&self) -> ComponentInfo {
        ComponentInfo {
            id: self.id.clone(),
            name: self.spec.name.to_owned(),
            description: self.spec.description.to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            r#type: self.spec.kind.into(),
            input_event_types: self.spec.input_event_types.clone(),
            output_event_types: self.spec.output_event_types.clone(),
            endpoint: self.endpoint.clone(),
            // The pid lets a supervisor tie this registration to the process
            // it started even when the id was generated.
            metadata: HashMap::from([
                ("pid".to_owned(), std::process::id().to_string()),
                ("sdk".to_owned(), "flowctl-example-components".to_owned()),
            ]),
        }
    }

    /// The answer to `HealthCheck`: a component that can answer is healthy.
    pub fn health(&self, include_details: bool) -> HealthCheckResponse {
        let mut metrics = self.metrics.as_strings();
        metrics.insert(
            "uptime_seconds".to_owned(),
            self.started.elapsed().as_secs().to_string(),
        );
        let components = if include_details {
            vec![ComponentHealth {
                component_name: self.id.clone(),
                status: HealthStatus::Healthy.into(),
                message: format!("serving on {}", self.endpoint),
            }]
        } else {
            Vec::new()
        };
        HealthCheckResponse {
            status: HealthStatus::Healthy.into(),
            metrics,
            components,
            message: "ok".to_owned(),
        }
    }
}

/// The word for a component type in generated ids and log lines.
pub fn kind_word(kind: ComponentType) -> &'static str {
    match kind {
        ComponentType::Source => "source",
        ComponentType::Processor => "processor",
        ComponentType::Consumer => "consumer",
        ComponentType::Unspecified => "component",
    }
}
