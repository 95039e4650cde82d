//! Turning the parser's syntax errors into messages that say what to fix.

use saphyr_parser::Marker;

use super::diagnostic::{Pos, Report};

/// Reports a YAML syntax error. Tabs get their own message and position: the
/// parser tends to notice them at the end of the line before, with wording
/// that does not say what to change.
pub(crate) fn syntax_error(text: &str, marker: &Marker, info: &str, report: &mut Report) {
    let at = Pos {
        line: marker.line(),
        column: marker.col() + 1,
    };
    if info.contains("tab") {
        let tab = text
            .lines()
            .enumerate()
            .skip(at.line.saturating_sub(1))
            .take(3)
            .find_map(|(i, line)| {
                let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
                indent.find('\t').map(|byte| Pos {
                    line: i + 1,
                    column: indent[..byte].chars().count() + 1,
                })
            });
        if let Some(tab) = tab {
            report.error(
                tab,
                "this line is indented with a tab; YAML indents with spaces only",
            );
            return;
        }
    }
    let hint = Some(())
        .filter(|()| !info.contains("recursion"))
        .and_then(|()| unclosed_bracket(text, at.line))
        .map_or(String::new(), |(line, c)| {
            format!(" (is the '{c}' on line {line} closed?)")
        });
    report.error(at, format!("invalid YAML: {info}{hint}"));
}

/// The nearest line, at or up to three lines before `line`, that opens more
/// `[` or `{` than it closes. A forgotten `]` is the most common YAML error
/// in pipeline files, and the parser reports it only where it gets confused.
fn unclosed_bracket(text: &str, line: usize) -> Option<(usize, char)> {
    let first = line.saturating_sub(3).max(1);
    let lines: Vec<&str> = text
        .lines()
        .skip(first - 1)
        .take(line + 1 - first)
        .collect();
    lines
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, l)| open_bracket(l).map(|c| (first + i, c)))
}

/// The last unclosed bracket on a line, ignoring quoted text and comments.
fn open_bracket(line: &str) -> Option<char> {
    let mut open = Vec::new();
    let mut quote = None;
    let mut previous = ' ';
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if previous.is_whitespace() => break,
            (None, '[' | '{') => open.push(c),
            (None, ']' | '}') => {
                open.pop();
            }
            _ => {}
        }
        previous = c;
    }
    open.pop()
}
