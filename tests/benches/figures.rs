//! Benchmark figures, not tests: each `#[ignore]`d function measures one
//! figure against the real binaries (or the daemon library) and prints a
//! small Markdown table. `cargo test --workspace` skips them; run them with
//!
//! ```sh
//! cargo build --release --workspace --bins
//! cargo test --release -p flowctl-tests --test figures -- --ignored --nocapture --test-threads 1
//! ```
//!
//! Every figure uses its own [`World`] (private socket, state, config),
//! bounds every wait, and stops what it started by pid.

use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use flowctl_proto::v1::control_plane_service_client::ControlPlaneServiceClient;
use flowctl_proto::v1::{HealthStatus, HeartbeatRequest};
use flowctl_tests::control::registration;
use flowctl_tests::{Pipeline, Run, World, alive, kill, sh};
use flowctld::store::{Durable, Store, StoredInstance, StoredMetrics, StoredRun};

// ---------------------------------------------------------------------------
// Helpers: bounded commands, /proc CPU time, percentiles, the table.

/// Runs `flowctl args...` and waits at most `timeout` for it; a command
/// still running then is killed by pid and the figure fails.
fn flowctl_within(world: &World, args: &[&str], timeout: Duration) -> Run {
    world.run_within(world.command(args), timeout)
}

/// Stops this world's daemon (and with it its runs), by pid if it must.
fn stop_daemon(world: &World, pid: i32) {
    let _ = flowctl_within(world, &["daemon", "stop"], Duration::from_secs(60));
    if alive(pid) {
        kill(pid, 9);
    }
}

/// Clock ticks per second of /proc's CPU times (USER_HZ), asked once.
fn clock_ticks() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        std::process::Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok()?.trim().parse().ok())
            .unwrap_or(100.0)
    })
}

/// CPU seconds of a process from /proc/<pid>/stat: its own (utime + stime,
/// all its threads, living and ended) and its reaped children's (cutime +
/// cstime).
#[derive(Debug, Clone, Copy)]
struct Cpu {
    own: f64,
    children: f64,
}

fn cpu(pid: i32) -> Cpu {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/<pid>/stat");
    // Fields after the command name, which may itself hold spaces: field 3
    // (state) is index 0, so utime (14) is index 11.
    let fields: Vec<f64> = stat
        .rsplit_once(')')
        .expect("stat format")
        .1
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    let hz = clock_ticks();
    Cpu {
        own: (fields[11] + fields[12]) / hz,
        children: (fields[13] + fields[14]) / hz,
    }
}

