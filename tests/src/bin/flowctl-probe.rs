//! `flowctl-probe CONTROL_PLANE_URL SOCKET RUN_ID SERVICE_ID`: calls every
//! rpc of both control-plane services on the TCP port and every rpc of the
//! daemon API on the socket, with requests naming `RUN_ID` and
//! `SERVICE_ID`, and prints one JSON line per rpc: its name, the gRPC code
//! (0 when it was answered), the message, and the answer's debug text.
//!
//! The security tests run it as another user (`setpriv`) to show that
//! nothing is answered, changed or leaked to anyone but the daemon's owner.

use std::time::Duration;

use flowctl_proto::daemon::v1 as daemon;
use flowctl_proto::daemon::v1::daemon_client::DaemonClient;
use flowctl_proto::legacy::control_plane_client::ControlPlaneClient;
use flowctl_proto::v1::control_plane_service_client::ControlPlaneServiceClient;
use flowctl_proto::{legacy, v1};
use tonic::transport::{Channel, Endpoint};

/// How long any one rpc may take.
const PATIENCE: Duration = Duration::from_secs(10);

fn report<T: std::fmt::Debug>(rpc: &str, outcome: Result<tonic::Response<T>, tonic::Status>) {
    let line = match outcome {
        Ok(answer) => serde_json::json!({
            "rpc": rpc, "code": 0, "message": "", "body": format!("{:?}", answer.into_inner()),
        }),
        Err(status) => serde_json::json!({
            "rpc": rpc, "code": status.code() as i32, "message": status.message(), "body": "",
        }),
    };
    println!("{line}");
}

/// A streaming rpc: answered means its first item (or its end) arrived.
async fn report_stream<T: std::fmt::Debug>(
    rpc: &str,
    outcome: Result<tonic::Response<tonic::Streaming<T>>, tonic::Status>,
) {
    let first = match outcome {
        Ok(stream) => {
            let mut stream = stream.into_inner();
            match tokio::time::timeout(PATIENCE, stream.message()).await {
                Ok(Ok(item)) => Ok(tonic::Response::new(item)),
                Ok(Err(status)) => Err(status),
                Err(_) => Ok(tonic::Response::new(None)),
            }
        }
        Err(status) => Err(status),
    };
    report(rpc, first);
}

async fn control_plane(url: String, run: &str, service: &str) {
    let channel = Endpoint::from_shared(url)
        .expect("control-plane url")
        .timeout(PATIENCE)
        .connect_lazy();
    let mut v1c = ControlPlaneServiceClient::new(channel.clone());
    let info = v1::ComponentInfo {
        id: service.into(),
        endpoint: "127.0.0.1:9".into(),
        ..Default::default()
    };
    report(
        "v1.RegisterComponent",
        v1c.register_component(v1::RegisterRequest {
            component: Some(info),
            component_id: service.into(),
        })
        .await,
    );
    let id = || service.to_owned();
    report(
        "v1.Heartbeat",
        v1c.heartbeat(v1::HeartbeatRequest {
            service_id: id(),
            ..Default::default()
        })
        .await,
    );
    report(
        "v1.DiscoverComponents",
        v1c.discover_components(v1::DiscoveryRequest::default())
            .await,
    );
    report(
        "v1.GetComponentStatus",
        v1c.get_component_status(v1::ComponentStatusRequest { service_id: id() })
            .await,
    );
    report(
        "v1.ListComponents",
        v1c.list_components(v1::ListComponentsRequest {
            include_unhealthy: true,
            ..Default::default()
        })
        .await,
    );
    report(
        "v1.UnregisterComponent",
        v1c.unregister_component(v1::UnregisterRequest { service_id: id() })
            .await,
    );
    legacy_control_plane(channel, run, service).await;
}

