//! Talking to the service manager: the `systemctl`/`launchctl` commands that
//! enable, start, stop and inspect the service, printed or run.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use super::files::{LAUNCHD_LABEL, Scope, Target};
use crate::cli::ServiceManager;

/// The unit names, socket first: enabling it is what lets any client start
/// the service by connecting.
const UNITS: [&str; 2] = ["flowctld.socket", "flowctld.service"];

/// One command line, as a list of arguments.
pub type CommandLine = Vec<String>;

/// Whether this machine has the manager's command-line tool (for systemd:
/// `systemctl` on PATH, or a running systemd).
pub fn available(manager: ServiceManager) -> bool {
    match manager {
        ServiceManager::Systemd => {
            on_path("systemctl") || Path::new("/run/systemd/system").is_dir()
        }
        ServiceManager::Launchd => on_path("launchctl"),
    }
}

fn on_path(program: &str) -> bool {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).any(|dir| dir.join(program).is_file())
}

fn systemctl(target: Target, args: &[&str]) -> CommandLine {
    let mut line = vec!["systemctl".to_string()];
    if target.scope == Scope::User {
        line.push("--user".into());
    }
    line.extend(args.iter().map(|arg| arg.to_string()));
    line
}

fn launchd_domain() -> String {
    format!("gui/{}", nix::unistd::getuid())
}

/// What makes installed files a running service, started at every login
/// (or boot).
pub fn enable(target: Target, plist: &Path) -> Vec<CommandLine> {
    match target.manager {
        ServiceManager::Systemd => vec![
            systemctl(target, &["daemon-reload"]),
            systemctl(target, &["enable", "--now", UNITS[0], UNITS[1]]),
        ],
        ServiceManager::Launchd => vec![vec![
            "launchctl".into(),
            "bootstrap".into(),
            launchd_domain(),
            plist.to_string_lossy().into_owned(),
        ]],
    }
}

/// What stops and disables the service, run before its files go.
pub fn disable(target: Target) -> Vec<CommandLine> {
    match target.manager {
        ServiceManager::Systemd => {
            vec![systemctl(target, &["disable", "--now", UNITS[0], UNITS[1]])]
        }
        ServiceManager::Launchd => vec![vec![
            "launchctl".into(),
            "bootout".into(),
            format!("{}/{LAUNCHD_LABEL}", launchd_domain()),
        ]],
    }
}

/// What makes the manager forget removed files.
pub fn forget(target: Target) -> Vec<CommandLine> {
    match target.manager {
        ServiceManager::Systemd => vec![systemctl(target, &["daemon-reload"])],
        ServiceManager::Launchd => Vec::new(),
    }
}

/// What starts an installed, stopped service.
pub fn start(target: Target) -> CommandLine {
    match target.manager {
        ServiceManager::Systemd => systemctl(target, &["start", "flowctld"]),
        ServiceManager::Launchd => vec![
            "launchctl".into(),
            "kickstart".into(),
            format!("{}/{LAUNCHD_LABEL}", launchd_domain()),
        ],
    }
}

/// Commands as one line to paste into a shell (`sudo` first for a system
/// service when we are not root).
pub fn shell_line(target: Target, commands: &[CommandLine]) -> String {
    let sudo = target.scope == Scope::System && !nix::unistd::geteuid().is_root();
    commands
        .iter()
        .map(|line| {
            let words: Vec<String> = line.iter().map(|word| shell_quote(word)).collect();
            let text = words.join(" ");
            if sudo { format!("sudo {text}") } else { text }
        })
        .collect::<Vec<_>>()
        .join(" && ")
}

fn shell_quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+=:@%,".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Runs `commands` one by one, showing each, and stops at the first failure.
pub fn run_all(commands: &[CommandLine]) -> Result<()> {
    for line in commands {
        println!("$ {}", line.join(" "));
        let status = Command::new(&line[0])
            .args(&line[1..])
            .stdin(Stdio::null())
            .status()
            .with_context(|| format!("cannot run {}", line[0]))?;
        if !status.success() {
            bail!("`{}` failed ({status})", line.join(" "));
        }
    }
    Ok(())
}

