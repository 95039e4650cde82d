//! Starting: dependency order, spawn results, readiness, and the timers
//! (start_timeout, stop_timeout, restart delays).

use tokio::time::Instant;

use super::{Action, Instance, KILL_GRACE, Machine, Outcome, Phase, Spawned, Stamp};
use flowctl_core::ComponentState;
use flowctl_core::spec::{Condition, Readiness};

impl Machine {
    /// Asks to spawn, as one wave, every pending component whose
    /// dependencies are met; ends the run if one waits for a dependency to
    /// complete that failed instead.
    pub(super) fn start_what_can_start(&mut self) {
        let mut wave = Vec::new();
        for id in &self.start_order {
            if self.phase_of(id) != Some(&Phase::Pending) {
                continue;
            }
            match self.dependencies_met(id) {
                Ok(true) => wave.push(id.clone()),
                Ok(false) => {}
                Err(error) => return self.begin_end(Outcome::Failed(error)),
            }
        }
        self.spawn(wave);
    }

    /// Whether `id` may start: every input ready, every `depends_on`
    /// condition reached. `Err` when it never can.
    fn dependencies_met(&self, id: &str) -> Result<bool, String> {
        let Some(component) = self.spec(id) else {
            return Ok(false);
        };
        let tracked = |id: &str| self.components.get(id);
        let mut met = component
            .inputs
            .iter()
            .all(|input| tracked(input).is_some_and(|t| t.ready));
        for dependency in &component.dependencies {
            let Some(other) = tracked(&dependency.id) else {
                continue;
            };
            met &= match dependency.condition {
                Condition::Started => other.started_once,
                Condition::Healthy => other.ready,
                Condition::Completed => match &other.phase {
                    Phase::Failed { message } => {
                        return Err(format!(
                            "component '{id}' needs '{}' to complete, but it failed: {message}",
                            dependency.id
                        ));
                    }
                    phase => *phase == Phase::Exited,
                },
            };
        }
        Ok(met)
    }

    /// Asks to spawn `wave` (if not empty).
    pub(super) fn spawn(&mut self, wave: Vec<String>) {
        if wave.is_empty() {
            return;
        }
        for id in &wave {
            self.set_phase(id, Phase::Spawning);
        }
        self.out.push(Action::Spawn(wave));
    }

    /// Records a wave's new instances; a start that failed ends the run.
    pub(super) fn on_spawned(&mut self, results: Vec<(String, Spawned)>, now: Instant) {
        let mut failure = None;
        for (id, result) in results {
            if self.phase_of(&id) != Some(&Phase::Spawning) {
                continue;
            }
            match result {
                Spawned::Started(pgid) => self.started(&id, pgid, now),
                Spawned::Failed(error) => {
                    self.set_phase(
                        &id,
                        Phase::Failed {
                            message: error.clone(),
                        },
                    );
                    self.show(&id, None, |shown| {
                        shown.state = ComponentState::Failed;
                        shown.exit = error.clone();
                    });
                    failure.get_or_insert(error);
                }
                Spawned::Skipped => self.set_phase(&id, Phase::Pending),
            }
        }
        // One commit per wave of starts, not one per component.
        self.out.push(Action::Persist);
        if let Some(error) = failure
            && self.is_active()
        {
            self.begin_end(Outcome::Failed(error));
        }
    }

    /// A new instance of `id` runs as group `pgid`.
    fn started(&mut self, id: &str, pgid: u32, now: Instant) {
        let instance = Instance { pgid, started: now };
        let Some(spec) = self.spec(id) else { return };
        let (readiness, start_timeout) = (spec.readiness, spec.start_timeout);
        tracing::info!(run = %self.run_id, component = %id, pid = pgid, "component started");
        let deadline = (readiness == Readiness::Registered).then(|| now + start_timeout);
        self.set_phase(id, Phase::Starting { instance, deadline });
        if let Some(tracked) = self.components.get_mut(id) {
            tracked.started_once = true;
        }
        self.show(id, Some(Stamp::Started), |shown| {
            shown.state = ComponentState::Starting;
            shown.pid = Some(pgid);
            shown.exit.clear();
        });
        if !self.is_active() {
            // Spawned as the run began to end: it is stopped with the rest.
            return self.join_stop(id, now);
        }
        if readiness == Readiness::Started {
            self.mark_ready(id);
        }
    }

