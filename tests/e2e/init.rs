//! `flowctl init` (COMPAT.md 7): each preset writes exactly the checked-in
//! file under `init/`, which `flowctl validate` accepts; the latest-ledger
//! lookup against a JSON-RPC server on loopback; prompts on a real terminal
//! (tmux); an existing file is never overwritten without `--force`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;

use flowctl_tests::{World, require, wait_until};

/// The checked-in file a case must write.
fn expected(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("e2e/init")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs `flowctl init args...`, checks the file equals `init/<expect>` and
/// validates; returns stdout and stderr.
fn init_writes(world: &World, args: &[&str], file: &str, expect: &str) -> (String, String) {
    let mut full = vec!["init"];
    full.extend_from_slice(args);
    let run = world.flowctl(&full);
    let stdout = run.ok();
    let written = std::fs::read_to_string(world.work.join(file))
        .unwrap_or_else(|e| panic!("{file} not written: {e}\n{run}"));
    assert_eq!(
        written,
        expected(expect),
        "{file} differs from init/{expect}"
    );
    assert!(
        stdout.contains(&format!("flowctl validate {file}")),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("flowctl run {file}")), "{stdout}");
    let validated = world.flowctl(&["validate", file]).ok();
    assert!(
        validated.contains("Pipeline validation passed"),
        "{validated}"
    );
    (stdout, run.stderr())
}

/// A JSON-RPC server on loopback answering one `getLatestLedger` with
/// `sequence`; returns its URL and the thread that checks the request.
fn ledger_server(sequence: u32) -> (String, std::thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let thread = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap();
            }
            if line == "\r\n" {
                break;
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let answer = format!(
            r#"{{"jsonrpc":"2.0","id":1,"result":{{"id":"x","protocolVersion":22,"sequence":{sequence}}}}}"#
        );
        let mut stream = stream;
        write!(
            stream,
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
             connection: close\r\n\r\n{answer}",
            answer.len()
        )
        .unwrap();
        String::from_utf8(body).unwrap()
    });
    (url, thread)
}

/// A loopback URL nothing listens on.
fn refused() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}

#[test]
fn testnet_duckdb_starts_100_ledgers_before_the_latest() {
    let world = World::new();
    let (url, server) = ledger_server(51_234);
    let args = ["--preset", "testnet-duckdb", "--ledger-rpc-endpoint", &url];
    let (stdout, _) = init_writes(
        &world,
        &args,
        "stellar-pipeline.yaml",
        "testnet-duckdb.yaml",
    );
    let request: serde_json::Value = serde_json::from_str(&server.join().unwrap()).unwrap();
    assert_eq!(request["method"], "getLatestLedger");
    assert!(stdout.contains("51134"), "{stdout}");
}

#[test]
fn testnet_postgres_with_a_given_range() {
    let world = World::new();
    let args = [
        "--preset",
        "testnet-postgres",
        "--start-ledger",
        "1000",
        "--end-ledger",
        "2000",
        "-o",
        "pg.yaml",
        "--ledger-rpc-endpoint",
        &refused(),
    ];
    init_writes(&world, &args, "pg.yaml", "testnet-postgres.yaml");
}

#[test]
fn mainnet_duckdb_without_the_network_leaves_start_ledger_out() {
    let world = World::new();
    let args = [
        "--preset",
        "mainnet-duckdb",
        "--ledger-rpc-endpoint",
        &refused(),
    ];
    let (_, stderr) = init_writes(
        &world,
        &args,
        "stellar-pipeline.yaml",
        "mainnet-duckdb.yaml",
    );
    assert!(
        stderr.contains("could not look up the latest ledger"),
        "{stderr}"
    );
    assert!(stderr.contains("--start-ledger"), "{stderr}");
}

#[test]
fn mainnet_postgres_by_flags_and_a_name() {
    let world = World::new();
    let args = [
        "--non-interactive",
        "--network",
        "mainnet",
        "--destination",
        "postgres",
        "--name",
        "events",
        "--start-ledger",
        "7",
    ];
    init_writes(&world, &args, "events.yaml", "mainnet-postgres.yaml");
}

