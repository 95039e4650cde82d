//! flowctld as a service: the unit files and launchd agent `flowctl service`
//! writes, socket activation and the watchdog for real, and the generated
//! completions and man pages.

use std::io::Read;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flowctl_tests::{World, alive, bin, kill, needs, wait_until};

/// The files of `flowctl service install --dry-run`: `==> PATH <==` then
/// the content, up to `==> then run <==`, after which come the commands.
fn dry_run_files(stdout: &str) -> (Vec<(PathBuf, String)>, String) {
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut commands = String::new();
    let mut in_commands = false;
    for line in stdout.lines() {
        if let Some(header) = line
            .strip_prefix("==> ")
            .and_then(|l| l.strip_suffix(" <=="))
        {
            in_commands = header == "then run";
            if !in_commands {
                files.push((PathBuf::from(header), String::new()));
            }
        } else if in_commands {
            commands.push_str(line);
            commands.push('\n');
        } else if let Some((_, content)) = files.last_mut() {
            content.push_str(line);
            content.push('\n');
        }
    }
    (files, commands)
}

fn exec_start(unit: &str) -> &str {
    unit.lines()
        .find_map(|line| line.strip_prefix("ExecStart="))
        .unwrap_or_else(|| panic!("no ExecStart= in\n{unit}"))
}

fn user_unit_dir(world: &World) -> PathBuf {
    world.root.path().join("config/systemd/user")
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned()))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn dry_run_prints_units_that_run_the_real_flowctld_and_writes_nothing() {
    let world = World::new();
    // No FLOWCTLD_BIN: the flowctld beside flowctl is the one installed.
    let mut command = world.command(&["service", "install", "--user", "--dry-run"]);
    command.env_remove("FLOWCTLD_BIN");
    let run = world.run(command);
    let (files, commands) = dry_run_files(&run.ok());
    let dir = user_unit_dir(&world);
    let paths: Vec<&PathBuf> = files.iter().map(|(path, _)| path).collect();
    assert_eq!(
        paths,
        [&dir.join("flowctld.service"), &dir.join("flowctld.socket")],
        "{run}"
    );
    assert_eq!(
        exec_start(&files[0].1),
        format!(
            "{} --socket %t/flowctl/flowctld.sock",
            bin("flowctld").display()
        )
    );
    assert!(files[0].1.contains("\nType=notify\n"), "{run}");
    assert!(
        files[1]
            .1
            .contains("\nListenStream=%t/flowctl/flowctld.sock\n"),
        "{run}"
    );
    assert_eq!(
        commands.trim(),
        "systemctl --user daemon-reload && systemctl --user enable --now flowctld.socket flowctld.service"
    );
    assert!(!world.root.path().join("config").exists(), "dry run wrote");
}

#[test]
fn install_writes_the_service_and_socket_pair_and_keeps_a_different_one() {
    let world = World::new();
    let dir = user_unit_dir(&world);
    let dry = world.flowctl(&["service", "install", "--user", "--dry-run"]);
    let (planned, _) = dry_run_files(&dry.ok());

    let installed = world.flowctl(&["service", "install", "--user"]).ok();
    assert!(
        installed.contains("systemctl --user enable --now"),
        "{installed}"
    );
    // Exactly the pair: the service and its socket unit.
    assert_eq!(names_in(&dir), ["flowctld.service", "flowctld.socket"]);
    for (path, content) in &planned {
        assert_eq!(&std::fs::read_to_string(path).unwrap(), content);
    }

    let again = world.flowctl(&["service", "install", "--user"]).ok();
    assert!(again.contains("already installed"), "{again}");

    // Another flowctld makes another unit: not written without --force.
    let other = world.root.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::os::unix::fs::symlink(bin("flowctld"), other.join("flowctld")).unwrap();
    let mut command = world.command(&["service", "install", "--user"]);
    command.env("FLOWCTLD_BIN", other.join("flowctld"));
    let refused = world.run(command).fails();
    assert!(
        refused.contains("flowctld.service") && refused.contains("--force"),
        "{refused}"
    );
    let service = std::fs::read_to_string(dir.join("flowctld.service")).unwrap();
    assert_eq!(
        service, planned[0].1,
        "the refused install changed the file"
    );

    let mut command = world.command(&["service", "install", "--user", "--force"]);
    command.env("FLOWCTLD_BIN", other.join("flowctld"));
    world.run(command).ok();
    let service = std::fs::read_to_string(dir.join("flowctld.service")).unwrap();
    assert!(
        exec_start(&service).starts_with(&other.join("flowctld").display().to_string()),
        "{service}"
    );

    let removed = world.flowctl(&["service", "uninstall", "--user"]).ok();
    assert!(removed.contains("Removed"), "{removed}");
    assert!(names_in(&dir).is_empty(), "{:?}", names_in(&dir));
}

