//! `flowctl`: the thin client of the flowctl daemon.
//!
//! # Layout
//!
//! - `cli`: the clap definitions;
//! - `commands/`: one file per command group, each depending only on the
//!   shared modules below, never on another command;
//! - `connect`: reaching the daemon, and starting it race-free;
//! - `deadline`: how long every wait on the daemon may take (`--timeout`);
//! - `output`: tables, JSON and time formatting;
//! - `display`: state names, JSON shapes and log lines as users read them;
//! - `live/`: a run in the foreground, driven by the `Watch` stream;
//! - `pipeline_file`: reading and checking a pipeline file;
//! - `remote/`: a control plane over TCP (endpoint flags), and how its
//!   registrations and runs print;
//! - `service/`: service files and managers (systemd, launchd);
//! - `translate/`: a pipeline as another engine's files (`flowctl translate`).

mod cli;
mod commands;
mod components;
mod connect;
mod dashboard;
mod deadline;
mod display;
mod live;
mod output;
mod pipeline_file;
mod remote;
mod service;
mod translate;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse_from(cli::compat_argv(std::env::args_os()));
    if let Command::Server(args) = &cli.command {
        return commands::server::run(
            args,
            cli.config.as_deref(),
            cli.socket.as_deref(),
            cli.log_level.as_deref(),
        );
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("flowctl: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(commands::dispatch(cli));
    // A blocking task still waiting (on the start lock, or a starting
    // daemon) must not delay the exit of an interrupted command.
    runtime.shutdown_background();
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("flowctl: {}", output::error_text(&err));
            ExitCode::FAILURE
        }
    }
}
