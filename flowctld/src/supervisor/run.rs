//! The state machine of one run: start in dependency order, wait for
//! readiness, record exits, stop producers before consumers.
//!
//! Events in (registrations, exits, stop requests, start deadlines), state
//! changes out (the run record, the handle's slots). One task per run owns
//! it, so there is no shared mutable state to race on.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use flowctl_proto::daemon::v1::{ComponentState, RunStatus};
use nix::sys::signal::Signal;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::RunHandle;
use super::env::{Injected, component_env, free_ports, working_dir};
use super::process::{Launch, describe_exit, signal_group, signal_of, spawn};
use crate::logs;
use crate::registry::Registry;
use crate::runs::Runs;
use crate::spec::{Component, Readiness};

/// What the run task reacts to.
#[derive(Debug)]
pub(crate) enum RunEvent {
    /// The component registered with the control plane as `service_id`.
    Registered {
        component: String,
        service_id: String,
    },
    /// The component's main process exited.
    Exited {
        component: String,
        status: std::io::Result<std::process::ExitStatus>,
    },
    /// A user (or the daemon's shutdown) asked the run to stop.
    Stop,
}

/// What a run task needs from the daemon.
pub(crate) struct Context {
    pub runs: Arc<Runs>,
    pub registry: Arc<Registry>,
    pub control_plane: String,
    pub heartbeat_interval: Duration,
    pub caller_env: BTreeMap<String, String>,
    pub working_dir: PathBuf,
    pub log_dir_mirror: Option<PathBuf>,
    pub groups: super::groups::Groups,
    /// To prune old runs once this one ends (weak: the supervisor owns us).
    pub supervisor: std::sync::Weak<super::Supervisor>,
}

/// How the running phase ended.
enum Outcome {
    Stopped,
    Completed,
    Failed(String),
}

/// A component process that is alive.
struct Live {
    pgid: u32,
    /// When it must be ready by, while it is not.
    deadline: Option<Instant>,
    capture: JoinHandle<()>,
    ring: logs::RecentLines,
}

/// Number of log lines quoted when a component fails.
const LAST_LINES: usize = 10;

/// How long a SIGKILLed group may take to be reaped before we give up
/// waiting (a process stuck in the kernel cannot be hurried).
const KILL_GRACE: Duration = Duration::from_secs(5);

struct Machine {
    handle: Arc<RunHandle>,
    ctx: Context,
    live: HashMap<String, Live>,
    /// Components whose dependents may start.
    ready: HashSet<String>,
    /// Components that ended with status 0.
    finished: HashSet<String>,
    health_ports: HashMap<String, u16>,
    announced_running: bool,
}

/// Drives one run from submission to its end.
pub(crate) async fn drive(
    handle: Arc<RunHandle>,
    ctx: Context,
    mut inbox: mpsc::UnboundedReceiver<RunEvent>,
) {
    let ids: Vec<String> = handle
        .pipeline
        .components
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let health_ports = match free_ports(ids.len()) {
        Ok(ports) => ids.into_iter().zip(ports).collect(),
        Err(err) => {
            tracing::warn!(%err, "cannot reserve health ports");
            HashMap::new()
        }
    };
    let mut machine = Machine {
        handle,
        ctx,
        live: HashMap::new(),
        ready: HashSet::new(),
        finished: HashSet::new(),
        health_ports,
        announced_running: false,
    };
    let outcome = machine.run(&mut inbox).await;
    if let Outcome::Failed(error) = &outcome {
        tracing::warn!(run = %machine.handle.id, %error, "run failed");
    }
    let id = machine.handle.id.clone();
    if !matches!(outcome, Outcome::Completed) {
        let _ = machine.ctx.runs.transition(&id, RunStatus::Stopping, None);
    }
    machine.stop_everything(&mut inbox).await;
    let (status, error) = match outcome {
        Outcome::Stopped => (RunStatus::Stopped, None),
        Outcome::Completed => (RunStatus::Completed, None),
        Outcome::Failed(error) => (RunStatus::Failed, Some(error)),
    };
    machine.ctx.registry.remove_owned_by(&id);
    if let Err(err) = machine.ctx.runs.transition(&id, status, error) {
        tracing::error!(run = %id, %err, "cannot record the end of a run");
    }
    tracing::info!(run = %id, status = ?status, "run ended");
    machine.persist();
    machine.handle.done.send_replace(true);
    if let Some(supervisor) = machine.ctx.supervisor.upgrade() {
        supervisor.prune();
    }
}

