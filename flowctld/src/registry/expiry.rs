//! Heartbeat expiry at each registration's own deadline.
//!
//! Every registration that is not already unhealthy has a deadline: its last
//! sign of life plus the TTL. One task sleeps until the earliest deadline,
//! announces what is due, and sleeps again; it is woken early only when a
//! registration gains a deadline (registered, or recovered by a heartbeat),
//! since a heartbeat otherwise only moves a deadline later. So a hung
//! component is announced the moment its TTL passes, whatever the janitor's
//! interval.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{Change, Entry, Health, Registry};

impl Entry {
    /// When this registration expires unless it heartbeats before.
    pub fn deadline(&self, ttl: Duration) -> Instant {
        self.last_seen + ttl
    }

    /// Whether its expiry is still to be announced: it is neither stale (a
    /// previous daemon's) nor already unhealthy.
    pub(super) fn awaits_expiry(&self) -> bool {
        !self.stale && self.reported != Health::Unhealthy
    }
}

impl Registry {
    /// Announces, at each registration's deadline, that its heartbeats
    /// expired ([`Change::Expired`]) and marks it UNHEALTHY. Runs until the
    /// task is dropped; the daemon runs it for its whole life.
    pub async fn expire_on_deadlines(self: Arc<Self>) {
        loop {
            self.expire_at(Instant::now());
            let woken = self.deadlines.notified();
            match self.next_deadline() {
                Some(at) => {
                    tokio::select! {
                        () = tokio::time::sleep_until(at.into()) => {}
                        () = woken => {}
                    }
                }
                None => woken.await,
            }
        }
    }

    /// The earliest deadline still to be announced.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.lock()
            .values()
            .filter(|e| e.awaits_expiry())
            .map(|e| e.deadline(self.ttl))
            .min()
    }

    /// Announces every registration whose deadline is `now` or earlier and
    /// marks it UNHEALTHY; returns their ids. Tests hand in a later instant
    /// instead of waiting for the TTL to pass.
    pub fn expire_at(&self, now: Instant) -> Vec<String> {
        let expired: Vec<String> = {
            let mut entries = self.lock();
            entries
                .values_mut()
                .filter(|e| e.awaits_expiry() && now >= e.deadline(self.ttl))
                .map(|e| {
                    e.reported = Health::Unhealthy;
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
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::registry::tests::registration;

    #[test]
    fn each_registration_expires_at_its_own_deadline() {
        let ttl = Duration::from_secs(10);
        let registry = Registry::new(ttl);
        assert_eq!(registry.next_deadline(), None);
        let first = registry.register(registration("first")).unwrap();
        let second = registry.register(registration("second")).unwrap();
        assert_eq!(registry.next_deadline(), Some(first.deadline(ttl)));
        // Just before the first deadline nothing is due; at it, only the first.
        let just_before = first.deadline(ttl) - Duration::from_millis(1);
        assert!(registry.expire_at(just_before).is_empty());
        assert_eq!(registry.expire_at(first.deadline(ttl)), ["first"]);
        assert_eq!(registry.next_deadline(), Some(second.deadline(ttl)));
        // An expiry is announced once.
        assert_eq!(registry.expire_at(second.deadline(ttl)), ["second"]);
        assert!(registry.expire_at(second.deadline(ttl) + ttl).is_empty());
        assert_eq!(registry.next_deadline(), None);
    }

    #[test]
    fn a_heartbeat_after_expiry_recovers_and_arms_a_new_deadline() {
        let ttl = Duration::from_secs(10);
        let registry = Registry::new(ttl);
        let entry = registry.register(registration("gen")).unwrap();
        assert_eq!(registry.expire_at(entry.deadline(ttl)), ["gen"]);
        registry
            .heartbeat("gen", Health::Unknown, HashMap::new())
            .unwrap();
        let recovered = registry.get("gen").unwrap();
        assert_eq!(registry.health(&recovered), Health::Healthy);
        assert_eq!(registry.next_deadline(), Some(recovered.deadline(ttl)));
        assert_eq!(registry.expire_at(recovered.deadline(ttl)), ["gen"]);
    }

    /// The task announces an expiry once the deadline has passed (never
    /// before), and is woken by a recovery to announce the next one.
    #[tokio::test]
    async fn the_task_announces_at_the_deadline_and_after_a_recovery() {
        let ttl = Duration::from_millis(50);
        let registry = Arc::new(Registry::new(ttl));
        let mut changes = registry.subscribe();
        let task = tokio::spawn(registry.clone().expire_on_deadlines());
        let entry = registry.register(registration("gen")).unwrap();
        let expired = next_expiry(&mut changes).await;
        assert!(Instant::now() >= entry.deadline(ttl));
        assert_eq!(expired, "gen");
        registry
            .heartbeat("gen", Health::Healthy, HashMap::new())
            .unwrap();
        let recovered = registry.get("gen").unwrap();
        assert_eq!(next_expiry(&mut changes).await, "gen");
        assert!(Instant::now() >= recovered.deadline(ttl));
        task.abort();
    }

    /// The next `Expired` announced, waited for with a generous bound.
    async fn next_expiry(changes: &mut tokio::sync::broadcast::Receiver<Change>) -> String {
        let wait = async {
            loop {
                if let Ok(Change::Expired(id)) = changes.recv().await {
                    return id;
                }
            }
        };
        tokio::time::timeout(Duration::from_secs(10), wait)
            .await
            .expect("no expiry announced within 10 s")
    }
}
