//! The shared state of one supervised run: its components' current
//! instances as users see them, and the channels to its run task and its
//! watchers.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::SystemTime;

use flowctl_core::ComponentState;
use flowctl_core::spec::Pipeline;
use tokio::sync::{broadcast, mpsc, watch as watch_channel};

use super::view::{self, instance_status};
use super::{RunEvent, cgroup};

/// One component of a run, as shown to users.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    pub id: String,
    pub kind: &'static str,
    pub state: ComponentState,
    pub pid: Option<u32>,
    pub started_at: Option<SystemTime>,
    pub restarts: u32,
    pub exit: String,
    pub service_id: String,
    /// Why it was last restarted (exit status, missed heartbeats, probe).
    pub last_restart_reason: String,
    pub last_restart_at: Option<SystemTime>,
    /// CPU time, from the cgroups of its instances; `None` without cgroups.
    pub cpu: Option<CpuUse>,
}

/// The CPU time of a component's instances, each counted by its cgroup.
#[derive(Debug, Clone, Default)]
pub(crate) struct CpuUse {
    /// Used by instances that ended (their cgroups are gone).
    pub ended_usec: u64,
    /// The live instance's cgroup.
    pub live: Option<cgroup::Cgroup>,
}

impl CpuUse {
    /// Everything its instances used so far, in microseconds.
    pub fn usec(&self) -> u64 {
        self.ended_usec + self.live.as_ref().and_then(|c| c.cpu_usec()).unwrap_or(0)
    }
}

/// A run this daemon supervises; forgotten once the run has ended (its
/// record then answers for it).
#[derive(Debug)]
pub(crate) struct RunHandle {
    pub id: String,
    pub pipeline: Pipeline,
    pub start_order: Vec<String>,
    pub log_dir: PathBuf,
    pub slots: Mutex<Vec<Slot>>,
    pub events: mpsc::UnboundedSender<RunEvent>,
    /// Component changes, for watchers.
    pub updates: broadcast::Sender<view::InstanceStatus>,
    /// Component log lines as they are written, for followers.
    pub lines: broadcast::Sender<crate::logs::LogLine>,
    /// Becomes true when the run task has finished and no process is left.
    pub done: watch_channel::Sender<bool>,
    /// Moves events between the run's components along `inputs`.
    pub relay: crate::relay::Relay,
    /// Its components are started by something else (`--no-spawn`): any
    /// admitted caller may register under their ids (`claim`).
    pub no_spawn: bool,
}

impl RunHandle {
    pub fn slots(&self) -> std::sync::MutexGuard<'_, Vec<Slot>> {
        self.slots
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Changes one slot and tells watchers.
    pub fn update(&self, component: &str, change: impl FnOnce(&mut Slot)) {
        let status = {
            let mut slots = self.slots();
            let Some(slot) = slots.iter_mut().find(|s| s.id == component) else {
                return;
            };
            change(slot);
            slot.clone()
        };
        let _ = self.updates.send(instance_status(&self.id, &status, None));
    }
}
