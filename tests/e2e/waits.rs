//! Every wait is bounded and interruptible: a stopped (SIGSTOP) daemon is
//! named at the deadline, signals end commands at once, a submission the
//! user interrupted never runs; and paths or files that cannot be what a
//! command expects are refused at once, with what is wrong.

use std::os::unix::fs::PermissionsExt;

use flowctl_tests::{PATIENCE, Pipeline, World, kill, processes_with_env, sh, wait_until};

/// SIGSTOPs the world's daemon, by pid; SIGCONTs it when dropped, so a
/// failing test never leaves its daemon stopped.
struct Stopped(i32);

impl Stopped {
    fn daemon(world: &World) -> Stopped {
        let pid = world.start_daemon(&[]);
        kill(pid, libc_signal("STOP"));
        Stopped(pid)
    }

    fn resume(&self) {
        kill(self.0, libc_signal("CONT"));
    }
}

impl Drop for Stopped {
    fn drop(&mut self) {
        self.resume();
    }
}

fn libc_signal(name: &str) -> i32 {
    match name {
        "INT" => nix::sys::signal::Signal::SIGINT as i32,
        "TERM" => nix::sys::signal::Signal::SIGTERM as i32,
        "STOP" => nix::sys::signal::Signal::SIGSTOP as i32,
        "CONT" => nix::sys::signal::Signal::SIGCONT as i32,
        other => panic!("no signal {other}"),
    }
}

/// Bytes `pid` has written so far (`wchar` of `/proc/PID/io`): how a test
/// sees that a client has sent its request.
fn written(pid: i32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/io"))
        .ok()
        .and_then(|io| {
            io.lines()
                .find_map(|l| l.strip_prefix("wchar: ")?.trim().parse().ok())
        })
        .unwrap_or(0)
}

#[test]
fn a_stopped_daemon_is_named_at_the_deadline_by_flag_and_by_environment() {
    let world = World::new();
    let stopped = Stopped::daemon(&world);
    let pid = stopped.0;

    let status = world.run_within(world.command(&["--timeout", "1s", "status"]), PATIENCE);
    let err = status.fails();
    assert!(
        err.contains(&format!("flowctld (pid {pid}) has not answered in 1 s")),
        "{status}"
    );
    assert!(err.contains(&format!("kill -CONT {pid}")), "{status}");

    let mut list = world.command(&["pipelines", "list"]);
    list.env("FLOWCTL_TIMEOUT", "300ms");
    let list = world.run_within(list, PATIENCE);
    assert!(
        list.fails().contains("has not answered in 300 ms"),
        "{list}"
    );

    // Resumed, it answers again.
    stopped.resume();
    world.flowctl(&["status"]).ok();
}

#[test]
fn a_working_daemon_slower_than_the_timeout_is_waited_for() {
    let world = World::new();
    let file = world.pipeline(&Pipeline::new("stubborn").source(
        "stubborn",
        &sh("trap '' TERM; touch trapped; while true; do sleep 0.1; done"),
        &["readiness: started", "stop_timeout: 2s"],
    ));
    let run = world.detach(&file);
    world.wait_for_file("trapped");
    world.wait_until_running(&run);
    // The stop answers once the component is killed after its 2 s: longer
    // than the limit, but the daemon keeps answering, so it is awaited.
    let stopped = world.flowctl(&["--timeout", "500ms", "pipelines", "stop", &run]);
    assert!(stopped.ok().contains("Pipeline stopped"), "{stopped}");
    assert_eq!(world.run_info(&run)["status"], "STOPPED");
}

#[test]
fn ctrl_c_ends_a_status_waiting_on_a_stopped_daemon_at_once() {
    let world = World::new();
    let _stopped = Stopped::daemon(&world);
    // No deadline: only the signal can end it.
    let mut status = world.spawn(world.command(&["--timeout", "0", "status"]));
    assert!(
        wait_until(PATIENCE, || written(status.pid()) > 0),
        "status never wrote its request: {status}"
    );
    kill(status.pid(), libc_signal("INT"));
    let ended = status.wait(PATIENCE);
    assert!(ended.is_some(), "status still waits after Ctrl+C: {status}");
}

