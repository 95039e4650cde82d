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
    let out = world.flowctl(&["components", "pull", &reference]).ok();
    assert!(out.contains(&index[..19]), "{out}");
    assert_eq!(cached(&world).len(), 1);
    let rm = world.flowctl(&["components", "rm", &reference]).ok();
    assert!(rm.contains("Removed"), "{rm}");
    assert!(cached(&world).is_empty());
}
