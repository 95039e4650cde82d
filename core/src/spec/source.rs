//! Checks on the raw bytes before any YAML is read: size and encoding.

use super::diagnostic::{Pos, Report};

/// The largest pipeline file accepted, in bytes (1 MiB).
///
/// Real pipelines are a few kilobytes; the limit keeps a wrong path (a log
/// file, a binary) from being read into memory and parsed at length.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Returns the file as text without a leading byte-order mark, or reports why
/// it cannot be read as a pipeline file.
pub(crate) fn text<'a>(bytes: &'a [u8], report: &mut Report) -> Option<&'a str> {
    if bytes.len() > MAX_FILE_BYTES {
        report.error(
            Pos::START,
            format!(
                "the file is {} ({} bytes); pipeline files are limited to 1 MiB",
                mebibytes(bytes.len()),
                bytes.len()
            ),
        );
        return None;
    }
    let all = bytes.len();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by construction, so this cannot fail.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let bad = bytes[e.valid_up_to()];
            report.error(
                end_of(prefix),
                format!(
                    "the file is not valid UTF-8: byte 0x{bad:02X} at byte offset {} \
                     cannot be decoded; save the file as UTF-8",
                    e.valid_up_to() + (all - bytes.len())
                ),
            );
            None
        }
    }
}

/// The position just after `prefix`, where the next character would go.
fn end_of(prefix: &str) -> Pos {
    let line = 1 + prefix.matches('\n').count();
    let last_line = prefix.rsplit('\n').next().unwrap_or("");
    Pos {
        line,
        column: 1 + last_line.chars().count(),
    }
}

fn mebibytes(len: usize) -> String {
    // Precision is irrelevant here: the number is only shown to the user.
    format!("{:.1} MiB", len as f64 / MAX_FILE_BYTES as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(bytes: &[u8]) -> String {
        let mut report = Report::new("p.yaml");
        assert!(text(bytes, &mut report).is_none());
        report.finish().unwrap_err().to_string()
    }

    #[test]
    fn rejects_oversized_files_with_their_size() {
        let big = vec![b'#'; 2_411_725];
        let message = error_of(&big);
        assert!(
            message.starts_with("p.yaml:1:1: the file is 2.3 MiB"),
            "{message}"
        );
        assert!(message.ends_with("pipeline files are limited to 1 MiB"));
    }

    #[test]
    fn locates_invalid_utf8() {
        let message = error_of(b"a: 1\nbb: \xFF\n");
        assert_eq!(
            message,
            "p.yaml:2:5: the file is not valid UTF-8: byte 0xFF at byte offset 9 \
             cannot be decoded; save the file as UTF-8"
        );
    }

    #[test]
    fn strips_a_byte_order_mark() {
        let mut report = Report::new("p.yaml");
        assert_eq!(text(b"\xEF\xBB\xBFa: 1", &mut report), Some("a: 1"));
    }
}
