//! The daemon-wide numbers nothing else keeps: restarts by reason and the
//! time from spawn to ready. The supervisor bumps them as it restarts and
//! readies components; they are plain counters (never pruned: their labels
//! are a fixed, small set).

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

use prometheus_client::metrics::histogram::Histogram;

/// Why a component was restarted, as a bounded label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestartReason {
    /// Its process exited (a failure, or any exit under `always`).
    Exited,
    /// Its heartbeats stopped for longer than the TTL.
    Hung,
    /// Its liveness probe failed too often.
    Liveness,
    /// It held more memory than `resources.limits.memory`.
    Memory,
    /// It did not become ready within its `start_timeout`.
    StartTimeout,
    /// A user restarted it (`flowctl restart`).
    ByHand,
}

impl RestartReason {
    /// Every reason, in the order they are exposed.
    pub const ALL: [RestartReason; 6] = [
        RestartReason::Exited,
        RestartReason::Hung,
        RestartReason::Liveness,
        RestartReason::Memory,
        RestartReason::StartTimeout,
        RestartReason::ByHand,
    ];

    /// The label value.
    pub fn label(self) -> &'static str {
        match self {
            RestartReason::Exited => "exited",
            RestartReason::Hung => "hung",
            RestartReason::Liveness => "liveness",
            RestartReason::Memory => "memory",
            RestartReason::StartTimeout => "start_timeout",
            RestartReason::ByHand => "by_hand",
        }
    }

    /// The reason a restart's text (`last_restart_reason`, as the state
    /// machine words it in `machine/exit.rs` and `machine/start.rs`) gives:
    /// a reason of our own comes first, the exit after it.
    pub fn of(text: &str) -> RestartReason {
        if text.starts_with("restarted by hand") {
            RestartReason::ByHand
        } else if text.starts_with("no heartbeat for") {
            RestartReason::Hung
        } else if text.starts_with("liveness probe failed") {
            RestartReason::Liveness
        } else if text.starts_with("did not become ready within") {
            RestartReason::StartTimeout
        } else if text.starts_with("used ") && text.contains("memory limit") {
            RestartReason::Memory
        } else {
            RestartReason::Exited
        }
    }
}

/// Upper bounds of the spawn-to-ready histogram, in seconds: from a
/// `readiness: started` program (milliseconds) to a slow registration.
const READY_BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Counters the supervisor keeps for `/metrics`.
#[derive(Debug)]
pub struct Counters {
    restarts: [AtomicU64; RestartReason::ALL.len()],
    /// Seconds from an instance's spawn to its being ready.
    pub ready: Histogram,
}

impl Default for Counters {
    fn default() -> Counters {
        Counters {
            restarts: Default::default(),
            ready: Histogram::new(READY_BUCKETS),
        }
    }
}

impl Counters {
    /// Counts one restart.
    pub fn restarted(&self, reason: RestartReason) {
        self.restarts[reason as usize].fetch_add(1, Relaxed);
    }

    /// Restarts so far, for every reason.
    pub fn restarts(&self) -> impl Iterator<Item = (RestartReason, u64)> + '_ {
        RestartReason::ALL
            .into_iter()
            .map(|reason| (reason, self.restarts[reason as usize].load(Relaxed)))
    }

    /// Notes that an instance became ready `after` its spawn.
    pub fn ready_after(&self, after: Duration) {
        self.ready.observe(after.as_secs_f64());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each way the state machine words a restart has its own reason.
    #[test]
    fn restart_texts_have_their_reasons() {
        let cases = [
            ("restarted by hand; exit status 0", RestartReason::ByHand),
            (
                "no heartbeat for 30s (hung); signal 15 (SIGTERM)",
                RestartReason::Hung,
            ),
            (
                "liveness probe failed 3 times in a row: connection refused; exit status 1",
                RestartReason::Liveness,
            ),
            (
                "did not become ready within 30s (start_timeout); if it never ...",
                RestartReason::StartTimeout,
            ),
            (
                "used 300.0 MiB, over its memory limit of 256.0 MiB (resources.limits.memory)",
                RestartReason::Memory,
            ),
            ("exit status 1", RestartReason::Exited),
            ("signal 9 (SIGKILL)", RestartReason::Exited),
        ];
        for (text, reason) in cases {
            assert_eq!(RestartReason::of(text), reason, "{text}");
        }
    }

    #[test]
    fn restarts_are_counted_per_reason() {
        let counters = Counters::default();
        counters.restarted(RestartReason::Hung);
        counters.restarted(RestartReason::Hung);
        counters.restarted(RestartReason::ByHand);
        let counts: Vec<(RestartReason, u64)> = counters.restarts().collect();
        assert_eq!(counts.len(), RestartReason::ALL.len());
        assert!(counts.contains(&(RestartReason::Hung, 2)));
        assert!(counts.contains(&(RestartReason::ByHand, 1)));
        assert!(counts.contains(&(RestartReason::Exited, 0)));
    }
}
