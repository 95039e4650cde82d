//! Flags of the older flowctl's operator commands (COMPAT.md section 5):
//! endpoint flags naming a control plane, `status`, `list`, `processors`
//! and `server`'s flags, and the one spelling clap cannot take as is.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use flowctl_core::DaemonArgs;

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
    #[command(flatten)]
    pub access: RemoteAccess,
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

/// How to reach a control plane secured with TLS or a token (`flowctld
/// --tls-cert/--tls-ca-cert/--token-file`).
#[derive(Debug, Args, Default, Clone)]
pub struct RemoteAccess {
    /// CA certificate (PEM) to verify the control plane's TLS certificate
    /// with; dials over TLS
    #[arg(long, global = true, value_name = "FILE")]
    pub tls_ca_cert: Option<PathBuf>,
    /// Client certificate (PEM) for a control plane that requires one (mTLS)
    #[arg(long, global = true, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// Private key (PEM) of --tls-cert
    #[arg(long, global = true, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// File holding the bearer token the control plane expects
    #[arg(long, global = true, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
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
    /// Seconds between refreshes with --watch [default: 5 for a control
    /// plane given by endpoint flags; locally, changes show as they happen
    /// unless this is given]
    #[arg(long, value_name = "N")]
    pub interval: Option<u64>,
    /// Also show components whose heartbeats stopped (false: only those
    /// registered HEALTHY or DEGRADED, and processes that never register)
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
    #[command(flatten)]
    pub access: RemoteAccess,
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
    #[command(flatten)]
    pub access: RemoteAccess,
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

/// The command line with the older flowctl's spellings that clap cannot
/// take: `--output` is also the global format flag, which a subcommand
/// cannot reuse, so `processors find --output TYPE` becomes
/// `--output-type TYPE` and `init -o/--output FILE` becomes
/// `--output-file FILE`.
pub fn compat_argv(args: impl IntoIterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = args.into_iter().collect();
    super::output_flag(&mut args);
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if let Some(init) = words.iter().position(|w| w == "init") {
        rename_output(&mut args, &words, init + 1, "--output-file", true);
        return args;
    }
    let Some(processors) = words.iter().position(|w| w == "processors") else {
        return args;
    };
    let Some(find) = words[processors..].iter().position(|w| w == "find") else {
        return args;
    };
    rename_output(
        &mut args,
        &words,
        processors + find + 1,
        "--output-type",
        false,
    );
    args
}

/// `--output` (and `-o` when `short`) from `from` on spelled `to`.
fn rename_output(
    args: &mut [std::ffi::OsString],
    words: &[String],
    from: usize,
    to: &str,
    short: bool,
) {
    for i in from..args.len() {
        let word = words[i].as_str();
        if word == "--" {
            break;
        }
        if word == "--output" || (short && word == "-o") {
            args[i] = to.into();
        } else if let Some(value) = word.strip_prefix("--output=") {
            args[i] = format!("{to}={value}").into();
        } else if let Some(value) = word.strip_prefix("-o").filter(|v| short && !v.is_empty()) {
            args[i] = format!("{to}={}", value.strip_prefix('=').unwrap_or(value)).into();
        }
    }
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

/// `flowctl server`: the daemon's flags (the older flowctl's TLS flags among them).
#[derive(Debug, Args)]
pub struct ServerArgs {
    #[command(flatten)]
    pub daemon: DaemonArgs,
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command, Output};

    fn parse(line: &str) -> Cli {
        let args = line.split_whitespace().map(std::ffi::OsString::from);
        Cli::try_parse_from(compat_argv(args)).unwrap()
    }

    /// `find --output TYPE` is the event type; `-o` stays the format.
    #[test]
    fn find_output_is_the_event_type() {
        let cli = parse("flowctl -o json processors find --output upper --metadata a=b=c");
        assert_eq!(cli.output, Output::Json);
        let Command::Processors(ProcessorsCommand::Find {
            output_type,
            metadata,
            ..
        }) = cli.command
        else {
            panic!("not find");
        };
        assert_eq!(output_type.as_deref(), Some("upper"));
        assert_eq!(metadata, vec![("a".to_owned(), "b=c".to_owned())]);
        let cli = parse("flowctl processors find --output=row -o yaml");
        assert_eq!(cli.output, Output::Yaml);
        // Elsewhere `--output` is the format.
        assert_eq!(parse("flowctl status --output wide").output, Output::Wide);
    }

    #[test]
    fn endpoint_flags_default_as_the_older_flowctl() {
        let plane = |address: Option<&str>, port: Option<u16>| PlaneArgs {
            control_plane_address: address.map(str::to_owned),
            control_plane_port: port,
            access: RemoteAccess::default(),
        };
        assert_eq!(plane(None, None).endpoint(), None);
        assert_eq!(plane(None, Some(9)).endpoint().unwrap(), "127.0.0.1:9");
        assert_eq!(plane(Some("h"), None).endpoint().unwrap(), "h:8080");
        assert_eq!(plane(Some("::1"), Some(7)).endpoint().unwrap(), "[::1]:7");
        assert!(parse_metadata("=v").is_err() && parse_metadata("k").is_err());
    }

    #[test]
    fn init_takes_the_older_output_file_flag() {
        let file = |line: &str| match parse(line).command {
            Command::Init(args) => args.output_file.unwrap().display().to_string(),
            other => panic!("{other:?}"),
        };
        assert_eq!(file("flowctl init -o a.yaml"), "a.yaml");
        assert_eq!(
            file("flowctl init --output b.yaml --preset testnet-duckdb"),
            "b.yaml"
        );
        assert_eq!(file("flowctl init --output=c.yaml"), "c.yaml");
        assert_eq!(file("flowctl init -od.yaml"), "d.yaml");
        assert_eq!(parse("flowctl -o json init -o e.yaml").output, Output::Json);
    }
}
