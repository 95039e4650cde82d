//! Containment with cgroup v2, where the system lets the daemon create a
//! subtree: every component instance gets a cgroup of its own, so that
//! nothing it starts escapes (not even a grandchild that calls `setsid` and
//! clears its environment), a stop ends all of it at once (`cgroup.kill`),
//! "all gone" is the kernel's word (`populated 0` in `cgroup.events`), and
//! its CPU time is counted (`cpu.stat`).
//!
//! The daemon's subtree is `<cgroup2 mount><the daemon's own cgroup>/flowctl-<instance>`,
//! with one folder per run and one per component instance inside. Without a
//! writable cgroup2 hierarchy, process groups and the environment markers
//! (see `groups`) are the containment, and [`Containment::describe`] says so.
//!
//! Layout: this file finds the hierarchy and makes the subtree and the
//! instances' cgroups; `enter`: entering a cgroup between fork and exec,
//! where `clone3` cannot create a process inside one; `wait` waits for a cgroup to empty
//! (the kernel's notification on `cgroup.events`) and ends subtrees.

use std::io;
use std::path::{Path, PathBuf};

mod enter;
mod wait;

pub use enter::born_inside;
use wait::end;
pub use wait::end_blocking;

/// How the daemon contains what its components start.
#[derive(Debug, Clone)]
pub enum Containment {
    /// Each instance in its own cgroup under this daemon's subtree.
    Cgroups(Cgroups),
    /// Process groups and environment markers; the text says why not cgroups.
    ProcessGroups(String),
}

impl Containment {
    /// Uses cgroups when the daemon can create its subtree, else says why not.
    pub fn detect(instance: &str) -> Containment {
        match Cgroups::create(instance) {
            Ok(cgroups) => Containment::Cgroups(cgroups),
            Err(why) => Containment::ProcessGroups(why),
        }
    }

    /// What the daemon uses when `--no-cgroups` (or `cgroups = false`)
    /// turned cgroups off.
    pub fn turned_off() -> Containment {
        Containment::ProcessGroups("cgroups turned off by --no-cgroups or `cgroups = false`".into())
    }

    /// For `flowctl daemon status`.
    pub fn describe(&self) -> String {
        match self {
            Containment::Cgroups(c) => {
                let controllers = match c.controllers.is_empty() {
                    true => "none".to_owned(),
                    false => c.controllers.join(", "),
                };
                format!(
                    "cgroup v2 ({}; controllers: {controllers})",
                    c.root.display()
                )
            }
            Containment::ProcessGroups(why) => format!("process groups ({why})"),
        }
    }

    /// The cgroups, when in use.
    pub fn cgroups(&self) -> Option<&Cgroups> {
        match self {
            Containment::Cgroups(c) => Some(c),
            Containment::ProcessGroups(_) => None,
        }
    }
}

/// This daemon's cgroup subtree.
#[derive(Debug, Clone)]
pub struct Cgroups {
    root: PathBuf,
    /// Controllers the parent offers (e.g. `memory`, `cpu`), enabled below.
    controllers: Vec<String>,
}

impl Cgroups {
    /// Creates `flowctl-<instance>` under the daemon's own cgroup.
    fn create(instance: &str) -> Result<Cgroups, String> {
        let mount = cgroup2_mount().ok_or("no cgroup2 hierarchy is mounted")?;
        let own = own_cgroup().ok_or("cannot read /proc/self/cgroup")?;
        let parent = mount.join(own.trim_start_matches('/'));
        remove_abandoned(&parent);
        let root = parent.join(format!("flowctl-{instance}"));
        std::fs::create_dir(&root)
            .or_else(|err| match err.kind() {
                io::ErrorKind::AlreadyExists => Ok(()),
                _ => Err(err),
            })
            .map_err(|err| format!("cannot create {}: {err}", root.display()))?;
        // The controllers the parent hands our subtree (its
        // subtree_control), passed on to runs and instances. Without any we
        // still have the core files (kill, events, cpu.stat), which is all
        // containment needs.
        let mut controllers: Vec<String> = read(&root.join("cgroup.controllers"))
            .unwrap_or_default()
            .split_whitespace()
            .filter(|c| ["memory", "cpu", "pids"].contains(c))
            .map(str::to_owned)
            .collect();
        if !controllers.is_empty() {
            let enable: Vec<String> = controllers.iter().map(|c| format!("+{c}")).collect();
            if std::fs::write(root.join("cgroup.subtree_control"), enable.join(" ")).is_err() {
                controllers.clear();
            }
        }
        Ok(Cgroups { root, controllers })
    }

