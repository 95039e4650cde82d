//! flowctld: the daemon behind `flowctl`.
//!
//! It owns the control plane (components register and heartbeat over gRPC),
//! the record of pipeline runs, and the processes of those runs. The binary
//! is a thin `main` over [`run`], which tests call directly too.
//!
//! # Layout
//!
//! - [`config`]: defaults, `config.toml` and flags, resolved once;
//! - [`socket`]: the life-long lock, stale sockets, permissions;
//! - [`api`]: the gRPC services, one file per service;
//! - [`peer`]: who calls the control plane over TCP, and admitting only the daemon's user;
//! - [`registry`]: registered components, health, TTL;
//! - [`runs`]: run records and their state machine;
//! - [`store`]: the embedded database (redb) behind runs and the registry;
//! - [`supervisor`]: spawn, stop and watch the processes of runs;
//! - [`relay`]: events between a run's components, along the pipeline graph;
//! - [`logs`]: component output to rotated files, and back;
//! - [`server`]: binding the listeners and serving until shutdown;
//! - [`activation`]: socket activation, readiness and watchdog for systemd;
//! - [`guard`]: the process that ends a SIGKILLed daemon's components;
//! - [`shutdown`]: the one signal that stops everything.

pub mod activation;
pub mod api;
pub mod config;
pub mod error;
pub mod guard;
pub mod logs;
pub mod peer;
pub mod registry;
pub mod relay;
pub mod runs;
pub mod server;
pub mod shutdown;
pub mod socket;
pub mod state;
pub mod store;
pub mod supervisor;

pub use config::{Config, DaemonArgs, LogFormat};
pub use error::{Error, Result};
pub use server::run;
pub use shutdown::Shutdown;
