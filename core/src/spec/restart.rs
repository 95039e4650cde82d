//! Restarts and what a final failure does to the run: `restart_policy`,
//! `max_restarts`, `restart_window`, `restart_delay`, `restart_delay_max`,
//! `min_uptime` and `on_component_failure`.

use super::access::{self, Fields};
use super::diagnostic::Report;
use super::duration::format_duration;
use super::model::{OnFailure, Restart, RestartPolicy};
use super::suggest::did_you_mean;
use super::tree::Node;

/// The fields that tune restarts, which mean nothing without a policy.
const TUNING: [&str; 5] = [
    "max_restarts",
    "restart_window",
    "restart_delay",
    "restart_delay_max",
    "min_uptime",
];

/// Reads the restart fields of the component `label`. Setting them while the
/// policy is `never` is allowed (so a policy can be switched off by one line)
/// but warned about, since it usually means a forgotten `restart_policy`.
pub(crate) fn read_restart(fields: &Fields<'_>, label: &str, report: &mut Report) -> Restart {
    let what = |field: &str| format!("'{field}' of {label}");
    let mut restart = Restart::default();
    let mut policy_read = true;
    if let Some(node) = fields.get("restart_policy") {
        match read_policy(node, &what("restart_policy"), report) {
            Some(policy) => restart.policy = policy,
            None => policy_read = false,
        }
    }
    if let Some(node) = fields.get("max_restarts")
        && let Some(n) = access::count(node, &what("max_restarts"), 0, report)
    {
        restart.max_restarts = n;
    }
    // The backoff is checked only when both of its ends were read, so that a
    // typo in one is not reported a second time as a wrong order.
    let mut backoff_read = true;
    for (field, slot) in [
        ("restart_window", &mut restart.window),
        ("restart_delay", &mut restart.delay),
        ("restart_delay_max", &mut restart.delay_max),
        ("min_uptime", &mut restart.min_uptime),
    ] {
        let Some(node) = fields.get(field) else {
            continue;
        };
        match access::duration(node, &what(field), report) {
            Some(d) if d.is_zero() && field == "restart_window" => report.error(
                node.pos,
                format!(
                    "{} must be longer than 0; it is the period over which max_restarts \
                     counts restarts",
                    what(field)
                ),
            ),
            Some(d) => *slot = d,
            None => backoff_read &= !field.starts_with("restart_delay"),
        }
    }
    if backoff_read && restart.delay_max < restart.delay {
        let node = fields
            .get("restart_delay_max")
            .or_else(|| fields.get("restart_delay"));
        let default = if fields.get("restart_delay_max").is_none() {
            ", the default"
        } else {
            ""
        };
        report.error(
            node.map_or(fields.pos, |n| n.pos),
            format!(
                "'restart_delay_max' of {label} ({}{default}) is shorter than its \
                 'restart_delay' ({}); the longest wait between restarts must be at least the \
                 first one",
                format_duration(restart.delay_max),
                format_duration(restart.delay)
            ),
        );
    }
    if policy_read && restart.policy == RestartPolicy::Never {
        for field in TUNING {
            if let Some((pos, _)) = fields.get_with_key(field) {
                report.warning(
                    pos,
                    format!(
                        "'{field}' of {label} has no effect without restart_policy; set \
                         restart_policy: on-failure or always, or remove '{field}'"
                    ),
                );
            }
        }
    }
    restart
}

fn read_policy(node: &Node, what: &str, report: &mut Report) -> Option<RestartPolicy> {
    let text = access::string(node, what, report)?;
    if let Some(policy) = RestartPolicy::from_name(&text) {
        return Some(policy);
    }
    // Docker's `on-failure:3` caps restarts in the policy itself.
    let advice = match text.split_once(':') {
        Some((policy, count)) if RestartPolicy::from_name(policy.trim()).is_some() => format!(
            "; write restart_policy: {} and max_restarts: {} on separate lines",
            policy.trim(),
            count.trim()
        ),
        _ => {
            let ours: Vec<&str> = RestartPolicy::ALL.iter().map(|p| p.as_str()).collect();
            let aliases: Vec<&str> = RestartPolicy::ALIASES.iter().map(|(a, _)| *a).collect();
            let all: Vec<&str> = ours.iter().chain(&aliases).copied().collect();
            let hint = did_you_mean(&text, &all)
                .map_or(String::new(), |s| format!(", did you mean '{s}'?"));
            format!(
                "; use never, on-failure or always (also read: {}){hint}",
                aliases.join(", ")
            )
        }
    };
    report.error(node.pos, format!("{what} is '{text}'{advice}"));
    None
}

/// `on_component_failure`, at the pipeline level or in a component.
pub(crate) fn read_on_failure(node: &Node, what: &str, report: &mut Report) -> Option<OnFailure> {
    let text = access::string(node, what, report)?;
    if let Some(value) = OnFailure::from_name(&text) {
        return Some(value);
    }
    let names: Vec<&str> = OnFailure::ALL.iter().map(|v| v.as_str()).collect();
    let hint =
        did_you_mean(&text, &names).map_or(String::new(), |s| format!(" (did you mean '{s}'?)"));
    report.error(
        node.pos,
        format!("{what} is '{text}'; use {}{hint}", names.join(" or ")),
    );
    None
}