#[test]
fn ctrl_c_ends_a_status_watch_whose_daemon_stopped_mid_listing() {
    let world = World::new();
    let pid = world.start_daemon(&[]);
    let mut watch =
        world.spawn(world.command(&["--timeout", "0", "-o", "json", "status", "--watch"]));
    assert!(
        wait_until(PATIENCE, || !watch.stdout().is_empty()),
        "status --watch never drew: {watch}"
    );
    kill(pid, libc_signal("STOP"));
    let _stopped = Stopped(pid);
    // Its next listing (every 2 s) is written and never answered (in JSON
    // nothing else is written while nothing changes).
    let before = written(watch.pid());
    assert!(
        wait_until(PATIENCE, || written(watch.pid()) > before),
        "status --watch never listed again: {watch}"
    );
    kill(watch.pid(), libc_signal("INT"));
    let ended = watch.wait(PATIENCE);
    assert_eq!(ended.and_then(|s| s.code()), Some(0), "{watch}");
}

#[test]
fn an_interrupted_run_detach_exits_at_once_and_its_run_never_runs() {
    let world = World::new();
    let pipeline = Pipeline::new("held").source(
        "s",
        &sh("echo $$ > started; exec sleep 600"),
        &["readiness: started"],
    );
    let file = world.pipeline(&pipeline);
    let stopped = Stopped::daemon(&world);

    // No deadline: only the signal can end it.
    let mut client = world.spawn(world.command(&["--timeout", "0", "run", "--detach", &file]));
    assert!(
        wait_until(PATIENCE, || written(client.pid()) > 0),
        "the client never wrote to the daemon: {client}"
    );
    kill(client.pid(), libc_signal("INT"));
    let status = client.wait(PATIENCE);
    assert_eq!(status.and_then(|s| s.code()), Some(130), "{client}");
    assert!(
        client
            .stderr()
            .contains("interrupted before flowctld answered"),
        "{client}"
    );

    stopped.resume();
    // The daemon answers, so it has taken the interrupted connection off
    // its queue (first in, first accepted). Whatever it made of what that
    // client sent, nothing runs: no run at all, or one withdrawn unstarted
    // (the daemon's unit tests cover that path deterministically).
    let runs = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    for run in runs.as_array().unwrap() {
        let id = run["run_id"].as_str().unwrap();
        let record = world.wait_ended(id);
        assert_eq!(record["status"], "STOPPED", "{record:#}");
        assert!(
            record["error"]
                .as_str()
                .unwrap()
                .contains("went away before it was told the run id"),
            "{record:#}"
        );
        assert!(processes_with_env("FLOWCTL_RUN_ID", id).is_empty());
    }
    let active = world.flowctl(&["-o", "json", "pipelines", "active"]).json();
    assert_eq!(active, serde_json::json!([]), "a cancelled run is active");
    assert!(!world.work.join("started").exists(), "a component started");
}

/// Ctrl+C just as the daemon answers: whatever the client then says is
/// true, and nothing keeps running. The daemon is stopped until the client
/// has sent its first request, then the client is stopped while the daemon
/// answers it, and gets SIGINT with that answer waiting.
#[test]
fn ctrl_c_as_the_daemon_answers_leaves_nothing_running() {
    let world = World::new();
    let pipeline = Pipeline::new("racing").source("s", &sh("exec sleep 600"), &[]);
    let file = world.pipeline(&pipeline);
    let stopped = Stopped::daemon(&world);
    let mut client = world.spawn(world.command(&["--timeout", "0", "run", "--detach", &file]));
    assert!(
        wait_until(PATIENCE, || written(client.pid()) > 0),
        "the client never wrote to the daemon: {client}"
    );
    kill(client.pid(), libc_signal("STOP"));
    stopped.resume();
    kill(client.pid(), libc_signal("INT"));
    kill(client.pid(), libc_signal("CONT"));
    let status = client.wait(PATIENCE);
    assert_eq!(status.and_then(|s| s.code()), Some(130), "{client}");
    let stderr = client.stderr();
    assert!(
        stderr.contains("stopping it") || stderr.contains("no run was started"),
        "{client}"
    );
    let runs = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    let runs = runs.as_array().unwrap();
    if stderr.contains("stopping it") {
        assert_eq!(runs.len(), 1, "{runs:?}");
    }
    for run in runs {
        let record = world.wait_ended(run["run_id"].as_str().unwrap());
        assert_eq!(record["status"], "STOPPED", "{record:#}");
    }
    assert_eq!(
        world.flowctl(&["-o", "json", "pipelines", "active"]).json(),
        serde_json::json!([])
    );
}

