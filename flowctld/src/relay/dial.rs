//! Reaching a component's data-plane endpoint: the URL to dial, the channel,
//! and the pace of retries.
//!
//! The Go SDK registers before it listens, so the first dials to a freshly
//! registered component are often refused: the relay retries with a bounded
//! backoff and gives up only after the component's `start_timeout`.

use std::time::Duration;

use tonic::Code;
use tonic::transport::{Channel, Endpoint};

/// First pause between failed attempts.
const FIRST_BACKOFF: Duration = Duration::from_millis(50);

/// Longest pause between failed attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(1);

/// How long one TCP connect may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Largest message the relay accepts or sends: ledgers can be large, and the
/// old orchestrator allowed 50 MB.
pub const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// The URL for a registered endpoint. Registrations carry `host:port`, and
/// SDK components may advertise a listen address instead (`:50051`,
/// `0.0.0.0:50051`), which is reachable on loopback.
pub(crate) fn url(endpoint: &str) -> String {
    let endpoint = endpoint.trim();
    if endpoint.contains("://") {
        return endpoint.to_owned();
    }
    let local = if let Some(port) = endpoint.strip_prefix(':') {
        format!("127.0.0.1:{port}")
    } else if let Some(port) = endpoint.strip_prefix("0.0.0.0:") {
        format!("127.0.0.1:{port}")
    } else if let Some(port) = endpoint.strip_prefix("[::]:") {
        format!("[::1]:{port}")
    } else {
        endpoint.to_owned()
    };
    format!("http://{local}")
}

/// Opens an HTTP/2 connection to `endpoint`.
pub(crate) async fn connect(endpoint: &str) -> Result<Channel, String> {
    let url = url(endpoint);
    Endpoint::from_shared(url.clone())
        .map_err(|err| format!("'{endpoint}' is not a usable address: {err}"))?
        .connect_timeout(CONNECT_TIMEOUT)
        .tcp_nodelay(true)
        // Larger windows than HTTP/2's 64 KiB default keep small events
        // flowing without a round trip per window.
        .initial_stream_window_size(Some(4 << 20))
        .initial_connection_window_size(Some(8 << 20))
        .connect()
        .await
        .map_err(|err| format!("cannot connect to {url}: {}", source_chain(&err)))
}

/// An error with its causes, as transport errors hide the useful part
/// ("connection refused") in their source.
pub(crate) fn source_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Whether retrying a call that failed with `code` cannot help: the
/// component does not serve that service or rejects the request itself.
pub(crate) fn is_permanent(code: Code) -> bool {
    matches!(
        code,
        Code::Unimplemented
            | Code::InvalidArgument
            | Code::PermissionDenied
            | Code::Unauthenticated
    )
}

/// Pauses between attempts: 50 ms, doubling up to 1 s.
#[derive(Debug)]
pub(crate) struct Backoff {
    next: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            next: FIRST_BACKOFF,
        }
    }
}

impl Backoff {
    /// The pause before the next attempt.
    pub fn next_delay(&mut self) -> Duration {
        let delay = self.next;
        self.next = (self.next * 2).min(MAX_BACKOFF);
        delay
    }

    /// Starts over after a success.
    pub fn reset(&mut self) {
        self.next = FIRST_BACKOFF;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_addresses_are_dialled_on_loopback() {
        assert_eq!(url("127.0.0.1:7"), "http://127.0.0.1:7");
        assert_eq!(url(":50051"), "http://127.0.0.1:50051");
        assert_eq!(url("0.0.0.0:50051"), "http://127.0.0.1:50051");
        assert_eq!(url("[::]:9"), "http://[::1]:9");
        assert_eq!(url("localhost:9"), "http://localhost:9");
        assert_eq!(url("http://h:1"), "http://h:1");
    }

    #[test]
    fn backoff_doubles_to_a_second_and_resets() {
        let mut backoff = Backoff::default();
        let delays: Vec<u128> = (0..7).map(|_| backoff.next_delay().as_millis()).collect();
        assert_eq!(delays, [50, 100, 200, 400, 800, 1000, 1000]);
        backoff.reset();
        assert_eq!(backoff.next_delay(), FIRST_BACKOFF);
    }

    #[test]
    fn only_refusals_are_permanent() {
        assert!(is_permanent(Code::Unimplemented));
        assert!(!is_permanent(Code::Unavailable));
        assert!(!is_permanent(Code::Internal));
    }
}
