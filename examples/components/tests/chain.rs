//! The three example components chained by hand, standalone (no control
//! plane): generator -> upper -> sink, then a clean stop on SIGTERM.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use flowctl_proto::v1::consumer_service_client::ConsumerServiceClient;
use flowctl_proto::v1::processor_service_client::ProcessorServiceClient;
use flowctl_proto::v1::source_service_client::SourceServiceClient;
use flowctl_proto::v1::{Event, HealthCheckRequest, HealthStatus, StateRequest, StreamRequest};
use flowctl_tests::component::{Component, Line, spawn, start};
use tokio_stream::StreamExt;

const GEN: &str = env!("CARGO_BIN_EXE_flowctl-example-gen");
const UPPER: &str = env!("CARGO_BIN_EXE_flowctl-example-upper");
const SINK: &str = env!("CARGO_BIN_EXE_flowctl-example-sink");

/// A component must be gone within a second of SIGTERM; the margin covers a
/// loaded machine, the printed time shows the real figure.
const STOP_WITHIN: Duration = Duration::from_secs(2);

fn stream_request(params: &[(&str, &str)]) -> StreamRequest {
    StreamRequest {
        params: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<HashMap<_, _>>(),
        ..StreamRequest::default()
    }
}

async fn stop(mut component: Component) {
    let asked = Instant::now();
    let status = component.terminate(STOP_WITHIN).await;
    let took = asked.elapsed();
    assert!(
        status.success(),
        "{} exited with {status}:\n{}",
        component.name,
        component.transcript()
    );
    component
        .wait_for(|line| matches!(line, Line::Out(t) | Line::Err(t) if t == "received SIGTERM, shutting down"))
        .await;
    eprintln!("{} stopped {took:?} after SIGTERM", component.name);
}

#[tokio::test]
async fn gen_upper_sink_chain_writes_upper_cased_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_file = dir.path().join("out.txt");
    let out_path = out_file.to_str().expect("utf-8 temp path");
    let generator = start(GEN, "gen", &[("FLOWCTL_COMPONENT_ID", "gen")]).await;
    let upper = start(UPPER, "upper", &[("FLOWCTL_COMPONENT_ID", "upper")]).await;
    let sink = start(
        SINK,
        "sink",
        &[("FLOWCTL_COMPONENT_ID", "out"), ("OUTPUT_FILE", out_path)],
    )
    .await;

    let mut source = SourceServiceClient::connect(generator.url())
        .await
        .expect("dial gen");
    let events: Vec<Event> = source
        .stream_events(stream_request(&[("count", "5")]))
        .await
        .expect("StreamEvents")
        .into_inner()
        .collect::<Result<_, _>>()
        .await
        .expect("all events");
    let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    assert_eq!(events[0].payload, br#"{"seq":1,"value":"tick 1"}"#);
    assert_eq!(events[0].source_component_id, "gen");
    assert_eq!(events[0].content_type, "application/json");

    let state = source
        .get_state(StateRequest::default())
        .await
        .expect("GetState")
        .into_inner();
    assert_eq!(state.resume_token, "5", "the last event handed out");
    let resumed: Vec<Event> = source
        .stream_events(StreamRequest {
            resume: true,
            resume_token: "3".into(),
            ..stream_request(&[("count", "5")])
        })
        .await
        .expect("StreamEvents with resume")
        .into_inner()
        .collect::<Result<_, _>>()
        .await
        .expect("resumed events");
    assert_eq!(
        resumed.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
        ["4", "5"]
    );

    let mut processor = ProcessorServiceClient::connect(upper.url())
        .await
        .expect("dial upper");
    let processed: Vec<Event> = processor
        .process(tokio_stream::iter(events))
        .await
        .expect("Process")
        .into_inner()
        .collect::<Result<_, _>>()
        .await
        .expect("all processed");
    assert_eq!(processed.len(), 5);
    assert!(processed.iter().all(|e| e.source_component_id == "upper"));

    let mut consumer = ConsumerServiceClient::connect(sink.url())
        .await
        .expect("dial sink");
    let report = consumer
        .consume(tokio_stream::iter(processed))
        .await
        .expect("Consume")
        .into_inner();
    assert_eq!((report.events_consumed, report.events_failed), (5, 0));

    let written = std::fs::read_to_string(&out_file).expect("read the sink's file");
    let expected: Vec<String> = (1..=5)
        .map(|n| format!(r#"{n} example.tick {{"SEQ":{n},"VALUE":"TICK {n}"}}"#))
        .collect();
    assert_eq!(written.lines().collect::<Vec<_>>(), expected);

    let health = consumer
        .health_check(HealthCheckRequest::default())
        .await
        .expect("health")
        .into_inner();
    assert_eq!(health.status, i32::from(HealthStatus::Healthy));
    assert_eq!(
        health.metrics.get("events_in").map(String::as_str),
        Some("5")
    );

    for component in [generator, upper, sink] {
        stop(component).await;
    }
}

#[tokio::test]
async fn sigterm_cuts_an_endless_stream_and_exits_zero() {
    let generator = start(GEN, "gen", &[("INTERVAL_MS", "10")]).await;
    let mut source = SourceServiceClient::connect(generator.url())
        .await
        .expect("dial gen");
    let mut events = source
        .stream_events(StreamRequest::default())
        .await
        .expect("StreamEvents")
        .into_inner();
    let first = events
        .next()
        .await
        .expect("an event")
        .expect("not an error");
    assert_eq!(first.id, "1");
    assert!(
        first.source_component_id.starts_with("source-"),
        "generated id"
    );
    stop(generator).await;
    // Events already sent arrive, then the stream says it was cut short
    // rather than pretending to be complete.
    let rest = tokio::time::timeout(STOP_WITHIN, events.collect::<Vec<_>>())
        .await
        .expect("the stream ends with the process");
    let last = rest.last().expect("the stream's closing status");
    let code = last.as_ref().map_err(tonic::Status::code).err();
    assert_eq!(code, Some(tonic::Code::Unavailable), "last item: {last:?}");
}

#[tokio::test]
async fn a_bad_setting_exits_2_naming_the_variable() {
    let mut generator = spawn(GEN, "gen", &[("FLOWCTL_HEARTBEAT_INTERVAL", "10")]);
    let status = generator.wait_exit(Duration::from_secs(10)).await;
    assert_eq!(status.code(), Some(2), "{}", generator.transcript());
    generator
        .wait_for(
            |line| matches!(line, Line::Err(t) if t.contains("FLOWCTL_HEARTBEAT_INTERVAL=\"10\"")),
        )
        .await;
}
