//! The daemon's life: auto-start, one daemon per socket, recovery, stop.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use flowctl_tests::{World, alive, kill, needs, needs_root, wait_until};

/// Live `flowctld` processes of this world.
fn daemons(world: &World) -> Vec<i32> {
    world
        .leftovers()
        .into_iter()
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|comm| comm.trim() == "flowctld")
        })
        // Each daemon has a guard process (`flowctld --guard`); not a daemon.
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|cmd| !cmd.split(|b| *b == 0).any(|arg| arg == b"--guard"))
        })
        .collect()
}

#[test]
fn status_without_a_daemon_says_so_and_starts_nothing() {
    let world = World::new();
    let run = world.flowctl(&["daemon", "status"]);
    assert_eq!(run.code(), Some(3), "{run}");
    assert!(run.stdout().contains("not running"), "{run}");
    let listing = world.flowctl(&["pipelines", "list"]).ok();
    assert!(
        listing.contains("No flowctl daemon is running"),
        "{listing}"
    );
    assert!(!world.socket.exists());
    assert!(daemons(&world).is_empty());
}

#[test]
fn start_returns_once_the_daemon_answers_and_stop_leaves_nothing() {
    let world = World::new();
    let started = world.flowctl(&["daemon", "start"]).ok();
    assert!(started.contains("flowctld started"), "{started}");
    // No waiting: the daemon answers as soon as `start` returns.
    let status = world.daemon_status();
    let pid = status["pid"].as_i64().unwrap() as i32;
    assert!(alive(pid));
    assert!(
        status["control_plane"]
            .as_str()
            .unwrap()
            .starts_with("127.0.0.1:")
    );

    let socket_mode = std::fs::metadata(&world.socket)
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(socket_mode, 0o600);
    let dir_mode = std::fs::metadata(world.socket.parent().unwrap())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode, 0o700);

    let again = world.flowctl(&["daemon", "start"]).ok();
    assert!(again.contains("already running"), "{again}");

    let stopped = world.flowctl(&["daemon", "stop"]).ok();
    assert!(stopped.contains("flowctld stopped"), "{stopped}");
    // `stop` returns when the daemon is gone: nothing left to wait for.
    assert!(!alive(pid), "daemon {pid} still alive after stop");
    assert!(!world.socket.exists(), "socket left behind");
}

