//! The run task: the executor of one run's [`Machine`].
//!
//! It receives events (from its inbox, the registry, the relay and its
//! timer), hands each to [`Machine::step`] with the time, and performs the
//! actions that come out. Slow work (draining an exited instance's output,
//! sweeping escaped processes) runs in spawned tasks that report back
//! through the inbox, so the loop never waits on it. [`super::instance`]
//! holds the process side of an instance (spawn, probes, drain, record).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use nix::sys::signal::Signal;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::RunHandle;
use super::env::free_ports;
use super::instance::InstanceIo;
use super::machine::{Action, Event, Machine};
use super::process::{describe_exit, signal_group};
use crate::registry::{Change, Registry};
use crate::runs::Runs;

/// What the run task's inbox carries.
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
    /// An exited instance's output is drained; its last lines.
    Drained {
        component: String,
        last_lines: Vec<String>,
    },
    /// The readiness probe of its instance `pgid` passed.
    ProbePassed { component: String, pgid: u32 },
    /// The liveness probe of its instance `pgid` failed too often: it is
    /// restarted as unhealthy.
    LivenessFailed {
        component: String,
        pgid: u32,
        reason: String,
    },
    /// A user asked to restart one component, or all (`None`).
    RestartByHand { component: Option<String> },
    /// A user (or the daemon's shutdown) asked the run to stop.
    Stop,
    /// No process carrying the run's id is left.
    Swept,
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
    /// This daemon's cgroup subtree, when components are contained by cgroups.
    pub cgroups: Option<super::cgroup::Cgroups>,
    /// To prune old runs once this one ends (weak: the supervisor owns us).
    pub supervisor: std::sync::Weak<super::Supervisor>,
    /// Restarts by reason and times to ready, for `/metrics`.
    pub counters: Arc<crate::metrics::Counters>,
}

/// The run task's own state: what performing actions needs.
pub(super) struct Executor {
    pub handle: Arc<RunHandle>,
    pub ctx: Context,
    /// A free port reserved for each component's health endpoint.
    pub health_ports: HashMap<String, u16>,
    /// The process side of each component's latest instance.
    pub instances: HashMap<String, InstanceIo>,
    /// Instances spawned so far, numbering their cgroups.
    pub spawned: u32,
}

/// What the run task waits for next.
enum Next {
    Event(Event),
    /// Time to sample the memory of instances with a memory limit.
    Sample,
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
    let mut machine = Machine::new(&handle.id, &handle.pipeline, ctx.registry.ttl());
    if handle.no_spawn {
        machine = machine.without_spawning();
    }
    let mut registry = Some(ctx.registry.subscribe());
    let mut sampler = components
        .iter()
        .any(|c| c.limits.memory_bytes.is_some())
        .then(|| {
            let mut interval = tokio::time::interval(super::memory::SAMPLE_INTERVAL);
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            interval
        });
    let mut executor = Executor {
        handle,
        ctx,
        health_ports,
        instances: HashMap::new(),
        spawned: 0,
    };
    executor.apply(&mut machine, Event::Begin).await;
    while !machine.is_done() {
        let active = machine.is_active();
        let relay = executor.handle.relay.clone();
        let next = tokio::select! {
            event = inbox.recv() => Next::Event(match event {
                Some(event) => translate(event),
                None => Event::StopRequested,
            }),
            change = next_change(&mut registry), if active && registry.is_some() => match change {
                Some(event) => Next::Event(event),
                None => continue,
            },
            _ = sleep_until(machine.next_deadline()) => Next::Event(Event::Timer),
            // Every source ended and everything downstream drained.
            flowed = relay.finished(), if active => Next::Event(Event::RelayFinished(flowed)),
            _ = tick(&mut sampler), if active => Next::Sample,
        };
        match next {
            Next::Event(event) => executor.apply(&mut machine, event).await,
            Next::Sample => {
                for sample in executor.sample_memory().await {
                    executor.apply(&mut machine, sample).await;
                }
            }
        }
    }
    drop(executor);
    drop(machine);
    // What the run allocated is freed: give it back, or a long-lived
    // daemon keeps the peak of every run it ran.
    crate::heap::release_now();
}

/// The next expired or removed registration; `None` for other changes
/// (and for good once the registry is gone).
async fn next_change(
    registry: &mut Option<tokio::sync::broadcast::Receiver<Change>>,
) -> Option<Event> {
    let receiver = registry.as_mut()?;
    match receiver.recv().await {
        Ok(Change::Expired(service_id)) => Some(Event::HeartbeatExpired { service_id }),
        Ok(Change::Unregistered(service_id)) => Some(Event::Unregistered { service_id }),
        Ok(_) | Err(RecvError::Lagged(_)) => None,
        Err(RecvError::Closed) => {
            *registry = None;
            None
        }
    }
}

/// An inbox message as the machine sees it.
fn translate(event: RunEvent) -> Event {
    match event {
        RunEvent::Registered {
            component,
            service_id,
            endpoint,
        } => Event::Registered {
            component,
            service_id,
            endpoint,
        },
        RunEvent::Exited { component, status } => {
            let (exit, success) = match &status {
                Ok(status) => (describe_exit(*status), status.success()),
                Err(err) => (format!("cannot wait for it: {err}"), false),
            };
            Event::Exited {
                component,
                exit,
                success,
            }
        }
        RunEvent::Drained {
            component,
            last_lines,
        } => Event::Drained {
            component,
            last_lines,
        },
        RunEvent::ProbePassed { component, pgid } => Event::ProbePassed { component, pgid },
        RunEvent::LivenessFailed {
            component,
            pgid,
            reason,
        } => Event::LivenessFailed {
            component,
            pgid,
            reason,
        },
        RunEvent::RestartByHand { component } => Event::RestartRequested { component },
        RunEvent::Stop => Event::StopRequested,
        RunEvent::Swept => Event::Swept,
    }
}

