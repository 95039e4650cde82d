//! Restart policies, backoff, limits, on_component_failure, dependency
//! conditions, start_timeout, liveness and restarts by hand.

use super::*;
use flowctl_core::{ComponentState, RunStatus};

#[test]
fn never_finishes_on_success_and_the_run_completes() {
    let mut run = one(&restart("never"));
    assert_eq!(
        run.phase("a"),
        Phase::Running {
            instance: Instance {
                pgid: 101,
                started: run.now
            }
        }
    );
    let actions = run.exit("a", 0);
    assert!(spawned(&actions).is_empty());
    assert_eq!(run.phase("a"), Phase::Exited);
    let done = run.feed(Event::Swept);
    assert_eq!(statuses(&done), vec![(RunStatus::Completed, None)]);
    assert!(done.contains(&Action::Finish));
    // Completed by itself: never STOPPING on the way.
    assert!(
        !statuses(&actions)
            .iter()
            .any(|(s, _)| *s == RunStatus::Stopping)
    );
}

#[test]
fn never_gives_up_on_failure_and_stops_the_run_quoting_its_output() {
    let mut run = one(&restart("never"));
    let actions = run.exit("a", 3);
    assert!(spawned(&actions).is_empty());
    let Phase::Failed { message } = run.phase("a") else {
        panic!("{:?}", run.phase("a"));
    };
    assert!(
        message.contains("component 'a' failed: exit status 3 (restart_policy: never)"),
        "{message}"
    );
    assert!(message.contains("its last output:\n  boom"), "{message}");
    assert!(actions.contains(&Action::CloseRelay));
    let done = run.feed(Event::Swept);
    let (status, error) = &statuses(&done)[0];
    assert_eq!(*status, RunStatus::Failed);
    let error = error.clone().unwrap_or_default();
    assert!(
        error.ends_with("(on_component_failure: stop-run stopped the run)"),
        "{error}"
    );
}

#[test]
fn on_failure_finishes_on_success_and_restarts_on_failure() {
    let mut run = one(&restart("on-failure"));
    run.exit("a", 1);
    assert_eq!(backing_off_for(&run, "a"), ms(100));
    assert!(spawned(&run.advance(ms(99))).is_empty());
    assert_eq!(spawned(&run.advance(ms(1))), ["a"]);
    let actions = run.exit("a", 0);
    assert!(spawned(&actions).is_empty());
    assert_eq!(run.phase("a"), Phase::Exited);
    assert_eq!(last_shown(&actions, "a").map(|s| s.restarts), Some(1));
}

#[test]
fn always_restarts_after_success_and_after_failure() {
    let mut run = one(&restart("always"));
    let actions = run.exit("a", 0);
    let shown = last_shown(&actions, "a").unwrap();
    assert_eq!(shown.state, ComponentState::Restarting);
    assert_eq!(shown.last_restart_reason, "exit status 0");
    assert_eq!(spawned(&run.advance(ms(100))), ["a"]);
    run.exit("a", 1);
    assert!(matches!(run.phase("a"), Phase::BackingOff { .. }));
}

#[test]
fn backoff_doubles_up_to_its_maximum_and_resets_after_min_uptime() {
    let mut run = one(&restart("always").replace("max_restarts: 3", "max_restarts: 10"));
    let mut delays = Vec::new();
    for _ in 0..4 {
        run.exit("a", 1);
        let delay = backing_off_for(&run, "a");
        delays.push(delay);
        run.advance(delay);
    }
    assert_eq!(delays, [ms(100), ms(200), ms(300), ms(300)]);
    // Up for min_uptime: the next restart waits the first delay again.
    run.now += Duration::from_secs(10);
    run.exit("a", 1);
    assert_eq!(backing_off_for(&run, "a"), ms(100));
}

#[test]
fn max_restarts_within_the_window_gives_up_naming_the_last_exit() {
    let mut run = one(&restart("on-failure"));
    for _ in 0..3 {
        run.exit("a", 1);
        let delay = backing_off_for(&run, "a");
        run.advance(delay);
    }
    run.exit("a", 7);
    let Phase::Failed { message } = run.phase("a") else {
        panic!("{:?}", run.phase("a"));
    };
    assert!(
        message.contains("gave up after 3 restarts within 60s (max_restarts); last: exit status 7"),
        "{message}"
    );
}

#[test]
fn restarts_outside_the_window_are_forgotten() {
    let mut run = one(&restart("on-failure"));
    for _ in 0..3 {
        run.exit("a", 1);
        let delay = backing_off_for(&run, "a");
        run.advance(delay);
    }
    // The window has moved past the three restarts: a fourth is allowed.
    run.now += Duration::from_secs(61);
    run.exit("a", 1);
    assert!(matches!(run.phase("a"), Phase::BackingOff { .. }));
}

#[test]
fn zero_delay_restarts_at_once() {
    let mut run =
        one("      restart_policy: always\n      restart_delay: 0s\n      max_restarts: 5\n");
    let actions = run.exit("a", 1);
    assert_eq!(spawned(&actions), ["a"]);
}

