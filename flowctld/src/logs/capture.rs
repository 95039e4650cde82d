//! The task that drains a component's stdout and stderr until both close.
//!
//! Memory stays flat however much a component prints: a pipe is read only
//! once it has data, through a buffer on the stack, a line is held only up
//! to [`MAX_LINE_BYTES`](super::MAX_LINE_BYTES), the files are written in
//! bounded batches and rotated, and live followers that fall behind lose
//! lines (the broadcast channel drops them) instead of holding the writer
//! back. A quiet component costs no buffer at all: most of a pipeline's
//! components print little, and a daemon running a hundred of them should
//! not hold a hundred sets of idle buffers.

use std::future::poll_fn;
use std::io;
use std::os::fd::OwnedFd;
use std::task::{Context, Poll, ready};

use tokio::net::unix::pipe;
use tokio::sync::broadcast;

use super::split::{LineSplitter, Piece};
use super::{LogError, LogLine, LogSink, MAX_LINE_BYTES, RecentLines, Stream};
use flowctl_core::clock::now_ms;

/// Bytes asked of a pipe in one read (on the stack; only what was read is
/// kept, until its lines are delivered).
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
pub async fn capture(
    stdout: OwnedFd,
    stderr: OwnedFd,
    sink: LogSink,
    live: broadcast::Sender<LogLine>,
    recent: RecentLines,
) -> CaptureReport {
    let mut out = Destinations {
        sink,
        live,
        recent,
        report: CaptureReport::default(),
    };
    let pipes = [
        Pipe::new(Stream::Stdout, stdout),
        Pipe::new(Stream::Stderr, stderr),
    ];
    let mut pipes = match pipes {
        [Ok(stdout), Ok(stderr)] => [stdout, stderr],
        [stdout, stderr] => {
            for (stream, pipe) in [(Stream::Stdout, stdout), (Stream::Stderr, stderr)] {
                if let Err(source) = pipe {
                    out.report.errors.push(LogError::ReadPipe {
                        component: out.sink.component().to_owned(),
                        stream,
                        source,
                    });
                }
            }
            let mut report = out.report;
            report.errors.extend(out.sink.close().await);
            return report;
        }
    };
    let mut first = 0;
    while pipes.iter().any(|pipe| pipe.open) {
        let ready_now = poll_fn(|cx| Poll::Ready(poll_pipes(cx, &mut pipes, first))).await;
        let (index, result) = match ready_now {
            Poll::Ready(read) => read,
            Poll::Pending => {
                // Nothing more to read for now: let readers of the files see
                // what came so far before waiting, and keep no buffer while
                // the component is quiet.
                out.sink.flush().await;
                for pipe in &mut pipes {
                    pipe.splitter.release();
                }
                poll_fn(|cx| poll_pipes(cx, &mut pipes, first)).await
            }
        };
        first = 1 - index;
        let pipe = &mut pipes[index];
        match result {
            Ok(read) if !read.is_empty() => {
                let mut input = &read[..];
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

/// One of the component's pipes, with the unfinished line read from it.
struct Pipe {
    stream: Stream,
    reader: pipe::Receiver,
    splitter: LineSplitter,
    /// False once the pipe reached end of file or failed.
    open: bool,
}

impl Pipe {
    fn new(stream: Stream, fd: OwnedFd) -> io::Result<Self> {
        Ok(Pipe {
            stream,
            reader: pipe::Receiver::from_owned_fd(fd)?,
            splitter: LineSplitter::new(MAX_LINE_BYTES),
            open: true,
        })
    }

    /// Waits until the pipe has data (or news of its end), then reads what
    /// it has: empty at end of file. Nothing is allocated before there is
    /// something to keep.
    fn poll_fill(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<Vec<u8>>> {
        loop {
            ready!(self.reader.poll_read_ready(cx))?;
            let mut buffer = [0; READ_BUFFER_BYTES];
            match self.reader.try_read(&mut buffer) {
                Ok(read) => return Poll::Ready(Ok(buffer[..read].to_vec())),
                // Readiness was stale; `try_read` cleared it.
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }
}

/// Reads from the first open pipe that has data (or news of its end),
/// trying `pipes[first]` first; the index of that pipe comes with the result.
fn poll_pipes(
    cx: &mut Context<'_>,
    pipes: &mut [Pipe; 2],
    first: usize,
) -> Poll<(usize, io::Result<Vec<u8>>)> {
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
