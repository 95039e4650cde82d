//! `podman kube play` of a translated pipeline: the podman flavour of the
//! Kubernetes output (`flowctl translate -o podman`) played by the real
//! engine, with images the test builds from this workspace's binaries.
//!
//! Podman gets a store, run state, network configuration and
//! `containers.conf` of its own in a temp dir, never the machine's, and the
//! test removes everything it created (pods, volumes, network, images).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use flowctl_tests::{PATIENCE, Run, World, bin, needs, unable, wait_until};
use serde_json::Value;

/// The images the test builds (`localhost/`: podman never looks for them
/// in a registry).
const FLOWCTLD_IMAGE: &str = "localhost/flowctl-e2e/flowctld:test";
const COMPONENTS_IMAGE: &str = "localhost/flowctl-e2e/components:test";
/// The network the pods share; podman's default one has no DNS.
const NETWORK: &str = "flowctl-e2e";
/// How long one podman command may take.
const PODMAN_TIMEOUT: Duration = Duration::from_secs(60);

/// A podman confined to a temp dir: its own store (`--root`), run state
/// (`--runroot`, `--tmpdir`), network configuration and `containers.conf`.
/// Dropping it removes what the test played, then everything in its store.
struct Podman {
    dir: tempfile::TempDir,
    /// The file `podman kube play` played, for `--down`.
    played: Option<PathBuf>,
}

impl Podman {
    fn new() -> Podman {
        let dir = tempfile::Builder::new()
            .prefix("fe2e-podman")
            .tempdir_in("/tmp")
            .expect("temp dir");
        for sub in ["root", "runroot", "libpod", "networks", "tmp"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        // runc, since crun refuses a hybrid cgroup hierarchy (this machine's
        // and CI's), with the limits runc needs here; cgroupfs and a file
        // event log, since systemd is not PID 1; netavark, whose networks
        // have DNS (aardvark-dns), in a configuration dir of our own.
        let conf = format!(
            "[containers]\n\
             default_ulimits = [\"nofile=20000:20000\", \"nproc=4096:4096\"]\n\
             [network]\n\
             network_backend = \"netavark\"\n\
             network_config_dir = \"{}\"\n\
             [engine]\n\
             runtime = \"runc\"\n\
             cgroup_manager = \"cgroupfs\"\n\
             events_logger = \"file\"\n",
            dir.path().join("networks").display()
        );
        std::fs::write(dir.path().join("containers.conf"), conf).unwrap();
        Podman { dir, played: None }
    }

    /// `podman args...` against this podman's own store and configuration.
    fn command(&self, args: &[&str]) -> Command {
        let dir = self.dir.path();
        let mut command = Command::new("podman");
        command
            .arg("--root")
            .arg(dir.join("root"))
            .arg("--runroot")
            .arg(dir.join("runroot"))
            .arg("--tmpdir")
            .arg(dir.join("libpod"))
            .args(args)
            .env("CONTAINERS_CONF", dir.join("containers.conf"))
            .env("TMPDIR", dir.join("tmp"))
            .stdin(Stdio::null());
        command
    }

    /// Runs `podman args...` to completion, at most [`PODMAN_TIMEOUT`]
    /// (killed by pid past it, and then it failed).
    fn run(&self, args: &[&str]) -> Run {
        let mut command = self.command(args);
        let text = flowctl_tests::command::describe(&command);
        let child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {text}: {e}"));
        let pid = child.id() as i32;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(child.wait_with_output());
        });
        let output = rx.recv_timeout(PODMAN_TIMEOUT).unwrap_or_else(|_| {
            flowctl_tests::kill(pid, 9);
            panic!("`{text}` did not return within {PODMAN_TIMEOUT:?}")
        });
        Run {
            command: text,
            cwd: std::env::current_dir().unwrap_or_default(),
            output: output.expect("wait for podman"),
        }
    }

    /// Every container's log, for a failure's message.
    fn logs(&self) -> String {
        let names = self.run(&["ps", "-a", "--format", "{{.Names}}"]).stdout();
        let mut out = String::new();
        for name in names.lines().filter(|n| !n.ends_with("-infra")) {
            let logs = self.run(&["logs", name]);
            out.push_str(&format!("--- {name}\n{}{}", logs.stdout(), logs.stderr()));
        }
        out
    }
}

