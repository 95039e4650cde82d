//! `flowctl`: the thin client of the flowctl daemon.
//!
//! # Layout
//!
//! - `cli`: the clap definitions;
//! - `connect`: reaching the daemon, and starting it race-free;
//! - `commands/`: one file per command group;
//! - `output`: tables, JSON and time formatting.

mod cli;
mod commands;
mod connect;
mod output;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Server(args) = &cli.command {
        return commands::server::run(args, cli.socket.as_deref(), cli.log_level.as_deref());
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
    match runtime.block_on(commands::dispatch(cli)) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("flowctl: {}", output::error_text(&err));
            ExitCode::FAILURE
        }
    }
}
