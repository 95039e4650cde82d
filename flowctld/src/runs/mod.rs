//! Pipeline runs: their records and their state machine.
//!
//! A run is either supervised (submitted by `flowctl run`, its components are
//! processes of this daemon) or external (created through the legacy
//! `CreatePipelineRun`, its status owned by whoever created it). Both live in
//! this one table, so every view (`flowctl pipelines`, the legacy service)
//! shows the same truth. A status changes only as
//! [`RunStatus::may_become`] allows, or by [`Runs::resume`].
//!
//! Layout:
//! - this file: the table ([`Runs`]) and its changes;
//! - [`record`]: what is recorded about a run and its instances;
//! - `stored`: conversions to and from the store's records.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use flowctl_core::{ComponentState, RunStatus};
use tokio::sync::broadcast;

use crate::error::{Error, Result};
use crate::store::{Durable, Store};

pub mod record;
mod stored;
pub use record::{ComponentMetrics, InstanceRecord, Metrics, NewRun, RunRecord};
use stored::{from_stored, to_stored};

/// The table of runs, written through to the store: a change is committed
/// before the call returns, and so before any client hears of it.
///
/// Runs that have not ended are held whole, since they change often. Of
/// an ended run only what lists, counts and pruning look at stays in
/// memory ([`Kept::Ended`]); the rest is read back from the store when
/// asked for. So a long-lived daemon's memory does not grow with the
/// records it keeps (`keep_runs` of them per pipeline, each with an
/// instance record per component, its pipeline and its environment).
#[derive(Debug)]
pub struct Runs {
    records: Mutex<HashMap<String, Kept>>,
    changes: broadcast::Sender<String>,
    store: Arc<Store>,
}

/// What the table holds of one run.
#[derive(Debug)]
enum Kept {
    /// Not ended, or ended and marked to resume: the whole record (boxed,
    /// so that the many ended runs' entries stay small).
    Whole(Box<RunRecord>),
    /// Ended: the whole record is in the store.
    Ended {
        pipeline_name: String,
        status: RunStatus,
        started_at: SystemTime,
    },
}

impl Kept {
    fn of(record: RunRecord) -> Kept {
        if record.status.is_terminal() && !record.resume {
            Kept::Ended {
                pipeline_name: record.pipeline_name,
                status: record.status,
                started_at: record.started_at,
            }
        } else {
            Kept::Whole(Box::new(record))
        }
    }

    fn status(&self) -> RunStatus {
        match self {
            Kept::Whole(record) => record.status,
            Kept::Ended { status, .. } => *status,
        }
    }

    fn pipeline_name(&self) -> &str {
        match self {
            Kept::Whole(record) => &record.pipeline_name,
            Kept::Ended { pipeline_name, .. } => pipeline_name,
        }
    }

    fn started_at(&self) -> SystemTime {
        match self {
            Kept::Whole(record) => record.started_at,
            Kept::Ended { started_at, .. } => *started_at,
        }
    }
}

