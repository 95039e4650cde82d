//! One component instance's life inside a run: spawn it with its log
//! capture and probes, notice it is ready, end it, and decide after it
//! exited whether it starts again.

use std::time::SystemTime;

use flowctl_proto::daemon::v1::ComponentState;
use nix::sys::signal::Signal;
use tokio::time::Instant;

use super::RunEvent;
use super::env::{Injected, component_env, working_dir};
use super::probe::{self, ProbeKind, ProbeTarget};
use super::process::{Launch, describe_exit, signal_group, signal_of, spawn};
use super::restart::{Decision, Ending};
use super::run::{Live, Machine};
use crate::logs;
use flowctl_core::spec::{Component, OnFailure, Readiness};

/// Number of log lines quoted when a component fails.
const LAST_LINES: usize = 10;

/// How long the output of an exited instance may take to drain once every
/// process holding its pipes is gone.
const DRAIN_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// How long output may keep flowing after the group was killed before the
/// escaped processes holding the pipes are looked for.
const ESCAPE_CHECK: std::time::Duration = std::time::Duration::from_millis(200);

impl Machine {
    /// Opens a component's log sink (its files under the run's log dir,
    /// and the `--log-dir` mirror).
    pub(super) fn log_config(&self) -> logs::LogConfig {
        let mut config = logs::LogConfig::new(&self.handle.log_dir);
        if let Some(mirror) = &self.ctx.log_dir_mirror {
            config = config.with_mirror(mirror);
        }
        config
    }

    /// Starts an instance of `component`; `sink` is its log sink when the
    /// caller opened it already (a wave of starts opens them together).
    pub(super) async fn spawn(
        &mut self,
        component: &Component,
        sink: Option<logs::LogSink>,
    ) -> Result<(), String> {
        let injected = Injected {
            run_id: &self.handle.id,
            control_plane: &self.ctx.control_plane,
            heartbeat_interval: self.ctx.heartbeat_interval,
            health_port: self.health_ports.get(&component.id).copied().unwrap_or(0),
            daemon_instance: self.ctx.groups.instance(),
        };
        let env = component_env(
            &self.ctx.caller_env,
            &self.handle.pipeline,
            component,
            &injected,
        );
        let launch = Launch {
            argv: component.command.clone(),
            working_dir: working_dir(&self.ctx.working_dir, component),
            env,
        };
        let fail = |message: String| format!("component '{}': {message}", component.id);
        let sink = match sink {
            Some(sink) => sink,
            None => logs::LogSink::open(&self.log_config(), &component.id)
                .await
                .map_err(|err| fail(format!("cannot open its log file: {err}")))?,
        };
        let mut child = spawn(&launch).map_err(fail)?;
        let pid = child.id().unwrap_or(0);
        self.ctx.groups.record(pid);
        let ring = logs::RecentLines::default();
        let capture = match (child.stdout.take(), child.stderr.take()) {
            (Some(stdout), Some(stderr)) => {
                let lines = self.handle.lines.clone();
                let ring = ring.clone();
                tokio::spawn(async move {
                    let report = logs::capture(stdout, stderr, sink, lines, ring).await;
                    for err in report.errors {
                        tracing::warn!(%err, "component log");
                    }
                })
            }
            _ => tokio::spawn(async {}),
        };
        let events = self.handle.events.clone();
        let id = component.id.clone();
        tokio::spawn(async move {
            let status = child.wait().await;
            let _ = events.send(RunEvent::Exited {
                component: id,
                status,
            });
        });
        let probes = self.start_probes(component, &launch);
        let deadline = match component.readiness {
            Readiness::Started => None,
            Readiness::Registered => Some(Instant::now() + component.start_timeout),
        };
        self.live.insert(
            component.id.clone(),
            Live {
                pgid: pid,
                started: Instant::now(),
                deadline,
                capture,
                ring: ring.clone(),
                probes,
            },
        );
        self.rings.insert(component.id.clone(), ring);
        self.started_once.insert(component.id.clone());
        tracing::info!(run = %self.handle.id, component = %component.id, pid, "component started");
        self.handle.update(&component.id, |slot| {
            slot.state = ComponentState::Starting;
            slot.pid = Some(pid);
            slot.started_at = Some(SystemTime::now());
            slot.exit.clear();
        });
        if component.readiness == Readiness::Started {
            self.mark_ready(&component.id);
        }
        Ok(())
    }

