//! Process supervision: every run's components as processes of this daemon.
//!
//! Each active run has one task ([`run::drive`]) that owns its state
//! machine (`machine`): the machine decides (start in dependency order,
//! readiness, restarts, stop producers-first), the task performs what it
//! decided. Everything else talks to that task through its event channel
//! and reads the run's [`RunHandle`] for display; every change of a
//! component reaches the handle, and so its watchers, through
//! [`RunHandle::update`].
//!
//! - [`process`]: spawn in a process group, signals, exit descriptions;
//! - [`env`]: the environment and directory a component starts with;
//! - `machine`: the per-run state machine, a pure function from events
//!   to actions (dependency order, readiness, restarts, stopping);
//! - [`run`]: the run task that performs those actions; `instance`: the
//!   process side of an instance (spawn, probes, output drain, record);
//! - [`restart`]: restart policy, limits and backoff;
//! - [`probe`]: HTTP and command probes for readiness and liveness;
//! - [`cgroup`]: containment with cgroup v2 (one cgroup per instance), where
//!   the system offers it; `memory`: sampling instances against
//!   `resources.limits.memory`;
//! - [`groups`]: process groups recorded on disk, killed if a daemon died;
//! - `handle`: the shared state of one run (its instances as shown, the
//!   channels to its task and watchers); `stop`: stopping runs;
//! - [`watch`]: the live streams (`flowctl run`'s view, `flowctl logs`);
//! - `withdraw`: a run whose client went away before the answer never runs;
//! - `startup_run`: the run of `--pipeline FILE`, started with the daemon;
//! - [`view`]: the daemon's own views of runs and instances (summaries,
//!   statuses, details), which `api/` converts; `claim`: which component a
//!   registration belongs to, and refusing anyone else its id;
//! - `unrecorded`: run statuses a full disk refused, written once it has
//!   room (the rule that keeps the record and what clients were told
//!   agreeing is there).

pub mod cgroup;
mod claim;
pub mod env;
mod external;
pub mod groups;
mod handle;
mod instance;
mod machine;
mod memory;
mod probe;
pub mod process;
mod resolved;
pub mod restart;
mod run;
pub(crate) mod startup_run;
mod stop;
mod unrecorded;
pub mod view;
pub mod watch;
mod withdraw;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use flowctl_core::ComponentState;
use tokio::sync::{broadcast, mpsc, watch as watch_channel};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::registry::Registry;
use crate::runs::{NewRun, RunRecord, Runs};
use flowctl_core::spec::{self, Pipeline};

pub(crate) use handle::{CpuUse, RunHandle, Slot};
pub(crate) use run::RunEvent;
pub(crate) use view::{run_metrics, summary_of};

/// What a client asks to run: a pipeline, where, with what environment.
#[derive(Debug, Clone, Default)]
pub struct RunRequest {
    /// The pipeline file's text.
    pub pipeline_yaml: String,
    /// Its absolute path (for messages and `flowctl pipelines restart`).
    pub pipeline_path: String,
    /// The absolute directory components start in.
    pub working_dir: String,
    /// The client's environment, which components inherit.
    pub env: BTreeMap<String, String>,
    /// Where to mirror component logs; empty for none.
    pub log_dir: String,
    /// A control plane elsewhere that components register with (their
    /// `FLOWCTL_ENDPOINT`); empty for this daemon's own.
    pub control_plane: String,
    /// The submitting client's process, when known: a run whose submitter
    /// is gone by the time it would start is withdrawn (`withdraw`).
    pub submitter: Option<u32>,
    /// Something else starts the components (`--no-spawn`): nothing is
    /// spawned, they register under their pipeline ids.
    pub no_spawn: bool,
    /// Components named by reference, as the client resolved them.
    pub resolved: Vec<crate::store::StoredResolved>,
}

/// The supervisor of every run of this daemon.
#[derive(Debug)]
pub struct Supervisor {
    registry: Arc<Registry>,
    runs: Arc<Runs>,
    config: Config,
    endpoint: Arc<OnceLock<String>>,
    handles: Mutex<HashMap<String, Arc<RunHandle>>>,
    groups: groups::Groups,
    /// Which process group holds each control-plane connection (`claim`).
    holders: claim::Holders,
    /// Run statuses the store could not commit yet (`unrecorded`).
    unrecorded: unrecorded::Unrecorded,
    containment: cgroup::Containment,
    /// Restarts by reason and times to ready, for `/metrics`.
    counters: Arc<crate::metrics::Counters>,
}

