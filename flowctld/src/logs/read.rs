//! Reading stored logs back: the last lines of a component across its
//! rotated files, the components that have logs, the fields of a line, and
//! the numbers of the oldest and newest lines kept.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use tokio::fs;

use super::paths::{check_component_name, component_of_file, log_path};
use super::{LogError, Stream};
use flowctl_core::clock::{TIMESTAMP_LEN, parse_rfc3339_ms};

/// Files are read backwards in blocks of this size.
const TAIL_BLOCK_BYTES: u64 = 64 * 1024;

/// The last `n` stored lines of `component` in `dir`, oldest first, taken
/// from the current file and as many rotated ones as needed.
///
/// Each file is read backwards from its end, so the cost follows `n`, not the
/// size of the logs. Lines come back as stored; [`parse_line`] splits them.
/// Every file is opened before any is read, newest first, so that a rotation
/// during a long read changes nothing; one in the instant between two opens
/// gives a file twice, which the lines' numbers tell.
pub async fn read_tail(dir: &Path, component: &str, n: usize) -> Result<Vec<String>, LogError> {
    let (dir, component) = (dir.to_path_buf(), component.to_owned());
    // One task on the blocking pool for all of it, not a hop per call.
    tokio::task::spawn_blocking(move || read_tail_blocking(&dir, &component, n))
        .await
        .unwrap_or_else(|e| Err(LogError::io("read", PathBuf::new(), io::Error::other(e))))
}

/// [`read_tail`] on the calling thread.
pub(super) fn read_tail_blocking(
    dir: &Path,
    component: &str,
    n: usize,
) -> Result<Vec<String>, LogError> {
    check_component_name(component)?;
    let mut files = Vec::new();
    for index in 0.. {
        let path = log_path(dir, component, index);
        match File::open(&path) {
            Ok(file) => files.push((file, path)),
            // The current file may be gone while rotated ones remain.
            Err(e) if e.kind() == io::ErrorKind::NotFound && index == 0 => continue,
            Err(e) if e.kind() == io::ErrorKind::NotFound => break,
            Err(e) => return Err(LogError::io("open", path, e)),
        }
    }
    if files.is_empty() {
        return Err(LogError::NoLogs {
            component: component.to_owned(),
            dir: dir.to_path_buf(),
        });
    }
    let mut newest_first: Vec<Vec<String>> = Vec::new();
    let mut remaining = n;
    for (file, path) in files {
        if remaining == 0 {
            break;
        }
        let lines = last_lines(file, remaining).map_err(|e| LogError::io("read", &path, e))?;
        remaining -= lines.len();
        newest_first.push(lines);
    }
    Ok(newest_first.into_iter().rev().flatten().collect())
}

/// The last `n` lines of one file (fewer if it has fewer), oldest first.
fn last_lines(mut file: File, n: usize) -> io::Result<Vec<String>> {
    let mut pos = file.metadata()?.len();
    // Blocks from the end backwards, until they hold more newlines than
    // lines wanted: the first line in them may then be cut, but is not needed.
    let mut blocks: Vec<Vec<u8>> = Vec::new();
    let mut newlines = 0;
    while pos > 0 && newlines <= n {
        let start = pos.saturating_sub(TAIL_BLOCK_BYTES);
        let mut block = vec![0; (pos - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut block)?;
        newlines += block.iter().filter(|&&b| b == b'\n').count();
        blocks.push(block);
        pos = start;
    }
    let bytes: Vec<u8> = blocks.into_iter().rev().flatten().collect();
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
    if bytes.is_empty() {
        return Ok(Vec::new());
    }
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if pos > 0 {
        // Starts somewhere inside a line.
        lines.remove(0);
    }
    let skip = lines.len().saturating_sub(n);
    Ok(lines[skip..]
        .iter()
        .map(|line| String::from_utf8_lossy(line).into_owned())
        .collect())
}

/// The components with logs in `dir`, sorted; none when `dir` does not exist
/// yet, since then no component has started.
pub async fn list_components(dir: &Path) -> Result<Vec<String>, LogError> {
    let mut entries = match fs::read_dir(dir).await {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(LogError::io("list", dir, e)),
    };
    let mut components = Vec::new();
    while let Some(entry) = entries
        .next_entry()
        .await
        .map_err(|e| LogError::io("list", dir, e))?
    {
        if let Some(component) = entry.file_name().to_str().and_then(component_of_file) {
            components.push(component.to_owned());
        }
    }
    components.sort();
    components.dedup();
    Ok(components)
}

/// The number of the newest line stored for `component` in `dir`; 0 when it
/// has none, or only lines stored before lines were numbered.
pub(super) async fn last_seq(dir: &Path, component: &str) -> Result<u64, LogError> {
    seq_of_last(read_tail(dir, component, 1).await)
}

/// [`last_seq`] on the calling thread.
pub(super) fn last_seq_blocking(dir: &Path, component: &str) -> Result<u64, LogError> {
    seq_of_last(read_tail_blocking(dir, component, 1))
}

fn seq_of_last(tail: Result<Vec<String>, LogError>) -> Result<u64, LogError> {
    match tail {
        Ok(lines) => Ok(lines
            .first()
            .and_then(|line| parse_stored(line))
            .map_or(0, |line| line.seq)),
        Err(LogError::NoLogs { .. }) => Ok(0),
        Err(e) => Err(e),
    }
}

/// The number of the oldest line still kept for `component` in `dir`: the
/// first numbered line of its oldest file. `None` when no file holds a
/// numbered line. Lines numbered below it were dropped by rotation.
pub async fn first_kept_seq(dir: &Path, component: &str) -> Result<Option<u64>, LogError> {
    use tokio::io::AsyncReadExt;
    check_component_name(component)?;
    let mut oldest = 0;
    while fs::try_exists(log_path(dir, component, oldest + 1))
        .await
        .unwrap_or(false)
    {
        oldest += 1;
    }
    // Oldest first; a file rotated away meanwhile is skipped for the next.
    for index in (0..=oldest).rev() {
        let path = log_path(dir, component, index);
        let mut file = match fs::File::open(&path).await {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(LogError::io("open", path, e)),
        };
        // The number sits right after the timestamp: a short prefix holds it.
        let mut head = [0; TIMESTAMP_LEN + 24];
        let mut filled = 0;
        while filled < head.len() {
            match file.read(&mut head[filled..]).await {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) => return Err(LogError::io("read", path, e)),
            }
        }
        let head = String::from_utf8_lossy(&head[..filled]);
        if let Some(seq) = seq_of_prefix(&head) {
            return Ok(Some(seq));
        }
    }
    Ok(None)
}

