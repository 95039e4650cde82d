//! Printing for people (tables) and for programs (JSON or YAML).
//!
//! - `yaml`: `-o yaml`, the YAML form of the JSON values commands print.

mod yaml;

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Whether `-o yaml` was asked: set once by `dispatch`, read by
/// [`print_json`], so that every command printing a value prints YAML.
static YAML: AtomicBool = AtomicBool::new(false);

/// Makes [`print_json`] print YAML (`-o yaml`).
pub fn print_yaml_instead(yes: bool) {
    YAML.store(yes, Ordering::Relaxed);
}

/// A table with aligned columns; the last column is never padded.
pub struct Table {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: Vec<&'static str>) -> Table {
        Table {
            header,
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    pub fn print(&self) {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.len()).collect();
        for row in &self.rows {
            widths.resize(widths.len().max(row.len()), 0);
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let line = |cells: Vec<&str>| {
            let mut out = String::new();
            for (i, cell) in cells.iter().enumerate() {
                if i + 1 == cells.len() {
                    out.push_str(cell);
                } else {
                    out.push_str(&format!("{cell:<width$}  ", width = widths[i]));
                }
            }
            println!("{}", out.trim_end());
        };
        line(self.header.clone());
        for row in &self.rows {
            line(row.iter().map(String::as_str).collect());
        }
    }
}

/// Prints a value as pretty JSON (or as a YAML document under `-o yaml`).
pub fn print_json(value: &serde_json::Value) {
    if YAML.load(Ordering::Relaxed) {
        print!("---\n{}", yaml::to_yaml(value));
        return;
    }
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into())
    );
}

/// "3s", "2m05s", "1h02m": how long ago or how long something took.
pub fn human_duration(duration: Duration) -> String {
    let secs = duration.as_secs();
    match secs {
        0..=59 if duration.as_millis() < 10_000 => format!("{:.1}s", duration.as_secs_f64()),
        0..=59 => format!("{secs}s"),
        60..=3599 => format!("{}m{:02}s", secs / 60, secs % 60),
        3600..=86_399 => format!("{}h{:02}m", secs / 3600, (secs % 3600) / 60),
        _ => format!("{}d{:02}h", secs / 86_400, (secs % 86_400) / 3600),
    }
}

/// Time since a unix-ms instant ("-" when unset).
pub fn since_ms(ms: i64) -> String {
    if ms <= 0 {
        return "-".into();
    }
    let now = flowctl_core::clock::now_ms();
    human_duration(Duration::from_millis((now - ms).max(0) as u64))
}

/// Duration between two unix-ms instants, or until now when `end` is 0.
pub fn span_ms(start: i64, end: i64) -> String {
    if start <= 0 {
        return "-".into();
    }
    let end = if end > 0 {
        end
    } else {
        flowctl_core::clock::now_ms()
    };
    human_duration(Duration::from_millis((end - start).max(0) as u64))
}

/// A unix-ms instant as UTC `YYYY-MM-DD HH:MM:SS`.
pub fn datetime_ms(ms: i64) -> String {
    if ms <= 0 {
        return "-".into();
    }
    let text = flowctl_core::clock::format_rfc3339_ms(ms);
    text.get(..19).unwrap_or(&text).replace('T', " ")
}

/// Whether to colour output on stdout.
pub fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// An error as users should read it: gRPC statuses by their message only.
pub fn error_text(err: &anyhow::Error) -> String {
    if let Some(status) = err.downcast_ref::<tonic::Status>() {
        return status.message().to_string();
    }
    format!("{err:#}")
}

/// ANSI colour for the n-th component's prefix.
pub fn palette(n: usize) -> &'static str {
    const COLORS: [&str; 6] = ["36", "33", "35", "32", "34", "31"];
    COLORS[n % COLORS.len()]
}
