//! Tying a control-plane registration to the supervised component that
//! made it, and refusing anyone else who speaks in a supervised
//! component's name.
//!
//! The caller of a TCP request is known by its connection ([`PeerInfo`]):
//! its uid (checked by [`crate::peer::Admission`] before any handler) and
//! the inode of its end of the connection, which names the process holding
//! it and so that process's group, or the group of an ancestor (a child
//! that left the group with `setsid` is still in the tree): the instance of
//! a component. The rule:
//!
//! - a registration from a component's own process tree belongs to that
//!   component, whatever id it uses (SDKs generate ids);
//! - a registration under an id that a supervised component uses (its id
//!   in the pipeline, or the id its live registration has) from anywhere
//!   else is refused with PERMISSION_DENIED, never a takeover: otherwise the
//!   relay would feed the run's data to the caller's endpoint. PERMISSION_DENIED
//!   rather than ALREADY_EXISTS: the id is not taken for good (the
//!   component itself may register again under it), the caller is simply
//!   not the one who may use it;
//! - heartbeats and unregistering a supervised component's registration are
//!   refused the same way, so no other process keeps a hung component
//!   looking healthy or removes its registration;
//! - a request that did not come over TCP (in-process tests) is matched by
//!   id, as there is no connection to tell;
//! - a run whose components something else starts (`--no-spawn`) has no
//!   process to trace: a registration under one of its component ids, from
//!   any caller the control plane admitted (`peer::Admission`: a client
//!   certificate, the token, or the daemon's user), is that component.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use flowctl_core::ComponentState;

use super::{RunEvent, RunHandle, Slot, Supervisor};
use crate::error::{Error, Result};
use crate::peer::PeerInfo;
use crate::procfs;
use crate::registry::Owner;

/// Which process group holds each connection already looked up: a
/// component heartbeats over the connection it registered on, so `/proc`
/// is scanned once per connection, not once per heartbeat.
#[derive(Debug, Default)]
pub(crate) struct Holders {
    by_inode: Mutex<HashMap<u64, Option<u32>>>,
}

/// Connections remembered before the table is emptied (inodes of closed
/// connections are never asked about again).
const HOLDERS_KEPT: usize = 4096;

/// Who a control-plane caller is among the supervised components.
enum Caller {
    /// The current instance of `component` of the run `handle`.
    Component {
        handle: Arc<RunHandle>,
        component: String,
    },
    /// A process that is no supervised component's current instance.
    Outside,
    /// The connection could not be traced to a process.
    Untraced,
    /// Not a TCP request: nothing to tell.
    InProcess,
}

fn live(slot: &Slot) -> bool {
    matches!(
        slot.state,
        ComponentState::Starting | ComponentState::Running
    )
}

impl Supervisor {
    /// Ties a registration to the supervised component that made it, and
    /// tells that component's run it is ready; `None` for a component this
    /// daemon does not supervise. Refuses (PERMISSION_DENIED) a caller from
    /// outside a component's process tree that uses that component's id.
    pub fn claim(
        &self,
        service_id: &str,
        peer: Option<&PeerInfo>,
        endpoint: &str,
    ) -> Result<Option<Owner>> {
        let handles = self.live_handles();
        if let Some(handle) = started_elsewhere(service_id, &handles) {
            return Ok(Some(announce(&handle, service_id, service_id, endpoint)));
        }
        let mut caller = self.caller(peer, &handles, false);
        if matches!(caller, Caller::Outside) && self.protected(service_id, &handles).is_some() {
            // Before refusing: a child that left the component's group.
            caller = self.caller(peer, &handles, true);
        }
        let found = match caller {
            Caller::Component { handle, component } => {
                if component != service_id && self.protected(service_id, &handles).is_some() {
                    return Err(refused(service_id, self.protected(service_id, &handles)));
                }
                Some((handle, component))
            }
            Caller::Outside | Caller::Untraced => match self.protected(service_id, &handles) {
                Some(owner) => return Err(refused(service_id, Some(owner))),
                None => None,
            },
            Caller::InProcess => by_id(service_id, &handles),
        };
        let Some((handle, component)) = found else {
            return Ok(None);
        };
        Ok(Some(announce(&handle, &component, service_id, endpoint)))
    }

    /// Lets a heartbeat or an unregistration of `service_id` through only
    /// from the process tree of the supervised component it belongs to (any
    /// caller for a registration no supervised component made).
    pub fn check_speaks_for(&self, service_id: &str, peer: Option<&PeerInfo>) -> Result<()> {
        let Some(owner) = self
            .registry
            .get(service_id)
            .ok()
            .and_then(|entry| entry.owner)
        else {
            return Ok(());
        };
        let handles = self.live_handles();
        let Some(run) = handles.iter().find(|h| h.id == owner.run_id) else {
            // Its run has ended: the registration is being removed with it.
            return Ok(());
        };
        if run.no_spawn {
            // No process to trace: admission decided (see the module doc).
            return Ok(());
        }
        match self.caller(peer, &handles, true) {
            Caller::InProcess => Ok(()),
            Caller::Component { handle, component }
                if handle.id == owner.run_id && component == owner.component =>
            {
                Ok(())
            }
            _ => Err(refused(service_id, Some(owner))),
        }
    }