/// One stored line, split into its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredLine<'a> {
    /// When the daemon read it, in milliseconds since the Unix epoch.
    pub at_ms: i64,
    /// Its number among the component's lines (see [`LogSink`](super::LogSink));
    /// 0 for a line stored before lines were numbered.
    pub seq: u64,
    /// The pipe it came from.
    pub stream: Stream,
    /// The text as the component wrote it.
    pub text: &'a str,
}

/// Splits a stored line, `<time> <seq> <stream> <text>` or the older
/// `<time> <stream> <text>`, into its fields; `None` if it is in neither form.
pub fn parse_stored(line: &str) -> Option<StoredLine<'_>> {
    let stamp = line.get(..TIMESTAMP_LEN)?;
    let rest = line[TIMESTAMP_LEN..].strip_prefix(' ')?;
    let (first, rest) = rest.split_once(' ')?;
    // A stream tag is never all digits, so the two forms cannot be confused.
    let (seq, tag, text) = match first.parse::<u64>() {
        Ok(seq) if first.bytes().all(|b| b.is_ascii_digit()) => {
            let (tag, text) = rest.split_once(' ')?;
            (seq, tag, text)
        }
        _ => (0, first, rest),
    };
    Some(StoredLine {
        at_ms: parse_rfc3339_ms(stamp)?,
        seq,
        stream: Stream::from_tag(tag)?,
        text,
    })
}

/// Splits a stored line back into its time (milliseconds since the Unix
/// epoch), stream and text; `None` if it is not in the stored form.
pub fn parse_line(line: &str) -> Option<(i64, Stream, &str)> {
    parse_stored(line).map(|l| (l.at_ms, l.stream, l.text))
}

