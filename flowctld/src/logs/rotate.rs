//! One log file and its rotated predecessors: `<component>.log`,
//! `<component>.log.1` and so on, the current one included in `keep`.
//!
//! Files are created 0600 and their directory 0700, since components print
//! secrets more often than anyone would like.

use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::fs::{DirBuilder, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

use tokio::fs;

use super::LogError;
use super::paths::log_path;

/// Lines are gathered in memory up to this size before reaching the file.
/// The buffer exists only while lines wait: a flush gives it back, so a
/// quiet component holds none.
const WRITE_BUFFER_BYTES: usize = 16 * 1024;

/// A log file that is rotated when the next line would take it past
/// `max_bytes`.
///
/// After a failure (disk full, directory removed) the file is switched off:
/// later writes to it do nothing, so that a component is never held up by its
/// logs. The error is returned once, by the call that met it.
#[derive(Debug)]
pub(super) struct RotatingFile {
    dir: PathBuf,
    component: String,
    /// `None` once the file was switched off by an error. Written on the
    /// blocking pool, so a slow disk never stalls the runtime.
    file: Option<Current>,
    /// Lines not yet handed to the file.
    pending: Vec<u8>,
    /// Bytes in the current file, counting those still pending.
    size: u64,
    max_bytes: u64,
    keep: usize,
}

/// The current file.
#[derive(Debug)]
enum Current {
    /// Not created yet: it is, with the first line to write, so that
    /// starting a hundred components creates no file for the quiet ones
    /// (creating a file is most of what a start costs the daemon).
    Later,
    Open(Arc<std::fs::File>),
}

impl RotatingFile {
    /// Opens `<dir>/<component>.log` for appending when it exists, creating
    /// the directory (0700) when missing; a missing file is created (0600)
    /// with the first line written to it.
    ///
    /// An existing directory keeps its permissions: it may be the user's own
    /// `--log-dir`, and the files in it are private anyway.
    /// Blocks on the file system: called on the blocking pool.
    pub(super) fn open(
        dir: &Path,
        component: &str,
        max_bytes: u64,
        keep: usize,
    ) -> Result<Self, LogError> {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| LogError::io("create directory", dir, e))?;
        let path = log_path(dir, component, 0);
        let (file, size) = match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => (Current::Later, 0),
            Err(e) => return Err(LogError::io("read the size of", &path, e)),
            Ok(_) => {
                let file = open_private(&path, false)?;
                let size = file
                    .metadata()
                    .map_err(|e| LogError::io("read the size of", &path, e))?
                    .len();
                (Current::Open(file), size)
            }
        };
        Ok(RotatingFile {
            dir: dir.to_path_buf(),
            component: component.to_owned(),
            file: Some(file),
            pending: Vec::new(),
            size,
            max_bytes,
            keep: keep.max(1),
        })
    }

    /// Appends `line` (newline included), rotating first when it would take
    /// the current file past `max_bytes`. A line longer than `max_bytes` still
    /// goes whole into a file of its own.
    pub(super) async fn write(&mut self, line: &[u8]) -> Result<(), LogError> {
        if self.file.is_none() {
            return Ok(());
        }
        let result = self.try_write(line).await;
        if result.is_err() {
            self.switch_off();
        }
        result
    }

    /// Hands pending lines to the operating system, so that readers of the
    /// file see them, and gives their buffer back.
    pub(super) async fn flush(&mut self) -> Result<(), LogError> {
        let result = self.write_pending().await;
        if result.is_err() {
            self.switch_off();
        }
        result
    }

    async fn write_pending(&mut self) -> Result<(), LogError> {
        let open = match &self.file {
            None => return Ok(()),
            Some(Current::Later) => None,
            Some(Current::Open(file)) => Some(file.clone()),
        };
        if self.pending.is_empty() {
            return Ok(());
        }
        let lines = std::mem::take(&mut self.pending);
        let path = self.path(0);
        let written = tokio::task::spawn_blocking(move || {
            let file = match open {
                Some(file) => file,
                None => open_private(&path, false)?,
            };
            (&*file)
                .write_all(&lines)
                .map_err(|e| LogError::io("write", &path, e))?;
            Ok(file)
        })
        .await
        .unwrap_or_else(|e| Err(LogError::io("write", self.path(0), io::Error::other(e))))?;
        self.file = Some(Current::Open(written));
        Ok(())
    }

    fn switch_off(&mut self) {
        self.file = None;
        self.pending = Vec::new();
    }

    fn path(&self, index: usize) -> PathBuf {
        log_path(&self.dir, &self.component, index)
    }

    async fn try_write(&mut self, line: &[u8]) -> Result<(), LogError> {
        let len = line.len() as u64;
        if self.size > 0 && self.size + len > self.max_bytes {
            self.rotate().await?;
        }
        self.pending.extend_from_slice(line);
        self.size += len;
        if self.pending.len() >= WRITE_BUFFER_BYTES {
            self.write_pending().await?;
        }
        Ok(())
    }

    /// Shifts `.log.N` to `.log.N+1` down to `.log` to `.log.1`, which drops
    /// the oldest file, then starts an empty `.log`. With `keep == 1` the
    /// current file is simply started again.
    async fn rotate(&mut self) -> Result<(), LogError> {
        self.write_pending().await?;
        self.file = None;
        for index in (0..self.keep - 1).rev() {
            let (from, to) = (self.path(index), self.path(index + 1));
            match fs::rename(&from, &to).await {
                Ok(()) => {}
                // Not rotated that far yet, or removed by hand: nothing to shift.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(LogError::io("rename", from, e)),
            }
        }
        let path = self.path(0);
        let opened = tokio::task::spawn_blocking(move || open_private(&path, true)).await;
        self.file = Some(Current::Open(opened.unwrap_or_else(|e| {
            Err(LogError::io("open", self.path(0), io::Error::other(e)))
        })?));
        self.size = 0;
        Ok(())
    }
}

