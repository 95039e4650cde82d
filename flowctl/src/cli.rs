//! The command line, as clap definitions. Commands users of the older Go
//! flowctl type keep their names and flags (COMPAT.md section 5): the
//! endpoint flags of its read-only commands, and its global flags that did
//! nothing, which are accepted and ignored so that scripts keep working.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use flowctl_core::DaemonArgs;

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

    /// Kept for compatibility with the older flowctl: accepted, does nothing
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

    #[command(subcommand)]
    pub command: Command,
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
    /// Versions of this client and of the running daemon
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
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Pipeline file
    #[arg(default_value = "flow.yml")]
    pub file: PathBuf,

    /// Print the run id and return; the run lives until stopped
    #[arg(long, short)]
    pub detach: bool,

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

/// The control plane a command queries, as the older flowctl's
/// `--control-plane-address`/`--control-plane-port` named it. Given neither,
/// the command asks the local daemon.
#[derive(Debug, Args, Default, Clone)]
pub struct PlaneArgs {
    /// Query the control plane at this address instead of the local daemon [default: 127.0.0.1]
    #[arg(long, global = true, value_name = "ADDR")]
    pub control_plane_address: Option<String>,
    /// Query the control plane on this port instead of the local daemon [default: 8080]
    #[arg(long, global = true, value_name = "PORT")]
    pub control_plane_port: Option<u16>,
}

impl PlaneArgs {
    /// `host:port` of the control plane named, if any flag names one.
    pub fn endpoint(&self) -> Option<String> {
        if self.control_plane_address.is_none() && self.control_plane_port.is_none() {
            return None;
        }
        let address = self.control_plane_address.as_deref().unwrap_or("127.0.0.1");
        Some(join_host_port(
            address,
            self.control_plane_port.unwrap_or(8080),
        ))
    }
}

/// `host:port`, with IPv6 addresses in brackets.
pub fn join_host_port(host: &str, port: u16) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// A run id or unique prefix (local daemon only)
    pub run: Option<String>,
    /// Refresh until interrupted
    #[arg(long, short)]
    pub watch: bool,
    /// Seconds between refreshes of a control plane given by endpoint flags
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub interval: u64,
    /// Also show components whose heartbeats stopped
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1,
          default_missing_value = "true", value_name = "BOOL")]
    pub include_unhealthy: bool,
    /// The control plane as `host:port` (instead of the two flags)
    #[arg(long, value_name = "HOST:PORT", conflicts_with_all = ["control_plane_address", "control_plane_port"])]
    pub control_plane_addr: Option<String>,
    #[command(flatten)]
    pub plane: PlaneArgs,
}

impl StatusArgs {
    /// `host:port` of the control plane named, if any flag names one.
    pub fn endpoint(&self) -> Option<String> {
        self.control_plane_addr
            .clone()
            .or_else(|| self.plane.endpoint())
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Query the control plane at `host:port` instead of the local daemon [default: localhost:8080]
    #[arg(short, long, value_name = "HOST:PORT")]
    pub endpoint: Option<String>,
    /// Wait (bounded) until the control plane answers
    #[arg(long)]
    pub wait: bool,
    /// Print a table (the default unless -o says otherwise)
    #[arg(short, long)]
    pub table: bool,
}

/// Where `flowctl processors` looks, and what it includes.
#[derive(Debug, Args, Clone)]
pub struct ProcessorsScope {
    /// Query the control plane at `host:port` instead of the local daemon's
    #[arg(short, long, value_name = "HOST:PORT")]
    pub endpoint: Option<String>,
    /// Also show processors whose heartbeats stopped
    #[arg(long, default_value_t = false, action = clap::ArgAction::Set, num_args = 0..=1,
          default_missing_value = "true", value_name = "BOOL")]
    pub include_unhealthy: bool,
}

#[derive(Debug, Subcommand)]
pub enum ProcessorsCommand {
    /// Every registered processor
    List {
        #[command(flatten)]
        scope: ProcessorsScope,
    },
    /// Processors matching every filter given
    Find {
        #[command(flatten)]
        scope: ProcessorsScope,
        /// Consumes this event type
        #[arg(long, value_name = "TYPE")]
        input: Option<String>,
        /// Produces this event type (`--output TYPE` after `find`, as the
        /// older flowctl spelled it, means this too)
        #[arg(long = "output-type", value_name = "TYPE")]
        output_type: Option<String>,
        /// Has this metadata entry (repeatable; all must match)
        #[arg(long, value_name = "KEY=VALUE", value_parser = parse_metadata)]
        metadata: Vec<(String, String)>,
    },
    /// One registered component: info, health, heartbeat, metrics
    Show {
        #[command(flatten)]
        scope: ProcessorsScope,
        /// The component's service id
        id: String,
    },
}

/// The command line with the older flowctl's `processors find --output TYPE`
/// spelled `--output-type TYPE`: `--output` is also the global format flag,
/// which clap cannot let a subcommand reuse.
pub fn compat_argv(args: impl IntoIterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = args.into_iter().collect();
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let Some(processors) = words.iter().position(|w| w == "processors") else {
        return args;
    };
    let Some(find) = words[processors..].iter().position(|w| w == "find") else {
        return args;
    };
    for i in processors + find + 1..args.len() {
        if words[i] == "--" {
            break;
        }
        if words[i] == "--output" {
            args[i] = "--output-type".into();
        } else if let Some(value) = words[i].strip_prefix("--output=") {
            args[i] = format!("--output-type={value}").into();
        }
    }
    args
}

/// `k=v` of `--metadata`.
fn parse_metadata(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!(
            "'{text}' is not KEY=VALUE: write the filter as --metadata key=value"
        )),
    }
}

/// `flowctl server`: the daemon's flags, and the older flowctl's TLS flags.
#[derive(Debug, Args)]
pub struct ServerArgs {
    #[command(flatten)]
    pub daemon: DaemonArgs,
    /// TLS certificate of the control plane (not supported yet: an error)
    #[arg(long, value_name = "FILE")]
    pub tls_cert: Option<PathBuf>,
    /// TLS key of the control plane (not supported yet: an error)
    #[arg(long, value_name = "FILE")]
    pub tls_key: Option<PathBuf>,
    /// CA certificate for client certificates (not supported yet: an error)
    #[arg(long, value_name = "FILE")]
    pub tls_ca_cert: Option<PathBuf>,
}
