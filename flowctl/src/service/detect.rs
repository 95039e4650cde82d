//! Whether a service installed by `flowctl service install` owns a socket:
//! then the client must not start a daemon of its own there, which would
//! take the socket from the service (or fail against it).

use std::path::{Path, PathBuf};

use super::files::{self, Scope, Target};
use super::manager;
use crate::cli::ServiceManager;

/// A service that serves a socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalledService {
    /// e.g. "a systemd user service".
    pub kind: &'static str,
    /// The command that starts it, e.g. `systemctl --user start flowctld`.
    pub start: String,
}

/// The installed service whose socket is `socket`, if any. Cheap: a few
/// file reads, done only when no daemon answered.
pub fn installed_service_for(socket: &Path) -> Option<InstalledService> {
    let targets = [
        (ServiceManager::Systemd, Scope::User),
        (ServiceManager::Systemd, Scope::System),
        (ServiceManager::Launchd, Scope::User),
    ];
    targets.into_iter().find_map(|(manager, scope)| {
        let target = Target { manager, scope };
        let text = std::fs::read_to_string(target.main_file().ok()?).ok()?;
        let served = match manager {
            ServiceManager::Systemd => unit_socket(&text, scope),
            ServiceManager::Launchd => plist_socket(&text),
        }?;
        (std::path::absolute(&served).ok()? == socket).then(|| InstalledService {
            kind: target.describe(),
            start: manager::shell_line(target, &[manager::start(target)]),
        })
    })
}

/// The `--socket` path of a unit's `ExecStart=`, with the specifiers a
/// path may use (`%t`, `%h`, `%%`) expanded as the manager of `scope` would.
fn unit_socket(unit: &str, scope: Scope) -> Option<PathBuf> {
    let command = unit
        .lines()
        .find_map(|line| line.trim().strip_prefix("ExecStart="))?;
    let words = split_command(command);
    let raw = words.iter().enumerate().find_map(|(i, word)| {
        if word == "--socket" {
            words.get(i + 1).cloned()
        } else {
            word.strip_prefix("--socket=").map(str::to_string)
        }
    })?;
    Some(PathBuf::from(expand_specifiers(&raw, scope)))
}

/// Splits a unit's command line on whitespace, honouring double quotes.
fn split_command(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if quoted => word.extend(chars.next()),
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn expand_specifiers(text: &str, scope: Scope) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') if scope == Scope::User => {
                out.push_str(&files::runtime_dir().to_string_lossy());
            }
            Some('t') => out.push_str("/run"),
            Some('h') => out.push_str(&std::env::var("HOME").unwrap_or_default()),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

/// The string after `--socket` in a plist's `ProgramArguments`.
fn plist_socket(plist: &str) -> Option<PathBuf> {
    let strings: Vec<&str> = plist
        .split("<string>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</string>").map(|(value, _)| value))
        .collect();
    let at = strings.iter().position(|value| *value == "--socket")?;
    let value = strings.get(at + 1)?;
    Some(PathBuf::from(
        value
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_system_unit_names_its_socket() {
        let unit =
            "[Service]\nExecStart=\"/opt/my bin/flowctld\" --socket /run/flowctl/flowctld.sock\n";
        assert_eq!(
            unit_socket(unit, Scope::System),
            Some(PathBuf::from("/run/flowctl/flowctld.sock"))
        );
        let unit = "ExecStart=/x/flowctld --socket=%t/100%%.sock\n";
        assert_eq!(
            unit_socket(unit, Scope::System),
            Some(PathBuf::from("/run/100%.sock"))
        );
        assert_eq!(unit_socket("ExecStart=/x/flowctld\n", Scope::User), None);
    }

    #[test]
    fn a_plist_names_its_socket() {
        let plist = "<array><string>/bin/flowctld</string><string>--socket</string>\
                     <string>/tmp/a&amp;b/flowctld.sock</string></array>";
        assert_eq!(
            plist_socket(plist),
            Some(PathBuf::from("/tmp/a&b/flowctld.sock"))
        );
    }
}
