//! How a component is started and stopped: `stop_signal`, `stop_timeout`,
//! `start_timeout`, `readiness`, plus `health_port` and `working_dir`.

use super::access::{self, Fields};
use super::diagnostic::Report;
use super::duration::parse_duration;
use super::model::{Component, Readiness, StopSignal};
use super::suggest::did_you_mean;
use super::tree::Node;

/// `stop_signal`, `stop_timeout`, `start_timeout` and `readiness`.
pub(crate) fn read_lifecycle(
    fields: &Fields<'_>,
    label: &str,
    component: &mut Component,
    report: &mut Report,
) {
    if let Some(node) = fields.get("stop_signal")
        && let Some(text) = access::string(node, &format!("'stop_signal' of {label}"), report)
    {
        match StopSignal::from_name(&text) {
            Some(signal) => component.stop_signal = signal,
            None => {
                let names: Vec<&str> = StopSignal::ALL.iter().map(|s| s.name()).collect();
                report.error(
                    node.pos,
                    format!(
                        "'stop_signal' of {label} is '{text}'; use one of {}",
                        names.join(", ")
                    ),
                );
            }
        }
    }
    for (field, slot) in [
        ("stop_timeout", &mut component.stop_timeout),
        ("start_timeout", &mut component.start_timeout),
    ] {
        let Some(node) = fields.get(field) else {
            continue;
        };
        let Some(text) = access::string(node, &format!("'{field}' of {label}"), report) else {
            continue;
        };
        match parse_duration(&text) {
            Ok(d) if d.is_zero() && field == "start_timeout" => {
                report.error(
                    node.pos,
                    format!("'start_timeout' of {label} must be longer than 0"),
                );
            }
            Ok(d) => *slot = d,
            Err(e) => report.error(node.pos, format!("invalid '{field}' of {label}: {e}")),
        }
    }
    if let Some(node) = fields.get("readiness") {
        match access::string(node, &format!("'readiness' of {label}"), report).as_deref() {
            Some("registered") => component.readiness = Readiness::Registered,
            Some("started") => component.readiness = Readiness::Started,
            Some(other) => {
                let hint = did_you_mean(other, &["registered", "started"])
                    .map_or(String::new(), |s| format!(" (did you mean '{s}'?)"));
                report.error(
                    node.pos,
                    format!(
                        "'readiness' of {label} is '{other}'; use 'registered' or 'started'{hint}"
                    ),
                );
            }
            None => {}
        }
    }
}

pub(crate) fn read_port(node: &Node, what: &str, report: &mut Report) -> Option<u16> {
    let text = access::string(node, what, report)?;
    match text.parse::<u16>() {
        Ok(port) if port > 0 => Some(port),
        _ => {
            report.error(
                node.pos,
                format!("{what} must be a port number from 1 to 65535, not '{text}'"),
            );
            None
        }
    }
}

pub(crate) fn non_empty(node: &Node, what: &str, report: &mut Report) -> Option<String> {
    let text = access::string(node, what, report)?;
    if text.is_empty() {
        report.error(
            node.pos,
            format!("{what} is empty; remove it or name a directory"),
        );
        return None;
    }
    Some(text)
}
