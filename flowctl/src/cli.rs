//! The command line, as clap definitions. Commands users of the older Go
//! flowctl type keep their names and flags (COMPAT.md section 5): the
//! endpoint flags of its read-only commands, and its global flags that did
//! nothing, which are accepted and ignored so that scripts keep working.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use flowctl_core::DaemonArgs;

mod operator;
mod translate;

pub use operator::{
    ListArgs, PlaneArgs, ProcessorsCommand, ProcessorsScope, RemoteAccess, ServerArgs, StatusArgs,
    compat_argv, join_host_port,
};
pub use translate::{TranslateArgs, output_flag};

/// Run data pipelines as supervised local processes.
#[derive(Debug, Parser)]
#[command(name = "flowctl", version, about, propagate_version = true)]
pub struct Cli {
    /// Output format of listings (`wide`: a table with more columns)
    #[arg(short, long, global = true, value_enum, default_value_t = Output::Table)]
    pub output: Output,

    /// Config file of a daemon this command starts (the keys of config.toml)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Kept for compatibility with the older flowctl: accepted, does nothing
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,

    /// Kept for compatibility with the older flowctl (also `-n NAME` before
    /// the command): accepted, does nothing, except in `translate`: the
    /// Kubernetes or Nomad namespace
    #[arg(long, global = true, value_name = "NAME")]
    pub namespace: Option<String>,

    /// `-n NAME` before the command: the older flowctl's `--namespace`, kept
    /// for compatibility (after a command, `-n` is that command's own flag)
    #[arg(short = 'n', value_name = "NAME", hide = true)]
    pub namespace_short: Option<String>,

    /// Kept for compatibility with the older flowctl: accepted, does nothing
    #[arg(short, long, global = true)]
    pub yes: bool,

    /// Log level of a daemon this command starts
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<String>,

    /// The daemon's Unix socket [env: FLOWCTL_SOCKET]
    #[arg(long, global = true, value_name = "PATH")]
    pub socket: Option<PathBuf>,

    /// How long the daemon may take to answer a request (0: no limit);
    /// streams are bounded only until their first answer
    #[arg(
        long,
        global = true,
        value_name = "DURATION",
        env = flowctl_core::env::TIMEOUT,
        default_value = "5s",
        value_parser = parse_timeout
    )]
    pub timeout: Duration,

    #[command(subcommand)]
    pub command: Command,
}

/// A `--timeout` value: `5s`, `500ms`, `1m`, or `0` for no limit.
fn parse_timeout(text: &str) -> Result<Duration, String> {
    flowctl_core::spec::parse_duration(text)
}

/// How listings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    Table,
    Json,
    Yaml,
    /// A table with extra columns (endpoint, event types, metrics)
    Wide,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a pipeline: start its components and show them live
    Run(RunArgs),
    /// Check a pipeline file and show its start order
    Validate {
        /// Pipeline file
        #[arg(default_value = "flow.yml")]
        file: PathBuf,
        #[command(flatten)]
        registry: crate::components::RegistryArgs,
    },
    /// Components of the active runs (or of one run) and their health
    Status(StatusArgs),
    /// Registered services (components) of the control plane
    List(ListArgs),
    /// Component logs of a run
    Logs(LogsArgs),
    /// Follow a detached run as `flowctl run` shows it
    Attach {
        /// A run id or unique prefix
        run: String,
    },
    /// Restart a component of an active run by hand (all components without one)
    Restart {
        /// A run id or unique prefix
        run: String,
        /// The component's id in the pipeline file
        component: Option<String>,
    },
    /// Pipelines and their runs
    Pipelines(PipelinesArgs),
    /// Processors registered with the control plane, found by event types
    /// and metadata
    #[command(subcommand)]
    Processors(ProcessorsCommand),
    /// Start, stop and inspect the daemon
    #[command(subcommand)]
    Daemon(DaemonCommand),
    /// Versions of this client (commit, build date, target, Rust) and of
    /// the running daemon
    Version,
    /// Run the daemon in the foreground (what `flowctld` does)
    #[command(hide = true)]
    Server(ServerArgs),
    /// Install flowctld as a systemd or launchd service, or remove it
    #[command(subcommand)]
    Service(ServiceCommand),
    /// Print a shell completion script (or write all of them with --dir)
    Completions(CompletionsArgs),
    /// Print the manual page (or write one per command with --dir)
    Man(ManArgs),
    /// A full-screen view of the runs, their pipelines and components
    Dashboard(DashboardArgs),
    /// Write the pipeline as Kubernetes (or `podman kube play`), Compose,
    /// systemd or Nomad files, with flowctld as their control plane
    Translate(TranslateArgs),
    /// Write a starter Stellar pipeline (asks on a terminal; see --preset)
    Init(crate::commands::init::InitArgs),
    /// Components by reference (`type: name@version`, `image:`): pull,
    /// list and remove cached ones
    Components(ComponentsArgs),
}

