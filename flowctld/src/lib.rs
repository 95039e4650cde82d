//! flowctld: the daemon behind `flowctl`.
//!
//! It owns the control plane (components register and heartbeat over gRPC),
//! the record of pipeline runs, and the processes of those runs. The binary
//! is a thin `main` over [`startup::serve`]; it binds the listeners and
//! calls [`run`], which in-process tests call directly on a temp socket and
//! port 0 (`tests/daemon`). The pipeline format and the locations are in
//! `flowctl-core`, shared with the client.
//!
//! # Layout
//!
//! - [`startup`]: the lock, socket activation, the guard, readiness, then `run`;
//! - `server`: serving the daemon on bound listeners until shutdown;
//! - `config`: defaults, `config.toml` and flags, resolved once;
//! - `socket`: the life-long lock, stale sockets, permissions;
//! - `state`: what every service shares (store, registry, runs, supervisor);
//! - `api`: the gRPC services, one file per service;
//! - `http`: the socket's listener (gRPC and an HTTP/1.1 JSON API beside it);
//! - [`peer`]: who calls the control plane over TCP, and who is admitted;
//! - `tls`: TLS, bearer token and `--insecure` for a non-loopback control plane;
//! - `own_plane`: the loopback listener of the components the daemon starts,
//!   beside a control plane with TLS or off loopback;
//! - `procfs`: what Linux's /proc tells: who holds a connection, process
//!   trees and start times (used by `peer` and `supervisor`);
//! - [`registry`]: registered components, health, TTL;
//! - [`runs`]: run records and their state machine;
//! - [`store`]: the embedded database (redb) behind runs and the registry;
//! - [`supervisor`]: spawn, stop and watch the processes of runs;
//! - [`relay`]: events between a run's components, along the pipeline graph;
//! - [`logs`]: component output to rotated files, and back;
//! - `metrics`: Prometheus `/metrics` on `--metrics-address`;
//! - `activation`: socket activation, readiness and watchdog for systemd;
//! - [`guard`]: the process that ends a SIGKILLed daemon's components;
//! - `shutdown`: the one signal that stops everything;
//! - `error`: the crate's one error type.
//!
//! # Glossary
//!
//! - **run**: one execution of a pipeline file, with an id;
//! - **component**: one entry of `sources`/`processors`/`sinks` within a run;
//! - **instance**: one process (group) of a component; every restart makes
//!   a new instance;
//! - **restart**: a new instance of a component, by policy or by hand;
//! - **rerun**: a new run (new id) from a recorded run's pipeline;
//! - **resume**: the same run (same id) started again by the next daemon
//!   after `flowctl daemon restart`;
//! - **recover**: a registration whose heartbeats expired becoming healthy
//!   again on a heartbeat;
//! - **phase**: where a component is in the supervisor's state machine.
//!
//! The public surface is what `main.rs` and the integration tests use:
//! [`run`], [`startup`], [`Config`], [`Shutdown`], [`guard::run`],
//! [`relay`] (its tests) and [`store`] (the benchmark figures). `registry`,
//! `runs`, `supervisor` and `logs` are still public only because they hold
//! items nothing else uses yet (they are being reworked); everything else
//! is private to the crate.

pub(crate) mod activation;
pub(crate) mod api;
pub(crate) mod config;
pub(crate) mod error;
pub mod guard;
pub(crate) mod heap;
pub(crate) mod http;
pub mod logs;
pub(crate) mod metrics;
pub(crate) mod own_plane;
pub mod peer;
pub(crate) mod procfs;
pub mod registry;
pub mod relay;
pub mod runs;
pub(crate) mod server;
pub(crate) mod shutdown;
pub(crate) mod socket;
pub mod startup;
pub(crate) mod state;
pub mod store;
pub mod supervisor;
pub(crate) mod tls;

pub use config::{Config, DaemonArgs, LogFormat};
pub use error::{Error, Result};
pub use server::{Listeners, Ready, run};
pub use shutdown::Shutdown;
