//! What tests read back from the daemon: run records, waits for a run to
//! reach a state, the daemon's own status.

use std::time::Duration;

use serde_json::Value;

use crate::process::wait_until;
use crate::world::World;

/// Every wait for the daemon in these tests: generous, for a loaded
/// two-core machine.
pub const PATIENCE: Duration = Duration::from_secs(30);

impl World {
    /// `flowctl -o json pipelines run-info RUN`.
    pub fn run_info(&self, run: &str) -> Value {
        self.flowctl(&["-o", "json", "pipelines", "run-info", run])
            .json()
    }

    /// Polls the run's record until `reached` holds (at most [`PATIENCE`])
    /// and returns it; fails with the last record otherwise.
    pub fn wait_run(&self, run: &str, reached: impl Fn(&Value) -> bool) -> Value {
        let mut last = Value::Null;
        let held = wait_until(PATIENCE, || {
            last = self.run_info(run);
            reached(&last)
        });
        assert!(held, "run {run} never reached the awaited state: {last:#}");
        last
    }

    /// Waits until the run's status is `status`.
    pub fn wait_status(&self, run: &str, status: &str) -> Value {
        let mut last = Value::Null;
        let held = wait_until(PATIENCE, || {
            last = self.run_info(run);
            last["status"] == status
        });
        assert!(held, "run {run} never became {status}: {last:#}");
        last
    }

    /// Waits until the run has ended (neither starting nor running) and
    /// returns its record.
    pub fn wait_ended(&self, run: &str) -> Value {
        self.wait_run(run, |info| {
            !matches!(info["status"].as_str(), Some("STARTING" | "RUNNING"))
        })
    }

    /// Waits until every component of the run is in state RUNNING.
    pub fn wait_until_running(&self, run: &str) -> Value {
        self.wait_run(run, |info| {
            info["components"]
                .as_array()
                .is_some_and(|all| all.iter().all(|c| c["state"] == "RUNNING"))
        })
    }

    /// The id of the only active run, once there is one.
    pub fn the_active_run(&self) -> String {
        let mut active = Value::Null;
        assert!(
            wait_until(PATIENCE, || {
                active = self.flowctl(&["-o", "json", "pipelines", "active"]).json();
                active.as_array().is_some_and(|runs| runs.len() == 1)
            }),
            "no active run appeared: {active:#}"
        );
        active[0]["run_id"].as_str().unwrap().to_owned()
    }

    /// Waits (at most [`PATIENCE`]) for a file a component writes in the
    /// work dir and returns its text. Components write such files to a temp
    /// name and rename them, so one is complete once it exists.
    pub fn wait_for_file(&self, name: &str) -> String {
        let path = self.work.join(name);
        assert!(
            wait_until(PATIENCE, || path.exists()),
            "{} never appeared",
            path.display()
        );
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// The pid a component wrote to `name` in the work dir.
    pub fn pid_in(&self, name: &str) -> i32 {
        let text = self.wait_for_file(name);
        text.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} holds no pid: {text:?}"))
    }

    /// `flowctl -o json daemon status`.
    pub fn daemon_status(&self) -> Value {
        self.flowctl(&["-o", "json", "daemon", "status"]).json()
    }

    /// `flowctl daemon start FLAGS...`; returns the daemon's pid.
    pub fn start_daemon(&self, flags: &[&str]) -> i32 {
        let mut args = vec!["daemon", "start"];
        args.extend_from_slice(flags);
        self.flowctl(&args).ok();
        self.daemon_pid()
            .expect("the daemon's pid in its lock file after `daemon start`")
    }

    /// `http://HOST:PORT` of the running daemon's control plane.
    pub fn control_plane_url(&self) -> String {
        let status = self.daemon_status();
        let endpoint = status["control_plane"]
            .as_str()
            .unwrap_or_else(|| panic!("no control_plane in {status:#}"));
        format!("http://{endpoint}")
    }
}

/// One component of `pipelines run-info` or `status` output.
pub fn component<'a>(listing: &'a Value, id: &str) -> &'a Value {
    listing["components"]
        .as_array()
        .and_then(|all| all.iter().find(|c| c["id"] == id))
        .unwrap_or_else(|| panic!("no component {id} in {listing:#}"))
}

/// The pids of the components of a run record that have one.
pub fn pids(info: &Value) -> Vec<i32> {
    info["components"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["pid"].as_i64())
        .filter(|pid| *pid > 0)
        .map(|pid| pid as i32)
        .collect()
}

/// The run ids of a `pipelines list` or `pipelines runs` listing, in order.
pub fn run_ids(listing: &Value) -> Vec<&str> {
    listing
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|run| run["run_id"].as_str())
        .collect()
}
