//! Registrations as the store keeps them.

use std::collections::HashMap;
use std::time::{Instant, SystemTime};

use super::{ComponentInfo, Entry, Health, Registration, Role};
use crate::store::{StoredComponentInfo, StoredRegistration};
use flowctl_core::clock::{from_unix_ms, unix_ms};

/// The record of a registration made at `at`.
pub(super) fn registration_of(registration: &Registration, at: SystemTime) -> StoredRegistration {
    let info = &registration.info;
    StoredRegistration {
        service_id: registration.service_id.clone(),
        info: StoredComponentInfo {
            id: info.id.clone(),
            name: info.name.clone(),
            description: info.description.clone(),
            version: info.version.clone(),
            role: info.role.name().into(),
            input_event_types: info.input_event_types.clone(),
            output_event_types: info.output_event_types.clone(),
            endpoint: info.endpoint.clone(),
            metadata: info.metadata.clone(),
        },
        registered_at_ms: unix_ms(at),
    }
}

/// A registration a previous daemon recorded: stale (never healthy) until
/// it heartbeats again.
pub(super) fn entry_of(stored: StoredRegistration, now: Instant) -> Entry {
    let info = stored.info;
    Entry {
        service_id: stored.service_id,
        info: ComponentInfo {
            role: Role::from_name(&info.role),
            id: info.id,
            name: info.name,
            description: info.description,
            version: info.version,
            input_event_types: info.input_event_types,
            output_event_types: info.output_event_types,
            endpoint: info.endpoint,
            metadata: info.metadata,
        },
        reported: Health::Unhealthy,
        registered_at: from_unix_ms(stored.registered_at_ms),
        last_heartbeat: None,
        last_seen: now,
        metrics: HashMap::new(),
        owner: None,
        stale: true,
    }
}
