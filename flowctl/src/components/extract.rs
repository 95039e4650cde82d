//! The executable and `metadata.json` out of an image's layers, nothing
//! else: later layers win over earlier ones, whiteouts remove, and entries
//! that would escape the image root (`..`, absolute names, symlinks pointing
//! out), device files and oversized files are refused.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Component, Path, PathBuf};

use flowctl_core::reference::{COMPONENT_PLACES, Executable, IMAGE_DIRS};

/// Where to look for what a component needs, in order.
pub struct Wanted {
    /// Candidate paths of the executable (relative to the image root).
    pub executable: Vec<String>,
    /// Candidate paths of `metadata.json`.
    pub metadata: Vec<String>,
}

impl Wanted {
    /// The COMPAT.md places for a published component, or the program's
    /// name under the image directories for `image:`.
    pub fn for_executable(executable: &Executable) -> Wanted {
        let mut metadata: Vec<String> = ["metadata.json", "bin/metadata.json", "app/metadata.json"]
            .map(String::from)
            .to_vec();
        let executable = match executable {
            Executable::Published => COMPONENT_PLACES.map(String::from).to_vec(),
            Executable::Named(program) if program.contains('/') => {
                vec![
                    program
                        .trim_start_matches("./")
                        .trim_start_matches('/')
                        .to_owned(),
                ]
            }
            Executable::Named(program) => IMAGE_DIRS.map(|d| format!("{d}/{program}")).to_vec(),
        };
        for exe in &executable {
            if let Some((dir, _)) = exe.rsplit_once('/') {
                let beside = format!("{dir}/metadata.json");
                if !metadata.contains(&beside) {
                    metadata.push(beside);
                }
            }
        }
        Wanted {
            executable,
            metadata,
        }
    }

    fn wants(&self, path: &str) -> bool {
        self.executable
            .iter()
            .chain(&self.metadata)
            .any(|p| p == path)
    }
}

/// What the layers hold at a wanted path, after every layer.
enum Found {
    File(PathBuf),
    Link(String),
}

/// What was extracted into the staging directory.
pub struct Extracted {
    /// The executable's path in the image, e.g. `/component`.
    pub image_path: String,
    pub has_metadata: bool,
}

/// Why extraction refused: the message names the entry.
pub type Refusal = String;

/// Reads the layer files (lowest first) and leaves `component` (and
/// `metadata.json` when there is one) in `staging`. `Ok(None)`: no
/// executable in any wanted place.
pub fn extract(
    layers: &[PathBuf],
    wanted: &Wanted,
    staging: &Path,
    max_bytes: u64,
) -> Result<Option<Extracted>, (usize, Refusal)> {
    let mut found: HashMap<String, Found> = HashMap::new();
    for (n, layer) in layers.iter().enumerate() {
        read_layer(layer, n, wanted, staging, max_bytes, &mut found).map_err(|e| (n, e))?;
    }
    let pick = |candidates: &[String]| -> Option<(String, PathBuf)> {
        candidates.iter().find_map(|path| {
            let mut at = path.clone();
            // A link to another wanted place (`bin/component -> ../app/component`).
            for _ in 0..4 {
                match found.get(&at)? {
                    Found::File(file) => return Some((format!("/{at}"), file.clone())),
                    Found::Link(target) => at = target.clone(),
                }
            }
            None
        })
    };
    let Some((image_path, file)) = pick(&wanted.executable) else {
        return Ok(None);
    };
    let metadata = pick(&wanted.metadata);
    let install = |from: &Path, name: &str| {
        std::fs::copy(from, staging.join(name))
            .map_err(|e| (0, format!("cannot stage {name}: {e}")))
    };
    install(&file, "component")?;
    set_executable(&staging.join("component")).map_err(|e| (0, e.to_string()))?;
    if let Some((_, file)) = &metadata {
        install(file, "metadata.json")?;
    }
    Ok(Some(Extracted {
        image_path,
        has_metadata: metadata.is_some(),
    }))
}

fn set_executable(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}