/// Nearest-rank percentile of sorted samples.
fn percentile<T: Copy>(sorted: &[T], p: f64) -> T {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// A Markdown table of `figure | value | target | met?`.
struct Table {
    title: String,
    rows: Vec<[String; 4]>,
}

impl Table {
    fn new(title: &str) -> Table {
        Table {
            title: title.into(),
            rows: Vec::new(),
        }
    }

    /// A row with no target.
    fn row(&mut self, figure: &str, value: String) {
        self.rows
            .push([figure.into(), value, "—".into(), "—".into()]);
    }

    /// A row with a target and whether it was met.
    fn target(&mut self, figure: &str, value: String, target: &str, met: bool) {
        let met = if met { "yes" } else { "**no**" };
        self.rows
            .push([figure.into(), value, target.into(), met.into()]);
    }

    fn print(&self) {
        println!("\n### {}\n", self.title);
        println!("| figure | value | target | met? |");
        println!("|---|---:|---|---|");
        for [figure, value, target, met] in &self.rows {
            println!("| {figure} | {value} | {target} | {met} |");
        }
        println!();
    }
}

/// The record of the (only) component of a run.
fn component(world: &World, run: &str) -> serde_json::Value {
    world.run_info(run)["components"][0].clone()
}

/// A pipeline of one `sleep` with `fields` added to it.
fn sleeper(fields: &[&str]) -> String {
    let mut all = vec!["readiness: started"];
    all.extend_from_slice(fields);
    Pipeline::new("sleeper")
        .source("sleeper", "[\"sleep\", \"100000\"]", &all)
        .yaml()
}

/// `VmRSS` and `VmHWM` (its peak) of a process, in KiB.
fn memory_kib(pid: i32) -> (u64, u64) {
    let status =
        std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc/<pid>/status");
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {status}"))
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

// ---------------------------------------------------------------------------
// 1. Heartbeats per second.

const HEARTBEAT_COMPONENTS: usize = 200;
const HEARTBEAT_CHANNELS: usize = 8;
const HEARTBEAT_IN_FLIGHT: usize = 32;

/// What one heartbeat window measured.
struct Beats {
    /// Latency of every heartbeat sent and answered in the window, in µs.
    latencies: Vec<u32>,
    elapsed: Duration,
    /// CPU seconds of the daemon, and of this (client) process.
    daemon_cpu: f64,
    client_cpu: f64,
}

/// Heartbeats from `HEARTBEAT_IN_FLIGHT` tasks per channel, each looping
/// one RPC at a time: 0.5 s of warm-up, then a 5 s window.
async fn drive_heartbeats(channels: &[tonic::transport::Channel], daemon: i32) -> Beats {
    let measuring = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let mut workers = Vec::new();
    for (c, channel) in channels.iter().enumerate() {
        for k in 0..HEARTBEAT_IN_FLIGHT {
            let mut client = ControlPlaneServiceClient::new(channel.clone());
            let service_id = format!("c{}", (c * HEARTBEAT_IN_FLIGHT + k) % HEARTBEAT_COMPONENTS);
            let (measuring, stop) = (measuring.clone(), stop.clone());
            workers.push(tokio::spawn(async move {
                let mut samples: Vec<u32> = Vec::with_capacity(64 * 1024);
                let mut n = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    let counting = measuring.load(Ordering::Relaxed);
                    let sent = Instant::now();
                    let request = HeartbeatRequest {
                        service_id: service_id.clone(),
                        status: HealthStatus::Healthy as i32,
                        metrics: [("events_out".to_string(), n.to_string())].into(),
                    };
                    tokio::time::timeout(Duration::from_secs(10), client.heartbeat(request))
                        .await
                        .expect("a heartbeat answered within 10 s")
                        .expect("heartbeat");
                    // Counted if sent and answered inside the window.
                    if counting && !stop.load(Ordering::Relaxed) {
                        samples.push(sent.elapsed().as_micros() as u32);
                    }
                    n += 1;
                }
                samples
            }));
        }
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let me = std::process::id() as i32;
    let (daemon_before, client_before) = (cpu(daemon), cpu(me));
    let started = Instant::now();
    measuring.store(true, Ordering::Relaxed);
    tokio::time::sleep(Duration::from_secs(5)).await;
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed();
    let daemon_cpu = cpu(daemon).own - daemon_before.own;
    let client_cpu = cpu(me).own - client_before.own;
    let mut latencies = Vec::new();
    for worker in workers {
        latencies.extend(worker.await.unwrap());
    }
    latencies.sort_unstable();
    Beats {
        latencies,
        elapsed,
        daemon_cpu,
        client_cpu,
    }
}

/// The CPU list a process may run on (`taskset -cp`), e.g. `0-1`.
fn affinity(pid: i32) -> Option<String> {
    let out = std::process::Command::new("taskset")
        .args(["-cp", &pid.to_string()])
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    Some(text.rsplit_once(": ")?.1.trim().to_owned())
}

/// Expands a CPU list such as `0-2,5` to `[0, 1, 2, 5]`.
fn cpu_list(list: &str) -> Vec<u32> {
    let mut cpus: Vec<u32> = Vec::new();
    for part in list.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                if let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) {
                    cpus.extend(a..=b);
                }
            }
            None => cpus.extend(part.parse::<u32>().ok()),
        }
    }
    cpus
}

