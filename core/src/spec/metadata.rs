//! `metadata.json`: what a published component says about itself (COMPAT.md
//! section 6), shipped beside its executable in the image.
//!
//! The pipeline file wins over it: [`Component::with_metadata`] fills only
//! what the file left out (event types) and names the environment variables
//! `config:` keys become.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::model::Component;

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

/// One entry of `config_schema`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ConfigField {
    pub env: Option<String>,
}

impl Metadata {
    /// Reads `metadata.json` text; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<Metadata, String> {
        serde_json::from_str(text).map_err(|err| format!("metadata.json is not valid: {err}"))
    }
}

impl Component {
    /// This component with what its `metadata.json` says applied, kept on
    /// the component for [`Component::config_env`] and display.
    pub fn with_metadata(mut self, metadata: Metadata) -> Component {
        self.metadata = Some(metadata);
        self
    }
}