impl Executor {
    /// Steps the machine with `event`, performs its actions, and steps it
    /// again with what performing them reported (spawn results).
    async fn apply(&mut self, machine: &mut Machine, event: Event) {
        let mut queue = VecDeque::from([event]);
        while let Some(event) = queue.pop_front() {
            for action in machine.step(event, Instant::now()) {
                if let Some(follow) = self.perform(action).await {
                    queue.push_back(follow);
                }
            }
        }
    }

    /// Performs one action; returns the event it reports at once, if any.
    async fn perform(&mut self, action: Action) -> Option<Event> {
        match action {
            Action::Spawn(wave) => return Some(Event::Spawned(self.spawn_wave(&wave).await)),
            Action::Signal {
                component,
                pgid,
                signal,
            } => self.signal(&component, pgid, signal),
            Action::RelayReady {
                component,
                endpoint,
            } => self.handle.relay.component_ready(&component, &endpoint),
            Action::RelayGone { component } => self.handle.relay.component_gone(&component),
            Action::Drain { component } => self.drain(&component),
            Action::Show {
                component,
                shown,
                stamp,
            } => self.show(&component, shown, stamp),
            Action::Persist => self.persist(),
            Action::SetRunStatus { status, error } => {
                let id = &self.handle.id;
                let result = self.ctx.runs.transition(id, status, error.clone());
                if let Err(err) = &result {
                    tracing::error!(run = %id, %err, %status, "cannot record the run's status");
                }
                // A status the store refused waits to be written (see
                // `unrecorded`); one written replaces any that waited.
                if let Some(supervisor) = self.ctx.supervisor.upgrade() {
                    supervisor.settle_status(id, status, error, result.err().as_ref());
                }
            }
            Action::CloseRelay => {
                self.handle.relay.shutdown().await;
                let metrics = super::run_metrics(&self.handle);
                let _ = self.ctx.runs.set_metrics(&self.handle.id, metrics);
            }
            Action::SweepRun => self.sweep_run(),
            Action::Finish => self.finish(),
        }
        None
    }

    /// Sends `signal` to an instance's process group; SIGKILL also kills
    /// its cgroup, so that nothing it started survives, escaped or not.
    fn signal(&self, component: &str, pgid: u32, signal: Signal) {
        signal_group(pgid, signal);
        if signal == Signal::SIGKILL
            && let Some(cgroup) = self
                .instances
                .get(component)
                .filter(|io| io.pgid == pgid)
                .and_then(|io| io.cgroup.as_ref())
        {
            cgroup.kill();
        }
    }

    /// Ends, in a task, whatever is left of the run: its cgroups, or every
    /// process carrying the run's id without them.
    fn sweep_run(&self) {
        let id = self.handle.id.clone();
        let events = self.handle.events.clone();
        let cgroups = self.ctx.cgroups.clone();
        tokio::spawn(async move {
            match cgroups {
                Some(cgroups) => cgroups.end_run(&id).await,
                None => {
                    let markers = [("FLOWCTL_RUN_ID".to_string(), id)];
                    let sweep = move || super::groups::kill_carrying(&markers);
                    let _ = tokio::task::spawn_blocking(sweep).await;
                }
            }
            let _ = events.send(RunEvent::Swept);
        });
    }

    /// The memory each live instance with a memory limit holds now.
    async fn sample_memory(&self) -> Vec<Event> {
        let targets: Vec<(String, u32, Option<super::cgroup::Cgroup>)> = self
            .instances
            .iter()
            .filter(|(id, _)| {
                let limits = self.handle.pipeline.component(id).map(|c| c.limits);
                limits.is_some_and(|l| l.memory_bytes.is_some())
            })
            .map(|(id, io)| (id.clone(), io.pgid, io.cgroup.clone()))
            .collect();
        if targets.is_empty() {
            return Vec::new();
        }
        let sample = move || {
            targets
                .into_iter()
                .map(|(component, pgid, cgroup)| Event::MemorySampled {
                    bytes: super::memory::resident_bytes(pgid, cgroup.as_ref()),
                    component,
                    pgid,
                })
                .collect()
        };
        tokio::task::spawn_blocking(sample)
            .await
            .unwrap_or_default()
    }

    /// The run is over: its registrations go, waiters are told, old runs
    /// are pruned.
    fn finish(&mut self) {
        let id = &self.handle.id;
        self.ctx.registry.remove_owned_by(id);
        let status = self.ctx.runs.get(id).map(|r| r.status).unwrap_or_default();
        tracing::info!(run = %id, status = ?status, "run ended");
        self.instances.clear();
        self.handle.done.send_replace(true);
        if let Some(supervisor) = self.ctx.supervisor.upgrade() {
            supervisor.prune();
        }
    }
}

/// The next tick of the memory sampler, or never without one.
async fn tick(sampler: &mut Option<tokio::time::Interval>) {
    match sampler {
        Some(interval) => {
            interval.tick().await;
        }
        None => std::future::pending().await,
    }
}

/// Sleeps until `deadline`, or forever without one.
async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}
