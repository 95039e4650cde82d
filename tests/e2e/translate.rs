//! `flowctl translate`: golden files for every format of every example
//! pipeline (and of a pipeline using every field), each output checked by
//! the real validator of its engine, and the errors a user meets.
//!
//! `UPDATE_GOLDEN=1 cargo test -p flowctl-tests --test e2e translate::`
//! rewrites the golden files under `tests/golden/translate/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use flowctl_tests::{Run, World, bin, needs};

/// The formats, with whether each is given an image per component (the
/// container formats need one; Nomad without images runs `raw_exec`).
const FORMATS: [(&str, bool); 6] = [
    ("kubernetes", true),
    ("podman", true),
    ("docker-compose", true),
    ("local", true),
    ("systemd", false),
    ("nomad", false),
];

/// The pipelines translated: every example, and the one using every field.
fn cases() -> Vec<(String, PathBuf)> {
    let repo = repo();
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(repo.join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    cases.sort();
    cases.push(("full".into(), repo.join("core/fixtures/valid/full.yaml")));
    cases.push((
        "supervision".into(),
        repo.join("core/fixtures/valid/supervision.yaml"),
    ));
    cases.push((
        "by-reference".into(),
        repo.join("tests/fixtures/translate/by-reference.yaml"),
    ));
    cases
}

/// The golden case of a secured plane: the example chain translated with
/// these flags.
const SECURED: &str = "chain-secured";
const SECURED_FLAGS: [&str; 4] = ["--token-secret", "chain-token", "--tls-secret", "chain-tls"];

fn chain_file() -> PathBuf {
    repo().join("examples/chain.yaml")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn golden_dir(case: &str, format: &str) -> PathBuf {
    repo()
        .join("tests/golden/translate")
        .join(case)
        .join(format)
}

/// The ids of a pipeline's components not named by reference (those
/// take their image from `type: name@version`).
fn ids(file: &Path) -> Vec<String> {
    let bytes = std::fs::read(file).unwrap();
    let parsed = flowctl_core::spec::parse("p.yaml", &bytes).expect("a valid pipeline");
    parsed
        .pipeline
        .components
        .into_iter()
        .filter(|c| !c.type_name.as_deref().is_some_and(|t| t.contains('@')))
        .map(|c| c.id)
        .collect()
}

/// Translates `file` (copied into the world's work dir) to `format` in
/// `out`, and returns the run.
fn translate(world: &World, file: &Path, format: &str, images: bool, out: &Path) -> Run {
    translate_with(world, file, format, images, out, &[])
}

/// [`translate`] with `extra` flags.
fn translate_with(
    world: &World,
    file: &Path,
    format: &str,
    images: bool,
    out: &Path,
    extra: &[&str],
) -> Run {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::copy(file, world.work.join(&name)).unwrap();
    let mut args: Vec<String> = vec![
        "translate".into(),
        "-f".into(),
        name,
        "-o".into(),
        format.into(),
    ];
    if images {
        for id in ids(file) {
            args.extend([
                "--image".into(),
                format!("{id}=registry.example/flowctl-examples:1.0"),
            ]);
        }
    }
    args.extend(["--out-dir".into(), out.display().to_string()]);
    args.extend(extra.iter().map(|a| a.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    world.flowctl(&args)
}

/// Files of `dir` by name, with the machine's paths replaced by `$CWD`
/// and `$BIN`, so golden files hold no absolute path of this machine.
fn read_normalized(world: &World, dir: &Path, stderr: &str) -> BTreeMap<String, String> {
    let bin_dir = bin("flowctl").parent().unwrap().display().to_string();
    let work = world.work.display().to_string();
    let normalize = |text: &str| text.replace(&bin_dir, "$BIN").replace(&work, "$CWD");
    let mut files: BTreeMap<String, String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                normalize(&text),
            )
        })
        .collect();
    files.insert("warnings.txt".into(), normalize(stderr));
    files
}

fn compare_golden(case: &str, format: &str, actual: &BTreeMap<String, String>) {
    let dir = golden_dir(case, format);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in actual {
            std::fs::write(dir.join(name), text).unwrap();
        }
        return;
    }
    let expected: BTreeMap<String, String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().path())
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .collect(),
        Err(err) => panic!(
            "no golden files in {} ({err}); run with UPDATE_GOLDEN=1 to write them",
            dir.display()
        ),
    };
    assert_eq!(
        expected.keys().collect::<Vec<_>>(),
        actual.keys().collect::<Vec<_>>(),
        "files of {case} as {format} differ from {}; UPDATE_GOLDEN=1 rewrites them",
        dir.display()
    );
    for (name, text) in actual {
        assert_eq!(
            &expected[name],
            text,
            "{name} of {case} as {format} differs from {}; UPDATE_GOLDEN=1 rewrites it",
            dir.display()
        );
    }
}

