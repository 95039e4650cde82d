//! A control plane reached over TCP (`host:port`): its `flowctl.v1`
//! `ControlPlaneService` and the legacy `flowctl.ControlPlane`, as an
//! operator queries a plane that is not the local daemon's socket.
//!
//! Every connection and every request is bounded by one wait; a plane that
//! refuses, hangs or is not gRPC is an error naming the address and the wait.
//!
//! - `access`: TLS and bearer token for a secured plane;
//! - `view`: how the plane's registrations and runs print;
//! - `report`: what an external plane reports during `run`.

pub mod access;
pub mod report;
pub mod view;

use std::time::Duration;

use anyhow::{Result, anyhow};
use flowctl_proto::legacy::control_plane_client::ControlPlaneClient;
use flowctl_proto::v1::control_plane_service_client::ControlPlaneServiceClient;
use tonic::Code;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Channel, Endpoint};

/// A channel to the plane whose requests carry the token, if any.
pub type Link = InterceptedService<Channel, access::Bearer>;

/// How long a control plane has to accept a connection and to answer each
/// request.
pub const WAIT: Duration = Duration::from_secs(5);

/// A control plane at one address.
pub struct Plane {
    /// `host:port` as given.
    pub addr: String,
    wait: Duration,
    /// `flowctl.v1.ControlPlaneService`.
    pub v1: ControlPlaneServiceClient<Link>,
    /// The legacy `flowctl.ControlPlane`.
    pub legacy: ControlPlaneClient<Link>,
}

impl Plane {
    /// Connects to the control plane at `addr` (`host:port`, or a URL),
    /// waiting at most `wait` for the connection and for each answer.
    pub async fn connect(addr: &str, wait: Duration) -> Result<Plane> {
        let url = if addr.contains("://") {
            addr.to_owned()
        } else if access::tls() {
            format!("https://{addr}")
        } else {
            format!("http://{addr}")
        };
        let endpoint = Endpoint::from_shared(url).map_err(|err| {
            anyhow!("'{addr}' is not a control-plane address ({err}): give it as host:port")
        })?;
        let endpoint = access::configure(endpoint.connect_timeout(wait).timeout(wait))?;
        let bearer = access::Bearer::from_flags()?;
        let channel = match tokio::time::timeout(wait, endpoint.connect()).await {
            Ok(Ok(channel)) => channel,
            Ok(Err(err)) => return Err(no_answer(addr, wait, &chain(&err))),
            Err(_) => return Err(no_answer(addr, wait, "the connection did not complete")),
        };
        Ok(Plane {
            addr: addr.to_owned(),
            wait,
            v1: ControlPlaneServiceClient::with_interceptor(channel.clone(), bearer.clone()),
            legacy: ControlPlaneClient::with_interceptor(channel, bearer),
        })
    }

    /// The answer of a request, bounded by the wait, with a failure of the
    /// plane itself (no answer, not gRPC) said as such.
    pub async fn call<T>(
        &self,
        request: impl Future<Output = Result<tonic::Response<T>, tonic::Status>>,
    ) -> Result<T> {
        match tokio::time::timeout(self.wait, request).await {
            Ok(Ok(response)) => Ok(response.into_inner()),
            Ok(Err(status)) => Err(self.failed(status)),
            Err(_) => Err(no_answer(&self.addr, self.wait, "no answer to the request")),
        }
    }

    /// A status as a user reads it: the plane's own refusals keep their
    /// message; transport failures name the address.
    fn failed(&self, status: tonic::Status) -> anyhow::Error {
        match status.code() {
            Code::Unavailable | Code::Cancelled | Code::DeadlineExceeded => {
                let cause = match std::error::Error::source(&status) {
                    Some(source) => chain(source),
                    None => status.message().to_owned(),
                };
                no_answer(&self.addr, self.wait, &cause)
            }
            Code::Unknown | Code::Internal | Code::Unimplemented
                if status.metadata().get("grpc-status").is_none() =>
            {
                anyhow!(
                    "{} answered, but not as a flowctl control plane ({}): check the \
                     address and port (`flowctl daemon status` shows a daemon's control plane)",
                    self.addr,
                    status.message()
                )
            }
            _ => anyhow!("control plane at {}: {}", self.addr, status.message()),
        }
    }
}

/// "no control plane answered at ADDR (waited N s)", with the cause and what
/// to do.
fn no_answer(addr: &str, wait: Duration, cause: &str) -> anyhow::Error {
    let source = if cause.is_empty() {
        String::new()
    } else {
        format!(" ({cause})")
    };
    anyhow!(
        "no control plane answered at {addr} (waited {} s){source}; check the address and \
         port and that the control plane runs (`flowctl daemon status` shows a daemon's \
         control plane)",
        wait.as_secs()
    )
}

/// An error and its causes, "a: b: c", without tonic's bare "transport error".
fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = Vec::new();
    let mut next = Some(err);
    while let Some(err) = next {
        let text = err.to_string();
        if text != "transport error" && !parts.iter().any(|p: &String| p.contains(&text)) {
            parts.push(text);
        }
        next = err.source();
    }
    parts.join(": ")
}
