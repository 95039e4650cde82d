//! What flowctl knows about running flowctld as a service: systemd (a user
//! or a system service, with socket activation) or launchd (a user agent).
//! `flowctl service` writes and removes these files; `connect` asks whether
//! an installed service owns a socket before starting a daemon there.
//!
//! - `files`: which files, where, rendered from the templates in `packaging/`;
//! - `manager`: the `systemctl`/`launchctl` commands, printed or run;
//! - `detect`: whether an installed service owns a socket.

mod detect;
pub mod files;
pub mod manager;

pub use detect::installed_service_for;
