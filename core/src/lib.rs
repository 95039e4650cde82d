//! flowctl-core: what the client (`flowctl`) and the daemon (`flowctld`)
//! both need, and nothing else. Neither binary's machinery lives here: no
//! gRPC, no database, no processes.
//!
//! # Layout
//!
//! - [`spec`]: the pipeline file format: reading, checking and ordering a pipeline;
//! - [`reference`]: components by reference (`type: name@version`, `image:`);
//! - [`paths`]: where the socket, state and config live;
//! - [`settings`]: the one definition of the daemon's flags ([`DaemonArgs`]);
//! - [`status`]: the states of runs and components, their names and the
//!   run status transitions that are allowed;
//! - [`clock`]: milliseconds since the epoch, and RFC 3339 timestamps;
//! - [`env`]: names of the environment variables flowctl reads or sets;
//! - [`error`]: this crate's error type.

pub mod clock;
pub mod env;
pub mod error;
pub mod paths;
pub mod reference;
pub mod settings;
pub mod spec;
pub mod status;

pub use error::{Error, Result};
pub use settings::{DaemonArgs, LogFormat};
pub use status::{ComponentState, RunStatus};

/// A run id as tables show it: its first 8 characters.
pub fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}
