//! The process side of a component's instance, for the run task: spawn it
//! with its log capture and probes, drain its output once it exited, and
//! record instances in the run record and the handle watchers read.

use std::time::{Duration, SystemTime};

use tokio::task::JoinHandle;

use super::RunEvent;
use super::cgroup::Cgroup;
use super::env::{Injected, component_env, working_dir};
use super::machine::{LAST_LINES, Shown, Spawned, Stamp};
use super::probe::{self, ProbeKind, ProbeTarget};
use super::process::{Launch, spawn};
use super::run::Executor;
use crate::logs;
use crate::metrics::RestartReason;
use flowctl_core::ComponentState;
use flowctl_core::spec::Component;

/// How long the output of an exited instance may take to drain once every
/// process holding its pipes is gone.
const DRAIN_GRACE: Duration = Duration::from_secs(5);

/// How long output may keep flowing after the group was killed before the
/// escaped processes holding the pipes are looked for.
const ESCAPE_CHECK: Duration = Duration::from_millis(200);

/// What the run task holds of a live instance.
pub(super) struct InstanceIo {
    /// Its process group (the pid of its main process).
    pub pgid: u32,
    /// Its cgroup, when components are contained by cgroups.
    pub cgroup: Option<Cgroup>,
    /// Copies its output into its log files; ends when its pipes close.
    capture: JoinHandle<()>,
    /// Its last output lines, quoted when it fails.
    ring: logs::RecentLines,
    probes: Vec<JoinHandle<()>>,
}

impl Executor {
    /// Opens a component's log sink (its files under the run's log dir,
    /// and the `--log-dir` mirror).
    fn log_config(&self) -> logs::LogConfig {
        let mut config = logs::LogConfig::new(&self.handle.log_dir);
        if let Some(mirror) = &self.ctx.log_dir_mirror {
            config = config.with_mirror(mirror);
        }
        config
    }

    /// Spawns a wave of components. Creating log files is the slow part of
    /// a start: the wave opens all of its sinks at once, then spawns one
    /// after another; after a failure the rest is skipped.
    pub(super) async fn spawn_wave(&mut self, wave: &[String]) -> Vec<(String, Spawned)> {
        let config = self.log_config();
        let mut opening = tokio::task::JoinSet::new();
        for (n, id) in wave.iter().enumerate() {
            let (config, id) = (config.clone(), id.clone());
            opening.spawn(async move { (n, logs::LogSink::open(&config, &id).await) });
        }
        let mut sinks: Vec<Option<logs::LogSink>> = wave.iter().map(|_| None).collect();
        while let Some(opened) = opening.join_next().await {
            if let Ok((n, Ok(sink))) = opened {
                sinks[n] = Some(sink);
            }
        }
        let mut results = Vec::new();
        let mut failed = false;
        for (id, sink) in wave.iter().zip(sinks) {
            let result = match self.handle.pipeline.component(id).cloned() {
                _ if failed => Spawned::Skipped,
                Some(component) => match self.spawn_one(&component, sink).await {
                    Ok(pid) => Spawned::Started(pid),
                    Err(error) => Spawned::Failed(error),
                },
                None => Spawned::Skipped,
            };
            failed |= matches!(result, Spawned::Failed(_));
            results.push((id.clone(), result));
        }
        results
    }

