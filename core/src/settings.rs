//! The daemon's settings as flags: one definition, parsed by `flowctld`, by
//! the hidden `flowctl server`, and by the commands that start a daemon
//! (`flowctl run`, `flowctl daemon start|restart`), which forward what they
//! were given with [`DaemonArgs::to_args`].

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

use crate::spec::duration::{format_duration, parse_duration};

/// How the daemon formats its own log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Daemon flags, shared by `flowctld`, the hidden `flowctl server` and the
/// daemon-starting part of `flowctl run`. Every flag is optional so that an
/// unset one falls through to `config.toml` and then to the default.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DaemonArgs {
    /// Config file [default: $XDG_CONFIG_HOME/flowctl/config.toml]. Not a
    /// flag of this group: `flowctld` and `flowctl` each parse one global
    /// `--config` and set it here, so that `flowctl --config FILE` reaches
    /// the daemon it starts from any command.
    #[arg(skip)]
    pub config: Option<PathBuf>,

    /// Address of the control-plane listener components register with
    #[arg(long, visible_alias = "address", value_name = "ADDR")]
    pub control_plane_address: Option<String>,

    /// Port of the control-plane listener (0 picks a free port)
    #[arg(long, visible_alias = "port", value_name = "PORT")]
    pub control_plane_port: Option<u16>,

    /// How long a component stays healthy without a heartbeat [default: 30s]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub heartbeat_ttl: Option<Duration>,

    /// How often the daemon records that it is alive (heartbeats expire at their own deadline) [default: 10s]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub janitor_interval: Option<Duration>,

    /// Format of the daemon's own log
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub log_format: Option<LogFormat>,

    /// Database file of runs and registrations [default: <state dir>/flowctl.redb]
    #[arg(long, value_name = "FILE", conflicts_with = "no_persistence")]
    pub db_path: Option<PathBuf>,

    /// Keep runs and registrations in memory only: no database file
    #[arg(long)]
    pub no_persistence: bool,

    /// Contain components with process groups only, even where cgroup v2 is
    /// available (`cgroups = false` in config.toml)
    #[arg(long)]
    pub no_cgroups: bool,

    /// File the daemon's log goes to (set by the client that starts it)
    #[arg(long, value_name = "FILE", hide = true)]
    pub log_file: Option<PathBuf>,

    /// Start this pipeline file as a run when the daemon starts
    #[arg(long, value_name = "FILE")]
    pub pipeline: Option<PathBuf>,

    /// Run --pipeline's control plane, relay and record only: something
    /// else (Kubernetes, Compose, systemd...) starts its components, which
    /// register over TCP with FLOWCTL_COMPONENT_ID set to their id
    #[arg(long, requires = "pipeline")]
    pub no_spawn: bool,

    /// TLS certificate (PEM) the control plane presents
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// Private key (PEM) of --tls-cert
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// CA certificate (PEM) client certificates must be signed by: with it,
    /// every control-plane caller needs one (mTLS)
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_ca_cert: Option<PathBuf>,

    /// File holding the bearer token control-plane callers may present
    /// (`authorization: Bearer <token>`) instead of being this user on this machine
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,

    /// Listen on a non-loopback control-plane address without TLS or a
    /// token, admitting every caller (a network you trust)
    #[arg(long)]
    pub insecure: bool,
    /// Serve Prometheus metrics at http://ADDR:PORT/metrics (loopback
    /// only, unless --metrics-allow-remote; port 0 picks a free one)
    #[arg(long, value_name = "ADDR:PORT")]
    pub metrics_address: Option<SocketAddr>,

    /// Allow --metrics-address on a non-loopback address: the metrics name
    /// your pipelines, runs and components, and are served without
    /// authentication to anyone who can reach the port
    #[arg(long)]
    pub metrics_allow_remote: bool,
}

