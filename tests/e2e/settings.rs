//! Daemon settings given to the client reach the daemon it starts: every
//! flag of `flowctl server`, `flowctl run --detach` and `flowctl daemon
//! start`, observed in what the daemon reports and the files it writes.

use std::time::Duration;

use flowctl_tests::{Background, World, wait_until};
use serde_json::Value;

/// Every wait of these tests: generous, for a loaded two-core machine.
const PATIENCE: Duration = Duration::from_secs(20);

/// A port nothing listens on right now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// `flowctl -o json daemon status`, once a daemon answers.
fn status_once_up(world: &World, server: Option<&mut Background>) -> Value {
    let mut status = Value::Null;
    let mut server = server;
    let up = wait_until(PATIENCE, || {
        let run = world.flowctl(&["-o", "json", "daemon", "status"]);
        if run.code() == Some(0) {
            status = run.json();
            return true;
        }
        if let Some(server) = server.as_deref_mut() {
            assert!(server.running(), "the daemon exited early\n{server}");
        }
        false
    });
    assert!(up, "no daemon answered within {PATIENCE:?}");
    status
}

/// Stops the daemon and waits for `flowctl server` to exit with it.
fn stop(world: &World, server: &mut Background) {
    world.flowctl(&["daemon", "stop"]).ok();
    let status = server.wait(PATIENCE);
    assert!(status.is_some_and(|s| s.success()), "{server}");
}

/// A pipeline of one idle source, named `name`.
fn idle_pipeline(world: &World, name: &str) -> String {
    world.write(
        &format!("{name}.yaml"),
        &format!(
            "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: {name}\nspec:\n  \
             sources:\n    - id: idle\n      command: [\"sleep\", \"600\"]\n"
        ),
    );
    format!("{name}.yaml")
}

/// Whether every non-empty line of `text` is a JSON object, and one says
/// the daemon is ready.
fn json_log_with_ready(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    !lines.is_empty()
        && lines
            .iter()
            .all(|l| serde_json::from_str::<Value>(l).is_ok_and(|v| v.is_object()))
        && text.contains("flowctld ready")
}

#[test]
fn server_passes_db_path_address_port_ttl_janitor_log_format_and_log_file() {
    let world = World::new();
    let db = world.root.path().join("elsewhere").join("runs.redb");
    let log_file = world.root.path().join("daemon.log");
    let port = free_port().to_string();
    let mut server = world.spawn(world.command(&[
        "server",
        "--db-path",
        &db.display().to_string(),
        "--control-plane-address",
        "127.0.0.2",
        "--control-plane-port",
        &port,
        "--heartbeat-ttl",
        "7s",
        "--janitor-interval",
        "3s",
        "--log-format",
        "json",
        "--log-file",
        &log_file.display().to_string(),
    ]));
    let status = status_once_up(&world, Some(&mut server));
    assert_eq!(status["db_path"], db.display().to_string(), "{status:#}");
    assert!(db.is_file(), "no database at {}", db.display());
    assert!(
        !world.state_dir().join("flowctl.redb").exists(),
        "the default database was used"
    );
    assert_eq!(status["control_plane"], format!("127.0.0.2:{port}"));
    assert_eq!(status["heartbeat_ttl"], "7s");
    assert_eq!(status["janitor_interval"], "3s");
    assert_eq!(status["log_file"], log_file.display().to_string());
    stop(&world, &mut server);
    // With --log-file the daemon writes (and rotates) that file itself.
    let log = std::fs::read_to_string(&log_file).unwrap_or_default();
    assert!(json_log_with_ready(&log), "{log}\n{server}");
}

