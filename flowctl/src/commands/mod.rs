//! One file per command group, behind one `dispatch`.

pub mod completions;
pub mod components;
pub mod daemon;
pub mod dashboard;
pub mod init;
pub mod logs;
pub mod pipelines;
pub mod plane;
pub mod processors;
pub mod run;
pub mod server;
pub mod service;
pub mod status;
pub mod translate;
pub mod validate;
pub mod version;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command, Output};
use crate::connect::{self, Client};

/// What every command needs to know.
#[derive(Clone)]
pub struct Ctx {
    pub output: Output,
    pub log_level: Option<String>,
    pub socket: PathBuf,
    /// The global `--config`, given to a daemon this command starts.
    pub config: Option<PathBuf>,
}

impl Ctx {
    /// The daemon, if one is running; read-only commands use this and
    /// never start one.
    pub async fn running(&self) -> Result<Option<Client>> {
        connect::connect(&self.socket).await
    }

    /// The daemon, started first (with `settings`) if none is running.
    pub async fn started(&self, settings: &flowctl_core::DaemonArgs) -> Result<(Client, bool)> {
        let mut settings = settings.clone();
        if settings.config.is_none() {
            settings.config.clone_from(&self.config);
        }
        let mut flags = settings.to_args();
        if let Some(level) = &self.log_level {
            flags.extend(["--log-level".to_owned(), level.clone()]);
        }
        connect::connect_or_start(&self.socket, &flags).await
    }

    /// Whether values are printed for programs (JSON, or YAML: see
    /// [`crate::output::print_json`]) rather than as tables.
    pub fn json(&self) -> bool {
        matches!(self.output, Output::Json | Output::Yaml)
    }

    /// Whether tables get their extra columns (`-o wide`).
    pub fn wide(&self) -> bool {
        self.output == Output::Wide
    }

    /// What read-only commands say when no daemon runs.
    pub fn nothing_running(&self, empty_json: serde_json::Value) -> ExitCode {
        if self.json() {
            crate::output::print_json(&empty_json);
        } else {
            println!(
                "No flowctl daemon is running (socket {}): nothing is running.",
                self.socket.display()
            );
        }
        ExitCode::SUCCESS
    }
}

pub async fn dispatch(cli: Cli) -> Result<ExitCode> {
    let socket = flowctl_core::paths::socket_path(cli.socket.as_deref())?;
    crate::output::print_yaml_instead(cli.output == Output::Yaml);
    crate::deadline::set_timeout(cli.timeout);
    let namespace = cli.namespace.clone().or(cli.namespace_short.clone());
    let ctx = Ctx {
        output: cli.output,
        log_level: cli.log_level,
        socket,
        config: cli.config,
    };
    if let Some(access) = remote_access(&cli.command) {
        crate::remote::access::set(access);
    }
    match cli.command {
        Command::Run(args) => run::run(&ctx, args).await,
        Command::Attach { run } => run::attach(&ctx, &run).await,
        Command::Restart { run, component } => status::restart(&ctx, &run, component).await,
        Command::Validate { file, registry } => validate::validate(&ctx, &file, &registry),
        Command::Status(args) => status::status(&ctx, args).await,
        Command::List(args) => status::list(&ctx, args).await,
        Command::Logs(args) => logs::logs(&ctx, args).await,
        Command::Pipelines(args) => pipelines::pipelines(&ctx, args).await,
        Command::Processors(command) => processors::processors(&ctx, command).await,
        Command::Daemon(command) => daemon::daemon(&ctx, command).await,
        Command::Version => version::version(&ctx).await,
        Command::Server(_) => unreachable!("handled before the runtime starts"),
        Command::Service(command) => service::service(&ctx, command).await,
        Command::Completions(args) => completions::completions(&args),
        Command::Man(args) => completions::man(&args),
        Command::Dashboard(args) => dashboard::dashboard(&ctx, args).await,
        Command::Translate(args) => translate::translate(&args, namespace),
        Command::Init(args) => init::init(args).await,
        Command::Components(command) => components::components(&ctx, command).await,
    }
}

/// The TLS and token flags of a command that may query a control plane.
fn remote_access(command: &Command) -> Option<&crate::cli::RemoteAccess> {
    use crate::cli::ProcessorsCommand as P;
    match command {
        Command::Status(args) => Some(&args.plane.access),
        Command::Pipelines(args) => Some(&args.plane.access),
        Command::List(args) => Some(&args.access),
        Command::Processors(P::List { scope } | P::Find { scope, .. } | P::Show { scope, .. }) => {
            Some(&scope.access)
        }
        _ => None,
    }
}

/// A path as given, made absolute against the current directory.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
