//! What can go wrong while writing or reading component logs.

use std::io;
use std::path::PathBuf;

use super::Stream;

/// An error of the log module, saying what happened to which file, pipe or
/// component.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// A file system operation on a log file or directory failed.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done, as a verb phrase ("create directory", "rename").
        action: &'static str,
        /// The file or directory it was done to.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },

    /// Reading a component's stdout or stderr failed; the rest of that pipe
    /// is lost, the other one is still captured.
    #[error("cannot read the {stream} of component '{component}': {source}")]
    ReadPipe {
        /// The component whose pipe failed.
        component: String,
        /// Which pipe.
        stream: Stream,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },

    /// The name cannot be used as a log file name.
    #[error("invalid component name '{name}': {reason}")]
    InvalidComponentName {
        /// The name as given.
        name: String,
        /// Why it was refused.
        reason: &'static str,
    },

    /// No log file exists for the component.
    #[error(
        "no logs for component '{component}' in {}: it has not started yet, or the name is misspelt",
        dir.display()
    )]
    NoLogs {
        /// The component asked for.
        component: String,
        /// The directory that was searched.
        dir: PathBuf,
    },
}

impl LogError {
    /// Wraps an I/O error with the action and path it happened to.
    pub(super) fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        LogError::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
