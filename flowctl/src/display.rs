//! What users read of the daemon's answers: state names, JSON shapes (one
//! definition with the daemon's HTTP API, in `flowctl_proto::json`), event
//! counts, and log lines with their component prefix. Every command prints
//! through these, so one thing reads the same everywhere.

use flowctl_proto::daemon::v1::{ComponentState, ComponentStatus, LogLine, RunSummary};

use crate::output;

/// A component state as users read it: `RUNNING`, `FAILED`...
pub fn state_name(state: ComponentState) -> &'static str {
    flowctl_proto::json::state_name(state)
}

/// "120/118 (40/s)": what the relay moved through a component.
pub fn events(c: &ComponentStatus) -> String {
    if c.events_in == 0 && c.events_out == 0 {
        return "-".into();
    }
    let rate = if c.events_per_second >= 0.5 {
        format!(" ({:.0}/s)", c.events_per_second)
    } else {
        String::new()
    };
    format!("{}/{}{rate}", c.events_in, c.events_out)
}

/// "1.25s": the CPU time a component's instances used (cgroup `cpu.stat`),
/// or "-" without cgroup containment.
pub fn cpu(c: &ComponentStatus) -> String {
    match c.cpu_usec {
        None => "-".into(),
        Some(usec) if usec < 10_000_000 => format!("{:.2}s", usec as f64 / 1e6),
        Some(usec) => format!("{:.0}s", usec as f64 / 1e6),
    }
}

/// A component's new status over its previous one. A change of state does
/// not carry what the registry and the relay know (health, last heartbeat,
/// endpoint, event counts): those stay as the last snapshot said.
pub fn merge_status(previous: ComponentStatus, update: ComponentStatus) -> ComponentStatus {
    let keep = |new: String, old: String| if new.is_empty() { old } else { new };
    ComponentStatus {
        health: keep(update.health.clone(), previous.health),
        endpoint: keep(update.endpoint.clone(), previous.endpoint),
        service_id: keep(update.service_id.clone(), previous.service_id),
        last_heartbeat_ms: match update.last_heartbeat_ms {
            0 => previous.last_heartbeat_ms,
            ms => ms,
        },
        events_in: update.events_in.max(previous.events_in),
        events_out: update.events_out.max(previous.events_out),
        events_per_second: if update.events_in == 0 && update.events_out == 0 {
            previous.events_per_second
        } else {
            update.events_per_second
        },
        cpu_usec: update.cpu_usec.or(previous.cpu_usec),
        ..update
    }
}

/// "gen 0/1000, out 1000/0": what the relay moved through each component
/// that moved anything; empty before anything moved.
pub fn flow(components: &[&ComponentStatus]) -> String {
    let parts: Vec<String> = components
        .iter()
        .filter(|c| c.events_in > 0 || c.events_out > 0)
        .map(|c| format!("{} {}", c.id, events(c)))
        .collect();
    parts.join(", ")
}

/// What a listing of runs prints when there is none, local or remote.
pub fn print_no_runs(active_only: bool) {
    println!(
        "{}",
        if active_only {
            "No active runs."
        } else {
            "No runs."
        }
    );
}

/// A run summary as `-o json` prints it.
pub fn run_json(run: &RunSummary) -> serde_json::Value {
    flowctl_proto::json::run(run)
}

/// The stream of a line that is the daemon's notice (lines missed, no
/// output), not a component's output.
const NOTICE: &str = "flowctl";

/// Prints log lines with a coloured, aligned component prefix, and the
/// daemon's notices about a component as `<component>: <notice>`.
pub struct Printer {
    json: bool,
    color: bool,
    components: std::cell::RefCell<Vec<String>>,
}

impl Printer {
    pub fn new(json: bool) -> Printer {
        Printer {
            json,
            color: output::color(),
            components: Default::default(),
        }
    }

    pub fn print(&self, line: &LogLine) {
        if self.json {
            println!("{}", flowctl_proto::json::log_line(line));
            return;
        }
        if line.stream == NOTICE && !line.component.is_empty() {
            // The daemon's word about a component, not its output.
            println!("{}: {}", line.component, line.line);
            return;
        }
        let index = {
            let mut components = self.components.borrow_mut();
            match components.iter().position(|c| *c == line.component) {
                Some(i) => i,
                None => {
                    components.push(line.component.clone());
                    components.len() - 1
                }
            }
        };
        let name = if line.component.is_empty() {
            "flowctl"
        } else {
            &line.component
        };
        if self.color {
            println!(
                "\x1b[{}m{name:>12} |\x1b[0m {}",
                output::palette(index),
                line.line
            );
        } else {
            println!("{name:>12} | {}", line.line);
        }
    }
}
