//! `flowctl run` and `flowctl attach`: a run in the foreground (shown by
//! [`crate::live`]), or submitted and left running with `--detach`.

use std::process::ExitCode;

use anyhow::{Result, bail};
use flowctl_proto::daemon::v1::{RunSummary, SubmitRunRequest};

use super::{Ctx, absolute};
use crate::cli::{Orchestrator, RunArgs};
use crate::connect::Client;
use crate::display::run_json;
use crate::live::{self, Signals};
use crate::output;
use crate::pipeline_file::{self, Loaded};

pub async fn run(ctx: &Ctx, args: RunArgs) -> Result<ExitCode> {
    if args.orchestrator == Orchestrator::Container {
        bail!("the container orchestrator is not supported yet: use --orchestrator process");
    }
    // The daemon validates too; checking here gives the errors without
    // starting a daemon for nothing.
    let bytes = match pipeline_file::load(&args.file) {
        Loaded::Unreadable(message) => {
            eprintln!("{message}");
            return Ok(ExitCode::FAILURE);
        }
        Loaded::Invalid(diagnostics) => {
            pipeline_file::print_invalid(&diagnostics);
            return Ok(ExitCode::FAILURE);
        }
        Loaded::Valid { parsed, bytes } => {
            for warning in &parsed.warnings {
                eprintln!("warning: {warning}");
            }
            bytes
        }
    };
    // Signals are caught from here on, and end the command at once while
    // the run is being submitted: a submission the daemon has not answered
    // is withdrawn by the daemon once it sees this client gone, so Ctrl+C
    // never leaves a run behind, even with a stopped daemon. An answer that
    // is already in counts over a signal that came with it (`biased`).
    let mut signals = Signals::new()?;
    let submitted = tokio::select! {
        biased;
        submitted = submit(ctx, &args, bytes) => submitted?,
        code = signals.next() => {
            eprintln!(
                "flowctl: interrupted before flowctld answered: no run was started \
                 (a submission it already holds is withdrawn as soon as it notices; \
                 `flowctl pipelines list` shows it)"
            );
            return Ok(code);
        }
    };
    let (client, summary) = submitted;
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
    live::follow(
        client,
        &summary.run_id,
        args.show_status,
        ctx.json(),
        signals,
    )
    .await
}

/// Starts a daemon if none runs, and submits the pipeline `bytes` as a run.
async fn submit(ctx: &Ctx, args: &RunArgs, bytes: Vec<u8>) -> Result<(Client, RunSummary)> {
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
    Ok((client, summary))
}

pub async fn attach(ctx: &Ctx, run: &str) -> Result<ExitCode> {
    let Some(client) = ctx.running().await? else {
        bail!("no flowctl daemon is running, so no run {run} to attach to");
    };
    live::follow(client, run, true, ctx.json(), Signals::new()?).await
}
