//! Reaching a control plane secured with TLS or a bearer token: the
//! `--tls-ca-cert`, `--tls-cert`, `--tls-key` and `--token-file` flags of the
//! remote commands, set once per command line by `commands::dispatch`.

use std::sync::OnceLock;

use anyhow::{Context, Result, anyhow};
use tonic::metadata::AsciiMetadataValue;
use tonic::service::Interceptor;
use tonic::transport::{Certificate, ClientTlsConfig, Endpoint, Identity};

use crate::cli::RemoteAccess;

/// The flags given on this command line.
static GIVEN: OnceLock<RemoteAccess> = OnceLock::new();

/// Remembers the command's access flags for every [`super::Plane`] it connects.
pub fn set(access: &RemoteAccess) {
    let _ = GIVEN.set(access.clone());
}

fn given() -> RemoteAccess {
    GIVEN.get().cloned().unwrap_or_default()
}

/// Whether the plane is dialled over TLS.
pub fn tls() -> bool {
    let access = given();
    access.tls_ca_cert.is_some() || access.tls_cert.is_some()
}

/// `endpoint` with the TLS settings of the flags, if any.
pub fn configure(endpoint: Endpoint) -> Result<Endpoint> {
    let access = given();
    if !tls() {
        return Ok(endpoint);
    }
    let read = |path: &std::path::Path, flag: &str| {
        std::fs::read(path).with_context(|| format!("cannot read {flag} {}", path.display()))
    };
    let mut config = ClientTlsConfig::new();
    if let Some(ca) = &access.tls_ca_cert {
        config = config.ca_certificate(Certificate::from_pem(read(ca, "--tls-ca-cert")?));
    }
    if let (Some(cert), Some(key)) = (&access.tls_cert, &access.tls_key) {
        config = config.identity(Identity::from_pem(
            read(cert, "--tls-cert")?,
            read(key, "--tls-key")?,
        ));
    }
    endpoint
        .tls_config(config)
        .map_err(|err| anyhow!("the TLS files given are unusable: {err}"))
}

/// Adds `authorization: Bearer <token>` to every request, when a token was given.
#[derive(Clone, Default)]
pub struct Bearer(Option<AsciiMetadataValue>);

impl Bearer {
    /// The token of `--token-file`, if given.
    pub fn from_flags() -> Result<Bearer> {
        let Some(path) = given().token_file else {
            return Ok(Bearer(None));
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read --token-file {}", path.display()))?;
        let token = text.trim();
        if token.is_empty() {
            return Err(anyhow!("--token-file {} is empty", path.display()));
        }
        let value = format!("Bearer {token}").parse().map_err(|_| {
            anyhow!(
                "--token-file {}: the token must be printable ASCII on one line",
                path.display()
            )
        })?;
        Ok(Bearer(Some(value)))
    }
}

impl Interceptor for Bearer {
    fn call(
        &mut self,
        mut request: tonic::Request<()>,
    ) -> Result<tonic::Request<()>, tonic::Status> {
        if let Some(value) = &self.0 {
            request
                .metadata_mut()
                .insert("authorization", value.clone());
        }
        Ok(request)
    }
}
