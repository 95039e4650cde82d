//! Every file in `fixtures/malformed` is a realistic mistake that must be
//! rejected with a located, readable message.

use std::path::Path;

use super::{FIXTURES, fixture};
use crate::spec::{Diagnostics, MAX_FILE_BYTES, parse};

fn rejected(name: &str, bytes: &[u8]) -> Diagnostics {
    let errors = match parse(name, bytes) {
        Ok(parsed) => panic!("{name} was accepted: {parsed:#?}"),
        Err(errors) => errors,
    };
    assert!(!errors.is_empty(), "{name}: rejected without a message");
    let lines = String::from_utf8_lossy(bytes).lines().count().max(1);
    for d in &errors {
        assert_eq!(d.file, name);
        assert!(d.line >= 1 && d.column >= 1, "{name}: {d}");
        assert!(d.line <= lines + 1, "{name}: line beyond the end: {d}");
        assert!(!d.message.trim().is_empty(), "{name}: empty message");
    }
    errors
}

#[test]
fn every_malformed_fixture_is_rejected_with_a_position() {
    let dir = Path::new(FIXTURES).join("malformed");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 20,
        "only {} fixtures in {}",
        names.len(),
        dir.display()
    );
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        rejected(&name, &std::fs::read(&path).unwrap());
    }
}

/// The first error of each fixture: where it points and part of what it says.
const EXPECTED: &[(&str, usize, usize, &str)] = &[
    (
        "typo_key",
        8,
        7,
        "unknown field 'comand' in component 'gen', did you mean 'command'?",
    ),
    ("missing_id", 7, 7, "entry 1 of 'sources' has no 'id'"),
    (
        "duplicate_id",
        10,
        11,
        "duplicate id 'gen': a source on line 7 already uses it",
    ),
    (
        "unknown_input",
        12,
        16,
        "names 'genn', but no component has that id, did you mean 'gen'?",
    ),
    ("cycle", 12, 21, "dependency cycle: a -> b -> c -> a"),
    ("source_with_inputs", 11, 7, "source 'gen2' has inputs"),
    (
        "command_string",
        8,
        16,
        "must be a list, for example [\"./bin/gen\", \"--rate\", \"100\"]",
    ),
    (
        "bad_duration",
        9,
        21,
        "'10 seconds' is not a duration flowctl reads; write 10s",
    ),
    (
        "refused_image",
        8,
        7,
        "'image' is not supported by the process driver yet",
    ),
    ("tab_indent", 8, 1, "indented with a tab"),
    (
        "invalid_yaml",
        9,
        7,
        "invalid YAML: invalid indentation (is the '[' on line 8 closed?)",
    ),
    (
        "wrong_api_version",
        1,
        13,
        "'apiVersion' is 'v1', but flowctl reads only 'apiVersion: flowctl/v1'",
    ),
    ("wrong_kind", 2, 7, "'kind' is 'Deployment'"),
    ("empty", 1, 1, "the file is empty"),
    ("comments_only", 1, 1, "the file is empty"),
    (
        "top_level_list",
        1,
        1,
        "must be a map starting with 'apiVersion: flowctl/v1', but this one is a list",
    ),
    (
        "duplicate_key",
        10,
        7,
        "duplicate key 'env' (first set on line 9)",
    ),
    (
        "bad_readiness",
        9,
        18,
        "use 'registered' or 'started' (did you mean 'registered'?)",
    ),
    (
        "bad_stop_signal",
        9,
        20,
        "is 'SIGSTOP'; use one of TERM, INT, HUP, QUIT, KILL, USR1, USR2",
    ),
    (
        "health_port_range",
        9,
        20,
        "must be a port number from 1 to 65535, not '70000'",
    ),
    ("sink_without_inputs", 11, 11, "sink 'out' has no inputs"),
    (
        "container_driver",
        6,
        11,
        "the container driver is not supported yet; use driver: process",
    ),
    (
        "restart_policy",
        9,
        7,
        "restart policies are not supported yet; remove the field or set restart_policy: never",
    ),
    ("health_check", 9, 7, "health checks are not supported yet"),
    (
        "spec_pipelines",
        6,
        3,
        "nested pipelines ('spec.pipelines') are not supported yet",
    ),
    ("multi_document", 9, 1, "a second YAML document starts here"),
    (
        "merge_key",
        11,
        7,
        "YAML merge keys ('<<') are not supported",
    ),
    (
        "sources_outside_spec",
        7,
        1,
        "'sources' belongs under 'spec'; check the indentation",
    ),
    ("no_components", 5, 1, "the pipeline has no components"),
    (
        "self_reference",
        13,
        20,
        "component 'upper' lists itself in 'depends_on'",
    ),
    (
        "custom_tag",
        10,
        16,
        "the YAML tag '!vault' is not supported",
    ),
    ("unknown_alias", 6, 8, "unknown anchor"),
];

#[test]
fn malformed_fixtures_point_at_the_mistake() {
    for &(name, line, column, fragment) in EXPECTED {
        let errors = rejected(name, &fixture(&format!("malformed/{name}.yaml")));
        let first = &errors.0[0];
        assert_eq!(
            (first.line, first.column),
            (line, column),
            "{name}: {errors}"
        );
        assert!(
            first.message.contains(fragment),
            "{name}: expected {fragment:?} in\n{errors}"
        );
    }
}

#[test]
fn one_mistake_gives_one_error() {
    // Guards against one error setting off others ("no command" after a
    // misspelt `command`, "no components" after a misplaced list...).
    for &(name, ..) in EXPECTED {
        let errors = rejected(name, &fixture(&format!("malformed/{name}.yaml")));
        assert_eq!(errors.len(), 1, "{name}:\n{errors}");
    }
    let three = rejected("three_errors", &fixture("malformed/three_errors.yaml"));
    assert_eq!(three.len(), 3, "{three}");
}

#[test]
fn non_utf8_is_located() {
    let mut bytes = fixture("malformed/typo_key.yaml");
    bytes.splice(40..40, [0xC3, 0x28]);
    let errors = rejected("latin1.yaml", &bytes);
    assert_eq!(errors.len(), 1);
    assert_eq!((errors.0[0].line, errors.0[0].column), (3, 3), "{errors}");
    assert!(
        errors.0[0]
            .message
            .contains("not valid UTF-8: byte 0xC3 at byte offset 40"),
        "{errors}"
    );
}

#[test]
fn oversized_files_are_refused_before_parsing() {
    let mut bytes = fixture("valid/full.yaml");
    bytes.resize(MAX_FILE_BYTES + 1, b'\n');
    let errors = rejected("huge.yaml", &bytes);
    assert!(
        errors.0[0]
            .message
            .contains("pipeline files are limited to 1 MiB"),
        "{errors}"
    );
    bytes.truncate(MAX_FILE_BYTES);
    assert!(
        parse("big.yaml", &bytes).is_ok(),
        "exactly 1 MiB is allowed"
    );
}
