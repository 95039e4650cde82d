//! Runs whose components something else starts (`--no-spawn`): nothing is
//! spawned or signalled, registrations move the components, the relay or
//! the components' own ends finish the run.

use super::*;

const CHAIN: &str = "  sources:\n    - id: gen\n      command: [gen]\n  processors:\n    - id: upper\n      command: [upper]\n      inputs: [gen]\n  sinks:\n    - id: out\n      command: [out]\n      inputs: [upper]\n";

/// The chain, run with nothing spawned.
fn elsewhere() -> (Harness, Vec<Action>) {
    let yaml =
        format!("apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: t\nspec:\n{CHAIN}");
    let pipeline = flowctl_core::spec::parse("t.yaml", yaml.as_bytes())
        .unwrap()
        .pipeline;
    let mut harness = Harness {
        machine: Machine::new("run-1", &pipeline, Duration::from_secs(3)).without_spawning(),
        now: Instant::now(),
        pids: HashMap::new(),
        next_pid: 100,
        status: RunStatus::Starting,
    };
    let begun = harness.feed(Event::Begin);
    (harness, begun)
}

#[test]
fn every_component_waits_for_its_registration_at_once() {
    let (harness, begun) = elsewhere();
    assert!(spawned(&begun).is_empty(), "{begun:?}");
    for id in ["gen", "upper", "out"] {
        assert_eq!(harness.phase(id), Phase::Awaiting);
        let shown = last_shown(&begun, id).unwrap();
        assert_eq!(shown.state, ComponentState::Starting);
        assert_eq!(shown.exit, super::super::no_spawn::AWAITING);
    }
}

#[test]
fn registrations_in_any_order_make_the_run_running() {
    let (mut harness, _) = elsewhere();
    let sink = harness.register("out");
    assert!(sink.contains(&Action::RelayReady {
        component: "out".into(),
        endpoint: String::new()
    }));
    assert_eq!(
        last_shown(&sink, "out").unwrap().state,
        ComponentState::Running
    );
    assert!(statuses(&sink).is_empty());
    harness.register("upper");
    let last = harness.register("gen");
    assert_eq!(statuses(&last), [(RunStatus::Running, None)]);
    assert!(matches!(harness.phase("gen"), Phase::Attached { .. }));
}

#[test]
fn the_relay_finishing_completes_the_run_without_signals_or_sweep() {
    let (mut harness, _) = elsewhere();
    for id in ["out", "upper", "gen"] {
        harness.register(id);
    }
    let end = harness.feed(Event::RelayFinished(Ok(())));
    assert!(signals(&end).is_empty(), "{end:?}");
    assert!(!end.contains(&Action::SweepRun), "{end:?}");
    assert_eq!(statuses(&end), [(RunStatus::Completed, None)]);
    assert!(end.contains(&Action::Finish));
    assert_eq!(
        last_shown(&end, "out").unwrap().state,
        ComponentState::Exited
    );
}

#[test]
fn every_component_unregistering_completes_the_run() {
    let (mut harness, _) = elsewhere();
    for id in ["out", "upper", "gen"] {
        harness.register(id);
    }
    for id in ["gen", "upper"] {
        let actions = harness.feed(Event::Unregistered {
            service_id: id.into(),
        });
        assert_eq!(harness.phase(id), Phase::Exited);
        assert!(statuses(&actions).is_empty(), "{actions:?}");
    }
    let last = harness.feed(Event::Unregistered {
        service_id: "out".into(),
    });
    assert_eq!(statuses(&last), [(RunStatus::Completed, None)]);
}

#[test]
fn an_expired_heartbeat_ends_nothing_and_a_stop_leaves_processes_alone() {
    let (mut harness, _) = elsewhere();
    harness.register("gen");
    let expired = harness.feed(Event::HeartbeatExpired {
        service_id: "gen".into(),
    });
    assert!(signals(&expired).is_empty(), "{expired:?}");
    assert!(matches!(harness.phase("gen"), Phase::Attached { .. }));
    let restart = harness.feed(Event::RestartRequested { component: None });
    assert!(spawned(&restart).is_empty() && signals(&restart).is_empty());
    let stopped = harness.stop();
    assert!(signals(&stopped).is_empty(), "{stopped:?}");
    assert_eq!(
        statuses(&stopped),
        [(RunStatus::Stopping, None), (RunStatus::Stopped, None)]
    );
    assert_eq!(
        last_shown(&stopped, "upper").unwrap().exit,
        "never registered"
    );
    assert!(
        last_shown(&stopped, "gen")
            .unwrap()
            .exit
            .contains("left to the engine")
    );
}
