//! The daemon socket: one listener, one connection serving both protocols.
//!
//! hyper's automatic server reads HTTP/1.1 or HTTP/2 on each connection; a
//! request whose `content-type` is `application/grpc...` goes to the gRPC
//! daemon API (`flowctl`'s, with its peer-uid interceptor), any other to
//! the JSON routes (behind the same check). Connections are served on their
//! own tasks, so they live until the process (or the test's runtime) ends:
//! a client's `Shutdown` stream ends exactly when the daemon is gone.

use std::convert::Infallible;
use std::sync::Arc;

use flowctl_proto::daemon::v1::daemon_server::DaemonServer;
use http::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::net::{UnixListener, UnixStream};
use tonic::service::Routes;
use tonic::transport::server::Connected;
use tower::ServiceExt;

use super::routes::{self, Api};
use crate::api::daemon::{DaemonApi, only_same_user};
use crate::state::State;

/// Serves the daemon API (gRPC) and the HTTP API on `listener`, until the
/// task is dropped with its runtime.
pub async fn serve(listener: UnixListener, state: Arc<State>) {
    let daemon = DaemonApi::new(state.clone());
    let grpc = Routes::new(DaemonServer::with_interceptor(
        daemon.clone(),
        only_same_user,
    ))
    .prepare();
    let api = Api { daemon };
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(err) => {
                // Out of file descriptors, most likely: let connections end
                // before accepting again, rather than spin on the error.
                tracing::warn!(%err, "cannot accept a connection on the socket");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                continue;
            }
        };
        tokio::spawn(connection(stream, grpc.clone(), api.clone()));
    }
}

/// Whether `request` is a gRPC call.
fn is_grpc<B>(request: &Request<B>) -> bool {
    request
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/grpc"))
}

/// Serves one connection, HTTP/1.1 or HTTP/2, until the peer closes it.
async fn connection(stream: UnixStream, grpc: Routes, api: Api) {
    // The peer's credentials, read once: the uid checks and a submission's
    // client pid use them, as tonic's own server provides them.
    let peer = stream.connect_info();
    let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
        let (grpc, api, peer) = (grpc.clone(), api.clone(), peer.clone());
        async move {
            if is_grpc(&request) {
                request.extensions_mut().insert(peer);
                grpc.oneshot(request).await
            } else {
                Ok::<_, Infallible>(routes::handle(&api, peer, request).await)
            }
        }
    });
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new());
    builder.http2().timer(TokioTimer::new());
    if let Err(err) = builder
        .serve_connection(TokioIo::new(stream), service)
        .await
    {
        tracing::debug!(%err, "a connection on the socket ended with an error");
    }
    crate::heap::release_soon();
}
