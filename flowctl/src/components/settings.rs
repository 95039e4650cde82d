//! Where references point and where pulled components are kept: built-in
//! defaults, then `[components]` of `config.toml`, then the environment,
//! then the flags (`--registry`, `--org`, `--insecure-registry`).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use flowctl_core::reference::{Defaults, Reference};
use serde::Deserialize;

/// `FLOWCTL_REGISTRY`: the registry of names without one.
pub const REGISTRY_ENV: &str = "FLOWCTL_REGISTRY";
/// `FLOWCTL_ORG`: the organisation of `type: name@version`.
pub const ORG_ENV: &str = "FLOWCTL_ORG";
/// `FLOWCTL_INSECURE_REGISTRIES`: comma-separated registries spoken to over
/// plain HTTP.
pub const INSECURE_ENV: &str = "FLOWCTL_INSECURE_REGISTRIES";

/// When `run` fetches a referenced component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum PullPolicy {
    /// Only what is not cached.
    #[default]
    Missing,
    /// Ask the registry every time (a moved tag is fetched again).
    Always,
    /// Never: use the cache, fail for what is not in it.
    Never,
}

/// The flags of `run`, `validate` and `components` that override the
/// environment and `config.toml`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RegistryArgs {
    /// Registry of references without one [env: FLOWCTL_REGISTRY; config:
    /// components.registry; default: docker.io]
    #[arg(long, global = true, value_name = "HOST[:PORT]")]
    pub registry: Option<String>,
    /// Organisation of `type: name@version` [env: FLOWCTL_ORG; config:
    /// components.org; default: withobsrvr]
    #[arg(long, global = true, value_name = "ORG")]
    pub org: Option<String>,
    /// A registry spoken to over plain HTTP (repeat for more; added to
    /// FLOWCTL_INSECURE_REGISTRIES and components.insecure_registries)
    #[arg(long = "insecure-registry", global = true, value_name = "HOST[:PORT]")]
    pub insecure_registries: Vec<String>,
}

/// The settings of pulling.
#[derive(Debug, Clone)]
pub struct Settings {
    pub defaults: Defaults,
    /// Registries spoken to over plain HTTP (loopback ones always are).
    pub insecure: Vec<String>,
    /// `$XDG_CACHE_HOME/flowctl/components`.
    pub cache_dir: PathBuf,
    /// The old CLI's cache, `~/.flowctl/components`.
    pub legacy_dir: Option<PathBuf>,
    /// Layers larger than this are refused.
    pub max_layer_bytes: u64,
}

/// `[components]` of `config.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FileSettings {
    registry: Option<String>,
    org: Option<String>,
    insecure_registries: Vec<String>,
    max_layer_bytes: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
struct File {
    #[serde(default)]
    components: FileSettings,
}

impl Settings {
    /// The settings from `config` (the global `--config`, else the default
    /// `config.toml` when it exists), the environment and `flags`.
    pub fn load(config: Option<&Path>, flags: &RegistryArgs) -> Result<Settings> {
        let path = match config {
            Some(path) => Some(path.to_path_buf()),
            None => flowctl_core::paths::config_file()
                .ok()
                .filter(|p| p.exists()),
        };
        let file = match &path {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                toml::from_str::<File>(&text)
                    .with_context(|| format!("{}: invalid [components] table", path.display()))?
                    .components
            }
            None => FileSettings::default(),
        };
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let mut defaults = Defaults::default();
        let flag = |value: &Option<String>| value.clone().filter(|v| !v.is_empty());
        if let Some(registry) = flag(&flags.registry)
            .or(env(REGISTRY_ENV))
            .or(file.registry)
        {
            defaults.registry = registry;
        }
        if let Some(org) = flag(&flags.org).or(env(ORG_ENV)).or(file.org) {
            defaults.org = org;
        }
        let mut insecure = file.insecure_registries;
        if let Some(list) = env(INSECURE_ENV) {
            insecure.extend(list.split(',').map(|s| s.trim().to_owned()));
        }
        insecure.extend(flags.insecure_registries.iter().cloned());
        let home = env("HOME").map(PathBuf::from);
        let cache_home = env("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".cache")))
            .context("neither XDG_CACHE_HOME nor HOME is set: no place for the component cache")?;
        Ok(Settings {
            defaults,
            insecure,
            cache_dir: cache_home.join("flowctl").join("components"),
            legacy_dir: home.map(|h| h.join(".flowctl").join("components")),
            max_layer_bytes: file.max_layer_bytes.unwrap_or(1 << 30),
        })
    }

    /// Whether `reference`'s registry is spoken to over plain HTTP: a
    /// loopback one, or one the user marked insecure.
    pub fn plain_http(&self, reference: &Reference) -> bool {
        let host = reference.host();
        matches!(host, "localhost" | "127.0.0.1" | "::1" | "[::1]")
            || self
                .insecure
                .iter()
                .any(|r| r == &reference.registry || r == host)
    }
}
