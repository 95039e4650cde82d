//! `flowctl run` and `flowctl attach`: a run in the foreground (shown by
//! [`crate::live`]), or submitted and left running with `--detach`.

use std::process::ExitCode;

use anyhow::{Result, bail};
use flowctl_proto::daemon::v1::{RunRef, RunSummary, SubmitRunRequest};

use super::{Ctx, absolute};
use crate::cli::{Orchestrator, RunArgs};
use crate::connect::Client;
use crate::display::run_json;
use crate::live::{self, Signals};
use crate::output;
use crate::pipeline_file;

/// How long a signal during submission still waits for an answer the
/// daemon may be sending right then (so that a run it started is stopped,
/// not left behind); a stopped daemon costs the user no more than this.
const ANSWER_GRACE: std::time::Duration = std::time::Duration::from_millis(300);

pub async fn run(ctx: &Ctx, args: RunArgs) -> Result<ExitCode> {
    if args.orchestrator == Orchestrator::Container {
        bail!("the container orchestrator is not supported yet: use --orchestrator process");
    }
    // The daemon validates too; checking here gives the errors without
    // starting a daemon for nothing.
    let Some((parsed, bytes)) = pipeline_file::load_valid(&args.file) else {
        return Ok(ExitCode::FAILURE);
    };
    for warning in &parsed.warnings {
        eprintln!("warning: {warning}");
    }
    let pipeline = parsed.pipeline;
    // Components by reference are pulled before the daemon is asked for
    // anything: a registry error then starts nothing.
    let resolved = match pull_referenced(ctx, &args, &pipeline).await? {
        Ok(resolved) => resolved,
        Err(code) => return Ok(code),
    };
    let mut signals = Signals::new()?;
    let (daemon, external) = external_plane(&args).await?;
    let plane = external.as_ref().map(|plane| plane.addr.clone());
    let submission = Submission {
        daemon: &daemon,
        plane: plane.unwrap_or_default(),
        bytes,
        resolved,
    };
    let (mut client, summary) =
        match submit_unless_interrupted(ctx, &args, submission, &mut signals).await? {
            Ok(submitted) => submitted,
            Err(code) => return Ok(code),
        };
    let detach = args.detach || args.wait;
    if detach && let Some(code) = signals.take_replayed() {
        eprintln!(
            "flowctl: interrupted as run {} started: stopping it",
            flowctl_core::short_id(&summary.run_id)
        );
        client
            .stop_run(RunRef {
                run_id: summary.run_id.clone(),
            })
            .await?;
        return Ok(code);
    }
    if args.wait {
        let waited = live::ready::until_ready(
            &mut client,
            &summary.run_id,
            args.wait_timeout,
            &mut signals,
        )
        .await?;
        return Ok(report_waited(ctx, waited));
    }
    if args.detach {
        print_submitted(ctx, &summary);
        return Ok(ExitCode::SUCCESS);
    }
    if args.show_status {
        println!(
            "Run {} of pipeline '{}' submitted ({} components)",
            flowctl_core::short_id(&summary.run_id),
            summary.pipeline_name,
            summary.components_total
        );
    }
    let report = external.map(|plane| crate::remote::report::spawn(plane, ctx.json()));
    let code = live::follow(
        client,
        &summary.run_id,
        args.show_status,
        ctx.json(),
        signals,
    )
    .await;
    if let Some(report) = report {
        report.abort();
    }
    code
}

/// A detached run: its id (or its summary in JSON).
fn print_submitted(ctx: &Ctx, summary: &RunSummary) {
    if ctx.json() {
        output::print_json(&run_json(summary));
    } else {
        println!("{}", summary.run_id);
    }
}

