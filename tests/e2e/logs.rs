//! What `flowctl logs` tells about a run's output, and the daemon's own log:
//! components that wrote nothing, `-n 0`, lines a slow follower missed or
//! lost to rotation, and the rotation of `flowctld.log`.

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;
use std::time::Duration;

use flowctl_tests::{World, wait_until};
use serde_json::Value;

/// Every wait of these tests: generous, for a loaded two-core machine.
const PATIENCE: Duration = Duration::from_secs(60);

/// A pipeline file `name.yaml` in the work dir whose sources are
/// `(id, shell script)`, each ready once started.
fn pipeline(world: &World, name: &str, sources: &[(&str, &str)]) -> String {
    let mut text = format!(
        "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: {name}\nspec:\n  sources:\n"
    );
    for (id, script) in sources {
        let script = serde_json::to_string(script).unwrap();
        text += &format!(
            "    - id: {id}\n      command: [\"sh\", \"-c\", {script}]\n      readiness: started\n"
        );
    }
    world.write(&format!("{name}.yaml"), &text);
    format!("{name}.yaml")
}

/// Waits until the run has ended, and returns its final status.
fn wait_ended(world: &World, run: &str) -> String {
    let mut status = String::new();
    let ended = wait_until(PATIENCE, || {
        let info = world
            .flowctl(&["-o", "json", "pipelines", "run-info", run])
            .json();
        status = info["status"].as_str().unwrap_or_default().to_owned();
        ["COMPLETED", "FAILED", "STOPPED"].contains(&status.as_str())
    });
    assert!(ended, "run {run} never ended: {status}");
    status
}

/// The JSON lines `flowctl -o json logs` printed.
fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn logs_of_components_that_wrote_nothing_say_so() {
    let world = World::new();
    let file = pipeline(
        &world,
        "quiet",
        &[("gen", "true"), ("talker", "echo hello")],
    );
    let run = world.detach(&file);
    assert_eq!(wait_ended(&world, &run), "COMPLETED");
    let logs = world.flowctl(&["logs", &run]);
    let out = logs.ok();
    assert!(out.contains("gen: no output"), "{logs}");
    assert!(out.contains("talker | hello"), "{logs}");
    assert!(!out.contains("talker: no output"), "{logs}");
    let only = world.flowctl(&["logs", &run, "-c", "gen"]).ok();
    assert_eq!(only.trim(), "gen: no output");
}

#[test]
fn logs_n_0_shows_every_kept_line_from_the_first() {
    let world = World::new();
    let file = pipeline(
        &world,
        "counted",
        &[(
            "count",
            "i=1; while [ $i -le 500 ]; do echo line $i; i=$((i+1)); done",
        )],
    );
    let run = world.detach(&file);
    assert_eq!(wait_ended(&world, &run), "COMPLETED");
    let all = world.flowctl(&["logs", &run, "-n", "0"]).ok();
    let texts: Vec<&str> = all.lines().collect();
    let expected: Vec<String> = (1..=500)
        .map(|i| format!("       count | line {i}"))
        .collect();
    assert_eq!(texts, expected);
    let last = world.flowctl(&["logs", &run, "-n", "2"]).ok();
    assert_eq!(last.lines().count(), 2, "{last}");
}

/// The number stored in a log file's first line, after its timestamp.
fn first_seq(path: &std::path::Path) -> u64 {
    let mut head = [0u8; 64];
    let n = std::fs::File::open(path).unwrap().read(&mut head).unwrap();
    let head = String::from_utf8_lossy(&head[..n]).into_owned();
    head.split(' ').nth(1).unwrap().parse().unwrap()
}

