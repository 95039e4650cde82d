//! The local daemon as the dashboard's source, driven by its `Watch`
//! streams alone (no polling): the all-runs stream (`Watch` without a run
//! id) announces each run submitted and every change of a run's summary,
//! and each run's own stream carries its components and edges (rates,
//! buffer fill) until it ends. The runs are listed once at startup and
//! again on `r`, which also reads the record of ended runs.

use std::collections::HashSet;
use std::sync::Arc;

use flowctl_proto::daemon::v1::{
    ListRunsRequest, LogsRequest, RestartComponentRequest, RunRef, WatchEvent, WatchRequest,
    watch_event::Event,
};
use tokio::sync::{Notify, mpsc};
use tokio::task::JoinHandle;

use super::actions::Command;
use super::model::Update;
use crate::connect::Client;

/// Runs listed: the newest this many.
const LISTED: u32 = 20;

/// Log lines of a component shown when its log opens.
const TAIL: u32 = 200;

/// The local daemon's streams and the tasks reading them.
pub struct Local {
    client: Client,
    tx: mpsc::Sender<Update>,
    refresh: Arc<Notify>,
    discovery: JoinHandle<()>,
    logs: Option<JoinHandle<()>>,
}

impl Local {
    /// Starts listing and watching the daemon's runs.
    pub fn start(client: Client, tx: mpsc::Sender<Update>) -> Local {
        let refresh = Arc::new(Notify::new());
        let discovery = tokio::spawn(discover(client.clone(), tx.clone(), refresh.clone()));
        Local {
            client,
            tx,
            refresh,
            discovery,
            logs: None,
        }
    }

    /// Carries out a command of the model.
    pub fn execute(&mut self, command: Command) {
        let mut client = self.client.clone();
        let tx = self.tx.clone();
        match command {
            Command::Quit => {}
            Command::Refresh => self.refresh.notify_one(),
            Command::StopRun { run_id } => {
                tokio::spawn(async move {
                    let short = flowctl_core::short_id(&run_id).to_owned();
                    let update = match client.stop_run(RunRef { run_id }).await {
                        Ok(summary) => {
                            let _ = tx.send(Update::Run(summary.into_inner())).await;
                            Update::Notice(format!("run {short} stopped"))
                        }
                        Err(status) => {
                            Update::Notice(format!("cannot stop run {short}: {}", status.message()))
                        }
                    };
                    let _ = tx.send(update).await;
                });
            }
            Command::RestartComponent { run_id, component } => {
                tokio::spawn(async move {
                    let request = RestartComponentRequest {
                        run_id,
                        component: component.clone(),
                    };
                    let text = match client.restart_component(request).await {
                        Ok(_) => format!("{component} restarted"),
                        Err(status) => format!("cannot restart {component}: {}", status.message()),
                    };
                    let _ = tx.send(Update::Notice(text)).await;
                });
            }
            Command::FollowLogs { run_id, component } => {
                self.stop_logs();
                self.logs = Some(tokio::spawn(follow_logs(client, tx, run_id, component)));
            }
            Command::StopLogs => self.stop_logs(),
        }
    }

    fn stop_logs(&mut self) {
        if let Some(task) = self.logs.take() {
            task.abort();
        }
    }
}

impl Drop for Local {
    fn drop(&mut self) {
        self.discovery.abort();
        self.stop_logs();
    }
}

/// Follows the all-runs stream, opening a run's own stream the first time
/// it shows a run; lists the runs at the start and on `r` (then reading
/// the record of ended runs, and reopening the all-runs stream if it ended).
async fn discover(mut client: Client, tx: mpsc::Sender<Update>, refresh: Arc<Notify>) {
    let mut watched = HashSet::new();
    let mut read = HashSet::new();
    let mut feed: Option<tonic::Streaming<WatchEvent>> = None;
    let mut forced = false;
    loop {
        // The stream opens before the listing: no run falls in between.
        if feed.is_none() {
            feed = every_run(&mut client, &tx).await;
        }
        if !list(&mut client, &tx, &mut watched, &mut read, forced).await {
            return;
        }
        forced = true;
        loop {
            let event = tokio::select! {
                event = next_event(&mut feed) => event,
                _ = refresh.notified() => break,
            };
            let Some(Event::Run(summary)) = event else {
                feed = None;
                let text = "lost the daemon's stream of runs: press r to reconnect";
                if tx.send(Update::Notice(text.into())).await.is_err() {
                    return;
                }
                continue;
            };
            let id = summary.run_id.clone();
            if tx.send(Update::Run(summary)).await.is_err() {
                return;
            }
            if watched.insert(id.clone()) {
                tokio::spawn(watch(client.clone(), tx.clone(), id));
            }
        }
    }
}

