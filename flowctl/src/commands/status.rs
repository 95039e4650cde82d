//! `flowctl status` (supervised components) and `flowctl list` (registry).

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use flowctl_proto::daemon::v1::{ComponentState, ComponentStatus, ListComponentsRequest};

use super::Ctx;
use crate::output::{self, Table};

pub async fn status(ctx: &Ctx, run: Option<&str>, watch: bool) -> Result<ExitCode> {
    let Some(mut client) = ctx.running().await? else {
        return Ok(ctx.nothing_running(serde_json::json!({"components": [], "external": []})));
    };
    loop {
        let response = client
            .list_components(ListComponentsRequest {
                run_id: run.unwrap_or_default().to_owned(),
            })
            .await?
            .into_inner();
        if ctx.json() {
            output::print_json(&serde_json::json!({
                "components": response.components.iter().map(component_json).collect::<Vec<_>>(),
                "external": response.external.iter().map(|e| serde_json::json!({
                    "service_id": e.service_id, "health": e.health,
                    "last_heartbeat_ms": e.last_heartbeat_ms, "endpoint": e.endpoint,
                    "kind": e.kind,
                })).collect::<Vec<_>>(),
            }));
        } else {
            if watch {
                // Clear the screen and go home, as `watch` does.
                print!("\x1b[2J\x1b[H");
            }
            print_components(&response.components);
            if !response.external.is_empty() {
                println!();
                println!("Registered outside any run:");
                let mut table = Table::new(vec!["SERVICE", "HEALTH", "LAST HEARTBEAT", "ENDPOINT"]);
                for e in &response.external {
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
        if !watch {
            return Ok(ExitCode::SUCCESS);
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            _ = tokio::signal::ctrl_c() => return Ok(ExitCode::SUCCESS),
        }
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

/// "120/118 (40/s)": what the relay moved through a component.
pub fn events(c: &ComponentStatus) -> String {
    if c.events_in == 0 && c.events_out == 0 {
        return "-".into();
    }
    let rate = if c.events_per_second >= 0.5 {
        format!(" ({:.0}/s)", c.events_per_second)
    } else {
        String::new()
    };
    format!("{}/{}{rate}", c.events_in, c.events_out)
}

/// "3.2s ago", or "-" when it never happened.
fn ago(ms: i64) -> String {
    if ms <= 0 {
        "-".into()
    } else {
        format!("{} ago", output::since_ms(ms))
    }
}

/// A component state as users read it: `RUNNING`, `FAILED`...
pub fn state_name(state: ComponentState) -> &'static str {
    state
        .as_str_name()
        .strip_prefix("COMPONENT_STATE_")
        .unwrap_or("UNKNOWN")
}

pub fn component_json(c: &ComponentStatus) -> serde_json::Value {
    serde_json::json!({
        "id": c.id, "run_id": c.run_id, "kind": c.kind, "state": state_name(c.state()),
        "health": c.health, "pid": c.pid, "started_at_ms": c.started_at_ms,
        "restarts": c.restarts, "last_heartbeat_ms": c.last_heartbeat_ms,
        "exit": c.exit, "service_id": c.service_id, "endpoint": c.endpoint,
        "last_restart_reason": c.last_restart_reason, "last_restart_ms": c.last_restart_ms,
        "events_in": c.events_in, "events_out": c.events_out,
        "events_per_second": c.events_per_second,
    })
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
