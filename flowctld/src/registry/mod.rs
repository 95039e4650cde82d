//! The control-plane registry: registered components, their health and TTL.
//!
//! Both gRPC control planes (`flowctl.v1` and the legacy `flowctl`) are views
//! over this one table. Health is computed when it is read, so a component
//! whose heartbeats stopped is shown unhealthy the moment its TTL passes;
//! [`Registry::expire_on_deadlines`] *announces* each expiry at that moment
//! to whoever listens (the supervisor restarts a hung component).
//!
//! Layout:
//! - this file: the table, registration, heartbeats, lookups;
//! - [`component`]: what a component says about itself, health, roles;
//! - `expiry`: each registration's deadline, and the task that announces it;
//! - `stored`: registrations to and from the store's records.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::{Notify, broadcast};

use crate::error::{Error, Result};
use crate::store::Store;

pub mod component;
mod expiry;
mod stored;
pub use component::{ComponentInfo, Health, Role};

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
    pub reported: Health,
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
    /// Health as users should see it now: UNHEALTHY from its deadline on.
    pub fn health(&self, ttl: Duration, now: Instant) -> Health {
        if self.stale || now >= self.deadline(ttl) {
            Health::Unhealthy
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
    /// The TTL passed without a heartbeat (announced at that moment).
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
    /// Only components of this role (`Unspecified` or `None`: any).
    pub role: Option<Role>,
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
    /// Woken when a registration gains a deadline (registered, recovered),
    /// for the task that sleeps until the next one.
    deadlines: Notify,
    /// Registrations and heartbeats accepted since the daemon started
    /// (`/metrics`).
    registrations: AtomicU64,
    heartbeats: AtomicU64,
}

impl Registry {
    /// A registry in memory only.
    pub fn new(ttl: Duration) -> Registry {
        Registry {
            entries: Mutex::new(HashMap::new()),
            ttl,
            changes: broadcast::channel(1024).0,
            store: None,
            deadlines: Notify::new(),
            registrations: AtomicU64::new(0),
            heartbeats: AtomicU64::new(0),
        }
    }

    /// A registry kept in `store`. Entries a previous daemon recorded come
    /// back stale: listed, never healthy until they heartbeat again (an
    /// external component that survived the daemon recovers that way).
    pub fn open(ttl: Duration, store: Arc<Store>) -> Result<Registry> {
        let now = Instant::now();
        let entries = store
            .load_registrations()?
            .into_iter()
            .map(|stored| {
                let entry = stored::entry_of(stored, now);
                (entry.service_id.clone(), entry)
            })
            .collect();
        Ok(Registry {
            entries: Mutex::new(entries),
            store: Some(store),
            ..Registry::new(ttl)
        })
    }

    /// How long a registration stays healthy without a heartbeat.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// Follows every change from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.changes.subscribe()
    }

    /// Registers, or re-registers (an upsert keyed by service id).
    ///
    /// A registration the store cannot write (a full disk) is kept in
    /// memory all the same: the next daemon shows stored registrations only
    /// as stale, until their components register again, so one it does not
    /// find is no different, and a full disk (often a component's own logs)
    /// must not stop components from registering.
    pub fn register(&self, registration: Registration) -> Result<Entry> {
        let now = SystemTime::now();
        if let Some(store) = &self.store
            && let Err(err) = store.put_registration(&stored::registration_of(&registration, now))
        {
            tracing::warn!(service_id = %registration.service_id, %err, "cannot store a registration");
        }
        let entry = Entry {
            service_id: registration.service_id.clone(),
            info: registration.info,
            reported: Health::Healthy,
            registered_at: now,
            last_heartbeat: None,
            last_seen: Instant::now(),
            metrics: HashMap::new(),
            owner: registration.owner,
            stale: false,
        };
        self.lock()
            .insert(registration.service_id.clone(), entry.clone());
        self.deadlines.notify_one();
        self.registrations.fetch_add(1, Relaxed);
        let _ = self
            .changes
            .send(Change::Registered(registration.service_id));
        Ok(entry)
    }

    /// Records a heartbeat. UNKNOWN means "alive, no opinion" and counts as
    /// HEALTHY, which also recovers a component whose TTL had passed.
    pub fn heartbeat(
        &self,
        service_id: &str,
        status: Health,
        metrics: HashMap<String, String>,
    ) -> Result<()> {
        let recovered = {
            let mut entries = self.lock();
            let entry = entries
                .get_mut(service_id)
                .ok_or_else(|| Error::ServiceNotFound(service_id.to_owned()))?;
            let was_waiting = entry.awaits_expiry();
            entry.reported = match status {
                Health::Unknown => Health::Healthy,
                other => other,
            };
            entry.last_heartbeat = Some(SystemTime::now());
            entry.last_seen = Instant::now();
            entry.stale = false;
            if !metrics.is_empty() {
                entry.metrics = metrics;
            }
            !was_waiting && entry.awaits_expiry()
        };
        // A deadline that only moved later needs no wake-up: the task finds
        // nothing due at the old one and sleeps again.
        if recovered {
            self.deadlines.notify_one();
        }
        self.heartbeats.fetch_add(1, Relaxed);
        let _ = self.changes.send(Change::Heartbeat(service_id.to_owned()));
        Ok(())
    }

    /// Forgets a registration.
    pub fn unregister(&self, service_id: &str) -> Result<Entry> {
        // As in `register`: a stored registration left behind comes back
        // only stale, so a full disk does not refuse this.
        if let Some(store) = &self.store
            && let Err(err) = store.delete_registration(service_id)
        {
            tracing::warn!(%service_id, %err, "cannot forget a stored registration");
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

    /// One registration by its service id.
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

    /// Registrations and heartbeats accepted since the daemon started.
    pub fn received(&self) -> (u64, u64) {
        (
            self.registrations.load(Relaxed),
            self.heartbeats.load(Relaxed),
        )
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
    pub fn health(&self, entry: &Entry) -> Health {
        entry.health(self.ttl, Instant::now())
    }

    fn matches(&self, entry: &Entry, filter: &Filter, now: Instant) -> bool {
        if let Some(role) = filter.role
            && role != Role::Unspecified
            && entry.info.role != role
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
        filter.include_unhealthy || entry.health(self.ttl, now).is_serving()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        // A panic while holding the lock cannot leave an entry half-written
        // (every update is a single assignment), so a poisoned lock is usable.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A source registering as `id`.
    pub(crate) fn registration(id: &str) -> Registration {
        Registration {
            service_id: id.into(),
            info: ComponentInfo {
                id: id.into(),
                role: Role::Source,
                output_event_types: vec!["tick".into()],
                ..Default::default()
            },
            owner: None,
        }
    }

    #[test]
    fn ttl_expiry_and_unknown_heartbeat_recovers() {
        let registry = Registry::new(Duration::from_millis(20));
        let entry = registry.register(registration("gen")).unwrap();
        assert_eq!(registry.health(&entry), Health::Healthy);
        assert!(registry.expire_at(Instant::now()).is_empty());
        let later = Instant::now() + Duration::from_millis(40);
        assert_eq!(registry.expire_at(later), vec!["gen".to_string()]);
        assert_eq!(
            registry.health(&registry.get("gen").unwrap()),
            Health::Unhealthy
        );
        assert!(registry.list(&Filter::default()).is_empty());
        registry
            .heartbeat("gen", Health::Unknown, HashMap::new())
            .unwrap();
        assert_eq!(
            registry.health(&registry.get("gen").unwrap()),
            Health::Healthy
        );
    }

    #[test]
    fn unknown_ids_are_not_found() {
        let registry = Registry::new(Duration::from_secs(30));
        let err = registry
            .heartbeat("nope", Health::Healthy, HashMap::new())
            .unwrap_err();
        assert!(matches!(err, Error::ServiceNotFound(_)));
    }

    #[test]
    fn discovery_filters() {
        let registry = Registry::new(Duration::from_secs(30));
        registry.register(registration("gen")).unwrap();
        let filter = Filter {
            role: Some(Role::Processor),
            ..Filter::default()
        };
        assert!(registry.list(&filter).is_empty());
        let filter = Filter {
            event_types: vec!["tick".into()],
            ..Filter::default()
        };
        assert_eq!(registry.list(&filter).len(), 1);
    }

    /// What a component said survives a daemon restart; it comes back
    /// stale (listed, unhealthy) and recovers on its first heartbeat.
    #[test]
    fn registrations_come_back_stale_from_the_store() {
        let store = Arc::new(Store::in_memory().unwrap());
        let mut registration = registration("gen");
        registration.info.endpoint = "127.0.0.1:7".into();
        Registry::open(Duration::from_secs(30), store.clone())
            .unwrap()
            .register(registration.clone())
            .unwrap();
        let reopened = Registry::open(Duration::from_secs(30), store).unwrap();
        let entry = reopened.get("gen").unwrap();
        assert_eq!(entry.info, registration.info);
        assert_eq!(reopened.health(&entry), Health::Unhealthy);
        assert_eq!(reopened.next_deadline(), None);
        reopened
            .heartbeat("gen", Health::Unknown, HashMap::new())
            .unwrap();
        assert_eq!(
            reopened.health(&reopened.get("gen").unwrap()),
            Health::Healthy
        );
        assert!(reopened.next_deadline().is_some());
    }
}
