//! A run in the foreground (`flowctl run`, `attach`, `pipelines restart`),
//! driven by the daemon's `Watch` stream alone: the run's state and each
//! component's come as events (a snapshot first, and again if the daemon
//! finds this client fell behind), log lines in between; nothing is polled.
//!
//! Ctrl+C, SIGTERM and SIGHUP ask the daemon to stop the run gracefully;
//! a second one leaves at once. The watch is opened with
//! `stop_on_disconnect`, so even a client killed with SIGKILL stops its run.
//!
//! - `view`: the block redrawn in place on a terminal;
//! - `ready`: `run --wait`, until every component is ready.

pub mod ready;
mod view;

use std::collections::HashMap;
use std::process::ExitCode;

use anyhow::{Result, bail};
use flowctl_proto::daemon::v1::{
    ComponentState, ComponentStatus, RunRef, RunStatus, RunSummary, WatchRequest,
    watch_event::Event,
};
use tokio::signal::unix::{Signal, SignalKind, signal};

use crate::connect::Client;
use crate::display::{Printer, run_json, state_name};
use crate::output;
use view::LiveView;

/// The spinner's frame time.
const SPIN_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// The signals that stop a foreground run: Ctrl+C, SIGTERM, SIGHUP.
pub struct Signals {
    interrupt: Signal,
    terminate: Signal,
    hangup: Signal,
    /// One caught before the run existed, handed back to count as the next.
    replayed: Option<ExitCode>,
}

impl Signals {
    /// Catches them from now on (before the run exists, so that a Ctrl+C
    /// while it is submitted still stops it).
    pub fn new() -> Result<Signals> {
        Ok(Signals {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
            hangup: signal(SignalKind::hangup())?,
            replayed: None,
        })
    }

    /// Hands back a signal (as [`Signals::next`] gave it) to be the next
    /// one again: one that came while the run was being submitted stops
    /// the run once it is shown.
    pub fn replay(&mut self, code: ExitCode) {
        self.replayed = Some(code);
    }

    /// The signal handed back by [`Signals::replay`], if any, taken.
    pub fn take_replayed(&mut self) -> Option<ExitCode> {
        self.replayed.take()
    }

    /// The next one, as the exit code a shell gives a process it ended.
    pub async fn next(&mut self) -> ExitCode {
        if let Some(code) = self.replayed.take() {
            return code;
        }
        tokio::select! {
            _ = self.interrupt.recv() => ExitCode::from(130),
            _ = self.terminate.recv() => ExitCode::from(143),
            _ = self.hangup.recv() => ExitCode::from(129),
        }
    }
}

/// Shows run `run` until it ends; the exit code says how it ended. With
/// `show_status`, component progress is shown besides the log lines.
pub async fn follow(
    mut client: Client,
    run: &str,
    show_status: bool,
    json: bool,
    mut signals: Signals,
) -> Result<ExitCode> {
    let mut shown = Shown::new(show_status, json);
    let mut stopping = false;
    let mut watcher = client.clone();
    let watch = watcher.watch(WatchRequest {
        run_id: run.to_owned(),
        stop_on_disconnect: true,
        logs: true,
    });
    tokio::pin!(watch);
    // Signals count while the watch opens too: the first asks for the stop,
    // a second leaves at once.
    let mut events = loop {
        tokio::select! {
            events = &mut watch => break events?.into_inner(),
            code = signals.next() => {
                if on_signal(&mut client, run, &mut stopping, &mut shown.view) {
                    return Ok(code);
                }
            }
        }
    };
    let mut spinner = tokio::time::interval(SPIN_EVERY);
    loop {
        let event = tokio::select! {
            event = events.message() => event,
            _ = spinner.tick(), if shown.spinning() => {
                shown.view.tick();
                continue;
            }
            code = signals.next() => {
                if on_signal(&mut client, run, &mut stopping, &mut shown.view) {
                    return Ok(code);
                }
                continue;
            }
        };
        match event {
            Ok(Some(event)) => {
                if shown.apply(event.event) {
                    break;
                }
            }
            Ok(None) => break,
            Err(status) => {
                shown.view.finish();
                bail!("lost the connection to flowctld: {}", status.message())
            }
        }
    }
    shown.finish(run)
}

/// What the foreground shows, updated by each event of the stream.
struct Shown {
    show_status: bool,
    json: bool,
    /// Whether the view is drawn in place (a terminal, status shown).
    live: bool,
    printer: Printer,
    view: LiveView,
    states: HashMap<String, ComponentState>,
    last: RunSummary,
    /// Off a terminal: the flow last printed, and when.
    flow_printed: (String, Option<std::time::Instant>),
}

/// Off a terminal, how often at most the flow of events gets a line.
const FLOW_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

