//! Events moving along the `inputs` graph through the daemon's relay, with
//! the real example components.

use std::time::Duration;

use flowctl_tests::{World, alive, bin, kill, wait_until};

/// A component block for the pipeline file.
fn comp(id: &str, binary: &str, inputs: &[&str], env: &[(&str, &str)], extra: &str) -> String {
    let mut text = format!(
        "    - id: {id}\n      command: [\"{}\"]\n",
        bin(binary).display()
    );
    if !inputs.is_empty() {
        text.push_str(&format!("      inputs: [{}]\n", inputs.join(", ")));
    }
    text.push_str("      env: {PORT: \"127.0.0.1:0\"");
    for (k, v) in env {
        text.push_str(&format!(", {k}: \"{v}\""));
    }
    text.push_str("}\n");
    text.push_str(extra);
    text
}

fn pipeline(sources: &[String], processors: &[String], sinks: &[String]) -> String {
    let mut text =
        String::from("apiVersion: flowctl/v1\nkind: Pipeline\nmetadata: {name: flow}\nspec:\n");
    for (key, list) in [
        ("sources", sources),
        ("processors", processors),
        ("sinks", sinks),
    ] {
        if !list.is_empty() {
            text.push_str(&format!("  {key}:\n{}", list.concat()));
        }
    }
    text
}

/// Runs a pipeline in the foreground to its end; returns the client's output.
fn run_to_end(world: &World, file: &str) -> String {
    let run = world.flowctl(&["run", file]);
    let out = run.ok();
    assert!(out.contains("COMPLETED"), "{run}");
    out
}

