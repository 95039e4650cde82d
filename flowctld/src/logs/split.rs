//! Cuts the bytes read from a pipe into lines, holding at most
//! [`MAX_LINE_BYTES`] of any one line.
//!
//! A component can print a line of any length, or bytes with no newline at
//! all, so a line longer than the limit is handed on in pieces instead of
//! being gathered whole.

use std::borrow::Cow;

/// The longest piece of a line kept and stored as one line; a longer line is
/// split into pieces of at most this many bytes.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Appended to every piece of a split line but the last, so that a reader
/// sees the line goes on in the next one.
pub const CONTINUATION_MARKER: &str = " [line continues]";

/// A line, or a piece of one too long to keep whole.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Piece<'a> {
    /// The bytes, without newline or carriage return.
    pub(super) bytes: &'a [u8],
    /// Whether the line goes on in the next piece.
    pub(super) continues: bool,
}

impl<'a> Piece<'a> {
    /// The text to store: invalid UTF-8 replaced, and the marker added when
    /// the line goes on.
    pub(super) fn text(&self) -> Cow<'a, str> {
        let text = String::from_utf8_lossy(self.bytes);
        if self.continues {
            Cow::Owned(text.into_owned() + CONTINUATION_MARKER)
        } else {
            text
        }
    }
}

/// Turns a pipe's bytes into [`Piece`]s, keeping the unfinished line between
/// reads.
#[derive(Debug)]
pub(super) struct LineSplitter {
    /// The line being gathered; never longer than `max`.
    pending: Vec<u8>,
    /// How many bytes at the front of `pending` were handed out as the last
    /// piece. They are dropped on the next call, since the piece borrowed them.
    handed_out: usize,
    max: usize,
}

impl LineSplitter {
    /// A splitter that cuts lines longer than `max` bytes (at least 4, the
    /// longest UTF-8 character).
    pub(super) fn new(max: usize) -> Self {
        let max = max.max(4);
        LineSplitter {
            pending: Vec::new(),
            handed_out: 0,
            max,
        }
    }

    /// Gives the memory back when no unfinished line is held (a quiet
    /// component keeps no buffer; one long line once does not keep its
    /// size for good).
    pub(super) fn release(&mut self) {
        if self.pending.len() == self.handed_out {
            self.pending = Vec::new();
            self.handed_out = 0;
        }
    }

    /// The next line or piece to be had from `input` and what came before
    /// it, advancing `input` past what it consumed; `None` once `input` is
    /// used up without completing one.
    pub(super) fn next_piece(&mut self, input: &mut &[u8]) -> Option<Piece<'_>> {
        self.pending.drain(..self.handed_out);
        self.handed_out = 0;
        // One byte past the room left still belongs to this line if it is
        // its newline: a line of exactly `max` bytes is not split.
        let room = self.max - self.pending.len();
        let window = &input[..input.len().min(room + 1)];
        if let Some(newline) = window.iter().position(|&b| b == b'\n') {
            self.pending.extend_from_slice(&input[..newline]);
            *input = &input[newline + 1..];
            self.handed_out = self.pending.len();
            let bytes = self.pending.strip_suffix(b"\r").unwrap_or(&self.pending);
            return Some(Piece {
                bytes,
                continues: false,
            });
        }
        if input.len() <= room {
            self.pending.extend_from_slice(input);
            *input = &[];
            return None;
        }
        self.pending.extend_from_slice(&input[..room]);
        *input = &input[room..];
        // Cut before a character the limit would split, so that both pieces
        // stay valid UTF-8; its first bytes start the next piece.
        self.handed_out = utf8_cut(&self.pending);
        Some(Piece {
            bytes: &self.pending[..self.handed_out],
            continues: true,
        })
    }

    /// The last line, when the pipe closed after bytes that no newline ended.
    pub(super) fn finish(&mut self) -> Option<Piece<'_>> {
        self.pending.drain(..self.handed_out);
        self.handed_out = self.pending.len();
        (!self.pending.is_empty()).then(|| Piece {
            bytes: &self.pending,
            continues: false,
        })
    }
}

