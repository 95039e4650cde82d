//! `metadata.json`: what a published component says about itself (COMPAT.md
//! section 6), shipped beside its executable in the image.
//!
//! The pipeline file wins over it: [`Component::with_metadata`] fills only
//! what the file left out (event types), and [`Component::config_env`] uses
//! it to name the environment variables `config:` keys become. Precedence of
//! a component's environment, later winning: `config` (named here), the
//! component's `env`, the control-plane variables (the daemon's
//! `supervisor::env` applies that order).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::model::{Component, config_env_name};

/// A component's `metadata.json`. Unknown fields are ignored; every field is
/// optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Metadata {
    pub name: Option<String>,
    pub version: Option<String>,
    pub description: Option<String>,
    /// `source`, `processor` or `sink`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Event types written (synonym `output_types`).
    #[serde(alias = "output_types")]
    pub produces: Vec<String>,
    /// Event types read (synonym `input_types`).
    #[serde(alias = "input_types")]
    pub consumes: Vec<String>,
    /// `config` key -> environment variable name.
    pub env_mapping: BTreeMap<String, String>,
    /// `config` key -> its schema; only `env` is used here (where
    /// `env_mapping` has no entry).
    pub config_schema: BTreeMap<String, ConfigField>,
}

/// One entry of `config_schema`. Fields other than `env` (type, default,
/// description...) are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ConfigField {
    pub env: Option<String>,
}

impl Metadata {
    /// Reads `metadata.json` text; the error says what is wrong with it and
    /// where (line and column, or the field).
    pub fn parse(text: &str) -> Result<Metadata, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if !text.trim_start().starts_with('{') {
            return Err(
                "metadata.json is not valid: it must be a JSON object (COMPAT.md 6)".into(),
            );
        }
        let metadata: Metadata = serde_json::from_str(text).map_err(|err| {
            format!("metadata.json is not valid: {err}; it must be a JSON object (COMPAT.md 6)")
        })?;
        metadata.check()?;
        Ok(metadata)
    }

    /// Environment names the operating system would refuse.
    fn check(&self) -> Result<(), String> {
        let mapped = self
            .env_mapping
            .iter()
            .map(|(key, env)| ("env_mapping", key, env));
        let schema = self
            .config_schema
            .iter()
            .filter_map(|(key, field)| Some(("config_schema", key, field.env.as_ref()?)));
        for (field, key, env) in mapped.chain(schema) {
            if env.is_empty() || env.contains(['=', '\0']) {
                return Err(format!(
                    "metadata.json is not valid: {field}.{key} names the environment variable \
                     {env:?}, which cannot be one; it must not be empty or contain '='"
                ));
            }
        }
        Ok(())
    }

    /// The environment variable `key` of `config` becomes: `env_mapping`,
    /// else `config_schema.<key>.env`, else `None` (the caller's default).
    pub fn env_name(&self, key: &str) -> Option<&str> {
        self.env_mapping
            .get(key)
            .or_else(|| self.config_schema.get(key)?.env.as_ref())
            .map(String::as_str)
    }
}

impl Component {
    /// This component with what its `metadata.json` says applied: event
    /// types the pipeline left empty are filled from `consumes`/`produces`
    /// (the file's own lists are kept as they are), and the metadata is kept
    /// on the component for [`Component::config_env`] and display.
    pub fn with_metadata(mut self, metadata: Metadata) -> Component {
        if self.input_event_types.is_empty() {
            self.input_event_types = metadata.consumes.clone();
        }
        if self.output_event_types.is_empty() {
            self.output_event_types = metadata.produces.clone();
        }
        self.metadata = Some(metadata);
        self
    }

    /// `config` as environment variables. Each key is named by the
    /// component's metadata (`env_mapping`, else `config_schema.<key>.env`),
    /// else the way the old flowctl passed it: upper-cased, with `-` and `.`
    /// turned into `_`, so that `batch-size` becomes `BATCH_SIZE`.
    pub fn config_env(&self) -> BTreeMap<String, String> {
        self.config
            .iter()
            .map(|(key, value)| {
                let mapped = self.metadata.as_ref().and_then(|m| m.env_name(key));
                let name = mapped.map_or_else(|| config_env_name(key), str::to_owned);
                (name, value.clone())
            })
            .collect()
    }
}
