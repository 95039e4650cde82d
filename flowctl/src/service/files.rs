//! The files a service is made of: which, where, and their content, rendered
//! from the templates checked in under `packaging/`.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cli::{ServiceManager, ServiceScopeArgs};

/// The first line of every file `flowctl service install` writes; what
/// `uninstall` looks for before removing one without `--force`.
pub const MARKER: &str = "Written by flowctl service install";

/// The launchd job's label (and its plist's name).
pub const LAUNCHD_LABEL: &str = "dev.flowctl.flowctld";

/// Where the system service listens (see packaging/systemd/system).
pub const SYSTEM_SOCKET: &str = "/run/flowctl/flowctld.sock";

const SYSTEMD_USER: [(&str, &str); 2] = [
    (
        "flowctld.service",
        include_str!("../../../packaging/systemd/user/flowctld.service"),
    ),
    (
        "flowctld.socket",
        include_str!("../../../packaging/systemd/user/flowctld.socket"),
    ),
];
const SYSTEMD_SYSTEM: [(&str, &str); 2] = [
    (
        "flowctld.service",
        include_str!("../../../packaging/systemd/system/flowctld.service"),
    ),
    (
        "flowctld.socket",
        include_str!("../../../packaging/systemd/system/flowctld.socket"),
    ),
];
const LAUNCHD_AGENT: &str = include_str!("../../../packaging/launchd/dev.flowctl.flowctld.plist");

/// Whose service it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    User,
    System,
}

/// One service flavour: a manager and a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub manager: ServiceManager,
    pub scope: Scope,
}

impl Target {
    /// The flags, or this platform's manager for the user.
    pub fn resolve(args: &ServiceScopeArgs) -> Result<Target> {
        let manager = match args.manager {
            Some(manager) => manager,
            None if cfg!(target_os = "macos") => ServiceManager::Launchd,
            None if cfg!(target_os = "linux") => ServiceManager::Systemd,
            None => bail!("no supported service manager on this system: pass --manager"),
        };
        let scope = if args.system {
            Scope::System
        } else {
            Scope::User
        };
        if manager == ServiceManager::Launchd && scope == Scope::System {
            bail!("flowctl installs a launchd agent of your user only: drop --system");
        }
        Ok(Target { manager, scope })
    }

    /// "a systemd user service", as error messages say it.
    pub fn describe(&self) -> &'static str {
        match (self.manager, self.scope) {
            (ServiceManager::Systemd, Scope::User) => "a systemd user service",
            (ServiceManager::Systemd, Scope::System) => "a systemd system service",
            (ServiceManager::Launchd, _) => "a launchd agent",
        }
    }

    /// The directory the files go into.
    pub fn dir(&self) -> Result<PathBuf> {
        Ok(match (self.manager, self.scope) {
            (ServiceManager::Systemd, Scope::User) => config_home()?.join("systemd/user"),
            (ServiceManager::Systemd, Scope::System) => PathBuf::from("/etc/systemd/system"),
            (ServiceManager::Launchd, _) => home()?.join("Library/LaunchAgents"),
        })
    }

    /// The file whose presence means the service is installed: the unit,
    /// or the plist.
    pub fn main_file(&self) -> Result<PathBuf> {
        Ok(self.dir()?.join(match self.manager {
            ServiceManager::Systemd => "flowctld.service".to_string(),
            ServiceManager::Launchd => format!("{LAUNCHD_LABEL}.plist"),
        }))
    }

    /// Where the installed service listens; `client` is the socket this
    /// flowctl uses, which is what a launchd agent is given.
    pub fn socket(&self, client: &Path) -> PathBuf {
        match (self.manager, self.scope) {
            (ServiceManager::Systemd, Scope::User) => runtime_dir().join("flowctl/flowctld.sock"),
            (ServiceManager::Systemd, Scope::System) => PathBuf::from(SYSTEM_SOCKET),
            (ServiceManager::Launchd, _) => client.to_path_buf(),
        }
    }
}

/// One file of a service and what it should hold.
#[derive(Debug)]
pub struct ServiceFile {
    pub path: PathBuf,
    pub content: String,
}

