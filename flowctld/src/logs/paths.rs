//! Log file names, and the check that a component name can be one.
//!
//! A component's name becomes a file name and arrives from pipeline files and
//! from clients, so it is checked before any path is built from it: otherwise
//! `../../etc/x` would read or write outside the log directory.

use std::path::{Path, PathBuf};

use super::LogError;

/// File names are limited to 255 bytes; this leaves room for `.log.NNNNN`.
const MAX_NAME_BYTES: usize = 200;

/// Refuses a name that could not be a plain file name in the log directory.
pub(super) fn check_component_name(name: &str) -> Result<(), LogError> {
    let reason = if name.is_empty() {
        "it is empty"
    } else if name.len() > MAX_NAME_BYTES {
        "it is longer than 200 bytes"
    } else if name.starts_with('.') {
        "it starts with '.'"
    } else if name.contains(['/', '\\', '\0']) {
        "it contains '/', '\\' or a NUL byte"
    } else {
        return Ok(());
    };
    Err(LogError::InvalidComponentName {
        name: name.to_owned(),
        reason,
    })
}

/// The path of a component's log file: index 0 is the one being written,
/// 1 the one before it, and so on.
pub(super) fn log_path(dir: &Path, component: &str, index: usize) -> PathBuf {
    if index == 0 {
        dir.join(format!("{component}.log"))
    } else {
        dir.join(format!("{component}.log.{index}"))
    }
}

/// The component a log file belongs to, for `<component>.log` and
/// `<component>.log.<N>`; `None` for any other file.
pub(super) fn component_of_file(file_name: &str) -> Option<&str> {
    let component = match file_name.strip_suffix(".log") {
        Some(component) => component,
        None => {
            let (component, index) = file_name.rsplit_once(".log.")?;
            if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            component
        }
    };
    check_component_name(component).ok().map(|()| component)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_would_escape_the_directory_are_refused() {
        for name in ["", ".", "..", "../x", "a/b", ".hidden", "a\\b", "a\0b"] {
            assert!(check_component_name(name).is_err(), "{name:?}");
        }
        assert!(check_component_name(&"x".repeat(201)).is_err());
        for name in [
            "ingest",
            "stellar-source_2",
            "a.b",
            "x".repeat(200).as_str(),
        ] {
            assert!(check_component_name(name).is_ok(), "{name:?}");
        }
    }

    #[test]
    fn log_paths_count_back_from_the_current_file() {
        let dir = Path::new("/logs");
        assert_eq!(log_path(dir, "ingest", 0), Path::new("/logs/ingest.log"));
        assert_eq!(log_path(dir, "ingest", 2), Path::new("/logs/ingest.log.2"));
    }

    #[test]
    fn components_are_recognised_from_their_file_names() {
        assert_eq!(component_of_file("ingest.log"), Some("ingest"));
        assert_eq!(component_of_file("ingest.log.12"), Some("ingest"));
        assert_eq!(component_of_file("a.log.log"), Some("a.log"));
        for other in [
            "ingest",
            "ingest.log.",
            "ingest.log.x",
            ".log",
            ".x.log",
            "ingest.txt",
        ] {
            assert_eq!(component_of_file(other), None, "{other:?}");
        }
    }
}
