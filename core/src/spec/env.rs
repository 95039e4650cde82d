//! Maps that become environment variables: `env` and `config`.

use std::collections::BTreeMap;

use super::access;
use super::diagnostic::{Pos, Report};
use super::model::config_env_name;
use super::tree::{Node, Value};

/// An `env` map whose names the operating system accepts.
pub(crate) fn read_env(
    node: &Node,
    what: &str,
    report: &mut Report,
) -> Option<BTreeMap<String, String>> {
    let env = access::string_map(node, what, report)?;
    let bad: Vec<&String> = env.keys().filter(|k| !valid_env_name(k)).collect();
    for name in &bad {
        report.error(
            key_pos(node, name),
            format!(
                "'{name}' in {what} cannot be an environment variable name; it must not be \
                 empty or contain '='"
            ),
        );
    }
    bad.is_empty().then_some(env)
}

/// Where `key` is written in the map `node`, or the map itself.
fn key_pos(node: &Node, key: &str) -> Pos {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.scalar() == Some(key))
            .map_or(node.pos, |(k, _)| k.pos),
        _ => node.pos,
    }
}

fn valid_env_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['=', '\0'])
}

/// A `config` map, whose keys become environment variable names.
pub(crate) fn read_config(
    node: &Node,
    what: &str,
    report: &mut Report,
) -> Option<BTreeMap<String, String>> {
    let config = read_env(node, what, report)?;
    let mut by_env: BTreeMap<String, &str> = BTreeMap::new();
    for key in config.keys() {
        let name = config_env_name(key);
        if let Some(other) = by_env.insert(name.clone(), key) {
            report.error(
                key_pos(node, key),
                format!(
                    "keys '{other}' and '{key}' in {what} both become the environment variable \
                     {name}; keep one"
                ),
            );
            return None;
        }
    }
    Some(config)
}