impl Supervisor {
    pub fn new(
        registry: Arc<Registry>,
        runs: Arc<Runs>,
        config: Config,
        endpoint: Arc<OnceLock<String>>,
        containment: cgroup::Containment,
    ) -> Supervisor {
        let groups = groups::Groups::new(&config.state_dir);
        if let Some(cgroups) = containment.cgroups() {
            groups.record_cgroup(cgroups.root());
        }
        Supervisor {
            groups,
            containment,
            registry,
            runs,
            config,
            endpoint,
            handles: Mutex::new(HashMap::new()),
            holders: claim::Holders::default(),
            unrecorded: unrecorded::Unrecorded::default(),
            counters: Arc::default(),
        }
    }

    /// Validates the pipeline and starts it as a new run, unless its
    /// submitter is already gone (see `withdraw`).
    pub async fn submit(self: &Arc<Self>, request: RunRequest) -> Result<RunRecord> {
        let pipeline = self.validate(
            &request.pipeline_path,
            &request.pipeline_yaml,
            &request.working_dir,
        )?;
        let pipeline = resolved::apply(pipeline, &request.resolved)?;
        // `--log-dir notes.txt` must not fail later, component by component.
        if !request.log_dir.is_empty() {
            let mirror = std::path::Path::new(&request.log_dir);
            flowctl_core::paths::refuse_foreign(mirror, flowctl_core::paths::Expect::Directory)?;
        }
        let record = self.runs.create(NewRun {
            id: String::new(),
            pipeline_name: pipeline.name.clone(),
            pipeline_path: request.pipeline_path,
            config_yaml: request.pipeline_yaml,
            working_dir: request.working_dir,
            env: request.env,
            component_ids: pipeline.components.iter().map(|c| c.id.clone()).collect(),
            supervised: true,
            log_dir: request.log_dir,
            restarted_from: String::new(),
            control_plane: request.control_plane,
            resolved: request.resolved,
            no_spawn: request.no_spawn,
        })?;
        if self.withdrawn(&record, request.submitter) {
            return self.runs.get(&record.id);
        }
        tracing::info!(run = %record.id, pipeline = %record.pipeline_name, "run submitted");
        self.start(&record, pipeline, request.no_spawn);
        Ok(record)
    }

    /// Runs a recorded run again as a new run (same pipeline text,
    /// environment and directory), linked to the old one; `submitter` as
    /// for [`Supervisor::submit`].
    pub async fn rerun(self: &Arc<Self>, id: &str, submitter: Option<u32>) -> Result<RunRecord> {
        let old = self.runs.get(id)?;
        if !old.supervised {
            return Err(Error::FailedPrecondition(format!(
                "run {id} was recorded through the legacy API; flowctld has no pipeline to run"
            )));
        }
        let pipeline = self.validate(&old.pipeline_path, &old.config_yaml, &old.working_dir)?;
        let pipeline = resolved::apply(pipeline, &old.resolved)?;
        let record = self.runs.create(NewRun {
            id: String::new(),
            pipeline_name: old.pipeline_name.clone(),
            pipeline_path: old.pipeline_path.clone(),
            config_yaml: old.config_yaml.clone(),
            working_dir: old.working_dir.clone(),
            env: old.env.clone(),
            component_ids: old.component_ids.clone(),
            supervised: true,
            log_dir: old.log_dir.clone(),
            restarted_from: old.id.clone(),
            control_plane: old.control_plane.clone(),
            resolved: old.resolved.clone(),
            no_spawn: old.no_spawn,
        })?;
        if self.withdrawn(&record, submitter) {
            return self.runs.get(&record.id);
        }
        tracing::info!(run = %record.id, from = %old.id, "run restarted as a new run");
        self.start(&record, pipeline, old.no_spawn);
        Ok(record)
    }

