//! One download per reference at a time: an exclusive `flock` on a file
//! beside the cache entry, held until the install is done, so two runs (or
//! two terminals) needing the same component download it once.

use std::fs::File;
use std::path::Path;

use nix::fcntl::{Flock, FlockArg};

/// A held lock; dropping it releases it.
pub struct Held {
    _lock: Flock<File>,
}

/// Waits (off the async threads) until the lock at `path` is ours.
pub async fn acquire(path: &Path) -> std::io::Result<Held> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        let lock = Flock::lock(file, FlockArg::LockExclusive)
            .map_err(|(_, errno)| std::io::Error::from(errno))?;
        Ok(Held { _lock: lock })
    })
    .await
    .map_err(std::io::Error::other)?
}
