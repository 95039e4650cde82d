//! Supervision policies: restarts with backoff, liveness, readiness
//! probes, dependency conditions, restarts by hand.

use std::time::Duration;

use flowctl_tests::{
    Pipeline, World, alive, component, example, example_env, needs, sh, wait_until,
};

/// The at_ms of each log line of `component` containing `needle`.
fn line_times(world: &World, run: &str, component: &str, needle: &str) -> Vec<i64> {
    let run = world.flowctl(&["-o", "json", "logs", run, "-c", component, "-n", "0"]);
    run.ok()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|l| l["line"].as_str().is_some_and(|t| t.contains(needle)))
        .map(|l| l["at_ms"].as_i64().unwrap())
        .collect()
}

/// Asserts that the starts at `starts` came at least `delays` (ms) apart.
fn assert_backed_off(starts: &[i64], delays: &[i64]) {
    assert_eq!(starts.len(), delays.len() + 1, "{starts:?}");
    for (gap, at_least) in starts.windows(2).map(|w| w[1] - w[0]).zip(delays) {
        assert!(
            gap >= *at_least,
            "restart came after {gap} ms, before its {at_least} ms delay: {starts:?}"
        );
    }
}

#[test]
fn on_failure_backs_off_gives_up_and_fails_the_run_naming_the_exit() {
    let world = World::new();
    let file = world.pipeline(&Pipeline::new("crashy").source(
        "crashy",
        &sh("echo starting; exit 3"),
        &[
            "readiness: started",
            "restart_policy: on-failure",
            "max_restarts: 3",
            "restart_delay: 100ms",
        ],
    ));
    let id = world.detach(&file);
    let done = world.wait_status(&id, "FAILED");
    let error = done["error"].as_str().unwrap();
    assert!(
        error.contains("crashy") && error.contains("exit status 3"),
        "{error}"
    );
    assert!(error.contains("max_restarts"), "{error}");
    assert_eq!(component(&done, "crashy")["restarts"], 3, "{done:#}");
    // Four starts, each restart waiting at least its delay: 100, 200, 400 ms.
    let starts = line_times(&world, &id, "crashy", "starting");
    assert_backed_off(&starts, &[100, 200, 400]);
}

/// A crash loop under `always` backs off up to its cap and gives up at its
/// limit; what it costs the daemon is a benchmark figure
/// (`crash_loop_daemon_cost` in benches/figures.rs).
#[test]
fn a_crash_loop_backs_off_to_its_cap_and_gives_up() {
    let world = World::new();
    let file = world.pipeline(&Pipeline::new("loop").source(
        "crash",
        &sh("echo starting; exit 1"),
        &[
            "readiness: started",
            "restart_policy: always",
            "max_restarts: 5",
            "restart_window: 1m",
            "restart_delay: 20ms",
            "restart_delay_max: 80ms",
        ],
    ));
    let id = world.detach(&file);
    let done = world.wait_status(&id, "FAILED");
    assert!(
        done["error"].as_str().unwrap().contains("max_restarts"),
        "{done:#}"
    );
    assert_eq!(component(&done, "crash")["restarts"], 5, "{done:#}");
    let starts = line_times(&world, &id, "crash", "starting");
    assert_backed_off(&starts, &[20, 40, 80, 80, 80]);
}

#[test]
fn always_restarts_after_success_and_never_does_not() {
    let world = World::new();
    let file = world.pipeline(
        &Pipeline::new("policies")
            .source(
                "loop",
                &sh("echo tick"),
                &[
                    "readiness: started",
                    "restart_policy: always",
                    "restart_delay: 10ms",
                    "max_restarts: 100",
                ],
            )
            .source(
                "once",
                &sh("echo once; exit 1"),
                &["readiness: started", "on_component_failure: keep-running"],
            ),
    );
    let id = world.detach(&file);
    let running = world.wait_run(&id, |i| {
        component(i, "loop")["restarts"].as_u64() >= Some(3)
    });
    let once = component(&running, "once");
    assert_eq!(once["restarts"], 0, "{running:#}");
    assert_eq!(once["state"], "FAILED", "{running:#}");
    assert_eq!(
        running["status"], "RUNNING",
        "keep-running keeps the run: {running:#}"
    );
    world.flowctl(&["pipelines", "stop", &id]).ok();
}