    /// Starts an instance of `component`; `sink` is its log sink when the
    /// wave opened it (one that failed to open is opened again, to report
    /// why). Returns its process group.
    async fn spawn_one(
        &mut self,
        component: &Component,
        sink: Option<logs::LogSink>,
    ) -> Result<u32, String> {
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
        let cgroup = self.new_cgroup(component);
        let launch = Launch {
            argv: component.command.clone(),
            working_dir: working_dir(&self.ctx.working_dir, component),
            env,
            cgroup: cgroup.as_ref().map(|c| c.dir().to_path_buf()),
        };
        let fail = |message: String| format!("component '{}': {message}", component.id);
        let sink = match sink {
            Some(sink) => sink,
            None => logs::LogSink::open(&self.log_config(), &component.id)
                .await
                .map_err(|err| fail(format!("cannot open its log file: {err}")))?,
        };
        // Seen as starting before it runs, and with its pid at once: it may
        // register before the rest of its wave is spawned and the machine
        // hears of it, and a registration is tied to its component by its
        // id, or by this pid for one under a generated id.
        self.handle
            .update(&component.id, |slot| slot.state = ComponentState::Starting);
        let child = spawn(&launch).map_err(fail)?;
        let pid = child.pid;
        self.handle
            .update(&component.id, |slot| slot.pid = Some(pid));
        self.ctx.groups.record(pid);
        let ring = logs::RecentLines::default();
        let capture = {
            let (lines, ring) = (self.handle.lines.clone(), ring.clone());
            let (stdout, stderr) = (child.stdout, child.stderr);
            tokio::spawn(async move {
                let report = logs::capture(stdout, stderr, sink, lines, ring).await;
                for err in report.errors {
                    tracing::warn!(%err, "component log");
                }
            })
        };
        let (events, id) = (self.handle.events.clone(), component.id.clone());
        let exit = child.exit;
        tokio::spawn(async move {
            let status = exit.wait().await;
            let _ = events.send(RunEvent::Exited {
                component: id,
                status,
            });
        });
        let probes = self.start_probes(component, &launch, pid);
        if let Some(cgroup) = &cgroup {
            self.handle.update(&component.id, |slot| {
                if let Some(cpu) = &mut slot.cpu {
                    cpu.live = Some(cgroup.clone());
                }
            });
        }
        let io = InstanceIo {
            pgid: pid,
            cgroup,
            capture,
            ring,
            probes,
        };
        self.instances.insert(component.id.clone(), io);
        Ok(pid)
    }

    /// A fresh cgroup for the next instance of `component`, with its limits
    /// where the controllers allow; `None` without cgroups (or when it
    /// cannot be made: the process group then contains it, as without).
    fn new_cgroup(&mut self, component: &Component) -> Option<Cgroup> {
        let cgroups = self.ctx.cgroups.as_ref()?;
        self.spawned += 1;
        let cgroup = cgroups
            .instance(&self.handle.id, &component.id, self.spawned)
            .map_err(|err| {
                tracing::warn!(component = %component.id, %err, "cannot create a cgroup; using its process group only");
            })
            .ok()?;
        let limits = component.limits;
        if let Some(bytes) = limits.memory_bytes.filter(|_| cgroups.has("memory"))
            && let Err(err) = cgroup.set_memory_max(bytes)
        {
            tracing::warn!(component = %component.id, %err, "cannot set memory.max");
        }
        if let Some(millis) = limits.cpu_millis.filter(|_| cgroups.has("cpu"))
            && let Err(err) = cgroup.set_cpu_max(millis)
        {
            tracing::warn!(component = %component.id, %err, "cannot set cpu.max");
        }
        Some(cgroup)
    }

    fn start_probes(
        &self,
        component: &Component,
        launch: &Launch,
        pgid: u32,
    ) -> Vec<JoinHandle<()>> {
        let target = || ProbeTarget {
            component: component.id.clone(),
            pgid,
            health_port: component
                .health_port
                .or_else(|| launch.env.get("HEALTH_PORT").and_then(|p| p.parse().ok()))
                .unwrap_or(0),
            env: launch.env.clone(),
            working_dir: launch.working_dir.clone(),
        };
        let kinds = [
            (ProbeKind::Readiness, &component.readiness_probe),
            (ProbeKind::Liveness, &component.liveness_probe),
        ];
        kinds
            .into_iter()
            .filter_map(|(kind, probe)| Some((kind, probe.clone()?)))
            .map(|(kind, probe)| probe::spawn(kind, probe, target(), self.handle.events.clone()))
            .collect()
    }