impl Drop for Podman {
    fn drop(&mut self) {
        let mut steps: Vec<Vec<String>> = Vec::new();
        if let Some(file) = &self.played {
            steps.push(vec![
                "kube".into(),
                "play".into(),
                "--down".into(),
                file.display().to_string(),
            ]);
        }
        for step in [
            "pod rm --all --force",
            "rm --all --force",
            "volume rm --all --force",
            &format!("network rm --force {NETWORK}"),
            "rmi --all --force",
        ] {
            steps.push(step.split(' ').map(str::to_owned).collect());
        }
        for step in steps {
            let args: Vec<&str> = step.iter().map(String::as_str).collect();
            let _ = self.command(&args).stdout(Stdio::null()).status();
        }
    }
}

/// A root filesystem holding each program at its path (debug info
/// stripped, when `strip` is there, so the import is quick), with the
/// shared libraries and the loader `ldd` lists for it, as a tar file.
fn root_filesystem(dir: &Path, programs: &[(PathBuf, String)]) -> PathBuf {
    let root = dir.join("rootfs");
    let place = |inside: &str| {
        let path = root.join(inside.trim_start_matches('/'));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        path
    };
    let strip = flowctl_tests::require::which("strip");
    for (program, inside) in programs {
        let target = place(inside);
        let stripped = strip.as_ref().is_some_and(|strip| {
            Command::new(strip)
                .arg("--strip-debug")
                .arg("-o")
                .arg(&target)
                .arg(program)
                .status()
                .is_ok_and(|s| s.success())
        });
        if !stripped {
            std::fs::copy(program, &target).unwrap();
        }
        let ldd = Command::new("ldd").arg(program).output().expect("run ldd");
        assert!(ldd.status.success(), "ldd {} failed", program.display());
        for library in String::from_utf8_lossy(&ldd.stdout)
            .split_whitespace()
            .filter(|word| word.starts_with('/'))
        {
            let target = place(library);
            if !target.exists() {
                std::fs::copy(library, &target)
                    .unwrap_or_else(|e| panic!("cannot copy {library}: {e}"));
            }
        }
    }
    let tar = dir.join("rootfs.tar");
    let mut builder = tar::Builder::new(std::fs::File::create(&tar).unwrap());
    builder.follow_symlinks(false);
    builder.append_dir_all(".", &root).unwrap();
    builder.finish().unwrap();
    tar
}

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
    for (i, (image, programs, changes)) in images.into_iter().enumerate() {
        let dir = podman.dir.path().join(format!("image-{i}"));
        let tar = root_filesystem(&dir, &programs);
        let tar = tar.display().to_string();
        let mut args = vec!["import", "--quiet"];
        for change in &changes {
            args.extend(["--change", change]);
        }
        args.extend([tar.as_str(), image]);
        let run = podman.run(&args);
        if !run.output.status.success() {
            return Err(format!("podman import of {image}\n{run}"));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
    Ok(())
}

/// The chain's run records in the pod's flowctld, read with `flowctl`
/// inside its container (through its socket, as an operator would).
fn runs_in_pod(podman: &Podman) -> (Value, Run) {
    let run = podman.run(&[
        "exec",
        "chain-flowctld-flowctld",
        "flowctl",
        "-o",
        "json",
        "pipelines",
        "runs",
        "chain",
    ]);
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
    let mut podman = Podman::new();
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
    let network = podman.run(&["network", "create", NETWORK]);
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
    let file = world.work.join("chain.podman.yaml");
    podman.played = Some(file.clone());
    let file_arg = file.display().to_string();
    podman
        .run(&["kube", "play", "--network", NETWORK, &file_arg])
        .ok();

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
    let info = podman.run(&[
        "exec",
        "chain-flowctld-flowctld",
        "flowctl",
        "-o",
        "json",
        "pipelines",
        "run-info",
        &id,
    ]);
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
