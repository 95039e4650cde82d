//! Durable state: runs and their components survive the daemon.

use std::time::Duration;

use flowctl_tests::{Pipeline, World, alive, kill, pids, run_ids, sh, wait_until};

/// A pipeline of two plain programs that run until stopped.
fn sleepers(world: &World) -> String {
    let sleep = "[\"sleep\", \"1000\"]";
    world.pipeline(
        &Pipeline::new("sleepers")
            .source("a", sleep, &["readiness: started"])
            .sink("b", sleep, &["inputs: [a]", "readiness: started"]),
    )
}

/// Submits the sleepers, detached; returns the run id.
fn submit(world: &World) -> String {
    let file = sleepers(world);
    world.detach(&file)
}

#[test]
fn an_ended_run_outlives_the_daemon() {
    let world = World::new();
    let id = submit(&world);
    world.wait_status(&id, "RUNNING");
    world.flowctl(&["pipelines", "stop", &id[..8]]).ok();
    let before = world.run_info(&id);
    world.flowctl(&["daemon", "stop"]).ok();
    world.flowctl(&["daemon", "start"]).ok();
    let after = world.run_info(&id);
    for key in ["run_id", "status", "started_at_ms", "ended_at_ms"] {
        assert_eq!(before[key], after[key], "{key}: {before} vs {after}");
    }
    assert_eq!(after["status"], "STOPPED");
    let exits: Vec<&str> = after["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["exit"].as_str().unwrap())
        .collect();
    assert_eq!(exits, vec!["signal 15 (SIGTERM)"; 2], "{after}");
}

#[test]
fn kill_9_of_the_daemon_fails_its_runs_and_leaves_nothing_alive() {
    let world = World::new();
    let id = submit(&world);
    let info = world.wait_status(&id, "RUNNING");
    let components = pids(&info);
    assert_eq!(components.len(), 2, "{info}");
    let daemon = world.daemon_pid().unwrap();
    kill(daemon, 9);
    assert!(
        wait_until(Duration::from_secs(10), || components
            .iter()
            .all(|p| !alive(*p))),
        "components outlived the daemon"
    );
    world.flowctl(&["daemon", "start"]).ok();
    let after = world.run_info(&id);
    assert_eq!(after["status"], "FAILED", "{after}");
    assert!(
        after["error"]
            .as_str()
            .unwrap()
            .contains("daemon exited unexpectedly at"),
        "{after}"
    );
}

#[test]
fn acknowledged_runs_survive_repeated_kill_9() {
    let world = World::new();
    let file = sleepers(&world);
    let mut acknowledged = Vec::new();
    for round in 0..25 {
        let run = world.flowctl(&["run", "--detach", &file]);
        assert!(
            run.output.status.success(),
            "submission {round} failed\n{run}"
        );
        acknowledged.push(run.stdout().trim().to_owned());
        if round % 2 == 0
            && let Some(last) = acknowledged.last()
        {
            // A stop may race the kill below; the run must be there either way.
            let _ = world.flowctl(&["pipelines", "stop", last]);
        }
        if let Some(pid) = world.daemon_pid().filter(|p| alive(*p)) {
            kill(pid, 9);
            assert!(wait_until(Duration::from_secs(10), || !alive(pid)));
        }
    }
    let listed = world.flowctl(&["daemon", "start"]).ok();
    assert!(listed.contains("started"), "{listed}");
    let runs = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    let ids = run_ids(&runs);
    assert_eq!(acknowledged.len(), 25, "every submission should succeed");
    for id in &acknowledged {
        assert!(
            ids.contains(&id.as_str()),
            "run {id} was acknowledged but is gone"
        );
    }
    // None of them is left pretending to run.
    for run in runs.as_array().unwrap() {
        assert_ne!(run["status"], "RUNNING", "{run}");
    }
}

#[test]
fn daemon_restart_starts_active_runs_again_under_their_ids() {
    let world = World::new();
    let first = submit(&world);
    let second = submit(&world);
    let before = pids(&world.wait_status(&first, "RUNNING"));
    world.wait_status(&second, "RUNNING");
    world.flowctl(&["daemon", "restart"]).ok();
    for id in [&first, &second] {
        let info = world.wait_status(id, "RUNNING");
        assert_eq!(info["run_restarts"], 1, "{info}");
    }
    let after = pids(&world.run_info(&first));
    assert!(
        before.iter().all(|p| !after.contains(p)),
        "new processes expected"
    );
}

#[test]
fn no_persistence_writes_no_file_and_db_path_writes_exactly_there() {
    let world = World::new();
    let file = sleepers(&world);
    world.flowctl(&["daemon", "start", "--no-persistence"]).ok();
    let status = world.daemon_status();
    assert_eq!(status["db_path"], "", "{status}");
    world.flowctl(&["daemon", "stop"]).ok();
    let redb_files = |dir: &std::path::Path| -> usize {
        walk(dir)
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "redb"))
            .count()
    };
    assert_eq!(redb_files(world.root.path()), 0);

    let db = world.root.path().join("elsewhere/runs.db");
    world
        .flowctl(&["daemon", "start", "--db-path", db.to_str().unwrap()])
        .ok();
    let id = world.detach(&file);
    world.flowctl(&["pipelines", "stop", &id]).ok();
    assert!(db.is_file());
    assert_eq!(
        redb_files(world.root.path()),
        0,
        "only {} expected",
        db.display()
    );

    // A second daemon on the same database (another socket) is refused.
    let other = world.root.path().join("other/flowctld.sock");
    let second = world.run(world.command_of(
        "flowctld",
        &[
            "--socket",
            other.to_str().unwrap(),
            "--db-path",
            db.to_str().unwrap(),
        ],
    ));
    let err = second.fails();
    assert!(err.contains("in use by another flowctld"), "{second}");
}

#[test]
fn retention_prunes_old_runs_and_their_logs() {
    let world = World::new();
    let config = world.root.path().join("config/flowctl");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "keep_runs = 2\n").unwrap();
    let file =
        world.pipeline(&Pipeline::new("once").source("a", &sh("echo hi"), &["readiness: started"]));
    let mut ids = Vec::new();
    for _ in 0..4 {
        let id = world.detach(&file);
        world.wait_status(&id, "COMPLETED");
        ids.push(id);
    }
    let runs = world
        .flowctl(&["-o", "json", "pipelines", "runs", "once"])
        .json();
    assert_eq!(
        run_ids(&runs),
        vec![ids[3].as_str(), ids[2].as_str()],
        "{runs}"
    );
    let logs = world.state_dir().join("runs");
    assert!(!logs.join(&ids[0]).exists() && !logs.join(&ids[1]).exists());
    assert!(logs.join(&ids[3]).exists());
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(walk(&path));
            } else {
                found.push(path);
            }
        }
    }
    found
}
