//! What is recorded about a run: the run itself, its components' last
//! instances, and the metrics a legacy client reported.

use std::collections::BTreeMap;
use std::time::SystemTime;

use flowctl_core::{ComponentState, RunStatus};

/// Everything recorded about one run.
#[derive(Debug, Clone)]
pub struct RunRecord {
    pub id: String,
    pub pipeline_name: String,
    /// Absolute path of the pipeline file; empty for external runs.
    pub pipeline_path: String,
    pub config_yaml: String,
    pub working_dir: String,
    pub env: BTreeMap<String, String>,
    pub status: RunStatus,
    /// Every status the run went through, with when.
    pub history: Vec<(RunStatus, SystemTime)>,
    pub started_at: SystemTime,
    pub ended_at: Option<SystemTime>,
    /// Why the run failed, in words a user can act on.
    pub error: String,
    pub component_ids: Vec<String>,
    /// What a client of the legacy API reported.
    pub metrics: Option<Metrics>,
    /// Whether this daemon runs the components (as opposed to a record kept
    /// for a client of the legacy API).
    pub supervised: bool,
    /// Where `--log-dir` mirrors component logs; empty when not asked.
    pub log_dir: String,
    /// How many times a daemon restart resumed this run.
    pub restarts: u32,
    /// The run this one re-runs, for `flowctl pipelines restart`.
    pub restarted_from: String,
    /// Resume this run when the next daemon starts.
    pub resume: bool,
    /// The components' last known instances.
    pub components: Vec<InstanceRecord>,
    /// The control plane elsewhere its components register with; empty for
    /// this daemon's own. Kept so a rerun or resume uses it again.
    pub control_plane: String,
    /// Components named by reference, as the client resolved them.
    pub resolved: Vec<crate::store::StoredResolved>,
    /// Its components are started by something else (`--no-spawn`); kept
    /// so that a resumed or rerun run never starts them here, whatever
    /// flags the next daemon has.
    pub no_spawn: bool,
}

/// How the last instance of one component of a run is (or ended up).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InstanceRecord {
    /// The component's id in the pipeline file.
    pub id: String,
    /// `source`, `processor` or `sink`.
    pub kind: String,
    pub state: ComponentState,
    /// Also its process group; 0 when none.
    pub pid: u32,
    pub started_at: Option<SystemTime>,
    /// How it exited, in words (`exit status 1`, `killed by SIGKILL`...).
    pub exit: String,
    /// How many new instances replaced the first one.
    pub restarts: u32,
    /// The id its registration used, when it registered.
    pub service_id: String,
    pub last_restart_reason: String,
    /// CPU time its instances used (from their cgroups), in microseconds;
    /// `None` without cgroup containment.
    pub cpu_usec: Option<u64>,
}

/// A run's event counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metrics {
    pub events_processed: i64,
    pub events_per_second: f64,
    pub bytes_processed: i64,
    /// Per component id.
    pub components: BTreeMap<String, ComponentMetrics>,
}

/// One component's event counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ComponentMetrics {
    pub events_in: i64,
    pub events_out: i64,
    pub bytes_in: i64,
    pub bytes_out: i64,
    pub processing_time_ms: f64,
}

/// Data for a new run.
#[derive(Debug, Clone, Default)]
pub struct NewRun {
    /// Chosen by the caller (legacy API) or a fresh UUID when empty.
    pub id: String,
    pub pipeline_name: String,
    pub pipeline_path: String,
    pub config_yaml: String,
    pub working_dir: String,
    pub env: BTreeMap<String, String>,
    pub component_ids: Vec<String>,
    pub supervised: bool,
    pub log_dir: String,
    pub restarted_from: String,
    /// See [`RunRecord::control_plane`].
    pub control_plane: String,
    /// Components named by reference, as the client resolved them.
    pub resolved: Vec<crate::store::StoredResolved>,
    /// See [`RunRecord::no_spawn`].
    pub no_spawn: bool,
}
