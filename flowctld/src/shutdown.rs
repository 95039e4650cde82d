//! One signal that tells every task of the daemon to stop.

use tokio::sync::watch;

/// Cloneable handle: `trigger` once, and every `wait` returns.
#[derive(Clone, Debug)]
pub struct Shutdown {
    tx: watch::Sender<bool>,
}

impl Default for Shutdown {
    fn default() -> Self {
        Self::new()
    }
}

impl Shutdown {
    pub fn new() -> Shutdown {
        Shutdown {
            tx: watch::channel(false).0,
        }
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
