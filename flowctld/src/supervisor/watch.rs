//! Live streams over a run: the foreground view (`Watch`) and `Logs`.
//!
//! Both show log lines through [`Follow`]: the stored lines first, then
//! the live ones, each once, with a notice for lines a slow reader missed.
//! A watcher that falls behind on component changes gets a fresh snapshot of
//! the run and its components, so it never keeps showing a stale state.
//! A watcher of a running run is sent its edges at the start, then when
//! they changed (checked every [`FLOW_EVERY`]), and at its end.

use std::sync::Arc;

use tokio::sync::{broadcast, mpsc};
use tokio_stream::wrappers::ReceiverStream;

use super::view::{InstanceStatus, RunSummary, statuses_of};
use super::{RunEvent, RunHandle, Supervisor, summary_of};
use crate::error::{Error, Result};
use crate::logs::{Entry, Follow};
use crate::registry::Registry;
use crate::runs::Runs;

/// What a watcher of a run is sent (`api/` turns it into a `WatchEvent`).
#[derive(Debug, Clone)]
pub enum Update {
    /// The run's summary.
    Run(RunSummary),
    /// One component's current instance.
    Instance(InstanceStatus),
    /// A log line or a notice about a component's lines.
    Log(LogUpdate),
    /// The run's edges as the relay counts them now.
    Edges {
        run_id: String,
        edges: Vec<crate::relay::EdgeMetrics>,
    },
}

/// What a reader of a run's logs is sent (`api/` turns it into a `LogLine`).
#[derive(Debug, Clone)]
pub struct LogUpdate {
    pub run_id: String,
    pub entry: Entry,
    /// Whether the reader follows live lines (a silent component then has
    /// "no output yet" rather than "no output").
    pub following: bool,
}

/// Which lines of a run a `Logs` reader asks for.
#[derive(Debug, Clone, Default)]
pub struct LogsQuery {
    /// One component, or all when empty.
    pub component: String,
    /// Keep following new lines until the run ends.
    pub follow: bool,
    /// The last N stored lines per component (0: all kept lines).
    pub tail: usize,
}

/// Events a client may fall behind by before the stream waits for it.
const BUFFER: usize = 256;

/// Lines per component a new watcher is shown from before it watched.
const BACKLOG: usize = 200;

impl Supervisor {
    /// The run's state now, then every change (and log line, with `logs`)
    /// until it ends. With `stop_on_disconnect`, a client that goes away
    /// stops the run: a killed `flowctl run` leaves nothing running.
    pub fn watch(
        &self,
        id: &str,
        with_logs: bool,
        stop_on_disconnect: bool,
    ) -> Result<ReceiverStream<Update>> {
        let record = self.runs.get(id)?;
        let handle = self.handle(id);
        let (tx, rx) = mpsc::channel(BUFFER);
        // Subscribe before taking the snapshot: nothing that happens in
        // between is missed.
        let changes = self.runs.subscribe();
        let updates = handle.as_ref().map(|h| h.updates.subscribe());
        let follow = handle.as_ref().filter(|_| with_logs).map(|h| {
            let live = Some(h.lines.subscribe());
            Follow::new(&h.log_dir, record.component_ids.clone(), live)
        });
        let components = handle
            .as_ref()
            .map(|h| self.statuses(h))
            .unwrap_or_default();
        let first = summary_of(&record, handle.as_deref());
        let registry = self.registry.clone();
        let runs = self.runs.clone();
        tokio::spawn(async move {
            let send = |update| send_update(&tx, update);
            if !send(Update::Run(first)).await {
                return;
            }
            for component in components {
                if !send(Update::Instance(component)).await {
                    return;
                }
            }
            let (Some(handle), Some(updates)) = (handle, updates) else {
                return;
            };
            if record.status.is_terminal() {
                return;
            }
            let watcher = Watcher {
                tx: tx.clone(),
                runs,
                registry,
                handle,
            };
            watcher
                .follow(changes, updates, follow, stop_on_disconnect)
                .await;
        });
        Ok(ReceiverStream::new(rx))
    }

