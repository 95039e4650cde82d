//! Stopping a run's components: layer by layer, sources first, so events
//! in flight can drain downstream; each group gets its stop signal, then
//! SIGKILL after its stop_timeout.

use std::collections::HashMap;
use std::time::Duration;

use flowctl_proto::daemon::v1::ComponentState;
use nix::sys::signal::Signal;
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::RunEvent;
use super::process::{signal_group, signal_of};
use super::run::{Machine, sleep_until};

/// How long a SIGKILLed group may take to be reaped before we give up
/// waiting (a process stuck in the kernel cannot be hurried).
const KILL_GRACE: Duration = Duration::from_secs(5);

impl Machine {
    /// Stops every live component; nothing pending starts any more.
    pub(super) async fn stop_everything(&mut self, inbox: &mut mpsc::UnboundedReceiver<RunEvent>) {
        self.pending_restart.clear();
        for slot in self.handle.slots().iter_mut() {
            match slot.state {
                ComponentState::Pending => {
                    slot.state = ComponentState::Exited;
                    slot.exit = "not started".into();
                }
                ComponentState::Restarting => {
                    slot.state = ComponentState::Exited;
                    slot.exit = format!("{} (not restarted: the run stopped)", slot.exit);
                }
                _ => {}
            }
        }
        self.ending.clear();
        self.by_hand.clear();
        for layer in self.layers() {
            let mut waiting: HashMap<String, Instant> = HashMap::new();
            for id in layer {
                let (Some(live), Some(component)) =
                    (self.live.get(&id), self.handle.pipeline.component(&id))
                else {
                    continue;
                };
                signal_group(live.pgid, signal_of(component.stop_signal.as_raw()));
                waiting.insert(id.clone(), Instant::now() + component.stop_timeout);
                self.handle
                    .update(&id, |slot| slot.state = ComponentState::Stopping);
            }
            let mut killed_at: Option<Instant> = None;
            while waiting.keys().any(|id| self.live.contains_key(id)) {
                if killed_at.is_some_and(|at| at.elapsed() > KILL_GRACE) {
                    tracing::error!(run = %self.handle.id, "components survive SIGKILL; giving up on them");
                    break;
                }
                let next = waiting
                    .iter()
                    .filter(|(id, _)| self.live.contains_key(*id))
                    .map(|(_, at)| *at)
                    .min()
                    .filter(|_| killed_at.is_none());
                tokio::select! {
                    event = inbox.recv() => match event {
                        Some(RunEvent::Exited { component, status }) => {
                            self.on_exit(&component, status).await;
                        }
                        Some(_) => {}
                        None => break,
                    },
                    _ = sleep_until(next) => {
                        for (id, at) in &waiting {
                            if let Some(live) = self.live.get(id).filter(|_| *at <= Instant::now()) {
                                tracing::warn!(run = %self.handle.id, component = %id, "stop_timeout passed: killing");
                                signal_group(live.pgid, Signal::SIGKILL);
                            }
                        }
                        killed_at = Some(Instant::now());
                    }
                    _ = sleep_until(killed_at.map(|at| at + KILL_GRACE)) => {}
                }
            }
        }
        // Anything that was waiting to restart when the stop came stays down.
        self.pending_restart.clear();
    }

    /// Live components grouped by depth in the graph, producers first.
    fn layers(&self) -> Vec<Vec<String>> {
        let pipeline = &self.handle.pipeline;
        let mut depth: HashMap<&str, usize> = HashMap::new();
        for id in &self.handle.start_order {
            let d = pipeline
                .component(id)
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
                self.handle
                    .start_order
                    .iter()
                    .filter(|id| depth.get(id.as_str()) == Some(&d))
                    .filter(|id| self.live.contains_key(*id))
                    .cloned()
                    .collect()
            })
            .collect()
    }
}
