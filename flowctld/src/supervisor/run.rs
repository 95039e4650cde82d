//! The state machine of one run: start in dependency order, wait for
//! readiness, restart what its policy says, stop producers before consumers.
//!
//! Events in (registrations, exits, probe results, heartbeat expiry, stop and
//! restart requests, timers), state changes out (the run record, the
//! handle's slots). One task per run owns it, so nothing races on its state.
//! [`super::instance`] starts and ends instances; [`super::stop`] stops them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use flowctl_proto::daemon::v1::{ComponentState, RunStatus};
use tokio::sync::{broadcast, mpsc};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::RunHandle;
use super::env::free_ports;
use super::restart::Backoff;
use crate::logs;
use crate::registry::{Change, Registry};
use crate::runs::Runs;
use flowctl_core::spec::Condition;

/// What the run task reacts to.
#[derive(Debug)]
pub(crate) enum RunEvent {
    /// The component registered with the control plane as `service_id`,
    /// serving its data plane at `endpoint` (empty if it gave none).
    Registered {
        component: String,
        service_id: String,
        endpoint: String,
    },
    /// The component's main process exited.
    Exited {
        component: String,
        status: std::io::Result<std::process::ExitStatus>,
    },
    /// Its readiness probe passed.
    ProbePassed { component: String },
    /// Its liveness probe failed too often: it is restarted as unhealthy.
    LivenessFailed { component: String, reason: String },
    /// A user asked to restart one component, or all (`None`).
    RestartByHand { component: Option<String> },
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
pub(super) enum Outcome {
    Stopped,
    Completed,
    Failed(String),
}

/// A component instance that is alive.
pub(super) struct Live {
    pub pgid: u32,
    pub started: Instant,
    /// When it must be ready by, while it is not.
    pub deadline: Option<Instant>,
    pub capture: JoinHandle<()>,
    pub ring: logs::RecentLines,
    pub probes: Vec<JoinHandle<()>>,
}

/// The run task's state.
pub(super) struct Machine {
    pub handle: Arc<RunHandle>,
    pub ctx: Context,
    pub live: HashMap<String, Live>,
    /// Components whose `healthy` dependents may start.
    pub ready: HashSet<String>,
    /// Components spawned at least once (`started` condition).
    pub started_once: HashSet<String>,
    /// Components that ended with status 0 for good.
    pub finished: HashSet<String>,
    /// Components that failed for good, with why.
    pub failed: HashMap<String, String>,
    pub backoff: HashMap<String, Backoff>,
    /// Instances to start again, and when.
    pub pending_restart: HashMap<String, Instant>,
    /// Instances we are ending ourselves: why, and when to SIGKILL them.
    pub ending: HashMap<String, (String, Instant)>,
    /// Instances ended by hand, to start again at once and uncounted.
    pub by_hand: HashSet<String>,
    pub health_ports: HashMap<String, u16>,
    pub announced_running: bool,
    /// The last output lines of each component's latest instance.
    pub rings: HashMap<String, logs::RecentLines>,
}

/// Drives one run from submission to its end.
pub(crate) async fn drive(
    handle: Arc<RunHandle>,
    ctx: Context,
    mut inbox: mpsc::UnboundedReceiver<RunEvent>,
) {
    let components = &handle.pipeline.components;
    let health_ports = match free_ports(components.len()) {
        Ok(ports) => components.iter().map(|c| c.id.clone()).zip(ports).collect(),
        Err(err) => {
            tracing::warn!(%err, "cannot reserve health ports");
            HashMap::new()
        }
    };
    let backoff = components
        .iter()
        .map(|c| (c.id.clone(), Backoff::new(c.restart.clone())))
        .collect();
    let mut registry = ctx.registry.subscribe();
    let mut machine = Machine {
        handle,
        ctx,
        live: HashMap::new(),
        ready: HashSet::new(),
        started_once: HashSet::new(),
        finished: HashSet::new(),
        failed: HashMap::new(),
        backoff,
        pending_restart: HashMap::new(),
        ending: HashMap::new(),
        by_hand: HashSet::new(),
        health_ports,
        announced_running: false,
        rings: HashMap::new(),
    };
    let outcome = machine.run(&mut inbox, &mut registry).await;
    if let Outcome::Failed(error) = &outcome {
        tracing::warn!(run = %machine.handle.id, %error, "run failed");
    }
    let id = machine.handle.id.clone();
    // Stop moving data before stopping the processes that serve it; keep
    // what was counted in the run's record.
    machine.handle.relay.shutdown().await;
    let _ = machine
        .ctx
        .runs
        .set_metrics(&id, super::run_metrics(&machine.handle));
    if !matches!(outcome, Outcome::Completed) {
        let _ = machine.ctx.runs.transition(&id, RunStatus::Stopping, None);
    }
    machine.stop_everything(&mut inbox).await;
    // Whatever a component started and detached from its group still
    // carries the run's id in its environment: nothing outlives the run.
    let markers = [("FLOWCTL_RUN_ID".to_string(), id.clone())];
    let _ = tokio::task::spawn_blocking(move || super::groups::kill_carrying(&markers)).await;
    let (status, error) = match outcome {
        Outcome::Stopped => (RunStatus::Stopped, None),
        Outcome::Completed => (RunStatus::Completed, None),
        Outcome::Failed(error) => (RunStatus::Failed, Some(error)),
    };
    machine.ctx.registry.remove_owned_by(&id);
    machine.persist();
    if let Err(err) = machine.ctx.runs.transition(&id, status, error) {
        tracing::error!(run = %id, %err, "cannot record the end of a run");
    }
    tracing::info!(run = %id, status = ?status, "run ended");
    machine.handle.done.send_replace(true);
    if let Some(supervisor) = machine.ctx.supervisor.upgrade() {
        supervisor.prune();
    }
    drop(machine);
    release_memory();
}

/// Hands memory freed by an ended run back to the system: glibc keeps freed
/// heap in its arenas otherwise, and a long-lived daemon would keep the
/// peak of every run it ever ran.
fn release_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks and trims the allocator's own free lists.
    unsafe {
        nix::libc::malloc_trim(0);
    }
}

