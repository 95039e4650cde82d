//! `flowctld --pipeline FILE --no-spawn`: the daemon runs the pipeline's
//! control plane, relay and record while the test plays the other engine,
//! starting the example components itself with the environment a
//! translated manifest gives them.

use flowctl_tests::{Background, PATIENCE, World, component, wait_until};
use serde_json::Value;

/// The example chain, `count` events, for a daemon that spawns nothing.
fn chain(world: &World, count: u32) -> String {
    let count = count.to_string();
    let pipeline = flowctl_tests::Pipeline::new("chain")
        .generator("gen", &[("COUNT", &count)])
        .upper("upper", &["gen"], &[])
        .example_sink("out", &["upper"], &[("OUTPUT_FILE", "chain-out.txt")]);
    let file = world.pipeline(&pipeline);
    world.work.join(file).display().to_string()
}

/// Starts the no-spawn daemon of `file` (with `flags`) and returns its
/// control plane's `host:port`.
fn start_plane(world: &World, file: &str, flags: &[&str]) -> String {
    let mut args = vec!["--pipeline", file, "--no-spawn"];
    args.extend_from_slice(flags);
    world.start_daemon(&args);
    let status = world.daemon_status();
    status["control_plane"].as_str().unwrap().to_owned()
}

/// Starts the example component `binary` as `id`, as another engine
/// would: registering with the plane at `plane` under its pipeline id.
fn start(world: &World, binary: &str, id: &str, plane: &str, env: &[(&str, &str)]) -> Background {
    let mut command = world.command_of(binary, &[]);
    command
        .env("ENABLE_FLOWCTL", "true")
        .env("FLOWCTL_ENDPOINT", plane)
        .env("FLOWCTL_COMPONENT_ID", id)
        .env("FLOWCTL_HEARTBEAT_INTERVAL", "200ms")
        .env("PORT", "127.0.0.1:0")
        .envs(env.iter().copied());
    world.spawn(command)
}

/// Waits until `status` of `run` shows `id` as `state`, and returns it.
fn wait_component(world: &World, run: &str, id: &str, reached: impl Fn(&Value) -> bool) -> Value {
    let info = world.wait_run(run, |info| {
        info["components"]
            .as_array()
            .and_then(|all| all.iter().find(|c| c["id"] == id))
            .is_some_and(&reached)
    });
    component(&info, id).clone()
}

