//! The log panel: the followed component's newest lines, stderr marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, panel};
use crate::dashboard::model::Model;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let title = match &model.logs_of {
        Some((_, component)) => format!("Log of {component} (following; l closes)"),
        None => "Log".to_owned(),
    };
    let block = panel(title, false, theme);
    let height = block.inner(area).height as usize;
    let skip = model.logs.len().saturating_sub(height);
    let lines: Vec<Line> = model
        .logs
        .iter()
        .skip(skip)
        .map(|l| {
            let time = flowctl_core::clock::format_rfc3339_ms(l.at_ms);
            let time = time.get(11..19).unwrap_or("").to_owned();
            let style = match l.stream.as_str() {
                "stderr" => theme.fg(Color::Red),
                "flowctl" => theme.fg(Color::DarkGray),
                _ => ratatui::style::Style::default(),
            };
            Line::from(vec![
                Span::styled(format!("{time} "), theme.fg(Color::DarkGray)),
                Span::styled(l.line.clone(), style),
            ])
        })
        .collect();
    let body = match lines.is_empty() {
        true => Paragraph::new("No output yet."),
        false => Paragraph::new(lines),
    };
    frame.render_widget(body.block(block), area);
}
