//! The backlog/follow merge over real files in a temp dir, with a broadcast
//! channel standing in for the capture task.

use std::path::Path;

use tokio::sync::broadcast;

use super::*;
use crate::logs::{LogConfig, LogSink, Stream};

/// Writes `text` through `sink` and publishes it, as the capture task does.
async fn emit(sink: &mut LogSink, live: &broadcast::Sender<LogLine>, at_ms: i64, text: &str) {
    let seq = sink.write_line(at_ms, Stream::Stdout, text).await;
    let _ = live.send(LogLine {
        component: sink.component().to_owned(),
        at_ms,
        seq,
        stream: Stream::Stdout,
        line: text.to_owned(),
    });
}

async fn sink(dir: &Path, component: &str, max_bytes: u64, keep: usize) -> LogSink {
    let mut config = LogConfig::new(dir);
    config.max_bytes = max_bytes;
    config.keep = keep;
    LogSink::open(&config, component).await.unwrap()
}

fn texts(entries: &[Entry]) -> Vec<String> {
    entries
        .iter()
        .map(|entry| match entry {
            Entry::Line(line) => format!("{} {}", line.component, line.line),
            Entry::Gap(gap) => format!("{} gap {}+{}", gap.component, gap.kept, gap.lost),
            Entry::NoOutput { component } => format!("{component} no output"),
        })
        .collect()
}

/// Every entry `next` gives once `live`, dropped here, has nothing more.
async fn drain(follow: &mut Follow, live: broadcast::Sender<LogLine>) -> Vec<Entry> {
    drop(live);
    let mut entries = Vec::new();
    while let Some(entry) = follow.next().await {
        entries.push(entry);
    }
    entries
}

#[tokio::test]
async fn lines_of_the_same_millisecond_are_shown_once_each() {
    let tmp = tempfile::tempdir().unwrap();
    let (live, _) = broadcast::channel(64);
    let mut sink = sink(tmp.path(), "c", 1 << 20, 3).await;
    let mut follow = Follow::new(tmp.path(), vec!["c".into()], Some(live.subscribe()));
    // Written after the reader subscribed, before it reads the files: they
    // reach it twice, once from the files and once live.
    for i in 1..=5 {
        emit(&mut sink, &live, 1_000, &format!("line {i}")).await;
    }
    sink.flush().await;
    let backlog = follow.backlog(0).await;
    for i in 6..=8 {
        emit(&mut sink, &live, 1_000, &format!("line {i}")).await;
    }
    let shown: Vec<_> = [backlog, drain(&mut follow, live).await].concat();
    let expected: Vec<_> = (1..=8).map(|i| format!("c line {i}")).collect();
    assert_eq!(texts(&shown), expected);
}

#[tokio::test]
async fn the_backlog_merges_components_by_time_and_names_the_silent_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let (live, _) = broadcast::channel(64);
    let mut a = sink(tmp.path(), "a", 1 << 20, 3).await;
    let mut b = sink(tmp.path(), "b", 1 << 20, 3).await;
    emit(&mut a, &live, 1, "a1").await;
    emit(&mut b, &live, 2, "b1").await;
    emit(&mut a, &live, 2, "a2").await;
    a.flush().await;
    b.flush().await;
    let components = vec!["a".into(), "b".into(), "quiet".into()];
    let mut follow = Follow::new(tmp.path(), components, None);
    let backlog = follow.backlog(0).await;
    assert_eq!(
        texts(&backlog),
        ["a a1", "a a2", "b b1", "quiet no output"],
        "a's lines keep their order, and at 2 ms a comes before b"
    );
    assert_eq!(
        texts(&follow.backlog(1).await),
        ["a a2", "b b1", "quiet no output"]
    );
    assert_eq!(follow.next().await, None, "nothing to follow");
}

#[tokio::test]
async fn a_reader_that_lags_is_told_how_many_lines_it_missed_and_that_they_are_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let (live, _) = broadcast::channel(4);
    let mut sink = sink(tmp.path(), "c", 1 << 20, 3).await;
    let mut follow = Follow::new(tmp.path(), vec!["c".into()], Some(live.subscribe()));
    assert_eq!(texts(&follow.backlog(200).await), ["c no output"]);
    for i in 1..=20 {
        emit(&mut sink, &live, i, &format!("line {i}")).await;
    }
    let shown = drain(&mut follow, live).await;
    let mut expected = vec!["c gap 16+0".to_string()];
    expected.extend((17..=20).map(|i| format!("c line {i}")));
    assert_eq!(texts(&shown), expected);
    let Entry::Gap(gap) = &shown[0] else { panic!() };
    assert_eq!(
        gap.describe(),
        "16 lines not shown (too fast to display); `flowctl logs` has them"
    );
}

