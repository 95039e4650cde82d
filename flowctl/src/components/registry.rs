//! The OCI distribution client (`oci-client`): anonymous token auth or the
//! user's Docker credentials, the manifest for this machine's platform, and
//! the registry's errors turned into [`PullError`]s.

use std::path::PathBuf;

use flowctl_core::reference::Reference;
use oci_client::client::{ClientConfig, ClientProtocol};
use oci_client::errors::OciDistributionError;
use oci_client::manifest::{OciDescriptor, OciImageManifest, OciManifest};
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, Reference as OciRef};

use super::{PullError, Settings};

/// One reference on its registry, with the credentials found for it.
pub struct Registry {
    client: Client,
    auth: RegistryAuth,
    image: OciRef,
    reference: Reference,
}

/// What a tag or digest resolved to.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The digest of the manifest the reference names (an index or an
    /// image manifest): a tag that moved has another one.
    pub digest: String,
    /// The image manifest for this platform, layers from the lowest.
    pub layers: Vec<OciDescriptor>,
}

/// The credentials file `docker login` writes to.
pub fn credentials_file() -> PathBuf {
    match std::env::var_os("DOCKER_CONFIG") {
        Some(dir) => PathBuf::from(dir).join("config.json"),
        None => std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default()
            .join(".docker/config.json"),
    }
}

/// This machine as OCI names it: `linux/amd64`.
pub fn platform() -> (String, String) {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        other => other,
    };
    (std::env::consts::OS.to_owned(), arch.to_owned())
}