#[test]
fn a_follower_flooded_past_the_rotation_reports_lost_lines_as_lost() {
    let world = World::new();
    // 600,000 lines of 100 characters: twice what the rotation keeps.
    let flood = "echo ready-line; while [ ! -e go ]; do sleep 0.05; done; \
                 head -c 60000000 /dev/zero | tr '\\0' x | fold -w 100; echo the-end";
    let file = pipeline(&world, "flood", &[("big", flood)]);
    let run = world.detach(&file);
    // The ready line, then 600,000 lines: fold ends the last without a
    // newline, so "the-end" ends it.
    let written = 600_001;

    let mut follower = world
        .command(&["-o", "json", "logs", "-f", &run, "-c", "big", "-n", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(follower.stdout.take().unwrap());
    let mut lines = Vec::new();
    // Once it showed the first line it follows; then it reads nothing until
    // the flood is over, as a terminal that cannot keep up.
    while !lines
        .last()
        .is_some_and(|l: &String| l.contains("ready-line"))
    {
        let mut line = String::new();
        assert!(out.read_line(&mut line).unwrap() > 0, "{lines:?}");
        lines.push(line);
    }
    std::fs::write(world.work.join("go"), "").unwrap();
    assert_eq!(wait_ended(&world, &run), "COMPLETED");
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    assert!(follower.wait().unwrap().success());

    let entries = json_lines(&(lines.concat() + &rest));
    let shown = entries.iter().filter(|e| e["stream"] == "stdout").count() as u64;
    let notices: Vec<&Value> = entries
        .iter()
        .filter(|e| e["stream"] == "flowctl")
        .collect();
    let count = |key: &str| {
        notices
            .iter()
            .map(|n| n[key].as_u64().unwrap())
            .sum::<u64>()
    };
    let (missed, lost) = (count("missed"), count("lost"));
    assert_eq!(
        shown + missed + lost,
        written,
        "every line is shown or accounted for: {shown} shown, {missed} missed, {lost} lost"
    );
    assert!(lost > 0, "{notices:#?}");
    for notice in &notices {
        let text = notice["line"].as_str().unwrap();
        if notice["lost"].as_u64().unwrap() > 0 {
            assert!(text.contains("lost"), "{text}");
        }
    }

    // What is kept is shown whole by `-n 0`, from the oldest kept line.
    let dir = world.state_dir().join("runs").join(&run);
    let oldest = first_seq(&dir.join("big.log.2"));
    let all = world.flowctl(&["-o", "json", "logs", &run, "-n", "0"]).ok();
    let seqs: Vec<u64> = json_lines(&all)
        .iter()
        .map(|e| e["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs.first(), Some(&oldest));
    assert_eq!(seqs.last(), Some(&written));
    assert!(
        seqs.windows(2).all(|w| w[1] == w[0] + 1),
        "a line is missing or repeated"
    );
}

#[test]
fn the_daemon_log_rotates_at_the_configured_cap() {
    let world = World::new();
    let config = world.root.path().join("config/flowctl");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "log_level = \"debug\"\ndaemon_log_max_bytes = 2000\ndaemon_log_keep = 2\n",
    )
    .unwrap();
    let file = pipeline(&world, "once", &[("a", "echo hi")]);
    let log = world.state_dir().join("flowctld.log");
    let rotated = world.state_dir().join("flowctld.log.1");
    // Every run the daemon starts and ends writes a few lines to its log.
    let enough = wait_until(PATIENCE, || {
        let run = world.detach(&file);
        wait_ended(&world, &run);
        rotated.exists()
    });
    assert!(enough, "{} never rotated", log.display());
    for _ in 0..3 {
        let run = world.detach(&file);
        wait_ended(&world, &run);
    }
    assert!(!world.state_dir().join("flowctld.log.2").exists());
    for path in [&log, &rotated] {
        let text = std::fs::read_to_string(path).unwrap();
        // A line may take a file past the cap only when it is its first.
        let first = text.lines().next().map_or(0, |l| l.len() as u64 + 1);
        assert!(
            (text.len() as u64) <= 2000.max(first),
            "{} is {} bytes",
            path.display(),
            text.len()
        );
    }
    // What the daemon prints past its logger (a panic) follows the rotation.
    let pid = world.daemon_pid().expect("the daemon's pid");
    for fd in [1, 2] {
        let target = std::fs::read_link(format!("/proc/{pid}/fd/{fd}")).unwrap();
        assert_eq!(target, log, "fd {fd} of the daemon");
    }
    let daemon_logs = world.flowctl(&["daemon", "logs"]).ok();
    assert!(
        !daemon_logs.trim().is_empty(),
        "`daemon logs` shows nothing"
    );
}
