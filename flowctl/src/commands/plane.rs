//! `status`, `list` and `pipelines` against a control plane named by
//! endpoint flags (`--control-plane-address`/`--control-plane-port`,
//! `--control-plane-addr`, `-e/--endpoint`), over its TCP gRPC services, as
//! the older flowctl queried it.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use flowctl_proto::legacy::{
    GetPipelineRunRequest, ListPipelineRunsRequest, PipelineRun, RunStatus, StopPipelineRunRequest,
};
use flowctl_proto::v1::{ComponentStatusResponse, ComponentType, ListComponentsRequest};

use super::Ctx;
use crate::cli::PipelinesCommand;
use crate::output::{self, Table};
use crate::remote::view::{self, ago, ms};
use crate::remote::{Plane, WAIT};

/// How long `list --wait` waits for a control plane to answer.
pub const LIST_WAIT: Duration = Duration::from_secs(30);

/// `status` of a control plane: its registrations grouped as sources,
/// processors and sinks; redrawn every `interval` with `watch`.
pub async fn status(
    ctx: &Ctx,
    addr: &str,
    include_unhealthy: bool,
    watch: Option<Duration>,
) -> Result<ExitCode> {
    let mut plane = Plane::connect(addr, WAIT).await?;
    let Some(interval) = watch else {
        show_status(ctx, &mut plane, include_unhealthy).await?;
        return Ok(ExitCode::SUCCESS);
    };
    let mut tick = tokio::time::interval(interval);
    loop {
        tokio::select! {
            _ = tick.tick() => {
                if !ctx.json() && output::color() {
                    print!("\x1b[2J\x1b[H");
                }
                show_status(ctx, &mut plane, include_unhealthy).await?;
            }
            _ = tokio::signal::ctrl_c() => return Ok(ExitCode::SUCCESS),
        }
    }
}

async fn show_status(ctx: &Ctx, plane: &mut Plane, include_unhealthy: bool) -> Result<()> {
    let request = ListComponentsRequest {
        type_filter: ComponentType::Unspecified as i32,
        include_unhealthy,
    };
    let mut components = plane
        .call(plane.v1.clone().list_components(request))
        .await?
        .components;
    components.sort_by(|a, b| id_of(a).cmp(id_of(b)));
    let groups = [
        ("Sources", "sources", ComponentType::Source),
        ("Processors", "processors", ComponentType::Processor),
        ("Sinks", "sinks", ComponentType::Consumer),
        ("Other", "other", ComponentType::Unspecified),
    ];
    let of = |kind: ComponentType| -> Vec<&ComponentStatusResponse> {
        components.iter().filter(|c| type_of(c) == kind).collect()
    };
    if ctx.json() {
        let mut value = serde_json::json!({"control_plane": plane.addr});
        for (_, key, kind) in groups {
            value[key] = of(kind).into_iter().map(view::registration_json).collect();
        }
        output::print_json(&value);
        return Ok(());
    }
    println!(
        "Control plane {}: {} component(s)",
        plane.addr,
        components.len()
    );
    for (title, _, kind) in groups {
        let members = of(kind);
        if members.is_empty() && kind == ComponentType::Unspecified {
            continue;
        }
        println!();
        println!("{title}:");
        if members.is_empty() {
            println!("  (none)");
            continue;
        }
        let mut table = Table::new(view::registration_header(ctx.wide()));
        for c in members {
            table.row(view::registration_row(c, ctx.wide()));
        }
        table.print();
    }
    Ok(())
}

fn id_of(c: &ComponentStatusResponse) -> &str {
    c.component.as_ref().map(|i| i.id.as_str()).unwrap_or("")
}

