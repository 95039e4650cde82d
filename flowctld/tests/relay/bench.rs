//! Throughput figures (ignored by default): run with
//! `cargo build --release -p flowctl-example-components && cargo test --release -p flowctld --test relay relay_throughput -- --ignored --nocapture`.
//!
//! The direct figures stream a component's output straight into the next
//! one's input, with no relay in between: the physical limit the relay is
//! measured against.

use std::time::{Duration, Instant};

use flowctl_proto::v1::consumer_service_client::ConsumerServiceClient;
use flowctl_proto::v1::processor_service_client::ProcessorServiceClient;
use flowctl_proto::v1::source_service_client::SourceServiceClient;
use flowctl_proto::v1::{Event, StreamRequest};
use flowctld::relay::Relay;
use tokio_stream::{Stream, StreamExt};

use crate::support::{Proc, finish, pipeline, start};

const EVENTS: u64 = 200_000;
const PAYLOAD: &str = "100";

fn per_second(events: u64, took: Duration) -> f64 {
    events as f64 / took.as_secs_f64()
}

/// The events of a response stream, which must not fail.
fn unwrap_all(stream: tonic::Streaming<Event>) -> impl Stream<Item = Event> {
    stream.map(|item| item.expect("an event"))
}

async fn components(processor: bool) -> (Proc, Option<Proc>, Proc) {
    let gen_env = [("COUNT", "0"), ("PAYLOAD_BYTES", PAYLOAD)];
    let generator = start("gen", "gen", &gen_env).await;
    let upper = if processor {
        Some(start("upper", "upper", &[]).await)
    } else {
        None
    };
    let sink = start("sink", "out", &[("OUTPUT_FILE", "/dev/null")]).await;
    (generator, upper, sink)
}

fn count_params() -> StreamRequest {
    StreamRequest {
        params: [("count".to_owned(), EVENTS.to_string())].into(),
        ..StreamRequest::default()
    }
}

async fn direct(processor: bool) -> f64 {
    let (generator, upper, sink) = components(processor).await;
    let mut source = SourceServiceClient::connect(format!("http://{}", generator.endpoint))
        .await
        .expect("dial gen");
    let mut consumer = ConsumerServiceClient::connect(format!("http://{}", sink.endpoint))
        .await
        .expect("dial sink");
    let began = Instant::now();
    let events = unwrap_all(
        source
            .stream_events(count_params())
            .await
            .expect("stream")
            .into_inner(),
    );
    let report = match upper {
        Some(upper) => {
            let mut client = ProcessorServiceClient::connect(format!("http://{}", upper.endpoint))
                .await
                .expect("dial upper");
            let processed = client.process(events).await.expect("process").into_inner();
            consumer.consume(unwrap_all(processed)).await
        }
        None => consumer.consume(events).await,
    };
    let consumed = report.expect("consume").into_inner().events_consumed;
    assert_eq!(consumed as u64, EVENTS);
    per_second(EVENTS, began.elapsed())
}

async fn relayed(processor: bool) -> f64 {
    let (generator, upper, sink) = components(processor).await;
    let spec = if processor {
        "  sources: [{id: gen, command: [gen], config: {count: \"200000\"}}]\n\
         \x20 processors: [{id: upper, command: [upper], inputs: [gen]}]\n\
         \x20 sinks: [{id: out, command: [sink], inputs: [upper]}]\n"
    } else {
        "  sources: [{id: gen, command: [gen], config: {count: \"200000\"}}]\n\
         \x20 sinks: [{id: out, command: [sink], inputs: [gen]}]\n"
    };
    let relay = Relay::new("bench", &pipeline(spec));
    let began = Instant::now();
    relay.component_ready("out", &sink.endpoint);
    if let Some(upper) = &upper {
        relay.component_ready("upper", &upper.endpoint);
    }
    relay.component_ready("gen", &generator.endpoint);
    finish(&relay, Duration::from_secs(300)).await;
    let took = began.elapsed();
    assert_eq!(relay.metrics().component("out").unwrap().events_in, EVENTS);
    relay.shutdown().await;
    per_second(EVENTS, took)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: run it on purpose, in release mode"]
async fn relay_throughput() {
    let direct_sink = direct(false).await;
    let relay_sink = relayed(false).await;
    let direct_chain = direct(true).await;
    let relay_chain = relayed(true).await;
    println!("{EVENTS} events of {PAYLOAD} bytes:");
    println!("  gen -> sink, direct:           {direct_sink:>10.0} events/s");
    println!(
        "  gen -> sink, relay:            {relay_sink:>10.0} events/s ({:.0}% of direct)",
        100.0 * relay_sink / direct_sink
    );
    println!("  gen -> upper -> sink, direct:  {direct_chain:>10.0} events/s");
    println!(
        "  gen -> upper -> sink, relay:   {relay_chain:>10.0} events/s ({:.0}% of direct)",
        100.0 * relay_chain / direct_chain
    );
}
