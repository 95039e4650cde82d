//! The older CLI's operator commands: its flags as scripts pass them, remote
//! control planes by endpoint flags, `processors`, `version`, and what bad
//! endpoints and filters answer.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use flowctl_proto::legacy::CreatePipelineRunRequest;
use flowctl_proto::legacy::control_plane_client::ControlPlaneClient;
use flowctl_proto::v1::control_plane_service_client::ControlPlaneServiceClient;
use flowctl_proto::v1::{ComponentInfo, ComponentType, RegisterRequest};
use flowctl_tests::{Pipeline, World, sh};

/// A port nothing listens on now (bound, read, released).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts the world's daemon with its control plane on `port`; returns
/// `127.0.0.1:PORT`.
fn start_on(world: &World, port: u16) -> String {
    world.start_daemon(&["--control-plane-port", &port.to_string()]);
    format!("127.0.0.1:{port}")
}

/// A third-party registration through `flowctl.v1`.
fn info(id: &str, kind: ComponentType, inputs: &[&str], outputs: &[&str]) -> ComponentInfo {
    ComponentInfo {
        id: id.into(),
        name: format!("{id} name"),
        version: "1.2.3".into(),
        description: format!("{id} description"),
        r#type: kind as i32,
        input_event_types: inputs.iter().map(|s| s.to_string()).collect(),
        output_event_types: outputs.iter().map(|s| s.to_string()).collect(),
        endpoint: format!("127.0.0.1:1{}", id.len()),
        ..Default::default()
    }
}

async fn register(addr: &str, components: Vec<ComponentInfo>) {
    let mut client = ControlPlaneServiceClient::connect(format!("http://{addr}"))
        .await
        .unwrap();
    for component in components {
        client
            .register_component(RegisterRequest {
                component: Some(component),
                component_id: String::new(),
            })
            .await
            .unwrap();
    }
}

/// A run recorded through the legacy API of the plane at `addr`; its id.
async fn legacy_run(addr: &str, name: &str) -> String {
    let mut client = ControlPlaneClient::connect(format!("http://{addr}"))
        .await
        .unwrap();
    client
        .create_pipeline_run(CreatePipelineRunRequest {
            run_id: String::new(),
            pipeline_name: name.into(),
            config_yaml: String::new(),
            component_ids: vec!["src".into()],
        })
        .await
        .unwrap()
        .into_inner()
        .run_id
}

