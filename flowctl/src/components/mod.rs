//! Components by reference (`type: name@version`, `image:`): the client
//! pulls them from an OCI registry, verifies and caches them, and tells the
//! daemon which executable each referenced component runs.
//!
//! # Layout
//!
//! - `settings`: default registry and org, insecure registries, cache dir;
//! - `registry`: the OCI distribution client (auth, manifests, platforms);
//! - `download`: verified blob downloads into the staging dir;
//! - `extract`: the executable and `metadata.json` out of the layers;
//! - `cache`: the per-user cache, atomic installs, the old CLI's cache;
//! - `lock`: one download per reference at a time;
//! - `staging`: pulls' staging dirs, removed only once their pull is gone;
//! - `progress`: bars on a terminal, one line per component otherwise;
//! - `resolve`: a pipeline's references to `ResolvedComponent`s.

pub mod cache;
pub mod download;
pub mod error;
pub mod extract;
pub mod lock;
pub mod progress;
pub mod registry;
pub mod resolve;
pub mod settings;
pub mod staging;

pub use error::PullError;
pub use settings::{PullPolicy, RegistryArgs, Settings};
