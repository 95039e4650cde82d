//! Every conversion between the daemon's own types and the wire, by hand,
//! next to the services that use them: registry health, roles and component
//! info (both control planes), run metrics (legacy), and the supervisor's
//! views (the client API). Nothing inside the daemon builds a wire message.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use flowctl_proto::daemon::v1 as daemon;
use flowctl_proto::legacy;
use flowctl_proto::v1 as wire;

use crate::logs::Entry;
use crate::registry::{ComponentInfo, Health, Role};
use crate::runs::{ComponentMetrics, Metrics};
use crate::supervisor::view;
use crate::supervisor::watch::{LogUpdate, Update};
use flowctl_core::clock::unix_ms;

/// A protobuf timestamp of a time.
pub fn timestamp(time: SystemTime) -> prost_types::Timestamp {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    prost_types::Timestamp {
        seconds: since.as_secs() as i64,
        nanos: since.subsec_nanos() as i32,
    }
}

/// Unix ms of a time that may not be known (0 on the wire).
fn ms(time: Option<SystemTime>) -> i64 {
    time.map(unix_ms).unwrap_or(0)
}

/// The health of a wire number (unknown numbers read as `Unknown`).
pub fn health(raw: i32) -> Health {
    match wire::HealthStatus::try_from(raw).unwrap_or(wire::HealthStatus::Unknown) {
        wire::HealthStatus::Unknown => Health::Unknown,
        wire::HealthStatus::Starting => Health::Starting,
        wire::HealthStatus::Healthy => Health::Healthy,
        wire::HealthStatus::Degraded => Health::Degraded,
        wire::HealthStatus::Unhealthy => Health::Unhealthy,
        wire::HealthStatus::Stopping => Health::Stopping,
    }
}

/// The wire form of a health.
pub fn wire_health(health: Health) -> wire::HealthStatus {
    match health {
        Health::Unknown => wire::HealthStatus::Unknown,
        Health::Starting => wire::HealthStatus::Starting,
        Health::Healthy => wire::HealthStatus::Healthy,
        Health::Degraded => wire::HealthStatus::Degraded,
        Health::Unhealthy => wire::HealthStatus::Unhealthy,
        Health::Stopping => wire::HealthStatus::Stopping,
    }
}

/// The role of a wire component type.
pub fn role(kind: wire::ComponentType) -> Role {
    match kind {
        wire::ComponentType::Unspecified => Role::Unspecified,
        wire::ComponentType::Source => Role::Source,
        wire::ComponentType::Processor => Role::Processor,
        wire::ComponentType::Consumer => Role::Consumer,
    }
}

/// The wire component type of a role.
pub fn wire_role(role: Role) -> wire::ComponentType {
    match role {
        Role::Unspecified => wire::ComponentType::Unspecified,
        Role::Source => wire::ComponentType::Source,
        Role::Processor => wire::ComponentType::Processor,
        Role::Consumer => wire::ComponentType::Consumer,
    }
}

