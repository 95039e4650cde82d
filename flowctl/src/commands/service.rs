//! `flowctl service install|uninstall|status`: flowctld run by systemd (a
//! user or a system service, with socket activation) or by launchd (a user
//! agent), instead of started by the first `flowctl run`.
//!
//! The files and the service managers' commands are in [`crate::service`];
//! `uninstall`: stopping, disabling and removing what `install` wrote.

mod uninstall;

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::Ctx;
use crate::cli::{ServiceChangeArgs, ServiceCommand, ServiceManager};
use crate::service::files::{self, Scope, ServiceFile, Target};
use crate::service::manager;

pub async fn service(ctx: &Ctx, command: ServiceCommand) -> Result<ExitCode> {
    match command {
        ServiceCommand::Install(args) => install(ctx, &args).await,
        ServiceCommand::Uninstall(args) => uninstall::uninstall(&args),
        ServiceCommand::Status(args) => status(ctx, Target::resolve(&args)?),
    }
}

/// What this flowctl would write for `target`.
fn planned(ctx: &Ctx, target: Target) -> Result<Vec<ServiceFile>> {
    let flowctld = std::path::absolute(crate::connect::daemon_binary()?)?;
    if !flowctld.is_file() {
        bail!(
            "{} does not exist: install flowctld, or point FLOWCTLD_BIN at it",
            flowctld.display()
        );
    }
    files::render(target, &flowctld, &ctx.socket, &service_account(target)?)
}

/// The account a system service runs as: whoever ran `sudo`, else us.
fn service_account(target: Target) -> Result<String> {
    if target.scope == Scope::User {
        return Ok(String::new());
    }
    if nix::unistd::geteuid().is_root()
        && let Some(user) = std::env::var("SUDO_USER").ok().filter(|u| !u.is_empty())
    {
        return Ok(user);
    }
    let uid = nix::unistd::getuid();
    let user = nix::unistd::User::from_uid(uid)
        .ok()
        .flatten()
        .with_context(|| format!("uid {uid} has no user name to run the service as"))?;
    Ok(user.name)
}

async fn install(ctx: &Ctx, args: &ServiceChangeArgs) -> Result<ExitCode> {
    let target = Target::resolve(&args.scope)?;
    let planned = planned(ctx, target)?;
    let mut conflicts = Vec::new();
    let mut changes = Vec::new();
    for file in &planned {
        match std::fs::read_to_string(&file.path) {
            Ok(existing) if existing == file.content => {}
            Ok(_) if !args.force => conflicts.push(&file.path),
            Ok(_) => changes.push(file),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => changes.push(file),
            Err(err) => bail!("cannot read {}: {err}", file.path.display()),
        }
    }
    if args.dry_run {
        for file in &planned {
            println!("==> {} <==", file.path.display());
            print!("{}", file.content);
        }
    }
    if !conflicts.is_empty() {
        let list: Vec<String> = conflicts.iter().map(|p| p.display().to_string()).collect();
        bail!(
            "{} already exist{} and differ{} from what this flowctl writes: pass --force \
             to replace {} (--dry-run shows the new content)",
            list.join(" and "),
            if list.len() == 1 { "s" } else { "" },
            if list.len() == 1 { "s" } else { "" },
            if list.len() == 1 { "it" } else { "them" },
        );
    }
    let enable = manager::enable(target, &planned[0].path);
    if args.dry_run {
        println!("==> then run <==");
        println!("{}", manager::shell_line(target, &enable));
        return Ok(ExitCode::SUCCESS);
    }
    if changes.is_empty() {
        println!(
            "flowctld is already installed as {} ({})",
            target.describe(),
            paths_text(&planned)
        );
    }
    for file in &changes {
        files::write_atomically(&file.path, &file.content)?;
        println!("Wrote {}", file.path.display());
    }
    if target.manager == ServiceManager::Launchd {
        let logs = files::launchd_log_dir()?;
        std::fs::create_dir_all(&logs)
            .with_context(|| format!("cannot create {}", logs.display()))?;
    }
    let socket = target.socket(&ctx.socket);
    if args.now {
        refuse_foreign_daemon(target, &socket).await?;
        manager::run_all(&enable)?;
        println!(
            "flowctld runs as {}, on {}",
            target.describe(),
            socket.display()
        );
    } else {
        print_next_steps(target, &enable);
    }
    print_socket_notes(ctx, target, &socket);
    Ok(ExitCode::SUCCESS)
}