/// The number in the first `<time> <seq> ` of `head`, if it has one.
fn seq_of_prefix(head: &str) -> Option<u64> {
    let rest = head.get(TIMESTAMP_LEN..)?.strip_prefix(' ')?;
    let (digits, _) = rest.split_once(' ')?;
    digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::{LogConfig, LogSink};

    /// Writes lines "line 0" .. "line {count-1}" through a sink with a small
    /// cap, so they spread over three rotated files.
    async fn write_rotated(dir: &Path, count: usize) {
        let mut config = LogConfig::new(dir);
        config.max_bytes = 2000;
        let mut sink = LogSink::open(&config, "ingest").await.unwrap();
        for i in 0..count {
            let stream = if i % 2 == 0 {
                Stream::Stdout
            } else {
                Stream::Stderr
            };
            sink.write_line(1_000 + i as i64, stream, &format!("line {i}"))
                .await;
        }
        assert!(sink.close().await.is_empty());
    }

    fn texts(lines: &[String]) -> Vec<String> {
        lines
            .iter()
            .map(|l| parse_line(l).unwrap().2.to_owned())
            .collect()
    }

    #[tokio::test]
    async fn tail_spans_rotated_files_in_order() {
        let tmp = tempfile::tempdir().unwrap();
        // Lines of 41 to 45 bytes, up to 2000 bytes a file: lines 0-45 were
        // rotated out, the three files hold 46-149.
        write_rotated(tmp.path(), 150).await;
        assert!(tmp.path().join("ingest.log.2").exists());
        assert!(!tmp.path().join("ingest.log.3").exists());

        let tail = read_tail(tmp.path(), "ingest", 100).await.unwrap();
        let expected: Vec<_> = (50..150).map(|i| format!("line {i}")).collect();
        assert_eq!(texts(&tail), expected);
        assert_eq!(parse_line(&tail[99]).unwrap().1, Stream::Stderr);

        let tail = read_tail(tmp.path(), "ingest", 3).await.unwrap();
        assert_eq!(texts(&tail), ["line 147", "line 148", "line 149"]);

        let all = read_tail(tmp.path(), "ingest", 10_000).await.unwrap();
        let kept: Vec<_> = (46..150).map(|i| format!("line {i}")).collect();
        assert_eq!(texts(&all), kept);
        assert_eq!(
            read_tail(tmp.path(), "ingest", usize::MAX).await.unwrap(),
            all
        );

        assert!(read_tail(tmp.path(), "ingest", 0).await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn tail_reads_blocks_backwards_across_their_boundaries() {
        let tmp = tempfile::tempdir().unwrap();
        let mut config = LogConfig::new(tmp.path());
        config.max_bytes = 10 * TAIL_BLOCK_BYTES;
        let mut sink = LogSink::open(&config, "big").await.unwrap();
        for i in 0..20_000 {
            sink.write_line(0, Stream::Stdout, &format!("{i} {}", "y".repeat(i % 50)))
                .await;
        }
        assert!(sink.close().await.is_empty());
        let tail = read_tail(tmp.path(), "big", 3000).await.unwrap();
        let expected: Vec<_> = (17_000..20_000)
            .map(|i| format!("{i} {}", "y".repeat(i % 50)))
            .collect();
        assert_eq!(texts(&tail), expected);
    }

    #[tokio::test]
    async fn tail_of_an_unknown_component_says_so() {
        let tmp = tempfile::tempdir().unwrap();
        let err = read_tail(tmp.path(), "nope", 10).await.unwrap_err();
        assert!(matches!(err, LogError::NoLogs { .. }), "{err}");
        let err = read_tail(tmp.path(), "../etc/passwd", 10)
            .await
            .unwrap_err();
        assert!(
            matches!(err, LogError::InvalidComponentName { .. }),
            "{err}"
        );
    }

    #[tokio::test]
    async fn components_are_listed_once_each() {
        let tmp = tempfile::tempdir().unwrap();
        write_rotated(tmp.path(), 150).await;
        let config = LogConfig::new(tmp.path());
        let mut alpha = LogSink::open(&config, "alpha").await.unwrap();
        alpha.write_line(0, Stream::Stdout, "hello").await;
        alpha.close().await;
        // A sink that never wrote made no file.
        drop(LogSink::open(&config, "quiet").await.unwrap());
        std::fs::write(tmp.path().join("notes.txt"), "").unwrap();
        assert_eq!(
            list_components(tmp.path()).await.unwrap(),
            ["alpha", "ingest"]
        );
        let missing = tmp.path().join("missing");
        assert!(list_components(&missing).await.unwrap().is_empty());
    }

    #[test]
    fn stored_lines_carry_their_number() {
        assert_eq!(
            parse_stored("2023-11-14T22:13:20.123Z 42 stdout 7 dwarfs"),
            Some(StoredLine {
                at_ms: 1_700_000_000_123,
                seq: 42,
                stream: Stream::Stdout,
                text: "7 dwarfs"
            })
        );
        let old = parse_stored("2023-11-14T22:13:20.123Z stderr 7 dwarfs").unwrap();
        assert_eq!(
            (old.seq, old.stream, old.text),
            (0, Stream::Stderr, "7 dwarfs")
        );
        assert_eq!(parse_stored("2023-11-14T22:13:20.123Z 42 stdout"), None);
        assert_eq!(seq_of_prefix("2023-11-14T22:13:20.123Z 42 std"), Some(42));
        assert_eq!(seq_of_prefix("2023-11-14T22:13:20.123Z stdout x"), None);
    }

    #[test]
    fn parse_line_splits_stored_lines() {
        assert_eq!(
            parse_line("2023-11-14T22:13:20.123Z stderr oh no: it broke "),
            Some((1_700_000_000_123, Stream::Stderr, "oh no: it broke "))
        );
        assert_eq!(
            parse_line("1970-01-01T00:00:00.000Z stdout "),
            Some((0, Stream::Stdout, ""))
        );
        for bad in [
            "",
            "garbage",
            "2023-11-14T22:13:20.123Z stdin x",
            "2023-11-14T22:13:20.123Z stdout",
        ] {
            assert_eq!(parse_line(bad), None, "{bad:?}");
        }
    }
}
