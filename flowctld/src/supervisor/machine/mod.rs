//! The state machine of one run, as one pure function: [`Machine::step`]
//! takes an [`Event`] and the time, changes the run's state and returns the
//! [`Action`]s to perform. No I/O, no processes, no clock reads: the run
//! task ([`super::run`]) hands the time in and performs the actions, so the
//! policies are unit-tested event by event.
//!
//! Each component has one [`Phase`]; the run has one [`RunPhase`]. Every
//! change users can see leaves as an [`Action::Show`] or
//! [`Action::SetRunStatus`], so watchers see all of them.
//!
//! Layout:
//! - this file: phases, events, actions, and the dispatch of events;
//! - `start`: dependency order, spawn results, readiness, timers;
//! - `exit`: exits, ending an instance ourselves, restart decisions,
//!   restart by hand;
//! - `end`: how a run comes to its end, and stopping it producers-first;
//! - `tests`: the policies as a table of unit tests.

mod end;
mod exit;
pub(crate) use exit::LAST_LINES;
mod start;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

use nix::sys::signal::Signal;
use tokio::time::Instant;

use super::restart::Backoff;
use flowctl_core::spec::{Component, Pipeline};
use flowctl_core::{ComponentState, RunStatus};

/// How long a SIGKILLed group may take to be reaped before the stop gives
/// up waiting for it (a process stuck in the kernel cannot be hurried).
pub(crate) const KILL_GRACE: Duration = Duration::from_secs(5);

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
    fn busy(&self) -> bool {
        self.instance().is_some()
            || matches!(
                self,
                Phase::Spawning | Phase::Draining(_) | Phase::BackingOff { .. }
            )
    }
}

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
    /// Its readiness probe passed.
    ProbePassed { component: String },
    /// Its liveness probe failed too often.
    LivenessFailed { component: String, reason: String },
    /// The registration `service_id` stopped heartbeating.
    HeartbeatExpired { service_id: String },
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

/// One component's state in the machine.
#[derive(Debug, Clone)]
struct Tracked {
    phase: Phase,
    /// Whether `healthy` dependents may start (ready, or finished).
    ready: bool,
    /// Spawned at least once (`started` dependents may start).
    started_once: bool,
    backoff: Backoff,
    shown: Shown,
}

/// The state of one run.
#[derive(Debug)]
pub(crate) struct Machine {
    run_id: String,
    pipeline: Pipeline,
    start_order: Vec<String>,
    /// The registry's heartbeat TTL, for the "hung" reason.
    ttl: Duration,
    components: BTreeMap<String, Tracked>,
    run: RunPhase,
    /// Actions of the current step.
    out: Vec<Action>,
}

impl Machine {
    /// A run of `pipeline` with nothing started yet.
    pub fn new(run_id: &str, pipeline: &Pipeline, ttl: Duration) -> Machine {
        let components = pipeline
            .components
            .iter()
            .map(|c| {
                let tracked = Tracked {
                    phase: Phase::Pending,
                    ready: false,
                    started_once: false,
                    backoff: Backoff::new(c.restart.clone()),
                    shown: Shown::default(),
                };
                (c.id.clone(), tracked)
            })
            .collect();
        Machine {
            run_id: run_id.to_owned(),
            start_order: pipeline
                .start_order()
                .into_iter()
                .map(str::to_owned)
                .collect(),
            pipeline: pipeline.clone(),
            ttl,
            components,
            run: RunPhase::Active { announced: false },
            out: Vec::new(),
        }
    }

    /// Reacts to `event` at `now`; returns what to perform, in order.
    pub fn step(&mut self, event: Event, now: Instant) -> Vec<Action> {
        let active = self.is_active();
        match event {
            Event::Begin => {}
            Event::Spawned(results) => self.on_spawned(results, now),
            Event::Registered {
                component,
                service_id,
                endpoint,
            } => self.on_registered(&component, service_id, endpoint),
            Event::ProbePassed { component } => self.mark_ready(&component),
            Event::LivenessFailed { component, reason } if active => {
                self.end_instance(&component, reason, false, now)
            }
            Event::HeartbeatExpired { service_id } if active => self.on_expired(&service_id, now),
            Event::Exited {
                component,
                exit,
                success,
            } => self.on_exited(&component, exit, success, now),
            Event::Drained {
                component,
                last_lines,
            } => self.on_drained(&component, &last_lines, now),
            Event::Timer => self.on_timer(now),
            Event::RelayFinished(Ok(())) if active => self.begin_end(Outcome::Completed),
            Event::RelayFinished(Err(error)) if active => {
                self.begin_end(Outcome::Failed(format!("data relay: {error}")))
            }
            Event::StopRequested if active => self.begin_end(Outcome::Stopped),
            Event::RestartRequested { component } if active => self.restart_by_hand(component, now),
            Event::Swept => self.on_swept(),
            // Liveness, heartbeats, restarts and the relay no longer matter
            // once the run is ending.
            _ => {}
        }
        if self.is_active() {
            self.start_what_can_start();
        }
        if self.is_active() {
            self.settle();
        }
        self.advance_stop(now);
        std::mem::take(&mut self.out)
    }

    /// The earliest deadline: a start_timeout, a stop_timeout, the end of a
    /// restart delay, or of the grace after SIGKILL.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.components
            .values()
            .filter_map(|t| match &t.phase {
                Phase::Starting { deadline, .. } => *deadline,
                Phase::Ending { kill_at, .. } => *kill_at,
                Phase::Stopping {
                    kill_at,
                    give_up_at,
                    ..
                } => kill_at.or(*give_up_at),
                Phase::BackingOff { until } => Some(*until),
                _ => None,
            })
            .min()
    }

    /// Whether the run is starting or running (not ending).
    pub fn is_active(&self) -> bool {
        matches!(self.run, RunPhase::Active { .. })
    }

    /// Whether the run is over.
    pub fn is_done(&self) -> bool {
        self.run == RunPhase::Done
    }

    /// A component's phase (for tests and logs).
    #[cfg(test)]
    pub fn phase(&self, component: &str) -> Option<&Phase> {
        self.components.get(component).map(|t| &t.phase)
    }

    fn spec(&self, component: &str) -> Option<&Component> {
        self.pipeline.component(component)
    }

    fn phase_of(&self, component: &str) -> Option<&Phase> {
        self.components.get(component).map(|t| &t.phase)
    }

    fn set_phase(&mut self, component: &str, phase: Phase) {
        if let Some(tracked) = self.components.get_mut(component) {
            tracked.phase = phase;
        }
    }

    /// Changes what users see of `component` and emits it.
    fn show(&mut self, component: &str, stamp: Option<Stamp>, change: impl FnOnce(&mut Shown)) {
        let Some(tracked) = self.components.get_mut(component) else {
            return;
        };
        change(&mut tracked.shown);
        self.out.push(Action::Show {
            component: component.to_owned(),
            shown: tracked.shown.clone(),
            stamp,
        });
    }

    /// Sends the component's stop signal to `instance`.
    fn stop_signal(&mut self, component: &str, instance: Instance) {
        let signal = self
            .spec(component)
            .map(|c| super::process::signal_of(c.stop_signal.as_raw()))
            .unwrap_or(Signal::SIGTERM);
        self.out.push(Action::Signal {
            component: component.to_owned(),
            pgid: instance.pgid,
            signal,
        });
    }

    fn kill(&mut self, component: &str, instance: Instance) {
        self.out.push(Action::Signal {
            component: component.to_owned(),
            pgid: instance.pgid,
            signal: Signal::SIGKILL,
        });
    }
}
