//! Running pipelines as a user does: foreground and detached runs, what
//! components see, start and stop order, failures, signals, logs.

use std::path::Path;
use std::time::{Duration, Instant};

use flowctl_tests::{
    Background, PATIENCE, Pipeline, World, alive, bin, component, example, example_env, kill,
    processes_with_env, quote, sh, wait_until,
};
use serde_json::Value;

/// A pipeline `name` of one source `id` running `script`, ready once started.
fn shell_source(name: &str, id: &str, script: &str) -> Pipeline {
    Pipeline::new(name).source(id, &sh(script), &["readiness: started"])
}

/// Live processes of a run: the daemon gives every component
/// `FLOWCTL_RUN_ID`, and their children inherit it.
fn processes_of(run: &str) -> Vec<i32> {
    processes_with_env("FLOWCTL_RUN_ID", run)
}

/// Asserts that no process of the run is left within the patience (a
/// process that leaked keeps `FLOWCTL_RUN_ID` and is found).
fn assert_nothing_left(run: &str) {
    assert!(
        wait_until(PATIENCE, || processes_of(run).is_empty()),
        "processes of run {run} still alive: {:?}",
        processes_of(run)
    );
}

/// Asserts that every pid in `pids` is gone within the patience.
fn assert_gone(pids: &[i32], what: &str) {
    assert!(
        wait_until(PATIENCE, || pids.iter().all(|pid| !alive(*pid))),
        "{what} still alive: {:?}",
        pids.iter().filter(|pid| alive(**pid)).collect::<Vec<_>>()
    );
}

/// A shell line writing `what` to `file` atomically.
fn write_file(what: &str, file: &str) -> String {
    format!("{what} > .{file}.tmp && mv .{file}.tmp {file}")
}

/// `flowctl pipelines stop RUN` in a second terminal; the foreground
/// `flowctl run` of the first then exits 0.
fn stop_from_a_second_terminal(world: &World, run: &str, first_terminal: &mut Background) {
    let stopped = world.flowctl(&["pipelines", "stop", run]).ok();
    assert!(stopped.contains("Pipeline stopped"), "{stopped}");
    let exit = first_terminal.wait(PATIENCE);
    assert!(
        exit.is_some_and(|s| s.success()),
        "the foreground run did not exit 0\n{first_terminal}"
    );
}

