//! The control-plane listener of the components the daemon starts itself.
//!
//! Those components run on this machine as the daemon's user, so on a
//! plain loopback listener the kernel names their uid (`peer`) and they
//! need no secret. When the control plane others reach is not such a
//! listener (TLS, or bound off loopback), the daemon opens a second one on
//! `127.0.0.1`, port chosen free, serving the same services without TLS,
//! and hands its address to its components as `FLOWCTL_ENDPOINT`. It
//! admits only the daemon's user (`Admission::for_own_components`), so
//! nothing that others face is weakened, and no token or key is put into
//! an environment, a command line or a file for the components' sake.
//!
//! Components that something else starts (`--no-spawn`, a translated
//! stack) keep registering on the control plane proper, with a token or a
//! certificate.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use tokio::net::TcpListener;

use crate::error::{Error, Result};
use crate::tls::Security;

/// Whether components started by the daemon need a listener of their own
/// beside a control plane on `address` secured by `security`.
pub fn needed(security: &Security, address: IpAddr) -> bool {
    security.tls.is_some() || !address.is_loopback()
}

/// Binds the components' listener on a free loopback port when `needed`
/// (IPv4, else IPv6 on a host without 127.0.0.1).
pub fn bind(security: &Security, address: IpAddr) -> Result<Option<TcpListener>> {
    if !needed(security, address) {
        return Ok(None);
    }
    let v4 = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let listener = std::net::TcpListener::bind(v4)
        .or_else(|_| std::net::TcpListener::bind(SocketAddr::from((Ipv6Addr::LOCALHOST, 0))))
        .and_then(|listener| {
            listener.set_nonblocking(true)?;
            TcpListener::from_std(listener)
        })
        .map_err(|source| Error::Listen {
            address: format!("{v4} (the listener of the daemon's own components)"),
            source,
        })?;
    Ok(Some(listener))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::TlsFiles;

    #[test]
    fn only_a_plain_loopback_plane_serves_the_daemons_components_itself() {
        let plain = Security::default();
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        let any: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(!needed(&plain, loopback));
        assert!(!needed(&plain, "::1".parse().unwrap()));
        assert!(needed(&plain, any));
        let tls = Security {
            tls: Some(TlsFiles {
                cert: "/c".into(),
                key: "/k".into(),
                ca: None,
            }),
            ..Security::default()
        };
        assert!(needed(&tls, loopback));
    }

    #[tokio::test]
    async fn the_listener_is_on_loopback() {
        let listener = bind(&Security::default(), "0.0.0.0".parse().unwrap())
            .unwrap()
            .expect("a listener for a plane off loopback");
        assert!(listener.local_addr().unwrap().ip().is_loopback());
    }
}
