//! A control plane over TCP as the dashboard's source (the older
//! dashboard's `--control-plane-address/--control-plane-port`): its runs
//! (the legacy `ListPipelineRuns`) and its registrations (`flowctl.v1`
//! `ListComponents`), asked again every `--refresh-interval`. A plane has
//! no stream to follow, so this is the one source that polls.

use std::sync::Arc;
use std::time::Duration;

use flowctl_proto::daemon::v1::{ComponentState, ComponentStatus, RunStatus, RunSummary};
use flowctl_proto::legacy::{
    ListPipelineRunsRequest, PipelineRun, RunStatus as PlaneRunStatus, StopPipelineRunRequest,
};
use flowctl_proto::v1::{
    ComponentStatusResponse, ComponentType, HealthStatus, ListComponentsRequest,
};
use tokio::sync::{Notify, mpsc};
use tokio::task::JoinHandle;

use super::actions::Command;
use super::model::Update;
use crate::remote::Plane;
use crate::remote::view::{health_name, ms, type_name};

/// Runs asked for: the newest this many.
const LISTED: i32 = 20;

/// A remote plane and the task asking it.
pub struct Remote {
    plane: Arc<Plane>,
    tx: mpsc::Sender<Update>,
    refresh: Arc<Notify>,
    poller: JoinHandle<()>,
}

impl Remote {
    /// Starts asking `plane` every `every`.
    pub fn start(plane: Plane, every: Duration, tx: mpsc::Sender<Update>) -> Remote {
        let plane = Arc::new(plane);
        let refresh = Arc::new(Notify::new());
        let poller = tokio::spawn(poll(plane.clone(), every, tx.clone(), refresh.clone()));
        Remote {
            plane,
            tx,
            refresh,
            poller,
        }
    }

    /// Carries out a command of the model (the model offers a remote plane
    /// only refresh and stop).
    pub fn execute(&mut self, command: Command) {
        match command {
            Command::Refresh => self.refresh.notify_one(),
            Command::StopRun { run_id } => {
                let (plane, tx, refresh) =
                    (self.plane.clone(), self.tx.clone(), self.refresh.clone());
                tokio::spawn(async move {
                    let short = flowctl_core::short_id(&run_id).to_owned();
                    let request = StopPipelineRunRequest { run_id };
                    let text = match plane
                        .call(plane.legacy.clone().stop_pipeline_run(request))
                        .await
                    {
                        Ok(_) => format!("run {short} stopped"),
                        Err(err) => format!("cannot stop run {short}: {err:#}"),
                    };
                    let _ = tx.send(Update::Notice(text)).await;
                    refresh.notify_one();
                });
            }
            _ => {}
        }
    }
}

impl Drop for Remote {
    fn drop(&mut self) {
        self.poller.abort();
    }
}

async fn poll(plane: Arc<Plane>, every: Duration, tx: mpsc::Sender<Update>, refresh: Arc<Notify>) {
    let mut failing = false;
    loop {
        match ask(&plane).await {
            Ok(updates) => {
                if failing {
                    let _ = tx.send(Update::Notice(String::new())).await;
                    failing = false;
                }
                for update in updates {
                    if tx.send(update).await.is_err() {
                        return;
                    }
                }
            }
            Err(err) => {
                failing = true;
                if tx.send(Update::Notice(format!("{err:#}"))).await.is_err() {
                    return;
                }
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = refresh.notified() => {}
        }
    }
}

/// The plane's runs and registrations as the model's updates.
async fn ask(plane: &Plane) -> anyhow::Result<Vec<Update>> {
    let request = ListPipelineRunsRequest {
        pipeline_name: String::new(),
        status: PlaneRunStatus::Unknown as i32,
        limit: LISTED,
    };
    let runs = plane
        .call(plane.legacy.clone().list_pipeline_runs(request))
        .await?
        .runs;
    let request = ListComponentsRequest {
        type_filter: ComponentType::Unspecified as i32,
        include_unhealthy: true,
    };
    let registered = plane
        .call(plane.v1.clone().list_components(request))
        .await?
        .components;
    let components: Vec<ComponentStatus> = registered.iter().map(|r| component(r, &runs)).collect();
    let mut updates = vec![Update::Runs(
        runs.iter().map(|r| summary(r, &components)).collect(),
    )];
    for run in &runs {
        if let Some(metrics) = &run.metrics {
            updates.push(Update::RateHint {
                run_id: run.run_id.clone(),
                per_second: metrics.events_per_second,
            });
        }
    }
    updates.push(Update::Registry(components));
    Ok(updates)
}

/// A plane's run as a run summary; ready are its components registered
/// healthy.
fn summary(run: &PipelineRun, components: &[ComponentStatus]) -> RunSummary {
    let status = match run.status() {
        PlaneRunStatus::Unknown => RunStatus::Unknown,
        PlaneRunStatus::Starting => RunStatus::Starting,
        PlaneRunStatus::Running => RunStatus::Running,
        PlaneRunStatus::Completed => RunStatus::Completed,
        PlaneRunStatus::Failed => RunStatus::Failed,
        PlaneRunStatus::Stopped => RunStatus::Stopped,
    };
    let ready = components
        .iter()
        .filter(|c| c.run_id == run.run_id && c.health == "HEALTHY")
        .count();
    RunSummary {
        run_id: run.run_id.clone(),
        pipeline_name: run.pipeline_name.clone(),
        status: status as i32,
        started_at_ms: ms(&run.start_time),
        ended_at_ms: ms(&run.end_time),
        error: run.error.clone(),
        components_total: run.component_ids.len() as u32,
        components_ready: ready as u32,
        ..RunSummary::default()
    }
}

/// A registration as a component row, of the newest active run that lists
/// its id (else of none: the registry).
fn component(registered: &ComponentStatusResponse, runs: &[PipelineRun]) -> ComponentStatus {
    let info = registered.component.clone().unwrap_or_default();
    let health = registered.status();
    let state = match health {
        HealthStatus::Healthy | HealthStatus::Degraded => ComponentState::Running,
        HealthStatus::Starting => ComponentState::Starting,
        HealthStatus::Stopping => ComponentState::Stopping,
        HealthStatus::Unhealthy | HealthStatus::Unknown => ComponentState::Unspecified,
    };
    let run_id = runs
        .iter()
        .filter(|r| {
            matches!(
                r.status(),
                PlaneRunStatus::Starting | PlaneRunStatus::Running
            )
        })
        .find(|r| r.component_ids.contains(&info.id))
        .map(|r| r.run_id.clone())
        .unwrap_or_default();
    ComponentStatus {
        run_id,
        id: info.id.clone(),
        kind: type_name(info.r#type()).to_owned(),
        state: state as i32,
        health: health_name(health).to_uppercase(),
        started_at_ms: ms(&registered.registered_at),
        last_heartbeat_ms: ms(&registered.last_heartbeat),
        endpoint: info.endpoint,
        ..ComponentStatus::default()
    }
}
