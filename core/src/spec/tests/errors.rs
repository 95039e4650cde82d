//! Files that must be rejected, with the exact place and wording of the
//! errors users see most.

use super::{HEAD, err, only_error};
use crate::spec::parse;

fn with_spec(spec: &str) -> String {
    format!("{HEAD}spec:\n{spec}")
}

/// Asserts that `text` is rejected with, among its errors, each of
/// `expected` (fragments of `line:column: message`).
fn assert_errors_include(text: &str, expected: &[&str]) {
    let errors = err(text).to_string();
    for fragment in expected {
        assert!(errors.contains(fragment), "no {fragment:?} in\n{errors}");
    }
}

#[test]
fn suggests_the_field_meant() {
    let text = with_spec("  sources:\n    - id: gen\n      comand: [./g]\n");
    let errors = err(&text);
    assert_eq!(
        errors.to_string(),
        "p.yaml:8:7: unknown field 'comand' in component 'gen', did you mean 'command'?"
    );
    let text = with_spec("  sources:\n    - id: gen\n      command: [./g]\n  sink: []\n");
    assert_eq!(
        only_error(&text),
        "9:3: unknown field 'sink' in spec, did you mean 'sinks'?"
    );
    let text = "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  nmae: t\nspec: {}\n";
    let errors = err(text);
    assert!(
        errors
            .to_string()
            .contains("4:3: unknown field 'nmae' in metadata, did you mean 'name'?"),
        "{errors}"
    );
}

#[test]
fn shows_the_whole_cycle() {
    let text = with_spec(
        "  sources:\n    - {id: gen, command: [g]}\n  processors:\n    \
         - {id: a, command: [a], inputs: [gen, c]}\n    - {id: b, command: [b], inputs: [a]}\n    \
         - {id: c, command: [c], inputs: [b]}\n",
    );
    assert_eq!(
        only_error(&text),
        "9:43: dependency cycle: a -> b -> c -> a; each component waits for the one before it, \
         so none can start. Remove one of these 'inputs' or 'depends_on' entries"
    );
}

#[test]
fn a_cycle_through_depends_on_is_found_too() {
    let text = with_spec(
        "  sources:\n    - {id: a, command: [a], depends_on: [b]}\n    - {id: b, command: [b], depends_on: [a]}\n",
    );
    assert!(only_error(&text).contains("dependency cycle: a -> b -> a"));
}

#[test]
fn three_mistakes_give_three_errors() {
    let text = with_spec(
        "  sources:\n    - id: gen\n      command: [g]\n      stop_timeout: 5\n  sinks:\n    \
         - id: out\n      commnd: [o]\n      inputs: [gne]\n",
    );
    let errors = err(&text);
    let found: Vec<(usize, usize)> = errors.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(found, [(9, 21), (12, 7), (13, 16)], "{errors}");
    assert!(errors.0[0].message.contains("'5' has no unit"));
    assert!(errors.0[1].message.contains("did you mean 'command'?"));
    assert!(errors.0[2].message.contains("did you mean 'gen'?"));
}

#[test]
fn processors_and_sinks_need_inputs_and_sources_take_none() {
    let text = with_spec(
        "  sources:\n    - {id: gen, command: [g]}\n  sinks:\n    - {id: x, command: [x]}\n",
    );
    assert_eq!(
        only_error(&text),
        "9:12: sink 'x' has no inputs; add 'inputs: [<id>]' naming the component it reads from"
    );
    let text = with_spec(
        "  sources:\n    - {id: gen, command: [g]}\n  sinks:\n    - {id: x, command: [x], inputs: gen}\n",
    );
    assert!(
        only_error(&text)
            .contains("'inputs' of component 'x' must be a list, for example [\"gen\"]")
    );
    let text = with_spec("  sources:\n    - {id: gen, command: [g], inputs: []}\n");
    assert!(
        parse("p.yaml", text.as_bytes()).is_ok(),
        "an empty inputs list is no input"
    );
}