#[test]
fn systemd_analyze_accepts_the_units() {
    if !needs("systemd-analyze", "systemd") {
        return;
    }
    let world = World::new();
    let runtime = world.private_dir("rt");
    world.flowctl(&["service", "install", "--user"]).ok();
    let dir = user_unit_dir(&world);
    // --man=no: the man pages of Documentation= are not installed here.
    let mut user = Command::new("systemd-analyze");
    user.args(["--user", "--man=no", "verify"])
        .arg(dir.join("flowctld.service"))
        .arg(dir.join("flowctld.socket"))
        .envs(world.env())
        .env("XDG_RUNTIME_DIR", &runtime);
    let run = world.run(user);
    run.ok();
    assert_eq!(run.stderr().trim(), "", "systemd-analyze warned\n{run}");

    // The system pair, as `install --system` would write it.
    let dry = world.flowctl(&["service", "install", "--system", "--dry-run"]);
    let (files, _) = dry_run_files(&dry.ok());
    let system = world.root.path().join("system");
    std::fs::create_dir_all(&system).unwrap();
    let mut paths = Vec::new();
    for (path, content) in &files {
        assert!(
            path.starts_with("/etc/systemd/system"),
            "{}",
            path.display()
        );
        let copy = system.join(path.file_name().unwrap());
        std::fs::write(&copy, content).unwrap();
        paths.push(copy);
    }
    let mut verify = Command::new("systemd-analyze");
    verify.args(["--man=no", "verify"]).args(&paths);
    let run = world.run(verify);
    run.ok();
    assert_eq!(run.stderr().trim(), "", "systemd-analyze warned\n{run}");
}

#[test]
fn socket_activation_serves_clients_on_the_passed_socket() {
    if !needs("systemd-socket-activate", "systemd") {
        return;
    }
    let world = World::new();
    world.private_dir("run");
    let log = world.root.path().join("activate.log");
    let mut command = Command::new("systemd-socket-activate");
    // Marked as the world's, so a failed test does not leave it listening.
    command.envs(world.env()).arg("-l").arg(&world.socket);
    for (key, value) in world.env() {
        command.arg("-E").arg(format!("{key}={value}"));
    }
    command
        .arg(bin("flowctld"))
        .arg("--socket")
        .arg(&world.socket)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(std::fs::File::create(&log).unwrap());
    let mut activator = command.spawn().expect("start systemd-socket-activate");
    let listening = wait_until(Duration::from_secs(10), || world.socket.exists());
    let log_text = || std::fs::read_to_string(&log).unwrap_or_default();
    if !listening {
        let _ = activator.kill();
        panic!("systemd-socket-activate never listened\n{}", log_text());
    }

    // The first connection starts flowctld, which serves it on fd 3.
    let status = world.daemon_status();
    let pid = status["pid"].as_i64().unwrap() as i32;
    assert_eq!(
        status["socket"].as_str(),
        Some(world.socket.to_str().unwrap())
    );
    assert!(log_text().contains("flowctld ready"), "{}", log_text());

    kill(pid, 15);
    let deadline = Instant::now() + Duration::from_secs(15);
    while alive(pid) && Instant::now() < deadline {
        let _ = activator.try_wait();
        std::thread::sleep(Duration::from_millis(25));
    }
    assert!(
        !alive(pid),
        "flowctld {pid} outlived SIGTERM\n{}",
        log_text()
    );
    let _ = activator.kill();
    let _ = activator.wait();
    // The socket belongs to whoever passed it: flowctld leaves it in place.
    assert!(world.socket.exists(), "flowctld removed a passed socket");
}