impl Machine {
    async fn run(&mut self, inbox: &mut mpsc::UnboundedReceiver<RunEvent>) -> Outcome {
        loop {
            if let Err(error) = self.start_what_can_start().await {
                return Outcome::Failed(error);
            }
            let total = self.handle.pipeline.components.len();
            if self.ready.len() == total && !self.announced_running {
                self.announced_running = true;
                let _ = self
                    .ctx
                    .runs
                    .transition(&self.handle.id, RunStatus::Running, None);
            }
            if self.finished.len() == total {
                return Outcome::Completed;
            }
            let deadline = self.live.values().filter_map(|l| l.deadline).min();
            let event = tokio::select! {
                event = inbox.recv() => event,
                _ = sleep_until(deadline) => {
                    return Outcome::Failed(self.start_timeout_error());
                }
            };
            match event {
                None | Some(RunEvent::Stop) => return Outcome::Stopped,
                Some(RunEvent::Registered {
                    component,
                    service_id,
                }) => self.mark_ready(&component, &service_id),
                Some(RunEvent::Exited { component, status }) => {
                    if let Some(error) = self.on_exit(&component, status).await {
                        return Outcome::Failed(error);
                    }
                }
            }
        }
    }

    /// Spawns every pending component whose dependencies are all ready,
    /// again and again while starting one readies another (`readiness:
    /// started` components are ready as soon as they are spawned).
    async fn start_what_can_start(&mut self) -> Result<(), String> {
        loop {
            let startable: Vec<Component> = self
                .handle
                .start_order
                .iter()
                .filter_map(|id| self.handle.pipeline.component(id))
                .filter(|c| self.state_of(&c.id) == ComponentState::Pending)
                .filter(|c| c.upstream().all(|up| self.ready.contains(up)))
                .cloned()
                .collect();
            if startable.is_empty() {
                return Ok(());
            }
            // One commit per wave of starts, not one per component.
            let mut started = Ok(());
            for component in startable {
                started = self.spawn(&component).await;
                if started.is_err() {
                    break;
                }
            }
            self.persist();
            started?;
        }
    }

    async fn spawn(&mut self, component: &Component) -> Result<(), String> {
        let injected = Injected {
            run_id: &self.handle.id,
            control_plane: &self.ctx.control_plane,
            heartbeat_interval: self.ctx.heartbeat_interval,
            health_port: self.health_ports.get(&component.id).copied().unwrap_or(0),
        };
        let launch = Launch {
            argv: component.command.clone(),
            env: component_env(
                &self.ctx.caller_env,
                &self.handle.pipeline,
                component,
                &injected,
            ),
            working_dir: working_dir(&self.ctx.working_dir, component),
        };
        let fail = |message: String| format!("component '{}': {message}", component.id);
        let mut log_config = logs::LogConfig::new(&self.handle.log_dir);
        if let Some(mirror) = &self.ctx.log_dir_mirror {
            log_config = log_config.with_mirror(mirror);
        }
        let sink = logs::LogSink::open(&log_config, &component.id)
            .await
            .map_err(|err| fail(format!("cannot open its log file: {err}")))?;
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
        let deadline = match component.readiness {
            Readiness::Started => None,
            Readiness::Registered => Some(Instant::now() + component.start_timeout),
        };
        self.live.insert(
            component.id.clone(),
            Live {
                pgid: pid,
                deadline,
                capture,
                ring,
            },
        );
        tracing::info!(run = %self.handle.id, component = %component.id, pid, "component started");
        self.handle.update(&component.id, |slot| {
            slot.state = ComponentState::Starting;
            slot.pid = Some(pid);
            slot.started_at = Some(SystemTime::now());
            slot.exit.clear();
        });
        if component.readiness == Readiness::Started {
            self.mark_ready(&component.id, "");
        }
        Ok(())
    }

    fn mark_ready(&mut self, component: &str, service_id: &str) {
        let Some(live) = self.live.get_mut(component) else {
            return;
        };
        live.deadline = None;
        self.ready.insert(component.to_owned());
        self.handle.update(component, |slot| {
            slot.state = ComponentState::Running;
            slot.service_id = service_id.to_owned();
        });
    }

