//! A record, on disk, of the process groups a daemon runs, so that a daemon
//! killed with SIGKILL leaves nothing running.
//!
//! The parent-death signal kills each component's main process when the
//! daemon dies, but not what that process started. Every group is
//! therefore recorded as a file `<state>/groups/<daemon pid>/<pgid>` holding
//! its leader's start time. A small guard process (`flowctld --guard`) waits
//! on a pipe from its daemon and, when the daemon dies, kills what that
//! daemon recorded; the next daemon, holding the lock, kills anything still
//! recorded by any dead daemon. A group is killed only if its recorded
//! leader still runs (same pid, same start time) or, with the leader gone,
//! members remain: the kernel does not reuse an id while a group holds it,
//! so a stranger's group is never hit.

use std::path::{Path, PathBuf};

use nix::sys::signal::Signal;

use super::process::signal_group;
use super::procfs::{Stat, all_pids};

/// The directory of group records.
#[derive(Debug, Clone)]
pub struct Groups {
    dir: PathBuf,
}

impl Groups {
    /// The records of the daemon with pid `daemon`.
    pub fn of_daemon(state_dir: &Path, daemon: u32) -> Groups {
        Groups {
            dir: state_dir.join("groups").join(daemon.to_string()),
        }
    }

    /// The records of this daemon.
    pub fn new(state_dir: &Path) -> Groups {
        Groups::of_daemon(state_dir, std::process::id())
    }

    /// Kills what every dead daemon recorded. Only the holder of the daemon
    /// lock may call this: it proves every other recording daemon is dead.
    pub fn kill_all_leftovers(state_dir: &Path) -> usize {
        let Ok(entries) = std::fs::read_dir(state_dir.join("groups")) else {
            return 0;
        };
        let mut killed = 0;
        for entry in entries.filter_map(Result::ok) {
            let groups = Groups { dir: entry.path() };
            killed += groups.kill_leftovers();
            let _ = std::fs::remove_dir(entry.path());
        }
        killed
    }

    /// Records a group whose leader just started.
    pub fn record(&self, pgid: u32) {
        let Some(stat) = Stat::read(pgid) else { return };
        use std::os::unix::fs::DirBuilderExt;
        let mut dir = std::fs::DirBuilder::new();
        dir.recursive(true).mode(0o700);
        if let Err(err) = dir.create(&self.dir).and_then(|()| {
            std::fs::write(self.dir.join(pgid.to_string()), stat.start_time.to_string())
        }) {
            tracing::warn!(pgid, %err, "cannot record process group");
        }
    }

    /// Forgets a group that has been stopped.
    pub fn forget(&self, pgid: u32) {
        let _ = std::fs::remove_file(self.dir.join(pgid.to_string()));
    }

    /// Kills every recorded group that still has members (a previous daemon
    /// died without stopping them) and clears the records. Returns how many
    /// groups were killed.
    pub fn kill_leftovers(&self) -> usize {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let records: Vec<(u32, u64)> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let pgid = entry.file_name().to_str()?.parse().ok()?;
                let start = std::fs::read_to_string(entry.path())
                    .ok()?
                    .trim()
                    .parse()
                    .ok()?;
                let _ = std::fs::remove_file(entry.path());
                Some((pgid, start))
            })
            .collect();
        if records.is_empty() {
            return 0;
        }
        let processes: Vec<(u32, Stat)> = all_pids()
            .filter_map(|pid| Some((pid, Stat::read(pid)?)))
            .filter(|(_, stat)| !stat.zombie)
            .collect();
        let mut killed = 0;
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
                tracing::warn!(pgid, "killing a process group left by a previous daemon");
                signal_group(pgid, Signal::SIGKILL);
                killed += 1;
            }
        }
        killed
    }
}
