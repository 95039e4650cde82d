//! Components by reference (`type: name@version`, `image:`) pulled from a
//! real registry (`docker-registry`), verified, cached and run; and every
//! bad input with its message and nothing left in the cache.

use flowctl_tests::registry::{Entry, Registry, binary, free_port, layer};
use flowctl_tests::{World, needs, wait_until};

/// A published component image: the example generator at `/component`
/// and a `metadata.json`.
fn gen_image() -> Vec<Vec<u8>> {
    let metadata = br#"{"name":"gen","version":"v1","type":"source","produces":["tick"]}"#;
    vec![layer(
        &[
            Entry::File("component", binary("flowctl-example-gen")),
            Entry::File("metadata.json", metadata.to_vec()),
        ],
        true,
    )]
}

/// An image with the example sink under `/app` (for `image:`), and a
/// lower layer whose file a whiteout removes.
fn tools_image() -> Vec<Vec<u8>> {
    vec![
        layer(&[Entry::File("app/gone", b"x".to_vec())], false),
        layer(
            &[
                Entry::File("app/.wh.gone", Vec::new()),
                Entry::File("app/flowctl-example-sink", binary("flowctl-example-sink")),
            ],
            true,
        ),
    ]
}

fn pipeline(addr: &str) -> String {
    format!(
        "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: byref\nspec:\n  sources:\n    \
         - id: gen\n      type: gen@v1\n      env: {{PORT: \"127.0.0.1:0\"}}\n      \
         config: {{count: 20}}\n  sinks:\n    - id: out\n      image: {addr}/flowctl/tools:v1\n      \
         type: flowctl-example-sink\n      inputs: [gen]\n      \
         env: {{PORT: \"127.0.0.1:0\", OUTPUT_FILE: out.txt}}\n"
    )
}

/// `[components]` of the world's config.toml naming the test registry.
fn use_registry(world: &World, addr: &str) {
    world.write(
        "../config/flowctl/config.toml",
        &format!("[components]\nregistry = \"{addr}\"\norg = \"flowctl\"\n"),
    );
}

fn cached(world: &World) -> Vec<serde_json::Value> {
    let list = world.flowctl(&["-o", "json", "components", "list"]).json();
    list["components"].as_array().cloned().unwrap_or_default()
}

#[test]
fn referenced_components_are_pulled_run_recorded_and_then_run_from_the_cache() {
    if !needs("docker-registry", "docker-registry") {
        return;
    }
    let mut registry = Registry::start(false);
    let gen_digest = registry.push("flowctl/gen", "v1", gen_image());
    let tools_digest = registry.push("flowctl/tools", "v1", tools_image());
    let world = World::new();
    use_registry(&world, &registry.addr());
    world.write("byref.yaml", &pipeline(&registry.addr()));

    let validate = world.flowctl(&["validate", "byref.yaml"]).ok();
    assert!(validate.contains("would be fetched"), "{validate}");
    let run = world.flowctl(&["run", "byref.yaml"]);
    let out = run.ok();
    assert!(out.contains("COMPLETED"), "{run}");
    assert!(run.stderr().contains("pulled"), "{run}");
    let events = std::fs::read_to_string(world.work.join("out.txt")).unwrap();
    assert_eq!(events.lines().count(), 20, "{events}");

    let runs = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    let info = world.run_info(runs[0]["run_id"].as_str().unwrap());
    let resolved = info["resolved"].as_array().expect("resolved in run-info");
    let digest_of =
        |id: &str| resolved.iter().find(|r| r["component"] == id).unwrap()["digest"].clone();
    assert_eq!(digest_of("gen"), gen_digest.as_str(), "{info:#}");
    assert_eq!(digest_of("out"), tools_digest.as_str(), "{info:#}");
    assert_eq!(cached(&world).len(), 2);
    let validate = world.flowctl(&["validate", "byref.yaml"]).ok();
    assert!(validate.contains("cached"), "{validate}");

    // The cache alone runs it again: the registry is gone.
    registry.stop();
    std::fs::remove_file(world.work.join("out.txt")).unwrap();
    let again = world.flowctl(&["run", "--pull", "never", "byref.yaml"]);
    assert!(again.ok().contains("COMPLETED"), "{again}");
    let always = world.flowctl(&["run", "--pull", "always", "byref.yaml"]);
    let err = always.fails();
    assert!(
        err.contains("unreachable") && err.contains("--pull never"),
        "{always}"
    );
}

