//! The wire contracts of flowctl, generated from the `.proto` files beside
//! this crate.
//!
//! - [`daemon::v1`]: client <-> daemon over the user's Unix socket.
//! - [`v1`]: the `flowctl.v1` control plane and data plane, as components of
//!   the older Go flowctl speak them.
//! - [`legacy`]: the legacy `flowctl.ControlPlane` service.
//! - [`convert`]: conversions between these and the shared domain types.
//! - [`json`]: the JSON shapes of the daemon's answers (`-o json` and the
//!   daemon's HTTP API).

#![allow(clippy::all, missing_docs)]

pub mod convert;
pub mod json;

/// `flowctl.v1`: control plane and data plane.
pub mod v1 {
    tonic::include_proto!("flowctl.v1");
}

/// `flowctl`: the legacy control plane of the older Go flowctl.
pub mod legacy {
    tonic::include_proto!("flowctl");
}

/// `flowctl.daemon.v1`: the API between `flowctl` and `flowctld`.
pub mod daemon {
    pub mod v1 {
        tonic::include_proto!("flowctl.daemon.v1");
    }
}

/// Encoded `FileDescriptorSet` of every file above, for server reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/flowctl_descriptor.bin"));

/// Version of this build; client and daemon must agree on it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Metadata header that carries the client's [`VERSION`] on every request.
pub const VERSION_HEADER: &str = "flowctl-version";
