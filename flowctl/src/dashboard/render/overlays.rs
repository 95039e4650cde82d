//! What opens over the panels: the help (`?`), the details of the selected
//! run or component (Enter) and the stop question (`s`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{Theme, panel, span};
use crate::dashboard::keys::HELP;
use crate::dashboard::model::{Focus, Mode, Model};
use crate::display::state_name;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, now_ms: i64, theme: &Theme) {
    match &model.mode {
        Mode::Help => {
            let lines: Vec<Line> = HELP
                .iter()
                .map(|(keys, what)| {
                    Line::from(vec![
                        Span::styled(format!("{keys:>10}  "), theme.heading()),
                        Span::raw(*what),
                    ])
                })
                .collect();
            popup(frame, area, "Keys", lines, theme);
        }
        Mode::Details => {
            let lines = details(model, now_ms);
            popup(frame, area, "Details (Esc closes)", lines, theme);
        }
        Mode::ConfirmStop { run_id } => {
            let name = model
                .runs
                .iter()
                .find(|r| r.summary.run_id == *run_id)
                .map_or("", |r| r.summary.pipeline_name.as_str());
            let lines = vec![
                Line::raw(format!(
                    "Stop run {} ({name})?",
                    flowctl_core::short_id(run_id)
                )),
                Line::raw(""),
                Line::styled("y: stop it    any other key: keep it", theme.heading()),
            ];
            popup(frame, area, "Stop the run", lines, theme);
        }
        Mode::Normal | Mode::Filter => {}
    }
}

/// A bordered box centred on `area`, as large as its lines need.
fn popup(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line>, theme: &Theme) {
    let width = lines
        .iter()
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .max(title.len() + 2) as u16
        + 4;
    let height = lines.len() as u16 + 2;
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, rect);
    let block = panel(title.to_owned(), true, theme);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        rect,
    );
}

/// "Key: value" lines about the selected component or run.
fn details(model: &Model, now_ms: i64) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut add = |key: &str, value: String| {
        if !value.is_empty() {
            out.push(Line::raw(format!("{key:<14}{value}")));
        }
    };
    match (
        model.focus,
        model.selected_component(),
        model.selected_run(),
    ) {
        (Focus::Components, Some(c), _) => {
            add("Component", c.id.clone());
            add("Kind", c.kind.clone());
            add("State", state_name(c.state()).to_lowercase());
            add("Health", c.health.to_lowercase());
            add("Pid", c.pid.to_string());
            add("Started", span(c.started_at_ms, now_ms) + " ago");
            add("Restarts", c.restarts.to_string());
            add("Last restart", c.last_restart_reason.clone());
            add("Heartbeat", span(c.last_heartbeat_ms, now_ms) + " ago");
            add("Events in/out", format!("{}/{}", c.events_in, c.events_out));
            add("Endpoint", c.endpoint.clone());
            add("Service id", c.service_id.clone());
            add("Exit", c.exit.clone());
        }
        (_, _, Some(run)) => {
            let s = &run.summary;
            add("Run", s.run_id.clone());
            add("Pipeline", s.pipeline_name.clone());
            add("File", s.pipeline_path.clone());
            add(
                "Status",
                flowctl_core::RunStatus::from(s.status())
                    .name()
                    .to_lowercase(),
            );
            add("Started", crate::output::datetime_ms(s.started_at_ms));
            if s.ended_at_ms > 0 {
                add("Ended", crate::output::datetime_ms(s.ended_at_ms));
            }
            add(
                "Ready",
                format!("{}/{}", s.components_ready, s.components_total),
            );
            add("Restarts", s.restarts.to_string());
            add("Restarted of", s.restarted_from.clone());
            add("Error", s.error.clone());
        }
        _ => add("Nothing", "selected".into()),
    }
    out
}