/// Ids of a JSON listing of registrations.
fn ids(listing: &serde_json::Value) -> BTreeSet<String> {
    listing
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {listing:#}"))
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Every command and flag of the older CLI's operator surface, against a
/// daemon whose control plane listens on a fixed port.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn old_cli_invocations_work_against_a_fixed_port() {
    let world = World::new();
    let port = free_port();
    let addr = start_on(&world, port);
    let p = port.to_string();
    register(
        &addr,
        vec![
            info("gen", ComponentType::Source, &[], &["ledger"]),
            info("upper", ComponentType::Processor, &["ledger"], &["upper"]),
            info("out", ComponentType::Consumer, &["upper"], &[]),
        ],
    )
    .await;
    let file = world.pipeline(&Pipeline::new("ops").source(
        "ticker",
        &sh("exec sleep 1000"),
        &["readiness: started"],
    ));
    let validated = world.flowctl(&["validate", &file]).ok();
    assert!(
        validated.contains("Pipeline validation passed"),
        "{validated}"
    );
    world
        .flowctl(&[
            "run",
            &file,
            "--detach",
            "--orchestrator",
            "process",
            "--control-plane-port",
            "0",
            "--control-plane-address",
            "127.0.0.1",
            "--show-status",
            "false",
            "--log-dir",
            "logs",
            "--heartbeat-ttl",
            "30s",
            "--janitor-interval",
            "10s",
            "--no-persistence",
        ])
        .ok();
    let run = world.the_active_run();
    world.wait_until_running(&run);

    let status = world.flowctl(&["status", "--control-plane-port", &p]).ok();
    for want in [
        "Sources:",
        "Processors:",
        "Sinks:",
        "gen",
        "upper",
        "out",
        "healthy",
    ] {
        assert!(status.contains(want), "no {want} in:\n{status}");
    }
    let wide = world
        .flowctl(&[
            "-o",
            "wide",
            "status",
            "--control-plane-address",
            "127.0.0.1",
            "--control-plane-port",
            &p,
            "--include-unhealthy",
            "--interval",
            "5",
        ])
        .ok();
    assert!(
        wide.contains("OUTPUT TYPES") && wide.contains("ledger"),
        "{wide}"
    );
    let json = world
        .flowctl(&[
            "-o",
            "json",
            "status",
            "--control-plane-addr",
            &addr,
            "--include-unhealthy=false",
        ])
        .json();
    assert_eq!(ids(&json["processors"]), set(&["upper"]));
    assert_eq!(ids(&json["sinks"]), set(&["out"]));

    for args in [
        vec!["list", "-e", addr.as_str()],
        vec!["list", "--endpoint", addr.as_str(), "--wait", "-t"],
    ] {
        let listed = world.flowctl(&args).ok();
        assert!(
            listed.contains("upper") && listed.contains("processor"),
            "{listed}"
        );
    }
    let localhost = format!("localhost:{port}");
    world.flowctl(&["list", "-e", &localhost]).ok();

    let plane = [
        "--control-plane-address",
        "127.0.0.1",
        "--control-plane-port",
        p.as_str(),
    ];
    let active = world
        .flowctl(&[&["pipelines", "active"], &plane[..]].concat())
        .ok();
    assert!(
        active.contains(flowctl_core::short_id(&run)) && active.contains("ops"),
        "{active}"
    );
    world
        .flowctl(&[&["pipelines", "list"], &plane[..]].concat())
        .ok();
    let runs = world
        .flowctl(&[
            "pipelines",
            "runs",
            "ops",
            "--limit",
            "5",
            "--control-plane-port",
            &p,
        ])
        .ok();
    assert!(runs.contains(flowctl_core::short_id(&run)), "{runs}");
    let info = world
        .flowctl(&[
            "pipelines",
            "run-info",
            &run[..8],
            "--control-plane-port",
            &p,
        ])
        .ok();
    assert!(info.contains(&run) && info.contains("running"), "{info}");
    // Locally too, `--limit` bounds the listing.
    world
        .flowctl(&["pipelines", "runs", "ops", "--limit", "1"])
        .ok();

    let processors = world.flowctl(&["processors", "list", "-e", &addr]).ok();
    assert!(
        processors.contains("upper") && !processors.contains("gen "),
        "{processors}"
    );
    let found = world
        .flowctl(&[
            "-o",
            "json",
            "processors",
            "find",
            "--endpoint",
            &addr,
            "--input",
            "ledger",
            "--output",
            "upper",
            "--include-unhealthy",
        ])
        .json();
    assert_eq!(ids(&found), set(&["upper"]));
    let shown = world
        .flowctl(&["processors", "show", "upper", "-e", &addr])
        .ok();
    for want in ["upper name", "1.2.3", "ledger", "Registered at:", "healthy"] {
        assert!(shown.contains(want), "no {want} in:\n{shown}");
    }
    // Without an endpoint: the local daemon's own plane, and its socket
    // API says what components registered.
    let local = world.flowctl(&["-o", "yaml", "processors", "list"]).ok();
    assert!(local.contains("id: upper"), "{local}");
    let local = world.flowctl(&["-o", "wide", "list"]).ok();
    assert!(
        local.contains("OUTPUT TYPES") && local.contains("ledger"),
        "{local}"
    );
    let local = world.flowctl(&["-o", "json", "status"]).json();
    let upper = local["external"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["service_id"] == "upper");
    assert_eq!(
        upper.unwrap()["registration"]["input_event_types"],
        serde_json::json!(["ledger"])
    );

    let version = world.flowctl(&["-o", "json", "version"]).json();
    assert!(version["client"]["commit"].is_string(), "{version:#}");
    assert_eq!(version["daemon"]["version"], version["client"]["version"]);
    // The daemon says how it was built, as the client does (one workspace
    // build: the same target and compiler).
    for fact in ["commit", "build_date", "target", "rust"] {
        let daemon = version["daemon"][fact].as_str().unwrap_or_default();
        assert!(
            !daemon.is_empty() && daemon != "unknown",
            "{fact}: {version:#}"
        );
    }
    assert_eq!(version["daemon"]["target"], version["client"]["target"]);
    assert_eq!(version["daemon"]["rust"], version["client"]["rust"]);
    let text = world.flowctl(&["version"]).ok();
    assert_eq!(text.matches("target:").count(), 2, "{text}");

    // The global flags that did nothing in the older CLI change nothing.
    let config = world.write("config.toml", "heartbeat_ttl = \"30s\"\n");
    let quiet = world
        .flowctl(&[
            "--config",
            config.to_str().unwrap(),
            "--context",
            "prod",
            "-n",
            "data",
            "-y",
            "-o",
            "yaml",
            "pipelines",
            "list",
            "--namespace",
            "data",
            "--yes",
        ])
        .ok();
    assert!(
        quiet.starts_with("---\n") && quiet.contains("pipeline: ops"),
        "{quiet}"
    );

    let stopped = world
        .flowctl(&[&["pipelines", "stop", &run[..8]], &plane[..]].concat())
        .ok();
    assert!(stopped.contains("Pipeline stopped"), "{stopped}");
    world.wait_ended(&run);
}

/// Unknown flags still get clap's error, on every command that grew flags.
#[test]
fn unknown_flags_are_still_refused() {
    let world = World::new();
    for args in [
        vec!["status", "--control-plane-prot", "8080"],
        vec!["list", "--endpoints", "x:1"],
        vec!["pipelines", "active", "--control-plane", "x"],
        vec!["processors", "find", "--inputs", "ledger"],
        vec!["version", "--short"],
        vec!["server", "--tls"],
        vec!["--namespaces", "x", "status"],
    ] {
        let run = world.flowctl(&args);
        let err = run.fails();
        assert!(err.contains("unexpected argument"), "{args:?}: {err}");
        assert_eq!(run.code(), Some(2), "{args:?}");
    }
    let tls = world.flowctl(&[
        "server",
        "--port",
        "0",
        "--tls-cert",
        "c.pem",
        "--tls-key",
        "k.pem",
    ]);
    // The TLS flags reach the daemon, which names the file it cannot read.
    let err = tls.fails();
    assert!(
        err.contains("--tls-cert") && err.contains("c.pem"),
        "{}",
        tls.stderr()
    );
}

/// The client of one world queries the other world's plane by endpoint
/// flags and sees that plane's components and runs, not its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_queries_another_daemons_plane() {
    let (here, there) = (World::new(), World::new());
    let here_addr = start_on(&here, free_port());
    let there_port = free_port();
    let there_addr = start_on(&there, there_port);
    register(
        &here_addr,
        vec![info("mine", ComponentType::Processor, &["a"], &["b"])],
    )
    .await;
    register(
        &there_addr,
        vec![info("theirs", ComponentType::Processor, &["a"], &["b"])],
    )
    .await;
    let their_run = legacy_run(&there_addr, "remote-pipeline").await;
    let my_run = legacy_run(&here_addr, "local-pipeline").await;

    let status = here
        .flowctl(&["-o", "json", "status", "--control-plane-addr", &there_addr])
        .json();
    assert_eq!(ids(&status["processors"]), set(&["theirs"]));
    let listed = here
        .flowctl(&["processors", "list", "-e", &there_addr])
        .ok();
    assert!(
        listed.contains("theirs") && !listed.contains("mine"),
        "{listed}"
    );
    let runs = here
        .flowctl(&[
            "-o",
            "json",
            "pipelines",
            "list",
            "--control-plane-port",
            &there_port.to_string(),
        ])
        .json();
    let run_ids: Vec<&str> = runs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["run_id"].as_str().unwrap())
        .collect();
    assert_eq!(run_ids, vec![their_run.as_str()], "{runs:#}");
    // Without endpoint flags, the same client sees its own daemon.
    let own = here.flowctl(&["-o", "json", "processors", "list"]).json();
    assert_eq!(ids(&own), set(&["mine"]));
    let own_runs = here.flowctl(&["pipelines", "list"]).ok();
    assert!(
        own_runs.contains(flowctl_core::short_id(&my_run)),
        "{own_runs}"
    );
}

