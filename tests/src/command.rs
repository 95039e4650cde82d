//! The binaries under test and the outcome of one command.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Path of a binary of this workspace (`flowctl`, `flowctld`, the example
/// components): the one built with the same profile as the running test,
/// else the debug one.
pub fn bin(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    // target/<profile>/deps/<test>-xxxx -> target/<profile>/<name>
    let same_profile = exe
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join(name));
    let debug = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/debug")
        .join(name);
    let path = same_profile.filter(|p| p.is_file()).unwrap_or(debug);
    assert!(
        path.is_file(),
        "{} is missing: run `cargo build --workspace --bins` before the tests \
         (add --release for the benchmark figures)",
        path.display()
    );
    path
}

/// The outcome of one command, printable in full when an assertion fails.
pub struct Run {
    /// The command line, program first.
    pub command: String,
    /// Where it ran.
    pub cwd: PathBuf,
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    /// Asserts success and returns stdout.
    pub fn ok(&self) -> String {
        assert!(self.output.status.success(), "command failed\n{self}");
        self.stdout()
    }

    /// Asserts failure and returns stderr + stdout.
    pub fn fails(&self) -> String {
        assert!(
            !self.output.status.success(),
            "command should have failed\n{self}"
        );
        format!("{}{}", self.stderr(), self.stdout())
    }

    /// Asserts success and parses stdout as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.ok()).unwrap_or_else(|e| panic!("not JSON ({e})\n{self}"))
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "command: {}\ncwd: {}\nstatus: {}\n--- stdout\n{}--- stderr\n{}---",
            self.command,
            self.cwd.display(),
            self.output.status,
            self.stdout(),
            self.stderr()
        )
    }
}

/// The command line of `command`, program first.
pub fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Where `command` will run: its own directory if it has one, else ours.
pub fn cwd_of(command: &Command) -> PathBuf {
    command
        .get_current_dir()
        .map(Path::to_path_buf)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}