#[test]
fn readiness_and_watchdog_pings_reach_the_notify_socket() {
    let world = World::new();
    let notify_path = world.root.path().join("notify.sock");
    let notify = UnixDatagram::bind(&notify_path).unwrap();
    notify
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut command = world.command_of("flowctld", &[]);
    command
        .env("NOTIFY_SOCKET", &notify_path)
        .env("WATCHDOG_USEC", "200000")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut daemon = command.spawn().unwrap();

    let mut seen: Vec<String> = Vec::new();
    let receive_until = |want: &dyn Fn(&[String]) -> bool, seen: &mut Vec<String>| {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut buf = [0u8; 256];
        while !want(seen) && Instant::now() < deadline {
            if let Ok(n) = notify.recv(&mut buf) {
                seen.push(String::from_utf8_lossy(&buf[..n]).into_owned());
            }
        }
        want(seen)
    };
    let pinged = receive_until(
        &|seen| {
            seen.iter().any(|m| m == "READY=1")
                && seen.iter().filter(|m| *m == "WATCHDOG=1").count() >= 2
        },
        &mut seen,
    );
    kill(daemon.id() as i32, 15);
    let stopping = receive_until(&|seen| seen.iter().any(|m| m == "STOPPING=1"), &mut seen);
    let _ = daemon.wait();
    let mut stderr = String::new();
    let _ = daemon.stderr.take().unwrap().read_to_string(&mut stderr);
    assert!(pinged, "no READY=1 and two WATCHDOG=1: {seen:?}\n{stderr}");
    assert!(stopping, "no STOPPING=1: {seen:?}\n{stderr}");
    // Not socket-activated: the daemon bound its socket and removes it.
    assert!(!world.socket.exists());
}

#[test]
fn with_a_user_service_installed_flowctl_starts_no_daemon_of_its_own() {
    let world = World::new();
    let runtime = world.private_dir("rt");
    // The default socket of a login session: $XDG_RUNTIME_DIR/flowctl/...
    let session = |args: &[&str]| {
        let mut command = world.command(args);
        command
            .env_remove("FLOWCTL_SOCKET")
            .env("XDG_RUNTIME_DIR", &runtime);
        command
    };
    let socket = runtime.join("flowctl/flowctld.sock");
    world.run(session(&["service", "install", "--user"])).ok();

    let refused = world.run(session(&["daemon", "start"])).fails();
    assert!(
        refused.contains(
            "flowctld is installed as a systemd user service but not running: \
             start it with `systemctl --user start flowctld`"
        ),
        "{refused}"
    );
    assert!(!socket.exists(), "a daemon was started anyway");

    world.run(session(&["service", "uninstall", "--user"])).ok();
    // The world's drop ends this daemon too: it carries the world's marker.
    let started = world.run(session(&["daemon", "start"])).ok();
    assert!(started.contains("flowctld started"), "{started}");
    assert!(socket.exists());
}

