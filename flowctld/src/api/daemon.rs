//! The daemon API that `flowctl` speaks over the user's Unix socket.

use std::pin::Pin;
use std::sync::Arc;

use flowctl_proto::daemon::v1::daemon_server::Daemon;
use flowctl_proto::daemon::v1::{
    DaemonInfo, GetInfoRequest, ListComponentsRequest, ListComponentsResponse, ListRunsRequest,
    ListRunsResponse, LogLine, LogsRequest, RunDetail, RunRef, RunSummary, ShutdownProgress,
    ShutdownRequest, SubmitRunRequest, WatchEvent, WatchRequest,
};
use tokio_stream::{Stream, StreamExt};
use tonic::transport::server::UdsConnectInfo;
use tonic::{Request, Response, Status};

use super::convert;
use crate::state::State;
use crate::supervisor::RunRequest;
use crate::supervisor::watch::LogsQuery;
use flowctl_core::RunStatus;
use flowctl_core::clock::unix_ms;

type BoxStream<T> = Pin<Box<dyn Stream<Item = Result<T, Status>> + Send + 'static>>;

/// The client API, over the daemon's shared state.
#[derive(Clone)]
pub struct DaemonApi {
    state: Arc<State>,
}

impl DaemonApi {
    /// The service over `state`.
    pub fn new(state: Arc<State>) -> DaemonApi {
        DaemonApi { state }
    }

    /// The answer that shows a run's summary.
    fn summary(&self, record: &crate::runs::RunRecord) -> Response<RunSummary> {
        Response::new(convert::run_summary(self.state.supervisor.summary(record)))
    }
}

/// Lets through only peers running as the daemon's own user: the socket's
/// 0600 mode already says so, and this holds even if the mode is changed.
pub fn only_same_user(request: Request<()>) -> Result<Request<()>, Status> {
    let own = nix::unistd::getuid().as_raw();
    let peer = request
        .extensions()
        .get::<UdsConnectInfo>()
        .and_then(|info| info.peer_cred)
        .map(|cred| cred.uid());
    match peer {
        Some(uid) if uid == own => Ok(request),
        Some(uid) => Err(Status::permission_denied(format!(
            "this flowctld belongs to uid {own}; uid {uid} may not use it"
        ))),
        None => Err(Status::permission_denied(
            "cannot verify the caller's credentials",
        )),
    }
}

/// The calling client's process (from the socket's peer credentials), so
/// that a run it submits can be withdrawn if it is gone before the answer.
fn client_pid<T>(request: &Request<T>) -> Option<u32> {
    request
        .extensions()
        .get::<UdsConnectInfo>()
        .and_then(|info| info.peer_cred)
        .and_then(|cred| cred.pid())
        .and_then(|pid| u32::try_from(pid).ok())
        .filter(|pid| *pid > 0)
}

/// Refuses a client of another version: the two would disagree on the API.
fn same_version<T>(request: &Request<T>) -> Result<(), Status> {
    let Some(client) = request.metadata().get(flowctl_proto::VERSION_HEADER) else {
        return Ok(());
    };
    let client = client.to_str().unwrap_or("?");
    if client == flowctl_proto::VERSION {
        return Ok(());
    }
    Err(Status::failed_precondition(format!(
        "flowctl {client} cannot use the running flowctld {}: \
         run `flowctl daemon restart` to start the daemon of this version",
        flowctl_proto::VERSION
    )))
}

