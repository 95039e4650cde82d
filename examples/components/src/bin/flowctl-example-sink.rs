//! `flowctl-example-sink`: a consumer that writes each event as one line.
//!
//! Line format: `<id> <type> <payload>`, the payload decoded as UTF-8 with
//! invalid bytes replaced, and line breaks in it written as `\n` and `\r`
//! so that one event is always one line.
//!
//! Environment:
//! - `OUTPUT_FILE`: file to append to (created if missing); unset means
//!   stdout, and log lines then go to stderr to keep the data clean.
//! - `DELAY_MS` (default 0): pause per event, to simulate a slow sink.
//!
//! Lines are written in batches (whatever has arrived without waiting), and
//! each batch is flushed before the sink waits for more, so the output is
//! never behind by more than the events still in flight.

use std::future::poll_fn;
use std::pin::Pin;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use flowctl_example_components::config::{env_u64, env_var};
use flowctl_example_components::{
    Component, Counter, Error, Shutdown, Spec, exit_with, launch, log,
};
use flowctl_proto::v1::consumer_service_server::{ConsumerService, ConsumerServiceServer};
use flowctl_proto::v1::{
    ComponentInfo, ComponentType, ConsumeResponse, Event, HealthCheckRequest, HealthCheckResponse,
};
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::Mutex;
use tokio_stream::{Stream, StreamExt};
use tonic::service::Routes;
use tonic::{Request, Response, Status, Streaming};

/// A batch is written out once it reaches this size even if more is ready.
const MAX_BATCH_BYTES: usize = 64 * 1024;

type Writer = Box<dyn AsyncWrite + Send + Unpin>;

struct Sink {
    component: Arc<Component>,
    shutdown: Shutdown,
    delay: Duration,
    /// Where lines go; shared, so that concurrent streams (a sink with several
    /// inputs) never interleave within a line.
    out: Arc<Mutex<Writer>>,
    /// The destination as shown in messages.
    out_name: String,
}

/// Appends the line for `event` to `buf`.
fn format_line(event: &Event, buf: &mut Vec<u8>) {
    let payload = String::from_utf8_lossy(&event.payload);
    let payload = payload.replace('\n', "\\n").replace('\r', "\\r");
    buf.extend_from_slice(format!("{} {} {payload}\n", event.id, event.r#type).as_bytes());
}

/// The next item if it is ready without waiting: `None` when it is not.
async fn ready_now<S: Stream + Unpin>(stream: &mut S) -> Option<Option<S::Item>> {
    poll_fn(|cx| match Pin::new(&mut *stream).poll_next(cx) {
        Poll::Ready(item) => Poll::Ready(Some(item)),
        Poll::Pending => Poll::Ready(None),
    })
    .await
}

impl Sink {
    /// Writes and flushes `batch`, then counts its `events` as consumed.
    async fn flush(&self, batch: &mut Vec<u8>, events: i64) -> Result<(), Status> {
        if batch.is_empty() {
            return Ok(());
        }
        let mut out = self.out.lock().await;
        let written = match out.write_all(batch).await {
            Ok(()) => out.flush().await,
            Err(err) => Err(err),
        };
        written.map_err(|err| {
            self.component.metrics.add_failed(events as u64);
            Status::internal(format!("writing to {}: {err}", self.out_name))
        })?;
        self.component.metrics.add_in(events as u64);
        batch.clear();
        Ok(())
    }
}

#[tonic::async_trait]
impl ConsumerService for Sink {
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

    async fn consume(
        &self,
        request: Request<Streaming<Event>>,
    ) -> Result<Response<ConsumeResponse>, Status> {
        let mut inbound = request.into_inner();
        let mut batch = Vec::new();
        let mut in_batch = 0i64;
        let mut consumed = 0i64;
        let mut cut_short = false;
        loop {
            if self.shutdown.is_fired() {
                cut_short = true;
                break;
            }
            let next = match ready_now(&mut inbound).await {
                Some(next) => next,
                None => {
                    // Nothing more has arrived: write the batch out before waiting.
                    self.flush(&mut batch, in_batch).await?;
                    consumed += std::mem::take(&mut in_batch);
                    tokio::select! {
                        // Stop taking events; what was written is reported.
                        biased;
                        () = self.shutdown.wait() => {
                            cut_short = true;
                            None
                        }
                        next = inbound.next() => next,
                    }
                }
            };
            match next {
                Some(Ok(event)) => {
                    if !self.delay.is_zero() {
                        tokio::select! {
                            () = tokio::time::sleep(self.delay) => {}
                            () = self.shutdown.wait() => {}
                        }
                    }
                    format_line(&event, &mut batch);
                    in_batch += 1;
                    if batch.len() >= MAX_BATCH_BYTES {
                        self.flush(&mut batch, in_batch).await?;
                        consumed += std::mem::take(&mut in_batch);
                    }
                }
                Some(Err(status)) => {
                    self.flush(&mut batch, in_batch).await?;
                    return Err(status);
                }
                None => break,
            }
        }
        self.flush(&mut batch, in_batch).await?;
        consumed += in_batch;
        Ok(Response::new(ConsumeResponse {
            events_consumed: consumed,
            events_failed: 0,
            // Tells the sender that events it sent after these were not taken.
            errors: if cut_short {
                vec!["the sink shut down before the stream ended".to_owned()]
            } else {
                Vec::new()
            },
        }))
    }
}

/// Opens `OUTPUT_FILE` for appending, or picks stdout.
fn open_output() -> Result<(Option<std::fs::File>, String), Error> {
    let Some(path) = env_var("OUTPUT_FILE")? else {
        return Ok((None, "stdout".to_owned()));
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|source| Error::OpenFile {
            var: "OUTPUT_FILE",
            path: path.clone(),
            source,
        })?;
    Ok((Some(file), path))
}

fn main() -> std::process::ExitCode {
    let settings = env_u64("DELAY_MS", 0).and_then(|ms| Ok((ms, open_output()?)));
    let (delay, (file, out_name)) = match settings {
        Ok((ms, output)) => (Duration::from_millis(ms), output),
        Err(err) => return exit_with(&err),
    };
    if file.is_none() {
        log::reserve_stdout_for_data();
    }
    let spec = Spec {
        kind: ComponentType::Consumer,
        name: "example sink",
        description: "Writes each event as one line to a file or stdout (flowctl example).",
        input_event_types: Vec::new(),
        output_event_types: Vec::new(),
        progress_verb: "consumed",
        progress_counter: Counter::In,
    };
    launch(spec, move |component, shutdown| {
        let out: Writer = match file {
            Some(file) => Box::new(tokio::fs::File::from_std(file)),
            None => Box::new(tokio::io::stdout()),
        };
        Routes::new(ConsumerServiceServer::new(Sink {
            component,
            shutdown,
            delay,
            out: Arc::new(Mutex::new(out)),
            out_name,
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_event() {
        let event = Event {
            id: "3".to_owned(),
            r#type: "example.tick".to_owned(),
            payload: b"A\nB\xff".to_vec(),
            ..Event::default()
        };
        let mut buf = Vec::new();
        format_line(&event, &mut buf);
        assert_eq!(
            String::from_utf8_lossy(&buf),
            "3 example.tick A\\nB\u{fffd}\n"
        );
    }
}
