//! Every file in `fixtures/malformed` is a realistic mistake that must be
//! rejected with a located, readable message.

use std::path::Path;

use super::expected::EXPECTED;
use super::{FIXTURES, fixture};
use crate::spec::{Diagnostics, MAX_FILE_BYTES, parse};

/// Parses `bytes`, which must be rejected, and checks every error as
/// `flowctl validate` prints it (see [`assert_located`]).
pub(super) fn rejected(name: &str, bytes: &[u8]) -> Diagnostics {
    let errors = match parse(name, bytes) {
        Ok(parsed) => panic!("{name} was accepted: {parsed:#?}"),
        Err(errors) => errors,
    };
    assert_located(name, bytes, &errors);
    errors
}

/// Every error names the file, points inside it (a line past the last one
/// is where a missing piece would go) and says something readable on one
/// line, so that each printed `FILE:LINE:COL: message` stands alone.
pub(super) fn assert_located(name: &str, bytes: &[u8], errors: &Diagnostics) {
    assert!(!errors.is_empty(), "{name}: rejected without a message");
    let lines = String::from_utf8_lossy(bytes).lines().count().max(1);
    for d in errors {
        assert_eq!(d.file, name);
        assert!(d.line >= 1 && d.column >= 1, "{name}: {d}");
        assert!(d.line <= lines + 1, "{name}: line beyond the end: {d}");
        assert!(
            d.message.trim().len() > 10 && !d.message.contains('\n'),
            "{name}: not a one-line message: {d:?}"
        );
        assert!(
            d.to_string()
                .starts_with(&format!("{name}:{}:{}: ", d.line, d.column)),
            "{name}: {d}"
        );
    }
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
