//! Reading a pipeline file as `flowctl run` and `flowctl validate` do:
//! refuse what no pipeline can be (a directory, a file over the limit)
//! before parsing, then parse with the daemon's own validator. At most the
//! limit and one byte is ever read, so a device (`/dev/zero`) or an endless
//! pipe is refused like a file that is too large, without filling memory.

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

/// Reads and parses `file` for a command that needs a valid pipeline
/// (`run`, `translate`); `None` once what is wrong has been printed.
pub fn load_valid(file: &Path) -> Option<(Parsed, Vec<u8>)> {
    match load(file) {
        Loaded::Unreadable(message) => {
            eprintln!("{message}");
            None
        }
        Loaded::Invalid(diagnostics) => {
            print_invalid(&diagnostics);
            None
        }
        Loaded::Valid { parsed, bytes } => Some((parsed, bytes)),
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
    use std::io::Read;
    let display = file.display().to_string();
    let unreadable = |err: std::io::Error| {
        format!(
            "{display}: cannot read the pipeline file: {err} (give the path of a pipeline YAML file)"
        )
    };
    let meta = std::fs::metadata(file).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(format!("{display}: is a directory, not a pipeline file"));
    }
    let limit = spec::MAX_FILE_BYTES as u64;
    let too_large =
        |size: String| format!("{display}: is {size}; pipeline files are limited to 1 MiB");
    if meta.is_file() && meta.len() > limit {
        return Err(too_large(format!(
            "{:.1} MiB",
            meta.len() as f64 / 1_048_576.0
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|opened| opened.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|err| format!("{display}: cannot read: {err}"))?;
    if bytes.len() as u64 > limit {
        // A device, a pipe, or a file that grew: its size is unknown.
        return Err(too_large("more than 1 MiB".into()));
    }
    Ok((display, bytes))
}
