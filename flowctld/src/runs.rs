//! Pipeline runs: their records and their state machine.
//!
//! A run is either supervised (submitted by `flowctl run`, its components are
//! processes of this daemon) or external (created through the legacy
//! `CreatePipelineRun`, its status owned by whoever created it). Both live in
//! this one table, so every view (`flowctl pipelines`, the legacy service)
//! shows the same truth.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::SystemTime;

use flowctl_proto::daemon::v1::RunStatus;
use flowctl_proto::legacy::RunMetrics;
use tokio::sync::broadcast;

use crate::error::{Error, Result};

/// Everything recorded about one run.
#[derive(Debug, Clone)]
pub struct RunRecord {
    pub id: String,
    pub pipeline_name: String,
    /// Absolute path of the pipeline file; empty for external runs.
    pub pipeline_path: String,
    pub config_yaml: String,
    pub working_dir: String,
    pub env: BTreeMap<String, String>,
    pub status: RunStatus,
    /// Every status the run went through, with when.
    pub history: Vec<(RunStatus, SystemTime)>,
    pub started_at: SystemTime,
    pub ended_at: Option<SystemTime>,
    /// Why the run failed, in words a user can act on.
    pub error: String,
    pub component_ids: Vec<String>,
    pub metrics: Option<RunMetrics>,
    /// Whether this daemon runs the components (as opposed to a record kept
    /// for a client of the legacy API).
    pub supervised: bool,
}

/// Whether a run has ended for good.
pub fn is_terminal(status: RunStatus) -> bool {
    matches!(
        status,
        RunStatus::Completed | RunStatus::Failed | RunStatus::Stopped
    )
}

/// Whether a run is starting, running or stopping.
pub fn is_active(status: RunStatus) -> bool {
    matches!(
        status,
        RunStatus::Starting | RunStatus::Running | RunStatus::Stopping
    )
}

/// A status as users read it: `RUNNING`, `FAILED`...
pub fn status_name(status: RunStatus) -> &'static str {
    status
        .as_str_name()
        .strip_prefix("RUN_STATUS_")
        .unwrap_or("UNKNOWN")
}

/// Data for a new run.
#[derive(Debug, Clone, Default)]
pub struct NewRun {
    /// Chosen by the caller (legacy API) or a fresh UUID when empty.
    pub id: String,
    pub pipeline_name: String,
    pub pipeline_path: String,
    pub config_yaml: String,
    pub working_dir: String,
    pub env: BTreeMap<String, String>,
    pub component_ids: Vec<String>,
    pub supervised: bool,
}

/// The table of runs.
#[derive(Debug)]
pub struct Runs {
    records: Mutex<HashMap<String, RunRecord>>,
    changes: broadcast::Sender<String>,
}

impl Default for Runs {
    fn default() -> Self {
        Self::new()
    }
}

impl Runs {
    pub fn new() -> Runs {
        Runs {
            records: Mutex::new(HashMap::new()),
            changes: broadcast::channel(1024).0,
        }
    }

