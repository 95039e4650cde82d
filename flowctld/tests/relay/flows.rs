//! Shapes of flow: chains, direct links, fan-out, fan-in, diamonds, type
//! filtering, a slow consumer, and pipelines with nothing to relay.

use std::time::Duration;

use flowctld::relay::{EDGE_CAPACITY, Relay};

use crate::support::{expected, finish, lines, pipeline, start, wait_metrics};

const TICK: &str = "example.tick";

#[tokio::test]
async fn chain_delivers_every_event_in_order_upper_cased() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.txt");
    let generator = start("gen", "gen", &[("COUNT", "1000")]).await;
    let upper = start("upper", "upper", &[]).await;
    let sink = start("sink", "out", &[("OUTPUT_FILE", out.to_str().unwrap())]).await;
    let relay = Relay::new(
        "chain",
        &pipeline(
            "  sources: [{id: gen, command: [gen]}]\n\
             \x20 processors: [{id: upper, command: [upper], inputs: [gen]}]\n\
             \x20 sinks: [{id: out, command: [sink], inputs: [upper]}]\n",
        ),
    );
    // Downstream first: the relay must cope with any order of registration.
    relay.component_ready("out", &sink.endpoint);
    relay.component_ready("upper", &upper.endpoint);
    relay.component_ready("gen", &generator.endpoint);
    finish(&relay, Duration::from_secs(30)).await;

    assert_eq!(lines(&out), expected(1000, TICK, true));
    let m = relay.metrics();
    let (source, up, sink) = (
        m.component("gen").unwrap(),
        m.component("upper").unwrap(),
        m.component("out").unwrap(),
    );
    assert_eq!(source.events_out, 1000);
    assert_eq!((up.events_in, up.events_out), (1000, 1000));
    assert_eq!(sink.events_in, 1000);
    assert_eq!(up.bytes_in, up.bytes_out, "upper-casing keeps the length");
    assert!(source.finished && up.finished && sink.finished);
    for edge in &m.edges {
        assert_eq!(
            (edge.events, edge.drops, edge.filtered),
            (1000, 0, 0),
            "{edge:?}"
        );
    }
    relay.shutdown().await;
}

#[tokio::test]
async fn source_to_sink_and_fan_out_to_two_sinks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b, c) = (
        dir.path().join("a.txt"),
        dir.path().join("b.txt"),
        dir.path().join("c.txt"),
    );
    let generator = start("gen", "gen", &[("COUNT", "700")]).await;
    let sinks = [
        start("sink", "a", &[("OUTPUT_FILE", a.to_str().unwrap())]).await,
        start("sink", "b", &[("OUTPUT_FILE", b.to_str().unwrap())]).await,
    ];
    let fan_out = Relay::new(
        "fan-out",
        &pipeline(
            "  sources: [{id: gen, command: [gen]}]\n\
             \x20 sinks:\n\
             \x20   - {id: a, command: [sink], inputs: [gen]}\n\
             \x20   - {id: b, command: [sink], inputs: [gen]}\n",
        ),
    );
    fan_out.component_ready("gen", &generator.endpoint);
    fan_out.component_ready("a", &sinks[0].endpoint);
    fan_out.component_ready("b", &sinks[1].endpoint);
    finish(&fan_out, Duration::from_secs(30)).await;
    assert_eq!(lines(&a), expected(700, TICK, false));
    assert_eq!(lines(&b), expected(700, TICK, false));
    fan_out.shutdown().await;

    // Direct: one source, one sink, on the same (still running) generator.
    let sink = start("sink", "c", &[("OUTPUT_FILE", c.to_str().unwrap())]).await;
    let direct = Relay::new(
        "direct",
        &pipeline(
            "  sources: [{id: gen, command: [gen]}]\n\
             \x20 sinks: [{id: c, command: [sink], inputs: [gen]}]\n",
        ),
    );
    direct.component_ready("gen", &generator.endpoint);
    direct.component_ready("c", &sink.endpoint);
    finish(&direct, Duration::from_secs(30)).await;
    assert_eq!(lines(&c), expected(700, TICK, false));
    direct.shutdown().await;
}