/// Where to end a piece of `bytes` so it does not end inside a UTF-8
/// character: before a character that starts in the last three bytes but
/// needs more than remain, else at the end.
fn utf8_cut(bytes: &[u8]) -> usize {
    let len = bytes.len();
    for start in (len.saturating_sub(3)..len).rev() {
        let needed = match bytes[start] {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            0x80..=0xBF => continue,
            _ => return len,
        };
        return if start + needed > len && start > 0 {
            start
        } else {
            len
        };
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every piece the splitter gives for `reads`, as (text, continues),
    /// closing with `finish`.
    fn split(max: usize, reads: &[&[u8]]) -> Vec<(String, bool)> {
        let mut splitter = LineSplitter::new(max);
        let mut pieces = Vec::new();
        for read in reads {
            let mut input = *read;
            while let Some(piece) = splitter.next_piece(&mut input) {
                pieces.push((
                    String::from_utf8_lossy(piece.bytes).into_owned(),
                    piece.continues,
                ));
            }
            assert!(input.is_empty());
        }
        if let Some(piece) = splitter.finish() {
            pieces.push((
                String::from_utf8_lossy(piece.bytes).into_owned(),
                piece.continues,
            ));
        }
        pieces
    }

    fn whole(lines: &[&str]) -> Vec<(String, bool)> {
        lines.iter().map(|l| (l.to_string(), false)).collect()
    }

    #[test]
    fn releasing_between_reads_keeps_an_unfinished_line() {
        let mut splitter = LineSplitter::new(64);
        let mut input: &[u8] = b"done\nhalf";
        assert_eq!(splitter.next_piece(&mut input).unwrap().bytes, b"done");
        assert!(splitter.next_piece(&mut input).is_none());
        splitter.release();
        let mut input: &[u8] = b" more\n";
        assert_eq!(splitter.next_piece(&mut input).unwrap().bytes, b"half more");
        splitter.release();
        assert_eq!(splitter.pending.capacity(), 0, "nothing held, nothing kept");
    }

    #[test]
    fn lines_are_joined_across_reads() {
        let pieces = split(100, &[b"one\ntw", b"o\n\nthr", b"ee\r\n"]);
        assert_eq!(pieces, whole(&["one", "two", "", "three"]));
    }

    #[test]
    fn a_last_line_without_newline_is_kept() {
        assert_eq!(split(100, &[b"one\nlast"]), whole(&["one", "last"]));
        assert_eq!(split(100, &[b"one\n"]), whole(&["one"]));
    }

    #[test]
    fn a_line_of_exactly_max_bytes_is_not_split() {
        assert_eq!(split(4, &[b"abcd", b"\nef\n"]), whole(&["abcd", "ef"]));
    }

    #[test]
    fn long_lines_are_split_into_marked_pieces() {
        let pieces = split(4, &[b"abcdefghij\nxy"]);
        let expected = [("abcd", true), ("efgh", true), ("ij", false), ("xy", false)];
        let expected: Vec<_> = expected.iter().map(|&(t, c)| (t.to_string(), c)).collect();
        assert_eq!(pieces, expected);
    }

    #[test]
    fn pieces_do_not_cut_a_character_in_two() {
        // "aé€" is 61 C3A9 E282AC: a cut after 4 bytes would split the euro sign.
        let pieces = split(4, &["aé€b\n".as_bytes()]);
        let expected = [("aé", true), ("€b", false)];
        let expected: Vec<_> = expected.iter().map(|&(t, c)| (t.to_string(), c)).collect();
        assert_eq!(pieces, expected);
    }

    #[test]
    fn invalid_utf8_is_replaced_not_refused() {
        let piece = Piece {
            bytes: b"ok\xff\xfebad",
            continues: false,
        };
        assert_eq!(piece.text(), "ok\u{fffd}\u{fffd}bad");
        let pieces = split(4, &[b"\xff\xff\xff\xff\xff\xff\n"]);
        assert_eq!(pieces.len(), 2);
    }

    #[test]
    fn continued_pieces_carry_the_marker() {
        let piece = Piece {
            bytes: b"abc",
            continues: true,
        };
        assert_eq!(piece.text(), format!("abc{CONTINUATION_MARKER}"));
    }
}
