//! How supervised runs look from outside: summaries, instance statuses
//! (with registry health and relay counts), run details, metrics. These are
//! the daemon's own views; `api/convert.rs` turns them into wire messages.

use std::sync::Arc;
use std::time::SystemTime;

use flowctl_core::{ComponentState, RunStatus};

use super::{RunHandle, Slot, Supervisor};
use crate::error::Result;
use crate::registry::{Entry, Health, Registry, Role};
use crate::relay::EdgeMetrics;
use crate::runs::{ComponentMetrics, Metrics, RunRecord};
use flowctl_core::spec;

/// A run as listed: its record's essentials and its components' readiness.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSummary {
    pub run_id: String,
    pub pipeline_name: String,
    pub status: RunStatus,
    pub started_at: SystemTime,
    pub ended_at: Option<SystemTime>,
    pub error: String,
    pub pipeline_path: String,
    pub components_total: u32,
    /// Components whose current instance is running (ready).
    pub components_ready: u32,
    /// Restarts of all its components.
    pub restarts: u32,
    /// How many times a daemon restart resumed the run.
    pub run_restarts: u32,
    pub restarted_from: String,
}

/// One component's current instance, as users see it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InstanceStatus {
    pub run_id: String,
    /// The component's id in the pipeline file.
    pub id: String,
    pub kind: String,
    pub state: ComponentState,
    /// Its registration's health; `None` when it has not registered.
    pub health: Option<Health>,
    /// 0 when no process is alive.
    pub pid: u32,
    pub started_at: Option<SystemTime>,
    pub restarts: u32,
    pub last_heartbeat: Option<SystemTime>,
    pub exit: String,
    pub service_id: String,
    /// The data-plane address it registered.
    pub endpoint: String,
    pub last_restart_reason: String,
    pub last_restart_at: Option<SystemTime>,
    pub events_in: u64,
    pub events_out: u64,
    pub events_per_second: f64,
    /// CPU time its instances used, in microseconds; `None` without cgroups.
    pub cpu_usec: Option<u64>,
}

/// A run with its instances and, while it runs, its relay's edges.
#[derive(Debug, Clone)]
pub struct RunDetail {
    pub run: RunSummary,
    pub instances: Vec<InstanceStatus>,
    pub start_order: Vec<String>,
    pub edges: Vec<EdgeMetrics>,
    /// Components named by reference, as recorded.
    pub resolved: Vec<crate::store::StoredResolved>,
}

/// A registration that belongs to no supervised process.
#[derive(Debug, Clone, PartialEq)]
pub struct ExternalComponent {
    pub service_id: String,
    pub health: Health,
    pub last_heartbeat: Option<SystemTime>,
    pub endpoint: String,
    pub role: Role,
}

/// What `ListComponents` shows.
#[derive(Debug, Clone, Default)]
pub struct ComponentList {
    pub instances: Vec<InstanceStatus>,
    pub external: Vec<ExternalComponent>,
}

impl Supervisor {
    /// A run's summary with its components' readiness counted.
    pub fn summary(&self, record: &RunRecord) -> RunSummary {
        summary_of(record, self.handle(&record.id).as_deref())
    }

    /// A run with its components.
    pub fn detail(&self, id: &str) -> Result<RunDetail> {
        let record = self.runs.get(id)?;
        let (instances, start_order, edges) = match self.handle(id) {
            Some(handle) => (
                self.statuses(&handle),
                handle.start_order.clone(),
                handle.relay.metrics().edges,
            ),
            None => (recorded_statuses(&record), Vec::new(), Vec::new()),
        };
        Ok(RunDetail {
            run: self.summary(&record),
            instances,
            start_order,
            edges,
            resolved: record.resolved.clone(),
        })
    }

    /// Components of one run, or of every active run, plus registrations
    /// that belong to no supervised process.
    pub fn list_components(&self, run: Option<&str>) -> ComponentList {
        let handles: Vec<Arc<RunHandle>> = {
            let handles = self.lock();
            match run {
                Some(id) => handles.get(id).cloned().into_iter().collect(),
                None => handles
                    .values()
                    .filter(|h| !*h.done.borrow())
                    .cloned()
                    .collect(),
            }
        };
        let mut instances: Vec<InstanceStatus> =
            handles.iter().flat_map(|h| self.statuses(h)).collect();
        instances.sort_by(|a, b| a.run_id.cmp(&b.run_id));
        let external = self
            .registry
            .list(&crate::registry::Filter {
                include_unhealthy: true,
                ..Default::default()
            })
            .into_iter()
            .filter(|e| e.owner.is_none())
            .map(|e| ExternalComponent {
                health: self.registry.health(&e),
                last_heartbeat: e.last_heartbeat,
                endpoint: e.info.endpoint.clone(),
                role: e.info.role,
                service_id: e.service_id,
            })
            .collect();
        ComponentList {
            instances,
            external,
        }
    }

    /// The current instance of every component of a run this daemon runs.
    pub(super) fn statuses(&self, handle: &RunHandle) -> Vec<InstanceStatus> {
        statuses_of(&self.registry, handle)
    }

