//! Live streams over a run: the foreground view (`Watch`) and `Logs`.

use flowctl_proto::daemon::v1::{LogLine, LogsRequest, WatchEvent, watch_event::Event};
use tokio::sync::{broadcast, mpsc};
use tokio_stream::wrappers::ReceiverStream;

use super::{RunEvent, Supervisor, summary_of};
use crate::api::convert;
use crate::error::{Error, Result};
use crate::logs;

/// Lines a watcher may fall behind by before it is told it missed some.
const BUFFER: usize = 256;

/// Lines per component a new watcher is shown from before it watched.
const BACKLOG: usize = 200;

impl Supervisor {
    /// The run's state now, then every change (and log line, with `logs`)
    /// until it ends. With `stop_on_disconnect`, a client that goes away
    /// stops the run: a killed `flowctl run` leaves nothing running.
    pub fn watch(
        &self,
        id: &str,
        with_logs: bool,
        stop_on_disconnect: bool,
    ) -> Result<ReceiverStream<WatchEvent>> {
        let record = self.runs.get(id)?;
        let handle = self.handle(id);
        let (tx, rx) = mpsc::channel(BUFFER);
        let runs = self.runs.clone();
        // Subscribe before taking the snapshot: nothing that happens in
        // between is missed.
        let mut changes = runs.subscribe();
        let subscriptions = handle.as_ref().map(|h| {
            (
                h.updates.subscribe(),
                with_logs.then(|| h.lines.subscribe()),
            )
        });
        let components = handle
            .as_ref()
            .map(|h| self.statuses(h))
            .unwrap_or_default();
        let first = summary_of(&record, handle.as_deref());
        let log_dir = self.config.state_dir.join("runs").join(id);
        tokio::spawn(async move {
            let send = |event: Event| {
                let tx = tx.clone();
                async move { tx.send(WatchEvent { event: Some(event) }).await.is_ok() }
            };
            if !send(Event::Run(convert::run_summary(first))).await {
                return;
            }
            for component in components {
                if !send(Event::Component(convert::component_status(component))).await {
                    return;
                }
            }
            let (Some(handle), Some((mut updates, mut lines))) = (handle, subscriptions) else {
                return;
            };
            if record.status.is_terminal() {
                return;
            }
            // What the components wrote before we watched comes first.
            let mut last_seen: std::collections::HashMap<String, i64> = Default::default();
            if with_logs {
                let mut backlog = Vec::new();
                for component in &record.component_ids {
                    for text in logs::read_tail(&log_dir, component, BACKLOG)
                        .await
                        .unwrap_or_default()
                    {
                        if let Some((at_ms, stream, line)) = logs::parse_line(&text) {
                            backlog.push(LogLine {
                                component: component.clone(),
                                at_ms,
                                stream: stream.to_string(),
                                line: line.to_string(),
                                run_id: handle.id.clone(),
                            });
                        }
                    }
                }
                backlog.sort_by_key(|l| l.at_ms);
                for line in backlog {
                    last_seen.insert(line.component.clone(), line.at_ms);
                    if !send(Event::Log(line)).await {
                        return;
                    }
                }
            }
            loop {
                tokio::select! {
                    _ = tx.closed() => {
                        if stop_on_disconnect && !*handle.done.borrow() {
                            tracing::info!(run = %handle.id, "the attached client went away: stopping the run");
                            let _ = handle.events.send(RunEvent::Stop);
                        }
                        return;
                    }
                    change = changes.recv() => match change {
                        Ok(changed) if changed != handle.id => {}
                        Err(broadcast::error::RecvError::Closed) => return,
                        _ => {
                            let Ok(record) = runs.get(&handle.id) else { return };
                            if record.status.is_terminal() {
                                // Lines written before the end come first.
                                if let Some(lines) = lines.as_mut() {
                                    while let Ok(line) = lines.try_recv() {
                                        send(Event::Log(wire_line(&handle.id, line))).await;
                                    }
                                }
                                while let Ok(update) = updates.try_recv() {
                                    tx.send(update).await.ok();
                                }
                                send(Event::Run(convert::run_summary(summary_of(&record, Some(&handle))))).await;
                                return;
                            }
                            if !send(Event::Run(convert::run_summary(summary_of(&record, Some(&handle))))).await {
                                return;
                            }
                        }
                    },
                    update = updates.recv() => match update {
                        Ok(update) => { if tx.send(update).await.is_err() { return; } }
                        Err(broadcast::error::RecvError::Lagged(_)) => {}
                        Err(broadcast::error::RecvError::Closed) => return,
                    },
                    line = next_line(&mut lines) => match line {
                        // Lines the backlog already had are not repeated.
                        Ok(line) if last_seen.get(&line.component).is_some_and(|at| line.at_ms < *at) => {}
                        Ok(line) => {
                            if !send(Event::Log(wire_line(&handle.id, line))).await { return; }
                        }
                        Err(missed) => {
                            let note = skipped(&handle.id, missed);
                            if !send(Event::Log(note)).await { return; }
                        }
                    },
                }
            }
        });
        Ok(ReceiverStream::new(rx))
    }

