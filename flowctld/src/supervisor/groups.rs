//! A record, on disk, of the process groups a daemon runs, so that a daemon
//! killed with SIGKILL leaves nothing running.
//!
//! Every group a daemon starts is appended, as `<pgid> <leader start time>`,
//! to `<state>/groups/<daemon pid>`: one append per start, no file per group
//! (creating files is what starting 100 components spent most time on). A
//! small guard process (`flowctld --guard`) waits on a pipe from its daemon
//! and, when the daemon dies, kills what that daemon recorded; the next
//! daemon, holding the lock, kills anything still recorded by any dead
//! daemon. Records of groups that ended are not removed: a group is killed
//! only if its recorded leader still runs (same pid, same start time) or,
//! with the leader gone, members remain. The kernel does not reuse an id
//! while a group holds it, so a stranger's group is never hit.
//!
//! A daemon with cgroup containment also records its subtree, as a line
//! `cgroup <path>`: its guard, or the next daemon, kills everything in it
//! (`cgroup.kill`) and removes it, escaped processes included.
//!
//! A daemon killed between spawning a component and recording it would
//! leave that one unrecorded, so every component also carries the daemon's
//! instance name in its environment ([`INSTANCE_ENV`]); the sweep kills the
//! processes that carry a dead instance's name, too.

use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use nix::sys::signal::Signal;

use super::process::signal_group;
use crate::procfs::{Stat, all_pids};

/// Environment variable naming the daemon instance that started a component.
pub const INSTANCE_ENV: &str = "FLOWCTL_DAEMON_INSTANCE";

/// How a record line names the daemon's cgroup subtree.
const CGROUP_PREFIX: &str = "cgroup ";

/// The group record of one daemon.
#[derive(Debug, Clone)]
pub struct Groups {
    /// `<pid>-<start time>` of the daemon: unique on this boot.
    instance: String,
    path: PathBuf,
    /// The record, opened for appending on first use.
    file: Arc<Mutex<Option<std::fs::File>>>,
}

impl Groups {
    /// The record of the daemon instance named `instance`.
    pub fn of_instance(state_dir: &Path, instance: &str) -> Groups {
        Groups {
            instance: instance.to_owned(),
            path: state_dir.join("groups").join(instance),
            file: Arc::default(),
        }
    }

    /// The record of this daemon.
    pub fn new(state_dir: &Path) -> Groups {
        let pid = std::process::id();
        let start = Stat::read(pid).map(|s| s.start_time).unwrap_or(0);
        Groups::of_instance(state_dir, &format!("{pid}-{start}"))
    }

    /// This daemon's instance name, given to components as [`INSTANCE_ENV`].
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// Kills what every dead daemon recorded. Only the holder of the daemon
    /// lock may call this: it proves every other recording daemon is dead.
    pub fn kill_all_leftovers(state_dir: &Path) -> usize {
        let Ok(entries) = std::fs::read_dir(state_dir.join("groups")) else {
            return 0;
        };
        entries
            .filter_map(Result::ok)
            .filter_map(|entry| Some(entry.file_name().to_str()?.to_owned()))
            .map(|instance| Groups::of_instance(state_dir, &instance).kill_leftovers())
            .sum()
    }

    /// Records a group whose leader just started.
    pub fn record(&self, pgid: u32) {
        let Some(stat) = Stat::read(pgid) else { return };
        self.append(&format!("{pgid} {}", stat.start_time));
    }

    /// Records this daemon's cgroup subtree, to be ended if the daemon dies.
    pub fn record_cgroup(&self, root: &Path) {
        self.append(&format!("{CGROUP_PREFIX}{}", root.display()));
    }

    fn append(&self, line: &str) {
        let mut file = self
            .file
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if file.is_none() {
            *file = self
                .open()
                .map_err(|err| tracing::warn!(%err, "cannot open the group record"))
                .ok();
        }
        if let Some(file) = file.as_mut()
            && let Err(err) = writeln!(file, "{line}")
        {
            tracing::warn!(record = line, %err, "cannot record process group");
        }
    }