/// How `run --wait` ended, told; the run is left as it is in every case.
fn report_waited(ctx: &Ctx, waited: live::ready::Waited) -> ExitCode {
    use live::ready::Waited;
    let short = |run: &RunSummary| flowctl_core::short_id(&run.run_id).to_owned();
    let list = |components: &[flowctl_proto::daemon::v1::ComponentStatus]| {
        components
            .iter()
            .map(|c| match c.exit.as_str() {
                "" => format!("'{}'", c.id),
                exit => format!("'{}' ({exit})", c.id),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match waited {
        Waited::Ready(run) => {
            print_submitted(ctx, &run);
            ExitCode::SUCCESS
        }
        Waited::Failed(run, failed) => {
            let why = match (failed.is_empty(), run.error.is_empty()) {
                (false, _) => format!("component {} failed", list(&failed)),
                (true, false) => run.error.clone(),
                (true, true) => "it was stopped".to_owned(),
            };
            let status = flowctl_core::RunStatus::from(run.status()).name();
            eprintln!(
                "error: run {} is {status} before every component was ready: {why} \
                 (`flowctl logs {}` shows what they wrote)",
                short(&run),
                short(&run)
            );
            ExitCode::FAILURE
        }
        Waited::TimedOut(run, waiting) => {
            eprintln!(
                "error: run {} was not ready within --wait-timeout: still waiting for {}; \
                 it keeps running (`flowctl pipelines stop {}` ends it)",
                short(&run),
                list(&waiting),
                short(&run)
            );
            ExitCode::FAILURE
        }
        Waited::Interrupted(code) => {
            eprintln!("flowctl: stopped waiting; the run keeps running");
            code
        }
    }
}

/// What `run` submits: the settings of a daemon it may start, the control
/// plane components register with (empty: the daemon's own), the file.
struct Submission<'a> {
    daemon: &'a flowctl_core::DaemonArgs,
    plane: String,
    bytes: Vec<u8>,
    /// What the client pulled for the components named by reference.
    resolved: Vec<flowctl_proto::daemon::v1::ResolvedComponent>,
}

/// The components of `pipeline` named by reference, resolved as `--pull`
/// says; an error is printed and its exit code returned.
async fn pull_referenced(
    ctx: &Ctx,
    args: &RunArgs,
    pipeline: &flowctl_core::spec::Pipeline,
) -> Result<Result<Vec<flowctl_proto::daemon::v1::ResolvedComponent>, ExitCode>> {
    use crate::components::{Settings, progress::Progress, resolve};
    if pipeline.components.iter().all(|c| c.reference.is_none()) {
        return Ok(Ok(Vec::new()));
    }
    let settings = Settings::load(ctx.config.as_deref(), &args.registry)?;
    match resolve::pipeline(pipeline, &settings, args.pull, &Progress::new()).await {
        Ok(resolved) => Ok(Ok(resolved)),
        Err(err) => {
            eprintln!("error: {err}");
            Ok(Err(ExitCode::FAILURE))
        }
    }
}

/// Submits the run, or leaves with the exit code of a signal that came
/// first (`signals` are caught from before the submission on). A signal
/// ends the command at once unless the daemon is just answering: a
/// submission it has not answered is withdrawn by the daemon once it sees
/// this client gone, and a run it did start is handed on with the signal
/// replayed, to be stopped, so Ctrl+C never leaves a run behind.
async fn submit_unless_interrupted(
    ctx: &Ctx,
    args: &RunArgs,
    submission: Submission<'_>,
    signals: &mut Signals,
) -> Result<Result<(Client, RunSummary), ExitCode>> {
    let submission = submit(ctx, args, submission);
    tokio::pin!(submission);
    tokio::select! {
        biased;
        submitted = &mut submission => Ok(Ok(submitted?)),
        code = signals.next() => match tokio::time::timeout(ANSWER_GRACE, &mut submission).await {
            Ok(submitted) => {
                signals.replay(code);
                Ok(Ok(submitted?))
            }
            Err(_) => {
                eprintln!(
                    "flowctl: interrupted before flowctld answered: no run was started \
                     (a submission it already holds is withdrawn as soon as it notices; \
                     `flowctl pipelines list` shows it)"
                );
                Ok(Err(code))
            }
        },
    }
}

/// Starts a daemon if none runs, and submits the pipeline `bytes` as a run.
async fn submit(
    ctx: &Ctx,
    args: &RunArgs,
    submission: Submission<'_>,
) -> Result<(Client, RunSummary)> {
    let (mut client, started) = ctx.started(submission.daemon).await?;
    if !started && submission.daemon.any() {
        eprintln!(
            "note: flowctld was already running; its own settings are used \
             (restart it with `flowctl daemon restart` and these flags to change them)"
        );
    }
    let request = SubmitRunRequest {
        pipeline_yaml: String::from_utf8(submission.bytes)?,
        pipeline_path: absolute(&args.file).display().to_string(),
        working_dir: std::env::current_dir()?.display().to_string(),
        env: std::env::vars().collect(),
        log_dir: args
            .log_dir
            .as_deref()
            .map(|d| absolute(d).display().to_string())
            .unwrap_or_default(),
        control_plane_endpoint: submission.plane,
        resolved: submission.resolved,
    };
    let summary = client.submit_run(request).await?.into_inner();
    Ok((client, summary))
}

/// With `--use-external-control-plane`: the plane at
/// `--control-plane-address:--control-plane-port` (default 127.0.0.1:8080),
/// checked to answer, and daemon settings without those two flags (they
/// name the external plane, not one for a daemon this command starts).
async fn external_plane(
    args: &RunArgs,
) -> Result<(flowctl_core::DaemonArgs, Option<crate::remote::Plane>)> {
    let mut daemon = args.daemon.clone();
    if !args.use_external_control_plane {
        return Ok((daemon, None));
    }
    let address = daemon.control_plane_address.take();
    let port = daemon.control_plane_port.take();
    let addr = crate::cli::join_host_port(
        address.as_deref().unwrap_or("127.0.0.1"),
        port.unwrap_or(8080),
    );
    let plane = crate::remote::Plane::connect(&addr, crate::remote::WAIT).await?;
    Ok((daemon, Some(plane)))
}

pub async fn attach(ctx: &Ctx, run: &str) -> Result<ExitCode> {
    let Some(client) = ctx.running().await? else {
        bail!("no flowctl daemon is running, so no run {run} to attach to");
    };
    live::follow(client, run, true, ctx.json(), Signals::new()?).await
}