impl Shown {
    fn new(show_status: bool, json: bool) -> Shown {
        let live = show_status && !json && std::io::IsTerminal::is_terminal(&std::io::stdout());
        Shown {
            show_status,
            json,
            live,
            printer: Printer::new(json),
            view: LiveView::new(live),
            states: HashMap::new(),
            last: RunSummary::default(),
            flow_printed: (String::new(), None),
        }
    }

    /// Whether a component still starts, so the spinner turns.
    fn spinning(&self) -> bool {
        self.live && self.last.status() == RunStatus::Starting
    }

    /// Applies one event; true once the run has ended.
    fn apply(&mut self, event: Option<Event>) -> bool {
        match event {
            Some(Event::Log(line)) => self.view.log(&self.printer, &line),
            Some(Event::Component(c)) => self.component(c),
            Some(Event::Run(summary)) => return self.run(summary),
            Some(Event::Edges(_)) | None => {}
        }
        false
    }

    fn component(&mut self, c: ComponentStatus) {
        let state = c.state();
        let previous = self.states.insert(c.id.clone(), state);
        let changed = previous != Some(state) && state != ComponentState::Pending;
        let detail = match state {
            ComponentState::Starting => format!(" (pid {})", c.pid),
            ComponentState::Restarting => {
                format!(" ({}; restart {})", c.last_restart_reason, c.restarts)
            }
            ComponentState::Exited | ComponentState::Failed if !c.exit.is_empty() => {
                format!(" ({})", c.exit)
            }
            _ => String::new(),
        };
        let text = format!(
            "[flowctl] {}: {}{detail}",
            c.id,
            state_name(state).to_lowercase()
        );
        let starting = self.last.status() == RunStatus::Starting;
        self.view.component(c);
        // On a terminal the block shows starts; later changes (restarts,
        // exits) are worth a line in the scrollback.
        let news = !self.live || (!starting && state != ComponentState::Running);
        if self.show_status && !self.json && changed && news {
            self.view.say(&text);
        }
        self.print_flow();
    }

    /// Off a terminal, a line about the flow of events when it moved, at
    /// most every few seconds (on a terminal the status line shows it).
    fn print_flow(&mut self) {
        if self.live || !self.show_status || self.json {
            return;
        }
        let flow = self.view.flow();
        let (printed, at) = &self.flow_printed;
        if flow.is_empty() || flow == *printed || at.is_some_and(|at| at.elapsed() < FLOW_EVERY) {
            return;
        }
        self.view.say(&format!(
            "[flowctl] {}; events in/out: {flow}",
            self.view.summary()
        ));
        self.flow_printed = (flow, Some(std::time::Instant::now()));
    }

    /// A new run summary; true once the run has ended.
    fn run(&mut self, summary: RunSummary) -> bool {
        if self.show_status
            && !self.json
            && summary.status() == RunStatus::Running
            && self.last.status() != RunStatus::Running
        {
            self.view.say(&format!(
                "[flowctl] all {} components ready ({}/{} healthy, {} restarts); Ctrl+C stops the run",
                summary.components_total,
                summary.components_ready,
                summary.components_total,
                summary.restarts
            ));
        }
        self.last = summary.clone();
        self.view.run(summary);
        ended(&self.last)
    }

    /// Removes the view and says how the run ended.
    fn finish(mut self, run: &str) -> Result<ExitCode> {
        self.view.finish();
        let last = &self.last;
        if !ended(last) {
            bail!(
                "the daemon ended the stream before run {run} ended; `flowctl pipelines run-info {run}` shows its state"
            );
        }
        if self.json {
            output::print_json(&run_json(last));
        } else {
            println!(
                "Run {} {} after {}",
                flowctl_core::short_id(&last.run_id),
                flowctl_core::RunStatus::from(last.status()).name(),
                output::span_ms(last.started_at_ms, last.ended_at_ms)
            );
            if !last.error.is_empty() {
                eprintln!("error: {}", last.error);
            }
        }
        Ok(match last.status() {
            RunStatus::Failed => ExitCode::FAILURE,
            _ => ExitCode::SUCCESS,
        })
    }
}

fn ended(summary: &RunSummary) -> bool {
    flowctl_core::RunStatus::from(summary.status()).is_terminal()
}

/// First signal: ask for a graceful stop. Returns true when the user insists.
fn on_signal(client: &mut Client, run: &str, stopping: &mut bool, view: &mut LiveView) -> bool {
    if *stopping {
        view.finish();
        eprintln!("[flowctl] leaving now; the daemon finishes stopping run {run}");
        return true;
    }
    *stopping = true;
    view.say(&format!(
        "[flowctl] stopping run {} (again to leave at once)",
        flowctl_core::short_id(run)
    ));
    let mut client = client.clone();
    let run = run.to_owned();
    tokio::spawn(async move {
        if let Err(status) = client.stop_run(RunRef { run_id: run }).await {
            eprintln!("[flowctl] cannot stop the run: {}", status.message());
        }
    });
    false
}