/// `flowctl components`: where references point, and what to do.
#[derive(Debug, Args)]
pub struct ComponentsArgs {
    #[command(flatten)]
    pub registry: crate::components::RegistryArgs,
    #[command(subcommand)]
    pub command: ComponentsCommand,
}

/// `flowctl components ...`: the per-user cache of pulled components.
#[derive(Debug, Subcommand)]
pub enum ComponentsCommand {
    /// Pull references into the cache (`name@version`, `org/name@version`,
    /// `registry/org/name:tag`, `...@sha256:...`)
    Pull {
        #[arg(required = true, value_name = "REF")]
        references: Vec<String>,
        /// Ask the registry even for cached references (a moved tag is
        /// fetched again)
        #[arg(long)]
        always: bool,
        /// The executable to take from each image, as a pipeline's `image:`
        /// with `type`/`id` NAME does: NAME under /app, /bin, /usr/bin,
        /// /usr/local/bin, or an absolute path in the image [default: the
        /// published places /component, /bin/component, /app/component]
        #[arg(long, value_name = "NAME")]
        exec: Option<String>,
    },
    /// Cached components: reference, digest, size, last used
    List,
    /// Remove a cached component
    Rm {
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// Remove components not used for a while, and what killed pulls left
    Prune {
        /// Remove those not used for this long [default: 30d; 0: all]
        #[arg(long, value_name = "DURATION", value_parser = parse_timeout)]
        older_than: Option<Duration>,
    },
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Pipeline file
    #[arg(default_value = "flow.yml")]
    pub file: PathBuf,

    /// Print the run id and return; the run lives until stopped
    #[arg(long, short)]
    pub detach: bool,

    /// Like --detach, but return only once every component is ready (or
    /// fail with the reason); the run lives until stopped
    #[arg(long)]
    pub wait: bool,

    /// With --wait: give up waiting after this long (the run goes on)
    /// [default: as long as the components' start timeouts allow]
    #[arg(long, value_name = "DURATION", value_parser = parse_timeout, requires = "wait")]
    pub wait_timeout: Option<Duration>,

    /// Show component progress and a status line (false: only logs)
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub show_status: bool,

    /// Also write component logs to this directory
    #[arg(long, value_name = "DIR")]
    pub log_dir: Option<PathBuf>,

    /// How components are run (only `process` is supported)
    #[arg(long, value_enum, default_value_t = Orchestrator::Process)]
    pub orchestrator: Orchestrator,

    /// Components register with the control plane already running at
    /// --control-plane-address:--control-plane-port (default
    /// 127.0.0.1:8080) instead of the local daemon's; the local daemon still
    /// supervises their processes
    #[arg(long)]
    pub use_external_control_plane: bool,

    /// When components named by reference are fetched: `missing` (not
    /// cached), `always` (ask the registry, so a moved tag is noticed) or
    /// `never` (the cache only)
    #[arg(long, value_enum, default_value_t = crate::components::PullPolicy::Missing, value_name = "POLICY")]
    pub pull: crate::components::PullPolicy,

    #[command(flatten)]
    pub registry: crate::components::RegistryArgs,

    /// Settings of a daemon this command starts
    #[command(
        flatten,
        next_help_heading = "Daemon settings (for a daemon this command starts)"
    )]
    pub daemon: DaemonArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Orchestrator {
    Process,
    Container,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// A run id or unique prefix (default: the newest run)
    pub run: Option<String>,
    /// Only this component
    #[arg(short, long, value_name = "COMPONENT")]
    pub component: Option<String>,
    /// Keep following new lines until the run ends
    #[arg(short, long)]
    pub follow: bool,
    /// Last N lines per component (0: all)
    #[arg(short = 'n', long, default_value_t = 200, value_name = "N")]
    pub lines: u32,
}

