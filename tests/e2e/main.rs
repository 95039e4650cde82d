//! End-to-end tests: the real `flowctl` and `flowctld` binaries, each test in
//! its own temp dir with its own socket, state and config.
//!
//! Build the binaries first: `cargo build --workspace --bins && cargo test --workspace`.

mod control_plane;
mod daemon;
mod relay;
mod runs;
mod service;
mod settings;
mod state;
mod supervision;
mod validate;
