//! The HTTP/1.1 JSON API on the daemon socket: every route through the real
//! socket with a plain HTTP client (hyper, and curl where installed), its
//! answers equal to what `flowctl ... -o json` prints, errors as JSON with
//! the CLI's messages, another uid refused, streams that follow a run.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use flowctl_tests::{PATIENCE, Pipeline, World, needs, needs_root, sh};

/// One request over `socket`, on its own connection.
async fn request(
    socket: &Path,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &str,
) -> hyper::Response<Incoming> {
    let stream = tokio::net::UnixStream::connect(socket)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to {}: {e}", socket.display()));
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("HTTP/1.1 handshake");
    tokio::spawn(connection);
    let mut builder = hyper::Request::builder()
        .method(method)
        .uri(path)
        .header("host", "localhost");
    if let Some(content_type) = content_type {
        builder = builder.header("content-type", content_type);
    }
    let request = builder
        .body(Full::new(Bytes::from(body.to_owned())))
        .unwrap();
    sender.send_request(request).await.expect("an answer")
}

/// The status and JSON body of one request.
async fn call(
    socket: &Path,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &str,
) -> (u16, Value) {
    let response = request(socket, method, path, content_type, body).await;
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&body);
    let value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{method} {path}: not JSON ({e}): {text}"));
    (status, value)
}

async fn get(socket: &Path, path: &str) -> (u16, Value) {
    call(socket, "GET", path, None, "").await
}

/// The lines of a newline-delimited JSON answer as they arrive; the
/// channel closes when the answer ends.
async fn lines(socket: &Path, path: &str) -> mpsc::UnboundedReceiver<Value> {
    let response = request(socket, "GET", path, None, "").await;
    assert_eq!(response.status(), 200, "GET {path}");
    let (tx, rx) = mpsc::unbounded_channel();
    let mut body = response.into_body();
    tokio::spawn(async move {
        let mut pending = Vec::new();
        while let Some(Ok(frame)) = body.frame().await {
            let Ok(data) = frame.into_data() else {
                continue;
            };
            pending.extend_from_slice(&data);
            while let Some(end) = pending.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = pending.drain(..=end).collect();
                let value = serde_json::from_slice(&line).expect("one JSON value a line");
                if tx.send(value).is_err() {
                    return;
                }
            }
        }
    });
    rx
}

/// The next line of `lines` that `wanted` accepts (those before it are
/// returned too), within [`PATIENCE`].
async fn until(
    lines: &mut mpsc::UnboundedReceiver<Value>,
    wanted: impl Fn(&Value) -> bool,
) -> Vec<Value> {
    let mut seen = Vec::new();
    let found = tokio::time::timeout(PATIENCE, async {
        while let Some(line) = lines.recv().await {
            let done = wanted(&line);
            seen.push(line);
            if done {
                return true;
            }
        }
        false
    })
    .await;
    assert!(
        found == Ok(true),
        "the stream ended or stalled before the awaited line: {seen:#?}"
    );
    seen
}

/// A submission of `pipeline` as a JSON body, in the world's work dir.
fn submission(world: &World, pipeline: &Pipeline) -> String {
    json!({
        "pipeline": pipeline.yaml(),
        "working_dir": world.work,
        "env": world.env(),
    })
    .to_string()
}

/// A run that stays up until stopped.
fn sleeper() -> Pipeline {
    Pipeline::new("sleeper").source("nap", &sh("exec sleep 1000"), &["readiness: started"])
}