/// Pulls `reference` with `flowctl components pull` and returns its error.
fn pull_fails(world: &World, reference: &str) -> String {
    let run = world.flowctl(&["components", "pull", reference]);
    run.fails()
}

#[test]
fn bad_references_and_bad_images_say_why_and_install_nothing() {
    if !needs("docker-registry", "docker-registry") {
        return;
    }
    let registry = Registry::start(false);
    let addr = registry.addr();
    let world = World::new();

    let err = pull_fails(&world, &format!("{addr}/flowctl/none:v9"));
    assert!(
        err.contains("not found on registry") && err.contains(&addr),
        "{err}"
    );
    let down = format!("127.0.0.1:{}", free_port());
    let err = pull_fails(&world, &format!("{down}/flowctl/gen:v1"));
    assert!(
        err.contains("unreachable") && err.contains("--pull never"),
        "{err}"
    );

    registry.push(
        "flowctl/empty",
        "v1",
        vec![layer(&[Entry::File("etc/x", b"x".to_vec())], false)],
    );
    let err = pull_fails(&world, &format!("{addr}/flowctl/empty:v1"));
    assert!(
        err.contains("/component, /bin/component, /app/component"),
        "{err}"
    );
    // `--exec` takes what a pipeline's `image:` with `type: x` would.
    let exec = format!("{addr}/flowctl/empty:v1");
    let out = world
        .flowctl(&["components", "pull", "--exec", "/etc/x", &exec])
        .ok();
    assert!(out.contains(&exec), "{out}");
    world.flowctl(&["components", "rm", &exec]).ok();

    let escaping = layer(&[Entry::File("../evil", b"x".to_vec())], false);
    registry.push("flowctl/escape", "v1", vec![escaping]);
    let err = pull_fails(&world, &format!("{addr}/flowctl/escape:v1"));
    assert!(err.contains("escapes the image root"), "{err}");
    let absolute = layer(&[Entry::Link("component", "/usr/bin/true")], false);
    registry.push("flowctl/abslink", "v1", vec![absolute]);
    let err = pull_fails(&world, &format!("{addr}/flowctl/abslink:v1"));
    assert!(err.contains("absolute path"), "{err}");

    let good = gen_image();
    let blob = flowctl_tests::registry::digest_of(&good[0]);
    registry.push("flowctl/corrupt", "v1", good);
    let file = registry.blob_file(&blob);
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&file, bytes).unwrap();
    let err = pull_fails(&world, &format!("{addr}/flowctl/corrupt:v1"));
    assert!(
        err.contains("does not match its digest") && err.contains("nothing was installed"),
        "{err}"
    );

    let other = registry.push("flowctl/plan9", "one", gen_image());
    registry.push_index("flowctl/plan9", "v1", &[("plan9", "mips", &other)]);
    let err = pull_fails(&world, &format!("{addr}/flowctl/plan9:v1"));
    assert!(
        err.contains("no manifest for linux/") && err.contains("plan9/mips"),
        "{err}"
    );

    let err = pull_fails(&world, "gen@v1");
    assert!(
        err.contains("docker.io") || err.contains("unreachable"),
        "{err}"
    );
    assert!(cached(&world).is_empty(), "{:?}", cached(&world));
}

#[test]
fn a_registry_that_wants_a_login_names_the_credentials_file() {
    if !needs("docker-registry", "docker-registry") {
        return;
    }
    let registry = Registry::start(true);
    let world = World::new();
    let err = pull_fails(&world, &format!("{}/flowctl/gen:v1", registry.addr()));
    assert!(
        err.contains("requires authentication") && err.contains(".docker/config.json"),
        "{err}"
    );
}

