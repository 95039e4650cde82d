//! `podman kube play` of a translated pipeline: the podman flavour of the
//! Kubernetes output (`flowctl translate -o podman`) played by the real
//! engine, with images the test builds from this workspace's binaries.
//!
//! Podman gets a store, run state, network configuration and
//! `containers.conf` of its own in a temp dir, never the machine's
//! (`flowctl_tests::podman`), and the test removes everything it created
//! (pods, volumes, network, images).

use std::path::Path;

use flowctl_tests::podman::Podman;
use flowctl_tests::{PATIENCE, Run, World, bin, needs, unable, wait_until};
use serde_json::Value;

/// The images the test builds (`localhost/`: podman never looks for them
/// in a registry).
const FLOWCTLD_IMAGE: &str = "localhost/flowctl-e2e/flowctld:test";
const COMPONENTS_IMAGE: &str = "localhost/flowctl-e2e/components:test";
/// The network the pods share; podman's default one has no DNS.
const NETWORK: &str = "flowctl-e2e";

/// Builds the two images with `podman import`: flowctld (and `flowctl`, to
/// read its record) on PATH, and the example components where the chain's
/// commands name them (`./target/release/...` from `/app`). Returns why not
/// when podman cannot.
fn build_images(podman: &Podman) -> Result<(), String> {
    let images = [
        (
            FLOWCTLD_IMAGE,
            ["flowctld", "flowctl"]
                .map(|name| (bin(name), format!("/usr/bin/{name}")))
                .to_vec(),
            ["ENV=PATH=/usr/bin", "WORKDIR=/"],
        ),
        (
            COMPONENTS_IMAGE,
            ["gen", "upper", "sink"]
                .map(|c| {
                    let name = format!("flowctl-example-{c}");
                    (bin(&name), format!("/app/target/release/{name}"))
                })
                .to_vec(),
            ["ENV=PATH=/usr/bin", "WORKDIR=/app"],
        ),
    ];
    for (image, programs, changes) in images {
        podman.import(image, &programs, &changes)?;
    }
    Ok(())
}

/// `flowctl -o json ARGS...` inside the pod's flowctld container (through
/// its socket, as an operator would).
fn flowctl_in_pod(podman: &Podman, args: &[&str]) -> Run {
    let mut argv = vec!["exec", "chain-flowctld-flowctld", "flowctl", "-o", "json"];
    argv.extend_from_slice(args);
    podman.run(&argv)
}

/// The chain's run records in the pod's flowctld.
fn runs_in_pod(podman: &Podman) -> (Value, Run) {
    let run = flowctl_in_pod(podman, &["pipelines", "runs", "chain"]);
    let runs = serde_json::from_str(&run.stdout()).unwrap_or(Value::Null);
    (runs, run)
}

/// The translated chain, played by `podman kube play` on a network with
/// DNS: the components register with the flowctld of their pod's peer by
/// its pod name, the relay dials the addresses they advertise, every event
/// reaches the sink's file and the run is COMPLETED in that flowctld's
/// record.
#[test]
fn the_podman_flavour_of_the_chain_runs_to_completion_under_podman_kube_play() {
    if !needs("podman", "podman") {
        return;
    }
    let world = World::new();
    // Declared after the world, so dropped (torn down) before it.
    let mut podman = Podman::new(NETWORK);
    if let Err(why) = build_images(&podman) {
        unable("podman", &why);
        return;
    }
    let probe = podman.run(&[
        "run",
        "--rm",
        "--network",
        "none",
        FLOWCTLD_IMAGE,
        "flowctld",
        "--version",
    ]);
    if !probe.output.status.success() {
        unable("podman running a container (runc)", &probe.to_string());
        return;
    }
    let network = podman.create_network();
    if !network.output.status.success() {
        unable(
            "a podman network with DNS (netavark, aardvark-dns)",
            &network.to_string(),
        );
        return;
    }

    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/chain.yaml"),
        world.work.join("chain.yaml"),
    )
    .unwrap();
    let mut translate = vec!["translate", "-f", "chain.yaml", "-o", "podman"];
    let images: Vec<String> = ["gen", "upper", "out"]
        .map(|id| format!("{id}={COMPONENTS_IMAGE}"))
        .into();
    for image in &images {
        translate.extend(["--image", image]);
    }
    translate.extend(["--flowctld-image", FLOWCTLD_IMAGE]);
    translate.extend(["--to-file", "chain.podman.yaml"]);
    world.flowctl(&translate).ok();
    podman.play(&world.work.join("chain.podman.yaml")).ok();

    let mut last = None;
    let completed = wait_until(PATIENCE, || {
        let (runs, run) = runs_in_pod(&podman);
        let done = runs[0]["status"] == "COMPLETED";
        last = Some(run);
        done
    });
    assert!(
        completed,
        "the run never became COMPLETED in the pod's flowctld\n{}\n{}",
        last.map(|r| r.to_string()).unwrap_or_default(),
        podman.logs()
    );
    let (runs, _) = runs_in_pod(&podman);
    let id = runs[0]["run_id"].as_str().expect("a run id").to_owned();
    let info = flowctl_in_pod(&podman, &["pipelines", "run-info", &id]);
    let info: Value = info.json();
    let mut ids: Vec<&str> = info["components"]
        .as_array()
        .expect("components")
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, ["gen", "out", "upper"], "{info:#}");

    let copy = world.work.join("chain-out.txt");
    let copy_arg = copy.display().to_string();
    podman
        .run(&["cp", "chain-out-component:/app/chain-out.txt", &copy_arg])
        .ok();
    let written = std::fs::read_to_string(&copy).unwrap();
    assert_eq!(written.lines().count(), 1000, "{written}");
}
