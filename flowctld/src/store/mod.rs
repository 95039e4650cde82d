//! The embedded database: runs, their components and the registry, kept in
//! one `redb` file (copy-on-write B-trees, checksummed commits), or in memory
//! with `--no-persistence`.
//!
//! Every write is one committed transaction before the caller goes on.
//! What a client is told about (a run created, its status or metrics
//! changed) is committed durably ([`Durable::Now`]), so a daemon killed at any
//! moment loses none of it. Bookkeeping (component pids, registrations, the
//! alive mark) is committed [`Durable::WithNext`]: a crash can lose the last
//! of it, which the next daemon does not need (its registrations come back
//! stale, its pids are gone).
//!
//! A commit that fails (the disk is full, an I/O error) changes nothing the
//! next daemon reads, and the caller gets the error (in words: "the state
//! disk is full: ..."); callers apply a change to what they keep in memory
//! only after its commit succeeded. After an I/O error redb refuses every
//! further transaction (`PreviousIo`) until the file is opened again: the
//! store closes the file at the first such error and opens it again at the
//! next access (lost then: the `WithNext` commits since the last durable
//! one, bookkeeping by definition).
//!
//! Layout:
//! - this file: opening, the schema check, reads and writes;
//! - `failure`: reopening after an I/O error, and naming what failed;
//! - [`records`]: the `Stored*` types, which *are* the on-disk format, and
//!   the fixed numbers of statuses and states;
//! - `migrate`: upgrading a file of an older schema on open (a checked-in
//!   fixture of schema 1 tests that it still loads).

use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use serde::Deserialize;

use crate::error::{Error, Result};

mod failure;
mod migrate;
pub mod records;
pub use records::{
    StoredComponentInfo, StoredComponentMetrics, StoredInstance, StoredMetrics, StoredRegistration,
    StoredResolved, StoredRun,
};

/// Version of the stored format: an older file is migrated on open, a
/// newer one is refused.
pub const SCHEMA_VERSION: u64 = 2;

const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
const RUNS: TableDefinition<&str, &[u8]> = TableDefinition::new("runs");
const REGISTRY: TableDefinition<&str, &[u8]> = TableDefinition::new("registry");

/// Meta key: the schema version of the file.
const KEY_SCHEMA: &str = "schema_version";
/// Meta key: unix ms when the last daemon was last known alive.
const KEY_ALIVE: &str = "daemon_alive_at_ms";

/// When a commit reaches the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durable {
    /// Before the commit returns (an fsync).
    Now,
    /// With the next `Now` commit; lost if the process dies before it.
    WithNext,
}

