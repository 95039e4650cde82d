//! "Backlog, then follow": what a reader of a run's logs is shown, for
//! `flowctl logs` and for the `Watch` stream of `flowctl run` alike. First
//! the last lines stored for each component, then the lines written since,
//! each once and in order.
//!
//! The reader subscribes to the live lines before it reads the files, so
//! nothing written in between is missed, and a live line the files already
//! gave is known by its number (per component, see [`LogSink`](super::LogSink))
//! and skipped; times would not do, since many lines share a millisecond.
//! A gap in the numbers of a component's live lines means the reader fell
//! behind the broadcast, which drops lines rather than hold the component
//! back: the reader is told how many it missed, and how many of those
//! rotation has already dropped from the files, so that it never promises
//! lines that are gone.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;

use tokio::sync::broadcast::{self, error::RecvError, error::TryRecvError};

use super::read::last_seq;
use super::{LogError, LogLine, first_kept_seq, parse_stored, read_tail};

/// What a reader of a run's logs is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A line a component wrote.
    Line(LogLine),
    /// Lines of a component the reader was not shown.
    Gap(Gap),
    /// A component with no stored output.
    NoOutput {
        /// The component.
        component: String,
    },
}

/// Lines of one component a reader missed because it fell behind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    /// The component that wrote them.
    pub component: String,
    /// How many are still in the log files.
    pub kept: u64,
    /// How many rotation dropped from the files before the reader got them.
    pub lost: u64,
}

impl Gap {
    /// The notice a user reads, e.g. "120 lines not shown (too fast to
    /// display); `flowctl logs` has them".
    pub fn describe(&self) -> String {
        let Gap { kept, lost, .. } = self;
        match (kept, lost) {
            (_, 0) => {
                format!("{kept} lines not shown (too fast to display); `flowctl logs` has them")
            }
            (0, _) => format!(
                "{lost} lines lost: too fast to display, and the log rotation dropped them \
                 before they could be shown"
            ),
            _ => format!(
                "{} lines not shown (too fast to display): the first {lost} are lost, \
                 dropped by the log rotation; the other {kept} are in `flowctl logs`",
                kept + lost
            ),
        }
    }
}

/// One reader's position in a run's logs: which line of each component it
/// was shown last.
#[derive(Debug)]
pub struct Follow {
    dir: PathBuf,
    components: Vec<String>,
    live: Option<broadcast::Receiver<LogLine>>,
    /// The number of the newest line shown, per component.
    shown: HashMap<String, u64>,
    /// A live line received and not yet handed out: kept when `next` is
    /// cancelled while it looks at the files, so the line is not lost.
    held: Option<LogLine>,
    /// Entries worked out and not yet handed out.
    ready: VecDeque<Entry>,
}

impl Follow {
    /// A reader of `components`, whose files are in `dir`, following `live`
    /// (subscribed before the backlog is read) or only the files (`None`).
    pub fn new(
        dir: impl Into<PathBuf>,
        components: Vec<String>,
        live: Option<broadcast::Receiver<LogLine>>,
    ) -> Self {
        Follow {
            dir: dir.into(),
            components,
            live,
            shown: HashMap::new(),
            held: None,
            ready: VecDeque::new(),
        }
    }

    /// The last `tail` stored lines of each component (0: all kept), merged
    /// by time with each component's lines in their order, then a
    /// [`Entry::NoOutput`] for each component that has none.
    ///
    /// A file that cannot be read counts as no output; the error is logged.
    pub async fn backlog(&mut self, tail: usize) -> Vec<Entry> {
        let tail = if tail == 0 { usize::MAX } else { tail };
        let mut queues = Vec::with_capacity(self.components.len());
        let mut silent = Vec::new();
        for component in &self.components {
            let lines = match read_tail(&self.dir, component, tail).await {
                Ok(lines) => lines,
                Err(LogError::NoLogs { .. }) => Vec::new(),
                Err(err) => {
                    tracing::warn!(%err, "reading the log backlog");
                    Vec::new()
                }
            };
            let queue = numbered(component, &lines);
            let newest = queue.iter().map(|l| l.seq).max().unwrap_or(0);
            self.shown.insert(component.clone(), newest);
            if queue.is_empty() {
                silent.push(component.clone());
            }
            queues.push(queue);
        }
        let mut entries: Vec<Entry> = merge_by_time(queues).map(Entry::Line).collect();
        entries.extend(
            silent
                .into_iter()
                .map(|component| Entry::NoOutput { component }),
        );
        entries
    }

