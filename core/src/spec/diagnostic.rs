//! Messages about a pipeline file, each tied to a place in it.

use std::fmt;

/// A 1-based position in the pipeline file, in lines and characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    /// The start of the file, for problems that belong to the file as a whole.
    pub const START: Pos = Pos { line: 1, column: 1 };
}

impl Default for Pos {
    fn default() -> Self {
        Pos::START
    }
}

/// One problem found in a pipeline file, at the place the user has to edit.
///
/// It displays as `file:line:column: message`, the form editors and terminals
/// turn into a link to that place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct Diagnostic {
    /// The display name the caller gave for the file, such as `pipeline.yaml`.
    pub file: String,
    /// The line, counted from 1.
    pub line: usize,
    /// The column in characters (not bytes), counted from 1.
    pub column: usize,
    /// What is wrong and, where we can tell, what to do about it.
    pub message: String,
}

/// Every error found in a pipeline file, in file order.
///
/// A user fixing a file wants the whole list at once rather than one error per
/// run, so parsing collects them all before giving up. It displays as one
/// diagnostic per line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", lines(.0))]
pub struct Diagnostics(pub Vec<Diagnostic>);

fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Diagnostics {
    /// How many errors there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are none; `parse` never returns an empty set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The errors in file order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Collects errors and warnings while a file is parsed and checked.
pub(crate) struct Report {
    file: String,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Report {
    pub fn new(file: &str) -> Self {
        Report {
            file: file.to_owned(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn diagnostic(&self, pos: Pos, message: String) -> Diagnostic {
        Diagnostic {
            file: self.file.clone(),
            line: pos.line.max(1),
            column: pos.column.max(1),
            message,
        }
    }

    /// Records an error; the file will be rejected.
    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        let diagnostic = self.diagnostic(pos, message.into());
        self.errors.push(diagnostic);
    }

    /// Records a warning; the file is still accepted.
    pub fn warning(&mut self, pos: Pos, message: impl Into<String>) {
        let diagnostic = self.diagnostic(pos, message.into());
        self.warnings.push(diagnostic);
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The errors (sorted by position) if there are any, else the warnings.
    pub fn finish(self) -> Result<Vec<Diagnostic>, Diagnostics> {
        if self.errors.is_empty() {
            return Ok(sorted(self.warnings));
        }
        Err(Diagnostics(sorted(self.errors)))
    }
}

/// Sorts by position; the sort is stable, so messages about one place keep
/// the order in which they were found.
fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(|d| (d.line, d.column));
    diagnostics
}

/// Quotes a list of names for a message: `'a', 'b' and 'c'`. Past ten
/// names the rest are counted rather than listed, to keep the line readable.
pub(crate) fn quoted_list<S: AsRef<str>>(names: &[S]) -> String {
    const SHOWN: usize = 10;
    let mut quoted: Vec<String> = names
        .iter()
        .take(SHOWN)
        .map(|n| format!("'{}'", n.as_ref()))
        .collect();
    if names.len() > SHOWN {
        quoted.push(format!("{} more", names.len() - SHOWN));
    }
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_file_line_column_message() {
        let mut report = Report::new("p.yaml");
        report.error(Pos { line: 3, column: 7 }, "second");
        report.error(Pos { line: 1, column: 2 }, "first");
        let errors = report.finish().unwrap_err();
        assert_eq!(errors.to_string(), "p.yaml:1:2: first\np.yaml:3:7: second");
    }

    #[test]
    fn quotes_lists_of_names() {
        assert_eq!(quoted_list(&["a"]), "'a'");
        assert_eq!(quoted_list(&["a", "b", "c"]), "'a', 'b' and 'c'");
        let many: Vec<String> = (0..12).map(|i| i.to_string()).collect();
        assert!(quoted_list(&many).ends_with("'8', '9' and 2 more"));
    }
}
