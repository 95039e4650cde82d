//! Components' view: the `flowctl.v1` and legacy control planes over TCP.

use std::time::Duration;

use flowctl_proto::legacy::control_plane_client::ControlPlaneClient;
use flowctl_proto::legacy::{
    CreatePipelineRunRequest, GetPipelineRunRequest, ListPipelineRunsRequest, RunMetrics,
    RunStatus, ServiceHeartbeat, ServiceInfo, ServiceType, StopPipelineRunRequest,
    UpdatePipelineRunRequest,
};
use flowctl_proto::v1::control_plane_service_client::ControlPlaneServiceClient;
use flowctl_proto::v1::{
    ComponentInfo, ComponentStatusRequest, ComponentStatusResponse, ComponentType,
    DiscoveryRequest, HealthStatus, HeartbeatRequest, ListComponentsRequest, RegisterRequest,
    UnregisterRequest,
};
use flowctl_tests::World;
use flowctl_tests::control::registration;
use tonic::Code;

/// Starts a daemon with a heartbeat TTL of `ttl` and returns its
/// control-plane URL.
fn start(world: &World, ttl: &str) -> String {
    world.start_daemon(&["--heartbeat-ttl", ttl]);
    world.control_plane_url()
}

/// `GetComponentStatus` of `id` through flowctl.v1.
async fn status_of(
    client: &mut ControlPlaneServiceClient<tonic::transport::Channel>,
    id: &str,
) -> ComponentStatusResponse {
    client
        .get_component_status(ComponentStatusRequest {
            service_id: id.into(),
        })
        .await
        .unwrap_or_else(|err| panic!("GetComponentStatus of {id}: {err:?}"))
        .into_inner()
}

