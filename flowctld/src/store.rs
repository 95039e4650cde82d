//! The embedded database: runs, their components and the registry, kept in
//! one `redb` file (copy-on-write B-trees, checksummed commits), or in memory
//! with `--no-persistence`.
//!
//! Every write is one committed transaction before the caller goes on, so a
//! daemon killed at any moment loses nothing it acknowledged. Values are
//! JSON documents of the `Stored*` types below: those types *are* the
//! on-disk format, versioned by [`SCHEMA_VERSION`]; new fields must have
//! defaults so older files keep loading (a checked-in fixture tests that).

use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Version of the stored format; a file with a newer one is refused.
pub const SCHEMA_VERSION: u64 = 1;

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

/// One run as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredRun {
    pub id: String,
    pub pipeline_name: String,
    pub pipeline_path: String,
    pub config_yaml: String,
    pub working_dir: String,
    pub env: std::collections::BTreeMap<String, String>,
    pub log_dir: String,
    /// `RunStatus` number.
    pub status: i32,
    /// `(RunStatus number, unix ms)` for every status the run went through.
    pub history: Vec<(i32, i64)>,
    pub started_at_ms: i64,
    pub ended_at_ms: i64,
    pub error: String,
    pub component_ids: Vec<String>,
    /// The legacy `RunMetrics`, protobuf-encoded.
    pub metrics: Vec<u8>,
    pub supervised: bool,
    /// How many times `flowctl daemon restart` started this run again.
    pub restarts: u32,
    /// The run this one re-runs (`flowctl pipelines restart`).
    pub restarted_from: String,
    /// Start this run again when the next daemon starts.
    pub resume: bool,
    pub components: Vec<StoredComponent>,
}

/// One component instance of a run as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredComponent {
    pub id: String,
    pub kind: String,
    /// `ComponentState` number.
    pub state: i32,
    /// Also its process group.
    pub pid: u32,
    pub started_at_ms: i64,
    pub exit: String,
    pub restarts: u32,
    pub service_id: String,
    pub last_restart_reason: String,
}

/// One control-plane registration as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredRegistration {
    pub service_id: String,
    /// `ComponentInfo`, protobuf-encoded.
    pub info: Vec<u8>,
    pub registered_at_ms: i64,
}

/// The database, or an in-memory one.
#[derive(Debug)]
pub struct Store {
    db: Database,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (or creates) the database file, private to the user.
    pub fn open(path: &Path) -> Result<Store> {
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
        let db = Database::create(path).map_err(|err| match err {
            redb::DatabaseError::DatabaseAlreadyOpen => Error::StoreLocked(path.to_path_buf()),
            other => store_error(path, other),
        })?;
        let store = Store {
            db,
            path: Some(path.to_path_buf()),
        };
        store.check_schema()?;
        Ok(store)
    }

