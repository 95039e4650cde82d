//! `flowctl status` (supervised components) and `flowctl list` (registry).
//!
//! - `watch`: `status --watch`, redrawn from the daemon's `Watch` streams.

mod watch;

use std::process::ExitCode;

use anyhow::Result;
use flowctl_proto::daemon::v1::{
    ComponentState, ComponentStatus, ExternalComponent, ListComponentsRequest, Registration,
};

use super::{Ctx, plane};
use crate::cli::{ListArgs, Output, StatusArgs};
use crate::display::{cpu, events, state_name};
use crate::output::{self, Table};
use crate::remote::view;

pub async fn status(ctx: &Ctx, args: StatusArgs) -> Result<ExitCode> {
    if args.watch && args.interval == Some(0) {
        anyhow::bail!(
            "--interval 0 would refresh without pause: give the seconds between refreshes, \
             1 or more (default 5)"
        );
    }
    if let Some(addr) = args.endpoint() {
        let every = args
            .watch
            .then(|| std::time::Duration::from_secs(args.interval.unwrap_or(5)));
        return plane::status(ctx, &addr, args.include_unhealthy, every).await;
    }
    let (run, watch) = (args.run.as_deref(), args.watch);
    let Some(mut client) = ctx.running().await? else {
        return Ok(ctx.nothing_running(serde_json::json!({"components": [], "external": []})));
    };
    let shown = Shown {
        include_unhealthy: args.include_unhealthy,
        every: args.interval.map(std::time::Duration::from_secs),
    };
    if watch {
        return watch::watch(ctx, client, run, shown).await;
    }
    let response = client
        .list_components(ListComponentsRequest {
            run_id: run.unwrap_or_default().to_owned(),
        })
        .await?
        .into_inner();
    let (components, external) = shown.filter(response.components, response.external);
    show_with(ctx.json(), ctx.wide(), &components, &external);
    Ok(ExitCode::SUCCESS)
}

/// What the local `status` shows, as the same flags mean for a control
/// plane given by endpoint flags.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    /// `--include-unhealthy`: false keeps only what serves.
    pub include_unhealthy: bool,
    /// `--interval` with `--watch`: refresh every so often, not at each change.
    pub every: Option<std::time::Duration>,
}

impl Shown {
    /// Without `--include-unhealthy`, components registered with a health
    /// other than HEALTHY or DEGRADED are left out, as a control plane's
    /// `ListComponents` leaves them out; processes that never registered
    /// (no health) stay, their state says how they are.
    fn filter(
        self,
        mut components: Vec<ComponentStatus>,
        mut external: Vec<ExternalComponent>,
    ) -> (Vec<ComponentStatus>, Vec<ExternalComponent>) {
        if !self.include_unhealthy {
            let serving = |health: &str| matches!(health, "" | "HEALTHY" | "DEGRADED");
            components.retain(|c| serving(&c.health));
            external.retain(|e| serving(&e.health));
        }
        (components, external)
    }
}

/// Prints supervised components and registrations outside any run, as
/// `shown` keeps them.
fn show(
    json: bool,
    shown: Shown,
    components: Vec<ComponentStatus>,
    external: Vec<ExternalComponent>,
) {
    let (components, external) = shown.filter(components, external);
    show_with(json, false, &components, &external);
}

/// [`show`], with `wide` adding what components registered.
fn show_with(
    json: bool,
    wide: bool,
    components: &[ComponentStatus],
    external: &[ExternalComponent],
) {
    if json {
        output::print_json(&flowctl_proto::json::components(components, external));
        return;
    }
    print_components(components, wide);
    if !external.is_empty() {
        println!();
        println!("Registered outside any run:");
        let mut header = vec!["SERVICE", "HEALTH", "LAST HEARTBEAT", "ENDPOINT"];
        if wide {
            header.extend(WIDE);
        }
        let mut table = Table::new(header);
        for e in external {
            let mut row = vec![
                e.service_id.clone(),
                e.health.clone(),
                ago(e.last_heartbeat_ms),
                e.endpoint.clone(),
            ];
            if wide {
                row.extend(wide_cells(e.registration.as_ref()));
            }
            table.row(row);
        }
        table.print();
    }
}

/// The columns `-o wide` adds: what a component registered.
const WIDE: [&str; 3] = ["INPUT TYPES", "OUTPUT TYPES", "METRICS"];

fn wide_cells(registration: Option<&Registration>) -> [String; 3] {
    let r = registration.cloned().unwrap_or_default();
    [
        view::list_text(&r.input_event_types),
        view::list_text(&r.output_event_types),
        view::map_text(&r.metrics),
    ]
}

