//! The one harness of the end-to-end tests, the benchmark figures and the
//! component tests: a private daemon world in a temp dir, commands that print
//! everything when they fail, and the helpers tests share.
//!
//! Every [`World`] has its own socket, state and config directories, so a
//! test never touches the user's daemon. Every process a world starts carries
//! the world's marker in its environment, and so do their children; dropping
//! the world stops its daemon and then kills, by pid, every process still
//! carrying the marker, so a test that panics leaves nothing behind.
//!
//! # Layout
//! - [`command`]: where the binaries are, and [`Run`], a finished command
//!   that prints its command line, cwd, status, stdout and stderr on failure.
//! - [`process`]: liveness, signals by pid, finding processes by
//!   environment, bounded polling.
//! - [`world`]: [`World`], the private installation, and what it cleans up.
//! - [`background`]: [`Background`], a command left running.
//! - [`observe`]: what tests read back from the daemon (run records, waits
//!   for a status, the daemon's own status).
//! - [`pipeline`]: pipeline files built from their components.
//! - [`podman`]: a podman confined to a temp dir, and images imported from
//!   this workspace's binaries.
//! - [`registry`]: a real OCI registry (`docker-registry`) and test images
//!   pushed to it.
//! - [`require`]: tools a test needs: missing ones fail under CI and are
//!   reported as skipped elsewhere.
//! - [`component`]: example components started by hand, without a daemon.
//! - [`control`]: requests of tests that play a component to the control plane.

pub mod background;
pub mod command;
pub mod component;
pub mod control;
pub mod observe;
pub mod pipeline;
pub mod podman;
pub mod process;
pub mod registry;
pub mod require;
pub mod world;

pub use background::Background;
pub use command::{Run, bin};
pub use observe::{PATIENCE, component, pids, run_ids};
pub use pipeline::{Pipeline, example, example_env, quote, sh};
pub use process::{alive, kill, processes_with_env, wait_until};
pub use require::{needs, needs_root, unable};
pub use world::World;