impl Registry {
    /// A client for `reference`, plain HTTP only where [`Settings::plain_http`].
    pub fn new(reference: &Reference, settings: &Settings) -> Registry {
        // rustls with ring only (no aws-lc build); a second install is a no-op.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let protocol = if settings.plain_http(reference) {
            ClientProtocol::Http
        } else {
            ClientProtocol::Https
        };
        let client = Client::new(ClientConfig {
            protocol,
            connect_timeout: Some(std::time::Duration::from_secs(10)),
            read_timeout: Some(std::time::Duration::from_secs(60)),
            ..ClientConfig::default()
        });
        let image = match (&reference.tag, &reference.digest) {
            (Some(tag), Some(digest)) => OciRef::with_tag_and_digest(
                reference.registry.clone(),
                reference.repository.clone(),
                tag.clone(),
                digest.clone(),
            ),
            (_, Some(digest)) => OciRef::with_digest(
                reference.registry.clone(),
                reference.repository.clone(),
                digest.clone(),
            ),
            (tag, None) => OciRef::with_tag(
                reference.registry.clone(),
                reference.repository.clone(),
                tag.clone().unwrap_or_else(|| "latest".into()),
            ),
        };
        Registry {
            client,
            auth: auth_for(&reference.registry),
            image,
            reference: reference.clone(),
        }
    }

    /// The manifest digest the reference names now, without the layers.
    pub async fn digest(&self) -> Result<String, PullError> {
        self.client
            .fetch_manifest_digest(&self.image, &self.auth)
            .await
            .map_err(|e| self.error(e))
    }

    /// The reference's manifest, and from an index the one for this platform.
    pub async fn resolve(&self) -> Result<Resolved, PullError> {
        let (manifest, digest) = self
            .client
            .pull_manifest(&self.image, &self.auth)
            .await
            .map_err(|e| self.error(e))?;
        let image = match manifest {
            OciManifest::Image(image) => image,
            OciManifest::ImageIndex(index) => {
                let (os, arch) = platform();
                let mut available = Vec::new();
                let mut chosen = None;
                for entry in &index.manifests {
                    let Some(p) = &entry.platform else { continue };
                    let (o, a) = (p.os.to_string(), p.architecture.to_string());
                    if o == os && a == arch && chosen.is_none() {
                        chosen = Some(entry.digest.clone());
                    }
                    available.push(format!("{o}/{a}"));
                }
                let Some(chosen) = chosen else {
                    return Err(PullError::NoPlatform {
                        reference: self.reference.to_string(),
                        wanted: format!("{os}/{arch}"),
                        available,
                    });
                };
                self.platform_manifest(chosen).await?
            }
        };
        Ok(Resolved {
            digest,
            layers: image.layers,
        })
    }

    async fn platform_manifest(&self, digest: String) -> Result<OciImageManifest, PullError> {
        let image = self.image.clone_with_digest(digest);
        match self.client.pull_manifest(&image, &self.auth).await {
            Ok((OciManifest::Image(image), _)) => Ok(image),
            Ok((OciManifest::ImageIndex(_), _)) => Err(PullError::Other {
                reference: self.reference.to_string(),
                detail: "the index names another index for this platform; flowctl reads one level"
                    .into(),
            }),
            Err(err) => Err(self.error(err)),
        }
    }

    /// Writes blob `layer` to `out`; the client checks its digest as it
    /// streams (the caller installs nothing unless this succeeds).
    pub async fn blob(
        &self,
        layer: &OciDescriptor,
        out: impl tokio::io::AsyncWrite + Send,
    ) -> Result<(), PullError> {
        self.client
            .pull_blob(&self.image, layer, out)
            .await
            .map_err(|e| self.error(e))
    }

    /// The registry's answer as the user reads it.
    fn error(&self, err: OciDistributionError) -> PullError {
        let reference = self.reference.to_string();
        let registry = self.reference.registry.clone();
        let text = err.to_string();
        let lower = text.to_lowercase();
        let says = |words: &[&str]| words.iter().any(|w| lower.contains(w));
        match err {
            OciDistributionError::ImageManifestNotFoundError(_) => PullError::NotFound {
                reference,
                registry,
            },
            OciDistributionError::UnauthorizedError { .. }
            | OciDistributionError::AuthenticationFailure(_) => PullError::Unauthorized {
                reference,
                registry,
                credentials: credentials_file(),
            },
            OciDistributionError::ServerError { code: 401, .. } => PullError::Unauthorized {
                reference,
                registry,
                credentials: credentials_file(),
            },
            OciDistributionError::ServerError { code: 404, .. } => PullError::NotFound {
                reference,
                registry,
            },
            OciDistributionError::RegistryError { .. }
                if says(&[
                    "manifest unknown",
                    "manifest_unknown",
                    "name unknown",
                    "name_unknown",
                ]) =>
            {
                PullError::NotFound {
                    reference,
                    registry,
                }
            }
            OciDistributionError::RegistryError { .. } if says(&["unauthorized"]) => {
                PullError::Unauthorized {
                    reference,
                    registry,
                    credentials: credentials_file(),
                }
            }
            OciDistributionError::DigestError(e) => PullError::DigestMismatch {
                reference,
                digest: String::new(),
                detail: e.to_string(),
            },
            OciDistributionError::RequestError(e) if e.is_connect() || e.is_timeout() => {
                PullError::Unreachable {
                    reference,
                    registry,
                    detail: source_chain(&e),
                }
            }
            _ => PullError::Other {
                reference,
                detail: text,
            },
        }
    }
}

/// The innermost cause: "Connection refused (os error 111)".
fn source_chain(err: &dyn std::error::Error) -> String {
    let mut err = err;
    while let Some(source) = err.source() {
        err = source;
    }
    err.to_string()
}

/// The user's credentials for `registry` from Docker's `config.json`
/// (`auths`, `credsStore`, `credHelpers`), else anonymous.
fn auth_for(registry: &str) -> RegistryAuth {
    let server = if registry == "docker.io" {
        "https://index.docker.io/v1/"
    } else {
        registry
    };
    match docker_credential::get_credential(server) {
        Ok(docker_credential::DockerCredential::UsernamePassword(user, password)) => {
            RegistryAuth::Basic(user, password)
        }
        Ok(docker_credential::DockerCredential::IdentityToken(token)) => {
            RegistryAuth::Bearer(token)
        }
        Err(_) => RegistryAuth::Anonymous,
    }
}
