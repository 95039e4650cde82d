//! Capture of real child processes (`sh -c`) into log files in a temp dir.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::process::Command;
use tokio::sync::broadcast;
use tokio::time::timeout;

use super::*;
use crate::logs::{CONTINUATION_MARKER, LogConfig, parse_line, read_tail};

/// Generous for a debug build on two shared cores; a hang fails instead of
/// blocking the suite.
const DEADLINE: Duration = Duration::from_secs(120);

/// Runs `script` under `sh -c` with both pipes captured as component "comp",
/// and returns once the capture reported and the child exited successfully.
async fn run_captured(
    script: &str,
    config: &LogConfig,
    live: broadcast::Sender<LogLine>,
    recent: RecentLines,
) -> CaptureReport {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn sh");
    let sink = LogSink::open(config, "comp").await.unwrap();
    let stdout = child.stdout.take().unwrap().into_owned_fd().unwrap();
    let stderr = child.stderr.take().unwrap().into_owned_fd().unwrap();
    let task = tokio::spawn(capture(stdout, stderr, sink, live, recent));
    let report = timeout(DEADLINE, task)
        .await
        .unwrap_or_else(|_| panic!("capture of `{script}` did not finish in {DEADLINE:?}"))
        .expect("capture task panicked");
    let status = timeout(DEADLINE, child.wait()).await.unwrap().unwrap();
    assert!(status.success(), "`{script}` exited with {status}");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
}

/// Captures `script` with no followers and the default ring.
async fn run_quietly(script: &str, config: &LogConfig) -> CaptureReport {
    let (live, _) = broadcast::channel(16);
    run_captured(script, config, live, RecentLines::default()).await
}

/// Every stored line of "comp" as (stream, text), oldest first.
async fn stored(dir: &Path) -> Vec<(Stream, String)> {
    // A component that never printed has no file yet.
    let lines = match read_tail(dir, "comp", usize::MAX).await {
        Err(crate::logs::LogError::NoLogs { .. }) => Vec::new(),
        read => read.unwrap(),
    };
    lines
        .iter()
        .map(|line| {
            let (_, stream, text) =
                parse_line(line).unwrap_or_else(|| panic!("unparsable {line:?}"));
            (stream, text.to_owned())
        })
        .collect()
}

fn texts_of(lines: &[(Stream, String)], stream: Stream) -> Vec<&str> {
    lines
        .iter()
        .filter(|(s, _)| *s == stream)
        .map(|(_, text)| text.as_str())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_stays_within_the_disk_cap_and_finishes() {
    let tmp = tempfile::tempdir().unwrap();
    let mut config = LogConfig::new(tmp.path());
    config.max_bytes = 1024 * 1024;
    let line = "x".repeat(199);
    let report = run_quietly(&format!("yes {line} | head -c 30000000"), &config).await;
    assert_eq!(report.lines, 150_000);

    let mut total = 0;
    for entry in std::fs::read_dir(tmp.path()).unwrap() {
        let entry = entry.unwrap();
        let len = entry.metadata().unwrap().len();
        let name = entry.file_name().into_string().unwrap();
        assert!(
            ["comp.log", "comp.log.1", "comp.log.2"].contains(&name.as_str()),
            "{name}"
        );
        assert!(len <= config.max_bytes, "{name} is {len} bytes");
        total += len;
    }
    assert!(total <= 3 * config.max_bytes, "{total} bytes on disk");
    let last = read_tail(tmp.path(), "comp", 1).await.unwrap();
    assert!(last[0].ends_with(&format!(" stdout {line}")), "{}", last[0]);
}

#[tokio::test]
async fn long_lines_are_split_and_the_last_line_is_kept_without_newline() {
    let tmp = tempfile::tempdir().unwrap();
    let config = LogConfig::new(tmp.path());
    // 200 KiB of 'a' then a newline, then "tail" with none.
    let script = "head -c 204800 /dev/zero | tr '\\0' a; echo; printf tail";
    run_quietly(script, &config).await;

    let lines = stored(tmp.path()).await;
    let texts = texts_of(&lines, Stream::Stdout);
    let piece = "a".repeat(MAX_LINE_BYTES);
    let continued = format!("{piece}{CONTINUATION_MARKER}");
    let rest = "a".repeat(204_800 - 3 * MAX_LINE_BYTES);
    assert_eq!(texts, [&continued, &continued, &continued, &rest, "tail"]);
}

#[tokio::test]
async fn invalid_utf8_is_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let config = LogConfig::new(tmp.path());
    run_quietly("printf 'ok\\377\\376bad\\n'; printf '\\300' >&2", &config).await;
    let lines = stored(tmp.path()).await;
    assert_eq!(texts_of(&lines, Stream::Stdout), ["ok\u{fffd}\u{fffd}bad"]);
    assert_eq!(texts_of(&lines, Stream::Stderr), ["\u{fffd}"]);
}

