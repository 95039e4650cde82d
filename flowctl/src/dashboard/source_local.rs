//! The local daemon as the dashboard's source: each active run's `Watch`
//! stream drives the model (no polling of what the streams carry). Runs
//! that start later are found by re-listing every [`DISCOVER_EVERY`], as
//! `status --watch` does (no stream announces a new run). A run's edges
//! (rates, buffer fill) are not in `Watch`: they are read with `GetRun`
//! when its stream reports that events moved, at most once a second.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use flowctl_proto::daemon::v1::{
    ListRunsRequest, LogsRequest, RestartComponentRequest, RunRef, WatchRequest, watch_event::Event,
};
use tokio::sync::{Notify, mpsc};
use tokio::task::JoinHandle;

use super::actions::Command;
use super::model::Update;
use crate::connect::Client;

/// How often runs started since are looked for.
const DISCOVER_EVERY: Duration = Duration::from_secs(2);

/// Runs listed: the newest this many.
const LISTED: u32 = 20;

/// At most one `GetRun` per run this often, for its edges.
const EDGES_EVERY: Duration = Duration::from_secs(1);

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

/// Lists the runs now and every [`DISCOVER_EVERY`] (or at once on `r`),
/// opening a stream for each active run not watched yet, and reading the
/// record of ended runs once (again on `r`).
async fn discover(mut client: Client, tx: mpsc::Sender<Update>, refresh: Arc<Notify>) {
    let mut watched = HashSet::new();
    let mut read = HashSet::new();
    let mut forced = false;
    loop {
        let request = ListRunsRequest {
            limit: LISTED,
            ..ListRunsRequest::default()
        };
        match client.list_runs(request).await {
            Ok(listing) => {
                let runs = listing.into_inner().runs;
                for run in &runs {
                    let id = run.run_id.clone();
                    let active = flowctl_core::RunStatus::from(run.status()).is_active();
                    if active && watched.insert(id.clone()) {
                        tokio::spawn(watch(client.clone(), tx.clone(), id));
                    } else if !active && (read.insert(id.clone()) || forced) {
                        detail(&mut client, &tx, &id).await;
                    }
                }
                if tx.send(Update::Runs(runs)).await.is_err() {
                    return;
                }
            }
            Err(status) => {
                let text = format!("cannot list runs: {}", status.message());
                if tx.send(Update::Notice(text)).await.is_err() {
                    return;
                }
            }
        }
        forced = tokio::select! {
            _ = tokio::time::sleep(DISCOVER_EVERY) => false,
            _ = refresh.notified() => true,
        };
    }
}

/// Follows one run's stream until the run ends, with its edges read when
/// events moved.
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
    detail(&mut client, &tx, &run_id).await;
    let mut edges_read = Instant::now();
    while let Ok(Some(event)) = events.message().await {
        let moved = match event.event {
            Some(Event::Run(summary)) => {
                let _ = tx.send(Update::Run(summary)).await;
                true
            }
            Some(Event::Component(c)) => {
                let moved = c.events_in > 0 || c.events_out > 0;
                let _ = tx.send(Update::Component(Box::new(c))).await;
                moved
            }
            _ => false,
        };
        if moved && edges_read.elapsed() >= EDGES_EVERY {
            detail(&mut client, &tx, &run_id).await;
            edges_read = Instant::now();
        }
    }
    // The run ended (or the daemon went): its final record.
    detail(&mut client, &tx, &run_id).await;
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