/// Binds every thread of `pid` to `cpus`; whether it worked.
fn pin(pid: i32, cpus: &str) -> bool {
    std::process::Command::new("taskset")
        .args(["-a", "-cp", cpus, &pid.to_string()])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Heartbeat RPCs from many concurrent clients for ~5 s, against a daemon
/// with 200 registered components: once with daemon and client sharing
/// every CPU, once with the daemon bound to one CPU and the client to the
/// others (`taskset`), which is what the target is set for.
#[test]
#[ignore = "a figure: run with --ignored --nocapture"]
fn heartbeats_per_second() {
    let world = World::new();
    let daemon = world.start_daemon(&[]);
    let status = world.flowctl(&["-o", "json", "daemon", "status"]).json();
    let url = format!("http://{}", status["control_plane"].as_str().unwrap());
    let me = std::process::id() as i32;
    let mine = affinity(me).unwrap_or_default();
    let cpus = cpu_list(&mine);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (shared, pinned) = runtime.block_on(async {
        let mut channels = Vec::new();
        for _ in 0..HEARTBEAT_CHANNELS {
            let channel = tonic::transport::Endpoint::from_shared(url.clone())
                .unwrap()
                .tcp_nodelay(true)
                .connect_timeout(Duration::from_secs(5))
                .connect()
                .await
                .expect("connect to the control plane");
            channels.push(channel);
        }
        let mut client = ControlPlaneServiceClient::new(channels[0].clone());
        for n in 0..HEARTBEAT_COMPONENTS {
            client
                .register_component(registration(&format!("c{n}")))
                .await
                .expect("register");
        }
        let shared = drive_heartbeats(&channels, daemon).await;
        // The daemon on the first CPU, this client on the others.
        let rest: Vec<String> = cpus.iter().skip(1).map(u32::to_string).collect();
        let pinned =
            cpus.len() >= 2 && pin(daemon, &cpus[0].to_string()) && pin(me, &rest.join(","));
        let result = match pinned {
            true => Some(drive_heartbeats(&channels, daemon).await),
            false => None,
        };
        pin(me, &mine);
        (shared, result)
    });
    let mut table = Table::new(&format!(
        "heartbeats_per_second ({HEARTBEAT_COMPONENTS} components, {HEARTBEAT_CHANNELS} \
         connections × {HEARTBEAT_IN_FLIGHT} in flight, 5 s window; the daemon runs 2 tokio \
         worker threads; {} CPUs: {mine})",
        cpus.len()
    ));
    let micros = |us: u32| format!("{:.2} ms", us as f64 / 1e3);
    let mut report = |how: &str, beats: &Beats| {
        let counted = beats.latencies.len();
        let rate = counted as f64 / beats.elapsed.as_secs_f64();
        let share = |cpu: f64| {
            format!(
                "{cpu:.2} s ({:.0} % of one core)",
                100.0 * cpu / beats.elapsed.as_secs_f64()
            )
        };
        table.target(
            &format!("{how}: heartbeats/s sustained"),
            format!("{rate:.0}"),
            "≥ 50,000/s",
            rate >= 50_000.0,
        );
        table.row(
            "… latency p50 / p99",
            format!(
                "{} / {}",
                micros(percentile(&beats.latencies, 50.0)),
                micros(percentile(&beats.latencies, 99.0))
            ),
        );
        table.row("… daemon CPU (utime+stime)", share(beats.daemon_cpu));
        table.row(
            "… daemon CPU per heartbeat",
            format!("{:.1} µs", beats.daemon_cpu * 1e6 / counted.max(1) as f64),
        );
        table.row("… benchmark client CPU", share(beats.client_cpu));
    };
    report("daemon and client sharing all CPUs", &shared);
    match &pinned {
        Some(beats) => report(
            &format!(
                "daemon bound to CPU {} (taskset), client to the others",
                cpus[0]
            ),
            beats,
        ),
        None => table.row(
            "daemon bound to one CPU",
            "not measured (needs `taskset` and 2 CPUs)".into(),
        ),
    }
    table.print();
    stop_daemon(&world, daemon);
}

// ---------------------------------------------------------------------------
// 2. Crash to restart.

const CRASHES: usize = 100;

/// `kill -9` of a component with `restart_policy: always`, `restart_delay:
/// 0`, until run-info shows it RUNNING again under a new pid.
#[test]
#[ignore = "a figure: run with --ignored --nocapture"]
fn crash_to_restart() {
    let world = World::new();
    let daemon = world.start_daemon(&[]);
    world.write(
        "crash.yml",
        &sleeper(&[
            "restart_policy: always",
            "restart_delay: 0",
            "max_restarts: 1000000",
            "restart_window: 1s",
        ]),
    );
    let run = world.detach("crash.yml");
    let running = |c: &serde_json::Value| c["state"] == "RUNNING" && c["pid"].as_i64() > Some(0);
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut current = component(&world, &run);
    while !running(&current) {
        assert!(Instant::now() < deadline, "never RUNNING: {current:#}");
        std::thread::sleep(Duration::from_millis(5));
        current = component(&world, &run);
    }
    let mut observed = Vec::new();
    let mut daemon_side = Vec::new();
    let mut polls = 0usize;
    for _ in 0..CRASHES {
        let old = current["pid"].as_i64().unwrap();
        let restarts = current["restarts"].as_i64().unwrap_or(0);
        let killed_ms = now_ms();
        let killed = Instant::now();
        kill(old as i32, 9);
        let deadline = killed + Duration::from_secs(10);
        loop {
            current = component(&world, &run);
            polls += 1;
            if running(&current)
                && current["pid"].as_i64() != Some(old)
                && current["restarts"].as_i64().unwrap_or(0) > restarts
            {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "no restart within 10 s: {current:#}"
            );
        }
        observed.push(killed.elapsed());
        daemon_side.push(current["started_at_ms"].as_i64().unwrap() - killed_ms);
    }
    observed.sort_unstable();
    daemon_side.sort_unstable();
    let mut table = Table::new(&format!(
        "crash_to_restart ({CRASHES} × kill -9 of `sleep`, restart_delay: 0)"
    ));
    let (p50, p99) = (percentile(&observed, 50.0), percentile(&observed, 99.0));
    table.target(
        "kill → run-info shows a new pid RUNNING, median (polled)",
        ms(p50),
        "≤ 5 ms",
        p50 <= Duration::from_millis(5),
    );
    table.target(
        "… p99 (polled)",
        ms(p99),
        "≤ 5 ms",
        p99 <= Duration::from_millis(5),
    );
    let (d50, d99) = (
        percentile(&daemon_side, 50.0),
        percentile(&daemon_side, 99.0),
    );
    table.target(
        "kill → new `started_at_ms` (daemon side, 1 ms resolution), median",
        format!("{d50} ms"),
        "≤ 5 ms",
        d50 <= 5,
    );
    table.target(
        "… p99 (daemon side)",
        format!("{d99} ms"),
        "≤ 5 ms",
        d99 <= 5,
    );
    table.row(
        "run-info polls per restart (one client process each)",
        format!("{:.1}", polls as f64 / CRASHES as f64),
    );
    table.print();
    world.flowctl(&["pipelines", "stop", &run]).ok();
    stop_daemon(&world, daemon);
}

// ---------------------------------------------------------------------------
// 3. Submissions per second.

const SUBMISSIONS: usize = 200;

/// What one daemon did with `SUBMISSIONS` sequential submissions.
#[derive(Default)]
struct Submitted {
    /// Every `flowctl run --detach` call.
    calls: Vec<Duration>,
    /// Wall time of the whole sequence.
    wall: Duration,
    /// The daemon's CPU seconds over the sequence.
    daemon_cpu: f64,
}

impl Submitted {
    fn add(&mut self, other: Submitted) {
        self.calls.extend(other.calls);
        self.wall += other.wall;
        self.daemon_cpu += other.daemon_cpu;
    }

    fn rate(&self) -> f64 {
        self.calls.len() as f64 / self.wall.as_secs_f64()
    }
}

/// `SUBMISSIONS` sequential `flowctl run --detach` against a fresh daemon
/// started with `extra` flags.
fn submissions(extra: &[&str]) -> Submitted {
    let world = World::new();
    let daemon = world.start_daemon(extra);
    world.write("one.yml", &sleeper(&[]));
    // One untimed run: first-use costs are not charged to the figure.
    let mut runs = vec![world.detach("one.yml")];
    let mut calls = Vec::new();
    let before = cpu(daemon);
    let started = Instant::now();
    for _ in 0..SUBMISSIONS {
        let call = Instant::now();
        runs.push(world.detach("one.yml"));
        calls.push(call.elapsed());
    }
    let wall = started.elapsed();
    let daemon_cpu = cpu(daemon).own - before.own;
    for run in &runs {
        world.flowctl(&["pipelines", "stop", run]).ok();
    }
    stop_daemon(&world, daemon);
    Submitted {
        calls,
        wall,
        daemon_cpu,
    }
}

#[test]
#[ignore = "a figure: run with --ignored --nocapture"]
fn submissions_per_second() {
    // Two rounds each, in the order A B B A, so a machine getting busier
    // or quieter during the figure does not favour one side.
    let (mut durable, mut memory) = (Submitted::default(), Submitted::default());
    durable.add(submissions(&[]));
    memory.add(submissions(&["--no-persistence"]));
    memory.add(submissions(&["--no-persistence"]));
    durable.add(submissions(&[]));
    // The floor: the client process starting and exiting, no request.
    let world = World::new();
    let mut floor: Vec<Duration> = (0..50)
        .map(|_| {
            let started = Instant::now();
            world.flowctl(&["--version"]).ok();
            started.elapsed()
        })
        .collect();
    floor.sort_unstable();

    let mut table = Table::new(&format!(
        "submissions_per_second (2 × {SUBMISSIONS} sequential `flowctl run --detach` per \
         daemon kind, 1 `sleep` each)"
    ));
    for (name, side) in [
        ("persistent (fsync commits)", &mut durable),
        ("`--no-persistence`", &mut memory),
    ] {
        side.calls.sort_unstable();
        table.row(&format!("{name}: runs/s"), format!("{:.0}", side.rate()));
        table.row(
            "… call median / p99",
            format!(
                "{} / {}",
                ms(percentile(&side.calls, 50.0)),
                ms(percentile(&side.calls, 99.0))
            ),
        );
        table.row(
            "… daemon CPU per submission (spawn included)",
            format!("{:.2} ms", side.daemon_cpu * 1e3 / side.calls.len() as f64),
        );
    }
    table.row(
        "ratio `--no-persistence` / persistent (runs/s)",
        format!("{:.2}×", memory.rate() / durable.rate()),
    );
    table.row(
        "floor: `flowctl --version` median (client start, no request)",
        ms(percentile(&floor, 50.0)),
    );
    table.print();
}

// ---------------------------------------------------------------------------
// 4. Store size after 10k runs.

const STORED_RUNS: usize = 10_000;

/// A run record as a real one looks: 2 components, ~1 KB of pipeline text,
/// 20 environment variables, 4 statuses.
fn realistic_run(n: usize) -> StoredRun {
    let mut yaml =
        String::from("apiVersion: flowctl/v1\nkind: Pipeline\nmetadata: {name: ingest}\nspec:\n");
    yaml.push_str(
        "  sources:\n    - id: gen\n      command: [\"./bin/gen\", \"--rate\", \"100\"]\n",
    );
    yaml.push_str("      env: {PORT: \"127.0.0.1:0\"}\n      restart_policy: on-failure\n");
    yaml.push_str("  sinks:\n    - id: out\n      command: [\"./bin/out\"]\n      inputs: [gen]\n");
    while yaml.len() < 1024 {
        yaml.push_str("      # padding a real pipeline fills with settings and comments\n");
    }
    yaml.truncate(1024);
    let env = (0..20)
        .map(|i| {
            (
                format!("BENCH_VARIABLE_{i:02}"),
                format!("/home/user/.local/share/value-{i:02}-{n}"),
            )
        })
        .collect();
    let start = 1_790_000_000_000 + n as i64 * 1_000;
    let id = format!("{n:08x}-0000-4000-8000-{:012x}", n * 7919);
    let component = |name: &str, kind: &str, pid: u32| StoredInstance {
        id: name.into(),
        kind: kind.into(),
        state: 5,
        pid,
        started_at_ms: start + 3,
        exit: "exit status 0".into(),
        restarts: 0,
        service_id: name.into(),
        last_restart_reason: String::new(),
        cpu_usec: None,
    };
    StoredRun {
        pipeline_name: "ingest".into(),
        pipeline_path: "/home/user/pipelines/ingest.yaml".into(),
        config_yaml: yaml,
        working_dir: "/home/user/pipelines".into(),
        env,
        log_dir: format!("/home/user/.local/state/flowctl/runs/{id}"),
        status: 4,
        history: vec![
            (1, start),
            (2, start + 5),
            (3, start + 60_000),
            (4, start + 60_010),
        ],
        started_at_ms: start,
        ended_at_ms: start + 60_010,
        error: String::new(),
        component_ids: vec!["gen".into(), "out".into()],
        metrics: Some(StoredMetrics {
            events_processed: 100_000,
            bytes_processed: 1_000,
            ..StoredMetrics::default()
        }),
        supervised: true,
        restarts: 0,
        restarted_from: String::new(),
        resume: false,
        resolved: Vec::new(),
        components: vec![
            component("gen", "source", 40_000 + n as u32),
            component("out", "sink", 40_001 + n as u32),
        ],
        id,
        // Fields added since (an external control plane...) keep their defaults.
        ..StoredRun::default()
    }
}

#[test]
#[ignore = "a figure: run with --ignored --nocapture"]
fn store_size_after_10k_runs() {
    let dir = tempfile::Builder::new()
        .prefix("fbstore")
        .tempdir_in("/tmp")
        .unwrap();
    let path = dir.path().join("flowctl.redb");
    let store = Store::open(&path).unwrap();
    let record = serde_json::to_vec(&realistic_run(0)).unwrap().len();
    let started = Instant::now();
    for n in 0..STORED_RUNS {
        store.put_run(&realistic_run(n), Durable::WithNext).unwrap();
    }
    let last = realistic_run(STORED_RUNS - 1);
    store.put_run(&last, Durable::Now).unwrap();
    let elapsed = started.elapsed();
    let size = std::fs::metadata(&path).unwrap().len();
    let loaded = Instant::now();
    assert_eq!(store.load_runs().unwrap().len(), STORED_RUNS);
    let load_time = loaded.elapsed();
    drop(store);

    // The same runs with every commit durable (fsync), as commits a client
    // waits for are: what each costs, and whether the file grows otherwise.
    let durable_path = dir.path().join("durable.redb");
    let store = Store::open(&durable_path).unwrap();
    let started = Instant::now();
    for n in 0..STORED_RUNS {
        store.put_run(&realistic_run(n), Durable::Now).unwrap();
    }
    let durable_elapsed = started.elapsed();
    let durable_size = std::fs::metadata(&durable_path).unwrap().len();
    drop(store);

    let mib = |bytes: u64| format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0));
    let mut table = Table::new(&format!(
        "store_size_after_10k_runs ({STORED_RUNS} × `Store::put_run`, `Durable::WithNext`, one \
         `Now` at the end)"
    ));
    table.row("one run record (JSON)", format!("{record} B"));
    table.row("store file after 10,000 runs", mib(size));
    table.row(
        "… per run",
        format!("{:.1} KiB", size as f64 / 1024.0 / STORED_RUNS as f64),
    );
    table.row(
        "time per put (`WithNext`)",
        format!("{:.1} µs", elapsed.as_secs_f64() * 1e6 / STORED_RUNS as f64),
    );
    table.row(
        "store file after 10,000 runs, every put `Now`",
        mib(durable_size),
    );
    table.row(
        "time per put (`Now`, fsync)",
        format!(
            "{:.1} µs",
            durable_elapsed.as_secs_f64() * 1e6 / STORED_RUNS as f64
        ),
    );
    table.row("`load_runs` of all 10,000", ms(load_time));
    table.print();
}

