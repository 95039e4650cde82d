//! `flowctl-example-upper`: a processor that upper-cases event payloads.
//!
//! Payloads that are UTF-8 are upper-cased; others pass through unchanged.
//! Every event leaves with `source_component_id` set to this component's id.
//! Events are handled one at a time, so their order is kept (the Go SDK's
//! processor handles them concurrently and may reorder them).
//!
//! Environment: `DELAY_MS` (default 0) adds a pause per event, to simulate
//! a slow processor.

use std::sync::Arc;
use std::time::Duration;

use flowctl_example_components::config::env_u64;
use flowctl_example_components::shutdown::cut_stream;
use flowctl_example_components::{Component, Counter, Shutdown, Spec, exit_with, launch};
use flowctl_proto::v1::processor_service_server::{ProcessorService, ProcessorServiceServer};
use flowctl_proto::v1::{
    ComponentInfo, ComponentType, Event, HealthCheckRequest, HealthCheckResponse,
};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::service::Routes;
use tonic::{Request, Response, Status, Streaming};

struct Upper {
    component: Arc<Component>,
    shutdown: Shutdown,
    /// Pause per event.
    delay: Duration,
}

/// The event with its payload upper-cased and this component as its source.
fn transform(mut event: Event, own_id: &str) -> Event {
    if let Ok(text) = std::str::from_utf8(&event.payload) {
        event.payload = text.to_uppercase().into_bytes();
    }
    event.source_component_id = own_id.to_owned();
    event
}

#[tonic::async_trait]
impl ProcessorService for Upper {
    async fn get_info(&self, _: Request<()>) -> Result<Response<ComponentInfo>, Status> {
        Ok(Response::new(self.component.info()))
    }

    async fn health_check(
        &self,
        request: Request<HealthCheckRequest>,
    ) -> Result<Response<HealthCheckResponse>, Status> {
        Ok(Response::new(
            self.component.health(request.get_ref().include_details),
        ))
    }

    type ProcessStream = ReceiverStream<Result<Event, Status>>;

    async fn process(
        &self,
        request: Request<Streaming<Event>>,
    ) -> Result<Response<Self::ProcessStream>, Status> {
        let inbound = request.into_inner();
        // A small buffer, so a slow reader slows this processor and, through
        // it, the writer: backpressure end to end.
        let (tx, rx) = mpsc::channel(16);
        tokio::spawn(pump(
            inbound,
            tx,
            Arc::clone(&self.component),
            self.delay,
            self.shutdown.clone(),
        ));
        Ok(Response::new(ReceiverStream::new(rx)))
    }
}

/// Moves events from `inbound` to `tx`, one at a time, until either side
/// ends or shutdown.
async fn pump(
    mut inbound: Streaming<Event>,
    tx: mpsc::Sender<Result<Event, Status>>,
    component: Arc<Component>,
    delay: Duration,
    shutdown: Shutdown,
) {
    loop {
        let next = tokio::select! {
            // Checked first, so a busy stream cannot delay the stop.
            biased;
            () = shutdown.wait() => return cut_stream(&tx).await,
            next = inbound.message() => next,
        };
        let event = match next {
            Ok(Some(event)) => event,
            Ok(None) => return,
            Err(status) => {
                // Tell the reader why its stream ends early.
                let _ = tx.send(Err(status)).await;
                return;
            }
        };
        component.metrics.add_in(1);
        if !delay.is_zero() {
            tokio::select! {
                () = tokio::time::sleep(delay) => {}
                () = shutdown.wait() => return cut_stream(&tx).await,
            }
        }
        tokio::select! {
            biased;
            () = shutdown.wait() => return cut_stream(&tx).await,
            sent = tx.send(Ok(transform(event, &component.id))) => if sent.is_err() {
                return; // The reader went away.
            },
        }
        component.metrics.add_out(1);
    }
}

fn main() -> std::process::ExitCode {
    let delay = match env_u64("DELAY_MS", 0) {
        Ok(ms) => Duration::from_millis(ms),
        Err(err) => return exit_with(&err),
    };
    let spec = Spec {
        kind: ComponentType::Processor,
        name: "example upper-caser",
        description: "Upper-cases event payloads (flowctl example).",
        input_event_types: Vec::new(),
        output_event_types: Vec::new(),
        progress_verb: "processed",
        progress_counter: Counter::Out,
    };
    launch(spec, move |component, shutdown| {
        Routes::new(ProcessorServiceServer::new(Upper {
            component,
            shutdown,
            delay,
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_cases_text_and_passes_binary_through() {
        let text = Event {
            payload: b"tick 1".to_vec(),
            source_component_id: "gen".to_owned(),
            ..Event::default()
        };
        let out = transform(text, "upper");
        assert_eq!(out.payload, b"TICK 1");
        assert_eq!(out.source_component_id, "upper");

        let binary = Event {
            payload: vec![0xff, b'a'],
            ..Event::default()
        };
        assert_eq!(transform(binary, "upper").payload, [0xff, b'a']);
    }
}
