//! `flowctl validate`: the daemon's own validator, run locally.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::Ctx;
use crate::output::print_json;
use crate::pipeline_file::{self, Loaded};

pub fn validate(ctx: &Ctx, file: &Path) -> Result<ExitCode> {
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
                    "warnings": parsed.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
                }));
            } else {
                for warning in &parsed.warnings {
                    eprintln!("warning: {warning}");
                }
                println!("Pipeline validation passed");
                println!("Start order: {}", order.join(" -> "));
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
