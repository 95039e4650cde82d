//! What the HTTP API answers: JSON values, newline-delimited JSON streams,
//! and errors as `{"error": "..."}` with the message `flowctl` prints for
//! the same failure and the HTTP status of its gRPC code.

use std::convert::Infallible;

use bytes::Bytes;
use http::{HeaderValue, Response, StatusCode, header};
use http_body_util::{Full, StreamBody};
use hyper::body::Frame;
use serde_json::Value;
use tokio_stream::{Stream, StreamExt};
use tonic::body::Body;

/// An answer of the HTTP API.
pub type Reply = Response<Body>;

/// `value` as the whole answer, one line of compact JSON.
pub fn json(status: StatusCode, value: &Value) -> Reply {
    let mut text = value.to_string();
    text.push('\n');
    let mut reply = Response::new(Body::new(Full::new(Bytes::from(text))));
    *reply.status_mut() = status;
    reply.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    reply
}

/// An error answer with `message`.
pub fn error(status: StatusCode, message: &str) -> Reply {
    json(status, &flowctl_proto::json::error(message))
}

/// The answer to a request the daemon API refused with `status`.
pub fn refused(status: &tonic::Status) -> Reply {
    error(http_status(status.code()), status.message())
}

/// A 405 for a route that answers only `allow`.
pub fn method_not_allowed(method: &http::Method, path: &str, allow: &'static str) -> Reply {
    let mut reply = error(
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("{method} is not allowed on {path}: use {allow}"),
    );
    reply
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    reply
}

/// A stream of values as newline-delimited JSON (`application/x-ndjson`),
/// one value a line as it comes; an error ends it with an `{"error": ...}`
/// line (the status is already sent).
pub fn ndjson<S>(values: S) -> Reply
where
    S: Stream<Item = Result<Value, tonic::Status>> + Send + 'static,
{
    let mut failed = false;
    let lines = values.map_while(move |item| {
        if failed {
            return None;
        }
        let value = item.unwrap_or_else(|status| {
            failed = true;
            flowctl_proto::json::error(status.message())
        });
        let mut line = value.to_string();
        line.push('\n');
        Some(Ok::<_, Infallible>(Frame::data(Bytes::from(line))))
    });
    let mut reply = Response::new(Body::new(StreamBody::new(lines)));
    reply.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-ndjson"),
    );
    reply
}

/// The HTTP status of a gRPC code, as the daemon API uses them.
fn http_status(code: tonic::Code) -> StatusCode {
    use tonic::Code;
    match code {
        Code::InvalidArgument | Code::OutOfRange => StatusCode::BAD_REQUEST,
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::AlreadyExists | Code::FailedPrecondition | Code::Aborted => StatusCode::CONFLICT,
        Code::PermissionDenied => StatusCode::FORBIDDEN,
        Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        // A full state disk: nothing could be recorded.
        Code::ResourceExhausted => StatusCode::INSUFFICIENT_STORAGE,
        Code::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Code::Unimplemented => StatusCode::NOT_IMPLEMENTED,
        Code::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_keep_their_message_under_the_status_of_their_code() {
        let reply = refused(&tonic::Status::not_found("no run matches 'x'"));
        assert_eq!(reply.status(), StatusCode::NOT_FOUND);
        assert_eq!(reply.headers()[header::CONTENT_TYPE], "application/json");
        for (code, status) in [
            (tonic::Code::InvalidArgument, 400),
            (tonic::Code::FailedPrecondition, 409),
            (tonic::Code::PermissionDenied, 403),
            (tonic::Code::ResourceExhausted, 507),
            (tonic::Code::Internal, 500),
        ] {
            assert_eq!(http_status(code).as_u16(), status, "{code:?}");
        }
    }
}
