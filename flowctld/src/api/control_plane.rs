//! `flowctl.v1.ControlPlaneService`: where components register and heartbeat.

use std::sync::Arc;

use flowctl_proto::v1::control_plane_service_server::ControlPlaneService;
use flowctl_proto::v1::{
    ComponentStatusRequest, ComponentStatusResponse, ComponentType, DiscoveryRequest,
    DiscoveryResponse, HeartbeatRequest, ListComponentsRequest, ListComponentsResponse,
    RegisterRequest, RegisterResponse, UnregisterRequest,
};
use tonic::{Request, Response, Status};

use super::convert::{self, timestamp};
use crate::registry::{Entry, Filter, Registration};
use crate::state::State;

/// The service, over the daemon's shared state.
#[derive(Clone)]
pub struct ControlPlane {
    state: Arc<State>,
}

impl ControlPlane {
    pub fn new(state: Arc<State>) -> ControlPlane {
        ControlPlane { state }
    }

    fn status_of(&self, entry: Entry) -> ComponentStatusResponse {
        ComponentStatusResponse {
            status: convert::wire_health(self.state.registry.health(&entry)) as i32,
            last_heartbeat: entry.last_heartbeat.map(timestamp),
            registered_at: Some(timestamp(entry.registered_at)),
            metrics: entry.metrics,
            component: Some(convert::wire_component_info(entry.info)),
        }
    }
}

#[tonic::async_trait]
impl ControlPlaneService for ControlPlane {
    async fn register_component(
        &self,
        request: Request<RegisterRequest>,
    ) -> Result<Response<RegisterResponse>, Status> {
        let peer = super::tcp_peer(&request);
        let request = request.into_inner();
        let info = convert::component_info(request.component.unwrap_or_default());
        let service_id = if request.component_id.is_empty() {
            info.id.clone()
        } else {
            request.component_id
        };
        if service_id.is_empty() {
            return Err(Status::invalid_argument(
                "register needs component_id or component.id (set FLOWCTL_COMPONENT_ID)",
            ));
        }
        let owner = self
            .state
            .supervisor
            .claim(&service_id, peer.as_ref(), &info.endpoint)?;
        let entry = self
            .state
            .register(Registration {
                service_id: service_id.clone(),
                info,
                owner,
            })
            .await?;
        tracing::info!(%service_id, endpoint = %entry.info.endpoint, "component registered");
        Ok(Response::new(RegisterResponse {
            service_id,
            assigned_topics: entry.info.output_event_types.clone(),
            connection_info: self.state.connection_info(),
        }))
    }

    async fn unregister_component(
        &self,
        request: Request<UnregisterRequest>,
    ) -> Result<Response<()>, Status> {
        let peer = super::tcp_peer(&request);
        let service_id = request.into_inner().service_id;
        self.state
            .supervisor
            .check_speaks_for(&service_id, peer.as_ref())?;
        self.state.registry.unregister(&service_id)?;
        Ok(Response::new(()))
    }

    async fn discover_components(
        &self,
        request: Request<DiscoveryRequest>,
    ) -> Result<Response<DiscoveryResponse>, Status> {
        let request = request.into_inner();
        let filter = Filter {
            role: Some(convert::role(request.r#type())),
            event_types: request.event_types,
            metadata: request.metadata_filters,
            include_unhealthy: false,
        };
        let components = self
            .state
            .registry
            .list(&filter)
            .into_iter()
            .map(|entry| convert::wire_component_info(entry.info))
            .collect();
        Ok(Response::new(DiscoveryResponse { components }))
    }

    async fn heartbeat(&self, request: Request<HeartbeatRequest>) -> Result<Response<()>, Status> {
        let peer = super::tcp_peer(&request);
        let request = request.into_inner();
        self.state
            .supervisor
            .check_speaks_for(&request.service_id, peer.as_ref())?;
        let status = convert::health(request.status);
        self.state
            .registry
            .heartbeat(&request.service_id, status, request.metrics)?;
        Ok(Response::new(()))
    }

    async fn get_component_status(
        &self,
        request: Request<ComponentStatusRequest>,
    ) -> Result<Response<ComponentStatusResponse>, Status> {
        let entry = self.state.registry.get(&request.into_inner().service_id)?;
        Ok(Response::new(self.status_of(entry)))
    }

    async fn list_components(
        &self,
        request: Request<ListComponentsRequest>,
    ) -> Result<Response<ListComponentsResponse>, Status> {
        let request = request.into_inner();
        let filter = Filter {
            role: Some(request.type_filter())
                .filter(|k| *k != ComponentType::Unspecified)
                .map(convert::role),
            include_unhealthy: request.include_unhealthy,
            ..Filter::default()
        };
        let components = self
            .state
            .registry
            .list(&filter)
            .into_iter()
            .map(|entry| self.status_of(entry))
            .collect();
        Ok(Response::new(ListComponentsResponse { components }))
    }
}