impl DaemonArgs {
    /// The same settings as `flowctld` flags, for a daemon this process
    /// starts: parsing them back gives these settings (relative paths are
    /// made absolute, since the daemon runs elsewhere).
    pub fn to_args(&self) -> Vec<String> {
        let mut args = Vec::new();
        let mut path = |flag: &str, path: &Option<PathBuf>| {
            if let Some(path) = path {
                let path = std::path::absolute(path).unwrap_or_else(|_| path.clone());
                args.extend([flag.to_owned(), path.display().to_string()]);
            }
        };
        path("--config", &self.config);
        path("--db-path", &self.db_path);
        path("--log-file", &self.log_file);
        path("--pipeline", &self.pipeline);
        path("--tls-cert", &self.tls_cert);
        path("--tls-key", &self.tls_key);
        path("--tls-ca-cert", &self.tls_ca_cert);
        path("--token-file", &self.token_file);
        if let Some(address) = &self.control_plane_address {
            args.extend(["--control-plane-address".into(), address.clone()]);
        }
        if let Some(port) = self.control_plane_port {
            args.extend(["--control-plane-port".into(), port.to_string()]);
        }
        if let Some(ttl) = self.heartbeat_ttl {
            args.extend(["--heartbeat-ttl".into(), format_duration(ttl)]);
        }
        if let Some(interval) = self.janitor_interval {
            args.extend(["--janitor-interval".into(), format_duration(interval)]);
        }
        if let Some(format) = self.log_format {
            let name = match format {
                LogFormat::Text => "text",
                LogFormat::Json => "json",
            };
            args.extend(["--log-format".into(), name.into()]);
        }
        if self.no_persistence {
            args.push("--no-persistence".into());
        }
        if self.no_cgroups {
            args.push("--no-cgroups".into());
        }
        if self.no_spawn {
            args.push("--no-spawn".into());
        }
        if self.insecure {
            args.push("--insecure".into());
        }
        if let Some(address) = self.metrics_address {
            args.extend(["--metrics-address".into(), address.to_string()]);
        }
        if self.metrics_allow_remote {
            args.push("--metrics-allow-remote".into());
        }
        args
    }

    /// Whether any setting was given (a running daemon would ignore them).
    pub fn any(&self) -> bool {
        !self.to_args().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    /// As `flowctld` parses its flags: the group and the global `--config`.
    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        daemon: DaemonArgs,
        #[arg(long)]
        config: Option<PathBuf>,
    }

    fn parse(args: &[String]) -> DaemonArgs {
        let cli = Cli::try_parse_from(
            std::iter::once("flowctld".to_string()).chain(args.iter().cloned()),
        )
        .unwrap();
        DaemonArgs {
            config: cli.config,
            ..cli.daemon
        }
    }

    /// Every flag survives being forwarded: what a daemon started by the
    /// client parses is what the client was given.
    #[test]
    fn every_flag_round_trips() {
        let given = DaemonArgs {
            config: Some("/etc/flowctl.toml".into()),
            control_plane_address: Some("::1".into()),
            control_plane_port: Some(8080),
            heartbeat_ttl: Some(Duration::from_millis(1500)),
            janitor_interval: Some(Duration::from_secs(2)),
            log_format: Some(LogFormat::Json),
            db_path: None,
            no_persistence: true,
            no_cgroups: true,
            log_file: Some("/tmp/d.log".into()),
            pipeline: Some("/srv/chain.yaml".into()),
            no_spawn: true,
            tls_cert: Some("/etc/tls/cert.pem".into()),
            tls_key: Some("/etc/tls/key.pem".into()),
            tls_ca_cert: Some("/etc/tls/ca.pem".into()),
            token_file: Some("/etc/tls/token".into()),
            insecure: true,
            metrics_address: Some("[::1]:9464".parse().unwrap()),
            metrics_allow_remote: true,
        };
        let back = parse(&given.to_args());
        assert_eq!(format!("{back:?}"), format!("{given:?}"));
        let with_db = DaemonArgs {
            db_path: Some("/var/x.redb".into()),
            no_persistence: false,
            ..DaemonArgs::default()
        };
        assert_eq!(
            format!("{:?}", parse(&with_db.to_args())),
            format!("{with_db:?}")
        );
        assert!(!DaemonArgs::default().any());
    }
}
