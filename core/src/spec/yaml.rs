//! A YAML tree that remembers where each node came from.
//!
//! We build it ourselves from `saphyr-parser` events rather than use a
//! ready-made document type because we want things those types drop: the text
//! of every scalar as written (so `env: {MODE: 0755}` stays `0755`), every
//! duplicated key with both places reported instead of the first one aborting
//! the load, and control over aliases and nesting depth.

use std::collections::{HashMap, hash_map::Entry};

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Tag};

use super::diagnostic::{Pos, Report};
use super::syntax::syntax_error;
use super::tree::{Node, Value, count_nodes};

/// Deeper nesting than this is refused; a pipeline needs about six levels and
/// the bound keeps recursive walks over the tree shallow.
const MAX_DEPTH: usize = 64;

/// How many nodes aliases may copy in all, so that nested aliases cannot
/// expand a small file into an enormous tree.
const ALIAS_NODE_BUDGET: usize = 100_000;

/// Parses `text` into its one document. Returns `None` when the file has no
/// document or cannot be read as YAML; the reasons are in `report`.
pub(crate) fn load(text: &str, report: &mut Report) -> Option<Node> {
    let mut builder = Builder {
        report,
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_budget: ALIAS_NODE_BUDGET,
        root: None,
        documents: 0,
    };
    for event in Parser::new_from_str(text) {
        match event {
            Ok((event, span)) => {
                if !builder.on_event(event, pos(span.start))? {
                    break;
                }
            }
            Err(e) => {
                syntax_error(text, e.marker(), e.info(), builder.report);
                return None;
            }
        }
    }
    builder.root
}

fn pos(marker: Marker) -> Pos {
    Pos {
        line: marker.line(),
        column: marker.col() + 1,
    }
}

enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        seen: HashMap<String, Pos>,
    },
}

struct Builder<'r> {
    report: &'r mut Report,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    alias_budget: usize,
    root: Option<Node>,
    documents: usize,
}

impl Builder<'_> {
    /// Handles one event. `None` aborts the load (the reason is reported);
    /// `Some(false)` stops reading but keeps what was built.
    fn on_event(&mut self, event: Event<'_>, at: Pos) -> Option<bool> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    self.report.error(
                        at,
                        "a second YAML document starts here; a pipeline file holds \
                         exactly one, so remove the extra '---' section",
                    );
                    return Some(false);
                }
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.report.error(
                        at,
                        format!("the YAML is nested more than {MAX_DEPTH} levels deep"),
                    );
                    return None;
                }
                self.check_tag(tag.as_deref(), at);
                self.stack
                    .push(if matches!(event, Event::SequenceStart(..)) {
                        Frame::Seq {
                            pos: at,
                            anchor,
                            items: Vec::new(),
                        }
                    } else {
                        Frame::Map {
                            pos: at,
                            anchor,
                            entries: Vec::new(),
                            key: None,
                            seen: HashMap::new(),
                        }
                    });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Some(true);
                };
                let (node, anchor) = match frame {
                    Frame::Seq { pos, anchor, items } => (
                        Node {
                            pos,
                            value: Value::Seq(items),
                        },
                        anchor,
                    ),
                    Frame::Map {
                        pos,
                        anchor,
                        entries,
                        ..
                    } => (
                        Node {
                            pos,
                            value: Value::Map(entries),
                        },
                        anchor,
                    ),
                };
                self.attach(node, anchor);
            }
            Event::Scalar(text, style, anchor, tag) => {
                let is_str = tag
                    .as_deref()
                    .is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
                self.check_tag(tag.as_deref(), at);
                let plain = style == ScalarStyle::Plain && !is_str;
                let value = Value::Scalar {
                    text: text.into_owned(),
                    plain,
                };
                self.attach(Node { pos: at, value }, anchor);
            }
            Event::Alias(id) => {
                let node = self.resolve_alias(id, at)?;
                self.attach(node, 0);
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        Some(true)
    }

    /// Tags other than the core schema's are refused: nothing here gives them
    /// a meaning, and ignoring them would hide what the author intended.
    fn check_tag(&mut self, tag: Option<&Tag>, at: Pos) {
        if let Some(tag) = tag.filter(|t| !t.is_yaml_core_schema()) {
            self.report.error(
                at,
                format!("the YAML tag '{tag}' is not supported in pipeline files; remove it"),
            );
        }
    }

    fn resolve_alias(&mut self, id: usize, at: Pos) -> Option<Node> {
        let Some(anchored) = self.anchors.get(&id) else {
            self.report.error(
                at,
                "this alias refers to the node that contains it; recursive aliases \
                 cannot be used in pipeline files",
            );
            return None;
        };
        let size = count_nodes(anchored);
        if size > self.alias_budget {
            self.report.error(
                at,
                format!(
                    "aliases expand to more than {ALIAS_NODE_BUDGET} nodes; write the values \
                     out instead"
                ),
            );
            return None;
        }
        self.alias_budget -= size;
        let mut node = anchored.clone();
        node.pos = at;
        Some(node)
    }

    /// Adds a finished node to its parent, or makes it the document's root.
    fn attach(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                key: key @ None, ..
            }) => {
                check_key(&node, self.report);
                *key = Some(node);
            }
            Some(Frame::Map {
                key: key @ Some(_),
                entries,
                seen,
                ..
            }) => {
                let Some(key) = key.take() else { return };
                let Value::Scalar { text, .. } = &key.value else {
                    return; // Already reported by `check_key`.
                };
                match seen.entry(text.clone()) {
                    Entry::Occupied(first) => self.report.error(
                        key.pos,
                        format!(
                            "duplicate key '{text}' (first set on line {}); a key may appear \
                             only once in a map, so remove one of them",
                            first.get().line
                        ),
                    ),
                    Entry::Vacant(slot) => {
                        slot.insert(key.pos);
                        entries.push((key, node));
                    }
                }
            }
        }
    }
}

fn check_key(key: &Node, report: &mut Report) {
    match &key.value {
        Value::Scalar { text, plain: true } if text == "<<" => report.error(
            key.pos,
            "YAML merge keys ('<<') are not supported in pipeline files; write the fields out",
        ),
        Value::Scalar { .. } => {}
        _ => report.error(
            key.pos,
            format!("a map key must be a plain name, not {}", key.describe()),
        ),
    }
}
