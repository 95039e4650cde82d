//! Stopping a run: producers first, SIGKILL after stop_timeout, what a
//! stop does to restarts waiting or asked for, and the run's end.

use super::*;
use flowctl_core::{ComponentState, RunStatus};

const CHAIN: &str = "  sources:
    - id: gen
      command: [gen]
      readiness: started
      stop_timeout: 2s
  processors:
    - id: upper
      command: [upper]
      readiness: started
      inputs: [gen]
  sinks:
    - id: out
      command: [out]
      readiness: started
      inputs: [upper]
      stop_signal: INT
";

#[test]
fn a_stop_goes_producers_first_layer_by_layer() {
    let mut run = run(CHAIN);
    assert_eq!(run.status, RunStatus::Running);
    let actions = run.stop();
    assert_eq!(statuses(&actions), vec![(RunStatus::Stopping, None)]);
    assert_eq!(actions[0], Action::CloseRelay);
    assert_eq!(signals(&actions), [("gen".to_string(), Signal::SIGTERM)]);
    assert_eq!(
        last_shown(&actions, "gen").unwrap().state,
        ComponentState::Stopping
    );
    let actions = run.exit("gen", 0);
    assert_eq!(
        signals(&actions),
        [
            ("gen".to_string(), Signal::SIGKILL),
            ("upper".to_string(), Signal::SIGTERM)
        ]
    );
    let actions = run.exit("upper", 0);
    assert_eq!(
        signals(&actions).last(),
        Some(&("out".to_string(), Signal::SIGINT))
    );
    let actions = run.exit("out", 0);
    assert_eq!(
        last_shown(&actions, "out").unwrap().state,
        ComponentState::Exited
    );
    assert!(actions.contains(&Action::SweepRun));
    let done = run.feed(Event::Swept);
    assert_eq!(
        done,
        [
            Action::Persist,
            Action::SetRunStatus {
                status: RunStatus::Stopped,
                error: None
            },
            Action::Finish
        ]
    );
    assert!(run.machine.is_done());
}

#[test]
fn sigkill_follows_the_stop_timeout_then_the_stop_moves_on() {
    let mut run = run(CHAIN);
    run.stop();
    assert!(signals(&run.advance(ms(1999))).is_empty());
    let actions = run.advance(ms(1));
    assert_eq!(signals(&actions), [("gen".to_string(), Signal::SIGKILL)]);
    // It survives SIGKILL: after the grace the next layer is stopped anyway.
    let actions = run.advance(KILL_GRACE);
    assert_eq!(signals(&actions), [("upper".to_string(), Signal::SIGTERM)]);
}

#[test]
fn a_stop_during_backoff_keeps_the_component_down() {
    let mut run = one(&restart("always"));
    run.exit("a", 1);
    assert!(matches!(run.phase("a"), Phase::BackingOff { .. }));
    let actions = run.stop();
    let shown = last_shown(&actions, "a").unwrap();
    assert_eq!(shown.state, ComponentState::Exited);
    assert_eq!(shown.exit, "exit status 1 (not restarted: the run stopped)");
    assert!(actions.contains(&Action::SweepRun));
    assert!(spawned(&run.advance(Duration::from_secs(1))).is_empty());
    assert_eq!(run.machine.next_deadline(), None);
}

#[test]
fn a_restart_by_hand_during_the_stop_is_ignored() {
    let mut run = run(CHAIN);
    run.stop();
    let actions = run.feed(Event::RestartRequested { component: None });
    assert!(spawned(&actions).is_empty() && signals(&actions).is_empty());
    let actions = run.exit("gen", 0);
    assert!(spawned(&actions).is_empty());
    assert_eq!(run.phase("gen"), Phase::Exited);
}

#[test]
fn pending_components_are_shown_not_started_when_the_run_stops() {
    let mut run = run("  sources:
    - id: a
      command: [a]
  sinks:
    - id: b
      command: [b]
      inputs: [a]
");
    let actions = run.stop();
    let shown = last_shown(&actions, "b").unwrap();
    assert_eq!(
        (shown.state, shown.exit.as_str()),
        (ComponentState::Exited, "not started")
    );
}

#[test]
fn the_relay_finishing_completes_the_run_and_stops_what_is_left() {
    let mut run = run(CHAIN);
    let actions = run.feed(Event::RelayFinished(Ok(())));
    assert!(statuses(&actions).is_empty());
    assert_eq!(signals(&actions), [("gen".to_string(), Signal::SIGTERM)]);
    run.exit("gen", 0);
    run.exit("upper", 0);
    run.exit("out", 0);
    let done = run.feed(Event::Swept);
    assert_eq!(statuses(&done), vec![(RunStatus::Completed, None)]);
}

#[test]
fn a_failed_spawn_fails_the_run_with_its_reason() {
    let pipeline = flowctl_core::spec::parse(
        "t.yaml",
        format!("apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: t\nspec:\n{CHAIN}")
            .as_bytes(),
    )
    .unwrap()
    .pipeline;
    let mut machine = Machine::new("run-1", &pipeline, Duration::from_secs(3));
    let now = Instant::now();
    let actions = machine.step(Event::Begin, now);
    assert_eq!(actions, [Action::Spawn(vec!["gen".into()])]);
    let actions = machine.step(
        Event::Spawned(vec![(
            "gen".into(),
            Spawned::Failed("no such program".into()),
        )]),
        now,
    );
    assert!(actions.contains(&Action::SweepRun));
    let done = machine.step(Event::Swept, now);
    assert!(done.contains(&Action::SetRunStatus {
        status: RunStatus::Failed,
        error: Some("no such program".into())
    }));
}

#[test]
fn an_instance_exiting_as_the_stop_begins_is_waited_for_and_not_restarted() {
    let mut run = one(&restart("always"));
    run.feed(Event::Exited {
        component: "a".into(),
        exit: "exit status 1".into(),
        success: false,
    });
    let actions = run.stop();
    // Its output is still draining: the stop waits for it.
    assert!(!actions.contains(&Action::SweepRun));
    let actions = run.feed(Event::Drained {
        component: "a".into(),
        last_lines: Vec::new(),
    });
    assert!(spawned(&actions).is_empty());
    assert_eq!(run.phase("a"), Phase::Exited);
    assert!(actions.contains(&Action::SweepRun));
}

#[test]
fn an_instance_spawned_as_the_run_ends_is_stopped_with_it() {
    let pipeline = flowctl_core::spec::parse(
        "t.yaml",
        format!("apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: t\nspec:\n{CHAIN}")
            .as_bytes(),
    )
    .unwrap()
    .pipeline;
    let mut machine = Machine::new("run-1", &pipeline, Duration::from_secs(3));
    let now = Instant::now();
    machine.step(Event::Begin, now);
    let actions = machine.step(Event::StopRequested, now);
    assert!(!actions.contains(&Action::SweepRun));
    let actions = machine.step(
        Event::Spawned(vec![("gen".into(), Spawned::Started(7))]),
        now,
    );
    assert!(actions.contains(&Action::Signal {
        component: "gen".into(),
        pgid: 7,
        signal: Signal::SIGTERM
    }));
}
