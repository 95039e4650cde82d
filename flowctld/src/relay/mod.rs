//! The data relay: moves events between a run's components along the
//! pipeline's `inputs` graph, as the old orchestrator did.
//!
//! Components serve the `flowctl.v1` data-plane services and never dial each
//! other; the relay dials them. It reads every source's `StreamEvents`,
//! feeds processors through `Process` and consumers through `Consume`, and
//! sends each event along every edge leaving its producer whose receiver
//! accepts its type (`input_event_types`; empty means all). Several inputs
//! are merged; diamonds and several sources work the same way.
//!
//! # Guarantees
//!
//! - **Backpressure, no silent loss.** Each edge is a bounded buffer of
//!   [`EDGE_CAPACITY`] events; a full edge makes its producer wait, and
//!   through it the source. Events are dropped only for a component that
//!   registered without an endpoint (it cannot receive them), and counted.
//! - **Order.** Events of one producer reach each receiver in the order the
//!   producer emitted them; events of different producers interleave.
//! - **Restarts.** [`Relay::component_gone`] ends the component's streams;
//!   its producers wait. Once [`Relay::component_ready`] gives its new
//!   endpoint:
//!   - a source is asked to resume after the last event the relay sent along
//!     all its edges (`resume: true, resume_token: <that event's id>`) if it
//!     answers `GetState`; otherwise its stream starts over;
//!   - a processor first gets again, in order, the inputs it had not
//!     accounted for (see `replay`): for a processor that keeps event ids and
//!     order (like the example `upper`), with fewer than [`REPLAY_EVENTS`]
//!     inputs inside it, nothing is lost and nothing duplicated; for others,
//!     what is re-sent may come out twice;
//!   - a consumer first gets again what it was sent since its last complete
//!     `Consume` stream and did not report as consumed (at most
//!     [`REPLAY_EVENTS`] events): a consumer killed mid-stream may see up to
//!     that many events twice (at least once); one that ends its stream
//!     cleanly with `events_consumed` sees none twice.
//! - **Retries.** Dials and broken streams are retried with a backoff from
//!   50 ms doubling to 1 s; a component that accepts no connection for its
//!   `start_timeout` fails the relay ([`Relay::finished`] returns the error).
//!
//! # Layout
//!
//! - `plan`: nodes and edges from the pipeline, a source's params;
//! - `edge`: bounded edges, fan-out with type filtering, merged inputs;
//! - `node`: a component's task: endpoint, connect, retry;
//! - `source`, `link`: the sessions with sources, processors and consumers;
//! - `replay`: what a restarted component gets again;
//! - `dial`: endpoints, backoff; `metrics`: counters and snapshots.

mod dial;
mod edge;
mod link;
mod metrics;
mod node;
mod plan;
mod replay;
mod source;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::watch;
use tokio::task::JoinSet;
use tracing::Instrument;

pub use edge::EDGE_CAPACITY;
pub use metrics::{ComponentMetrics, EdgeMetrics, RelayMetrics};
pub use replay::{REPLAY_BYTES, REPLAY_EVENTS};

use metrics::{ComponentStats, EdgeStats, Rates};
use node::{Node, Presence, Target};
use plan::Plan;

/// The relay of one run. Cheap to clone; every clone drives the same relay.
/// Dropping the last clone stops it like [`Relay::shutdown`].
#[derive(Debug, Clone)]
pub struct Relay {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    run_id: String,
    /// Where each component on an edge can be reached, watched by its task.
    presence: HashMap<String, watch::Sender<Presence>>,
    components: Vec<(String, Arc<ComponentStats>)>,
    edges: Vec<Arc<EdgeStats>>,
    rates: Rates,
    tracker: Arc<Tracker>,
    tasks: Mutex<JoinSet<()>>,
    /// Numbers registrations (see `Target::generation`).
    generations: AtomicU64,
}

/// Where the flow as a whole stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    Running,
    Finished,
    Failed(String),
    Stopped,
}

/// Counts the components whose part of the flow is not complete yet.
#[derive(Debug)]
struct Tracker {
    state: watch::Sender<State>,
    unfinished: Mutex<HashSet<String>>,
}

impl Tracker {
    fn report(&self, id: &str, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => {
                let mut unfinished = self
                    .unfinished
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                unfinished.remove(id);
                if unfinished.is_empty() {
                    self.settle(State::Finished);
                }
            }
            Err(message) => self.settle(State::Failed(message)),
        }
    }

    /// Moves to `state` unless the flow already ended one way or another.
    fn settle(&self, state: State) {
        self.state.send_if_modified(|current| {
            let change = *current == State::Running;
            if change {
                *current = state;
            }
            change
        });
    }
}

