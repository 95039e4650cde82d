//! The metrics listener: HTTP/1.1 on hyper, `GET /metrics` and a one-line
//! pointer at `/`; every other path is 404.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{ALLOW, CONTENT_TYPE};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use prometheus_client::encoding::prometheus_text;
use prometheus_client::registry::Registry;
use tokio::net::TcpListener;
use tokio::task::JoinSet;

use super::collect::StateCollector;
use crate::state::State;

/// A client that sends no complete request head within this long is
/// dropped, so idle connections cannot pile up.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `/metrics` on `listener` until the task is aborted (which ends
/// its connections too).
pub(crate) async fn serve(listener: TcpListener, state: Arc<State>) {
    let registry = Arc::new(registry(state));
    let mut connections = JoinSet::new();
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(err) => {
                // Out of descriptors, most likely: let some close first.
                tracing::warn!(%err, "metrics listener cannot accept");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        while connections.try_join_next().is_some() {}
        let registry = registry.clone();
        connections.spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let answer = answer(&request, &registry);
                async move { Ok::<_, Infallible>(answer) }
            });
            let served = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            if let Err(err) = served {
                tracing::debug!(%err, "metrics connection ended");
            }
            crate::heap::release_soon();
        });
    }
}

/// The registry: the spawn-to-ready histogram, and the collector that reads
/// everything else at scrape time.
fn registry(state: Arc<State>) -> Registry {
    let mut registry = Registry::default();
    registry.register(
        "flowctl_component_ready_seconds",
        "Time from spawning a component's instance to its being ready (registered, probe passed, or started)",
        state.supervisor.counters().ready.clone(),
    );
    registry.register_collector(Box::new(StateCollector { state }));
    registry
}

/// The answer to one request.
fn answer(request: &Request<Incoming>, registry: &Registry) -> Response<Full<Bytes>> {
    let path = request.uri().path();
    let readable = matches!(*request.method(), Method::GET | Method::HEAD);
    match path {
        "/metrics" | "/" if !readable => {
            let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "only GET is served here\n");
            response
                .headers_mut()
                .insert(ALLOW, "GET, HEAD".parse().expect("a valid header"));
            response
        }
        "/metrics" => {
            let mut body = String::new();
            if let Err(err) = prometheus_text::encode(&mut body, registry) {
                tracing::error!(%err, "cannot encode metrics");
                return text(StatusCode::INTERNAL_SERVER_ERROR, "cannot encode metrics\n");
            }
            let mut response = Response::new(Full::new(Bytes::from(body)));
            response.headers_mut().insert(
                CONTENT_TYPE,
                prometheus_text::CONTENT_TYPE
                    .parse()
                    .expect("a valid header"),
            );
            response
        }
        "/" => text(
            StatusCode::OK,
            "flowctld: Prometheus metrics are at /metrics\n",
        ),
        _ => text(
            StatusCode::NOT_FOUND,
            "not found: flowctld serves only /metrics here\n",
        ),
    }
}

/// A plain-text answer.
fn text(status: StatusCode, body: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        "text/plain; charset=utf-8".parse().expect("a valid header"),
    );
    response
}
