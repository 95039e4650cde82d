//! Reading the document around the components: `apiVersion`, `kind`,
//! `metadata` and `spec`.

use std::collections::BTreeMap;

use super::access::{self, Fields};
use super::component::{self, Draft};
use super::diagnostic::{Pos, Report};
use super::env;
use super::model::{ComponentKind, OnFailure};
use super::restart::read_on_failure;
use super::tree::{Node, Value};

/// The only `apiVersion` this version of flowctl reads.
pub const API_VERSION: &str = "flowctl/v1";

/// The only `kind` of document this version of flowctl reads.
pub const KIND: &str = "Pipeline";

const TOP_FIELDS: &[&str] = &["apiVersion", "kind", "metadata", "spec"];
const METADATA_FIELDS: &[&str] = &["name", "namespace", "labels", "annotations", "description"];
const SPEC_FIELDS: &[&str] = &[
    "driver",
    "description",
    "env",
    "sources",
    "processors",
    "sinks",
    "pipelines",
    "config",
    "on_component_failure",
];
/// Component fields people put under `spec` hoping they apply to all.
const COMPONENT_ONLY: &[&str] = &[
    "id",
    "command",
    "inputs",
    "type",
    "depends_on",
    "restart_policy",
    "health_check",
    "readiness_probe",
    "liveness_probe",
];
const LISTS: [(&str, ComponentKind); 3] = [
    ("sources", ComponentKind::Source),
    ("processors", ComponentKind::Processor),
    ("sinks", ComponentKind::Sink),
];

/// Everything read from the file, before the checks across components.
#[derive(Debug, Default)]
pub(crate) struct DraftPipeline {
    pub name: String,
    pub namespace: Option<String>,
    pub description: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    pub env: BTreeMap<String, String>,
    /// `spec.on_component_failure`, already applied to the components.
    pub on_failure: OnFailure,
    pub components: Vec<Draft>,
    /// Where a message about the pipeline as a whole should point.
    pub spec_pos: Pos,
    /// How many entries the component lists hold, readable or not; when
    /// there are none (and `spec` itself was readable) the pipeline is empty.
    pub listed: usize,
    /// Whether `spec` was there and a map.
    pub spec_found: bool,
}

pub(crate) fn decode(root: &Node, report: &mut Report) -> DraftPipeline {
    let mut draft = DraftPipeline {
        spec_pos: root.pos,
        ..DraftPipeline::default()
    };
    let Value::Map(entries) = &root.value else {
        report.error(
            root.pos,
            format!(
                "a pipeline file must be a map starting with 'apiVersion: {API_VERSION}', but this \
                 one is {}",
                root.describe()
            ),
        );
        return draft;
    };
    let top = Fields {
        pos: root.pos,
        entries,
    };
    let _ = top.reject_unknown(report, TOP_FIELDS, "at the top level", |key| {
        SPEC_FIELDS
            .contains(&key)
            .then(|| format!("'{key}' belongs under 'spec'; check the indentation"))
    });
    // Lists put at the top level by mistake are reported as such; saying
    // the pipeline has no components as well would only repeat it.
    draft.listed += LISTS
        .iter()
        .filter(|(list, _)| top.get(list).is_some())
        .count();
    expect_exact(&top, "apiVersion", API_VERSION, report);
    expect_exact(&top, "kind", KIND, report);
    let metadata_description = match top.get("metadata") {
        Some(node) => read_metadata(node, &mut draft, report),
        None => {
            report.error(
                root.pos,
                "the file has no 'metadata'; add metadata: {name: my-pipeline}",
            );
            None
        }
    };
    match top.get_with_key("spec") {
        Some((key_pos, node)) => {
            draft.spec_pos = key_pos;
            read_spec(node, &mut draft, report);
        }
        None => report.error(
            root.pos,
            "the file has no 'spec'; add one listing the sources, processors and sinks",
        ),
    }
    if let Some((pos, text)) = metadata_description {
        if draft.description.is_some() {
            report.error(
                pos,
                "a description is set in both 'metadata' and 'spec'; keep one",
            );
        } else {
            draft.description = Some(text);
        }
    }
    draft
}