/// What the manager says about the service; `None` where it cannot tell.
#[derive(Debug, Default)]
pub struct Probe {
    /// Whether it starts at login/boot (for systemd: either unit enabled).
    pub enabled: Option<bool>,
    /// Whether the daemon runs now.
    pub running: Option<bool>,
    /// The manager's own words, e.g. `flowctld.socket: enabled, active`.
    pub detail: String,
}

/// Asks the manager about the service; never fails, only says less.
pub fn probe(target: Target) -> Probe {
    if !available(target.manager) {
        return Probe {
            detail: match target.manager {
                ServiceManager::Systemd => "systemctl is not available here".into(),
                ServiceManager::Launchd => "launchctl is not available here".into(),
            },
            ..Probe::default()
        };
    }
    match target.manager {
        ServiceManager::Systemd => probe_systemd(target),
        ServiceManager::Launchd => probe_launchd(),
    }
}

fn probe_systemd(target: Target) -> Probe {
    const ENABLED: [&str; 6] = [
        "enabled",
        "enabled-runtime",
        "static",
        "indirect",
        "alias",
        "linked",
    ];
    const STATES: [&str; 9] = [
        "disabled",
        "masked",
        "masked-runtime",
        "linked-runtime",
        "generated",
        "transient",
        "bad",
        "not-found",
        "unknown",
    ];
    const ACTIVE: [&str; 4] = ["active", "activating", "deactivating", "reloading"];
    const INACTIVE: [&str; 3] = ["inactive", "failed", "unknown"];
    let ask = |verb: &str, known: &dyn Fn(&str) -> bool| -> Result<Vec<String>, String> {
        let line = systemctl(target, &[verb, UNITS[0], UNITS[1]]);
        let output = Command::new(&line[0])
            .args(&line[1..])
            .stdin(Stdio::null())
            .output()
            .map_err(|err| format!("cannot run systemctl: {err}"))?;
        let words: Vec<String> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|word| word.trim().to_string())
            .collect();
        if words.len() == 2 && words.iter().all(|word| known(word)) {
            return Ok(words);
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(stderr
            .lines()
            .next()
            .unwrap_or("no answer")
            .trim()
            .to_string())
    };
    let mut probe = Probe::default();
    let mut details = Vec::new();
    match ask("is-enabled", &|w| {
        ENABLED.contains(&w) || STATES.contains(&w)
    }) {
        Ok(words) => {
            probe.enabled = Some(words.iter().any(|w| ENABLED.contains(&w.as_str())));
            details.push(format!(
                "is-enabled: {} {}, {} {}",
                UNITS[0], words[0], UNITS[1], words[1]
            ));
        }
        Err(why) => details.push(format!("systemctl is-enabled: {why}")),
    }
    match ask("is-active", &|w| {
        ACTIVE.contains(&w) || INACTIVE.contains(&w)
    }) {
        Ok(words) => {
            probe.running = Some(ACTIVE.contains(&words[1].as_str()));
            details.push(format!(
                "is-active: {} {}, {} {}",
                UNITS[0], words[0], UNITS[1], words[1]
            ));
        }
        Err(why) => details.push(format!("systemctl is-active: {why}")),
    }
    probe.detail = details.join("; ");
    probe
}

fn probe_launchd() -> Probe {
    let service = format!("{}/{LAUNCHD_LABEL}", launchd_domain());
    let output = Command::new("launchctl")
        .args(["print", &service])
        .stdin(Stdio::null())
        .output();
    match output {
        Ok(output) if output.status.success() => {
            let text = String::from_utf8_lossy(&output.stdout);
            let running = text.lines().any(|line| line.trim() == "state = running");
            Probe {
                enabled: Some(true),
                running: Some(running),
                detail: format!("launchctl print {service}: loaded"),
            }
        }
        // Not loaded: not started at login until bootstrapped, and not running.
        Ok(_) => Probe {
            enabled: Some(false),
            running: Some(false),
            detail: format!("launchctl print {service}: not loaded"),
        },
        Err(err) => Probe {
            detail: format!("cannot run launchctl: {err}"),
            ..Probe::default()
        },
    }
}
