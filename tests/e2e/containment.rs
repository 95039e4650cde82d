//! Containment: every instance in its own cgroup where the system offers
//! cgroup v2 (nothing escapes, not even `env -i setsid`; CPU is counted),
//! process groups where not or with `--no-cgroups`, `daemon status` saying
//! which; `resources.limits` (a memory limit restarts, a CPU limit needs the
//! cpu controller).

use std::time::Duration;

use flowctl_tests::require::in_ci;
use flowctl_tests::{PATIENCE, Pipeline, World, alive, component, kill, sh, wait_until};

/// Kills, on drop, a process that cleared its environment: the world's
/// marker cannot find it if a test fails while it lives.
struct Escaped(i32);

impl Drop for Escaped {
    fn drop(&mut self) {
        if alive(self.0) {
            kill(self.0, 9);
        }
    }
}

/// A component whose grandchild leaves its group and clears its environment
/// (so no marker finds it), writes the grandchild's pid, then runs `then`.
fn escaper(then: &str) -> String {
    sh(&format!(
        "env -i setsid sleep 1000 & echo $! > .escaped && mv .escaped escaped.pid; {then}"
    ))
}

/// Starts the world's daemon and says whether it contains with cgroups;
/// without them the test fails under CI and says it is skipped elsewhere.
fn with_cgroups(world: &World) -> bool {
    world.start_daemon(&[]);
    let containment = world.daemon_status()["containment"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    if containment.starts_with("cgroup v2") {
        return true;
    }
    assert!(
        !in_ci(),
        "CI must offer a writable cgroup v2 hierarchy; the daemon says: {containment}"
    );
    eprintln!("skipped: no cgroup containment here ({containment})");
    false
}

/// The daemon's own log, for failure messages.
fn daemon_log(world: &World) -> String {
    std::fs::read_to_string(world.state_dir().join("flowctld.log")).unwrap_or_default()
}

#[test]
fn a_grandchild_that_clears_its_environment_and_calls_setsid_is_gone_after_stop() {
    let world = World::new();
    if !with_cgroups(&world) {
        return;
    }
    let file = world.pipeline(&Pipeline::new("escape").source(
        "escaper",
        &escaper("exec sleep 1000"),
        &["readiness: started"],
    ));
    let id = world.detach(&file);
    let escaped = Escaped(world.pid_in("escaped.pid"));
    assert!(alive(escaped.0));
    world.flowctl(&["pipelines", "stop", &id]).ok();
    // `stop` answers once the kernel said the run's cgroups are empty.
    assert!(
        !alive(escaped.0),
        "pid {} outlived the run; daemon log:\n{}",
        escaped.0,
        daemon_log(&world)
    );
}

#[test]
fn a_grandchild_that_clears_its_environment_dies_when_the_main_process_exits() {
    let world = World::new();
    if !with_cgroups(&world) {
        return;
    }
    let file = world.pipeline(&Pipeline::new("escape").source(
        "escaper",
        &escaper("exit 0"),
        &["readiness: started", "restart_policy: never"],
    ));
    let id = world.detach(&file);
    let escaped = Escaped(world.pid_in("escaped.pid"));
    let info = world.wait_ended(&id);
    assert_eq!(info["status"], "COMPLETED", "{info:#}");
    assert!(
        wait_until(PATIENCE, || !alive(escaped.0)),
        "pid {} outlived its component's main process; daemon log:\n{}",
        escaped.0,
        daemon_log(&world)
    );
}

#[test]
fn daemon_status_names_the_containment_and_no_cgroups_falls_back() {
    let world = World::new();
    if with_cgroups(&world) {
        let text = world.flowctl(&["daemon", "status"]).ok();
        assert!(text.contains("containment:    cgroup v2 ("), "{text}");
    }
    world.flowctl(&["daemon", "stop"]).ok();
    world.start_daemon(&["--no-cgroups"]);
    let status = world.daemon_status();
    let containment = status["containment"].as_str().unwrap_or_default();
    assert!(
        containment.starts_with("process groups (") && containment.contains("--no-cgroups"),
        "{status:#}"
    );
    // Without cgroups nothing counts CPU, and a process that left its group
    // (keeping its environment) still ends with the run.
    let file = world.pipeline(&Pipeline::new("fallback").source(
        "escaper",
        &sh("setsid sleep 1000 & echo $! > .escaped && mv .escaped escaped.pid; exec sleep 1000"),
        &["readiness: started"],
    ));
    let id = world.detach(&file);
    let escaped = Escaped(world.pid_in("escaped.pid"));
    let info = world.wait_until_running(&id);
    assert!(
        component(&info, "escaper")["cpu_usec"].is_null(),
        "{info:#}"
    );
    world.flowctl(&["pipelines", "stop", &id]).ok();
    assert!(wait_until(PATIENCE, || !alive(escaped.0)));
}

#[test]
fn status_shows_the_cpu_each_component_used() {
    let world = World::new();
    if !with_cgroups(&world) {
        return;
    }
    // Busy for a moment, then idle: its cgroup has counted CPU time.
    let file = world.pipeline(&Pipeline::new("busy").source(
        "busy",
        &sh("i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; touch busy.done; exec sleep 1000"),
        &["readiness: started"],
    ));
    let id = world.detach(&file);
    world.wait_for_file("busy.done");
    let listing = world.flowctl(&["-o", "json", "status", &id]).json();
    let used = component(&listing, "busy")["cpu_usec"].as_u64();
    assert!(used.is_some_and(|usec| usec > 0), "{listing:#}");
    let table = world.flowctl(&["status", &id]).ok();
    assert!(
        table.lines().next().unwrap_or("").contains(" CPU "),
        "{table}"
    );
    let info = world.flowctl(&["pipelines", "run-info", &id]).ok();
    assert!(info.contains(" CPU "), "{info}");
    world.flowctl(&["pipelines", "stop", &id]).ok();
    let record = world.run_info(&id);
    assert!(
        component(&record, "busy")["cpu_usec"].as_u64() >= used,
        "{record:#}"
    );
}

#[test]
fn a_component_over_its_memory_limit_is_restarted_with_the_reason() {
    let world = World::new();
    // Holds about 50 MB in a shell variable, over its 20 MiB limit; sampled
    // with or without cgroups.
    let file = world.pipeline(&Pipeline::new("hog").source(
        "hog",
        &sh("x=$(head -c 50000000 /dev/zero | tr '\\0' a); sleep 1000"),
        &[
            "readiness: started",
            "restart_policy: always",
            "restart_delay: 100ms",
            "resources: {limits: {memory: 20Mi}}",
        ],
    ));
    let id = world.detach(&file);
    let info = world.wait_run(&id, |info| {
        info["components"][0]["last_restart_reason"]
            .as_str()
            .is_some_and(|r| {
                r.contains("over its memory limit of 20 MiB (resources.limits.memory)")
            })
    });
    let reason = component(&info, "hog")["last_restart_reason"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(reason.starts_with("used "), "{reason}");
    assert!(component(&info, "hog")["restarts"].as_u64() >= Some(1));
    let status = world.flowctl(&["status", &id]).ok();
    assert!(
        status.contains("over its memory limit of 20 MiB"),
        "{status}"
    );
    world.flowctl(&["pipelines", "stop", &id]).ok();
}

#[test]
fn a_cpu_limit_without_the_cpu_controller_is_refused_at_submit() {
    let world = World::new();
    world.start_daemon(&["--no-cgroups"]);
    let file = world.pipeline(&Pipeline::new("capped").source(
        "capped",
        &sh("exec sleep 1000"),
        &["readiness: started", "resources: {limits: {cpu: 500m}}"],
    ));
    let run = world.flowctl(&["run", "--detach", &file]);
    let err = run.fails();
    assert!(
        err.contains("component 'capped' has resources.limits.cpu")
            && err.contains("cpu controller")
            && err.contains("remove the limit"),
        "{run}"
    );
    let runs = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    assert_eq!(runs.as_array().map(Vec::len), Some(0), "{runs:#}");
}

#[test]
fn a_sigkilled_daemon_leaves_no_contained_process_behind() {
    let world = World::new();
    if !with_cgroups(&world) {
        return;
    }
    let file = world.pipeline(&Pipeline::new("escape").source(
        "escaper",
        &escaper("exec sleep 1000"),
        &["readiness: started"],
    ));
    world.detach(&file);
    let escaped = Escaped(world.pid_in("escaped.pid"));
    let daemon = world.daemon_pid().expect("daemon pid");
    kill(daemon, 9);
    // The guard ends the dead daemon's cgroup subtree.
    assert!(
        wait_until(Duration::from_secs(10), || !alive(escaped.0)),
        "pid {} outlived its SIGKILLed daemon; daemon log:\n{}",
        escaped.0,
        daemon_log(&world)
    );
}

/// An instance runs inside its own cgroup from its first instruction: the
/// first thing its program does already reads its cgroup there.
#[test]
fn an_instance_is_born_inside_its_cgroup() {
    let world = World::new();
    if !with_cgroups(&world) {
        return;
    }
    let file = world.pipeline(&Pipeline::new("born").source(
        "first",
        &sh("cat /proc/self/cgroup > .cg && mv .cg cgroup.txt; exec sleep 1000"),
        &["readiness: started"],
    ));
    let id = world.detach(&file);
    let cgroup = world.wait_for_file("cgroup.txt");
    assert!(
        cgroup.contains(&format!("/{id}/first.")),
        "not in its instance's cgroup: {cgroup}"
    );
    world.flowctl(&["pipelines", "stop", &id]).ok();
}
