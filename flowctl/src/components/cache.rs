//! The per-user cache: `<cache>/<registry>/<repository>/<tag or digest>/`
//! holds `component`, `metadata.json` (when the image has one) and
//! `entry.json` (the reference, the manifest digest it resolved to, size,
//! when pulled and last used). Installs are a staging directory renamed into
//! place, so a killed pull leaves no half entry. The old CLI's cache
//! (`~/.flowctl/components/<name>/<version>/`) is read as a fallback.

use std::path::{Path, PathBuf};

use flowctl_core::reference::{DEFAULT_REGISTRY, Reference};
use serde::{Deserialize, Serialize};

use super::Settings;

/// `entry.json` of one cached component.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Entry {
    /// The full reference it was pulled as.
    pub reference: String,
    /// The manifest digest the reference resolved to; empty for the old
    /// CLI's cache, which recorded none.
    pub digest: String,
    /// Bytes of the executable and metadata.
    pub size: u64,
    /// Where the executable was in the image, e.g. `/component`.
    pub image_path: String,
    pub pulled_at_ms: i64,
    pub last_used_ms: i64,
}

/// A component found in the cache.
#[derive(Debug, Clone)]
pub struct Cached {
    pub dir: PathBuf,
    pub entry: Entry,
}

impl Cached {
    pub fn executable(&self) -> PathBuf {
        self.dir.join("component")
    }

    /// The `metadata.json` text, empty when there is none.
    pub fn metadata_json(&self) -> std::io::Result<String> {
        match std::fs::read_to_string(self.dir.join("metadata.json")) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
            other => other,
        }
    }
}

/// The entry directory of `reference`.
pub fn entry_dir(settings: &Settings, reference: &Reference) -> PathBuf {
    let version = match (&reference.tag, &reference.digest) {
        (Some(tag), Some(digest)) => format!("{tag}@{}", digest.replace(':', "-")),
        (Some(tag), None) => tag.clone(),
        (None, Some(digest)) => digest.replace(':', "-"),
        (None, None) => "latest".into(),
    };
    settings
        .cache_dir
        .join(reference.registry.replace(':', "_"))
        .join(&reference.repository)
        .join(version)
}

/// The lock file of `reference`'s entry.
pub fn lock_file(settings: &Settings, reference: &Reference) -> PathBuf {
    let dir = entry_dir(settings, reference);
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    dir.with_file_name(format!(".{name}.lock"))
}

/// Where pulls stage their files before the rename.
pub fn staging_dir(settings: &Settings) -> PathBuf {
    settings.cache_dir.join(".staging")
}

/// The cached component of `reference`, if complete (ours, else the old
/// CLI's for `docker.io` references).
pub fn lookup(settings: &Settings, reference: &Reference) -> Option<Cached> {
    let dir = entry_dir(settings, reference);
    if let Some(entry) = read_entry(&dir) {
        return Some(Cached { dir, entry });
    }
    legacy(settings, reference)
}

fn read_entry(dir: &Path) -> Option<Entry> {
    let text = std::fs::read(dir.join("entry.json")).ok()?;
    let entry: Entry = serde_json::from_slice(&text).ok()?;
    dir.join("component").is_file().then_some(entry)
}

fn legacy(settings: &Settings, reference: &Reference) -> Option<Cached> {
    if reference.registry != DEFAULT_REGISTRY {
        return None;
    }
    let dir = settings
        .legacy_dir
        .as_ref()?
        .join(reference.name())
        .join(reference.tag.as_ref()?);
    let size = std::fs::metadata(dir.join("component")).ok()?.len();
    Some(Cached {
        dir,
        entry: Entry {
            reference: reference.to_string(),
            size,
            image_path: "/component".into(),
            ..Entry::default()
        },
    })
}

/// Records a use, so `list` and `prune` know it (best effort: a read-only
/// cache still runs).
pub fn touch(cached: &mut Cached) {
    if cached.entry.digest.is_empty() {
        return;
    }
    cached.entry.last_used_ms = flowctl_core::clock::now_ms();
    let _ = write_entry(&cached.dir, &cached.entry);
}

fn write_entry(dir: &Path, entry: &Entry) -> std::io::Result<()> {
    let tmp = dir.join(".entry.json.tmp");
    std::fs::write(&tmp, serde_json::to_vec_pretty(entry)?)?;
    std::fs::rename(tmp, dir.join("entry.json"))
}

/// Moves the finished `staging` directory (with `component`) into place as
/// `reference`'s entry, replacing an older one.
pub fn install(
    settings: &Settings,
    reference: &Reference,
    staging: &Path,
    entry: &Entry,
) -> std::io::Result<Cached> {
    write_entry(staging, entry)?;
    let dir = entry_dir(settings, reference);
    std::fs::create_dir_all(dir.parent().unwrap_or(&settings.cache_dir))?;
    if dir.exists() {
        // Out of the way first: rename cannot replace a non-empty directory.
        let old = staging_dir(settings).join(format!("old-{}", uuid_like()));
        std::fs::rename(&dir, &old)?;
        let _ = std::fs::remove_dir_all(old);
    }
    std::fs::rename(staging, &dir)?;
    Ok(Cached {
        dir,
        entry: entry.clone(),
    })
}

fn uuid_like() -> String {
    format!("{}-{}", std::process::id(), flowctl_core::clock::now_ms())
}

/// Every entry of our cache.
pub fn list(settings: &Settings) -> Vec<Cached> {
    let mut found = Vec::new();
    walk(&settings.cache_dir, 0, &mut found);
    found.sort_by(|a, b| a.entry.reference.cmp(&b.entry.reference));
    found
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<Cached>) {
    if let Some(entry) = read_entry(dir) {
        found.push(Cached {
            dir: dir.to_path_buf(),
            entry,
        });
        return;
    }
    let Ok(children) = std::fs::read_dir(dir) else {
        return;
    };
    for child in children.flatten() {
        let name = child.file_name();
        if depth < 8 && !name.to_string_lossy().starts_with('.') && child.path().is_dir() {
            walk(&child.path(), depth + 1, found);
        }
    }
}

/// Removes one entry; false when there was none.
pub fn remove(settings: &Settings, reference: &Reference) -> std::io::Result<bool> {
    let dir = entry_dir(settings, reference);
    if read_entry(&dir).is_none() {
        return Ok(false);
    }
    std::fs::remove_dir_all(dir)?;
    Ok(true)
}

/// Removes what killed pulls left in staging (not what running pulls
/// hold) and the entries last used
/// before `before_ms`; returns the references removed.
pub fn prune(settings: &Settings, before_ms: i64) -> std::io::Result<Vec<String>> {
    super::staging::sweep(settings)?;
    let mut removed = Vec::new();
    for cached in list(settings) {
        let used = cached.entry.last_used_ms.max(cached.entry.pulled_at_ms);
        if used < before_ms {
            std::fs::remove_dir_all(&cached.dir)?;
            removed.push(cached.entry.reference);
        }
    }
    Ok(removed)
}
