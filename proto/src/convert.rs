//! Hand-written conversions between the shared domain types of
//! `flowctl-core` and their wire forms, next to the generated code.

use flowctl_core::{ComponentState, RunStatus};

use crate::daemon::v1 as wire;

impl From<RunStatus> for wire::RunStatus {
    fn from(status: RunStatus) -> Self {
        match status {
            RunStatus::Unknown => wire::RunStatus::Unknown,
            RunStatus::Starting => wire::RunStatus::Starting,
            RunStatus::Running => wire::RunStatus::Running,
            RunStatus::Stopping => wire::RunStatus::Stopping,
            RunStatus::Completed => wire::RunStatus::Completed,
            RunStatus::Failed => wire::RunStatus::Failed,
            RunStatus::Stopped => wire::RunStatus::Stopped,
        }
    }
}

impl From<wire::RunStatus> for RunStatus {
    fn from(status: wire::RunStatus) -> Self {
        match status {
            wire::RunStatus::Unknown => RunStatus::Unknown,
            wire::RunStatus::Starting => RunStatus::Starting,
            wire::RunStatus::Running => RunStatus::Running,
            wire::RunStatus::Stopping => RunStatus::Stopping,
            wire::RunStatus::Completed => RunStatus::Completed,
            wire::RunStatus::Failed => RunStatus::Failed,
            wire::RunStatus::Stopped => RunStatus::Stopped,
        }
    }
}

impl From<ComponentState> for wire::ComponentState {
    fn from(state: ComponentState) -> Self {
        match state {
            ComponentState::Unspecified => wire::ComponentState::Unspecified,
            ComponentState::Pending => wire::ComponentState::Pending,
            ComponentState::Starting => wire::ComponentState::Starting,
            ComponentState::Running => wire::ComponentState::Running,
            ComponentState::Stopping => wire::ComponentState::Stopping,
            ComponentState::Exited => wire::ComponentState::Exited,
            ComponentState::Failed => wire::ComponentState::Failed,
            ComponentState::Restarting => wire::ComponentState::Restarting,
        }
    }
}

impl From<wire::ComponentState> for ComponentState {
    fn from(state: wire::ComponentState) -> Self {
        match state {
            wire::ComponentState::Unspecified => ComponentState::Unspecified,
            wire::ComponentState::Pending => ComponentState::Pending,
            wire::ComponentState::Starting => ComponentState::Starting,
            wire::ComponentState::Running => ComponentState::Running,
            wire::ComponentState::Stopping => ComponentState::Stopping,
            wire::ComponentState::Exited => ComponentState::Exited,
            wire::ComponentState::Failed => ComponentState::Failed,
            wire::ComponentState::Restarting => ComponentState::Restarting,
        }
    }
}

/// The run status of a wire record (unknown values read as `Unknown`).
pub fn run_status(raw: i32) -> RunStatus {
    wire::RunStatus::try_from(raw).map_or(RunStatus::Unknown, RunStatus::from)
}

/// The component state of a wire record (unknown values read as `Unspecified`).
pub fn component_state(raw: i32) -> ComponentState {
    wire::ComponentState::try_from(raw).map_or(ComponentState::Unspecified, ComponentState::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_and_state_survives_the_wire() {
        for status in RunStatus::ALL {
            assert_eq!(run_status(wire::RunStatus::from(status) as i32), status);
        }
        for raw in 0..8 {
            let state = component_state(raw);
            assert_eq!(wire::ComponentState::from(state) as i32, raw);
        }
        assert_eq!(run_status(99), RunStatus::Unknown);
    }
}
