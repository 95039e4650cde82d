//! The legacy `flowctl.ControlPlane` service: a view over the same registry
//! and run records as `flowctl.v1`, so old clients see the same truth.

use std::collections::HashMap;
use std::sync::Arc;

use flowctl_core::RunStatus as DaemonRunStatus;
use flowctl_proto::legacy::control_plane_server::ControlPlane;
use flowctl_proto::legacy::{
    CreatePipelineRunRequest, GetPipelineRunRequest, ListPipelineRunsRequest,
    ListPipelineRunsResponse, PipelineRun, RegistrationAck, RunStatus, ServiceHeartbeat,
    ServiceInfo, ServiceList, ServiceStatus, ServiceType, StopPipelineRunRequest,
    UpdatePipelineRunRequest,
};
use tonic::{Request, Response, Status};

use super::convert::{self, timestamp};
use crate::registry::{ComponentInfo, Entry, Filter, Health, Registration, Role};
use crate::runs::{NewRun, RunRecord};
use crate::state::State;

/// Metadata key keeping the legacy service type of a registration.
const SERVICE_TYPE_KEY: &str = "flowctl.service_type";
/// Metadata key keeping the legacy health endpoint of a registration.
const HEALTH_ENDPOINT_KEY: &str = "flowctl.health_endpoint";

/// The legacy service, over the daemon's shared state.
#[derive(Clone)]
pub struct Legacy {
    state: Arc<State>,
}

impl Legacy {
    pub fn new(state: Arc<State>) -> Legacy {
        Legacy { state }
    }

    fn service_status(&self, entry: Entry) -> ServiceStatus {
        let healthy = self.state.registry.health(&entry).is_serving();
        ServiceStatus {
            service_type: service_type_of(&entry.info) as i32,
            is_healthy: healthy,
            last_heartbeat: entry.last_heartbeat.map(timestamp),
            metrics: numeric_metrics(&entry.metrics),
            component_id: entry.service_id.clone(),
            service_id: entry.service_id,
        }
    }

    fn run_of(&self, record: RunRecord) -> PipelineRun {
        PipelineRun {
            pipeline_id: record.pipeline_name.clone(),
            pipeline_name: record.pipeline_name,
            status: legacy_status(record.status) as i32,
            start_time: Some(timestamp(record.started_at)),
            end_time: record.ended_at.map(timestamp),
            config_yaml: record.config_yaml,
            metrics: self
                .state
                .supervisor
                .live_metrics(&record.id)
                .or(record.metrics)
                .map(convert::legacy_metrics),
            error: record.error,
            component_ids: record.component_ids,
            run_id: record.id,
        }
    }
}

#[tonic::async_trait]
impl ControlPlane for Legacy {
    async fn register(
        &self,
        request: Request<ServiceInfo>,
    ) -> Result<Response<RegistrationAck>, Status> {
        let peer = super::tcp_peer(&request);
        let info = request.into_inner();
        let service_id = if info.component_id.is_empty() {
            info.service_id.clone()
        } else {
            info.component_id.clone()
        };
        if service_id.is_empty() {
            return Err(Status::invalid_argument(
                "register needs service_id or component_id",
            ));
        }
        let service_type = info.service_type();
        let mut metadata = info.metadata;
        metadata.insert(SERVICE_TYPE_KEY.into(), service_type.as_str_name().into());
        if !info.health_endpoint.is_empty() {
            metadata.insert(HEALTH_ENDPOINT_KEY.into(), info.health_endpoint);
        }
        let component = ComponentInfo {
            id: info.service_id,
            name: service_id.clone(),
            role: role_of(service_type),
            input_event_types: info.input_event_types,
            output_event_types: info.output_event_types.clone(),
            metadata,
            ..ComponentInfo::default()
        };
        let owner = self
            .state
            .supervisor
            .claim(&service_id, peer.as_ref(), "")?;
        self.state
            .register(Registration {
                service_id: service_id.clone(),
                info: component,
                owner,
            })
            .await?;
        Ok(Response::new(RegistrationAck {
            service_id,
            topic_names: info.output_event_types,
            connection_info: self.state.connection_info(),
        }))
    }

