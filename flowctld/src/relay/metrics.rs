//! Counters the relay keeps per component and per edge, and the snapshots
//! [`super::Relay::metrics`] hands out.
//!
//! Counters are atomics bumped on the hot path; snapshots read them without
//! stopping the flow, so figures from one snapshot may be a few events apart.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Instant;

use flowctl_proto::v1::Event;
use tokio::sync::mpsc;

/// What the relay saw of one component.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ComponentMetrics {
    /// The component's id in the pipeline.
    pub id: String,
    /// Events the relay handed to it (its input streams), re-sends excluded.
    pub events_in: u64,
    /// Events the relay read from it (its output stream).
    pub events_out: u64,
    /// Payload bytes of `events_in`.
    pub bytes_in: u64,
    /// Payload bytes of `events_out`.
    pub bytes_out: u64,
    /// Events per second into it, over the time since the previous snapshot
    /// (at least a second), or since its first event for the first snapshot.
    pub rate_in: f64,
    /// Events per second out of it, measured like `rate_in`.
    pub rate_out: f64,
    /// Events handed to it again after a reconnection (see the relay's
    /// guarantees); they are not counted in `events_in`.
    pub resent: u64,
    /// Events a consumer reported as failed in its `ConsumeResponse`.
    pub failed: u64,
    /// Connections made to it after the first one.
    pub reconnects: u64,
    /// Whether a data-plane stream to it is open now.
    pub connected: bool,
    /// Whether its part of the flow is complete (source ended, or input
    /// ended and its output drained).
    pub finished: bool,
    /// The last connection or stream error, if any.
    pub last_error: Option<String>,
}

/// What moved along one edge (`from` is listed in `to`'s `inputs`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EdgeMetrics {
    /// The producing component.
    pub from: String,
    /// The receiving component.
    pub to: String,
    /// Events put into the edge's buffer.
    pub events: u64,
    /// Payload bytes of `events`.
    pub bytes: u64,
    /// Events not sent along this edge because `to` does not list their type
    /// in its `input_event_types`.
    pub filtered: u64,
    /// Events discarded because `to` registered without a data-plane
    /// endpoint and so cannot receive them; 0 otherwise (the relay is
    /// lossless).
    pub drops: u64,
    /// Events in the edge's buffer now.
    pub buffered: u64,
    /// The most events the buffer ever held; never above `capacity`.
    pub max_buffered: u64,
    /// The buffer's bound; a full buffer makes `from` wait.
    pub capacity: u64,
}

/// Everything [`super::Relay::metrics`] reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RelayMetrics {
    /// One entry per component taking part in the flow, in pipeline order.
    pub components: Vec<ComponentMetrics>,
    /// One entry per edge, in pipeline order of the receiving component.
    pub edges: Vec<EdgeMetrics>,
}

impl RelayMetrics {
    /// The entry of component `id`.
    pub fn component(&self, id: &str) -> Option<&ComponentMetrics> {
        self.components.iter().find(|c| c.id == id)
    }

    /// The entry of the edge `from -> to`.
    pub fn edge(&self, from: &str, to: &str) -> Option<&EdgeMetrics> {
        self.edges.iter().find(|e| e.from == from && e.to == to)
    }
}

/// Live counters of one component.
#[derive(Debug, Default)]
pub(crate) struct ComponentStats {
    pub events_in: AtomicU64,
    pub bytes_in: AtomicU64,
    pub events_out: AtomicU64,
    pub bytes_out: AtomicU64,
    pub resent: AtomicU64,
    pub failed: AtomicU64,
    pub reconnects: AtomicU64,
    pub connected: AtomicBool,
    pub finished: AtomicBool,
    pub last_error: Mutex<Option<String>>,
    /// When the first event went in or out, the start of the first rate.
    pub first_event: OnceLock<Instant>,
}

impl ComponentStats {
    /// Counts one event handed to the component.
    pub fn count_in(&self, event: &Event) {
        self.first_event.get_or_init(Instant::now);
        self.events_in.fetch_add(1, Relaxed);
        self.bytes_in.fetch_add(event.payload.len() as u64, Relaxed);
    }

    /// Counts one event read from the component.
    pub fn count_out(&self, event: &Event) {
        self.first_event.get_or_init(Instant::now);
        self.events_out.fetch_add(1, Relaxed);
        self.bytes_out
            .fetch_add(event.payload.len() as u64, Relaxed);
    }

    /// Remembers why the last connection or stream failed.
    pub fn set_error(&self, message: &str) {
        *self
            .last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(message.to_owned());
    }