fn read_layer(
    layer: &Path,
    n: usize,
    wanted: &Wanted,
    staging: &Path,
    max_bytes: u64,
    found: &mut HashMap<String, Found>,
) -> Result<(), Refusal> {
    let mut file = BufReader::new(File::open(layer).map_err(|e| e.to_string())?);
    let mut magic = [0u8; 2];
    let gzip = file.read_exact(&mut magic).is_ok() && magic == [0x1f, 0x8b];
    let file = File::open(layer).map_err(|e| e.to_string())?;
    let reader: Box<dyn Read> = if gzip {
        Box::new(flate2::read::GzDecoder::new(BufReader::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut archive = tar::Archive::new(reader);
    let entries = archive
        .entries()
        .map_err(|e| format!("not a tar archive: {e}"))?;
    for (k, entry) in entries.enumerate() {
        let mut entry = entry.map_err(|e| format!("unreadable tar entry: {e}"))?;
        let raw = entry.path_bytes().into_owned();
        let name = String::from_utf8_lossy(&raw).into_owned();
        let path = clean(&name)?;
        let (dir, base) = path.rsplit_once('/').unwrap_or(("", &path));
        if base == ".wh..wh..opq" {
            found.retain(|p, _| !under(p, dir));
            continue;
        }
        if let Some(hidden) = base.strip_prefix(".wh.") {
            let gone = if dir.is_empty() {
                hidden.to_owned()
            } else {
                format!("{dir}/{hidden}")
            };
            found.retain(|p, _| *p != gone && !under(p, &gone));
            continue;
        }
        if !wanted.wants(&path) {
            continue;
        }
        let kind = entry.header().entry_type();
        if kind.is_symlink() || kind.is_hard_link() {
            let target = entry
                .link_name_bytes()
                .map(|t| String::from_utf8_lossy(&t).into_owned())
                .unwrap_or_default();
            let resolved = link_target(&path, &target, kind.is_hard_link())?;
            found.insert(path, Found::Link(resolved));
        } else if kind.is_file() {
            if entry.size() > max_bytes {
                return Err(format!(
                    "'{name}' is larger than the size cap of {max_bytes} bytes"
                ));
            }
            let out = staging.join(format!("entry-{n}-{k}"));
            let mut file = File::create(&out).map_err(|e| e.to_string())?;
            std::io::copy(&mut entry, &mut file).map_err(|e| format!("'{name}': {e}"))?;
            found.insert(path, Found::File(out));
        } else if kind.is_dir() {
            found.retain(|p, _| *p != path);
        } else {
            return Err(format!(
                "'{name}' is a device file or fifo, which a component image may not hold there"
            ));
        }
    }
    Ok(())
}

fn under(path: &str, dir: &str) -> bool {
    dir.is_empty()
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// `./app/component` -> `app/component`; `..` and absolute names refused.
fn clean(name: &str) -> Result<String, Refusal> {
    if name.starts_with('/') {
        return Err(format!("entry '{name}' has an absolute path"));
    }
    let mut parts = Vec::new();
    for part in Path::new(name).components() {
        match part {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => return Err(format!("entry '{name}' escapes the image root")),
        }
    }
    Ok(parts.join("/"))
}

/// Where a link at `path` points, inside the image; out or absolute: refused.
fn link_target(path: &str, target: &str, hard: bool) -> Result<String, Refusal> {
    if target.starts_with('/') {
        return Err(format!(
            "'{path}' is a symlink to the absolute path '{target}'"
        ));
    }
    if hard {
        return clean(target);
    }
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!(
                        "'{path}' is a symlink pointing out of the image ('{target}')"
                    ));
                }
            }
            p => parts.push(p),
        }
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_image() {
        assert_eq!(clean("./app/component").unwrap(), "app/component");
        assert!(clean("../etc/passwd").is_err());
        assert!(clean("/component").is_err());
        assert_eq!(
            link_target("bin/component", "../app/component", false).unwrap(),
            "app/component"
        );
        assert!(link_target("component", "../../x", false).is_err());
        assert!(link_target("component", "/usr/bin/x", false).is_err());
    }
}
