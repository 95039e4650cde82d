//! `flowctl service uninstall`: stop and disable the service (with `--now`),
//! then remove the files `install` wrote, and only those.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::cli::{ServiceChangeArgs, ServiceManager};
use crate::service::files::{MARKER, Target};
use crate::service::manager;

pub fn uninstall(args: &ServiceChangeArgs) -> Result<ExitCode> {
    let target = Target::resolve(&args.scope)?;
    let dir = target.dir()?;
    let mut candidates = vec![target.main_file()?];
    if target.manager == ServiceManager::Systemd {
        candidates.push(dir.join("flowctld.socket"));
    }
    let present: Vec<PathBuf> = candidates
        .into_iter()
        .filter(|path| path.symlink_metadata().is_ok())
        .collect();
    if present.is_empty() {
        println!(
            "flowctld is not installed as {} (nothing in {})",
            target.describe(),
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    for path in &present {
        let ours = std::fs::read_to_string(path).is_ok_and(|text| text.contains(MARKER));
        if !ours && !args.force {
            bail!(
                "{} was not written by `flowctl service install`: pass --force to remove it anyway",
                path.display()
            );
        }
    }
    let disable = manager::disable(target);
    let enabled = enablement_links(target, &dir);
    if !enabled.is_empty() && !args.now && !args.dry_run {
        bail!(
            "flowctld is enabled ({}): stop and disable it first with `{}`, or pass --now",
            enabled.join(", "),
            manager::shell_line(target, &disable)
        );
    }
    let forget = manager::forget(target);
    if args.dry_run {
        println!("Would run: {}", manager::shell_line(target, &disable));
        for path in &present {
            println!("Would remove {}", path.display());
        }
        if !forget.is_empty() {
            println!("Would run: {}", manager::shell_line(target, &forget));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.now {
        // A service that is installed but not loaded makes these fail; the
        // files go all the same.
        if let Err(err) = manager::run_all(&disable) {
            eprintln!("note: {err}");
        }
    }
    for path in &present {
        std::fs::remove_file(path).with_context(|| format!("cannot remove {}", path.display()))?;
        println!("Removed {}", path.display());
    }
    if args.now {
        manager::run_all(&forget)?;
    } else {
        println!(
            "If it still runs, stop it with: {}",
            manager::shell_line(target, &disable)
        );
        if !forget.is_empty() {
            println!("Then: {}", manager::shell_line(target, &forget));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The `*.wants/` links that enable our systemd units (found without asking
/// systemd, which may not be running).
fn enablement_links(target: Target, dir: &Path) -> Vec<String> {
    if target.manager != ServiceManager::Systemd {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut links: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".wants"))
        .flat_map(|entry| {
            ["flowctld.service", "flowctld.socket"]
                .into_iter()
                .map(move |name| entry.path().join(name))
        })
        .filter(|link| link.symlink_metadata().is_ok())
        .map(|link| link.display().to_string())
        .collect();
    links.sort();
    links
}
