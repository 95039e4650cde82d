//! The scrape-time collector: every run, component and edge series is
//! computed from the daemon's current state when `/metrics` is read, so
//! nothing has to be pruned when a run ends (its series are simply no
//! longer there) and nothing is counted twice: the numbers are the ones
//! `flowctl status` and `pipelines run-info` show (run records, supervisor
//! views with registry health, relay counters, the registry's own counts).

use std::collections::BTreeMap;
use std::sync::Arc;

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::MetricType;
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;

use crate::procfs::OwnUsage;
use crate::state::State;
use crate::supervisor::view::RunDetail;

/// Reads the daemon's state at each scrape.
#[derive(Debug)]
pub struct StateCollector {
    pub state: Arc<State>,
}

/// One sample: its label pairs and its value.
type Sample<'a> = (Vec<(&'static str, &'a str)>, Value);

/// A sample's value: counts are written as integers.
#[derive(Debug, Clone, Copy)]
enum Value {
    Count(u64),
    Real(f64),
}

impl Collector for StateCollector {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let state = &self.state;
        let active = state.supervisor.active_details();
        runs(&mut encoder, state, &active)?;
        components(&mut encoder, &active)?;
        edges(&mut encoder, &active)?;
        daemon_counters(&mut encoder, state)?;
        own_usage(&mut encoder)
    }
}

/// Writes one family of gauges (or counters) named `name`.
fn family<'a>(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    kind: MetricType,
    samples: impl IntoIterator<Item = Sample<'a>>,
) -> Result<(), std::fmt::Error> {
    let mut metric = encoder.encode_descriptor(name, help, None, kind)?;
    for (labels, value) in samples {
        let sample = metric.encode_family(&labels)?;
        match (kind, value) {
            (MetricType::Counter, Value::Count(n)) => ConstCounter::new(n).encode(sample)?,
            (MetricType::Counter, Value::Real(x)) => ConstCounter::new(x).encode(sample)?,
            (_, Value::Count(n)) => ConstGauge::new(n).encode(sample)?,
            (_, Value::Real(x)) => ConstGauge::new(x).encode(sample)?,
        }
    }
    Ok(())
}

/// Recorded runs by status, and the active ones' component counts.
fn runs(
    encoder: &mut DescriptorEncoder,
    state: &State,
    active: &[RunDetail],
) -> Result<(), std::fmt::Error> {
    let statuses: Vec<(String, usize)> = state
        .runs
        .count_by_status()
        .into_iter()
        .map(|(status, n)| (status.name().to_ascii_lowercase(), n))
        .collect();
    family(
        encoder,
        "flowctl_runs",
        "Runs the daemon keeps a record of, by status (ended runs are kept up to keep_runs per pipeline)",
        MetricType::Gauge,
        statuses
            .iter()
            .map(|(status, n)| (vec![("status", status.as_str())], Value::Count(*n as u64))),
    )?;
    let per_run = |count: fn(&RunDetail) -> u32| {
        active.iter().map(move |d| {
            let labels = vec![
                ("pipeline", d.run.pipeline_name.as_str()),
                ("run", d.run.run_id.as_str()),
            ];
            (labels, Value::Count(u64::from(count(d))))
        })
    };
    family(
        encoder,
        "flowctl_run_components",
        "Components of each active run",
        MetricType::Gauge,
        per_run(|d| d.run.components_total),
    )?;
    family(
        encoder,
        "flowctl_run_components_ready",
        "Components of each active run whose current instance is ready (running)",
        MetricType::Gauge,
        per_run(|d| d.run.components_ready),
    )
}

/// Components of the active runs: counts by state and health, and each
/// one's restarts and readiness.
fn components(
    encoder: &mut DescriptorEncoder,
    active: &[RunDetail],
) -> Result<(), std::fmt::Error> {
    let mut by_state: BTreeMap<(&str, String), u64> = BTreeMap::new();
    for instance in active.iter().flat_map(|d| &d.instances) {
        let health = instance
            .health
            .map_or("none".to_owned(), |h| h.name().to_ascii_lowercase());
        *by_state.entry((instance.state.name(), health)).or_default() += 1;
    }
    family(
        encoder,
        "flowctl_components",
        "Components of the active runs, by state and by health (none: not registered)",
        MetricType::Gauge,
        by_state.iter().map(|((state, health), n)| {
            (
                vec![("state", *state), ("health", health.as_str())],
                Value::Count(*n),
            )
        }),
    )?;
    let each = |value: fn(&crate::supervisor::view::InstanceStatus) -> u64| {
        active.iter().flat_map(move |d| {
            d.instances.iter().map(move |i| {
                let labels = vec![
                    ("pipeline", d.run.pipeline_name.as_str()),
                    ("run", d.run.run_id.as_str()),
                    ("component", i.id.as_str()),
                ];
                (labels, Value::Count(value(i)))
            })
        })
    };
    family(
        encoder,
        "flowctl_component_restarts",
        "Restarts of each component of an active run (as flowctl status shows them)",
        MetricType::Counter,
        each(|i| u64::from(i.restarts)),
    )?;
    family(
        encoder,
        "flowctl_component_ready",
        "1 when the component's current instance is ready (running), else 0",
        MetricType::Gauge,
        each(|i| u64::from(i.state == flowctl_core::ComponentState::Running)),
    )
}