fn expect_exact(top: &Fields<'_>, field: &str, expected: &str, report: &mut Report) {
    let Some(node) = top.get(field) else {
        report.error(
            top.pos,
            format!("the file has no '{field}'; add '{field}: {expected}' at the top"),
        );
        return;
    };
    if let Some(text) = access::string(node, &format!("'{field}'"), report)
        && text != expected
    {
        report.error(
            node.pos,
            format!("'{field}' is '{text}', but flowctl reads only '{field}: {expected}'"),
        );
    }
}

/// Reads `metadata` into `draft`; returns its description, if any, so the
/// caller can tell whether `spec` also has one.
fn read_metadata(
    node: &Node,
    draft: &mut DraftPipeline,
    report: &mut Report,
) -> Option<(Pos, String)> {
    let fields = access::map(node, "'metadata'", report)?;
    let _ = fields.reject_unknown(report, METADATA_FIELDS, "in metadata", |_| None);
    match fields.get("name") {
        Some(name) => {
            if let Some(text) = access::string(name, "'metadata.name'", report) {
                if text.trim().is_empty() {
                    report.error(
                        name.pos,
                        "'metadata.name' is blank; give the pipeline a name",
                    );
                }
                draft.name = text;
            }
        }
        None => report.error(
            fields.pos,
            "'metadata' has no 'name'; add one, like 'name: my-pipeline'",
        ),
    }
    draft.namespace = fields
        .get("namespace")
        .and_then(|n| access::string(n, "'metadata.namespace'", report));
    for (field, slot) in [
        ("labels", &mut draft.labels),
        ("annotations", &mut draft.annotations),
    ] {
        if let Some(map) = fields
            .get(field)
            .and_then(|n| access::string_map(n, &format!("'metadata.{field}'"), report))
        {
            *slot = map;
        }
    }
    let node = fields.get("description")?;
    access::string(node, "'metadata.description'", report).map(|text| (node.pos, text))
}

fn read_spec(node: &Node, draft: &mut DraftPipeline, report: &mut Report) {
    let Some(fields) = access::map(node, "'spec'", report) else {
        return;
    };
    draft.spec_found = true;
    let _ = fields.reject_unknown(report, SPEC_FIELDS, "in spec", |key| {
        COMPONENT_ONLY.contains(&key).then(|| {
            format!(
                "'{key}' is a component field; put it in an entry of 'sources', \
                     'processors' or 'sinks'"
            )
        })
    });
    if let Some(driver) = fields.get("driver") {
        match access::string(driver, "'spec.driver'", report).as_deref() {
            Some("process") | None => {}
            Some("container" | "docker") => report.error(
                driver.pos,
                "the container driver is not supported yet; use driver: process",
            ),
            Some(other) => report.error(
                driver.pos,
                format!("unknown driver '{other}'; use driver: process"),
            ),
        }
    }
    if let Some((pos, _)) = fields.get_with_key("pipelines") {
        report.error(
            pos,
            "nested pipelines ('spec.pipelines') are not supported yet; run each pipeline \
             from its own file",
        );
    }
    if let Some((pos, _)) = fields.get_with_key("config") {
        report.error(
            pos,
            "pipeline-wide 'config' is not supported; use 'spec.env' for values every \
             component needs, or 'config' on each component",
        );
    }
    draft.description = fields
        .get("description")
        .and_then(|n| access::string(n, "'spec.description'", report));
    if let Some(env) = fields
        .get("env")
        .and_then(|n| env::read_env(n, "'spec.env'", report))
    {
        draft.env = env;
    }
    if let Some(value) = fields
        .get("on_component_failure")
        .and_then(|n| read_on_failure(n, "'spec.on_component_failure'", report))
    {
        draft.on_failure = value;
    }
    for (list, kind) in LISTS {
        let Some(node) = fields.get(list) else {
            continue;
        };
        if node.is_null() {
            continue;
        }
        let Value::Seq(items) = &node.value else {
            report.error(
                node.pos,
                format!(
                    "'{list}' must be a list of components (entries starting with \
                     '- id: ...'), but it is {}",
                    node.describe()
                ),
            );
            draft.listed += 1; // Not a list, but something was meant to be there.
            continue;
        };
        draft.listed += items.len();
        for (index, item) in items.iter().enumerate() {
            if let Some(c) = component::decode(item, kind, list, index, report) {
                draft.components.push(c);
            }
        }
    }
    for d in &mut draft.components {
        d.component.on_failure = d.on_failure.unwrap_or(draft.on_failure);
    }
}
