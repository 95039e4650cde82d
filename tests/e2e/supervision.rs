//! Supervision policies: restarts with backoff, liveness, readiness
//! probes, dependency conditions, restarts by hand.

use std::time::Duration;

use flowctl_tests::{World, alive, bin, wait_until};

fn pipeline(components: &str) -> String {
    format!("apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: sup\nspec:\n{components}")
}

fn info(world: &World, id: &str) -> serde_json::Value {
    world
        .flowctl(&["-o", "json", "pipelines", "run-info", id])
        .json()
}

fn wait_run(
    world: &World,
    id: &str,
    what: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let mut last = serde_json::Value::Null;
    let reached = wait_until(Duration::from_secs(30), || {
        last = info(world, id);
        what(&last)
    });
    assert!(
        reached,
        "run {id} never reached the expected state: {last:#}"
    );
    last
}

fn component<'a>(info: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    info["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no component {id} in {info:#}"))
}

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

#[test]
fn on_failure_backs_off_gives_up_and_fails_the_run_naming_the_exit() {
    let world = World::new();
    world.write(
        "flow.yml",
        &pipeline(
            "  sources:\n    - id: crashy\n      command: [\"sh\", \"-c\", \"echo starting; exit 3\"]\n      readiness: started\n      restart_policy: on-failure\n      max_restarts: 3\n      restart_delay: 100ms\n",
        ),
    );
    let id = world.detach("flow.yml");
    let done = wait_run(&world, &id, |i| i["status"] == "FAILED");
    let error = done["error"].as_str().unwrap();
    assert!(
        error.contains("crashy") && error.contains("exit status 3"),
        "{error}"
    );
    assert!(error.contains("max_restarts"), "{error}");
    assert_eq!(component(&done, "crashy")["restarts"], 3, "{done:#}");
    // Four starts, each restart waiting at least its delay: 100, 200, 400 ms.
    let starts = line_times(&world, &id, "crashy", "starting");
    assert_eq!(starts.len(), 4, "{starts:?}");
    for (gap, at_least) in starts.windows(2).map(|w| w[1] - w[0]).zip([100, 200, 400]) {
        assert!(
            gap >= at_least,
            "restart came after {gap} ms, before its {at_least} ms delay: {starts:?}"
        );
    }
}

