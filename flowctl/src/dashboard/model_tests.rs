//! Events in, state out: the model as the sources drive it.

use flowctl_proto::daemon::v1::{ComponentState, EdgeStatus, LogLine, RunStatus};

use super::*;
use crate::dashboard::actions::{Action, Command};

fn run(id: &str, status: RunStatus) -> RunSummary {
    RunSummary {
        run_id: id.into(),
        pipeline_name: format!("{id}-pipe"),
        status: status as i32,
        started_at_ms: 1_000,
        ..RunSummary::default()
    }
}

fn component(run: &str, id: &str, state: ComponentState) -> ComponentStatus {
    ComponentStatus {
        run_id: run.into(),
        id: id.into(),
        state: state as i32,
        ..ComponentStatus::default()
    }
}

fn edge(from: &str, to: &str, events: u64) -> EdgeStatus {
    EdgeStatus {
        from: from.into(),
        to: to.into(),
        events,
        ..EdgeStatus::default()
    }
}

#[test]
fn a_watched_run_and_its_components_appear_and_change() {
    let mut model = Model::new("local", false);
    model.apply(Update::Run(run("r1", RunStatus::Starting)));
    model.apply(Update::Component(Box::new(ComponentStatus {
        health: "HEALTHY".into(),
        ..component("r1", "gen", ComponentState::Starting)
    })));
    model.apply(Update::Component(Box::new(component(
        "r1",
        "gen",
        ComponentState::Running,
    ))));
    model.apply(Update::Run(run("r1", RunStatus::Running)));
    let shown = model.selected_run().unwrap();
    assert_eq!(shown.summary.status(), RunStatus::Running);
    let gen_ = model.selected_component().unwrap();
    assert_eq!(gen_.state(), ComponentState::Running);
    // A change of state keeps what only snapshots carry.
    assert_eq!(gen_.health, "HEALTHY");
}

#[test]
fn a_slow_listing_does_not_undo_a_stop_the_stream_reported() {
    let mut model = Model::new("local", false);
    model.apply(Update::Run(run("r1", RunStatus::Stopped)));
    model.apply(Update::Runs(vec![run("r1", RunStatus::Running)]));
    assert_eq!(model.runs[0].summary.status(), RunStatus::Stopped);
    // Newest first: a new run goes on top.
    model.apply(Update::Run(run("r2", RunStatus::Running)));
    let ids: Vec<&str> = model
        .runs
        .iter()
        .map(|r| r.summary.run_id.as_str())
        .collect();
    assert_eq!(ids, ["r2", "r1"]);
}

#[test]
fn edge_rates_come_from_two_readings_and_run_rates_from_samples() {
    let mut model = Model::new("local", false);
    let detail = |events, at_ms| Update::Detail {
        detail: RunDetail {
            run: Some(run("r1", RunStatus::Running)),
            components: vec![ComponentStatus {
                events_in: events,
                ..component("r1", "out", ComponentState::Running)
            }],
            start_order: vec![],
            edges: vec![edge("gen", "out", events)],
            resolved: vec![],
        },
        at_ms,
    };
    model.apply(detail(100, 10_000));
    model.tick(10_000);
    model.apply(detail(300, 12_000));
    model.tick(12_000);
    let entry = &model.runs[0];
    assert_eq!(entry.edges[0].rate, 100.0);
    assert_eq!(entry.rate(), 100.0);
    assert_eq!(entry.history.len(), 2);
    for second in 0..100 {
        model.tick(13_000 + second * 1000);
    }
    assert_eq!(model.runs[0].history.len(), HISTORY);
}

#[test]
fn a_run_s_streamed_edges_give_their_rates_and_other_runs_are_untouched() {
    let mut model = Model::new("local", false);
    model.apply(Update::Run(run("r1", RunStatus::Running)));
    let edges = |run_id: &str, events, at_ms| Update::Edges {
        run_id: run_id.into(),
        edges: vec![edge("gen", "out", events)],
        at_ms,
    };
    model.apply(edges("r1", 50, 1_000));
    model.apply(edges("r1", 250, 3_000));
    assert_eq!(model.runs[0].edges[0].rate, 100.0);
    assert_eq!(model.runs[0].edges_at_ms, 3_000);
    // Edges of a run not shown (yet) add no run.
    model.apply(edges("r9", 10, 3_000));
    assert_eq!(model.runs.len(), 1);
}

#[test]
fn stopping_asks_first_and_only_an_active_run() {
    let mut model = Model::new("local", false);
    model.apply(Update::Run(run("r1", RunStatus::Running)));
    assert_eq!(model.act(Action::Stop), None);
    assert_eq!(
        model.mode,
        Mode::ConfirmStop {
            run_id: "r1".into()
        }
    );
    assert_eq!(model.act(Action::Confirm(false)), None);
    assert_eq!(model.mode, Mode::Normal);
    model.act(Action::Stop);
    assert_eq!(
        model.act(Action::Confirm(true)),
        Some(Command::StopRun {
            run_id: "r1".into()
        })
    );
    model.apply(Update::Run(run("r1", RunStatus::Stopped)));
    assert_eq!(model.act(Action::Stop), None);
    assert_eq!(model.mode, Mode::Normal);
    assert!(model.notice.contains("ended already"), "{}", model.notice);
}

#[test]
fn selection_filter_and_logs_follow_the_selected_component() {
    let mut model = Model::new("local", false);
    model.apply(Update::Run(run("r1", RunStatus::Running)));
    for id in ["gen", "upper", "out"] {
        model.apply(Update::Component(Box::new(component(
            "r1",
            id,
            ComponentState::Running,
        ))));
    }
    model.act(Action::SwitchFocus);
    model.act(Action::Down);
    assert_eq!(model.selected_component().unwrap().id, "upper");
    assert_eq!(
        model.act(Action::Logs),
        Some(Command::FollowLogs {
            run_id: "r1".into(),
            component: "upper".into()
        })
    );
    let line = |component: &str| LogLine {
        run_id: "r1".into(),
        component: component.into(),
        line: format!("from {component}"),
        ..LogLine::default()
    };
    model.apply(Update::Log(line("upper")));
    model.apply(Update::Log(line("gen")));
    assert_eq!(model.logs.len(), 1, "only the followed component's lines");
    assert_eq!(
        model.act(Action::Down),
        Some(Command::FollowLogs {
            run_id: "r1".into(),
            component: "out".into()
        })
    );
    assert!(model.logs.is_empty());
    model.act(Action::StartFilter);
    for ch in "ou".chars() {
        model.act(Action::FilterChar(ch));
    }
    let shown: Vec<&str> = model
        .visible_components()
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(shown, ["out"]);
    model.act(Action::EndFilter { keep: false });
    assert_eq!(model.visible_components().len(), 3);
}

#[test]
fn a_remote_plane_offers_no_logs_nor_restarts() {
    let mut model = Model::new("control plane", true);
    model.apply(Update::Runs(vec![run("r1", RunStatus::Running)]));
    model.apply(Update::Registry(vec![
        component("r1", "gen", ComponentState::Running),
        component("", "other", ComponentState::Running),
    ]));
    assert_eq!(model.runs[0].components.len(), 1);
    assert_eq!(model.registry.len(), 1);
    model.act(Action::SwitchFocus);
    assert_eq!(model.act(Action::Logs), None);
    assert_eq!(model.act(Action::Restart), None);
    assert!(!model.notice.is_empty());
}