impl Relay {
    /// Lays out the flow of `pipeline` and starts one task per component on
    /// an edge; each waits for [`Relay::component_ready`]. Must be called
    /// inside a Tokio runtime.
    pub fn new(run_id: &str, pipeline: &flowctl_core::spec::Pipeline) -> Relay {
        let plan = Plan::new(pipeline);
        let tracker = Arc::new(Tracker {
            state: watch::channel(State::Running).0,
            unfinished: Mutex::new(plan.nodes.iter().map(|n| n.id.clone()).collect()),
        });
        let mut presence = HashMap::new();
        let mut components = Vec::new();
        let mut tasks = JoinSet::new();
        for plan_node in plan.nodes {
            let id = plan_node.id.clone();
            let (tx, rx) = watch::channel(Presence::Pending);
            let stats = Arc::new(ComponentStats::default());
            let node = Node::new(plan_node, stats.clone(), rx);
            let tracker = tracker.clone();
            let span = tracing::info_span!("relay", run = %run_id, component = %id);
            let report_as = id.clone();
            tasks.spawn(
                node.run(move |outcome| tracker.report(&report_as, outcome))
                    .instrument(span),
            );
            presence.insert(id.clone(), tx);
            components.push((id, stats));
        }
        Relay {
            inner: Arc::new(Inner {
                run_id: run_id.to_owned(),
                presence,
                components,
                edges: plan.edges,
                rates: Rates::default(),
                tracker,
                tasks: Mutex::new(tasks),
                generations: AtomicU64::new(0),
            }),
        }
    }

    /// Component `id` registered with data-plane `endpoint` (`host:port`):
    /// its streams open, and reopen there after a restart. An empty
    /// `endpoint` means it has none (a plain program, or `readiness:
    /// started`): it takes no part, and events meant for it are discarded
    /// and counted as drops rather than held back. Ids the relay has no
    /// edge for are ignored.
    pub fn component_ready(&self, id: &str, endpoint: &str) {
        let endpoint = endpoint.trim();
        let Some(tx) = self.inner.presence.get(id) else {
            return;
        };
        if endpoint.is_empty() {
            return self.set_presence(id, Presence::NoEndpoint);
        }
        // The same registration again (say, after a heartbeat was refused)
        // keeps the streams it has.
        if matches!(&*tx.borrow(), Presence::Ready(t) if t.endpoint == endpoint) {
            return;
        }
        let generation = self.inner.generations.fetch_add(1, Relaxed);
        self.set_presence(
            id,
            Presence::Ready(Target {
                endpoint: endpoint.to_owned(),
                generation,
            }),
        );
    }

    /// Component `id` exited or is restarting: its streams end, and its
    /// producers wait (backpressure) until it is ready again.
    pub fn component_gone(&self, id: &str) {
        self.set_presence(id, Presence::Gone);
    }

    fn set_presence(&self, id: &str, presence: Presence) {
        let Some(tx) = self.inner.presence.get(id) else {
            return;
        };
        tracing::debug!(run = %self.inner.run_id, component = %id, ?presence, "relay: presence");
        tx.send_if_modified(|current| {
            let change = *current != presence;
            *current = presence;
            change
        });
    }

    /// Resolves once every source's stream has ended and everything
    /// downstream has drained (processors ended their output after their
    /// input, consumers answered their `ConsumeResponse`); `Err(message)` if
    /// the relay failed for good. Never resolves for a pipeline without
    /// edges, while a component on an edge never registered an endpoint, or
    /// after [`Relay::shutdown`]: such runs end by their processes' exits.
    pub async fn finished(&self) -> Result<(), String> {
        let mut state = self.inner.tracker.state.subscribe();
        let ended = state
            .wait_for(|s| matches!(s, State::Finished | State::Failed(_)))
            .await
            .map(|s| s.clone());
        match ended {
            Ok(State::Finished) if !self.inner.components.is_empty() => Ok(()),
            Ok(State::Failed(message)) => Err(message),
            _ => std::future::pending().await,
        }
    }

    /// Counters per component and per edge, with rates since the previous
    /// call.
    pub fn metrics(&self) -> RelayMetrics {
        let inner = &*self.inner;
        inner.rates.snapshot(
            inner.components.iter().map(|(id, s)| (id.as_str(), &**s)),
            inner.edges.iter().map(|e| &**e),
        )
    }

    /// Cancels every stream and waits until the relay's tasks are gone (the
    /// run is stopping). Afterwards [`Relay::finished`] never resolves.
    pub async fn shutdown(&self) {
        self.inner.tracker.settle(State::Stopped);
        let mut tasks = std::mem::take(
            &mut *self
                .inner
                .tasks
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
        tasks.shutdown().await;
    }
}
