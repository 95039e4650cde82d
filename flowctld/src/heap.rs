//! Handing freed heap back to the system. glibc keeps what the daemon frees
//! in its arena (one, see `main.rs`), so a long-lived daemon would keep the
//! peak of every run and of every burst of connections it ever served: an
//! idle gRPC connection holds ~35 KiB (h2's buffers and tables), and a
//! hundred components that connected and left kept 3.4 MiB until something
//! trimmed the heap.
//!
//! [`release_now`] trims at once (a run has ended); [`release_soon`] trims
//! once a burst is over (a connection closed), at most once a second.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How long [`release_soon`] waits, so that a burst of closing connections
/// costs one trim.
const RELEASE_AFTER: Duration = Duration::from_secs(1);

/// A trim is scheduled and has not run yet.
static PENDING: AtomicBool = AtomicBool::new(false);

/// Returns every free page of the heap to the system.
pub fn release_now() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks and trims the allocator's own free lists.
    unsafe {
        nix::libc::malloc_trim(0);
    }
}

/// [`release_now`] in a moment, once for however many callers ask until
/// then. Outside a runtime it trims at once.
pub fn release_soon() {
    if PENDING.swap(true, Ordering::AcqRel) {
        return;
    }
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => {
            runtime.spawn(async {
                tokio::time::sleep(RELEASE_AFTER).await;
                PENDING.store(false, Ordering::Release);
                release_now();
            });
        }
        Err(_) => {
            PENDING.store(false, Ordering::Release);
            release_now();
        }
    }
}