#[tokio::test]
async fn fan_in_diamond_and_type_filtering() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (all, only_b, diamond) = (
        dir.path().join("all.txt"),
        dir.path().join("only_b.txt"),
        dir.path().join("diamond.txt"),
    );
    let ga = start("gen", "ga", &[("COUNT", "400"), ("EVENT_TYPE", "a.tick")]).await;
    let gb = start("gen", "gb", &[("COUNT", "400"), ("EVENT_TYPE", "b.tick")]).await;
    let u1 = start("upper", "u1", &[]).await;
    let u2 = start("upper", "u2", &[]).await;
    let sinks = [
        start("sink", "all", &[("OUTPUT_FILE", all.to_str().unwrap())]).await,
        start(
            "sink",
            "only_b",
            &[("OUTPUT_FILE", only_b.to_str().unwrap())],
        )
        .await,
        start(
            "sink",
            "diamond",
            &[("OUTPUT_FILE", diamond.to_str().unwrap())],
        )
        .await,
    ];
    // Two sources merged into `all`; `only_b` reads both but takes only
    // b.tick; ga -> u1, u2 -> diamond is a diamond.
    let relay = Relay::new(
        "shapes",
        &pipeline(
            "  sources:\n\
             \x20   - {id: ga, command: [gen]}\n\
             \x20   - {id: gb, command: [gen]}\n\
             \x20 processors:\n\
             \x20   - {id: u1, command: [upper], inputs: [ga]}\n\
             \x20   - {id: u2, command: [upper], inputs: [ga]}\n\
             \x20 sinks:\n\
             \x20   - {id: all, command: [sink], inputs: [ga, gb]}\n\
             \x20   - {id: only_b, command: [sink], inputs: [ga, gb], input_event_types: [b.tick]}\n\
             \x20   - {id: diamond, command: [sink], inputs: [u1, u2]}\n",
        ),
    );
    for (id, proc) in [("ga", &ga), ("gb", &gb), ("u1", &u1), ("u2", &u2)] {
        relay.component_ready(id, &proc.endpoint);
    }
    for (id, proc) in ["all", "only_b", "diamond"].into_iter().zip(&sinks) {
        relay.component_ready(id, &proc.endpoint);
    }
    finish(&relay, Duration::from_secs(30)).await;

    let of_kind = |lines: &[String], kind: &str| -> Vec<String> {
        lines
            .iter()
            .filter(|l| l.split(' ').nth(1) == Some(kind))
            .cloned()
            .collect()
    };
    // Merged: each source's events complete and in their own order.
    let merged = lines(&all);
    assert_eq!(merged.len(), 800);
    assert_eq!(of_kind(&merged, "a.tick"), expected(400, "a.tick", false));
    assert_eq!(of_kind(&merged, "b.tick"), expected(400, "b.tick", false));
    assert_eq!(lines(&only_b), expected(400, "b.tick", false));
    // Both branches of the diamond arrive, each in order.
    let joined = lines(&diamond);
    assert_eq!(joined.len(), 800);
    let mut sorted = joined.clone();
    sorted.sort();
    let mut twice: Vec<String> = expected(400, "a.tick", true)
        .into_iter()
        .flat_map(|l| [l.clone(), l])
        .collect();
    twice.sort();
    assert_eq!(sorted, twice);

    let m = relay.metrics();
    let filtered = m.edge("ga", "only_b").unwrap();
    assert_eq!((filtered.events, filtered.filtered), (0, 400));
    assert_eq!(m.edge("gb", "only_b").unwrap().events, 400);
    assert_eq!(m.component("ga").unwrap().events_out, 400);
    assert_eq!(m.component("diamond").unwrap().events_in, 800);
    relay.shutdown().await;
}

