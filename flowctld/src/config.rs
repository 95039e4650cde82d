//! The daemon's settings: built-in defaults, then `config.toml`, then flags.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::error::{Error, Result};
use flowctl_core::paths;
use flowctl_core::spec::duration::{format_duration, parse_duration};
pub use flowctl_core::{DaemonArgs, LogFormat};

/// `config.toml`: the same keys as the flags, in snake_case, and the size
/// limits of the daemon's own log. The socket is not among them: the client
/// must find it without reading daemon config.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    log_level: Option<String>,
    log_format: Option<LogFormat>,
    control_plane_address: Option<String>,
    control_plane_port: Option<u16>,
    heartbeat_ttl: Option<String>,
    janitor_interval: Option<String>,
    db_path: Option<PathBuf>,
    persistence: Option<bool>,
    keep_runs: Option<usize>,
    daemon_log_max_bytes: Option<u64>,
    daemon_log_keep: Option<usize>,
    cgroups: Option<bool>,
    control_plane_allow_root: Option<bool>,
    pipeline: Option<PathBuf>,
    no_spawn: Option<bool>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    tls_ca_cert: Option<PathBuf>,
    token_file: Option<PathBuf>,
    insecure: Option<bool>,
    metrics_address: Option<String>,
    metrics_allow_remote: Option<bool>,
    /// `[components]`: where the client pulls components by reference
    /// from; the daemon only runs what the client resolved.
    #[allow(dead_code)]
    components: Option<toml::Value>,
}

/// The daemon's resolved settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub socket: PathBuf,
    pub state_dir: PathBuf,
    pub log_level: String,
    pub log_format: LogFormat,
    /// Where the daemon's own log goes, when the client started it.
    pub log_file: Option<PathBuf>,
    /// The daemon's log is rotated when the next line would take it past
    /// this size (`daemon_log_max_bytes`).
    pub daemon_log_max_bytes: u64,
    /// Daemon log files kept, the current one included (`daemon_log_keep`).
    pub daemon_log_keep: usize,
    pub control_plane_address: String,
    pub control_plane_port: u16,
    pub heartbeat_ttl: Duration,
    pub janitor_interval: Duration,
    /// The database file; `None` keeps everything in memory.
    pub db_path: Option<PathBuf>,
    /// Ended runs kept per pipeline (older ones and their logs are pruned).
    pub keep_runs: usize,
    /// The `flowctld` executable to run as this daemon's guard (see
    /// [`crate::guard`]); none when the daemon runs inside another program.
    pub guard_binary: Option<PathBuf>,
    /// Whether to contain components with cgroup v2 where the system offers
    /// it (`--no-cgroups`, `cgroups = false` turn it off).
    pub cgroups: bool,
    /// Admit root on the control plane besides the daemon's own user
    /// (`control_plane_allow_root`, off by default).
    pub control_plane_allow_root: bool,
    /// A pipeline file started as a run when the daemon starts (`--pipeline`).
    pub pipeline: Option<PathBuf>,
    /// That run's components are started by something else: the daemon
    /// runs its control plane, relay and record only (`--no-spawn`).
    pub no_spawn: bool,
    /// TLS, token and `--insecure` of the control plane.
    pub security: crate::tls::Security,
    /// Where to serve Prometheus `/metrics` (`--metrics-address`,
    /// `metrics_address`); `None` serves none. Checked by
    /// [`crate::metrics::check_address`].
    pub metrics_address: Option<std::net::SocketAddr>,
}

/// How long a component stays healthy without a heartbeat.
const DEFAULT_HEARTBEAT_TTL: Duration = Duration::from_secs(30);
/// How often the daemon records that it is alive.
const DEFAULT_JANITOR_INTERVAL: Duration = Duration::from_secs(10);
/// Ended runs kept per pipeline.
const DEFAULT_KEEP_RUNS: usize = 50;

impl Config {
    /// Settings of a daemon confined to `state_dir` and `socket`: no
    /// database (as `--no-persistence`), no guard process, a control plane on
    /// a free loopback port, defaults otherwise. For tests and embedding.
    pub fn confined_to(state_dir: &Path, socket: &Path) -> Config {
        Config {
            socket: socket.to_path_buf(),
            state_dir: state_dir.to_path_buf(),
            log_level: "info".into(),
            log_format: LogFormat::Text,
            log_file: None,
            daemon_log_max_bytes: crate::logs::DEFAULT_MAX_BYTES,
            daemon_log_keep: crate::logs::DEFAULT_KEEP,
            control_plane_address: "127.0.0.1".into(),
            control_plane_port: 0,
            heartbeat_ttl: DEFAULT_HEARTBEAT_TTL,
            janitor_interval: DEFAULT_JANITOR_INTERVAL,
            db_path: None,
            keep_runs: DEFAULT_KEEP_RUNS,
            guard_binary: None,
            // The embedding program's cgroup is not ours to divide.
            cgroups: false,
            control_plane_allow_root: false,
            pipeline: None,
            no_spawn: false,
            security: crate::tls::Security::default(),
            metrics_address: None,
        }
    }