/// `processors find` ANDs every filter over what the plane registered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processors_find_ands_every_filter() {
    let world = World::new();
    let addr = start_on(&world, free_port());
    let with = |mut info: ComponentInfo, meta: &[(&str, &str)]| {
        info.metadata = meta
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        info
    };
    register(
        &addr,
        vec![
            with(
                info(
                    "p-ledger-testnet",
                    ComponentType::Processor,
                    &["ledger"],
                    &["event"],
                ),
                &[("network", "testnet"), ("team", "data")],
            ),
            with(
                info(
                    "p-ledger-mainnet",
                    ComponentType::Processor,
                    &["ledger"],
                    &["event"],
                ),
                &[("network", "mainnet"), ("team", "data")],
            ),
            with(
                info("p-event", ComponentType::Processor, &["event"], &["row"]),
                &[("network", "testnet")],
            ),
            // Not a processor: never found, whatever it consumes.
            with(
                info("s-ledger", ComponentType::Consumer, &["ledger"], &[]),
                &[("network", "testnet")],
            ),
        ],
    )
    .await;
    let find = |filters: &[&str]| {
        let mut args = vec!["-o", "json", "processors", "find", "-e", addr.as_str()];
        args.extend_from_slice(filters);
        ids(&world.flowctl(&args).json())
    };
    let all = set(&["p-ledger-testnet", "p-ledger-mainnet", "p-event"]);
    assert_eq!(find(&[]), all);
    assert_eq!(
        find(&["--input", "ledger"]),
        set(&["p-ledger-testnet", "p-ledger-mainnet"])
    );
    assert_eq!(find(&["--output", "row"]), set(&["p-event"]));
    assert_eq!(
        find(&["--metadata", "network=testnet"]),
        set(&["p-ledger-testnet", "p-event"])
    );
    assert_eq!(
        find(&["--input", "ledger", "--metadata", "network=testnet"]),
        set(&["p-ledger-testnet"])
    );
    assert_eq!(find(&["--input", "event", "--output", "event"]), set(&[]));
    assert_eq!(
        find(&[
            "--metadata",
            "team=data",
            "--metadata",
            "network=mainnet",
            "--output",
            "event"
        ]),
        set(&["p-ledger-mainnet"])
    );
    let listed = ids(&world
        .flowctl(&["-o", "json", "processors", "list", "-e", &addr])
        .json());
    assert_eq!(listed, all);
}

