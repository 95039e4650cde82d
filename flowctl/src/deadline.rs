//! How long `flowctl` waits for the daemon: the `--timeout` setting
//! (`FLOWCTL_TIMEOUT`, default 5 s, `0` for no limit) and [`Deadline`], the
//! layer under every request.
//!
//! Connecting must succeed within the limit, and so must each request's
//! first answer (its response headers: a stream's later messages are not
//! bounded, so `run`, `logs -f`, `attach` and `status --watch` follow as
//! long as they like). A request the daemon is legitimately slow to answer
//! (`pipelines stop` waits for the run's processes to exit) is not cut
//! short: once half the limit has passed, the daemon is asked for its info,
//! and the wait goes on while it answers that within the other half. A daemon that answers
//! neither in time (stopped with SIGSTOP, or overloaded) is named, by the
//! pid in its lock file, with what to do.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;

use anyhow::{Result, anyhow};
use flowctl_proto::daemon::v1::GetInfoRequest;
use flowctl_proto::daemon::v1::daemon_client::DaemonClient;
use tonic::body::Body;
use tonic::codegen::InterceptedService;
use tonic::codegen::http::Request;
use tonic::service::Interceptor;
use tonic::transport::Channel;

/// The limit when `--timeout` is not given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// The `--timeout` setting of this process. One value for every connection
/// the process makes, set once before the command runs, so that every
/// command and helper reaches the daemon with the same patience without
/// each passing it along.
static TIMEOUT: OnceLock<Option<Duration>> = OnceLock::new();

/// Sets how long the daemon may take to answer; `Duration::ZERO` waits
/// without limit. Only the first call counts.
pub fn set_timeout(timeout: Duration) {
    let _ = TIMEOUT.set(Some(timeout).filter(|t| !t.is_zero()));
}

/// The limit in effect, `None` for none.
pub fn timeout() -> Option<Duration> {
    *TIMEOUT.get_or_init(|| Some(DEFAULT_TIMEOUT))
}

/// Waits for `future` within the limit; the error names the daemon.
pub async fn within<T>(socket: &Path, future: impl Future<Output = T>) -> Result<T> {
    match timeout() {
        None => Ok(future.await),
        Some(limit) => tokio::time::timeout(limit, future)
            .await
            .map_err(|_| anyhow!(not_answering(socket, limit))),
    }
}

/// What a user reads when the daemon does not answer in time.
pub fn not_answering(socket: &Path, limit: Duration) -> String {
    let after = match limit.as_millis() {
        ms if ms % 1000 == 0 => format!("{} s", ms / 1000),
        ms => format!("{ms} ms"),
    };
    match daemon_pid(socket) {
        Some(pid) => format!(
            "flowctld (pid {pid}) has not answered in {after}: it may be stopped or overloaded; \
             `flowctl daemon status`, or `kill -CONT {pid}` (--timeout sets how long to wait)"
        ),
        None => format!(
            "flowctld on {} has not answered in {after}: it may be stopped or overloaded; \
             `flowctl daemon status` (--timeout sets how long to wait)",
            socket.display()
        ),
    }
}

/// The pid the daemon wrote into its lock file beside the socket.
fn daemon_pid(socket: &Path) -> Option<u32> {
    let text = std::fs::read_to_string(flowctl_core::paths::daemon_lock_file(socket)).ok()?;
    text.trim().parse().ok()
}

/// Adds the client's version to every request (the daemon checks it).
#[derive(Clone, Copy, Debug, Default)]
pub struct AddVersion;

impl Interceptor for AddVersion {
    fn call(
        &mut self,
        mut request: tonic::Request<()>,
    ) -> Result<tonic::Request<()>, tonic::Status> {
        request.metadata_mut().insert(
            flowctl_proto::VERSION_HEADER,
            tonic::metadata::MetadataValue::from_static(flowctl_proto::VERSION),
        );
        Ok(request)
    }
}

/// The connection every request goes over.
type Inner = InterceptedService<Channel, AddVersion>;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Bounds every request of a client (see the module doc).
#[derive(Clone, Debug)]
pub struct Deadline {
    inner: Inner,
    socket: Arc<PathBuf>,
}

impl Deadline {
    /// Requests over `inner` to the daemon on `socket`.
    pub fn new(inner: Inner, socket: &Path) -> Deadline {
        Deadline {
            inner,
            socket: Arc::new(socket.to_path_buf()),
        }
    }
}

/// What the connection answers a request with.
type Answer = <Inner as tower::Service<Request<Body>>>::Response;

impl tower::Service<Request<Body>> for Deadline {
    type Response = Answer;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Answer, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        tower::Service::poll_ready(&mut self.inner, cx).map_err(BoxError::from)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        let call = tower::Service::call(&mut self.inner, request);
        let probe = DaemonClient::new(self.inner.clone());
        let socket = self.socket.clone();
        Box::pin(async move {
            let call = async move { call.await.map_err(BoxError::from) };
            let Some(limit) = timeout() else {
                return call.await;
            };
            tokio::pin!(call);
            // Half the limit for the answer, half for the probe: a daemon
            // that answers neither is reported after the limit itself.
            let half = limit / 2;
            loop {
                if let Ok(answer) = tokio::time::timeout(half, &mut call).await {
                    return answer;
                }
                // Slow, or not there at all? A daemon at work answers this.
                let mut probe = probe.clone();
                let alive = probe.get_info(GetInfoRequest {});
                tokio::select! {
                    answer = &mut call => return answer,
                    alive = tokio::time::timeout(half, alive) => if alive.is_err() {
                        // A status, so that tonic hands it to the caller as it is.
                        let status = tonic::Status::deadline_exceeded(not_answering(&socket, limit));
                        return Err(status.into());
                    },
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_silent_daemon_is_named_by_the_pid_in_its_lock_file() {
        let socket = std::env::temp_dir().join(format!("flowctl-{}-d.sock", std::process::id()));
        let lock = flowctl_core::paths::daemon_lock_file(&socket);
        let _ = std::fs::remove_file(&lock);
        let text = not_answering(&socket, Duration::from_millis(1500));
        assert!(text.contains("has not answered in 1500 ms"), "{text}");
        assert!(text.contains(&socket.display().to_string()), "{text}");
        std::fs::write(&lock, "4242\n").unwrap();
        let text = not_answering(&socket, Duration::from_secs(5));
        std::fs::remove_file(&lock).unwrap();
        assert!(
            text.starts_with("flowctld (pid 4242) has not answered in 5 s: it may be stopped"),
            "{text}"
        );
        assert!(text.contains("`kill -CONT 4242`"), "{text}");
    }
}
