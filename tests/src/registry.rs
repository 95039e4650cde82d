//! A real OCI registry for the tests: Debian's `docker-registry` (the
//! reference Distribution registry) on 127.0.0.1 with a free port, a temp
//! storage dir and a generated config; and small images built here (tar
//! layers, an OCI config, a manifest or a multi-platform index) pushed to it
//! with `oci-client`.

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use oci_client::client::{ClientConfig, ClientProtocol, Config, ImageLayer};
use oci_client::manifest::OciImageIndex;
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, Reference};

/// A running registry; dropping it stops it (by pid).
pub struct Registry {
    pub dir: tempfile::TempDir,
    pub port: u16,
    child: Option<Child>,
}

/// A free loopback port (nothing listens there once this returns).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

impl Registry {
    /// Starts a registry; with `auth`, one that answers 401 to requests
    /// without credentials (the registry's `silly` auth).
    pub fn start(auth: bool) -> Registry {
        let dir = tempfile::Builder::new()
            .prefix("freg")
            .tempdir_in("/tmp")
            .expect("temp dir");
        let port = free_port();
        let mut config = format!(
            "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {}\n  \
             delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n",
            dir.path().join("storage").display()
        );
        if auth {
            config.push_str(&format!(
                "auth:\n  silly:\n    realm: http://127.0.0.1:{port}/token\n    service: test\n"
            ));
        }
        let config_path = dir.path().join("config.yml");
        std::fs::write(&config_path, config).unwrap();
        let log = std::fs::File::create(dir.path().join("registry.log")).unwrap();
        let child = Command::new("docker-registry")
            .args(["serve", &config_path.display().to_string()])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("docker-registry starts");
        let registry = Registry {
            dir,
            port,
            child: Some(child),
        };
        let up = crate::wait_until(crate::PATIENCE, || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        assert!(up, "docker-registry did not listen on 127.0.0.1:{port}");
        registry
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Stops the registry (it stays stopped).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            crate::kill(child.id() as i32, 9);
            let _ = child.wait();
        }
    }

    /// Pushes an image of `layers` (tar bytes, gzipped when they start so)
    /// as `repo:tag`; returns its manifest digest.
    pub fn push(&self, repo: &str, tag: &str, layers: Vec<Vec<u8>>) -> String {
        let reference = self.reference(repo, tag);
        let layers: Vec<ImageLayer> = layers
            .into_iter()
            .map(|data| {
                if data.starts_with(&[0x1f, 0x8b]) {
                    ImageLayer::oci_v1_gzip(data, None)
                } else {
                    ImageLayer::oci_v1(data, None)
                }
            })
            .collect();
        let config = Config::oci_v1(
            br#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#
                .to_vec(),
            None,
        );
        block_on(async {
            let client = client();
            let auth = RegistryAuth::Anonymous;
            client
                .push(&reference, &layers, config, &auth, None)
                .await
                .expect("push");
            client
                .fetch_manifest_digest(&reference, &auth)
                .await
                .expect("digest")
        })
    }

    /// Pushes an index of already pushed manifests (`(os, arch, digest)`)
    /// as `repo:tag`; returns the index's digest.
    pub fn push_index(&self, repo: &str, tag: &str, entries: &[(&str, &str, &str)]) -> String {
        let reference = self.reference(repo, tag);
        block_on(async {
            let client = client();
            let auth = RegistryAuth::Anonymous;
            let mut manifests = Vec::new();
            for (os, arch, digest) in entries {
                let image = self.reference(repo, digest);
                let (bytes, _) = client
                    .pull_manifest_raw(
                        &Reference::with_digest(
                            image.registry().into(),
                            repo.into(),
                            (*digest).into(),
                        ),
                        &auth,
                        &[oci_client::manifest::OCI_IMAGE_MEDIA_TYPE],
                    )
                    .await
                    .expect("manifest");
                manifests.push(serde_json::json!({
                    "mediaType": oci_client::manifest::OCI_IMAGE_MEDIA_TYPE,
                    "digest": digest, "size": bytes.len(),
                    "platform": {"os": os, "architecture": arch},
                }));
            }
            let index: OciImageIndex = serde_json::from_value(serde_json::json!({
                "schemaVersion": 2,
                "mediaType": oci_client::manifest::OCI_IMAGE_INDEX_MEDIA_TYPE,
                "manifests": manifests,
            }))
            .unwrap();
            client
                .push_manifest_list(&reference, &auth, index)
                .await
                .expect("push index");
            client
                .fetch_manifest_digest(&reference, &auth)
                .await
                .expect("digest")
        })
    }

    /// The file the registry keeps blob `digest` in (to corrupt it).
    pub fn blob_file(&self, digest: &str) -> PathBuf {
        let hex = digest.trim_start_matches("sha256:");
        self.dir
            .path()
            .join("storage/docker/registry/v2/blobs/sha256")
            .join(&hex[..2])
            .join(hex)
            .join("data")
    }

    fn reference(&self, repo: &str, tag: &str) -> Reference {
        Reference::with_tag(self.addr(), repo.into(), tag.into())
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        self.stop();
    }
}

fn client() -> Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    Client::new(ClientConfig {
        protocol: ClientProtocol::Http,
        ..ClientConfig::default()
    })
}

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// The sha256 digest of `data`, as `sha256:<hex>`.
pub fn digest_of(data: &[u8]) -> String {
    use sha2::Digest;
    let hash = sha2::Sha256::digest(data);
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// An entry of a test layer.
pub enum Entry<'a> {
    /// A regular file (mode 0755) with these bytes.
    File(&'a str, Vec<u8>),
    /// A symlink to a target.
    Link(&'a str, &'a str),
}

/// A tar layer of `entries`, names written as given (even `../x`, which
/// the `tar` crate's own path setter refuses), gzipped when `gzip`.
pub fn layer(entries: &[Entry<'_>], gzip: bool) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for entry in entries {
        let mut header = tar::Header::new_gnu();
        let (name, data) = match entry {
            Entry::File(name, data) => {
                header.set_entry_type(tar::EntryType::Regular);
                header.set_size(data.len() as u64);
                (*name, data.as_slice())
            }
            Entry::Link(name, target) => {
                header.set_entry_type(tar::EntryType::Symlink);
                header.set_size(0);
                header.set_link_name(target).expect("link name");
                (*name, &[][..])
            }
        };
        header.set_mode(0o755);
        let raw = &mut header.as_old_mut().name;
        raw[..name.len()].copy_from_slice(name.as_bytes());
        header.set_cksum();
        builder.append(&header, data).expect("append");
    }
    let tar = builder.into_inner().expect("tar");
    if !gzip {
        return tar;
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&tar).unwrap();
    encoder.finish().unwrap()
}

/// The bytes of a workspace binary (an example component).
pub fn binary(name: &str) -> Vec<u8> {
    std::fs::read(crate::bin(name)).expect("built binary")
}

/// Whether `dir` holds any file at any depth.
pub fn has_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let path = e.path();
            if path.is_dir() {
                has_files(&path)
            } else {
                true
            }
        })
    })
}

/// How long a pull in a test may take.
pub const PULL_PATIENCE: Duration = Duration::from_secs(60);