#[tokio::test]
async fn lines_rotation_dropped_before_a_lagging_reader_got_them_are_counted_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let (live, _) = broadcast::channel(4);
    // About 45 bytes a line, 200 bytes a file, 2 files: about 8 lines kept.
    let mut sink = sink(tmp.path(), "c", 200, 2).await;
    let mut follow = Follow::new(tmp.path(), vec!["c".into()], Some(live.subscribe()));
    follow.backlog(0).await;
    for i in 1..=100 {
        emit(&mut sink, &live, i, &format!("line {i:03}")).await;
    }
    sink.flush().await;
    let oldest = first_kept_seq(tmp.path(), "c").await.unwrap().unwrap();
    assert!((90..97).contains(&oldest), "{oldest}");
    let shown = drain(&mut follow, live).await;
    let Entry::Gap(gap) = &shown[0] else {
        panic!("{shown:?}")
    };
    assert_eq!((gap.lost, gap.kept), (oldest - 1, 96 - (oldest - 1)));
    assert!(gap.describe().contains("are lost"), "{}", gap.describe());
    assert_eq!(shown.len(), 5, "{shown:?}");
}

#[tokio::test]
async fn at_the_end_lines_never_shown_are_accounted_for() {
    let tmp = tempfile::tempdir().unwrap();
    let (live, _) = broadcast::channel(4);
    let mut a = sink(tmp.path(), "a", 1 << 20, 3).await;
    let mut b = sink(tmp.path(), "b", 1 << 20, 3).await;
    let components = vec!["a".into(), "b".into()];
    let mut follow = Follow::new(tmp.path(), components, Some(live.subscribe()));
    follow.backlog(0).await;
    emit(&mut a, &live, 1, "only line of a").await;
    for i in 1..=10 {
        emit(&mut b, &live, 1 + i, &format!("b {i}")).await;
    }
    assert!(a.close().await.is_empty());
    assert!(b.close().await.is_empty());
    let mut expected = vec!["b gap 6+0".to_string()];
    expected.extend((7..=10).map(|i| format!("b b {i}")));
    expected.push("a gap 1+0".into());
    assert_eq!(texts(&follow.finish().await), expected);
    assert!(follow.finish().await.is_empty(), "said once");
}

#[tokio::test]
async fn numbers_go_on_across_instances_and_rotations() {
    let tmp = tempfile::tempdir().unwrap();
    let (live, _) = broadcast::channel(4);
    for instance in 0..3 {
        let mut sink = sink(tmp.path(), "c", 300, 3).await;
        for i in 0..20 {
            emit(
                &mut sink,
                &live,
                i,
                &format!("instance {instance} line {i}"),
            )
            .await;
        }
        assert!(sink.close().await.is_empty());
    }
    let stored = read_tail(tmp.path(), "c", usize::MAX).await.unwrap();
    let seqs: Vec<u64> = stored
        .iter()
        .map(|l| parse_stored(l).unwrap().seq)
        .collect();
    assert_eq!(*seqs.last().unwrap(), 60);
    let first = seqs[0];
    assert_eq!(seqs, (first..=60).collect::<Vec<_>>(), "no gap, no repeat");
    assert!(first > 1, "the cap dropped the first lines");
    assert_eq!(first_kept_seq(tmp.path(), "c").await.unwrap(), Some(first));
}

#[tokio::test]
async fn files_from_before_numbering_still_read_and_numbering_starts_at_one() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("c.log"),
        "2023-11-14T22:13:20.123Z stdout old line\n",
    )
    .unwrap();
    let (live, _) = broadcast::channel(4);
    let mut follow = Follow::new(tmp.path(), vec!["c".into()], None);
    let backlog = follow.backlog(0).await;
    assert_eq!(texts(&backlog), ["c old line"]);
    let mut sink = sink(tmp.path(), "c", 1 << 20, 3).await;
    emit(&mut sink, &live, 1, "new line").await;
    assert!(sink.close().await.is_empty());
    let stored = read_tail(tmp.path(), "c", 2).await.unwrap();
    assert_eq!(parse_stored(&stored[0]).unwrap().seq, 0);
    assert_eq!(parse_stored(&stored[1]).unwrap().seq, 1);
    assert_eq!(first_kept_seq(tmp.path(), "c").await.unwrap(), None);
}