fn print_components(components: &[ComponentStatus], wide: bool) {
    if components.is_empty() {
        println!("No components are running.");
        return;
    }
    let mut header = vec![
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
    ];
    if wide {
        header.push("ENDPOINT");
        header.extend(WIDE);
    }
    let mut table = Table::new(header);
    for c in components {
        let running = c.state() == ComponentState::Running || c.state() == ComponentState::Starting;
        let mut row = vec![
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
        ];
        if wide {
            row.push(if c.endpoint.is_empty() {
                "-".into()
            } else {
                c.endpoint.clone()
            });
            row.extend(wide_cells(c.registration.as_ref()));
        }
        table.row(row);
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

pub async fn list(ctx: &Ctx, args: ListArgs) -> Result<ExitCode> {
    // `-t/--table` asks for the table whatever `-o` says.
    let table_asked = Ctx {
        output: if args.table {
            Output::Table
        } else {
            ctx.output
        },
        ..ctx.clone()
    };
    let ctx = &table_asked;
    if let Some(addr) = &args.endpoint {
        return plane::list(ctx, addr, args.wait).await;
    }
    let client = if args.wait {
        wait_for_daemon(ctx).await?
    } else {
        ctx.running().await?
    };
    let Some(mut client) = client else {
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
    let mut header = vec!["SERVICE", "HEALTH", "RUN", "LAST HEARTBEAT", "ENDPOINT"];
    if ctx.wide() {
        header.extend(WIDE);
    }
    let mut table = Table::new(header);
    let mut row = |mut cells: Vec<String>, registration: Option<&Registration>| {
        if ctx.wide() {
            cells.extend(wide_cells(registration));
        }
        table.row(cells);
    };
    for c in response
        .components
        .iter()
        .filter(|c| !c.service_id.is_empty())
    {
        let cells = vec![
            c.service_id.clone(),
            c.health.clone(),
            flowctl_core::short_id(&c.run_id).to_owned(),
            ago(c.last_heartbeat_ms),
            c.endpoint.clone(),
        ];
        row(cells, c.registration.as_ref());
    }
    for e in &response.external {
        let cells = vec![
            e.service_id.clone(),
            e.health.clone(),
            "-".into(),
            ago(e.last_heartbeat_ms),
            e.endpoint.clone(),
        ];
        row(cells, e.registration.as_ref());
    }
    table.print();
    Ok(ExitCode::SUCCESS)
}

/// `list --wait` without an endpoint: the local daemon, waited for (bounded).
async fn wait_for_daemon(ctx: &Ctx) -> Result<Option<crate::connect::Client>> {
    if let Some(client) = ctx.running().await? {
        return Ok(Some(client));
    }
    eprintln!(
        "Waiting for a flowctl daemon on {} (up to {} s)...",
        ctx.socket.display(),
        plane::LIST_WAIT.as_secs()
    );
    let deadline = std::time::Instant::now() + plane::LIST_WAIT;
    while std::time::Instant::now() < deadline {
        // A retry period: a daemon not started yet cannot notify us.
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        if let Some(client) = ctx.running().await? {
            return Ok(Some(client));
        }
    }
    anyhow::bail!(
        "no flowctl daemon answered on {} (waited {} s): start one with `flowctl daemon start`",
        ctx.socket.display(),
        plane::LIST_WAIT.as_secs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn component(id: &str, health: &str) -> ComponentStatus {
        ComponentStatus {
            id: id.into(),
            health: health.into(),
            ..Default::default()
        }
    }

    #[test]
    fn without_include_unhealthy_only_what_serves_is_shown() {
        let components = vec![
            component("ok", "HEALTHY"),
            component("meh", "DEGRADED"),
            component("down", "UNHEALTHY"),
            component("plain", ""),
        ];
        let external = vec![
            ExternalComponent {
                service_id: "x".into(),
                health: "UNHEALTHY".into(),
                ..Default::default()
            },
            ExternalComponent {
                service_id: "y".into(),
                health: "HEALTHY".into(),
                ..Default::default()
            },
        ];
        let every = None;
        let all = Shown {
            include_unhealthy: true,
            every,
        };
        let (c, e) = all.filter(components.clone(), external.clone());
        assert_eq!((c.len(), e.len()), (4, 2));
        let serving = Shown {
            include_unhealthy: false,
            every,
        };
        let (c, e) = serving.filter(components, external);
        let ids: Vec<&str> = c.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["ok", "meh", "plain"]);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].service_id, "y");
    }
}