    /// The next live entry: a line not shown yet, after a [`Gap`] when lines
    /// of its component were missed. `None` once the live lines end (or
    /// there are none to follow).
    ///
    /// A gap is told with the next line of its component, since only then
    /// are its bounds known; [`Follow::finish`] tells those left at the end.
    ///
    /// Cancel safe: a line received when the call is dropped comes next time.
    pub async fn next(&mut self) -> Option<Entry> {
        loop {
            if let Some(entry) = self.ready.pop_front() {
                return Some(entry);
            }
            if self.held.is_none() {
                let live = self.live.as_mut()?;
                match live.recv().await {
                    Ok(line) => self.held = Some(line),
                    // The numbers tell which lines were missed, and whose.
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => {
                        self.live = None;
                        return None;
                    }
                }
            }
            self.take_held().await;
        }
    }

    /// After the run ended: the live lines still queued, then a [`Gap`] for
    /// each component whose newest stored lines the reader was not shown.
    /// Call it once every component's output is drained to its files.
    pub async fn finish(&mut self) -> Vec<Entry> {
        loop {
            if self.held.is_none() {
                let Some(live) = self.live.as_mut() else {
                    break;
                };
                match live.try_recv() {
                    Ok(line) => self.held = Some(line),
                    Err(TryRecvError::Lagged(_)) => continue,
                    Err(TryRecvError::Empty | TryRecvError::Closed) => break,
                }
            }
            self.take_held().await;
        }
        self.live = None;
        for component in self.components.clone() {
            let newest = last_seq(&self.dir, &component).await.unwrap_or(0);
            let shown = self.shown.get(&component).copied().unwrap_or(0);
            if newest > shown {
                let gap = self.gap(&component, shown + 1, newest + 1).await;
                self.shown.insert(component, newest);
                self.ready.push_back(Entry::Gap(gap));
            }
        }
        self.ready.drain(..).collect()
    }

    /// Moves the held line into `ready`, after the gap before it if any,
    /// unless it was shown already or belongs to a component not followed.
    async fn take_held(&mut self) {
        let Some(line) = &self.held else { return };
        let shown = match self.shown.get(&line.component) {
            Some(&shown) => shown,
            // Followed, but not in the backlog: it starts from nothing.
            None if self.components.contains(&line.component) => 0,
            None => {
                self.held = None;
                return;
            }
        };
        if line.seq <= shown {
            self.held = None;
            return;
        }
        let gap = if line.seq > shown + 1 {
            Some(self.gap(&line.component, shown + 1, line.seq).await)
        } else {
            None
        };
        let Some(line) = self.held.take() else { return };
        match self.shown.get_mut(&line.component) {
            Some(shown) => *shown = line.seq,
            None => {
                self.shown.insert(line.component.clone(), line.seq);
            }
        }
        self.ready.extend(gap.map(Entry::Gap));
        self.ready.push_back(Entry::Line(line));
    }

    /// The lines of `component` numbered `from` up to (not including)
    /// `until`, none of them shown: how many the files still keep.
    async fn gap(&self, component: &str, from: u64, until: u64) -> Gap {
        let missed = until - from;
        // Lines not yet flushed are not in the files yet, but will be: only
        // a numbered oldest line proves that older ones were dropped.
        let oldest = first_kept_seq(&self.dir, component).await.ok().flatten();
        let lost = oldest.map_or(0, |oldest| oldest.min(until).saturating_sub(from));
        Gap {
            component: component.to_owned(),
            kept: missed - lost,
            lost,
        }
    }
}

/// Stored lines of `component` as [`LogLine`]s, oldest first. A line whose
/// number is not above the one before is dropped: a rotation during the
/// read can give a file twice.
fn numbered(component: &str, lines: &[String]) -> VecDeque<LogLine> {
    let mut newest = 0;
    let mut queue = VecDeque::with_capacity(lines.len());
    for text in lines {
        let Some(stored) = parse_stored(text) else {
            continue;
        };
        if stored.seq != 0 {
            if stored.seq <= newest {
                continue;
            }
            newest = stored.seq;
        }
        queue.push_back(LogLine {
            component: component.to_owned(),
            at_ms: stored.at_ms,
            seq: stored.seq,
            stream: stored.stream,
            line: stored.text.to_owned(),
        });
    }
    queue
}

/// The lines of all queues, earliest first; each queue keeps its order, and
/// of lines with the same time the earlier queue's come first.
fn merge_by_time(mut queues: Vec<VecDeque<LogLine>>) -> impl Iterator<Item = LogLine> {
    std::iter::from_fn(move || {
        let index = queues
            .iter()
            .enumerate()
            .filter_map(|(i, q)| q.front().map(|line| (line.at_ms, i)))
            .min()?
            .1;
        queues[index].pop_front()
    })
}

#[cfg(test)]
mod tests;