#[test]
fn the_old_cli_acceptance_flow_passes() {
    let world = World::new();
    let file = world.pipeline(
        &Pipeline::new("hello")
            .generator("gen", &[("INTERVAL_MS", "200")])
            .upper("upper", &["gen"], &[])
            .example_sink("out", &["upper"], &[("OUTPUT_FILE", "out.txt")]),
    );

    let validated = world.flowctl(&["validate", &file]);
    assert!(
        validated.ok().contains("Pipeline validation passed"),
        "{validated}"
    );
    // Port 0 means "any free port": three components asking for it do not
    // collide, and a warning saying they do would teach users to ignore
    // warnings.
    assert!(!validated.stderr().contains("collide"), "{validated}");

    let mut first_terminal = world.foreground(&file);
    let mut status = Value::Null;
    assert!(
        wait_until(PATIENCE, || {
            status = world.flowctl(&["-o", "json", "status"]).json();
            status["components"]
                .as_array()
                .is_some_and(|all| all.len() == 3 && all.iter().all(|c| c["health"] == "HEALTHY"))
        }),
        "components never all HEALTHY: {status:#}\n{first_terminal}"
    );
    let run = status["components"][0]["run_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let prefix = &run[..8];

    let active = world.flowctl(&["pipelines", "active"]).ok();
    assert!(
        active.contains(prefix) && active.contains("hello") && active.contains("RUNNING"),
        "{active}"
    );
    let info = world.flowctl(&["pipelines", "run-info", prefix]).ok();
    assert!(info.contains(&run), "{info}");
    assert!(info.contains("gen -> upper -> out"), "{info}");
    for id in ["gen", "upper", "out"] {
        assert!(info.contains(id), "{info}");
    }

    stop_from_a_second_terminal(&world, prefix, &mut first_terminal);
    assert!(
        first_terminal.stdout().contains("STOPPED"),
        "{first_terminal}"
    );
    assert_nothing_left(&run);
    let active = world.flowctl(&["pipelines", "active"]).ok();
    assert!(active.contains("No active runs"), "{active}");
}

#[test]
fn components_get_the_callers_environment_and_directory_and_the_contract_variables() {
    let world = World::new();
    let dump = |id: &str| {
        sh(&format!(
            "{}; {}; exec sleep 1000",
            write_file("env", &format!("env-{id}.txt")),
            write_file("pwd -P", &format!("pwd-{id}.txt"))
        ))
    };
    world.pipeline(
        &Pipeline::new("env")
            .spec("env: {FROM_PIPELINE: pipeline, OVERRIDDEN: pipeline, ENABLE_FLOWCTL: \"false\"}")
            .source("alpha", &dump("alpha"), &["readiness: started"])
            .source(
                "beta",
                &dump("beta"),
                &[
                    "readiness: started",
                    "env: {OVERRIDDEN: component, COMPONENT_ID: custom-beta}",
                ],
            )
            .processor(
                "gamma",
                &dump("gamma"),
                &[
                    "inputs: [alpha]",
                    "readiness: started",
                    "health_port: 18123",
                ],
            ),
    );
    // The file lives elsewhere: components run where `flowctl run` was typed.
    std::fs::create_dir_all(world.work.join("pipelines")).unwrap();
    std::fs::rename(
        world.work.join("env.yaml"),
        world.work.join("pipelines/env.yaml"),
    )
    .unwrap();

    let mut command = world.command(&[
        "run",
        "--detach",
        "--heartbeat-ttl",
        "3s",
        "pipelines/env.yaml",
    ]);
    command
        .env("FROM_CALLER", "caller-value")
        .env("OVERRIDDEN", "caller");
    let run = world.run(command).ok().trim().to_owned();
    let control_plane = world.flowctl(&["-o", "json", "daemon", "status"]).json()["control_plane"]
        .as_str()
        .unwrap()
        .to_owned();

    let work = world.work.canonicalize().unwrap();
    let mut health_ports = Vec::new();
    for id in ["alpha", "beta", "gamma"] {
        let text = world.wait_for_file(&format!("env-{id}.txt"));
        let env: std::collections::BTreeMap<&str, &str> =
            text.lines().filter_map(|l| l.split_once('=')).collect();
        let get = |key: &str| env.get(key).copied().unwrap_or("<unset>");
        let expect = |key: &str, value: &str| {
            assert_eq!(get(key), value, "{key} of {id}; its environment:\n{text}");
        };
        expect("FROM_CALLER", "caller-value");
        expect("FROM_PIPELINE", "pipeline");
        expect(
            "OVERRIDDEN",
            if id == "beta" {
                "component"
            } else {
                "pipeline"
            },
        );
        expect("ENABLE_FLOWCTL", "true");
        expect("FLOWCTL_ENDPOINT", &control_plane);
        expect("FLOWCTL_COMPONENT_ID", id);
        expect("FLOWCTL_SERVICE_ID", id);
        expect("FLOWCTL_HEARTBEAT_INTERVAL", "1s");
        expect("FLOWCTL_RUN_ID", &run);
        expect(
            "COMPONENT_ID",
            if id == "beta" { "custom-beta" } else { id },
        );
        expect("SERVICE_ID", id);
        let port: u16 = get("HEALTH_PORT")
            .parse()
            .unwrap_or_else(|_| panic!("HEALTH_PORT of {id}: {text}"));
        assert_ne!(port, 0, "HEALTH_PORT of {id}");
        if id == "gamma" {
            assert_eq!(port, 18123, "the pipeline's health_port wins");
        }
        health_ports.push(port);

        let pwd = world.wait_for_file(&format!("pwd-{id}.txt"));
        assert_eq!(Path::new(pwd.trim()), work, "working directory of {id}");
    }
    health_ports.sort();
    health_ports.dedup();
    assert_eq!(
        health_ports.len(),
        3,
        "HEALTH_PORTs collide: {health_ports:?}"
    );

    world.flowctl(&["pipelines", "stop", &run]).ok();
    assert_nothing_left(&run);
}

#[test]
fn components_start_only_once_what_they_read_from_is_ready() {
    let world = World::new();
    // Each probe records what the daemon shows at the moment it starts.
    let probe = |id: &str| {
        sh(&format!(
            "{}; exec sleep 1000",
            write_file(
                &format!("{} -o json status", quote(bin("flowctl"))),
                &format!("seen-{id}.json")
            )
        ))
    };
    // `gen` registers half a second late: its dependents must wait for it.
    let gen_late = sh(&format!(
        "sleep 0.5; exec {}",
        quote(bin("flowctl-example-gen"))
    ));
    let file = world.pipeline(
        &Pipeline::new("order")
            .source("gen", &gen_late, &[&example_env(&[])])
            .processor(
                "second",
                &probe("second"),
                &["inputs: [first]", "readiness: started"],
            )
            .processor(
                "first",
                &probe("first"),
                &["inputs: [gen]", "readiness: started"],
            ),
    );
    let validated = world.flowctl(&["validate", &file]).ok();
    assert!(validated.contains("gen -> first -> second"), "{validated}");
    let run = world.detach(&file);

    let seen_by_first: Value =
        serde_json::from_str(&world.wait_for_file("seen-first.json")).unwrap();
    let generator = component(&seen_by_first, "gen");
    assert_eq!(
        generator["state"], "RUNNING",
        "first started too early: {seen_by_first:#}"
    );
    assert_eq!(
        generator["health"], "HEALTHY",
        "first started too early: {seen_by_first:#}"
    );
    let seen_by_second: Value =
        serde_json::from_str(&world.wait_for_file("seen-second.json")).unwrap();
    assert_eq!(
        component(&seen_by_second, "first")["state"],
        "RUNNING",
        "second started before first: {seen_by_second:#}"
    );

    let info = world.wait_until_running(&run);
    assert_eq!(
        info["start_order"],
        serde_json::json!(["gen", "first", "second"]),
        "{info:#}"
    );
    let started = |id: &str| component(&info, id)["started_at_ms"].as_i64().unwrap();
    assert!(started("gen") <= started("first") && started("first") <= started("second"));
    world.flowctl(&["pipelines", "stop", &run]).ok();
    assert_nothing_left(&run);
}

#[test]
fn a_component_ignoring_sigterm_is_killed_after_its_stop_timeout() {
    let world = World::new();
    let file = world.pipeline(&Pipeline::new("stubborn").source(
        "stubborn",
        &sh("trap '' TERM; touch trapped; while true; do sleep 0.1; done"),
        &["readiness: started", "stop_timeout: 1s"],
    ));
    let run = world.detach(&file);
    // Only once the trap is set does the test mean anything.
    world.wait_for_file("trapped");
    let info = world.wait_until_running(&run);
    let pid = component(&info, "stubborn")["pid"].as_i64().unwrap() as i32;
    assert!(alive(pid));
    let group = processes_of(&run);

    let began = Instant::now();
    let stopped = world.flowctl(&["pipelines", "stop", &run[..8]]);
    let took = began.elapsed();
    assert!(stopped.ok().contains("Pipeline stopped"), "{stopped}");
    assert!(
        took >= Duration::from_millis(900),
        "stopped after {took:?}: the 1s stop_timeout was not given"
    );
    // `stop` returns once the process is gone.
    assert!(!alive(pid), "pid {pid} survived the stop");
    let info = world.run_info(&run);
    assert_eq!(info["status"], "STOPPED", "{info:#}");
    let exit = component(&info, "stubborn")["exit"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(exit.contains("SIGKILL"), "exit: {exit}\n{info:#}");
    assert_gone(&group, "processes of the stubborn component");
}

#[test]
fn the_children_of_a_component_end_with_it() {
    let world = World::new();
    let script = format!(
        "sleep 1000 & {}; (trap '' TERM; exec sleep 1000) & {}; wait",
        write_file("echo $!", "child.pid"),
        write_file("echo $!", "deaf-child.pid")
    );
    let file = world.pipeline(&shell_source("children", "parent", &script));
    let run = world.detach(&file);
    let child = world.pid_in("child.pid");
    let deaf = world.pid_in("deaf-child.pid");
    assert!(alive(child) && alive(deaf));

    let stopped = world.flowctl(&["pipelines", "stop", &run[..8]]).ok();
    assert!(stopped.contains("Pipeline stopped"), "{stopped}");
    assert_gone(&[child], "the component's child");
    assert_gone(&[deaf], "the component's child that ignores SIGTERM");
    assert_nothing_left(&run);
}

#[test]
fn kill_9_of_the_daemon_leaves_no_component_alive() {
    let world = World::new();
    let parent = format!("sleep 1000 & {}; wait", write_file("echo $!", "child.pid"));
    let file = world.pipeline(
        &Pipeline::new("orphans")
            .source("gen", &example("gen"), &[&example_env(&[])])
            .source("parent", &sh(&parent), &["readiness: started"]),
    );
    let run = world.detach(&file);
    let info = world.wait_until_running(&run);
    let child = world.pid_in("child.pid");
    let mut pids: Vec<i32> = ["gen", "parent"]
        .iter()
        .map(|id| component(&info, id)["pid"].as_i64().unwrap() as i32)
        .collect();
    pids.push(child);
    pids.extend(processes_of(&run));
    assert!(pids.iter().all(|pid| alive(*pid)), "{pids:?}");

    let daemon = world.daemon_pid().unwrap();
    kill(daemon, 9);
    assert_gone(&[daemon], "the daemon");
    assert_gone(&pids, "components (or their children) of the killed daemon");
    assert_nothing_left(&run);
}

#[test]
fn a_failing_component_fails_the_run_and_says_why() {
    let world = World::new();
    let file = world.pipeline(
        &shell_source("failing", "sleeper", "exec sleep 1000").processor(
            "boom",
            &sh("echo boom-line; exit 3"),
            &["inputs: [sleeper]", "readiness: started"],
        ),
    );
    let mut first_terminal = world.foreground(&file);
    let exit = first_terminal.wait(PATIENCE);
    assert!(
        exit.is_some_and(|s| !s.success()),
        "a failed run must exit non-zero\n{first_terminal}"
    );
    let said = format!("{}{}", first_terminal.stdout(), first_terminal.stderr());
    for needle in ["boom", "exit status 3", "boom-line", "FAILED"] {
        assert!(said.contains(needle), "no {needle:?}\n{first_terminal}");
    }

    let runs = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    let run = &runs[0];
    assert_eq!(run["status"], "FAILED", "{runs:#}");
    let error = run["error"].as_str().unwrap();
    for needle in ["'boom'", "exit status 3", "boom-line"] {
        assert!(
            error.contains(needle),
            "no {needle:?} in the error: {error}"
        );
    }
    // The healthy neighbour is stopped with the run.
    let id = run["run_id"].as_str().unwrap();
    assert_nothing_left(id);
    let info = world.run_info(id);
    assert_eq!(component(&info, "boom")["state"], "FAILED", "{info:#}");
}

#[test]
fn a_second_terminal_sees_and_stops_a_foreground_run() {
    let world = World::new();
    let file = world.pipeline(&shell_source(
        "terminals",
        "ticker",
        "while [ ! -e go ]; do sleep 0.05; done; echo hello-from-ticker; exec sleep 1000",
    ));
    let mut first_terminal = world.foreground(&file);
    let run = world.the_active_run();
    let prefix = &run[..8];
    world.wait_until_running(&run);

    let status = world.flowctl(&["status"]).ok();
    assert!(
        status.contains("ticker") && status.contains(prefix) && status.contains("RUNNING"),
        "{status}"
    );
    // The first terminal shows the component's output as it comes (what
    // it printed before the terminal was watching is another test).
    std::fs::write(world.work.join("go"), "").unwrap();
    assert!(
        wait_until(PATIENCE, || first_terminal
            .stdout()
            .contains("hello-from-ticker")),
        "{first_terminal}"
    );

    stop_from_a_second_terminal(&world, prefix, &mut first_terminal);
    assert!(
        first_terminal
            .stdout()
            .contains(&format!("Run {prefix} STOPPED")),
        "no STOPPED summary\n{first_terminal}"
    );
    assert_nothing_left(&run);
}

#[test]
fn ctrl_c_stops_a_foreground_run_gracefully() {
    let world = World::new();
    let script = format!("sleep 1000 & {}; wait", write_file("echo $!", "child.pid"));
    let file = world.pipeline(&shell_source("interrupted", "ticker", &script));
    // Its own process group, as a terminal's foreground job: Ctrl+C signals
    // the whole group (which must not include the daemon it starts).
    let mut command = world.command(&["run", &file]);
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut first_terminal = world.spawn(command);
    let run = world.the_active_run();
    world.wait_until_running(&run);
    let child = world.pid_in("child.pid");
    let processes = processes_of(&run);
    let daemon = world.daemon_pid().unwrap();
    // The user presses Ctrl+C once told it stops the run.
    assert!(
        wait_until(PATIENCE, || first_terminal
            .stdout()
            .contains("Ctrl+C stops the run")),
        "{first_terminal}"
    );

    nix::sys::signal::killpg(
        nix::unistd::Pid::from_raw(first_terminal.pid()),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let exit = first_terminal.wait(PATIENCE);
    assert!(
        exit.is_some_and(|s| s.success()),
        "Ctrl+C must stop the run and exit 0\n{first_terminal}"
    );
    assert!(
        first_terminal.stdout().contains("STOPPED"),
        "{first_terminal}"
    );
    assert_gone(&[child], "the component's child");
    assert_gone(&processes, "processes of the interrupted run");
    assert_eq!(world.run_info(&run)["status"], "STOPPED");
    assert!(alive(daemon), "Ctrl+C in the terminal reached the daemon");
}

#[test]
fn a_foreground_client_killed_with_sigkill_stops_its_run() {
    let world = World::new();
    let file = world.pipeline(&shell_source("abandoned", "ticker", "exec sleep 1000"));
    let mut first_terminal = world.foreground(&file);
    let run = world.the_active_run();
    world.wait_until_running(&run);
    let processes = processes_of(&run);
    assert!(!processes.is_empty());

    kill(first_terminal.pid(), 9);
    first_terminal.wait(PATIENCE);
    // The daemon sees its watcher go and stops the run.
    world.wait_status(&run, "STOPPED");
    let active = world.flowctl(&["pipelines", "active"]).ok();
    assert!(active.contains("No active runs"), "{active}");
    assert_gone(&processes, "processes of the abandoned run");
}

/// A foreground `flowctl run` in a terminal paused with Ctrl+S: its stdout
/// is a full pipe, so its first print ("Run ... submitted") blocks until
/// [`PausedTerminal::resume`]. This holds it, deterministically, in the
/// moment after it submitted the run and before it watches it.
struct PausedTerminal {
    child: std::process::Child,
    read: Option<std::os::fd::OwnedFd>,
    out: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl PausedTerminal {
    /// Starts `flowctl run FILE` in a process group of its own.
    fn start(world: &World, file: &str) -> PausedTerminal {
        use std::io::Write;
        use std::os::unix::process::CommandExt;
        let (read, write) = nix::unistd::pipe().unwrap();
        let size = nix::fcntl::fcntl(&write, nix::fcntl::FcntlArg::F_SETPIPE_SZ(4096)).unwrap();
        let mut filler = vec![b'#'; size as usize];
        filler[size as usize - 1] = b'\n';
        std::fs::File::from(write.try_clone().unwrap())
            .write_all(&filler)
            .unwrap();
        let stderr = std::fs::File::create(world.work.join("paused.err")).unwrap();
        let mut command = world.command(&["run", file]);
        command
            .stdout(std::process::Stdio::from(write))
            .stderr(stderr)
            .process_group(0);
        let child = command.spawn().unwrap();
        PausedTerminal {
            child,
            read: Some(read),
            out: Default::default(),
            reader: None,
        }
    }

    fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// Ctrl+Q: the terminal shows output again.
    fn resume(&mut self) {
        use std::io::Read;
        let Some(read) = self.read.take() else { return };
        let out = self.out.clone();
        self.reader = Some(std::thread::spawn(move || {
            let mut pipe = std::fs::File::from(read);
            let mut chunk = [0u8; 16 * 1024];
            while let Ok(n) = pipe.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                out.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        }));
    }

    /// What it printed, without the filler that paused it.
    fn stdout(&self) -> String {
        let text = String::from_utf8_lossy(&self.out.lock().unwrap()).into_owned();
        let filler = text.len() - text.trim_start_matches('#').len();
        text[filler..].trim_start_matches('\n').to_owned()
    }

    fn wait(&mut self) -> Option<std::process::ExitStatus> {
        let child = &mut self.child;
        let mut status = None;
        wait_until(PATIENCE, || {
            status = child.try_wait().unwrap();
            status.is_some()
        });
        status
    }
}

impl Drop for PausedTerminal {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            kill(self.pid(), 9);
        }
        let _ = self.child.wait();
    }
}

#[test]
fn the_foreground_run_shows_lines_written_before_it_began_watching() {
    let world = World::new();
    let early = (0..3).fold(Pipeline::new("early"), |pipeline, i| {
        pipeline.source(
            &format!("early{i}"),
            &sh(&format!("echo first-words-of-{i}; exec sleep 1000")),
            &["readiness: started"],
        )
    });
    let file = world.pipeline(&early);
    let mut terminal = PausedTerminal::start(&world, &file);
    let run = world.the_active_run();
    let mut logs = String::new();
    assert!(
        wait_until(PATIENCE, || {
            logs = world.flowctl(&["logs", &run]).ok();
            (0..3).all(|i| logs.contains(&format!("first-words-of-{i}")))
        }),
        "{logs}"
    );

    terminal.resume();
    let mut shown = String::new();
    let complete = wait_until(PATIENCE, || {
        shown = terminal.stdout();
        (0..3).all(|i| shown.contains(&format!("first-words-of-{i}")))
    });
    world.flowctl(&["pipelines", "stop", &run]).ok();
    assert!(
        complete,
        "`flowctl run` lost the lines its components wrote before it watched; \
         `flowctl logs` has them:\n{logs}\n--- the foreground showed:\n{shown}"
    );
    assert!(terminal.wait().is_some_and(|s| s.success()));
}

#[test]
fn ctrl_c_while_a_foreground_run_starts_leaves_nothing_running() {
    let world = World::new();
    let file = world.pipeline(&shell_source("hasty", "ticker", "exec sleep 1000"));
    let mut terminal = PausedTerminal::start(&world, &file);
    // The run is submitted; the client has not shown anything yet.
    let run = world.the_active_run();
    world.wait_until_running(&run);
    let processes = processes_of(&run);

    nix::sys::signal::killpg(
        nix::unistd::Pid::from_raw(terminal.pid()),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    terminal.resume();
    let exit = terminal.wait();
    let stderr = std::fs::read_to_string(world.work.join("paused.err")).unwrap();
    let mut info = Value::Null;
    let stopped = wait_until(PATIENCE, || {
        info = world.run_info(&run);
        info["status"] == "STOPPED"
    });
    assert!(
        stopped,
        "Ctrl+C while `flowctl run` started left the run {}: {}\n\
         --- stdout\n{}--- stderr\n{stderr}",
        info["status"],
        exit.map_or("still running".into(), |s| s.to_string()),
        terminal.stdout()
    );
    assert!(
        exit.is_some_and(|s| s.success()),
        "{}\n--- stdout\n{}--- stderr\n{stderr}",
        exit.map_or("still running".into(), |s| s.to_string()),
        terminal.stdout()
    );
    assert_gone(&processes, "processes of the interrupted run");
}

#[test]
fn logs_show_a_run_by_component_and_follow_it_live() {
    let world = World::new();
    let chatty = shell_source(
        "chatty",
        "talker",
        "echo first-line; echo to-stderr >&2; \
         while [ ! -e go ]; do sleep 0.05; done; echo after-go; exec sleep 1000",
    )
    .source(
        "quiet",
        &sh("echo quiet-line; exec sleep 1000"),
        &["readiness: started"],
    );
    let file = world.pipeline(&chatty);
    let run = world.detach(&file);
    let prefix = &run[..8];

    let mut all = String::new();
    assert!(
        wait_until(PATIENCE, || {
            all = world.flowctl(&["logs", prefix]).ok();
            ["first-line", "to-stderr", "quiet-line"]
                .iter()
                .all(|l| all.contains(l))
        }),
        "{all}"
    );
    assert!(
        all.lines()
            .any(|l| l.contains("talker |") && l.contains("first-line")),
        "lines name their component: {all}"
    );
    let talker = world.flowctl(&["logs", prefix, "-c", "talker"]).ok();
    assert!(
        talker.contains("first-line") && talker.contains("to-stderr"),
        "{talker}"
    );
    assert!(
        !talker.contains("quiet-line"),
        "-c talker shows quiet: {talker}"
    );
    let unknown = world.flowctl(&["logs", prefix, "-c", "nosuch"]);
    assert!(unknown.fails().contains("nosuch"), "{unknown}");

    let mut follower = world.spawn(world.command(&["logs", "-f", prefix, "-c", "talker"]));
    // The stored lines come first: once they are shown, it follows.
    assert!(
        wait_until(PATIENCE, || follower.stdout().contains("first-line")),
        "{follower}"
    );
    std::fs::write(world.work.join("go"), "").unwrap();
    assert!(
        wait_until(PATIENCE, || follower.stdout().contains("after-go")),
        "a new line never reached `logs -f`\n{follower}"
    );

    world.flowctl(&["pipelines", "stop", prefix]).ok();
    assert!(
        follower.wait(PATIENCE).is_some_and(|s| s.success()),
        "`logs -f` should end with the run\n{follower}"
    );
    let after = world.flowctl(&["logs", prefix]).ok();
    for line in ["first-line", "to-stderr", "after-go", "quiet-line"] {
        assert!(
            after.contains(line),
            "{line} missing after the run: {after}"
        );
    }
    let last = world
        .flowctl(&["logs", prefix, "-c", "talker", "-n", "1"])
        .ok();
    assert!(
        last.contains("after-go") && !last.contains("first-line"),
        "{last}"
    );
}

/// More output than the log keeps (three files of 10 MiB) is rotated away
/// oldest first; what the flood costs the daemon in memory is a benchmark
/// figure (`log_flood_daemon_memory` in benches/figures.rs).
#[test]
fn a_flood_of_output_stays_within_the_log_cap() {
    const MIB: u64 = 1024 * 1024;
    let world = World::new();
    // 500,000 lines of 100 characters: about twice what the log keeps.
    let file = world.pipeline(&shell_source(
        "flood",
        "big",
        "head -c 50000000 /dev/zero | tr '\\0' x | fold -w 100; echo the-end",
    ));
    let run = world.detach(&file);
    let info = world.wait_ended(&run);
    assert_eq!(info["status"], "COMPLETED", "{info:#}");

    let dir = world.state_dir().join("runs").join(&run);
    let mut files: Vec<(String, u64)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().len(),
            )
        })
        .collect();
    files.sort();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["big.log", "big.log.1", "big.log.2"], "{files:?}");
    // A line on disk is its text plus a timestamp and stream prefix.
    let one_line = 1024;
    for (name, size) in &files {
        assert!(*size <= 10 * MIB + one_line, "{name} is {size} bytes");
    }
    let total: u64 = files.iter().map(|(_, s)| s).sum();
    assert!(total > 20 * MIB, "only {total} bytes kept: {files:?}");
    let newest = std::fs::read_to_string(dir.join("big.log")).unwrap();
    assert!(
        newest.trim_end().ends_with("the-end"),
        "the last line is not the last one written"
    );
    let tail = world.flowctl(&["logs", &run, "-c", "big", "-n", "2"]).ok();
    assert!(tail.contains("the-end"), "{tail}");
}

#[test]
fn a_log_dir_that_is_a_file_is_refused_and_left_alone() {
    let world = World::new();
    let file =
        world.pipeline(&Pipeline::new("mirror").source("a", "[echo, hi]", &["readiness: started"]));
    let notes = world.write("notes.txt", "precious\n");
    let err = world
        .flowctl(&["run", "--log-dir", &notes.display().to_string(), &file])
        .fails();
    assert!(
        err.contains("is a regular file (9 bytes), not a directory"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "precious\n");
    let runs = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    assert_eq!(runs.as_array().map(Vec::len), Some(0), "{runs:#}");
}
