//! Layer blobs downloaded into the staging directory: counted for the
//! progress bar, held to the size cap, verified against their digest by the
//! registry client before anything is extracted.

use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};

use oci_client::manifest::OciDescriptor;
use tokio::io::AsyncWrite;

use super::progress::Item;
use super::registry::Registry;
use super::{PullError, Settings};

/// Downloads every layer of `layers` into `dir`, lowest first; returns the
/// files in layer order.
pub async fn layers(
    registry: &Registry,
    reference: &str,
    layers: &[OciDescriptor],
    dir: &Path,
    settings: &Settings,
    item: &Item,
) -> Result<Vec<PathBuf>, PullError> {
    let mut files = Vec::with_capacity(layers.len());
    for (n, layer) in layers.iter().enumerate() {
        let size = u64::try_from(layer.size).unwrap_or(0);
        if size > settings.max_layer_bytes {
            return Err(too_big(reference, layer, settings));
        }
        let path = dir.join(format!("layer-{n}"));
        let file = tokio::fs::File::create(&path)
            .await
            .map_err(|e| other(reference, &path, e))?;
        let out = Counted {
            file,
            written: 0,
            cap: settings.max_layer_bytes,
            item,
        };
        registry.blob(layer, out).await.map_err(|err| match err {
            PullError::DigestMismatch {
                reference, detail, ..
            } => PullError::DigestMismatch {
                reference,
                digest: layer.digest.clone(),
                detail,
            },
            PullError::Other { detail, .. } if detail.contains("size cap") => {
                too_big(reference, layer, settings)
            }
            err => err,
        })?;
        item.layer_done();
        files.push(path);
    }
    Ok(files)
}

fn too_big(reference: &str, layer: &OciDescriptor, settings: &Settings) -> PullError {
    PullError::UnsafeLayer {
        reference: reference.to_owned(),
        digest: layer.digest.clone(),
        detail: format!(
            "larger than the size cap of {} bytes (max_layer_bytes in [components] of config.toml)",
            settings.max_layer_bytes
        ),
    }
}

fn other(reference: &str, path: &Path, err: std::io::Error) -> PullError {
    PullError::Other {
        reference: reference.to_owned(),
        detail: format!("cannot write {}: {err}", path.display()),
    }
}

/// A file that counts what is written to it and refuses more than `cap`.
struct Counted<'a> {
    file: tokio::fs::File,
    written: u64,
    cap: u64,
    item: &'a Item,
}

impl AsyncWrite for Counted<'_> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        if self.written + buf.len() as u64 > self.cap {
            return Poll::Ready(Err(std::io::Error::other("layer over the size cap")));
        }
        let this = &mut *self;
        let poll = Pin::new(&mut this.file).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = &poll {
            this.written += *n as u64;
            this.item.inc(*n as u64);
        }
        poll
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.file).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.file).poll_shutdown(cx)
    }
}
