//! A full state disk: every command says what happened, and what it said
//! is what the records say afterwards, in this daemon and the next.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use flowctl_tests::{Pipeline, Run, World, needs_root, sh, wait_until};

/// A 2 MiB tmpfs mounted on `dir`, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path) -> Tmpfs {
        std::fs::create_dir_all(dir).unwrap();
        run_ok(
            Command::new("mount")
                .args(["-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs"])
                .arg(dir),
        );
        Tmpfs(dir.to_path_buf())
    }

    /// Bytes still free for writing.
    fn available(&self) -> u64 {
        let stat = nix::sys::statvfs::statvfs(&self.0).expect("statvfs of the tmpfs");
        stat.blocks_available() as u64 * stat.fragment_size() as u64
    }

    /// Makes room: the same files, a bigger disk.
    fn grow(&self) {
        run_ok(
            Command::new("mount")
                .args(["-o", "remount,size=64m"])
                .arg(&self.0),
        );
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        // Lazily: a daemon still shutting down may hold files there.
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn run_ok(command: &mut Command) {
    let status = command.status().expect("run mount");
    assert!(status.success(), "{command:?} failed: {status}");
}

/// What a command said, stdout and stderr together.
fn said(run: &Run) -> String {
    format!("{}{}", run.stdout(), run.stderr())
}

/// The status the record of `run` must have once the disk has room again
/// and a new daemon has started, from what `flowctl pipelines stop` said.
fn status_after_stop(stop: &Run) -> &'static str {
    let text = said(stop);
    if stop.output.status.success() {
        assert!(
            text.contains("is STOPPED"),
            "a stop that succeeded says STOPPED\n{stop}"
        );
        return "STOPPED";
    }
    assert!(
        text.contains("was stopped (none of its processes is left)")
            && text.contains("the state disk is full"),
        "a stop that could not be recorded says so, in words\n{stop}"
    );
    // This daemon exits (restart, below) while the disk is still full: the
    // next one decides, as the message said.
    if text.contains("The record still says STOPPING") {
        "STOPPED"
    } else {
        assert!(
            text.contains("the next daemon records it as FAILED"),
            "{stop}"
        );
        "FAILED"
    }
}

/// A daemon whose state directory is on a 2 MiB tmpfs, filled by the log
/// of a run's component; returns them with that run's id (the world drops
/// first, stopping its daemon, then the disk).
fn full_disk() -> Option<(World, Tmpfs, String)> {
    if !needs_root("mount a 2 MiB tmpfs for the state directory") {
        return None;
    }
    let world = World::new();
    let disk = Tmpfs::mount(world.state_dir().parent().unwrap());
    world.start_daemon(&[]);
    let flood = world.pipeline(&Pipeline::new("flood").source(
        "flood",
        &sh("exec yes a-line-of-output-to-fill-the-state-disk-with"),
        &["readiness: started"],
    ));
    let flooding = world.detach(&flood);
    assert!(
        wait_until(Duration::from_secs(30), || disk.available() == 0),
        "the component's log never filled the disk ({} bytes free)",
        disk.available()
    );
    Some((world, disk, flooding))
}

#[test]
fn a_stop_recorded_late_is_recorded_as_it_said_once_the_disk_has_room() {
    let Some((world, disk, flooding)) = full_disk() else {
        return;
    };
    let stop = world.flowctl(&["pipelines", "stop", &flooding]);
    eprintln!("on the full disk: {stop}");
    if stop.output.status.success() {
        // redb found room inside its file: nothing to wait for.
        assert_eq!(world.run_info(&flooding)["status"], "STOPPED", "{stop}");
        return;
    }
    assert!(
        said(&stop).contains("flowctld records it as STOPPED as soon as the disk has room"),
        "{stop}"
    );
    disk.grow();
    // The daemon writes what waits at the latest on its way out.
    world.flowctl(&["daemon", "stop"]).ok();
    world.start_daemon(&[]);
    let record = world.run_info(&flooding);
    assert_eq!(
        record["status"], "STOPPED",
        "stop said:\n{stop}\nrecord: {record:#}"
    );
}

#[test]
fn every_command_on_a_full_disk_says_what_the_records_say_afterwards() {
    let Some((world, disk, flooding)) = full_disk() else {
        return;
    };

    let stop = world.flowctl(&["pipelines", "stop", &flooding]);
    let stopped_as = status_after_stop(&stop);
    let quiet = world.pipeline(&Pipeline::new("quiet").source(
        "idle",
        &sh("exec sleep 1000"),
        &["readiness: started"],
    ));
    let submit = world.flowctl(&["run", "--detach", &quiet]);
    let submitted = submit
        .output
        .status
        .success()
        .then(|| submit.stdout().trim().to_owned());
    if submitted.is_none() {
        assert!(said(&submit).contains("the state disk is full"), "{submit}");
    }
    let rerun = world.flowctl(&["pipelines", "restart", &flooding]);
    if !rerun.output.status.success() {
        assert!(said(&rerun).contains("the state disk is full"), "{rerun}");
    }
    let restart = world.flowctl(&["daemon", "restart"]);
    let restarted = said(&restart);

    // Which of the paths this run took, for whoever reads the test log.
    for run in [&stop, &submit, &rerun, &restart] {
        eprintln!("on the full disk: {run}");
    }
    disk.grow();
    if world
        .daemon_pid()
        .is_none_or(|pid| !flowctl_tests::alive(pid))
    {
        // The daemon that could not settle its runs on a full disk did
        // not start; it says why.
        assert!(restarted.contains("the state disk is full"), "{restart}");
        world.start_daemon(&[]);
    } else {
        world.flowctl(&["daemon", "restart"]).ok();
    }

    let record = world.run_info(&flooding);
    assert_eq!(
        record["status"], stopped_as,
        "stop said:\n{stop}\nrecord: {record:#}"
    );
    let listed = world.flowctl(&["-o", "json", "pipelines", "list"]).json();
    let quiet_runs: Vec<&serde_json::Value> = listed
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["pipeline_name"] == "quiet")
        .collect();
    match &submitted {
        None => assert!(
            quiet_runs.is_empty(),
            "a refused submission left a run: {listed:#}"
        ),
        Some(id) => {
            assert_eq!(quiet_runs.len(), 1, "{listed:#}");
            let status = world.run_info(id)["status"].clone();
            let resumed = !restarted.contains(&id[..8]);
            let expected: &[&str] = if resumed {
                &["STARTING", "RUNNING"]
            } else {
                &["STOPPED", "FAILED"]
            };
            assert!(
                expected.iter().any(|s| status == *s),
                "run {id} is {status}; daemon restart said:\n{restart}"
            );
        }
    }
    world.flowctl(&["daemon", "stop"]).ok();
}