/// The database, or an in-memory one.
#[derive(Debug)]
pub struct Store {
    /// `None` once closed after an I/O error, until opened again.
    db: RwLock<Option<Database>>,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (or creates) the database file, private to the user.
    pub fn open(path: &Path) -> Result<Store> {
        // A mistyped --db-path must never turn a user's file into a database.
        flowctl_core::paths::refuse_foreign(path, flowctl_core::paths::Expect::Database)?;
        // A missing directory is created private; an existing one (the
        // user's own choice of --db-path) is left as it is.
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            use std::os::unix::fs::DirBuilderExt;
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|source| Error::Io {
                    action: "create directory",
                    path: dir.to_path_buf(),
                    source,
                })?;
        }
        // Create the file 0600 ourselves: it holds environments, which can
        // hold secrets, and redb would create it with the default mode.
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(path)
            .map_err(|source| Error::Io {
                action: "create database",
                path: path.to_path_buf(),
                source,
            })?;
        let store = Store {
            db: RwLock::new(Some(failure::open_file(path)?)),
            path: Some(path.to_path_buf()),
        };
        store.check_schema()?;
        Ok(store)
    }

    /// A store that keeps everything in memory and writes no file.
    pub fn in_memory() -> Result<Store> {
        let db = Database::builder()
            .set_cache_size(failure::CACHE_BYTES)
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .map_err(|err| store_error(Path::new("(memory)"), err))?;
        let store = Store {
            db: RwLock::new(Some(db)),
            path: None,
        };
        store.check_schema()?;
        Ok(store)
    }

    /// The file, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn check_schema(&self) -> Result<()> {
        let found = self.meta(KEY_SCHEMA)?;
        match found {
            None => self.set_meta(KEY_SCHEMA, SCHEMA_VERSION),
            Some(SCHEMA_VERSION) => Ok(()),
            Some(version) if version < SCHEMA_VERSION => self.migrate(version),
            Some(version) => Err(Error::Store {
                path: self.display(),
                message: format!(
                    "it was written by a newer flowctld (schema {version}, this one reads up \
                     to {SCHEMA_VERSION}): upgrade flowctl, or use another --db-path"
                ),
            }),
        }
    }

    /// Upgrades a file of schema `from` to [`SCHEMA_VERSION`] in one
    /// transaction: a crash midway leaves it at `from`, to be tried again.
    fn migrate(&self, from: u64) -> Result<()> {
        tracing::info!(db = %self.display().display(), from, to = SCHEMA_VERSION, "upgrading the database");
        self.write(Durable::Now, |txn| {
            migrate::v1_to_v2(txn, RUNS, REGISTRY)?;
            txn.open_table(META)?.insert(KEY_SCHEMA, SCHEMA_VERSION)?;
            Ok(())
        })
    }

    /// A number kept in the meta table.
    pub fn meta(&self, key: &str) -> Result<Option<u64>> {
        self.with_db(|db| {
            let read = db.begin_read()?;
            let Some(table) = existing(&read, META)? else {
                return Ok(None);
            };
            let value = table.get(key)?;
            Ok(value.map(|v| v.value()))
        })
    }

    /// Sets a number of the meta table, durably.
    pub fn set_meta(&self, key: &str, value: u64) -> Result<()> {
        self.write(Durable::Now, |txn| {
            txn.open_table(META)?.insert(key, value)?;
            Ok(())
        })
    }

    /// Records that the daemon is alive now (for "exited unexpectedly at").
    pub fn mark_alive(&self, at_ms: i64) -> Result<()> {
        self.write(Durable::WithNext, |txn| {
            txn.open_table(META)?
                .insert(KEY_ALIVE, at_ms.max(0) as u64)?;
            Ok(())
        })
    }

    /// When the previous daemon was last known alive.
    pub fn last_alive_ms(&self) -> Result<Option<i64>> {
        Ok(self.meta(KEY_ALIVE)?.map(|v| v as i64))
    }

    /// Stores a run, durably when `durable` says so (changes a client is
    /// told about), else with the next durable commit (bookkeeping such as
    /// component pids, which a crash makes moot anyway).
    pub fn put_run(&self, run: &StoredRun, durable: Durable) -> Result<()> {
        let bytes = serde_json::to_vec(run).map_err(|e| self.error(e))?;
        self.write(durable, |txn| {
            txn.open_table(RUNS)?
                .insert(run.id.as_str(), bytes.as_slice())?;
            Ok(())
        })
    }

    /// Deletes runs, durably.
    pub fn delete_runs(&self, ids: &[String]) -> Result<()> {
        self.write(Durable::Now, |txn| {
            let mut table = txn.open_table(RUNS)?;
            for id in ids {
                table.remove(id.as_str())?;
            }
            Ok(())
        })
    }

    /// Every stored run; an entry that cannot be read is skipped with a
    /// warning rather than costing all the others.
    pub fn load_runs(&self) -> Result<Vec<StoredRun>> {
        self.load(RUNS)
    }

    /// The stored runs of these ids, in their order; an id with no record
    /// (or an unreadable one, with a warning) is left out.
    pub fn get_runs(&self, ids: &[&str]) -> Result<Vec<StoredRun>> {
        self.with_db(|db| {
            let read = db.begin_read()?;
            let Some(table) = existing(&read, RUNS)? else {
                return Ok(Vec::new());
            };
            let mut runs = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(value) = table.get(*id)? {
                    runs.extend(parsed(id, value.value()));
                }
            }
            Ok(runs)
        })
    }

    /// Stores a registration (with the next durable commit).
    pub fn put_registration(&self, entry: &StoredRegistration) -> Result<()> {
        let bytes = serde_json::to_vec(entry).map_err(|e| self.error(e))?;
        // Registrations come back stale after a restart in any case, so
        // they need no fsync of their own.
        self.write(Durable::WithNext, |txn| {
            txn.open_table(REGISTRY)?
                .insert(entry.service_id.as_str(), bytes.as_slice())?;
            Ok(())
        })
    }

    /// Forgets a registration (with the next durable commit).
    pub fn delete_registration(&self, service_id: &str) -> Result<()> {
        self.write(Durable::WithNext, |txn| {
            txn.open_table(REGISTRY)?.remove(service_id)?;
            Ok(())
        })
    }

    /// Every stored registration (unreadable ones skipped, as runs are).
    pub fn load_registrations(&self) -> Result<Vec<StoredRegistration>> {
        self.load(REGISTRY)
    }

    fn load<T: for<'de> Deserialize<'de>>(
        &self,
        definition: TableDefinition<&str, &[u8]>,
    ) -> Result<Vec<T>> {
        self.with_db(|db| {
            let read = db.begin_read()?;
            let Some(table) = existing(&read, definition)? else {
                return Ok(Vec::new());
            };
            let mut items = Vec::new();
            for item in table.iter()? {
                let (key, value) = item?;
                items.extend(parsed(key.value(), value.value()));
            }
            Ok(items)
        })
    }

    /// Runs `change` in one write transaction and commits it.
    fn write(
        &self,
        durable: Durable,
        change: impl Fn(&redb::WriteTransaction) -> std::result::Result<(), redb::Error>,
    ) -> Result<()> {
        self.with_db(|db| {
            let mut txn = db.begin_write()?;
            if durable == Durable::WithNext {
                txn.set_durability(redb::Durability::None)?;
            }
            change(&txn)?;
            txn.commit()?;
            Ok(())
        })
    }

    fn display(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from("(memory)"))
    }

    fn error(&self, err: impl std::fmt::Display) -> Error {
        Error::Store {
            path: self.display(),
            message: err.to_string(),
        }
    }
}

/// `definition`'s table in `read`, `None` when nothing was written to it yet.
fn existing<K: redb::Key + 'static, V: redb::Value + 'static>(
    read: &redb::ReadTransaction,
    definition: TableDefinition<K, V>,
) -> std::result::Result<Option<redb::ReadOnlyTable<K, V>>, redb::Error> {
    match read.open_table(definition) {
        Ok(table) => Ok(Some(table)),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// A stored record, or `None` with a warning when it cannot be read (one
/// bad entry must not cost all the others).
fn parsed<T: for<'de> Deserialize<'de>>(key: &str, value: &[u8]) -> Option<T> {
    serde_json::from_slice(value)
        .map_err(|err| tracing::warn!(key, %err, "skipping an unreadable record"))
        .ok()
}

pub(super) fn store_error(path: &Path, err: impl std::fmt::Display) -> Error {
    Error::Store {
        path: path.to_path_buf(),
        message: err.to_string(),
    }
}

#[cfg(test)]
mod tests;
