//! Events moving along the `inputs` graph through the daemon's relay, with
//! the real example components.

use std::time::Duration;

use flowctl_tests::{Pipeline, World, alive, component, kill, wait_until};

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
    let chain = Pipeline::new("chain")
        .generator("gen", &[("COUNT", "500")])
        .upper("upper", &["gen"], &[])
        .example_sink("out", &["upper"], &[("OUTPUT_FILE", "out.txt")]);
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
    let direct = Pipeline::new("direct")
        .generator("gen", &[("COUNT", "300")])
        .example_sink("out", &["gen"], &[("OUTPUT_FILE", "direct.txt")]);
    run_to_end(&world, &direct);
    assert_eq!(ids(&world, "direct.txt"), (1..=300).collect::<Vec<_>>());

    let fan_out = Pipeline::new("fanout")
        .generator("gen", &[("COUNT", "300")])
        .example_sink("a", &["gen"], &[("OUTPUT_FILE", "a.txt")])
        .example_sink("b", &["gen"], &[("OUTPUT_FILE", "b.txt")]);
    run_to_end(&world, &fan_out);
    assert_eq!(ids(&world, "a.txt").len(), 300);
    assert_eq!(ids(&world, "b.txt").len(), 300);

    let fan_in = Pipeline::new("fanin")
        .generator("left", &[("COUNT", "300"), ("EVENT_TYPE", "left")])
        .generator("right", &[("COUNT", "300"), ("EVENT_TYPE", "right")])
        .example_sink("out", &["left", "right"], &[("OUTPUT_FILE", "in.txt")]);
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
    let flow = Pipeline::new("slow")
        .generator("gen", &[("COUNT", "1000"), ("PAYLOAD_BYTES", "10000")])
        .example_sink(
            "out",
            &["gen"],
            &[("OUTPUT_FILE", "out.txt"), ("DELAY_MS", "1")],
        );
    run_to_end(&world, &flow);
    assert_eq!(ids(&world, "out.txt"), (1..=1000).collect::<Vec<_>>());
}

#[test]
fn killing_the_processor_mid_stream_resumes_the_flow_without_loss() {
    let world = World::new();
    let flow = Pipeline::new("resume")
        .generator("gen", &[("COUNT", "2000")])
        .upper(
            "upper",
            &["gen"],
            &["restart_policy: on-failure", "restart_delay: 10ms"],
        )
        .example_sink(
            "out",
            &["upper"],
            &[("OUTPUT_FILE", "out.txt"), ("DELAY_MS", "2")],
        );
    let file = world.pipeline(&flow);
    let id = world.detach(&file);
    // Mid-stream by the daemon's own count (the sink's file is written in
    // batches, so its length says little about where the flow is).
    let info = world.wait_run(&id, |info| {
        component(info, "out")["events_in"].as_u64() >= Some(200)
    });
    assert_eq!(info["status"], "RUNNING", "{info:#}");
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
