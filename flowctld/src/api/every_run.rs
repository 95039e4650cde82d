//! The all-runs feed: every run's changes as they happen (a run submitted,
//! its status or readiness changing, its end), each as the `{"run": ...}`
//! update a `Watch` of that run sends. `Watch` with an empty run id streams
//! it, and `GET /v1/events` without a run answers it through that `Watch`.

use std::collections::HashMap;
use std::sync::Arc;

use flowctl_proto::daemon::v1::{RunSummary, WatchEvent, watch_event};
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use crate::api::convert;
use crate::state::State;

/// The feed: from now on, the summary of each run that changed. A reader
/// that falls behind misses intermediate changes, never a run's latest
/// state (the next change of that run shows it).
pub fn every_run(state: Arc<State>) -> impl Stream<Item = WatchEvent> + Send {
    let changes = BroadcastStream::new(state.runs.subscribe());
    // What each active run last showed: a change of its record that does
    // not change its summary is not sent again.
    let mut shown: HashMap<String, RunSummary> = HashMap::new();
    changes.filter_map(move |change| {
        let id = change.ok()?;
        let record = state.runs.get(&id).ok()?;
        let summary = convert::run_summary(state.supervisor.summary(&record));
        if record.status.is_terminal() {
            shown.remove(&id);
        } else if shown.get(&id) == Some(&summary) {
            return None;
        } else {
            shown.insert(id, summary.clone());
        }
        Some(WatchEvent {
            event: Some(watch_event::Event::Run(summary)),
        })
    })
}
