//! The foreground view of a run on a terminal: a block of lines at the
//! bottom, redrawn in place, with a spinner per component still starting,
//! and once all run, one status line (running/total, restarts, events
//! in/out).
//! Log lines scroll above it. Off a terminal, the same facts are printed as
//! plain lines instead, so logs and pipes stay clean.

use std::io::Write;
use std::time::Instant;

use flowctl_proto::daemon::v1::{ComponentState, ComponentStatus, LogLine, RunStatus, RunSummary};

use crate::display::{Printer, flow, merge_status, state_name};

const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

struct Entry {
    status: ComponentStatus,
    /// When it entered its current state, for "waiting 2.3s".
    since: Instant,
}

/// The live view; `redraw` keeps the block current.
pub struct LiveView {
    /// Whether to draw in place (a terminal with status shown).
    live: bool,
    /// Lines of the block currently on screen.
    drawn: usize,
    components: Vec<Entry>,
    run: RunSummary,
    frame: usize,
    width: usize,
}

impl LiveView {
    pub fn new(live: bool) -> LiveView {
        LiveView {
            live,
            drawn: 0,
            components: Vec::new(),
            run: RunSummary::default(),
            frame: 0,
            width: terminal_width(),
        }
    }

    pub fn log(&mut self, printer: &Printer, line: &LogLine) {
        self.clear();
        printer.print(line);
        self.draw();
    }

    /// Prints a line above the block.
    pub fn say(&mut self, text: &str) {
        self.clear();
        println!("{text}");
        self.draw();
    }

    pub fn component(&mut self, status: ComponentStatus) {
        match self
            .components
            .iter_mut()
            .find(|e| e.status.id == status.id)
        {
            Some(entry) => {
                if entry.status.state != status.state {
                    entry.since = Instant::now();
                }
                // A change of state does not carry the relay's counts.
                entry.status = merge_status(std::mem::take(&mut entry.status), status);
            }
            None => self.components.push(Entry {
                status,
                since: Instant::now(),
            }),
        }
        self.redraw();
    }

    /// What the relay moved through each component so far.
    pub fn flow(&self) -> String {
        flow(
            &self
                .components
                .iter()
                .map(|e| &e.status)
                .collect::<Vec<_>>(),
        )
    }

    /// "2/2 running, 0 restarts": the run at a glance, for plain output.
    pub fn summary(&self) -> String {
        let running = self
            .components
            .iter()
            .filter(|e| e.status.state() == ComponentState::Running)
            .count();
        let restarts: u32 = self.components.iter().map(|e| e.status.restarts).sum();
        format!(
            "{running}/{} running, {restarts} restarts",
            self.components.len()
        )
    }

    pub fn run(&mut self, summary: RunSummary) {
        self.run = summary;
        self.redraw();
    }

    /// Advances the spinner and redraws.
    pub fn tick(&mut self) {
        self.frame = self.frame.wrapping_add(1);
        self.redraw();
    }

    /// Removes the block for good (the run ended).
    pub fn finish(&mut self) {
        self.clear();
        self.live = false;
    }

    fn redraw(&mut self) {
        self.clear();
        self.draw();
    }

    fn clear(&mut self) {
        if self.live && self.drawn > 0 {
            // Up to the block's first line, then erase to the end of screen.
            print!("\x1b[{}F\x1b[J", self.drawn);
            self.drawn = 0;
        }
    }

    fn draw(&mut self) {
        if !self.live {
            return;
        }
        let lines = self.lines();
        let mut out = std::io::stdout().lock();
        for line in &lines {
            let _ = writeln!(out, "{}", truncate(line, self.width));
        }
        let _ = out.flush();
        self.drawn = lines.len();
    }

    fn lines(&self) -> Vec<String> {
        let total = self.components.len();
        let running = self
            .components
            .iter()
            .filter(|e| e.status.state() == ComponentState::Running)
            .count();
        if self.run.status() == RunStatus::Running || self.run.status() == RunStatus::Stopping {
            let restarts: u32 = self.components.iter().map(|e| e.status.restarts).sum();
            let mut line =
                format!("\x1b[1m●\x1b[0m {running}/{total} running · {restarts} restarts",);
            let moved = self.flow();
            if !moved.is_empty() {
                line.push_str(&format!(" · events in/out: {moved}"));
            }
            if self.run.status() == RunStatus::Stopping {
                line.push_str(" · stopping…");
            } else {
                line.push_str(" · Ctrl+C stops the run");
            }
            return vec![line];
        }
        let width = self
            .components
            .iter()
            .map(|e| e.status.id.len())
            .max()
            .unwrap_or(0);
        self.components
            .iter()
            .map(|e| {
                let c = &e.status;
                let waited = e.since.elapsed().as_secs_f64();
                let (mark, what) = match c.state() {
                    ComponentState::Pending => (' ', "waiting for its inputs".to_string()),
                    ComponentState::Starting => (
                        SPINNER[self.frame % SPINNER.len()],
                        format!("starting (pid {}), not ready yet {waited:.1}s", c.pid),
                    ),
                    ComponentState::Running => ('✓', "running".to_string()),
                    ComponentState::Restarting => {
                        ('↻', format!("restarting: {}", c.last_restart_reason))
                    }
                    ComponentState::Failed => ('✗', format!("failed: {}", c.exit)),
                    other => ('·', state_name(other).to_lowercase()),
                };
                format!("{mark} {:width$}  {what}", c.id)
            })
            .collect()
    }
}

/// Cuts a line to the terminal's width, so that the block's height in
/// lines is what was printed (escape sequences count as zero width).
fn truncate(line: &str, width: usize) -> String {
    let mut shown = 0;
    let mut out = String::new();
    let mut escape = false;
    for ch in line.chars() {
        if ch == '\x1b' {
            escape = true;
        }
        if !escape {
            if shown + 1 >= width {
                break;
            }
            shown += 1;
        }
        out.push(ch);
        if escape && ch.is_ascii_alphabetic() {
            escape = false;
        }
    }
    out + "\x1b[0m"
}

fn terminal_width() -> usize {
    let mut size = nix::libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ only fills the struct we pass.
    let ok = unsafe { nix::libc::ioctl(1, nix::libc::TIOCGWINSZ, &mut size) } == 0;
    if ok && size.ws_col > 0 {
        size.ws_col as usize
    } else {
        80
    }
}
