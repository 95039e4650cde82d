//! The control-plane registry: registered components, their health and TTL.
//!
//! Both gRPC control planes (`flowctl.v1` and the legacy `flowctl`) are views
//! over this one table. Health is computed when it is read, so a component
//! whose heartbeats stopped is shown unhealthy the moment its TTL passes, not
//! only after the next janitor pass; the janitor exists to *announce* expiry
//! to whoever listens (the supervisor).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use flowctl_proto::v1::{ComponentInfo, ComponentType, HealthStatus};
use tokio::sync::broadcast;

use crate::error::{Error, Result};
use crate::store::{Store, StoredRegistration};
use prost::Message;
use std::sync::Arc;

/// The supervised component a registration belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub run_id: String,
    /// The component's id in the pipeline file.
    pub component: String,
}

/// One registered component.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The key: `component_id` if given at registration, else `component.id`.
    pub service_id: String,
    pub info: ComponentInfo,
    /// The last status reported (UNKNOWN heartbeats are stored as HEALTHY).
    pub reported: HealthStatus,
    pub registered_at: SystemTime,
    pub last_heartbeat: Option<SystemTime>,
    /// When the component last showed life; the TTL counts from here.
    pub last_seen: Instant,
    pub metrics: HashMap<String, String>,
    /// Set when the registration came from a process this daemon supervises.
    pub owner: Option<Owner>,
    /// Loaded from a previous daemon's store and not heard from since:
    /// never shown healthy until it heartbeats again.
    pub stale: bool,
}

impl Entry {
    /// Health as users should see it now: UNHEALTHY once the TTL has passed.
    pub fn health(&self, ttl: Duration, now: Instant) -> HealthStatus {
        if self.stale || now.duration_since(self.last_seen) > ttl {
            HealthStatus::Unhealthy
        } else {
            self.reported
        }
    }
}

/// What changed in the registry, for those who wait on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Registered(String),
    /// A heartbeat (of any status) arrived for this id.
    Heartbeat(String),
    /// The TTL passed without a heartbeat.
    Expired(String),
    Unregistered(String),
}

/// Registration as the API layers hand it over.
#[derive(Debug, Clone)]
pub struct Registration {
    pub service_id: String,
    pub info: ComponentInfo,
    pub owner: Option<Owner>,
}

/// Filters of `ListComponents` / `DiscoverComponents`.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kind: Option<ComponentType>,
    /// Matches when any of these is among the input or output types.
    pub event_types: Vec<String>,
    /// Every pair must be in the component's metadata.
    pub metadata: HashMap<String, String>,
    pub include_unhealthy: bool,
}

/// The table of registered components.
#[derive(Debug)]
pub struct Registry {
    entries: Mutex<HashMap<String, Entry>>,
    ttl: Duration,
    changes: broadcast::Sender<Change>,
    store: Option<Arc<Store>>,
}

impl Registry {
    /// A registry in memory only.
    pub fn new(ttl: Duration) -> Registry {
        Registry {
            entries: Mutex::new(HashMap::new()),
            ttl,
            changes: broadcast::channel(1024).0,
            store: None,
        }
    }

    /// A registry kept in `store`. Entries a previous daemon recorded come
    /// back stale: listed, never healthy until they heartbeat again (an
    /// external component that survived the daemon revives that way).
    pub fn open(ttl: Duration, store: Arc<Store>) -> Result<Registry> {
        let now = Instant::now();
        let entries = store
            .load_registrations()?
            .into_iter()
            .map(|stored| {
                let entry = Entry {
                    service_id: stored.service_id.clone(),
                    info: ComponentInfo::decode(stored.info.as_slice()).unwrap_or_default(),
                    reported: HealthStatus::Unhealthy,
                    registered_at: std::time::UNIX_EPOCH
                        + Duration::from_millis(stored.registered_at_ms.max(0) as u64),
                    last_heartbeat: None,
                    last_seen: now,
                    metrics: HashMap::new(),
                    owner: None,
                    stale: true,
                };
                (stored.service_id, entry)
            })
            .collect();
        Ok(Registry {
            entries: Mutex::new(entries),
            ttl,
            changes: broadcast::channel(1024).0,
            store: Some(store),
        })
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// Follows every change from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.changes.subscribe()
    }