#[test]
fn an_index_gives_this_platform_and_a_killed_pull_leaves_no_half_component() {
    if !needs("docker-registry", "docker-registry") {
        return;
    }
    let registry = Registry::start(false);
    let addr = registry.addr();
    // 64 MB of layer so the pull is still downloading when it is killed.
    let mut big = gen_image();
    big.push(layer(
        &[Entry::File("data/blob", vec![7u8; 64 << 20])],
        false,
    ));
    let digest = registry.push("flowctl/big", "one", big);
    let (os, arch) = (
        "linux",
        if cfg!(target_arch = "aarch64") {
            "arm64"
        } else {
            "amd64"
        },
    );
    let index = registry.push_index(
        "flowctl/big",
        "v1",
        &[("plan9", "mips", &digest), (os, arch, &digest)],
    );
    let world = World::new();
    let reference = format!("{addr}/flowctl/big:v1");
    let pull = world.spawn(world.command(&["components", "pull", &reference]));
    let staging = world.root.path().join(".cache/flowctl/components/.staging");
    let started = wait_until(flowctl_tests::PATIENCE, || {
        flowctl_tests::registry::has_files(&staging)
    });
    assert!(started, "the pull never staged anything");
    flowctl_tests::kill(pull.pid(), 9);
    assert!(cached(&world).is_empty(), "{:?}", cached(&world));
    let left = pulls_staged(&staging);
    assert_eq!(left.len(), 1, "the killed pull left no staging dir");

    // The next pull sweeps the dead one's dir; a prune while it downloads
    // leaves its dir alone.
    let mut next = world.spawn(world.command(&["components", "pull", &reference]));
    let swept = wait_until(flowctl_tests::PATIENCE, || {
        let now = pulls_staged(&staging);
        !now.contains(&left[0]) && !now.is_empty()
    });
    assert!(swept, "the next pull did not sweep {:?}", left);
    world.flowctl(&["components", "prune"]).ok();
    let status = next.wait(flowctl_tests::PATIENCE).expect("the pull ended");
    assert!(status.success(), "{}", next.stderr());
    assert!(next.stdout().contains(&index[..19]), "{}", next.stdout());
    assert!(pulls_staged(&staging).is_empty());
    assert_eq!(cached(&world).len(), 1);
    let rm = world.flowctl(&["components", "rm", &reference]).ok();
    assert!(rm.contains("Removed"), "{rm}");
    assert!(cached(&world).is_empty());
}

/// A component image at `/component` with this `metadata.json`.
fn image_of(program: &str, metadata: &str) -> Vec<Vec<u8>> {
    vec![layer(
        &[
            Entry::File("component", binary(program)),
            Entry::File("metadata.json", metadata.as_bytes().to_vec()),
        ],
        true,
    )]
}

