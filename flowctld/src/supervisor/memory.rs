//! What `resources.limits` asks of the daemon: CPU limits need the cgroup
//! cpu controller (a run that has one is refused without it); memory limits
//! are honoured everywhere, by sampling what each limited instance holds
//! (the resident memory of the processes in its cgroup, or in its process
//! group without cgroups), the way pm2's `max_memory_restart` does. The
//! machine decides what an instance over its limit gets (a restart).

use std::time::Duration;

use super::cgroup::{Cgroup, Containment};
use crate::error::{Error, Result};
use crate::procfs::{Stat, all_pids};
use flowctl_core::spec::Pipeline;

/// How often limited instances are sampled: often enough to catch a leak
/// within seconds, rarely enough to cost nothing.
pub(super) const SAMPLE_INTERVAL: Duration = Duration::from_secs(1);

/// Refuses a pipeline with a CPU limit this daemon cannot enforce.
pub(super) fn check_cpu_limits(pipeline: &Pipeline, containment: &Containment) -> Result<()> {
    let Some(component) = pipeline
        .components
        .iter()
        .find(|c| c.limits.cpu_millis.is_some())
    else {
        return Ok(());
    };
    let why = match containment {
        Containment::Cgroups(cgroups) if cgroups.has("cpu") => return Ok(()),
        Containment::Cgroups(cgroups) => format!(
            "the cgroup v2 cpu controller is not enabled for {} (enable it with `echo +cpu > \
             cgroup.subtree_control` in the cgroups above it, or start flowctld under systemd \
             with Delegate=yes)",
            cgroups.root().display()
        ),
        Containment::ProcessGroups(why) => format!(
            "this daemon contains components with process groups, not cgroups ({why}); a CPU \
             limit needs cgroup v2 with the cpu controller"
        ),
    };
    Err(Error::FailedPrecondition(format!(
        "component '{}' has resources.limits.cpu, which flowctld cannot enforce here: {why}; \
         or remove the limit",
        component.id
    )))
}

/// The resident memory of an instance, in bytes: of the processes in its
/// cgroup, or of its process group `pgid` without one.
pub(super) fn resident_bytes(pgid: u32, cgroup: Option<&Cgroup>) -> u64 {
    match cgroup {
        Some(cgroup) => cgroup.pids().into_iter().filter_map(rss_of).sum(),
        None => all_pids()
            .filter(|pid| Stat::read(*pid).is_some_and(|s| s.pgrp == pgid && !s.zombie))
            .filter_map(rss_of)
            .sum(),
    }
}

/// `VmRSS` of a process, in bytes.
fn rss_of(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_process_group_holds_its_members_memory() {
        use std::os::unix::process::CommandExt;
        let mut child = std::process::Command::new("sleep")
            .arg("100")
            .process_group(0)
            .spawn()
            .unwrap();
        let bytes = resident_bytes(child.id(), None);
        let _ = child.kill();
        let _ = child.wait();
        assert!(bytes > 0, "{bytes}");
    }

    #[test]
    fn a_cpu_limit_without_cgroups_is_refused_with_what_to_do() {
        let yaml = "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata: {name: t}\nspec:\n  \
                    sources:\n    - id: gen\n      command: [g]\n      resources: {limits: {cpu: 500m}}\n";
        let pipeline = flowctl_core::spec::parse("p.yaml", yaml.as_bytes())
            .unwrap()
            .pipeline;
        let err = check_cpu_limits(&pipeline, &Containment::turned_off())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("component 'gen' has resources.limits.cpu")
                && err.contains("--no-cgroups"),
            "{err}"
        );
    }
}
