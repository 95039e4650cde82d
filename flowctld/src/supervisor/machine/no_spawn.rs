//! Runs whose components something else starts (`flowctld --pipeline FILE
//! --no-spawn`): Kubernetes, Compose, systemd or Nomad runs the processes,
//! this daemon keeps the registry, the relay and the record.
//!
//! Without a process there is no pid, exit or signal, so a component's life
//! is told by the control plane alone:
//! - at the start every component is [`Phase::Awaiting`] its registration
//!   (shown `starting`, "waiting to register"), whatever the start order:
//!   the engine decides it, and the relay dials with backoff;
//! - registering under its pipeline id makes it [`Phase::Attached`]: ready
//!   and `running`; its health is the registry's (heartbeats that stop show
//!   it UNHEALTHY, heartbeats that come back make it HEALTHY again);
//! - unregistering means it finished: [`Phase::Exited`]; registering again
//!   while the run is going attaches it again;
//! - the run is COMPLETED when the relay has moved every event (every
//!   source ended and everything downstream drained) or every component
//!   has finished; a stop ends it STOPPED, leaving the processes to the
//!   engine that started them. Nothing is swept: no process is ours.

use tokio::time::Instant;

use super::{Machine, Outcome, Phase, RunPhase, Stamp};
use flowctl_core::ComponentState;

/// What a component waiting for its registration shows as its exit.
pub(crate) const AWAITING: &str = "waiting to register (started outside flowctld)";

impl Machine {
    /// This run's components are started by something else.
    pub fn without_spawning(mut self) -> Machine {
        self.spawns = false;
        self
    }

    /// Every pending component now waits for its registration.
    pub(super) fn await_registrations(&mut self) {
        let pending: Vec<String> = self
            .start_order
            .iter()
            .filter(|id| self.phase_of(id) == Some(&Phase::Pending))
            .cloned()
            .collect();
        for id in pending {
            self.set_phase(&id, Phase::Awaiting);
            self.show(&id, None, |shown| {
                shown.state = ComponentState::Starting;
                shown.exit = AWAITING.to_owned();
            });
        }
    }

    /// A component started elsewhere registered: it runs.
    pub(super) fn attach(&mut self, id: &str, now: Instant) {
        if !matches!(
            self.phase_of(id),
            Some(Phase::Awaiting | Phase::Exited | Phase::Attached { .. })
        ) {
            return;
        }
        let again = matches!(self.phase_of(id), Some(Phase::Attached { .. }));
        if !again {
            self.set_phase(id, Phase::Attached { since: now });
        }
        if let Some(tracked) = self.components.get_mut(id) {
            tracked.ready = true;
            tracked.started_once = true;
        }
        let stamp = (!again).then_some(Stamp::Started);
        self.show(id, stamp, |shown| {
            shown.state = ComponentState::Running;
            shown.exit.clear();
        });
    }

    /// A registration went away: its component, if started elsewhere and
    /// attached under it, has finished.
    pub(super) fn on_unregistered(&mut self, service_id: &str) {
        let finished = self
            .components
            .iter()
            .find(|(_, t)| {
                t.shown.service_id == service_id && matches!(t.phase, Phase::Attached { .. })
            })
            .map(|(id, _)| id.clone());
        let Some(id) = finished else { return };
        tracing::info!(run = %self.run_id, component = %id, "component unregistered: finished");
        self.set_phase(&id, Phase::Exited);
        self.show(&id, None, |shown| {
            shown.state = ComponentState::Exited;
            shown.exit = "finished (unregistered)".to_owned();
        });
    }

    /// The run ends: components started elsewhere are no longer followed.
    pub(super) fn let_go(&mut self, outcome: &Outcome) {
        let ids = self.start_order.clone();
        for id in ids {
            let exit = match self.phase_of(&id) {
                Some(Phase::Awaiting) => "never registered".to_owned(),
                Some(Phase::Attached { .. }) if *outcome == Outcome::Completed => {
                    "finished (the run completed)".to_owned()
                }
                Some(Phase::Attached { .. }) => {
                    "left to the engine that started it (not stopped by flowctld)".to_owned()
                }
                _ => continue,
            };
            self.set_phase(&id, Phase::Exited);
            self.show(&id, None, |shown| {
                shown.state = ComponentState::Exited;
                shown.exit = exit;
            });
        }
    }

    /// No process of this run is ours: the run ends without a sweep.
    pub(super) fn end_without_sweep(&mut self, outcome: Outcome) {
        self.run = RunPhase::Sweeping { outcome };
        self.on_swept();
    }
}