// ---------------------------------------------------------------------------
// 5. Relay CPU per million events.

const RELAY_EVENTS: u64 = 200_000;

/// A finite gen → sink pipeline run in the foreground to its end; the
/// daemon's CPU time and the wall time around it.
#[test]
#[ignore = "a figure: run with --ignored --nocapture"]
fn relay_cpu_per_million_events() {
    let world = World::new();
    let daemon = world.start_daemon(&[]);
    let output = world.work.join("out.txt");
    let count = RELAY_EVENTS.to_string();
    world.write(
        "relay.yml",
        &gen_to_sink(
            &[("COUNT", &count), ("PAYLOAD_BYTES", "100")],
            &[("OUTPUT_FILE", &output.display().to_string())],
        ),
    );
    let before = cpu(daemon);
    let started = Instant::now();
    let run = flowctl_within(
        &world,
        &["run", "--show-status=false", "relay.yml"],
        Duration::from_secs(600),
    );
    let wall = started.elapsed();
    let after = cpu(daemon);
    run.ok();
    let runs = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    assert_eq!(runs[0]["status"], "COMPLETED", "{runs:#}");
    let span_ms =
        runs[0]["ended_at_ms"].as_i64().unwrap() - runs[0]["started_at_ms"].as_i64().unwrap();
    let delivered = count_lines(&output);
    assert_eq!(delivered, RELAY_EVENTS, "events in {}", output.display());

    let own = after.own - before.own;
    let children = after.children - before.children;
    let millions = RELAY_EVENTS as f64 / 1e6;
    let mut table = Table::new(&format!(
        "relay_cpu_per_million_events (gen COUNT={RELAY_EVENTS}, PAYLOAD_BYTES=100 → sink, \
         foreground `flowctl run`)"
    ));
    table.row(
        "events/s (wall of `flowctl run`, starts included)",
        format!("{:.0}", RELAY_EVENTS as f64 / wall.as_secs_f64()),
    );
    table.row(
        "events/s (run record: started → ended)",
        format!("{:.0}", RELAY_EVENTS as f64 / (span_ms.max(1) as f64 / 1e3)),
    );
    table.row("wall time", ms(wall));
    table.row(
        "daemon CPU (utime+stime)",
        format!(
            "{own:.2} s ({:.0} % of one core)",
            100.0 * own / wall.as_secs_f64()
        ),
    );
    table.row(
        "daemon CPU per million events",
        format!("{:.2} s", own / millions),
    );
    table.row(
        "gen + sink CPU per million events (reaped children)",
        format!("{:.2} s", children / millions),
    );
    table.print();
    stop_daemon(&world, daemon);
}

