//! The validated pipeline: what the supervisor runs.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use super::graph;
pub use super::supervision::{
    Condition, Dependency, OnFailure, Probe, ProbeAction, Restart, RestartPolicy,
};

/// How long a component gets to exit after its stop signal before it is killed.
pub const DEFAULT_STOP_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a component gets to become ready before its start counts as failed.
pub const DEFAULT_START_TIMEOUT: Duration = Duration::from_secs(30);

/// A pipeline read from a file that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    /// `metadata.name`: how runs of this pipeline are listed and found.
    pub name: String,
    /// `metadata.namespace`, shown with the name; it has no other effect.
    pub namespace: Option<String>,
    /// From `spec.description` or `metadata.description` (only one may be set).
    pub description: Option<String>,
    /// `metadata.labels`, for the user's own bookkeeping.
    pub labels: BTreeMap<String, String>,
    /// `metadata.annotations`, for the user's own bookkeeping.
    pub annotations: BTreeMap<String, String>,
    /// `spec.env`: environment given to every component, below its own `env`.
    pub env: BTreeMap<String, String>,
    /// `spec.on_component_failure`: what a component's final failure does to
    /// the run, unless the component says otherwise (see
    /// [`Component::on_failure`]).
    pub on_failure: OnFailure,
    /// Sources, then processors, then sinks, each group in file order.
    pub components: Vec<Component>,
}

/// The role of a component in the data flow, from the list it was declared in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ComponentKind {
    /// Produces events and reads none (`spec.sources`).
    Source,
    /// Reads events from its inputs and produces new ones (`spec.processors`).
    Processor,
    /// Reads events from its inputs and produces none (`spec.sinks`).
    Sink,
}

impl ComponentKind {
    /// The lower-case word used in messages and listings.
    pub fn as_str(self) -> &'static str {
        match self {
            ComponentKind::Source => "source",
            ComponentKind::Processor => "processor",
            ComponentKind::Sink => "sink",
        }
    }
}

impl fmt::Display for ComponentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The signal that asks a component to stop, before the stop timeout runs out
/// and it is killed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum StopSignal {
    /// SIGTERM, what process managers send by default.
    #[default]
    Term,
    /// SIGINT, what Ctrl-C sends; some programs only clean up on this one.
    Int,
    /// SIGHUP.
    Hup,
    /// SIGQUIT.
    Quit,
    /// SIGKILL: no clean-up at all; for programs that ignore everything else.
    Kill,
    /// SIGUSR1.
    Usr1,
    /// SIGUSR2.
    Usr2,
}

impl StopSignal {
    /// Every signal, in the order error messages list them.
    pub const ALL: [StopSignal; 7] = [
        StopSignal::Term,
        StopSignal::Int,
        StopSignal::Hup,
        StopSignal::Quit,
        StopSignal::Kill,
        StopSignal::Usr1,
        StopSignal::Usr2,
    ];

    /// The signal number on Linux, as `libc::SIGTERM` and friends.
    pub fn as_raw(self) -> i32 {
        match self {
            StopSignal::Term => 15,
            StopSignal::Int => 2,
            StopSignal::Hup => 1,
            StopSignal::Quit => 3,
            StopSignal::Kill => 9,
            StopSignal::Usr1 => 10,
            StopSignal::Usr2 => 12,
        }
    }

    /// The name without the `SIG` prefix, as written in pipeline files.
    pub fn name(self) -> &'static str {
        match self {
            StopSignal::Term => "TERM",
            StopSignal::Int => "INT",
            StopSignal::Hup => "HUP",
            StopSignal::Quit => "QUIT",
            StopSignal::Kill => "KILL",
            StopSignal::Usr1 => "USR1",
            StopSignal::Usr2 => "USR2",
        }
    }

    /// Reads `TERM`, `SIGTERM` or `sigterm`, and the same for the others.
    pub fn from_name(text: &str) -> Option<StopSignal> {
        let upper = text.trim().to_ascii_uppercase();
        let bare = upper.strip_prefix("SIG").unwrap_or(&upper);
        StopSignal::ALL.into_iter().find(|s| s.name() == bare)
    }
}

impl fmt::Display for StopSignal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SIG{}", self.name())
    }
}

/// When a component counts as ready, so that the components reading from it
/// (or depending on it) may start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Readiness {
    /// Once it has registered with the control plane, as components built on
    /// the flowctl SDK do at start-up.
    #[default]
    Registered,
    /// As soon as its process has started: for programs that never register.
    Started,
}

impl Readiness {
    /// The word used in pipeline files.
    pub fn as_str(self) -> &'static str {
        match self {
            Readiness::Registered => "registered",
            Readiness::Started => "started",
        }
    }
}

