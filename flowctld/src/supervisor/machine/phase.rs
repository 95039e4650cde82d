//! Where a component is ([`Phase`]) and where its run is ([`RunPhase`]).

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

/// A live process (group) of a component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Instance {
    /// Its process group (the pid of its main process).
    pub pgid: u32,
    /// When it was spawned.
    pub started: Instant,
}

/// How an instance ended, kept while its output drains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ended {
    /// The exit in words (`exit status 1`, `signal 9 (SIGKILL)`).
    pub exit: String,
    /// Whether it exited with status 0.
    pub success: bool,
    /// How long it ran.
    pub uptime: Duration,
    /// Why we ended it ourselves (hung, unhealthy, late, by hand), if we did.
    pub reason: Option<String>,
    /// Restarted by hand: again at once, not counted against max_restarts.
    pub by_hand: bool,
}

/// Where one component is in its life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Waiting for what it depends on.
    Pending,
    /// Asked to be spawned; the result comes as [`Event::Spawned`].
    Spawning,
    /// Spawned, not ready yet; ended as late at `deadline` (start_timeout).
    Starting {
        instance: Instance,
        deadline: Option<Instant>,
    },
    /// Ready: registered, its probe passed, or spawned (`readiness: started`).
    Running { instance: Instance },
    /// We sent its stop signal (hung, unhealthy, late, by hand); SIGKILL at
    /// `kill_at`. Its exit goes through the restart policy.
    Ending {
        instance: Instance,
        reason: String,
        by_hand: bool,
        kill_at: Option<Instant>,
    },
    /// The run is stopping it: SIGKILL at `kill_at`, given up on at
    /// `give_up_at` once killed.
    Stopping {
        instance: Instance,
        kill_at: Option<Instant>,
        give_up_at: Option<Instant>,
    },
    /// Its main process exited; its output is draining ([`Event::Drained`]).
    Draining(Ended),
    /// Waiting for its restart delay.
    BackingOff { until: Instant },
    /// Done: finished by policy, or stopped with the run.
    Exited,
    /// Failed for good; `message` is the failure users read.
    Failed { message: String },
    /// Started by something else (`--no-spawn`): waiting for it to register.
    Awaiting,
    /// Started by something else, registered `since`: running there.
    Attached { since: Instant },
}

impl Phase {
    /// The live instance, if its process is running.
    pub fn instance(&self) -> Option<Instance> {
        match self {
            Phase::Starting { instance, .. }
            | Phase::Running { instance }
            | Phase::Ending { instance, .. }
            | Phase::Stopping { instance, .. } => Some(*instance),
            _ => None,
        }
    }

    /// Whether the component still has something going on: a process, one
    /// being spawned, output draining, or a restart waiting.
    pub fn busy(&self) -> bool {
        self.instance().is_some()
            || matches!(
                self,
                Phase::Spawning
                    | Phase::Draining(_)
                    | Phase::BackingOff { .. }
                    | Phase::Awaiting
                    | Phase::Attached { .. }
            )
    }
}

/// How a run ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Stopped,
    Completed,
    Failed(String),
}

/// Where the run is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RunPhase {
    /// Starting and running components; `announced` once RUNNING was set.
    Active { announced: bool },
    /// Stopping layer by layer: `current` is being stopped, `layers` follow.
    Ending {
        outcome: Outcome,
        current: Vec<String>,
        layers: VecDeque<Vec<String>>,
    },
    /// Every component is down; the run-wide sweep is under way.
    Sweeping { outcome: Outcome },
    /// Over.
    Done,
}
