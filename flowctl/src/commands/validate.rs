//! `flowctl validate`: the daemon's own validator, run locally.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::Ctx;

pub fn validate(ctx: &Ctx, file: &Path) -> Result<ExitCode> {
    let (display, bytes) = match read_pipeline(file) {
        Ok(read) => read,
        Err(message) => {
            eprintln!("{message}");
            return Ok(ExitCode::FAILURE);
        }
    };
    match flowctl_core::spec::parse(&display, &bytes) {
        Ok(parsed) => {
            let order = parsed.pipeline.start_order();
            if ctx.json() {
                crate::output::print_json(&serde_json::json!({
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
        Err(diagnostics) => {
            if ctx.json() {
                crate::output::print_json(&serde_json::json!({
                    "valid": false,
                    "errors": diagnostics.0.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                }));
            } else {
                eprintln!("{diagnostics}");
                eprintln!(
                    "Pipeline validation failed: {} error(s)",
                    diagnostics.0.len()
                );
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Reads a pipeline file, refusing what no pipeline can be before parsing.
pub fn read_pipeline(file: &Path) -> Result<(String, Vec<u8>), String> {
    let display = file.display().to_string();
    let meta = std::fs::metadata(file).map_err(|err| {
        format!("{display}: cannot read the pipeline file: {err} (give the path of a pipeline YAML file)")
    })?;
    if meta.is_dir() {
        return Err(format!("{display}: is a directory, not a pipeline file"));
    }
    if meta.len() > flowctl_core::spec::MAX_FILE_BYTES as u64 {
        return Err(format!(
            "{display}: is {:.1} MiB; pipeline files are limited to 1 MiB",
            meta.len() as f64 / 1_048_576.0
        ));
    }
    let bytes = std::fs::read(file).map_err(|err| format!("{display}: cannot read: {err}"))?;
    Ok((display, bytes))
}
