//! Prometheus `/metrics` (`--metrics-address`): what a scrape shows of a
//! real run against `pipelines run-info`, the exposition passing `promtool`,
//! a label set that stays bounded however many runs have ended, and the
//! addresses the daemon refuses.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use flowctl_tests::{Pipeline, World, component, needs, sh, wait_until};
use serde_json::Value;

/// Every wait of these tests: generous, for a loaded two-core machine.
const PATIENCE: Duration = Duration::from_secs(60);

/// A status line, the headers (lowercase names) and the body.
struct Answer {
    status: u16,
    headers: String,
    body: String,
}

/// `GET path` with a plain HTTP/1.1 client: one request, `Connection: close`.
fn get(endpoint: &str, path: &str) -> Answer {
    let mut stream = TcpStream::connect(endpoint).unwrap_or_else(|e| panic!("{endpoint}: {e}"));
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {endpoint}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").expect("an HTTP answer");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head}"));
    Answer {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_owned(),
    }
}

/// `host:port` of the running daemon's metrics listener.
fn metrics_endpoint(world: &World) -> String {
    let status = world.daemon_status();
    let url = status["metrics"]
        .as_str()
        .unwrap_or_else(|| panic!("no metrics in {status:#}"));
    url.trim_start_matches("http://")
        .trim_end_matches("/metrics")
        .to_owned()
}

/// The body of `/metrics`.
fn scrape(endpoint: &str) -> String {
    let answer = get(endpoint, "/metrics");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(
        answer
            .headers
            .contains("content-type: text/plain; version=0.0.4"),
        "{}",
        answer.headers
    );
    answer.body
}

/// Samples by their full series (`name{labels}`), values as numbers.
fn samples(exposition: &str) -> BTreeMap<String, f64> {
    exposition
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (series, value) = line.rsplit_once(' ').expect("a sample line");
            (series.to_owned(), value.parse().expect("a number"))
        })
        .collect()
}

/// The value of `name` with exactly these labels (in the order written).
fn value(samples: &BTreeMap<String, f64>, name: &str, labels: &[(&str, &str)]) -> f64 {
    let labels: Vec<String> = labels.iter().map(|(k, v)| format!("{k}=\"{v}\"")).collect();
    let series = if labels.is_empty() {
        name.to_owned()
    } else {
        format!("{name}{{{}}}", labels.join(","))
    };
    *samples
        .get(&series)
        .unwrap_or_else(|| panic!("no series {series} in {samples:#?}"))
}