/// Runs `command` in the world and fails the test on any stderr output or
/// failure, printing both.
fn validator(world: &World, command: Command) {
    let run = world.run(command);
    run.ok();
    let stderr = run.stderr();
    let noise: Vec<&str> = stderr.lines().filter(|l| !l.starts_with("INFO ")).collect();
    assert!(noise.is_empty(), "the validator complained\n{run}");
}

#[test]
fn every_pipeline_in_every_format_matches_its_golden_files() {
    for (case, file) in cases() {
        for (format, images) in FORMATS {
            let world = World::new();
            let out = world.work.join("out");
            let run = translate(&world, &file, format, images, &out);
            run.ok();
            compare_golden(&case, format, &read_normalized(&world, &out, &run.stderr()));
        }
    }
    for (format, images) in FORMATS {
        let world = World::new();
        let out = world.work.join("out");
        let run = translate_with(&world, &chain_file(), format, images, &out, &SECURED_FLAGS);
        run.ok();
        compare_golden(
            SECURED,
            format,
            &read_normalized(&world, &out, &run.stderr()),
        );
    }
}

/// Both flavours of the Kubernetes output: for a cluster, and for
/// `podman kube play`.
#[test]
fn kubernetes_output_passes_kubernetes_validate_strict() {
    if !needs("kubernetes-validate", "kubernetes-validate (pip)") {
        return;
    }
    let secured = (SECURED.to_owned(), chain_file());
    for (case, file) in cases().into_iter().chain([secured]) {
        for format in ["kubernetes", "podman"] {
            let world = World::new();
            let out = world.work.join("out");
            let extra: &[&str] = if case == SECURED { &SECURED_FLAGS } else { &[] };
            translate_with(&world, &file, format, true, &out, extra).ok();
            let name = format!("{}.{format}.yaml", pipeline_name(&file));
            let mut check = Command::new("kubernetes-validate");
            check.arg("--strict").arg(out.join(&name));
            validator(&world, check);
        }
    }
}

#[test]
fn compose_output_passes_the_compose_spec_schema() {
    if !needs("check-jsonschema", "check-jsonschema (pip)") {
        return;
    }
    let secured = (SECURED.to_owned(), chain_file());
    for (case, file) in cases().into_iter().chain([secured]) {
        let extra: &[&str] = if case == SECURED { &SECURED_FLAGS } else { &[] };
        for format in ["docker-compose", "local"] {
            let world = World::new();
            let out = world.work.join("out");
            translate_with(&world, &file, format, true, &out, extra).ok();
            let mut check = Command::new("check-jsonschema");
            check
                .args(["--builtin-schema", "vendor.compose-spec"])
                .arg(out.join("compose.yaml"));
            validator(&world, check);
        }
    }
}

#[test]
fn systemd_units_pass_systemd_analyze_verify() {
    if !needs("systemd-analyze", "systemd") {
        return;
    }
    // The examples run ./target/release/...: here, the binaries built for
    // these tests. (The fixtures' programs exist on no machine, and verify
    // checks that ExecStart= is executable, so they are left out.)
    let secured = (SECURED.to_owned(), chain_file());
    for (case, file) in cases()
        .into_iter()
        .filter(|(_, file)| file.starts_with(repo().join("examples")))
        .chain([secured])
    {
        let extra: &[&str] = if case == SECURED { &SECURED_FLAGS } else { &[] };
        let world = World::new();
        std::fs::create_dir_all(world.work.join("target")).unwrap();
        std::os::unix::fs::symlink(
            bin("flowctl-example-gen").parent().unwrap(),
            world.work.join("target/release"),
        )
        .unwrap();
        let out = world.work.join("out");
        translate_with(&world, &file, "systemd", false, &out, extra).ok();
        let mut units: Vec<PathBuf> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        units.sort();
        let mut verify = Command::new("systemd-analyze");
        verify
            .args(["--man=no", "verify"])
            .args(&units)
            .current_dir(&out);
        let run = world.run(verify);
        run.ok();
        assert_eq!(
            run.stderr().trim(),
            "",
            "systemd-analyze warned on {case}\n{run}"
        );
    }
}