#[test]
fn a_hung_component_is_restarted_after_the_heartbeat_ttl() {
    let world = World::new();
    world.start_daemon(&["--heartbeat-ttl", "1s"]);
    let file = world.pipeline(&Pipeline::new("hung").source(
        "hung",
        &example("gen"),
        &[
            &example_env(&[("EXAMPLE_HANG", "1")]),
            "restart_policy: on-failure",
            "restart_delay: 10ms",
        ],
    ));
    let id = world.detach(&file);
    let restarted = world.wait_run(&id, |i| {
        component(i, "hung")["restarts"].as_u64() >= Some(1)
    });
    let reason = component(&restarted, "hung")["last_restart_reason"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(reason.contains("no heartbeat"), "{restarted:#}");
    world.flowctl(&["pipelines", "stop", &id]).ok();
}

#[test]
fn a_dependent_waits_for_the_http_probe_and_for_completed_init_jobs() {
    if !needs("python3", "python3") {
        return;
    }
    let world = World::new();
    let init_then_app = |name: &str, init: &str| {
        Pipeline::new(name)
            .source("init", &sh(init), &["readiness: started"])
            .source(
                "web",
                &sh("sleep 0.5; echo web >> order.txt; \
                     exec python3 -m http.server $HEALTH_PORT --bind 127.0.0.1"),
                &[
                    "health_check: /",
                    "depends_on: [{id: init, condition: completed}]",
                ],
            )
            .sink(
                "app",
                &sh("echo app >> order.txt; exec sleep 1000"),
                &["inputs: [web]", "readiness: started"],
            )
    };
    let file = world.pipeline(&init_then_app(
        "ordered",
        "sleep 0.3; echo init >> order.txt",
    ));
    let id = world.detach(&file);
    world.wait_status(&id, "RUNNING");
    let order = std::fs::read_to_string(world.work.join("order.txt")).unwrap();
    assert_eq!(order, "init\nweb\napp\n");
    world.flowctl(&["pipelines", "stop", &id]).ok();

    let file = world.pipeline(&init_then_app("bad", "echo migrating; exit 4"));
    let id = world.detach(&file);
    let failed = world.wait_status(&id, "FAILED");
    let error = failed["error"].as_str().unwrap();
    assert!(
        error.contains("init") && error.contains("exit status 4"),
        "{error}"
    );
    for never in ["web", "app"] {
        assert_eq!(
            component(&failed, never)["pid"],
            0,
            "{never} must never start: {failed:#}"
        );
    }
}

#[test]
fn restart_by_hand_starts_a_new_process_and_counts_nothing() {
    let world = World::new();
    let file = world.pipeline(&Pipeline::new("by-hand").source(
        "a",
        "[\"sleep\", \"1000\"]",
        &["readiness: started"],
    ));
    let id = world.detach(&file);
    let before = world.wait_status(&id, "RUNNING");
    let old = component(&before, "a")["pid"].as_i64().unwrap() as i32;
    world.flowctl(&["restart", &id[..8], "a"]).ok();
    let after = world.wait_run(&id, |i| {
        let c = component(i, "a");
        c["state"] == "RUNNING" && c["pid"].as_i64() != Some(old as i64)
    });
    assert!(!alive(old));
    let reason = component(&after, "a")["last_restart_reason"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(reason.starts_with("restarted by hand"), "{reason}");
    assert_eq!(
        component(&after, "a")["restarts"],
        0,
        "by hand is not counted"
    );
    let err = world.flowctl(&["restart", &id[..8], "nope"]).fails();
    assert!(err.contains("nope"), "{err}");
}

#[test]
fn odd_components_are_handled_without_harming_the_run() {
    let world = World::new();
    let file = world.pipeline(
        &Pipeline::new("odd")
            .source(
                "forker",
                &sh("sleep 1000 & echo $! > .forked && mv .forked forked.pid; exit 0"),
                &["readiness: started"],
            )
            .source(
                "mute",
                &sh("exec >&- 2>&-; exec sleep 1000"),
                &["readiness: started"],
            )
            .source(
                "sdk",
                &sh(&format!(
                    "unset FLOWCTL_COMPONENT_ID COMPONENT_ID; exec {}",
                    flowctl_tests::bin("flowctl-example-gen").display()
                )),
                &[&example_env(&[])],
            ),
    );
    let id = world.detach(&file);
    // An SDK component that registers under a generated id is matched to
    // its process: the run becomes ready.
    let running = world.wait_run(&id, |i| component(i, "sdk")["state"] == "RUNNING");
    let service = component(&running, "sdk")["service_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(service.starts_with("source-"), "{running:#}");
    // A component that forked and exited 0 leaves no child behind.
    let forked = world.pid_in("forked.pid");
    assert!(
        wait_until(Duration::from_secs(10), || !alive(forked)),
        "the forked child outlived its component"
    );
    assert_eq!(
        component(&running, "mute")["state"],
        "RUNNING",
        "closing stdout is no crash"
    );
    let stopped = world.flowctl(&["pipelines", "stop", &id]).ok();
    assert!(stopped.contains("Pipeline stopped"), "{stopped}");
    let after = world.run_info(&id);
    assert_eq!(after["status"], "STOPPED", "{after:#}");
}

#[test]
fn a_process_that_left_its_components_group_ends_with_the_run() {
    if !needs("setsid", "util-linux") {
        return;
    }
    let world = World::new();
    let file = world.pipeline(&Pipeline::new("escape").source(
        "escaper",
        &sh("setsid sleep 1000 & echo $! > .escaped && mv .escaped escaped.pid; exec sleep 1000"),
        &["readiness: started"],
    ));
    let id = world.detach(&file);
    let escaped = world.pid_in("escaped.pid");
    assert!(alive(escaped));
    world.flowctl(&["pipelines", "stop", &id]).ok();
    assert!(
        wait_until(Duration::from_secs(10), || !alive(escaped)),
        "a process in its own session outlived the run"
    );
}
