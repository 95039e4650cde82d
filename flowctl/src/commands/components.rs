//! `flowctl components pull|list|rm|prune`: the per-user cache of
//! components named by reference.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use flowctl_core::reference::{Executable, Reference};

use super::Ctx;
use crate::cli::{ComponentsArgs, ComponentsCommand};
use crate::components::cache;
use crate::components::progress::Progress;
use crate::components::resolve::{self, Want};
use crate::components::{PullPolicy, Settings};
use crate::output::{Table, print_json};

/// `prune` without `--older-than`.
const PRUNE_AFTER: Duration = Duration::from_secs(30 * 24 * 3600);

pub async fn components(ctx: &Ctx, args: ComponentsArgs) -> Result<ExitCode> {
    let settings = Settings::load(ctx.config.as_deref(), &args.registry)?;
    match args.command {
        ComponentsCommand::Pull {
            references,
            always,
            exec,
        } => pull(&settings, &references, always, exec).await,
        ComponentsCommand::List => Ok(list(ctx, &settings)),
        ComponentsCommand::Rm { reference } => {
            let reference = parse(&reference, &settings)?;
            if cache::remove(&settings, &reference)? {
                println!("Removed {reference}");
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("{reference} is not cached; `flowctl components list` shows what is");
                Ok(ExitCode::FAILURE)
            }
        }
        ComponentsCommand::Prune { older_than } => {
            let age = older_than.unwrap_or(PRUNE_AFTER);
            let before = flowctl_core::clock::now_ms() - age.as_millis() as i64;
            let before = if age.is_zero() { i64::MAX } else { before };
            let removed = cache::prune(&settings, before)?;
            for reference in &removed {
                println!("Removed {reference}");
            }
            println!("{} cached components removed", removed.len());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A reference as the user types it: a published component's
/// `name@version`, or any image reference.
fn parse(text: &str, settings: &Settings) -> Result<Reference> {
    let parsed = if flowctl_core::reference::is_reference_type(text) {
        Reference::from_type(text, &settings.defaults)
    } else {
        Reference::parse_image(text, &settings.defaults)
    };
    parsed.map_err(anyhow::Error::msg)
}

async fn pull(
    settings: &Settings,
    references: &[String],
    always: bool,
    exec: Option<String>,
) -> Result<ExitCode> {
    let mut wants = Vec::new();
    for text in references {
        wants.push(Want {
            reference: parse(text, settings)?,
            executable: exec
                .clone()
                .map_or(Executable::Published, Executable::Named),
        });
    }
    let policy = if always {
        PullPolicy::Always
    } else {
        PullPolicy::Missing
    };
    let progress = Progress::new();
    let pulls = wants
        .iter()
        .map(|want| resolve::one(want, settings, policy, &progress));
    let results = futures_util::future::join_all(pulls).await;
    let mut code = ExitCode::SUCCESS;
    for (want, result) in wants.iter().zip(results) {
        match result {
            Ok(cached) => println!(
                "{} {} {}",
                want.reference,
                resolve::short(&cached.entry.digest),
                cached.executable().display()
            ),
            Err(err) => {
                eprintln!("error: {err}");
                code = ExitCode::FAILURE;
            }
        }
    }
    Ok(code)
}

fn list(ctx: &Ctx, settings: &Settings) -> ExitCode {
    let cached = cache::list(settings);
    if ctx.json() {
        let items: Vec<_> = cached
            .iter()
            .map(|c| {
                serde_json::json!({
                    "reference": c.entry.reference,
                    "digest": c.entry.digest,
                    "size": c.entry.size,
                    "executable": c.executable(),
                    "pulled_at": flowctl_core::clock::format_rfc3339_ms(c.entry.pulled_at_ms),
                    "last_used": flowctl_core::clock::format_rfc3339_ms(c.entry.last_used_ms),
                })
            })
            .collect();
        print_json(&serde_json::json!({ "components": items }));
        return ExitCode::SUCCESS;
    }
    if cached.is_empty() {
        println!("No cached components ({}).", settings.cache_dir.display());
        return ExitCode::SUCCESS;
    }
    let mut table = Table::new(vec!["REFERENCE", "DIGEST", "SIZE", "LAST USED"]);
    for c in &cached {
        table.row(vec![
            c.entry.reference.clone(),
            resolve::short(&c.entry.digest).to_owned(),
            c.entry.size.to_string(),
            crate::output::since_ms(c.entry.last_used_ms),
        ]);
    }
    table.print();
    ExitCode::SUCCESS
}