    /// The daemon's subtree.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether the controller (`memory`, `cpu`) can be used for instances.
    pub fn has(&self, controller: &str) -> bool {
        self.controllers.iter().any(|c| c == controller)
    }

    /// A fresh cgroup for one instance of `component` in `run`.
    pub fn instance(&self, run: &str, component: &str, instance: u32) -> io::Result<Cgroup> {
        let run_dir = self.root.join(run);
        match std::fs::create_dir(&run_dir) {
            Ok(()) => {
                if !self.controllers.is_empty() {
                    let enable: Vec<String> =
                        self.controllers.iter().map(|c| format!("+{c}")).collect();
                    let _ =
                        std::fs::write(run_dir.join("cgroup.subtree_control"), enable.join(" "));
                }
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
            Err(err) => return Err(err),
        }
        let dir = run_dir.join(format!("{component}.{instance}"));
        match std::fs::create_dir(&dir) {
            Ok(()) => {}
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
            Err(err) => return Err(err),
        }
        Ok(Cgroup { dir })
    }

    /// Kills everything left in a run's cgroups and removes them.
    pub async fn end_run(&self, run: &str) {
        end(&self.root.join(run)).await;
    }

    /// Kills everything in this daemon's subtree and removes it (the daemon
    /// is stopping).
    pub async fn end_all(&self) {
        end(&self.root).await;
    }
}

/// One instance's cgroup.
#[derive(Debug, Clone)]
pub struct Cgroup {
    dir: PathBuf,
}

impl Cgroup {
    /// Opens an existing cgroup directory (the guard, after a crash).
    pub fn at(dir: PathBuf) -> Cgroup {
        Cgroup { dir }
    }

    /// The cgroup's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Moves `pid` in (a process started without being born inside).
    pub fn adopt(&self, pid: u32) -> io::Result<()> {
        std::fs::write(self.dir.join("cgroup.procs"), pid.to_string())
    }

    /// SIGKILLs every process inside, at once.
    pub fn kill(&self) {
        if let Err(err) = std::fs::write(self.dir.join("cgroup.kill"), "1")
            && err.kind() != io::ErrorKind::NotFound
        {
            tracing::warn!(cgroup = %self.dir.display(), %err, "cannot kill cgroup");
        }
    }

    /// Whether any process is left inside (gone counts as empty).
    pub fn is_populated(&self) -> bool {
        read(&self.dir.join("cgroup.events"))
            .is_some_and(|events| events.lines().any(|l| l == "populated 1"))
    }

    /// CPU time used by everything that ran inside, in microseconds.
    pub fn cpu_usec(&self) -> Option<u64> {
        read(&self.dir.join("cpu.stat"))?
            .lines()
            .find_map(|line| line.strip_prefix("usage_usec ")?.trim().parse().ok())
    }

