//! Staging dirs of pulls (`.staging/pull-*`): each is held by an exclusive
//! `flock` of its pull while that pull runs, so a later pull or `prune`
//! removes only those whose pull is gone (killed), never one in use.
//! Creating a staging dir and locking it happen under a shared lock of
//! `.staging/.lock`, and a sweep holds it exclusively: a sweep never sees a
//! staging dir between its creation and its lock.

use std::fs::File;
use std::path::{Path, PathBuf};

use nix::fcntl::{Flock, FlockArg};
use tempfile::TempDir;

use super::Settings;
use super::cache::staging_dir;

/// A pull's staging dir, removed when dropped, locked while it lives.
pub struct Staging {
    _owner: Flock<File>,
    dir: TempDir,
}

impl Staging {
    /// The staging dir.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

fn lock(path: &Path, arg: FlockArg) -> std::io::Result<Option<Flock<File>>> {
    let file = if path.is_dir() {
        File::open(path)?
    } else {
        File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?
    };
    match Flock::lock(file, arg) {
        Ok(lock) => Ok(Some(lock)),
        Err((_, nix::errno::Errno::EWOULDBLOCK)) => Ok(None),
        Err((_, errno)) => Err(errno.into()),
    }
}

fn guard(root: &Path, arg: FlockArg) -> std::io::Result<Flock<File>> {
    std::fs::create_dir_all(root)?;
    lock(&root.join(".lock"), arg)?.ok_or_else(|| std::io::Error::other("lock not taken"))
}

/// A new `pull-*` staging dir, held until dropped.
pub fn create(settings: &Settings) -> std::io::Result<Staging> {
    let root = staging_dir(settings);
    let _guard = guard(&root, FlockArg::LockShared)?;
    let dir = tempfile::Builder::new().prefix("pull-").tempdir_in(&root)?;
    let owner = lock(dir.path(), FlockArg::LockExclusiveNonblock)?
        .ok_or_else(|| std::io::Error::other("a fresh staging dir is locked"))?;
    Ok(Staging { _owner: owner, dir })
}

/// Removes the staging dirs whose pull is gone, and what an interrupted
/// install left (`old-*`); returns the dirs removed.
pub fn sweep(settings: &Settings) -> std::io::Result<Vec<PathBuf>> {
    let root = staging_dir(settings);
    if !root.is_dir() {
        return Ok(Vec::new());
    }
    let _guard = guard(&root, FlockArg::LockExclusive)?;
    let mut removed = Vec::new();
    for child in std::fs::read_dir(&root)?.flatten() {
        let path = child.path();
        let name = child.file_name().to_string_lossy().into_owned();
        let gone = if name.starts_with("pull-") {
            // Taken means its pull is gone; dropped right after removal.
            lock(&path, FlockArg::LockExclusiveNonblock)?.is_some()
        } else {
            name.starts_with("old-")
        };
        if gone && std::fs::remove_dir_all(&path).is_ok() {
            removed.push(path);
        }
    }
    Ok(removed)
}
