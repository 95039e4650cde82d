//! One task per component: wait for its endpoint, connect, run a session
//! (see `source` and `link`), and on failure retry or give up.

use std::sync::atomic::Ordering::Relaxed;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;

use flowctl_core::spec::ComponentKind;

use super::dial::{self, Backoff};
use super::edge::{Inputs, Outputs};
use super::metrics::ComponentStats;
use super::plan::NodePlan;
use super::replay::Replay;

/// Where a component can be reached, as the supervisor reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Presence {
    /// Not registered yet.
    Pending,
    /// Registered, serving its data-plane service there.
    Ready(Target),
    /// Registered without a data-plane endpoint: it takes no part in the
    /// flow, and events meant for it are discarded as drops.
    NoEndpoint,
    /// Exited or restarting: its streams end and its producers wait.
    Gone,
}

/// Where one registration of a component listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// `host:port` of its data-plane service.
    pub endpoint: String,
    /// Counts registrations, so that a component that went away and came
    /// back at the same address (a restart with a fixed `PORT`) is a new
    /// target even if the task never saw it gone.
    pub generation: u64,
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.endpoint)
    }
}

/// How a session ended.
#[derive(Debug)]
pub(crate) enum End {
    /// The component's part of the flow is complete.
    Done,
    /// It went away or moved to another endpoint: reconnect once it is back.
    Moved,
    /// The relay is stopping (a receiving node is gone).
    Closed,
    /// The attempt failed.
    Failed {
        message: String,
        /// Retrying cannot help (the component refuses the call itself).
        permanent: bool,
        /// Events moved before it failed, so the component does take part:
        /// the retry budget and backoff start over.
        established: bool,
    },
}

/// Why a node task stopped without finishing.
#[derive(Debug)]
enum Halt {
    /// The relay is stopping or was dropped.
    Closed,
    /// The relay failed for good, with this message.
    Failed(String),
}

/// A component's task and everything it owns.
#[derive(Debug)]
pub(crate) struct Node {
    pub id: String,
    pub kind: ComponentKind,
    pub start_timeout: Duration,
    pub params: std::collections::HashMap<String, String>,
    pub inputs: Inputs,
    pub outputs: Outputs,
    /// Events handed to a processor or consumer and not accounted for yet.
    pub replay: Mutex<Replay>,
    /// Id of the last event of a source sent along all its edges: where a
    /// new stream resumes.
    pub last_forwarded: Option<String>,
    pub stats: Arc<ComponentStats>,
    pub presence: watch::Receiver<Presence>,
    /// Channels opened so far, to count reconnections.
    connections: u64,
}

/// Resolves once the component is no longer reachable at `target`: it
/// went away, moved, came back, or the relay was dropped.
pub(crate) async fn moved(presence: &watch::Receiver<Presence>, target: &Target) {
    let mut presence = presence.clone();
    let _ = presence
        .wait_for(|p| !matches!(p, Presence::Ready(t) if t == target))
        .await;
}

/// How forwarding a component's output stream ended.
pub(crate) enum Forwarded {
    /// The component went away or moved (see [`moved`]).
    Moved,
    /// The edges are closed: the relay is shutting down.
    Closed,
    /// The stream ended.
    Ended,
    /// The stream broke.
    Broken {
        status: tonic::Status,
        received: bool,
    },
}

/// Sends every event of a component's output `stream` along `outputs`,
/// calling `sent` with each event's id once it was handed to every edge,
/// until the stream ends, breaks, or the component is gone from `target`.
/// Whether it is gone is checked between events only: an event read is
/// always sent along every edge, so no edge misses what another got.
pub(crate) async fn forward(
    stream: &mut tonic::Streaming<flowctl_proto::v1::Event>,
    outputs: &Outputs,
    stats: &ComponentStats,
    gone: (&watch::Receiver<Presence>, &Target),
    mut sent: impl FnMut(&str),
) -> Forwarded {
    let gone = moved(gone.0, gone.1);
    tokio::pin!(gone);
    let mut received = false;
    loop {
        let next = tokio::select! {
            biased;
            () = &mut gone => return Forwarded::Moved,
            next = stream.message() => next,
        };
        match next {
            Ok(Some(event)) => {
                received = true;
                stats.count_out(&event);
                let id = event.id.clone();
                if outputs.send(event).await.is_err() {
                    return Forwarded::Closed;
                }
                sent(&id);
            }
            Ok(None) => return Forwarded::Ended,
            Err(status) => return Forwarded::Broken { status, received },
        }
    }
}

impl Node {
    pub fn new(
        plan: NodePlan,
        stats: Arc<ComponentStats>,
        presence: watch::Receiver<Presence>,
    ) -> Node {
        Node {
            id: plan.id,
            kind: plan.kind,
            start_timeout: plan.start_timeout,
            params: plan.params,
            inputs: plan.inputs,
            outputs: plan.outputs,
            replay: Mutex::default(),
            last_forwarded: None,
            stats,
            presence,
            connections: 0,
        }
    }

