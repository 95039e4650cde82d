//! The components panel: the selected run's components (or a remote
//! plane's registrations), with the selected one's last restart reason
//! under the table (a column of its own on a wide terminal).

use flowctl_proto::daemon::v1::ComponentStatus;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::{Theme, count, focused, panel, rate, span};
use crate::dashboard::model::{Focus, Model};
use crate::display::state_name;

/// From this width on, the last restart reason has a column.
const WIDE: u16 = 110;

const HEADER: [&str; 11] = [
    "ID",
    "STATE",
    "HEALTH",
    "PID",
    "UP",
    "RST",
    "BEAT",
    "IN",
    "OUT",
    "EV/S",
    "LAST RESTART",
];

fn widths(wide: bool) -> Vec<Constraint> {
    let mut widths = vec![
        Constraint::Min(8),
        Constraint::Length(10),
        Constraint::Length(9),
        Constraint::Length(7),
        Constraint::Length(6),
        Constraint::Length(3),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(5),
    ];
    if wide {
        widths.push(Constraint::Fill(2));
    }
    widths
}

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, now_ms: i64, theme: &Theme) {
    let is_focused = focused(model, Focus::Components);
    let title = match model.selected_run() {
        Some(run) if !run.components.is_empty() || model.registry.is_empty() => {
            format!(
                "Components of {} ({})",
                run.summary.pipeline_name,
                flowctl_core::short_id(&run.summary.run_id)
            )
        }
        _ => "Registered components".to_owned(),
    };
    let mut block = panel(title, is_focused, theme);
    let wide = area.width >= WIDE;
    let components = model.visible_components();
    let restarted = model
        .selected_component()
        .filter(|c| !wide && !c.last_restart_reason.is_empty());
    if let Some(c) = restarted {
        block = block.title_bottom(Line::from(format!(
            " {}: {} ",
            c.id,
            restart_text(c, now_ms)
        )));
    }
    if components.is_empty() {
        let text = match model.selected_run() {
            Some(_) => "No components (yet).",
            None => "No run selected.",
        };
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let columns = HEADER.len() - usize::from(!wide);
    let header = Row::new(HEADER[..columns].iter().map(|h| Cell::from(*h))).style(theme.heading());
    let rows = components.iter().enumerate().map(|(at, c)| {
        let row = row(c, now_ms, wide, theme);
        match at == model.component_selected {
            true => row.style(theme.selected(is_focused)),
            false => row,
        }
    });
    let table = Table::new(rows, widths(wide))
        .header(header)
        .column_spacing(1)
        .block(block);
    frame.render_widget(table, area);
}

fn row<'a>(c: &ComponentStatus, now_ms: i64, wide: bool, theme: &Theme) -> Row<'a> {
    let state = state_name(c.state());
    let health = if c.health.is_empty() { "-" } else { &c.health };
    let live = matches!(state, "RUNNING" | "STARTING" | "STOPPING");
    let mut cells = vec![
        Cell::from(c.id.clone()),
        Cell::from(match state {
            "UNSPECIFIED" => "-".to_owned(),
            _ => state.to_lowercase(),
        })
        .style(theme.state(state)),
        Cell::from(health.to_lowercase()).style(theme.state(health)),
        Cell::from(match c.pid {
            0 => "-".to_owned(),
            pid => pid.to_string(),
        }),
        Cell::from(match live {
            true => span(c.started_at_ms, now_ms),
            false => "-".into(),
        }),
        Cell::from(c.restarts.to_string()),
        Cell::from(span(c.last_heartbeat_ms, now_ms)),
        Cell::from(count(c.events_in)),
        Cell::from(count(c.events_out)),
        Cell::from(rate(c.events_per_second)),
    ];
    if wide {
        cells.push(Cell::from(match c.last_restart_reason.is_empty() {
            true => "-".to_owned(),
            false => restart_text(c, now_ms),
        }));
    }
    Row::new(cells)
}

/// "exit status 1, 3.2s ago": the last restart's reason and when.
fn restart_text(c: &ComponentStatus, now_ms: i64) -> String {
    match c.last_restart_ms {
        0 => c.last_restart_reason.clone(),
        at => format!("{}, {} ago", c.last_restart_reason, span(at, now_ms)),
    }
}
