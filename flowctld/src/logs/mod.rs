//! Supervised components' output: captured into size-capped log files, and
//! read back.
//!
//! Each component instance gets a [`LogSink`], which writes
//! `<dir>/<component>.log` (and the same file in the user's `--log-dir`, when
//! one was given; made with the first line) and rotates it, so that disk use stays within
//! `max_bytes * keep` however much the component prints. [`capture`] drains a
//! child's stdout and stderr into the sink until both close, publishes every
//! line to live followers, and keeps the last few lines for error messages.
//! [`read_tail`], [`list_components`] and [`parse_line`] read the files back,
//! and [`Follow`] shows a run's logs to a reader: the files, then live lines.
//! [`DaemonLog`] rotates the daemon's own log the same way.
//!
//! Each stored line reads `<RFC 3339 UTC time with millis> <seq> <stdout|stderr> <text>`,
//! where `seq` numbers the component's lines (files written before lines were
//! numbered lack it, and still read).
//!
//! # Layout
//! - `capture`: the task that drains both pipes of a child until end of file.
//! - `split`: cuts a pipe's bytes into lines of bounded length.
//! - `sink`: one component's log outputs (the daemon's directory and the mirror).
//! - `rotate`: one log file and its rotated predecessors.
//! - `recent`: the ring of last lines kept for error messages.
//! - `read`: tail, list and parse stored logs.
//! - `follow`: "backlog, then follow", the one reader of a run's logs for
//!   `Logs` and `Watch`, and its account of lines a slow reader missed.
//! - `daemon_log`: the daemon's own log file, rotated the same way.
//! - `paths`: log file names, and the check that a component name is a safe one.
//! - `error`: this module's error type.

mod capture;
mod daemon_log;
mod error;
mod follow;
mod paths;
mod read;
mod recent;
mod rotate;
mod sink;
mod split;

use std::fmt;

pub use capture::{CaptureReport, capture};
pub use daemon_log::{DaemonLog, daemon_log_writer};
pub use error::LogError;
pub use follow::{Entry, Follow, Gap};
pub use read::{StoredLine, first_kept_seq, list_components, parse_line, parse_stored, read_tail};
pub use recent::{DEFAULT_RECENT_LINES, RECENT_LINE_MAX_BYTES, RecentLines};
pub use sink::{DEFAULT_KEEP, DEFAULT_MAX_BYTES, LogConfig, LogSink};
pub use split::{CONTINUATION_MARKER, MAX_LINE_BYTES};

/// Which pipe of a component a line came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stream {
    /// The component's standard output.
    Stdout,
    /// The component's standard error.
    Stderr,
}

impl Stream {
    /// The tag written in log files and shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }

    /// Reads a tag written by [`Stream::as_str`] back; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Self> {
        match tag {
            "stdout" => Some(Stream::Stdout),
            "stderr" => Some(Stream::Stderr),
            _ => None,
        }
    }
}

impl fmt::Display for Stream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One line of a component's output, as live followers receive it and as the
/// recent-lines ring keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    /// The component instance that printed it, as its log file is named.
    pub component: String,
    /// When the daemon read it, in milliseconds since the Unix epoch (UTC).
    pub at_ms: i64,
    /// Its number among the component's lines, from 1, growing across the
    /// component's instances and log rotations (see [`LogSink`]).
    pub seq: u64,
    /// The pipe it came from.
    pub stream: Stream,
    /// The text without its newline. Invalid UTF-8 is replaced by U+FFFD, and
    /// a line longer than [`MAX_LINE_BYTES`] arrives as several pieces, each
    /// but the last ending with [`CONTINUATION_MARKER`].
    pub line: String,
}