    /// A starting instance became ready.
    pub(super) fn mark_ready(&mut self, id: &str) {
        let Some(Phase::Starting { instance, .. }) = self.phase_of(id).cloned() else {
            return;
        };
        self.set_phase(id, Phase::Running { instance });
        if let Some(tracked) = self.components.get_mut(id) {
            tracked.ready = true;
        }
        self.show(id, None, |shown| shown.state = ComponentState::Running);
    }

    /// A registration: the relay learns its endpoint; without a readiness
    /// probe, registering makes it ready (with one, the probe decides).
    pub(super) fn on_registered(
        &mut self,
        id: &str,
        service_id: String,
        endpoint: String,
        now: Instant,
    ) {
        self.out.push(Action::RelayReady {
            component: id.to_owned(),
            endpoint,
        });
        let probed = self.spec(id).is_some_and(|c| c.readiness_probe.is_some());
        if let Some(tracked) = self.components.get_mut(id) {
            tracked.shown.service_id = service_id;
        }
        if !self.spawns {
            self.attach(id, now);
        } else if !probed && matches!(self.phase_of(id), Some(Phase::Starting { .. })) {
            self.mark_ready(id);
        } else {
            self.show(id, None, |_| {});
        }
    }

    /// Deadlines that came due: late starts are ended, overdue stops
    /// killed, restart delays over.
    pub(super) fn on_timer(&mut self, now: Instant) {
        let mut due = Vec::new();
        let ids: Vec<String> = self.start_order.clone();
        for id in ids {
            let Some(phase) = self.phase_of(&id).cloned() else {
                continue;
            };
            match phase {
                Phase::Starting {
                    deadline: Some(at), ..
                } if at <= now && self.is_active() => self.late(&id, now),
                Phase::Ending {
                    instance,
                    reason,
                    by_hand,
                    kill_at: Some(at),
                } if at <= now => {
                    tracing::warn!(run = %self.run_id, component = %id, "stop_timeout passed: killing");
                    self.kill(&id, instance);
                    let kill_at = None;
                    let ending = Phase::Ending {
                        instance,
                        reason,
                        by_hand,
                        kill_at,
                    };
                    self.set_phase(&id, ending);
                }
                Phase::Stopping {
                    instance,
                    kill_at: Some(at),
                    ..
                } if at <= now => {
                    tracing::warn!(run = %self.run_id, component = %id, "stop_timeout passed: killing");
                    self.kill(&id, instance);
                    let give_up_at = Some(now + KILL_GRACE);
                    let stopping = Phase::Stopping {
                        instance,
                        kill_at: None,
                        give_up_at,
                    };
                    self.set_phase(&id, stopping);
                }
                Phase::Stopping {
                    give_up_at: Some(at),
                    ..
                } if at <= now => {
                    tracing::error!(run = %self.run_id, component = %id, "survives SIGKILL; giving up on it");
                    self.set_phase(&id, Phase::Exited);
                }
                Phase::BackingOff { until } if until <= now && self.is_active() => {
                    due.push(id);
                }
                _ => {}
            }
        }
        self.spawn(due);
    }

    /// A component did not become ready within its start_timeout.
    fn late(&mut self, id: &str, now: Instant) {
        let timeout = self
            .spec(id)
            .map(|c| c.start_timeout.as_secs_f64())
            .unwrap_or_default();
        let reason = format!(
            "did not become ready within {timeout}s (start_timeout); if it never \
             talks to the control plane, set `readiness: started`"
        );
        self.end_instance(id, reason, false, now);
    }
}
