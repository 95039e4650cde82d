//! `flowctl status --watch`: the status table, redrawn whenever the
//! daemon's `Watch` stream of a run reports a change, with nothing polled
//! for what those streams carry.
//!
//! With a run, one stream. Without one, a stream per active run; runs that
//! start later are found by re-listing every [`DISCOVER_EVERY`] (no stream
//! announces a new run), which also refreshes the registrations outside
//! any run (those have no stream either). There a run that ends leaves the
//! table; a run watched by name stays shown as it ended. Between changes the table is redrawn each second from
//! what it holds, so uptimes and "ago" columns stay true.
//!
//! With `--interval N` it refreshes as it does for a remote control plane:
//! the table (with what the streams said since) is drawn, and runs looked
//! for, every N seconds, and not at each change.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, bail};
use flowctl_proto::daemon::v1::{
    ComponentStatus, ExternalComponent, ListComponentsRequest, WatchEvent, WatchRequest,
    watch_event::Event,
};
use tokio_stream::{StreamExt, StreamMap};

use super::super::Ctx;
use super::Shown;
use crate::connect::Client;
use crate::display::merge_status;

/// How often runs started since are looked for (without a run argument).
const DISCOVER_EVERY: Duration = Duration::from_secs(2);

/// How often the table is redrawn when nothing changed.
const REDRAW_EVERY: Duration = Duration::from_secs(1);

/// One stream of events per watched run.
type Streams = StreamMap<String, tonic::Streaming<WatchEvent>>;

/// Watches `run`, or every active run, until Ctrl+C.
pub async fn watch(
    ctx: &Ctx,
    mut client: Client,
    run: Option<&str>,
    shown: Shown,
) -> Result<ExitCode> {
    let mut table = Table {
        // One run stays shown as it ended; of all runs, the active ones.
        drop_ended: run.is_none(),
        shown: Some(shown),
        ..Table::default()
    };
    let mut streams = Streams::new();
    match run {
        Some(run) => open(&mut client, &mut streams, run).await?,
        None => {
            discover(&mut client, &mut streams, &mut table).await?;
        }
    }
    if streams.is_empty() && ctx.json() {
        // Nothing to wait for: say so at once.
        table.draw(true);
    }
    let mut redraw = tokio::time::interval(shown.every.unwrap_or(REDRAW_EVERY));
    let mut rediscover = tokio::time::interval(shown.every.unwrap_or(DISCOVER_EVERY));
    rediscover.tick().await;
    loop {
        let changed = tokio::select! {
            Some((run, event)) = streams.next() => match event {
                // With --interval, changes wait for the next refresh.
                Ok(event) => table.apply(&run, event.event) && shown.every.is_none(),
                Err(status) => bail!("lost the connection to flowctld: {}", status.message()),
            },
            // The relative times move on; JSON readers get changes only
            // (every refresh with --interval, as from a control plane).
            _ = redraw.tick() => !ctx.json() || shown.every.is_some(),
            // A daemon slow to list must not hold up Ctrl+C.
            _ = rediscover.tick(), if run.is_none() => tokio::select! {
                changed = discover(&mut client, &mut streams, &mut table) => changed?,
                _ = tokio::signal::ctrl_c() => return Ok(ExitCode::SUCCESS),
            },
            _ = tokio::signal::ctrl_c() => return Ok(ExitCode::SUCCESS),
        };
        if changed {
            table.draw(ctx.json());
        }
    }
}

/// Opens the `Watch` stream of `run` (states only: no log lines).
async fn open(client: &mut Client, streams: &mut Streams, run: &str) -> Result<()> {
    let events = client
        .watch(WatchRequest {
            run_id: run.to_owned(),
            stop_on_disconnect: false,
            logs: false,
        })
        .await?
        .into_inner();
    streams.insert(run.to_owned(), events);
    Ok(())
}

