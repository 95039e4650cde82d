//! Who may use the daemon: another user gets nothing over the control
//! plane's TCP port or the socket, and a supervised component's id belongs
//! to that component's processes alone.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use flowctl_proto::legacy::ServiceInfo;
use flowctl_proto::legacy::control_plane_client::ControlPlaneClient;
use flowctl_proto::v1::control_plane_service_client::ControlPlaneServiceClient;
use flowctl_proto::v1::{
    ComponentInfo, HeartbeatRequest, ListComponentsRequest, RegisterRequest, UnregisterRequest,
};
use flowctl_tests::{Pipeline, World, bin, component, example_env, needs, needs_root, sh};
use serde_json::Value;
use tonic::Code;

/// The secrets of the run under attack: one in its pipeline text, one in
/// the environment it was submitted with.
const IN_PIPELINE: &str = "s3cret-in-the-pipeline";
const IN_ENV: &str = "s3cret-in-the-env";

/// A run with an SDK-style component (generated id) and a plain one, whose
/// pipeline and environment hold secrets; returns its id and the SDK
/// component's generated service id.
fn secret_run(world: &World) -> (String, String) {
    let generator = bin("flowctl-example-gen");
    let file = world.pipeline(
        &Pipeline::new("secret")
            .spec(&format!("env: {{PIPELINE_TOKEN: {IN_PIPELINE}}}"))
            .source(
                "sdk",
                &sh(&format!(
                    "unset FLOWCTL_COMPONENT_ID COMPONENT_ID; exec {}",
                    generator.display()
                )),
                &[&example_env(&[])],
            )
            // Its registering process leaves the component's group: still
            // the component's own process tree, so its id is its own.
            .source(
                "detached",
                &sh(&format!("exec setsid -w {}", generator.display())),
                &[&example_env(&[])],
            )
            .source("ticker", &sh("exec sleep 1000"), &["readiness: started"]),
    );
    let mut submit = world.command(&["run", "--detach", &file]);
    submit.env("CLIENT_TOKEN", IN_ENV);
    let id = world.run(submit).ok().trim().to_owned();
    let running = world.wait_run(&id, |i| {
        ["sdk", "detached"]
            .iter()
            .all(|c| component(i, c)["state"] == "RUNNING")
    });
    assert_eq!(component(&running, "detached")["service_id"], "detached");
    let service = component(&running, "sdk")["service_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        service.starts_with("source-"),
        "the SDK component is matched under its generated id: {running:#}"
    );
    (id, service)
}

/// What another caller must not change: the run's status and instances,
/// and every registration with its endpoint.
async fn snapshot(world: &World, url: &str, run: &str) -> (Value, Vec<(String, String)>) {
    let info = world.run_info(run);
    let mut instances = serde_json::json!({"status": info["status"]});
    for c in info["components"].as_array().into_iter().flatten() {
        instances[c["id"].as_str().unwrap_or("?")] =
            serde_json::json!([c["state"], c["pid"], c["service_id"]]);
    }
    let mut client = ControlPlaneServiceClient::connect(url.to_owned())
        .await
        .expect("the owner reaches the control plane");
    let listed = client
        .list_components(ListComponentsRequest {
            include_unhealthy: true,
            ..Default::default()
        })
        .await
        .expect("the owner lists registrations")
        .into_inner();
    let registrations = listed
        .components
        .into_iter()
        .map(|s| {
            let info = s.component.unwrap_or_default();
            (info.id, info.endpoint)
        })
        .collect();
    (instances, registrations)
}

/// The probe binary, copied where any user may run it.
fn probe_for_anyone(world: &World) -> std::path::PathBuf {
    let dir = world.private_dir("probe");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let probe = dir.join("flowctl-probe");
    std::fs::copy(bin("flowctl-probe"), &probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o755)).unwrap();
    probe
}

/// Makes the socket and the directories above it (up to the world's root)
/// reachable by anyone; returns each path with its mode before.
fn open_the_socket_to_anyone(world: &World) -> Vec<(std::path::PathBuf, u32)> {
    let root = world.state_dir().ancestors().nth(2).unwrap().to_path_buf();
    let mut opened = Vec::new();
    let mut path = world.socket.clone();
    loop {
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
        let open = if path == world.socket {
            0o666
        } else {
            mode | 0o011
        };
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(open)).unwrap();
        opened.push((path.clone(), mode));
        if path == root || !path.pop() {
            break;
        }
    }
    opened
}

