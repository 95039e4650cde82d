//! Prometheus metrics: `/metrics` in the Prometheus text format (0.0.4, as
//! `promtool check metrics` reads it) on an HTTP listener of its own,
//! enabled by `--metrics-address` (`metrics_address` in `config.toml`).
//!
//! The run, component and edge series are computed at each scrape from the
//! daemon's current state, so an ended run's series are gone with it and a
//! long-lived daemon's label set stays bounded by what runs now.
//!
//! Layout:
//! - this file: the address check and binding;
//! - `serve`: the HTTP/1.1 listener (hyper), `/metrics` and nothing else;
//! - `collect`: the scrape-time collector over runs, supervisor views,
//!   relay counters, the registry and `/proc/self`;
//! - `counters`: what nothing else counts (restarts by reason, time from
//!   spawn to ready), bumped by the supervisor.

mod collect;
mod counters;
mod serve;

use std::net::SocketAddr;

use tokio::net::TcpListener;

pub use counters::{Counters, RestartReason};
pub(crate) use serve::serve;

use crate::error::{Error, Result};

/// Refuses a non-loopback `address` unless `allow_remote`: the metrics name
/// every pipeline, run and component, and are served without
/// authentication to anyone who can reach the port.
pub fn check_address(address: SocketAddr, allow_remote: bool) -> Result<()> {
    if address.ip().is_loopback() || allow_remote {
        return Ok(());
    }
    Err(Error::InvalidArgument(format!(
        "--metrics-address {address} is not a loopback address: /metrics names your \
         pipelines, runs and components and has no authentication, so anyone who can \
         reach the port would read them. Use 127.0.0.1:PORT or [::1]:PORT (scrape \
         through a tunnel or a local Prometheus), or allow it with \
         --metrics-allow-remote (metrics_allow_remote = true in config.toml)"
    )))
}

/// Binds the metrics listener; a busy port is named in the error.
pub fn bind(address: SocketAddr) -> Result<TcpListener> {
    let listener = std::net::TcpListener::bind(address).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AddrInUse {
            Error::MetricsAddressInUse(address)
        } else {
            Error::Listen {
                address: address.to_string(),
                source,
            }
        }
    })?;
    listener
        .set_nonblocking(true)
        .and_then(|()| TcpListener::from_std(listener))
        .map_err(|source| Error::Listen {
            address: address.to_string(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_unless_allowed() {
        for ok in ["127.0.0.1:9464", "127.0.0.2:1", "[::1]:9464"] {
            assert!(check_address(ok.parse().unwrap(), false).is_ok(), "{ok}");
        }
        let remote: SocketAddr = "0.0.0.0:9464".parse().unwrap();
        let err = check_address(remote, false).unwrap_err().to_string();
        assert!(
            err.contains("0.0.0.0:9464") && err.contains("--metrics-allow-remote"),
            "{err}"
        );
        assert!(check_address(remote, true).is_ok());
    }

    #[test]
    fn a_busy_port_is_named() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = taken.local_addr().unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .unwrap();
        let _entered = runtime.enter();
        let err = bind(address).unwrap_err().to_string();
        assert!(err.contains(&address.to_string()), "{err}");
    }
}
