//! `flowctl-example-gen`: a source that emits numbered JSON events.
//!
//! Configured by environment (defaults for every stream) and by the
//! `StreamEvents` params (per stream, taking precedence):
//!
//! | env | param | meaning |
//! |---|---|---|
//! | `EVENT_TYPE` | | event type, default `example.tick` |
//! | `COUNT` | `count` | last event id; 0 or unset = endless |
//! | `INTERVAL_MS` | `interval_ms` | pause between events; 0 = as fast as pulled |
//! | `PAYLOAD_BYTES` | `payload_bytes` | pad payloads to this size |
//!
//! `resume` with a `resume_token` (the last id received) continues after it;
//! `resume` without a token continues after the last event this process
//! handed out, which `GetState` reports.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use flowctl_example_components::config::env_var;
use flowctl_example_components::shutdown::cut_stream;
use flowctl_example_components::{Component, Counter, Shutdown, Spec, exit_with, info, launch};
use flowctl_proto::v1::source_service_server::{SourceService, SourceServiceServer};
use flowctl_proto::v1::{
    ComponentInfo, ComponentType, Event, HealthCheckRequest, HealthCheckResponse, SaveStateRequest,
    StateRequest, StateResponse, StreamRequest,
};
use tokio::sync::mpsc;
use tokio::time::{MissedTickBehavior, interval};
use tokio_stream::wrappers::ReceiverStream;
use tokio_stream::{Stream, StreamExt};
use tonic::service::Routes;
use tonic::{Request, Response, Status};

use params::{Params, payload};

mod params;

/// What `GetState` reports and `SaveState` keeps (in memory only).
#[derive(Debug, Default)]
struct State {
    /// Id of the last event handed to a stream; 0 before the first.
    last_seq: u64,
    /// When `last_seq` last moved, in Unix seconds.
    updated_unix: i64,
    /// Maps saved by `SaveState`, by key.
    saved: HashMap<String, HashMap<String, String>>,
}

struct Gen {
    component: Arc<Component>,
    shutdown: Shutdown,
    event_type: String,
    defaults: Params,
    state: Arc<Mutex<State>>,
}

impl Gen {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // The state stays consistent even if a holder panicked: every update is one assignment.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

type EventStream = std::pin::Pin<Box<dyn Stream<Item = Result<Event, Status>> + Send>>;

#[tonic::async_trait]
impl SourceService for Gen {
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

    type StreamEventsStream = EventStream;

    async fn stream_events(
        &self,
        request: Request<StreamRequest>,
    ) -> Result<Response<EventStream>, Status> {
        let request = request.into_inner();
        let params = self.defaults.overridden_by(&request.params)?;
        let after = match (request.resume, request.resume_token.trim()) {
            (false, _) => 0,
            (true, "") => self.state().last_seq,
            (true, token) => token.parse().map_err(|_| {
                Status::invalid_argument(format!("resume_token {token:?} is not an event id"))
            })?,
        };
        // A small buffer: the producer runs at most this far ahead of the client.
        let (tx, rx) = mpsc::channel(8);
        let template = Event {
            r#type: self.event_type.clone(),
            source_component_id: self.component.id.clone(),
            content_type: "application/json".to_owned(),
            ..Event::default()
        };
        tokio::spawn(produce(
            after + 1,
            params,
            template,
            tx,
            self.shutdown.clone(),
        ));

        let state = Arc::clone(&self.state);
        let component = Arc::clone(&self.component);
        // Recorded as tonic takes each event, so the state names the last
        // event actually handed to the stream, not merely generated.
        let events = ReceiverStream::new(rx).map(move |item| {
            let (seq, event) = item?;
            let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
            state.last_seq = seq;
            state.updated_unix = unix_now();
            component.metrics.add_out(1);
            Ok(event)
        });
        Ok(Response::new(Box::pin(events)))
    }

    async fn get_state(
        &self,
        request: Request<StateRequest>,
    ) -> Result<Response<StateResponse>, Status> {
        let state = self.state();
        let mut map = state
            .saved
            .get(&request.get_ref().key)
            .cloned()
            .unwrap_or_default();
        map.insert("last_seq".to_owned(), state.last_seq.to_string());
        Ok(Response::new(StateResponse {
            state: map,
            resume_token: if state.last_seq == 0 {
                String::new()
            } else {
                state.last_seq.to_string()
            },
            last_updated_unix: state.updated_unix,
        }))
    }

    async fn save_state(&self, request: Request<SaveStateRequest>) -> Result<Response<()>, Status> {
        let request = request.into_inner();
        self.state().saved.insert(request.key, request.state);
        Ok(Response::new(()))
    }
}

/// Generates events `first..=count` into `tx`; the channel's bound is the
/// backpressure. Stops early when the client goes away or on shutdown.
async fn produce(
    first: u64,
    params: Params,
    template: Event,
    tx: mpsc::Sender<Result<(u64, Event), Status>>,
    shutdown: Shutdown,
) {
    let mut pace = (!params.interval.is_zero()).then(|| interval(params.interval));
    if let Some(pace) = pace.as_mut() {
        // After a slow client, keep the rate rather than catching up in a burst.
        pace.set_missed_tick_behavior(MissedTickBehavior::Delay);
    }
    let mut seq = first;
    while params.count == 0 || seq <= params.count {
        if let Some(pace) = pace.as_mut() {
            tokio::select! {
                _ = pace.tick() => {}
                () = shutdown.wait() => return cut_stream(&tx).await,
            }
        }
        let event = Event {
            id: seq.to_string(),
            payload: payload(seq, params.payload_bytes),
            timestamp: Some(SystemTime::now().into()),
            metadata: HashMap::from([("seq".to_owned(), seq.to_string())]),
            ..template.clone()
        };
        tokio::select! {
            // Checked first, so a fast client cannot delay the stop.
            biased;
            () = shutdown.wait() => return cut_stream(&tx).await,
            sent = tx.send(Ok((seq, event))) => if sent.is_err() {
                info!("the client closed its stream; ids up to {} were generated", seq - 1);
                return;
            },
        }
        seq += 1;
    }
    info!("stream complete at id {}", params.count);
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs() as i64)
}

fn main() -> std::process::ExitCode {
    let settings =
        env_var("EVENT_TYPE").and_then(|event_type| Ok((event_type, Params::from_env()?)));
    let (event_type, defaults) = match settings {
        Ok((event_type, defaults)) => (
            event_type.unwrap_or_else(|| "example.tick".to_owned()),
            defaults,
        ),
        Err(err) => return exit_with(&err),
    };
    let spec = Spec {
        kind: ComponentType::Source,
        name: "example generator",
        description: "Emits numbered JSON events (flowctl example).",
        input_event_types: Vec::new(),
        output_event_types: vec![event_type.clone()],
        progress_verb: "emitted",
        progress_counter: Counter::Out,
    };
    launch(spec, move |component, shutdown| {
        Routes::new(SourceServiceServer::new(Gen {
            component,
            shutdown,
            event_type,
            defaults,
            state: Arc::default(),
        }))
    })
}
