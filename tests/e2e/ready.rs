//! `flowctl run --wait`: it returns once every component is ready, fails
//! with the reason when one cannot be, and gives up at `--wait-timeout`;
//! in every case the run is left as it is.

use flowctl_tests::{PATIENCE, Pipeline, World, component, kill, sh};

#[test]
fn wait_returns_once_every_component_is_ready() {
    let world = World::new();
    // One component ready once started, one once it registers (the
    // generator registers after it has listened).
    let file = world.pipeline(
        &Pipeline::new("ready")
            .source("idle", &sh("exec sleep 600"), &["readiness: started"])
            .generator("gen", &[("INTERVAL_MS", "1000")]),
    );
    let waited = world.flowctl(&["-o", "json", "run", "--wait", &file]);
    let summary = waited.json();
    assert_eq!(summary["status"], "RUNNING", "{waited}");
    assert_eq!(summary["components_ready"], 2, "{waited}");
    let run = summary["run_id"].as_str().unwrap().to_owned();
    // What the daemon says afterwards agrees: nothing was still starting.
    let info = world.run_info(&run);
    for id in ["idle", "gen"] {
        assert_eq!(component(&info, id)["state"], "RUNNING", "{info}");
    }
    // Without -o json, the id alone, as --detach prints it.
    let plain = world.flowctl(&["run", "--wait", &file]).ok();
    assert_eq!(plain.trim().len(), 36, "{plain}");
    for run in [run.as_str(), plain.trim()] {
        world.flowctl(&["pipelines", "stop", run]).ok();
    }
}

#[test]
fn wait_fails_naming_the_component_that_failed_and_why() {
    let world = World::new();
    // `crash` exits before it could register, so it is never ready.
    let file = world.pipeline(
        &Pipeline::new("broken")
            .source("idle", &sh("exec sleep 600"), &["readiness: started"])
            .source(
                "crash",
                &sh("echo no config >&2; exit 3"),
                &["restart_policy: never"],
            ),
    );
    let waited = world.flowctl(&["run", "--wait", &file]);
    let err = waited.fails();
    assert!(
        err.contains("before every component was ready")
            && err.contains("'crash' (exit status 3)")
            && err.contains("flowctl logs"),
        "{waited}"
    );
    // The run is what it would be without --wait: a component that will not
    // be restarted failed, so the run failed, and says why.
    let runs = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    let run = &runs[0];
    assert_eq!(run["status"], "FAILED", "{runs:#}");
    assert!(
        run["error"].as_str().unwrap_or_default().contains("crash"),
        "{runs:#}"
    );
}

#[test]
fn wait_gives_up_at_the_timeout_naming_what_is_not_ready_and_leaves_the_run() {
    let world = World::new();
    // Never registers, and its start timeout is far away: only
    // --wait-timeout ends the wait.
    let file = world.pipeline(&Pipeline::new("slow").source(
        "mute",
        &sh("exec sleep 600"),
        &["start_timeout: 10m"],
    ));
    let waited = world.flowctl(&["run", "--wait", "--wait-timeout", "1s", &file]);
    let err = waited.fails();
    assert!(
        err.contains("not ready within --wait-timeout")
            && err.contains("'mute'")
            && err.contains("keeps running"),
        "{waited}"
    );
    let run = world.the_active_run();
    assert_eq!(
        component(&world.run_info(&run), "mute")["state"],
        "STARTING"
    );
    world.flowctl(&["pipelines", "stop", &run]).ok();

    // A timeout without --wait is a usage error, not silently ignored.
    let misuse = world.flowctl(&["run", "--wait-timeout", "1s", &file]);
    assert!(misuse.fails().contains("--wait"), "{misuse}");
}

#[test]
fn ctrl_c_while_waiting_stops_the_wait_and_leaves_the_run() {
    let world = World::new();
    let file = world.pipeline(&Pipeline::new("slow").source(
        "mute",
        &sh("exec sleep 600"),
        &["start_timeout: 10m"],
    ));
    let mut waiting = world.spawn(world.command(&["run", "--wait", &file]));
    let run = world.the_active_run();
    world.wait_run(&run, |info| component(info, "mute")["state"] == "STARTING");
    kill(waiting.pid(), nix::libc::SIGINT);
    let exit = waiting.wait(PATIENCE);
    assert_eq!(exit.and_then(|s| s.code()), Some(130), "{waiting}");
    assert!(waiting.stderr().contains("keeps running"), "{waiting}");
    assert_eq!(world.run_info(&run)["status"], "STARTING");
    world.flowctl(&["pipelines", "stop", &run]).ok();
}
