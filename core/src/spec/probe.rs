//! Health checks: `health_check` (the short form), `readiness_probe` and
//! `liveness_probe`.

use super::access::{self, Fields};
use super::diagnostic::{Pos, Report};
use super::lifecycle::read_port;
use super::model::{Component, Probe, ProbeAction, Readiness};
use super::tree::{Node, Value};

/// Every field a probe map may have.
const FIELDS: &[&str] = &[
    "http",
    "exec",
    "port",
    "period",
    "timeout",
    "failure_threshold",
    "initial_delay",
];

/// Reads the probes of `component`, whose `health_port` and `readiness`
/// have been read already.
pub(crate) fn read_probes(
    fields: &Fields<'_>,
    label: &str,
    component: &mut Component,
    report: &mut Report,
) {
    let health_check = fields.get_with_key("health_check");
    let readiness_probe = fields.get_with_key("readiness_probe");
    component.readiness_probe = match (health_check, readiness_probe) {
        (Some(_), Some((pos, _))) => {
            report.error(
                pos,
                format!(
                    "{label} has both 'health_check' and 'readiness_probe'; keep one \
                     (health_check: /path is short for readiness_probe: {{http: /path}})"
                ),
            );
            None
        }
        (Some((_, node)), None) => {
            let what = format!("'health_check' of {label}");
            http_path(node, &what, report).map(|path| {
                Probe::new(ProbeAction::Http {
                    path,
                    port: component.health_port,
                })
            })
        }
        (None, Some((_, node))) => {
            read_probe(node, &format!("'readiness_probe' of {label}"), report)
        }
        (None, None) => None,
    };
    let probe_field = match (health_check, readiness_probe) {
        (Some(_), _) => Some("health_check"),
        (None, Some(_)) => Some("readiness_probe"),
        (None, None) => None,
    };
    if component.readiness == Readiness::Started
        && let Some(node) = fields.get("readiness")
        && let Some(field) = probe_field
    {
        report.error(
            node.pos,
            format!(
                "'readiness: started' of {label} contradicts its '{field}', which decides when \
                 it is ready; remove one of them"
            ),
        );
    }
    if let Some(node) = fields.get("liveness_probe") {
        let what = format!("'liveness_probe' of {label}");
        component.liveness_probe = match node.value {
            Value::Map(_) => read_probe(node, &what, report),
            _ => match node.scalar() {
                Some("false") => None,
                Some("true") => same_as_readiness(component, fields, &what, node.pos, report),
                _ => {
                    report.error(
                        node.pos,
                        format!(
                            "{what} must be a map like {{http: /healthz}} or {{exec: [cmd, \
                             args...]}}, or true to reuse the path of 'health_check', but it is \
                             {}",
                            node.describe()
                        ),
                    );
                    None
                }
            },
        };
    }
}

/// `liveness_probe: true`: the readiness check's HTTP request, with the
/// default timings.
fn same_as_readiness(
    component: &Component,
    fields: &Fields<'_>,
    what: &str,
    pos: Pos,
    report: &mut Report,
) -> Option<Probe> {
    let problem = match &component.readiness_probe {
        Some(Probe {
            action: action @ ProbeAction::Http { .. },
            ..
        }) => return Some(Probe::new(action.clone())),
        Some(_) => "its 'readiness_probe' runs a command; write liveness_probe: {exec: [...]}",
        // The readiness check is there but wrong, and reported already.
        None if fields.get("health_check").is_some() || fields.get("readiness_probe").is_some() => {
            return None;
        }
        None => {
            "it has no 'health_check'; add health_check: /healthz, or write \
                 liveness_probe: {http: /healthz}"
        }
    };
    report.error(
        pos,
        format!("{what} is true, which reuses the HTTP path of 'health_check', but {problem}"),
    );
    None
}

/// A probe written as a map.
fn read_probe(node: &Node, what: &str, report: &mut Report) -> Option<Probe> {
    let fields = access::map(node, what, report)?;
    let _ = fields.reject_unknown(report, FIELDS, &format!("in {what}"), kubernetes_hint);
    let unknown = fields
        .entries
        .iter()
        .any(|(k, _)| k.scalar().is_none_or(|k| !FIELDS.contains(&k)));
    let action = match (fields.get_with_key("http"), fields.get_with_key("exec")) {
        (Some((http, _)), Some((exec, _))) => {
            report.error(
                http.max(exec),
                format!("{what} has both 'http' and 'exec'; keep one"),
            );
            None
        }
        (Some((_, node)), None) => {
            // Read both before giving up, so that both mistakes are shown.
            let port = fields
                .get("port")
                .map(|n| read_port(n, &format!("'port' of {what}"), report));
            let path = http_path(node, &format!("'http' of {what}"), report);
            match (path, port) {
                (Some(path), None) => Some(ProbeAction::Http { path, port: None }),
                (Some(path), Some(Some(port))) => Some(ProbeAction::Http {
                    path,
                    port: Some(port),
                }),
                _ => None,
            }
        }
        (None, Some((_, node))) => {
            if let Some((pos, _)) = fields.get_with_key("port") {
                report.error(
                    pos,
                    format!("'port' of {what} applies only to 'http' checks; remove it"),
                );
            }
            exec_command(node, &format!("'exec' of {what}"), report)
                .map(|command| ProbeAction::Exec { command })
        }
        // An unknown key (`httpGet`, a typo) was most likely meant as the check.
        (None, None) if unknown => None,
        (None, None) => {
            report.error(
                fields.pos,
                format!(
                    "{what} says nothing to check; add 'http: /healthz' (an HTTP path) or \
                     'exec: [cmd, args...]' (a command)"
                ),
            );
            None
        }
    };
    timings(&fields, what, action?, report)
}

