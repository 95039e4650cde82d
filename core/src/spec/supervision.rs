//! The public types that say how a component is supervised: when it is
//! restarted, what its failure does to the run, how its health is checked
//! and what the components it depends on must reach first.
//!
//! They belong to the model (see `model`), in a file of their own so that
//! each file stays about one thing.

use std::fmt;
use std::time::Duration;

/// What to do when a component's process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RestartPolicy {
    /// Leave it ended; an end that is a failure counts as final at once.
    #[default]
    Never,
    /// Restart it when it fails: a non-zero exit status, death by a signal
    /// the supervisor did not send, or a kill for failing its liveness
    /// probe. A clean exit (status 0) is final.
    OnFailure,
    /// Restart it whenever it ends, until the run is stopped.
    Always,
}

impl RestartPolicy {
    /// Every policy, in the order messages list them.
    pub const ALL: [RestartPolicy; 3] = [
        RestartPolicy::Never,
        RestartPolicy::OnFailure,
        RestartPolicy::Always,
    ];

    /// Other spellings read as our policies: Docker's and compose's `no` and
    /// `unless-stopped`, Kubernetes' capitalised names, `on_failure`.
    pub const ALIASES: [(&'static str, RestartPolicy); 6] = [
        ("no", RestartPolicy::Never),
        ("Never", RestartPolicy::Never),
        ("on_failure", RestartPolicy::OnFailure),
        ("OnFailure", RestartPolicy::OnFailure),
        ("Always", RestartPolicy::Always),
        ("unless-stopped", RestartPolicy::Always),
    ];

    /// The word used in pipeline files: `never`, `on-failure`, `always`.
    pub fn as_str(self) -> &'static str {
        match self {
            RestartPolicy::Never => "never",
            RestartPolicy::OnFailure => "on-failure",
            RestartPolicy::Always => "always",
        }
    }

    /// Reads our words and their [`ALIASES`](Self::ALIASES), as written.
    pub fn from_name(text: &str) -> Option<RestartPolicy> {
        RestartPolicy::ALL
            .into_iter()
            .find(|p| p.as_str() == text)
            .or_else(|| {
                RestartPolicy::ALIASES
                    .into_iter()
                    .find(|(alias, _)| *alias == text)
                    .map(|(_, p)| p)
            })
    }
}

impl fmt::Display for RestartPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When and how fast a component is restarted.
///
/// Restarts back off: the first waits `delay`, each next one twice as long,
/// up to `delay_max`. A process that stayed up for `min_uptime` starts the
/// backoff over. More than `max_restarts` restarts within `window` means the
/// component has failed for good, and [`OnFailure`] decides what follows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Restart {
    /// `restart_policy`: whether the component is restarted at all.
    pub policy: RestartPolicy,
    /// `max_restarts`: restarts allowed within `window`; 0 allows none.
    pub max_restarts: u32,
    /// `restart_window`: the sliding period `max_restarts` counts over.
    pub window: Duration,
    /// `restart_delay`: the wait before the first restart; may be zero.
    pub delay: Duration,
    /// `restart_delay_max`: the longest wait the backoff grows to; never
    /// shorter than `delay`.
    pub delay_max: Duration,
    /// `min_uptime`: a process up this long resets the backoff to `delay`.
    pub min_uptime: Duration,
}

impl Default for Restart {
    /// No restarts; the other values apply once a policy is set: 5 restarts
    /// within 60s, backoff from 100ms up to 30s, reset after 10s up.
    fn default() -> Self {
        Restart {
            policy: RestartPolicy::Never,
            max_restarts: 5,
            window: Duration::from_secs(60),
            delay: Duration::from_millis(100),
            delay_max: Duration::from_secs(30),
            min_uptime: Duration::from_secs(10),
        }
    }
}

/// What a run does when a component fails for good: it failed with
/// `restart_policy: never`, or went over its restart limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OnFailure {
    /// Stop every component and end the run as failed.
    #[default]
    StopRun,
    /// Leave the failed component down and keep the others running.
    KeepRunning,
}

impl OnFailure {
    /// Both values, in the order messages list them.
    pub const ALL: [OnFailure; 2] = [OnFailure::StopRun, OnFailure::KeepRunning];

    /// The word used in pipeline files: `stop-run` or `keep-running`.
    pub fn as_str(self) -> &'static str {
        match self {
            OnFailure::StopRun => "stop-run",
            OnFailure::KeepRunning => "keep-running",
        }
    }

    /// Reads `stop-run` or `keep-running`.
    pub fn from_name(text: &str) -> Option<OnFailure> {
        OnFailure::ALL.into_iter().find(|v| v.as_str() == text)
    }
}

impl fmt::Display for OnFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a probe does to check a component.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ProbeAction {
    /// An HTTP GET on localhost; a 2xx status passes.
    Http {
        /// The request path, starting with `/`.
        path: String,
        /// The port to call; `None` means the component's `HEALTH_PORT`
        /// (its `health_port`, or the port the supervisor gave it).
        port: Option<u16>,
    },
    /// A command run in the component's working directory and environment;
    /// exit status 0 passes.
    Exec {
        /// The program and its arguments; never empty.
        command: Vec<String>,
    },
}

/// A check run every `period` once `initial_delay` has passed.
///
/// For readiness, the component counts as ready (and healthy) at the first
/// pass. For liveness, `failure_threshold` failures in a row mean the
/// process is stuck: it is killed and its restart policy applies.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Probe {
    /// What is checked.
    pub action: ProbeAction,
    /// Time from one check to the next; default 2s, never zero.
    pub period: Duration,
    /// Time one check may take before it counts as failed; default 1s (or
    /// `period`, when that is shorter), never zero and never above `period`.
    pub timeout: Duration,
    /// Failures in a row that make the component unhealthy; default 3, at
    /// least 1.
    pub failure_threshold: u32,
    /// Time after the start before the first check; default 0.
    pub initial_delay: Duration,
}

impl Probe {
    /// A probe doing `action` with the default timings.
    pub fn new(action: ProbeAction) -> Probe {
        Probe {
            action,
            period: Duration::from_secs(2),
            timeout: Duration::from_secs(1),
            failure_threshold: 3,
            initial_delay: Duration::ZERO,
        }
    }
}

/// What a component waits for in one of the components it depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Condition {
    /// Its process has started.
    Started,
    /// It is ready: its readiness probe passed or, without one, it reached
    /// its `readiness` (registered or started).
    #[default]
    Healthy,
    /// Its process has exited with status 0, as a migration or a download
    /// does before the rest of the pipeline starts.
    Completed,
}

impl Condition {
    /// Every condition, in the order messages list them.
    pub const ALL: [Condition; 3] = [Condition::Started, Condition::Healthy, Condition::Completed];

    /// The word used in pipeline files: `started`, `healthy`, `completed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Condition::Started => "started",
            Condition::Healthy => "healthy",
            Condition::Completed => "completed",
        }
    }

    /// The name docker compose gives the same condition.
    pub fn compose_name(self) -> &'static str {
        match self {
            Condition::Started => "service_started",
            Condition::Healthy => "service_healthy",
            Condition::Completed => "service_completed_successfully",
        }
    }

    /// Reads our words and compose's names.
    pub fn from_name(text: &str) -> Option<Condition> {
        Condition::ALL
            .into_iter()
            .find(|c| c.as_str() == text || c.compose_name() == text)
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of `depends_on`: a component to wait for before starting.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Dependency {
    /// The id of the component waited for.
    pub id: String,
    /// What it must reach; healthy unless the file says otherwise.
    pub condition: Condition,
}
