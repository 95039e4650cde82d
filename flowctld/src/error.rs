//! The daemon library's one error type, and its mapping to gRPC statuses.

use std::path::PathBuf;

/// Everything that can go wrong in the daemon, each variant saying what
/// happened to what.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(transparent)]
    Location(#[from] flowctl_core::Error),

    #[error(
        "another flowctld (pid {pid}) is already running on {}; \
         stop it with `flowctl daemon stop` or choose another --socket",
        socket.display()
    )]
    AlreadyRunning { pid: String, socket: PathBuf },

    #[error(
        "something other than flowctld answers on {}: refusing to replace it; \
         choose another --socket or stop what listens there",
        .0.display()
    )]
    SocketInUse(PathBuf),

    #[error(
        "control-plane port {port} on {address} is already in use: \
         choose another with --control-plane-port (0 picks a free one)"
    )]
    PortInUse { address: String, port: u16 },

    #[error(
        "metrics address {0} is already in use: choose another with \
         --metrics-address (port 0 picks a free one)"
    )]
    MetricsAddressInUse(std::net::SocketAddr),

    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{}: {message}", path.display())]
    Config { path: PathBuf, message: String },

    #[error("database {}: {message}", path.display())]
    Store { path: PathBuf, message: String },

    #[error(
        "the state disk is full: cannot write the database {} ({detail}); \
         free space on its disk (old runs' logs are under the state directory's runs/) \
         and try again",
        path.display()
    )]
    DiskFull { path: PathBuf, detail: String },

    #[error(
        "cannot write the database {} ({detail}): check its disk; \
         flowctld opens it again at the next change",
        path.display()
    )]
    StoreIo { path: PathBuf, detail: String },

    #[error(
        "database {} is in use by another flowctld: stop it (`flowctl daemon stop`) or choose another --db-path",
        .0.display()
    )]
    StoreLocked(PathBuf),

    #[error("{0}")]
    Spec(#[from] flowctl_core::spec::Diagnostics),

    #[error("no run matches '{0}': `flowctl pipelines list` shows the runs")]
    RunNotFound(String),

    #[error("'{prefix}' matches several runs ({}): give more characters", candidates.join(", "))]
    AmbiguousRun {
        prefix: String,
        candidates: Vec<String>,
    },

    #[error("no component '{component}' in run {run}")]
    ComponentNotFound { run: String, component: String },

    #[error("no component is registered as '{0}'")]
    ServiceNotFound(String),

    #[error("{0}")]
    InvalidArgument(String),

    #[error("{0}")]
    FailedPrecondition(String),

    /// Something happened that the store could not record (`full`: the
    /// disk is full); the message says what the record says instead.
    #[error("{message}")]
    NotRecorded { message: String, full: bool },

    /// The caller may not do this (another process's component id).
    #[error("{0}")]
    PermissionDenied(String),
}

/// Shorthand used across the daemon library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Error> for tonic::Status {
    fn from(err: Error) -> Self {
        let message = err.to_string();
        match err {
            Error::RunNotFound(_) | Error::ComponentNotFound { .. } | Error::ServiceNotFound(_) => {
                tonic::Status::not_found(message)
            }
            Error::Spec(_) | Error::InvalidArgument(_) | Error::AmbiguousRun { .. } => {
                tonic::Status::invalid_argument(message)
            }
            Error::FailedPrecondition(_) | Error::AlreadyRunning { .. } => {
                tonic::Status::failed_precondition(message)
            }
            Error::PermissionDenied(_) => tonic::Status::permission_denied(message),
            Error::DiskFull { .. } | Error::NotRecorded { full: true, .. } => {
                tonic::Status::resource_exhausted(message)
            }
            Error::NotRecorded { .. } => tonic::Status::unavailable(message),
            Error::StoreIo { .. } => tonic::Status::unavailable(message),
            _ => tonic::Status::internal(message),
        }
    }
}
