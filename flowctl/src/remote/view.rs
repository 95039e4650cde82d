//! How a control plane's registrations and runs print: JSON shapes and table
//! rows shared by `status`, `list`, `pipelines` and `processors` when they
//! query a plane over TCP.

use std::collections::HashMap;

use flowctl_proto::legacy::{PipelineRun, RunStatus, ServiceStatus, ServiceType};
use flowctl_proto::v1::{ComponentStatusResponse, ComponentType, HealthStatus};
use serde_json::{Value, json};

use crate::output;

/// Unix ms of a protobuf timestamp (0 when unset).
pub fn ms(at: &Option<prost_types::Timestamp>) -> i64 {
    at.as_ref()
        .map(|t| t.seconds * 1000 + i64::from(t.nanos) / 1_000_000)
        .unwrap_or(0)
}

/// RFC 3339 of a protobuf timestamp, or null.
fn time_json(at: &Option<prost_types::Timestamp>) -> Value {
    match ms(at) {
        0 => Value::Null,
        ms => Value::String(flowctl_core::clock::format_rfc3339_ms(ms)),
    }
}

/// "3.2s ago", or "-" when it never happened.
pub fn ago(ms: i64) -> String {
    if ms <= 0 {
        "-".into()
    } else {
        format!("{} ago", output::since_ms(ms))
    }
}

/// "healthy", "unhealthy"...: a health status as users read it.
pub fn health_name(status: HealthStatus) -> &'static str {
    match status {
        HealthStatus::Unknown => "unknown",
        HealthStatus::Starting => "starting",
        HealthStatus::Healthy => "healthy",
        HealthStatus::Degraded => "degraded",
        HealthStatus::Unhealthy => "unhealthy",
        HealthStatus::Stopping => "stopping",
    }
}

/// "source", "processor", "sink" (the v1 CONSUMER), or "unspecified".
pub fn type_name(kind: ComponentType) -> &'static str {
    match kind {
        ComponentType::Source => "source",
        ComponentType::Processor => "processor",
        ComponentType::Consumer => "sink",
        ComponentType::Unspecified => "unspecified",
    }
}

/// "a, b" or "-".
pub fn list_text(items: &[String]) -> String {
    if items.is_empty() {
        "-".into()
    } else {
        items.join(", ")
    }
}

/// "k=v, k=v" sorted, or "-".
pub fn map_text<V: std::fmt::Display>(map: &HashMap<String, V>) -> String {
    let mut pairs: Vec<String> = map.iter().map(|(k, v)| format!("{k}={v}")).collect();
    if pairs.is_empty() {
        return "-".into();
    }
    pairs.sort();
    pairs.join(", ")
}

/// One registration (v1 `ComponentStatusResponse`) as JSON.
pub fn registration_json(status: &ComponentStatusResponse) -> Value {
    let info = status.component.clone().unwrap_or_default();
    json!({
        "id": info.id, "name": info.name, "description": info.description,
        "version": info.version, "type": type_name(info.r#type()),
        "health": health_name(status.status()),
        "input_event_types": info.input_event_types,
        "output_event_types": info.output_event_types,
        "endpoint": info.endpoint, "metadata": info.metadata,
        "metrics": status.metrics,
        "last_heartbeat": time_json(&status.last_heartbeat),
        "registered_at": time_json(&status.registered_at),
    })
}

/// Header of a registration table (`wide` adds types and metrics).
pub fn registration_header(wide: bool) -> Vec<&'static str> {
    let mut header = vec!["ID", "HEALTH", "LAST HEARTBEAT", "ENDPOINT"];
    if wide {
        header.extend(["INPUT TYPES", "OUTPUT TYPES", "VERSION", "METRICS"]);
    }
    header
}

/// One registration as a table row matching [`registration_header`].
pub fn registration_row(status: &ComponentStatusResponse, wide: bool) -> Vec<String> {
    let info = status.component.clone().unwrap_or_default();
    let mut row = vec![
        info.id.clone(),
        health_name(status.status()).to_owned(),
        ago(ms(&status.last_heartbeat)),
        if info.endpoint.is_empty() {
            "-".into()
        } else {
            info.endpoint.clone()
        },
    ];
    if wide {
        row.extend([
            list_text(&info.input_event_types),
            list_text(&info.output_event_types),
            if info.version.is_empty() {
                "-".into()
            } else {
                info.version.clone()
            },
            map_text(&status.metrics),
        ]);
    }
    row
}

/// A legacy service (`ListServices`) as JSON.
pub fn service_json(service: &ServiceStatus) -> Value {
    json!({
        "service_id": service.service_id, "component_id": service.component_id,
        "type": service_type_name(service.service_type()),
        "healthy": service.is_healthy,
        "last_heartbeat": time_json(&service.last_heartbeat),
        "metrics": service.metrics,
    })
}

/// "source", "processor", "sink", "pipeline", "unspecified".
pub fn service_type_name(kind: ServiceType) -> &'static str {
    match kind {
        ServiceType::Source => "source",
        ServiceType::Processor => "processor",
        ServiceType::Sink => "sink",
        ServiceType::Pipeline => "pipeline",
        ServiceType::Unspecified => "unspecified",
    }
}

/// A legacy run status by its domain name ("running", "completed"...).
pub fn run_status_name(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Unknown => "unknown",
        RunStatus::Starting => "starting",
        RunStatus::Running => "running",
        RunStatus::Completed => "completed",
        RunStatus::Failed => "failed",
        RunStatus::Stopped => "stopped",
    }
}

/// A legacy run (`PipelineRun`) as JSON.
pub fn legacy_run_json(run: &PipelineRun) -> Value {
    let metrics = run.metrics.clone().unwrap_or_default();
    json!({
        "run_id": run.run_id, "pipeline_id": run.pipeline_id,
        "pipeline_name": run.pipeline_name,
        "status": run_status_name(run.status()),
        "start_time": time_json(&run.start_time), "end_time": time_json(&run.end_time),
        "error": run.error, "component_ids": run.component_ids,
        "events_processed": metrics.events_processed,
        "events_per_second": metrics.events_per_second,
    })
}
