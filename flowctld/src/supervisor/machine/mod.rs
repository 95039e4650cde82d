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
//! - `phase`: a component's [`Phase`], the run's [`RunPhase`];
//! - `event`: the [`Event`]s in and the [`Action`]s out;
//! - this file: the machine's state and the dispatch of events;
//! - `start`: dependency order, spawn results, readiness, timers;
//! - `exit`: exits, ending an instance ourselves, restart decisions,
//!   restart by hand;
//! - `end`: how a run comes to its end, and stopping it producers-first;
//! - `no_spawn`: runs whose components something else starts;
//! - `tests`: the policies as a table of unit tests.

mod end;
mod event;
mod exit;
mod no_spawn;
mod phase;
mod start;
#[cfg(test)]
mod tests;

pub(crate) use event::{Action, Event, Shown, Spawned, Stamp};
pub(crate) use exit::LAST_LINES;
pub(crate) use phase::{Ended, Instance, Outcome, Phase, RunPhase};

use std::collections::BTreeMap;
use std::time::Duration;

use nix::sys::signal::Signal;
use tokio::time::Instant;

use super::restart::Backoff;
use flowctl_core::spec::{Component, Pipeline};

/// How long a SIGKILLed group may take to be reaped before the stop gives
/// up waiting for it (a process stuck in the kernel cannot be hurried).
pub(crate) const KILL_GRACE: Duration = Duration::from_secs(5);

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
    /// Whether this daemon starts the components (`false` under `--no-spawn`).
    spawns: bool,
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
            spawns: true,
        }
    }

    /// Reacts to `event` at `now`; returns what to perform, in order.
    pub fn step(&mut self, event: Event, now: Instant) -> Vec<Action> {
        let active = self.is_active();
        match event {
            Event::Begin => {}
            Event::Spawned(results) => self.on_spawned(results, now),
            // Once the run ends, the relay is closed and nothing becomes
            // ready any more.
            Event::Registered {
                component,
                service_id,
                endpoint,
            } if active => self.on_registered(&component, service_id, endpoint, now),
            Event::Unregistered { service_id } if active => self.on_unregistered(&service_id),
            // A probe's report about an instance that already ended is stale.
            Event::ProbePassed { component, pgid }
                if active && self.is_current(&component, pgid) =>
            {
                self.mark_ready(&component)
            }
            Event::LivenessFailed {
                component,
                pgid,
                reason,
            } if active && self.is_current(&component, pgid) => {
                self.end_instance(&component, reason, false, now)
            }
            Event::MemorySampled {
                component,
                pgid,
                bytes,
            } if active && self.is_current(&component, pgid) => {
                self.on_memory(&component, bytes, now)
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
            Event::RestartRequested { component } if active && self.spawns => {
                self.restart_by_hand(component, now)
            }
            Event::Swept => self.on_swept(),
            // Registrations, probes, heartbeats, restarts and the relay no
            // longer matter once the run is ending.
            _ => {}
        }
        if self.is_active() && self.spawns {
            self.start_what_can_start();
        } else if self.is_active() {
            self.await_registrations();
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

    /// Whether `pgid` is the component's live instance.
    fn is_current(&self, component: &str, pgid: u32) -> bool {
        self.phase_of(component)
            .and_then(Phase::instance)
            .is_some_and(|i| i.pgid == pgid)
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
