//! `flowctl validate`: the daemon's own validator, run locally.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::Ctx;
use crate::output::print_json;
use crate::pipeline_file::{self, Loaded};

/// Each component named by reference: its id, full reference, and the
/// digest it is cached with (`None`: `run` would fetch it). Never fetches.
fn references(
    ctx: &Ctx,
    flags: &crate::components::RegistryArgs,
    pipeline: &flowctl_core::spec::Pipeline,
) -> Result<Vec<(String, String, Option<String>)>> {
    use crate::components::{Settings, cache, resolve};
    if pipeline.components.iter().all(|c| c.reference.is_none()) {
        return Ok(Vec::new());
    }
    let settings = Settings::load(ctx.config.as_deref(), flags)?;
    let wants = resolve::wants(pipeline, &settings)?;
    Ok(wants
        .into_iter()
        .map(|(id, want)| {
            let cached = cache::lookup(&settings, &want.reference).map(|c| {
                if c.entry.digest.is_empty() {
                    "the old flowctl's cache".to_owned()
                } else {
                    resolve::short(&c.entry.digest).to_owned()
                }
            });
            (id, want.reference.to_string(), cached)
        })
        .collect())
}

pub fn validate(
    ctx: &Ctx,
    file: &Path,
    flags: &crate::components::RegistryArgs,
) -> Result<ExitCode> {
    match pipeline_file::load(file) {
        Loaded::Unreadable(message) => {
            eprintln!("{message}");
            Ok(ExitCode::FAILURE)
        }
        Loaded::Valid { parsed, .. } => {
            let order = parsed.pipeline.start_order();
            if ctx.json() {
                print_json(&serde_json::json!({
                    "valid": true,
                    "pipeline": parsed.pipeline.name,
                    "start_order": order,
                    "references": references(ctx, flags, &parsed.pipeline)?
                        .into_iter()
                        .map(|(id, reference, cached)| serde_json::json!({
                            "component": id, "reference": reference,
                            "cached": cached.is_some(), "digest": cached.unwrap_or_default(),
                        }))
                        .collect::<Vec<_>>(),
                    "warnings": parsed.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
                }));
            } else {
                for warning in &parsed.warnings {
                    eprintln!("warning: {warning}");
                }
                println!("Pipeline validation passed");
                println!("Start order: {}", order.join(" -> "));
                for (id, reference, cached) in references(ctx, flags, &parsed.pipeline)? {
                    match cached {
                        Some(digest) => {
                            println!("Component {id}: {reference} is cached ({digest})")
                        }
                        None => println!("Component {id}: {reference} would be fetched"),
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Loaded::Invalid(diagnostics) => {
            if ctx.json() {
                print_json(&serde_json::json!({
                    "valid": false,
                    "errors": diagnostics.0.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                }));
            } else {
                pipeline_file::print_invalid(&diagnostics);
            }
            Ok(ExitCode::FAILURE)
        }
    }
}
