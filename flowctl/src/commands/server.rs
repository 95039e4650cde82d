//! `flowctl server`: the daemon in the foreground, for users of the old CLI.

use std::path::Path;
use std::process::ExitCode;

use flowctld::DaemonArgs;

/// Execs `flowctld` with the same flags, so there is one daemon program.
pub fn run(args: &DaemonArgs, socket: Option<&Path>, log_level: Option<&str>) -> ExitCode {
    use std::os::unix::process::CommandExt;
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
    if let Some(config) = &args.config {
        command.arg("--config").arg(config);
    }
    if let Some(address) = &args.control_plane_address {
        command.args(["--control-plane-address", address]);
    }
    if let Some(port) = args.control_plane_port {
        command.args(["--control-plane-port", &port.to_string()]);
    }
    if let Some(ttl) = args.heartbeat_ttl {
        command.args(["--heartbeat-ttl", &format!("{}ms", ttl.as_millis())]);
    }
    if let Some(interval) = args.janitor_interval {
        command.args(["--janitor-interval", &format!("{}ms", interval.as_millis())]);
    }
    if let Some(format) = args.log_format {
        command.args([
            "--log-format",
            if format == flowctld::LogFormat::Json {
                "json"
            } else {
                "text"
            },
        ]);
    }
    let err = command.exec();
    eprintln!("flowctl: cannot run {}: {err}", binary.display());
    ExitCode::FAILURE
}
