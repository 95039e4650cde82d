//! What goes in ([`Event`]) and what comes out ([`Action`], with what users
//! see of a component, [`Shown`]).

use nix::sys::signal::Signal;

use flowctl_core::{ComponentState, RunStatus};

/// A component as users see it (`flowctl status`, watchers, the record).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Shown {
    pub state: ComponentState,
    pub pid: Option<u32>,
    pub restarts: u32,
    pub exit: String,
    pub service_id: String,
    pub last_restart_reason: String,
}

/// Which wall-clock time a [`Action::Show`] stamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stamp {
    /// A new instance started now.
    Started,
    /// It was restarted now.
    Restarted,
}

/// The result of spawning one component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Spawned {
    /// Running as this process group.
    Started(u32),
    /// Could not start; the text says why.
    Failed(String),
    /// Not tried, because an earlier start of the same wave failed.
    Skipped,
}

/// What the machine reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event {
    /// The run was submitted: start what can start.
    Begin,
    /// The results of an [`Action::Spawn`], in its order.
    Spawned(Vec<(String, Spawned)>),
    /// The component registered as `service_id`, serving at `endpoint`.
    Registered {
        component: String,
        service_id: String,
        endpoint: String,
    },
    /// The readiness probe of its instance `pgid` passed.
    ProbePassed { component: String, pgid: u32 },
    /// The liveness probe of its instance `pgid` failed too often.
    LivenessFailed {
        component: String,
        pgid: u32,
        reason: String,
    },
    /// The instance `pgid` of the component holds `bytes` of memory (sampled
    /// for components with `resources.limits.memory`).
    MemorySampled {
        component: String,
        pgid: u32,
        bytes: u64,
    },
    /// The registration `service_id` stopped heartbeating.
    HeartbeatExpired { service_id: String },
    /// The registration `service_id` was removed by its component.
    Unregistered { service_id: String },
    /// The component's main process exited so.
    Exited {
        component: String,
        exit: String,
        success: bool,
    },
    /// The exited instance's output is drained; its last lines.
    Drained {
        component: String,
        last_lines: Vec<String>,
    },
    /// A deadline from [`Machine::next_deadline`] came due.
    Timer,
    /// The relay finished moving every event, or failed.
    RelayFinished(Result<(), String>),
    /// A user (or the daemon's shutdown) asked the run to stop.
    StopRequested,
    /// A user asked to restart one component, or all (`None`).
    RestartRequested { component: Option<String> },
    /// Every process carrying the run's id is gone ([`Action::SweepRun`]).
    Swept,
}

/// What the run task performs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Action {
    /// Spawn these components (one wave); report [`Event::Spawned`].
    Spawn(Vec<String>),
    /// Send `signal` to the component's process group.
    Signal {
        component: String,
        pgid: u32,
        signal: Signal,
    },
    /// The component serves its data plane at `endpoint`.
    RelayReady { component: String, endpoint: String },
    /// The component's streams are broken; hold its edges.
    RelayGone { component: String },
    /// Stop its probes and drain its output in a task that sweeps escaped
    /// processes if the pipes stay open; report [`Event::Drained`].
    Drain { component: String },
    /// Change what users see of a component, and tell watchers.
    Show {
        component: String,
        shown: Shown,
        stamp: Option<Stamp>,
    },
    /// Record the components' instances in the run record.
    Persist,
    /// Move the run to `status` (allowed by [`RunStatus::may_become`]).
    SetRunStatus {
        status: RunStatus,
        error: Option<String>,
    },
    /// Stop the relay and keep its counts in the run record.
    CloseRelay,
    /// End, in a task, every process carrying the run's id; report
    /// [`Event::Swept`].
    SweepRun,
    /// The run is over: drop its registrations, tell waiters, prune.
    Finish,
}
