//! Edges: the bounded buffers between components, the fan-out that fills
//! them and the merge that drains them.
//!
//! Every edge is its own bounded channel, so a slow component holds back
//! exactly the producers that feed it (and, through them, their sources),
//! and the events waiting for it never exceed the edge's capacity.

use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;

use flowctl_proto::v1::Event;
use tokio::sync::mpsc;
use tokio_stream::StreamExt;
use tokio_stream::StreamMap;
use tokio_stream::wrappers::ReceiverStream;

use super::metrics::EdgeStats;

/// Events each edge holds before its producer has to wait.
pub const EDGE_CAPACITY: usize = 512;

/// The relay is stopping: a receiving component's task is gone.
#[derive(Debug)]
pub(crate) struct Closed;

/// The sending end of one edge.
#[derive(Debug)]
struct EdgeTx {
    tx: mpsc::Sender<Event>,
    /// Event types the receiver reads; empty means all.
    accepts: Vec<String>,
    stats: Arc<EdgeStats>,
}

impl EdgeTx {
    fn accepts(&self, event: &Event) -> bool {
        self.accepts.is_empty() || self.accepts.contains(&event.r#type)
    }

    async fn send(&self, event: Event) -> Result<(), Closed> {
        let bytes = event.payload.len() as u64;
        self.tx.send(event).await.map_err(|_| Closed)?;
        self.stats.events.fetch_add(1, Relaxed);
        self.stats.bytes.fetch_add(bytes, Relaxed);
        // Right after a send is when the buffer is fullest.
        let level = (self.tx.max_capacity() - self.tx.capacity()) as u64;
        self.stats.max_buffered.fetch_max(level, Relaxed);
        Ok(())
    }
}

/// Creates an edge with its counters; the receiving half goes to the
/// receiver's [`Inputs`], the sending half to the producer's [`Outputs`].
pub(crate) fn edge(
    stats: Arc<EdgeStats>,
    accepts: Vec<String>,
) -> (EdgeSender, mpsc::Receiver<Event>) {
    let (tx, rx) = mpsc::channel(stats.capacity);
    let _ = stats.level.set(tx.downgrade());
    (EdgeSender(EdgeTx { tx, accepts, stats }), rx)
}

/// The sending half of an edge, before it joins its producer's [`Outputs`].
#[derive(Debug)]
pub(crate) struct EdgeSender(EdgeTx);

/// Every edge leaving one component.
#[derive(Debug, Default)]
pub(crate) struct Outputs {
    edges: Vec<EdgeTx>,
}

impl Outputs {
    /// Adds an edge leaving this component.
    pub fn push(&mut self, edge: EdgeSender) {
        self.edges.push(edge.0);
    }

    /// Sends `event` along every edge whose receiver accepts its type,
    /// waiting while an edge is full. Edges are filled one after the other,
    /// so every receiver sees the events of this producer in order.
    pub async fn send(&self, event: Event) -> Result<(), Closed> {
        let mut targets = self.edges.iter().filter(|edge| {
            let accepts = edge.accepts(&event);
            if !accepts {
                edge.stats.filtered.fetch_add(1, Relaxed);
            }
            accepts
        });
        let Some(mut current) = targets.next() else {
            return Ok(());
        };
        // Every target but the last gets a copy; the last gets the event.
        for next in targets {
            current.send(event.clone()).await?;
            current = next;
        }
        current.send(event).await
    }
}

/// Every edge entering one component, merged. Events of one edge keep their
/// order; events of different edges interleave as they arrive.
#[derive(Debug, Default)]
pub(crate) struct Inputs {
    merged: StreamMap<usize, ReceiverStream<Event>>,
    stats: Vec<Arc<EdgeStats>>,
}

impl Inputs {
    /// Adds an edge entering this component.
    pub fn push(&mut self, rx: mpsc::Receiver<Event>, stats: Arc<EdgeStats>) {
        self.merged
            .insert(self.stats.len(), ReceiverStream::new(rx));
        self.stats.push(stats);
    }

    /// The next event from any edge, with the edge's counters; `None` once
    /// every producer has finished. Cancel-safe: an event is never lost to a
    /// dropped call.
    pub async fn next(&mut self) -> Option<(Event, &EdgeStats)> {
        let (edge, event) = self.merged.next().await?;
        Some((event, &self.stats[edge]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, kind: &str) -> Event {
        Event {
            id: id.into(),
            r#type: kind.into(),
            payload: b"xy".to_vec(),
            ..Event::default()
        }
    }

    #[tokio::test]
    async fn fans_out_to_accepting_edges_and_merges_back() {
        let all = Arc::new(EdgeStats::new("a", "all", 4));
        let only_b = Arc::new(EdgeStats::new("a", "b", 4));
        let (tx_all, rx_all) = edge(all.clone(), vec![]);
        let (tx_b, rx_b) = edge(only_b.clone(), vec!["b".into()]);
        let mut outputs = Outputs::default();
        outputs.push(tx_all);
        outputs.push(tx_b);
        for (id, kind) in [("1", "a"), ("2", "b"), ("3", "a")] {
            outputs.send(event(id, kind)).await.expect("open");
        }
        drop(outputs);
        assert_eq!(only_b.filtered.load(Relaxed), 2);
        assert_eq!(all.events.load(Relaxed), 3);
        assert_eq!(all.bytes.load(Relaxed), 6);
        assert_eq!(all.max_buffered.load(Relaxed), 3);

        let mut inputs = Inputs::default();
        inputs.push(rx_all, all);
        inputs.push(rx_b, only_b);
        let mut seen = Vec::new();
        while let Some((event, stats)) = inputs.next().await {
            seen.push(format!("{}>{}", event.id, stats.to));
        }
        let from_all: Vec<&String> = seen.iter().filter(|s| s.ends_with(">all")).collect();
        assert_eq!(from_all, ["1>all", "2>all", "3>all"]);
        assert!(seen.contains(&"2>b".to_owned()));
        assert_eq!(seen.len(), 4);
    }
}
