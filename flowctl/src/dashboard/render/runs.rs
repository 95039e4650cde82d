//! The runs panel: one row per run, newest first, with a sparkline of its
//! events per second over the last minute.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::{Theme, focused, panel, rate, span};
use crate::dashboard::model::{Focus, Model, RunEntry};

/// Columns: run, pipeline, status, duration, ready/total, restarts, rate,
/// and the sparkline taking what is left.
const WIDTHS: [Constraint; 8] = [
    Constraint::Length(8),
    Constraint::Min(8),
    Constraint::Length(9),
    Constraint::Length(7),
    Constraint::Length(5),
    Constraint::Length(3),
    Constraint::Length(5),
    Constraint::Fill(1),
];

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, now_ms: i64, theme: &Theme) {
    let is_focused = focused(model, Focus::Runs);
    let block = panel("Runs".into(), is_focused, theme);
    let inner = block.inner(area);
    let runs = model.visible_runs();
    if runs.is_empty() {
        let text = match model.filter.is_empty() {
            true => "No runs yet: start one with `flowctl run`.",
            false => "No run matches the filter.",
        };
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let columns = Layout::horizontal(WIDTHS).spacing(1).split(inner);
    let spark_width = columns[7].width as usize;
    let rows = runs.iter().enumerate().map(|(at, run)| {
        let row = row(run, now_ms, spark_width, theme);
        match at == model.run_selected {
            true => row.style(theme.selected(is_focused)),
            false => row,
        }
    });
    let header = Row::new(
        [
            "RUN",
            "PIPELINE",
            "STATUS",
            "UP",
            "READY",
            "RST",
            "EV/S",
            "LAST MINUTE",
        ]
        .map(Cell::from),
    )
    .style(theme.heading());
    let table = Table::new(rows, WIDTHS)
        .header(header)
        .column_spacing(1)
        .block(block);
    frame.render_widget(table, area);
}

fn row<'a>(run: &RunEntry, now_ms: i64, spark_width: usize, theme: &Theme) -> Row<'a> {
    let summary = &run.summary;
    let status = flowctl_core::RunStatus::from(summary.status()).name();
    let end = if summary.ended_at_ms > 0 {
        summary.ended_at_ms
    } else {
        now_ms
    };
    Row::new(vec![
        Cell::from(flowctl_core::short_id(&summary.run_id).to_owned()),
        Cell::from(summary.pipeline_name.clone()),
        Cell::from(status.to_lowercase()).style(theme.state(status)),
        Cell::from(span(summary.started_at_ms, end)),
        Cell::from(format!(
            "{}/{}",
            summary.components_ready, summary.components_total
        )),
        Cell::from(summary.restarts.to_string()),
        Cell::from(rate(run.rate())),
        Cell::from(Line::styled(
            sparkline(&run.history, spark_width),
            theme.fg(ratatui::style::Color::Cyan),
        )),
    ])
}

/// The last `width` samples as bars scaled to the largest of them,
/// right-aligned so the newest is at the right edge.
pub fn sparkline(history: &std::collections::VecDeque<f64>, width: usize) -> String {
    let shown: Vec<f64> = history
        .iter()
        .skip(history.len().saturating_sub(width))
        .copied()
        .collect();
    let top = shown.iter().copied().fold(0.0_f64, f64::max);
    let pad = " ".repeat(width.saturating_sub(shown.len()));
    let bars: String = shown
        .iter()
        .map(|&v| match top > 0.0 {
            true => BARS[((v / top) * (BARS.len() - 1) as f64).round() as usize],
            false => BARS[0],
        })
        .collect();
    pad + &bars
}