async fn health(
    client: &mut ControlPlaneServiceClient<tonic::transport::Channel>,
    id: &str,
) -> HealthStatus {
    status_of(client, id).await.status()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v1_register_heartbeat_discover_and_expire() {
    let world = World::new();
    let url = start(&world, "1s");
    let mut client = ControlPlaneServiceClient::connect(url).await.unwrap();

    let response = client
        .register_component(RegisterRequest {
            component: Some(ComponentInfo {
                id: "source-1234".into(),
                r#type: ComponentType::Source as i32,
                output_event_types: vec!["ledger".into()],
                endpoint: "127.0.0.1:9999".into(),
                metadata: [("team".to_string(), "data".to_string())].into(),
                ..Default::default()
            }),
            component_id: "gen".into(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(response.service_id, "gen");
    let endpoint = response
        .connection_info
        .get("endpoint")
        .cloned()
        .unwrap_or_default();
    assert!(
        endpoint.starts_with("127.0.0.1:") && !endpoint.ends_with(":8080"),
        "{endpoint}"
    );

    client
        .heartbeat(HeartbeatRequest {
            service_id: "gen".into(),
            status: HealthStatus::Healthy as i32,
            metrics: [("events_out".to_string(), "5".to_string())].into(),
        })
        .await
        .unwrap();
    let status = status_of(&mut client, "gen").await;
    assert_eq!(status.status(), HealthStatus::Healthy);
    assert_eq!(
        status.metrics.get("events_out").map(String::as_str),
        Some("5")
    );
    assert!(status.last_heartbeat.is_some() && status.registered_at.is_some());

    let found = client
        .discover_components(DiscoveryRequest {
            r#type: ComponentType::Source as i32,
            event_types: vec!["ledger".into(), "other".into()],
            metadata_filters: [("team".to_string(), "data".to_string())].into(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(found.components.len(), 1);
    let none = client
        .discover_components(DiscoveryRequest {
            r#type: ComponentType::Processor as i32,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert!(none.components.is_empty());

    let listed = client
        .list_components(ListComponentsRequest::default())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(listed.components.len(), 1);

    // TTL (1s) passes without heartbeats: unhealthy, and left out of lists.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while health(&mut client, "gen").await != HealthStatus::Unhealthy {
        assert!(tokio::time::Instant::now() < deadline, "never expired");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let listed = client
        .list_components(ListComponentsRequest::default())
        .await
        .unwrap()
        .into_inner();
    assert!(listed.components.is_empty());
    // The SDK's heartbeat (status UNKNOWN) brings it back.
    client
        .heartbeat(HeartbeatRequest {
            service_id: "gen".into(),
            status: HealthStatus::Unknown as i32,
            metrics: Default::default(),
        })
        .await
        .unwrap();
    assert_eq!(health(&mut client, "gen").await, HealthStatus::Healthy);

    // The client side sees it too.
    let shown = world.flowctl(&["-o", "json", "list"]).json();
    assert_eq!(shown[0]["service_id"], "gen", "{shown}");

    for code in [
        client
            .heartbeat(HeartbeatRequest {
                service_id: "nope".into(),
                ..Default::default()
            })
            .await
            .unwrap_err()
            .code(),
        client
            .get_component_status(ComponentStatusRequest {
                service_id: "nope".into(),
            })
            .await
            .unwrap_err()
            .code(),
        client
            .unregister_component(UnregisterRequest {
                service_id: "nope".into(),
            })
            .await
            .unwrap_err()
            .code(),
    ] {
        assert_eq!(code, Code::NotFound);
    }
    client
        .unregister_component(UnregisterRequest {
            service_id: "gen".into(),
        })
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn legacy_services_and_pipeline_runs_round_trip() {
    let world = World::new();
    let url = start(&world, "1s");
    let mut legacy = ControlPlaneClient::connect(url.clone()).await.unwrap();

    let ack = legacy
        .register(ServiceInfo {
            service_id: "sink-1".into(),
            service_type: ServiceType::Sink as i32,
            input_event_types: vec!["ledger".into()],
            component_id: "out".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(ack.service_id, "out");
    legacy
        .heartbeat(ServiceHeartbeat {
            service_id: "out".into(),
            timestamp: None,
            metrics: [("events".to_string(), 3.0)].into(),
        })
        .await
        .unwrap();
    let services = legacy
        .list_services(())
        .await
        .unwrap()
        .into_inner()
        .services;
    assert_eq!(services.len(), 1);
    assert!(services[0].is_healthy && services[0].last_heartbeat.is_some());
    assert_eq!(services[0].service_type(), ServiceType::Sink);
    let one = legacy
        .get_service_status(ServiceInfo {
            component_id: "out".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(one.metrics.get("events"), Some(&3.0));
    // The same registry through flowctl.v1.
    let mut v1 = ControlPlaneServiceClient::connect(url).await.unwrap();
    let status = status_of(&mut v1, "out").await;
    assert_eq!(status.component.unwrap().r#type(), ComponentType::Consumer);
    let err = legacy
        .heartbeat(ServiceHeartbeat {
            service_id: "ghost".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::NotFound);

    let run = legacy
        .create_pipeline_run(CreatePipelineRunRequest {
            run_id: String::new(),
            pipeline_name: "hello".into(),
            config_yaml: "apiVersion: flowctl/v1".into(),
            component_ids: vec!["gen".into(), "out".into()],
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(run.status(), RunStatus::Starting);
    assert_eq!(run.run_id.len(), 36, "a UUID: {}", run.run_id);
    let updated = legacy
        .update_pipeline_run(UpdatePipelineRunRequest {
            run_id: run.run_id[..8].into(),
            status: RunStatus::Running as i32,
            metrics: Some(RunMetrics {
                events_processed: 42,
                ..Default::default()
            }),
            error: String::new(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(updated.status(), RunStatus::Running);
    let fetched = legacy
        .get_pipeline_run(GetPipelineRunRequest {
            run_id: run.run_id.clone(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(fetched.metrics.unwrap().events_processed, 42);
    assert_eq!(fetched.component_ids, vec!["gen", "out"]);
    let listed = legacy
        .list_pipeline_runs(ListPipelineRunsRequest {
            pipeline_name: "hello".into(),
            status: RunStatus::Running as i32,
            limit: 0,
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(listed.runs.len(), 1);
    let stopped = legacy
        .stop_pipeline_run(StopPipelineRunRequest {
            run_id: run.run_id.clone(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(stopped.status(), RunStatus::Stopped);
    assert!(stopped.end_time.is_some());
    let missing = legacy
        .get_pipeline_run(GetPipelineRunRequest {
            run_id: "zzzz".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(missing.code(), Code::NotFound);

    // The client shows the same record.
    let runs = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    assert_eq!(runs[0]["status"], "STOPPED", "{runs}");
}

/// 200 components heartbeating every second: none is ever listed unhealthy.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_heartbeating_components_stay_healthy() {
    let world = World::new();
    let url = start(&world, "3s");
    let channel = tonic::transport::Endpoint::from_shared(url)
        .unwrap()
        .connect()
        .await
        .unwrap();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut beaters = Vec::new();
    for n in 0..200 {
        let mut client = ControlPlaneServiceClient::new(channel.clone());
        client
            .register_component(registration(&format!("c{n}")))
            .await
            .unwrap();
        let mut stopped = stopped.clone();
        beaters.push(tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            loop {
                tokio::select! {
                    _ = tick.tick() => {}
                    _ = stopped.wait_for(|s| *s) => return,
                }
                client
                    .heartbeat(HeartbeatRequest {
                        service_id: format!("c{n}"),
                        status: HealthStatus::Unknown as i32,
                        metrics: Default::default(),
                    })
                    .await
                    .unwrap();
            }
        }));
    }
    let mut checker = ControlPlaneServiceClient::new(channel);
    // Longer than the TTL (3 s): a missed heartbeat would show.
    let end = tokio::time::Instant::now() + Duration::from_secs(5);
    let mut checks = 0;
    while tokio::time::Instant::now() < end {
        let healthy = checker
            .list_components(ListComponentsRequest::default())
            .await
            .unwrap()
            .into_inner()
            .components
            .len();
        assert_eq!(
            healthy,
            200,
            "a heartbeating component was shown unhealthy; daemon log:\n{}",
            std::fs::read_to_string(world.state_dir().join("flowctld.log")).unwrap_or_default()
        );
        checks += 1;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(checks > 10);
    stop.send_replace(true);
    for beater in beaters {
        beater.await.unwrap();
    }
}