    /// A store that keeps everything in memory and writes no file.
    pub fn in_memory() -> Result<Store> {
        let db = Database::builder()
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .map_err(|err| store_error(Path::new("(memory)"), err))?;
        let store = Store { db, path: None };
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
            Some(version) if version <= SCHEMA_VERSION => Ok(()),
            Some(version) => Err(Error::Store {
                path: self.display(),
                message: format!(
                    "it was written by a newer flowctld (schema {version}, this one reads up \
                     to {SCHEMA_VERSION}): upgrade flowctl, or use another --db-path"
                ),
            }),
        }
    }

    pub fn meta(&self, key: &str) -> Result<Option<u64>> {
        let read = self.db.begin_read().map_err(|e| self.error(e))?;
        let table = match read.open_table(META) {
            Ok(table) => table,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(err) => return Err(self.error(err)),
        };
        let value = table.get(key).map_err(|e| self.error(e))?;
        Ok(value.map(|v| v.value()))
    }

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

    pub fn delete_registration(&self, service_id: &str) -> Result<()> {
        self.write(Durable::WithNext, |txn| {
            txn.open_table(REGISTRY)?.remove(service_id)?;
            Ok(())
        })
    }

    pub fn load_registrations(&self) -> Result<Vec<StoredRegistration>> {
        self.load(REGISTRY)
    }

    fn load<T: for<'de> Deserialize<'de>>(
        &self,
        definition: TableDefinition<&str, &[u8]>,
    ) -> Result<Vec<T>> {
        let read = self.db.begin_read().map_err(|e| self.error(e))?;
        let table = match read.open_table(definition) {
            Ok(table) => table,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
            Err(err) => return Err(self.error(err)),
        };
        let mut items = Vec::new();
        for item in table.iter().map_err(|e| self.error(e))? {
            let (key, value) = item.map_err(|e| self.error(e))?;
            match serde_json::from_slice(value.value()) {
                Ok(parsed) => items.push(parsed),
                Err(err) => {
                    tracing::warn!(key = key.value(), %err, "skipping an unreadable record")
                }
            }
        }
        Ok(items)
    }

    /// Runs `change` in one write transaction and commits it.
    fn write(
        &self,
        durable: Durable,
        change: impl FnOnce(&redb::WriteTransaction) -> std::result::Result<(), redb::Error>,
    ) -> Result<()> {
        let mut txn = self.db.begin_write().map_err(|e| self.error(e))?;
        if durable == Durable::WithNext {
            txn.set_durability(redb::Durability::None)
                .map_err(|e| self.error(e))?;
        }
        change(&txn).map_err(|e| self.error(e))?;
        txn.commit().map_err(|e| self.error(e))
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

fn store_error(path: &Path, err: impl std::fmt::Display) -> Error {
    Error::Store {
        path: path.to_path_buf(),
        message: err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn run(id: &str) -> StoredRun {
        StoredRun {
            id: id.into(),
            pipeline_name: "p".into(),
            status: 2,
            components: vec![StoredComponent {
                id: "gen".into(),
                pid: 42,
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn runs_round_trip_and_survive_reopening() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("state/flowctl.redb");
        {
            let store = Store::open(&path).unwrap();
            store.put_run(&run("a"), Durable::Now).unwrap();
            store.put_run(&run("b"), Durable::Now).unwrap();
            store.delete_runs(&["b".into()]).unwrap();
        }
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.load_runs().unwrap(), vec![run("a")]);
    }

    #[test]
    fn a_second_opener_gets_a_clear_error() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("flowctl.redb");
        let _first = Store::open(&path).unwrap();
        let err = Store::open(&path).unwrap_err().to_string();
        assert!(err.contains("another flowctld"), "{err}");
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("flowctl.redb");
        Store::open(&path)
            .unwrap()
            .set_meta(KEY_SCHEMA, SCHEMA_VERSION + 1)
            .unwrap();
        let err = Store::open(&path).unwrap_err().to_string();
        assert!(err.contains("newer flowctld"), "{err}");
    }

    /// The file format of the first release must keep loading. The fixture
    /// was written by `fixture_writer` below at schema 1; never regenerate it.
    #[test]
    fn loads_the_first_released_format() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("v1.redb");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/store/v1.redb");
        std::fs::copy(&fixture, &path).unwrap();
        let store = Store::open(&path).unwrap();
        let runs = store.load_runs().unwrap();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].id, "0f1e2d3c-0000-4000-8000-000000000001");
        assert_eq!(runs[0].pipeline_name, "hello");
        assert_eq!(runs[0].components[0].exit, "exit status 0");
        assert_eq!(store.load_registrations().unwrap()[0].service_id, "gen");
    }

    /// Writes the fixture above; run by hand only when adding a new one:
    /// `cargo test -p flowctld fixture_writer -- --ignored`.
    #[test]
    #[ignore]
    fn fixture_writer() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/store/v1.redb");
        let _ = std::fs::remove_file(&path);
        let store = Store::open(&path).unwrap();
        store
            .put_run(
                &StoredRun {
                    id: "0f1e2d3c-0000-4000-8000-000000000001".into(),
                    pipeline_name: "hello".into(),
                    status: 5,
                    history: vec![
                        (1, 1_700_000_000_000),
                        (2, 1_700_000_001_000),
                        (5, 1_700_000_060_000),
                    ],
                    started_at_ms: 1_700_000_000_000,
                    ended_at_ms: 1_700_000_060_000,
                    component_ids: vec!["gen".into()],
                    supervised: true,
                    components: vec![StoredComponent {
                        id: "gen".into(),
                        kind: "source".into(),
                        state: 5,
                        pid: 4242,
                        exit: "exit status 0".into(),
                        ..Default::default()
                    }],
                    ..Default::default()
                },
                Durable::Now,
            )
            .unwrap();
        store
            .put_registration(&StoredRegistration {
                service_id: "gen".into(),
                info: Vec::new(),
                registered_at_ms: 1_700_000_000_500,
            })
            .unwrap();
    }
}