fn restore_modes(opened: Vec<(std::path::PathBuf, u32)>) {
    for (path, mode) in opened {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_user_is_refused_every_rpc_and_learns_nothing() {
    if !needs_root("run a probe as another user") || !needs("setpriv", "util-linux") {
        return;
    }
    let world = World::new();
    world.start_daemon(&[]);
    let url = world.control_plane_url();
    let (run, sdk) = secret_run(&world);
    let before = snapshot(&world, &url, &run).await;
    let probe = probe_for_anyone(&world);
    let socket = world.socket.display().to_string();
    // Let the other user reach the socket, so that the daemon's own uid
    // check answers rather than the file's permissions (restored below:
    // flowctl refuses a socket directory others can enter).
    let opened = open_the_socket_to_anyone(&world);
    // As uid 65534, in the name of both a pipeline id and a generated one.
    for service in ["ticker", sdk.as_str()] {
        let mut command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&probe)
            .args([url.as_str(), socket.as_str(), run.as_str(), service])
            .current_dir("/");
        let probed = world.run(command);
        let out = probed.ok();
        let answers: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON line per rpc"))
            .collect();
        assert_eq!(answers.len(), 26, "every rpc was tried\n{probed}");
        for answer in &answers {
            let rpc = answer["rpc"].as_str().unwrap_or("?");
            let code = answer["code"].as_i64().unwrap_or(0);
            assert_eq!(
                code,
                Code::PermissionDenied as i64,
                "{rpc} is refused before any handler\n{probed}"
            );
            let message = answer["message"].as_str().unwrap_or_default();
            assert!(message.contains("uid 65534 may not use it"), "{answer}");
        }
        assert!(
            !out.contains(IN_PIPELINE) && !out.contains(IN_ENV),
            "a secret reached another user\n{probed}"
        );
    }
    restore_modes(opened);
    let after = snapshot(&world, &url, &run).await;
    assert_eq!(
        before, after,
        "another user changed a run or a registration"
    );
    let listed = world.flowctl(&["-o", "json", "pipelines", "list"]).ok();
    assert!(
        !listed.contains("intruder"),
        "another user created a run: {listed}"
    );
    assert!(world.daemon_pid().is_some_and(flowctl_tests::alive));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervised_components_id_is_refused_to_any_other_process() {
    let world = World::new();
    world.start_daemon(&[]);
    let url = world.control_plane_url();
    let (run, sdk) = secret_run(&world);
    let before = snapshot(&world, &url, &run).await;
    let mut v1 = ControlPlaneServiceClient::connect(url.clone())
        .await
        .unwrap();
    let mut legacy = ControlPlaneClient::connect(url.clone()).await.unwrap();
    // This test process is the daemon's user, but no component's process.
    for service in ["ticker", "sdk", sdk.as_str()] {
        let register = v1
            .register_component(RegisterRequest {
                component: Some(ComponentInfo {
                    id: service.into(),
                    endpoint: "127.0.0.1:9".into(),
                    ..Default::default()
                }),
                component_id: service.into(),
            })
            .await
            .unwrap_err();
        assert_eq!(register.code(), Code::PermissionDenied, "{register:?}");
        assert!(
            register
                .message()
                .contains("only that component's own processes"),
            "{register:?}"
        );
        let old = legacy
            .register(ServiceInfo {
                service_id: service.into(),
                ..Default::default()
            })
            .await
            .unwrap_err();
        assert_eq!(old.code(), Code::PermissionDenied, "{old:?}");
    }
    let beat = v1
        .heartbeat(HeartbeatRequest {
            service_id: sdk.clone(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(beat.code(), Code::PermissionDenied, "{beat:?}");
    let gone = v1
        .unregister_component(UnregisterRequest {
            service_id: sdk.clone(),
        })
        .await
        .unwrap_err();
    assert_eq!(gone.code(), Code::PermissionDenied, "{gone:?}");
    assert_eq!(
        before,
        snapshot(&world, &url, &run).await,
        "nothing taken over"
    );
    // A component of its own (an id no supervised component uses) still
    // registers from anywhere.
    v1.register_component(flowctl_tests::control::registration("outsider"))
        .await
        .expect("an external component registers");
}
