//! Files that must be accepted, and what they turn into.

use std::collections::BTreeMap;
use std::time::Duration;

use super::{HEAD, fixture, ok};
use crate::spec::{
    Component, ComponentKind, Dependency, OnFailure, Pipeline, Readiness, Restart, StopSignal,
    parse,
};

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// A component with every optional field at its default.
fn plain(
    id: &str,
    kind: ComponentKind,
    command: &[&str],
    inputs: &[&str],
    port: &str,
) -> Component {
    Component {
        id: id.into(),
        kind,
        type_name: None,
        command: strings(command),
        env: map(&[("PORT", port)]),
        config: BTreeMap::new(),
        inputs: strings(inputs),
        depends_on: Vec::new(),
        dependencies: Vec::new(),
        input_event_types: Vec::new(),
        output_event_types: Vec::new(),
        health_port: None,
        working_dir: None,
        stop_signal: StopSignal::Term,
        stop_timeout: Duration::from_secs(10),
        start_timeout: Duration::from_secs(30),
        readiness: Readiness::Registered,
        restart: Restart::default(),
        on_failure: OnFailure::StopRun,
        readiness_probe: None,
        liveness_probe: None,
        limits: Default::default(),
        metadata: None,
        reference: None,
    }
}

fn full() -> Pipeline {
    let parsed = parse("full.yaml", &fixture("valid/full.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    parsed.pipeline
}

#[test]
fn reads_every_field_of_a_full_pipeline() {
    let ledgers = Component {
        type_name: Some("stellar-live-source".into()),
        env: map(&[("PORT", ":50051"), ("BATCH", "0755"), ("VERBOSE", "true")]),
        output_event_types: strings(&["stellar.ledger"]),
        health_port: Some(18081),
        stop_signal: StopSignal::Int,
        stop_timeout: Duration::from_secs(90),
        ..plain(
            "ledgers",
            ComponentKind::Source,
            &["stellar-live-source", "--start", "100"],
            &[],
            ":50051",
        )
    };
    let transfers = Component {
        config: map(&[
            ("batch-size", "100"),
            ("network.passphrase", "Test SDF Network ; September 2015"),
            ("enabled", "yes"),
        ]),
        input_event_types: strings(&["stellar.ledger"]),
        output_event_types: strings(&["token.transfer"]),
        working_dir: Some("./ttp".into()),
        start_timeout: Duration::from_secs(45),
        ..plain(
            "transfers",
            ComponentKind::Processor,
            &["./bin/ttp", "--fast", "--json"],
            &["ledgers"],
            ":50052",
        )
    };
    let out = Component {
        depends_on: strings(&["audit"]),
        dependencies: vec![Dependency {
            id: "audit".into(),
            condition: Default::default(),
        }],
        readiness: Readiness::Started,
        stop_signal: StopSignal::Kill,
        stop_timeout: Duration::ZERO,
        ..plain(
            "out",
            ComponentKind::Sink,
            &["./bin/out"],
            &["transfers"],
            ":50053",
        )
    };
    let audit = plain(
        "audit",
        ComponentKind::Sink,
        &["./bin/audit"],
        &["ledgers"],
        ":50054",
    );
    let expected = Pipeline {
        name: "ledger-flow".into(),
        namespace: Some("data".into()),
        description: Some("Ledgers in, transfers out.".into()),
        labels: map(&[("team", "data"), ("tier", "1")]),
        annotations: map(&[("owner", "ops@example.com")]),
        env: map(&[("LOG_LEVEL", "info"), ("NETWORK", "testnet")]),
        on_failure: OnFailure::StopRun,
        components: vec![ledgers, transfers, out, audit],
    };
    assert_eq!(full(), expected);
}

#[test]
fn start_order_follows_inputs_and_depends_on_then_file_order() {
    let pipeline = full();
    assert_eq!(
        pipeline.start_order(),
        ["ledgers", "transfers", "audit", "out"]
    );
    assert_eq!(pipeline.dependents("ledgers"), ["transfers", "audit"]);
    assert_eq!(pipeline.dependents("audit"), ["out"]);
    assert!(pipeline.dependents("out").is_empty());
    assert_eq!(
        pipeline.component("audit").map(|c| c.kind),
        Some(ComponentKind::Sink)
    );
    assert!(pipeline.component("nope").is_none());
}

#[test]
fn config_becomes_upper_cased_env() {
    let pipeline = full();
    let transfers = pipeline.component("transfers").unwrap();
    assert_eq!(
        transfers.config_env(),
        map(&[
            ("BATCH_SIZE", "100"),
            ("ENABLED", "yes"),
            ("NETWORK_PASSPHRASE", "Test SDF Network ; September 2015"),
        ])
    );
}

#[test]
fn upstream_lists_inputs_then_depends_on_once_each() {
    let mut c = plain("x", ComponentKind::Sink, &["x"], &["a", "b"], ":1");
    c.depends_on = strings(&["b", "c", "a"]);
    assert_eq!(c.upstream().collect::<Vec<_>>(), ["a", "b", "c"]);
}

#[test]
fn components_are_grouped_by_kind_whatever_the_list_order() {
    let text = format!(
        "{HEAD}spec:\n  sinks:\n    - {{id: out, command: [o], inputs: [p], env: {{PORT: ':3'}}}}\n  \
         processors:\n    - {{id: p, command: [p], inputs: [gen], env: {{PORT: ':2'}}}}\n  \
         sources:\n    - {{id: gen, type: gen, env: {{PORT: ':1'}}}}\n"
    );
    let pipeline = ok(&text).pipeline;
    let ids: Vec<&str> = pipeline.components.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["gen", "p", "out"]);
    assert_eq!(pipeline.start_order(), ["gen", "p", "out"]);
}

#[test]
fn a_minimal_component_gets_the_defaults() {
    let parsed = ok(&format!(
        "{HEAD}spec:\n  sources:\n    - id: gen\n      type: gen\n"
    ));
    let gen_ = &parsed.pipeline.components[0];
    assert_eq!(
        gen_,
        &Component {
            env: BTreeMap::new(),
            type_name: Some("gen".into()),
            ..plain("gen", ComponentKind::Source, &["gen"], &[], "")
        }
    );
    assert!(parsed.warnings.is_empty(), "one component cannot collide");
}

#[test]
fn warns_once_when_components_would_share_the_sdk_default_port() {
    let text = format!(
        "{HEAD}spec:\n  sources:\n    - {{id: gen, command: [g]}}\n  sinks:\n    \
         - {{id: out, command: [o], inputs: [gen]}}\n    - {{id: log, command: [l], inputs: [gen], config: {{port: ':9'}}}}\n"
    );
    let warnings = ok(&text).warnings;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = &warnings[0];
    assert_eq!((w.line, w.column), (7, 12));
    assert!(w.message.contains("'gen' and 'out'"), "{}", w.message);
    assert!(w.message.contains("set env PORT for each"), "{}", w.message);
    assert!(w.message.contains(":50051"), "{}", w.message);
}

#[test]
fn accepts_windows_line_endings_a_bom_and_flow_style() {
    let text = format!("{HEAD}spec:\n  sources:\n    - id: gen\n      command: [./g]\n")
        .replace('\n', "\r\n");
    let bytes = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let parsed = parse("p.yaml", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.pipeline.components[0].command, ["./g"]);
    let flow = r#"{"apiVersion": "flowctl/v1", "kind": "Pipeline", "metadata": {"name": "j"},
                  "spec": {"sources": [{"id": "gen", "command": ["./g"]}]}}"#;
    assert_eq!(ok(flow).pipeline.name, "j");
}

#[test]
fn accepts_anchors_and_aliases_and_empty_lists() {
    let text = format!(
        "{HEAD}spec:\n  env: &shared {{A: '1'}}\n  processors: []\n  sources:\n    \
         - id: gen\n      command: [g]\n      env: *shared\n      inputs:\n      restart_policy: no\n"
    );
    let pipeline = ok(&text).pipeline;
    assert_eq!(pipeline.components[0].env, map(&[("A", "1")]));
}

#[test]
fn stop_signals_have_linux_numbers_and_forgiving_names() {
    let raw: Vec<i32> = StopSignal::ALL.iter().map(|s| s.as_raw()).collect();
    assert_eq!(raw, [15, 2, 1, 3, 9, 10, 12]);
    assert_eq!(StopSignal::from_name("SIGTERM"), Some(StopSignal::Term));
    assert_eq!(StopSignal::from_name("usr2"), Some(StopSignal::Usr2));
    assert_eq!(StopSignal::from_name("STOP"), None);
    assert_eq!(StopSignal::Hup.to_string(), "SIGHUP");
    assert_eq!(ComponentKind::Processor.as_str(), "processor");
}