    /// Runs the component's part of the flow, then tells `report`: `Ok`
    /// once it is complete (its edges are closed first, so that the
    /// components downstream see the end), `Err(message)` when the relay
    /// fails because of it. A failed node keeps its edges open until the
    /// relay is shut down, so that nothing downstream mistakes the failure
    /// for the end of the data. Returns without a report when the relay is
    /// dropped.
    pub async fn run(mut self, report: impl FnOnce(Result<(), String>)) {
        let outcome = self.drive().await;
        self.stats.connected.store(false, Relaxed);
        match outcome {
            Ok(()) => {
                self.stats.finished.store(true, Relaxed);
                tracing::debug!(component = %self.id, "relay: component finished");
                drop(self);
                report(Ok(()));
            }
            Err(Halt::Failed(message)) => {
                report(Err(message));
                std::future::pending::<()>().await;
            }
            Err(Halt::Closed) => {}
        }
    }

    async fn drive(&mut self) -> Result<(), Halt> {
        let mut backoff = Backoff::default();
        let mut failing_since: Option<Instant> = None;
        loop {
            let endpoint = self.wait_for_endpoint().await?;
            let (message, permanent, established) = match self.attempt(&endpoint).await {
                End::Done => return Ok(()),
                End::Closed => return Err(Halt::Closed),
                End::Moved => {
                    backoff.reset();
                    failing_since = None;
                    continue;
                }
                End::Failed {
                    message,
                    permanent,
                    established,
                } => (message, permanent, established),
            };
            self.stats.set_error(&message);
            let what = format!("component '{}' at {endpoint}", self.id);
            if permanent {
                return Err(Halt::Failed(format!("{what}: {message}")));
            }
            if established {
                backoff.reset();
                failing_since = None;
            }
            if failing_since.is_none() {
                // Once per streak of failures: the retries that follow are routine.
                tracing::info!(component = %self.id, %endpoint, %message, "relay: retrying");
            }
            let since = *failing_since.get_or_insert_with(Instant::now);
            if since.elapsed() >= self.start_timeout {
                return Err(Halt::Failed(format!(
                    "{what}: no working data-plane stream for {}s (its start_timeout); \
                     last error: {message}",
                    self.start_timeout.as_secs_f64()
                )));
            }
            let delay = backoff.next_delay();
            tracing::debug!(component = %self.id, %message, ?delay, "relay: retrying");
            tokio::select! {
                () = tokio::time::sleep(delay) => {}
                () = moved(&self.presence, &endpoint) => {
                    backoff.reset();
                    failing_since = None;
                }
            }
        }
    }

    /// The endpoint to dial, once there is one. Meanwhile a component that
    /// registered without an endpoint has its events discarded (and
    /// counted), so that its producers are not held back forever.
    async fn wait_for_endpoint(&mut self) -> Result<Target, Halt> {
        loop {
            let presence = self.presence.borrow_and_update().clone();
            match presence {
                Presence::Ready(target) => return Ok(target),
                Presence::NoEndpoint => self.discard_until_change().await,
                Presence::Pending | Presence::Gone => {}
            }
            if self.presence.changed().await.is_err() {
                return Err(Halt::Closed);
            }
        }
    }

    async fn discard_until_change(&mut self) {
        let mut warned = false;
        let mut presence = self.presence.clone();
        loop {
            tokio::select! {
                _ = presence.changed() => return,
                next = self.inputs.next() => match next {
                    Some((_, edge)) => {
                        edge.drops.fetch_add(1, Relaxed);
                        if !std::mem::replace(&mut warned, true) {
                            tracing::warn!(component = %self.id, "relay: the component has no \
                                data-plane endpoint; events for it are discarded");
                        }
                    }
                    None => return,
                },
            }
        }
    }

    async fn attempt(&mut self, endpoint: &Target) -> End {
        let channel = tokio::select! {
            channel = dial::connect(&endpoint.endpoint) => channel,
            () = moved(&self.presence, endpoint) => return End::Moved,
        };
        let channel = match channel {
            Ok(channel) => channel,
            Err(message) => {
                return End::Failed {
                    message,
                    permanent: false,
                    established: false,
                };
            }
        };
        if self.connections > 0 {
            self.stats.reconnects.fetch_add(1, Relaxed);
        }
        self.connections += 1;
        self.stats.connected.store(true, Relaxed);
        let end = match self.kind {
            ComponentKind::Source => self.source_session(channel, endpoint).await,
            ComponentKind::Processor => self.processor_session(channel, endpoint).await,
            ComponentKind::Sink => self.consumer_session(channel, endpoint).await,
        };
        self.stats.connected.store(false, Relaxed);
        end
    }
}

/// `End::Failed` for a call that answered with `status`.
pub(crate) fn failed(action: &str, status: &tonic::Status, established: bool) -> End {
    End::Failed {
        message: format!(
            "{action} failed: {} ({:?})",
            status.message(),
            status.code()
        ),
        permanent: dial::is_permanent(status.code()),
        established,
    }
}
