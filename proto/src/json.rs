//! The JSON shapes of the daemon's answers: what `flowctl ... -o json`
//! prints and what the daemon's HTTP API (`flowctld`'s `http/`) answers,
//! from one definition so the two cannot drift.
//!
//! Each function turns one wire message into its JSON value; keys are
//! printed sorted (serde_json's map), so building order does not matter.

use serde_json::{Value, json};

use crate::daemon::v1::{
    ComponentState, ComponentStatus, DaemonInfo, EdgeStatus, ExternalComponent, LogLine, RunDetail,
    RunSummary, WatchEvent, watch_event,
};

/// A component state as users read it: `RUNNING`, `FAILED`...
pub fn state_name(state: ComponentState) -> &'static str {
    state
        .as_str_name()
        .strip_prefix("COMPONENT_STATE_")
        .unwrap_or("UNKNOWN")
}

/// A run summary (`pipelines list -o json`, `run --detach -o json`).
pub fn run(run: &RunSummary) -> Value {
    json!({
        "run_id": run.run_id, "pipeline": run.pipeline_name,
        "status": flowctl_core::RunStatus::from(run.status()).name(), "started_at_ms": run.started_at_ms,
        "ended_at_ms": run.ended_at_ms, "error": run.error,
        "pipeline_path": run.pipeline_path, "components_total": run.components_total,
        "components_ready": run.components_ready, "restarts": run.restarts,
        "run_restarts": run.run_restarts, "restarted_from": run.restarted_from,
    })
}

/// A supervised component's status (in `run-info -o json`).
pub fn component(c: &ComponentStatus) -> Value {
    json!({
        "id": c.id, "run_id": c.run_id, "kind": c.kind, "state": state_name(c.state()),
        "health": c.health, "pid": c.pid, "started_at_ms": c.started_at_ms,
        "restarts": c.restarts, "last_heartbeat_ms": c.last_heartbeat_ms,
        "exit": c.exit, "service_id": c.service_id, "endpoint": c.endpoint,
        "last_restart_reason": c.last_restart_reason, "last_restart_ms": c.last_restart_ms,
        "events_in": c.events_in, "events_out": c.events_out,
        "events_per_second": c.events_per_second, "cpu_usec": c.cpu_usec,
    })
}

/// What a component registered with the control plane (null when it did
/// not register).
pub fn registration(registration: Option<&crate::daemon::v1::Registration>) -> Value {
    match registration {
        None => Value::Null,
        Some(r) => json!({
            "name": r.name, "description": r.description, "version": r.version,
            "input_event_types": r.input_event_types,
            "output_event_types": r.output_event_types,
            "metadata": r.metadata, "metrics": r.metrics,
        }),
    }
}

/// The supervised components with their registrations, and the
/// registrations outside any run (`status -o json`, `GET /v1/components`).
pub fn components(components: &[ComponentStatus], external: &[ExternalComponent]) -> Value {
    json!({
        "components": components.iter().map(|c| {
            let mut value = component(c);
            value["registration"] = registration(c.registration.as_ref());
            value
        }).collect::<Vec<_>>(),
        "external": external.iter().map(|e| json!({
            "service_id": e.service_id, "health": e.health,
            "last_heartbeat_ms": e.last_heartbeat_ms, "endpoint": e.endpoint,
            "kind": e.kind, "registration": registration(e.registration.as_ref()),
        })).collect::<Vec<_>>(),
    })
}

/// A run with its components, start order and edges (`pipelines run-info
/// -o json`, `GET /v1/runs/{id}`).
pub fn run_detail(detail: &RunDetail) -> Value {
    let mut value = run(&detail.run.clone().unwrap_or_default());
    value["components"] = detail.components.iter().map(component).collect();
    value["start_order"] = json!(detail.start_order);
    value["resolved"] = detail
        .resolved
        .iter()
        .map(|r| {
            json!({
                "component": r.component_id, "reference": r.reference,
                "digest": r.digest, "executable": r.executable,
            })
        })
        .collect();
    value["edges"] = detail.edges.iter().map(edge).collect();
    value
}

/// One edge of the data flow with its counters.
pub fn edge(e: &EdgeStatus) -> Value {
    json!({
        "from": e.from, "to": e.to, "events": e.events, "bytes": e.bytes,
        "drops": e.drops, "buffered": e.buffered, "capacity": e.capacity,
        "filtered": e.filtered,
    })
}

/// One log line or notice (`logs -o json`, one line of `GET
/// /v1/runs/{id}/logs`).
pub fn log_line(line: &LogLine) -> Value {
    json!({
        "run_id": line.run_id, "component": line.component,
        "at_ms": line.at_ms, "stream": line.stream, "line": line.line,
        "seq": line.seq, "missed": line.missed, "lost": line.lost,
    })
}

/// What the daemon says of itself (`daemon status -o json` without the
/// client's additions, `GET /v1/info`).
pub fn daemon_info(info: &DaemonInfo) -> Value {
    json!({
        "pid": info.pid,
        "version": info.version,
        "started_at_ms": info.started_at_ms,
        "socket": info.socket_path,
        "control_plane": info.control_plane_endpoint,
        "state_dir": info.state_dir,
        "log_file": info.log_file,
        "active_runs": info.active_runs,
        "registered_components": info.registered_components,
        "heartbeat_ttl": info.heartbeat_ttl,
        "janitor_interval": info.janitor_interval,
        "db_path": info.db_path,
        "containment": info.containment,
        "metrics": metrics_url(&info.metrics_endpoint),
    })
}

/// The URL of a daemon's Prometheus `/metrics` (its `metrics_endpoint`),
/// `None` when it serves none.
pub fn metrics_url(endpoint: &str) -> Option<String> {
    (!endpoint.is_empty()).then(|| format!("http://{endpoint}/metrics"))
}

/// One update of a `Watch` stream: `{"run": ...}`, `{"component": ...}`,
/// `{"log": ...}` or `{"edges": {"run_id", "at_ms", "edges": [...]}}` (a
/// line of `GET /v1/events`).
pub fn watch_event(event: &WatchEvent) -> Value {
    match &event.event {
        Some(watch_event::Event::Run(summary)) => json!({ "run": run(summary) }),
        Some(watch_event::Event::Component(c)) => json!({ "component": component(c) }),
        Some(watch_event::Event::Log(line)) => json!({ "log": log_line(line) }),
        Some(watch_event::Event::Edges(e)) => json!({ "edges": {
            "run_id": e.run_id, "at_ms": e.at_ms,
            "edges": e.edges.iter().map(edge).collect::<Vec<_>>(),
        } }),
        None => json!({}),
    }
}

/// An error answer: the message `flowctl` prints for the same failure.
pub fn error(message: &str) -> Value {
    json!({ "error": message })
}
