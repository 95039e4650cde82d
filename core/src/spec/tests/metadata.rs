//! `metadata.json` applied to a component: every precedence rule of
//! COMPAT.md 6, and bad files.

use std::collections::BTreeMap;

use super::{HEAD, ok};
use crate::spec::Component;
use crate::spec::metadata::Metadata;

/// The one component of a pipeline whose component block is `body`.
fn component(body: &str) -> Component {
    let text = format!(
        "{HEAD}spec:\n  driver: process\n  sources:\n    - id: src\n      command: [\"x\"]\n{body}"
    );
    let parsed = ok(&text);
    parsed.pipeline.components.into_iter().next().unwrap()
}

fn metadata(json: &str) -> Metadata {
    Metadata::parse(json).unwrap_or_else(|e| panic!("{e}"))
}

fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const CONFIG: &str = "      config:\n        network_passphrase: test\n        \
                      rpc-endpoint: http://x\n        batch.size: 5\n";

#[test]
fn without_metadata_config_keys_are_upper_cased() {
    let c = component(CONFIG);
    assert_eq!(
        c.config_env(),
        env(&[
            ("BATCH_SIZE", "5"),
            ("NETWORK_PASSPHRASE", "test"),
            ("RPC_ENDPOINT", "http://x")
        ])
    );
}

#[test]
fn env_mapping_names_a_key_before_config_schema_and_the_fallback() {
    let m = metadata(
        r#"{"env_mapping": {"network_passphrase": "NETWORK"},
            "config_schema": {"network_passphrase": {"env": "IGNORED", "type": "string"},
                              "rpc-endpoint": {"env": "RPC_URL", "default": "x"},
                              "batch.size": {"type": "integer"}}}"#,
    );
    let c = component(CONFIG).with_metadata(m);
    assert_eq!(
        c.config_env(),
        env(&[
            ("BATCH_SIZE", "5"),
            ("NETWORK", "test"),
            ("RPC_URL", "http://x")
        ])
    );
}

#[test]
fn metadata_for_keys_the_config_lacks_adds_nothing() {
    let m = metadata(r#"{"env_mapping": {"other": "OTHER"}}"#);
    let c = component("      config:\n        a: 1\n").with_metadata(m);
    assert_eq!(c.config_env(), env(&[("A", "1")]));
}

#[test]
fn event_types_come_from_metadata_only_when_the_file_gave_none() {
    let m = metadata(r#"{"consumes": ["in.a"], "produces": ["out.a", "out.b"]}"#);
    let c = component("").with_metadata(m.clone());
    assert_eq!(c.input_event_types, ["in.a"]);
    assert_eq!(c.output_event_types, ["out.a", "out.b"]);

    let given = "      input_event_types: [\"mine\"]\n      output_event_types: [\"ours\"]\n";
    let c = component(given).with_metadata(m);
    assert_eq!(c.input_event_types, ["mine"]);
    assert_eq!(c.output_event_types, ["ours"]);
}

#[test]
fn each_list_is_filled_on_its_own() {
    let m = metadata(r#"{"consumes": ["in.a"], "produces": ["out.a"]}"#);
    let c = component("      output_event_types: [\"ours\"]\n").with_metadata(m);
    assert_eq!(c.input_event_types, ["in.a"]);
    assert_eq!(c.output_event_types, ["ours"]);
}

#[test]
fn input_and_output_types_are_synonyms() {
    let m = metadata(r#"{"input_types": ["i"], "output_types": ["o"], "type": "processor"}"#);
    assert_eq!(m.consumes, ["i"]);
    assert_eq!(m.produces, ["o"]);
    assert_eq!(m.kind.as_deref(), Some("processor"));
}

#[test]
fn unknown_fields_are_ignored_and_every_field_is_optional() {
    assert_eq!(metadata("{}"), Metadata::default());
    let m = metadata(r#"{"name": "n", "version": "v1", "maintainer": "someone"}"#);
    assert_eq!(m.name.as_deref(), Some("n"));
}

#[test]
fn bad_metadata_says_what_is_wrong_and_where() {
    let err = Metadata::parse("{\"produces\": \"one\"}").unwrap_err();
    assert!(err.contains("metadata.json is not valid"), "{err}");
    assert!(err.contains("line 1"), "{err}");
    let err = Metadata::parse("not json").unwrap_err();
    assert!(err.contains("metadata.json is not valid"), "{err}");
    let err = Metadata::parse("[]").unwrap_err();
    assert!(err.contains("JSON object"), "{err}");
}

#[test]
fn mapped_names_the_system_refuses_are_errors() {
    let err = Metadata::parse(r#"{"env_mapping": {"k": "A=B"}}"#).unwrap_err();
    assert!(err.contains("env_mapping.k"), "{err}");
    let err = Metadata::parse(r#"{"config_schema": {"k": {"env": ""}}}"#).unwrap_err();
    assert!(err.contains("config_schema.k"), "{err}");
}
