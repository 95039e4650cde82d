//! The one error type of this crate.

use std::net::SocketAddr;

/// What can stop a component from starting or running.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An environment variable holds a value the component cannot use; the
    /// process exits with code 2.
    #[error("{var}={value:?}: {reason}")]
    BadEnv {
        /// Name of the variable.
        var: String,
        /// Its value as found.
        value: String,
        /// Why it is rejected and what is expected instead.
        reason: String,
    },
    /// A file named by the environment could not be opened.
    #[error("{var}: cannot open {path}: {source}")]
    OpenFile {
        /// Name of the variable that named the file.
        var: &'static str,
        /// The file.
        path: String,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The data-plane listener could not be bound.
    #[error(
        "cannot listen on {addr}: {source} (set PORT to a free port, or unset it for any free port)"
    )]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// Why it failed.
        source: std::io::Error,
    },
    /// Something the runtime needs from the OS failed (runtime, signal handlers).
    #[error("{action}: {source}")]
    Os {
        /// What was being done.
        action: &'static str,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The gRPC server stopped with an error.
    #[error("data-plane server failed: {0}")]
    Serve(#[from] tonic::transport::Error),
}

impl Error {
    /// Builds [`Error::BadEnv`].
    pub fn bad_env(var: &str, value: &str, reason: impl Into<String>) -> Self {
        Error::BadEnv {
            var: var.to_owned(),
            value: value.to_owned(),
            reason: reason.into(),
        }
    }

    /// Process exit code for this error: 2 for configuration mistakes, as
    /// for a bad command line, 1 for failures at run time.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::BadEnv { .. } | Error::OpenFile { .. } | Error::Bind { .. } => 2,
            Error::Os { .. } | Error::Serve(_) => 1,
        }
    }
}
