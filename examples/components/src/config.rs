//! Reading the environment a component receives (COMPAT.md section 3).
//!
//! Every value is checked at start-up so that a typo fails at once with a
//! message naming the variable, instead of surfacing later as odd behaviour.

use std::net::{SocketAddr, ToSocketAddrs};
use std::time::Duration;

use crate::Error;

/// Heartbeat interval when `FLOWCTL_HEARTBEAT_INTERVAL` is unset, as in the Go SDK.
pub const DEFAULT_HEARTBEAT_INTERVAL: Duration = Duration::from_secs(10);

/// Settings every component shares, read from the environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The pipeline's id for this component, or a generated `<type>-<pid>`.
    pub component_id: String,
    /// Whether `component_id` came from the environment; only then is it sent
    /// as the registration key, so that the control plane can tell a
    /// generated id from the pipeline's.
    pub id_from_env: bool,
    /// `host:port` of the control plane, or `None` to run standalone.
    pub control_plane: Option<String>,
    /// How often to heartbeat once registered.
    pub heartbeat_interval: Duration,
    /// Where the data-plane server listens.
    pub listen: SocketAddr,
}

impl Settings {
    /// Reads the settings from the process environment; `kind` names the
    /// component type in a generated id (`source`, `processor`, `consumer`).
    pub fn from_env(kind: &str) -> Result<Self, Error> {
        Self::from_lookup(kind, env_var)
    }

    /// Reads the settings through `lookup`, so tests need no real environment.
    pub fn from_lookup(
        kind: &str,
        lookup: impl Fn(&str) -> Result<Option<String>, Error>,
    ) -> Result<Self, Error> {
        let from_env = match lookup("FLOWCTL_COMPONENT_ID")? {
            Some(id) => Some(id),
            None => lookup("COMPONENT_ID")?,
        };
        let id_from_env = from_env.is_some();
        let component_id = from_env.unwrap_or_else(|| format!("{kind}-{}", std::process::id()));

        let enabled = lookup("ENABLE_FLOWCTL")?.is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let control_plane = match lookup("FLOWCTL_ENDPOINT")? {
            Some(endpoint) if enabled => Some(
                parse_endpoint(&endpoint)
                    .map_err(|reason| Error::bad_env("FLOWCTL_ENDPOINT", &endpoint, reason))?,
            ),
            _ => None,
        };
        if enabled && control_plane.is_none() {
            crate::warn!("ENABLE_FLOWCTL=true but FLOWCTL_ENDPOINT is unset: running standalone");
        }

        let heartbeat_interval = match lookup("FLOWCTL_HEARTBEAT_INTERVAL")? {
            None => DEFAULT_HEARTBEAT_INTERVAL,
            Some(text) => match parse_duration(&text) {
                Ok(interval) if !interval.is_zero() => interval,
                Ok(_) => {
                    return Err(Error::bad_env(
                        "FLOWCTL_HEARTBEAT_INTERVAL",
                        &text,
                        "the interval must be longer than zero",
                    ));
                }
                Err(reason) => {
                    return Err(Error::bad_env("FLOWCTL_HEARTBEAT_INTERVAL", &text, reason));
                }
            },
        };

        let listen = match lookup("PORT")? {
            // Loopback by default: the orchestrator dials us on this host, and
            // nothing else needs to reach an example component.
            None => SocketAddr::from(([127, 0, 0, 1], 0)),
            Some(text) => {
                parse_listen_addr(&text).map_err(|reason| Error::bad_env("PORT", &text, reason))?
            }
        };

        Ok(Settings {
            component_id,
            id_from_env,
            control_plane,
            heartbeat_interval,
            listen,
        })
    }
}

/// The value of environment variable `name`, trimmed; `None` when unset or blank.
pub fn env_var(name: &str) -> Result<Option<String>, Error> {
    match std::env::var(name) {
        Ok(value) if value.trim().is_empty() => Ok(None),
        Ok(value) => Ok(Some(value.trim().to_owned())),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(raw)) => Err(Error::bad_env(
            name,
            &raw.to_string_lossy(),
            "the value is not valid UTF-8",
        )),
    }
}

/// Environment variable `name` as a whole number, `default` when unset.
pub fn env_u64(name: &str, default: u64) -> Result<u64, Error> {
    match env_var(name)? {
        None => Ok(default),
        Some(text) => text
            .parse()
            .map_err(|_| Error::bad_env(name, &text, "expected a whole number >= 0")),
    }
}

