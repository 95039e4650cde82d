//! Waiting for a cgroup to empty, woken by the kernel (inotify on
//! `cgroup.events`, never polling), and ending a subtree: kill, wait, remove.

use std::io;
use std::path::Path;
use std::time::Duration;

use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify};
use tokio::io::unix::AsyncFd;

use super::Cgroup;

impl Cgroup {
    /// Waits until no process is left, up to `timeout`; true when empty.
    /// Woken by the kernel's notification on `cgroup.events`, not by polling.
    pub async fn wait_empty(&self, timeout: Duration) -> bool {
        // Usually already so (an instance's main process was reaped and the
        // rest killed): then no watch is set up at all.
        if !self.is_populated() {
            return true;
        }
        let watch = Inotify::init(InitFlags::IN_NONBLOCK | InitFlags::IN_CLOEXEC)
            .and_then(|inotify| {
                inotify.add_watch(&self.dir.join("cgroup.events"), AddWatchFlags::IN_MODIFY)?;
                Ok(inotify)
            })
            .ok()
            // SAFETY: the Inotify owns its descriptor, which stays open and
            // the same until the AsyncFd (which owns the Inotify) is dropped.
            .and_then(|inotify| unsafe { AsyncFd::register(Watch(inotify)) }.ok());
        let wait = async {
            loop {
                if !self.is_populated() {
                    return;
                }
                match &watch {
                    Some(fd) => match fd.readable().await {
                        Ok(mut ready) => {
                            let _ = fd.get_ref().0.read_events();
                            ready.clear_ready();
                        }
                        Err(_) => return std::future::pending().await,
                    },
                    // No inotify: the timeout below is all there is.
                    None => return std::future::pending().await,
                }
            }
        };
        let emptied = tokio::time::timeout(timeout, wait).await.is_ok() || !self.is_populated();
        // Closing an inotify instance waits for a kernel grace period
        // (milliseconds): not on the runtime's workers.
        if let Some(watch) = watch {
            tokio::task::spawn_blocking(move || drop(watch));
        }
        emptied
    }

    /// [`Cgroup::wait_empty`] for callers without a runtime (the guard, the
    /// sweep at startup): blocks on the kernel's notification, up to
    /// `timeout`; true when empty.
    pub fn wait_empty_blocking(&self, timeout: Duration) -> bool {
        use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
        use std::os::fd::AsFd;
        let deadline = std::time::Instant::now() + timeout;
        let inotify = Inotify::init(InitFlags::IN_NONBLOCK | InitFlags::IN_CLOEXEC)
            .and_then(|inotify| {
                inotify.add_watch(&self.dir.join("cgroup.events"), AddWatchFlags::IN_MODIFY)?;
                Ok(inotify)
            })
            .ok();
        loop {
            if !self.is_populated() {
                return true;
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let Some(inotify) = inotify.as_ref().filter(|_| !left.is_zero()) else {
                return !self.is_populated();
            };
            let millis = u16::try_from(left.as_millis()).unwrap_or(u16::MAX);
            let mut fds = [PollFd::new(inotify.as_fd(), PollFlags::POLLIN)];
            if poll(&mut fds, PollTimeout::from(millis)).is_err() {
                return !self.is_populated();
            }
            let _ = inotify.read_events();
        }
    }

    /// Removes the (empty) cgroup.
    pub fn remove(&self) {
        let _ = std::fs::remove_dir(&self.dir);
    }
}

/// How long killed processes may take to be gone before a cgroup is left
/// in place (a process stuck in the kernel cannot be hurried).
const KILL_GRACE: Duration = Duration::from_secs(5);

/// An inotify instance, as a descriptor the runtime can wait on.
struct Watch(Inotify);

impl std::os::fd::AsRawFd for Watch {
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        use std::os::fd::AsFd;
        self.0.as_fd().as_raw_fd()
    }
}

/// Kills every process below `dir`, waits until the kernel says none is
/// left, and removes the folders, deepest first.
pub(super) async fn end(dir: &Path) {
    if !dir.exists() {
        return;
    }
    let cgroup = Cgroup::at(dir.to_path_buf());
    cgroup.kill();
    if !cgroup.wait_empty(KILL_GRACE).await {
        tracing::warn!(cgroup = %dir.display(), "processes survive cgroup.kill; leaving the cgroup");
        return;
    }
    remove_tree(dir);
}

/// Kills every process below `dir` and removes the folders, without a
/// runtime (a dead daemon's subtree, from its guard or the next daemon).
pub fn end_blocking(dir: &Path) {
    if !dir.exists() {
        return;
    }
    let cgroup = Cgroup::at(dir.to_path_buf());
    cgroup.kill();
    if !cgroup.wait_empty_blocking(KILL_GRACE) {
        tracing::warn!(cgroup = %dir.display(), "processes survive cgroup.kill; leaving the cgroup");
        return;
    }
    remove_tree(dir);
}

/// Removes an empty cgroup folder and its children.
pub(super) fn remove_tree(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                remove_tree(&entry.path());
            }
        }
    }
    if let Err(err) = std::fs::remove_dir(dir)
        && err.kind() != io::ErrorKind::NotFound
    {
        tracing::warn!(cgroup = %dir.display(), %err, "cannot remove cgroup");
    }
}
