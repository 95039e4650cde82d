//! What `flowctl validate` and `flowctl run` print for pipeline files users
//! get wrong: every error as `file:line:column: message`, the count, exit
//! status 1, and never a panic. Which files are refused with which message
//! is tested in-process, over every fixture and fuzzed input, in
//! `core/src/spec/tests`.

use std::path::{Path, PathBuf};

use flowctl_tests::{Run, World};

/// A few of the malformed pipelines the validator's own tests use (in
/// `core/src/spec/tests`, in-process, with every fixture and the fuzzing):
/// one mistake, three mistakes, broken YAML.
fn malformed_fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fixtures/malformed");
    ["typo_key.yaml", "three_errors.yaml", "invalid_yaml.yaml"]
        .iter()
        .map(|name| dir.join(name))
        .inspect(|path| assert!(path.is_file(), "{} is missing", path.display()))
        .collect()
}

/// Neither stream of `run` shows a panic.
fn assert_no_panic(run: &Run) {
    let all = format!("{}{}", run.stdout(), run.stderr());
    assert!(
        !all.contains("panicked") && !all.contains("RUST_BACKTRACE"),
        "{run}"
    );
}

/// Asserts that `run` refused `file` with exit status 1, every error line
/// as `FILE:LINE:COL: message` inside the file, and the count after them.
/// Returns the messages.
fn assert_refused(run: &Run, file: &str, text: &[u8]) -> Vec<String> {
    assert_no_panic(run);
    assert_eq!(run.code(), Some(1), "{run}");
    assert!(!run.stdout().contains("validation passed"), "{run}");
    let stderr = run.stderr();
    let mut lines: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("warning:"))
        .collect();
    let summary = lines.pop().unwrap_or_default();
    assert!(
        summary.starts_with("Pipeline validation failed: ")
            && summary.ends_with(&format!("{} error(s)", lines.len())),
        "the last line counts the errors\n{run}"
    );
    assert!(!lines.is_empty(), "no error shown\n{run}");
    let last_line = String::from_utf8_lossy(text).lines().count().max(1) + 1;
    lines
        .iter()
        .map(|line| {
            let rest = line
                .strip_prefix(&format!("{file}:"))
                .unwrap_or_else(|| panic!("{line:?} does not start with {file}:\n{run}"));
            let mut parts = rest.splitn(3, ':');
            let (row, column, message) = (parts.next(), parts.next(), parts.next());
            let row: usize = row
                .and_then(|r| r.parse().ok())
                .unwrap_or_else(|| panic!("no line number in {line:?}"));
            let column: usize = column
                .and_then(|c| c.parse().ok())
                .unwrap_or_else(|| panic!("no column number in {line:?}"));
            assert!(
                (1..=last_line).contains(&row) && column >= 1,
                "{line:?} points outside the file"
            );
            let message = message.unwrap_or_default();
            assert!(
                message.starts_with(' ') && message.trim().len() > 10,
                "{line:?} has no message"
            );
            message.trim().to_owned()
        })
        .collect()
}

/// Asserts that no daemon runs, and none was ever started, in `world`.
fn assert_no_daemon(world: &World) {
    let status = world.flowctl(&["daemon", "status"]);
    assert_eq!(status.code(), Some(3), "{status}");
    assert!(status.stdout().contains("not running"), "{status}");
    assert!(!world.socket.exists(), "a daemon was started");
}

#[test]
fn malformed_files_are_refused_with_file_line_and_column() {
    let world = World::new();
    for path in malformed_fixtures() {
        let file = path.display().to_string();
        let text = std::fs::read(&path).unwrap();
        let run = world.flowctl(&["validate", &file]);
        let messages = assert_refused(&run, &file, &text);

        // The same errors, as JSON.
        let json = world.flowctl(&["-o", "json", "validate", &file]);
        assert_eq!(json.code(), Some(1), "{json}");
        assert_no_panic(&json);
        let value: serde_json::Value = serde_json::from_str(&json.stdout())
            .unwrap_or_else(|e| panic!("not JSON ({e})\n{json}"));
        assert_eq!(value["valid"], false, "{json}");
        let errors = value["errors"].as_array().unwrap();
        assert_eq!(errors.len(), messages.len(), "{json}\n{run}");
        for error in errors {
            assert!(
                error.as_str().unwrap().starts_with(&format!("{file}:")),
                "{json}"
            );
        }
    }
}

