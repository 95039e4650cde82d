//! Whether a component is named by reference (`type: name@version`,
//! `image:`), read with the parser of [`crate::reference`] so that a
//! malformed reference is reported at its line.

use super::access::{self, Fields};
use super::diagnostic::Report;
use super::model::Component;
use crate::reference::{ComponentRef, Defaults, Executable, is_reference_type};

/// The component's reference, if it has one; `component.command` is read.
pub(crate) fn read_reference(
    fields: &Fields<'_>,
    component: &Component,
    label: &str,
    report: &mut Report,
) -> Option<ComponentRef> {
    let type_ref = component
        .type_name
        .as_deref()
        .filter(|t| is_reference_type(t));
    let image = fields.get("image").map(|node| {
        (
            node,
            access::string(node, &format!("'image' of {label}"), report),
        )
    });
    let found = match (image, type_ref) {
        (Some((_, None)), _) => return None,
        (Some((node, Some(_))), Some(t)) => {
            report.error(
                node.pos,
                format!(
                    "{label} names both an image and a published component ('type: {t}'); \
                     keep one of them"
                ),
            );
            return None;
        }
        (Some((node, Some(image))), None) => {
            // The program: the command's first word, else `type`, else the id
            // (already in `command[0]`, see `read_command`).
            let program = component.command.first()?.clone();
            let reference = ComponentRef {
                written: image,
                executable: Executable::Named(program),
            };
            (node.pos, reference)
        }
        (None, Some(t)) if fields.get("command").is_none() => {
            let node = fields.get("type")?;
            let reference = ComponentRef {
                written: t.to_owned(),
                executable: Executable::Published,
            };
            (node.pos, reference)
        }
        (None, _) => return None,
    };
    let (pos, reference) = found;
    // The syntax does not depend on the user's registry and org.
    if let Err(err) = reference.resolve(&Defaults::default()) {
        report.error(pos, format!("{label}: {err}"));
        return None;
    }
    Some(reference)
}

#[cfg(test)]
mod tests {
    use crate::reference::{ComponentRef, Executable};
    use crate::spec::parse;

    fn pipeline(component: &str) -> String {
        format!(
            "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: p\nspec:\n  sources:\n{component}"
        )
    }

    fn reference(component: &str) -> (Option<ComponentRef>, Vec<String>) {
        let parsed = parse("p.yaml", pipeline(component).as_bytes()).unwrap();
        let c = &parsed.pipeline.components[0];
        (c.reference.clone(), c.command.clone())
    }

    #[test]
    fn a_type_with_a_version_is_a_published_component() {
        let (r, command) = reference("    - id: gen\n      type: gen@v1\n      args: [\"-n\"]\n");
        let r = r.unwrap();
        assert_eq!(
            (r.written.as_str(), r.executable),
            ("gen@v1", Executable::Published)
        );
        assert_eq!(command, ["gen@v1", "-n"]);
        assert_eq!(reference("    - id: gen\n      type: gen\n").0, None);
    }

    #[test]
    fn an_image_runs_the_command_type_or_id() {
        let named = |c: &str| match reference(c).0.unwrap().executable {
            Executable::Named(p) => p,
            Executable::Published => panic!("published"),
        };
        assert_eq!(named("    - id: gen\n      image: r.io/o/g:1\n"), "gen");
        assert_eq!(
            named("    - id: gen\n      image: r.io/o/g:1\n      type: g2\n"),
            "g2"
        );
        let c = "    - id: gen\n      image: r.io/o/g:1\n      command: [\"/opt/g\", \"-v\"]\n";
        assert_eq!(named(c), "/opt/g");
        assert_eq!(reference(c).1, ["/opt/g", "-v"]);
    }

    #[test]
    fn bad_references_are_reported_at_their_line() {
        let text = pipeline("    - id: gen\n      type: Gen@v1\n");
        let err = parse("p.yaml", text.as_bytes()).unwrap_err().to_string();
        assert!(
            err.contains("p.yaml:8:13") && err.contains("invalid repository"),
            "{err}"
        );
        let text = pipeline("    - id: gen\n      type: gen@v1\n      image: r.io/o/g:1\n");
        let err = parse("p.yaml", text.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("both an image"), "{err}");
    }
}
