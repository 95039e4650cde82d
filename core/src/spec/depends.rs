//! `depends_on`: the components one waits for before starting, and what
//! each must reach (started, healthy or completed).
//!
//! Three forms are read: a list of ids, a list mixing ids and
//! `{id: db, condition: healthy}` maps, and docker compose's map of ids
//! (`db: {condition: service_healthy}`).

use std::collections::BTreeMap;

use super::access::{self, Fields};
use super::component::Draft;
use super::diagnostic::{Pos, Report};
use super::model::{Condition, Dependency, RestartPolicy};
use super::suggest::did_you_mean;
use super::tree::{Node, Value};

/// `depends_on` as read, with the positions the checks across components
/// point at.
#[derive(Debug, Default)]
pub(crate) struct DependsOn {
    pub dependencies: Vec<Dependency>,
    /// Where each id is written.
    pub id_pos: Vec<Pos>,
    /// Where each condition is written; the id's position when it is implied.
    pub condition_pos: Vec<Pos>,
}

impl DependsOn {
    fn push(&mut self, id: String, id_pos: Pos, condition: Condition, condition_pos: Pos) {
        self.dependencies.push(Dependency { id, condition });
        self.id_pos.push(id_pos);
        self.condition_pos.push(condition_pos);
    }
}

/// Reads `depends_on`; `what` names it, like "'depends_on' of component 'x'".
/// Entries that cannot be read are reported and left out.
pub(crate) fn read_depends_on(node: &Node, what: &str, report: &mut Report) -> DependsOn {
    let mut out = DependsOn::default();
    match &node.value {
        _ if node.is_null() => {}
        Value::Seq(items) => {
            for item in items {
                list_entry(item, what, &mut out, report);
            }
        }
        Value::Map(entries) => {
            for (key, value) in entries {
                let Some(id) = key.scalar() else {
                    report.error(
                        key.pos,
                        format!("a key in {what} is empty; name a component"),
                    );
                    continue;
                };
                let place = format!("'{id}' in {what}");
                if let Some((condition, pos)) = compose_entry(value, &place, report) {
                    out.push(id.to_owned(), key.pos, condition, pos.unwrap_or(key.pos));
                }
            }
        }
        Value::Scalar { text, .. } => report.error(
            node.pos,
            format!(
                "{what} must be a list, for example [{}], but it is a single value",
                access::as_list(text)
            ),
        ),
    }
    out
}

/// One entry of the list form: an id, or `{id: db, condition: healthy}`.
fn list_entry(item: &Node, what: &str, out: &mut DependsOn, report: &mut Report) {
    if let Some(id) = item.scalar() {
        out.push(id.to_owned(), item.pos, Condition::default(), item.pos);
        return;
    }
    let Value::Map(entries) = &item.value else {
        report.error(
            item.pos,
            format!(
                "each entry of {what} must be a component id or a map like \
                 {{id: db, condition: healthy}}, but this one is {}",
                item.describe()
            ),
        );
        return;
    };
    let fields = Fields {
        pos: item.pos,
        entries,
    };
    let place = format!("in an entry of {what}");
    let _ = fields.reject_unknown(report, &["id", "condition"], &place, compose_hint);
    let Some(id_node) = fields.get("id") else {
        if !fields.has_merge_key() {
            report.error(
                item.pos,
                format!("an entry of {what} has no 'id'; name the component, like id: db"),
            );
        }
        return;
    };
    let Some(id) = access::string(id_node, &format!("'id' {place}"), report) else {
        return;
    };
    let place = format!("'{id}' in {what}");
    let condition = match fields.get("condition") {
        Some(node) => match condition(node, &place, report) {
            Some(c) => (c, node.pos),
            None => return,
        },
        None => (Condition::default(), id_node.pos),
    };
    out.push(id, id_node.pos, condition.0, condition.1);
}

/// The value of one compose-style entry: nothing, a condition, or
/// `{condition: ...}`. Returns the condition and where it is written.
fn compose_entry(
    value: &Node,
    place: &str,
    report: &mut Report,
) -> Option<(Condition, Option<Pos>)> {
    if value.is_null() {
        return Some((Condition::default(), None));
    }
    if value.scalar().is_some() {
        return condition(value, place, report).map(|c| (c, Some(value.pos)));
    }
    let fields = access::map(value, place, report)?;
    let _ = fields.reject_unknown(report, &["condition"], &format!("in {place}"), compose_hint);
    match fields.get("condition") {
        Some(node) => condition(node, place, report).map(|c| (c, Some(node.pos))),
        None => Some((Condition::default(), None)),
    }
}

/// A condition, in our words or compose's; `place` names the entry.
fn condition(node: &Node, place: &str, report: &mut Report) -> Option<Condition> {
    let what = format!("the condition of {place}");
    let text = access::string(node, &what, report)?;
    if let Some(condition) = Condition::from_name(&text) {
        return Some(condition);
    }
    let ours: Vec<&str> = Condition::ALL.iter().map(|c| c.as_str()).collect();
    let compose: Vec<&str> = Condition::ALL.iter().map(|c| c.compose_name()).collect();
    let all: Vec<&str> = ours.iter().chain(&compose).copied().collect();
    let hint =
        did_you_mean(&text, &all).map_or(String::new(), |s| format!(", did you mean '{s}'?"));
    report.error(
        node.pos,
        format!(
            "{what} is '{text}'; use started, healthy or completed (or compose's {}){hint}",
            compose.join(", ")
        ),
    );
    None
}

/// Advice for compose's `depends_on` keys that flowctl does not read.
fn compose_hint(key: &str) -> Option<String> {
    matches!(key, "required" | "restart")
        .then(|| format!("compose's '{key}' is not supported in depends_on; remove it"))
}

/// A component cannot wait for another to complete if that one is always
/// restarted: it never completes, so the waiting one would never start.
pub(crate) fn check_conditions(
    drafts: &[Draft],
    index: &BTreeMap<&str, usize>,
    report: &mut Report,
) {
    for d in drafts.iter().filter(|d| d.has_id) {
        let waits = d.component.dependencies.iter().zip(&d.condition_pos);
        for (dep, &pos) in waits.filter(|(dep, _)| dep.condition == Condition::Completed) {
            let Some(&target) = index.get(dep.id.as_str()) else {
                continue;
            };
            if drafts[target].component.restart.policy == RestartPolicy::Always {
                report.error(
                    pos,
                    format!(
                        "{} waits for '{}' to complete, but '{}' has restart_policy: always and \
                         never completes; wait for it to be healthy instead, or change its \
                         restart_policy",
                        d.label, dep.id, dep.id
                    ),
                );
            }
        }
    }
}
