//! The selected run's pipeline as a graph: its sources, processors and
//! sinks in the order events flow along `inputs`, then one line per edge
//! with its rate and how full its buffer is, so backpressure shows at a
//! glance.

use std::collections::{BTreeMap, BTreeSet};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, count, fit, panel, rate};
use crate::dashboard::model::{Edge, Model};

/// Width of the buffer bar, in cells.
const BAR: usize = 8;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let Some(run) = model.selected_run() else {
        frame.render_widget(
            Paragraph::new("No run selected.").block(panel("Graph".into(), false, theme)),
            area,
        );
        return;
    };
    let title = format!("Graph of {}", run.summary.pipeline_name);
    let mut lines = Vec::new();
    if run.edges.is_empty() {
        let why = match model.remote {
            true => "The edges of a remote plane's runs are not known here.",
            false => "No edges: no component takes another's output (`inputs`).",
        };
        lines.push(Line::styled(why, theme.fg(Color::DarkGray)));
    } else {
        lines.push(layers_line(&run.edges, theme));
        let name_width = run
            .edges
            .iter()
            .map(|e| e.status.from.chars().count() + e.status.to.chars().count() + 5)
            .max()
            .unwrap_or(0)
            .min(area.width.saturating_sub(30) as usize);
        for edge in ordered(&run.edges) {
            lines.push(edge_line(edge, name_width, theme));
        }
    }
    frame.render_widget(
        Paragraph::new(lines).block(panel(title, false, theme)),
        area,
    );
}

/// How many edges lead from a source to each component (0 for sources).
fn depths(edges: &[Edge]) -> BTreeMap<&str, usize> {
    let mut depth: BTreeMap<&str, usize> = BTreeMap::new();
    for e in edges {
        depth.entry(e.status.from.as_str()).or_insert(0);
        depth.entry(e.status.to.as_str()).or_insert(0);
    }
    // Longest path from a source; a pipeline is a DAG, so this settles
    // within as many rounds as it has edges.
    for _ in 0..=edges.len() {
        let mut moved = false;
        for e in edges {
            let next = depth[e.status.from.as_str()] + 1;
            if depth[e.status.to.as_str()] < next && next <= edges.len() {
                depth.insert(&e.status.to, next);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    depth
}

/// "gen ▸ upper ▸ out": components by how far from a source they are.
fn layers_line<'a>(edges: &[Edge], theme: &Theme) -> Line<'a> {
    let depth = depths(edges);
    let senders: BTreeSet<&str> = edges.iter().map(|e| e.status.from.as_str()).collect();
    let mut layers: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (name, d) in &depth {
        layers.entry(*d).or_default().push(name);
    }
    let mut spans = Vec::new();
    for (at, (_, names)) in layers.iter().enumerate() {
        if at > 0 {
            spans.push(Span::styled(" ▸ ", theme.fg(Color::DarkGray)));
        }
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(", "));
            }
            let color = match (at, senders.contains(name)) {
                (0, _) => Color::Green,
                (_, true) => Color::Blue,
                (_, false) => Color::Magenta,
            };
            spans.push(Span::styled(name.to_string(), theme.fg(color)));
        }
    }
    Line::from(spans)
}

/// Edges in the order events meet them: by their sender's depth.
fn ordered(edges: &[Edge]) -> Vec<&Edge> {
    let depth = depths(edges);
    let mut out: Vec<&Edge> = edges.iter().collect();
    out.sort_by_key(|e| (depth[e.status.from.as_str()], &e.status.from, &e.status.to));
    out
}

/// "gen ──▶ upper   12/s  ▕██░░░░░░▏ 3/64  drops 0".
fn edge_line<'a>(edge: &Edge, name_width: usize, theme: &Theme) -> Line<'a> {
    let e = &edge.status;
    let names = fit(&format!("{} ──▶ {}", e.from, e.to), name_width);
    let mut spans = vec![
        Span::raw(format!("{names:<name_width$} ")),
        Span::raw(format!("{:>6}/s ", rate(edge.rate))),
    ];
    if e.capacity > 0 {
        let fill = (e.buffered as f64 / e.capacity as f64).clamp(0.0, 1.0);
        // Anything buffered shows as at least one cell.
        let full = ((fill * BAR as f64).round() as usize).clamp(usize::from(e.buffered > 0), BAR);
        let color = match fill {
            f if f >= 0.8 => Color::Red,
            f if f >= 0.5 => Color::Yellow,
            _ => Color::Green,
        };
        spans.push(Span::raw("▕"));
        spans.push(Span::styled("█".repeat(full), theme.fg(color)));
        spans.push(Span::raw(format!("{}▏", "░".repeat(BAR - full))));
        spans.push(Span::raw(format!(" {}/{}", e.buffered, e.capacity)));
    } else {
        spans.push(Span::raw(format!("buffered {}", e.buffered)));
    }
    spans.push(Span::raw(format!("  {} events", count(e.events))));
    if e.drops > 0 {
        spans.push(Span::styled(
            format!("  {} dropped", count(e.drops)),
            theme.fg(Color::Red),
        ));
    }
    Line::from(spans)
}
