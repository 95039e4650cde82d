//! How a component proves itself to a control plane that is not on its
//! loopback (`flowctld --tls-... / --token-file`), from its environment:
//!
//! - `FLOWCTL_TLS_CA`: a PEM file of the CA that signed the control plane's
//!   certificate; setting it (or a client certificate) dials over TLS;
//! - `FLOWCTL_TLS_CERT` and `FLOWCTL_TLS_KEY`: the component's own
//!   certificate and key (PEM), for a plane that requires them (mTLS);
//! - `FLOWCTL_TLS_SERVER_NAME`: the name to verify the plane's certificate
//!   against, when it differs from the host of `FLOWCTL_ENDPOINT`;
//! - `FLOWCTL_TOKEN`, or `FLOWCTL_TOKEN_FILE` naming a file holding it: sent
//!   as `authorization: Bearer <token>` with every request.

use tonic::metadata::{AsciiMetadataValue, MetadataValue};
use tonic::transport::{Certificate, ClientTlsConfig, Identity};

use crate::Error;
use crate::config::env_var;

/// TLS and token settings for the control-plane connection.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// TLS settings; `None` dials in plain text.
    pub tls: Option<ClientTlsConfig>,
    /// The `authorization` header value, `Bearer <token>`.
    pub bearer: Option<AsciiMetadataValue>,
}

impl Access {
    /// Reads the settings from the environment; a named file that cannot be
    /// read, or a lone certificate without its key, is an error naming the variable.
    pub fn from_env() -> Result<Access, Error> {
        let read = |var: &'static str| -> Result<Option<Vec<u8>>, Error> {
            let Some(path) = env_var(var)? else {
                return Ok(None);
            };
            std::fs::read(&path)
                .map(Some)
                .map_err(|source| Error::OpenFile { var, path, source })
        };
        let ca = read("FLOWCTL_TLS_CA")?;
        let cert = read("FLOWCTL_TLS_CERT")?;
        let key = read("FLOWCTL_TLS_KEY")?;
        let tls = match (ca, cert, key) {
            (None, None, None) => None,
            (ca, cert, key) => {
                let mut tls = ClientTlsConfig::new();
                if let Some(ca) = ca {
                    tls = tls.ca_certificate(Certificate::from_pem(ca));
                }
                match (cert, key) {
                    (Some(cert), Some(key)) => tls = tls.identity(Identity::from_pem(cert, key)),
                    (None, None) => {}
                    _ => {
                        return Err(Error::bad_env(
                            "FLOWCTL_TLS_CERT",
                            "",
                            "a client certificate needs its key: set FLOWCTL_TLS_CERT and \
                             FLOWCTL_TLS_KEY together",
                        ));
                    }
                }
                if let Some(name) = env_var("FLOWCTL_TLS_SERVER_NAME")? {
                    tls = tls.domain_name(name);
                }
                Some(tls)
            }
        };
        let token = match env_var("FLOWCTL_TOKEN")? {
            Some(token) => Some(token),
            None => read("FLOWCTL_TOKEN_FILE")?
                .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned()),
        };
        let bearer = match token {
            None => None,
            Some(token) => Some(MetadataValue::try_from(format!("Bearer {token}")).map_err(
                |_| {
                    Error::bad_env(
                        "FLOWCTL_TOKEN",
                        "(hidden)",
                        "the token must be printable ASCII without line breaks",
                    )
                },
            )?),
        };
        Ok(Access { tls, bearer })
    }

    /// The URL scheme to dial with.
    pub fn scheme(&self) -> &'static str {
        if self.tls.is_some() { "https" } else { "http" }
    }

    /// `message` as a request carrying the token, if any.
    pub fn request<T>(&self, message: T) -> tonic::Request<T> {
        let mut request = tonic::Request::new(message);
        if let Some(bearer) = &self.bearer {
            request
                .metadata_mut()
                .insert("authorization", bearer.clone());
        }
        request
    }
}