    /// Registers, or re-registers (an upsert keyed by service id).
    pub fn register(&self, registration: Registration) -> Result<Entry> {
        let now = SystemTime::now();
        if let Some(store) = &self.store {
            store.put_registration(&StoredRegistration {
                service_id: registration.service_id.clone(),
                info: registration.info.encode_to_vec(),
                registered_at_ms: flowctl_core::clock::unix_ms(now),
            })?;
        }
        let entry = Entry {
            service_id: registration.service_id.clone(),
            info: registration.info,
            reported: HealthStatus::Healthy,
            registered_at: now,
            last_heartbeat: None,
            last_seen: Instant::now(),
            metrics: HashMap::new(),
            owner: registration.owner,
            stale: false,
        };
        self.lock()
            .insert(registration.service_id.clone(), entry.clone());
        let _ = self
            .changes
            .send(Change::Registered(registration.service_id));
        Ok(entry)
    }

    /// Records a heartbeat. UNKNOWN means "alive, no opinion" and counts as
    /// HEALTHY, which also revives a component whose TTL had passed.
    pub fn heartbeat(
        &self,
        service_id: &str,
        status: HealthStatus,
        metrics: HashMap<String, String>,
    ) -> Result<()> {
        {
            let mut entries = self.lock();
            let entry = entries
                .get_mut(service_id)
                .ok_or_else(|| Error::ServiceNotFound(service_id.to_owned()))?;
            entry.reported = match status {
                HealthStatus::Unknown => HealthStatus::Healthy,
                other => other,
            };
            entry.last_heartbeat = Some(SystemTime::now());
            entry.last_seen = Instant::now();
            entry.stale = false;
            if !metrics.is_empty() {
                entry.metrics = metrics;
            }
        }
        let _ = self.changes.send(Change::Heartbeat(service_id.to_owned()));
        Ok(())
    }

    pub fn unregister(&self, service_id: &str) -> Result<Entry> {
        if let Some(store) = &self.store {
            store.delete_registration(service_id)?;
        }
        let entry = self
            .lock()
            .remove(service_id)
            .ok_or_else(|| Error::ServiceNotFound(service_id.to_owned()))?;
        let _ = self
            .changes
            .send(Change::Unregistered(service_id.to_owned()));
        Ok(entry)
    }

    /// Drops every registration a run's processes made (the run ended).
    pub fn remove_owned_by(&self, run_id: &str) {
        let removed: Vec<String> = {
            let mut entries = self.lock();
            let ids: Vec<String> = entries
                .values()
                .filter(|e| e.owner.as_ref().is_some_and(|o| o.run_id == run_id))
                .map(|e| e.service_id.clone())
                .collect();
            for id in &ids {
                entries.remove(id);
            }
            ids
        };
        for id in removed {
            if let Some(store) = &self.store
                && let Err(err) = store.delete_registration(&id)
            {
                tracing::warn!(service_id = %id, %err, "cannot forget a registration");
            }
            let _ = self.changes.send(Change::Unregistered(id));
        }
    }

    pub fn get(&self, service_id: &str) -> Result<Entry> {
        self.lock()
            .get(service_id)
            .cloned()
            .ok_or_else(|| Error::ServiceNotFound(service_id.to_owned()))
    }

    /// The registration a supervised component made, whatever id it used.
    pub fn owned_by(&self, run_id: &str, component: &str) -> Option<Entry> {
        self.lock()
            .values()
            .find(|e| {
                e.owner
                    .as_ref()
                    .is_some_and(|o| o.run_id == run_id && o.component == component)
            })
            .cloned()
    }

    /// Entries matching `filter`, sorted by service id.
    pub fn list(&self, filter: &Filter) -> Vec<Entry> {
        let now = Instant::now();
        let mut found: Vec<Entry> = self
            .lock()
            .values()
            .filter(|entry| self.matches(entry, filter, now))
            .cloned()
            .collect();
        found.sort_by(|a, b| a.service_id.cmp(&b.service_id));
        found
    }

    /// Number of registrations.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether nothing is registered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Health of one entry now.
    pub fn health(&self, entry: &Entry) -> HealthStatus {
        entry.health(self.ttl, Instant::now())
    }