#[test]
fn always_restarts_after_success_and_never_does_not() {
    let world = World::new();
    world.write(
        "flow.yml",
        &pipeline(
            "  sources:\n    - id: loop\n      command: [\"sh\", \"-c\", \"echo tick\"]\n      readiness: started\n      restart_policy: always\n      restart_delay: 10ms\n      max_restarts: 100\n    - id: once\n      command: [\"sh\", \"-c\", \"echo once; exit 1\"]\n      readiness: started\n      on_component_failure: keep-running\n",
        ),
    );
    let id = world.detach("flow.yml");
    let running = wait_run(&world, &id, |i| {
        i["components"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "loop" && c["restarts"].as_u64() >= Some(3))
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
    world
        .flowctl(&["daemon", "start", "--heartbeat-ttl", "1s"])
        .ok();
    let source = bin("flowctl-example-gen");
    world.write(
        "flow.yml",
        &pipeline(&format!(
            "  sources:\n    - id: hung\n      command: [\"{}\"]\n      env: {{EXAMPLE_HANG: \"1\", PORT: \"127.0.0.1:0\"}}\n      restart_policy: on-failure\n      restart_delay: 10ms\n",
            source.display()
        )),
    );
    let id = world.detach("flow.yml");
    let restarted = wait_run(&world, &id, |i| {
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
    let world = World::new();
    world.write(
        "flow.yml",
        &pipeline(
            "  sources:\n    - id: init\n      command: [\"sh\", \"-c\", \"sleep 0.3; echo init >> order.txt\"]\n      readiness: started\n    - id: web\n      command: [\"sh\", \"-c\", \"sleep 0.5; echo web >> order.txt; exec python3 -m http.server $HEALTH_PORT --bind 127.0.0.1\"]\n      health_check: /\n      depends_on:\n        - {id: init, condition: completed}\n  sinks:\n    - id: app\n      command: [\"sh\", \"-c\", \"echo app >> order.txt; exec sleep 1000\"]\n      inputs: [web]\n      readiness: started\n",
        ),
    );
    let id = world.detach("flow.yml");
    wait_run(&world, &id, |i| i["status"] == "RUNNING");
    let order = std::fs::read_to_string(world.work.join("order.txt")).unwrap();
    assert_eq!(order, "init\nweb\napp\n");
    world.flowctl(&["pipelines", "stop", &id]).ok();

    world.write(
        "bad.yml",
        &pipeline(
            "  sources:\n    - id: init\n      command: [\"sh\", \"-c\", \"echo migrating; exit 4\"]\n      readiness: started\n    - id: app\n      command: [\"sleep\", \"1000\"]\n      readiness: started\n      depends_on:\n        - {id: init, condition: completed}\n",
        ),
    );
    let id = world.detach("bad.yml");
    let failed = wait_run(&world, &id, |i| i["status"] == "FAILED");
    let error = failed["error"].as_str().unwrap();
    assert!(
        error.contains("init") && error.contains("exit status 4"),
        "{error}"
    );
    assert_eq!(
        component(&failed, "app")["pid"],
        0,
        "app must never start: {failed:#}"
    );
}

#[test]
fn restart_by_hand_starts_a_new_process_and_counts_nothing() {
    let world = World::new();
    world.write(
        "flow.yml",
        &pipeline("  sources:\n    - id: a\n      command: [\"sleep\", \"1000\"]\n      readiness: started\n"),
    );
    let id = world.detach("flow.yml");
    let before = wait_run(&world, &id, |i| i["status"] == "RUNNING");
    let old = component(&before, "a")["pid"].as_i64().unwrap() as i32;
    world.flowctl(&["restart", &id[..8], "a"]).ok();
    let after = wait_run(&world, &id, |i| {
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
fn a_crash_loop_keeps_the_daemon_cheap() {
    let world = World::new();
    world.write(
        "flow.yml",
        &pipeline(
            "  sources:\n    - id: crash\n      command: [\"sh\", \"-c\", \"exit 1\"]\n      readiness: started\n      restart_policy: always\n      max_restarts: 100000\n      restart_window: 1s\n      restart_delay: 10ms\n      restart_delay_max: 1s\n",
        ),
    );
    let id = world.detach("flow.yml");
    let daemon = world.daemon_pid().unwrap();
    let cpu = || -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{daemon}/stat")).unwrap();
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .unwrap()
            .1
            .split_whitespace()
            .collect();
        fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
    };
    let rss = || -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{daemon}/status")).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    // Let the backoff reach its cap, then measure over a few seconds.
    wait_run(&world, &id, |i| {
        component(i, "crash")["restarts"].as_u64() >= Some(8)
    });
    let (cpu_before, rss_before) = (cpu(), rss());
    std::thread::sleep(Duration::from_secs(4));
    let (cpu_after, rss_after) = (cpu(), rss());
    // Clock ticks are 1/100 s: under half a core-second in four seconds.
    assert!(
        cpu_after - cpu_before < 50,
        "daemon used {} ticks",
        cpu_after - cpu_before
    );
    assert!(
        rss_after < rss_before + 4096,
        "RSS grew from {rss_before} to {rss_after} kB"
    );
    world.flowctl(&["pipelines", "stop", &id]).ok();
}

#[test]
fn odd_components_are_handled_without_harming_the_run() {
    let world = World::new();
    let source = bin("flowctl-example-gen");
    world.write(
        "flow.yml",
        &pipeline(&format!(
            "  sources:\n    - id: forker\n      command: [\"sh\", \"-c\", \"sleep 1000 & echo $! > forked.pid; exit 0\"]\n      readiness: started\n    - id: mute\n      command: [\"sh\", \"-c\", \"exec >&- 2>&-; exec sleep 1000\"]\n      readiness: started\n    - id: sdk\n      command: [\"sh\", \"-c\", \"unset FLOWCTL_COMPONENT_ID COMPONENT_ID; exec {}\"]\n      env: {{PORT: \"127.0.0.1:0\"}}\n",
            source.display()
        )),
    );
    let id = world.detach("flow.yml");
    // An SDK component that registers under a generated id is matched to
    // its process: the run becomes ready.
    let running = wait_run(&world, &id, |i| component(i, "sdk")["state"] == "RUNNING");
    let service = component(&running, "sdk")["service_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(service.starts_with("source-"), "{running:#}");
    // A component that forked and exited 0 leaves no child behind.
    assert!(wait_until(Duration::from_secs(10), || world
        .work
        .join("forked.pid")
        .exists()));
    let forked: i32 = std::fs::read_to_string(world.work.join("forked.pid"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
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
    let after = info(&world, &id);
    assert_eq!(after["status"], "STOPPED", "{after:#}");
}

#[test]
fn a_process_that_left_its_components_group_ends_with_the_run() {
    if !std::path::Path::new("/usr/bin/setsid").exists() {
        eprintln!("skipped: setsid (util-linux) is not installed");
        return;
    }
    let world = World::new();
    world.write(
        "flow.yml",
        &pipeline(
            "  sources:\n    - id: escaper\n      command: [\"sh\", \"-c\", \"setsid sleep 1000 & echo $! > escaped.pid; exec sleep 1000\"]\n      readiness: started\n",
        ),
    );
    let id = world.detach("flow.yml");
    assert!(wait_until(Duration::from_secs(10), || world
        .work
        .join("escaped.pid")
        .exists()));
    let escaped: i32 = std::fs::read_to_string(world.work.join("escaped.pid"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(alive(escaped));
    world.flowctl(&["pipelines", "stop", &id]).ok();
    assert!(
        wait_until(Duration::from_secs(10), || !alive(escaped)),
        "a process in its own session outlived the run"
    );
}