impl Machine {
    async fn run(
        &mut self,
        inbox: &mut mpsc::UnboundedReceiver<RunEvent>,
        registry: &mut broadcast::Receiver<Change>,
    ) -> Outcome {
        loop {
            if let Err(error) = self.start_what_can_start().await {
                return Outcome::Failed(error);
            }
            if let Some(outcome) = self.settled() {
                return outcome;
            }
            let deadline = self
                .live
                .values()
                .filter_map(|l| l.deadline)
                .chain(self.pending_restart.values().copied())
                .chain(self.ending.values().map(|(_, at)| *at))
                .min();
            let failure = tokio::select! {
                event = inbox.recv() => match event {
                    None | Some(RunEvent::Stop) => return Outcome::Stopped,
                    Some(event) => self.on_event(event).await,
                },
                change = registry.recv() => {
                    if let Ok(Change::Expired(service_id)) = change {
                        self.on_expired(&service_id);
                    }
                    None
                }
                _ = sleep_until(deadline) => self.on_timers().await,
                // Every source ended and everything downstream drained.
                flowed = self.handle.relay.finished() => match flowed {
                    Ok(()) => return Outcome::Completed,
                    Err(error) => Some(format!("data relay: {error}")),
                },
            };
            if let Some(error) = failure {
                return Outcome::Failed(error);
            }
        }
    }

    /// Whether the run has come to an end by itself, and how.
    fn settled(&mut self) -> Option<Outcome> {
        let total = self.handle.pipeline.components.len();
        let up = self.ready.len() + self.failed.len();
        if !self.announced_running && self.ready.len() == total {
            self.announced_running = true;
            let _ = self
                .ctx
                .runs
                .transition(&self.handle.id, RunStatus::Running, None);
        } else if !self.announced_running && up == total && !self.failed.is_empty() {
            // keep-running: what could start is up; the rest failed.
            self.announced_running = true;
            let _ = self
                .ctx
                .runs
                .transition(&self.handle.id, RunStatus::Running, None);
        }
        if !self.live.is_empty() || !self.pending_restart.is_empty() {
            return None;
        }
        if self.finished.len() == total {
            return Some(Outcome::Completed);
        }
        // Nothing runs and nothing will: what failed is the reason.
        let mut failures: Vec<&String> = self.failed.values().collect();
        failures.sort();
        let reason = match failures.first() {
            Some(first) => (*first).clone(),
            None => "no component is running and none can start".to_string(),
        };
        Some(Outcome::Failed(reason))
    }

    async fn on_event(&mut self, event: RunEvent) -> Option<String> {
        match event {
            RunEvent::Registered {
                component,
                service_id,
                endpoint,
            } => {
                self.handle.relay.component_ready(&component, &endpoint);
                let probed = self
                    .handle
                    .pipeline
                    .component(&component)
                    .is_some_and(|c| c.readiness_probe.is_some());
                // With a readiness probe, the probe decides.
                if !probed {
                    self.mark_ready(&component);
                }
                self.handle
                    .update(&component, |slot| slot.service_id = service_id);
                None
            }
            RunEvent::ProbePassed { component } => {
                self.mark_ready(&component);
                None
            }
            RunEvent::LivenessFailed { component, reason } => {
                self.end_instance(&component, reason);
                None
            }
            RunEvent::Exited { component, status } => self.on_exit(&component, status).await,
            RunEvent::RestartByHand { component } => self.restart_by_hand(component).await,
            RunEvent::Stop => None,
        }
    }