    /// Resumes (starts again, under its own id) a run the previous daemon
    /// stopped for a restart. One that cannot be resumed keeps the status it
    /// ended with (an ended run never changes), is no longer marked for
    /// resuming, and its record says why.
    pub fn resume(self: &Arc<Self>, id: &str) -> Result<RunRecord> {
        let old = self.runs.get(id)?;
        let resumed = self
            .validate(&old.pipeline_path, &old.config_yaml, &old.working_dir)
            .and_then(|pipeline| resolved::apply(pipeline, &old.resolved))
            .and_then(|pipeline| Ok((self.runs.resume(id)?, pipeline)));
        let (record, pipeline) = match resumed {
            Ok(resumed) => resumed,
            Err(err) => {
                self.runs.set_resume(id, false)?;
                let why = format!("could not be resumed after a daemon restart: {err}");
                self.runs.transition(id, old.status, Some(why))?;
                return Err(err);
            }
        };
        tracing::info!(run = %record.id, restarts = record.restarts, "run resumed after a daemon restart");
        self.start(&record, pipeline, record.no_spawn);
        Ok(record)
    }

    /// Restarts one component of a run (or all) by hand.
    pub fn restart_components(&self, id: &str, component: Option<String>) -> Result<()> {
        let handle = self
            .handle(id)
            .filter(|h| !*h.done.borrow())
            .ok_or_else(|| Error::FailedPrecondition(format!("run {id} is not running")))?;
        if let Some(component) = &component
            && handle.pipeline.component(component).is_none()
        {
            return Err(Error::ComponentNotFound {
                run: id.to_owned(),
                component: component.clone(),
            });
        }
        if handle.no_spawn {
            return Err(Error::FailedPrecondition(format!(
                "run {id} runs components something else started (--no-spawn): restart them \
                 with that engine (kubectl rollout restart, docker compose restart, systemctl restart...)"
            )));
        }
        let _ = handle.events.send(RunEvent::RestartByHand { component });
        Ok(())
    }

    /// The run of the pipeline file at `path` this daemon is running, if
    /// any (the run of `--pipeline` a restart resumed).
    pub(crate) fn running_run_of(&self, path: &str) -> Option<crate::runs::RunRecord> {
        let active: Vec<String> = self
            .lock()
            .iter()
            .filter(|(_, handle)| !*handle.done.borrow())
            .map(|(id, _)| id.clone())
            .collect();
        active
            .iter()
            .filter_map(|id| self.runs.get(id).ok())
            .find(|record| record.supervised && record.pipeline_path == path)
    }

    /// Starts a run's components (none under `no_spawn`: they are started
    /// elsewhere and register); with an external control plane (the
    /// record's `control_plane`) they register there, so this daemon counts
    /// them ready once started.
    fn start(self: &Arc<Self>, record: &RunRecord, mut pipeline: Pipeline, no_spawn: bool) {
        let external = Some(record.control_plane.clone()).filter(|e| !e.is_empty());
        if external.is_some() {
            for component in &mut pipeline.components {
                component.readiness = flowctl_core::spec::Readiness::Started;
            }
        }
        let log_dir = self.config.state_dir.join("runs").join(&record.id);
        let start_order: Vec<String> = pipeline
            .start_order()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let slots = pipeline
            .components
            .iter()
            .map(|c| Slot {
                id: c.id.clone(),
                kind: c.kind.as_str(),
                state: ComponentState::Pending,
                pid: None,
                started_at: None,
                restarts: 0,
                exit: String::new(),
                service_id: String::new(),
                last_restart_reason: String::new(),
                last_restart_at: None,
                cpu: self.containment.cgroups().map(|_| CpuUse::default()),
            })
            .collect();
        let (events, inbox) = mpsc::unbounded_channel();
        let relay = crate::relay::Relay::new(&record.id, &pipeline);
        let handle = Arc::new(RunHandle {
            id: record.id.clone(),
            relay,
            no_spawn,
            pipeline,
            start_order,
            log_dir,
            slots: Mutex::new(slots),
            events,
            updates: broadcast::channel(256).0,
            lines: broadcast::channel(256).0,
            done: watch_channel::channel(false).0,
        });
        self.lock().insert(record.id.clone(), handle.clone());
        if let Some(plane) = &external {
            // Its components register there: learn their endpoints from it.
            let since = std::time::SystemTime::now();
            tokio::spawn(external::follow(plane.clone(), handle.clone(), since));
        }
        let context = run::Context {
            runs: self.runs.clone(),
            registry: self.registry.clone(),
            control_plane: external
                .unwrap_or_else(|| self.endpoint.get().cloned().unwrap_or_default()),
            heartbeat_interval: env::heartbeat_interval(self.config.heartbeat_ttl),
            caller_env: record.env.clone(),
            working_dir: PathBuf::from(&record.working_dir),
            log_dir_mirror: Some(record.log_dir.clone())
                .filter(|d| !d.is_empty())
                .map(PathBuf::from),
            groups: self.groups.clone(),
            cgroups: self.containment.cgroups().cloned(),
            supervisor: Arc::downgrade(self),
            counters: self.counters.clone(),
        };
        tokio::spawn(run::drive(handle, context, inbox));
    }

