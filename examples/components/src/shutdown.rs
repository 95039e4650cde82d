//! One shutdown signal, observed by the server, the services' streams and the
//! control-plane task, so that all of them stop together.

use tokio::sync::watch;

/// Fires the shutdown; dropping it fires it too.
#[derive(Debug)]
pub struct Trigger(watch::Sender<bool>);

/// Observes the shutdown; cheap to clone into every task and stream.
#[derive(Debug, Clone)]
pub struct Shutdown(watch::Receiver<bool>);

/// A new, not yet fired, shutdown signal.
pub fn channel() -> (Trigger, Shutdown) {
    let (tx, rx) = watch::channel(false);
    (Trigger(tx), Shutdown(rx))
}

impl Trigger {
    /// Tells every [`Shutdown`] to stop.
    pub fn fire(&self) {
        self.0.send_replace(true);
    }
}

impl Shutdown {
    /// Completes once shutdown has been fired (at once if it already was).
    pub async fn wait(&self) {
        let mut rx = self.0.clone();
        // An error means the trigger is gone, which also means "stop".
        let _ = rx.wait_for(|fired| *fired).await;
    }

    /// Whether shutdown has been fired.
    pub fn is_fired(&self) -> bool {
        *self.0.borrow()
    }
}

/// Ends an outgoing event stream with `UNAVAILABLE`, so that its reader can
/// tell a stream cut short by shutdown from one that was complete. Gives up
/// after a moment if the reader is not reading, as shutdown must stay quick.
pub async fn cut_stream<T>(tx: &tokio::sync::mpsc::Sender<Result<T, tonic::Status>>) {
    let status = tonic::Status::unavailable("the component is shutting down");
    let _ = tokio::time::timeout(std::time::Duration::from_millis(200), tx.send(Err(status))).await;
}
