//! A watcher that falls behind on component changes gets a snapshot.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::supervisor::view::InstanceStatus;
use crate::supervisor::watch::Update;
use tokio_stream::StreamExt;

use crate::config::Config;
use crate::registry::Registry;
use crate::runs::Runs;
use crate::supervisor::{RunRequest, Supervisor};
use flowctl_core::RunStatus;

/// A bound on every wait, so that a hang fails instead of blocking.
const DEADLINE: Duration = Duration::from_secs(60);

fn config(state_dir: &std::path::Path) -> Config {
    Config {
        keep_runs: 5,
        ..Config::confined_to(state_dir, &state_dir.join("sock"))
    }
}

const PIPELINE: &str = "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata: {name: w}\nspec:\n  \
    sources:\n    - {id: a, command: [sleep, '1000'], readiness: started}\n    \
    - {id: b, command: [sleep, '1000'], readiness: started}\n";

fn component(update: &Update) -> Option<&InstanceStatus> {
    match update {
        Update::Instance(c) => Some(c),
        _ => None,
    }
}

#[tokio::test]
async fn a_watcher_that_lags_on_component_changes_gets_a_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let runs = Arc::new(Runs::in_memory());
    let registry = Arc::new(Registry::new(Duration::from_secs(30)));
    let supervisor = Arc::new(Supervisor::new(
        registry,
        runs.clone(),
        config(tmp.path()),
        Arc::new(OnceLock::new()),
        crate::supervisor::cgroup::Containment::turned_off(),
    ));
    let mut changes = runs.subscribe();
    let record = supervisor
        .submit(RunRequest {
            pipeline_yaml: PIPELINE.into(),
            pipeline_path: tmp.path().join("w.yaml").display().to_string(),
            working_dir: tmp.path().display().to_string(),
            ..Default::default()
        })
        .await
        .unwrap();
    let id = record.id.clone();
    tokio::time::timeout(DEADLINE, async {
        while runs.get(&id).unwrap().status != RunStatus::Running {
            changes.recv().await.unwrap();
        }
    })
    .await
    .expect("the run never became RUNNING");

    let mut stream = supervisor.watch(&id, false, false).unwrap();
    // More changes than the channel holds, before the watcher runs: it lags,
    // and the change of `a` among them is dropped.
    let handle = supervisor.handle(&id).unwrap();
    let fake = |id: &str, n: usize| InstanceStatus {
        id: id.into(),
        exit: format!("fake {n}"),
        ..Default::default()
    };
    handle.updates.send(fake("a", 0)).unwrap();
    for n in 1..=1000 {
        handle.updates.send(fake("b", n)).unwrap();
    }
    let mut events = Vec::new();
    while events.len() < 3 + 3 + 256 {
        let next = tokio::time::timeout(DEADLINE, stream.next()).await;
        let next = next
            .expect("the watcher stalled")
            .expect("the stream ended");
        // The run's edges (none here) come once at the start: not counted.
        if !matches!(next, Update::Edges { .. }) {
            events.push(next);
        }
    }
    let is_fake = |e: &Update| component(e).is_some_and(|c| c.exit.starts_with("fake"));
    let first_fake = events.iter().position(is_fake).unwrap();
    assert_eq!(first_fake, 6, "{events:#?}");
    assert!(matches!(events[3], Update::Run(_)), "{:?}", events[3]);
    let mut snapshot: Vec<&str> = events[4..6]
        .iter()
        .map(|e| component(e).unwrap().id.as_str())
        .collect();
    snapshot.sort();
    assert_eq!(snapshot, ["a", "b"], "a fresh state of every component");
    assert!(events[6..].iter().all(is_fake));
    assert_eq!(component(&events[6]).unwrap().exit, "fake 745");

    supervisor.stop(&id).await.unwrap();
}
