//! `flowctl logs`: component output of a run, from any terminal.

use std::process::ExitCode;

use anyhow::{Result, bail};
use flowctl_proto::daemon::v1::{ListRunsRequest, LogLine, LogsRequest};

use super::Ctx;
use crate::cli::LogsArgs;
use crate::output;

pub async fn logs(ctx: &Ctx, args: LogsArgs) -> Result<ExitCode> {
    let Some(mut client) = ctx.running().await? else {
        return Ok(ctx.nothing_running(serde_json::json!([])));
    };
    let run = match args.run {
        Some(run) => run,
        None => {
            let runs = client
                .list_runs(ListRunsRequest {
                    limit: 1,
                    ..Default::default()
                })
                .await?
                .into_inner()
                .runs;
            match runs.first() {
                Some(run) => run.run_id.clone(),
                None => bail!("there are no runs yet: start one with `flowctl run`"),
            }
        }
    };
    let mut lines = client
        .logs(LogsRequest {
            run_id: run,
            component: args.component.unwrap_or_default(),
            follow: args.follow,
            tail: args.lines,
        })
        .await?
        .into_inner();
    let printer = Printer::new(ctx.json());
    while let Some(line) = lines.message().await? {
        printer.print(&line);
    }
    Ok(ExitCode::SUCCESS)
}

/// The stream of a line that is the daemon's notice (lines missed, no
/// output), not a component's output.
const NOTICE: &str = "flowctl";

/// Prints log lines with a coloured, aligned component prefix, and the
/// daemon's notices about a component as `<component>: <notice>`.
pub struct Printer {
    json: bool,
    color: bool,
    components: std::cell::RefCell<Vec<String>>,
}

impl Printer {
    pub fn new(json: bool) -> Printer {
        Printer {
            json,
            color: output::color(),
            components: Default::default(),
        }
    }

    pub fn print(&self, line: &LogLine) {
        if self.json {
            println!(
                "{}",
                serde_json::json!({
                    "run_id": line.run_id, "component": line.component,
                    "at_ms": line.at_ms, "stream": line.stream, "line": line.line,
                    "seq": line.seq, "missed": line.missed, "lost": line.lost,
                })
            );
            return;
        }
        if line.stream == NOTICE && !line.component.is_empty() {
            // The daemon's word about a component, not its output.
            println!("{}: {}", line.component, line.line);
            return;
        }
        let index = {
            let mut components = self.components.borrow_mut();
            match components.iter().position(|c| *c == line.component) {
                Some(i) => i,
                None => {
                    components.push(line.component.clone());
                    components.len() - 1
                }
            }
        };
        let name = if line.component.is_empty() {
            "flowctl"
        } else {
            &line.component
        };
        if self.color {
            println!(
                "\x1b[{}m{name:>12} |\x1b[0m {}",
                output::palette(index),
                line.line
            );
        } else {
            println!("{name:>12} | {}", line.line);
        }
    }
}
