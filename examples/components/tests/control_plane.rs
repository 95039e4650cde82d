//! A component under a fake control plane: registration with retries,
//! heartbeats, re-registration after `NOT_FOUND`, and the stop notice.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use flowctl_proto::v1::control_plane_service_server::{
    ControlPlaneService, ControlPlaneServiceServer,
};
use flowctl_proto::v1::{
    ComponentStatusRequest, ComponentStatusResponse, ComponentType, DiscoveryRequest,
    DiscoveryResponse, HealthStatus, HeartbeatRequest, ListComponentsRequest,
    ListComponentsResponse, RegisterRequest, RegisterResponse, UnregisterRequest,
};
use flowctl_tests::component::{Line, WITHIN, start};
use tokio::sync::mpsc;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::{Request, Response, Status};

const GEN: &str = env!("CARGO_BIN_EXE_flowctl-example-gen");

/// What the fake control plane was told.
#[derive(Debug)]
enum Call {
    Register(RegisterRequest),
    Heartbeat(HeartbeatRequest),
}

/// Records every call; answers the first heartbeat `NOT_FOUND`, as a
/// control plane that restarted and lost its registry would.
struct FakeControlPlane {
    calls: mpsc::UnboundedSender<Call>,
    forgot: AtomicBool,
}

#[tonic::async_trait]
impl ControlPlaneService for FakeControlPlane {
    async fn register_component(
        &self,
        request: Request<RegisterRequest>,
    ) -> Result<Response<RegisterResponse>, Status> {
        let request = request.into_inner();
        let service_id = request.component_id.clone();
        let _ = self.calls.send(Call::Register(request));
        Ok(Response::new(RegisterResponse {
            service_id,
            ..RegisterResponse::default()
        }))
    }

    async fn heartbeat(&self, request: Request<HeartbeatRequest>) -> Result<Response<()>, Status> {
        let _ = self.calls.send(Call::Heartbeat(request.into_inner()));
        if !self.forgot.swap(true, Ordering::SeqCst) {
            return Err(Status::not_found("no such component"));
        }
        Ok(Response::new(()))
    }

    async fn unregister_component(
        &self,
        _: Request<UnregisterRequest>,
    ) -> Result<Response<()>, Status> {
        Err(Status::unimplemented("not in this fake"))
    }

    async fn discover_components(
        &self,
        _: Request<DiscoveryRequest>,
    ) -> Result<Response<DiscoveryResponse>, Status> {
        Err(Status::unimplemented("not in this fake"))
    }

    async fn get_component_status(
        &self,
        _: Request<ComponentStatusRequest>,
    ) -> Result<Response<ComponentStatusResponse>, Status> {
        Err(Status::unimplemented("not in this fake"))
    }

    async fn list_components(
        &self,
        _: Request<ListComponentsRequest>,
    ) -> Result<Response<ListComponentsResponse>, Status> {
        Err(Status::unimplemented("not in this fake"))
    }
}

async fn next_call(calls: &mut mpsc::UnboundedReceiver<Call>) -> Call {
    match tokio::time::timeout(WITHIN, calls.recv()).await {
        Ok(Some(call)) => call,
        Ok(None) => panic!("the fake control plane stopped"),
        Err(_) => panic!("no call reached the fake control plane within {WITHIN:?}"),
    }
}

#[tokio::test]
async fn registers_once_reachable_heartbeats_and_registers_again_when_forgotten() {
    // A port with nothing behind it yet: the component must retry until the
    // control plane appears there.
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|probe| probe.local_addr())
        .expect("a free port");
    let endpoint = addr.to_string();
    let mut generator = start(
        GEN,
        "gen",
        &[
            ("ENABLE_FLOWCTL", "true"),
            ("FLOWCTL_ENDPOINT", &endpoint),
            ("FLOWCTL_COMPONENT_ID", "gen"),
            ("FLOWCTL_HEARTBEAT_INTERVAL", "100ms"),
        ],
    )
    .await;
    generator
        .wait_for(|line| matches!(line, Line::Err(t) if t.starts_with("registering with the control plane") && t.contains("retrying")))
        .await;

    let (tx, mut calls) = mpsc::unbounded_channel();
    let fake = FakeControlPlane {
        calls: tx,
        forgot: AtomicBool::new(false),
    };
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .expect("rebind the probed port");
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(ControlPlaneServiceServer::new(fake))
            .serve_with_incoming(TcpListenerStream::new(listener)),
    );

    let Call::Register(first) = next_call(&mut calls).await else {
        panic!("expected a registration first")
    };
    assert_eq!(first.component_id, "gen");
    let info = first.component.expect("component info");
    assert_eq!(
        info.endpoint, generator.endpoint,
        "the endpoint actually bound"
    );
    assert_eq!(info.r#type, i32::from(ComponentType::Source));
    assert_eq!(info.output_event_types, ["example.tick"]);
    generator
        .wait_for(|line| matches!(line, Line::Out(t) if *t == format!("registered as gen with the control plane at {endpoint}")))
        .await;

    let Call::Heartbeat(forgotten) = next_call(&mut calls).await else {
        panic!("expected a heartbeat")
    };
    assert_eq!(forgotten.service_id, "gen");
    let Call::Register(_) = next_call(&mut calls).await else {
        panic!("expected a second registration")
    };
    let Call::Heartbeat(beat) = next_call(&mut calls).await else {
        panic!("expected a heartbeat")
    };
    assert_eq!(beat.status, i32::from(HealthStatus::Healthy));
    assert_eq!(
        beat.metrics.get("events_out").map(String::as_str),
        Some("0")
    );

    let status = generator.terminate(Duration::from_secs(2)).await;
    assert!(status.success(), "{}", generator.transcript());
    // Heartbeats may still be queued; the last call must say "stopping".
    let mut last = next_call(&mut calls).await;
    while let Ok(call) = calls.try_recv() {
        last = call;
    }
    let Call::Heartbeat(goodbye) = last else {
        panic!("expected a final heartbeat")
    };
    assert_eq!(goodbye.status, i32::from(HealthStatus::Stopping));
}