    fn snapshot(&self, id: &str) -> ComponentMetrics {
        ComponentMetrics {
            id: id.to_owned(),
            events_in: self.events_in.load(Relaxed),
            events_out: self.events_out.load(Relaxed),
            bytes_in: self.bytes_in.load(Relaxed),
            bytes_out: self.bytes_out.load(Relaxed),
            rate_in: 0.0,
            rate_out: 0.0,
            resent: self.resent.load(Relaxed),
            failed: self.failed.load(Relaxed),
            reconnects: self.reconnects.load(Relaxed),
            connected: self.connected.load(Relaxed),
            finished: self.finished.load(Relaxed),
            last_error: self
                .last_error
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
        }
    }
}

/// Live counters of one edge.
#[derive(Debug)]
pub(crate) struct EdgeStats {
    pub from: String,
    pub to: String,
    pub capacity: usize,
    pub events: AtomicU64,
    pub bytes: AtomicU64,
    pub filtered: AtomicU64,
    pub drops: AtomicU64,
    pub max_buffered: AtomicU64,
    /// Reads the buffer's fill level without keeping the edge open: a strong
    /// sender here would stop the receiver from ever seeing the end.
    pub level: OnceLock<mpsc::WeakSender<Event>>,
}

impl EdgeStats {
    pub fn new(from: &str, to: &str, capacity: usize) -> EdgeStats {
        EdgeStats {
            from: from.to_owned(),
            to: to.to_owned(),
            capacity,
            events: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            filtered: AtomicU64::new(0),
            drops: AtomicU64::new(0),
            max_buffered: AtomicU64::new(0),
            level: OnceLock::new(),
        }
    }

    fn snapshot(&self) -> EdgeMetrics {
        let buffered = self
            .level
            .get()
            .and_then(mpsc::WeakSender::upgrade)
            .map_or(0, |tx| tx.max_capacity() - tx.capacity());
        EdgeMetrics {
            from: self.from.clone(),
            to: self.to.clone(),
            events: self.events.load(Relaxed),
            bytes: self.bytes.load(Relaxed),
            filtered: self.filtered.load(Relaxed),
            drops: self.drops.load(Relaxed),
            buffered: buffered as u64,
            max_buffered: self.max_buffered.load(Relaxed),
            capacity: self.capacity as u64,
        }
    }
}

/// Counts of the previous snapshot, from which rates are computed.
#[derive(Debug, Default)]
pub(crate) struct Rates {
    last: Mutex<HashMap<String, Sample>>,
}

#[derive(Debug, Clone, Copy)]
struct Sample {
    at: Instant,
    events_in: u64,
    events_out: u64,
    rate_in: f64,
    rate_out: f64,
}

/// Rates are measured over at least this long, so that snapshots taken in
/// quick succession do not report noise.
const MIN_RATE_WINDOW: f64 = 1.0;

impl Rates {
    /// A snapshot of every counter, with rates since the previous snapshot.
    pub fn snapshot<'a>(
        &self,
        components: impl Iterator<Item = (&'a str, &'a ComponentStats)>,
        edges: impl Iterator<Item = &'a EdgeStats>,
    ) -> RelayMetrics {
        let now = Instant::now();
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        let components = components
            .map(|(id, stats)| {
                let mut metrics = stats.snapshot(id);
                let sample = match last.get(id) {
                    Some(prev) => {
                        let window = now.duration_since(prev.at).as_secs_f64();
                        if window < MIN_RATE_WINDOW {
                            *prev
                        } else {
                            Sample {
                                at: now,
                                events_in: metrics.events_in,
                                events_out: metrics.events_out,
                                rate_in: (metrics.events_in - prev.events_in) as f64 / window,
                                rate_out: (metrics.events_out - prev.events_out) as f64 / window,
                            }
                        }
                    }
                    None => {
                        let window = stats
                            .first_event
                            .get()
                            .map_or(0.0, |first| now.duration_since(*first).as_secs_f64());
                        let per_second =
                            |n: u64| if window > 0.0 { n as f64 / window } else { 0.0 };
                        Sample {
                            at: now,
                            events_in: metrics.events_in,
                            events_out: metrics.events_out,
                            rate_in: per_second(metrics.events_in),
                            rate_out: per_second(metrics.events_out),
                        }
                    }
                };
                last.insert(id.to_owned(), sample);
                metrics.rate_in = sample.rate_in;
                metrics.rate_out = sample.rate_out;
                metrics
            })
            .collect();
        RelayMetrics {
            components,
            edges: edges.map(EdgeStats::snapshot).collect(),
        }
    }
}