fn count_lines(path: &Path) -> u64 {
    std::fs::read(path)
        .map(|bytes| bytes.iter().filter(|b| **b == b'\n').count() as u64)
        .unwrap_or(0)
}

/// A finite gen → sink pipeline: `gen_env` for the source, `sink_env` for
/// the sink.
fn gen_to_sink(gen_env: &[(&str, &str)], sink_env: &[(&str, &str)]) -> String {
    Pipeline::new("relay")
        .generator("gen", gen_env)
        .example_sink("out", &["gen"], sink_env)
        .yaml()
}

// ---------------------------------------------------------------------------
// 6. What a crash loop costs the daemon.

/// A component that exits at once under `restart_policy: always`, once the
/// backoff has reached its cap: the daemon's CPU and memory over 4 s. (The
/// correctness of the backoff is `supervision::a_crash_loop_backs_off_to_its_cap_and_gives_up`.)
#[test]
#[ignore = "a figure: run with --ignored --nocapture"]
fn crash_loop_daemon_cost() {
    let world = World::new();
    let daemon = world.start_daemon(&[]);
    let file = world.pipeline(&Pipeline::new("crash").source(
        "crash",
        &sh("exit 1"),
        &[
            "readiness: started",
            "restart_policy: always",
            "max_restarts: 100000",
            "restart_window: 1s",
            "restart_delay: 10ms",
            "restart_delay_max: 1s",
        ],
    ));
    let run = world.detach(&file);
    // Eight restarts: 10 ms doubled seven times passes the 1 s cap.
    world.wait_run(&run, |info| {
        info["components"][0]["restarts"].as_u64() >= Some(8)
    });
    let window = Duration::from_secs(4);
    let (cpu_before, (rss_before, _)) = (cpu(daemon), memory_kib(daemon));
    std::thread::sleep(window);
    let (cpu_after, (rss_after, _)) = (cpu(daemon), memory_kib(daemon));
    let used = cpu_after.own - cpu_before.own;
    let grown = rss_after.saturating_sub(rss_before);
    let mut table = Table::new(
        "crash_loop_daemon_cost (`exit 1` under restart_policy: always, backoff capped at 1 s, \
         measured over 4 s)",
    );
    table.target(
        "daemon CPU (utime+stime) in 4 s",
        format!("{used:.2} s"),
        "< 0.5 s",
        used < 0.5,
    );
    table.target(
        "daemon VmRSS growth in 4 s",
        mib(grown),
        "< 4 MiB",
        grown < 4096,
    );
    table.row("daemon VmRSS", mib(rss_after));
    table.print();
    world.flowctl(&["pipelines", "stop", &run]).ok();
    stop_daemon(&world, daemon);
}

