//! Checks that look at several components at once: ids, references between
//! components, cycles, ports.

use std::collections::{BTreeMap, HashMap};

use super::component::Draft;
use super::depends::check_conditions;
use super::diagnostic::{Pos, Report, quoted_list};
use super::document::DraftPipeline;
use super::graph;
use super::model::ComponentKind;
use super::suggest::did_you_mean;

pub(crate) fn check(draft: &DraftPipeline, report: &mut Report) {
    let drafts = &draft.components;
    if draft.listed == 0 && draft.spec_found {
        report.error(
            draft.spec_pos,
            "the pipeline has no components; list at least one under 'spec.sources'",
        );
    }
    let index = unique_ids(drafts, report);
    let ids: Vec<&str> = index.keys().copied().collect();
    for (me, d) in drafts.iter().enumerate().filter(|(_, d)| d.has_id) {
        let refs = References {
            me,
            index: &index,
            ids: &ids,
            drafts,
        };
        refs.check(d, "inputs", &d.component.inputs, &d.input_pos, report);
        refs.check(
            d,
            "depends_on",
            &d.component.depends_on,
            &d.depends_pos,
            report,
        );
        check_inputs_for_kind(d, report);
    }
    check_conditions(drafts, &index, report);
    check_cycles(drafts, &index, report);
    check_health_ports(drafts, report);
    warn_about_port(drafts, report);
}

/// Maps each id to its first component, reporting later duplicates.
fn unique_ids<'a>(drafts: &'a [Draft], report: &mut Report) -> BTreeMap<&'a str, usize> {
    let mut index = BTreeMap::new();
    for (i, d) in drafts.iter().enumerate().filter(|(_, d)| d.has_id) {
        let id = d.component.id.as_str();
        if let Some(&first) = index.get(id) {
            let first: &Draft = &drafts[first];
            report.error(
                d.id_pos,
                format!(
                    "duplicate id '{id}': a {} on line {} already uses it; ids must be unique \
                     across sources, processors and sinks",
                    first.component.kind, first.id_pos.line
                ),
            );
        } else {
            index.insert(id, i);
        }
    }
    index
}

/// What checking one component's references needs to know.
struct References<'a> {
    /// The component's index.
    me: usize,
    index: &'a BTreeMap<&'a str, usize>,
    ids: &'a [&'a str],
    drafts: &'a [Draft],
}

impl References<'_> {
    fn check(
        &self,
        d: &Draft,
        field: &str,
        refs: &[String],
        positions: &[Pos],
        report: &mut Report,
    ) {
        let label = &d.label;
        for (n, (target, &pos)) in refs.iter().zip(positions).enumerate() {
            let found = self.index.get(target.as_str()).copied();
            if refs[..n].contains(target) {
                report.error(
                    pos,
                    format!("'{target}' is listed twice in '{field}' of {label}"),
                );
            } else if found == Some(self.me) {
                report.error(
                    pos,
                    format!(
                        "{label} lists itself in '{field}'; a component cannot wait for itself"
                    ),
                );
            } else if let Some(i) = found {
                if field == "inputs" && self.drafts[i].component.kind == ComponentKind::Sink {
                    report.error(
                        pos,
                        format!(
                            "{label} reads from '{target}', but '{target}' is a sink and \
                             sinks send no events; use 'depends_on' to start after it instead"
                        ),
                    );
                }
            } else {
                let hint = did_you_mean(target, self.ids)
                    .map_or(String::new(), |s| format!(", did you mean '{s}'?"));
                report.error(
                    pos,
                    format!(
                        "'{field}' of {label} names '{target}', but no component has that id{hint}"
                    ),
                );
            }
        }
    }
}

/// Sources read nothing; processors and sinks must read something.
fn check_inputs_for_kind(d: &Draft, report: &mut Report) {
    let c = &d.component;
    match c.kind {
        ComponentKind::Source if !c.inputs.is_empty() => report.error(
            d.inputs_key.unwrap_or(d.pos),
            format!(
                "source '{}' has inputs, but sources read no events; move it to 'processors', \
                 or use 'depends_on' to start it after another component",
                c.id
            ),
        ),
        ComponentKind::Processor | ComponentKind::Sink
            if c.inputs.is_empty() && !d.inputs_unreadable =>
        {
            report.error(
                d.inputs_key.unwrap_or(d.id_pos),
                format!(
                    "{} '{}' has no inputs; add 'inputs: [<id>]' naming the component it \
                     reads from",
                    c.kind, c.id
                ),
            );
        }
        _ => {}
    }
}