#[tokio::test]
async fn stdout_and_stderr_are_both_captured_and_tagged() {
    let tmp = tempfile::tempdir().unwrap();
    let config = LogConfig::new(tmp.path()).with_mirror(tmp.path().join("mirror"));
    let script = "for i in 1 2 3 4 5; do echo out$i; echo err$i >&2; done";
    let report = run_quietly(script, &config).await;
    assert_eq!(report.lines, 10);

    for dir in [tmp.path().to_path_buf(), tmp.path().join("mirror")] {
        let lines = stored(&dir).await;
        assert_eq!(
            texts_of(&lines, Stream::Stdout),
            ["out1", "out2", "out3", "out4", "out5"]
        );
        assert_eq!(
            texts_of(&lines, Stream::Stderr),
            ["err1", "err2", "err3", "err4", "err5"]
        );
    }
}

#[tokio::test]
async fn the_ring_keeps_the_last_lines_for_error_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let config = LogConfig::new(tmp.path());
    let (live, _) = broadcast::channel(16);
    let recent = RecentLines::default();
    // One pipe only: the order between two pipes is not defined.
    let script = "i=1; while [ $i -le 100 ]; do echo line$i; i=$((i+1)); done";
    run_captured(script, &config, live, recent.clone()).await;

    let kept = recent.snapshot();
    let texts: Vec<_> = kept.iter().map(|l| l.line.as_str()).collect();
    let expected: Vec<String> = (51..=100).map(|i| format!("line{i}")).collect();
    assert_eq!(texts, expected);
    assert!(kept.iter().all(|l| l.component == "comp"));
}

#[tokio::test]
async fn followers_receive_lines_and_a_stalled_one_does_not_block() {
    let tmp = tempfile::tempdir().unwrap();
    let config = LogConfig::new(tmp.path());
    let (live, mut stalled) = broadcast::channel(8);
    let mut follower = live.subscribe();
    let reader = tokio::spawn(async move {
        let mut received = Vec::new();
        loop {
            match follower.recv().await {
                Ok(line) => received.push(line),
                Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => return received,
            }
        }
    });
    // Many more lines than the channel holds, while `stalled` never reads.
    let script = "echo first; seq 1 20000; echo last";
    let report = run_captured(script, &config, live, RecentLines::default()).await;
    assert_eq!(report.lines, 20_002);

    // The capture dropped its sender, so the follower sees the channel close.
    let received = timeout(DEADLINE, reader).await.unwrap().unwrap();
    let last = received.last().expect("the follower got lines");
    assert_eq!((last.line.as_str(), last.stream), ("last", Stream::Stdout));
    assert!(matches!(
        stalled.recv().await,
        Err(broadcast::error::RecvError::Lagged(_))
    ));
    // Nothing was lost on disk for the follower's sake.
    assert_eq!(
        read_tail(tmp.path(), "comp", usize::MAX)
            .await
            .unwrap()
            .len(),
        20_002
    );
}

#[tokio::test]
async fn a_child_with_no_output_finishes_with_no_log_file() {
    let tmp = tempfile::tempdir().unwrap();
    let config = LogConfig::new(tmp.path());
    let report = run_quietly("true", &config).await;
    assert_eq!(report.lines, 0);
    assert!(stored(tmp.path()).await.is_empty());
    assert!(!tmp.path().join("comp.log").exists(), "a file for no line");
}

#[tokio::test]
async fn a_line_reaches_the_file_while_the_component_still_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let config = LogConfig::new(tmp.path());
    // The child prints a line, then waits until its stdin is closed.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("echo ready; read answer; echo bye")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn sh");
    let sink = LogSink::open(&config, "comp").await.unwrap();
    let (live, _) = broadcast::channel(16);
    let stdout = child.stdout.take().unwrap().into_owned_fd().unwrap();
    let stderr = child.stderr.take().unwrap().into_owned_fd().unwrap();
    let task = tokio::spawn(capture(stdout, stderr, sink, live, RecentLines::default()));

    let flushed = async {
        while stored(tmp.path()).await.is_empty() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    };
    timeout(DEADLINE, flushed)
        .await
        .expect("the first line was flushed while the child waits");
    assert!(!task.is_finished());

    drop(child.stdin.take());
    let report = timeout(DEADLINE, task).await.unwrap().unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let lines = stored(tmp.path()).await;
    assert_eq!(texts_of(&lines, Stream::Stdout), ["ready", "bye"]);
    assert!(
        timeout(DEADLINE, child.wait())
            .await
            .unwrap()
            .unwrap()
            .success()
    );
}
