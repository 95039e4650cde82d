//! `flowctl pipelines list|runs|active|run-info|stop`.

use std::process::ExitCode;

use anyhow::Result;
use flowctl_proto::daemon::v1::{ComponentStatus, EdgeStatus, ListRunsRequest, RunDetail, RunRef};

use super::Ctx;
use crate::cli::{PipelinesArgs, PipelinesCommand};
use crate::display::{run_json, state_name};
use crate::live::{self, Signals};
use crate::output::{self, Table};

pub async fn pipelines(ctx: &Ctx, args: PipelinesArgs) -> Result<ExitCode> {
    if let Some(addr) = args.plane.endpoint() {
        return super::plane::pipelines(ctx, &addr, args.command).await;
    }
    match args.command {
        PipelinesCommand::List => list(ctx, "", false, 0).await,
        // A negative limit means every run, as 0 does for the daemon.
        PipelinesCommand::Runs { name, limit } => {
            list(ctx, &name, false, u32::try_from(limit).unwrap_or(0)).await
        }
        PipelinesCommand::Active => list(ctx, "", true, 0).await,
        PipelinesCommand::RunInfo { run } => run_info(ctx, &run).await,
        PipelinesCommand::Stop { run } => stop(ctx, &run).await,
        PipelinesCommand::Restart { run, detach } => restart(ctx, &run, detach).await,
    }
}

async fn restart(ctx: &Ctx, run: &str, detach: bool) -> Result<ExitCode> {
    let (mut client, _) = ctx.started(&flowctl_core::DaemonArgs::default()).await?;
    let summary = client
        .restart_run(RunRef {
            run_id: run.to_owned(),
        })
        .await?
        .into_inner();
    if detach {
        if ctx.json() {
            output::print_json(&run_json(&summary));
        } else {
            println!("{}", summary.run_id);
        }
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Run {} restarts run {} of pipeline '{}'",
        flowctl_core::short_id(&summary.run_id),
        flowctl_core::short_id(&summary.restarted_from),
        summary.pipeline_name
    );
    live::follow(client, &summary.run_id, true, ctx.json(), Signals::new()?).await
}

