//! Components that come late, die, or never answer: dial retries, resumed
//! sources, processors and consumers given again what they lost.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use flowctld::relay::Relay;

use crate::support::{
    bounded, expected, finish, free_port, lines, pipeline, spawn, start, wait_metrics,
};

const TICK: &str = "example.tick";

const CHAIN: &str = "  sources: [{id: gen, command: [gen]}]\n\
                     \x20 processors: [{id: upper, command: [upper], inputs: [gen]}]\n\
                     \x20 sinks: [{id: out, command: [sink], inputs: [upper]}]\n";

#[tokio::test]
async fn a_killed_processor_is_replaced_without_loss_or_duplicates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.txt");
    // The processor is the bottleneck, so many events sit inside it (in its
    // HTTP/2 window) when it dies.
    let generator = start("gen", "gen", &[("COUNT", "2000")]).await;
    let upper = start("upper", "upper", &[("DELAY_MS", "1")]).await;
    let sink = start("sink", "out", &[("OUTPUT_FILE", out.to_str().unwrap())]).await;
    let relay = Relay::new("restart-processor", &pipeline(CHAIN));
    relay.component_ready("gen", &generator.endpoint);
    relay.component_ready("upper", &upper.endpoint);
    relay.component_ready("out", &sink.endpoint);

    let before = wait_metrics(&relay, |m| m.component("out").unwrap().events_in >= 300).await;
    upper.kill().await;
    relay.component_gone("upper");
    let upper = start("upper", "upper", &[]).await;
    relay.component_ready("upper", &upper.endpoint);
    finish(&relay, Duration::from_secs(60)).await;

    assert_eq!(
        lines(&out),
        expected(2000, TICK, true),
        "each event once, in order"
    );
    let m = relay.metrics();
    let up = m.component("upper").unwrap();
    assert_eq!(up.reconnects, 1);
    assert_eq!(up.events_in, 2000, "every input handed over once...");
    assert!(
        up.resent > 0,
        "...and those lost inside the dead one again: {up:?}"
    );
    assert!(
        up.resent <= 2000 - before.component("out").unwrap().events_in,
        "only what had not come out is re-sent: {up:?}"
    );
    assert_eq!(up.events_out, 2000);
    assert_eq!(m.component("out").unwrap().events_in, 2000);
    println!("processor restart: {} events re-sent", up.resent);
    relay.shutdown().await;
}

#[tokio::test]
async fn a_killed_source_resumes_after_the_last_event_forwarded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.txt");
    let envs = [("COUNT", "1500"), ("INTERVAL_MS", "1")];
    let generator = start("gen", "gen", &envs).await;
    let sink = start("sink", "out", &[("OUTPUT_FILE", out.to_str().unwrap())]).await;
    let relay = Relay::new(
        "restart-source",
        &pipeline(
            "  sources: [{id: gen, command: [gen]}]\n\
             \x20 sinks: [{id: out, command: [sink], inputs: [gen]}]\n",
        ),
    );
    relay.component_ready("gen", &generator.endpoint);
    relay.component_ready("out", &sink.endpoint);
    // First the same process again: its own GetState token is ahead of what
    // the relay received (events sit in HTTP/2 buffers), so it must not be used.
    wait_metrics(&relay, |m| m.component("gen").unwrap().events_out >= 200).await;
    relay.component_gone("gen");
    relay.component_ready("gen", &generator.endpoint);
    wait_metrics(&relay, |m| m.component("gen").unwrap().events_out >= 400).await;
    generator.kill().await;
    relay.component_gone("gen");
    // The new process knows nothing of the old one's position.
    let generator = start("gen", "gen", &envs).await;
    relay.component_ready("gen", &generator.endpoint);
    finish(&relay, Duration::from_secs(60)).await;

    assert_eq!(lines(&out), expected(1500, TICK, false));
    let m = relay.metrics();
    assert_eq!(m.component("gen").unwrap().events_out, 1500);
    assert_eq!(m.component("gen").unwrap().reconnects, 2);
    relay.shutdown().await;
}