    /// The pids inside now.
    pub fn pids(&self) -> Vec<u32> {
        read(&self.dir.join("cgroup.procs"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .collect()
    }

    /// Sets a hard memory limit (needs the memory controller).
    pub fn set_memory_max(&self, bytes: u64) -> io::Result<()> {
        std::fs::write(self.dir.join("memory.max"), bytes.to_string())
    }

    /// Limits CPU to `millis` thousandths of a core (needs the cpu
    /// controller), over the kernel's default period of 100 ms.
    pub fn set_cpu_max(&self, millis: u64) -> io::Result<()> {
        const PERIOD_USEC: u64 = 100_000;
        let quota = (millis * PERIOD_USEC / 1000).max(1000);
        std::fs::write(self.dir.join("cpu.max"), format!("{quota} {PERIOD_USEC}"))
    }
}

/// Where cgroup2 is mounted, from `/proc/self/mountinfo`.
fn cgroup2_mount() -> Option<PathBuf> {
    let text = read(Path::new("/proc/self/mountinfo"))?;
    text.lines().find_map(|line| {
        let (before, after) = line.split_once(" - ")?;
        if after.split_whitespace().next()? != "cgroup2" {
            return None;
        }
        before.split_whitespace().nth(4).map(PathBuf::from)
    })
}

/// This process's cgroup v2 path (the `0::` line of `/proc/self/cgroup`).
fn own_cgroup() -> Option<String> {
    read(Path::new("/proc/self/cgroup"))?
        .lines()
        .find_map(|line| line.strip_prefix("0::").map(str::to_owned))
}

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// Removes the empty subtrees of daemons that are gone, whatever their
/// state directory: a daemon killed outright whose guard did not get to it
/// (or a test harness that killed both) leaves its `flowctl-<pid>-<n>`
/// folder behind. One that still holds a process, or whose daemon pid is
/// alive, is left alone; a dead daemon's live processes are its own state
/// directory's next daemon's to end (see `groups`).
fn remove_abandoned(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("flowctl-"))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let dir = entry.path();
        let alive = Path::new(&format!("/proc/{pid}")).exists();
        if !alive && !Cgroup::at(dir.clone()).is_populated() {
            wait::remove_tree(&dir);
        }
    }
}

/// Only where this machine offers a writable cgroup2 hierarchy (root
/// on the CI machines); says so and passes elsewhere, except under CI.
#[cfg(test)]
pub(crate) fn test_cgroups() -> Option<Cgroups> {
    let instance = format!("test-{}", uuid::Uuid::new_v4().simple());
    match Containment::detect(&instance) {
        Containment::Cgroups(c) => Some(c),
        Containment::ProcessGroups(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must offer cgroups: {why}"
            );
            eprintln!("skipped: no writable cgroup2 ({why})");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::test_cgroups as cgroups;

    use super::wait::remove_tree;
    use super::*;

    #[test]
    fn a_gone_daemons_empty_subtree_is_removed_by_the_next_one() {
        let Some(first) = cgroups() else { return };
        let parent = first.root().parent().unwrap().to_path_buf();
        let mut gone = std::process::Command::new("true").spawn().unwrap();
        let dead = gone.id();
        gone.wait().unwrap();
        let abandoned = parent.join(format!("flowctl-{dead}-1"));
        std::fs::create_dir_all(abandoned.join("run1")).unwrap();
        let own = std::process::id();
        let alive = parent.join(format!("flowctl-{own}-99"));
        std::fs::create_dir_all(&alive).unwrap();
        let Some(next) = cgroups() else { return };
        assert!(
            !abandoned.exists(),
            "{} is still there",
            abandoned.display()
        );
        assert!(alive.exists(), "a live daemon's subtree was removed");
        remove_tree(&alive);
        remove_tree(next.root());
        remove_tree(first.root());
    }

    #[tokio::test]
    async fn an_escaped_grandchild_dies_with_its_cgroup() {
        let Some(cgroups) = cgroups() else { return };
        // Whatever happens below, the test's subtree is gone afterwards.
        struct Cleanup(PathBuf);
        impl Drop for Cleanup {
            fn drop(&mut self) {
                let _ = std::fs::write(self.0.join("cgroup.kill"), "1");
                remove_tree(&self.0);
            }
        }
        let _cleanup = Cleanup(cgroups.root().to_path_buf());
        let cgroup = cgroups.instance("run1", "gen", 0).unwrap();
        // A child that, once inside, starts a grandchild that leaves its
        // group and clears its environment.
        let mut child = std::process::Command::new("sh")
            .args([
                "-c",
                "read go; env -i setsid sleep 300 & echo started; sleep 300",
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        cgroup.adopt(child.id()).unwrap();
        use std::io::{BufRead, Write};
        writeln!(child.stdin.as_mut().unwrap(), "go").unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(cgroup.pids().len() >= 2, "{:?}", cgroup.pids());
        cgroup.kill();
        let _ = child.wait();
        assert!(cgroup.wait_empty(Duration::from_secs(5)).await);
        assert!(!cgroup.is_populated());
        assert!(cgroup.cpu_usec().is_some());
        cgroups.end_all().await;
        assert!(!cgroups.root().exists());
    }
}
