//! "Did you mean ...?" for misspelt field names and component ids.

/// Names people write for a field under another name, mapped to ours.
/// Edit distance cannot find these: `cmd` is four edits from `command`.
const ALIASES: &[(&str, &str)] = &[
    ("cmd", "command"),
    ("environment", "env"),
    ("argv", "args"),
    ("arguments", "args"),
    ("name", "id"),
    ("depends", "depends_on"),
    ("dependencies", "depends_on"),
    ("workdir", "working_dir"),
    ("cwd", "working_dir"),
    ("signal", "stop_signal"),
    ("restart", "restart_policy"),
    ("onfailure", "on_component_failure"),
    ("healthcheck", "health_check"),
];

/// The candidate closest to `word`, if it is close enough to be a likely typo.
///
/// Case, `-` versus `_` and transposed letters are forgiven, so `dependsOn`,
/// `depends-on` and `depnedson` all find `depends_on`.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let normal = normalize(word);
    if let Some(&(_, target)) = ALIASES.iter().find(|(alias, _)| *alias == normal)
        && let Some(found) = candidates.iter().find(|c| **c == target)
    {
        return Some(found);
    }
    let allowed = match normal.chars().count() {
        0..=2 => 1,
        3..=5 => 2,
        _ => 3,
    };
    candidates
        .iter()
        .map(|c| (distance(&normal, &normalize(c)), *c))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn normalize(word: &str) -> String {
    word.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Optimal string alignment distance: Levenshtein plus swaps of neighbours.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Keys can be long in a hostile file; a name longer than this is no typo.
    if a.len().abs_diff(b.len()) > 3 || a.len() > 64 {
        return usize::MAX;
    }
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[&str] = &[
        "id",
        "type",
        "command",
        "args",
        "env",
        "inputs",
        "depends_on",
    ];

    #[test]
    fn suggests_close_names() {
        assert_eq!(did_you_mean("comand", FIELDS), Some("command"));
        assert_eq!(did_you_mean("input", FIELDS), Some("inputs"));
        assert_eq!(did_you_mean("dependsOn", FIELDS), Some("depends_on"));
        assert_eq!(did_you_mean("depends-on", FIELDS), Some("depends_on"));
        assert_eq!(did_you_mean("inptus", FIELDS), Some("inputs"));
        assert_eq!(did_you_mean("ENV", FIELDS), Some("env"));
    }

    #[test]
    fn suggests_known_aliases() {
        assert_eq!(did_you_mean("cmd", FIELDS), Some("command"));
        assert_eq!(did_you_mean("environment", FIELDS), Some("env"));
    }

    #[test]
    fn stays_quiet_for_unrelated_names() {
        assert_eq!(did_you_mean("replicaset", FIELDS), None);
        assert_eq!(did_you_mean("zzzzzz", FIELDS), None);
        assert_eq!(did_you_mean(&"x".repeat(500), FIELDS), None);
    }
}