// ---------------------------------------------------------------------------
// 7. Daemon memory during a flood of output.

/// A component printing 100 MB (1,000,000 lines of 100 characters) as fast
/// as it can: the daemon's memory before, after, and at its peak. (That the
/// logs stay under their cap is `runs::a_flood_of_output_stays_within_the_log_cap`.)
#[test]
#[ignore = "a figure: run with --ignored --nocapture"]
fn log_flood_daemon_memory() {
    let world = World::new();
    let daemon = world.start_daemon(&[]);
    let (rss_before, peak_before) = memory_kib(daemon);
    let file = world.pipeline(&Pipeline::new("flood").source(
        "big",
        &sh("head -c 100000000 /dev/zero | tr '\\0' x | fold -w 100; echo the-end"),
        &["readiness: started"],
    ));
    let started = Instant::now();
    let run = world.detach(&file);
    let info = world.wait_ended(&run);
    let wall = started.elapsed();
    assert_eq!(info["status"], "COMPLETED", "{info:#}");
    let (rss_after, peak_after) = memory_kib(daemon);
    let limit = 20 * 1024;
    let mut table = Table::new("log_flood_daemon_memory (100 MB of output, 1,000,000 lines)");
    table.target(
        "daemon VmRSS growth (after − before)",
        mib(rss_after.saturating_sub(rss_before)),
        "≤ 20 MiB",
        rss_after <= rss_before + limit,
    );
    table.target(
        "daemon peak VmRSS growth (VmHWM after − before)",
        mib(peak_after.saturating_sub(peak_before)),
        "≤ 20 MiB",
        peak_after <= peak_before + limit,
    );
    table.row("daemon VmRSS before", mib(rss_before));
    table.row("wall time of the flood (submission to end)", ms(wall));
    table.print();
    stop_daemon(&world, daemon);
}