fn print_next_steps(target: Target, enable: &[manager::CommandLine]) {
    let when = match target.scope {
        Scope::User => "now and at every login",
        Scope::System => "now and at every boot",
    };
    println!("To start it {when}, run (or install again with --now):");
    println!("  {}", manager::shell_line(target, enable));
    if !manager::available(target.manager) {
        println!(
            "  ({} was not found on this machine)",
            match target.manager {
                ServiceManager::Systemd => "systemctl",
                ServiceManager::Launchd => "launchctl",
            }
        );
    }
}

fn print_socket_notes(ctx: &Ctx, target: Target, socket: &Path) {
    match (target.manager, target.scope) {
        (ServiceManager::Systemd, Scope::User) => println!(
            "To keep it running while you are logged out: loginctl enable-linger \"$USER\""
        ),
        (ServiceManager::Systemd, Scope::System) => println!(
            "Clients reach it with: export FLOWCTL_SOCKET={}",
            socket.display()
        ),
        (ServiceManager::Launchd, _) => {}
    }
    if target.scope == Scope::User && ctx.socket != socket {
        println!(
            "note: this flowctl uses the socket {} (from --socket or FLOWCTL_SOCKET), \
             not the service's {}",
            ctx.socket.display(),
            socket.display()
        );
    }
}

/// Starting the service while a daemon `flowctl` started holds the socket
/// would fail (the socket is taken): say how to hand over instead.
async fn refuse_foreign_daemon(target: Target, socket: &Path) -> Result<()> {
    if manager::probe(target).running == Some(true) {
        return Ok(());
    }
    if crate::connect::connect(socket)
        .await
        .ok()
        .flatten()
        .is_some()
    {
        bail!(
            "a flowctld not run by the service manager answers on {}: stop it first with \
             `flowctl daemon stop` (its runs stop too), then run `flowctl service install --now` again",
            socket.display()
        );
    }
    Ok(())
}

fn status(ctx: &Ctx, target: Target) -> Result<ExitCode> {
    let main = target.main_file()?;
    let installed = main.is_file();
    let probe = if installed {
        manager::probe(target)
    } else {
        manager::Probe::default()
    };
    let socket = target.socket(&ctx.socket);
    if ctx.json() {
        crate::output::print_json(&serde_json::json!({
            "kind": target.describe(),
            "file": main,
            "installed": installed,
            "enabled": probe.enabled,
            "running": probe.running,
            "socket": socket,
            "detail": probe.detail,
        }));
    } else {
        let yes_no = |answer: Option<bool>| match answer {
            Some(true) => "yes".to_string(),
            Some(false) => "no".to_string(),
            None => format!("cannot tell ({})", probe.detail),
        };
        println!("flowctld as {}", target.describe());
        if installed {
            println!("  installed:  yes ({})", main.display());
            println!("  enabled:    {}", yes_no(probe.enabled));
            println!("  running:    {}", yes_no(probe.running));
            println!("  socket:     {}", socket.display());
        } else {
            println!("  installed:  no (no {})", main.display());
            println!(
                "  install it: {}",
                match target.scope {
                    Scope::User => "flowctl service install --user --now",
                    Scope::System => "sudo flowctl service install --system --now",
                }
            );
        }
    }
    let ok = installed && probe.running != Some(false);
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

fn paths_text(files: &[ServiceFile]) -> String {
    files
        .iter()
        .map(|file| file.path.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
