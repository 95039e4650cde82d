//! Human-readable log lines.
//!
//! Progress and lifecycle lines go to stdout, problems to stderr, one line per
//! message so the supervisor can prefix and interleave them. Writing never
//! panics: a component whose stdout was closed keeps working (`println!`
//! would panic on a broken pipe).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set when stdout carries data (the sink without `OUTPUT_FILE`), so that
/// log lines move to stderr and the data stays parseable.
static STDOUT_IS_DATA: AtomicBool = AtomicBool::new(false);

/// Sends all further [`info!`](crate::info) lines to stderr.
pub fn reserve_stdout_for_data() {
    STDOUT_IS_DATA.store(true, Ordering::Relaxed);
}

/// Writes one informational line; used by [`info!`](crate::info).
pub fn write_info(line: std::fmt::Arguments<'_>) {
    if STDOUT_IS_DATA.load(Ordering::Relaxed) {
        write_warn(line);
    } else {
        let _ = writeln!(std::io::stdout().lock(), "{line}");
    }
}

/// Writes one line about a problem; used by [`warn!`](crate::warn).
pub fn write_warn(line: std::fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Logs a lifecycle or progress line (stdout).
#[macro_export]
macro_rules! info {
    ($($arg:tt)*) => { $crate::log::write_info(format_args!($($arg)*)) };
}

/// Logs a problem (stderr).
#[macro_export]
macro_rules! warn {
    ($($arg:tt)*) => { $crate::log::write_warn(format_args!($($arg)*)) };
}
