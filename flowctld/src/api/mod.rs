//! The gRPC services, one file per service, over the shared daemon state.
//!
//! - [`daemon`]: the client API on the Unix socket;
//! - [`control_plane`]: `flowctl.v1.ControlPlaneService` for components;
//! - [`legacy`]: the legacy `flowctl.ControlPlane`, a view over the same state;
//! - [`every_run`]: the feed of every run's changes (`Watch` without a run);
//! - [`convert`]: every conversion between the daemon's own types and the
//!   wire, shared by the three (nothing outside `api/` builds a wire message
//!   except the supervisor's live streams, through these functions).

pub mod control_plane;
pub mod convert;
pub mod daemon;
pub mod every_run;
pub mod legacy;

/// The caller of a control-plane request, as looked up when its connection
/// was accepted ([`crate::peer`]); `None` outside the TCP listener (tests).
pub(crate) fn tcp_peer<T>(request: &tonic::Request<T>) -> Option<crate::peer::PeerInfo> {
    crate::peer::of(request).cloned()
}

/// A daemon's state in memory for tests, its state directory in `dir`.
#[cfg(test)]
pub(crate) fn test_state(dir: &std::path::Path) -> std::sync::Arc<crate::state::State> {
    let config = crate::config::Config::confined_to(dir, &dir.join("flowctl.sock"));
    let shutdown = crate::shutdown::Shutdown::new();
    std::sync::Arc::new(crate::state::State::open(config, shutdown).unwrap())
}