/// What to write for `target`, running `flowctld` (absolute) as `account`
/// (for a system service) and, for launchd, on socket `client`.
pub fn render(
    target: Target,
    flowctld: &Path,
    client: &Path,
    account: &str,
) -> Result<Vec<ServiceFile>> {
    let dir = target.dir()?;
    let systemd = |templates: [(&'static str, &'static str); 2]| {
        templates
            .into_iter()
            .map(|(name, template)| ServiceFile {
                path: dir.join(name),
                content: format!(
                    "# {MARKER}; remove with `flowctl service uninstall`.\n{}",
                    fill_systemd(template, flowctld, account)
                ),
            })
            .collect()
    };
    Ok(match (target.manager, target.scope) {
        (ServiceManager::Systemd, Scope::User) => systemd(SYSTEMD_USER),
        (ServiceManager::Systemd, Scope::System) => systemd(SYSTEMD_SYSTEM),
        (ServiceManager::Launchd, _) => {
            let logs = launchd_log_dir()?;
            let plist = LAUNCHD_AGENT
                .replace("@FLOWCTLD@", &xml_escape(&flowctld.to_string_lossy()))
                .replace("@SOCKET@", &xml_escape(&client.to_string_lossy()))
                .replace("@LOG_DIR@", &xml_escape(&logs.to_string_lossy()));
            let (declaration, rest) = plist.split_once('\n').unwrap_or((&plist, ""));
            vec![ServiceFile {
                path: dir.join(format!("{LAUNCHD_LABEL}.plist")),
                content: format!(
                    "{declaration}\n<!-- {MARKER}; remove with: flowctl service uninstall -->\n{rest}"
                ),
            }]
        }
    })
}

/// The launchd agent's log directory, which launchd will not create.
pub fn launchd_log_dir() -> Result<PathBuf> {
    Ok(home()?.join("Library/Logs/flowctl"))
}

/// A unit template with the real `ExecStart=` program and, for a system
/// unit, the account it runs as.
fn fill_systemd(template: &str, flowctld: &Path, account: &str) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    for line in template.lines() {
        if let Some(command) = line.strip_prefix("ExecStart=") {
            let args = command.split_once(' ').map(|(_, args)| args).unwrap_or("");
            out.push_str(&format!("ExecStart={} {args}", systemd_quote(flowctld)));
        } else if let Some(key) = ["User=", "SocketUser="]
            .into_iter()
            .find(|key| line.starts_with(key))
        {
            out.push_str(&format!("{key}{account}"));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// A path as a unit file's command line needs it: `%` and `$` doubled, and
/// quoted when it holds spaces or quotes.
fn systemd_quote(path: &Path) -> String {
    let text = path.to_string_lossy().replace('%', "%%").replace('$', "$$");
    if text.contains([' ', '\t', '"', '\'', '\\']) {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        text
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Writes `content` to `path` (0644) through a temporary file and a rename,
/// so a unit is never seen half written.
pub fn write_atomically(path: &Path, content: &str) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("/"));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut temp = path.as_os_str().to_owned();
    temp.push(format!(".tmp-{}", std::process::id()));
    let temp = PathBuf::from(temp);
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o644)
        .open(&temp)
        .and_then(|mut file| file.write_all(content.as_bytes()))
        .and_then(|()| std::fs::rename(&temp, path));
    if let Err(err) = result {
        let _ = std::fs::remove_file(&temp);
        bail!("cannot write {}: {err}", path.display());
    }
    Ok(())
}

fn home() -> Result<PathBuf> {
    non_empty_env("HOME")
        .map(PathBuf::from)
        .context("HOME is not set: cannot tell where your service files go")
}

/// `$XDG_CONFIG_HOME`, else `~/.config`: where systemd looks for user units.
pub fn config_home() -> Result<PathBuf> {
    match non_empty_env("XDG_CONFIG_HOME") {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => Ok(home()?.join(".config")),
    }
}

/// What `%t` means in a user unit: `$XDG_RUNTIME_DIR`, which the user
/// manager sets to `/run/user/<uid>`.
pub fn runtime_dir() -> PathBuf {
    non_empty_env("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(format!("/run/user/{}", nix::unistd::getuid())))
}

fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_start_and_accounts_are_filled_in() {
        let unit = fill_systemd(
            SYSTEMD_SYSTEM[0].1,
            Path::new("/opt/fl ow/flowctld"),
            "alice",
        );
        assert!(
            unit.contains(
                "\nExecStart=\"/opt/fl ow/flowctld\" --socket /run/flowctl/flowctld.sock\n"
            ),
            "{unit}"
        );
        assert!(unit.contains("\nUser=alice\n"), "{unit}");
        let socket = fill_systemd(SYSTEMD_SYSTEM[1].1, Path::new("/x"), "alice");
        assert!(socket.contains("\nSocketUser=alice\n"), "{socket}");
    }

    #[test]
    fn specifier_characters_in_paths_are_escaped() {
        assert_eq!(systemd_quote(Path::new("/a/100%/$x")), "/a/100%%/$$x");
    }

    #[test]
    fn every_user_unit_listens_where_the_service_says() {
        let service = SYSTEMD_USER[0].1;
        let socket = SYSTEMD_USER[1].1;
        assert!(service.contains("--socket %t/flowctl/flowctld.sock"));
        assert!(socket.contains("ListenStream=%t/flowctl/flowctld.sock"));
        let service = SYSTEMD_SYSTEM[0].1;
        let socket = SYSTEMD_SYSTEM[1].1;
        assert!(service.contains(&format!("--socket {SYSTEM_SOCKET}")));
        assert!(socket.contains(&format!("ListenStream={SYSTEM_SOCKET}")));
    }
}
