//! Reading one component (an entry of `sources`, `processors` or `sinks`).

use super::access::{self, Fields};
use super::command::read_command;
use super::depends::read_depends_on;
use super::diagnostic::{Pos, Report};
use super::env::{read_config, read_env};
use super::lifecycle::{non_empty, read_lifecycle, read_port};
use super::model::{
    Component, ComponentKind, DEFAULT_START_TIMEOUT, DEFAULT_STOP_TIMEOUT, Limits, OnFailure,
    Readiness, StopSignal,
};
use super::probe::read_probes;
use super::reference::read_reference;
use super::resources::read_resources;
use super::restart::{read_on_failure, read_restart};
use super::tree::Node;

/// Every field a component may have, including those refused with a reason.
const FIELDS: &[&str] = &[
    "id",
    "type",
    "command",
    "args",
    "env",
    "config",
    "inputs",
    "depends_on",
    "input_event_types",
    "output_event_types",
    "health_port",
    "working_dir",
    "stop_signal",
    "stop_timeout",
    "start_timeout",
    "readiness",
    "restart_policy",
    "max_restarts",
    "restart_window",
    "restart_delay",
    "restart_delay_max",
    "min_uptime",
    "on_component_failure",
    "health_check",
    "readiness_probe",
    "liveness_probe",
    "image",
    "volumes",
    "secrets",
    "ports",
    "replicas",
    "resources",
];

/// Fields of the old format that only its container driver used.
/// (`image:` is honoured: the process driver pulls it and runs a program
/// from it, see `spec::reference`.)
const CONTAINER_ONLY: &[&str] = &["volumes", "secrets", "ports", "replicas"];

/// A component as read, with the positions that the checks across
/// components need for their messages.
#[derive(Debug)]
pub(crate) struct Draft {
    /// Where the component's map starts.
    pub pos: Pos,
    /// Where its id is written; `pos` when it has none.
    pub id_pos: Pos,
    /// False when `id` was missing or invalid: the component then takes no
    /// part in checks across components.
    pub has_id: bool,
    /// How messages name it: "component 'gen'", or "entry 2 of 'sinks'".
    pub label: String,
    pub component: Component,
    /// Positions of `component.inputs`, entry by entry.
    pub input_pos: Vec<Pos>,
    /// Positions of `component.depends_on`, entry by entry.
    pub depends_pos: Vec<Pos>,
    /// Where the condition of each entry of `depends_on` is written (its id
    /// when the condition is implied).
    pub condition_pos: Vec<Pos>,
    /// The component's own `on_component_failure`; `component.on_failure`
    /// is settled once the pipeline's is known.
    pub on_failure: Option<OnFailure>,
    /// Where the `inputs` key is written, if it is.
    pub inputs_key: Option<Pos>,
    /// True when `inputs` is there but could not be read (already reported).
    pub inputs_unreadable: bool,
    /// Where `health_port` is written, if it is.
    pub health_port_pos: Option<Pos>,
}

