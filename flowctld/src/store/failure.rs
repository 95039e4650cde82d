//! When a commit fails: naming what failed in words, and opening the file
//! again after an I/O error (redb refuses everything after one until then).

use std::path::Path;

use redb::Database;

use super::{Store, store_error};
use crate::error::{Error, Result};

/// Memory redb may keep of the file's pages (its default is 1 GiB, which a
/// long-lived daemon would fill run by run). The file holds at most
/// `keep_runs` runs and the registrations; what the daemon reads often is
/// in memory already (active runs whole, ended ones by their head), and
/// the operating system's page cache keeps the file at hand. Measured
/// (`bench/run.py`): after 31 runs of 100 components the idle daemon held
/// 3.6 MiB of its own with 2 MiB here and 2.8 MiB with 256 KiB, with no
/// difference in start latency that the noise let through.
pub(super) const CACHE_BYTES: usize = 256 * 1024;

/// Opens the redb file at `path` (which exists).
pub(super) fn open_file(path: &Path) -> Result<Database> {
    let opened = Database::builder().set_cache_size(CACHE_BYTES).create(path);
    opened.map_err(|err| match err {
        redb::DatabaseError::DatabaseAlreadyOpen => Error::StoreLocked(path.to_path_buf()),
        redb::DatabaseError::Storage(redb::StorageError::Io(io)) => io_error(path, &io),
        other => store_error(path, other),
    })
}

/// The error of an I/O failure on the database at `path`: a full disk is
/// said so, any other I/O error names the database and its cause.
fn io_error(path: &Path, io: &std::io::Error) -> Error {
    let full = matches!(
        io.raw_os_error(),
        Some(code) if code == nix::libc::ENOSPC || code == nix::libc::EDQUOT
    );
    if full {
        Error::DiskFull {
            path: path.to_path_buf(),
            detail: io.to_string(),
        }
    } else {
        Error::StoreIo {
            path: path.to_path_buf(),
            detail: io.to_string(),
        }
    }
}

impl Store {
    /// Runs `operation` on the database, opening it again first if an
    /// earlier I/O error closed it, and once more if redb reports that it
    /// needs to be (`PreviousIo`). An I/O error closes it for the next call.
    pub(super) fn with_db<T>(
        &self,
        operation: impl Fn(&Database) -> std::result::Result<T, redb::Error>,
    ) -> Result<T> {
        for attempt in 0..2 {
            let outcome = {
                let guard = self.db.read().unwrap_or_else(|e| e.into_inner());
                guard.as_ref().map(&operation)
            };
            match outcome {
                Some(Ok(value)) => return Ok(value),
                Some(Err(redb::Error::PreviousIo)) | None if attempt == 0 => self.reopen()?,
                Some(Err(redb::Error::Io(io))) => {
                    self.close();
                    return Err(io_error(&self.display(), &io));
                }
                Some(Err(err)) => return Err(self.error(err)),
                None => return Err(self.error("the database is closed after an I/O error")),
            }
        }
        Err(self.error("the database still fails after being opened again"))
    }

    /// Closes the file after an I/O error: redb refuses every transaction
    /// after one, so the next access opens it again.
    fn close(&self) {
        if self.path.is_some() {
            let closed = self.db.write().unwrap_or_else(|e| e.into_inner()).take();
            drop(closed);
        }
    }

    /// Opens the file again (closing it first: redb allows one handle).
    fn reopen(&self) -> Result<()> {
        let Some(path) = &self.path else {
            return Err(self.error("the in-memory database cannot be opened again"));
        };
        let mut guard = self.db.write().unwrap_or_else(|e| e.into_inner());
        drop(guard.take());
        *guard = Some(open_file(path)?);
        tracing::info!(db = %path.display(), "database opened again after an I/O error");
        Ok(())
    }
}
