//! Requests of tests that play a component to the daemon's control plane.

use flowctl_proto::v1::{ComponentInfo, RegisterRequest};

/// The registration of a component known by its `id` alone, as a load test
/// or an SDK that sets nothing else sends it.
pub fn registration(id: &str) -> RegisterRequest {
    RegisterRequest {
        component: Some(ComponentInfo {
            id: id.to_owned(),
            ..Default::default()
        }),
        component_id: String::new(),
    }
}