#[test]
fn server_passes_no_persistence_and_config() {
    let world = World::new();
    let port = free_port();
    let config = world.write(
        "daemon.toml",
        &format!(
            "heartbeat_ttl = \"9s\"\ncontrol_plane_port = {port}\n\
             metrics_address = \"127.0.0.1:0\"\n"
        ),
    );
    let mut server = world.spawn(world.command(&[
        "server",
        "--no-persistence",
        "--config",
        &config.display().to_string(),
    ]));
    let status = status_once_up(&world, Some(&mut server));
    assert_eq!(status["db_path"], "", "{status:#}");
    assert_eq!(status["heartbeat_ttl"], "9s", "{status:#}");
    assert_eq!(status["janitor_interval"], "10s", "the default");
    assert_eq!(status["control_plane"], format!("127.0.0.1:{port}"));
    let metrics = status["metrics"].as_str().unwrap_or_default();
    assert!(metrics.starts_with("http://127.0.0.1:"), "{status:#}");
    stop(&world, &mut server);
    assert_no_database(&world);
}

#[test]
fn run_detach_passes_db_path_and_the_other_settings() {
    let world = World::new();
    let db = world.root.path().join("elsewhere").join("runs.redb");
    let file = idle_pipeline(&world, "detached");
    let port = free_port().to_string();
    let metrics = format!("127.0.0.1:{}", free_port());
    let run = world.flowctl(&[
        "run",
        "--metrics-address",
        &metrics,
        "--db-path",
        &db.display().to_string(),
        "--control-plane-port",
        &port,
        "--heartbeat-ttl",
        "6s",
        "--log-format",
        "json",
        "--detach",
        &file,
    ]);
    let id = run.ok().trim().to_owned();
    let status = status_once_up(&world, None);
    assert_eq!(status["db_path"], db.display().to_string(), "{status:#}");
    assert!(db.is_file(), "no database at {}", db.display());
    assert_eq!(status["control_plane"], format!("127.0.0.1:{port}"));
    assert_eq!(status["heartbeat_ttl"], "6s");
    assert_eq!(status["metrics"], format!("http://{metrics}/metrics"));
    let listed = world.flowctl(&["-o", "json", "pipelines", "list"]).ok();
    assert!(listed.contains(&id), "run {id} is not listed: {listed}");
    let log = std::fs::read_to_string(world.state_dir().join("flowctld.log")).unwrap_or_default();
    assert!(json_log_with_ready(&log), "daemon log is not JSON:\n{log}");
}

#[test]
fn daemon_start_passes_no_persistence() {
    let world = World::new();
    let config = world.write("daemon.toml", "heartbeat_ttl = \"4s\"\n");
    world
        .flowctl(&[
            "daemon",
            "start",
            "--no-persistence",
            "--metrics-address",
            "127.0.0.1:0",
            "--config",
            &config.display().to_string(),
        ])
        .ok();
    let status = status_once_up(&world, None);
    assert_eq!(status["db_path"], "", "{status:#}");
    assert_eq!(status["heartbeat_ttl"], "4s", "{status:#}");
    let metrics = status["metrics"].as_str().unwrap_or_default();
    assert!(metrics.starts_with("http://127.0.0.1:"), "{status:#}");
    let id = world.detach(&idle_pipeline(&world, "memory"));
    world.flowctl(&["pipelines", "stop", &id]).ok();
    assert_no_database(&world);

    // `daemon restart` starts the next daemon with the flags it is given.
    world
        .flowctl(&[
            "daemon",
            "restart",
            "--no-persistence",
            "--heartbeat-ttl",
            "5s",
        ])
        .ok();
    let status = status_once_up(&world, None);
    assert_eq!(status["heartbeat_ttl"], "5s", "{status:#}");
    assert_no_database(&world);
}

#[test]
fn db_path_and_no_persistence_together_are_refused_before_any_daemon_starts() {
    let world = World::new();
    let refused = world
        .flowctl(&["server", "--db-path", "x.redb", "--no-persistence"])
        .fails();
    assert!(
        refused.contains("--db-path") && refused.contains("--no-persistence"),
        "{refused}"
    );
    assert!(!world.socket.exists(), "a daemon started anyway");
}

/// Nothing wrote a database file in the state dir.
fn assert_no_database(world: &World) {
    let redb: Vec<_> = std::fs::read_dir(world.state_dir())
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|ext| ext == "redb"))
                .collect()
        })
        .unwrap_or_default();
    assert!(redb.is_empty(), "--no-persistence wrote {redb:?}");
}
