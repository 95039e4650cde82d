//! The states of runs and of their components, as both binaries name them,
//! and which run status may follow which.
//!
//! The wire enums (`flowctl_proto::daemon::v1::{RunStatus, ComponentState}`)
//! carry the same values; the proto crate converts between them.

use std::fmt;

/// Where a run is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RunStatus {
    /// Not known (a record from a client that did not say).
    #[default]
    Unknown,
    /// Components are being started.
    Starting,
    /// Every component is up (or, with keep-running, what could start is).
    Running,
    /// A stop was asked for; components are being stopped.
    Stopping,
    /// Every component finished on its own, successfully.
    Completed,
    /// The run ended because something failed; the record says what.
    Failed,
    /// Stopped on request.
    Stopped,
}

impl RunStatus {
    /// Every status, in the order of a run's life.
    pub const ALL: [RunStatus; 7] = [
        RunStatus::Unknown,
        RunStatus::Starting,
        RunStatus::Running,
        RunStatus::Stopping,
        RunStatus::Completed,
        RunStatus::Failed,
        RunStatus::Stopped,
    ];

    /// The name users read: `RUNNING`, `FAILED`...
    pub fn name(self) -> &'static str {
        match self {
            RunStatus::Unknown => "UNKNOWN",
            RunStatus::Starting => "STARTING",
            RunStatus::Running => "RUNNING",
            RunStatus::Stopping => "STOPPING",
            RunStatus::Completed => "COMPLETED",
            RunStatus::Failed => "FAILED",
            RunStatus::Stopped => "STOPPED",
        }
    }

    /// Whether the run has ended for good.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            RunStatus::Completed | RunStatus::Failed | RunStatus::Stopped
        )
    }

    /// Whether the run is starting, running or stopping.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            RunStatus::Starting | RunStatus::Running | RunStatus::Stopping
        )
    }

    /// Whether a run in this status may move to `next`.
    ///
    /// Forward only: a run never goes back to starting (a run resumed after
    /// a daemon restart is the one exception, see [`RunStatus::may_resume`]),
    /// and an ended run never changes again.
    pub fn may_become(self, next: RunStatus) -> bool {
        use RunStatus::*;
        match (self, next) {
            (Unknown, _) => next != Unknown,
            (Starting, Running | Stopping | Completed | Failed | Stopped) => true,
            (Running, Stopping | Completed | Failed | Stopped) => true,
            (Stopping, Completed | Failed | Stopped) => true,
            _ => false,
        }
    }

    /// Whether a run that ended so may be started again under its own id
    /// by the next daemon (`flowctl daemon restart`).
    pub fn may_resume(self) -> bool {
        matches!(self, RunStatus::Stopped | RunStatus::Failed)
    }
}

impl fmt::Display for RunStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where one supervised component is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ComponentState {
    /// Not known (an old record).
    Unspecified,
    /// Waiting for what it depends on.
    #[default]
    Pending,
    /// Spawned, not ready yet (not registered, or its probe not passing).
    Starting,
    /// Ready: registered, probe passing, or spawned for `readiness: started`.
    Running,
    /// Its stop signal was sent; waiting for it to exit.
    Stopping,
    /// Exited with status 0, or was stopped.
    Exited,
    /// Failed and will not be restarted.
    Failed,
    /// Ended; waiting for its restart delay (backoff) to start again.
    Restarting,
}

impl ComponentState {
    /// The name users read: `running`, `restarting`...
    pub fn name(self) -> &'static str {
        match self {
            ComponentState::Unspecified => "unknown",
            ComponentState::Pending => "pending",
            ComponentState::Starting => "starting",
            ComponentState::Running => "running",
            ComponentState::Stopping => "stopping",
            ComponentState::Exited => "exited",
            ComponentState::Failed => "failed",
            ComponentState::Restarting => "restarting",
        }
    }

    /// Whether a process of it is alive.
    pub fn is_live(self) -> bool {
        matches!(
            self,
            ComponentState::Starting | ComponentState::Running | ComponentState::Stopping
        )
    }
}

impl fmt::Display for ComponentState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::RunStatus::{self, *};

    /// The whole table: every pair not listed here is refused.
    #[test]
    fn run_status_transitions_are_exactly_the_table() {
        let allowed = [
            (Unknown, Starting),
            (Unknown, Running),
            (Unknown, Stopping),
            (Unknown, Completed),
            (Unknown, Failed),
            (Unknown, Stopped),
            (Starting, Running),
            (Starting, Stopping),
            (Starting, Completed),
            (Starting, Failed),
            (Starting, Stopped),
            (Running, Stopping),
            (Running, Completed),
            (Running, Failed),
            (Running, Stopped),
            (Stopping, Completed),
            (Stopping, Failed),
            (Stopping, Stopped),
        ];
        for from in RunStatus::ALL {
            for to in RunStatus::ALL {
                assert_eq!(
                    from.may_become(to),
                    allowed.contains(&(from, to)),
                    "{from} -> {to}"
                );
            }
        }
    }

    #[test]
    fn ended_runs_never_change_and_only_stopped_or_failed_resume() {
        for ended in [Completed, Failed, Stopped] {
            assert!(ended.is_terminal());
            assert!(RunStatus::ALL.iter().all(|to| !ended.may_become(*to)));
        }
        assert!(Stopped.may_resume() && Failed.may_resume());
        assert!(!Completed.may_resume() && !Running.may_resume());
    }
}
