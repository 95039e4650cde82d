//! Build facts for `flowctl version`: git commit, build date, target triple
//! and Rust version, as `FLOWCTL_BUILD_*` variables. No network; a source
//! tarball without git (or without a `date` program) says "unknown".
//! flowctld's build script runs this same one, for its `GetInfo`.

use std::process::Command;

pub fn main() {
    let run = |program: &str, args: &[&str]| -> Option<String> {
        let out = Command::new(program).args(args).output().ok()?;
        let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
        (out.status.success() && !text.is_empty()).then_some(text)
    };
    let commit =
        run("git", &["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into());
    // SOURCE_DATE_EPOCH gives reproducible builds their date.
    let date = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) => run(
            "date",
            &["-u", "-d", &format!("@{epoch}"), "+%Y-%m-%dT%H:%M:%SZ"],
        ),
        Err(_) => run("date", &["-u", "+%Y-%m-%dT%H:%M:%SZ"]),
    }
    .unwrap_or_else(|| "unknown".into());
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let rust = run(&rustc, &["--version"]).unwrap_or_else(|| "unknown".into());
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".into());
    println!("cargo:rustc-env=FLOWCTL_BUILD_COMMIT={commit}");
    println!("cargo:rustc-env=FLOWCTL_BUILD_DATE={date}");
    println!("cargo:rustc-env=FLOWCTL_BUILD_TARGET={target}");
    println!("cargo:rustc-env=FLOWCTL_BUILD_RUSTC={rust}");
    // A new commit is a new build fact; the date is that of the build that
    // compiled this crate.
    if let Some(head) = run("git", &["rev-parse", "--git-path", "HEAD"]) {
        println!("cargo:rerun-if-changed={head}");
    }
    if let Some(refs) = run("git", &["rev-parse", "--git-path", "refs/heads"]) {
        println!("cargo:rerun-if-changed={refs}");
    }
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo:rerun-if-changed=build.rs");
}
