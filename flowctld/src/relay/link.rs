//! Sessions with the components that read events: a processor's `Process`
//! (bidi stream) and a consumer's `Consume` (client stream).
//!
//! Both are fed the same way: first what the previous instance of the
//! component did not account for (see `replay`), then the merged inputs,
//! until every producer has finished; then the request stream is closed.

use std::sync::atomic::AtomicBool;
use std::sync::atomic::Ordering::{Relaxed, SeqCst};
use std::sync::{Mutex, MutexGuard, PoisonError};

use flowctl_proto::v1::Event;
use flowctl_proto::v1::consumer_service_client::ConsumerServiceClient;
use flowctl_proto::v1::processor_service_client::ProcessorServiceClient;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::transport::Channel;

use super::dial::MAX_MESSAGE_BYTES;
use super::edge::Inputs;
use super::metrics::ComponentStats;
use super::node::{End, Forwarded, Node, Target, failed, forward, moved};
use super::replay::Replay;

/// Events queued between the relay and one stream's gRPC transport.
const LINK_BUFFER: usize = 32;

fn lock(replay: &Mutex<Replay>) -> MutexGuard<'_, Replay> {
    replay.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Feeds a request stream: `resend` first, then the inputs until they end,
/// then returns, dropping `tx`, which closes the stream. Each input is kept
/// in `replay` before it leaves, so a broken stream loses nothing.
async fn feed(
    inputs: &mut Inputs,
    replay: &Mutex<Replay>,
    stats: &ComponentStats,
    tx: mpsc::Sender<Event>,
    resend: Vec<Event>,
    input_ended: &AtomicBool,
) {
    for event in resend {
        if tx.send(event).await.is_err() {
            return;
        }
        stats.resent.fetch_add(1, Relaxed);
    }
    loop {
        // A slot first, then an event: cancelling either wait loses nothing.
        let Ok(permit) = tx.reserve().await else {
            return;
        };
        let Some((event, _)) = inputs.next().await else {
            input_ended.store(true, SeqCst);
            return;
        };
        lock(replay).push(&event);
        stats.count_in(&event);
        permit.send(event);
    }
}

impl Node {
    /// Feeds a processor and sends what it emits along its edges, until its
    /// output ends after its input did.
    pub(crate) async fn processor_session(&mut self, channel: Channel, endpoint: &Target) -> End {
        let Node {
            inputs,
            outputs,
            replay,
            stats,
            presence,
            ..
        } = self;
        let mut client = ProcessorServiceClient::new(channel)
            .max_decoding_message_size(MAX_MESSAGE_BYTES)
            .max_encoding_message_size(MAX_MESSAGE_BYTES);
        let (tx, rx) = mpsc::channel(LINK_BUFFER);
        let (first_new, resend) = {
            let replay = lock(replay);
            (replay.next_seq(), replay.pending())
        };
        let input_ended = AtomicBool::new(false);
        let feed = feed(inputs, replay, stats, tx, resend, &input_ended);
        let read = async {
            let call = tokio::select! {
                call = client.process(ReceiverStream::new(rx)) => call,
                () = moved(presence, endpoint) => return End::Moved,
            };
            let mut stream = match call {
                Ok(response) => response.into_inner(),
                Err(status) => return failed("Process", &status, false),
            };
            let acked = |id: &str| lock(replay).ack_output(id);
            match forward(&mut stream, outputs, stats, (presence, endpoint), acked).await {
                Forwarded::Moved => End::Moved,
                Forwarded::Closed => End::Closed,
                Forwarded::Ended if input_ended.load(SeqCst) => {
                    // Whatever is left was filtered out by the processor.
                    lock(replay).clear();
                    End::Done
                }
                Forwarded::Ended => End::Failed {
                    message: "the processor ended its output while its input went on".into(),
                    permanent: false,
                    established: false,
                },
                Forwarded::Broken { status, received } => {
                    let fed = lock(replay).next_seq() > first_new;
                    failed("Process", &status, received || fed)
                }
            }
        };
        tokio::pin!(feed, read);
        let mut feeding = true;
        loop {
            tokio::select! {
                end = &mut read => return end,
                () = &mut feed, if feeding => feeding = false,
            }
        }
    }

    /// Feeds a consumer until its inputs end, then waits for its
    /// `ConsumeResponse`.
    pub(crate) async fn consumer_session(&mut self, channel: Channel, endpoint: &Target) -> End {
        let Node {
            id,
            inputs,
            replay,
            stats,
            presence,
            ..
        } = self;
        let mut client =
            ConsumerServiceClient::new(channel).max_encoding_message_size(MAX_MESSAGE_BYTES);
        let (tx, rx) = mpsc::channel(LINK_BUFFER);
        let (start, first_new, resend) = {
            let replay = lock(replay);
            (replay.stream_start(), replay.next_seq(), replay.pending())
        };
        let input_ended = AtomicBool::new(false);
        let feed = feed(inputs, replay, stats, tx, resend, &input_ended);
        let call = client.consume(ReceiverStream::new(rx));
        let gone = moved(presence, endpoint);
        tokio::pin!(feed, call, gone);
        let mut feeding = true;
        let response = loop {
            tokio::select! {
                biased;
                () = &mut gone => return End::Moved,
                response = &mut call => break response,
                () = &mut feed, if feeding => feeding = false,
            }
        };
        let report = match response {
            Ok(response) => response.into_inner(),
            Err(status) => {
                let progressed = lock(replay).next_seq() > first_new;
                return failed("Consume", &status, progressed);
            }
        };
        let consumed = report.events_consumed.max(0) as u64;
        let failed_events = report.events_failed.max(0) as u64;
        stats.failed.fetch_add(failed_events, Relaxed);
        if !report.errors.is_empty() {
            tracing::warn!(component = %id, errors = ?report.errors, "relay: the consumer reported errors");
        }
        let sent = {
            let mut replay = lock(replay);
            let sent = replay.next_seq() - start;
            replay.ack_consumed(start, consumed);
            sent
        };
        // A consumer that took fewer events than it was sent and says why
        // stopped early (say, it is shutting down): the rest goes to its next
        // instance. One that says nothing is taken at its word.
        let cut_short = consumed + failed_events < sent && !report.errors.is_empty();
        if input_ended.load(SeqCst) && !cut_short {
            lock(replay).clear();
            return End::Done;
        }
        End::Failed {
            message: format!(
                "the consumer ended its stream after {consumed} of {sent} events: {}",
                report.errors.join("; ")
            ),
            permanent: false,
            established: consumed > 0,
        }
    }
}