#[test]
fn the_launchd_agent_is_a_valid_plist_naming_the_clients_socket() {
    if !needs("python3", "python3") {
        return;
    }
    let world = World::new();
    let to_json = |path: &Path| -> serde_json::Value {
        let script = "import json, plistlib, sys\n\
                      print(json.dumps(plistlib.load(open(sys.argv[1], 'rb'))))";
        let mut command = Command::new("python3");
        command.args(["-c", script]).arg(path);
        world.run(command).json()
    };
    let template = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../packaging/launchd/dev.flowctl.flowctld.plist");
    assert_eq!(to_json(&template)["Label"], "dev.flowctl.flowctld");

    let dry = world.flowctl(&["service", "install", "--manager", "launchd", "--dry-run"]);
    let (files, commands) = dry_run_files(&dry.ok());
    let home = world.root.path();
    let agent = home.join("Library/LaunchAgents/dev.flowctl.flowctld.plist");
    assert_eq!(files.len(), 1, "{dry}");
    assert_eq!(files[0].0, agent);
    assert!(commands.contains("launchctl bootstrap gui/"), "{dry}");
    let copy = home.join("agent.plist");
    std::fs::write(&copy, &files[0].1).unwrap();
    let plist = to_json(&copy);
    assert_eq!(
        plist["ProgramArguments"],
        serde_json::json!([
            bin("flowctld").display().to_string(),
            "--socket",
            world.socket.display().to_string()
        ])
    );
    assert_eq!(
        plist["KeepAlive"],
        serde_json::json!({"SuccessfulExit": false})
    );
    let log = home.join("Library/Logs/flowctl/flowctld.log");
    assert_eq!(plist["StandardErrorPath"], log.display().to_string());

    // Installed, it owns the socket: flowctl starts no daemon there.
    world
        .flowctl(&["service", "install", "--manager", "launchd"])
        .ok();
    assert!(agent.is_file() && log.parent().unwrap().is_dir());
    let refused = world.flowctl(&["daemon", "start"]).fails();
    assert!(
        refused.contains("installed as a launchd agent but not running"),
        "{refused}"
    );
    assert!(!world.socket.exists());
}

#[test]
fn bash_completion_completes_pip_to_pipelines() {
    if !needs("bash", "bash") {
        return;
    }
    let world = World::new();
    let script = world.flowctl(&["completions", "bash"]).ok();
    let path = world.write("flowctl.bash", &script);
    let mut bash = Command::new("bash");
    bash.arg("-c")
        .arg(
            r#"source "$1" || exit 1
COMP_WORDS=(flowctl pip); COMP_CWORD=1; COMP_LINE="flowctl pip"; COMP_POINT=${#COMP_LINE}
_flowctl flowctl pip flowctl
printf '%s\n' "${COMPREPLY[@]}""#,
        )
        .arg("bash")
        .arg(&path);
    let run = world.run(bash);
    assert_eq!(run.ok().trim(), "pipelines", "{run}");
    assert_eq!(run.stderr().trim(), "", "{run}");
}

#[test]
fn checked_in_completions_and_man_pages_are_up_to_date() {
    let world = World::new();
    let packaging = Path::new(env!("CARGO_MANIFEST_DIR")).join("../packaging");
    let fresh = world.root.path().join("fresh");
    let regenerate = "cargo build -p flowctl && rm -rf packaging/completions packaging/man && \
                      target/debug/flowctl completions --dir packaging/completions && \
                      target/debug/flowctl man --dir packaging/man";
    for (kind, args) in [
        ("completions", ["completions", "--dir"]),
        ("man", ["man", "--dir"]),
    ] {
        let dir = fresh.join(kind);
        let mut all = args.to_vec();
        all.push(dir.to_str().unwrap());
        world.flowctl(&all).ok();
        let checked_in = packaging.join(kind);
        assert_eq!(
            names_in(&checked_in),
            names_in(&dir),
            "packaging/{kind} is out of date: regenerate it with `{regenerate}`"
        );
        for name in names_in(&dir) {
            assert!(
                std::fs::read(checked_in.join(&name)).ok() == std::fs::read(dir.join(&name)).ok(),
                "packaging/{kind}/{name} is out of date: regenerate it with `{regenerate}`"
            );
        }
    }
    let page = world.flowctl(&["man"]).ok();
    assert!(page.contains(".TH flowctl 1"), "{page}");
}
