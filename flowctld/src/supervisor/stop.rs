//! Stopping runs: one on request, all when the daemon stops, and marking
//! them to be resumed by the next daemon (`flowctl daemon restart`).

use std::sync::Arc;

use super::{RunEvent, RunHandle, Supervisor};
use crate::error::{Error, Result};
use crate::runs::RunRecord;

impl Supervisor {
    /// Stops every active run and marks it to be started again by the next
    /// daemon (`flowctl daemon restart`).
    pub async fn stop_all_for_restart(&self) {
        self.mark_for_restart();
        self.stop_all().await;
    }

    /// Marks every active run to be started again by the next daemon;
    /// returns those the store refused to mark (a full disk), with why.
    pub fn mark_for_restart(&self) -> Vec<(String, Error)> {
        // Active runs are held whole: listing them reads nothing back.
        let active: Vec<String> = self
            .runs
            .list("", flowctl_core::RunStatus::is_active, usize::MAX)
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.supervised && !r.resume)
            .map(|r| r.id)
            // A run whose stop could not be recorded is no longer active.
            .filter(|id| self.handle(id).is_some_and(|h| !*h.done.borrow()))
            .collect();
        let mut refused = Vec::new();
        for id in active {
            if let Err(err) = self.runs.set_resume(&id, true) {
                tracing::error!(run = %id, %err, "cannot mark a run for restart");
                refused.push((id, err));
            }
        }
        refused
    }

    /// Stops a run and waits until none of its processes is left.
    pub async fn stop(&self, id: &str) -> Result<RunRecord> {
        let handle = self.handle(id);
        match handle {
            Some(handle) if !*handle.done.borrow() => {
                let mut done = handle.done.subscribe();
                let _ = handle.events.send(RunEvent::Stop);
                let _ = done.wait_for(|d| *d).await;
                let record = self.runs.get(id)?;
                if let Some(err) = self.unrecorded_stop(id, record.status) {
                    return Err(err);
                }
                return Ok(record);
            }
            _ => {
                let record = self.runs.get(id)?;
                if !record.status.is_terminal() {
                    // A record with no live supervision behind it.
                    return self
                        .runs
                        .transition(id, flowctl_core::RunStatus::Stopped, None);
                }
            }
        }
        self.runs.get(id)
    }

    /// Stops every active run at once (the daemon is shutting down) and
    /// waits until none of their processes is left.
    pub async fn stop_all(&self) {
        let active: Vec<Arc<RunHandle>> = self
            .lock()
            .values()
            .filter(|h| !*h.done.borrow())
            .cloned()
            .collect();
        for handle in &active {
            let _ = handle.events.send(RunEvent::Stop);
        }
        for handle in active {
            let mut done = handle.done.subscribe();
            let _ = done.wait_for(|d| *d).await;
        }
        // The daemon is going: its subtree goes with it.
        if let Some(cgroups) = self.containment.cgroups() {
            cgroups.end_all().await;
        }
    }
}