/// One process of the pipeline and how to run it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    /// Unique across the pipeline; given to the process as `FLOWCTL_COMPONENT_ID`.
    pub id: String,
    /// Which list the component was declared in.
    pub kind: ComponentKind,
    /// `type` as written, kept for display (it doubles as the command when
    /// `command` is absent).
    pub type_name: Option<String>,
    /// The program and its arguments: `command` (or `[type]`) followed by
    /// `args`. Never empty.
    pub command: Vec<String>,
    /// The component's own environment, above the pipeline's `env`.
    pub env: BTreeMap<String, String>,
    /// `config` with keys as written and values as text; see [`Component::config_env`].
    pub config: BTreeMap<String, String>,
    /// Components whose events this one reads, in file order.
    pub inputs: Vec<String>,
    /// The ids of `dependencies`, in file order: components that must be
    /// ready before this one starts, without exchanging events with it.
    pub depends_on: Vec<String>,
    /// `depends_on` in full: each component waited for and what it must
    /// reach (healthy unless the file says otherwise).
    pub dependencies: Vec<Dependency>,
    /// Event types the component says it reads; informational.
    pub input_event_types: Vec<String>,
    /// Event types the component says it writes; informational.
    pub output_event_types: Vec<String>,
    /// `health_port`, given to the process as `HEALTH_PORT` when set.
    pub health_port: Option<u16>,
    /// Directory to run in, as written; a relative path is relative to the
    /// directory the pipeline runs in.
    pub working_dir: Option<String>,
    /// Signal sent to stop the component.
    pub stop_signal: StopSignal,
    /// Time between the stop signal and SIGKILL.
    pub stop_timeout: Duration,
    /// Time allowed to become ready (see `readiness`) after starting.
    pub start_timeout: Duration,
    /// What "ready" means for this component when it has no readiness probe.
    pub readiness: Readiness,
    /// `restart_policy` and the backoff around it.
    pub restart: Restart,
    /// What the run does when this component fails for good: its own
    /// `on_component_failure`, else the pipeline's.
    pub on_failure: OnFailure,
    /// `readiness_probe`, or `health_check` (an HTTP probe on `health_port`):
    /// when set, the component is ready once it passes, whatever `readiness`.
    pub readiness_probe: Option<Probe>,
    /// `liveness_probe`: a check that, failing, gets the component killed and
    /// handled by its restart policy.
    pub liveness_probe: Option<Probe>,
    /// `resources.limits`: what it may use at most.
    pub limits: Limits,
    /// What the component's `metadata.json` says, for a component pulled by
    /// reference (`type: name@version`, `image:`); set by the daemon from
    /// what the client resolved, never by the file.
    pub metadata: Option<super::metadata::Metadata>,
    /// `type: name@version` or `image:`: the image this component's
    /// program comes from. `command[0]` is then only a placeholder (the
    /// reference or the program's name) the daemon replaces with the
    /// executable the client pulled.
    pub reference: Option<crate::reference::ComponentRef>,
}

/// `resources.limits` of a component; `None` is no limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    /// `memory`, in bytes: restarted above it (and, with a memory
    /// controller, held to it by the kernel).
    pub memory_bytes: Option<u64>,
    /// `cpu`, in millicores (1000 is one core): needs a cpu controller.
    pub cpu_millis: Option<u64>,
}

impl Component {
    /// Every component this one waits for: `inputs`, then `depends_on`,
    /// each id once.
    pub fn upstream(&self) -> impl Iterator<Item = &str> {
        let mut seen = Vec::new();
        self.inputs
            .iter()
            .chain(&self.depends_on)
            .map(String::as_str)
            .filter(move |id| {
                let new = !seen.contains(id);
                if new {
                    seen.push(*id);
                }
                new
            })
    }
}

/// The environment variable name for a `config` key.
pub(crate) fn config_env_name(key: &str) -> String {
    key.chars()
        .map(|c| match c {
            '-' | '.' => '_',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

impl Pipeline {
    /// The component with this id.
    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    /// Component ids in an order where each comes after everything in its
    /// `inputs` and `depends_on`; among components free to go, file order
    /// decides. Stopping is the reverse.
    pub fn start_order(&self) -> Vec<&str> {
        let upstream = graph::upstream_indices(&self.components);
        graph::topological(&upstream)
            .into_iter()
            .map(|i| self.components[i].id.as_str())
            .collect()
    }

    /// The components that list `id` in their `inputs` or `depends_on`, in
    /// file order: those to stop or restart along with it.
    pub fn dependents(&self, id: &str) -> Vec<&str> {
        self.components
            .iter()
            .filter(|c| c.upstream().any(|u| u == id))
            .map(|c| c.id.as_str())
            .collect()
    }
}