    async fn heartbeat(&self, request: Request<ServiceHeartbeat>) -> Result<Response<()>, Status> {
        let peer = super::tcp_peer(&request);
        let beat = request.into_inner();
        self.state
            .supervisor
            .check_speaks_for(&beat.service_id, peer.as_ref())?;
        let metrics = beat
            .metrics
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect();
        self.state
            .registry
            .heartbeat(&beat.service_id, Health::Unknown, metrics)?;
        Ok(Response::new(()))
    }

    async fn get_service_status(
        &self,
        request: Request<ServiceInfo>,
    ) -> Result<Response<ServiceStatus>, Status> {
        let info = request.into_inner();
        let entry = match self.state.registry.get(&info.component_id) {
            Ok(entry) => entry,
            Err(_) => self.state.registry.get(&info.service_id)?,
        };
        Ok(Response::new(self.service_status(entry)))
    }

    async fn list_services(&self, _request: Request<()>) -> Result<Response<ServiceList>, Status> {
        let filter = Filter {
            include_unhealthy: true,
            ..Filter::default()
        };
        let services = self
            .state
            .registry
            .list(&filter)
            .into_iter()
            .map(|entry| self.service_status(entry))
            .collect();
        Ok(Response::new(ServiceList { services }))
    }

    async fn create_pipeline_run(
        &self,
        request: Request<CreatePipelineRunRequest>,
    ) -> Result<Response<PipelineRun>, Status> {
        let request = request.into_inner();
        let record = self.state.runs.create(NewRun {
            id: request.run_id,
            pipeline_name: request.pipeline_name,
            config_yaml: request.config_yaml,
            component_ids: request.component_ids,
            ..NewRun::default()
        })?;
        Ok(Response::new(self.run_of(record)))
    }

    async fn update_pipeline_run(
        &self,
        request: Request<UpdatePipelineRunRequest>,
    ) -> Result<Response<PipelineRun>, Status> {
        let request = request.into_inner();
        let runs = &self.state.runs;
        let id = runs.resolve(&request.run_id)?;
        let mut record = runs.get(&id)?;
        let status = request.status();
        if let Some(metrics) = request.metrics {
            record = runs.set_metrics(&id, convert::metrics(metrics))?;
        }
        let error = Some(request.error).filter(|e| !e.is_empty());
        if status != RunStatus::Unknown || error.is_some() {
            if record.supervised && status != RunStatus::Unknown {
                return Err(Status::failed_precondition(format!(
                    "run {id} is supervised by flowctld; its status follows its processes \
                     (stop it with StopPipelineRun)"
                )));
            }
            let target = match status {
                RunStatus::Unknown => record.status,
                other => daemon_status(other),
            };
            record = runs.transition(&id, target, error)?;
        }
        Ok(Response::new(self.run_of(record)))
    }

    async fn get_pipeline_run(
        &self,
        request: Request<GetPipelineRunRequest>,
    ) -> Result<Response<PipelineRun>, Status> {
        let runs = &self.state.runs;
        let id = runs.resolve(&request.into_inner().run_id)?;
        Ok(Response::new(self.run_of(runs.get(&id)?)))
    }

    async fn list_pipeline_runs(
        &self,
        request: Request<ListPipelineRunsRequest>,
    ) -> Result<Response<ListPipelineRunsResponse>, Status> {
        let request = request.into_inner();
        let wanted = request.status();
        let limit = match request.limit {
            0 => 10,
            n if n < 0 => usize::MAX,
            n => n as usize,
        };
        let runs = self
            .state
            .runs
            .list(
                &request.pipeline_name,
                |status| wanted == RunStatus::Unknown || legacy_status(status) == wanted,
                limit,
            )?
            .into_iter()
            .map(|r| self.run_of(r))
            .collect();
        Ok(Response::new(ListPipelineRunsResponse { runs }))
    }