    /// A registered component's heartbeats stopped: it is hung, not dead.
    fn on_expired(&mut self, service_id: &str) {
        let component = self
            .handle
            .slots()
            .iter()
            .find(|s| s.service_id == service_id && self.live.contains_key(&s.id))
            .map(|s| s.id.clone());
        if let Some(component) = component {
            let ttl = self.ctx.registry.ttl().as_secs_f64();
            self.end_instance(&component, format!("no heartbeat for {ttl}s (hung)"));
        }
    }

    /// Start deadlines, restart delays and kill deadlines that came due.
    async fn on_timers(&mut self) -> Option<String> {
        let now = Instant::now();
        let late: Vec<String> = self
            .live
            .iter()
            .filter(|(_, l)| l.deadline.is_some_and(|d| d <= now))
            .map(|(id, _)| id.clone())
            .collect();
        for id in late {
            if let Some(live) = self.live.get_mut(&id) {
                live.deadline = None;
            }
            let timeout = self
                .handle
                .pipeline
                .component(&id)
                .map(|c| c.start_timeout.as_secs_f64())
                .unwrap_or_default();
            self.end_instance(
                &id,
                format!(
                    "did not become ready within {timeout}s (start_timeout); if it never \
                     talks to the control plane, set `readiness: started`"
                ),
            );
        }
        let overdue: Vec<String> = self
            .ending
            .iter()
            .filter(|(_, (_, at))| *at <= now)
            .map(|(id, _)| id.clone())
            .collect();
        for id in overdue {
            if let Some(live) = self.live.get(&id) {
                tracing::warn!(run = %self.handle.id, component = %id, "stop_timeout passed: killing");
                super::process::signal_group(live.pgid, nix::sys::signal::Signal::SIGKILL);
            }
            if let Some((_, at)) = self.ending.get_mut(&id) {
                *at = now + Duration::from_secs(3600);
            }
        }
        let due: Vec<String> = self
            .pending_restart
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(id, _)| id.clone())
            .collect();
        for id in due {
            self.pending_restart.remove(&id);
            if let Some(component) = self.handle.pipeline.component(&id).cloned()
                && let Err(error) = self.spawn(&component, None).await
            {
                return Some(error);
            }
            self.persist();
        }
        None
    }

    /// Spawns every pending component whose dependencies are met, again and
    /// again while starting one readies another (`readiness: started`).
    async fn start_what_can_start(&mut self) -> Result<(), String> {
        loop {
            let mut startable = Vec::new();
            for id in &self.handle.start_order {
                let Some(component) = self.handle.pipeline.component(id) else {
                    continue;
                };
                if self.state_of(id) != ComponentState::Pending {
                    continue;
                }
                let mut met = true;
                for input in &component.inputs {
                    met &= self.ready.contains(input);
                }
                for dependency in &component.dependencies {
                    let id = &dependency.id;
                    met &= match dependency.condition {
                        Condition::Started => self.started_once.contains(id),
                        Condition::Healthy => self.ready.contains(id),
                        Condition::Completed => {
                            if let Some(why) = self.failed.get(id) {
                                return Err(format!(
                                    "component '{}' needs '{id}' to complete, but it failed: {why}",
                                    component.id
                                ));
                            }
                            self.finished.contains(id)
                        }
                    };
                }
                if met {
                    startable.push(component.clone());
                }
            }
            if startable.is_empty() {
                return Ok(());
            }
            // Creating log files is the slow part of a start: a wave opens
            // all of its sinks at once, then spawns one after another.
            let config = self.log_config();
            let mut opening = tokio::task::JoinSet::new();
            for (n, component) in startable.iter().enumerate() {
                let config = config.clone();
                let id = component.id.clone();
                opening.spawn(async move { (n, logs::LogSink::open(&config, &id).await) });
            }
            let mut sinks: Vec<Option<logs::LogSink>> =
                (0..startable.len()).map(|_| None).collect();
            while let Some(opened) = opening.join_next().await {
                if let Ok((n, Ok(sink))) = opened {
                    sinks[n] = Some(sink);
                }
            }
            // One commit per wave of starts, not one per component.
            let mut started = Ok(());
            for (component, sink) in startable.iter().zip(sinks) {
                // A sink that failed to open is opened again, to report why.
                started = self.spawn(component, sink).await;
                if started.is_err() {
                    break;
                }
            }
            self.persist();
            started?;
        }
    }

    pub(super) fn state_of(&self, component: &str) -> ComponentState {
        self.handle
            .slots()
            .iter()
            .find(|s| s.id == component)
            .map(|s| s.state)
            .unwrap_or_default()
    }
}

/// Sleeps until `deadline`, or forever without one.
pub(super) async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}
