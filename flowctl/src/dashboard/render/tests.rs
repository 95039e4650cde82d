//! The panels drawn on ratatui's `TestBackend` with a fixed clock, compared
//! with the text snapshots in `snapshots/` (after a deliberate change of
//! the look, `UPDATE_SNAPSHOTS=1 cargo test -p flowctl dashboard` rewrites
//! them; review the diff).

use flowctl_proto::daemon::v1::{
    ComponentState, ComponentStatus, EdgeStatus, LogLine, RunDetail, RunStatus, RunSummary,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

use super::*;
use crate::dashboard::actions::Action;
use crate::dashboard::model::Update;

/// The fixed clock: 2027-01-15 08:00:00 UTC.
const NOW: i64 = 1_800_000_000_000;

const COLOR: Theme = Theme { color: true };

fn component(id: &str, kind: &str, state: ComponentState, pid: u32) -> ComponentStatus {
    ComponentStatus {
        run_id: "0a1b2c3d-run-one".into(),
        id: id.into(),
        kind: kind.into(),
        state: state as i32,
        health: "HEALTHY".into(),
        pid,
        started_at_ms: NOW - 125_000,
        last_heartbeat_ms: NOW - 1_500,
        ..ComponentStatus::default()
    }
}

fn edge(from: &str, to: &str, events: u64, buffered: u64) -> EdgeStatus {
    EdgeStatus {
        from: from.into(),
        to: to.into(),
        events,
        bytes: events * 40,
        buffered,
        capacity: 64,
        ..EdgeStatus::default()
    }
}

/// Two runs: "ledger" running (three components, two edges, one nearly
/// full), and "nightly" stopped.
fn model() -> Model {
    let mut model = Model::new("local daemon (/run/user/1000/flowctl/flowctld.sock)", false);
    let summary = RunSummary {
        run_id: "0a1b2c3d-run-one".into(),
        pipeline_name: "ledger".into(),
        status: RunStatus::Running as i32,
        started_at_ms: NOW - 130_000,
        components_total: 3,
        components_ready: 3,
        restarts: 2,
        ..RunSummary::default()
    };
    model.apply(Update::Run(RunSummary {
        run_id: "9f8e7d6c-run-two".into(),
        pipeline_name: "nightly".into(),
        status: RunStatus::Stopped as i32,
        started_at_ms: NOW - 7_200_000,
        ended_at_ms: NOW - 3_600_000,
        components_total: 1,
        ..RunSummary::default()
    }));
    let mut upper = component("upper", "processor", ComponentState::Running, 4243);
    upper.restarts = 2;
    upper.last_restart_reason = "exit status 1".into();
    upper.last_restart_ms = NOW - 40_000;
    let detail = |events: u64| RunDetail {
        run: Some(summary.clone()),
        components: vec![
            ComponentStatus {
                events_out: events,
                events_per_second: 50.0,
                ..component("gen", "source", ComponentState::Running, 4242)
            },
            ComponentStatus {
                events_in: events,
                events_out: events,
                events_per_second: 50.0,
                ..upper.clone()
            },
            ComponentStatus {
                events_in: events / 2,
                events_per_second: 25.0,
                ..component("out", "sink", ComponentState::Running, 4244)
            },
        ],
        start_order: vec![],
        resolved: vec![],
        edges: vec![
            edge("gen", "upper", events, 3),
            edge("upper", "out", events / 2, 60),
        ],
    };
    for (second, events) in [0u64, 10, 40, 90, 160, 250, 360, 490, 640, 810, 1000]
        .iter()
        .enumerate()
    {
        let at = NOW - 10_000 + second as i64 * 1000;
        model.apply(Update::Detail {
            detail: detail(*events),
            at_ms: at,
        });
        model.tick(at);
    }
    model
}

fn render(model: &Model, width: u16, height: u16, theme: &Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| draw(frame, model, NOW, theme))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn render_with(width: u16, height: u16, paint: impl FnOnce(&mut ratatui::Frame)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(paint).unwrap();
    terminal.backend().buffer().clone()
}

/// The buffer's text, one line per row, trailing blanks cut.
fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let row: String = (0..area.width)
            .map(|x| buffer[(x, y)].symbol().to_owned())
            .collect();
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

/// Compares with `snapshots/NAME.txt` (or writes it with UPDATE_SNAPSHOTS).
fn snapshot(name: &str, buffer: &Buffer) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/dashboard/render/snapshots")
        .join(format!("{name}.txt"));
    let got = text(buffer);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_SNAPSHOTS=1 writes it)", path.display()));
    assert_eq!(got, want, "{name} differs from {}:\n{got}", path.display());
}

