//! `-o yaml`: a JSON value written as block-style YAML (a JSON value has one
//! obvious YAML form, so no YAML library is needed to write it).

use serde_json::Value;

/// `value` as a YAML document (ending in a newline).
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_map(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => write_seq(&mut out, items, 0),
        scalar => {
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
    out
}

fn write_map(out: &mut String, map: &serde_json::Map<String, Value>, indent: usize) {
    for (i, (key, value)) in map.iter().enumerate() {
        // The first entry of a map inside a sequence follows its "- ".
        if i > 0 || !out.ends_with("- ") {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&string_text(key));
        out.push(':');
        write_nested(out, value, indent);
    }
}

fn write_seq(out: &mut String, items: &[Value], indent: usize) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !out.ends_with("- ") {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => write_map(out, map, indent + 2),
            Value::Array(inner) if !inner.is_empty() => write_seq(out, inner, indent + 2),
            scalar => {
                out.push_str(&scalar_text(scalar));
                out.push('\n');
            }
        }
    }
}

/// What follows "key:": a scalar on the same line, a container below it.
fn write_nested(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, indent + 2);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_seq(out, items, indent);
        }
        scalar => {
            out.push(' ');
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_text(s),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

/// A string plain when YAML reads it back as the same string, else in
/// double quotes (JSON's escapes are YAML's).
fn string_text(s: &str) -> String {
    const WORDS: [&str; 12] = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~", "", "-",
    ];
    let safe_chars = s
        .chars()
        .all(|c| c.is_alphanumeric() || " _-./@()+".contains(c));
    let first_ok = s
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '/' || c == '.');
    let plain = safe_chars
        && first_ok
        && !s.ends_with(' ')
        && !WORDS.contains(&s.to_ascii_lowercase().as_str())
        && s.parse::<f64>().is_err();
    if plain {
        s.to_owned()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_values_and_quoting() {
        let value = serde_json::json!({
            "id": "upper-1", "healthy": true, "count": 3, "note": "a: b",
            "types": ["ledger", "10"], "metrics": {}, "empty": "",
            "runs": [{"run_id": "abc", "tags": {"team": "data"}}, "no"],
        });
        let text = to_yaml(&value);
        assert_eq!(
            text,
            "count: 3\nempty: \"\"\nhealthy: true\nid: upper-1\nmetrics: {}\n\
             note: \"a: b\"\nruns:\n- run_id: abc\n  tags:\n    team: data\n- \"no\"\n\
             types:\n- ledger\n- \"10\"\n"
        );
        assert_eq!(to_yaml(&serde_json::json!([])), "[]\n");
    }
}