    /// Records an exit; returns the run's failure if it fails the run.
    async fn on_exit(
        &mut self,
        component: &str,
        status: std::io::Result<std::process::ExitStatus>,
    ) -> Option<String> {
        let live = self.live.remove(component)?;
        // The main process is gone; nothing it left behind may outlive it.
        signal_group(live.pgid, Signal::SIGKILL);
        self.ctx.groups.forget(live.pgid);
        // Every line it wrote is on disk before anyone reads the verdict.
        let _ = tokio::time::timeout(KILL_GRACE, live.capture).await;
        let (success, exit) = match &status {
            Ok(status) => (status.success(), describe_exit(*status)),
            Err(err) => (false, format!("cannot wait for it: {err}")),
        };
        let stopping = self.state_of(component) == ComponentState::Stopping;
        self.handle.update(component, |slot| {
            slot.state = if success || stopping {
                ComponentState::Exited
            } else {
                ComponentState::Failed
            };
            slot.exit = exit.clone();
        });
        tracing::info!(run = %self.handle.id, %component, %exit, "component exited");
        self.persist();
        if success {
            self.finished.insert(component.to_owned());
            self.ready.insert(component.to_owned());
            return None;
        }
        if stopping {
            return None;
        }
        Some(with_last_lines(
            format!("component '{component}' failed: {exit}"),
            &live.ring,
        ))
    }

    fn start_timeout_error(&self) -> String {
        let now = Instant::now();
        let (id, live) = self
            .live
            .iter()
            .find(|(_, l)| l.deadline.is_some_and(|d| d <= now))
            .or_else(|| self.live.iter().find(|(_, l)| l.deadline.is_some()))
            .expect("a deadline passed, so a component has one");
        let timeout = self
            .handle
            .pipeline
            .component(id)
            .map(|c| c.start_timeout)
            .unwrap_or_default();
        with_last_lines(
            format!(
                "component '{id}' did not register with the control plane within {}s \
                 (start_timeout); if it never talks to the control plane, set \
                 `readiness: started`",
                timeout.as_secs_f64()
            ),
            &live.ring,
        )
    }

    /// Stops every live component, layer by layer: sources first, then what
    /// reads from them, so events in flight can drain downstream.
    async fn stop_everything(&mut self, inbox: &mut mpsc::UnboundedReceiver<RunEvent>) {
        // Nothing that has not started yet will start now.
        for slot in self.handle.slots().iter_mut() {
            if slot.state == ComponentState::Pending {
                slot.state = ComponentState::Exited;
                slot.exit = "not started".into();
            }
        }
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
                let next = waiting
                    .iter()
                    .filter(|(id, _)| self.live.contains_key(*id))
                    .map(|(_, at)| *at)
                    .min();
                if killed_at.is_some_and(|at| at.elapsed() > KILL_GRACE) {
                    tracing::error!(run = %self.handle.id, "components survive SIGKILL; giving up on them");
                    break;
                }
                tokio::select! {
                    event = inbox.recv() => match event {
                        Some(RunEvent::Exited { component, status }) => {
                            self.on_exit(&component, status).await;
                        }
                        Some(_) => {}
                        None => break,
                    },
                    _ = sleep_until(next.filter(|_| killed_at.is_none())) => {
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

    /// Records the components' instances (pid, exit...) in the run record.
    fn persist(&self) {
        let components = self
            .handle
            .slots()
            .iter()
            .map(|slot| crate::runs::ComponentRecord {
                id: slot.id.clone(),
                kind: slot.kind.to_owned(),
                state: slot.state as i32,
                pid: slot.pid.unwrap_or(0),
                started_at_ms: slot
                    .started_at
                    .map(crate::api::convert::unix_ms)
                    .unwrap_or(0),
                exit: slot.exit.clone(),
                restarts: slot.restarts,
                service_id: slot.service_id.clone(),
            })
            .collect();
        if let Err(err) = self.ctx.runs.set_components(&self.handle.id, components) {
            tracing::error!(run = %self.handle.id, %err, "cannot record components");
        }
    }

    fn state_of(&self, component: &str) -> ComponentState {
        self.handle
            .slots()
            .iter()
            .find(|s| s.id == component)
            .map(|s| s.state)
            .unwrap_or_default()
    }
}

/// Appends a component's last log lines to an error, so the user sees why.
fn with_last_lines(error: String, ring: &logs::RecentLines) -> String {
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

/// Sleeps until `deadline`, or forever without one.
async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}