const TWO: &str = "  sources:
    - id: a
      command: [a]
      readiness: started
      restart_policy: never
      on_component_failure: ON_FAILURE
    - id: b
      command: [b]
      readiness: started
";

#[test]
fn keep_running_keeps_the_run_up_after_a_failure() {
    let mut run = run(&TWO.replace("ON_FAILURE", "keep-running"));
    let actions = run.exit("a", 1);
    assert!(matches!(run.phase("a"), Phase::Failed { .. }));
    assert!(run.machine.is_active());
    assert!(!signals(&actions).contains(&("b".to_string(), Signal::SIGTERM)));
    // b finishing leaves nothing running: the failure is the run's reason.
    let actions = run.exit("b", 0);
    assert!(actions.contains(&Action::SweepRun));
    let done = run.feed(Event::Swept);
    let (status, error) = &statuses(&done)[0];
    assert_eq!(*status, RunStatus::Failed);
    assert!(
        error
            .as_deref()
            .unwrap_or_default()
            .contains("component 'a' failed")
    );
}

#[test]
fn stop_run_stops_the_other_components() {
    let mut run = run(&TWO.replace("ON_FAILURE", "stop-run"));
    let actions = run.exit("a", 1);
    assert_eq!(statuses(&actions), vec![(RunStatus::Stopping, None)]);
    assert_eq!(
        signals(&actions).last(),
        Some(&("b".to_string(), Signal::SIGTERM))
    );
}

const DEPENDENT: &str = "  sources:
    - id: a
      command: [a]
      restart_policy: never
    - id: b
      command: [b]
      readiness: started
      depends_on: [{id: a, condition: CONDITION}]
";

#[test]
fn depends_on_started_waits_only_for_the_spawn() {
    let run = run(&DEPENDENT.replace("CONDITION", "started"));
    assert!(matches!(run.phase("a"), Phase::Starting { .. }));
    assert!(matches!(run.phase("b"), Phase::Running { .. }));
}

#[test]
fn depends_on_healthy_waits_for_readiness() {
    let mut run = run(&DEPENDENT.replace("CONDITION", "healthy"));
    assert_eq!(run.phase("b"), Phase::Pending);
    let actions = run.register("a");
    assert_eq!(spawned(&actions), ["b"]);
    assert_eq!(statuses(&actions), vec![(RunStatus::Running, None)]);
}

#[test]
fn depends_on_completed_waits_for_a_successful_end() {
    let mut run = run(&DEPENDENT.replace("CONDITION", "completed"));
    run.register("a");
    assert_eq!(run.phase("b"), Phase::Pending);
    let actions = run.exit("a", 0);
    assert_eq!(spawned(&actions), ["b"]);
}

#[test]
fn depends_on_completed_fails_the_run_when_the_dependency_fails() {
    let mut run = run(&DEPENDENT.replace("CONDITION", "completed").replace(
        "restart_policy: never",
        "restart_policy: never\n      on_component_failure: keep-running",
    ));
    let actions = run.exit("a", 2);
    assert!(spawned(&actions).is_empty());
    let done = run.feed(Event::Swept);
    let error = statuses(&done)[0].1.clone().unwrap_or_default();
    assert!(
        error.contains("component 'b' needs 'a' to complete, but it failed"),
        "{error}"
    );
}