impl Runs {
    /// The runs recorded in `store`.
    pub fn open(store: Arc<Store>) -> Result<Runs> {
        let records = store
            .load_runs()?
            .into_iter()
            .map(|stored| {
                let record = from_stored(stored);
                (record.id.clone(), Kept::of(record))
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
        self.change_with(id, Durable::Now, |record| {
            change(record);
            Ok(())
        })
    }

    /// [`Runs::change`] where the change may refuse: then nothing is
    /// committed or announced.
    fn change_with(
        &self,
        id: &str,
        durable: Durable,
        change: impl FnOnce(&mut RunRecord) -> Result<()>,
    ) -> Result<RunRecord> {
        let record = {
            let mut records = self.lock();
            let kept = records
                .get(id)
                .ok_or_else(|| Error::RunNotFound(id.to_owned()))?;
            let mut updated = self.whole(id, kept)?;
            change(&mut updated)?;
            self.store.put_run(&to_stored(&updated), durable)?;
            records.insert(id.to_owned(), Kept::of(updated.clone()));
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
            resolved: new.resolved,
            no_spawn: new.no_spawn,
            resume: false,
            components: Vec::new(),
            control_plane: new.control_plane,
        };
        {
            let mut records = self.lock();
            if records.contains_key(&id) {
                return Err(Error::InvalidArgument(format!("run {id} already exists")));
            }
            self.store.put_run(&to_stored(&record), Durable::Now)?;
            records.insert(id.clone(), Kept::Whole(Box::new(record.clone())));
        }
        let _ = self.changes.send(id);
        Ok(record)
    }

    /// Moves a run to `status`, as [`RunStatus::may_become`] allows; moving
    /// to the status it has changes nothing. Any other move is refused with
    /// an error saying from what to what (so a late exit cannot overwrite a
    /// STOPPED). The first error given is kept, as it is usually the cause.
    ///
    /// `status` may still be the wire enum: its conversion is the shared one.
    ///
    /// Reaching RUNNING is committed with the next durable change, not
    /// waited for: a daemon that dies first leaves the run active either
    /// way, and the next one records it FAILED whether it was STARTING or
    /// RUNNING. So starting a run costs one durable commit (its creation)
    /// before its components are reported ready. Every end, and STOPPING,
    /// is durable before anyone hears of it.
    pub fn transition(
        &self,
        id: &str,
        status: RunStatus,
        error: Option<String>,
    ) -> Result<RunRecord> {
        let durable = match status {
            RunStatus::Running => Durable::WithNext,
            _ => Durable::Now,
        };
        self.change_with(id, durable, |record| {
            let from = record.status;
            if from != status {
                if !from.may_become(status) {
                    return Err(refused(id, from, status));
                }
                let now = SystemTime::now();
                record.status = status;
                record.history.push((status, now));
                if status.is_terminal() {
                    record.ended_at = Some(now);
                }
            }
            if let Some(error) = error
                && record.error.is_empty()
            {
                record.error = error;
            }
            Ok(())
        })
    }

    /// Starts an ended run again under the same id (a daemon restart):
    /// STARTING, its error cleared, its restart count up by one. Only a run
    /// that [`RunStatus::may_resume`] is resumed.
    pub fn resume(&self, id: &str) -> Result<RunRecord> {
        self.change_with(id, Durable::Now, |record| {
            if !record.status.may_resume() {
                return Err(Error::FailedPrecondition(format!(
                    "run {id} is {}: only a stopped or failed run can be resumed",
                    record.status
                )));
            }
            let now = SystemTime::now();
            record.status = RunStatus::Starting;
            record.history.push((RunStatus::Starting, now));
            record.ended_at = None;
            record.error.clear();
            record.restarts += 1;
            record.resume = false;
            Ok(())
        })
    }

    /// Marks a run to be started again by the next daemon.
    pub fn set_resume(&self, id: &str, resume: bool) -> Result<RunRecord> {
        self.change(id, |record| record.resume = resume)
    }

    /// Records the components' current instances.
    pub fn set_components(&self, id: &str, components: Vec<InstanceRecord>) -> Result<RunRecord> {
        // Bookkeeping: durable with the run's next status change.
        self.change_with(id, Durable::WithNext, |record| {
            record.components = components;
            Ok(())
        })
    }

    /// On a daemon's start: runs a dead daemon left active are FAILED (they
    /// did not survive it), those it left STOPPING are STOPPED (a stop was
    /// asked for), and the runs it was asked to restart are returned to be
    /// started again. A change it cannot commit (a full disk) is an error:
    /// the daemon does not start rather than show what the record does not say.
    pub fn reconcile(&self, last_alive_ms: Option<i64>) -> Result<Vec<RunRecord>> {
        let when = last_alive_ms
            .map(flowctl_core::clock::format_rfc3339_ms)
            .unwrap_or_else(|| "an unknown time".into());
        // Ended runs not marked to resume need nothing: only whole ones.
        let records: Vec<RunRecord> = self
            .lock()
            .values()
            .filter_map(|kept| match kept {
                Kept::Whole(record) => Some((**record).clone()),
                Kept::Ended { .. } => None,
            })
            .collect();
        let mut resume = Vec::new();
        for record in records {
            if record.resume {
                resume.push(record);
            } else if record.supervised && !record.status.is_terminal() {
                // A run found stopping was being stopped on request: it is
                // stopped (the startup sweep ended its processes), as the
                // stop that could not record its end told the client
                // (`supervisor::unrecorded`). Any other active run died
                // with its daemon.
                let (status, error) = if record.status == RunStatus::Stopping {
                    (RunStatus::Stopped, None)
                } else {
                    (
                        RunStatus::Failed,
                        Some(format!("daemon exited unexpectedly at {when}")),
                    )
                };
                self.transition(&record.id, status, error)?;
                // Its processes were killed with (or after) the daemon.
                let components = record
                    .components
                    .iter()
                    .cloned()
                    .map(|mut c| {
                        if !matches!(c.state, ComponentState::Exited | ComponentState::Failed) {
                            c.state = ComponentState::Failed;
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
        let mut by_pipeline: HashMap<&str, Vec<(&String, SystemTime)>> = HashMap::new();
        for (id, kept) in records.iter() {
            // Exactly the ended runs not marked to resume.
            if let Kept::Ended { .. } = kept {
                by_pipeline
                    .entry(kept.pipeline_name())
                    .or_default()
                    .push((id, kept.started_at()));
            }
        }
        let mut doomed = Vec::new();
        for runs in by_pipeline.values_mut() {
            runs.sort_by_key(|(_, started_at)| std::cmp::Reverse(*started_at));
            doomed.extend(runs.iter().skip(keep).map(|(id, _)| (*id).clone()));
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
    pub fn set_metrics(&self, id: &str, metrics: Metrics) -> Result<RunRecord> {
        self.change(id, |record| record.metrics = Some(metrics))
    }

    /// The whole record of run `id` (an ended run's read from the store).
    pub fn get(&self, id: &str) -> Result<RunRecord> {
        let records = self.lock();
        let kept = records
            .get(id)
            .ok_or_else(|| Error::RunNotFound(id.to_owned()))?;
        self.whole(id, kept)
    }

    /// The whole record of `kept`, the run `id`.
    fn whole(&self, id: &str, kept: &Kept) -> Result<RunRecord> {
        match kept {
            Kept::Whole(record) => Ok((**record).clone()),
            Kept::Ended { .. } => match self.store.get_runs(&[id])?.pop() {
                Some(stored) => Ok(from_stored(stored)),
                None => Err(Error::RunNotFound(id.to_owned())),
            },
        }
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
        self.lock().values().filter(|r| keep(r.status())).count()
    }

    /// How many runs are in each status, every status listed (`/metrics`).
    pub fn count_by_status(&self) -> Vec<(RunStatus, usize)> {
        let records = self.lock();
        RunStatus::ALL
            .into_iter()
            .map(|status| {
                let n = records.values().filter(|r| r.status() == status).count();
                (status, n)
            })
            .collect()
    }

    /// Up to `limit` runs matching the filters, newest first, whole (ended
    /// ones read from the store in one transaction).
    pub fn list(
        &self,
        pipeline_name: &str,
        only: impl Fn(RunStatus) -> bool,
        limit: usize,
    ) -> Result<Vec<RunRecord>> {
        let records = self.lock();
        let mut chosen: Vec<(&String, &Kept)> = records
            .iter()
            .filter(|(_, r)| pipeline_name.is_empty() || r.pipeline_name() == pipeline_name)
            .filter(|(_, r)| only(r.status()))
            .collect();
        chosen.sort_by(|(a_id, a), (b_id, b)| {
            b.started_at().cmp(&a.started_at()).then(a_id.cmp(b_id))
        });
        chosen.truncate(limit);
        let ended: Vec<&str> = chosen
            .iter()
            .filter(|(_, kept)| matches!(kept, Kept::Ended { .. }))
            .map(|(id, _)| id.as_str())
            .collect();
        let mut stored: HashMap<String, RunRecord> = match ended.is_empty() {
            true => HashMap::new(),
            false => self
                .store
                .get_runs(&ended)?
                .into_iter()
                .map(|stored| {
                    let record = from_stored(stored);
                    (record.id.clone(), record)
                })
                .collect(),
        };
        Ok(chosen
            .into_iter()
            .filter_map(|(id, kept)| match kept {
                Kept::Whole(record) => Some((**record).clone()),
                Kept::Ended { .. } => stored.remove(id.as_str()),
            })
            .collect())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Kept>> {
        self.records
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The error of a refused status change, from what to what.
fn refused(id: &str, from: RunStatus, to: RunStatus) -> Error {
    let why = if from.is_terminal() {
        ": it has ended (`flowctl pipelines restart` runs it again as a new run)"
    } else {
        ": a run only moves forward (starting, running, stopping, ended)"
    };
    Error::FailedPrecondition(format!("run {id} is {from} and cannot become {to}{why}"))
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
        let err = runs
            .transition("r", RunStatus::Stopped, Some("later".into()))
            .unwrap_err();
        assert!(
            matches!(&err, Error::FailedPrecondition(m) if m.contains("is FAILED and cannot become STOPPED")),
            "{err}"
        );
        // Repeating the status it has is no change, and the first error stays.
        let record = runs
            .transition("r", RunStatus::Failed, Some("again".into()))
            .unwrap();
        assert_eq!(record.status, RunStatus::Failed);
        assert_eq!(record.error, "gen exited 1");
        assert!(record.ended_at.is_some());
        assert_eq!(record.history.len(), 2);
    }

    /// The table itself is tested in `flowctl-core`; here, that `Runs`
    /// follows it and that a refusal changes nothing.
    #[test]
    fn transitions_follow_the_table() {
        let runs = Runs::in_memory();
        runs.create(new_run("r")).unwrap();
        for next in [RunStatus::Running, RunStatus::Stopping, RunStatus::Stopped] {
            assert_eq!(runs.transition("r", next, None).unwrap().status, next);
        }
        runs.create(new_run("back")).unwrap();
        runs.transition("back", RunStatus::Running, None).unwrap();
        let mut changes = runs.subscribe();
        let err = runs
            .transition("back", RunStatus::Starting, None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("is RUNNING and cannot become STARTING"),
            "{err}"
        );
        assert!(changes.try_recv().is_err(), "a refusal is not announced");
        let record = runs.get("back").unwrap();
        assert_eq!(
            (record.status, record.history.len()),
            (RunStatus::Running, 2)
        );
        // The wire enum is accepted as well.
        let record = runs.transition("back", RunStatus::Completed, None).unwrap();
        assert_eq!(record.status, RunStatus::Completed);
    }

    #[test]
    fn only_stopped_or_failed_runs_resume() {
        let runs = Runs::in_memory();
        runs.create(new_run("done")).unwrap();
        runs.transition("done", RunStatus::Completed, None).unwrap();
        let err = runs.resume("done").unwrap_err().to_string();
        assert!(err.contains("only a stopped or failed run"), "{err}");
        runs.create(new_run("live")).unwrap();
        assert!(runs.resume("live").is_err());
    }

    #[test]
    fn instances_and_metrics_survive_reopening() {
        let store = Arc::new(Store::in_memory().unwrap());
        let runs = Runs::open(store.clone()).unwrap();
        runs.create(new_run("r")).unwrap();
        let instance = InstanceRecord {
            id: "gen".into(),
            kind: "source".into(),
            state: ComponentState::Restarting,
            pid: 42,
            started_at: Some(flowctl_core::clock::from_unix_ms(1_700_000_000_000)),
            restarts: 2,
            ..InstanceRecord::default()
        };
        runs.set_components("r", vec![instance.clone()]).unwrap();
        let metrics = Metrics {
            events_processed: 9,
            components: [("gen".to_string(), ComponentMetrics::default())].into(),
            ..Metrics::default()
        };
        runs.set_metrics("r", metrics.clone()).unwrap();
        let record = Runs::open(store).unwrap().get("r").unwrap();
        assert_eq!(record.components, vec![instance]);
        assert_eq!(record.metrics, Some(metrics));
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
        let mut stopping = new_run("stopping");
        stopping.supervised = true;
        runs.create(stopping).unwrap();
        runs.transition("stopping", RunStatus::Running, None)
            .unwrap();
        runs.transition("stopping", RunStatus::Stopping, None)
            .unwrap();

        let reopened = Runs::open(store).unwrap();
        let resume = reopened.reconcile(Some(0)).unwrap();
        let stopped = reopened.get("stopping").unwrap();
        assert_eq!(
            (stopped.status, stopped.error.as_str()),
            (RunStatus::Stopped, ""),
            "a run left stopping was stopped on request"
        );
        assert_eq!(resume.len(), 1);
        let dead = reopened.get("alive").unwrap();
        assert_eq!(dead.status, RunStatus::Failed);
        assert!(
            dead.error.contains("daemon exited unexpectedly at 1970"),
            "{}",
            dead.error
        );
        let resumed = reopened.resume("resumed").unwrap();
        assert_eq!((resumed.status, resumed.restarts), (RunStatus::Starting, 1));
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
        assert_eq!(runs.list("p", |_| true, usize::MAX).unwrap().len(), 3);
    }

    #[test]
    fn an_ended_run_is_kept_by_its_head_and_read_back_whole() {
        let runs = Runs::in_memory();
        runs.create(new_run("old")).unwrap();
        let instance = InstanceRecord {
            id: "gen".into(),
            restarts: 4,
            ..InstanceRecord::default()
        };
        runs.set_components("old", vec![instance.clone()]).unwrap();
        runs.transition("old", RunStatus::Failed, Some("boom".into()))
            .unwrap();
        runs.create(new_run("new")).unwrap();
        let held = |id: &str| matches!(runs.lock().get(id), Some(Kept::Whole(_)));
        assert!(!held("old"), "an ended run is held whole");
        assert!(held("new"));
        let whole = runs.get("old").unwrap();
        assert_eq!(
            (whole.status, whole.error.as_str()),
            (RunStatus::Failed, "boom")
        );
        assert_eq!(whole.components, vec![instance]);
        // Newest first, the limit counted before anything is read back.
        let listed = runs.list("p", |_| true, 1).unwrap();
        assert_eq!(
            listed.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["new"]
        );
        let listed = runs.list("p", |s| s.is_terminal(), 5).unwrap();
        assert_eq!(listed[0].components.len(), 1);
        assert_eq!(runs.count(RunStatus::is_terminal), 1);
        // Marked to resume, it is held whole again; resumed, it is active.
        runs.set_resume("old", true).unwrap();
        assert!(held("old"));
        let resumed = runs.resume("old").unwrap();
        assert_eq!(resumed.components.len(), 1);
        assert_eq!(resumed.status, RunStatus::Starting);
    }
}