    /// Ids of runs that changed, from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<String> {
        self.changes.subscribe()
    }

    /// Records a new run in STARTING.
    pub fn create(&self, new: NewRun) -> Result<RunRecord> {
        let id = if new.id.is_empty() {
            uuid::Uuid::new_v4().to_string()
        } else {
            new.id
        };
        let now = SystemTime::now();
        let record = RunRecord {
            id: id.clone(),
            pipeline_name: new.pipeline_name,
            pipeline_path: new.pipeline_path,
            config_yaml: new.config_yaml,
            working_dir: new.working_dir,
            env: new.env,
            status: RunStatus::Starting,
            history: vec![(RunStatus::Starting, now)],
            started_at: now,
            ended_at: None,
            error: String::new(),
            component_ids: new.component_ids,
            metrics: None,
            supervised: new.supervised,
        };
        {
            let mut records = self.lock();
            if records.contains_key(&id) {
                return Err(Error::InvalidArgument(format!("run {id} already exists")));
            }
            records.insert(id.clone(), record.clone());
        }
        let _ = self.changes.send(id);
        Ok(record)
    }

    /// Moves a run to `status`. A run that ended stays ended: later
    /// transitions are ignored, so a late exit cannot overwrite a STOPPED.
    /// The first error given is kept, as it is usually the cause.
    pub fn transition(
        &self,
        id: &str,
        status: RunStatus,
        error: Option<String>,
    ) -> Result<RunRecord> {
        let record = {
            let mut records = self.lock();
            let record = records
                .get_mut(id)
                .ok_or_else(|| Error::RunNotFound(id.to_owned()))?;
            if !is_terminal(record.status) && record.status != status {
                let now = SystemTime::now();
                record.status = status;
                record.history.push((status, now));
                if is_terminal(status) {
                    record.ended_at = Some(now);
                }
            }
            if let Some(error) = error
                && record.error.is_empty()
            {
                record.error = error;
            }
            record.clone()
        };
        let _ = self.changes.send(id.to_owned());
        Ok(record)
    }

    /// Replaces a run's metrics.
    pub fn set_metrics(&self, id: &str, metrics: RunMetrics) -> Result<RunRecord> {
        let record = {
            let mut records = self.lock();
            let record = records
                .get_mut(id)
                .ok_or_else(|| Error::RunNotFound(id.to_owned()))?;
            record.metrics = Some(metrics);
            record.clone()
        };
        let _ = self.changes.send(id.to_owned());
        Ok(record)
    }

    pub fn get(&self, id: &str) -> Result<RunRecord> {
        self.lock()
            .get(id)
            .cloned()
            .ok_or_else(|| Error::RunNotFound(id.to_owned()))
    }

    /// Finds the one run whose id starts with `prefix`.
    pub fn resolve(&self, prefix: &str) -> Result<String> {
        let prefix = prefix.trim();
        if prefix.is_empty() {
            return Err(Error::InvalidArgument("a run id is required".into()));
        }
        let records = self.lock();
        if records.contains_key(prefix) {
            return Ok(prefix.to_owned());
        }
        let mut candidates: Vec<&String> =
            records.keys().filter(|id| id.starts_with(prefix)).collect();
        candidates.sort();
        match candidates.as_slice() {
            [] => Err(Error::RunNotFound(prefix.to_owned())),
            [one] => Ok((*one).clone()),
            many => Err(Error::AmbiguousRun {
                prefix: prefix.to_owned(),
                candidates: many.iter().map(|id| short_id(id).to_owned()).collect(),
            }),
        }
    }

    /// Runs matching the filters, newest first.
    pub fn list(&self, pipeline_name: &str, only: Option<fn(RunStatus) -> bool>) -> Vec<RunRecord> {
        let mut runs: Vec<RunRecord> = self
            .lock()
            .values()
            .filter(|r| pipeline_name.is_empty() || r.pipeline_name == pipeline_name)
            .filter(|r| only.is_none_or(|keep| keep(r.status)))
            .cloned()
            .collect();
        runs.sort_by(|a, b| b.started_at.cmp(&a.started_at).then(a.id.cmp(&b.id)));
        runs
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, RunRecord>> {
        self.records
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The 8 characters tables show of a run id.
pub fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_run(id: &str) -> NewRun {
        NewRun {
            id: id.into(),
            pipeline_name: "p".into(),
            ..NewRun::default()
        }
    }

    #[test]
    fn prefixes_resolve_or_list_candidates() {
        let runs = Runs::new();
        runs.create(new_run("abcdef12-1")).unwrap();
        runs.create(new_run("abcdef99-2")).unwrap();
        assert_eq!(runs.resolve("abcdef12").unwrap(), "abcdef12-1");
        let err = runs.resolve("abcdef").unwrap_err().to_string();
        assert!(
            err.contains("abcdef12") && err.contains("abcdef99"),
            "{err}"
        );
        assert!(matches!(runs.resolve("zz"), Err(Error::RunNotFound(_))));
    }

    #[test]
    fn ended_runs_stay_ended_and_keep_the_first_error() {
        let runs = Runs::new();
        runs.create(new_run("r")).unwrap();
        runs.transition("r", RunStatus::Failed, Some("gen exited 1".into()))
            .unwrap();
        let record = runs
            .transition("r", RunStatus::Stopped, Some("later".into()))
            .unwrap();
        assert_eq!(record.status, RunStatus::Failed);
        assert_eq!(record.error, "gen exited 1");
        assert!(record.ended_at.is_some());
        assert_eq!(record.history.len(), 2);
    }
}