fn check_cycles(drafts: &[Draft], index: &BTreeMap<&str, usize>, report: &mut Report) {
    // Self-references are reported on their own, so they are left out here.
    let upstream: Vec<Vec<usize>> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let ups = if d.has_id {
                d.component
                    .upstream()
                    .filter_map(|id| index.get(id).copied())
                    .collect()
            } else {
                Vec::new()
            };
            ups.into_iter().filter(|&u| u != i).collect()
        })
        .collect();
    for cycle in graph::cycles(&upstream) {
        let (first, last) = (&drafts[cycle[0]], &drafts[cycle[cycle.len() - 1]]);
        let mut names: Vec<String> = cycle
            .iter()
            .map(|&i| drafts[i].component.id.clone())
            .collect();
        // A long ring is shown by its ends, which is enough to find it.
        if names.len() > 12 {
            let hidden = names.len() - 9;
            names.splice(6..names.len() - 3, [format!("... ({hidden} more)")]);
        }
        names.push(names[0].clone());
        // Point at the entry where the first member waits for the last one.
        let target = &last.component.id;
        let c = &first.component;
        let pos = c
            .inputs
            .iter()
            .zip(&first.input_pos)
            .chain(c.depends_on.iter().zip(&first.depends_pos))
            .find(|(id, _)| *id == target)
            .map_or(first.id_pos, |(_, p)| *p);
        report.error(
            pos,
            format!(
                "dependency cycle: {}; each component waits for the one before it, so none can \
                 start. Remove one of these 'inputs' or 'depends_on' entries",
                names.join(" -> ")
            ),
        );
    }
}

fn check_health_ports(drafts: &[Draft], report: &mut Report) {
    let mut owner: HashMap<u16, &str> = HashMap::new();
    for d in drafts {
        let (Some(port), Some(pos)) = (d.component.health_port, d.health_port_pos) else {
            continue;
        };
        if let Some(first) = owner.insert(port, &d.component.id) {
            owner.insert(port, first);
            report.error(
                pos,
                format!(
                    "health_port {port} of {} is also used by component '{first}'; give each \
                     its own port",
                    d.label
                ),
            );
        }
    }
}

/// The Go SDK listens on `PORT` (default `:50051`) for its data plane, so two
/// such components without their own `PORT` cannot both start. We cannot tell
/// which components use the SDK, hence a warning phrased as a hint; plain
/// programs (`readiness: started`) never talk to the control plane and are
/// left out.
fn warn_about_port(drafts: &[Draft], report: &mut Report) {
    let named = || {
        drafts
            .iter()
            .filter(|d| d.has_id && d.component.readiness != super::Readiness::Started)
    };
    let port_of = |d: &Draft| {
        d.component
            .env
            .get("PORT")
            .cloned()
            .or_else(|| d.component.config_env().remove("PORT"))
    };
    let lacking: Vec<&Draft> = named().filter(|d| port_of(d).is_none()).collect();
    if lacking.len() >= 2 {
        let ids: Vec<&str> = lacking.iter().map(|d| d.component.id.as_str()).collect();
        report.warning(
            lacking[0].id_pos,
            format!(
                "components {} do not set PORT in their env; if these are built on the flowctl \
                 Go SDK, set env PORT for each (for example PORT: \":50052\"); they all default \
                 to :50051 and would collide",
                quoted_list(&ids)
            ),
        );
    }
    let mut by_port: BTreeMap<String, Vec<&Draft>> = BTreeMap::new();
    for d in named() {
        // Port 0 asks the OS for a free port: it never collides.
        if let Some(port) = port_of(d).filter(|p| p != "0" && !p.ends_with(":0")) {
            by_port.entry(port).or_default().push(d);
        }
    }
    for (port, users) in by_port.into_iter().filter(|(_, users)| users.len() > 1) {
        let ids: Vec<&str> = users.iter().map(|d| d.component.id.as_str()).collect();
        report.warning(
            users[1].id_pos,
            format!(
                "components {} all set PORT={port}; if they listen on it, they will collide",
                quoted_list(&ids)
            ),
        );
    }
}