    async fn stop_pipeline_run(
        &self,
        request: Request<StopPipelineRunRequest>,
    ) -> Result<Response<PipelineRun>, Status> {
        let runs = &self.state.runs;
        let id = runs.resolve(&request.into_inner().run_id)?;
        let record = runs.get(&id)?;
        let record = if record.supervised {
            self.state.supervisor.stop(&id).await?
        } else if record.status.is_terminal() {
            record
        } else {
            runs.transition(&id, DaemonRunStatus::Stopped, None)?
        };
        Ok(Response::new(self.run_of(record)))
    }
}

fn role_of(kind: ServiceType) -> Role {
    match kind {
        ServiceType::Source => Role::Source,
        ServiceType::Processor => Role::Processor,
        ServiceType::Sink => Role::Consumer,
        ServiceType::Unspecified | ServiceType::Pipeline => Role::Unspecified,
    }
}

fn service_type_of(info: &ComponentInfo) -> ServiceType {
    if let Some(kind) = info
        .metadata
        .get(SERVICE_TYPE_KEY)
        .and_then(|name| ServiceType::from_str_name(name))
    {
        return kind;
    }
    match info.role {
        Role::Source => ServiceType::Source,
        Role::Processor => ServiceType::Processor,
        Role::Consumer => ServiceType::Sink,
        Role::Unspecified => ServiceType::Unspecified,
    }
}

/// Metrics the v1 service keeps as strings, as the doubles the legacy
/// service promises; values that are not numbers are left out.
fn numeric_metrics(metrics: &HashMap<String, String>) -> HashMap<String, f64> {
    metrics
        .iter()
        .filter_map(|(k, v)| v.trim().parse::<f64>().ok().map(|v| (k.clone(), v)))
        .collect()
}

/// The legacy status of a run; STOPPING is still RUNNING to old clients.
fn legacy_status(status: DaemonRunStatus) -> RunStatus {
    match status {
        DaemonRunStatus::Unknown => RunStatus::Unknown,
        DaemonRunStatus::Starting => RunStatus::Starting,
        DaemonRunStatus::Running | DaemonRunStatus::Stopping => RunStatus::Running,
        DaemonRunStatus::Completed => RunStatus::Completed,
        DaemonRunStatus::Failed => RunStatus::Failed,
        DaemonRunStatus::Stopped => RunStatus::Stopped,
    }
}

/// The run status a legacy client asks for.
fn daemon_status(status: RunStatus) -> DaemonRunStatus {
    match status {
        RunStatus::Unknown => DaemonRunStatus::Unknown,
        RunStatus::Starting => DaemonRunStatus::Starting,
        RunStatus::Running => DaemonRunStatus::Running,
        RunStatus::Completed => DaemonRunStatus::Completed,
        RunStatus::Failed => DaemonRunStatus::Failed,
        RunStatus::Stopped => DaemonRunStatus::Stopped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_state as state;

    fn update(run_id: &str, status: RunStatus) -> Request<UpdatePipelineRunRequest> {
        Request::new(UpdatePipelineRunRequest {
            run_id: run_id.into(),
            status: status as i32,
            ..Default::default()
        })
    }

    #[tokio::test]
    async fn a_refused_status_change_is_a_failed_precondition() {
        let tmp = tempfile::tempdir().unwrap();
        let legacy = Legacy::new(state(tmp.path()));
        let run = legacy
            .create_pipeline_run(Request::new(CreatePipelineRunRequest {
                pipeline_name: "hello".into(),
                ..Default::default()
            }))
            .await
            .unwrap()
            .into_inner();
        let done = legacy
            .update_pipeline_run(update(&run.run_id, RunStatus::Completed))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(done.status(), RunStatus::Completed);
        let err = legacy
            .update_pipeline_run(update(&run.run_id, RunStatus::Running))
            .await
            .unwrap_err();
        assert_eq!(err.code(), tonic::Code::FailedPrecondition);
        assert!(
            err.message()
                .contains("is COMPLETED and cannot become RUNNING"),
            "{}",
            err.message()
        );
    }
}