/// `period`, `timeout`, `failure_threshold` and `initial_delay`.
fn timings(
    fields: &Fields<'_>,
    what: &str,
    action: ProbeAction,
    report: &mut Report,
) -> Option<Probe> {
    let mut probe = Probe::new(action);
    // Durations that could not be read leave the timeout check out.
    let mut ok = true;
    for (field, slot) in [
        ("period", &mut probe.period),
        ("timeout", &mut probe.timeout),
        ("initial_delay", &mut probe.initial_delay),
    ] {
        let Some(node) = fields.get(field) else {
            continue;
        };
        let what = format!("'{field}' of {what}");
        match access::duration(node, &what, report) {
            Some(d) if d.is_zero() && field != "initial_delay" => {
                report.error(node.pos, format!("{what} must be longer than 0"));
                ok = false;
            }
            Some(d) => *slot = d,
            None => ok = false,
        }
    }
    let mut threshold_ok = true;
    if let Some(node) = fields.get("failure_threshold") {
        let what = format!("'failure_threshold' of {what}");
        match access::count(node, &what, 1, report) {
            Some(n) => probe.failure_threshold = n,
            None => threshold_ok = false,
        }
    }
    match fields.get("timeout") {
        // A short period brings the default timeout down with it.
        None => probe.timeout = probe.timeout.min(probe.period),
        Some(node) if ok && probe.timeout > probe.period => {
            report.error(
                node.pos,
                format!(
                    "'timeout' of {what} is longer than its 'period'; a check must end before \
                     the next one starts, so make the timeout at most the period"
                ),
            );
            ok = false;
        }
        Some(_) => {}
    }
    (ok && threshold_ok).then_some(probe)
}

/// An HTTP path: it must start with `/`; the port is set on its own.
fn http_path(node: &Node, what: &str, report: &mut Report) -> Option<String> {
    let text = access::string(node, what, report)?;
    if text.starts_with('/') && !text.contains(char::is_whitespace) {
        return Some(text);
    }
    let advice = if text.contains("://") {
        "write only the path, like /healthz; the port is set by 'health_port' (or 'port' in a probe)"
            .to_owned()
    } else {
        // Spaces are not allowed in a request path; show the words joined.
        let words: Vec<&str> = text.split(['/', ' ']).filter(|w| !w.is_empty()).collect();
        let example = if words.is_empty() {
            "healthz".to_owned()
        } else {
            words.join("/")
        };
        format!("write an HTTP path starting with '/', like /{example}")
    };
    report.error(node.pos, format!("{what} is '{text}'; {advice}"));
    None
}

/// The command of an `exec` check: a non-empty list.
fn exec_command(node: &Node, what: &str, report: &mut Report) -> Option<Vec<String>> {
    if let Value::Map(_) = node.value {
        report.error(
            node.pos,
            format!("{what} takes the command as a list, like exec: [\"pg_isready\", \"-q\"]"),
        );
        return None;
    }
    let command = access::string_list(node, what, report)?;
    if command
        .first()
        .is_none_or(|(program, _)| program.is_empty())
    {
        report.error(
            node.pos,
            format!("{what} is empty; name the program to run first"),
        );
        return None;
    }
    Some(command.into_iter().map(|(s, _)| s).collect())
}

/// Advice for the Kubernetes names users carry over.
fn kubernetes_hint(key: &str) -> Option<String> {
    let ours = match key {
        "httpGet" => return Some("write http: /path, and port: <n> if not on health_port".into()),
        "tcpSocket" | "grpc" => return Some("only 'http' and 'exec' checks are supported".into()),
        "periodSeconds" => "period",
        "timeoutSeconds" => "timeout",
        "initialDelaySeconds" => "initial_delay",
        _ => return None,
    };
    Some(format!("use '{ours}' with a unit, like {ours}: 5s"))
}
