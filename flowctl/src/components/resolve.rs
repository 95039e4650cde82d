//! From references to executables: the cache, else the registry (one
//! download per reference at a time, several references at once), and the
//! `ResolvedComponent`s a run submits.

use flowctl_core::reference::{Executable, Reference};
use flowctl_core::spec::Pipeline;
use flowctl_proto::daemon::v1::ResolvedComponent;

use super::cache::{self, Cached, Entry};
use super::extract::{self, Wanted};
use super::progress::Progress;
use super::registry::Registry;
use super::{PullError, PullPolicy, Settings, download, lock};

/// One component to resolve.
#[derive(Debug, Clone)]
pub struct Want {
    pub reference: Reference,
    pub executable: Executable,
}

/// The references of `pipeline`'s components, by component id.
pub fn wants(pipeline: &Pipeline, settings: &Settings) -> Result<Vec<(String, Want)>, PullError> {
    let mut out = Vec::new();
    for component in &pipeline.components {
        let Some(r) = &component.reference else {
            continue;
        };
        let reference = r
            .resolve(&settings.defaults)
            .map_err(|detail| PullError::Other {
                reference: r.written.clone(),
                detail,
            })?;
        let want = Want {
            reference,
            executable: r.executable.clone(),
        };
        out.push((component.id.clone(), want));
    }
    Ok(out)
}

/// Resolves every referenced component of `pipeline`, concurrently.
pub async fn pipeline(
    pipeline: &Pipeline,
    settings: &Settings,
    policy: PullPolicy,
    progress: &Progress,
) -> Result<Vec<ResolvedComponent>, PullError> {
    let wants = wants(pipeline, settings)?;
    let pulls = wants
        .iter()
        .map(|(_, want)| one(want, settings, policy, progress));
    let results = futures_util::future::join_all(pulls).await;
    let mut resolved = Vec::new();
    for ((id, want), result) in wants.iter().zip(results) {
        let cached = result?;
        let metadata_json = cached.metadata_json().map_err(|e| PullError::Other {
            reference: want.reference.to_string(),
            detail: format!("cannot read its cached metadata.json: {e}"),
        })?;
        resolved.push(ResolvedComponent {
            component_id: id.clone(),
            reference: want.reference.to_string(),
            digest: cached.entry.digest.clone(),
            executable: cached.executable().display().to_string(),
            metadata_json,
        });
    }
    Ok(resolved)
}

/// The cached component for `want`, pulled first as `policy` says.
pub async fn one(
    want: &Want,
    settings: &Settings,
    policy: PullPolicy,
    progress: &Progress,
) -> Result<Cached, PullError> {
    let name = want.reference.to_string();
    let cached = cache::lookup(settings, &want.reference);
    match (policy, cached) {
        (PullPolicy::Never, None) => Err(PullError::NotCached { reference: name }),
        (PullPolicy::Never | PullPolicy::Missing, Some(mut cached)) => {
            cache::touch(&mut cached);
            Ok(cached)
        }
        (PullPolicy::Missing | PullPolicy::Always, _) => {
            let io = |e: std::io::Error| PullError::Other {
                reference: name.clone(),
                detail: format!("cannot lock its cache entry: {e}"),
            };
            let _held = lock::acquire(&cache::lock_file(settings, &want.reference))
                .await
                .map_err(io)?;
            fetch(want, settings, policy, progress).await
        }
    }
}

/// Under the reference's lock: what another pull installed meanwhile, or a
/// download verified, extracted and installed.
async fn fetch(
    want: &Want,
    settings: &Settings,
    policy: PullPolicy,
    progress: &Progress,
) -> Result<Cached, PullError> {
    let name = want.reference.to_string();
    let registry = Registry::new(&want.reference, settings);
    let cached = cache::lookup(settings, &want.reference).filter(|c| !c.entry.digest.is_empty());
    if let Some(mut cached) = cached {
        let current = match policy {
            PullPolicy::Always => Some(registry.digest().await?),
            _ => None,
        };
        if current.as_ref().is_none_or(|d| *d == cached.entry.digest) {
            cache::touch(&mut cached);
            return Ok(cached);
        }
    }
    let resolved = registry.resolve().await?;
    let other = |detail: String| PullError::Other {
        reference: name.clone(),
        detail,
    };
    let staging_root = cache::staging_dir(settings);
    // What killed pulls left; never a dir another pull holds.
    let _ = super::staging::sweep(settings);
    let staging = super::staging::create(settings)
        .map_err(|e| other(format!("cannot stage in {}: {e}", staging_root.display())))?;
    let total: i64 = resolved.layers.iter().map(|l| l.size.max(0)).sum();
    let item = progress.item(&name, total as u64, resolved.layers.len());
    let layers = download::layers(
        &registry,
        &name,
        &resolved.layers,
        staging.path(),
        settings,
        &item,
    )
    .await
    .inspect_err(|_| item.abandon())?;
    let files = staging.path().join("files");
    let extracted = unpack(want, &resolved, layers, &files, settings)
        .await
        .inspect_err(|_| item.abandon())?;
    let entry_dir = staging.path().join("entry");
    std::fs::create_dir(&entry_dir).map_err(|e| other(e.to_string()))?;
    let mut size = 0;
    for file in ["component", "metadata.json"] {
        if file == "metadata.json" && !extracted.has_metadata {
            continue;
        }
        std::fs::rename(files.join(file), entry_dir.join(file))
            .map_err(|e| other(e.to_string()))?;
        size += std::fs::metadata(entry_dir.join(file))
            .map(|m| m.len())
            .unwrap_or(0);
    }
    let now = flowctl_core::clock::now_ms();
    let entry = Entry {
        reference: name.clone(),
        digest: resolved.digest.clone(),
        size,
        image_path: extracted.image_path,
        pulled_at_ms: now,
        last_used_ms: now,
    };
    let cached = cache::install(settings, &want.reference, &entry_dir, &entry)
        .map_err(|e| other(format!("cannot install into the cache: {e}")))?;
    item.finish(&format!(
        "pulled {} ({} bytes)",
        short(&resolved.digest),
        size
    ));
    Ok(cached)
}

/// Extracts the executable and `metadata.json` of `layers` into `files`
/// (off the async threads).
async fn unpack(
    want: &Want,
    resolved: &super::registry::Resolved,
    layers: Vec<std::path::PathBuf>,
    files: &std::path::Path,
    settings: &Settings,
) -> Result<extract::Extracted, PullError> {
    let wanted = Wanted::for_executable(&want.executable);
    std::fs::create_dir(files).map_err(|e| PullError::Other {
        reference: want.reference.to_string(),
        detail: e.to_string(),
    })?;
    let (files_dir, max) = (files.to_path_buf(), settings.max_layer_bytes);
    let extracted =
        tokio::task::spawn_blocking(move || extract::extract(&layers, &wanted, &files_dir, max))
            .await
            .map_err(|e| PullError::Other {
                reference: want.reference.to_string(),
                detail: e.to_string(),
            })?;
    match extracted {
        Ok(Some(extracted)) => Ok(extracted),
        Ok(None) => Err(PullError::NoExecutable {
            reference: want.reference.to_string(),
            looked: Wanted::for_executable(&want.executable)
                .executable
                .iter()
                .map(|p| format!("/{p}"))
                .collect(),
        }),
        Err((n, detail)) => Err(PullError::UnsafeLayer {
            reference: want.reference.to_string(),
            digest: resolved.layers[n].digest.clone(),
            detail,
        }),
    }
}

/// `sha256:0123456789ab`.
pub fn short(digest: &str) -> &str {
    digest.get(..19).unwrap_or(digest)
}
