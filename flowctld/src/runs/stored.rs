//! Runs as the store keeps them: conversions between [`RunRecord`] and the
//! versioned on-disk [`StoredRun`].

use flowctl_proto::daemon::v1::RunStatus;
use flowctl_proto::legacy::RunMetrics;
use prost::Message;

use super::RunRecord;
use crate::store::StoredRun;
use flowctl_core::clock::{from_unix_ms, unix_ms};

fn status_of(raw: i32) -> RunStatus {
    RunStatus::try_from(raw).unwrap_or(RunStatus::Unknown)
}

pub(super) fn to_stored(record: &RunRecord) -> StoredRun {
    StoredRun {
        id: record.id.clone(),
        pipeline_name: record.pipeline_name.clone(),
        pipeline_path: record.pipeline_path.clone(),
        config_yaml: record.config_yaml.clone(),
        working_dir: record.working_dir.clone(),
        env: record.env.clone(),
        log_dir: record.log_dir.clone(),
        status: record.status as i32,
        history: record
            .history
            .iter()
            .map(|(status, at)| (*status as i32, unix_ms(*at)))
            .collect(),
        started_at_ms: unix_ms(record.started_at),
        ended_at_ms: record.ended_at.map(unix_ms).unwrap_or(0),
        error: record.error.clone(),
        component_ids: record.component_ids.clone(),
        metrics: record
            .metrics
            .as_ref()
            .map(Message::encode_to_vec)
            .unwrap_or_default(),
        supervised: record.supervised,
        restarts: record.restarts,
        restarted_from: record.restarted_from.clone(),
        resume: record.resume,
        components: record.components.clone(),
    }
}

pub(super) fn from_stored(stored: StoredRun) -> RunRecord {
    RunRecord {
        status: status_of(stored.status),
        history: stored
            .history
            .iter()
            .map(|(status, at)| (status_of(*status), from_unix_ms(*at)))
            .collect(),
        started_at: from_unix_ms(stored.started_at_ms),
        ended_at: (stored.ended_at_ms > 0).then(|| from_unix_ms(stored.ended_at_ms)),
        metrics: (!stored.metrics.is_empty())
            .then(|| RunMetrics::decode(stored.metrics.as_slice()).ok())
            .flatten(),
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
        components: stored.components,
    }
}
