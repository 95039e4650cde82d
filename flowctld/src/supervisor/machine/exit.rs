//! Exits: ending an instance ourselves, reaping one that exited, and what
//! follows (restart policy, backoff, giving up, restart by hand).

use std::time::Duration;

use tokio::time::Instant;

use super::{Action, Ended, Machine, Outcome, Phase, Stamp};
use crate::supervisor::restart::{Decision, Ending};
use flowctl_core::ComponentState;
use flowctl_core::spec::{OnFailure, format_bytes};

/// Number of log lines quoted when a component fails.
pub(crate) const LAST_LINES: usize = 10;

impl Machine {
    /// Ends a live instance ourselves (hung, unhealthy, late, by hand): its
    /// stop signal now, SIGKILL after its stop_timeout. Its exit then goes
    /// through the restart policy with `reason` as the failure.
    pub(super) fn end_instance(&mut self, id: &str, reason: String, by_hand: bool, now: Instant) {
        let Some(phase) = self.phase_of(id).cloned() else {
            return;
        };
        match phase {
            Phase::Starting { instance, .. } | Phase::Running { instance } => {
                tracing::warn!(run = %self.run_id, component = %id, %reason, "ending component");
                self.stop_signal(id, instance);
                let stop_timeout = self.spec(id).map(|c| c.stop_timeout).unwrap_or_default();
                let ending = Phase::Ending {
                    instance,
                    reason,
                    by_hand,
                    kill_at: Some(now + stop_timeout),
                };
                self.set_phase(id, ending);
            }
            Phase::Ending {
                instance,
                reason,
                by_hand: before,
                kill_at,
            } => {
                let ending = Phase::Ending {
                    instance,
                    reason,
                    by_hand: before || by_hand,
                    kill_at,
                };
                self.set_phase(id, ending);
            }
            _ => {}
        }
    }

    /// A registration stopped heartbeating: its component is hung.
    pub(super) fn on_expired(&mut self, service_id: &str, now: Instant) {
        let hung = self
            .components
            .iter()
            .find(|(_, t)| t.shown.service_id == service_id && t.phase.instance().is_some())
            .map(|(id, _)| id.clone());
        if let Some(id) = hung {
            let ttl = self.ttl.as_secs_f64();
            self.end_instance(&id, format!("no heartbeat for {ttl}s (hung)"), false, now);
        }
    }

    /// A sample of an instance's memory: above its `resources.limits.memory`
    /// it is restarted (pm2's `max_memory_restart`), the reason saying so.
    pub(super) fn on_memory(&mut self, id: &str, bytes: u64, now: Instant) {
        let Some(limit) = self.spec(id).and_then(|c| c.limits.memory_bytes) else {
            return;
        };
        let live = matches!(
            self.phase_of(id),
            Some(Phase::Starting { .. } | Phase::Running { .. })
        );
        if live && bytes > limit {
            let reason = format!(
                "used {}, over its memory limit of {} (resources.limits.memory)",
                format_bytes(bytes),
                format_bytes(limit)
            );
            self.end_instance(id, reason, false, now);
        }
    }

    /// The main process exited: what is left of its group is killed, its
    /// streams dropped, and its output drained before anything is decided.
    pub(super) fn on_exited(&mut self, id: &str, exit: String, success: bool, now: Instant) {
        let Some(phase) = self.phase_of(id).cloned() else {
            return;
        };
        let Some(instance) = phase.instance() else {
            return;
        };
        tracing::info!(run = %self.run_id, component = %id, %exit, "component exited");
        let (reason, by_hand) = match phase {
            Phase::Ending {
                reason, by_hand, ..
            } => (Some(reason), by_hand),
            _ => (None, false),
        };
        // The main process is gone; nothing it left behind may outlive it.
        self.kill(id, instance);
        self.out.push(Action::RelayGone {
            component: id.to_owned(),
        });
        self.out.push(Action::Drain {
            component: id.to_owned(),
        });
        let ended = Ended {
            exit,
            success,
            uptime: now.saturating_duration_since(instance.started),
            reason,
            by_hand,
        };
        self.set_phase(id, Phase::Draining(ended));
    }

