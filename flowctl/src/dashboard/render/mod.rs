//! Draws the [`Model`] on a ratatui frame: pure functions of the model, a
//! clock reading (`now_ms`) and a [`Theme`], so tests render onto a
//! `TestBackend` and compare text.
//!
//! Layout:
//! - `runs`: the runs panel (status, duration, ready/total, restarts,
//!   events/s and a sparkline of the last minute);
//! - `graph`: the selected run's pipeline along its edges, each with its
//!   rate and buffer fill;
//! - `components`: the selected run's components;
//! - `logs`: the followed component's log;
//! - `overlays`: help, details and the stop question.

mod components;
mod graph;
mod logs;
mod overlays;
mod runs;
#[cfg(test)]
mod tests;

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::model::{Focus, Mode, Model};

/// Colours, or none (`NO_COLOR`): without colour, only bold and reverse
/// video mark things.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set (to anything).
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none(),
        }
    }

    /// `color` as the foreground, when colours are on.
    pub fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    /// A state or status by what it means: good, busy, bad or over.
    pub fn state(&self, name: &str) -> Style {
        let color = match name.to_ascii_uppercase().as_str() {
            "RUNNING" | "HEALTHY" | "COMPLETED" => Color::Green,
            "STARTING" | "STOPPING" | "RESTARTING" | "PENDING" | "DEGRADED" => Color::Yellow,
            "FAILED" | "UNHEALTHY" => Color::Red,
            _ => Color::DarkGray,
        };
        self.fg(color)
    }

    /// The selected row: reverse video in the focused panel, bold elsewhere.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    /// A panel's border: brighter when it has the focus.
    pub fn border(&self, focused: bool) -> Style {
        match focused {
            true => self.fg(Color::Cyan),
            false => self.fg(Color::DarkGray),
        }
    }

    /// Column headings.
    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}

/// Draws the whole dashboard.
pub fn draw(frame: &mut Frame, model: &Model, now_ms: i64, theme: &Theme) {
    let area = frame.area();
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(frame, header, model, theme);
    draw_footer(frame, footer, model, theme);
    let runs_height = (model.visible_runs().len() as u16 + 3).clamp(4, 8);
    let graph_height = model
        .selected_run()
        .map_or(3, |run| run.edges.len() as u16 + 3)
        .clamp(3, 8);
    let [runs_area, rest] =
        Layout::vertical([Constraint::Length(runs_height), Constraint::Fill(1)]).areas(body);
    runs::draw(frame, runs_area, model, now_ms, theme);
    if model.show_logs {
        let [components_area, logs_area] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Fill(1)]).areas(rest);
        components::draw(frame, components_area, model, now_ms, theme);
        logs::draw(frame, logs_area, model, theme);
    } else {
        let [graph_area, components_area] =
            Layout::vertical([Constraint::Length(graph_height), Constraint::Fill(1)]).areas(rest);
        graph::draw(frame, graph_area, model, theme);
        components::draw(frame, components_area, model, now_ms, theme);
    }
    overlays::draw(frame, area, model, now_ms, theme);
}

/// The title on the left (cut when narrow), the count of runs on the right.
fn draw_header(frame: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let active = model.runs.iter().filter(|r| r.active()).count();
    let runs = match model.runs.len() {
        1 => "1 run".to_owned(),
        n => format!("{n} runs"),
    };
    let counts = format!(" {runs}, {active} active ");
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(counts.len() as u16)])
            .areas(area);
    let title = Line::from(vec![
        Span::styled(" flowctl dashboard ", theme.heading()),
        Span::raw(format!("· {}", model.title)),
    ]);
    frame.render_widget(Paragraph::new(title), left);
    frame.render_widget(
        Paragraph::new(Span::styled(counts, theme.fg(Color::DarkGray))),
        right,
    );
}

fn draw_footer(frame: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let line = match &model.mode {
        Mode::Filter => Line::from(vec![
            Span::styled(" filter: ", theme.heading()),
            Span::raw(format!("{}▏", model.filter)),
            Span::styled("  Enter keeps · Esc drops", theme.fg(Color::DarkGray)),
        ]),
        _ => {
            let mut spans = Vec::new();
            if !model.filter.is_empty() {
                spans.push(Span::styled(
                    format!(" [/{}]", model.filter),
                    theme.fg(Color::Yellow),
                ));
            }
            if !model.notice.is_empty() {
                spans.push(Span::styled(
                    format!(" {}", model.notice),
                    theme.fg(Color::Yellow),
                ));
                spans.push(Span::raw(" ·"));
            }
            spans.push(Span::styled(
                " q:quit r:refresh ↑↓ Tab ⏎:details l:logs s:stop R:restart /:filter ?:help",
                theme.fg(Color::DarkGray),
            ));
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// A bordered panel titled `title`, marked when it has the focus.
fn panel<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.heading()))
        .border_style(theme.border(focused))
}

/// Whether `focus` is the model's focus with no overlay on top.
fn focused(model: &Model, focus: Focus) -> bool {
    model.focus == focus
}

/// "3.2s", "2m05s": the time from `from_ms` to `to_ms`, or "-" when unset.
pub fn span(from_ms: i64, to_ms: i64) -> String {
    if from_ms <= 0 {
        return "-".into();
    }
    crate::output::human_duration(Duration::from_millis((to_ms - from_ms).max(0) as u64))
}

/// "12", "3.5", "1.2k": an events-per-second rate in few columns.
pub fn rate(per_second: f64) -> String {
    match per_second {
        r if r <= 0.0 => "0".into(),
        r if r < 10.0 => format!("{r:.1}"),
        r if r < 10_000.0 => format!("{r:.0}"),
        r => format!("{:.1}k", r / 1000.0),
    }
}

/// A count in few columns: "999", "12.3k", "4.5M".
pub fn count(n: u64) -> String {
    match n {
        0..=9_999 => n.to_string(),
        10_000..=999_999 => format!("{:.1}k", n as f64 / 1e3),
        _ => format!("{:.1}M", n as f64 / 1e6),
    }
}

/// `text` cut to `width` characters, with "…" when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}