/// The chain played by another engine, sink first: events flow, the
/// components show with their health, and the run ends COMPLETED.
#[test]
fn a_chain_started_elsewhere_completes_in_this_daemons_record() {
    let world = World::new();
    let file = chain(&world, 50);
    let plane = start_plane(&world, &file, &[]);
    let run = world.the_active_run();
    // Nothing is spawned: every component waits for its registration.
    let info = world.run_info(&run);
    for id in ["gen", "upper", "out"] {
        let c = component(&info, id);
        assert!(c["pid"].as_i64().unwrap_or(0) == 0, "{c:#}");
        assert!(
            c["exit"].as_str().unwrap().contains("waiting to register"),
            "{c:#}"
        );
    }
    let out = world.work.join("chain-out.txt").display().to_string();
    let _sink = start(
        &world,
        "flowctl-example-sink",
        "out",
        &plane,
        &[("OUTPUT_FILE", &out)],
    );
    let _upper = start(&world, "flowctl-example-upper", "upper", &plane, &[]);
    // Running and healthy once registered and heartbeating.
    wait_component(&world, &run, "out", |c| {
        c["state"] == "RUNNING" && c["health"] == "HEALTHY"
    });
    let status = world.flowctl(&["-o", "json", "status", &run]).json();
    let gen_status = component(&status, "gen");
    assert_eq!(gen_status["state"], "STARTING", "{status:#}");
    let _gen = start(
        &world,
        "flowctl-example-gen",
        "gen",
        &plane,
        &[("COUNT", "50")],
    );
    let ended = world.wait_ended(&run);
    assert_eq!(ended["status"], "COMPLETED", "{ended:#}");
    // Every event went through the relay into the sink's file.
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.lines().count(), 50, "{written}");
    assert!(written.contains(r#""VALUE":"TICK 50""#), "{written}");
    let sink = component(&ended, "out");
    assert_eq!(sink["state"], "EXITED", "{ended:#}");
}

/// A component that never registers stays waiting; one whose heartbeats
/// stop shows UNHEALTHY, and nothing is restarted or killed.
#[test]
fn a_silent_component_goes_unhealthy_and_a_missing_one_waits() {
    let world = World::new();
    let file = chain(&world, 0);
    let plane = start_plane(&world, &file, &["--heartbeat-ttl", "1s"]);
    let run = world.the_active_run();
    let mut hung = start(
        &world,
        "flowctl-example-upper",
        "upper",
        &plane,
        &[("EXAMPLE_HANG", "1")],
    );
    let upper = wait_component(&world, &run, "upper", |c| c["health"] == "UNHEALTHY");
    assert_eq!(upper["state"], "RUNNING", "{upper:#}");
    assert!(
        hung.running(),
        "the hung component was ended: {}",
        hung.stderr()
    );
    let info = world.run_info(&run);
    assert_eq!(info["status"], "STARTING", "{info:#}");
    for id in ["gen", "out"] {
        let c = component(&info, id);
        assert_eq!(c["state"], "STARTING", "{c:#}");
        assert!(c["exit"].as_str().unwrap().contains("waiting"), "{c:#}");
    }
    // Stopping the run leaves the processes to the engine that started them.
    world.flowctl(&["pipelines", "stop", &run]).ok();
    let ended = world.wait_ended(&run);
    assert_eq!(ended["status"], "STOPPED", "{ended:#}");
    assert!(
        hung.running(),
        "flowctld stopped a process it did not start"
    );
    assert!(wait_until(PATIENCE, || !world
        .flowctl(&["list"])
        .ok()
        .contains("upper")));
}

/// `--no-spawn` needs the pipeline it runs.
#[test]
fn no_spawn_without_a_pipeline_is_refused() {
    let world = World::new();
    let mut daemon = world.command_of("flowctld", &["--no-spawn"]);
    daemon.env("FLOWCTL_SOCKET", world.work.join("d.sock"));
    let refused = world.run(daemon);
    assert!(
        refused.fails().contains("--pipeline"),
        "{}",
        refused.stderr()
    );
}

/// One run per pipeline across restarts: a daemon restarted with the same
/// `--pipeline --no-spawn` goes on with the run it resumed instead of
/// starting a second; one restarted without those flags still never
/// starts the resumed run's components; and a changed file replaces the
/// resumed run with a run of the file as it is now.
#[test]
fn a_restarted_plane_keeps_one_run_of_its_pipeline() {
    let world = World::new();
    let file = chain(&world, 0);
    start_plane(&world, &file, &[]);
    let run = world.the_active_run();
    let active = || -> Vec<String> {
        let listing = world.flowctl(&["-o", "json", "pipelines", "active"]).json();
        flowctl_tests::run_ids(&listing)
            .into_iter()
            .map(str::to_owned)
            .collect()
    };

    world
        .flowctl(&["daemon", "restart", "--pipeline", &file, "--no-spawn"])
        .ok();
    assert_eq!(active(), vec![run.clone()], "one run, the resumed one");

    // The record says who starts the components, not the next daemon's flags.
    world.flowctl(&["daemon", "restart"]).ok();
    assert_eq!(active(), vec![run.clone()]);
    let spawned = flowctl_tests::processes_with_env("FLOWCTL_RUN_ID", &run);
    assert!(spawned.is_empty(), "components started here: {spawned:?}");
    let info = world.run_info(&run);
    assert_eq!(component(&info, "gen")["state"], "STARTING", "{info:#}");

    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("name: chain", "name: chain2")).unwrap();
    world
        .flowctl(&["daemon", "restart", "--pipeline", &file, "--no-spawn"])
        .ok();
    let now = active();
    assert_eq!(now.len(), 1, "{now:?}");
    assert_ne!(now[0], run, "the changed file runs as a new run");
    assert_eq!(world.run_info(&run)["status"], "STOPPED");
}