/// One per-edge family: name, help, type, and its value of an edge.
type EdgeSeries = (
    &'static str,
    &'static str,
    MetricType,
    fn(&crate::relay::EdgeMetrics) -> u64,
);

/// The relay's counters of every edge of the active runs.
fn edges(encoder: &mut DescriptorEncoder, active: &[RunDetail]) -> Result<(), std::fmt::Error> {
    let names: Vec<Vec<String>> = active
        .iter()
        .map(|d| {
            d.edges
                .iter()
                .map(|e| format!("{}->{}", e.from, e.to))
                .collect()
        })
        .collect();
    let series: [EdgeSeries; 6] = [
        (
            "flowctl_edge_events",
            "Events put into the edge's buffer",
            MetricType::Counter,
            |e| e.events,
        ),
        (
            "flowctl_edge_bytes",
            "Payload bytes of those events",
            MetricType::Counter,
            |e| e.bytes,
        ),
        (
            "flowctl_edge_filtered",
            "Events not sent along the edge: their type is not in the receiver's input_event_types",
            MetricType::Counter,
            |e| e.filtered,
        ),
        (
            "flowctl_edge_dropped",
            "Events discarded because the receiver has no data-plane endpoint (0 otherwise: the relay is lossless)",
            MetricType::Counter,
            |e| e.drops,
        ),
        (
            "flowctl_edge_buffered",
            "Events in the edge's buffer now",
            MetricType::Gauge,
            |e| e.buffered,
        ),
        (
            "flowctl_edge_capacity",
            "The edge buffer's bound; a full buffer makes the producer wait",
            MetricType::Gauge,
            |e| e.capacity,
        ),
    ];
    for (name, help, kind, value) in series {
        let samples = active.iter().zip(&names).flat_map(|(d, names)| {
            d.edges.iter().zip(names).map(move |(e, edge)| {
                let labels = vec![
                    ("pipeline", d.run.pipeline_name.as_str()),
                    ("run", d.run.run_id.as_str()),
                    ("edge", edge.as_str()),
                ];
                (labels, Value::Count(value(e)))
            })
        });
        family(encoder, name, help, kind, samples)?;
    }
    Ok(())
}

/// Registrations, heartbeats and restarts since the daemon started.
fn daemon_counters(encoder: &mut DescriptorEncoder, state: &State) -> Result<(), std::fmt::Error> {
    let (registrations, heartbeats) = state.registry.received();
    let one = |value: u64| [(Vec::new(), Value::Count(value))];
    family(
        encoder,
        "flowctl_registered_components",
        "Registrations the control plane holds now",
        MetricType::Gauge,
        one(state.registry.len() as u64),
    )?;
    family(
        encoder,
        "flowctl_registrations",
        "Component registrations accepted since the daemon started",
        MetricType::Counter,
        one(registrations),
    )?;
    family(
        encoder,
        "flowctl_heartbeats_received",
        "Heartbeats accepted since the daemon started",
        MetricType::Counter,
        one(heartbeats),
    )?;
    family(
        encoder,
        "flowctl_restarts",
        "Component restarts since the daemon started, by reason",
        MetricType::Counter,
        state
            .supervisor
            .counters()
            .restarts()
            .map(|(reason, n)| (vec![("reason", reason.label())], Value::Count(n))),
    )
}

/// The daemon process's own memory, CPU and descriptors.
fn own_usage(encoder: &mut DescriptorEncoder) -> Result<(), std::fmt::Error> {
    let Some(usage) = OwnUsage::read() else {
        return Ok(());
    };
    let one = |value: Value| [(Vec::new(), value)];
    family(
        encoder,
        "process_resident_memory_bytes",
        "Resident memory of the daemon, in bytes",
        MetricType::Gauge,
        one(Value::Count(usage.rss_bytes)),
    )?;
    family(
        encoder,
        "process_cpu_seconds",
        "User and system CPU time the daemon used, in seconds",
        MetricType::Counter,
        one(Value::Real(usage.cpu_seconds)),
    )?;
    family(
        encoder,
        "process_open_fds",
        "File descriptors the daemon holds open",
        MetricType::Gauge,
        one(Value::Count(usage.open_fds)),
    )
}