// ---------------------------------------------------------------------------
// 8. Daemon memory behind a slow sink.

/// 3000 events of 10 KB through a sink that takes 1 ms each: the relay must
/// hold the source back rather than buffer, so the daemon's memory stays
/// flat. (That every event arrives is `relay::a_slow_sink_loses_nothing`.)
#[test]
#[ignore = "a figure: run with --ignored --nocapture"]
fn slow_sink_daemon_memory() {
    let world = World::new();
    let daemon = world.start_daemon(&[]);
    let output = world.work.join("out.txt");
    world.write(
        "slow.yml",
        &gen_to_sink(
            &[("COUNT", "3000"), ("PAYLOAD_BYTES", "10000")],
            &[
                ("OUTPUT_FILE", &output.display().to_string()),
                ("DELAY_MS", "1"),
            ],
        ),
    );
    let (before, _) = memory_kib(daemon);
    let mut client = world.spawn(world.command(&["run", "--show-status=false", "slow.yml"]));
    let mut peak = before;
    let finished = flowctl_tests::wait_until(Duration::from_secs(120), || {
        peak = peak.max(memory_kib(daemon).0);
        !client.running()
    });
    assert!(finished, "the run did not finish\n{client}");
    assert!(
        client
            .wait(Duration::from_secs(5))
            .is_some_and(|s| s.success()),
        "{client}"
    );
    assert_eq!(count_lines(&output), 3000, "events in {}", output.display());
    let mut table = Table::new(
        "slow_sink_daemon_memory (3000 events × 10 KB, sink DELAY_MS=1, VmRSS sampled every 25 ms)",
    );
    table.target(
        "daemon peak VmRSS growth while 30 MB went through",
        mib(peak.saturating_sub(before)),
        "< 40 MiB",
        peak < before + 40 * 1024,
    );
    table.row("daemon VmRSS before", mib(before));
    table.print();
    stop_daemon(&world, daemon);
}

