//! How supervised runs look from outside: summaries, component statuses
//! (with registry health and relay counts), run details, metrics.

use flowctl_proto::daemon::v1::{
    ComponentState, ComponentStatus, ExternalComponent, ListComponentsResponse, RunDetail,
    RunSummary,
};

use std::sync::Arc;

use super::{RunHandle, Slot, Supervisor};
use crate::error::Result;
use crate::registry::{Registry, health_name};
use crate::runs::RunRecord;
use flowctl_core::clock::unix_ms;
use flowctl_core::spec;

impl Supervisor {
    /// A run's summary with its components' readiness counted.
    pub fn summary(&self, record: &RunRecord) -> RunSummary {
        summary_of(record, self.handle(&record.id).as_deref())
    }

    /// A run with its components.
    pub fn detail(&self, id: &str) -> Result<RunDetail> {
        let record = self.runs.get(id)?;
        let (components, start_order, edges) = match self.handle(id) {
            Some(handle) => {
                let edges = handle
                    .relay
                    .metrics()
                    .edges
                    .into_iter()
                    .map(|e| flowctl_proto::daemon::v1::EdgeStatus {
                        from: e.from,
                        to: e.to,
                        events: e.events,
                        bytes: e.bytes,
                        drops: e.drops,
                        buffered: e.buffered,
                        capacity: e.capacity,
                        filtered: e.filtered,
                    })
                    .collect();
                (self.statuses(&handle), handle.start_order.clone(), edges)
            }
            None => (recorded_statuses(&record), Vec::new(), Vec::new()),
        };
        Ok(RunDetail {
            run: Some(self.summary(&record)),
            components,
            start_order,
            edges,
        })
    }

    /// Components of one run, or of every active run, plus registrations
    /// that belong to no supervised process.
    pub fn list_components(&self, run: Option<&str>) -> ListComponentsResponse {
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
        let mut components: Vec<ComponentStatus> =
            handles.iter().flat_map(|h| self.statuses(h)).collect();
        components.sort_by(|a, b| a.run_id.cmp(&b.run_id));
        let external = self
            .registry
            .list(&crate::registry::Filter {
                include_unhealthy: true,
                ..Default::default()
            })
            .into_iter()
            .filter(|e| e.owner.is_none())
            .map(|e| ExternalComponent {
                health: health_name(self.registry.health(&e)).into(),
                last_heartbeat_ms: e.last_heartbeat.map(unix_ms).unwrap_or(0),
                endpoint: e.info.endpoint.clone(),
                kind: e.info.r#type().as_str_name().into(),
                service_id: e.service_id,
            })
            .collect();
        ListComponentsResponse {
            components,
            external,
        }
    }

    pub(super) fn statuses(&self, handle: &RunHandle) -> Vec<ComponentStatus> {
        statuses_of(&self.registry, handle)
    }

    /// Live relay metrics of a supervised run, in the legacy shape.
    pub fn live_metrics(&self, id: &str) -> Option<flowctl_proto::legacy::RunMetrics> {
        let handle = self.handle(id).filter(|h| !*h.done.borrow())?;
        Some(run_metrics(&handle))
    }
}

/// Every component of a supervised run as `Watch` and `ListComponents` show
/// it, relay counters included.
pub(super) fn statuses_of(registry: &Registry, handle: &RunHandle) -> Vec<ComponentStatus> {
    let slots = handle.slots().clone();
    let flow = handle.relay.metrics();
    slots
        .iter()
        .map(|slot| {
            let entry = registry.owned_by(&handle.id, &slot.id);
            let mut status =
                component_status(&handle.id, slot, entry.as_ref().map(|e| (e, registry)));
            if let Some(m) = flow.components.iter().find(|m| m.id == slot.id) {
                status.events_in = m.events_in;
                status.events_out = m.events_out;
                status.events_per_second = m.rate_in.max(m.rate_out);
            }
            status
        })
        .collect()
}

/// The legacy `RunMetrics` of a run's relay: per component counts, and the
/// sinks' intake as the run's events processed.
pub(crate) fn run_metrics(handle: &RunHandle) -> flowctl_proto::legacy::RunMetrics {
    let metrics = handle.relay.metrics();
    let sinks: Vec<&str> = handle
        .pipeline
        .components
        .iter()
        .filter(|c| c.kind == spec::ComponentKind::Sink)
        .map(|c| c.id.as_str())
        .collect();
    let mut run = flowctl_proto::legacy::RunMetrics::default();
    for c in &metrics.components {
        if sinks.contains(&c.id.as_str()) {
            run.events_processed += c.events_in as i64;
            run.bytes_processed += c.bytes_in as i64;
            run.events_per_second += c.rate_in;
        }
        run.component_metrics.insert(
            c.id.clone(),
            flowctl_proto::legacy::ComponentMetrics {
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
        status: record.status as i32,
        started_at_ms: unix_ms(record.started_at),
        ended_at_ms: record.ended_at.map(unix_ms).unwrap_or(0),
        error: record.error.clone(),
        pipeline_path: record.pipeline_path.clone(),
        components_total: record.component_ids.len() as u32,
        components_ready: ready,
        restarts,
        run_restarts: record.restarts,
        restarted_from: record.restarted_from.clone(),
    }
}

/// Components of a run this daemon did not run itself, as recorded.
fn recorded_statuses(record: &RunRecord) -> Vec<ComponentStatus> {
    record
        .components
        .iter()
        .map(|c| ComponentStatus {
            run_id: record.id.clone(),
            id: c.id.clone(),
            kind: c.kind.clone(),
            state: c.state,
            pid: c.pid,
            started_at_ms: c.started_at_ms,
            restarts: c.restarts,
            exit: c.exit.clone(),
            service_id: c.service_id.clone(),
            last_restart_reason: c.last_restart_reason.clone(),
            ..ComponentStatus::default()
        })
        .collect()
}

/// A slot as the wire shows it, with its registry health when registered.
pub(super) fn component_status(
    run_id: &str,
    slot: &Slot,
    entry: Option<(&crate::registry::Entry, &Registry)>,
) -> ComponentStatus {
    let (health, last_heartbeat_ms, endpoint) = match entry {
        Some((entry, registry)) => (
            health_name(registry.health(entry)).to_string(),
            entry.last_heartbeat.map(unix_ms).unwrap_or(0),
            entry.info.endpoint.clone(),
        ),
        None => (String::new(), 0, String::new()),
    };
    ComponentStatus {
        run_id: run_id.to_owned(),
        id: slot.id.clone(),
        kind: slot.kind.into(),
        state: slot.state as i32,
        health,
        pid: slot.pid.unwrap_or(0),
        started_at_ms: slot.started_at.map(unix_ms).unwrap_or(0),
        restarts: slot.restarts,
        last_heartbeat_ms,
        exit: slot.exit.clone(),
        service_id: slot.service_id.clone(),
        endpoint,
        last_restart_reason: slot.last_restart_reason.clone(),
        last_restart_ms: slot.last_restart_at.map(unix_ms).unwrap_or(0),
        ..ComponentStatus::default()
    }
}