/// Bad endpoints and bad flags: each a bounded, clear error.
#[test]
fn bad_endpoints_and_filters_are_clear_errors() {
    let world = World::new();
    let refused = format!("127.0.0.1:{}", free_port());
    let err = world
        .flowctl(&["status", "--control-plane-addr", &refused])
        .fails();
    assert!(
        err.contains(&format!("no control plane answered at {refused}")),
        "{err}"
    );

    // Accepts and never answers: the wait is bounded and said.
    let hanging = TcpListener::bind("127.0.0.1:0").unwrap();
    let hanging_addr = hanging.local_addr().unwrap().to_string();
    let held = std::thread::spawn(move || {
        let conns: Vec<_> = hanging.incoming().take(1).collect();
        std::thread::sleep(Duration::from_secs(8));
        drop(conns);
    });
    let run = world.run_within(
        world.command(&["list", "-e", &hanging_addr]),
        Duration::from_secs(20),
    );
    let err = run.fails();
    assert!(
        err.contains(&format!(
            "no control plane answered at {hanging_addr} (waited 5 s)"
        )),
        "{err}"
    );
    held.join().unwrap();

    // Speaks HTTP/1, not gRPC.
    let http = TcpListener::bind("127.0.0.1:0").unwrap();
    let http_addr = http.local_addr().unwrap().to_string();
    let server = std::thread::spawn(move || {
        for stream in http.incoming().take(2) {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    let run = world.run_within(
        world.command(&["processors", "list", "-e", &http_addr]),
        Duration::from_secs(20),
    );
    let err = run.fails();
    assert!(
        err.contains(&format!(
            "{http_addr} answered, but not as a flowctl control plane"
        )),
        "{err}"
    );
    drop(server);

    let err = world
        .flowctl(&["processors", "find", "--metadata", "network"])
        .fails();
    assert!(err.contains("'network' is not KEY=VALUE"), "{err}");
    let err = world
        .flowctl(&[
            "status",
            "--watch",
            "--interval",
            "0",
            "--control-plane-port",
            "1",
        ])
        .fails();
    assert!(err.contains("--interval 0"), "{err}");
}

/// `run --use-external-control-plane`: the local daemon supervises the
/// process, which registers with the other daemon's plane, and the
/// foreground view says what that plane reports.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_registers_components_with_an_external_plane() {
    let (here, there) = (World::new(), World::new());
    let there_port = free_port();
    let there_addr = start_on(&there, there_port);
    let file = here.pipeline(&Pipeline::new("ext").generator("gen", &[("INTERVAL_MS", "200")]));
    let mut run = here.spawn(here.command(&[
        "run",
        &file,
        "--use-external-control-plane",
        "--control-plane-address",
        "127.0.0.1",
        "--control-plane-port",
        &there_port.to_string(),
    ]));
    let registered = flowctl_tests::wait_until(flowctl_tests::PATIENCE, || {
        let sources = here
            .flowctl(&["-o", "json", "status", "--control-plane-addr", &there_addr])
            .json();
        ids(&sources["sources"]).contains("gen")
    });
    assert!(
        registered,
        "gen never registered with {there_addr}: {}",
        run.stdout()
    );
    // The local daemon supervises it; its own plane has no registration.
    let own = here.flowctl(&["-o", "json", "processors", "list"]).json();
    assert_eq!(ids(&own), set(&[]));
    let id = here.the_active_run();
    let shown = flowctl_tests::wait_until(flowctl_tests::PATIENCE, || {
        run.stdout()
            .contains(&format!("[control plane {there_addr}] gen: healthy"))
    });
    assert!(
        shown,
        "the foreground run did not show the plane's report: {}",
        run.stdout()
    );
    here.flowctl(&["pipelines", "stop", &id]).ok();
    let status = run
        .wait(flowctl_tests::PATIENCE)
        .expect("the foreground run exits");
    assert!(status.success(), "{}", run.stderr());
}

/// The global `--config FILE` reaches the daemon a command starts, from
/// before or after the command's name.
#[test]
fn global_config_reaches_a_started_daemon() {
    let world = World::new();
    let config = world.write("ops.toml", "heartbeat_ttl = \"7s\"\n");
    let config = config.to_str().unwrap();
    world.flowctl(&["--config", config, "daemon", "start"]).ok();
    assert_eq!(world.daemon_status()["heartbeat_ttl"], "7s");
    world.flowctl(&["daemon", "stop"]).ok();
    let other = world.write("other.toml", "heartbeat_ttl = \"9s\"\n");
    world
        .flowctl(&["daemon", "start", "--config", other.to_str().unwrap()])
        .ok();
    assert_eq!(world.daemon_status()["heartbeat_ttl"], "9s");
}

/// `status --watch --interval N` against a plane redraws until interrupted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_watch_redraws_a_remote_plane_until_interrupted() {
    let world = World::new();
    let addr = start_on(&world, free_port());
    register(&addr, vec![info("w", ComponentType::Source, &[], &["x"])]).await;
    let mut watch = world.spawn(world.command(&[
        "status",
        "--watch",
        "--interval",
        "1",
        "--control-plane-addr",
        &addr,
    ]));
    let redrawn = flowctl_tests::wait_until(flowctl_tests::PATIENCE, || {
        watch.stdout().matches("Control plane").count() >= 2
    });
    assert!(redrawn, "no second refresh: {}", watch.stdout());
    flowctl_tests::kill(watch.pid(), nix::sys::signal::Signal::SIGINT as i32);
    let status = watch
        .wait(flowctl_tests::PATIENCE)
        .expect("watch exits on Ctrl+C");
    assert!(status.success(), "{}", watch.stderr());
}

/// Lines `name` in `world`'s work dir holds so far (0 while it is missing).
fn line_count(world: &World, name: &str) -> usize {
    std::fs::read_to_string(world.work.join(name)).map_or(0, |text| text.lines().count())
}

/// With `--use-external-control-plane` the local relay still moves events
/// along `inputs` (it learns the endpoints from that plane's registrations),
/// and the run record keeps the plane: `pipelines restart` and `daemon
/// restart` register the run's components there again, never locally.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_external_plane_run_relays_and_keeps_its_plane_on_restart() {
    let (here, there) = (World::new(), World::new());
    let there_port = free_port();
    let there_addr = start_on(&there, there_port);
    let pipeline = Pipeline::new("extchain")
        .generator("gen", &[("INTERVAL_MS", "50")])
        .example_sink("out", &["gen"], &[("OUTPUT_FILE", "ext.txt")]);
    let file = here.pipeline(&pipeline);
    let port = there_port.to_string();
    let external = [
        "--use-external-control-plane",
        "--control-plane-port",
        &port,
    ];
    let mut args = vec!["run", file.as_str(), "--detach"];
    args.extend(external);
    here.flowctl(&args).ok();
    let first = here.the_active_run();
    let flowed = flowctl_tests::wait_until(flowctl_tests::PATIENCE, || {
        line_count(&here, "ext.txt") >= 5
    });
    assert!(
        flowed,
        "no events reached the sink: {:#}",
        here.run_info(&first)
    );
    let own = here.flowctl(&["-o", "json", "list"]).json();
    assert_eq!(
        own,
        serde_json::json!([]),
        "registered with the local plane"
    );
    here.flowctl(&["pipelines", "stop", &first]).ok();

    let before = line_count(&here, "ext.txt");
    here.flowctl(&["pipelines", "restart", &first, "--detach"])
        .ok();
    let second = here.the_active_run();
    assert_ne!(second, first);
    let flowed = flowctl_tests::wait_until(flowctl_tests::PATIENCE, || {
        line_count(&here, "ext.txt") >= before + 5
    });
    assert!(
        flowed,
        "the restarted run relayed nothing: {:#}",
        here.run_info(&second)
    );
    let theirs = here
        .flowctl(&["-o", "json", "status", "--control-plane-addr", &there_addr])
        .json();
    assert!(ids(&theirs["sources"]).contains("gen"), "{theirs:#}");
    let own = here.flowctl(&["-o", "json", "list"]).json();
    assert_eq!(
        own,
        serde_json::json!([]),
        "the restarted run registered locally"
    );

    // `daemon restart` resumes the run with the same plane.
    here.flowctl(&["daemon", "restart"]).ok();
    let before = line_count(&here, "ext.txt");
    let flowed = flowctl_tests::wait_until(flowctl_tests::PATIENCE, || {
        line_count(&here, "ext.txt") >= before + 5
    });
    assert!(
        flowed,
        "the resumed run relayed nothing: {:#}",
        here.run_info(&second)
    );
    let own = here.flowctl(&["-o", "json", "list"]).json();
    assert_eq!(
        own,
        serde_json::json!([]),
        "the resumed run registered locally"
    );
    here.flowctl(&["pipelines", "stop", &second]).ok();
}