    /// A run's log lines from its files, then (with `follow`) new lines
    /// until the run ends.
    pub fn logs(&self, id: &str, request: &LogsRequest) -> Result<ReceiverStream<LogLine>> {
        let record = self.runs.get(id)?;
        if !record.supervised {
            return Err(Error::FailedPrecondition(format!(
                "run {id} was recorded through the legacy API: flowctld ran no component of it"
            )));
        }
        let components: Vec<String> = match request.component.as_str() {
            "" => record.component_ids.clone(),
            one if record.component_ids.iter().any(|c| c == one) => vec![one.to_owned()],
            other => {
                return Err(Error::ComponentNotFound {
                    run: id.to_owned(),
                    component: other.to_owned(),
                });
            }
        };
        // Only a run this daemon is running has new lines to follow.
        let handle = self
            .handle(id)
            .filter(|h| request.follow && !*h.done.borrow());
        let mut live = handle.as_ref().map(|h| h.lines.subscribe());
        let dir = self.config.state_dir.join("runs").join(id);
        let tail = match request.tail {
            0 => usize::MAX,
            n => n as usize,
        };
        let run_id = id.to_owned();
        let (tx, rx) = mpsc::channel(BUFFER);
        tokio::spawn(async move {
            let mut stored: Vec<LogLine> = Vec::new();
            for component in &components {
                for text in logs::read_tail(&dir, component, tail)
                    .await
                    .unwrap_or_default()
                {
                    if let Some((at_ms, stream, line)) = logs::parse_line(&text) {
                        stored.push(LogLine {
                            component: component.clone(),
                            at_ms,
                            stream: stream.to_string(),
                            line: line.to_string(),
                            run_id: run_id.clone(),
                        });
                    }
                }
            }
            stored.sort_by_key(|l| l.at_ms);
            let mut last_seen = std::collections::HashMap::new();
            for line in stored {
                last_seen.insert(line.component.clone(), line.at_ms);
                if tx.send(line).await.is_err() {
                    return;
                }
            }
            let (Some(live), Some(handle)) = (live.as_mut(), handle) else {
                return;
            };
            let mut done = handle.done.subscribe();
            loop {
                let line = tokio::select! {
                    line = live.recv() => line,
                    _ = until_done(&mut done) => {
                        while let Ok(line) = live.try_recv() {
                            if components.contains(&line.component) {
                                let _ = tx.send(wire_line(&run_id, line)).await;
                            }
                        }
                        return;
                    }
                    _ = tx.closed() => return,
                };
                match line {
                    Ok(line) if components.contains(&line.component) => {
                        // Lines already read from the file are not repeated.
                        if last_seen
                            .get(&line.component)
                            .is_some_and(|at| line.at_ms < *at)
                        {
                            continue;
                        }
                        if tx.send(wire_line(&run_id, line)).await.is_err() {
                            return;
                        }
                    }
                    Ok(_) => {}
                    Err(broadcast::error::RecvError::Lagged(missed)) => {
                        if tx.send(skipped(&run_id, missed)).await.is_err() {
                            return;
                        }
                    }
                    Err(broadcast::error::RecvError::Closed) => return,
                }
            }
        });
        Ok(ReceiverStream::new(rx))
    }
}

async fn until_done(done: &mut tokio::sync::watch::Receiver<bool>) {
    let _ = done.wait_for(|d| *d).await;
}

async fn next_line(
    lines: &mut Option<broadcast::Receiver<logs::LogLine>>,
) -> Result<logs::LogLine, u64> {
    let Some(lines) = lines else {
        return std::future::pending().await;
    };
    loop {
        match lines.recv().await {
            Ok(line) => return Ok(line),
            Err(broadcast::error::RecvError::Lagged(missed)) => return Err(missed),
            Err(broadcast::error::RecvError::Closed) => std::future::pending::<()>().await,
        }
    }
}

fn wire_line(run_id: &str, line: logs::LogLine) -> LogLine {
    LogLine {
        component: line.component,
        at_ms: line.at_ms,
        stream: line.stream.as_str().to_string(),
        line: line.line,
        run_id: run_id.to_owned(),
    }
}

/// Tells a follower it fell behind; the files still hold every line.
fn skipped(run_id: &str, missed: u64) -> LogLine {
    LogLine {
        component: String::new(),
        at_ms: flowctl_core::clock::now_ms(),
        stream: "flowctl".into(),
        line: format!(
            "... {missed} lines not shown (too fast to display); `flowctl logs` has them all"
        ),
        run_id: run_id.to_owned(),
    }
}
