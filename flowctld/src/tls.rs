//! Securing a control plane that other machines reach: TLS (with a CA,
//! mutual TLS), a bearer token, and the rule that a non-loopback address is
//! bound only when one of them (or `--insecure`) is given.
//!
//! Who is admitted then is decided per request by [`crate::peer::Admission`]:
//! a verified client certificate (the TLS handshake already refused anyone
//! without one when a CA is configured), a valid `authorization: Bearer`
//! token, every caller under `--insecure`, and otherwise the caller's uid on
//! this machine, as on loopback.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use subtle::ConstantTimeEq;
use tonic::transport::{Certificate, Identity, Server, ServerTlsConfig};

use crate::error::{Error, Result};

/// The TLS files of the control plane (`--tls-cert`, `--tls-key`,
/// `--tls-ca-cert`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// The certificate (chain) the control plane presents, PEM.
    pub cert: PathBuf,
    /// Its private key, PEM.
    pub key: PathBuf,
    /// The CA client certificates must be signed by; with it every caller
    /// needs a certificate (mTLS).
    pub ca: Option<PathBuf>,
}

/// How the control plane is secured, as configured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Security {
    /// TLS on the control plane.
    pub tls: Option<TlsFiles>,
    /// The file holding the bearer token callers may present.
    pub token_file: Option<PathBuf>,
    /// Bind a non-loopback address without either, admitting every caller.
    pub insecure: bool,
}

/// A bearer token, compared in constant time.
#[derive(Clone)]
pub struct Token(Arc<[u8]>);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(..)")
    }
}

impl Token {
    /// The token in `path`: its content without surrounding whitespace,
    /// which must not be empty.
    pub fn read(path: &Path) -> Result<Token> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            action: "read the token file (--token-file)",
            path: path.to_path_buf(),
            source,
        })?;
        let token = text.trim();
        if token.is_empty() {
            return Err(Error::InvalidArgument(format!(
                "the token file {} (--token-file) is empty: write the token callers must \
                 present into it",
                path.display()
            )));
        }
        Ok(Token(token.as_bytes().into()))
    }

    /// Whether an `authorization` header value is `Bearer <this token>`
    /// (the comparison of the token takes the same time wherever it differs).
    pub fn accepts(&self, header: &[u8]) -> bool {
        let Some(given) = header
            .strip_prefix(b"Bearer ")
            .or_else(|| header.strip_prefix(b"bearer "))
        else {
            return false;
        };
        bool::from(given.ct_eq(&self.0))
    }
}

impl Security {
    /// Refuses to listen on a non-loopback `address` with neither TLS nor
    /// a token, unless `--insecure` says so; and with TLS alone, without a
    /// CA to verify callers by or a token (off loopback, the caller's uid
    /// admits nobody: `peer`), which would admit no one.
    pub fn check_exposure(&self, address: IpAddr) -> Result<()> {
        if address.is_loopback() || self.insecure || self.token_file.is_some() {
            return Ok(());
        }
        if let Some(files) = &self.tls {
            if files.ca.is_some() {
                return Ok(());
            }
            return Err(Error::InvalidArgument(format!(
                "refusing to listen on {address} with --tls-cert alone: TLS without \
                 --tls-ca-cert encrypts but identifies no caller, so no component from \
                 elsewhere could be admitted. Add --tls-ca-cert (client certificates) or \
                 --token-file FILE, or --insecure if the network is trusted"
            )));
        }
        Err(Error::InvalidArgument(format!(
            "refusing to listen on {address}: a control plane on a non-loopback address \
             would let anyone who reaches it register components and receive the run's \
             events. Give --tls-cert and --tls-key (with --tls-ca-cert to require client \
             certificates), or --token-file FILE, or --insecure if the network is trusted \
             (or listen on 127.0.0.1)"
        )))
    }

    /// The token callers may present, read from its file.
    pub fn token(&self) -> Result<Option<Token>> {
        self.token_file.as_deref().map(Token::read).transpose()
    }