    /// The runs still going.
    fn live_handles(&self) -> Vec<Arc<RunHandle>> {
        self.lock()
            .values()
            .filter(|h| !*h.done.borrow())
            .cloned()
            .collect()
    }

    /// The component whose process tree holds the caller's connection.
    fn caller(&self, peer: Option<&PeerInfo>, handles: &[Arc<RunHandle>], deep: bool) -> Caller {
        let Some(peer) = peer else {
            return Caller::InProcess;
        };
        let Some(inode) = peer
            .inode
            .or_else(|| peer.remote.and_then(procfs::socket_inode))
        else {
            return Caller::Untraced;
        };
        let groups: Vec<u32> = handles
            .iter()
            .flat_map(|h| {
                h.slots()
                    .iter()
                    .filter(|s| live(s))
                    .filter_map(|s| s.pid)
                    .collect::<Vec<_>>()
            })
            .collect();
        let Some(pgid) = self.holders.holder(inode, &groups, deep) else {
            return Caller::Outside;
        };
        handles
            .iter()
            .find_map(|h| {
                let slots = h.slots();
                let slot = slots.iter().find(|s| s.pid == Some(pgid) && live(s))?;
                Some(Caller::Component {
                    handle: h.clone(),
                    component: slot.id.clone(),
                })
            })
            .unwrap_or(Caller::Outside)
    }

    /// The supervised component `service_id` stands for, if any: one of that
    /// id in a run still going, or the owner of a live registration so named.
    fn protected(&self, service_id: &str, handles: &[Arc<RunHandle>]) -> Option<Owner> {
        if let Some(owner) = self
            .registry
            .get(service_id)
            .ok()
            .and_then(|entry| entry.owner)
            .filter(|owner| handles.iter().any(|h| h.id == owner.run_id))
        {
            return Some(owner);
        }
        handles.iter().find_map(|h| {
            h.slots().iter().any(|s| s.id == service_id).then(|| Owner {
                run_id: h.id.clone(),
                component: service_id.to_owned(),
            })
        })
    }
}

impl Holders {
    /// The group among `groups` holding the socket `inode`, remembered once
    /// found (a group no longer among `groups` is looked up again); `deep`
    /// also looks for it among the holder's ancestors (a scan of every
    /// process, so only when a refusal depends on it).
    fn holder(&self, inode: u64, groups: &[u32], deep: bool) -> Option<u32> {
        let known = self.lock().get(&inode).copied().flatten();
        if let Some(pgid) = known.filter(|pgid| groups.contains(pgid)) {
            return Some(pgid);
        }
        let found = procfs::group_holding(inode, groups)
            .or_else(|| deep.then(|| procfs::tree_holding(inode, groups)).flatten());
        let mut table = self.lock();
        if table.len() >= HOLDERS_KEPT {
            table.clear();
        }
        if found.is_some() {
            table.insert(inode, found);
        }
        found
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Option<u32>>> {
        self.by_inode
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The run started elsewhere (`--no-spawn`) that has a component `service_id`.
fn started_elsewhere(service_id: &str, handles: &[Arc<RunHandle>]) -> Option<Arc<RunHandle>> {
    handles
        .iter()
        .find(|h| h.no_spawn && h.pipeline.component(service_id).is_some())
        .cloned()
}

/// Tells `component`'s run it registered; the registration's owner.
fn announce(handle: &RunHandle, component: &str, service_id: &str, endpoint: &str) -> Owner {
    let _ = handle.events.send(RunEvent::Registered {
        component: component.to_owned(),
        service_id: service_id.to_owned(),
        endpoint: endpoint.to_owned(),
    });
    Owner {
        run_id: handle.id.clone(),
        component: component.to_owned(),
    }
}

/// Without a connection to trace: prefer a component still waiting to
/// register; among equals, the run id decides, so the same registration
/// always lands in the same run (ids are random: this is no age order).
fn by_id(service_id: &str, handles: &[Arc<RunHandle>]) -> Option<(Arc<RunHandle>, String)> {
    let mut candidates: Vec<(Arc<RunHandle>, ComponentState)> = handles
        .iter()
        .filter_map(|h| {
            let state = h
                .slots()
                .iter()
                .find(|s| s.id == service_id && live(s))?
                .state;
            Some((h.clone(), state))
        })
        .collect();
    candidates.sort_by_key(|(h, state)| (*state != ComponentState::Starting, h.id.clone()));
    candidates
        .into_iter()
        .next()
        .map(|(h, _)| (h, service_id.to_owned()))
}

/// The refusal of a caller speaking in a supervised component's name.
fn refused(service_id: &str, owner: Option<Owner>) -> Error {
    let whose = owner.map_or_else(
        || "a component supervised by flowctld".to_owned(),
        |o| {
            format!(
                "component '{}' of run {}, supervised by flowctld",
                o.component,
                crate::runs::short_id(&o.run_id)
            )
        },
    );
    Error::PermissionDenied(format!(
        "the id '{service_id}' belongs to {whose}: only that component's own processes may \
         register, heartbeat or unregister under it; give this component another id \
         (FLOWCTL_COMPONENT_ID)"
    ))
}
