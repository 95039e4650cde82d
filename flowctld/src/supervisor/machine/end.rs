//! How a run ends: settling by itself (every component finished, or what
//! failed is the reason), or stopping layer by layer, sources first, so
//! events in flight can drain downstream; each group gets its stop signal,
//! then SIGKILL after its stop_timeout.

use std::collections::{HashMap, VecDeque};

use tokio::time::Instant;

use super::{Action, Machine, Outcome, Phase, RunPhase};
use flowctl_core::{ComponentState, RunStatus};

impl Machine {
    /// Announces RUNNING once every component is up (or, with
    /// keep-running, what could start is up and the rest failed); ends the
    /// run when nothing runs and nothing will.
    pub(super) fn settle(&mut self) {
        let total = self.components.len();
        let ready = self.components.values().filter(|t| t.ready).count();
        let failures: Vec<&String> = {
            let mut failures: Vec<&String> = self
                .components
                .values()
                .filter_map(|t| match &t.phase {
                    Phase::Failed { message } => Some(message),
                    _ => None,
                })
                .collect();
            failures.sort();
            failures
        };
        if let RunPhase::Active { announced } = &mut self.run
            && !*announced
            && (ready == total || (ready + failures.len() == total && !failures.is_empty()))
        {
            *announced = true;
            self.out.push(Action::SetRunStatus {
                status: RunStatus::Running,
                error: None,
            });
        }
        if self.components.values().any(|t| t.phase.busy()) {
            return;
        }
        let outcome = if self.components.values().all(|t| t.phase == Phase::Exited) {
            Outcome::Completed
        } else {
            // Nothing runs and nothing will: what failed is the reason.
            Outcome::Failed(match failures.first() {
                Some(first) => (*first).clone(),
                None => "no component is running and none can start".to_string(),
            })
        };
        self.begin_end(outcome);
    }

    /// The run ends with `outcome`: the relay stops, nothing starts any
    /// more, and the live components are stopped producers-first.
    pub(super) fn begin_end(&mut self, outcome: Outcome) {
        if !self.is_active() {
            return;
        }
        if let Outcome::Failed(error) = &outcome {
            tracing::warn!(run = %self.run_id, %error, "run failed");
        }
        // Stop moving data before stopping the processes that serve it.
        self.out.push(Action::CloseRelay);
        if outcome != Outcome::Completed {
            self.out.push(Action::SetRunStatus {
                status: RunStatus::Stopping,
                error: None,
            });
        }
        if !self.spawns {
            self.let_go(&outcome);
        }
        let ids = self.start_order.clone();
        for id in &ids {
            let exit = match self.phase_of(id) {
                Some(Phase::Pending) => "not started".to_string(),
                Some(Phase::BackingOff { .. }) => {
                    let exit = self.components[id].shown.exit.clone();
                    format!("{exit} (not restarted: the run stopped)")
                }
                _ => continue,
            };
            self.set_phase(id, Phase::Exited);
            self.show(id, None, |shown| {
                shown.state = ComponentState::Exited;
                shown.exit = exit;
            });
        }
        self.run = RunPhase::Ending {
            outcome,
            current: Vec::new(),
            layers: self.layers(),
        };
    }

    /// Components with a process or output left, grouped by depth in the
    /// graph, producers first.
    fn layers(&self) -> VecDeque<Vec<String>> {
        let mut depth: HashMap<&str, usize> = HashMap::new();
        for id in &self.start_order {
            let d = self
                .spec(id)
                .map(|c| {
                    c.upstream()
                        .filter_map(|up| depth.get(up))
                        .max()
                        .map_or(0, |d| d + 1)
                })
                .unwrap_or(0);
            depth.insert(id, d);
        }
        let max = depth.values().copied().max().unwrap_or(0);
        (0..=max)
            .map(|d| {
                self.start_order
                    .iter()
                    .filter(|id| depth.get(id.as_str()) == Some(&d))
                    .filter(|id| self.phase_of(id).is_some_and(Phase::busy))
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .filter(|layer| !layer.is_empty())
            .collect()
    }

    /// Moves the stop on: once nobody of the current layer is left, the
    /// next layer gets its stop signals; after the last, the run-wide sweep.
    pub(super) fn advance_stop(&mut self, now: Instant) {
        loop {
            let RunPhase::Ending {
                outcome,
                current,
                layers,
            } = &mut self.run
            else {
                return;
            };
            let left = |phase: Option<&Phase>| phase.is_some_and(Phase::busy);
            if current
                .iter()
                .any(|id| left(self.components.get(id).map(|t| &t.phase)))
            {
                return;
            }
            let Some(layer) = layers.pop_front() else {
                if !self.spawns {
                    let outcome = outcome.clone();
                    return self.end_without_sweep(outcome);
                }
                // Whatever a component started and detached from its group
                // still carries the run's id: nothing outlives the run.
                self.run = RunPhase::Sweeping {
                    outcome: outcome.clone(),
                };
                self.out.push(Action::SweepRun);
                return;
            };
            *current = layer.clone();
            for id in &layer {
                self.stop(id, now);
            }
        }
    }

    /// Sends `id` its stop signal, with SIGKILL due after its stop_timeout.
    fn stop(&mut self, id: &str, now: Instant) {
        let Some(instance) = self.phase_of(id).and_then(Phase::instance) else {
            return;
        };
        if matches!(self.phase_of(id), Some(Phase::Stopping { .. })) {
            return;
        }
        self.stop_signal(id, instance);
        let stop_timeout = self.spec(id).map(|c| c.stop_timeout).unwrap_or_default();
        let stopping = Phase::Stopping {
            instance,
            kill_at: Some(now + stop_timeout),
            give_up_at: None,
        };
        self.set_phase(id, stopping);
        self.show(id, None, |shown| shown.state = ComponentState::Stopping);
    }

    /// An instance spawned while the run began to end joins the layer
    /// being stopped.
    pub(super) fn join_stop(&mut self, id: &str, now: Instant) {
        if let RunPhase::Ending { current, .. } = &mut self.run {
            current.push(id.to_owned());
        }
        self.stop(id, now);
    }

    /// The sweep is over: the record gets its instances and its end.
    pub(super) fn on_swept(&mut self) {
        let RunPhase::Sweeping { outcome } = &self.run else {
            return;
        };
        let (status, error) = match outcome {
            Outcome::Stopped => (RunStatus::Stopped, None),
            Outcome::Completed => (RunStatus::Completed, None),
            Outcome::Failed(error) => (RunStatus::Failed, Some(error.clone())),
        };
        self.out.push(Action::Persist);
        self.out.push(Action::SetRunStatus { status, error });
        self.out.push(Action::Finish);
        self.run = RunPhase::Done;
    }
}
