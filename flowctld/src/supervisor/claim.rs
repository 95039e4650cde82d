//! Tying a control-plane registration to the supervised component that
//! made it.

use std::net::SocketAddr;
use std::sync::Arc;

use flowctl_core::ComponentState;

use super::{RunEvent, RunHandle, Slot, Supervisor, procfs};
use crate::registry::Owner;

impl Supervisor {
    /// Ties a registration to the supervised component that made it, and
    /// tells that component's run it is ready.
    ///
    /// The connection it registered over names the process (on Linux), which
    /// also finds SDK components that registered under a generated id; when
    /// that cannot tell, the id is matched against waiting components.
    pub fn claim(
        &self,
        service_id: &str,
        peer: Option<SocketAddr>,
        endpoint: &str,
    ) -> Option<Owner> {
        let handles: Vec<Arc<RunHandle>> = self
            .lock()
            .values()
            .filter(|h| !*h.done.borrow())
            .cloned()
            .collect();
        let live = |slot: &Slot| {
            matches!(
                slot.state,
                ComponentState::Starting | ComponentState::Running
            )
        };
        let by_peer = peer.and_then(|peer| {
            let inode = procfs::socket_inode(peer)?;
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
            let pgid = procfs::group_holding(inode, &groups)?;
            handles.iter().find_map(|h| {
                let slots = h.slots();
                let slot = slots.iter().find(|s| s.pid == Some(pgid) && live(s))?;
                Some((h.clone(), slot.id.clone()))
            })
        });
        let found = by_peer.or_else(|| {
            // Prefer a component still waiting to register; among equals,
            // the run id decides, so the same registration always lands in
            // the same run (ids are random: this is no age order).
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
        });
        let (handle, component) = found?;
        let _ = handle.events.send(RunEvent::Registered {
            component: component.clone(),
            service_id: service_id.to_owned(),
            endpoint: endpoint.to_owned(),
        });
        Some(Owner {
            run_id: handle.id.clone(),
            component,
        })
    }
}
