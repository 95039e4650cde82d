//! Components by reference (COMPAT.md section 6): `type: name@version`,
//! `type: org/name@version`, full OCI references
//! (`registry.example:5000/org/name:tag`, `...@sha256:<hex>`), and `image:`
//! on a process-driver component.
//!
//! Pure parsing, no network: the client resolves a [`ComponentRef`] to a
//! [`Reference`] with the user's [`Defaults`] and fetches it; the spec uses
//! the same parser to report a malformed reference at its line.

use std::fmt;

/// The registry a reference without one names (COMPAT.md 6).
pub const DEFAULT_REGISTRY: &str = "docker.io";

/// The organisation a `type: name@version` without one names (COMPAT.md 6).
pub const DEFAULT_ORG: &str = "withobsrvr";

/// The places a published component's executable is looked for, in order;
/// its `metadata.json` is looked for in the same directories.
pub const COMPONENT_PLACES: [&str; 3] = ["component", "bin/component", "app/component"];

/// The directories an `image:` component's executable (named by its
/// command, `type` or `id`) is looked for in, in order.
pub const IMAGE_DIRS: [&str; 4] = ["app", "bin", "usr/bin", "usr/local/bin"];

/// Where names without a registry or organisation point: `docker.io` and
/// `withobsrvr` unless `config.toml`, a flag or the environment say otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defaults {
    pub registry: String,
    pub org: String,
}

impl Default for Defaults {
    fn default() -> Defaults {
        Defaults {
            registry: DEFAULT_REGISTRY.to_owned(),
            org: DEFAULT_ORG.to_owned(),
        }
    }
}

/// A full image reference: registry, repository, and a tag, a digest or both.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    /// `host[:port]`, e.g. `docker.io` or `127.0.0.1:5000`.
    pub registry: String,
    /// `org/name` (any number of `/`-separated parts).
    pub repository: String,
    /// `v1.0.0`; `None` when only a digest is given.
    pub tag: Option<String>,
    /// `sha256:<64 hex>`, pinning the manifest.
    pub digest: Option<String>,
}

/// What a pipeline component names instead of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentRef {
    /// The `type` or `image` value as written.
    pub written: String,
    /// Which file of the image the component runs.
    pub executable: Executable,
}

/// Which file of an image a component runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Executable {
    /// A published component (`type: name@version`): `/component`, else
    /// `/bin/component`, else `/app/component` ([`COMPONENT_PLACES`]).
    Published,
    /// `image:`: this program name under [`IMAGE_DIRS`] (or this absolute
    /// path inside the image).
    Named(String),
}

impl ComponentRef {
    /// The full reference, with `defaults` filling what is left out.
    pub fn resolve(&self, defaults: &Defaults) -> Result<Reference, String> {
        match self.executable {
            Executable::Published => Reference::from_type(&self.written, defaults),
            Executable::Named(_) => Reference::parse_image(&self.written, defaults),
        }
    }
}

/// True when a `type` names a published component rather than a program:
/// it has an `@` (`name@version`), or it is a full reference with a
/// registry host and a tag (`localhost:5000/org/name:v1`).
pub fn is_reference_type(type_name: &str) -> bool {
    if type_name.contains('@') {
        return true;
    }
    let Some((first, rest)) = type_name.split_once('/') else {
        return false;
    };
    is_host(first) && last_part(rest).contains(':')
}

fn is_host(part: &str) -> bool {
    !part.starts_with('.')
        && !part.is_empty()
        && (part.contains('.') || part.contains(':') || part == "localhost")
}

