//! What can go wrong pulling a component, each saying on what and what to do.

use std::path::PathBuf;

/// A pull that failed; the message is the one the user reads.
#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(
        "{reference}: not found on registry {registry} (no such repository or tag); check the name and version"
    )]
    NotFound { reference: String, registry: String },
    #[error(
        "{reference}: registry {registry} is unreachable ({detail}); start it or check the address, or run with --pull never to use only cached components"
    )]
    Unreachable {
        reference: String,
        registry: String,
        detail: String,
    },
    #[error("{reference}: registry {registry} requires authentication; log in (e.g. `docker login {registry}`) so that {} holds credentials for it", .credentials.display())]
    Unauthorized {
        reference: String,
        registry: String,
        credentials: PathBuf,
    },
    #[error(
        "{reference}: blob {digest} does not match its digest ({detail}); nothing was installed"
    )]
    DigestMismatch {
        reference: String,
        digest: String,
        detail: String,
    },
    #[error("{reference}: the image has no component executable; looked for {}", .looked.join(", "))]
    NoExecutable {
        reference: String,
        looked: Vec<String>,
    },
    #[error("{reference}: no manifest for {wanted}; the image has {}", if .available.is_empty() { "no platforms listed".to_owned() } else { .available.join(", ") })]
    NoPlatform {
        reference: String,
        wanted: String,
        available: Vec<String>,
    },
    #[error("{reference}: layer {digest}: {detail}; nothing was installed")]
    UnsafeLayer {
        reference: String,
        digest: String,
        detail: String,
    },
    #[error(
        "{reference} is not cached and --pull never forbids fetching it; run `flowctl components pull {reference}` or use --pull missing"
    )]
    NotCached { reference: String },
    #[error("{reference}: {detail}")]
    Other { reference: String, detail: String },
}