#[test]
fn the_whole_dashboard_at_80x24() {
    snapshot("dashboard_80x24", &render(&model(), 80, 24, &COLOR));
}

#[test]
fn the_whole_dashboard_on_a_wide_terminal() {
    snapshot("dashboard_140x36", &render(&model(), 140, 36, &COLOR));
}

#[test]
fn the_runs_panel() {
    let model = model();
    let buffer = render_with(80, 6, |f| runs::draw(f, f.area(), &model, NOW, &COLOR));
    snapshot("runs", &buffer);
}

#[test]
fn the_graph_panel_shows_rates_and_buffer_fill() {
    let model = model();
    let buffer = render_with(80, 5, |f| graph::draw(f, f.area(), &model, &COLOR));
    snapshot("graph", &buffer);
    // The nearly full buffer is red, the other green.
    let reds = buffer.content.iter().filter(|c| c.fg == Color::Red).count();
    let greens = buffer
        .content
        .iter()
        .filter(|c| c.fg == Color::Green && c.symbol() == "█")
        .count();
    assert!(reds >= 7 && greens >= 1, "reds {reds}, greens {greens}");
}

#[test]
fn the_components_panel_with_the_selected_ones_last_restart() {
    let mut model = model();
    model.act(Action::SwitchFocus);
    model.act(Action::Down);
    let buffer = render_with(80, 7, |f| {
        components::draw(f, f.area(), &model, NOW, &COLOR)
    });
    snapshot("components", &buffer);
}

#[test]
fn the_log_panel_and_overlays() {
    let mut model = model();
    model.act(Action::SwitchFocus);
    model.act(Action::Logs);
    for (at, line) in ["started", "took 3 events", "oops"].iter().enumerate() {
        model.apply(Update::Log(LogLine {
            run_id: "0a1b2c3d-run-one".into(),
            component: "gen".into(),
            at_ms: NOW - 3000 + at as i64 * 1000,
            stream: if at == 2 { "stderr" } else { "stdout" }.into(),
            line: line.to_string(),
            ..LogLine::default()
        }));
    }
    snapshot("with_logs_80x24", &render(&model, 80, 24, &COLOR));
    model.act(Action::Help);
    snapshot("help_80x24", &render(&model, 80, 24, &COLOR));
    model.act(Action::Close);
    model.act(Action::SwitchFocus);
    model.act(Action::Stop);
    snapshot("confirm_stop_80x24", &render(&model, 80, 24, &COLOR));
}

#[test]
fn no_color_leaves_every_cell_uncoloured() {
    let colored = render(&model(), 80, 24, &COLOR);
    assert!(colored.content.iter().any(|c| c.fg != Color::Reset));
    let plain = render(&model(), 80, 24, &Theme { color: false });
    let coloured: Vec<_> = plain
        .content
        .iter()
        .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
        .collect();
    assert!(coloured.is_empty(), "coloured cells: {coloured:?}");
    // The same text either way: colour is never the only sign.
    assert_eq!(text(&colored), text(&plain));
}

#[test]
fn any_size_draws_without_panicking_and_a_resize_redraws() {
    let model = model();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    for (width, height) in [(80, 24), (120, 40), (40, 10), (10, 3), (1, 1), (80, 24)] {
        terminal.backend_mut().resize(width, height);
        terminal.draw(|f| draw(f, &model, NOW, &COLOR)).unwrap();
    }
    let shown = text(terminal.backend().buffer());
    assert!(shown.contains("ledger"), "{shown}");
}

#[test]
fn an_empty_daemon_says_how_to_start_a_run() {
    let model = Model::new("local daemon (/tmp/s.sock)", false);
    let shown = text(&render(&model, 80, 24, &COLOR));
    assert!(
        shown.contains("No runs yet: start one with `flowctl run`."),
        "{shown}"
    );
}
