//! Figure (ignored; run by hand): pulling a 20 MB single-layer component
//! from a local registry, cold (flowctl vs `skopeo copy` as the floor) and
//! warm (what resolving from the cache adds to a command).
//!
//! `cargo build --workspace --bins && cargo test -p flowctl-tests --test pull -- --ignored --nocapture`

use std::time::{Duration, Instant};

use flowctl_tests::registry::{Entry, Registry, binary, layer};
use flowctl_tests::{World, needs};

/// Bytes that do not compress, so the layer really is 20 MB on the wire.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn timed(world: &World, args: &[&str]) -> Duration {
    let start = Instant::now();
    world.flowctl(args).ok();
    start.elapsed()
}

#[test]
#[ignore = "figure, not a test"]
fn pull_cold_and_warm() {
    if !needs("docker-registry", "docker-registry") || !needs("skopeo", "skopeo") {
        return;
    }
    let registry = Registry::start(false);
    let image = vec![layer(
        &[
            Entry::File("component", binary("flowctl-example-gen")),
            Entry::File("data/pad", noise(20 << 20)),
        ],
        false,
    )];
    registry.push("flowctl/big", "v1", image);
    let reference = format!("{}/flowctl/big:v1", registry.addr());

    let cold: Vec<Duration> = (0..3)
        .map(|_| timed(&World::new(), &["components", "pull", &reference]))
        .collect();
    let skopeo: Vec<Duration> = (0..3)
        .map(|_| {
            let dir = tempfile::tempdir().unwrap();
            let start = Instant::now();
            let status = std::process::Command::new("skopeo")
                .args(["copy", "--src-tls-verify=false"])
                .arg(format!("docker://{reference}"))
                .arg(format!("dir:{}", dir.path().join("x").display()))
                .stdout(std::process::Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
            start.elapsed()
        })
        .collect();

    let world = World::new();
    world.flowctl(&["components", "pull", &reference]).ok();
    let plain = "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: p\nspec:\n  sources:\n    - id: gen\n      command: [gen]\n";
    world.write("plain.yaml", plain);
    world.write(
        "byref.yaml",
        &plain.replace("command: [gen]", &format!("type: {reference}")),
    );
    let warm: Vec<Duration> = (0..20)
        .map(|_| timed(&world, &["validate", "byref.yaml"]))
        .collect();
    let base: Vec<Duration> = (0..20)
        .map(|_| timed(&world, &["validate", "plain.yaml"]))
        .collect();
    println!(
        "cold pull of 20 MB, flowctl components pull: {:?}",
        median(cold)
    );
    println!(
        "cold pull of 20 MB, skopeo copy:            {:?}",
        median(skopeo)
    );
    println!(
        "warm: validate with a cached reference {:?}, without {:?}",
        median(warm),
        median(base)
    );
}