fn pipeline_name(file: &Path) -> String {
    let bytes = std::fs::read(file).unwrap();
    flowctl_core::spec::parse("p.yaml", &bytes)
        .expect("a valid pipeline")
        .pipeline
        .name
}

#[test]
fn a_component_without_an_image_is_an_error_naming_it_and_the_three_ways() {
    let world = World::new();
    let file = repo().join("examples/chain.yaml");
    let out = world.work.join("out");
    let message = translate(&world, &file, "kubernetes", false, &out).fails();
    assert!(
        message.contains("component 'gen' has no image"),
        "{message}"
    );
    for way in ["--image gen=IMAGE", "type: name@version", "'image:'"] {
        assert!(message.contains(way), "{way} missing from: {message}");
    }
    assert!(!out.exists(), "nothing may be written on an error");
}

#[test]
fn an_unknown_format_or_image_target_is_refused() {
    let world = World::new();
    std::fs::copy(
        repo().join("examples/chain.yaml"),
        world.work.join("chain.yaml"),
    )
    .unwrap();
    let message = world
        .flowctl(&["translate", "-f", "chain.yaml", "-o", "helm"])
        .fails();
    assert!(message.contains("unknown format 'helm'"), "{message}");
    assert!(
        message.contains("kubernetes, podman, docker-compose, local, systemd, nomad"),
        "{message}"
    );
    let message = world
        .flowctl(&[
            "translate",
            "-f",
            "chain.yaml",
            "--output=nomad",
            "--image",
            "nope=x:1",
        ])
        .fails();
    assert!(message.contains("no component 'nope'"), "{message}");
    assert!(message.contains("gen, upper, out"), "{message}");
}

#[test]
fn an_existing_file_is_never_written_over_unless_forced() {
    let world = World::new();
    std::fs::copy(
        repo().join("examples/chain.yaml"),
        world.work.join("chain.yaml"),
    )
    .unwrap();
    let target = world.write("nomad.json", "mine\n");
    let args = [
        "translate",
        "-f",
        "chain.yaml",
        "-o",
        "nomad",
        "--to-file",
        "nomad.json",
    ];
    let message = world.flowctl(&args).fails();
    assert!(message.contains("exists already"), "{message}");
    assert!(message.contains("--force"), "{message}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine\n");

    let mut forced = args.to_vec();
    forced.push("--force");
    world.flowctl(&forced).ok();
    let job: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(job["Job"]["ID"], "chain");
}

#[test]
fn stdout_is_the_default_and_warns_about_an_insecure_plane() {
    let world = World::new();
    std::fs::copy(
        repo().join("examples/hello.yaml"),
        world.work.join("hello.yaml"),
    )
    .unwrap();
    let run = world.flowctl(&["translate", "-f", "hello.yaml", "-o", "nomad"]);
    let job: serde_json::Value = serde_json::from_str(&run.ok()).unwrap();
    assert!(job["Job"]["TaskGroups"].is_array());
    let warned = run.stderr();
    assert!(
        warned.contains("--insecure")
            && warned.contains("--token-secret NAME")
            && warned.contains("--tls-secret NAME"),
        "{run}"
    );
    // TLS without a token would admit no component: refused, saying why.
    let refused = world
        .flowctl(&[
            "translate",
            "-f",
            "hello.yaml",
            "-o",
            "nomad",
            "--tls-secret",
            "t",
        ])
        .fails();
    assert!(refused.contains("--token-secret"), "{refused}");
}