#[test]
fn reads_from_a_sink_is_an_error() {
    let text = with_spec(
        "  sources:\n    - {id: gen, command: [g]}\n  sinks:\n    - {id: a, command: [a], inputs: [gen]}\n    \
         - {id: b, command: [b], inputs: [a]}\n",
    );
    assert!(only_error(&text).contains("'a' is a sink and sinks send no events"));
}

#[test]
fn refuses_fields_it_does_not_honour() {
    let text = with_spec(
        "  sources:\n    - id: gen\n      command: [g]\n      ports: [8080]\n      volumes: []\n",
    );
    assert_errors_include(
        &text,
        &[
            "p.yaml:9:7: 'ports' is not supported by the process driver yet",
            "p.yaml:10:7: 'volumes' is not supported by the process driver yet",
        ],
    );
    let text = with_spec("  config: {a: 1}\n  sources:\n    - {id: gen, command: [g]}\n");
    assert!(only_error(&text).starts_with("6:3: pipeline-wide 'config' is not supported"));
}

#[test]
fn names_the_exact_type_mistake() {
    let text =
        with_spec("  sources:\n    - id: gen\n      command: [g]\n      env: {A: [1, 2], B: ~}\n");
    assert_errors_include(
        &text,
        &[
            "9:16: 'A' in 'env' of component 'gen' must be a single value",
            "9:27: 'B' in 'env' of component 'gen' has no value",
        ],
    );
    let text = with_spec(
        "  sources:\n    - id: gen\n      command: [g]\n      config: {a-b: 1, a.b: 2}\n",
    );
    assert!(only_error(&text).contains("both become the environment variable A_B"));
    let text =
        with_spec("  sources:\n    - id: \"\"\n      command: [g]\n      env: {\"A=B\": x}\n");
    assert_errors_include(
        &text,
        &[
            "7:11: component id '' must be made of letters",
            "9:13: 'A=B' in 'env' of entry 1 of 'sources' cannot be",
        ],
    );
}

#[test]
fn type_with_spaces_is_not_a_program() {
    let text = with_spec("  sources:\n    - id: gen\n      type: ./gen --fast\n");
    assert!(only_error(&text).contains("use command: [\"./gen\", \"--fast\"]"));
}

#[test]
fn health_ports_must_differ() {
    let text = with_spec(
        "  sources:\n    - {id: a, command: [a], health_port: 9000}\n    - {id: b, command: [b], health_port: 9000}\n",
    );
    assert!(
        only_error(&text)
            .contains("health_port 9000 of component 'b' is also used by component 'a'")
    );
}

#[test]
fn description_may_be_set_once() {
    let text = "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata: {name: t, description: x}\n\
                spec: {description: y, sources: [{id: g, command: [g]}]}\n";
    assert!(only_error(text).contains("set in both 'metadata' and 'spec'"));
}

#[test]
fn survives_hostile_yaml() {
    // The parser has a recursion limit of its own, above ours.
    let deep = "[".repeat(100_000);
    assert!(err(&deep).to_string().contains("recursion limit exceeded"));
    let deep = format!("{}{}", "[".repeat(70), "]".repeat(70));
    assert_eq!(
        only_error(&deep),
        "1:65: the YAML is nested more than 64 levels deep"
    );
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h"].iter().enumerate() {
        let prev = if i == 0 {
            "a".to_string()
        } else {
            ["b", "c", "d", "e", "f", "g"][i - 1].to_string()
        };
        bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    assert!(
        err(&bomb)
            .to_string()
            .contains("aliases expand to more than")
    );
    let errors = err("a: &a [*a]\n");
    assert!(
        errors.iter().all(|d| d.line >= 1 && d.column >= 1),
        "{errors}"
    );
    let errors = err("? [complex, key]\n: value\n");
    assert!(
        errors
            .to_string()
            .contains("a map key must be a plain name"),
        "{errors}"
    );
}
