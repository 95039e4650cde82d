//! `flowctl logs`: component output of a run, from any terminal.

use std::process::ExitCode;

use anyhow::{Result, bail};
use flowctl_proto::daemon::v1::{ListRunsRequest, LogsRequest};

use super::Ctx;
use crate::cli::LogsArgs;
use crate::display::Printer;

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