    /// Every line the instance wrote is on disk: now its exit is recorded
    /// and the restart policy decides. While the run ends, it stays down.
    pub(super) fn on_drained(&mut self, id: &str, last_lines: &[String], now: Instant) {
        let Some(Phase::Draining(ended)) = self.phase_of(id).cloned() else {
            return;
        };
        if let Some(tracked) = self.components.get_mut(id) {
            tracked.ready = false;
        }
        if !self.is_active() {
            self.set_phase(id, Phase::Exited);
            return self.show(id, None, |shown| {
                shown.state = ComponentState::Exited;
                shown.exit = ended.exit.clone();
            });
        }
        let ending = match (&ended.reason, ended.success) {
            (Some(why), _) => Ending::Failure(format!("{why}; {}", ended.exit)),
            (None, true) => Ending::Success,
            (None, false) => Ending::Failure(ended.exit.clone()),
        };
        let decision = if ended.by_hand {
            Decision::RestartAfter(Duration::ZERO)
        } else {
            match self.components.get_mut(id) {
                Some(tracked) => tracked.backoff.decide(&ending, ended.uptime, now),
                None => Decision::Finished,
            }
        };
        match decision {
            Decision::RestartAfter(delay) => self.restart(id, &ended, &ending, delay, now),
            Decision::Finished => {
                self.set_phase(id, Phase::Exited);
                if let Some(tracked) = self.components.get_mut(id) {
                    tracked.ready = true;
                }
                self.show(id, None, |shown| {
                    shown.state = ComponentState::Exited;
                    shown.exit = ended.exit.clone();
                });
                self.out.push(Action::Persist);
            }
            Decision::GiveUp(why) => self.give_up(id, &ended, &why, last_lines),
        }
    }

    /// Starts `id` again after `delay`: at once when there is none (not
    /// through a timer, which rounds up to the next millisecond).
    fn restart(&mut self, id: &str, ended: &Ended, ending: &Ending, delay: Duration, now: Instant) {
        let reason = match ending {
            Ending::Success => ended.exit.clone(),
            Ending::Failure(why) => why.clone(),
        };
        tracing::info!(run = %self.run_id, component = %id, ?delay, %reason, "restarting component");
        self.show(id, Some(Stamp::Restarted), |shown| {
            shown.state = ComponentState::Restarting;
            shown.exit = ended.exit.clone();
            if !ended.by_hand {
                shown.restarts += 1;
            }
            shown.last_restart_reason = reason;
        });
        if delay.is_zero() {
            // Recorded once the new instance is up.
            self.spawn(vec![id.to_owned()]);
        } else {
            self.set_phase(id, Phase::BackingOff { until: now + delay });
            self.out.push(Action::Persist);
        }
    }

    /// `id` failed for good: the run fails, unless it keeps running.
    fn give_up(&mut self, id: &str, ended: &Ended, why: &str, last_lines: &[String]) {
        let message = with_last_lines(format!("component '{id}' failed: {why}"), last_lines);
        self.set_phase(
            id,
            Phase::Failed {
                message: message.clone(),
            },
        );
        self.show(id, None, |shown| {
            shown.state = ComponentState::Failed;
            shown.exit = ended.exit.clone();
        });
        self.out.push(Action::Persist);
        let keep = self
            .spec(id)
            .is_some_and(|c| c.on_failure == OnFailure::KeepRunning);
        if keep {
            tracing::warn!(run = %self.run_id, component = %id, "failed for good; the run keeps running (on_component_failure: keep-running)");
        } else {
            self.begin_end(Outcome::Failed(format!(
                "{message}\n(on_component_failure: stop-run stopped the run)"
            )));
        }
    }

    /// `flowctl restart RUN [COMPONENT]`: live instances are ended and
    /// started again at once; ended ones start again now. Neither counts
    /// against max_restarts.
    pub(super) fn restart_by_hand(&mut self, component: Option<String>, now: Instant) {
        let targets = match component {
            Some(id) => vec![id],
            None => self.start_order.clone(),
        };
        let mut wave = Vec::new();
        for id in targets {
            let Some(phase) = self.phase_of(&id).cloned() else {
                continue;
            };
            match phase {
                Phase::Starting { .. } | Phase::Running { .. } | Phase::Ending { .. } => {
                    self.end_instance(&id, "restarted by hand".into(), true, now);
                }
                Phase::Draining(mut ended) => {
                    ended.by_hand = true;
                    self.set_phase(&id, Phase::Draining(ended));
                }
                Phase::Exited | Phase::Failed { .. } | Phase::BackingOff { .. } => {
                    if let Some(tracked) = self.components.get_mut(&id) {
                        tracked.ready = false;
                    }
                    wave.push(id);
                }
                // Started elsewhere: that engine restarts them.
                Phase::Pending
                | Phase::Spawning
                | Phase::Stopping { .. }
                | Phase::Awaiting
                | Phase::Attached { .. } => {}
            }
        }
        self.spawn(wave);
    }
}

/// Appends a component's last log lines to an error, so the user sees why.
pub(crate) fn with_last_lines(error: String, lines: &[String]) -> String {
    let lines = &lines[lines.len().saturating_sub(LAST_LINES)..];
    if lines.is_empty() {
        return format!("{error} (it wrote no output)");
    }
    format!("{error}; its last output:\n  {}", lines.join("\n  "))
}
