//! One component instance's log outputs: its file in the daemon's log
//! directory, and the same file in the user's `--log-dir` when one was given.

use std::path::PathBuf;

use super::paths::check_component_name;
use super::read::last_seq_blocking;
use super::rotate::RotatingFile;
use super::{LogError, Stream};
use flowctl_core::clock::format_rfc3339_ms;

/// The size at which a log file is rotated unless configured otherwise.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// How many files a component keeps unless configured otherwise, the one
/// being written included (`.log`, `.log.1`, `.log.2`).
pub const DEFAULT_KEEP: usize = 3;

/// Where component logs go and how much disk they may take; the daemon holds
/// one and opens every component's [`LogSink`] from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogConfig {
    /// The daemon's own log directory, the one [`read_tail`](super::read_tail)
    /// reads for `flowctl logs`.
    pub dir: PathBuf,
    /// The user's `--log-dir`, which receives the same files, rotated the
    /// same way.
    pub mirror_dir: Option<PathBuf>,
    /// A file is rotated when the next line would take it past this size.
    pub max_bytes: u64,
    /// Files kept per component, the current one included; at least 1.
    pub keep: usize,
}

impl LogConfig {
    /// Logs in `dir` only, with the default size limits.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        LogConfig {
            dir: dir.into(),
            mirror_dir: None,
            max_bytes: DEFAULT_MAX_BYTES,
            keep: DEFAULT_KEEP,
        }
    }

    /// The same configuration, also writing every file into `mirror_dir`.
    pub fn with_mirror(mut self, mirror_dir: impl Into<PathBuf>) -> Self {
        self.mirror_dir = Some(mirror_dir.into());
        self
    }
}

/// Writes one component instance's output lines, timestamped, numbered and
/// tagged with their stream, into its rotated log files.
///
/// Lines are numbered per component from 1: a sink opened on existing files
/// (the next instance of a component, or the same run resumed by the next
/// daemon) goes on from the last number stored, so numbers grow across
/// instances and rotations and a reader can tell which lines it has already.
///
/// Writing never fails: a file that meets an error is switched off and its
/// error kept for [`LogSink::take_errors`], so that a broken disk costs the
/// logs but never stalls the component, whose pipes must keep being drained.
#[derive(Debug)]
pub struct LogSink {
    component: String,
    outputs: Vec<RotatingFile>,
    errors: Vec<LogError>,
    /// The line being written, kept to reuse its allocation.
    line: Vec<u8>,
    /// The last timestamp formatted and its text: lines come many to a
    /// millisecond when a component floods.
    stamp: (i64, String),
    /// The number the next line gets.
    next_seq: u64,
}

impl LogSink {
    /// Opens (appending) `<component>.log` in the configured directory and in
    /// the mirror, creating the directories if needed.
    ///
    /// Fails when the component name cannot be a file name, a directory
    /// cannot be made or an existing file cannot be opened: better to say so
    /// when the component starts than to lose its logs silently. A file that
    /// does not exist yet is made with the first line written to it.
    ///
    /// Numbering goes on from the last line stored in the daemon's directory
    /// (the mirror may have been edited by the user, so it is not read).
    /// The caller must not open a component's sink while another one of it
    /// still writes, or both would give out the same numbers.
    pub async fn open(config: &LogConfig, component: &str) -> Result<Self, LogError> {
        check_component_name(component)?;
        let (config, name) = (config.clone(), component.to_owned());
        // The file system work in one task on the blocking pool, rather
        // than a hop per call: it is on the path of every (re)start.
        let opened = tokio::task::spawn_blocking(move || open_outputs(&config, &name)).await;
        let (next_seq, outputs) = opened.unwrap_or_else(|e| {
            Err(LogError::io(
                "open the logs of",
                component,
                std::io::Error::other(e),
            ))
        })?;
        Ok(LogSink {
            component: component.to_owned(),
            outputs,
            errors: Vec::new(),
            line: Vec::with_capacity(256),
            stamp: (i64::MIN, String::new()),
            next_seq,
        })
    }

    /// The component instance these logs belong to.
    pub fn component(&self) -> &str {
        &self.component
    }