/// Feeds `exposition` to `promtool check metrics`; returns its verdict.
fn promtool_check(exposition: &str) -> (bool, String) {
    let mut child = std::process::Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start promtool");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(exposition.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

/// A run whose flow has settled while it keeps running: `batch` sends 200
/// events and ends its stream, `slow` sends its first event and then one an hour, both
/// into `upper` and on to `out`; `flaky` exits 3 at once, is restarted twice
/// and given up on without stopping the run.
fn settled_run() -> Pipeline {
    Pipeline::new("watched")
        .generator("batch", &[("COUNT", "200")])
        .generator("slow", &[("INTERVAL_MS", "3600000")])
        .source(
            "flaky",
            &sh("exit 3"),
            &[
                "readiness: started",
                "restart_policy: on-failure",
                "max_restarts: 2",
                "restart_delay: 10ms",
                "on_component_failure: keep-running",
            ],
        )
        .upper("upper", &["batch", "slow"], &[])
        .example_sink("out", &["upper"], &[("OUTPUT_FILE", "out.txt")])
}

/// Whether every event of `settled_run` has reached the sink and `flaky`
/// has been given up on.
fn has_settled(info: &Value) -> bool {
    let edge = |from: &str, to: &str| {
        info["edges"]
            .as_array()
            .and_then(|edges| edges.iter().find(|e| e["from"] == from && e["to"] == to))
            .filter(|e| e["buffered"] == 0)
            .and_then(|e| e["events"].as_u64())
    };
    edge("batch", "upper") == Some(200)
        && edge("slow", "upper") == Some(1)
        && edge("upper", "out") == Some(201)
        && component(info, "out")["events_in"] == 201
        && component(info, "flaky")["state"] == "FAILED"
        && info["components_ready"] == 4
}

/// What a scrape is compared with: edges, readiness and restarts.
fn facts(info: &Value) -> Value {
    let components: Vec<Value> = info["components"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| serde_json::json!([c["id"], c["state"], c["restarts"]]))
        .collect();
    serde_json::json!([info["edges"], info["components_ready"], components])
}

#[test]
fn a_scrape_of_a_running_pipeline_agrees_with_run_info_and_passes_promtool() {
    let world = World::new();
    world.start_daemon(&["--metrics-address", "127.0.0.1:0"]);
    let endpoint = metrics_endpoint(&world);
    let run = world.detach(&world.pipeline(&settled_run()));
    // A scrape between two identical readings of run-info sees what they saw.
    let (mut info, mut scraped) = (Value::Null, String::new());
    let settled = wait_until(PATIENCE, || {
        info = world.run_info(&run);
        if !has_settled(&info) {
            return false;
        }
        scraped = scrape(&endpoint);
        facts(&world.run_info(&run)) == facts(&info)
    });
    assert!(settled, "the run never settled: {info:#}");
    let s = samples(&scraped);
    let run_labels = [("pipeline", "watched"), ("run", run.as_str())];
    for edge in info["edges"].as_array().unwrap() {
        let name = format!(
            "{}->{}",
            edge["from"].as_str().unwrap(),
            edge["to"].as_str().unwrap()
        );
        let labels = [run_labels[0], run_labels[1], ("edge", name.as_str())];
        for (series, field) in [
            ("flowctl_edge_events_total", "events"),
            ("flowctl_edge_bytes_total", "bytes"),
            ("flowctl_edge_dropped_total", "drops"),
            ("flowctl_edge_filtered_total", "filtered"),
            ("flowctl_edge_buffered", "buffered"),
            ("flowctl_edge_capacity", "capacity"),
        ] {
            let want = edge[field].as_f64().unwrap();
            assert_eq!(value(&s, series, &labels), want, "{series} of {name}");
        }
    }
    let ready = info["components_ready"].as_f64().unwrap();
    assert_eq!(ready, 4.0, "{info:#}");
    assert_eq!(
        value(&s, "flowctl_run_components_ready", &run_labels),
        ready
    );
    assert_eq!(value(&s, "flowctl_run_components", &run_labels), 5.0);
    for c in info["components"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let labels = [run_labels[0], run_labels[1], ("component", id)];
        let restarts = c["restarts"].as_f64().unwrap();
        assert_eq!(
            value(&s, "flowctl_component_restarts_total", &labels),
            restarts,
            "{id}"
        );
        let up = f64::from(u8::from(c["state"] == "RUNNING"));
        assert_eq!(value(&s, "flowctl_component_ready", &labels), up, "{id}");
    }
    assert_eq!(component(&info, "flaky")["restarts"], 2, "{info:#}");
    assert_eq!(
        value(&s, "flowctl_restarts_total", &[("reason", "exited")]),
        2.0
    );
    assert_eq!(value(&s, "flowctl_runs", &[("status", "running")]), 1.0);
    let states = [("state", "running"), ("health", "healthy")];
    assert_eq!(value(&s, "flowctl_components", &states), 4.0);
    // Four components registered (the examples); each instance of `flaky`
    // was ready at its start, as were the four.
    assert_eq!(value(&s, "flowctl_registrations_total", &[]), 4.0);
    assert!(value(&s, "flowctl_component_ready_seconds_count", &[]) >= 7.0);
    assert!(value(&s, "process_resident_memory_bytes", &[]) > 0.0);
    assert!(value(&s, "process_open_fds", &[]) > 0.0);

    if needs("promtool", "prometheus") {
        let (passed, said) = promtool_check(&scraped);
        assert!(passed, "promtool check metrics: {said}\n{scraped}");
    }

    // Only /metrics is served (and a pointer to it at /).
    assert_eq!(get(&endpoint, "/nope").status, 404);
    let root = get(&endpoint, "/");
    assert!(root.status == 200 && root.body.contains("/metrics"));

    // An ended run's series are gone with it.
    world.flowctl(&["pipelines", "stop", &run]).ok();
    world.wait_ended(&run);
    let s = samples(&scrape(&endpoint));
    assert!(
        !s.keys().any(|series| series.contains(&run)),
        "series of the ended run are left: {s:#?}"
    );
}

/// The number of series once every run submitted so far has ended.
fn series_when_idle(world: &World, endpoint: &str) -> usize {
    let idle = wait_until(PATIENCE, || world.daemon_status()["active_runs"] == 0);
    assert!(idle, "runs still active: {:#}", world.daemon_status());
    samples(&scrape(endpoint)).len()
}

/// Submits `n` runs of a one-`true` pipeline, detached, in batches whose
/// ends are awaited.
fn short_runs(world: &World, file: &str, n: usize) {
    for submitted in 1..=n {
        world.detach(file);
        if submitted % 50 == 0 {
            let idle = wait_until(PATIENCE, || world.daemon_status()["active_runs"] == 0);
            assert!(idle, "runs still active: {:#}", world.daemon_status());
        }
    }
}

#[test]
fn a_thousand_ended_runs_leave_no_more_series_than_ten() {
    let world = World::new();
    world.start_daemon(&[
        "--metrics-address",
        "127.0.0.1:0",
        "--no-persistence",
        "--no-cgroups",
    ]);
    let endpoint = metrics_endpoint(&world);
    let quick = Pipeline::new("quick").source("once", "[\"true\"]", &["readiness: started"]);
    let file = world.pipeline(&quick);
    short_runs(&world, &file, 10);
    let after_ten = series_when_idle(&world, &endpoint);
    short_runs(&world, &file, 990);
    let after_thousand = series_when_idle(&world, &endpoint);
    assert!(
        after_thousand <= after_ten,
        "{after_thousand} series after 1,000 runs, {after_ten} after 10"
    );
    let s = samples(&scrape(&endpoint));
    let recorded: f64 = s
        .iter()
        .filter(|(series, _)| series.starts_with("flowctl_runs{"))
        .map(|(_, n)| n)
        .sum();
    // keep_runs (50 per pipeline) bounds the records, and so the counts.
    assert!(recorded <= 50.0, "{recorded} runs recorded");
}

#[test]
fn a_non_loopback_or_busy_address_is_refused_and_named() {
    let world = World::new();
    let run = world.flowctl(&["daemon", "start", "--metrics-address", "0.0.0.0:9464"]);
    let said = run.fails();
    assert!(
        said.contains("0.0.0.0:9464")
            && said.contains("not a loopback address")
            && said.contains("--metrics-allow-remote"),
        "{run}"
    );
    assert!(
        world
            .daemon_pid()
            .is_none_or(|pid| !flowctl_tests::alive(pid))
    );

    let config = world.write("remote.toml", "metrics_address = \"0.0.0.0:9464\"\n");
    let config = config.display().to_string();
    let run = world.flowctl(&["--config", &config, "daemon", "start"]);
    assert!(run.fails().contains("not a loopback address"), "{run}");

    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let run = world.flowctl(&["daemon", "start", "--metrics-address", &address]);
    let said = run.fails();
    assert!(
        said.contains(&address) && said.contains("already in use"),
        "{run}"
    );
}

#[test]
fn daemon_status_says_when_metrics_are_off() {
    let world = World::new();
    world.start_daemon(&[]);
    let status: Value = world.daemon_status();
    assert!(status["metrics"].is_null(), "{status:#}");
    let text = world.flowctl(&["daemon", "status"]).ok();
    assert!(text.contains("metrics:        off"), "{text}");
}