#[test]
fn non_interactive_needs_network_and_destination() {
    let world = World::new();
    let err = world
        .flowctl(&["init", "--non-interactive", "--network", "testnet"])
        .fails();
    assert!(
        err.contains("--destination") && err.contains("--preset"),
        "{err}"
    );
    // Off a terminal nothing can be asked either.
    let err = world.flowctl(&["init"]).fails();
    assert!(err.contains("not on a terminal"), "{err}");
    assert!(std::fs::read_dir(&world.work).unwrap().next().is_none());
}

#[test]
fn an_existing_file_is_left_alone_without_force() {
    let world = World::new();
    let file = world.work.join("stellar-pipeline.yaml");
    std::fs::write(&file, "mine\n").unwrap();
    let args = ["init", "--preset", "testnet-duckdb", "--start-ledger", "5"];
    let err = world.flowctl(&args).fails();
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine\n");
    let mut forced = args.to_vec();
    forced.push("--force");
    world.flowctl(&forced).ok();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("start_ledger: 5")
    );
}

/// tmux on a private socket, killed (by that socket) when dropped.
struct Tmux {
    socket: std::path::PathBuf,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let output = std::process::Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "init"])
    }

    /// Waits for `text` on the screen, then types `keys`.
    fn answer(&self, text: &str, keys: &[&str]) {
        let shown = wait_until(Duration::from_secs(30), || self.screen().contains(text));
        assert!(shown, "no '{text}' on the terminal:\n{}", self.screen());
        let mut args = vec!["send-keys", "-t", "init"];
        args.extend_from_slice(keys);
        self.run(&args);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

#[test]
fn on_a_terminal_it_asks() {
    if !require::needs("tmux", "tmux") {
        return;
    }
    let world = World::new();
    let script = world.root.path().join("init.sh");
    let mut text = String::new();
    for (key, value) in world.env() {
        text.push_str(&format!("export {key}='{value}'\n"));
    }
    let flowctl = flowctl_tests::bin("flowctl");
    text.push_str(&format!(
        "cd '{}' && '{}' init; echo \"exit=$?\" > '{}/done'\n",
        world.work.display(),
        flowctl.display(),
        world.root.path().display()
    ));
    std::fs::write(&script, text).unwrap();
    let tmux = Tmux {
        socket: world.root.path().join("tmux.sock"),
    };
    tmux.run(&["new-session", "-d", "-s", "init", "-x", "120", "-y", "30"]);
    tmux.run(&[
        "send-keys",
        "-t",
        "init",
        &format!("sh '{}'", script.display()),
        "Enter",
    ]);
    tmux.answer("Network", &["Down", "Enter"]);
    tmux.answer("Destination", &["Enter"]);
    tmux.answer("Start ledger", &["-l", "12x"]);
    tmux.answer("12x", &["Enter"]);
    // A bad answer is said and asked again.
    tmux.answer("not a ledger number", &["-l", "12"]);
    tmux.answer("minus 100): 12", &["Enter"]);
    tmux.answer("End ledger", &["Enter"]);
    tmux.answer("Pipeline name", &["-l", "asked"]);
    tmux.answer("asked", &["Enter"]);
    let done = world.root.path().join("done");
    let finished = wait_until(Duration::from_secs(30), || done.exists());
    assert!(finished, "init did not finish:\n{}", tmux.screen());
    assert_eq!(
        std::fs::read_to_string(&done).unwrap().trim(),
        "exit=0",
        "{}",
        tmux.screen()
    );
    let written = std::fs::read_to_string(world.work.join("asked.yaml")).unwrap();
    assert_eq!(written, expected("asked.yaml"));
    assert!(
        tmux.screen().contains("flowctl run asked.yaml"),
        "{}",
        tmux.screen()
    );
}
