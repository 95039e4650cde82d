//! Reading typed values out of YAML nodes, reporting each mismatch.
//!
//! Every reader returns `None` after reporting an error, so callers carry on
//! with the next field and the user gets all problems in one run.

use std::collections::BTreeMap;
use std::time::Duration;

use super::diagnostic::{Pos, Report};
use super::duration::parse_duration;
use super::suggest::did_you_mean;
use super::tree::{Node, Value};

/// The entries of a map node, read by field name.
pub(crate) struct Fields<'a> {
    pub pos: Pos,
    pub entries: &'a [(Node, Node)],
}

impl<'a> Fields<'a> {
    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.scalar() == Some(key))
            .map(|(_, v)| v)
    }

    /// The value and the position of the key itself, if present.
    pub fn get_with_key(&self, key: &str) -> Option<(Pos, &'a Node)> {
        self.entries
            .iter()
            .find(|(k, _)| k.scalar() == Some(key))
            .map(|(k, v)| (k.pos, v))
    }

    /// Reports every key not in `known`, with the closest known name when
    /// one is near. `place` completes "unknown field 'x' ...", for example
    /// "in component 'gen'". `hint` may add advice for a specific key.
    ///
    /// Returns the known names suggested, so that the caller can hold back
    /// messages the typo causes, like a missing `command` after `comand`.
    pub fn reject_unknown<'k>(
        &self,
        report: &mut Report,
        known: &[&'k str],
        place: &str,
        hint: impl Fn(&str) -> Option<String>,
    ) -> Vec<&'k str> {
        let mut suggested = Vec::new();
        for (key, _) in self.entries {
            let Value::Scalar { text, .. } = &key.value else {
                continue;
            };
            // A merge key has been reported when the YAML was read.
            if known.contains(&text.as_str()) || text == "<<" {
                continue;
            }
            let advice = if let Some(hint) = hint(text) {
                format!("; {hint}")
            } else if let Some(near) = did_you_mean(text, known) {
                suggested.push(near);
                format!(", did you mean '{near}'?")
            } else {
                format!("; the fields allowed here are: {}", known.join(", "))
            };
            report.error(key.pos, format!("unknown field '{text}' {place}{advice}"));
        }
        suggested
    }

    /// True when the map has a `<<` merge key, whose fields were not merged.
    pub fn has_merge_key(&self) -> bool {
        self.get("<<").is_some()
    }
}

/// The node as a map; `what` names it in the message, like "'metadata'".
pub(crate) fn map<'a>(node: &'a Node, what: &str, report: &mut Report) -> Option<Fields<'a>> {
    match &node.value {
        Value::Map(entries) => Some(Fields {
            pos: node.pos,
            entries,
        }),
        _ => {
            report.error(
                node.pos,
                format!("{what} must be a map, but it is {}", node.describe()),
            );
            None
        }
    }
}

/// A single value, as written. Numbers and booleans are accepted as their
/// text, since a YAML author rarely means `1` to differ from `"1"`.
pub(crate) fn string(node: &Node, what: &str, report: &mut Report) -> Option<String> {
    match node.scalar() {
        Some(text) => Some(text.to_owned()),
        None => {
            report.error(
                node.pos,
                format!(
                    "{what} must be a single value, but it is {}",
                    node.describe()
                ),
            );
            None
        }
    }
}

/// A duration such as `10s` or `1m30s`.
pub(crate) fn duration(node: &Node, what: &str, report: &mut Report) -> Option<Duration> {
    let text = string(node, what, report)?;
    parse_duration(&text)
        .map_err(|e| report.error(node.pos, format!("invalid {what}: {e}")))
        .ok()
}

/// A whole number from `min` to `u32::MAX`, such as a count of restarts.
pub(crate) fn count(node: &Node, what: &str, min: u32, report: &mut Report) -> Option<u32> {
    let text = string(node, what, report)?;
    match text.parse::<u32>() {
        Ok(n) if n >= min => Some(n),
        _ => {
            report.error(
                node.pos,
                format!(
                    "{what} must be a whole number from {min} to {}, not '{text}'",
                    u32::MAX
                ),
            );
            None
        }
    }
}

/// A list of single values with the position of each. A null counts as an
/// empty list, so a key whose entries are all commented out is fine.
pub(crate) fn string_list(
    node: &Node,
    what: &str,
    report: &mut Report,
) -> Option<Vec<(String, Pos)>> {
    if node.is_null() {
        return Some(Vec::new());
    }
    let Value::Seq(items) = &node.value else {
        let example = match node.scalar() {
            Some(text) => format!(", for example [{}]", as_list(text)),
            None => String::new(),
        };
        report.error(
            node.pos,
            format!(
                "{what} must be a list{example}, but it is {}",
                node.describe()
            ),
        );
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items {
        match item.scalar() {
            Some(text) => out.push((text.to_owned(), item.pos)),
            None => {
                report.error(
                    item.pos,
                    format!(
                        "each entry of {what} must be a single value, but this one is {}",
                        item.describe()
                    ),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// Splits `text` at whitespace and quotes each word, to show how a string
/// the user wrote would look as a YAML list. Only a hint: no shell quoting.
pub(crate) fn as_list(text: &str) -> String {
    text.split_whitespace()
        .map(|w| format!("{w:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A map of names to single values, all kept as text. A null counts as an
/// empty map. `what` names the map, like "'env' of component 'gen'".
pub(crate) fn string_map(
    node: &Node,
    what: &str,
    report: &mut Report,
) -> Option<BTreeMap<String, String>> {
    if node.is_null() {
        return Some(BTreeMap::new());
    }
    let fields = map(node, what, report)?;
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (key, value) in fields.entries {
        let Some(name) = key.scalar() else {
            report.error(key.pos, format!("a key in {what} is empty; give it a name"));
            ok = false;
            continue;
        };
        match value.scalar() {
            Some(text) => {
                out.insert(name.to_owned(), text.to_owned());
            }
            None if value.is_null() => {
                report.error(
                    value.pos,
                    format!("'{name}' in {what} has no value; write \"\" for an empty string"),
                );
                ok = false;
            }
            None => {
                report.error(
                    value.pos,
                    format!(
                        "'{name}' in {what} must be a single value (text, number or true/false), \
                         but it is {}",
                        value.describe()
                    ),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}
