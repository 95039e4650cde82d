//! `flowctl status` (supervised components) and `flowctl list` (registry).
//!
//! - `watch`: `status --watch`, redrawn from the daemon's `Watch` streams.

mod watch;

use std::process::ExitCode;

use anyhow::Result;
use flowctl_proto::daemon::v1::{
    ComponentState, ComponentStatus, ExternalComponent, ListComponentsRequest,
};

use super::Ctx;
use crate::display::{component_json, cpu, events, state_name};
use crate::output::{self, Table};

pub async fn status(ctx: &Ctx, run: Option<&str>, watch: bool) -> Result<ExitCode> {
    let Some(mut client) = ctx.running().await? else {
        return Ok(ctx.nothing_running(serde_json::json!({"components": [], "external": []})));
    };
    if watch {
        return watch::watch(ctx, client, run).await;
    }
    let response = client
        .list_components(ListComponentsRequest {
            run_id: run.unwrap_or_default().to_owned(),
        })
        .await?
        .into_inner();
    show(ctx.json(), &response.components, &response.external);
    Ok(ExitCode::SUCCESS)
}

/// Prints supervised components and registrations outside any run.
fn show(json: bool, components: &[ComponentStatus], external: &[ExternalComponent]) {
    if json {
        output::print_json(&serde_json::json!({
            "components": components.iter().map(component_json).collect::<Vec<_>>(),
            "external": external.iter().map(|e| serde_json::json!({
                "service_id": e.service_id, "health": e.health,
                "last_heartbeat_ms": e.last_heartbeat_ms, "endpoint": e.endpoint,
                "kind": e.kind,
            })).collect::<Vec<_>>(),
        }));
        return;
    }
    print_components(components);
    if !external.is_empty() {
        println!();
        println!("Registered outside any run:");
        let mut table = Table::new(vec!["SERVICE", "HEALTH", "LAST HEARTBEAT", "ENDPOINT"]);
        for e in external {
            table.row(vec![
                e.service_id.clone(),
                e.health.clone(),
                ago(e.last_heartbeat_ms),
                e.endpoint.clone(),
            ]);
        }
        table.print();
    }
}

fn print_components(components: &[ComponentStatus]) {
    if components.is_empty() {
        println!("No components are running.");
        return;
    }
    let mut table = Table::new(vec![
        "COMPONENT",
        "RUN",
        "STATE",
        "HEALTH",
        "PID",
        "UPTIME",
        "RESTARTS",
        "CPU",
        "LAST HEARTBEAT",
        "EVENTS IN/OUT",
        "LAST RESTART",
    ]);
    for c in components {
        let running = c.state() == ComponentState::Running || c.state() == ComponentState::Starting;
        table.row(vec![
            c.id.clone(),
            flowctl_core::short_id(&c.run_id).to_owned(),
            state_name(c.state()).to_owned(),
            if c.health.is_empty() {
                "-".into()
            } else {
                c.health.clone()
            },
            if c.pid == 0 || !running {
                "-".into()
            } else {
                c.pid.to_string()
            },
            if running {
                output::since_ms(c.started_at_ms)
            } else {
                c.exit.clone()
            },
            c.restarts.to_string(),
            cpu(c),
            ago(c.last_heartbeat_ms),
            events(c),
            if c.last_restart_reason.is_empty() {
                "-".into()
            } else {
                format!(
                    "{} ago: {}",
                    output::since_ms(c.last_restart_ms),
                    c.last_restart_reason
                )
            },
        ]);
    }
    table.print();
}

/// "3.2s ago", or "-" when it never happened.
fn ago(ms: i64) -> String {
    if ms <= 0 {
        "-".into()
    } else {
        format!("{} ago", output::since_ms(ms))
    }
}

/// `flowctl restart RUN [COMPONENT]`.
pub async fn restart(ctx: &Ctx, run: &str, component: Option<String>) -> Result<ExitCode> {
    let Some(mut client) = ctx.running().await? else {
        anyhow::bail!("no flowctl daemon is running, so no run {run} to restart components of");
    };
    let what = component.clone().unwrap_or_default();
    client
        .restart_component(flowctl_proto::daemon::v1::RestartComponentRequest {
            run_id: run.to_owned(),
            component: what.clone(),
        })
        .await?;
    if what.is_empty() {
        println!("Restarting every component of run {run}");
    } else {
        println!("Restarting {what} of run {run}");
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn list(ctx: &Ctx) -> Result<ExitCode> {
    let Some(mut client) = ctx.running().await? else {
        return Ok(ctx.nothing_running(serde_json::json!([])));
    };
    let response = client
        .list_components(ListComponentsRequest::default())
        .await?
        .into_inner();
    if ctx.json() {
        let mut all: Vec<serde_json::Value> = response
            .components
            .iter()
            .filter(|c| !c.service_id.is_empty())
            .map(|c| serde_json::json!({"service_id": c.service_id, "health": c.health, "run_id": c.run_id, "endpoint": c.endpoint}))
            .collect();
        all.extend(response.external.iter().map(|e| serde_json::json!({"service_id": e.service_id, "health": e.health, "run_id": null, "endpoint": e.endpoint})));
        output::print_json(&serde_json::Value::Array(all));
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(vec![
        "SERVICE",
        "HEALTH",
        "RUN",
        "LAST HEARTBEAT",
        "ENDPOINT",
    ]);
    for c in response
        .components
        .iter()
        .filter(|c| !c.service_id.is_empty())
    {
        table.row(vec![
            c.service_id.clone(),
            c.health.clone(),
            flowctl_core::short_id(&c.run_id).to_owned(),
            ago(c.last_heartbeat_ms),
            c.endpoint.clone(),
        ]);
    }
    for e in &response.external {
        table.row(vec![
            e.service_id.clone(),
            e.health.clone(),
            "-".into(),
            ago(e.last_heartbeat_ms),
            e.endpoint.clone(),
        ]);
    }
    table.print();
    Ok(ExitCode::SUCCESS)
}
