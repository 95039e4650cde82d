//! In-process daemon tests: `flowctld::run` on a temp socket and a port-0
//! control plane, with temp state and no database, driven by real gRPC
//! requests and stopped through its `Shutdown` handle. What belongs here is
//! what the daemon answers; what users see of the binaries is in `tests/e2e`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use flowctl_proto::daemon::v1::daemon_client::DaemonClient;
use flowctl_proto::daemon::v1::{
    self as daemon, GetInfoRequest, RunRef, RunStatus, SubmitRunRequest, WatchRequest,
    watch_event::Event,
};
use flowctl_proto::v1::control_plane_service_client::ControlPlaneServiceClient;
use flowctl_proto::v1::{self as cp, ComponentInfo, ComponentType, HeartbeatRequest};
use flowctld::{Config, Listeners, Ready, Shutdown};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, UnixListener, UnixStream};
use tonic::transport::{Channel, Endpoint};

/// Every wait of these tests: generous, for a loaded two-core machine.
const PATIENCE: Duration = Duration::from_secs(20);

/// A daemon running inside the test, in its own temp dir.
struct Daemon {
    _dir: tempfile::TempDir,
    socket: PathBuf,
    control_plane: SocketAddr,
    shutdown: Shutdown,
    served: tokio::task::JoinHandle<flowctld::Result<()>>,
}

impl Daemon {
    /// Binds a temp socket and a port-0 listener, and serves on them until
    /// ready (the readiness callback fired).
    async fn start() -> Daemon {
        Daemon::start_in(temp_dir(), false).await
    }

    /// A daemon in `dir`, keeping its database there with `persistent`.
    async fn start_in(dir: tempfile::TempDir, persistent: bool) -> Daemon {
        let socket = dir.path().join("flowctld.sock");
        let mut config = config(dir.path(), &socket);
        if persistent {
            config.db_path = Some(dir.path().join("flowctl.redb"));
        }
        let listeners = bind(&socket).await;
        let shutdown = Shutdown::new();
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel::<Ready>();
        let served = tokio::spawn(flowctld::run(
            listeners,
            config,
            shutdown.clone(),
            move |ready| {
                let _ = ready_tx.send(ready);
            },
        ));
        let ready = tokio::time::timeout(PATIENCE, ready_rx)
            .await
            .expect("the daemon is ready in time")
            .expect("the daemon announces readiness before it stops");
        Daemon {
            _dir: dir,
            socket,
            control_plane: ready.control_plane,
            shutdown,
            served,
        }
    }

    /// The daemon API, over the Unix socket as `flowctl` reaches it.
    async fn client(&self) -> DaemonClient<Channel> {
        let path = self.socket.clone();
        // The URI is required by tonic and unused: the connector decides.
        let channel = Endpoint::from_static("http://flowctld.local")
            .connect_with_connector(tower::service_fn(move |_| {
                let path = path.clone();
                async move { UnixStream::connect(path).await.map(TokioIo::new) }
            }))
            .await
            .expect("connect to the daemon socket");
        DaemonClient::new(channel)
    }

    /// The `flowctl.v1` control plane, over TCP as components reach it.
    async fn control_plane(&self) -> ControlPlaneServiceClient<Channel> {
        ControlPlaneServiceClient::connect(format!("http://{}", self.control_plane))
            .await
            .expect("connect to the control plane")
    }

    /// Triggers the shutdown handle and waits for `run` to return.
    async fn stop(self) -> PathBuf {
        self.shutdown.trigger();
        self.stopped().await.1
    }

    /// Waits for `run` to return after its shutdown was triggered; gives
    /// back the temp dir, for a next daemon, and the socket path.
    async fn stopped(self) -> (tempfile::TempDir, PathBuf) {
        tokio::time::timeout(PATIENCE, self.served)
            .await
            .expect("run returns in time after shutdown")
            .expect("the daemon task does not panic")
            .expect("run ends without an error");
        (self._dir, self.socket)
    }
}