#[test]
fn inputs_wait_for_the_producer_to_be_ready() {
    let mut run = run("  sources:
    - id: a
      command: [a]
  sinks:
    - id: b
      command: [b]
      inputs: [a]
");
    assert_eq!(run.phase("b"), Phase::Pending);
    assert_eq!(spawned(&run.register("a")), ["b"]);
}

#[test]
fn start_timeout_ends_a_late_instance_and_restarts_it_by_policy() {
    let mut run = run_registered();
    assert!(signals(&run.advance(ms(1999))).is_empty());
    let actions = run.advance(ms(1));
    assert_eq!(signals(&actions), [("a".to_string(), Signal::SIGTERM)]);
    assert_eq!(
        signals(&run.advance(Duration::from_secs(1))),
        [("a".to_string(), Signal::SIGKILL)]
    );
    let actions = run.exit("a", 137);
    let reason = last_shown(&actions, "a").unwrap().last_restart_reason;
    assert!(
        reason.starts_with("did not become ready within 2s (start_timeout)"),
        "{reason}"
    );
}

#[test]
fn a_component_ready_in_time_is_not_ended() {
    let mut run = run_registered();
    run.register("a");
    assert!(signals(&run.advance(Duration::from_secs(5))).is_empty());
    assert!(matches!(run.phase("a"), Phase::Running { .. }));
}

/// One source with `readiness: registered`, a 2 s start_timeout and a 1 s
/// stop_timeout.
fn run_registered() -> Harness {
    run(&format!(
        "  sources:\n    - id: a\n      command: [a]\n      start_timeout: 2s\n      stop_timeout: 1s\n{}",
        restart("on-failure")
    ))
}

#[test]
fn a_hung_component_is_ended_and_restarted_as_hung() {
    let mut run = run_registered();
    run.register("a");
    let actions = run.feed(Event::HeartbeatExpired {
        service_id: "a".into(),
    });
    assert_eq!(signals(&actions), [("a".to_string(), Signal::SIGTERM)]);
    let actions = run.exit("a", 143);
    let shown = last_shown(&actions, "a").unwrap();
    assert_eq!(
        shown.last_restart_reason,
        "no heartbeat for 3s (hung); exit status 143"
    );
    assert_eq!(shown.restarts, 1);
}

#[test]
fn a_failed_liveness_probe_restarts_the_component() {
    let mut run = one(&restart("always"));
    let pgid = run.pids["a"];
    let actions = run.feed(Event::LivenessFailed {
        component: "a".into(),
        pgid,
        reason: "probe".into(),
    });
    assert_eq!(signals(&actions), [("a".to_string(), Signal::SIGTERM)]);
    let actions = run.exit("a", 0);
    let reason = last_shown(&actions, "a").unwrap().last_restart_reason;
    assert_eq!(reason, "probe; exit status 0");
    assert!(matches!(run.phase("a"), Phase::BackingOff { .. }));
    // A late report of the ended instance's probe spares its successor.
    run.advance(ms(100));
    let actions = run.feed(Event::LivenessFailed {
        component: "a".into(),
        pgid,
        reason: "probe".into(),
    });
    assert!(signals(&actions).is_empty());
}

#[test]
fn a_readiness_probe_decides_instead_of_the_registration() {
    let mut run = run("  sources:
    - id: a
      command: [a]
      readiness_probe: {exec: [check]}
  sinks:
    - id: b
      command: [b]
      inputs: [a]
");
    let actions = run.register("a");
    assert!(spawned(&actions).is_empty());
    assert!(matches!(run.phase("a"), Phase::Starting { .. }));
    let pgid = run.pids["a"];
    let actions = run.feed(Event::ProbePassed {
        component: "a".into(),
        pgid,
    });
    assert_eq!(spawned(&actions), ["b"]);
}

#[test]
fn restart_by_hand_is_immediate_and_not_counted() {
    let mut run = run(&TWO.replace("ON_FAILURE", "keep-running"));
    let actions = run.feed(Event::RestartRequested {
        component: Some("a".into()),
    });
    assert_eq!(signals(&actions), [("a".to_string(), Signal::SIGTERM)]);
    let actions = run.exit("a", 143);
    assert_eq!(spawned(&actions), ["a"]);
    let shown = last_shown(&actions, "a").unwrap();
    assert_eq!(shown.restarts, 0);
    assert!(shown.last_restart_reason.starts_with("restarted by hand"));
    // A component that failed for good starts again too; live ones are ended.
    run.exit("a", 1);
    assert!(matches!(run.phase("a"), Phase::Failed { .. }));
    let actions = run.feed(Event::RestartRequested { component: None });
    assert_eq!(spawned(&actions), ["a"]);
    assert_eq!(signals(&actions), [("b".to_string(), Signal::SIGTERM)]);
}

#[test]
fn an_instance_over_its_memory_limit_is_restarted_saying_why() {
    let mut run = one(&format!(
        "{}      resources: {{limits: {{memory: 256Mi}}}}\n",
        restart("on-failure")
    ));
    let pgid = run.pids["a"];
    let sample = |bytes: u64| Event::MemorySampled {
        component: "a".into(),
        pgid,
        bytes,
    };
    // At its limit it is left alone.
    assert!(signals(&run.feed(sample(256 << 20))).is_empty());
    let actions = run.feed(sample(300 << 20));
    assert_eq!(signals(&actions), [("a".to_string(), Signal::SIGTERM)]);
    // Another sample while it ends changes nothing.
    assert!(signals(&run.feed(sample(400 << 20))).is_empty());
    let actions = run.feed(Event::Exited {
        component: "a".into(),
        exit: "signal 15 (SIGTERM)".into(),
        success: false,
    });
    assert!(signals(&actions).contains(&("a".to_string(), Signal::SIGKILL)));
    let actions = run.feed(Event::Drained {
        component: "a".into(),
        last_lines: Vec::new(),
    });
    let shown = last_shown(&actions, "a").unwrap();
    assert_eq!(
        shown.last_restart_reason,
        "used 300 MiB, over its memory limit of 256 MiB (resources.limits.memory); \
         signal 15 (SIGTERM)"
    );
    assert_eq!(shown.restarts, 1);
    // A late sample of the ended instance spares its successor.
    run.advance(ms(100));
    assert_ne!(run.pids["a"], pgid);
    assert!(signals(&run.feed(sample(400 << 20))).is_empty());
}

#[test]
fn memory_samples_of_an_unlimited_component_change_nothing() {
    let mut run = one(&restart("always"));
    let pgid = run.pids["a"];
    let actions = run.feed(Event::MemorySampled {
        component: "a".into(),
        pgid,
        bytes: u64::MAX,
    });
    assert!(signals(&actions).is_empty());
}
