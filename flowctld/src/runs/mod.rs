//! Pipeline runs: their records and their state machine.
//!
//! A run is either supervised (submitted by `flowctl run`, its components are
//! processes of this daemon) or external (created through the legacy
//! `CreatePipelineRun`, its status owned by whoever created it). Both live in
//! this one table, so every view (`flowctl pipelines`, the legacy service)
//! shows the same truth.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use flowctl_proto::daemon::v1::{ComponentState, RunStatus};
use flowctl_proto::legacy::RunMetrics;
use tokio::sync::broadcast;

use crate::error::{Error, Result};
use crate::store::{Durable, Store};

mod stored;
use stored::{from_stored, to_stored};

/// How one component instance of a run ended up (pid, exit, restarts).
pub type ComponentRecord = crate::store::StoredComponent;

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
    /// Where `--log-dir` mirrors component logs; empty when not asked.
    pub log_dir: String,
    /// How many times a daemon restart started this run again.
    pub restarts: u32,
    /// The run this one re-runs, for `flowctl pipelines restart`.
    pub restarted_from: String,
    /// Start this run again when the next daemon starts.
    pub resume: bool,
    /// The components' last known instances.
    pub components: Vec<ComponentRecord>,
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
    pub log_dir: String,
    pub restarted_from: String,
}

/// The table of runs, written through to the store: a change is committed
/// before the call returns, and so before any client hears of it.
#[derive(Debug)]
pub struct Runs {
    records: Mutex<HashMap<String, RunRecord>>,
    changes: broadcast::Sender<String>,
    store: Arc<Store>,
}

impl Runs {
    /// The runs recorded in `store`.
    pub fn open(store: Arc<Store>) -> Result<Runs> {
        let records = store
            .load_runs()?
            .into_iter()
            .map(|stored| {
                let record = from_stored(stored);
                (record.id.clone(), record)
            })
            .collect();
        Ok(Runs {
            records: Mutex::new(records),
            changes: broadcast::channel(1024).0,
            store,
        })
    }

    /// A table in memory only (tests).
    pub fn in_memory() -> Runs {
        Runs::open(Arc::new(Store::in_memory().expect("in-memory store"))).expect("empty store")
    }

    /// Applies `change` to run `id`, commits it, then announces it. The lock
    /// is held across the commit so the store sees changes in order.
    fn change(&self, id: &str, change: impl FnOnce(&mut RunRecord)) -> Result<RunRecord> {
        self.change_with(id, Durable::Now, change)
    }

    fn change_with(
        &self,
        id: &str,
        durable: Durable,
        change: impl FnOnce(&mut RunRecord),
    ) -> Result<RunRecord> {
        let record = {
            let mut records = self.lock();
            let record = records
                .get_mut(id)
                .ok_or_else(|| Error::RunNotFound(id.to_owned()))?;
            let mut updated = record.clone();
            change(&mut updated);
            self.store.put_run(&to_stored(&updated), durable)?;
            *record = updated.clone();
            updated
        };
        let _ = self.changes.send(id.to_owned());
        Ok(record)
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
            log_dir: new.log_dir,
            restarts: 0,
            restarted_from: new.restarted_from,
            resume: false,
            components: Vec::new(),
        };
        {
            let mut records = self.lock();
            if records.contains_key(&id) {
                return Err(Error::InvalidArgument(format!("run {id} already exists")));
            }
            self.store.put_run(&to_stored(&record), Durable::Now)?;
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
        self.change(id, |record| {
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
        })
    }

    /// Starts an ended run again under the same id (a daemon restart):
    /// STARTING, its error cleared, its restart count up by one.
    pub fn revive(&self, id: &str) -> Result<RunRecord> {
        self.change(id, |record| {
            let now = SystemTime::now();
            record.status = RunStatus::Starting;
            record.history.push((RunStatus::Starting, now));
            record.ended_at = None;
            record.error.clear();
            record.restarts += 1;
            record.resume = false;
        })
    }

    /// Marks a run to be started again by the next daemon.
    pub fn set_resume(&self, id: &str, resume: bool) -> Result<RunRecord> {
        self.change(id, |record| record.resume = resume)
    }

    /// Records the components' current instances.
    pub fn set_components(&self, id: &str, components: Vec<ComponentRecord>) -> Result<RunRecord> {
        // Bookkeeping: durable with the run's next status change.
        self.change_with(id, Durable::WithNext, |record| {
            record.components = components
        })
    }