#[tonic::async_trait]
impl Daemon for DaemonApi {
    async fn get_info(
        &self,
        _request: Request<GetInfoRequest>,
    ) -> Result<Response<DaemonInfo>, Status> {
        let state = &self.state;
        Ok(Response::new(DaemonInfo {
            pid: std::process::id(),
            version: flowctl_proto::VERSION.into(),
            started_at_ms: unix_ms(state.started_at),
            socket_path: state.config.socket.display().to_string(),
            control_plane_endpoint: state.endpoint(),
            state_dir: state.config.state_dir.display().to_string(),
            log_file: state
                .config
                .log_file
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            active_runs: state.runs.count(RunStatus::is_active) as u32,
            registered_components: state.registry.len() as u32,
            heartbeat_ttl: state.config.heartbeat_ttl_text(),
            db_path: state
                .store
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            janitor_interval: flowctl_core::spec::format_duration(state.config.janitor_interval),
            containment: state.containment.describe(),
            build: Some(flowctl_proto::daemon::v1::BuildFacts {
                commit: env!("FLOWCTL_BUILD_COMMIT").into(),
                date: env!("FLOWCTL_BUILD_DATE").into(),
                target: env!("FLOWCTL_BUILD_TARGET").into(),
                rust: env!("FLOWCTL_BUILD_RUSTC").into(),
            }),
            metrics_endpoint: state.metrics_endpoint.get().cloned().unwrap_or_default(),
        }))
    }

    type ShutdownStream = BoxStream<ShutdownProgress>;

    async fn shutdown(
        &self,
        request: Request<ShutdownRequest>,
    ) -> Result<Response<Self::ShutdownStream>, Status> {
        // Runs whose end waits to be recorded are over, whatever their
        // record still says.
        let active = self
            .state
            .runs
            .count(RunStatus::is_active)
            .saturating_sub(self.state.supervisor.unrecorded_count());
        let resume = request.into_inner().resume_runs;
        tracing::info!(
            active_runs = active,
            resume,
            "shutdown requested by a client"
        );
        let message = if resume {
            // Marked before the answer, so that it tells which runs the
            // next daemon will start again (a full disk may refuse some).
            let supervisor = self.state.supervisor.clone();
            let refused = tokio::task::spawn_blocking(move || supervisor.mark_for_restart())
                .await
                .unwrap_or_default();
            let mut message = format!(
                "stopping flowctld (pid {}); its {active} active run(s) start again with the next daemon",
                std::process::id()
            );
            if let Some((_, why)) = refused.first() {
                let ids: Vec<&str> = refused
                    .iter()
                    .map(|(id, _)| flowctl_core::short_id(id))
                    .collect();
                message = format!(
                    "stopping flowctld (pid {}); {} of its {active} active run(s) do not start again \
                     ({}), as they could not be marked to: {why}. They are recorded as stopped, or \
                     as failed if even their stop cannot be recorded",
                    std::process::id(),
                    refused.len(),
                    ids.join(", ")
                );
            }
            message
        } else {
            format!(
                "stopping flowctld (pid {}) and its {active} active run(s)",
                std::process::id()
            )
        };
        let first = ShutdownProgress { message };
        // Shut down only once the first message has been handed to the
        // connection (the stream is polled for more), so the client hears
        // the answer; the stream then stays open until the daemon drops its
        // connections on the way out, so the client learns the daemon is
        // gone without polling.
        let shutdown = self.state.shutdown.clone();
        let trigger = tokio_stream::once(()).filter_map(move |()| {
            if resume {
                shutdown.trigger_restart();
            } else {
                shutdown.trigger();
            }
            None
        });
        let stream = tokio_stream::once(Ok(first))
            .chain(trigger)
            .chain(tokio_stream::pending());
        Ok(Response::new(Box::pin(stream)))
    }

    async fn submit_run(
        &self,
        request: Request<SubmitRunRequest>,
    ) -> Result<Response<RunSummary>, Status> {
        same_version(&request)?;
        let submitter = client_pid(&request);
        let request = request.into_inner();
        let request = RunRequest {
            submitter,
            pipeline_yaml: request.pipeline_yaml,
            pipeline_path: request.pipeline_path,
            working_dir: request.working_dir,
            env: request.env.into_iter().collect(),
            log_dir: request.log_dir,
            control_plane: request.control_plane_endpoint,
            no_spawn: false,
            resolved: request
                .resolved
                .into_iter()
                .map(convert::resolved_from_wire)
                .collect(),
        };
        let record = self.state.supervisor.submit(request).await?;
        Ok(self.summary(&record))
    }

    async fn stop_run(&self, request: Request<RunRef>) -> Result<Response<RunSummary>, Status> {
        same_version(&request)?;
        let id = self.state.runs.resolve(&request.into_inner().run_id)?;
        let record = self.state.supervisor.stop(&id).await?;
        Ok(self.summary(&record))
    }

