//! `flowctl server`: the daemon in the foreground, for users of the old CLI.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::ServerArgs;

/// Execs `flowctld` with the same flags, so there is one daemon program.
pub fn run(
    args: &ServerArgs,
    config: Option<&Path>,
    socket: Option<&Path>,
    log_level: Option<&str>,
) -> ExitCode {
    use std::os::unix::process::CommandExt;
    let mut daemon = args.daemon.clone();
    daemon.config = config.map(Path::to_path_buf);
    let binary = match crate::connect::daemon_binary() {
        Ok(binary) => binary,
        Err(err) => {
            eprintln!("flowctl: {err}");
            return ExitCode::FAILURE;
        }
    };
    let mut command = std::process::Command::new(&binary);
    if let Some(socket) = socket {
        command.arg("--socket").arg(socket);
    }
    if let Some(level) = log_level {
        command.args(["--log-level", level]);
    }
    command.args(daemon.to_args());
    let err = command.exec();
    eprintln!("flowctl: cannot run {}: {err}", binary.display());
    ExitCode::FAILURE
}
