//! Components named by reference (`type: name@version`, `image:`): the
//! client pulled them and said what each resolved to; here the pipeline
//! takes those executables and metadata, before anything is started.

use flowctl_core::spec::Pipeline;
use flowctl_core::spec::metadata::Metadata;

use crate::error::{Error, Result};
use crate::store::StoredResolved;

/// `pipeline` with each referenced component running its resolved
/// executable (its args kept) and its `metadata.json` applied. A referenced
/// component the client resolved nothing for is refused.
pub fn apply(mut pipeline: Pipeline, resolved: &[StoredResolved]) -> Result<Pipeline> {
    let components = std::mem::take(&mut pipeline.components);
    pipeline.components.reserve_exact(components.len());
    for component in components {
        let component = match &component.reference {
            None => component,
            Some(reference) => {
                let Some(entry) = resolved.iter().find(|r| r.component_id == component.id) else {
                    return Err(Error::InvalidArgument(format!(
                        "component '{}' names '{}', which the client did not resolve; run it \
                         with `flowctl run` (which pulls it), or a client of this version",
                        component.id, reference.written
                    )));
                };
                with_resolved(component, entry)?
            }
        };
        pipeline.components.push(component);
    }
    Ok(pipeline)
}

fn with_resolved(
    mut component: flowctl_core::spec::Component,
    entry: &StoredResolved,
) -> Result<flowctl_core::spec::Component> {
    let path = std::path::Path::new(&entry.executable);
    if !path.is_absolute() || !path.is_file() {
        return Err(Error::FailedPrecondition(format!(
            "component '{}': its executable {} (pulled from {}) is missing; pull it again with \
             `flowctl components pull {}`",
            component.id, entry.executable, entry.reference, entry.reference
        )));
    }
    match component.command.first_mut() {
        Some(program) => *program = entry.executable.clone(),
        None => component.command.push(entry.executable.clone()),
    }
    if entry.metadata_json.is_empty() {
        return Ok(component);
    }
    let metadata = Metadata::parse(&entry.metadata_json).map_err(|err| {
        Error::InvalidArgument(format!(
            "component '{}' ({}): {err}",
            component.id, entry.reference
        ))
    })?;
    Ok(component.with_metadata(metadata))
}