    /// Writes `<timestamp> <seq> <stream> <text>` as one line into every
    /// output and returns the line's number. A newline inside `text` becomes
    /// a space, so one call is one stored line.
    ///
    /// Lines are buffered; [`LogSink::flush`] makes them visible to readers.
    pub async fn write_line(&mut self, at_ms: i64, stream: Stream, text: &str) -> u64 {
        if self.stamp.0 != at_ms {
            self.stamp = (at_ms, format_rfc3339_ms(at_ms));
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        self.line.clear();
        self.line.extend_from_slice(self.stamp.1.as_bytes());
        self.line.push(b' ');
        self.line.extend_from_slice(seq.to_string().as_bytes());
        self.line.push(b' ');
        self.line.extend_from_slice(stream.as_str().as_bytes());
        self.line.push(b' ');
        if text.contains('\n') {
            self.line
                .extend_from_slice(text.replace('\n', " ").as_bytes());
        } else {
            self.line.extend_from_slice(text.as_bytes());
        }
        self.line.push(b'\n');
        for output in &mut self.outputs {
            if let Err(e) = output.write(&self.line).await {
                self.errors.push(e);
            }
        }
        seq
    }

    /// Hands every buffered line to the operating system, so that readers of
    /// the files see it.
    pub async fn flush(&mut self) {
        for output in &mut self.outputs {
            if let Err(e) = output.flush().await {
                self.errors.push(e);
            }
        }
    }

    /// The errors met since the last call: at most one per output, since an
    /// output that failed is switched off.
    pub fn take_errors(&mut self) -> Vec<LogError> {
        std::mem::take(&mut self.errors)
    }

    /// Flushes, then returns every error not yet taken.
    pub async fn close(mut self) -> Vec<LogError> {
        self.flush().await;
        self.errors
    }
}

/// The number after the last line stored, and the opened outputs.
fn open_outputs(config: &LogConfig, component: &str) -> Result<(u64, Vec<RotatingFile>), LogError> {
    let next_seq = last_seq_blocking(&config.dir, component)? + 1;
    let dirs = std::iter::once(&config.dir).chain(&config.mirror_dir);
    let mut outputs = Vec::with_capacity(2);
    for dir in dirs {
        outputs.push(RotatingFile::open(
            dir,
            component,
            config.max_bytes,
            config.keep,
        )?);
    }
    Ok((next_seq, outputs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::parse_line;

    #[tokio::test]
    async fn lines_are_stamped_tagged_and_mirrored() {
        let tmp = tempfile::tempdir().unwrap();
        let config = LogConfig::new(tmp.path().join("own")).with_mirror(tmp.path().join("user"));
        let mut sink = LogSink::open(&config, "ingest").await.unwrap();
        sink.write_line(1_700_000_000_123, Stream::Stdout, "hello world")
            .await;
        sink.write_line(1_700_000_000_124, Stream::Stderr, "two\nlines")
            .await;
        assert!(sink.close().await.is_empty());

        for dir in [&config.dir, config.mirror_dir.as_ref().unwrap()] {
            let text = std::fs::read_to_string(dir.join("ingest.log")).unwrap();
            assert_eq!(
                text,
                "2023-11-14T22:13:20.123Z 1 stdout hello world\n\
                 2023-11-14T22:13:20.124Z 2 stderr two lines\n"
            );
            let first = text.lines().next().unwrap();
            assert_eq!(
                parse_line(first),
                Some((1_700_000_000_123, Stream::Stdout, "hello world"))
            );
        }
    }

    #[tokio::test]
    async fn a_bad_component_name_is_refused_before_any_file_is_made() {
        let tmp = tempfile::tempdir().unwrap();
        let config = LogConfig::new(tmp.path().join("logs"));
        let err = LogSink::open(&config, "../escape").await.unwrap_err();
        assert!(
            matches!(err, LogError::InvalidComponentName { .. }),
            "{err}"
        );
        assert!(!tmp.path().join("logs").exists());
    }

    #[tokio::test]
    async fn a_failing_mirror_is_reported_and_the_own_file_goes_on() {
        let tmp = tempfile::tempdir().unwrap();
        let mut config =
            LogConfig::new(tmp.path().join("own")).with_mirror(tmp.path().join("user"));
        config.max_bytes = 60;
        let mut sink = LogSink::open(&config, "c").await.unwrap();
        std::fs::remove_dir_all(tmp.path().join("user")).unwrap();
        for i in 0..5 {
            sink.write_line(0, Stream::Stdout, &format!("line {i}"))
                .await;
        }
        let errors = sink.close().await;
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].to_string().contains("user"), "{}", errors[0]);
        let own = std::fs::read_to_string(tmp.path().join("own/c.log")).unwrap();
        assert!(own.ends_with("stdout line 4\n"), "{own}");
    }
}
