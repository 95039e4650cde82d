//! Withdrawal: a run whose submitting client went away before the daemon
//! answered it never runs.
//!
//! The client is interrupted (Ctrl+C) while it waits for the answer, for
//! instance from a stopped or overloaded daemon, and exits at once. The
//! daemon knows the client's process from the socket's peer credentials;
//! when it handles the submission, after the run's record exists and before
//! anything of it starts, a client that has exited was never answered, so
//! the run is recorded STOPPED with [`WITHDRAWN`] and nothing starts. A
//! client still there is answered right after, with no await in between.

use super::Supervisor;
use crate::procfs;
use crate::runs::RunRecord;

/// Why a run was recorded STOPPED without starting: its client was
/// interrupted before the daemon answered it, so nobody knows the run
/// exists and the user meant it not to run.
pub const WITHDRAWN: &str =
    "withdrawn: the submitting client went away before it was told the run id";

impl Supervisor {
    /// Withdraws the new run `record` if its `submitter` has exited; true
    /// when it did (the run must then not be started).
    pub(super) fn withdrawn(&self, record: &RunRecord, submitter: Option<u32>) -> bool {
        if !submitter.is_some_and(procfs::exited) {
            return false;
        }
        tracing::info!(run = %record.id, "run withdrawn: its client went away before the answer");
        let stopped = flowctl_core::RunStatus::Stopped;
        if let Err(err) = self
            .runs
            .transition(&record.id, stopped, Some(WITHDRAWN.into()))
        {
            tracing::error!(run = %record.id, %err, "cannot record a withdrawn run");
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use flowctl_core::RunStatus;

    use super::WITHDRAWN;
    use crate::supervisor::RunRequest;

    const PIPELINE: &str = "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: w\n\
        spec:\n  sources:\n    - id: s\n      command: [\"sh\", \"-c\", \"touch started; sleep 60\"]\n";

    /// A client interrupted before the answer is gone when its submission is
    /// handled: the run is recorded STOPPED with the reason, and nothing of
    /// it is started.
    #[tokio::test]
    async fn a_run_whose_submitter_is_gone_is_withdrawn_unstarted() {
        let tmp = tempfile::tempdir().unwrap();
        let state = crate::api::test_state(tmp.path());
        let mut exited = std::process::Command::new("true").spawn().unwrap();
        let pid = exited.id();
        exited.wait().unwrap();
        let record = state
            .supervisor
            .submit(RunRequest {
                pipeline_yaml: PIPELINE.into(),
                working_dir: tmp.path().display().to_string(),
                submitter: Some(pid),
                resolved: Vec::new(),
                ..RunRequest::default()
            })
            .await
            .unwrap();
        assert_eq!(record.status, RunStatus::Stopped);
        assert_eq!(record.error, WITHDRAWN);
        assert!(
            state.supervisor.handle(&record.id).is_none(),
            "a run task was started"
        );
        assert!(!tmp.path().join("started").exists());

        // Its rerun, asked for by a client that is gone too, never runs.
        let rerun = state.supervisor.rerun(&record.id, Some(pid)).await.unwrap();
        assert_eq!(
            (rerun.status, rerun.error.as_str()),
            (RunStatus::Stopped, WITHDRAWN)
        );
    }
}