/// Locally too, `status --include-unhealthy false` leaves out what stopped
/// heartbeating, and `--watch --interval N` refreshes every N seconds even
/// when nothing changed (as for a remote plane).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_status_honours_include_unhealthy_and_interval() {
    let world = World::new();
    let port = free_port();
    world.start_daemon(&[
        "--control-plane-port",
        &port.to_string(),
        "--heartbeat-ttl",
        "1s",
    ]);
    let addr = format!("127.0.0.1:{port}");
    register(
        &addr,
        vec![info("quiet", ComponentType::Source, &[], &["x"])],
    )
    .await;
    let health = |args: &[&str]| {
        let mut all = vec!["-o", "json", "status"];
        all.extend_from_slice(args);
        let shown = world.flowctl(&all).json();
        shown["external"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["service_id"] == "quiet")
            .map(|e| e["health"].as_str().unwrap().to_owned())
    };
    let expired = flowctl_tests::wait_until(flowctl_tests::PATIENCE, || {
        health(&[]).as_deref() == Some("UNHEALTHY")
    });
    assert!(expired, "quiet never turned UNHEALTHY: {:?}", health(&[]));
    assert_eq!(health(&["--include-unhealthy", "false"]), None);
    assert_eq!(
        health(&["--include-unhealthy"]).as_deref(),
        Some("UNHEALTHY")
    );

    let mut watch = world.spawn(world.command(&[
        "-o",
        "json",
        "status",
        "--watch",
        "--interval",
        "1",
        "--include-unhealthy",
        "false",
    ]));
    let refreshed = flowctl_tests::wait_until(flowctl_tests::PATIENCE, || {
        watch.stdout().matches("\"external\"").count() >= 3
    });
    assert!(refreshed, "no refresh every second: {}", watch.stdout());
    assert!(!watch.stdout().contains("quiet"), "{}", watch.stdout());
    flowctl_tests::kill(watch.pid(), nix::sys::signal::Signal::SIGINT as i32);
    let status = watch
        .wait(flowctl_tests::PATIENCE)
        .expect("watch exits on Ctrl+C");
    assert!(status.success(), "{}", watch.stderr());
}
