//! The program a component runs: `command` (or `type`) followed by `args`.
//! For a component by reference the program is replaced by the daemon with
//! the executable the client pulled (see `spec::reference`).

use super::access::{self, Fields};
use super::diagnostic::Report;

/// `command` (or `type`) followed by `args`; empty after an error.
pub(crate) fn read_command(
    fields: &Fields<'_>,
    type_name: Option<&str>,
    image_program: Option<&str>,
    label: &str,
    hidden: bool,
    report: &mut Report,
) -> Vec<String> {
    let args = fields
        .get("args")
        .and_then(|n| access::string_list(n, &format!("'args' of {label}"), report));
    let program = match fields.get("command") {
        Some(node) => {
            let Some(command) = access::string_list(node, &format!("'command' of {label}"), report)
            else {
                return Vec::new();
            };
            if command
                .first()
                .is_none_or(|(program, _)| program.is_empty())
            {
                report.error(
                    node.pos,
                    format!("'command' of {label} is empty; name the program to run first"),
                );
                return Vec::new();
            }
            command.into_iter().map(|(s, _)| s).collect()
        }
        None => match type_name {
            Some(t) if !t.is_empty() && !t.contains(char::is_whitespace) => vec![t.to_owned()],
            Some(t) => {
                let pos = fields.get("type").map_or(fields.pos, |n| n.pos);
                report.error(
                    pos,
                    format!(
                        "{label} has no 'command', so its 'type' is run as the program, but '{t}' \
                         is not a single program name; use command: [{}]",
                        access::as_list(t)
                    ),
                );
                return Vec::new();
            }
            // `image:` without `command` or `type` runs the program named by the id.
            None if let Some(program) = image_program => vec![program.to_owned()],
            None if hidden => return Vec::new(),
            None => {
                report.error(
                    fields.pos,
                    format!(
                        "{label} has neither 'command' nor 'type'; add \
                         command: [\"./path/to/program\"]"
                    ),
                );
                return Vec::new();
            }
        },
    };
    let mut command: Vec<String> = program;
    command.extend(args.unwrap_or_default().into_iter().map(|(s, _)| s));
    command
}