#[tokio::test]
async fn a_killed_sink_gets_what_it_had_not_confirmed_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (first, second) = (dir.path().join("1.txt"), dir.path().join("2.txt"));
    let generator = start("gen", "gen", &[("COUNT", "1500"), ("INTERVAL_MS", "1")]).await;
    let sink = start("sink", "out", &[("OUTPUT_FILE", first.to_str().unwrap())]).await;
    let relay = Relay::new(
        "restart-sink",
        &pipeline(
            "  sources: [{id: gen, command: [gen]}]\n\
             \x20 sinks: [{id: out, command: [sink], inputs: [gen]}]\n",
        ),
    );
    relay.component_ready("gen", &generator.endpoint);
    relay.component_ready("out", &sink.endpoint);
    wait_metrics(&relay, |m| m.component("out").unwrap().events_in >= 200).await;
    sink.kill().await;
    relay.component_gone("out");
    let sink = start("sink", "out", &[("OUTPUT_FILE", second.to_str().unwrap())]).await;
    relay.component_ready("out", &sink.endpoint);
    finish(&relay, Duration::from_secs(60)).await;

    // At least once: every event is in one file or the other, and those
    // written twice are the ones re-sent.
    let (before, after) = (lines(&first), lines(&second));
    let mut count: HashMap<&String, usize> = HashMap::new();
    for line in before.iter().chain(&after) {
        *count.entry(line).or_default() += 1;
    }
    for line in expected(1500, TICK, false) {
        assert!(count.contains_key(&line), "lost: {line}");
    }
    let twice = count.values().filter(|&&n| n > 1).count() as u64;
    let resent = relay.metrics().component("out").unwrap().resent;
    assert!(twice <= resent, "{twice} duplicates, {resent} re-sent");
    assert_eq!(after.len() as u64, 1500 - before.len() as u64 + twice);
    println!("sink restart: {resent} re-sent, {twice} written twice");
    relay.shutdown().await;
}

#[tokio::test]
async fn dials_are_retried_until_the_component_listens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.txt");
    let port = free_port();
    let address = format!("127.0.0.1:{port}");
    let generator = start("gen", "gen", &[("COUNT", "100")]).await;
    let relay = Relay::new(
        "late",
        &pipeline(
            "  sources: [{id: gen, command: [gen]}]\n\
             \x20 sinks: [{id: out, command: [sink], inputs: [gen]}]\n",
        ),
    );
    // As the Go SDK does: registered before it listens.
    relay.component_ready("out", &address);
    relay.component_ready("gen", &generator.endpoint);
    let sink = spawn(
        "sink",
        "out",
        &[
            ("OUTPUT_FILE", out.to_str().unwrap()),
            ("PORT", address.as_str()),
        ],
    );
    finish(&relay, Duration::from_secs(30)).await;
    assert_eq!(lines(&out), expected(100, TICK, false));
    drop(sink);
    relay.shutdown().await;
}

#[tokio::test]
async fn a_component_that_never_listens_fails_the_relay_after_its_start_timeout() {
    let generator = start("gen", "gen", &[("COUNT", "10")]).await;
    let relay = Relay::new(
        "never",
        &pipeline(
            "  sources: [{id: gen, command: [gen]}]\n\
             \x20 sinks: [{id: out, command: [sink], inputs: [gen], start_timeout: 1s}]\n",
        ),
    );
    let address = format!("127.0.0.1:{}", free_port());
    relay.component_ready("gen", &generator.endpoint);
    relay.component_ready("out", &address);
    let began = Instant::now();
    let err = bounded("the relay's failure", relay.finished())
        .await
        .expect_err("nothing listens there");
    assert!(
        began.elapsed() >= Duration::from_secs(1),
        "gave up too early"
    );
    assert!(
        err.contains("'out'") && err.contains(&address) && err.contains("start_timeout"),
        "{err}"
    );
    relay.shutdown().await;
}