/// `value` without what changes between two reads of a live run.
fn steady(mut value: Value) -> Value {
    for c in value["components"].as_array_mut().into_iter().flatten() {
        c["cpu_usec"] = Value::Null;
    }
    value
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_what_json_output_prints() {
    let world = World::new();
    world.start_daemon(&[]);
    let socket = world.socket.clone();

    let (code, info) = get(&socket, "/v1/info").await;
    assert_eq!(code, 200);
    let status = world.daemon_status();
    for key in ["pid", "version", "socket", "control_plane", "state_dir"] {
        assert_eq!(info[key], status[key], "{key} in {info:#}");
    }

    let body = submission(&world, &sleeper());
    let (code, run) = call(&socket, "POST", "/v1/runs", Some("application/json"), &body).await;
    assert_eq!(code, 201, "{run:#}");
    let id = run["run_id"].as_str().expect("a run id").to_owned();
    assert_eq!(run["pipeline"], "sleeper");
    world.wait_until_running(&id);

    let (code, runs) = get(&socket, "/v1/runs").await;
    assert_eq!(code, 200);
    assert_eq!(
        runs,
        world.flowctl(&["-o", "json", "pipelines", "list"]).json()
    );
    let (_, active) = get(&socket, "/v1/runs?active=true&pipeline=sleeper&limit=1").await;
    assert_eq!(
        active,
        world.flowctl(&["-o", "json", "pipelines", "active"]).json()
    );
    let (_, none) = get(&socket, "/v1/runs?pipeline=other").await;
    assert_eq!(none, json!([]));

    let (code, detail) = get(&socket, &format!("/v1/runs/{}", &id[..8])).await;
    assert_eq!(code, 200);
    assert_eq!(steady(detail), steady(world.run_info(&id)));
    let (code, components) = get(&socket, &format!("/v1/components?run={id}")).await;
    assert_eq!(code, 200);
    let printed = world.flowctl(&["-o", "json", "status", &id]).json();
    assert_eq!(steady(components), steady(printed));

    let mut logs = lines(&socket, &format!("/v1/runs/{id}/logs?tail=5")).await;
    let logged = until(&mut logs, |l| l["component"] == "nap").await;
    assert_eq!(logged[0]["run_id"], id.as_str());

    let pid = |info: &Value| flowctl_tests::component(info, "nap")["pid"].clone();
    let before = pid(&world.run_info(&id));
    let restart = format!("/v1/runs/{id}/components/nap/restart");
    let (code, restarted) = call(&socket, "POST", &restart, None, "").await;
    assert_eq!(code, 200, "{restarted:#}");
    world.wait_run(&id, |info| pid(info) != before && pid(info) != 0);

    let (code, stopped) = call(&socket, "POST", &format!("/v1/runs/{id}/stop"), None, "").await;
    assert_eq!(code, 200, "{stopped:#}");
    assert_eq!(stopped["status"], "STOPPED");
    // A transition the daemon refuses: components of an ended run.
    let (code, refused) = call(&socket, "POST", &restart, None, "").await;
    assert_eq!(code, 409, "{refused:#}");
    assert!(
        refused["error"]
            .as_str()
            .unwrap()
            .contains("is not running"),
        "{refused}"
    );
    let (code, again) = call(&socket, "POST", &format!("/v1/runs/{id}/restart"), None, "").await;
    assert_eq!(code, 201, "{again:#}");
    assert_eq!(again["restarted_from"], id.as_str());
    let again = again["run_id"].as_str().unwrap().to_owned();
    world.wait_until_running(&again);
    world.flowctl(&["pipelines", "stop", &again]).ok();

    // The pipeline text as the body, as curl sends a file.
    let (code, raw) = call(
        &socket,
        "POST",
        &format!("/v1/runs?working_dir={}", world.work.display()),
        Some("application/x-yaml"),
        &Pipeline::new("raw")
            .source("once", &sh("echo once"), &["readiness: started"])
            .yaml(),
    )
    .await;
    assert_eq!(code, 201, "{raw:#}");
    world.wait_ended(raw["run_id"].as_str().unwrap());
}

#[test]
fn curl_lists_runs_over_the_socket() {
    if !needs("curl", "curl") {
        return;
    }
    let world = World::new();
    world.start_daemon(&[]);
    let id = world.detach(&world.pipeline(&sleeper()));
    let mut curl = Command::new("curl");
    curl.args(["-sS", "--fail-with-body", "--unix-socket"])
        .arg(&world.socket)
        .arg("http://localhost/v1/runs");
    let listed = world.run(curl).json();
    assert_eq!(listed[0]["run_id"], id.as_str(), "{listed:#}");
    world.flowctl(&["pipelines", "stop", &id]).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_json_with_the_messages_the_cli_prints() {
    let world = World::new();
    world.start_daemon(&[]);
    let socket = world.socket.clone();

    let (code, error) = get(&socket, "/v1/runs/nosuchrun").await;
    assert_eq!(code, 404);
    let printed = world
        .flowctl(&["pipelines", "run-info", "nosuchrun"])
        .fails();
    let message = error["error"].as_str().expect("an error message");
    assert_eq!(printed.trim(), format!("flowctl: {message}"));
    let (code, _) = call(&socket, "POST", "/v1/runs/nosuchrun/stop", None, "").await;
    assert_eq!(code, 404);
    let (code, _) = get(&socket, "/v1/runs/nosuchrun/logs").await;
    assert_eq!(code, 404);

    let json_type = Some("application/json");
    for bad in [
        "{not json",
        r#"{"pipeline": 3}"#,
        r#"{"pipeline": "", "extra": 1}"#,
    ] {
        let (code, error) = call(&socket, "POST", "/v1/runs", json_type, bad).await;
        assert_eq!(code, 400, "{bad}: {error}");
        let message = error["error"].as_str().unwrap_or_default();
        assert!(message.contains("not a run submission"), "{message}");
    }
    let no_dir = json!({"pipeline": sleeper().yaml()}).to_string();
    let (code, error) = call(&socket, "POST", "/v1/runs", json_type, &no_dir).await;
    assert_eq!(code, 400);
    assert!(
        error["error"].as_str().unwrap().contains("working_dir"),
        "{error}"
    );
    let broken = json!({"pipeline": "kind: Pipeline\nspec: {sorces: []}\n",
        "working_dir": world.work, "pipeline_path": "broken.yaml"});
    let (code, error) = call(&socket, "POST", "/v1/runs", json_type, &broken.to_string()).await;
    assert_eq!(code, 400);
    let message = error["error"].as_str().unwrap();
    assert!(
        message.contains("broken.yaml:2:"),
        "the diagnostics: {message}"
    );

    let (code, error) = get(&socket, "/v1/nothing-here").await;
    assert_eq!(code, 404);
    assert!(
        error["error"].as_str().unwrap().contains("GET /v1/info"),
        "{error}"
    );
    let response = request(&socket, "DELETE", "/v1/runs", None, "").await;
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET, POST");
    let (code, _) = get(&socket, "/v1/runs?active=maybe").await;
    assert_eq!(code, 400);
    assert!(
        world.daemon_status()["running"] == true,
        "the daemon is still up"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_logs_follow_stream_survives_a_component_restart() {
    let world = World::new();
    world.start_daemon(&[]);
    let socket = world.socket.clone();
    let pipeline = Pipeline::new("talker").source(
        "talk",
        &sh("echo instance-$$; exec sleep 1000"),
        &["readiness: started"],
    );
    let id = world.detach(&world.pipeline(&pipeline));
    let mut follow = lines(&socket, &format!("/v1/runs/{id}/logs?follow=true")).await;
    let instance = |l: &Value| l["line"].as_str().unwrap_or("").starts_with("instance-");
    let first = until(&mut follow, instance).await.pop().unwrap();
    world.flowctl(&["restart", &id, "talk"]).ok();
    let second = until(&mut follow, |l| instance(l) && l["line"] != first["line"]).await;
    let second = second.last().unwrap();
    assert!(second["seq"].as_u64() > first["seq"].as_u64(), "{second}");
    world.flowctl(&["pipelines", "stop", &id]).ok();
    // The stream ends with the run.
    let ended = tokio::time::timeout(PATIENCE, async { while follow.recv().await.is_some() {} });
    assert!(
        ended.await.is_ok(),
        "the follow stream ends when the run does"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_show_a_run_start_and_end() {
    let world = World::new();
    world.start_daemon(&[]);
    let socket = world.socket.clone();
    let mut every = lines(&socket, "/v1/events").await;
    let once = Pipeline::new("once").source("hi", &sh("echo hi"), &["readiness: started"]);
    let body = submission(&world, &once);
    let (code, run) = call(&socket, "POST", "/v1/runs", Some("application/json"), &body).await;
    assert_eq!(code, 201, "{run:#}");
    let id = run["run_id"].as_str().unwrap().to_owned();
    let ours =
        |l: &Value, status: &str| l["run"]["run_id"] == id.as_str() && l["run"]["status"] == status;
    until(&mut every, |l| ours(l, "STARTING")).await;
    until(&mut every, |l| ours(l, "COMPLETED")).await;

    // One run's events are its Watch stream, ended with the run.
    let mut watched = lines(&socket, &format!("/v1/events?run={id}")).await;
    let first = until(&mut watched, |l| l.get("run").is_some()).await;
    assert_eq!(first[0]["run"]["status"], "COMPLETED");
    let ended = tokio::time::timeout(PATIENCE, async { while watched.recv().await.is_some() {} });
    assert!(ended.await.is_ok(), "the watch of an ended run ends");
}

#[test]
fn another_uid_is_refused_over_http() {
    if !needs_root("run curl as another user")
        || !needs("setpriv", "util-linux")
        || !needs("curl", "curl")
    {
        return;
    }
    let world = World::new();
    world.start_daemon(&[]);
    // Let the other user reach the socket, so that the daemon's own uid
    // check answers rather than the file's permissions.
    let mut opened = Vec::new();
    for path in world
        .socket
        .ancestors()
        .take_while(|p| p.starts_with(world.root.path()))
    {
        let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o7777;
        let open = if path == world.socket {
            0o666
        } else {
            mode | 0o011
        };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(open)).unwrap();
        opened.push((path.to_path_buf(), mode));
    }
    let mut curl = Command::new("setpriv");
    curl.args([
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "curl",
        "-sS",
    ])
    .args(["-w", "\n%{http_code}", "--unix-socket"])
    .arg(&world.socket)
    .arg("http://localhost/v1/runs")
    .current_dir("/");
    let answer = world.run(curl).ok();
    for (path, mode) in opened {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let (body, code) = answer
        .trim()
        .rsplit_once('\n')
        .expect("a body and a status");
    assert_eq!(code, "403", "{answer}");
    let error: Value = serde_json::from_str(body).expect("a JSON error");
    let message = error["error"].as_str().unwrap_or_default();
    assert!(message.contains("uid 65534 may not use it"), "{message}");
}