async fn legacy_control_plane(channel: Channel, run: &str, service: &str) {
    let mut lc = ControlPlaneClient::new(channel);
    let info = legacy::ServiceInfo {
        service_id: service.into(),
        component_id: service.into(),
        ..Default::default()
    };
    report("legacy.Register", lc.register(info.clone()).await);
    report(
        "legacy.Heartbeat",
        lc.heartbeat(legacy::ServiceHeartbeat {
            service_id: service.into(),
            ..Default::default()
        })
        .await,
    );
    report("legacy.GetServiceStatus", lc.get_service_status(info).await);
    report("legacy.ListServices", lc.list_services(()).await);
    report(
        "legacy.CreatePipelineRun",
        lc.create_pipeline_run(legacy::CreatePipelineRunRequest {
            pipeline_name: "intruder".into(),
            ..Default::default()
        })
        .await,
    );
    report(
        "legacy.UpdatePipelineRun",
        lc.update_pipeline_run(legacy::UpdatePipelineRunRequest {
            run_id: run.into(),
            status: legacy::RunStatus::Failed as i32,
            error: "intruder".into(),
            ..Default::default()
        })
        .await,
    );
    report(
        "legacy.GetPipelineRun",
        lc.get_pipeline_run(legacy::GetPipelineRunRequest { run_id: run.into() })
            .await,
    );
    report(
        "legacy.ListPipelineRuns",
        lc.list_pipeline_runs(legacy::ListPipelineRunsRequest {
            limit: -1,
            ..Default::default()
        })
        .await,
    );
    report(
        "legacy.StopPipelineRun",
        lc.stop_pipeline_run(legacy::StopPipelineRunRequest { run_id: run.into() })
            .await,
    );
}

async fn socket(path: String, run: &str) {
    let connector = tower::service_fn(move |_| {
        let path = path.clone();
        async move {
            let stream = tokio::net::UnixStream::connect(path).await?;
            Ok::<_, std::io::Error>(hyper_util::rt::TokioIo::new(stream))
        }
    });
    let channel = Endpoint::from_static("http://flowctld.local")
        .timeout(PATIENCE)
        .connect_with_connector_lazy(connector);
    let mut d = DaemonClient::new(channel);
    let run_ref = || daemon::RunRef {
        run_id: run.to_owned(),
    };
    report(
        "daemon.GetInfo",
        d.get_info(daemon::GetInfoRequest {}).await,
    );
    report(
        "daemon.SubmitRun",
        d.submit_run(daemon::SubmitRunRequest::default()).await,
    );
    report("daemon.GetRun", d.get_run(run_ref()).await);
    report(
        "daemon.ListRuns",
        d.list_runs(daemon::ListRunsRequest::default()).await,
    );
    report(
        "daemon.ListComponents",
        d.list_components(daemon::ListComponentsRequest::default())
            .await,
    );
    let watch = d
        .watch(daemon::WatchRequest {
            run_id: run.to_owned(),
            ..Default::default()
        })
        .await;
    report_stream("daemon.Watch", watch).await;
    let logs = d
        .logs(daemon::LogsRequest {
            run_id: run.to_owned(),
            ..Default::default()
        })
        .await;
    report_stream("daemon.Logs", logs).await;
    report(
        "daemon.RestartComponent",
        d.restart_component(daemon::RestartComponentRequest {
            run_id: run.to_owned(),
            ..Default::default()
        })
        .await,
    );
    report("daemon.RestartRun", d.restart_run(run_ref()).await);
    report("daemon.StopRun", d.stop_run(run_ref()).await);
    let shutdown = d.shutdown(daemon::ShutdownRequest::default()).await;
    report_stream("daemon.Shutdown", shutdown).await;
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, socket_path, run, service] = args.as_slice() else {
        eprintln!("usage: flowctl-probe CONTROL_PLANE_URL SOCKET RUN_ID SERVICE_ID");
        std::process::exit(2);
    };
    control_plane(url.clone(), run, service).await;
    socket(socket_path.clone(), run).await;
}
