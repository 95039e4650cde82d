//! Runs as the store keeps them: conversions between [`RunRecord`] (and
//! its parts) and the store's records.

use super::{ComponentMetrics, InstanceRecord, Metrics, RunRecord};
use crate::store::records::{
    component_state_code, component_state_of, run_status_code, run_status_of,
};
use crate::store::{StoredComponentMetrics, StoredInstance, StoredMetrics, StoredRun};
use flowctl_core::clock::{from_unix_ms, unix_ms};

pub(super) fn to_stored(record: &RunRecord) -> StoredRun {
    StoredRun {
        id: record.id.clone(),
        pipeline_name: record.pipeline_name.clone(),
        pipeline_path: record.pipeline_path.clone(),
        config_yaml: record.config_yaml.clone(),
        working_dir: record.working_dir.clone(),
        env: record.env.clone(),
        log_dir: record.log_dir.clone(),
        status: run_status_code(record.status),
        history: record
            .history
            .iter()
            .map(|(status, at)| (run_status_code(*status), unix_ms(*at)))
            .collect(),
        started_at_ms: unix_ms(record.started_at),
        ended_at_ms: record.ended_at.map(unix_ms).unwrap_or(0),
        error: record.error.clone(),
        component_ids: record.component_ids.clone(),
        metrics: record.metrics.as_ref().map(metrics_to_stored),
        supervised: record.supervised,
        restarts: record.restarts,
        restarted_from: record.restarted_from.clone(),
        resume: record.resume,
        components: record.components.iter().map(instance_to_stored).collect(),
        control_plane: record.control_plane.clone(),
        resolved: record.resolved.clone(),
        no_spawn: record.no_spawn,
    }
}

pub(super) fn from_stored(stored: StoredRun) -> RunRecord {
    RunRecord {
        status: run_status_of(stored.status),
        history: stored
            .history
            .iter()
            .map(|(status, at)| (run_status_of(*status), from_unix_ms(*at)))
            .collect(),
        started_at: from_unix_ms(stored.started_at_ms),
        ended_at: (stored.ended_at_ms > 0).then(|| from_unix_ms(stored.ended_at_ms)),
        metrics: stored.metrics.map(metrics_from_stored),
        id: stored.id,
        pipeline_name: stored.pipeline_name,
        pipeline_path: stored.pipeline_path,
        config_yaml: stored.config_yaml,
        working_dir: stored.working_dir,
        env: stored.env,
        error: stored.error,
        component_ids: stored.component_ids,
        supervised: stored.supervised,
        log_dir: stored.log_dir,
        restarts: stored.restarts,
        restarted_from: stored.restarted_from,
        resume: stored.resume,
        control_plane: stored.control_plane,
        resolved: stored.resolved,
        no_spawn: stored.no_spawn,
        components: stored
            .components
            .into_iter()
            .map(instance_from_stored)
            .collect(),
    }
}

fn instance_to_stored(instance: &InstanceRecord) -> StoredInstance {
    StoredInstance {
        id: instance.id.clone(),
        kind: instance.kind.clone(),
        state: component_state_code(instance.state),
        pid: instance.pid,
        started_at_ms: instance.started_at.map(unix_ms).unwrap_or(0),
        exit: instance.exit.clone(),
        restarts: instance.restarts,
        service_id: instance.service_id.clone(),
        last_restart_reason: instance.last_restart_reason.clone(),
        cpu_usec: instance.cpu_usec,
    }
}

fn instance_from_stored(stored: StoredInstance) -> InstanceRecord {
    InstanceRecord {
        state: component_state_of(stored.state),
        started_at: (stored.started_at_ms > 0).then(|| from_unix_ms(stored.started_at_ms)),
        id: stored.id,
        kind: stored.kind,
        pid: stored.pid,
        exit: stored.exit,
        restarts: stored.restarts,
        service_id: stored.service_id,
        last_restart_reason: stored.last_restart_reason,
        cpu_usec: stored.cpu_usec,
    }
}

fn metrics_to_stored(metrics: &Metrics) -> StoredMetrics {
    StoredMetrics {
        events_processed: metrics.events_processed,
        events_per_second: metrics.events_per_second,
        bytes_processed: metrics.bytes_processed,
        components: metrics
            .components
            .iter()
            .map(|(id, c)| {
                let stored = StoredComponentMetrics {
                    events_in: c.events_in,
                    events_out: c.events_out,
                    bytes_in: c.bytes_in,
                    bytes_out: c.bytes_out,
                    processing_time_ms: c.processing_time_ms,
                };
                (id.clone(), stored)
            })
            .collect(),
    }
}

fn metrics_from_stored(stored: StoredMetrics) -> Metrics {
    Metrics {
        events_processed: stored.events_processed,
        events_per_second: stored.events_per_second,
        bytes_processed: stored.bytes_processed,
        components: stored
            .components
            .into_iter()
            .map(|(id, c)| {
                let metrics = ComponentMetrics {
                    events_in: c.events_in,
                    events_out: c.events_out,
                    bytes_in: c.bytes_in,
                    bytes_out: c.bytes_out,
                    processing_time_ms: c.processing_time_ms,
                };
                (id, metrics)
            })
            .collect(),
    }
}