/// Reads entry `index` (from 0) of the list `list`. Returns `None` only when
/// the entry is not a map at all; other problems are reported and the draft
/// is returned so that later checks still see its id and inputs.
pub(crate) fn decode(
    node: &Node,
    kind: ComponentKind,
    list: &str,
    index: usize,
    report: &mut Report,
) -> Option<Draft> {
    let entry = format!("entry {} of '{list}'", index + 1);
    let fields = access::map(node, &entry, report)?;
    let (id, id_pos) = read_id(&fields, &entry, report);
    let label = match &id {
        Some(id) => format!("component '{id}'"),
        None => entry,
    };
    let suggested = fields.reject_unknown(report, FIELDS, &format!("in {label}"), |key| {
        matches!(key, "sources" | "processors" | "sinks").then(|| {
            format!(
                "'{key}' belongs directly under 'spec', not inside a component; check the \
                     indentation"
            )
        })
    });
    refuse_unsupported(&fields, report);
    let what = |field: &str| format!("'{field}' of {label}");
    let list_of = |field: &str, report: &mut Report| {
        let node = fields.get(field)?;
        access::string_list(node, &what(field), report)
    };

    let inputs = list_of("inputs", report);
    // An unreadable `inputs` has been reported; "no inputs" would repeat it.
    let inputs_unreadable = fields.get("inputs").is_some() && inputs.is_none();
    let inputs = inputs.unwrap_or_default();
    let depends_on = fields
        .get("depends_on")
        .map(|n| read_depends_on(n, &what("depends_on"), report))
        .unwrap_or_default();
    let health_port = fields
        .get("health_port")
        .and_then(|n| read_port(n, &what("health_port"), report));
    let mut component = Component {
        id: id.clone().unwrap_or_default(),
        kind,
        type_name: fields
            .get("type")
            .and_then(|n| access::string(n, &what("type"), report)),
        command: Vec::new(),
        env: fields
            .get("env")
            .and_then(|n| read_env(n, &what("env"), report))
            .unwrap_or_default(),
        config: fields
            .get("config")
            .and_then(|n| read_config(n, &what("config"), report))
            .unwrap_or_default(),
        inputs: inputs.iter().map(|(s, _)| s.clone()).collect(),
        depends_on: depends_on
            .dependencies
            .iter()
            .map(|d| d.id.clone())
            .collect(),
        dependencies: depends_on.dependencies,
        input_event_types: names(list_of("input_event_types", report)),
        output_event_types: names(list_of("output_event_types", report)),
        health_port,
        working_dir: fields
            .get("working_dir")
            .and_then(|n| non_empty(n, &what("working_dir"), report)),
        stop_signal: StopSignal::default(),
        stop_timeout: DEFAULT_STOP_TIMEOUT,
        start_timeout: DEFAULT_START_TIMEOUT,
        readiness: Readiness::default(),
        restart: read_restart(&fields, &label, report),
        on_failure: OnFailure::default(),
        readiness_probe: None,
        liveness_probe: None,
        limits: Limits::default(),
        metadata: None,
        reference: None,
    };
    // After `comand:` or a merge key, "no command" would only repeat the error.
    let command_hidden =
        fields.has_merge_key() || suggested.iter().any(|s| matches!(*s, "command" | "type"));
    let image_program = fields.get("image").and(id.as_deref());
    component.command = read_command(
        &fields,
        component.type_name.as_deref(),
        image_program,
        &label,
        command_hidden,
        report,
    );
    component.reference = read_reference(&fields, &component, &label, report);
    read_lifecycle(&fields, &label, &mut component, report);
    read_probes(&fields, &label, &mut component, report);
    read_resources(&fields, &label, &mut component, report);
    let on_failure = fields
        .get("on_component_failure")
        .and_then(|n| read_on_failure(n, &what("on_component_failure"), report));
    Some(Draft {
        pos: fields.pos,
        id_pos,
        has_id: id.is_some(),
        label,
        component,
        input_pos: inputs.iter().map(|(_, p)| *p).collect(),
        depends_pos: depends_on.id_pos,
        condition_pos: depends_on.condition_pos,
        on_failure,
        inputs_key: fields.get_with_key("inputs").map(|(p, _)| p),
        inputs_unreadable,
        health_port_pos: fields.get("health_port").map(|n| n.pos),
    })
}

fn read_id(fields: &Fields<'_>, entry: &str, report: &mut Report) -> (Option<String>, Pos) {
    let Some(node) = fields.get("id") else {
        if fields.has_merge_key() {
            return (None, fields.pos);
        }
        report.error(
            fields.pos,
            format!("{entry} has no 'id'; every component needs one, like 'id: gen'"),
        );
        return (None, fields.pos);
    };
    let id = access::string(node, &format!("'id' of {entry}"), report);
    let id = id.filter(|id| {
        let ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if !ok {
            report.error(
                node.pos,
                format!("component id '{id}' must be made of letters, digits, '_', '.' and '-'"),
            );
        }
        ok
    });
    (id, node.pos)
}

/// Fields of the old format that we know but do not honour yet. Refusing
/// them out loud is better than starting a pipeline that behaves differently
/// from what its file says.
fn refuse_unsupported(fields: &Fields<'_>, report: &mut Report) {
    for &field in CONTAINER_ONLY {
        if let Some((pos, _)) = fields.get_with_key(field) {
            report.error(
                pos,
                format!("'{field}' is not supported by the process driver yet; remove the field"),
            );
        }
    }
}

fn names(list: Option<Vec<(String, Pos)>>) -> Vec<String> {
    list.unwrap_or_default()
        .into_iter()
        .map(|(s, _)| s)
        .collect()
}
