//! The pipeline file format: reading, checking and ordering a pipeline.
//!
//! [`parse`] turns the bytes of a pipeline file into a [`Pipeline`] that the
//! supervisor can run, or into [`Diagnostics`]: every problem in the file,
//! each with its `file:line:column`, so a user fixes them all in one pass.
//! Nothing here touches the file system or the environment; the caller reads
//! the file and passes its bytes.
//!
//! Layout:
//! - `source`: size and encoding checks on the raw bytes.
//! - `yaml`: builds a YAML tree with positions from `saphyr-parser` events;
//!   `tree` is that tree, `syntax` words the parser's syntax errors.
//! - `access`: typed reads from that tree, reporting mismatches.
//! - `document`: `apiVersion`, `kind`, `metadata` and `spec`.
//! - `component`: one entry of `sources`, `processors` or `sinks`, with
//!   `command` (the program to run), `env` (`env` and `config` maps),
//!   `lifecycle` (signals, timeouts, readiness), `restart` (restart policy,
//!   backoff, `on_component_failure`), `probe` (`health_check`, readiness and
//!   liveness probes) and `depends` (`depends_on` and its conditions).
//! - `validate`: checks across components (ids, references, cycles, ports).
//! - `graph`: start order and cycle finding.
//! - `model`: the public types: [`Pipeline`], [`Component`] and friends;
//!   `supervision` holds those about restarts, probes and dependencies.
//! - `metadata`: a published component's `metadata.json`.
//! - `duration`: `10s`-style durations, also used outside this module.
//! - `suggest`: "did you mean ...?" by edit distance.
//! - `diagnostic`: [`Diagnostic`], [`Diagnostics`] and the collector.

mod access;
mod command;
mod component;
mod depends;
mod diagnostic;
mod document;
pub mod duration;
mod env;
mod graph;
mod lifecycle;
pub mod metadata;
mod model;
mod probe;
mod reference;
mod resources;
mod restart;
mod source;
mod suggest;
mod supervision;
mod syntax;
mod tree;
mod validate;
mod yaml;

#[cfg(test)]
mod tests;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use document::{API_VERSION, KIND};
pub use duration::{format_duration, parse_duration};
pub use model::{
    Component, ComponentKind, Condition, DEFAULT_START_TIMEOUT, DEFAULT_STOP_TIMEOUT, Dependency,
    Limits, OnFailure, Pipeline, Probe, ProbeAction, Readiness, Restart, RestartPolicy, StopSignal,
};
pub use resources::{format_bytes, parse_cpu, parse_memory};
pub use source::MAX_FILE_BYTES;

use diagnostic::{Pos, Report};

/// A pipeline file that passed every check, and the warnings about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The pipeline, ready to run.
    pub pipeline: Pipeline,
    /// Things that are allowed but probably wrong, such as several
    /// components that would all listen on the SDK's default port.
    pub warnings: Vec<Diagnostic>,
}

/// Reads and checks a pipeline file.
///
/// `file` is the name used in messages (usually the path as the user typed
/// it); `bytes` is the file's content. All errors are collected and returned
/// together, sorted by position; the function never panics on any input.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Parsed, Diagnostics> {
    let mut report = Report::new(file);
    let Some(text) = source::text(bytes, &mut report) else {
        return Err(failed(report));
    };
    let root = yaml::load(text, &mut report);
    let Some(root) = root.filter(|r| !r.is_null()) else {
        if !report.has_errors() {
            report.error(
                Pos::START,
                format!(
                    "the file is empty; a pipeline file starts with 'apiVersion: {API_VERSION}'"
                ),
            );
        }
        return Err(failed(report));
    };
    let draft = document::decode(&root, &mut report);
    validate::check(&draft, &mut report);
    let warnings = report.finish()?;
    Ok(Parsed {
        pipeline: Pipeline {
            name: draft.name,
            namespace: draft.namespace,
            description: draft.description,
            labels: draft.labels,
            annotations: draft.annotations,
            env: draft.env,
            on_failure: draft.on_failure,
            components: draft.components.into_iter().map(|d| d.component).collect(),
        },
        warnings,
    })
}

/// The errors of a report known to hold some.
fn failed(report: Report) -> Diagnostics {
    match report.finish() {
        Err(errors) => errors,
        Ok(_) => Diagnostics(Vec::new()),
    }
}
