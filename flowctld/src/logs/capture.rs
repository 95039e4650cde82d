//! The task that drains a component's stdout and stderr until both close.
//!
//! Memory stays flat however much a component prints: each pipe is read
//! into a fixed buffer, a line is held only up to
//! [`MAX_LINE_BYTES`](super::MAX_LINE_BYTES), the files are written through
//! fixed buffers and rotated, and live followers that fall behind lose lines
//! (the broadcast channel drops them) instead of holding the writer back.

use std::future::poll_fn;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::broadcast;

use super::split::{LineSplitter, Piece};
use super::{LogError, LogLine, LogSink, MAX_LINE_BYTES, RecentLines, Stream};
use flowctl_core::clock::now_ms;

/// Bytes asked of a pipe in one read.
const READ_BUFFER_BYTES: usize = 8 * 1024;

/// What a finished capture tells the supervisor. Its arrival means the
/// component's output is fully drained and on disk.
#[derive(Debug, Default)]
pub struct CaptureReport {
    /// Lines captured from both pipes, pieces of split lines counted apart.
    pub lines: u64,
    /// Log files switched off by an error and pipes that failed to read;
    /// empty when nothing was lost.
    pub errors: Vec<LogError>,
}

/// Drains `stdout` and `stderr` until both reach end of file: every line goes
/// into `sink`, into `recent`, and to the followers subscribed to `live`.
///
/// Lines are flushed to the files whenever neither pipe has more to read
/// right now, so `flowctl logs` sees a quiet component's lines at once while a
/// flooding one is written in large batches. The two pipes take turns, so a
/// flooding stdout cannot starve stderr.
///
/// The memory held by `live` is the caller's to bound: up to its capacity
/// lines of up to [`MAX_LINE_BYTES`] each.
///
/// Spawn it next to the child (`tokio::spawn(capture(...))`): its end tells
/// that the output is drained, and it ends even if nobody follows.
pub async fn capture<O, E>(
    stdout: O,
    stderr: E,
    sink: LogSink,
    live: broadcast::Sender<LogLine>,
    recent: RecentLines,
) -> CaptureReport
where
    O: AsyncRead + Unpin + Send + 'static,
    E: AsyncRead + Unpin + Send + 'static,
{
    let mut pipes = [
        Pipe::new(Stream::Stdout, Box::new(stdout)),
        Pipe::new(Stream::Stderr, Box::new(stderr)),
    ];
    let mut out = Destinations {
        sink,
        live,
        recent,
        report: CaptureReport::default(),
    };
    let mut first = 0;
    while pipes.iter().any(|pipe| pipe.open) {
        let ready_now = poll_fn(|cx| Poll::Ready(poll_pipes(cx, &mut pipes, first))).await;
        let (index, result) = match ready_now {
            Poll::Ready(read) => read,
            Poll::Pending => {
                // Nothing more to read for now: let readers of the files see
                // what came so far before waiting.
                out.sink.flush().await;
                poll_fn(|cx| poll_pipes(cx, &mut pipes, first)).await
            }
        };
        first = 1 - index;
        let pipe = &mut pipes[index];
        match result {
            Ok(filled) if filled > 0 => {
                let mut input = &pipe.buffer[..filled];
                while let Some(piece) = pipe.splitter.next_piece(&mut input) {
                    out.deliver(pipe.stream, piece).await;
                }
                continue;
            }
            Ok(_end_of_file) => {}
            Err(source) => out.report.errors.push(LogError::ReadPipe {
                component: out.sink.component().to_owned(),
                stream: pipe.stream,
                source,
            }),
        }
        // The pipe is closed: what it left without a newline is its last line.
        pipe.open = false;
        if let Some(piece) = pipe.splitter.finish() {
            out.deliver(pipe.stream, piece).await;
        }
    }
    let mut report = out.report;
    report.errors.extend(out.sink.close().await);
    report
}

/// One of the component's pipes, with what was read from it.
struct Pipe {
    stream: Stream,
    reader: Box<dyn AsyncRead + Unpin + Send>,
    buffer: Box<[u8]>,
    splitter: LineSplitter,
    /// False once the pipe reached end of file or failed.
    open: bool,
}

impl Pipe {
    fn new(stream: Stream, reader: Box<dyn AsyncRead + Unpin + Send>) -> Self {
        Pipe {
            stream,
            reader,
            buffer: vec![0; READ_BUFFER_BYTES].into_boxed_slice(),
            splitter: LineSplitter::new(MAX_LINE_BYTES),
            open: true,
        }
    }

    /// Reads into `buffer`, giving the number of bytes read (0 at end of file).
    fn poll_fill(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let mut buf = ReadBuf::new(&mut self.buffer);
        ready!(Pin::new(&mut self.reader).poll_read(cx, &mut buf))?;
        Poll::Ready(Ok(buf.filled().len()))
    }
}

/// Reads from the first open pipe that has data (or news of its end),
/// trying `pipes[first]` first; the index of that pipe comes with the result.
fn poll_pipes(
    cx: &mut Context<'_>,
    pipes: &mut [Pipe; 2],
    first: usize,
) -> Poll<(usize, io::Result<usize>)> {
    for index in [first, 1 - first] {
        let pipe = &mut pipes[index];
        if pipe.open
            && let Poll::Ready(result) = pipe.poll_fill(cx)
        {
            return Poll::Ready((index, result));
        }
    }
    Poll::Pending
}

/// Where every captured line goes.
struct Destinations {
    sink: LogSink,
    live: broadcast::Sender<LogLine>,
    recent: RecentLines,
    report: CaptureReport,
}

impl Destinations {
    async fn deliver(&mut self, stream: Stream, piece: Piece<'_>) {
        let at_ms = now_ms();
        let text = piece.text();
        let seq = self.sink.write_line(at_ms, stream, &text).await;
        self.report.errors.extend(self.sink.take_errors());
        let line = LogLine {
            component: self.sink.component().to_owned(),
            at_ms,
            seq,
            stream,
            line: text.into_owned(),
        };
        if self.live.receiver_count() > 0 {
            // Fails only when the last follower left in the meantime.
            let _ = self.live.send(line.clone());
        }
        self.recent.push(line);
        self.report.lines += 1;
    }
}

#[cfg(test)]
mod tests;
