//! Statuses of runs the store could not commit (a full disk, an I/O error),
//! kept to be written as soon as it can.
//!
//! The rule, so that what a client is told is what the next daemon reads:
//! a run's record changes only by a commit, and memory follows the record.
//! When a run's status cannot be committed, its processes still do what was
//! asked (a stop stops them: a full disk is often the run's own doing), the
//! record keeps the last status committed, and the status it should have
//! waits here; the janitor and the daemon's shutdown try it again. The stop
//! that could not be recorded answers with an error saying exactly that and
//! what the record will become:
//!
//! - the record says STOPPING (the stop was committed, its end was not):
//!   it becomes STOPPED when written here, and a daemon that starts and
//!   finds a run STOPPING records it STOPPED too (`Runs::reconcile`: a run
//!   being stopped on request was stopped, its processes are swept);
//! - the record says RUNNING or STARTING (not even the stop was committed):
//!   it becomes STOPPED when written here; a daemon that starts before
//!   that finds it active and records it FAILED, "daemon exited
//!   unexpectedly", as for any run whose daemon died.

use std::collections::HashMap;
use std::sync::Mutex;

use flowctl_core::RunStatus;

use super::Supervisor;
use crate::error::Error;

/// A status a run should have and its record does not, yet.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    status: RunStatus,
    error: Option<String>,
    /// Why the store refused it, in words.
    why: String,
}

/// The runs whose status waits to be written.
#[derive(Debug, Default)]
pub(crate) struct Unrecorded {
    pending: Mutex<HashMap<String, Pending>>,
}

impl Unrecorded {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Pending>> {
        self.pending
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Supervisor {
    /// After the run task tried to record `status` for run `id`: a status
    /// the store refused (`failed`) waits to be written, one written (or
    /// refused by the state machine) replaces any that waited.
    pub(crate) fn settle_status(
        &self,
        id: &str,
        status: RunStatus,
        error: Option<String>,
        failed: Option<&Error>,
    ) {
        let mut pending = self.unrecorded.lock();
        let Some(why) = failed.filter(|err| is_store_failure(err)) else {
            pending.remove(id);
            return;
        };
        let kept = pending.remove(id).and_then(|p| p.error);
        pending.insert(
            id.to_owned(),
            Pending {
                status,
                error: kept.or(error),
                why: why.to_string(),
            },
        );
    }

    /// Tries again to write every status that waits; returns how many
    /// still wait.
    pub fn record_pending(&self) -> usize {
        let waiting: Vec<(String, Pending)> = self
            .unrecorded
            .lock()
            .iter()
            .map(|(id, p)| (id.clone(), p.clone()))
            .collect();
        for (id, pending) in waiting {
            let result = self
                .runs
                .transition(&id, pending.status, pending.error.clone());
            match result {
                Ok(_) => {
                    tracing::info!(run = %id, status = %pending.status, "status recorded at last");
                    self.unrecorded.lock().remove(&id);
                }
                Err(err) if is_store_failure(&err) => {}
                Err(err) => {
                    // Refused by the state machine (or the run is gone): it
                    // will never be written.
                    tracing::warn!(run = %id, %err, "dropping a status that cannot be recorded");
                    self.unrecorded.lock().remove(&id);
                }
            }
        }
        self.unrecorded.lock().len()
    }

    /// How many runs have a status waiting to be recorded.
    pub fn unrecorded_count(&self) -> usize {
        self.unrecorded.lock().len()
    }

    /// The error of a stop whose end could not be recorded, if so.
    pub(crate) fn unrecorded_stop(&self, id: &str, recorded: RunStatus) -> Option<Error> {
        let pending = self.unrecorded.lock().get(id).cloned()?;
        let short = crate::runs::short_id(id);
        let next = if recorded == RunStatus::Stopping {
            "so does the next daemon if this one exits first (a run found stopping was \
             stopped on request)"
                .to_owned()
        } else {
            "if flowctld exits before that, the next daemon records it as FAILED \
             (daemon exited unexpectedly)"
                .to_owned()
        };
        Some(Error::NotRecorded {
            full: pending.why.starts_with("the state disk is full"),
            message: format!(
                "run {short} was stopped (none of its processes is left), but its record could \
                 not be updated: {}. The record still says {recorded}; flowctld records it as \
                 {} as soon as the disk has room; {next}",
                pending.why, pending.status
            ),
        })
    }
}

/// Whether `err` is the store failing to commit (as opposed to a refusal).
fn is_store_failure(err: &Error) -> bool {
    matches!(
        err,
        Error::DiskFull { .. } | Error::StoreIo { .. } | Error::Store { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runs::NewRun;

    fn disk_full() -> Error {
        Error::DiskFull {
            path: "/state/flowctl.redb".into(),
            detail: "No space left on device (os error 28)".into(),
        }
    }

    #[test]
    fn a_stop_that_could_not_be_recorded_says_what_the_record_becomes() {
        let tmp = tempfile::tempdir().unwrap();
        let state = crate::api::test_state(tmp.path());
        let (runs, supervisor) = (&state.runs, &state.supervisor);
        for id in ["running", "stopping"] {
            runs.create(NewRun {
                id: id.into(),
                supervised: true,
                ..NewRun::default()
            })
            .unwrap();
            runs.transition(id, RunStatus::Running, None).unwrap();
            supervisor.settle_status(id, RunStatus::Stopped, None, Some(&disk_full()));
        }
        runs.transition("stopping", RunStatus::Stopping, None)
            .unwrap();

        let running = supervisor
            .unrecorded_stop("running", RunStatus::Running)
            .unwrap();
        assert!(matches!(running, Error::NotRecorded { full: true, .. }));
        let text = running.to_string();
        assert!(text.contains("the state disk is full"), "{text}");
        assert!(text.contains("The record still says RUNNING"), "{text}");
        assert!(
            text.contains("the next daemon records it as FAILED"),
            "{text}"
        );
        let stopping = supervisor
            .unrecorded_stop("stopping", RunStatus::Stopping)
            .unwrap()
            .to_string();
        assert!(stopping.contains("so does the next daemon"), "{stopping}");

        // Once the store takes it, the status is recorded and waits no more.
        assert_eq!(supervisor.record_pending(), 0);
        assert_eq!(runs.get("running").unwrap().status, RunStatus::Stopped);
        assert!(
            supervisor
                .unrecorded_stop("running", RunStatus::Stopped)
                .is_none()
        );
    }

    #[test]
    fn a_status_written_or_refused_by_the_state_machine_waits_no_more() {
        let tmp = tempfile::tempdir().unwrap();
        let state = crate::api::test_state(tmp.path());
        let supervisor = &state.supervisor;
        supervisor.settle_status("r", RunStatus::Stopping, None, Some(&disk_full()));
        assert_eq!(supervisor.unrecorded_count(), 1);
        supervisor.settle_status("r", RunStatus::Stopped, None, None);
        assert_eq!(supervisor.unrecorded_count(), 0);
        let refused = Error::FailedPrecondition("run r is STOPPED and cannot become FAILED".into());
        supervisor.settle_status("r", RunStatus::Failed, None, Some(&refused));
        assert_eq!(
            supervisor.unrecorded_count(),
            0,
            "a refusal never becomes writable"
        );
    }
}