    fn start_probes(
        &self,
        component: &Component,
        launch: &Launch,
    ) -> Vec<tokio::task::JoinHandle<()>> {
        let target = || ProbeTarget {
            component: component.id.clone(),
            health_port: component
                .health_port
                .or_else(|| launch.env.get("HEALTH_PORT").and_then(|p| p.parse().ok()))
                .unwrap_or(0),
            env: launch.env.clone(),
            working_dir: launch.working_dir.clone(),
        };
        let mut probes = Vec::new();
        if let Some(readiness) = &component.readiness_probe {
            probes.push(probe::spawn(
                ProbeKind::Readiness,
                readiness.clone(),
                target(),
                self.handle.events.clone(),
            ));
        }
        if let Some(liveness) = &component.liveness_probe {
            probes.push(probe::spawn(
                ProbeKind::Liveness,
                liveness.clone(),
                target(),
                self.handle.events.clone(),
            ));
        }
        probes
    }

    pub(super) fn mark_ready(&mut self, component: &str) {
        let Some(live) = self.live.get_mut(component) else {
            return;
        };
        live.deadline = None;
        self.ready.insert(component.to_owned());
        self.handle
            .update(component, |slot| slot.state = ComponentState::Running);
    }

    /// Ends a live instance ourselves (hung, unhealthy, late, by hand): its
    /// stop signal now, SIGKILL after its stop_timeout. Its exit then goes
    /// through the restart policy with `reason` as the failure.
    pub(super) fn end_instance(&mut self, component: &str, reason: String) {
        let (Some(live), Some(spec)) = (
            self.live.get(component),
            self.handle.pipeline.component(component),
        ) else {
            return;
        };
        if self.ending.contains_key(component) {
            return;
        }
        tracing::warn!(run = %self.handle.id, %component, %reason, "ending component");
        signal_group(live.pgid, signal_of(spec.stop_signal.as_raw()));
        self.ending.insert(
            component.to_owned(),
            (reason, Instant::now() + spec.stop_timeout),
        );
    }

    /// `flowctl restart RUN [COMPONENT]`: live instances are ended and
    /// started again at once; ended ones start again now. Neither counts
    /// against max_restarts.
    pub(super) async fn restart_by_hand(&mut self, component: Option<String>) -> Option<String> {
        let targets: Vec<String> = match component {
            Some(id) => vec![id],
            None => self.handle.start_order.clone(),
        };
        for id in targets {
            if self.live.contains_key(&id) {
                self.by_hand.insert(id.clone());
                self.end_instance(&id, "restarted by hand".into());
            } else if self.state_of(&id) != ComponentState::Pending {
                self.failed.remove(&id);
                self.finished.remove(&id);
                self.ready.remove(&id);
                self.pending_restart.insert(id, Instant::now());
            }
        }
        None
    }