fn lines(world: &World, file: &str) -> Vec<String> {
    std::fs::read_to_string(world.work.join(file))
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Event ids (the first word of each sink line) in file order.
fn ids(world: &World, file: &str) -> Vec<u64> {
    lines(world, file)
        .iter()
        .map(|l| l.split_whitespace().next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn a_chain_delivers_every_event_in_order_transformed_and_completes() {
    let world = World::new();
    world.write(
        "flow.yml",
        &pipeline(
            &[comp(
                "gen",
                "flowctl-example-gen",
                &[],
                &[("COUNT", "500")],
                "",
            )],
            &[comp("upper", "flowctl-example-upper", &["gen"], &[], "")],
            &[comp(
                "out",
                "flowctl-example-sink",
                &["upper"],
                &[("OUTPUT_FILE", "out.txt")],
                "",
            )],
        ),
    );
    run_to_end(&world, "flow.yml");
    assert_eq!(ids(&world, "out.txt"), (1..=500).collect::<Vec<_>>());
    let first = &lines(&world, "out.txt")[0];
    assert!(
        first.contains("\"SEQ\":1") && first.contains("TICK 1"),
        "{first}"
    );
    let runs = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    let info = world
        .flowctl(&[
            "-o",
            "json",
            "pipelines",
            "run-info",
            runs[0]["run_id"].as_str().unwrap(),
        ])
        .json();
    let out = info["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "out")
        .unwrap()
        .clone();
    assert_eq!(out["exit"], "exit status 0", "{info:#}");
}

#[test]
fn source_to_sink_fan_out_and_fan_in() {
    let world = World::new();
    world.write(
        "direct.yml",
        &pipeline(
            &[comp(
                "gen",
                "flowctl-example-gen",
                &[],
                &[("COUNT", "300")],
                "",
            )],
            &[],
            &[comp(
                "out",
                "flowctl-example-sink",
                &["gen"],
                &[("OUTPUT_FILE", "direct.txt")],
                "",
            )],
        ),
    );
    run_to_end(&world, "direct.yml");
    assert_eq!(ids(&world, "direct.txt"), (1..=300).collect::<Vec<_>>());

    world.write(
        "fanout.yml",
        &pipeline(
            &[comp(
                "gen",
                "flowctl-example-gen",
                &[],
                &[("COUNT", "300")],
                "",
            )],
            &[],
            &[
                comp(
                    "a",
                    "flowctl-example-sink",
                    &["gen"],
                    &[("OUTPUT_FILE", "a.txt")],
                    "",
                ),
                comp(
                    "b",
                    "flowctl-example-sink",
                    &["gen"],
                    &[("OUTPUT_FILE", "b.txt")],
                    "",
                ),
            ],
        ),
    );
    run_to_end(&world, "fanout.yml");
    assert_eq!(ids(&world, "a.txt").len(), 300);
    assert_eq!(ids(&world, "b.txt").len(), 300);

    world.write(
        "fanin.yml",
        &pipeline(
            &[
                comp(
                    "left",
                    "flowctl-example-gen",
                    &[],
                    &[("COUNT", "300"), ("EVENT_TYPE", "left")],
                    "",
                ),
                comp(
                    "right",
                    "flowctl-example-gen",
                    &[],
                    &[("COUNT", "300"), ("EVENT_TYPE", "right")],
                    "",
                ),
            ],
            &[],
            &[comp(
                "out",
                "flowctl-example-sink",
                &["left", "right"],
                &[("OUTPUT_FILE", "in.txt")],
                "",
            )],
        ),
    );
    run_to_end(&world, "fanin.yml");
    let merged = lines(&world, "in.txt");
    assert_eq!(merged.len(), 600);
    assert_eq!(merged.iter().filter(|l| l.contains(" left ")).count(), 300);
}

#[test]
fn a_slow_sink_loses_nothing_and_the_daemon_stays_small() {
    let world = World::new();
    world.write(
        "flow.yml",
        &pipeline(
            &[comp(
                "gen",
                "flowctl-example-gen",
                &[],
                &[("COUNT", "3000"), ("PAYLOAD_BYTES", "10000")],
                "",
            )],
            &[],
            &[comp(
                "out",
                "flowctl-example-sink",
                &["gen"],
                &[("OUTPUT_FILE", "out.txt"), ("DELAY_MS", "1")],
                "",
            )],
        ),
    );
    world.flowctl(&["daemon", "start"]).ok();
    let daemon = world.daemon_pid().unwrap();
    let rss = || -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{daemon}/status")).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    let before = rss();
    let mut child = world
        .command(&["run", "--show-status=false", "flow.yml"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut peak = before;
    let finished = wait_until(Duration::from_secs(60), || {
        peak = peak.max(rss());
        child.try_wait().unwrap().is_some()
    });
    assert!(finished, "the run did not finish");
    assert!(child.wait().unwrap().success());
    assert_eq!(ids(&world, "out.txt"), (1..=3000).collect::<Vec<_>>());
    // 30 MB went through; the relay buffers at most a few hundred events.
    assert!(
        peak < before + 40 * 1024,
        "daemon RSS went from {before} kB to {peak} kB"
    );
}

#[test]
fn killing_the_processor_mid_stream_resumes_the_flow_without_loss() {
    let world = World::new();
    world.write(
        "flow.yml",
        &pipeline(
            &[comp(
                "gen",
                "flowctl-example-gen",
                &[],
                &[("COUNT", "2000")],
                "",
            )],
            &[comp(
                "upper",
                "flowctl-example-upper",
                &["gen"],
                &[],
                "      restart_policy: on-failure\n      restart_delay: 10ms\n",
            )],
            &[comp(
                "out",
                "flowctl-example-sink",
                &["upper"],
                &[("OUTPUT_FILE", "out.txt"), ("DELAY_MS", "2")],
                "",
            )],
        ),
    );
    let id = world.detach("flow.yml");
    assert!(wait_until(Duration::from_secs(30), || lines(
        &world, "out.txt"
    )
    .len()
        >= 200));
    let info = world
        .flowctl(&["-o", "json", "pipelines", "run-info", &id])
        .json();
    let upper = info["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "upper")
        .unwrap();
    let pid = upper["pid"].as_i64().unwrap() as i32;
    kill(pid, 9);
    assert!(wait_until(Duration::from_secs(10), || !alive(pid)));
    let mut last = serde_json::Value::Null;
    let done = wait_until(Duration::from_secs(60), || {
        last = world
            .flowctl(&["-o", "json", "pipelines", "run-info", &id])
            .json();
        last["status"] != "RUNNING" && last["status"] != "STARTING"
    });
    assert!(done, "{last:#}");
    assert_eq!(last["status"], "COMPLETED", "{last:#}");
    let upper = last["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "upper")
        .unwrap();
    assert_eq!(upper["restarts"], 1, "{last:#}");
    // Every event exactly once, in order, upper-cased after the restart too.
    assert_eq!(ids(&world, "out.txt"), (1..=2000).collect::<Vec<_>>());
    assert!(
        lines(&world, "out.txt")
            .last()
            .unwrap()
            .contains("TICK 2000")
    );
}
