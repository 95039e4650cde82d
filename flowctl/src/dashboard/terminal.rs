//! The terminal while the dashboard owns it: raw mode, the alternate screen
//! and a hidden cursor, all given back on exit, on error and on panic.
//! Keys and resizes are read on a thread of their own and handed over a
//! channel, so the main loop waits on them like on any other event.

use std::io::{IsTerminal, Stdout};

use anyhow::{Result, bail};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use tokio::sync::mpsc;

/// The dashboard's terminal; dropping it restores the screen.
pub struct Screen {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

/// An error unless both stdin and stdout are a terminal.
pub fn require() -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "flowctl dashboard needs a terminal, and its input or output is not one: \
             use `flowctl status --watch` to follow runs from a script or a pipe"
        );
    }
    Ok(())
}

/// Takes over the terminal, after checking there is one.
pub fn enter() -> Result<Screen> {
    require()?;
    install_panic_hook();
    enable_raw_mode()?;
    let mut stdout = std::io::stdout();
    if let Err(err) = execute!(stdout, EnterAlternateScreen, Hide) {
        restore();
        return Err(err.into());
    }
    let terminal = Terminal::new(CrosstermBackend::new(stdout))?;
    Ok(Screen { terminal })
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves the alternate screen with the cursor shown and raw mode off (what
/// was on the terminal before comes back). Safe to call twice.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(std::io::stdout(), LeaveAlternateScreen, Show);
}

/// A panic restores the terminal before its message is printed, so the
/// message is readable and the shell usable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Keys and resizes as they come, until the receiver goes away.
pub fn events() -> mpsc::Receiver<Event> {
    let (tx, rx) = mpsc::channel(64);
    std::thread::spawn(move || {
        while let Ok(event) = event::read() {
            if tx.blocking_send(event).is_err() {
                break;
            }
        }
    });
    rx
}