/// Opens a log file for appending (or empty, with `truncate`), 0600 whether
/// it is new or was left more open by something else.
fn open_private(path: &Path, truncate: bool) -> Result<Arc<std::fs::File>, LogError> {
    let mut options = OpenOptions::new();
    options.create(true).mode(0o600);
    if truncate {
        options.write(true).truncate(true);
    } else {
        options.append(true);
    }
    let file = options
        .open(path)
        .map_err(|e| LogError::io("open", path, e))?;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
        .map_err(|e| LogError::io("set permissions of", path, e))?;
    Ok(Arc::new(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn file_sizes(dir: &Path) -> Vec<(String, u64)> {
        let mut entries = fs::read_dir(dir).await.unwrap();
        let mut sizes = Vec::new();
        while let Some(entry) = entries.next_entry().await.unwrap() {
            let len = entry.metadata().await.unwrap().len();
            sizes.push((entry.file_name().to_string_lossy().into_owned(), len));
        }
        sizes.sort();
        sizes
    }

    #[tokio::test]
    async fn rotation_keeps_keep_files_under_the_cap_and_drops_the_oldest() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("logs");
        let mut file = RotatingFile::open(&dir, "ingest", 1000, 3).unwrap();
        for i in 0..200 {
            file.write(format!("line {i:04} {}\n", "x".repeat(40)).as_bytes())
                .await
                .unwrap();
        }
        file.flush().await.unwrap();

        let sizes = file_sizes(&dir).await;
        let names: Vec<_> = sizes.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["ingest.log", "ingest.log.1", "ingest.log.2"]);
        for (name, len) in &sizes {
            assert!(*len <= 1000, "{name} is {len} bytes");
        }
        let newest = fs::read_to_string(dir.join("ingest.log")).await.unwrap();
        assert!(newest.ends_with(&format!("line 0199 {}\n", "x".repeat(40))));
        let oldest = fs::read_to_string(dir.join("ingest.log.2")).await.unwrap();
        assert!(
            !oldest.contains("line 0000 "),
            "the first lines were dropped"
        );
    }

    #[tokio::test]
    async fn a_line_longer_than_the_cap_gets_a_file_of_its_own() {
        let tmp = tempfile::tempdir().unwrap();
        let mut file = RotatingFile::open(tmp.path(), "c", 10, 2).unwrap();
        file.write(b"short\n").await.unwrap();
        file.write(b"much longer than ten\n").await.unwrap();
        file.write(b"next\n").await.unwrap();
        file.flush().await.unwrap();
        let read = |name: &str| std::fs::read_to_string(tmp.path().join(name)).unwrap();
        assert_eq!(read("c.log.1"), "much longer than ten\n");
        assert_eq!(read("c.log"), "next\n");
    }

    #[tokio::test]
    async fn files_are_private_and_reopening_appends() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("new");
        for text in ["first\n", "second\n"] {
            let mut file = RotatingFile::open(&dir, "c", 1000, 3).unwrap();
            file.write(text.as_bytes()).await.unwrap();
            file.flush().await.unwrap();
        }
        let path = dir.join("c.log");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first\nsecond\n");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir), 0o700);
    }

    #[tokio::test]
    async fn a_failing_file_reports_once_then_stays_quiet() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("gone");
        let mut file = RotatingFile::open(&dir, "c", 10, 2).unwrap();
        file.write(b"0123456789\n").await.unwrap();
        // Rotation must rename into a directory that no longer exists.
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(file.write(b"more\n").await.is_err());
        assert!(file.write(b"more\n").await.is_ok());
        assert!(file.flush().await.is_ok());
    }
}