    fn open(&self) -> std::io::Result<std::fs::File> {
        if let Some(dir) = self.path.parent() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)?;
        }
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(&self.path)
    }

    /// Kills every recorded group that still has members (its daemon died
    /// without stopping them) and removes the record. Returns how many
    /// groups were killed.
    pub fn kill_leftovers(&self) -> usize {
        let text = std::fs::read_to_string(&self.path).unwrap_or_default();
        let _ = std::fs::remove_file(&self.path);
        // The subtree first: it holds every process of every instance,
        // escaped ones too (gone after a clean shutdown, which removed it).
        for root in text.lines().filter_map(|l| l.strip_prefix(CGROUP_PREFIX)) {
            let root = Path::new(root);
            let ours = root
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("flowctl-"));
            if ours && root.exists() {
                tracing::warn!(cgroup = %root.display(), "killing the cgroups a previous daemon left");
                super::cgroup::end_blocking(root);
            }
        }
        let records: Vec<(u32, u64)> = text
            .lines()
            .filter_map(|line| {
                let (pgid, start) = line.split_once(' ')?;
                Some((pgid.parse().ok()?, start.trim().parse().ok()?))
            })
            .collect();
        let processes: Vec<(u32, Stat)> = all_pids()
            .filter_map(|pid| Some((pid, Stat::read(pid)?)))
            .filter(|(_, stat)| !stat.zombie)
            .collect();
        let mut doomed: Vec<u32> = Vec::new();
        for (pgid, leader_start) in records {
            let leader = processes.iter().find(|(pid, _)| *pid == pgid);
            let ours = match leader {
                // The pid is in use: ours only if it is the same leader
                // (after the group emptied, the pid may lead a stranger's).
                Some((_, stat)) => stat.start_time == leader_start && stat.pgrp == pgid,
                // The leader is gone: while any member of its group lives,
                // the kernel cannot hand the id to anyone else.
                None => processes.iter().any(|(_, stat)| stat.pgrp == pgid),
            };
            if ours {
                doomed.push(pgid);
            }
        }
        // Components started but not yet recorded when the daemon died.
        let marker = format!("{INSTANCE_ENV}={}", self.instance);
        for pgid in groups_carrying(&processes, &[marker]) {
            if !doomed.contains(&pgid) {
                doomed.push(pgid);
            }
        }
        for pgid in &doomed {
            tracing::warn!(pgid, "killing a process group left by a previous daemon");
            signal_group(*pgid, Signal::SIGKILL);
        }
        doomed.len()
    }
}

/// Kills every process (with its group) whose environment holds every
/// `KEY=value` of `markers`: what a run's components started and then detached from
/// their group (`setsid`, double forks) still carries the run's variables.
/// Returns how many groups were killed.
pub fn kill_carrying(markers: &[(String, String)]) -> usize {
    let processes: Vec<(u32, Stat)> = all_pids()
        .filter_map(|pid| Some((pid, Stat::read(pid)?)))
        .filter(|(_, stat)| !stat.zombie)
        .collect();
    let markers: Vec<String> = markers.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let groups = groups_carrying(&processes, &markers);
    for pgid in &groups {
        tracing::warn!(
            pgid,
            "killing processes that escaped their component's group"
        );
        signal_group(*pgid, Signal::SIGKILL);
    }
    groups.len()
}

/// The process groups of the processes whose environment holds all of
/// `markers` (never the daemon's own group).
fn groups_carrying(processes: &[(u32, Stat)], markers: &[String]) -> Vec<u32> {
    let own_group = Stat::read(std::process::id()).map(|s| s.pgrp);
    let mut groups = Vec::new();
    for (pid, stat) in processes {
        let marked = std::fs::read(format!("/proc/{pid}/environ")).is_ok_and(|env| {
            markers
                .iter()
                .all(|m| env.split(|b| *b == 0).any(|kv| kv == m.as_bytes()))
        });
        if marked && Some(stat.pgrp) != own_group && !groups.contains(&stat.pgrp) {
            groups.push(stat.pgrp);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kills_a_recorded_group_and_spares_ended_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let groups = Groups::of_instance(tmp.path(), "1-1");
        let mut child = std::process::Command::new("sleep")
            .arg("100")
            .process_group(0)
            .spawn()
            .unwrap();
        groups.record(child.id());
        // A record of a group long gone, and one whose pid is ours but
        // whose start time is not: neither may be touched.
        let me = Stat::read(std::process::id()).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&groups.path)
            .and_then(|mut f| {
                writeln!(f, "999999 1")?;
                writeln!(f, "{} {}", std::process::id(), me.start_time + 1)
            })
            .unwrap();
        assert_eq!(Groups::kill_all_leftovers(tmp.path()), 1);
        let status = child.wait().unwrap();
        assert!(!status.success());
        assert!(!groups.path.exists());
    }

    /// The next daemon (or the guard) ends a dead daemon's cgroup subtree,
    /// processes no group record or marker would find included.
    #[test]
    fn a_dead_daemons_cgroup_subtree_is_killed_and_removed() {
        use super::super::cgroup::Containment;
        let instance = format!("test-{}", uuid::Uuid::new_v4().simple());
        let Containment::Cgroups(cgroups) = Containment::detect(&instance) else {
            assert!(std::env::var_os("CI").is_none(), "CI must offer cgroups");
            eprintln!("skipped: no writable cgroup2");
            return;
        };
        let tmp = tempfile::tempdir().unwrap();
        let groups = Groups::of_instance(tmp.path(), &instance);
        groups.record_cgroup(cgroups.root());
        let cgroup = cgroups.instance("run1", "gen", 1).unwrap();
        let mut child = std::process::Command::new("sleep")
            .arg("100")
            .env_clear()
            .spawn()
            .unwrap();
        cgroup.adopt(child.id()).unwrap();
        Groups::kill_all_leftovers(tmp.path());
        let status = child.wait().unwrap();
        assert!(!status.success());
        assert!(!cgroups.root().exists());
    }

    use std::os::unix::process::CommandExt;
}
