//! `flowctl dashboard` in a real terminal: tmux (its own server on a socket
//! in the test's temp dir) runs the dashboard in a pane of fixed size, the
//! test reads the screen with `capture-pane` and types keys with
//! `send-keys`, against the local daemon and against a control plane over
//! TCP.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

use flowctl_tests::{PATIENCE, Pipeline, World, bin, wait_until};

/// A tmux server of one session, "dash", killed (by its socket) on drop.
struct Tmux {
    socket: PathBuf,
    env: std::collections::BTreeMap<String, String>,
}

impl Tmux {
    /// A session of `width`x`height` running `sh` with `world`'s
    /// environment.
    fn start(world: &World, width: u16, height: u16) -> Tmux {
        let mut env = world.env();
        env.insert("SHELL".into(), "/bin/sh".into());
        env.insert("PS1".into(), "dash-test$ ".into());
        env.insert("TERM".into(), "xterm-256color".into());
        let tmux = Tmux {
            socket: world.root.path().join("tmux.sock"),
            env,
        };
        tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "dash",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "/bin/sh",
        ]);
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .env_clear()
            .envs(&self.env)
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .output()
            .expect("run tmux");
        assert!(
            output.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "dash"])
    }

    /// Types `keys` (tmux key names, e.g. "Enter").
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "dash"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types a line of text and Enter.
    fn line(&self, text: &str) {
        self.run(&["send-keys", "-t", "dash", "-l", text]);
        self.keys(&["Enter"]);
    }

    /// Waits until the screen shows what `seen` wants; the last screen.
    fn wait(&self, what: &str, seen: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        let held = wait_until(PATIENCE, || {
            last = self.screen();
            seen(&last)
        });
        assert!(held, "the screen never showed {what}:\n{last}");
        last
    }

    /// `#{cursor_flag} #{alternate_on}`: cursor shown, alternate screen on.
    fn modes(&self) -> String {
        self.run(&[
            "display-message",
            "-p",
            "-t",
            "dash",
            "#{cursor_flag} #{alternate_on}",
        ])
        .trim()
        .to_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

/// The pipeline both tests watch: a generator through upper into a sink.
fn ledger(world: &World) -> String {
    world.pipeline(
        &Pipeline::new("ledger")
            .generator("gen", &[("INTERVAL_MS", "50")])
            .upper("upper", &["gen"], &[])
            .example_sink("out", &["upper"], &[]),
    )
}

/// Opens the dashboard with `args` in a fresh shell of `tmux`, after a
/// line of text that must come back once it quits.
fn open(tmux: &Tmux, args: &str) {
    // Typed before the shell has drawn its prompt, the line would be
    // echoed by the terminal and its output land beside the prompt.
    tmux.wait("the shell's prompt", |s| s.contains("dash-test$"));
    tmux.line("echo before-the-dashboard");
    tmux.wait("the shell's output", |s| {
        s.lines().any(|l| l == "before-the-dashboard")
    });
    tmux.line(&format!("{} dashboard {args}", bin("flowctl").display()));
}

/// Stops the shown run with `s`, `y`, and sees it stopped on screen.
fn stop_on_screen(tmux: &Tmux) {
    tmux.keys(&["s"]);
    tmux.wait("the stop question", |s| s.contains("Stop run"));
    tmux.keys(&["y"]);
    tmux.wait("the run stopped", |s| {
        s.lines()
            .any(|l| l.contains("ledger") && l.contains("stopped"))
    });
}

/// Quits with `q` and checks the terminal is as it was.
fn quit_and_see_the_shell_again(tmux: &Tmux) {
    tmux.keys(&["q"]);
    let screen = tmux.wait("the shell back", |s| {
        !s.contains("flowctl dashboard ·") && s.lines().any(|l| l == "before-the-dashboard")
    });
    assert!(
        screen.contains("dash-test$"),
        "no prompt after quitting:\n{screen}"
    );
    assert_eq!(
        tmux.modes(),
        "1 0",
        "cursor hidden or alternate screen still on"
    );
}

#[test]
fn the_dashboard_shows_a_run_stops_it_and_gives_the_terminal_back() {
    if !flowctl_tests::needs("tmux", "tmux") {
        return;
    }
    let world = World::new();
    let run = world.detach(&ledger(&world));
    world.wait_until_running(&run);
    let tmux = Tmux::start(&world, 80, 24);
    open(&tmux, "");
    let screen = tmux.wait("the run, its components and edges", |s| {
        s.contains(flowctl_core_short(&run))
            && s.lines()
                .any(|l| l.contains("upper") && l.contains("running"))
            && s.contains("gen ──▶ upper")
    });
    assert!(screen.contains("ledger"), "{screen}");
    // A resize redraws at the new size.
    tmux.run(&["resize-window", "-t", "dash", "-x", "120", "-y", "30"]);
    tmux.wait("the wide layout", |s| s.contains("LAST RESTART"));
    tmux.run(&["resize-window", "-t", "dash", "-x", "80", "-y", "24"]);
    tmux.wait("the narrow layout", |s| {
        !s.contains("LAST RESTART") && s.contains("EV/S")
    });
    // The second component, restarted by hand, and its log followed.
    tmux.keys(&["Tab", "j", "R"]);
    tmux.wait("the restart done", |s| s.contains("upper restarted"));
    world.wait_run(&run, |info| {
        let upper = flowctl_tests::component(info, "upper");
        upper["last_restart_reason"]
            .as_str()
            .is_some_and(|r| r.contains("by hand"))
    });
    // The selected component's last restart, under the table at 80 columns.
    tmux.wait("the restart's reason", |s| {
        s.contains("upper: restarted by hand")
    });
    tmux.keys(&["l"]);
    tmux.wait("upper's log", |s| s.contains("Log of upper"));
    stop_on_screen(&tmux);
    assert_eq!(world.run_info(&run)["status"], "STOPPED");
    let listed = world.flowctl(&["pipelines", "list"]).ok();
    assert!(
        listed.contains("stopped") || listed.contains("STOPPED"),
        "{listed}"
    );
    quit_and_see_the_shell_again(&tmux);
}

#[test]
fn the_dashboard_shows_a_run_started_after_it_opened() {
    if !flowctl_tests::needs("tmux", "tmux") {
        return;
    }
    let world = World::new();
    world.start_daemon(&[]);
    let tmux = Tmux::start(&world, 80, 24);
    open(&tmux, "");
    tmux.wait("the empty dashboard", |s| s.contains("flowctl dashboard ·"));
    // Learned from the daemon's stream of every run, not from a listing.
    let run = world.detach(&ledger(&world));
    tmux.wait("the new run, its components and edges", |s| {
        s.contains(flowctl_core_short(&run))
            && s.lines()
                .any(|l| l.contains("upper") && l.contains("running"))
            && s.contains("gen ──▶ upper")
    });
    stop_on_screen(&tmux);
    quit_and_see_the_shell_again(&tmux);
}

#[test]
fn the_dashboard_of_a_remote_plane_refreshes_and_stops_a_run() {
    if !flowctl_tests::needs("tmux", "tmux") {
        return;
    }
    let (there, here) = (World::new(), World::new());
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    there.start_daemon(&["--control-plane-port", &port.to_string()]);
    let run = there.detach(&ledger(&there));
    there.wait_until_running(&run);
    // The viewer's own world has no daemon: everything comes over TCP.
    let tmux = Tmux::start(&here, 80, 24);
    open(
        &tmux,
        &format!("--control-plane-port {port} --refresh-interval 200ms"),
    );
    tmux.wait("the plane's run and registrations", |s| {
        s.contains(&format!("control plane 127.0.0.1:{port}"))
            && s.contains(flowctl_core_short(&run))
            && s.lines()
                .any(|l| l.contains("gen") && l.contains("healthy"))
    });
    stop_on_screen(&tmux);
    there.wait_status(&run, "STOPPED");
    quit_and_see_the_shell_again(&tmux);
    assert!(
        here.daemon_pid().is_none(),
        "the remote view started a local daemon"
    );
}

/// A run id as tables show it.
fn flowctl_core_short(id: &str) -> &str {
    &id[..8]
}

#[test]
fn the_dashboard_off_a_terminal_says_to_use_status_watch() {
    let world = World::new();
    let failed = world.flowctl(&["dashboard"]).fails();
    assert!(failed.contains("flowctl status --watch"), "{failed}");
}