/// A temp dir with a short path: Unix socket paths are limited to ~107 bytes.
fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("fdin")
        .tempdir_in("/tmp")
        .expect("temp dir")
}

/// A Unix socket at `socket` and a control plane on port 0, as the daemon's
/// startup binds them.
async fn bind(socket: &Path) -> Listeners {
    Listeners {
        socket: UnixListener::bind(socket).expect("bind the temp socket"),
        socket_file: Some(socket.to_path_buf()),
        control_plane: TcpListener::bind("127.0.0.1:0").await.expect("bind port 0"),
        components: None,
        metrics: None,
    }
}

/// Settings of a daemon confined to `dir`: no database (as
/// `--no-persistence`), no guard process, defaults otherwise.
fn config(dir: &Path, socket: &Path) -> Config {
    Config::confined_to(&dir.join("state"), socket)
}

#[tokio::test]
async fn answers_on_both_listeners_and_removes_its_socket_when_stopped() {
    let daemon = Daemon::start().await;
    let info = daemon
        .client()
        .await
        .get_info(GetInfoRequest {})
        .await
        .expect("GetInfo")
        .into_inner();
    assert_eq!(info.pid, std::process::id());
    assert_eq!(Path::new(&info.socket_path), daemon.socket);
    assert_eq!(
        info.control_plane_endpoint,
        daemon.control_plane.to_string()
    );
    assert!(info.db_path.is_empty(), "no database: {info:?}");

    let socket = daemon.stop().await;
    assert!(!socket.exists(), "{} is left behind", socket.display());
}

#[tokio::test]
async fn a_daemon_that_cannot_open_its_state_says_why_and_leaves_no_socket() {
    let dir = temp_dir();
    let socket = dir.path().join("flowctld.sock");
    let mut config = config(dir.path(), &socket);
    // A file where the state directory should be.
    std::fs::write(&config.state_dir, "not a directory").unwrap();
    config.db_path = Some(config.state_dir.join("flowctl.redb"));
    let listeners = bind(&socket).await;
    let err = flowctld::run(listeners, config, Shutdown::new(), |_| {
        panic!("a daemon without its state must not say it is ready")
    })
    .await
    .expect_err("run fails");
    assert!(err.to_string().contains("state"), "{err}");
    assert!(!socket.exists(), "{} is left behind", socket.display());
}

#[tokio::test]
async fn a_component_registers_and_heartbeats_over_the_control_plane() {
    let daemon = Daemon::start().await;
    let mut control_plane = daemon.control_plane().await;
    let registered = control_plane
        .register_component(cp::RegisterRequest {
            component: Some(ComponentInfo {
                id: "probe-1".into(),
                name: "probe".into(),
                r#type: ComponentType::Source as i32,
                endpoint: "127.0.0.1:1".into(),
                ..Default::default()
            }),
            component_id: String::new(),
        })
        .await
        .expect("RegisterComponent")
        .into_inner();
    assert!(!registered.service_id.is_empty(), "{registered:?}");
    assert_eq!(
        registered.connection_info.get("endpoint"),
        Some(&daemon.control_plane.to_string())
    );
    control_plane
        .heartbeat(HeartbeatRequest {
            service_id: registered.service_id.clone(),
            ..Default::default()
        })
        .await
        .expect("Heartbeat");

    let listed = control_plane
        .list_components(cp::ListComponentsRequest::default())
        .await
        .expect("ListComponents")
        .into_inner();
    let ids: Vec<&str> = listed
        .components
        .iter()
        .filter_map(|c| c.component.as_ref().map(|c| c.id.as_str()))
        .collect();
    assert_eq!(ids, [registered.service_id.as_str()], "{listed:?}");
    let last_heartbeat = listed.components[0].last_heartbeat.expect("a heartbeat");
    assert!(last_heartbeat.seconds > 0, "{listed:?}");

    // The daemon API lists it as registered outside any run.
    let external = daemon
        .client()
        .await
        .list_components(daemon::ListComponentsRequest::default())
        .await
        .expect("daemon ListComponents")
        .into_inner()
        .external;
    assert_eq!(external.len(), 1, "{external:?}");
    assert_eq!(external[0].service_id, registered.service_id);
    daemon.stop().await;
}

