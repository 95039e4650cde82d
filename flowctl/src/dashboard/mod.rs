//! `flowctl dashboard`: a full-screen view of the local daemon's runs
//! (driven by its `Watch` streams) or of a remote control plane (asked
//! every `--refresh-interval`).
//!
//! Layout:
//! - `model`: what is shown, a pure state updated by [`model::Update`]s;
//! - `actions`: what the user asks and the commands it gives the source;
//! - `keys`: keys to actions;
//! - `render/`: the panels, drawn from the model and a clock reading;
//! - `source_local`, `source_remote`: where the updates come from;
//! - `terminal`: taking the terminal over and giving it back.

pub mod actions;
pub mod keys;
pub mod model;
pub mod render;
mod source_local;
mod source_remote;
mod terminal;

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use ratatui::crossterm::event::Event;
use tokio::sync::mpsc;
use tokio::time::Instant;

use actions::Command;
use model::Model;
use render::Theme;
use source_local::Local;
use source_remote::Remote;

/// The least time between two frames: a burst of updates is one redraw
/// (a key is drawn at once).
const FRAME: Duration = Duration::from_millis(200);

/// Where the dashboard's updates come from.
pub enum Source {
    /// The local daemon, by its client.
    Local(crate::connect::Client),
    /// A control plane over TCP, asked every `every`.
    Remote {
        plane: Box<crate::remote::Plane>,
        every: Duration,
    },
}

enum Running {
    Local(Local),
    Remote(Remote),
}

impl Running {
    fn execute(&mut self, command: Command) {
        match self {
            Running::Local(local) => local.execute(command),
            Running::Remote(remote) => remote.execute(command),
        }
    }
}

/// An error saying to use `status --watch` unless on a terminal.
pub fn require_terminal() -> Result<()> {
    terminal::require()
}

/// Shows the dashboard titled `title` until the user quits.
pub async fn show(source: Source, title: &str) -> Result<ExitCode> {
    let mut screen = terminal::enter()?;
    let (tx, mut updates) = mpsc::channel(1024);
    let (mut model, mut running) = match source {
        Source::Local(client) => (
            Model::new(title, false),
            Running::Local(Local::start(client, tx)),
        ),
        Source::Remote { plane, every } => (
            Model::new(title, true),
            Running::Remote(Remote::start(*plane, every, tx)),
        ),
    };
    let theme = Theme::from_env();
    let mut events = terminal::events();
    let mut second = tokio::time::interval(Duration::from_secs(1));
    let mut last_frame = Instant::now() - FRAME;
    loop {
        let next_frame = last_frame + FRAME;
        tokio::select! {
            Some(update) = updates.recv() => model.apply(update),
            event = events.recv() => match event {
                Some(Event::Key(key)) => {
                    let Some(action) = keys::action(key, &model.mode) else { continue };
                    match model.act(action) {
                        Some(Command::Quit) => break,
                        Some(command) => running.execute(command),
                        None => {}
                    }
                    // A key's effect shows at once.
                    last_frame = Instant::now() - FRAME;
                }
                Some(Event::Resize(..)) => model.dirty = true,
                Some(_) => {}
                None => break,
            },
            _ = second.tick() => model.tick(flowctl_core::clock::now_ms()),
            _ = tokio::time::sleep_until(next_frame), if model.dirty => {
                let now_ms = flowctl_core::clock::now_ms();
                screen
                    .terminal
                    .draw(|frame| render::draw(frame, &model, now_ms, &theme))?;
                model.dirty = false;
                last_frame = Instant::now();
            }
        }
    }
    drop(running);
    drop(screen);
    Ok(ExitCode::SUCCESS)
}
