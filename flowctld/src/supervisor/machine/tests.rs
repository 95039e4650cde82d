//! The supervisor's policies, event by event: no processes, no sleeps, the
//! time handed in. [`Harness`] plays the run task: it answers every spawn
//! with a new pid and checks every run status change against
//! [`RunStatus::may_become`].

use std::collections::HashMap;
use std::time::Duration;

use nix::sys::signal::Signal;
use tokio::time::Instant;

use super::*;
use flowctl_core::{ComponentState, RunStatus};

/// A run of a pipeline whose `spec:` is `body`.
struct Harness {
    machine: Machine,
    now: Instant,
    /// The latest instance's pid of each component.
    pids: HashMap<String, u32>,
    next_pid: u32,
    status: RunStatus,
}

fn run(body: &str) -> Harness {
    let yaml =
        format!("apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: t\nspec:\n{body}");
    let pipeline = match flowctl_core::spec::parse("t.yaml", yaml.as_bytes()) {
        Ok(parsed) => parsed.pipeline,
        Err(diagnostics) => panic!("{diagnostics}\n{yaml}"),
    };
    let mut harness = Harness {
        machine: Machine::new("run-1", &pipeline, Duration::from_secs(3)),
        now: Instant::now(),
        pids: HashMap::new(),
        next_pid: 100,
        status: RunStatus::Starting,
    };
    harness.feed(Event::Begin);
    harness
}

impl Harness {
    /// Steps the machine with `event` and with the spawn results it asks
    /// for; returns every action, in order.
    fn feed(&mut self, event: Event) -> Vec<Action> {
        let mut all = Vec::new();
        let mut queue = vec![event];
        while let Some(event) = queue.pop() {
            for action in self.machine.step(event, self.now) {
                match &action {
                    Action::Spawn(wave) => {
                        let results = wave
                            .iter()
                            .map(|id| {
                                self.next_pid += 1;
                                self.pids.insert(id.clone(), self.next_pid);
                                (id.clone(), Spawned::Started(self.next_pid))
                            })
                            .collect();
                        queue.push(Event::Spawned(results));
                    }
                    Action::SetRunStatus { status, .. } => {
                        assert!(
                            self.status.may_become(*status),
                            "{} -> {status} is not allowed",
                            self.status
                        );
                        self.status = *status;
                    }
                    _ => {}
                }
                all.push(action);
            }
        }
        all
    }

    /// `component`'s main process exits with `code`, and its output drains.
    fn exit(&mut self, component: &str, code: i32) -> Vec<Action> {
        let mut actions = self.feed(Event::Exited {
            component: component.into(),
            exit: format!("exit status {code}"),
            success: code == 0,
        });
        actions.extend(self.feed(Event::Drained {
            component: component.into(),
            last_lines: vec!["boom".into()],
        }));
        actions
    }

    /// Time passes; due deadlines fire.
    fn advance(&mut self, by: Duration) -> Vec<Action> {
        self.now += by;
        self.feed(Event::Timer)
    }

    fn register(&mut self, component: &str) -> Vec<Action> {
        self.feed(Event::Registered {
            component: component.into(),
            service_id: component.into(),
            endpoint: String::new(),
        })
    }

    fn stop(&mut self) -> Vec<Action> {
        self.feed(Event::StopRequested)
    }

    fn phase(&self, component: &str) -> Phase {
        self.machine.phase(component).cloned().expect(component)
    }
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// The components spawned by `actions`.
fn spawned(actions: &[Action]) -> Vec<String> {
    actions
        .iter()
        .filter_map(|a| match a {
            Action::Spawn(wave) => Some(wave.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

/// The signals sent by `actions`, as (component, signal).
fn signals(actions: &[Action]) -> Vec<(String, Signal)> {
    actions
        .iter()
        .filter_map(|a| match a {
            Action::Signal {
                component, signal, ..
            } => Some((component.clone(), *signal)),
            _ => None,
        })
        .collect()
}

/// The run's status changes in `actions`, with their errors.
fn statuses(actions: &[Action]) -> Vec<(RunStatus, Option<String>)> {
    actions
        .iter()
        .filter_map(|a| match a {
            Action::SetRunStatus { status, error } => Some((*status, error.clone())),
            _ => None,
        })
        .collect()
}

/// What users were shown of `component` last in `actions`.
fn last_shown(actions: &[Action], component: &str) -> Option<Shown> {
    actions.iter().rev().find_map(|a| match a {
        Action::Show {
            component: c,
            shown,
            ..
        } if c == component => Some(shown.clone()),
        _ => None,
    })
}

/// One source with the given extra fields, up as soon as it is spawned.
fn one(fields: &str) -> Harness {
    run(&format!(
        "  sources:\n    - id: a\n      command: [a]\n      readiness: started\n{fields}"
    ))
}

fn restart(policy: &str) -> String {
    format!(
        "      restart_policy: {policy}\n      max_restarts: 3\n      restart_window: 60s\n      \
         restart_delay: 100ms\n      restart_delay_max: 300ms\n      min_uptime: 10s\n"
    )
}

fn backing_off_for(harness: &Harness, component: &str) -> Duration {
    match harness.phase(component) {
        Phase::BackingOff { until } => until - harness.now,
        other => panic!("{component} is {other:?}, not backing off"),
    }
}

mod no_spawn;
mod policies;
mod stopping;