// ---------------------------------------------------------------------------
// Containment: what a cgroup per instance costs a start and a stop.

/// One run of 100 `sleep`s: how long until all run, how long the stop took.
fn start_and_stop_100(flags: &[&str]) -> (Duration, Duration) {
    let world = World::new();
    let daemon = world.start_daemon(flags);
    let mut pipeline = Pipeline::new("hundred");
    for n in 0..100 {
        pipeline = pipeline.source(
            &format!("s{n:03}"),
            "[\"sleep\", \"100000\"]",
            &["readiness: started", "stop_timeout: 5s"],
        );
    }
    let file = world.pipeline(&pipeline);
    let started = Instant::now();
    let run = world.detach(&file);
    world.wait_status(&run, "RUNNING");
    let start = started.elapsed();
    let stopping = Instant::now();
    flowctl_within(
        &world,
        &["pipelines", "stop", &run],
        Duration::from_secs(60),
    )
    .ok();
    let stop = stopping.elapsed();
    stop_daemon(&world, daemon);
    (start, stop)
}

#[test]
#[ignore = "a figure: run with --ignored --nocapture"]
fn start_and_stop_100_with_cgroups_on_and_off() {
    const ROUNDS: usize = 5;
    let containment = {
        let world = World::new();
        let daemon = world.start_daemon(&[]);
        let text = world.daemon_status()["containment"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        stop_daemon(&world, daemon);
        text
    };
    let mut table = Table::new(&format!(
        "Start 100 and stop 100 `sleep`s, median of {ROUNDS} (cgroups on: {containment})"
    ));
    for (name, flags) in [
        ("process groups (--no-cgroups)", &["--no-cgroups"][..]),
        ("cgroup per instance", &[][..]),
    ] {
        let mut starts = Vec::new();
        let mut stops = Vec::new();
        for _ in 0..ROUNDS {
            let (start, stop) = start_and_stop_100(flags);
            starts.push(start);
            stops.push(stop);
        }
        starts.sort();
        stops.sort();
        table.row(
            &format!("start 100 until RUNNING, {name}"),
            ms(percentile(&starts, 0.5)),
        );
        table.row(
            &format!("stop 100 (`pipelines stop`), {name}"),
            ms(percentile(&stops, 0.5)),
        );
    }
    table.print();
}

// ---------------------------------------------------------------------------
// Memory of idle control-plane connections.

const IDLE_CONNECTIONS: usize = 100;

/// `RssAnon` of a process (its own memory), in KiB.
fn anon_kib(pid: i32) -> u64 {
    let status =
        std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc/<pid>/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("RssAnon:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no RssAnon in {status}"))
}

/// What a component's connection to the control plane costs the daemon
/// while it is open, and whether it is given back once it closed: 100
/// connections, each registering one component (as 100 components of a
/// pipeline do), then all closed.
#[test]
#[ignore = "a figure: run with --ignored --nocapture"]
fn idle_connections_memory() {
    let world = World::new();
    let daemon = world.start_daemon(&[]);
    let status = world.flowctl(&["-o", "json", "daemon", "status"]).json();
    let url = format!("http://{}", status["control_plane"].as_str().unwrap());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let before = anon_kib(daemon);
    let (open, closed) = runtime.block_on(async {
        let mut channels = Vec::new();
        for n in 0..IDLE_CONNECTIONS {
            let channel = tonic::transport::Endpoint::from_shared(url.clone())
                .unwrap()
                .connect_timeout(Duration::from_secs(5))
                .connect()
                .await
                .expect("connect to the control plane");
            ControlPlaneServiceClient::new(channel.clone())
                .register_component(registration(&format!("c{n}")))
                .await
                .expect("register");
            channels.push(channel);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let open = anon_kib(daemon);
        drop(channels);
        tokio::time::sleep(Duration::from_secs(3)).await;
        (open, anon_kib(daemon))
    });
    let mut table = Table::new(&format!(
        "idle_connections_memory ({IDLE_CONNECTIONS} control-plane connections, each \
         registering one component; the daemon's RssAnon)"
    ));
    table.row("before", mib(before));
    table.row(&format!("{IDLE_CONNECTIONS} connections open"), mib(open));
    table.row(
        "per connection (and its registration)",
        format!(
            "{:.1} KiB",
            (open.saturating_sub(before)) as f64 / IDLE_CONNECTIONS as f64
        ),
    );
    table.row("3 s after they closed", mib(closed));
    table.print();
    stop_daemon(&world, daemon);
}