    /// Every run this daemon is running now, with its instances and edges
    /// (`/metrics`); ended runs are not among them.
    pub fn active_details(&self) -> Vec<RunDetail> {
        let handles: Vec<Arc<RunHandle>> = self
            .lock()
            .values()
            .filter(|h| !*h.done.borrow())
            .cloned()
            .collect();
        handles
            .iter()
            .filter_map(|handle| {
                let record = self.runs.get(&handle.id).ok()?;
                Some(RunDetail {
                    run: summary_of(&record, Some(handle)),
                    instances: self.statuses(handle),
                    start_order: handle.start_order.clone(),
                    edges: handle.relay.metrics().edges,
                    resolved: record.resolved.clone(),
                })
            })
            .collect()
    }

    /// Live relay metrics of a supervised run.
    pub fn live_metrics(&self, id: &str) -> Option<Metrics> {
        let handle = self.handle(id).filter(|h| !*h.done.borrow())?;
        Some(run_metrics(&handle))
    }
}

/// The current instance of every component of a supervised run, as
/// `Watch` and `ListComponents` show it, relay counters included.
pub(super) fn statuses_of(registry: &Registry, handle: &RunHandle) -> Vec<InstanceStatus> {
    let slots = handle.slots().clone();
    let flow = handle.relay.metrics();
    slots
        .iter()
        .map(|slot| {
            let entry = registry.owned_by(&handle.id, &slot.id);
            let mut status =
                instance_status(&handle.id, slot, entry.as_ref().map(|e| (e, registry)));
            if let Some(m) = flow.components.iter().find(|m| m.id == slot.id) {
                status.events_in = m.events_in;
                status.events_out = m.events_out;
                status.events_per_second = m.rate_in.max(m.rate_out);
            }
            status
        })
        .collect()
}

/// The metrics of a run's relay: per component counts, and the sinks'
/// intake as the run's events processed.
pub(crate) fn run_metrics(handle: &RunHandle) -> Metrics {
    let metrics = handle.relay.metrics();
    let sinks: Vec<&str> = handle
        .pipeline
        .components
        .iter()
        .filter(|c| c.kind == spec::ComponentKind::Sink)
        .map(|c| c.id.as_str())
        .collect();
    let mut run = Metrics::default();
    for c in &metrics.components {
        if sinks.contains(&c.id.as_str()) {
            run.events_processed += c.events_in as i64;
            run.bytes_processed += c.bytes_in as i64;
            run.events_per_second += c.rate_in;
        }
        run.components.insert(
            c.id.clone(),
            ComponentMetrics {
                events_in: c.events_in as i64,
                events_out: c.events_out as i64,
                bytes_in: c.bytes_in as i64,
                bytes_out: c.bytes_out as i64,
                processing_time_ms: 0.0,
            },
        );
    }
    run
}

/// A run's summary; `handle` adds how many components are ready.
pub(crate) fn summary_of(record: &RunRecord, handle: Option<&RunHandle>) -> RunSummary {
    let (ready, restarts) = match handle {
        Some(handle) => {
            let slots = handle.slots();
            let ready = slots
                .iter()
                .filter(|s| s.state == ComponentState::Running)
                .count();
            (ready as u32, slots.iter().map(|s| s.restarts).sum())
        }
        None => (0, record.components.iter().map(|c| c.restarts).sum()),
    };
    RunSummary {
        run_id: record.id.clone(),
        pipeline_name: record.pipeline_name.clone(),
        status: record.status,
        started_at: record.started_at,
        ended_at: record.ended_at,
        error: record.error.clone(),
        pipeline_path: record.pipeline_path.clone(),
        components_total: record.component_ids.len() as u32,
        components_ready: ready,
        restarts,
        run_restarts: record.restarts,
        restarted_from: record.restarted_from.clone(),
    }
}

/// Components of a run this daemon is not running, as recorded.
fn recorded_statuses(record: &RunRecord) -> Vec<InstanceStatus> {
    record
        .components
        .iter()
        .map(|c| InstanceStatus {
            run_id: record.id.clone(),
            id: c.id.clone(),
            kind: c.kind.clone(),
            state: c.state,
            pid: c.pid,
            started_at: c.started_at,
            restarts: c.restarts,
            exit: c.exit.clone(),
            service_id: c.service_id.clone(),
            last_restart_reason: c.last_restart_reason.clone(),
            cpu_usec: c.cpu_usec,
            ..InstanceStatus::default()
        })
        .collect()
}

/// A slot's instance as users see it, with its registry health when
/// registered.
pub(super) fn instance_status(
    run_id: &str,
    slot: &Slot,
    entry: Option<(&Entry, &Registry)>,
) -> InstanceStatus {
    let (health, last_heartbeat, endpoint) = match entry {
        Some((entry, registry)) => (
            Some(registry.health(entry)),
            entry.last_heartbeat,
            entry.info.endpoint.clone(),
        ),
        None => (None, None, String::new()),
    };
    InstanceStatus {
        run_id: run_id.to_owned(),
        id: slot.id.clone(),
        kind: slot.kind.into(),
        state: slot.state,
        health,
        pid: slot.pid.unwrap_or(0),
        started_at: slot.started_at,
        restarts: slot.restarts,
        last_heartbeat,
        exit: slot.exit.clone(),
        service_id: slot.service_id.clone(),
        endpoint,
        last_restart_reason: slot.last_restart_reason.clone(),
        last_restart_at: slot.last_restart_at,
        cpu_usec: slot.cpu.as_ref().map(super::CpuUse::usec),
        ..InstanceStatus::default()
    }
}