#[test]
fn run_of_a_malformed_file_fails_without_starting_a_daemon() {
    let world = World::new();
    for path in malformed_fixtures() {
        let file = path.display().to_string();
        let text = std::fs::read(&path).unwrap();
        let run = world.flowctl(&["run", &file]);
        assert_refused(&run, &file, &text);
        let detached = world.flowctl(&["run", "--detach", &file]);
        assert_refused(&detached, &file, &text);
    }
    assert_no_daemon(&world);
}

#[test]
fn missing_files_and_directories_are_clear_errors() {
    let world = World::new();
    std::fs::create_dir(world.work.join("pipelines")).unwrap();
    for command in ["validate", "run"] {
        let missing = world.flowctl(&[command, "nope.yaml"]);
        assert_no_panic(&missing);
        let said = missing.fails();
        assert!(
            said.contains("nope.yaml") && said.contains("No such file"),
            "{missing}"
        );

        // Without a file, `flow.yml` is what is missing.
        let default = world.flowctl(&[command]);
        assert_no_panic(&default);
        assert!(default.fails().contains("flow.yml"), "{default}");

        let directory = world.flowctl(&[command, "pipelines"]);
        assert_no_panic(&directory);
        let said = directory.fails();
        assert!(
            said.contains("pipelines") && said.contains("is a directory"),
            "{directory}"
        );
    }
    assert_no_daemon(&world);
}

#[test]
fn unknown_keys_get_a_did_you_mean() {
    let world = World::new();
    let text = "\
apiVersion: flowctl/v1
kind: Pipeline
metdata:
  name: typos
spec:
  sources:
    - id: gen
      comand: [\"./bin/gen\"]
  sinks:
    - id: out
      command: [\"./bin/out\"]
      inptus: [gen]
";
    world.write("typos.yaml", text);
    let run = world.flowctl(&["validate", "typos.yaml"]);
    let messages = assert_refused(&run, "typos.yaml", text.as_bytes());
    let lines: Vec<String> = run.stderr().lines().map(str::to_owned).collect();
    for (at, typo, meant) in [
        ("typos.yaml:3:1:", "metdata", "metadata"),
        ("typos.yaml:8:7:", "comand", "command"),
        ("typos.yaml:12:7:", "inptus", "inputs"),
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(at)
                && l.contains(&format!("'{typo}'"))
                && l.contains(&format!("did you mean '{meant}'"))),
            "no suggestion of '{meant}' for '{typo}' at {at}\n{messages:#?}"
        );
    }
}

#[test]
fn files_that_are_no_pipeline_are_refused_without_a_panic() {
    let world = World::new();
    let cases: [(&str, &[u8]); 3] = [
        ("not-utf8.yaml", b"\xff\xfe\x00apiVersion: flowctl/v1\n"),
        ("nul.yaml", &[0u8; 64]),
        ("deep-flow.yaml", &[b'['; 100_000]),
    ];
    for (name, bytes) in cases {
        std::fs::write(world.work.join(name), bytes).unwrap();
        let run = world.flowctl(&["validate", name]);
        assert_refused(&run, name, bytes);
    }

    // Too big to be a pipeline: refused before reading, by size.
    std::fs::write(world.work.join("huge.yaml"), vec![b'#'; 2 * 1024 * 1024]).unwrap();
    let run = world.flowctl(&["validate", "huge.yaml"]);
    assert_no_panic(&run);
    assert!(run.fails().contains("limited to 1 MiB"), "{run}");
}

#[test]
fn a_valid_file_passes_and_shows_its_start_order() {
    let world = World::new();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fixtures/valid/full.yaml");
    let file = path.display().to_string();
    let run = world.flowctl(&["validate", &file]);
    let out = run.ok();
    assert!(out.contains("Pipeline validation passed"), "{run}");
    assert!(out.contains("Start order: "), "{run}");
    assert_no_panic(&run);
    let json = world.flowctl(&["-o", "json", "validate", &file]).json();
    assert_eq!(json["valid"], true, "{json:#}");
    assert!(
        json["start_order"]
            .as_array()
            .is_some_and(|o| !o.is_empty()),
        "{json:#}"
    );
}