    /// On a daemon's start: runs a dead daemon left active are FAILED (they
    /// did not survive it), and the runs it was asked to restart are
    /// returned to be started again.
    pub fn reconcile(&self, last_alive_ms: Option<i64>) -> Result<Vec<RunRecord>> {
        let when = last_alive_ms
            .map(flowctl_core::clock::format_rfc3339_ms)
            .unwrap_or_else(|| "an unknown time".into());
        let records: Vec<RunRecord> = self.lock().values().cloned().collect();
        let mut resume = Vec::new();
        for record in records {
            if record.resume {
                resume.push(record);
            } else if record.supervised && !is_terminal(record.status) {
                self.transition(
                    &record.id,
                    RunStatus::Failed,
                    Some(format!("daemon exited unexpectedly at {when}")),
                )?;
                // Its processes were killed with (or after) the daemon.
                let components = record
                    .components
                    .iter()
                    .cloned()
                    .map(|mut c| {
                        if !matches!(
                            ComponentState::try_from(c.state),
                            Ok(ComponentState::Exited | ComponentState::Failed)
                        ) {
                            c.state = ComponentState::Failed as i32;
                            c.exit = "killed: the daemon exited".into();
                        }
                        c
                    })
                    .collect();
                self.set_components(&record.id, components)?;
            }
        }
        Ok(resume)
    }

    /// Deletes ended runs of each pipeline beyond the newest `keep`; returns
    /// the ids deleted (their logs go with them).
    pub fn prune(&self, keep: usize) -> Result<Vec<String>> {
        let mut records = self.lock();
        let mut by_pipeline: HashMap<&str, Vec<&RunRecord>> = HashMap::new();
        for record in records
            .values()
            .filter(|r| is_terminal(r.status) && !r.resume)
        {
            by_pipeline
                .entry(&record.pipeline_name)
                .or_default()
                .push(record);
        }
        let mut doomed = Vec::new();
        for runs in by_pipeline.values_mut() {
            runs.sort_by_key(|r| std::cmp::Reverse(r.started_at));
            doomed.extend(runs.iter().skip(keep).map(|r| r.id.clone()));
        }
        if doomed.is_empty() {
            return Ok(doomed);
        }
        self.store.delete_runs(&doomed)?;
        for id in &doomed {
            records.remove(id);
        }
        Ok(doomed)
    }

    /// Replaces a run's metrics.
    pub fn set_metrics(&self, id: &str, metrics: RunMetrics) -> Result<RunRecord> {
        self.change(id, |record| record.metrics = Some(metrics))
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

    /// How many runs are in a state `keep` accepts, without copying them.
    pub fn count(&self, keep: fn(RunStatus) -> bool) -> usize {
        self.lock().values().filter(|r| keep(r.status)).count()
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
        let runs = Runs::in_memory();
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
        let runs = Runs::in_memory();
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

    #[test]
    fn records_survive_reopening_and_reconcile_marks_the_dead() {
        let store = Arc::new(Store::in_memory().unwrap());
        let runs = Runs::open(store.clone()).unwrap();
        let mut running = new_run("alive");
        running.supervised = true;
        runs.create(running).unwrap();
        runs.transition("alive", RunStatus::Running, None).unwrap();
        runs.create(new_run("resumed")).unwrap();
        runs.transition("resumed", RunStatus::Stopped, None)
            .unwrap();
        runs.set_resume("resumed", true).unwrap();

        let reopened = Runs::open(store).unwrap();
        let resume = reopened.reconcile(Some(0)).unwrap();
        assert_eq!(resume.len(), 1);
        let dead = reopened.get("alive").unwrap();
        assert_eq!(dead.status, RunStatus::Failed);
        assert!(
            dead.error.contains("daemon exited unexpectedly at 1970"),
            "{}",
            dead.error
        );
        let revived = reopened.revive("resumed").unwrap();
        assert_eq!((revived.status, revived.restarts), (RunStatus::Starting, 1));
    }

    #[test]
    fn prune_keeps_the_newest_ended_runs_per_pipeline() {
        let runs = Runs::in_memory();
        for i in 0..5 {
            let id = format!("r{i}");
            runs.create(new_run(&id)).unwrap();
            runs.transition(&id, RunStatus::Completed, None).unwrap();
        }
        runs.create(new_run("active")).unwrap();
        assert_eq!(runs.prune(2).unwrap().len(), 3);
        assert_eq!(runs.list("p", None).len(), 3);
    }
}