    /// Announces every component whose TTL passed since the last pass and
    /// marks it UNHEALTHY. Returns the ids that expired.
    pub fn expire(&self) -> Vec<String> {
        self.expire_at(Instant::now())
    }

    /// [`Registry::expire`] as of `now` (tests pass a later instant instead
    /// of waiting for the TTL to pass).
    pub fn expire_at(&self, now: Instant) -> Vec<String> {
        let expired: Vec<String> = {
            let mut entries = self.lock();
            entries
                .values_mut()
                .filter(|e| {
                    e.reported != HealthStatus::Unhealthy
                        && now.duration_since(e.last_seen) > self.ttl
                })
                .map(|e| {
                    e.reported = HealthStatus::Unhealthy;
                    e.service_id.clone()
                })
                .collect()
        };
        for id in &expired {
            tracing::info!(service_id = %id, "heartbeat TTL passed: marked unhealthy");
            let _ = self.changes.send(Change::Expired(id.clone()));
        }
        expired
    }

    fn matches(&self, entry: &Entry, filter: &Filter, now: Instant) -> bool {
        if let Some(kind) = filter.kind
            && kind != ComponentType::Unspecified
            && entry.info.r#type() != kind
        {
            return false;
        }
        if !filter.event_types.is_empty() {
            let types = entry
                .info
                .input_event_types
                .iter()
                .chain(&entry.info.output_event_types);
            let mut types = types;
            if !types.any(|t| filter.event_types.contains(t)) {
                return false;
            }
        }
        if !filter
            .metadata
            .iter()
            .all(|(k, v)| entry.info.metadata.get(k) == Some(v))
        {
            return false;
        }
        filter.include_unhealthy || is_healthy(entry.health(self.ttl, now))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        // A panic while holding the lock cannot leave an entry half-written
        // (every update is a single assignment), so a poisoned lock is usable.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Healthy for listing and readiness: HEALTHY or DEGRADED (still serving).
pub fn is_healthy(status: HealthStatus) -> bool {
    matches!(status, HealthStatus::Healthy | HealthStatus::Degraded)
}

/// A status as users read it: `HEALTHY`, `UNHEALTHY`...
pub fn health_name(status: HealthStatus) -> &'static str {
    status
        .as_str_name()
        .strip_prefix("HEALTH_STATUS_")
        .unwrap_or("UNKNOWN")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registration(id: &str) -> Registration {
        Registration {
            service_id: id.into(),
            info: ComponentInfo {
                id: id.into(),
                r#type: ComponentType::Source as i32,
                output_event_types: vec!["tick".into()],
                ..Default::default()
            },
            owner: None,
        }
    }

    #[test]
    fn ttl_expiry_and_unknown_heartbeat_revives() {
        let registry = Registry::new(Duration::from_millis(20));
        let entry = registry.register(registration("gen")).unwrap();
        assert_eq!(registry.health(&entry), HealthStatus::Healthy);
        assert!(registry.expire().is_empty());
        let later = Instant::now() + Duration::from_millis(40);
        assert_eq!(registry.expire_at(later), vec!["gen".to_string()]);
        assert_eq!(
            registry.health(&registry.get("gen").unwrap()),
            HealthStatus::Unhealthy
        );
        assert!(registry.list(&Filter::default()).is_empty());
        registry
            .heartbeat("gen", HealthStatus::Unknown, HashMap::new())
            .unwrap();
        assert_eq!(
            registry.health(&registry.get("gen").unwrap()),
            HealthStatus::Healthy
        );
    }

    #[test]
    fn unknown_ids_are_not_found() {
        let registry = Registry::new(Duration::from_secs(30));
        let err = registry
            .heartbeat("nope", HealthStatus::Healthy, HashMap::new())
            .unwrap_err();
        assert!(matches!(err, Error::ServiceNotFound(_)));
    }

    #[test]
    fn discovery_filters() {
        let registry = Registry::new(Duration::from_secs(30));
        registry.register(registration("gen")).unwrap();
        let filter = Filter {
            kind: Some(ComponentType::Processor),
            ..Filter::default()
        };
        assert!(registry.list(&filter).is_empty());
        let filter = Filter {
            event_types: vec!["tick".into()],
            ..Filter::default()
        };
        assert_eq!(registry.list(&filter).len(), 1);
    }
}
