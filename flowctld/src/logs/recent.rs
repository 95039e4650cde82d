//! The last lines a component printed, kept in memory so that a failure can
//! be reported with them ("exited with status 1; last lines: ...") without
//! reading its log files.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use super::LogLine;

/// How many lines a component's ring keeps unless told otherwise.
pub const DEFAULT_RECENT_LINES: usize = 50;

/// Longest line text the ring keeps; the rest is cut and marked. A failure
/// message has no use for 64 KiB lines, and this bounds the ring's memory.
pub const RECENT_LINE_MAX_BYTES: usize = 4096;

/// Marks a line the ring cut to [`RECENT_LINE_MAX_BYTES`].
const TRUNCATED_MARKER: &str = " [truncated]";

/// A shared ring of a component's last lines: the capture task pushes, the
/// supervisor reads a snapshot when the component fails. Clones share the
/// same ring.
#[derive(Clone, Debug)]
pub struct RecentLines {
    lines: Arc<Mutex<VecDeque<LogLine>>>,
    capacity: usize,
}

impl RecentLines {
    /// A ring keeping the last `capacity` lines.
    pub fn new(capacity: usize) -> Self {
        RecentLines {
            // Grown as lines come: most components never print 50 lines.
            lines: Arc::new(Mutex::new(VecDeque::new())),
            capacity,
        }
    }

    /// Adds a line, dropping the oldest when full, and cutting a text longer
    /// than [`RECENT_LINE_MAX_BYTES`].
    pub fn push(&self, mut line: LogLine) {
        if self.capacity == 0 {
            return;
        }
        if line.line.len() > RECENT_LINE_MAX_BYTES {
            let mut end = RECENT_LINE_MAX_BYTES;
            while !line.line.is_char_boundary(end) {
                end -= 1;
            }
            line.line.truncate(end);
            line.line.push_str(TRUNCATED_MARKER);
        }
        let mut lines = self.lock();
        if lines.len() == self.capacity {
            lines.pop_front();
        }
        lines.push_back(line);
    }

    /// The lines kept, oldest first.
    pub fn snapshot(&self) -> Vec<LogLine> {
        self.lock().iter().cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<LogLine>> {
        // A panic while holding the lock cannot leave the ring inconsistent
        // (each change is one push or pop), so its lines stay usable.
        self.lines.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Default for RecentLines {
    /// A ring of [`DEFAULT_RECENT_LINES`] lines.
    fn default() -> Self {
        RecentLines::new(DEFAULT_RECENT_LINES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::Stream;

    fn line(text: &str) -> LogLine {
        LogLine {
            component: "c".into(),
            at_ms: 0,
            seq: 0,
            stream: Stream::Stdout,
            line: text.into(),
        }
    }

    #[test]
    fn the_ring_holds_the_last_lines_in_order() {
        let recent = RecentLines::new(3);
        let reader = recent.clone();
        for i in 0..10 {
            recent.push(line(&i.to_string()));
        }
        let texts: Vec<_> = reader.snapshot().into_iter().map(|l| l.line).collect();
        assert_eq!(texts, ["7", "8", "9"]);
    }

    #[test]
    fn long_lines_are_cut_on_a_character_boundary() {
        let recent = RecentLines::new(1);
        recent.push(line(&"é".repeat(RECENT_LINE_MAX_BYTES)));
        let kept = &recent.snapshot()[0].line;
        assert!(kept.ends_with(TRUNCATED_MARKER));
        assert!(kept.len() <= RECENT_LINE_MAX_BYTES + TRUNCATED_MARKER.len());
    }

    #[test]
    fn a_ring_of_zero_keeps_nothing() {
        let recent = RecentLines::new(0);
        recent.push(line("x"));
        assert!(recent.snapshot().is_empty());
    }
}