    async fn get_run(&self, request: Request<RunRef>) -> Result<Response<RunDetail>, Status> {
        same_version(&request)?;
        let id = self.state.runs.resolve(&request.into_inner().run_id)?;
        let detail = self.state.supervisor.detail(&id)?;
        Ok(Response::new(convert::run_detail(detail)))
    }

    async fn list_runs(
        &self,
        request: Request<ListRunsRequest>,
    ) -> Result<Response<ListRunsResponse>, Status> {
        same_version(&request)?;
        let request = request.into_inner();
        let active_only = request.active_only;
        let limit = match request.limit {
            0 => usize::MAX,
            n => n as usize,
        };
        let supervisor = &self.state.supervisor;
        let runs = self
            .state
            .runs
            .list(
                &request.pipeline_name,
                |status| !active_only || status.is_active(),
                limit,
            )?
            .iter()
            .map(|record| convert::run_summary(supervisor.summary(record)))
            .collect();
        Ok(Response::new(ListRunsResponse { runs }))
    }

    async fn list_components(
        &self,
        request: Request<ListComponentsRequest>,
    ) -> Result<Response<ListComponentsResponse>, Status> {
        same_version(&request)?;
        let request = request.into_inner();
        let run = match request.run_id.as_str() {
            "" => None,
            prefix => Some(self.state.runs.resolve(prefix)?),
        };
        let list = self.state.supervisor.list_components(run.as_deref());
        Ok(Response::new(convert::with_registrations(
            convert::component_list(list),
            &self.state.registry,
        )))
    }

    type WatchStream = BoxStream<WatchEvent>;

    async fn watch(
        &self,
        request: Request<WatchRequest>,
    ) -> Result<Response<Self::WatchStream>, Status> {
        same_version(&request)?;
        let request = request.into_inner();
        if request.run_id.trim().is_empty() {
            if request.logs || request.stop_on_disconnect {
                return Err(Status::invalid_argument(
                    "logs and stop_on_disconnect need a run: give the run id to watch",
                ));
            }
            let feed = super::every_run::every_run(self.state.clone());
            return Ok(Response::new(Box::pin(feed.map(Ok))));
        }
        let id = self.state.runs.resolve(&request.run_id)?;
        let events = self
            .state
            .supervisor
            .watch(&id, request.logs, request.stop_on_disconnect)?;
        Ok(Response::new(Box::pin(
            events.map(|update| Ok(convert::watch_event(update))),
        )))
    }

    async fn restart_run(&self, request: Request<RunRef>) -> Result<Response<RunSummary>, Status> {
        same_version(&request)?;
        let submitter = client_pid(&request);
        let id = self.state.runs.resolve(&request.into_inner().run_id)?;
        let record = self.state.supervisor.rerun(&id, submitter).await?;
        Ok(self.summary(&record))
    }

    async fn restart_component(
        &self,
        request: Request<flowctl_proto::daemon::v1::RestartComponentRequest>,
    ) -> Result<Response<RunSummary>, Status> {
        same_version(&request)?;
        let request = request.into_inner();
        let id = self.state.runs.resolve(&request.run_id)?;
        let component = Some(request.component).filter(|c| !c.is_empty());
        self.state.supervisor.restart_components(&id, component)?;
        let record = self.state.runs.get(&id)?;
        Ok(self.summary(&record))
    }

    type LogsStream = BoxStream<LogLine>;

    async fn logs(
        &self,
        request: Request<LogsRequest>,
    ) -> Result<Response<Self::LogsStream>, Status> {
        same_version(&request)?;
        let request = request.into_inner();
        let id = self.state.runs.resolve(&request.run_id)?;
        let query = LogsQuery {
            component: request.component,
            follow: request.follow,
            tail: request.tail as usize,
        };
        let lines = self.state.supervisor.logs(&id, &query)?;
        Ok(Response::new(Box::pin(
            lines.map(|line| Ok(convert::log_line(line))),
        )))
    }
}