#[test]
fn twenty_concurrent_starts_make_exactly_one_daemon() {
    let world = World::new();
    let children: Vec<_> = (0..20)
        .map(|_| {
            world
                .command(&["daemon", "start"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "a concurrent start failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(daemons(&world).len(), 1, "daemons: {:?}", daemons(&world));
}

#[test]
fn after_kill_9_the_next_command_recovers() {
    let world = World::new();
    world.flowctl(&["daemon", "start"]).ok();
    let first = world.daemon_pid().unwrap();
    kill(first, 9);
    assert!(wait_until(Duration::from_secs(5), || !alive(first)));
    assert!(
        world.socket.exists(),
        "the stale socket is what we recover from"
    );
    let started = world.flowctl(&["daemon", "start"]).ok();
    assert!(started.contains("flowctld started"), "{started}");
    let second = world.daemon_pid().unwrap();
    assert_ne!(first, second);
    world.flowctl(&["daemon", "status"]).ok();
}

#[test]
fn a_second_daemon_on_the_same_socket_names_the_first() {
    let world = World::new();
    world.flowctl(&["daemon", "start"]).ok();
    let pid = world.daemon_pid().unwrap();
    let second = world.run(world.command_of("flowctld", &[]));
    let err = second.fails();
    assert!(err.contains(&format!("pid {pid}")), "{second}");
    assert!(alive(pid), "the first daemon must survive");
    world.flowctl(&["daemon", "status"]).ok();
}

#[test]
fn bad_locations_and_ports_are_clear_errors() {
    let world = World::new();
    let long = format!("/tmp/{}/s.sock", "x".repeat(150));
    let run = world.flowctl(&["--socket", &long, "daemon", "start"]);
    assert!(run.fails().contains("too long"), "{run}");

    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let run = world.flowctl(&["daemon", "start", "--control-plane-port", &port]);
    let err = run.fails();
    assert!(
        err.contains(&port) && err.contains("--control-plane-port"),
        "{run}"
    );
    assert!(daemons(&world).is_empty());

    let wide = world.root.path().join("wide");
    std::fs::create_dir(&wide).unwrap();
    std::fs::set_permissions(&wide, std::fs::Permissions::from_mode(0o777)).unwrap();
    let socket = wide.join("s.sock").display().to_string();
    let run = world.flowctl(&["--socket", &socket, "daemon", "start"]);
    assert!(run.fails().contains("0777"), "{run}");
}

#[test]
fn unknown_flags_and_config_keys_say_what_is_wrong() {
    let world = World::new();
    let run = world.flowctl(&["daemon", "start", "--frobnicate"]);
    assert!(run.fails().contains("--frobnicate"), "{run}");
    let config = world.write("config.toml", "heartbeat_tl = \"5s\"\n");
    let run = world.run(world.command_of("flowctld", &["--config", config.to_str().unwrap()]));
    let err = run.fails();
    assert!(
        err.contains("config.toml") && err.contains("heartbeat_tl"),
        "{run}"
    );
}

/// A client of another version is refused with the fix named, except for
/// the calls that let it inspect and restart the daemon.
#[tokio::test(flavor = "current_thread")]
async fn a_client_of_another_version_is_told_to_restart_the_daemon() {
    use flowctl_proto::daemon::v1::daemon_client::DaemonClient;
    use flowctl_proto::daemon::v1::{GetInfoRequest, ListRunsRequest};

    let world = World::new();
    world.flowctl(&["daemon", "start"]).ok();
    let mut client = DaemonClient::new(world.daemon_channel().await);
    fn old<T>(message: T) -> tonic::Request<T> {
        let mut request = tonic::Request::new(message);
        request
            .metadata_mut()
            .insert(flowctl_proto::VERSION_HEADER, "0.0.1".parse().unwrap());
        request
    }
    let err = client
        .list_runs(old(ListRunsRequest::default()))
        .await
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::FailedPrecondition);
    assert!(err.message().contains("flowctl daemon restart"), "{err:?}");
    let info = client
        .get_info(old(GetInfoRequest {}))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(info.version, flowctl_proto::VERSION);
}

/// Another user cannot use the daemon even if the socket's mode is opened up.
#[test]
fn another_user_is_refused_by_peer_credentials() {
    if !needs_root("act as another user") || !needs("setpriv", "util-linux") {
        return;
    }
    let world = World::new();
    world.flowctl(&["daemon", "start"]).ok();
    // Open what the daemon keeps private, as a careless admin might.
    let dir = world.socket.parent().unwrap();
    for path in [world.root.path(), dir] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::set_permissions(&world.socket, std::fs::Permissions::from_mode(0o666)).unwrap();
    let mut command = std::process::Command::new("setpriv");
    command.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
    command
        .arg(flowctl_tests::bin("flowctl"))
        .args(["daemon", "status"]);
    command
        .env("FLOWCTL_SOCKET", &world.socket)
        .env("HOME", "/tmp");
    let run = world.run(command);
    let err = run.fails();
    assert!(err.contains("may not use it"), "{run}");
    // The owner still can.
    world.flowctl(&["daemon", "status"]).ok();
}

/// Garbage on the Unix socket or the control-plane port costs the sender
/// its connection, never the daemon.
#[test]
fn garbage_on_either_listener_does_not_harm_the_daemon() {
    use std::io::Write;
    let world = World::new();
    world.flowctl(&["daemon", "start"]).ok();
    let status = world.daemon_status();
    let endpoint = status["control_plane"].as_str().unwrap().to_owned();
    let noise: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for _ in 0..3 {
        let mut unix = std::os::unix::net::UnixStream::connect(&world.socket).unwrap();
        let _ = unix.write_all(&noise);
        let mut preface = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
        preface.extend_from_slice(&noise[..4000]);
        let mut unix = std::os::unix::net::UnixStream::connect(&world.socket).unwrap();
        let _ = unix.write_all(&preface);
        let mut tcp = std::net::TcpStream::connect(&endpoint).unwrap();
        let _ = tcp.write_all(&noise);
    }
    let after = world.daemon_status();
    assert_eq!(after["pid"], status["pid"], "the same daemon still answers");
}