fn type_of(c: &ComponentStatusResponse) -> ComponentType {
    c.component
        .as_ref()
        .map(|i| i.r#type())
        .unwrap_or(ComponentType::Unspecified)
}

/// `list`: the legacy `ListServices` of a control plane; with `wait`, keeps
/// trying (bounded by [`LIST_WAIT`]) until the plane answers.
pub async fn list(ctx: &Ctx, addr: &str, wait: bool) -> Result<ExitCode> {
    let services = if wait {
        let deadline = Instant::now() + LIST_WAIT;
        eprintln!(
            "Waiting for the control plane at {addr} (up to {} s)...",
            LIST_WAIT.as_secs()
        );
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match list_services(addr, left.min(WAIT)).await {
                Ok(services) => break services,
                Err(_) if left > Duration::from_millis(500) => {
                    // A retry period, not a wait for an event: a plane
                    // that is not up yet has nothing to notify us with.
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(_) => bail!(
                    "no control plane answered at {addr} (waited {} s); start it, or check \
                     the address (`flowctl daemon status` shows a daemon's control plane)",
                    LIST_WAIT.as_secs()
                ),
            }
        }
    } else {
        list_services(addr, WAIT).await?
    };
    if ctx.json() {
        output::print_json(&services.iter().map(view::service_json).collect());
        return Ok(ExitCode::SUCCESS);
    }
    if services.is_empty() {
        println!("No services are registered with the control plane at {addr}.");
        return Ok(ExitCode::SUCCESS);
    }
    let mut header = vec!["SERVICE", "TYPE", "HEALTHY", "LAST HEARTBEAT", "COMPONENT"];
    if ctx.wide() {
        header.push("METRICS");
    }
    let mut table = Table::new(header);
    for s in &services {
        let mut row = vec![
            s.service_id.clone(),
            view::service_type_name(s.service_type()).to_owned(),
            if s.is_healthy { "yes" } else { "no" }.to_owned(),
            ago(ms(&s.last_heartbeat)),
            if s.component_id.is_empty() {
                "-".into()
            } else {
                s.component_id.clone()
            },
        ];
        if ctx.wide() {
            row.push(view::map_text(&s.metrics));
        }
        table.row(row);
    }
    table.print();
    Ok(ExitCode::SUCCESS)
}

async fn list_services(
    addr: &str,
    wait: Duration,
) -> Result<Vec<flowctl_proto::legacy::ServiceStatus>> {
    let plane = Plane::connect(addr, wait).await?;
    let mut services = plane
        .call(plane.legacy.clone().list_services(()))
        .await?
        .services;
    services.sort_by(|a, b| a.service_id.cmp(&b.service_id));
    Ok(services)
}

/// `pipelines ...` over the legacy run RPCs of a control plane.
pub async fn pipelines(ctx: &Ctx, addr: &str, command: PipelinesCommand) -> Result<ExitCode> {
    let plane = Plane::connect(addr, WAIT).await?;
    let mut legacy = plane.legacy.clone();
    match command {
        PipelinesCommand::List => runs(ctx, &plane, "", -1, false).await,
        PipelinesCommand::Runs { name, limit } => runs(ctx, &plane, &name, limit, false).await,
        PipelinesCommand::Active => runs(ctx, &plane, "", -1, true).await,
        PipelinesCommand::RunInfo { run } => {
            let run = plane
                .call(legacy.get_pipeline_run(GetPipelineRunRequest { run_id: run }))
                .await?;
            if ctx.json() {
                output::print_json(&view::legacy_run_json(&run));
            } else {
                print_run(&run);
            }
            Ok(ExitCode::SUCCESS)
        }
        PipelinesCommand::Stop { run } => {
            let run = plane
                .call(legacy.stop_pipeline_run(StopPipelineRunRequest { run_id: run }))
                .await?;
            if ctx.json() {
                output::print_json(&view::legacy_run_json(&run));
            } else {
                println!("Pipeline stopped");
                println!(
                    "run {} ({}) is {}",
                    flowctl_core::short_id(&run.run_id),
                    run.pipeline_name,
                    view::run_status_name(run.status())
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        PipelinesCommand::Restart { .. } => bail!(
            "`pipelines restart` re-runs a run of the local daemon; it takes no \
             --control-plane-address/--control-plane-port"
        ),
    }
}

async fn runs(
    ctx: &Ctx,
    plane: &Plane,
    name: &str,
    limit: i32,
    active_only: bool,
) -> Result<ExitCode> {
    let request = ListPipelineRunsRequest {
        pipeline_name: name.to_owned(),
        status: RunStatus::Unknown as i32,
        limit,
    };
    let mut runs = plane
        .call(plane.legacy.clone().list_pipeline_runs(request))
        .await?
        .runs;
    if active_only {
        runs.retain(|r| matches!(r.status(), RunStatus::Starting | RunStatus::Running));
    }
    if ctx.json() {
        output::print_json(&runs.iter().map(view::legacy_run_json).collect());
        return Ok(ExitCode::SUCCESS);
    }
    if runs.is_empty() {
        crate::display::print_no_runs(active_only);
        return Ok(ExitCode::SUCCESS);
    }
    let mut header = vec!["RUN", "PIPELINE", "STATUS", "STARTED", "DURATION", "ERROR"];
    if ctx.wide() {
        header.extend(["COMPONENTS", "EVENTS"]);
    }
    let mut table = Table::new(header);
    for run in &runs {
        let mut row = vec![
            flowctl_core::short_id(&run.run_id).to_owned(),
            run.pipeline_name.clone(),
            view::run_status_name(run.status()).to_owned(),
            output::datetime_ms(ms(&run.start_time)),
            output::span_ms(ms(&run.start_time), ms(&run.end_time)),
            run.error.lines().next().unwrap_or("").to_owned(),
        ];
        if ctx.wide() {
            let events = run.metrics.as_ref().map_or(0, |m| m.events_processed);
            row.extend([view::list_text(&run.component_ids), events.to_string()]);
        }
        table.row(row);
    }
    table.print();
    Ok(ExitCode::SUCCESS)
}

/// One legacy run, one fact per line.
fn print_run(run: &PipelineRun) {
    println!("Run:        {}", run.run_id);
    println!("Pipeline:   {}", run.pipeline_name);
    println!("Status:     {}", view::run_status_name(run.status()));
    println!("Started:    {}", output::datetime_ms(ms(&run.start_time)));
    if ms(&run.end_time) > 0 {
        println!("Ended:      {}", output::datetime_ms(ms(&run.end_time)));
    }
    println!(
        "Duration:   {}",
        output::span_ms(ms(&run.start_time), ms(&run.end_time))
    );
    println!("Components: {}", view::list_text(&run.component_ids));
    if let Some(metrics) = &run.metrics {
        println!(
            "Events:     {} ({:.1}/s)",
            metrics.events_processed, metrics.events_per_second
        );
    }
    if !run.error.is_empty() {
        println!("Error:      {}", run.error.replace('\n', "\n            "));
    }
}