/// `flowctl pipelines`: a control plane (by default the local daemon's)
/// and what to do there.
#[derive(Debug, Args)]
pub struct PipelinesArgs {
    #[command(flatten)]
    pub plane: PlaneArgs,
    #[command(subcommand)]
    pub command: PipelinesCommand,
}

#[derive(Debug, Subcommand)]
pub enum PipelinesCommand {
    /// Runs of every pipeline, newest first
    List,
    /// Runs of one pipeline
    Runs {
        /// Pipeline name (metadata.name)
        name: String,
        /// At most N runs, newest first (a negative N: all)
        #[arg(
            long,
            default_value_t = 10,
            value_name = "N",
            allow_negative_numbers = true
        )]
        limit: i32,
    },
    /// Runs that are starting, running or stopping
    Active,
    /// One run: its status and components
    RunInfo {
        /// A run id or unique prefix
        run: String,
    },
    /// Stop a run gracefully
    Stop {
        /// A run id or unique prefix
        run: String,
    },
    /// Run a recorded run again as a new run (same file text, environment
    /// and directory)
    Restart {
        /// A run id or unique prefix
        run: String,
        /// Return once started instead of showing it
        #[arg(long, short)]
        detach: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DaemonCommand {
    /// Start the daemon in the background (no-op if one runs)
    Start(DaemonStartArgs),
    /// Stop the daemon and everything it runs
    Stop {
        /// Start the active runs again (same ids) when the daemon next starts
        #[arg(long)]
        resume_runs: bool,
    },
    /// Pid, uptime, socket, control-plane endpoint and versions
    Status,
    /// Stop the daemon and start it again with its active runs (the upgrade
    /// path: install the new binaries, then `flowctl daemon restart`)
    Restart(DaemonStartArgs),
    /// The daemon's own log
    Logs {
        /// Last N lines
        #[arg(short = 'n', long, default_value_t = 100)]
        lines: usize,
    },
}

#[derive(Debug, Args, Default)]
pub struct DaemonStartArgs {
    #[command(flatten)]
    pub daemon: DaemonArgs,
}

#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Write the unit files (or launchd agent) that run flowctld, and say
    /// how to start them
    Install(ServiceChangeArgs),
    /// Remove what `install` wrote
    Uninstall(ServiceChangeArgs),
    /// Whether the service is installed, enabled and running
    Status(ServiceScopeArgs),
}

/// Which service: the manager and whose it is.
#[derive(Debug, Args)]
pub struct ServiceScopeArgs {
    /// A service of your user, running while you are logged in (the default)
    #[arg(long, conflicts_with = "system")]
    pub user: bool,
    /// A system service (systemd), running from boot as your account; needs root
    #[arg(long)]
    pub system: bool,
    /// The service manager to write for [default: systemd on Linux, launchd on macOS]
    #[arg(long, value_enum, value_name = "MANAGER")]
    pub manager: Option<ServiceManager>,
}

#[derive(Debug, Args)]
pub struct ServiceChangeArgs {
    #[command(flatten)]
    pub scope: ServiceScopeArgs,
    /// Print the files and commands, and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Replace (or remove) files that differ from what flowctl writes
    #[arg(long)]
    pub force: bool,
    /// Also run the systemctl/launchctl commands: enable and start, or stop
    /// and disable
    #[arg(long)]
    pub now: bool,
}

/// A service manager `flowctl service` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ServiceManager {
    Systemd,
    Launchd,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print the completion script of
    #[arg(value_enum, required_unless_present = "dir")]
    pub shell: Option<clap_complete::Shell>,
    /// Write the script of every shell (or of SHELL) into DIR instead
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write flowctl.1 and one page per subcommand into DIR instead
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `flowctl dashboard`: the local daemon, or the control plane the older
/// CLI's flags name.
#[derive(Debug, Args)]
pub struct DashboardArgs {
    #[command(flatten)]
    pub plane: PlaneArgs,
    /// How often a control plane named by the flags is asked again (the
    /// local daemon's view follows its streams instead)
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = parse_refresh)]
    pub refresh_interval: Duration,
}

/// A `--refresh-interval`: `1s`, `500ms`, `2m` (not zero).
fn parse_refresh(text: &str) -> Result<Duration, String> {
    match flowctl_core::spec::parse_duration(text)? {
        zero if zero.is_zero() => Err("the refresh interval must be more than 0 (e.g. 1s)".into()),
        every => Ok(every),
    }
}
