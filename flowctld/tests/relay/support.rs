//! Starting the real example components standalone (through the workspace's
//! one harness, `flowctl_tests::component`), and pipelines for the relay to
//! drive between them.

#![allow(dead_code)] // Each test module uses a different part of this.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::Duration;

use flowctl_core::spec::Pipeline;
pub use flowctl_tests::component::{Component as Proc, WITHIN};
use flowctld::relay::{Relay, RelayMetrics};

/// Path of an example component binary (`gen`, `upper`, `sink`).
pub fn bin(name: &str) -> PathBuf {
    flowctl_tests::bin(&format!("flowctl-example-{name}"))
}

/// Starts example component `name` with the pipeline id `id` and only
/// `envs` in its environment (nothing leaks from the developer's shell), and
/// waits until it listens.
pub async fn start(name: &str, id: &str, envs: &[(&str, &str)]) -> Proc {
    flowctl_tests::component::start(bin(name), &format!("{name} ({id})"), &with_id(id, envs)).await
}

/// Starts example component `name` without waiting for it.
pub fn spawn(name: &str, id: &str, envs: &[(&str, &str)]) -> Proc {
    flowctl_tests::component::spawn(bin(name), &format!("{name} ({id})"), &with_id(id, envs))
}

fn with_id<'a>(id: &'a str, envs: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut all = vec![("FLOWCTL_COMPONENT_ID", id)];
    all.extend_from_slice(envs);
    all
}

/// A pipeline from the `spec:` part of a pipeline file (commands are
/// placeholders: the test starts the components itself).
pub fn pipeline(spec: &str) -> Pipeline {
    let yaml = format!(
        "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata: {{name: relay-test}}\nspec:\n{spec}"
    );
    flowctl_core::spec::parse("relay-test.yaml", yaml.as_bytes())
        .unwrap_or_else(|err| panic!("bad test pipeline: {err:?}\n{yaml}"))
        .pipeline
}

/// Waits (at most `within`) for the relay to finish; panics with its
/// metrics if it fails or takes longer.
pub async fn finish(relay: &Relay, within: Duration) {
    match tokio::time::timeout(within, relay.finished()).await {
        Ok(Ok(())) => {}
        Ok(Err(err)) => panic!("the relay failed: {err}\n{:#?}", relay.metrics()),
        Err(_) => panic!(
            "the relay did not finish within {within:?}\n{:#?}",
            relay.metrics()
        ),
    }
}

/// Waits (at most [`WITHIN`]) until the relay's metrics satisfy `want`,
/// polling them every 10 ms.
pub async fn wait_metrics(relay: &Relay, want: impl Fn(&RelayMetrics) -> bool) -> RelayMetrics {
    let deadline = tokio::time::Instant::now() + WITHIN;
    let mut poll = tokio::time::interval(Duration::from_millis(10));
    loop {
        let metrics = relay.metrics();
        if want(&metrics) {
            return metrics;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "condition not reached in time:\n{metrics:#?}"
        );
        poll.tick().await;
    }
}

/// The lines of a sink's output file.
pub fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The line the example sink writes for event `n` of the example generator
/// of type `kind`, upper-cased by the example processor or not.
pub fn line(n: u64, kind: &str, upper: bool) -> String {
    let payload = format!(r#"{{"seq":{n},"value":"tick {n}"}}"#);
    let payload = if upper {
        payload.to_uppercase()
    } else {
        payload
    };
    format!("{n} {kind} {payload}")
}

/// Expected lines for events `1..=count`.
pub fn expected(count: u64, kind: &str, upper: bool) -> Vec<String> {
    (1..=count).map(|n| line(n, kind, upper)).collect()
}

/// A free loopback port (bound, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("bind a free port")
        .port()
}

/// Runs `future` with a bound, naming `what` if it takes too long.
pub async fn bounded<T>(what: &str, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(WITHIN, future)
        .await
        .unwrap_or_else(|_| panic!("{what} took longer than {WITHIN:?}"))
}
