//! The daemon's own log file (`flowctld.log`, when the client started the
//! daemon with `--log-file`), rotated like component logs: a crash loop must
//! not fill the disk.
//!
//! The client points the daemon's stdout and stderr at the same file, so a
//! panic or a message printed before logging starts lands there too. After a
//! rotation those descriptors are moved to the new file, or they would go on
//! growing the renamed one.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::fmt::writer::BoxMakeWriter;

use super::LogError;

/// A log file that rotates to `<name>.1`, `<name>.2`... when the next write
/// would take it past its cap. Each write should be one whole line (as
/// `tracing`'s formatter writes an event), so that no line is cut in two.
///
/// Use it as a `tracing_subscriber` writer through a `Mutex`:
/// `.with_writer(std::sync::Mutex::new(log))`.
#[derive(Debug)]
pub struct DaemonLog {
    path: PathBuf,
    file: File,
    /// Bytes in the current file.
    size: u64,
    max_bytes: u64,
    /// Files kept, the current one included; at least 1.
    keep: usize,
    /// Whether stdout and stderr wrote to the file when it was opened, and
    /// so should follow it to each new file.
    carries_stdio: bool,
}

impl DaemonLog {
    /// Opens `path` for appending (0600), to be rotated past `max_bytes`
    /// with `keep` files kept.
    pub fn open(path: &Path, max_bytes: u64, keep: usize) -> Result<Self, LogError> {
        let file = open_append(path)?;
        let meta = file
            .metadata()
            .map_err(|e| LogError::io("read the size of", path, e))?;
        let carries_stdio = same_file(&io::stderr(), &meta);
        Ok(DaemonLog {
            path: path.to_path_buf(),
            file,
            size: meta.len(),
            max_bytes,
            keep: keep.max(1),
            carries_stdio,
        })
    }

    /// Shifts `<name>.N` to `<name>.N+1` (dropping the oldest) and `<name>`
    /// to `<name>.1`, then starts an empty `<name>`.
    fn rotate(&mut self) -> io::Result<()> {
        for index in (0..self.keep - 1).rev() {
            match std::fs::rename(self.numbered(index), self.numbered(index + 1)) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        // Appending, as the client opened it, since stdout and stderr share it.
        let file = open_append(&self.path).map_err(io::Error::other)?;
        if self.keep == 1 {
            file.set_len(0)?;
        }
        if self.carries_stdio {
            // Best effort: a failure leaves them on the renamed file.
            let _ = nix::unistd::dup2_stdout(&file);
            let _ = nix::unistd::dup2_stderr(&file);
        }
        self.file = file;
        self.size = 0;
        Ok(())
    }

    fn numbered(&self, index: usize) -> PathBuf {
        if index == 0 {
            return self.path.clone();
        }
        let mut name = self.path.as_os_str().to_owned();
        name.push(format!(".{index}"));
        PathBuf::from(name)
    }
}

impl Write for DaemonLog {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.size > 0 && self.size + buf.len() as u64 > self.max_bytes {
            // A file that cannot rotate is written on: the daemon's log is
            // worth more than its cap.
            let _ = self.rotate();
        }
        let written = self.file.write(buf)?;
        self.size += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// The writer for the daemon's own log: the rotated `log_file` when one is
/// given and opens, else stderr (where a daemon in the foreground logs).
pub fn daemon_log_writer(log_file: Option<&Path>, max_bytes: u64, keep: usize) -> BoxMakeWriter {
    match log_file.map(|path| DaemonLog::open(path, max_bytes, keep)) {
        Some(Ok(log)) => BoxMakeWriter::new(Mutex::new(log)),
        Some(Err(err)) => {
            eprintln!("flowctld: {err}; logging to stderr instead");
            BoxMakeWriter::new(io::stderr)
        }
        None => BoxMakeWriter::new(io::stderr),
    }
}

/// Opens a log file for appending, 0600 when it is created.
fn open_append(path: &Path) -> Result<File, LogError> {
    OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| LogError::io("open", path, e))
}

/// Whether `fd` refers to the file `meta` describes.
fn same_file(fd: &impl std::os::fd::AsFd, meta: &std::fs::Metadata) -> bool {
    nix::sys::stat::fstat(fd).is_ok_and(|st| st.st_dev == meta.dev() && st.st_ino == meta.ino())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_daemon_log_rotates_at_its_cap_and_keeps_its_files() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("flowctld.log");
        let mut log = DaemonLog::open(&path, 100, 3).unwrap();
        for i in 0..40 {
            log.write_all(format!("event {i:02} of the daemon\n").as_bytes())
                .unwrap();
        }
        assert_eq!(
            names(tmp.path()),
            ["flowctld.log", "flowctld.log.1", "flowctld.log.2"]
        );
        for name in names(tmp.path()) {
            let text = std::fs::read_to_string(tmp.path().join(&name)).unwrap();
            assert!(text.len() <= 100, "{name}: {text:?}");
            assert!(
                text.ends_with('\n') && text.starts_with("event "),
                "{text:?}"
            );
        }
        let newest = std::fs::read_to_string(&path).unwrap();
        assert!(newest.ends_with("event 39 of the daemon\n"), "{newest}");
        let mode = std::fs::metadata(&path).unwrap().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn reopening_appends_and_counts_what_is_there() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("d.log");
        std::fs::write(&path, "x".repeat(90) + "\n").unwrap();
        let mut log = DaemonLog::open(&path, 100, 2).unwrap();
        log.write_all(b"first line of the next daemon\n").unwrap();
        assert_eq!(names(tmp.path()), ["d.log", "d.log.1"]);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "first line of the next daemon\n"
        );
        let mut log = DaemonLog::open(&path, 1000, 1).unwrap();
        log.write_all(b"more\n").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "first line of the next daemon\nmore\n"
        );
    }
}