    /// A run's log lines from its files, then (with `follow`) new lines
    /// until the run ends.
    pub fn logs(&self, id: &str, request: &LogsQuery) -> Result<ReceiverStream<LogUpdate>> {
        let record = self.runs.get(id)?;
        if !record.supervised {
            return Err(Error::FailedPrecondition(format!(
                "run {id} was recorded through the legacy API: flowctld ran no component of it"
            )));
        }
        let components: Vec<String> = match request.component.as_str() {
            "" => record.component_ids.clone(),
            one if record.component_ids.iter().any(|c| c == one) => vec![one.to_owned()],
            other => {
                return Err(Error::ComponentNotFound {
                    run: id.to_owned(),
                    component: other.to_owned(),
                });
            }
        };
        // Only a run this daemon is running has new lines to follow.
        let handle = self
            .handle(id)
            .filter(|h| request.follow && !*h.done.borrow());
        let live = handle.as_ref().map(|h| h.lines.subscribe());
        let dir = self.config.state_dir.join("runs").join(id);
        let mut follow = Follow::new(dir, components, live);
        let tail = request.tail;
        let run_id = id.to_owned();
        let (tx, rx) = mpsc::channel(BUFFER);
        tokio::spawn(async move {
            let following = handle.is_some();
            let send = |entry| {
                tx.send(LogUpdate {
                    run_id: run_id.clone(),
                    entry,
                    following,
                })
            };
            for entry in follow.backlog(tail).await {
                if send(entry).await.is_err() {
                    return;
                }
            }
            let Some(handle) = handle else { return };
            let mut done = handle.done.subscribe();
            loop {
                tokio::select! {
                    entry = follow.next() => match entry {
                        Some(entry) => if send(entry).await.is_err() { return },
                        None => return,
                    },
                    _ = until_done(&mut done) => break,
                    _ = tx.closed() => return,
                }
            }
            for entry in follow.finish().await {
                if send(entry).await.is_err() {
                    return;
                }
            }
        });
        Ok(ReceiverStream::new(rx))
    }
}

/// How often a watcher is told how many events moved through each
/// component (a display interval: the counts change with every event).
const FLOW_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// The relay counts a watcher was last sent, per component, and the edges.
#[derive(Default)]
struct Flow {
    counts: std::collections::HashMap<String, (u64, u64)>,
    edges: Option<Vec<crate::relay::EdgeMetrics>>,
}

/// One watcher of a run this daemon supervises, once it was sent the state
/// the run had when it started watching.
struct Watcher {
    tx: mpsc::Sender<Update>,
    runs: Arc<Runs>,
    registry: Arc<Registry>,
    handle: Arc<RunHandle>,
}

