//! One signal that tells every task of the daemon to stop.

use tokio::sync::watch;

/// Cloneable handle: `trigger` once, and every `wait` returns.
#[derive(Clone, Debug)]
pub struct Shutdown {
    tx: watch::Sender<bool>,
    restart_runs: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Default for Shutdown {
    fn default() -> Self {
        Self::new()
    }
}

impl Shutdown {
    /// A handle nobody has triggered yet.
    pub fn new() -> Shutdown {
        Shutdown {
            tx: watch::channel(false).0,
            restart_runs: Default::default(),
        }
    }

    /// Asks everything to stop, with the active runs to be started again
    /// by the next daemon (`flowctl daemon restart`).
    pub fn trigger_restart(&self) {
        self.restart_runs
            .store(true, std::sync::atomic::Ordering::SeqCst);
        self.trigger();
    }

    /// Whether the active runs should be started again by the next daemon.
    pub fn restart_runs(&self) -> bool {
        self.restart_runs.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Asks everything to stop; later calls do nothing more.
    pub fn trigger(&self) {
        self.tx.send_replace(true);
    }

    /// Whether `trigger` has been called.
    pub fn is_triggered(&self) -> bool {
        *self.tx.borrow()
    }

    /// Returns once `trigger` has been called (at once if it already was).
    pub async fn wait(&self) {
        let mut rx = self.tx.subscribe();
        // `wait_for` checks the current value first; the sender lives in
        // `self`, so the channel cannot close while we wait.
        let _ = rx.wait_for(|stopped| *stopped).await;
    }
}
