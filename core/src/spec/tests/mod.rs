//! Tests of `parse` as a whole, on files a user could write. Unit tests of
//! single pieces live next to them.

mod corpus;
mod depends;
mod errors;
mod expected;
mod fuzz;
mod metadata;
mod probe;
mod restart;
mod valid;

use super::{Diagnostics, Parsed, parse};

/// Where the pipeline files used by these tests live. When this module
/// moves to another crate, move `fixtures/` beside that crate's Cargo.toml.
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{FIXTURES}/{path}");
    std::fs::read(&full).unwrap_or_else(|e| panic!("reading {full}: {e}"))
}

/// Parses text that must be accepted, showing the errors if it is not.
fn ok(text: &str) -> Parsed {
    parse("p.yaml", text.as_bytes())
        .unwrap_or_else(|e| panic!("expected success, got:\n{e}\nfor:\n{text}"))
}

/// Parses text that must be rejected.
fn err(text: &str) -> Diagnostics {
    match parse("p.yaml", text.as_bytes()) {
        Ok(parsed) => panic!("expected errors, got {parsed:#?}\nfor:\n{text}"),
        Err(e) => e,
    }
}

/// The one error `text` must produce, as `line:column: message`.
fn only_error(text: &str) -> String {
    let errors = err(text);
    assert_eq!(errors.len(), 1, "expected one error, got:\n{errors}");
    let d = &errors.0[0];
    format!("{}:{}: {}", d.line, d.column, d.message)
}

/// The head of a pipeline, to which tests append `spec`.
const HEAD: &str = "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: t\n";
