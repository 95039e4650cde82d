//! The runtime shared by flowctl's example components, and what they have in
//! common: each serves one `flowctl.v1` data-plane service, registers with the
//! control plane when run under flowctl, heartbeats, and stops cleanly on
//! SIGTERM. The binaries in `src/bin/` are the components themselves.
//!
//! # Layout
//!
//! - [`config`]: the environment a component receives, checked at start-up.
//! - [`component`]: its description, identity, counters, `GetInfo` and
//!   `HealthCheck` answers.
//! - [`control_plane`]: registration with retries, heartbeats, re-registration.
//! - [`access`]: TLS and bearer token for a control plane off loopback.
//! - [`runtime`]: bind, serve, signals, progress lines, graceful stop.
//! - [`shutdown`]: the one signal every task and stream watches.
//! - [`log`]: human-readable lines on stdout and stderr.
//! - [`error`]: the crate's error type and exit codes.

pub mod access;
pub mod component;
pub mod config;
pub mod control_plane;
pub mod error;
pub mod log;
pub mod runtime;
pub mod shutdown;

pub use component::{Component, Counter, Spec};
pub use error::Error;
pub use runtime::{exit_with, launch};
pub use shutdown::Shutdown;
