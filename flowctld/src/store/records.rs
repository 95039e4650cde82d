//! The records the store keeps: these types *are* the on-disk format (JSON
//! values in redb tables), versioned by [`super::SCHEMA_VERSION`]. New
//! fields must have defaults so older files keep loading; a change of an
//! existing field's shape needs a new version and a step in `migrate`.
//!
//! Statuses and states are kept as the numbers of [`run_status_code`] and
//! [`component_state_code`]: the store's own table, fixed forever (they
//! happen to equal the wire numbers, which the first release stored).

use std::collections::{BTreeMap, HashMap};

use flowctl_core::{ComponentState, RunStatus};
use serde::{Deserialize, Serialize};

/// One run as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredRun {
    pub id: String,
    pub pipeline_name: String,
    pub pipeline_path: String,
    pub config_yaml: String,
    pub working_dir: String,
    pub env: BTreeMap<String, String>,
    pub log_dir: String,
    /// [`run_status_code`] of the status.
    pub status: i32,
    /// `(status code, unix ms)` for every status the run went through.
    pub history: Vec<(i32, i64)>,
    pub started_at_ms: i64,
    pub ended_at_ms: i64,
    pub error: String,
    pub component_ids: Vec<String>,
    /// Metrics a client of the legacy API reported (schema 2; schema 1
    /// kept protobuf bytes here).
    pub metrics: Option<StoredMetrics>,
    pub supervised: bool,
    /// How many times `flowctl daemon restart` resumed this run.
    pub restarts: u32,
    /// The run this one re-runs (`flowctl pipelines restart`).
    pub restarted_from: String,
    /// Resume this run when the next daemon starts.
    pub resume: bool,
    pub components: Vec<StoredInstance>,
    /// The control plane elsewhere its components register with
    /// (`--use-external-control-plane`); empty for the daemon's own.
    pub control_plane: String,
    /// Components named by reference: what the client resolved them to, so
    /// a rerun or a resumed run runs the same bits.
    pub resolved: Vec<StoredResolved>,
    /// Its components are started by something else (`--no-spawn`).
    pub no_spawn: bool,
}

/// A component named by reference (`type: name@version`, `image:`) as the
/// client resolved it for a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredResolved {
    pub component_id: String,
    /// The full reference.
    pub reference: String,
    /// The manifest digest; empty when taken from the old CLI's cache.
    pub digest: String,
    /// Absolute path of the executable run.
    pub executable: String,
    /// Its `metadata.json`, empty when none.
    pub metadata_json: String,
}

/// The last instance of one component of a run, as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredInstance {
    pub id: String,
    pub kind: String,
    /// [`component_state_code`] of the state.
    pub state: i32,
    /// Also its process group; 0 when none.
    pub pid: u32,
    pub started_at_ms: i64,
    pub exit: String,
    pub restarts: u32,
    pub service_id: String,
    pub last_restart_reason: String,
    /// CPU time of its instances in microseconds, when cgroups counted it.
    pub cpu_usec: Option<u64>,
}

/// A run's event counts, as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredMetrics {
    pub events_processed: i64,
    pub events_per_second: f64,
    pub bytes_processed: i64,
    pub components: BTreeMap<String, StoredComponentMetrics>,
}

/// One component's event counts, as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredComponentMetrics {
    pub events_in: i64,
    pub events_out: i64,
    pub bytes_in: i64,
    pub bytes_out: i64,
    pub processing_time_ms: f64,
}

/// One control-plane registration as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredRegistration {
    pub service_id: String,
    /// What the component said about itself (schema 2; schema 1 kept
    /// protobuf bytes here).
    pub info: StoredComponentInfo,
    pub registered_at_ms: i64,
}

/// What a component said about itself when it registered, as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredComponentInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    pub version: String,
    /// `source`, `processor`, `consumer`, or empty.
    pub role: String,
    pub input_event_types: Vec<String>,
    pub output_event_types: Vec<String>,
    pub endpoint: String,
    pub metadata: HashMap<String, String>,
}

/// The stored number of a run status.
pub fn run_status_code(status: RunStatus) -> i32 {
    match status {
        RunStatus::Unknown => 0,
        RunStatus::Starting => 1,
        RunStatus::Running => 2,
        RunStatus::Completed => 3,
        RunStatus::Failed => 4,
        RunStatus::Stopped => 5,
        RunStatus::Stopping => 6,
    }
}

/// The run status of a stored number (anything else reads as `Unknown`).
pub fn run_status_of(code: i32) -> RunStatus {
    RunStatus::ALL
        .into_iter()
        .find(|s| run_status_code(*s) == code)
        .unwrap_or(RunStatus::Unknown)
}

/// Every component state, to read stored numbers back.
const STATES: [ComponentState; 8] = [
    ComponentState::Unspecified,
    ComponentState::Pending,
    ComponentState::Starting,
    ComponentState::Running,
    ComponentState::Stopping,
    ComponentState::Exited,
    ComponentState::Failed,
    ComponentState::Restarting,
];

/// The stored number of a component state.
pub fn component_state_code(state: ComponentState) -> i32 {
    match state {
        ComponentState::Unspecified => 0,
        ComponentState::Pending => 1,
        ComponentState::Starting => 2,
        ComponentState::Running => 3,
        ComponentState::Stopping => 4,
        ComponentState::Exited => 5,
        ComponentState::Failed => 6,
        ComponentState::Restarting => 7,
    }
}

/// The component state of a stored number (anything else: `Unspecified`).
pub fn component_state_of(code: i32) -> ComponentState {
    STATES
        .into_iter()
        .find(|s| component_state_code(*s) == code)
        .unwrap_or(ComponentState::Unspecified)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers are the file format: they may never change.
    #[test]
    fn codes_are_fixed_and_read_back() {
        let runs: Vec<i32> = RunStatus::ALL.into_iter().map(run_status_code).collect();
        assert_eq!(runs, [0, 1, 2, 6, 3, 4, 5]);
        for status in RunStatus::ALL {
            assert_eq!(run_status_of(run_status_code(status)), status);
        }
        for (code, state) in STATES.into_iter().enumerate() {
            assert_eq!(component_state_code(state), code as i32);
            assert_eq!(component_state_of(code as i32), state);
        }
        assert_eq!(run_status_of(99), RunStatus::Unknown);
    }
}
