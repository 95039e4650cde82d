//! The events handed to a processor or consumer that it has not yet
//! accounted for, kept so that a new instance of the component (after a
//! crash or restart) gets them again.
//!
//! A processor accounts for an input when it emits an event with the same id
//! (and, as processors keep their input order, for every input before it);
//! an output with an id of its own accounts for the oldest input. A consumer
//! accounts for inputs only at the end of a stream, through the
//! `events_consumed` of its `ConsumeResponse`. The buffer is bounded: beyond
//! [`REPLAY_EVENTS`] events or [`REPLAY_BYTES`] bytes the oldest is forgotten
//! (it will not be re-sent), which bounds both memory and the duplicates a
//! consumer restart can cause.

use std::collections::VecDeque;

use flowctl_proto::v1::Event;

/// Most events kept for re-sending per component.
pub const REPLAY_EVENTS: usize = 8192;

/// Most payload bytes kept for re-sending per component.
pub const REPLAY_BYTES: usize = 8 << 20;

/// How far an output's id is looked for among the pending inputs; a
/// processor that filters out more events in a row than this is credited
/// one input per output instead, which only means more re-sends.
const MATCH_WINDOW: usize = 256;

/// Events handed to a component and not yet accounted for, oldest first.
#[derive(Debug, Default)]
pub(crate) struct Replay {
    pending: VecDeque<(u64, Event)>,
    bytes: usize,
    /// Sequence number of the next event pushed.
    next_seq: u64,
}

impl Replay {
    /// Keeps a copy of `event`, just handed to the component.
    pub fn push(&mut self, event: &Event) {
        self.bytes += event.payload.len();
        self.pending.push_back((self.next_seq, event.clone()));
        self.next_seq += 1;
        while self.pending.len() > REPLAY_EVENTS || self.bytes > REPLAY_BYTES {
            self.pop_front();
        }
    }

    /// A processor emitted an event with this id: accounts for the input
    /// with the same id and everything before it, or else for the oldest.
    pub fn ack_output(&mut self, id: &str) {
        let matched = self
            .pending
            .iter()
            .take(MATCH_WINDOW)
            .position(|(_, e)| e.id == id);
        for _ in 0..=matched.unwrap_or(0) {
            self.pop_front();
        }
    }

    /// The sequence number the next stream starts at: that of the oldest
    /// pending event, which a new stream re-sends first.
    pub fn stream_start(&self) -> u64 {
        self.pending.front().map_or(self.next_seq, |(seq, _)| *seq)
    }

    /// A consumer took the first `count` events of the stream that started
    /// at `start` (see [`Replay::stream_start`]).
    pub fn ack_consumed(&mut self, start: u64, count: u64) {
        let end = start.saturating_add(count);
        while self.pending.front().is_some_and(|(seq, _)| *seq < end) {
            self.pop_front();
        }
    }

    /// The sequence number the next event pushed will get.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Copies of the pending events, oldest first, to send again.
    pub fn pending(&self) -> Vec<Event> {
        self.pending.iter().map(|(_, e)| e.clone()).collect()
    }

    /// How many events are pending.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.pending.len()
    }

    /// Forgets everything: the component accounted for all of it.
    pub fn clear(&mut self) {
        self.pending.clear();
        self.bytes = 0;
    }

    fn pop_front(&mut self) {
        if let Some((_, event)) = self.pending.pop_front() {
            self.bytes -= event.payload.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str) -> Event {
        Event {
            id: id.into(),
            payload: vec![0; 10],
            ..Event::default()
        }
    }

    fn ids(replay: &Replay) -> Vec<String> {
        replay.pending().into_iter().map(|e| e.id).collect()
    }

    #[test]
    fn outputs_account_for_their_input_and_everything_before() {
        let mut replay = Replay::default();
        for id in ["1", "2", "3", "4"] {
            replay.push(&event(id));
        }
        replay.ack_output("1");
        assert_eq!(ids(&replay), ["2", "3", "4"]);
        // "2" was filtered out by the processor: "3" coming out covers it.
        replay.ack_output("3");
        assert_eq!(ids(&replay), ["4"]);
        // An id of the processor's own making covers the oldest input.
        replay.ack_output("new-id");
        assert!(ids(&replay).is_empty());
        replay.ack_output("late");
        assert_eq!(replay.len(), 0);
    }

    #[test]
    fn consumed_counts_apply_to_the_stream_they_came_from() {
        let mut replay = Replay::default();
        for id in ["1", "2", "3"] {
            replay.push(&event(id));
        }
        let start = replay.stream_start();
        replay.push(&event("4"));
        replay.ack_consumed(start, 2);
        assert_eq!(ids(&replay), ["3", "4"]);
        // A new stream re-sends "3" and "4" first, then "5".
        let start = replay.stream_start();
        replay.push(&event("5"));
        replay.ack_consumed(start, 3);
        assert!(ids(&replay).is_empty());
        assert_eq!(replay.stream_start(), 5);
    }

    #[test]
    fn forgets_the_oldest_beyond_its_bounds() {
        let mut replay = Replay::default();
        for n in 0..REPLAY_EVENTS + 3 {
            replay.push(&event(&n.to_string()));
        }
        assert_eq!(replay.len(), REPLAY_EVENTS);
        assert_eq!(replay.pending()[0].id, "3");
        let big = Event {
            payload: vec![0; REPLAY_BYTES],
            ..event("big")
        };
        replay.push(&big);
        assert_eq!(ids(&replay), ["big"]);
        replay.clear();
        assert_eq!(replay.len(), 0);
    }
}