/// What a unit file runs: its `ExecStart=` words, `WorkingDirectory=` and
/// `Environment=` assignments, as systemd would read these simple ones.
struct Unit {
    exec: Vec<String>,
    dir: Option<PathBuf>,
    env: Vec<(String, String)>,
}

fn read_unit(path: &Path, specifiers: &[(&str, String)]) -> Unit {
    let text = std::fs::read_to_string(path).unwrap();
    let expand = |value: &str| {
        let mut value = value.to_owned();
        for (specifier, replacement) in specifiers {
            value = value.replace(specifier, replacement);
        }
        value.replace("%%", "%")
    };
    let mut unit = Unit {
        exec: Vec::new(),
        dir: None,
        env: Vec::new(),
    };
    for line in text.lines() {
        if let Some(exec) = line.strip_prefix("ExecStart=") {
            unit.exec = exec.split_whitespace().map(expand).collect();
        } else if let Some(dir) = line.strip_prefix("WorkingDirectory=") {
            unit.dir = Some(PathBuf::from(expand(dir)));
        } else if let Some(assignment) = line.strip_prefix("Environment=") {
            let assignment = expand(assignment.trim_matches('"'));
            let (key, value) = assignment.split_once('=').unwrap();
            unit.env.push((key.to_owned(), value.to_owned()));
        }
    }
    assert!(!unit.exec.is_empty(), "no ExecStart= in {}", path.display());
    unit
}

/// The translated systemd units of the example chain, started as systemd
/// would start them (ExecStart=, WorkingDirectory=, Environment=): the
/// components register with the no-spawn flowctld of the flowctld unit,
/// every event reaches the sink's file and the run is COMPLETED in that
/// flowctld's record. (systemd itself needs to be PID 1, which a test is
/// not; `systemd_units_pass_systemd_analyze_verify` checks the files.)
#[test]
fn the_translated_systemd_units_run_the_chain_to_completion() {
    let world = World::new();
    let runtime = world.private_dir("run");
    std::fs::create_dir_all(world.work.join("target")).unwrap();
    std::os::unix::fs::symlink(
        bin("flowctl-example-gen").parent().unwrap(),
        world.work.join("target/release"),
    )
    .unwrap();
    std::fs::copy(
        repo().join("examples/chain.yaml"),
        world.work.join("chain.yaml"),
    )
    .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    world
        .flowctl(&[
            "translate",
            "-f",
            "chain.yaml",
            "-o",
            "systemd",
            "--out-dir",
            "units",
            "--control-plane-port",
            &port,
        ])
        .ok();
    let units = world.work.join("units");
    let specifiers = [
        ("%S", world.root.path().join("state").display().to_string()),
        ("%t", runtime.display().to_string()),
    ];
    let plane = read_unit(&units.join("chain-flowctld.service"), &specifiers);
    let mut daemon = Command::new(&plane.exec[0]);
    daemon
        .args(&plane.exec[1..])
        .envs(world.env())
        .env_remove("XDG_RUNTIME_DIR")
        .envs(
            plane
                .env
                .iter()
                .filter(|(k, _)| k != "FLOWCTL_SOCKET")
                .cloned(),
        )
        .current_dir(&world.work);
    let _daemon = world.spawn(daemon);
    assert!(
        flowctl_tests::wait_until(flowctl_tests::PATIENCE, || world.socket.exists()),
        "the flowctld unit's daemon never listened on {}",
        world.socket.display()
    );
    let run = world.the_active_run();
    let mut components = Vec::new();
    for id in ["out", "upper", "gen"] {
        let unit = read_unit(&units.join(format!("chain-{id}.service")), &specifiers);
        let mut command = Command::new(&unit.exec[0]);
        command
            .args(&unit.exec[1..])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .envs(unit.env.iter().cloned())
            .current_dir(unit.dir.as_ref().unwrap());
        components.push(world.spawn(command));
    }
    let ended = world.wait_ended(&run);
    assert_eq!(ended["status"], "COMPLETED", "{ended:#}");
    let written = std::fs::read_to_string(world.work.join("chain-out.txt")).unwrap();
    assert_eq!(written.lines().count(), 1000, "{written}");
}