    /// The server's TLS settings, read and checked now, so that a bad file
    /// stops the daemon at startup with its name.
    pub fn server_tls(&self) -> Result<Option<ServerTlsConfig>> {
        let Some(files) = &self.tls else {
            return Ok(None);
        };
        let read = |path: &Path, what: &'static str| {
            std::fs::read(path).map_err(|source| Error::Io {
                action: what,
                path: path.to_path_buf(),
                source,
            })
        };
        let cert = read(&files.cert, "read the TLS certificate (--tls-cert)")?;
        let key = read(&files.key, "read the TLS key (--tls-key)")?;
        let mut config = ServerTlsConfig::new().identity(Identity::from_pem(cert, key));
        if let Some(ca) = &files.ca {
            let ca = read(ca, "read the CA certificate (--tls-ca-cert)")?;
            config = config.client_ca_root(Certificate::from_pem(ca));
        }
        // Building the server's TLS parses the files: fail here, not on
        // the first connection.
        Server::builder()
            .tls_config(config.clone())
            .map_err(|err| {
                Error::InvalidArgument(format!(
                    "the control plane's TLS files ({}, {}{}) are unusable: {}; give PEM files \
                     of a certificate, its private key{}",
                    files.cert.display(),
                    files.key.display(),
                    files
                        .ca
                        .as_ref()
                        .map(|ca| format!(", {}", ca.display()))
                        .unwrap_or_default(),
                    error_chain(&err),
                    if files.ca.is_some() { " and a CA" } else { "" },
                ))
            })?;
        Ok(Some(config))
    }
}

/// An error and its causes, "a: b".
fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut next = err.source();
    while let Some(cause) = next {
        parts.push(cause.to_string());
        next = cause.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_accepted_only_whole_and_as_bearer() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("token");
        std::fs::write(&path, "s3cret\n").unwrap();
        let token = Token::read(&path).unwrap();
        assert!(token.accepts(b"Bearer s3cret"));
        assert!(!token.accepts(b"Bearer s3cre"));
        assert!(!token.accepts(b"Bearer s3cret2"));
        assert!(!token.accepts(b"s3cret"));
        std::fs::write(&path, " \n").unwrap();
        let empty = Token::read(&path).unwrap_err().to_string();
        assert!(empty.contains("is empty"), "{empty}");
    }

    #[test]
    fn a_non_loopback_address_needs_tls_a_token_or_insecure() {
        let open = Security::default();
        assert!(open.check_exposure("127.0.0.1".parse().unwrap()).is_ok());
        assert!(open.check_exposure("::1".parse().unwrap()).is_ok());
        let refused = open
            .check_exposure("0.0.0.0".parse().unwrap())
            .unwrap_err()
            .to_string();
        assert!(
            refused.contains("--tls-cert") && refused.contains("--insecure"),
            "{refused}"
        );
        let insecure = Security {
            insecure: true,
            ..Security::default()
        };
        assert!(insecure.check_exposure("0.0.0.0".parse().unwrap()).is_ok());
        let token = Security {
            token_file: Some("/t".into()),
            ..Security::default()
        };
        assert!(token.check_exposure("10.0.0.1".parse().unwrap()).is_ok());
        let tls = |ca: Option<&str>| Security {
            tls: Some(TlsFiles {
                cert: "/c".into(),
                key: "/k".into(),
                ca: ca.map(Into::into),
            }),
            ..Security::default()
        };
        assert!(
            tls(Some("/ca"))
                .check_exposure("0.0.0.0".parse().unwrap())
                .is_ok()
        );
        assert!(
            tls(None)
                .check_exposure("127.0.0.1".parse().unwrap())
                .is_ok()
        );
        let alone = tls(None)
            .check_exposure("0.0.0.0".parse().unwrap())
            .unwrap_err()
            .to_string();
        assert!(alone.contains("--tls-ca-cert"), "{alone}");
    }
}