/// Parses a Go-style duration: `10s`, `500ms`, `1m30s`, `1.5s`, `0`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    const HINT: &str = "expected a duration such as 10s, 500ms or 1m30s";
    let text = text.trim();
    if text == "0" {
        return Ok(Duration::ZERO);
    }
    let mut rest = text;
    let mut nanos = 0f64;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let unit_len = rest[number_len..]
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len() - number_len);
        let (number, unit) = rest[..number_len + unit_len].split_at(number_len);
        let value: f64 = number.parse().map_err(|_| HINT.to_owned())?;
        let scale = match unit {
            "ns" => 1.0,
            "us" | "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return Err(HINT.to_owned()),
        };
        nanos += value * scale;
        rest = &rest[number_len + unit_len..];
    }
    if text.is_empty() || !nanos.is_finite() || nanos > u64::MAX as f64 {
        return Err(HINT.to_owned());
    }
    Ok(Duration::from_nanos(nanos.round() as u64))
}

/// Parses `PORT` the ways users write it: `:50051` (Go's form, all
/// interfaces, as the Go SDK listens), a bare `50051` (the same), or `host:port`.
pub fn parse_listen_addr(text: &str) -> Result<SocketAddr, String> {
    const HINT: &str = "expected a port such as 50051, :50051 or 127.0.0.1:50051";
    let text = text.trim();
    let port_only = text.strip_prefix(':').unwrap_or(text);
    if let Ok(port) = port_only.parse::<u16>() {
        return Ok(SocketAddr::from(([0, 0, 0, 0], port)));
    }
    let mut addrs = text.to_socket_addrs().map_err(|_| HINT.to_owned())?;
    addrs.next().ok_or_else(|| HINT.to_owned())
}

/// Checks a control-plane address (`host:port`, optionally `http://`-prefixed)
/// and returns it as `host:port`.
fn parse_endpoint(text: &str) -> Result<String, String> {
    const HINT: &str = "expected the control plane's host:port, such as 127.0.0.1:8080";
    let bare = text.strip_prefix("http://").unwrap_or(text);
    match bare.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok() => {
            Ok(bare.to_owned())
        }
        _ => Err(HINT.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_go_syntax() {
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        for bad in ["", "10", "s", "ten s", "10 s", "-1s", "1d"] {
            assert!(parse_duration(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn listen_addresses_in_every_form() {
        let all = |port| SocketAddr::from(([0, 0, 0, 0], port));
        assert_eq!(parse_listen_addr(":50051"), Ok(all(50051)));
        assert_eq!(parse_listen_addr("50051"), Ok(all(50051)));
        assert_eq!(
            parse_listen_addr("127.0.0.1:7000"),
            Ok(SocketAddr::from(([127, 0, 0, 1], 7000)))
        );
        assert!(parse_listen_addr("port").is_err());
        assert!(parse_listen_addr(":99999").is_err());
    }

    fn settings(vars: &[(&str, &str)]) -> Result<Settings, Error> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup("source", move |name| {
            Ok(vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
        })
    }

    #[test]
    fn standalone_unless_enabled_with_an_endpoint() {
        let s = settings(&[("FLOWCTL_ENDPOINT", "127.0.0.1:9")]).expect("valid");
        assert_eq!(s.control_plane, None);
        assert!(s.component_id.starts_with("source-"));
        assert!(!s.id_from_env);

        let s = settings(&[
            ("ENABLE_FLOWCTL", "true"),
            ("FLOWCTL_ENDPOINT", "127.0.0.1:9"),
            ("COMPONENT_ID", "fallback"),
            ("FLOWCTL_HEARTBEAT_INTERVAL", "250ms"),
        ])
        .expect("valid");
        assert_eq!(s.control_plane.as_deref(), Some("127.0.0.1:9"));
        assert_eq!(s.component_id, "fallback");
        assert_eq!(s.heartbeat_interval, Duration::from_millis(250));
    }

    #[test]
    fn bad_values_name_the_variable() {
        let err = settings(&[("FLOWCTL_HEARTBEAT_INTERVAL", "10")]).expect_err("rejected");
        assert!(
            err.to_string()
                .starts_with("FLOWCTL_HEARTBEAT_INTERVAL=\"10\"")
        );
        assert_eq!(err.exit_code(), 2);
        let err = settings(&[("ENABLE_FLOWCTL", "true"), ("FLOWCTL_ENDPOINT", "nowhere")]);
        assert!(err.is_err());
    }
}