/// What a component sent about itself, as the registry keeps it.
pub fn component_info(info: wire::ComponentInfo) -> ComponentInfo {
    ComponentInfo {
        role: role(info.r#type()),
        id: info.id,
        name: info.name,
        description: info.description,
        version: info.version,
        input_event_types: info.input_event_types,
        output_event_types: info.output_event_types,
        endpoint: info.endpoint,
        metadata: info.metadata,
    }
}

/// A registration's component info as the wire shows it.
pub fn wire_component_info(info: ComponentInfo) -> wire::ComponentInfo {
    wire::ComponentInfo {
        r#type: wire_role(info.role) as i32,
        id: info.id,
        name: info.name,
        description: info.description,
        version: info.version,
        input_event_types: info.input_event_types,
        output_event_types: info.output_event_types,
        endpoint: info.endpoint,
        metadata: info.metadata,
    }
}

/// Legacy metrics as the run record keeps them.
pub fn metrics(metrics: legacy::RunMetrics) -> Metrics {
    Metrics {
        events_processed: metrics.events_processed,
        events_per_second: metrics.events_per_second,
        bytes_processed: metrics.bytes_processed,
        components: metrics
            .component_metrics
            .into_iter()
            .map(|(id, c)| {
                let counts = ComponentMetrics {
                    events_in: c.events_in,
                    events_out: c.events_out,
                    bytes_in: c.bytes_in,
                    bytes_out: c.bytes_out,
                    processing_time_ms: c.processing_time_ms,
                };
                (id, counts)
            })
            .collect(),
    }
}

/// A run's metrics in the legacy shape.
pub fn legacy_metrics(metrics: Metrics) -> legacy::RunMetrics {
    legacy::RunMetrics {
        events_processed: metrics.events_processed,
        events_per_second: metrics.events_per_second,
        bytes_processed: metrics.bytes_processed,
        component_metrics: metrics
            .components
            .into_iter()
            .map(|(id, c)| {
                let counts = legacy::ComponentMetrics {
                    events_in: c.events_in,
                    events_out: c.events_out,
                    bytes_in: c.bytes_in,
                    bytes_out: c.bytes_out,
                    processing_time_ms: c.processing_time_ms,
                };
                (id, counts)
            })
            .collect(),
    }
}

/// A run summary for the client.
pub fn run_summary(run: view::RunSummary) -> daemon::RunSummary {
    daemon::RunSummary {
        run_id: run.run_id,
        pipeline_name: run.pipeline_name,
        status: daemon::RunStatus::from(run.status) as i32,
        started_at_ms: unix_ms(run.started_at),
        ended_at_ms: ms(run.ended_at),
        error: run.error,
        pipeline_path: run.pipeline_path,
        components_total: run.components_total,
        components_ready: run.components_ready,
        restarts: run.restarts,
        run_restarts: run.run_restarts,
        restarted_from: run.restarted_from,
    }
}

/// An instance's status for the client (`health` is "" when unregistered).
pub fn component_status(status: view::InstanceStatus) -> daemon::ComponentStatus {
    daemon::ComponentStatus {
        run_id: status.run_id,
        id: status.id,
        kind: status.kind,
        state: daemon::ComponentState::from(status.state) as i32,
        health: status
            .health
            .map(|h| h.name().to_owned())
            .unwrap_or_default(),
        pid: status.pid,
        started_at_ms: ms(status.started_at),
        restarts: status.restarts,
        last_heartbeat_ms: ms(status.last_heartbeat),
        exit: status.exit,
        service_id: status.service_id,
        endpoint: status.endpoint,
        last_restart_reason: status.last_restart_reason,
        last_restart_ms: ms(status.last_restart_at),
        events_in: status.events_in,
        events_out: status.events_out,
        events_per_second: status.events_per_second,
        cpu_usec: status.cpu_usec,
        registration: None,
    }
}

/// A watch event telling of an instance's new status.
pub fn watch_event(update: Update) -> daemon::WatchEvent {
    use daemon::watch_event::Event;
    let event = match update {
        Update::Run(summary) => Event::Run(run_summary(summary)),
        Update::Instance(status) => Event::Component(component_status(status)),
        Update::Log(log) => Event::Log(log_line(log)),
        Update::Edges { run_id, edges } => Event::Edges(daemon::WatchEdges {
            run_id,
            edges: edges.into_iter().map(edge_status).collect(),
            at_ms: flowctl_core::clock::now_ms(),
        }),
    };
    daemon::WatchEvent { event: Some(event) }
}

/// What a reader of the run's logs receives for `entry`. A notice comes as a
/// line of stream "flowctl" naming the component it is about.
pub fn log_line(update: LogUpdate) -> daemon::LogLine {
    let LogUpdate {
        run_id,
        entry,
        following,
    } = update;
    let run_id = run_id.as_str();
    let notice = |component: String, text: String| daemon::LogLine {
        component,
        at_ms: flowctl_core::clock::now_ms(),
        stream: "flowctl".into(),
        line: text,
        run_id: run_id.to_owned(),
        ..daemon::LogLine::default()
    };
    match entry {
        Entry::Line(line) => daemon::LogLine {
            component: line.component,
            at_ms: line.at_ms,
            stream: line.stream.as_str().to_string(),
            line: line.line,
            run_id: run_id.to_owned(),
            seq: line.seq,
            ..daemon::LogLine::default()
        },
        Entry::Gap(gap) => daemon::LogLine {
            missed: gap.kept,
            lost: gap.lost,
            ..notice(gap.component.clone(), gap.describe())
        },
        Entry::NoOutput { component } => {
            let text = if following {
                "no output yet"
            } else {
                "no output"
            };
            notice(component, text.into())
        }
    }
}

/// A run with its components for the client.
pub fn run_detail(detail: view::RunDetail) -> daemon::RunDetail {
    daemon::RunDetail {
        run: Some(run_summary(detail.run)),
        components: detail.instances.into_iter().map(component_status).collect(),
        start_order: detail.start_order,
        edges: detail.edges.into_iter().map(edge_status).collect(),
        resolved: detail.resolved.iter().map(resolved_to_wire).collect(),
    }
}

/// One edge of the data flow for the client.
pub fn edge_status(e: crate::relay::EdgeMetrics) -> daemon::EdgeStatus {
    daemon::EdgeStatus {
        from: e.from,
        to: e.to,
        events: e.events,
        bytes: e.bytes,
        drops: e.drops,
        buffered: e.buffered,
        capacity: e.capacity,
        filtered: e.filtered,
    }
}

/// What the registry holds for `service_id`, if it is registered.
pub fn registration_of(
    registry: &crate::registry::Registry,
    service_id: &str,
) -> Option<daemon::Registration> {
    let entry = registry.get(service_id).ok()?;
    let info = entry.info;
    Some(daemon::Registration {
        name: info.name,
        description: info.description,
        version: info.version,
        input_event_types: info.input_event_types,
        output_event_types: info.output_event_types,
        metadata: info.metadata,
        metrics: entry.metrics,
    })
}

/// `list` with every entry's registration filled in from `registry`.
pub fn with_registrations(
    mut list: daemon::ListComponentsResponse,
    registry: &crate::registry::Registry,
) -> daemon::ListComponentsResponse {
    for c in &mut list.components {
        if !c.service_id.is_empty() {
            c.registration = registration_of(registry, &c.service_id);
        }
    }
    for e in &mut list.external {
        e.registration = registration_of(registry, &e.service_id);
    }
    list
}

/// The components `ListComponents` shows.
pub fn component_list(list: view::ComponentList) -> daemon::ListComponentsResponse {
    daemon::ListComponentsResponse {
        components: list.instances.into_iter().map(component_status).collect(),
        external: list
            .external
            .into_iter()
            .map(|e| daemon::ExternalComponent {
                service_id: e.service_id,
                health: e.health.name().into(),
                last_heartbeat_ms: ms(e.last_heartbeat),
                endpoint: e.endpoint,
                kind: wire_role(e.role).as_str_name().into(),
                registration: None,
            })
            .collect(),
    }
}

/// A resolved component as submitted, as the run record keeps it.
pub fn resolved_from_wire(r: daemon::ResolvedComponent) -> crate::store::StoredResolved {
    crate::store::StoredResolved {
        component_id: r.component_id,
        reference: r.reference,
        digest: r.digest,
        executable: r.executable,
        metadata_json: r.metadata_json,
    }
}

/// A recorded resolved component for `run-info` (without its metadata).
pub fn resolved_to_wire(r: &crate::store::StoredResolved) -> daemon::ResolvedComponent {
    daemon::ResolvedComponent {
        component_id: r.component_id.clone(),
        reference: r.reference.clone(),
        digest: r.digest.clone(),
        executable: r.executable.clone(),
        metadata_json: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_role_and_info_survive_the_wire() {
        for raw in 0..6 {
            assert_eq!(wire_health(health(raw)) as i32, raw);
        }
        assert_eq!(health(99), Health::Unknown);
        let info = wire::ComponentInfo {
            id: "gen-1".into(),
            r#type: wire::ComponentType::Consumer as i32,
            endpoint: "127.0.0.1:1".into(),
            metadata: [("k".to_string(), "v".to_string())].into(),
            ..Default::default()
        };
        assert_eq!(component_info(info.clone()).role, Role::Consumer);
        assert_eq!(wire_component_info(component_info(info.clone())), info);
    }

    #[test]
    fn metrics_survive_the_legacy_wire() {
        let wire = legacy::RunMetrics {
            events_processed: 4,
            events_per_second: 1.5,
            bytes_processed: 9,
            component_metrics: [(
                "gen".to_string(),
                legacy::ComponentMetrics {
                    events_out: 4,
                    ..Default::default()
                },
            )]
            .into(),
        };
        assert_eq!(legacy_metrics(metrics(wire.clone())), wire);
    }

    #[test]
    fn an_unregistered_instance_has_no_health_on_the_wire() {
        let status = view::InstanceStatus {
            id: "gen".into(),
            state: flowctl_core::ComponentState::Restarting,
            ..Default::default()
        };
        let wire = component_status(status.clone());
        assert_eq!(wire.health, "");
        assert_eq!(wire.state(), daemon::ComponentState::Restarting);
        let registered = view::InstanceStatus {
            health: Some(Health::Degraded),
            ..status
        };
        assert_eq!(component_status(registered).health, "DEGRADED");
    }
}
