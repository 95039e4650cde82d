//! The run of `--pipeline FILE`, started as the daemon starts: an ordinary
//! run, or with `--no-spawn` one whose components something else starts
//! (see `machine/no_spawn.rs`). Its environment and directory are the
//! daemon's own, as a client's are for a run it submits.
//!
//! A daemon restarted with the same `--pipeline` finds the run the last one
//! stopped for the restart already resumed: one run per pipeline, so that
//! one goes on, unless the file (or `--no-spawn`) changed in between, when
//! it is stopped and the file as it is now starts.

use std::sync::Arc;

use super::RunRequest;
use crate::error::{Error, Result};
use crate::state::State;

/// Starts the configured pipeline as a run, if one is configured; a file
/// that cannot be read or is not a valid pipeline stops the daemon.
pub(crate) async fn start(state: &Arc<State>) -> Result<()> {
    let Some(path) = state.config.pipeline.clone() else {
        return Ok(());
    };
    let yaml = std::fs::read_to_string(&path).map_err(|source| Error::Io {
        action: "read the pipeline file (--pipeline)",
        path: path.clone(),
        source,
    })?;
    let working_dir = std::env::current_dir()
        .or_else(|_| {
            path.parent()
                .map(ToOwned::to_owned)
                .ok_or_else(|| std::io::ErrorKind::NotFound.into())
        })
        .map_err(|source| Error::Io {
            action: "find the current directory for the run of --pipeline",
            path: path.clone(),
            source,
        })?;
    let shown = path.display().to_string();
    if let Some(resumed) = state.supervisor.running_run_of(&shown) {
        if resumed.config_yaml == yaml && resumed.no_spawn == state.config.no_spawn {
            tracing::info!(
                run = %resumed.id,
                pipeline = %shown,
                "the run of --pipeline resumed after the restart goes on"
            );
            return Ok(());
        }
        tracing::info!(
            run = %resumed.id,
            pipeline = %shown,
            "the pipeline file or --no-spawn changed since the restart: stopping the resumed run"
        );
        state.supervisor.stop(&resumed.id).await?;
    }
    let request = RunRequest {
        pipeline_yaml: yaml,
        pipeline_path: shown,
        working_dir: working_dir.display().to_string(),
        env: std::env::vars().collect(),
        no_spawn: state.config.no_spawn,
        ..RunRequest::default()
    };
    let record = state.supervisor.submit(request).await?;
    tracing::info!(
        run = %record.id,
        pipeline = %path.display(),
        no_spawn = state.config.no_spawn,
        "started the run of --pipeline"
    );
    Ok(())
}
