//! `flowctl run` and `flowctl attach`: a run in the foreground.
//!
//! The view follows the daemon's `Watch` stream: component progress while
//! the run starts, then log lines prefixed by component, then a summary.
//! Ctrl+C, SIGTERM and SIGHUP ask the daemon to stop the run gracefully;
//! a second one leaves at once. The watch is opened with
//! `stop_on_disconnect`, so even a client killed with SIGKILL stops its run.

use std::collections::HashMap;
use std::process::ExitCode;

use anyhow::{Result, bail};
use flowctl_proto::daemon::v1::{
    ComponentState, RunRef, RunStatus, RunSummary, SubmitRunRequest, WatchRequest,
    watch_event::Event,
};
use tokio::signal::unix::{SignalKind, signal};

use super::logs::Printer;
use super::pipelines::run_json;
use super::status::state_name;
use super::validate::read_pipeline;
use super::view::LiveView;
use super::{Ctx, absolute};
use crate::cli::{Orchestrator, RunArgs};
use crate::connect::Client;
use crate::output;

pub async fn run(ctx: &Ctx, args: RunArgs) -> Result<ExitCode> {
    if args.orchestrator == Orchestrator::Container {
        bail!("the container orchestrator is not supported yet: use --orchestrator process");
    }
    let (display, bytes) = match read_pipeline(&args.file) {
        Ok(read) => read,
        Err(message) => {
            eprintln!("{message}");
            return Ok(ExitCode::FAILURE);
        }
    };
    // The daemon validates too; checking here gives the errors without
    // starting a daemon for nothing.
    match flowctl_core::spec::parse(&display, &bytes) {
        Ok(parsed) => {
            for warning in &parsed.warnings {
                eprintln!("warning: {warning}");
            }
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!(
                "Pipeline validation failed: {} error(s)",
                diagnostics.0.len()
            );
            return Ok(ExitCode::FAILURE);
        }
    }
    // Signals are caught from here on: a Ctrl+C while the run is being
    // submitted stops it as soon as it exists, instead of killing the client
    // and leaving the run behind.
    let signals = Signals::new()?;
    let (mut client, started) = ctx.started(&args.daemon).await?;
    if !started && args.daemon.any() {
        eprintln!(
            "note: flowctld was already running; its own settings are used \
             (restart it with `flowctl daemon restart` and these flags to change them)"
        );
    }
    let request = SubmitRunRequest {
        pipeline_yaml: String::from_utf8(bytes)?,
        pipeline_path: absolute(&args.file).display().to_string(),
        working_dir: std::env::current_dir()?.display().to_string(),
        env: std::env::vars().collect(),
        log_dir: args
            .log_dir
            .as_deref()
            .map(|d| absolute(d).display().to_string())
            .unwrap_or_default(),
    };
    let summary = client.submit_run(request).await?.into_inner();
    if args.detach {
        if ctx.json() {
            output::print_json(&run_json(&summary));
        } else {
            println!("{}", summary.run_id);
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.show_status {
        println!(
            "Run {} of pipeline '{}' submitted ({} components)",
            flowctl_core::short_id(&summary.run_id),
            summary.pipeline_name,
            summary.components_total
        );
    }
    follow(
        client,
        &summary.run_id,
        args.show_status,
        ctx.json(),
        signals,
    )
    .await
}

/// Follows a run in the foreground (after `pipelines restart`).
pub async fn follow_run(client: Client, run: &str, json: bool) -> Result<ExitCode> {
    follow(client, run, true, json, Signals::new()?).await
}

pub async fn attach(ctx: &Ctx, run: &str) -> Result<ExitCode> {
    let Some(client) = ctx.running().await? else {
        bail!("no flowctl daemon is running, so no run {run} to attach to");
    };
    follow(client, run, true, ctx.json(), Signals::new()?).await
}

/// The signals that stop a foreground run: Ctrl+C, SIGTERM, SIGHUP.
struct Signals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
    hangup: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> Result<Signals> {
        Ok(Signals {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
            hangup: signal(SignalKind::hangup())?,
        })
    }
}

/// Shows a run until it ends; the exit code says how it ended.
async fn follow(
    mut client: Client,
    run: &str,
    show_status: bool,
    json: bool,
    signals: Signals,
) -> Result<ExitCode> {
    let mut events = client
        .watch(WatchRequest {
            run_id: run.to_owned(),
            stop_on_disconnect: true,
            logs: true,
        })
        .await?
        .into_inner();
    let Signals {
        mut interrupt,
        mut terminate,
        mut hangup,
    } = signals;
    let printer = Printer::new(json);
    let live = show_status && !json && std::io::IsTerminal::is_terminal(&std::io::stdout());
    let mut view = LiveView::new(live);
    let mut states: HashMap<String, ComponentState> = HashMap::new();
    let mut last = RunSummary::default();
    let mut stopping = false;
    // While the run is up, what flows is refreshed: in the status line on a
    // terminal, as a plain line now and then elsewhere.
    let mut flow_tick = tokio::time::interval(if live { LIVE_FLOW_EVERY } else { FLOW_EVERY });
    flow_tick.tick().await;
    let mut spinner = tokio::time::interval(SPIN_EVERY);
    let mut last_flow = String::new();
    loop {
        let event = tokio::select! {
            event = events.message() => event,
            _ = spinner.tick(), if live && last.status() == RunStatus::Starting => {
                view.tick();
                continue;
            }
            _ = flow_tick.tick(), if show_status && !json && last.status() == RunStatus::Running => {
                if let Some((summary, flow)) = flow_line(&mut client, run).await {
                    if live {
                        view.flow = flow;
                        view.tick();
                    } else if summary != last_flow {
                        println!("[flowctl] {summary}");
                        last_flow = summary;
                    }
                }
                continue;
            }
            _ = interrupt.recv() => { if on_signal(&mut client, run, &mut stopping, &mut view) { return Ok(ExitCode::from(130)); } continue; }
            _ = terminate.recv() => { if on_signal(&mut client, run, &mut stopping, &mut view) { return Ok(ExitCode::from(143)); } continue; }
            _ = hangup.recv() => { if on_signal(&mut client, run, &mut stopping, &mut view) { return Ok(ExitCode::from(129)); } continue; }
        };
        let event = match event {
            Ok(Some(event)) => event,
            Ok(None) => break,
            Err(status) => {
                view.finish();
                bail!("lost the connection to flowctld: {}", status.message())
            }
        };
        match event.event {
            Some(Event::Log(line)) => view.log(&printer, &line),
            Some(Event::Component(c)) => {
                let state = c.state();
                let previous = states.insert(c.id.clone(), state);
                let changed = previous != Some(c.state()) && c.state() != ComponentState::Pending;
                let detail = match c.state() {
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
                    state_name(c.state()).to_lowercase()
                );
                let starting = last.status() == RunStatus::Starting;
                view.component(c);
                // On a terminal the block shows starts; later changes
                // (restarts, exits) are worth a line in the scrollback.
                let news = !live || (!starting && state != ComponentState::Running);
                if show_status && !json && changed && news {
                    view.say(&text);
                }
            }
            Some(Event::Run(summary)) => {
                if show_status
                    && !json
                    && summary.status() == RunStatus::Running
                    && last.status() != RunStatus::Running
                {
                    view.say(&format!(
                        "[flowctl] all {} components ready ({}/{} healthy, {} restarts); Ctrl+C stops the run",
                        summary.components_total,
                        summary.components_ready,
                        summary.components_total,
                        summary.restarts
                    ));
                }
                last = summary.clone();
                view.run(summary);
                if flowctl_core::RunStatus::from(last.status()).is_terminal() {
                    break;
                }
            }
            None => {}
        }
    }
    view.finish();
    if !flowctl_core::RunStatus::from(last.status()).is_terminal() {
        bail!(
            "the daemon ended the stream before run {run} ended; `flowctl pipelines run-info {run}` shows its state"
        );
    }
    if json {
        output::print_json(&run_json(&last));
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

/// How often the foreground view reports the flow of events off a terminal.
const FLOW_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// How often the status line on a terminal is refreshed.
const LIVE_FLOW_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// The spinner's frame time.
const SPIN_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// The run's flow: a full line ("2/2 running, 0 restarts; events in/out:
/// ...") and its events part alone (for the status line), or `None` when
/// the daemon could not be asked.
async fn flow_line(client: &mut Client, run: &str) -> Option<(String, String)> {
    let components = client
        .list_components(flowctl_proto::daemon::v1::ListComponentsRequest {
            run_id: run.to_owned(),
        })
        .await
        .ok()?
        .into_inner()
        .components;
    let parts: Vec<String> = components
        .iter()
        .filter(|c| c.events_in > 0 || c.events_out > 0)
        .map(|c| format!("{} {}", c.id, super::status::events(c)))
        .collect();
    let restarts: u32 = components.iter().map(|c| c.restarts).sum();
    let healthy = components
        .iter()
        .filter(|c| c.state() == ComponentState::Running)
        .count();
    let flow = if parts.is_empty() {
        String::new()
    } else {
        format!("events in/out: {}", parts.join(", "))
    };
    let mut line = format!(
        "{healthy}/{} running, {restarts} restarts",
        components.len()
    );
    if !flow.is_empty() {
        line.push_str(&format!("; {flow}"));
    }
    Some((line, flow))
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