/// Opens the stream of every run's changes.
async fn every_run(
    client: &mut Client,
    tx: &mpsc::Sender<Update>,
) -> Option<tonic::Streaming<WatchEvent>> {
    match client.watch(WatchRequest::default()).await {
        Ok(events) => Some(events.into_inner()),
        Err(status) => {
            let text = format!("cannot watch the daemon's runs: {}", status.message());
            let _ = tx.send(Update::Notice(text)).await;
            None
        }
    }
}

/// The next event of the all-runs stream: `None` once it ended or failed,
/// never while there is no stream.
async fn next_event(feed: &mut Option<tonic::Streaming<WatchEvent>>) -> Option<Event> {
    match feed {
        Some(events) => events.message().await.ok().flatten()?.event,
        None => std::future::pending().await,
    }
}

/// Lists the runs, opening a stream for each active run not watched yet
/// and reading the record of ended runs once (again when `forced`). False
/// once the dashboard is gone.
async fn list(
    client: &mut Client,
    tx: &mpsc::Sender<Update>,
    watched: &mut HashSet<String>,
    read: &mut HashSet<String>,
    forced: bool,
) -> bool {
    let request = ListRunsRequest {
        limit: LISTED,
        ..ListRunsRequest::default()
    };
    let runs = match client.list_runs(request).await {
        Ok(listing) => listing.into_inner().runs,
        Err(status) => {
            let text = format!("cannot list runs: {}", status.message());
            return tx.send(Update::Notice(text)).await.is_ok();
        }
    };
    for run in &runs {
        let id = run.run_id.clone();
        let active = flowctl_core::RunStatus::from(run.status()).is_active();
        if active && watched.insert(id.clone()) {
            tokio::spawn(watch(client.clone(), tx.clone(), id));
        } else if !active && (read.insert(id.clone()) || forced) {
            detail(client, tx, &id).await;
        }
    }
    tx.send(Update::Runs(runs)).await.is_ok()
}

/// Follows one run's stream until the run ends: its summary, components
/// and edges, the final ones last.
async fn watch(mut client: Client, tx: mpsc::Sender<Update>, run_id: String) {
    let request = WatchRequest {
        run_id: run_id.clone(),
        stop_on_disconnect: false,
        logs: false,
    };
    let mut events = match client.watch(request).await {
        Ok(events) => events.into_inner(),
        Err(status) => {
            let text = format!("cannot watch run {run_id}: {}", status.message());
            let _ = tx.send(Update::Notice(text)).await;
            return;
        }
    };
    while let Ok(Some(event)) = events.message().await {
        let update = match event.event {
            Some(Event::Run(summary)) => Update::Run(summary),
            Some(Event::Component(c)) => Update::Component(Box::new(c)),
            Some(Event::Edges(e)) => Update::Edges {
                run_id: e.run_id,
                edges: e.edges,
                at_ms: e.at_ms,
            },
            _ => continue,
        };
        if tx.send(update).await.is_err() {
            return;
        }
    }
}

/// Reads the run's record with its components and edges.
async fn detail(client: &mut Client, tx: &mpsc::Sender<Update>, run_id: &str) {
    let request = RunRef {
        run_id: run_id.to_owned(),
    };
    if let Ok(detail) = client.get_run(request).await {
        let at_ms = flowctl_core::clock::now_ms();
        let _ = tx
            .send(Update::Detail {
                detail: detail.into_inner(),
                at_ms,
            })
            .await;
    }
}

/// The component's last lines, then new ones, until aborted or the run ends.
async fn follow_logs(
    mut client: Client,
    tx: mpsc::Sender<Update>,
    run_id: String,
    component: String,
) {
    let request = LogsRequest {
        run_id,
        component: component.clone(),
        follow: true,
        tail: TAIL,
    };
    let mut lines = match client.logs(request).await {
        Ok(lines) => lines.into_inner(),
        Err(status) => {
            let text = format!("cannot read the log of {component}: {}", status.message());
            let _ = tx.send(Update::Notice(text)).await;
            return;
        }
    };
    while let Ok(Some(line)) = lines.message().await {
        if tx.send(Update::Log(line)).await.is_err() {
            return;
        }
    }
}