    /// After a run ended: forgets the handles of ended runs, and drops runs
    /// beyond the retention limit with their logs.
    pub(crate) fn prune(&self) {
        // Ended runs are served from their records; dropping their handles
        // frees their relay buffers and slots (a watcher still holding one
        // keeps it until it is done).
        self.lock().retain(|_, handle| !*handle.done.borrow());
        let pruned = match self.runs.prune(self.config.keep_runs) {
            Ok(pruned) => pruned,
            Err(err) => {
                tracing::error!(%err, "cannot prune old runs");
                return;
            }
        };
        for id in pruned {
            self.lock().remove(&id);
            let dir = self.config.state_dir.join("runs").join(&id);
            if let Err(err) = std::fs::remove_dir_all(&dir)
                && err.kind() != std::io::ErrorKind::NotFound
            {
                tracing::warn!(dir = %dir.display(), %err, "cannot remove the logs of a pruned run");
            }
        }
    }

    /// How this daemon contains its components (`flowctl daemon status`).
    pub fn containment(&self) -> &cgroup::Containment {
        &self.containment
    }

    /// Restarts by reason and times to ready (`/metrics`).
    pub(crate) fn counters(&self) -> &Arc<crate::metrics::Counters> {
        &self.counters
    }

    pub(crate) fn handle(&self, id: &str) -> Option<Arc<RunHandle>> {
        self.lock().get(id).cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<RunHandle>>> {
        self.handles
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Supervisor {
    /// Parses and checks a pipeline for a run in `working_dir`, and that
    /// this daemon can honour its limits.
    fn validate(&self, path: &str, yaml: &str, working_dir: &str) -> Result<Pipeline> {
        let display = if path.is_empty() { "pipeline" } else { path };
        let pipeline = spec::parse(display, yaml.as_bytes())?.pipeline;
        let dir = PathBuf::from(working_dir);
        if !dir.is_absolute() || !dir.is_dir() {
            return Err(Error::InvalidArgument(format!(
                "working directory '{working_dir}' is not an existing absolute directory"
            )));
        }
        memory::check_cpu_limits(&pipeline, &self.containment)?;
        Ok(pipeline)
    }
}

#[cfg(test)]
mod tests {
    use flowctl_core::RunStatus;

    use crate::runs::NewRun;

    /// A run whose pipeline no longer parses stays STOPPED, unmarked, and
    /// says why; the next daemon does not try again.
    #[tokio::test]
    async fn a_run_that_cannot_be_resumed_keeps_its_status_and_says_why() {
        let tmp = tempfile::tempdir().unwrap();
        let state = crate::api::test_state(tmp.path());
        let run = state
            .runs
            .create(NewRun {
                pipeline_name: "p".into(),
                config_yaml: "not: a pipeline".into(),
                working_dir: tmp.path().display().to_string(),
                supervised: true,
                ..NewRun::default()
            })
            .unwrap();
        state
            .runs
            .transition(&run.id, RunStatus::Stopped, None)
            .unwrap();
        state.runs.set_resume(&run.id, true).unwrap();
        assert!(state.supervisor.resume(&run.id).is_err());
        let record = state.runs.get(&run.id).unwrap();
        assert_eq!((record.status, record.resume), (RunStatus::Stopped, false));
        assert!(
            record
                .error
                .starts_with("could not be resumed after a daemon restart"),
            "{}",
            record.error
        );
    }
}