impl Watcher {
    /// Sends every change of the run, and its log lines when `follow` is
    /// given, until the run ends or the client goes away.
    async fn follow(
        &self,
        mut changes: broadcast::Receiver<String>,
        mut updates: broadcast::Receiver<InstanceStatus>,
        mut follow: Option<Follow>,
        stop_on_disconnect: bool,
    ) {
        let handle = &self.handle;
        if let Some(follow) = follow.as_mut() {
            for entry in follow.backlog(BACKLOG).await {
                // The view shows components that have not written yet anyway.
                if !matches!(entry, Entry::NoOutput { .. }) && !self.log(entry).await {
                    return;
                }
            }
        }
        let mut flow = Flow::default();
        if !self.send_edges(&mut flow).await {
            return;
        }
        let mut flow_tick =
            tokio::time::interval_at(tokio::time::Instant::now() + FLOW_EVERY, FLOW_EVERY);
        flow_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = flow_tick.tick() => {
                    if !self.send_flow(&mut flow).await { return }
                }
                _ = self.tx.closed() => {
                    if stop_on_disconnect && !*handle.done.borrow() {
                        tracing::info!(run = %handle.id, "the attached client went away: stopping the run");
                        let _ = handle.events.send(RunEvent::Stop);
                    }
                    return;
                }
                change = changes.recv() => match change {
                    Ok(changed) if changed != handle.id => {}
                    Err(broadcast::error::RecvError::Closed) => return,
                    // A change of this run, or missed ones: read it afresh.
                    _ => {
                        let Ok(record) = self.runs.get(&handle.id) else { return };
                        if record.status.is_terminal() {
                            self.end(record, updates, follow).await;
                            return;
                        }
                        if !self.send(Update::Run(summary_of(&record, Some(handle)))).await {
                            return;
                        }
                    }
                },
                update = updates.recv() => match update {
                    Ok(update) => if !self.send(Update::Instance(update)).await { return },
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        if !self.snapshot().await { return }
                    }
                    Err(broadcast::error::RecvError::Closed) => return,
                },
                Some(entry) = next_entry(&mut follow) => {
                    if !self.log(entry).await { return }
                }
            }
        }
    }

    /// The run ended: lines and changes from before the end come first, then
    /// the run's final state.
    async fn end(
        &self,
        record: crate::runs::RunRecord,
        mut updates: broadcast::Receiver<InstanceStatus>,
        follow: Option<Follow>,
    ) {
        if let Some(mut follow) = follow {
            for entry in follow.finish().await {
                self.log(entry).await;
            }
        }
        let mut lagged = false;
        loop {
            match updates.try_recv() {
                Ok(update) => {
                    self.send(Update::Instance(update)).await;
                }
                Err(broadcast::error::TryRecvError::Lagged(_)) => lagged = true,
                Err(_) => break,
            }
        }
        if lagged {
            self.snapshot().await;
        }
        self.send_edges(&mut Flow::default()).await;
        self.send(Update::Run(summary_of(&record, Some(&self.handle))))
            .await;
    }

    /// The run and every component as they are now, for a watcher that
    /// missed some changes.
    async fn snapshot(&self) -> bool {
        let Ok(record) = self.runs.get(&self.handle.id) else {
            return false;
        };
        if !self
            .send(Update::Run(summary_of(&record, Some(&self.handle))))
            .await
        {
            return false;
        }
        for component in statuses_of(&self.registry, &self.handle) {
            if !self.send(Update::Instance(component)).await {
                return false;
            }
        }
        true
    }

    /// Components whose relay counts moved since the last call, with their
    /// counts (a change of state does not carry them).
    async fn send_flow(&self, flow: &mut Flow) -> bool {
        for component in statuses_of(&self.registry, &self.handle) {
            let counts = (component.events_in, component.events_out);
            let before = flow.counts.get(&component.id).copied().unwrap_or((0, 0));
            if before == counts {
                continue;
            }
            flow.counts.insert(component.id.clone(), counts);
            if !self.send(Update::Instance(component)).await {
                return false;
            }
        }
        self.send_edges(flow).await
    }

    /// The run's edges, unless they are what was last sent.
    async fn send_edges(&self, flow: &mut Flow) -> bool {
        let edges = self.handle.relay.metrics().edges;
        if flow.edges.as_ref() == Some(&edges) {
            return true;
        }
        flow.edges = Some(edges.clone());
        self.send(Update::Edges {
            run_id: self.handle.id.clone(),
            edges,
        })
        .await
    }

    async fn log(&self, entry: Entry) -> bool {
        self.send(Update::Log(LogUpdate {
            run_id: self.handle.id.clone(),
            entry,
            following: true,
        }))
        .await
    }

    async fn send(&self, update: Update) -> bool {
        send_update(&self.tx, update).await
    }
}

/// Returns once the run's task has finished and no process of it is left.
async fn until_done(done: &mut tokio::sync::watch::Receiver<bool>) {
    let _ = done.wait_for(|done| *done).await;
}

/// Sends one update; false once the client is gone.
async fn send_update(tx: &mpsc::Sender<Update>, update: Update) -> bool {
    tx.send(update).await.is_ok()
}

/// The next log entry to show, or never when there are no logs to follow
/// (any more).
async fn next_entry(follow: &mut Option<Follow>) -> Option<Entry> {
    match follow {
        Some(f) => match f.next().await {
            Some(entry) => Some(entry),
            None => {
                *follow = None;
                None
            }
        },
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests;