/// Opens a stream for every active run not watched yet, and refreshes the
/// registrations outside any run; true when those changed. The components
/// listed are not shown: the streams' first events give them, in order with
/// what follows.
async fn discover(client: &mut Client, streams: &mut Streams, table: &mut Table) -> Result<bool> {
    let listing = client
        .list_components(ListComponentsRequest::default())
        .await?
        .into_inner();
    let changed = table.external != listing.external;
    table.external = listing.external;
    let mut runs: Vec<String> = listing.components.into_iter().map(|c| c.run_id).collect();
    runs.dedup();
    for run in runs {
        if !streams.contains_key(&run) {
            open(client, streams, &run).await?;
        }
    }
    Ok(changed)
}

/// What the table shows: each watched run's components, as their events
/// last said.
#[derive(Default)]
struct Table {
    /// Whether a run that ends leaves the table.
    drop_ended: bool,
    components: BTreeMap<(String, String), ComponentStatus>,
    external: Vec<ExternalComponent>,
    /// What is kept of it when drawn (`None` in tests: everything).
    shown: Option<Shown>,
}

impl Table {
    /// Applies one event of `run`'s stream; true when what is shown changed.
    fn apply(&mut self, run: &str, event: Option<Event>) -> bool {
        match event {
            Some(Event::Component(update)) => {
                let key = (update.run_id.clone(), update.id.clone());
                let merged = match self.components.remove(&key) {
                    Some(previous) => merge_status(previous, update),
                    None => update,
                };
                self.components.insert(key, merged);
                true
            }
            Some(Event::Run(summary))
                if self.drop_ended
                    && flowctl_core::RunStatus::from(summary.status()).is_terminal() =>
            {
                let before = self.components.len();
                self.components.retain(|(id, _), _| id != run);
                self.components.len() != before
            }
            _ => false,
        }
    }

    fn draw(&self, json: bool) {
        let components: Vec<ComponentStatus> = self.components.values().cloned().collect();
        if !json {
            // Clear the screen and go home, as `watch` does.
            print!("\x1b[2J\x1b[H");
        }
        let shown = self.shown.unwrap_or(Shown {
            include_unhealthy: true,
            every: None,
        });
        super::show(json, shown, components, self.external.clone());
    }
}

#[cfg(test)]
mod tests {
    use flowctl_proto::daemon::v1::{ComponentState, RunStatus, RunSummary};

    use super::*;

    fn status(run: &str, id: &str, state: ComponentState) -> ComponentStatus {
        ComponentStatus {
            run_id: run.into(),
            id: id.into(),
            state: state as i32,
            ..Default::default()
        }
    }

    #[test]
    fn a_state_change_keeps_what_only_snapshots_carry() {
        let mut table = Table::default();
        let snapshot = ComponentStatus {
            health: "HEALTHY".into(),
            last_heartbeat_ms: 42,
            events_in: 7,
            ..status("r1", "src", ComponentState::Running)
        };
        table.apply("r1", Some(Event::Component(snapshot)));
        table.apply(
            "r1",
            Some(Event::Component(status(
                "r1",
                "src",
                ComponentState::Restarting,
            ))),
        );
        let shown = &table.components[&("r1".into(), "src".into())];
        assert_eq!(shown.state(), ComponentState::Restarting);
        assert_eq!(shown.health, "HEALTHY");
        assert_eq!(shown.last_heartbeat_ms, 42);
        assert_eq!(shown.events_in, 7);
    }

    #[test]
    fn an_ended_run_leaves_the_table_of_all_runs() {
        let mut table = Table {
            drop_ended: true,
            ..Table::default()
        };
        table.apply(
            "r1",
            Some(Event::Component(status("r1", "a", ComponentState::Running))),
        );
        table.apply(
            "r2",
            Some(Event::Component(status("r2", "b", ComponentState::Running))),
        );
        table.apply(
            "r1",
            Some(Event::Run(RunSummary {
                run_id: "r1".into(),
                status: RunStatus::Stopped as i32,
                ..Default::default()
            })),
        );
        let left: Vec<&str> = table.components.values().map(|c| c.id.as_str()).collect();
        assert_eq!(left, ["b"]);
    }
}