fn last_part(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

impl Reference {
    /// Reads a `type`: `name@version` and `org/name@version` take the
    /// default registry (and org); a full reference is taken as it is.
    pub fn from_type(text: &str, defaults: &Defaults) -> Result<Reference, String> {
        let full = text
            .split_once('/')
            .is_some_and(|(first, _)| is_host(first));
        if full {
            return Reference::parse_image(text, defaults);
        }
        let (path, version) = text
            .split_once('@')
            .ok_or_else(|| format!("'{text}' names no version; write it as name@version"))?;
        let repository = match path.split('/').count() {
            1 => format!("{}/{path}", defaults.org),
            _ => path.to_owned(),
        };
        check_repository(&repository, text)?;
        if version.starts_with("sha256:") {
            check_digest(version, text)?;
            return Ok(Reference {
                registry: defaults.registry.clone(),
                repository,
                tag: None,
                digest: Some(version.to_owned()),
            });
        }
        check_tag(version, text)?;
        Ok(Reference {
            registry: defaults.registry.clone(),
            repository,
            tag: Some(version.to_owned()),
            digest: None,
        })
    }

    /// Reads an image reference the way Docker does: no registry means the
    /// default one (`library/` before a one-part name on `docker.io`), no
    /// tag and no digest means `latest`.
    pub fn parse_image(text: &str, defaults: &Defaults) -> Result<Reference, String> {
        if text.is_empty() || text.contains(char::is_whitespace) {
            return Err(format!(
                "'{text}' is not an image reference; write registry/org/name:tag"
            ));
        }
        let (rest, digest) = match text.split_once('@') {
            Some((rest, digest)) => {
                check_digest(digest, text)?;
                (rest, Some(digest.to_owned()))
            }
            None => (text, None),
        };
        let (registry, path) = match rest.split_once('/') {
            Some((first, path)) if is_host(first) => (first.to_owned(), path),
            _ => (defaults.registry.clone(), rest),
        };
        let (path, tag) = match last_part(path).split_once(':') {
            Some((_, tag)) => (&path[..path.len() - tag.len() - 1], Some(tag.to_owned())),
            None => (path, None),
        };
        let repository = if !path.contains('/') && registry == DEFAULT_REGISTRY {
            format!("library/{path}")
        } else {
            path.to_owned()
        };
        check_repository(&repository, text)?;
        if let Some(tag) = &tag {
            check_tag(tag, text)?;
        }
        let tag = tag.or_else(|| digest.is_none().then(|| "latest".to_owned()));
        Ok(Reference {
            registry,
            repository,
            tag,
            digest,
        })
    }

    /// The last part of the repository: `stellar-live-source`.
    pub fn name(&self) -> &str {
        last_part(&self.repository)
    }

    /// The registry host without its port, to tell loopback registries.
    pub fn host(&self) -> &str {
        match self.registry.rsplit_once(':') {
            Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
            _ => &self.registry,
        }
    }
}

fn check_repository(repository: &str, text: &str) -> Result<(), String> {
    let ok = repository.split('/').all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
            && part.starts_with(|c: char| c.is_ascii_alphanumeric())
    });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{text}' has an invalid repository '{repository}': use lower-case letters, \
             digits, '.', '_', '-' and '/'"
        ))
    }
}

fn check_tag(tag: &str, text: &str) -> Result<(), String> {
    let ok = !tag.is_empty()
        && tag.len() <= 128
        && tag.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        && tag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{text}' has an invalid version '{tag}': use letters, digits, '.', '_' and '-'"
        ))
    }
}

fn check_digest(digest: &str, text: &str) -> Result<(), String> {
    let hex = digest.strip_prefix("sha256:").unwrap_or("");
    if hex.len() == 64 && hex.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')) {
        Ok(())
    } else {
        Err(format!(
            "'{text}' has an invalid digest '{digest}': write sha256: and 64 hex digits"
        ))
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(tag) = &self.tag {
            write!(f, ":{tag}")?;
        }
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(text: &str) -> String {
        Reference::from_type(text, &Defaults::default())
            .unwrap()
            .to_string()
    }

    fn image(text: &str) -> String {
        Reference::parse_image(text, &Defaults::default())
            .unwrap()
            .to_string()
    }

    const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn types_take_the_default_registry_and_org() {
        assert_eq!(
            ty("stellar-live-source@v1.0.0"),
            "docker.io/withobsrvr/stellar-live-source:v1.0.0"
        );
        assert_eq!(ty("acme/gen@1.2"), "docker.io/acme/gen:1.2");
        assert_eq!(
            ty(&format!("gen@{DIGEST}")),
            format!("docker.io/withobsrvr/gen@{DIGEST}")
        );
        let mine = Defaults {
            registry: "127.0.0.1:5000".into(),
            org: "team".into(),
        };
        let r = Reference::from_type("gen@v1", &mine).unwrap();
        assert_eq!(r.to_string(), "127.0.0.1:5000/team/gen:v1");
        assert_eq!((r.host(), r.name()), ("127.0.0.1", "gen"));
    }

    #[test]
    fn full_references_are_taken_as_written() {
        assert_eq!(
            ty("registry.example:5000/org/name:tag"),
            "registry.example:5000/org/name:tag"
        );
        assert_eq!(
            ty(&format!("localhost:5000/a/b@{DIGEST}")),
            format!("localhost:5000/a/b@{DIGEST}")
        );
        assert_eq!(image("nginx"), "docker.io/library/nginx:latest");
        assert_eq!(image("ghcr.io/o/n:1"), "ghcr.io/o/n:1");
        assert_eq!(
            image(&format!("ghcr.io/o/n:1@{DIGEST}")),
            format!("ghcr.io/o/n:1@{DIGEST}")
        );
    }

    #[test]
    fn which_types_are_references() {
        for t in ["a@v1", "o/a@v1", "localhost:5000/o/a:v1", "r.io/a:v1"] {
            assert!(is_reference_type(t), "{t}");
        }
        for t in [
            "example-source",
            "./bin/gen",
            "/usr/bin/gen",
            "python3",
            "a/b:c",
        ] {
            assert!(!is_reference_type(t), "{t}");
        }
    }

    #[test]
    fn bad_references_say_what_is_wrong() {
        let d = Defaults::default();
        let err = |t: &str| Reference::from_type(t, &d).unwrap_err();
        assert!(err("Gen@v1").contains("invalid repository"));
        assert!(err("gen@").contains("invalid version"));
        assert!(err("gen@sha256:12").contains("invalid digest"));
        assert!(err("a//b@v1").contains("invalid repository"));
        assert!(Reference::parse_image("a b", &d).is_err());
    }
}
