//! The error type of the shared crate: locations that cannot be used.

use std::path::PathBuf;

/// What can go wrong resolving or preparing flowctl's locations.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "socket path {} is too long ({len} bytes; the limit is {max}): \
         choose a shorter one with --socket or FLOWCTL_SOCKET",
        path.display()
    )]
    SocketPathTooLong {
        path: PathBuf,
        len: usize,
        max: usize,
    },

    #[error(
        "refusing to use {}: {reason}; remove it or point FLOWCTL_SOCKET elsewhere",
        path.display()
    )]
    UnsafeDirectory { path: PathBuf, reason: String },

    #[error(
        "refusing to use {}: it is {found}, not {expected}; flowctl leaves it alone. \
         Move it away or choose another path",
        path.display()
    )]
    Foreign {
        path: PathBuf,
        found: String,
        expected: &'static str,
    },

    #[error("cannot find your home directory: set HOME or the XDG_* variables")]
    NoHomeDirectory,
}

/// Shorthand for this crate's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;
