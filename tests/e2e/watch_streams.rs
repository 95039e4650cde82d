//! The daemon's `Watch` streams over gRPC: without a run id, every run's
//! changes from the moment it was opened; of one run, its edges too.

use flowctl_proto::daemon::v1::daemon_client::DaemonClient;
use flowctl_proto::daemon::v1::{RunRef, WatchEvent, WatchRequest, watch_event::Event};
use flowctl_tests::{PATIENCE, Pipeline, World, sh};
use tonic::transport::Channel;

/// A gRPC client of `world`'s daemon over its socket.
async fn client(world: &World) -> DaemonClient<Channel> {
    DaemonClient::new(world.daemon_channel().await)
}

/// Reads `events` until `seen` holds for one, within [`PATIENCE`].
async fn until(
    events: &mut tonic::Streaming<WatchEvent>,
    what: &str,
    seen: impl Fn(&Event) -> bool,
) -> Event {
    let found = tokio::time::timeout(PATIENCE, async {
        while let Some(event) = events.message().await.unwrap() {
            if let Some(event) = event.event.filter(|e| seen(e)) {
                return Some(event);
            }
        }
        None
    });
    match found.await {
        Ok(Some(event)) => event,
        Ok(None) => panic!("the stream ended before {what}"),
        Err(_) => panic!("no {what} within {PATIENCE:?}"),
    }
}

fn status_of(event: &Event, id: &str) -> Option<flowctl_core::RunStatus> {
    match event {
        Event::Run(run) if run.run_id == id => Some(run.status().into()),
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watching_every_run_shows_a_run_submitted_later_and_its_end() {
    let world = World::new();
    world.start_daemon(&[]);
    let mut client = client(&world).await;
    let mut every = client
        .watch(WatchRequest::default())
        .await
        .unwrap()
        .into_inner();
    let once = Pipeline::new("once").source("hi", &sh("echo hi"), &["readiness: started"]);
    let file = world.pipeline(&once);
    let run = tokio::task::spawn_blocking(move || {
        let id = world.detach(&file);
        (world, id)
    });
    let (world, id) = run.await.unwrap();
    let first = until(&mut every, "the new run", |e| status_of(e, &id).is_some()).await;
    let Event::Run(summary) = first else {
        unreachable!()
    };
    assert_eq!(summary.pipeline_name, "once");
    until(&mut every, "the run's end", |e| {
        status_of(e, &id) == Some(flowctl_core::RunStatus::Completed)
    })
    .await;
    // Options of a single run's watch make no sense without one.
    let refused = client
        .watch(WatchRequest {
            logs: true,
            ..WatchRequest::default()
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code(), tonic::Code::InvalidArgument, "{refused}");
    assert!(refused.message().contains("need a run"), "{refused}");
    drop(world);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_s_watch_sends_its_edges_at_the_start_and_as_events_move() {
    let world = World::new();
    let ledger = Pipeline::new("ledger")
        .generator("gen", &[("INTERVAL_MS", "20")])
        .upper("upper", &["gen"], &[])
        .example_sink("out", &["upper"], &[]);
    let file = world.pipeline(&ledger);
    let id = world.detach(&file);
    let mut client = client(&world).await;
    let request = WatchRequest {
        run_id: id.clone(),
        ..WatchRequest::default()
    };
    let mut events = client.watch(request).await.unwrap().into_inner();
    let edges = |e: &Event| match e {
        Event::Edges(edges) => Some(edges.clone()),
        _ => None,
    };
    let first = until(&mut events, "the run's edges", |e| edges(e).is_some()).await;
    let first = edges(&first).unwrap();
    assert_eq!(first.run_id, id);
    let mut pairs: Vec<(String, String)> = first
        .edges
        .iter()
        .map(|e| (e.from.clone(), e.to.clone()))
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("gen".into(), "upper".into()),
            ("upper".into(), "out".into())
        ]
    );
    let moved = until(&mut events, "edges with events moved", |e| {
        edges(e).is_some_and(|e| e.edges.iter().all(|edge| edge.events > 0))
    })
    .await;
    let moved = edges(&moved).unwrap();
    assert!(moved.at_ms >= first.at_ms);
    assert!(moved.edges.iter().all(|e| e.capacity > 0), "{moved:?}");
    client
        .stop_run(RunRef { run_id: id.clone() })
        .await
        .unwrap();
    until(&mut events, "the run's end", |e| {
        status_of(e, &id).is_some_and(|s| s.is_terminal())
    })
    .await;
}