async fn list(ctx: &Ctx, name: &str, active_only: bool, limit: u32) -> Result<ExitCode> {
    let Some(mut client) = ctx.running().await? else {
        return Ok(ctx.nothing_running(serde_json::json!([])));
    };
    let runs = client
        .list_runs(ListRunsRequest {
            pipeline_name: name.to_owned(),
            active_only,
            limit,
        })
        .await?
        .into_inner()
        .runs;
    if ctx.json() {
        output::print_json(&serde_json::Value::Array(
            runs.iter().map(run_json).collect(),
        ));
        return Ok(ExitCode::SUCCESS);
    }
    if runs.is_empty() {
        crate::display::print_no_runs(active_only);
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(vec![
        "RUN", "PIPELINE", "STATUS", "STARTED", "DURATION", "READY", "ERROR",
    ]);
    for run in &runs {
        table.row(vec![
            flowctl_core::short_id(&run.run_id).to_owned(),
            run.pipeline_name.clone(),
            flowctl_core::RunStatus::from(run.status())
                .name()
                .to_owned(),
            output::datetime_ms(run.started_at_ms),
            output::span_ms(run.started_at_ms, run.ended_at_ms),
            ready(run),
            run.error.lines().next().unwrap_or("").to_owned(),
        ]);
    }
    table.print();
    Ok(ExitCode::SUCCESS)
}

/// The READY column: components ready of the run's total while it is
/// active; once it has ended, nothing is ready and "0/3" would read as a
/// failure, so `-`.
fn ready(run: &flowctl_proto::daemon::v1::RunSummary) -> String {
    if flowctl_core::RunStatus::from(run.status()).is_terminal() {
        "-".into()
    } else {
        format!("{}/{}", run.components_ready, run.components_total)
    }
}

async fn run_info(ctx: &Ctx, run: &str) -> Result<ExitCode> {
    let Some(mut client) = ctx.running().await? else {
        return Ok(ctx.nothing_running(serde_json::Value::Null));
    };
    let detail = client
        .get_run(RunRef {
            run_id: run.to_owned(),
        })
        .await?
        .into_inner();
    if ctx.json() {
        output::print_json(&flowctl_proto::json::run_detail(&detail));
        return Ok(ExitCode::SUCCESS);
    }
    print_summary(&detail);
    if !detail.components.is_empty() {
        println!();
        print_components(&detail.components);
    }
    if !detail.edges.is_empty() {
        println!();
        print_edges(&detail.edges);
    }
    Ok(ExitCode::SUCCESS)
}

/// The run itself, one fact per line.
fn print_summary(detail: &RunDetail) {
    let summary = detail.run.clone().unwrap_or_default();
    println!("Run:       {}", summary.run_id);
    println!("Pipeline:  {}", summary.pipeline_name);
    if !summary.pipeline_path.is_empty() {
        println!("File:      {}", summary.pipeline_path);
    }
    if !summary.restarted_from.is_empty() {
        println!("Re-runs:   {}", summary.restarted_from);
    }
    if summary.run_restarts > 0 {
        println!(
            "Restarted: {} time(s) by daemon restarts",
            summary.run_restarts
        );
    }
    println!(
        "Status:    {}",
        flowctl_core::RunStatus::from(summary.status()).name()
    );
    println!("Started:   {}", output::datetime_ms(summary.started_at_ms));
    if summary.ended_at_ms > 0 {
        println!("Ended:     {}", output::datetime_ms(summary.ended_at_ms));
    }
    println!(
        "Duration:  {}",
        output::span_ms(summary.started_at_ms, summary.ended_at_ms)
    );
    if !detail.start_order.is_empty() {
        println!("Order:     {}", detail.start_order.join(" -> "));
    }
    for r in &detail.resolved {
        println!(
            "Pulled:    {} {} @ {} -> {}",
            r.component_id, r.reference, r.digest, r.executable
        );
    }
    if !summary.error.is_empty() {
        println!(
            "Error:     {}",
            summary.error.replace('\n', "\n           ")
        );
    }
}

fn print_components(components: &[ComponentStatus]) {
    let dash = |text: &str| {
        if text.is_empty() {
            "-".to_owned()
        } else {
            text.to_owned()
        }
    };
    let mut table = Table::new(vec![
        "COMPONENT",
        "KIND",
        "STATE",
        "HEALTH",
        "PID",
        "RESTARTS",
        "CPU",
        "EXIT",
        "LAST RESTART REASON",
    ]);
    for c in components {
        table.row(vec![
            c.id.clone(),
            c.kind.clone(),
            state_name(c.state()).to_owned(),
            dash(&c.health),
            if c.pid == 0 {
                "-".into()
            } else {
                c.pid.to_string()
            },
            c.restarts.to_string(),
            crate::display::cpu(c),
            dash(&c.exit),
            dash(&c.last_restart_reason),
        ]);
    }
    table.print();
}

fn print_edges(edges: &[EdgeStatus]) {
    let mut table = Table::new(vec![
        "EDGE", "EVENTS", "BYTES", "BUFFERED", "DROPS", "FILTERED",
    ]);
    for e in edges {
        table.row(vec![
            format!("{} -> {}", e.from, e.to),
            e.events.to_string(),
            e.bytes.to_string(),
            format!("{}/{}", e.buffered, e.capacity),
            e.drops.to_string(),
            e.filtered.to_string(),
        ]);
    }
    table.print();
}

async fn stop(ctx: &Ctx, run: &str) -> Result<ExitCode> {
    let Some(mut client) = ctx.running().await? else {
        anyhow::bail!("no flowctl daemon is running, so no run {run} to stop");
    };
    let summary = client
        .stop_run(RunRef {
            run_id: run.to_owned(),
        })
        .await?
        .into_inner();
    if ctx.json() {
        output::print_json(&run_json(&summary));
    } else {
        println!("Pipeline stopped");
        println!(
            "run {} ({}) is {}",
            flowctl_core::short_id(&summary.run_id),
            summary.pipeline_name,
            flowctl_core::RunStatus::from(summary.status()).name()
        );
    }
    Ok(ExitCode::SUCCESS)
}
