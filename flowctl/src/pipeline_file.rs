//! Reading a pipeline file as `flowctl run` and `flowctl validate` do:
//! refuse what no pipeline can be (a directory, a file over the limit)
//! before parsing, then parse with the daemon's own validator.

use std::path::Path;

use flowctl_core::spec::{self, Diagnostics, Parsed};

/// A pipeline file, read and checked.
pub enum Loaded {
    /// It could not be read, or no pipeline can be that file; the message
    /// names the file and says why.
    Unreadable(String),
    /// It was read and is not a valid pipeline.
    Invalid(Diagnostics),
    /// A valid pipeline, with the bytes it was parsed from.
    Valid { parsed: Parsed, bytes: Vec<u8> },
}

/// Reads and parses `file`.
pub fn load(file: &Path) -> Loaded {
    let (display, bytes) = match read(file) {
        Ok(read) => read,
        Err(message) => return Loaded::Unreadable(message),
    };
    match spec::parse(&display, &bytes) {
        Ok(parsed) => Loaded::Valid { parsed, bytes },
        Err(diagnostics) => Loaded::Invalid(diagnostics),
    }
}

/// Prints what is wrong with a pipeline file as both commands do:
/// each diagnostic, then how many there were.
pub fn print_invalid(diagnostics: &Diagnostics) {
    eprintln!("{diagnostics}");
    eprintln!(
        "Pipeline validation failed: {} error(s)",
        diagnostics.0.len()
    );
}

/// Reads a pipeline file, refusing what no pipeline can be before parsing.
fn read(file: &Path) -> Result<(String, Vec<u8>), String> {
    let display = file.display().to_string();
    let meta = std::fs::metadata(file).map_err(|err| {
        format!("{display}: cannot read the pipeline file: {err} (give the path of a pipeline YAML file)")
    })?;
    if meta.is_dir() {
        return Err(format!("{display}: is a directory, not a pipeline file"));
    }
    if meta.len() > spec::MAX_FILE_BYTES as u64 {
        return Err(format!(
            "{display}: is {:.1} MiB; pipeline files are limited to 1 MiB",
            meta.len() as f64 / 1_048_576.0
        ));
    }
    let bytes = std::fs::read(file).map_err(|err| format!("{display}: cannot read: {err}"))?;
    Ok((display, bytes))
}
