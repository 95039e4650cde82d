//! Events moving along the `inputs` graph through the daemon's relay, with
//! the real example components.

use std::time::Duration;

use flowctl_tests::{Pipeline, World, alive, component, example, example_env, kill, wait_until};

/// Fields of an example component reading from `inputs`, with `env`.
fn fields(inputs: &[&str], env: &[(&str, &str)]) -> Vec<String> {
    let mut fields = vec![example_env(env)];
    if !inputs.is_empty() {
        fields.push(format!("inputs: [{}]", inputs.join(", ")));
    }
    fields
}

/// Adds an example component `binary` (`gen`, `upper`, `sink`) as `id`.
fn add(
    pipeline: Pipeline,
    id: &str,
    binary: &str,
    inputs: &[&str],
    env: &[(&str, &str)],
) -> Pipeline {
    add_with(pipeline, id, binary, inputs, env, &[])
}

fn add_with(
    pipeline: Pipeline,
    id: &str,
    binary: &str,
    inputs: &[&str],
    env: &[(&str, &str)],
    extra: &[&str],
) -> Pipeline {
    let mut all = fields(inputs, env);
    all.extend(extra.iter().map(|f| f.to_string()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let command = example(binary);
    match binary {
        "gen" => pipeline.source(id, &command, &all),
        "upper" => pipeline.processor(id, &command, &all),
        _ => pipeline.sink(id, &command, &all),
    }
}

/// Runs a pipeline in the foreground to its end; returns the client's output.
fn run_to_end(world: &World, pipeline: &Pipeline) -> String {
    let file = world.pipeline(pipeline);
    let run = world.flowctl(&["run", &file]);
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
    let chain = Pipeline::new("chain");
    let chain = add(chain, "gen", "gen", &[], &[("COUNT", "500")]);
    let chain = add(chain, "upper", "upper", &["gen"], &[]);
    let chain = add(
        chain,
        "out",
        "sink",
        &["upper"],
        &[("OUTPUT_FILE", "out.txt")],
    );
    run_to_end(&world, &chain);
    assert_eq!(ids(&world, "out.txt"), (1..=500).collect::<Vec<_>>());
    let first = &lines(&world, "out.txt")[0];
    assert!(
        first.contains("\"SEQ\":1") && first.contains("TICK 1"),
        "{first}"
    );
    let runs = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    let info = world.run_info(runs[0]["run_id"].as_str().unwrap());
    assert_eq!(component(&info, "out")["exit"], "exit status 0", "{info:#}");
}

#[test]
fn source_to_sink_fan_out_and_fan_in() {
    let world = World::new();
    let direct = add(
        Pipeline::new("direct"),
        "gen",
        "gen",
        &[],
        &[("COUNT", "300")],
    );
    let direct = add(
        direct,
        "out",
        "sink",
        &["gen"],
        &[("OUTPUT_FILE", "direct.txt")],
    );
    run_to_end(&world, &direct);
    assert_eq!(ids(&world, "direct.txt"), (1..=300).collect::<Vec<_>>());

    let fan_out = add(
        Pipeline::new("fanout"),
        "gen",
        "gen",
        &[],
        &[("COUNT", "300")],
    );
    let fan_out = add(fan_out, "a", "sink", &["gen"], &[("OUTPUT_FILE", "a.txt")]);
    let fan_out = add(fan_out, "b", "sink", &["gen"], &[("OUTPUT_FILE", "b.txt")]);
    run_to_end(&world, &fan_out);
    assert_eq!(ids(&world, "a.txt").len(), 300);
    assert_eq!(ids(&world, "b.txt").len(), 300);

    let fan_in = Pipeline::new("fanin");
    let fan_in = add(
        fan_in,
        "left",
        "gen",
        &[],
        &[("COUNT", "300"), ("EVENT_TYPE", "left")],
    );
    let fan_in = add(
        fan_in,
        "right",
        "gen",
        &[],
        &[("COUNT", "300"), ("EVENT_TYPE", "right")],
    );
    let fan_in = add(
        fan_in,
        "out",
        "sink",
        &["left", "right"],
        &[("OUTPUT_FILE", "in.txt")],
    );
    run_to_end(&world, &fan_in);
    let merged = lines(&world, "in.txt");
    assert_eq!(merged.len(), 600);
    assert_eq!(merged.iter().filter(|l| l.contains(" left ")).count(), 300);
}

/// A sink slower than its source holds the source back rather than losing
/// events; the daemon's memory meanwhile is a benchmark figure
/// (`slow_sink_daemon_memory` in benches/figures.rs).
#[test]
fn a_slow_sink_loses_nothing() {
    let world = World::new();
    // More events than the relay buffers, so the sink's pace holds the
    // source back.
    let flow = add(
        Pipeline::new("slow"),
        "gen",
        "gen",
        &[],
        &[("COUNT", "1000"), ("PAYLOAD_BYTES", "10000")],
    );
    let flow = add(
        flow,
        "out",
        "sink",
        &["gen"],
        &[("OUTPUT_FILE", "out.txt"), ("DELAY_MS", "1")],
    );
    run_to_end(&world, &flow);
    assert_eq!(ids(&world, "out.txt"), (1..=1000).collect::<Vec<_>>());
}

#[test]
fn killing_the_processor_mid_stream_resumes_the_flow_without_loss() {
    let world = World::new();
    let flow = add(
        Pipeline::new("resume"),
        "gen",
        "gen",
        &[],
        &[("COUNT", "2000")],
    );
    let flow = add_with(
        flow,
        "upper",
        "upper",
        &["gen"],
        &[],
        &["restart_policy: on-failure", "restart_delay: 10ms"],
    );
    let flow = add(
        flow,
        "out",
        "sink",
        &["upper"],
        &[("OUTPUT_FILE", "out.txt"), ("DELAY_MS", "2")],
    );
    let file = world.pipeline(&flow);
    let id = world.detach(&file);
    assert!(wait_until(Duration::from_secs(30), || {
        lines(&world, "out.txt").len() >= 200
    }));
    let info = world.run_info(&id);
    let pid = component(&info, "upper")["pid"].as_i64().unwrap() as i32;
    kill(pid, 9);
    assert!(wait_until(Duration::from_secs(10), || !alive(pid)));
    let last = world.wait_ended(&id);
    assert_eq!(last["status"], "COMPLETED", "{last:#}");
    assert_eq!(component(&last, "upper")["restarts"], 1, "{last:#}");
    // Every event exactly once, in order, upper-cased after the restart too.
    assert_eq!(ids(&world, "out.txt"), (1..=2000).collect::<Vec<_>>());
    assert!(
        lines(&world, "out.txt")
            .last()
            .unwrap()
            .contains("TICK 2000")
    );
}