    /// The log filter `log_level` names (checked by [`Config::resolve`]).
    pub fn log_filter(&self) -> tracing_subscriber::filter::Targets {
        self.log_level.parse().unwrap_or_default()
    }

    /// Resolves defaults, then the config file (the `--config` one must
    /// exist; the default one may not), then the flags.
    pub fn resolve(
        args: &DaemonArgs,
        socket: Option<&Path>,
        log_level: Option<&str>,
    ) -> Result<Config> {
        let file = load_file(args.config.as_deref())?;
        let config_path = args.config.clone().unwrap_or_else(|| {
            paths::config_file().unwrap_or_else(|_| PathBuf::from("config.toml"))
        });
        let duration = |key: &str, value: Option<&String>, default: Duration| -> Result<Duration> {
            match value {
                None => Ok(default),
                Some(text) => parse_duration(text).map_err(|message| Error::Config {
                    path: config_path.clone(),
                    message: format!("{key}: {message}"),
                }),
            }
        };
        let heartbeat_ttl = match args.heartbeat_ttl {
            Some(ttl) => ttl,
            None => duration(
                "heartbeat_ttl",
                file.heartbeat_ttl.as_ref(),
                DEFAULT_HEARTBEAT_TTL,
            )?,
        };
        let janitor_interval = match args.janitor_interval {
            Some(interval) => interval,
            None => duration(
                "janitor_interval",
                file.janitor_interval.as_ref(),
                DEFAULT_JANITOR_INTERVAL,
            )?,
        };
        if heartbeat_ttl.is_zero() || janitor_interval.is_zero() {
            return Err(Error::InvalidArgument(
                "--heartbeat-ttl and --janitor-interval must be greater than zero".into(),
            ));
        }
        let socket = paths::socket_path(socket)?;
        let state_dir = paths::state_dir()?;
        let persistence = !args.no_persistence && file.persistence.unwrap_or(true);
        let db_path = persistence.then(|| {
            args.db_path
                .clone()
                .or(file.db_path.clone())
                .unwrap_or_else(|| state_dir.join("flowctl.redb"))
        });
        let metrics_address = metrics_address(args, &file, &config_path)?;
        Ok(Config {
            metrics_address,
            socket,
            db_path: db_path.map(|p| std::path::absolute(&p).unwrap_or(p)),
            keep_runs: file.keep_runs.unwrap_or(DEFAULT_KEEP_RUNS).max(1),
            state_dir,
            log_level: checked_log_level(
                log_level
                    .map(str::to_owned)
                    .or(file.log_level)
                    .unwrap_or_else(|| "info".into()),
            )?,
            log_format: args.log_format.or(file.log_format).unwrap_or_default(),
            log_file: args.log_file.clone(),
            daemon_log_max_bytes: file
                .daemon_log_max_bytes
                .unwrap_or(crate::logs::DEFAULT_MAX_BYTES)
                .max(1),
            daemon_log_keep: file
                .daemon_log_keep
                .unwrap_or(crate::logs::DEFAULT_KEEP)
                .max(1),
            control_plane_address: args
                .control_plane_address
                .clone()
                .or(file.control_plane_address)
                .unwrap_or_else(|| "127.0.0.1".into()),
            control_plane_port: args
                .control_plane_port
                .or(file.control_plane_port)
                .unwrap_or(0),
            heartbeat_ttl,
            janitor_interval,
            guard_binary: None,
            cgroups: !args.no_cgroups && file.cgroups.unwrap_or(true),
            control_plane_allow_root: file.control_plane_allow_root.unwrap_or(false),
            no_spawn: args.no_spawn || file.no_spawn.unwrap_or(false),
            pipeline: args.pipeline.clone().or(file.pipeline).map(absolute),
            security: security(
                args,
                file.tls_cert,
                file.tls_key,
                file.tls_ca_cert,
                file.token_file,
                file.insecure,
                &config_path,
            )?,
        })
        .and_then(Config::checked)
    }

    /// Refuses settings that contradict each other.
    fn checked(self) -> Result<Config> {
        if self.no_spawn && self.pipeline.is_none() {
            return Err(Error::InvalidArgument(
                "--no-spawn (no_spawn) runs the control plane of one pipeline: give it with \
                 --pipeline FILE (or `pipeline` in config.toml)"
                    .into(),
            ));
        }
        Ok(self)
    }

    /// The TTL as users write it, e.g. `30s`.
    pub fn heartbeat_ttl_text(&self) -> String {
        format_duration(self.heartbeat_ttl)
    }
}

/// A path made absolute against the current directory.
fn absolute(path: PathBuf) -> PathBuf {
    std::path::absolute(&path).unwrap_or(path)
}

