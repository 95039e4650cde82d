//! `flowctl daemon start|stop|status|restart|logs`.

use std::process::ExitCode;

use anyhow::Result;
use flowctl_proto::daemon::v1::{GetInfoRequest, ShutdownRequest};

use super::Ctx;
use crate::cli::{DaemonCommand, DaemonStartArgs};
use crate::output;

pub async fn daemon(ctx: &Ctx, command: DaemonCommand) -> Result<ExitCode> {
    match command {
        DaemonCommand::Start(args) => start(ctx, &args).await,
        DaemonCommand::Stop { resume_runs } => {
            stop(ctx, resume_runs).await.map(|_| ExitCode::SUCCESS)
        }
        DaemonCommand::Status => status(ctx).await,
        DaemonCommand::Restart(args) => {
            stop(ctx, true).await?;
            start(ctx, &args).await
        }
        DaemonCommand::Logs { lines } => logs(ctx, lines),
    }
}

async fn start(ctx: &Ctx, args: &DaemonStartArgs) -> Result<ExitCode> {
    let (mut client, started) = ctx.started(&args.daemon).await?;
    let info = client.get_info(GetInfoRequest {}).await?.into_inner();
    if started {
        println!(
            "flowctld started (pid {}, socket {})",
            info.pid, info.socket_path
        );
    } else {
        if args.daemon.any() {
            eprintln!("note: flowctld is already running; its own settings stay in effect");
        }
        println!(
            "flowctld is already running (pid {}, socket {})",
            info.pid, info.socket_path
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Stops the daemon if one runs; returns once it has exited.
async fn stop(ctx: &Ctx, resume_runs: bool) -> Result<bool> {
    let Some(mut client) = ctx.running().await? else {
        println!("flowctld is not running");
        return Ok(false);
    };
    match client.shutdown(ShutdownRequest { resume_runs }).await {
        Ok(progress) => {
            let mut progress = progress.into_inner();
            // The stream ends (or breaks) when the daemon process exits.
            while let Ok(Some(step)) = progress.message().await {
                println!("{}", step.message);
            }
        }
        // The daemon may be gone before its answer arrives: it has stopped
        // once its socket no longer answers.
        Err(status)
            if matches!(
                status.code(),
                tonic::Code::Unavailable | tonic::Code::Unknown
            ) =>
        {
            wait_gone(ctx).await?;
        }
        Err(status) => return Err(status.into()),
    }
    println!("flowctld stopped");
    Ok(true)
}

/// Waits (bounded) until nothing answers on the socket any more.
async fn wait_gone(ctx: &Ctx) -> Result<()> {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    while ctx.running().await?.is_some() {
        if tokio::time::Instant::now() > deadline {
            anyhow::bail!(
                "flowctld still answers 30s after it was asked to stop: see `flowctl daemon logs`"
            );
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    Ok(())
}

async fn status(ctx: &Ctx) -> Result<ExitCode> {
    let Some(mut client) = ctx.running().await? else {
        if ctx.json() {
            output::print_json(&serde_json::json!({"running": false, "socket": ctx.socket}));
        } else {
            println!("flowctld is not running (socket {})", ctx.socket.display());
        }
        return Ok(ExitCode::from(3));
    };
    let info = client.get_info(GetInfoRequest {}).await?.into_inner();
    if ctx.json() {
        let mut value = flowctl_proto::json::daemon_info(&info);
        value["running"] = true.into();
        value["client_version"] = flowctl_proto::VERSION.into();
        output::print_json(&value);
        return Ok(ExitCode::SUCCESS);
    }
    println!("flowctld is running");
    println!("  pid:            {}", info.pid);
    println!("  uptime:         {}", output::since_ms(info.started_at_ms));
    println!("  socket:         {}", info.socket_path);
    println!("  control plane:  {}", info.control_plane_endpoint);
    println!("  state dir:      {}", info.state_dir);
    if !info.log_file.is_empty() {
        println!("  log file:       {}", info.log_file);
    }
    println!("  active runs:    {}", info.active_runs);
    println!(
        "  components:     {} registered",
        info.registered_components
    );
    println!("  heartbeat TTL:  {}", info.heartbeat_ttl);
    println!("  janitor:        every {}", info.janitor_interval);
    if !info.containment.is_empty() {
        println!("  containment:    {}", info.containment);
    }
    match metrics_url(&info.metrics_endpoint) {
        Some(url) => println!("  metrics:        {url}"),
        None => println!("  metrics:        off (--metrics-address to serve them)"),
    }
    println!(
        "  database:       {}",
        if info.db_path.is_empty() {
            "(memory only: --no-persistence)"
        } else {
            &info.db_path
        }
    );
    println!(
        "  versions:       flowctld {}, flowctl {}",
        info.version,
        flowctl_proto::VERSION
    );
    if info.version != flowctl_proto::VERSION {
        println!("  the daemon is another version: run `flowctl daemon restart`");
    }
    Ok(ExitCode::SUCCESS)
}

fn logs(_ctx: &Ctx, lines: usize) -> Result<ExitCode> {
    let path = flowctl_core::paths::daemon_log_file(&flowctl_core::paths::state_dir()?);
    let text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            println!(
                "no daemon log at {} (a daemon run in the foreground logs to its terminal)",
                path.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        Err(err) => anyhow::bail!("cannot read {}: {err}", path.display()),
    };
    let all: Vec<&str> = text.lines().collect();
    for line in &all[all.len().saturating_sub(lines)..] {
        println!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The `/metrics` URL of a daemon serving metrics at `endpoint`.
fn metrics_url(endpoint: &str) -> Option<String> {
    flowctl_proto::json::metrics_url(endpoint)
}