    /// Stops an exited instance's probes and, in a task, waits until every
    /// line it wrote is on disk, then reports `Drained`. With a cgroup, the
    /// kernel says when everything in it is gone (the machine killed it all
    /// when the main process exited), and the cgroup is removed, its CPU
    /// time kept. Without one, output pipes still open after the group is
    /// gone mean a process escaped the group (`setsid`): it carries the
    /// component's variables, so it is found and ended, and the pipes close.
    pub(super) fn drain(&mut self, component: &str) {
        let events = self.handle.events.clone();
        let component = component.to_owned();
        let Some(io) = self.instances.remove(&component) else {
            let _ = events.send(RunEvent::Drained {
                component,
                last_lines: Vec::new(),
            });
            return;
        };
        for probe in &io.probes {
            probe.abort();
        }
        let run_id = self.handle.id.clone();
        let handle = self.handle.clone();
        tokio::spawn(async move {
            let mut capture = io.capture;
            if let Some(cgroup) = io.cgroup {
                // The machine killed the whole cgroup when the main process
                // exited: the kernel says when all of it is gone, and then
                // no pipe can be held open any more.
                if !cgroup.wait_empty(DRAIN_GRACE).await {
                    tracing::warn!(cgroup = %cgroup.dir().display(), "processes survive cgroup.kill");
                }
                let _ = tokio::time::timeout(DRAIN_GRACE, capture).await;
                let used = cgroup.cpu_usec().unwrap_or(0);
                cgroup.remove();
                handle.update(&component, |slot| {
                    if let Some(cpu) = &mut slot.cpu {
                        cpu.ended_usec += used;
                        cpu.live = None;
                    }
                });
            } else if tokio::time::timeout(ESCAPE_CHECK, &mut capture)
                .await
                .is_err()
            {
                let markers = [
                    ("FLOWCTL_RUN_ID".to_string(), run_id),
                    ("FLOWCTL_COMPONENT_ID".to_string(), component.clone()),
                ];
                let sweep = move || super::groups::kill_carrying(&markers);
                let _ = tokio::task::spawn_blocking(sweep).await;
                let _ = tokio::time::timeout(DRAIN_GRACE, capture).await;
            }
            let recent = io.ring.snapshot();
            let last_lines = recent[recent.len().saturating_sub(LAST_LINES)..]
                .iter()
                .map(|l| l.line.clone())
                .collect();
            let _ = events.send(RunEvent::Drained {
                component,
                last_lines,
            });
        });
    }

    /// Shows a component's change to users and watchers.
    pub(super) fn show(&self, component: &str, shown: Shown, stamp: Option<Stamp>) {
        let counters = &self.ctx.counters;
        self.handle.update(component, |slot| {
            if stamp == Some(Stamp::Restarted) {
                counters.restarted(RestartReason::of(&shown.last_restart_reason));
            }
            if shown.state == ComponentState::Running
                && slot.state != ComponentState::Running
                && let Some(started) = slot.started_at
            {
                counters.ready_after(started.elapsed().unwrap_or_default());
            }
            slot.state = shown.state;
            slot.pid = shown.pid;
            slot.restarts = shown.restarts;
            slot.exit = shown.exit;
            slot.service_id = shown.service_id;
            slot.last_restart_reason = shown.last_restart_reason;
            match stamp {
                Some(Stamp::Started) => slot.started_at = Some(SystemTime::now()),
                Some(Stamp::Restarted) => slot.last_restart_at = Some(SystemTime::now()),
                None => {}
            }
        });
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
                state: slot.state,
                pid: slot.pid.unwrap_or(0),
                started_at: slot.started_at,
                exit: slot.exit.clone(),
                restarts: slot.restarts,
                service_id: slot.service_id.clone(),
                last_restart_reason: slot.last_restart_reason.clone(),
                cpu_usec: slot.cpu.as_ref().map(super::CpuUse::usec),
            })
            .collect();
        if let Err(err) = self.ctx.runs.set_components(&self.handle.id, components) {
            tracing::error!(run = %self.handle.id, %err, "cannot record components");
        }
    }
}
