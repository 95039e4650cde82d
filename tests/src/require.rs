//! Tools a test needs. CI installs every one (`.ci/run`), so there a missing
//! tool fails the test; elsewhere the test says it is skipped and why, rather
//! than passing silently.

use std::path::PathBuf;

/// Whether the `CI` environment variable is set (to anything but empty).
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|value| !value.is_empty())
}

/// Where `program` is on PATH, if it is.
pub fn which(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}

/// Whether `program` is installed. When it is not: under CI the test fails
/// (CI must install it, from `package`); elsewhere it prints
/// `skipped: needs PROGRAM` and the test should return.
pub fn needs(program: &str, package: &str) -> bool {
    if which(program).is_some() {
        return true;
    }
    skip(&format!("{program} (install {package})"))
}

/// Whether the test runs as root; see [`needs`] for what happens if not.
pub fn needs_root(why: &str) -> bool {
    if nix::unistd::getuid().is_root() {
        return true;
    }
    skip(&format!("root, to {why}"))
}

/// When a tool is installed but cannot do what the test needs here
/// (`what`, because `why`); see [`needs`] for what happens.
pub fn unable(what: &str, why: &str) -> bool {
    skip(&format!("{what}, which fails here: {why}"))
}

fn skip(what: &str) -> bool {
    assert!(
        !in_ci(),
        "this test needs {what}, and CI (the CI variable is set) must provide it"
    );
    eprintln!("skipped: needs {what}");
    false
}
