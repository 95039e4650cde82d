//! The relay driving the real example components, started standalone (no
//! control plane): each test plays the supervisor's part by telling the
//! relay where the components listen.
//!
//! The example binaries must be built first:
//! `cargo build -p flowctl-example-components`.

mod bench;
mod flows;
mod restart;
mod support;