#[test]
fn socket_paths_no_daemon_can_serve_on_are_refused_by_name() {
    let world = World::new();
    let file = world.write("flow.yml", "apiVersion: flowctl/v1\n");
    let dir = world.work.join("a-dir");
    std::fs::create_dir(&dir).unwrap();
    let open_dir = world.work.join("open");
    std::fs::create_dir(&open_dir).unwrap();
    std::fs::set_permissions(&open_dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let in_open = open_dir.join("flowctld.sock");
    let cases = [
        (file.clone(), "a regular file"),
        (dir.clone(), "a directory"),
        (in_open.clone(), "writable by others"),
    ];
    for (socket, what) in &cases {
        for command in [
            &["status"][..],
            &["pipelines", "list"],
            &["daemon", "start"],
        ] {
            let mut args = vec!["--socket", socket.to_str().unwrap()];
            args.extend_from_slice(command);
            let run = world.flowctl(&args);
            let err = run.fails();
            assert!(err.contains(socket.to_str().unwrap()), "{run}");
            assert!(err.contains(what), "{run}");
            assert!(!run.stdout().contains("nothing is running"), "{run}");
        }
    }
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "apiVersion: flowctl/v1\n"
    );
    assert!(dir.is_dir());
    assert!(
        !in_open.exists(),
        "a daemon was started in a shared directory"
    );
}

#[test]
fn a_device_is_read_only_up_to_the_limit_by_validate_and_run() {
    let world = World::new();
    for command in [&["validate", "/dev/zero"][..], &["run", "/dev/zero"]] {
        let run = world.run_within(world.command(command), PATIENCE);
        let err = run.fails();
        assert!(
            err.contains("/dev/zero: is more than 1 MiB; pipeline files are limited to 1 MiB"),
            "{run}"
        );
    }
    assert!(world.daemon_pid().is_none(), "run started a daemon");
}

#[test]
fn ended_runs_show_no_ready_count() {
    let world = World::new();
    let pipeline = Pipeline::new("done").source("s", &sh("exit 0"), &[]);
    let file = world.pipeline(&pipeline);
    let run = world.flowctl(&["run", &file]);
    assert!(run.ok().contains("COMPLETED"), "{run}");
    let list = world.flowctl(&["pipelines", "list"]).ok();
    let row = list
        .lines()
        .find(|l| l.contains("COMPLETED"))
        .unwrap_or_else(|| panic!("no COMPLETED run in:\n{list}"));
    // RUN PIPELINE STATUS STARTED (date, time) DURATION READY
    assert_eq!(row.split_whitespace().nth(6), Some("-"), "{list}");
}

#[test]
fn a_database_in_use_is_one_sentence_without_stray_spaces() {
    let world = World::new();
    let db = world.root.path().join("runs.redb");
    world.start_daemon(&["--db-path", db.to_str().unwrap()]);
    let other = world.root.path().join("other/flowctld.sock");
    let second = world.run_within(
        world.command_of(
            "flowctld",
            &[
                "--socket",
                other.to_str().unwrap(),
                "--db-path",
                db.to_str().unwrap(),
            ],
        ),
        PATIENCE,
    );
    let err = second.fails();
    let line = err
        .lines()
        .find(|l| l.contains("in use by another flowctld"))
        .unwrap_or_else(|| panic!("no 'in use' message: {second}"));
    assert!(!line.contains("  "), "stray spaces: {line:?}");
}