#[tokio::test]
async fn stopping_the_daemon_stops_its_runs_first() {
    let daemon = Daemon::start().await;
    let mut client = daemon.client().await;
    let run = submit_idle(&mut client).await;
    let pid = started_pid(&mut client, &run).await;
    assert!(alive(pid), "component {pid} runs");

    daemon.stop().await;
    assert!(!alive(pid), "component {pid} outlived the daemon's run");
}

/// As `flowctl daemon restart` does it: the first daemon stops its runs to
/// be resumed, and is gone (its runtime dropped, as its process would exit)
/// before the next one opens the same database.
#[test]
fn a_run_stopped_for_a_restart_is_resumed_by_the_next_daemon() {
    let runtime = || tokio::runtime::Runtime::new().expect("a runtime");
    let (dir, run, first) = runtime().block_on(async {
        let daemon = Daemon::start_in(temp_dir(), true).await;
        let mut client = daemon.client().await;
        let run = submit_idle(&mut client).await;
        let first = started_pid(&mut client, &run).await;
        daemon.shutdown.trigger_restart();
        let (dir, _socket) = daemon.stopped().await;
        (dir, run, first)
    });
    assert!(!alive(first), "instance {first} outlived its daemon");

    runtime().block_on(async {
        let daemon = Daemon::start_in(dir, true).await;
        let mut client = daemon.client().await;
        let second = started_pid(&mut client, &run).await;
        assert_ne!(first, second, "a new instance of the same run");
        let summary = client
            .get_run(RunRef {
                run_id: run.clone(),
            })
            .await
            .expect("GetRun")
            .into_inner()
            .run
            .expect("a summary");
        assert_eq!(summary.run_restarts, 1, "{summary:?}");
        daemon.stop().await;
    });
}

/// Submits a run of one idle source; gives its id.
async fn submit_idle(client: &mut DaemonClient<Channel>) -> String {
    let pipeline = "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: idle\nspec:\n  \
         sources:\n    - id: idle\n      command: [\"sleep\", \"600\"]\n";
    client
        .submit_run(SubmitRunRequest {
            pipeline_yaml: pipeline.into(),
            pipeline_path: "/nonexistent/idle.yaml".into(),
            working_dir: std::env::temp_dir().display().to_string(),
            env: std::env::vars().collect(),
            log_dir: String::new(),
            control_plane_endpoint: String::new(),
            resolved: Vec::new(),
        })
        .await
        .expect("SubmitRun")
        .into_inner()
        .run_id
}

/// Waits on the run's `Watch` stream until its component has a process.
async fn started_pid(client: &mut DaemonClient<Channel>, run: &str) -> u32 {
    let mut events = client
        .watch(WatchRequest {
            run_id: run.to_owned(),
            stop_on_disconnect: false,
            logs: false,
        })
        .await
        .expect("Watch")
        .into_inner();
    tokio::time::timeout(PATIENCE, async {
        while let Some(event) = events.message().await.expect("watch stream") {
            match event.event {
                Some(Event::Component(c)) if c.pid != 0 => return c.pid,
                Some(Event::Run(summary)) => assert!(
                    !matches!(
                        summary.status(),
                        RunStatus::Failed | RunStatus::Completed | RunStatus::Stopped
                    ),
                    "the run ended before its component started: {summary:?}"
                ),
                _ => {}
            }
        }
        panic!("the watch ended before the component started")
    })
    .await
    .expect("the component starts in time")
}

/// Whether `pid` is a live process (a zombie counts as dead).
fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !matches!(
            stat.rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next()),
            Some("Z") | Some("X") | None
        ),
        Err(_) => false,
    }
}