/// The control plane's security: flags over `config.toml`; a certificate
/// needs its key (and a CA needs both).
fn security(
    args: &DaemonArgs,
    cert: Option<PathBuf>,
    key: Option<PathBuf>,
    ca: Option<PathBuf>,
    token_file: Option<PathBuf>,
    insecure: Option<bool>,
    config_path: &Path,
) -> Result<crate::tls::Security> {
    let cert = args.tls_cert.clone().or(cert).map(absolute);
    let key = args.tls_key.clone().or(key).map(absolute);
    let ca = args.tls_ca_cert.clone().or(ca).map(absolute);
    let tls = match (cert, key) {
        (Some(cert), Some(key)) => Some(crate::tls::TlsFiles { cert, key, ca }),
        (None, None) if ca.is_none() => None,
        _ => {
            return Err(Error::Config {
                path: config_path.to_path_buf(),
                message: "TLS needs both a certificate and its key: give --tls-cert and \
                          --tls-key (tls_cert, tls_key) together, and --tls-ca-cert only with them"
                    .into(),
            });
        }
    };
    Ok(crate::tls::Security {
        tls,
        token_file: args.token_file.clone().or(token_file).map(absolute),
        insecure: args.insecure || insecure.unwrap_or(false),
    })
}

/// `--metrics-address`, else `metrics_address` from the file, refused on a
/// non-loopback address unless allowed.
fn metrics_address(
    args: &DaemonArgs,
    file: &FileConfig,
    config_path: &Path,
) -> Result<Option<std::net::SocketAddr>> {
    let address = match (args.metrics_address, &file.metrics_address) {
        (Some(address), _) => Some(address),
        (None, Some(text)) => Some(text.parse().map_err(|_| Error::Config {
            path: config_path.to_path_buf(),
            message: format!(
                "metrics_address: '{text}' is not ADDR:PORT (e.g. \"127.0.0.1:9464\", \"[::1]:9464\")"
            ),
        })?),
        (None, None) => None,
    };
    let allow_remote = args.metrics_allow_remote || file.metrics_allow_remote.unwrap_or(false);
    if let Some(address) = address {
        crate::metrics::check_address(address, allow_remote)?;
    }
    Ok(address)
}

fn load_file(explicit: Option<&Path>) -> Result<FileConfig> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => match paths::config_file() {
            Ok(path) if path.exists() => path,
            _ => return Ok(FileConfig::default()),
        },
    };
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
        action: "read config file",
        path: path.clone(),
        source,
    })?;
    toml::from_str(&text).map_err(|err| Error::Config {
        path,
        message: err.to_string().trim_end().to_owned(),
    })
}

/// A log level (`error`, `warn`, `info`, `debug`, `trace`, `off`) or
/// directives such as `flowctld=debug,h2=warn`, refused with what to write
/// instead when it is neither.
fn checked_log_level(text: String) -> Result<String> {
    use tracing_subscriber::filter::{LevelFilter, Targets};
    // A bare word would be taken as a target to log alone: `verbose` would
    // silence everything else, so a word without `=` must be a level.
    let parsed = text
        .split(',')
        .filter(|part| !part.contains('='))
        .try_for_each(|part| {
            part.trim()
                .parse::<LevelFilter>()
                .map(drop)
                .map_err(|e| e.to_string())
        })
        .and_then(|()| text.parse::<Targets>().map(drop).map_err(|e| e.to_string()));
    match parsed {
        Ok(()) => Ok(text),
        Err(err) => Err(Error::InvalidArgument(format!(
            "log level '{text}' ({err}): give error, warn, info, debug, trace or off, or \
             directives such as 'flowctld=debug,h2=warn' (--log-level or log_level in config.toml)"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_level_is_a_level_or_directives_and_anything_else_says_what_to_give() {
        for good in ["info", "debug", "flowctld=debug,h2=warn", "off"] {
            assert!(checked_log_level(good.into()).is_ok(), "{good}");
        }
        let err = checked_log_level("loud".into()).unwrap_err().to_string();
        assert!(
            err.contains("'loud'") && err.contains("--log-level"),
            "{err}"
        );
    }

    #[test]
    fn file_keys_apply_and_flags_win() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("config.toml");
        std::fs::write(
            &path,
            "heartbeat_ttl = \"5s\"\ncontrol_plane_port = 4000\n\
             daemon_log_max_bytes = 4096\ndaemon_log_keep = 2\ncgroups = false\n\
             control_plane_allow_root = true\n",
        )
        .unwrap();
        let args = DaemonArgs {
            config: Some(path),
            control_plane_port: Some(5000),
            ..DaemonArgs::default()
        };
        let config = Config::resolve(&args, None, None).unwrap();
        assert_eq!(config.heartbeat_ttl, Duration::from_secs(5));
        assert_eq!(config.control_plane_port, 5000);
        assert_eq!(config.janitor_interval, Duration::from_secs(10));
        assert_eq!(
            (config.daemon_log_max_bytes, config.daemon_log_keep),
            (4096, 2)
        );
        assert!(!config.cgroups);
        assert!(config.control_plane_allow_root);
    }

    #[test]
    fn unknown_key_names_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("config.toml");
        std::fs::write(&path, "heartbeat_tl = \"5s\"\n").unwrap();
        let args = DaemonArgs {
            config: Some(path.clone()),
            ..DaemonArgs::default()
        };
        let err = Config::resolve(&args, None, None).unwrap_err().to_string();
        assert!(
            err.contains("config.toml") && err.contains("heartbeat_tl"),
            "{err}"
        );
    }
}