#[tokio::test]
async fn a_slow_sink_slows_the_source_and_buffers_stay_bounded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.txt");
    // Big events, so that the sink's HTTP/2 window holds few of them and the
    // relay's own buffer has to fill up.
    let generator = start(
        "gen",
        "gen",
        &[("COUNT", "3000"), ("PAYLOAD_BYTES", "2000")],
    )
    .await;
    let sink = start(
        "sink",
        "slow",
        &[("OUTPUT_FILE", out.to_str().unwrap()), ("DELAY_MS", "1")],
    )
    .await;
    let relay = Relay::new(
        "slow",
        &pipeline(
            "  sources: [{id: gen, command: [gen]}]\n\
             \x20 sinks: [{id: slow, command: [sink], inputs: [gen]}]\n",
        ),
    );
    relay.component_ready("gen", &generator.endpoint);
    relay.component_ready("slow", &sink.endpoint);
    let finished = relay.finished();
    tokio::pin!(finished);
    let mut samples = 0;
    let mut poll = tokio::time::interval(Duration::from_millis(20));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        tokio::select! {
            result = &mut finished => { result.expect("the relay finishes"); break; }
            _ = poll.tick() => {}
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "too slow: {:#?}",
            relay.metrics()
        );
        let m = relay.metrics();
        let edge = m.edge("gen", "slow").unwrap();
        assert!(edge.buffered <= edge.capacity, "{edge:?}");
        // What the relay holds: the edge, plus the one event in hand.
        let held = m.component("gen").unwrap().events_out - m.component("slow").unwrap().events_in;
        assert!(
            held <= EDGE_CAPACITY as u64 + 1,
            "relay holds {held} events"
        );
        samples += 1;
    }
    let out_lines = lines(&out);
    assert_eq!(out_lines.len(), 3000, "nothing lost");
    assert!(
        out_lines
            .iter()
            .zip(1..)
            .all(|(l, n)| l.starts_with(&format!("{n} ")))
    );
    let m = relay.metrics();
    let edge = m.edge("gen", "slow").unwrap();
    assert_eq!(edge.capacity, EDGE_CAPACITY as u64);
    assert_eq!(
        edge.max_buffered, edge.capacity,
        "the source had to wait: {edge:?}"
    );
    assert_eq!(edge.drops, 0);
    assert!(samples > 5, "the flow was watched while it ran");
    relay.shutdown().await;
}

#[tokio::test]
async fn nothing_to_relay_never_finishes_and_endpointless_receivers_count_drops() {
    let spec = "  sources: [{id: gen, command: [gen]}]\n\
                \x20 sinks:\n\
                \x20   - {id: out, command: [sink], inputs: [gen]}\n\
                \x20   - {id: plain, command: [plain], inputs: [gen]}\n";
    // Plain programs: nobody registers an endpoint.
    let idle = Relay::new("plain", &pipeline(spec));
    idle.component_ready("gen", "");
    idle.component_ready("out", "");
    assert!(
        tokio::time::timeout(Duration::from_millis(300), idle.finished())
            .await
            .is_err(),
        "finished() resolved without any relay work"
    );
    idle.shutdown().await;

    // A receiver without an endpoint does not hold the others back.
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.txt");
    let generator = start("gen", "gen", &[("COUNT", "2000")]).await;
    let sink = start("sink", "out", &[("OUTPUT_FILE", out.to_str().unwrap())]).await;
    let relay = Relay::new("mixed", &pipeline(spec));
    relay.component_ready("gen", &generator.endpoint);
    relay.component_ready("out", &sink.endpoint);
    relay.component_ready("plain", "");
    let m = wait_metrics(&relay, |m| m.component("out").unwrap().events_in == 2000).await;
    assert_eq!(m.edge("gen", "plain").unwrap().drops, 2000);
    assert_eq!(m.edge("gen", "out").unwrap().drops, 0);
    assert!(
        tokio::time::timeout(Duration::from_millis(300), relay.finished())
            .await
            .is_err(),
        "a component that never took part cannot have finished"
    );
    relay.shutdown().await;
}