/// A generator whose `config:` keys its metadata names (`how_many` by
/// `env_mapping`, `kind` by `config_schema`), feeding two sinks whose
/// metadata says what they consume: `tick`, and `other`.
fn mapped_images(registry: &Registry) {
    let gen_metadata = r#"{"name":"counter","version":"v1","type":"source",
        "produces":["tick"],"env_mapping":{"how_many":"COUNT"},
        "config_schema":{"kind":{"type":"string","env":"EVENT_TYPE"}}}"#;
    registry.push(
        "team/counter",
        "v1",
        image_of("flowctl-example-gen", gen_metadata),
    );
    let consumes = |types: &str| {
        format!(r#"{{"name":"sink","version":"v1","type":"sink","consumes":{types}}}"#)
    };
    let sink = image_of("flowctl-example-sink", &consumes(r#"["tick"]"#));
    registry.push("team/ticks", "v1", sink);
    let picky = image_of("flowctl-example-sink", &consumes(r#"["other"]"#));
    registry.push("team/others", "v1", picky);
}

fn mapped_pipeline(count: u32) -> String {
    format!(
        "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: mapped\nspec:\n  sources:\n    \
         - id: counter\n      type: counter@v1\n      env: {{PORT: \"127.0.0.1:0\", INTERVAL_MS: \"20\"}}\n      \
         config: {{how_many: {count}, kind: tick}}\n  sinks:\n    \
         - id: ticks\n      type: ticks@v1\n      inputs: [counter]\n      \
         env: {{PORT: \"127.0.0.1:0\", OUTPUT_FILE: ticks.txt}}\n    \
         - id: others\n      type: others@v1\n      inputs: [counter]\n      \
         env: {{PORT: \"127.0.0.1:0\", OUTPUT_FILE: others.txt}}\n"
    )
}

fn lines_in(world: &World, name: &str) -> usize {
    std::fs::read_to_string(world.work.join(name)).map_or(0, |text| text.lines().count())
}

#[test]
fn flags_beat_env_and_config_and_metadata_names_env_vars_and_event_types() {
    if !needs("docker-registry", "docker-registry") {
        return;
    }
    let registry = Registry::start(false);
    mapped_images(&registry);
    let addr = registry.addr();
    let world = World::new();
    // config.toml and the environment both point at registries that are down.
    use_registry(&world, &format!("127.0.0.1:{}", free_port()));
    world.write("mapped.yaml", &mapped_pipeline(7));
    let down_env = format!("127.0.0.1:{}", free_port());
    let flags = ["--registry", &addr, "--org", "team"];
    let with = |args: &[&str]| {
        let mut command = world.command(args);
        command
            .env("FLOWCTL_REGISTRY", &down_env)
            .env("FLOWCTL_ORG", "nobody");
        world.run(command)
    };

    let validate = with(&[&["validate", "mapped.yaml"][..], &flags].concat()).ok();
    assert!(
        validate.contains(&format!("{addr}/team/counter:v1"))
            && validate.contains("would be fetched"),
        "{validate}"
    );
    let pull = with(&[&["components", "pull"][..], &flags, &["ticks@v1"]].concat());
    assert!(pull.ok().contains("ticks"), "{pull}");
    let insecure = with(&[
        "components",
        "--insecure-registry",
        &addr,
        "pull",
        &format!("{addr}/team/others:v1"),
    ]);
    insecure.ok();
    let run = with(&[&["run"][..], &flags, &["mapped.yaml"]].concat());
    assert!(run.ok().contains("COMPLETED"), "{run}");

    // `how_many` became COUNT (env_mapping), `kind` EVENT_TYPE
    // (config_schema): seven `tick`s, all to the sink consuming `tick`.
    let ticks = std::fs::read_to_string(world.work.join("ticks.txt")).unwrap();
    assert_eq!(ticks.lines().count(), 7, "{ticks}");
    assert!(
        ticks.lines().all(|l| l.split(' ').nth(1) == Some("tick")),
        "{ticks}"
    );
    assert_eq!(
        lines_in(&world, "others.txt"),
        0,
        "`consumes: [other]` got ticks"
    );
    // Without the flags, the environment's registry (down) is asked.
    let env_only = with(&["components", "pull", "--always", "counter@v1"]);
    let err = env_only.fails();
    assert!(
        err.contains(&down_env) && err.contains("nobody/counter"),
        "{env_only}"
    );
}

/// Each referenced component's digest and executable in `info`.
fn resolved_of(info: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut all: Vec<_> = info["resolved"]
        .as_array()
        .expect("resolved in run-info")
        .iter()
        .map(|r| {
            let text = |key: &str| r[key].as_str().unwrap_or_default().to_owned();
            (text("component"), text("digest"), text("executable"))
        })
        .collect();
    all.sort();
    all
}

/// The executables the run's component processes are running.
fn running_executables(info: &serde_json::Value) -> Vec<String> {
    let mut exes: Vec<String> = flowctl_tests::pids(info)
        .into_iter()
        .filter_map(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).ok())
        .map(|path| path.display().to_string())
        .collect();
    exes.sort();
    exes
}

#[test]
fn a_resumed_or_rerun_run_of_references_runs_the_same_bits_without_the_registry() {
    if !needs("docker-registry", "docker-registry") {
        return;
    }
    let mut registry = Registry::start(false);
    mapped_images(&registry);
    let world = World::new();
    world.write(
        "../config/flowctl/config.toml",
        &format!(
            "[components]\nregistry = \"{}\"\norg = \"team\"\n",
            registry.addr()
        ),
    );
    world.write("mapped.yaml", &mapped_pipeline(0));
    let run = world.detach("mapped.yaml");
    let info = world.wait_until_running(&run);
    let pinned = resolved_of(&info);
    assert_eq!(pinned.len(), 3, "{info:#}");
    let mut expected: Vec<String> = pinned.iter().map(|(_, _, exe)| exe.clone()).collect();
    expected.sort();
    assert_eq!(running_executables(&info), expected, "{info:#}");
    registry.stop();

    world.flowctl(&["daemon", "restart"]).ok();
    let resumed = world.wait_until_running(&run);
    assert_eq!(resolved_of(&resumed), pinned, "{resumed:#}");
    assert_eq!(running_executables(&resumed), expected, "{resumed:#}");
    let before = lines_in(&world, "ticks.txt");
    let flowed = wait_until(flowctl_tests::PATIENCE, || {
        lines_in(&world, "ticks.txt") >= before + 5
    });
    assert!(flowed, "the resumed run relayed nothing: {resumed:#}");

    world.flowctl(&["pipelines", "stop", &run]).ok();
    let restart = world.flowctl(&["pipelines", "restart", "--detach", &run]);
    restart.ok();
    let rerun = world.the_active_run();
    assert_ne!(rerun, run, "{restart}");
    let again = world.wait_until_running(&rerun);
    assert_eq!(resolved_of(&again), pinned, "{again:#}");
    assert_eq!(running_executables(&again), expected, "{again:#}");
    world.flowctl(&["pipelines", "stop", &rerun]).ok();
}

#[test]
fn the_old_flowctl_cache_runs_a_component_with_no_registry_at_all() {
    let world = World::new();
    let legacy = world.root.path().join(".flowctl/components/gen/v1");
    std::fs::create_dir_all(&legacy).unwrap();
    let component = legacy.join("component");
    std::fs::write(&component, binary("flowctl-example-gen")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&component, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(
        legacy.join("metadata.json"),
        r#"{"name":"gen","version":"v1","type":"source","env_mapping":{"n":"COUNT"}}"#,
    )
    .unwrap();
    // Nothing listens at docker.io's stand-in: a network lookup would fail.
    let mut command = world.command(&["validate", "old.yaml"]);
    command.env("HTTPS_PROXY", format!("http://127.0.0.1:{}", free_port()));
    world.write(
        "old.yaml",
        &format!(
            "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: old\nspec:\n  sources:\n    \
             - id: gen\n      type: gen@v1\n      env: {{PORT: \"127.0.0.1:0\"}}\n      \
             config: {{n: 4}}\n  sinks:\n    - id: out\n      command: {}\n      inputs: [gen]\n      \
             {}\n",
            flowctl_tests::example("sink"),
            flowctl_tests::example_env(&[("OUTPUT_FILE", "out.txt")])
        ),
    );
    let validate = world.run(command);
    assert!(
        validate.ok().contains("the old flowctl's cache"),
        "{validate}"
    );
    let mut command = world.command(&["run", "old.yaml"]);
    command.env("HTTPS_PROXY", format!("http://127.0.0.1:{}", free_port()));
    let run = world.run(command);
    assert!(run.ok().contains("COMPLETED"), "{run}");
    assert_eq!(lines_in(&world, "out.txt"), 4);
    let runs = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    let info = world.run_info(runs[0]["run_id"].as_str().unwrap());
    let (_, _, exe) = resolved_of(&info).remove(0);
    assert_eq!(exe, component.display().to_string(), "{info:#}");
}

/// The `pull-*` staging dirs in `staging`.
fn pulls_staged(staging: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(staging)
        .map(|dir| {
            dir.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("pull-"))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn two_pulls_of_one_reference_at_once_download_it_once() {
    if !needs("docker-registry", "docker-registry") {
        return;
    }
    let registry = Registry::start(false);
    // Big enough that the first pull still downloads when the second starts.
    let mut big = gen_image();
    big.push(layer(
        &[Entry::File("data/blob", vec![7u8; 64 << 20])],
        false,
    ));
    registry.push("flowctl/big", "v1", big);
    let world = World::new();
    let reference = format!("{}/flowctl/big:v1", registry.addr());
    let staging = world.root.path().join(".cache/flowctl/components/.staging");
    let mut first = world.spawn(world.command(&["components", "pull", &reference]));
    let downloading = wait_until(flowctl_tests::PATIENCE, || {
        flowctl_tests::registry::has_files(&staging)
    });
    assert!(downloading, "the first pull never staged anything");
    let mut second = world.spawn(world.command(&["components", "pull", &reference]));
    for pull in [&mut first, &mut second] {
        let status = pull.wait(flowctl_tests::PATIENCE).expect("the pull ended");
        assert!(status.success(), "{}", pull.stderr());
    }
    // The first downloaded (its "pulled" line); the second waited for the
    // reference's lock and found it installed.
    assert!(first.stderr().contains("pulled "), "{}", first.stderr());
    assert!(!second.stderr().contains("pulled "), "{}", second.stderr());
    assert_eq!(first.stdout(), second.stdout());
    assert_eq!(cached(&world).len(), 1);
}