    /// Records an exit and applies the restart policy; returns the run's
    /// failure if it fails the run.
    pub(super) async fn on_exit(
        &mut self,
        component: &str,
        status: std::io::Result<std::process::ExitStatus>,
    ) -> Option<String> {
        let live = self.live.remove(component)?;
        // Its streams are broken; the relay holds its edges until it is back.
        self.handle.relay.component_gone(component);
        // The main process is gone; nothing it left behind may outlive it.
        signal_group(live.pgid, Signal::SIGKILL);
        for probe in &live.probes {
            probe.abort();
        }
        // Every line it wrote is on disk before anyone reads the verdict.
        // Output pipes still open after the group is gone mean a process
        // escaped the group (`setsid`): it carries the component's
        // variables, so it is found and ended, and the pipes close.
        let mut capture = live.capture;
        if tokio::time::timeout(ESCAPE_CHECK, &mut capture)
            .await
            .is_err()
        {
            let markers = [
                ("FLOWCTL_RUN_ID".to_string(), self.handle.id.clone()),
                ("FLOWCTL_COMPONENT_ID".to_string(), component.to_owned()),
            ];
            let _ =
                tokio::task::spawn_blocking(move || super::groups::kill_carrying(&markers)).await;
            let _ = tokio::time::timeout(DRAIN_GRACE, capture).await;
        }
        self.ready.remove(component);
        let exit = match &status {
            Ok(status) => describe_exit(*status),
            Err(err) => format!("cannot wait for it: {err}"),
        };
        let ended_by_us = self.ending.remove(component).map(|(why, _)| why);
        let by_hand = self.by_hand.remove(component);
        let ending = match (&ended_by_us, &status) {
            (Some(why), _) => Ending::Failure(format!("{why}; {exit}")),
            (None, Ok(status)) if status.success() => Ending::Success,
            (None, _) => Ending::Failure(exit.clone()),
        };
        tracing::info!(run = %self.handle.id, %component, %exit, "component exited");
        // Stopped on purpose (the run is stopping): recorded, never
        // restarted; the record is written once the whole run has stopped.
        if self.state_of(component) == ComponentState::Stopping {
            self.handle.update(component, |slot| {
                slot.state = ComponentState::Exited;
                slot.exit = exit.clone();
            });
            return None;
        }
        let decision = if by_hand {
            Decision::RestartAfter(std::time::Duration::ZERO)
        } else {
            let uptime = live.started.elapsed();
            self.backoff
                .get_mut(component)
                .map(|b| b.decide(&ending, uptime, Instant::now()))
                .unwrap_or(Decision::Finished)
        };
        let result = match decision {
            Decision::RestartAfter(delay) => {
                let reason = match &ending {
                    Ending::Success => exit.clone(),
                    Ending::Failure(why) => why.clone(),
                };
                tracing::info!(run = %self.handle.id, %component, ?delay, %reason, "restarting component");
                // With no delay, start it again at once rather than through
                // a timer (which rounds up to the next millisecond).
                if !delay.is_zero() {
                    self.pending_restart
                        .insert(component.to_owned(), Instant::now() + delay);
                }
                self.handle.update(component, |slot| {
                    slot.state = ComponentState::Restarting;
                    slot.exit = exit.clone();
                    if !by_hand {
                        slot.restarts += 1;
                    }
                    slot.last_restart_reason = reason;
                    slot.last_restart_at = Some(SystemTime::now());
                });
                if delay.is_zero()
                    && let Some(spec) = self.handle.pipeline.component(component).cloned()
                    && let Err(error) = self.spawn(&spec, None).await
                {
                    return Some(error);
                }
                None
            }
            Decision::Finished => {
                self.finished.insert(component.to_owned());
                self.ready.insert(component.to_owned());
                self.handle.update(component, |slot| {
                    slot.state = ComponentState::Exited;
                    slot.exit = exit.clone();
                });
                None
            }
            Decision::GiveUp(why) => {
                let message =
                    with_last_lines(format!("component '{component}' failed: {why}"), &live.ring);
                self.failed.insert(component.to_owned(), message.clone());
                self.handle.update(component, |slot| {
                    slot.state = ComponentState::Failed;
                    slot.exit = exit.clone();
                });
                let keep = self
                    .handle
                    .pipeline
                    .component(component)
                    .is_some_and(|c| c.on_failure == OnFailure::KeepRunning);
                if keep {
                    tracing::warn!(run = %self.handle.id, %component, "failed for good; the run keeps running (on_component_failure: keep-running)");
                    None
                } else {
                    Some(format!(
                        "{message}\n(on_component_failure: stop-run stopped the run)"
                    ))
                }
            }
        };
        self.persist();
        result
    }

    /// Records the components' instances (pid, exit...) in the run record.
    pub(super) fn persist(&self) {
        let components = self
            .handle
            .slots()
            .iter()
            .map(|slot| crate::runs::InstanceRecord {
                id: slot.id.clone(),
                kind: slot.kind.to_owned(),
                state: slot.state.into(),
                pid: slot.pid.unwrap_or(0),
                started_at: slot.started_at,
                exit: slot.exit.clone(),
                restarts: slot.restarts,
                service_id: slot.service_id.clone(),
                last_restart_reason: slot.last_restart_reason.clone(),
            })
            .collect();
        if let Err(err) = self.ctx.runs.set_components(&self.handle.id, components) {
            tracing::error!(run = %self.handle.id, %err, "cannot record components");
        }
    }
}

/// Appends a component's last log lines to an error, so the user sees why.
pub(super) fn with_last_lines(error: String, ring: &logs::RecentLines) -> String {
    let recent = ring.snapshot();
    let lines: Vec<&str> = recent[recent.len().saturating_sub(LAST_LINES)..]
        .iter()
        .map(|l| l.line.as_str())
        .collect();
    if lines.is_empty() {
        return format!("{error} (it wrote no output)");
    }
    format!("{error}; its last output:\n  {}", lines.join("\n  "))
}
