//! End-to-end tests: the real `flowctl` and `flowctld` binaries, each test in
//! its own temp dir with its own socket, state and config.
//!
//! Build the binaries first: `cargo build --workspace --bins && cargo test --workspace`.
//! Every test uses [`flowctl_tests::World`], whose drop leaves no process
//! behind, and its shared helpers; each module opens with what belongs there.

mod components;
mod containment;
mod control_plane;
mod daemon;
mod dashboard;
mod disk_full;
mod grpc_clients;
mod harness;
mod http_api;
mod init;
mod logs;
mod metrics;
mod no_spawn;
mod operator;
mod podman;
mod ready;
mod relay;
mod runs;
mod security;
mod service;
mod settings;
mod state;
mod supervision;
mod tls;
mod translate;
mod validate;
mod waits;
mod watch_streams;
