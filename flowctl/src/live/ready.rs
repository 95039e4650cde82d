//! `flowctl run --wait`: after submitting, wait until every component of
//! the run is ready (as `docker compose up --wait` and `helm --wait` do),
//! driven by the run's `Watch` stream: a snapshot first, then each change,
//! so the answer comes the moment the daemon records it, with no polling.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, bail};
use flowctl_proto::daemon::v1::{
    ComponentState, ComponentStatus, RunStatus, RunSummary, WatchRequest, watch_event::Event,
};

use super::Signals;
use crate::connect::Client;

/// How waiting for a run's readiness ended.
#[derive(Debug)]
pub enum Waited {
    /// Every component is ready (or the run already completed).
    Ready(RunSummary),
    /// The run ended before that (failed or stopped), or runs with these
    /// components failed (a run goes on with what did start).
    Failed(RunSummary, Vec<ComponentStatus>),
    /// `--wait-timeout` passed; these components were not ready yet.
    TimedOut(RunSummary, Vec<ComponentStatus>),
    /// A signal came first, with the exit code a shell gives for it.
    Interrupted(ExitCode),
}

/// Waits for run `run` to have every component ready, for at most
/// `timeout`. The run is left as it is whatever happens: waiting watches,
/// it never stops the run.
pub async fn until_ready(
    client: &mut Client,
    run: &str,
    timeout: Option<Duration>,
    signals: &mut Signals,
) -> Result<Waited> {
    let deadline = timeout.map(|t| tokio::time::Instant::now() + t);
    let wait = async {
        let mut events = client
            .watch(WatchRequest {
                run_id: run.to_owned(),
                stop_on_disconnect: false,
                logs: false,
            })
            .await?
            .into_inner();
        let mut seen = Seen::default();
        loop {
            let event = tokio::select! {
                event = events.message() => event,
                () = sleep_until(deadline) => return Ok(seen.timed_out()),
            };
            match event {
                Ok(Some(event)) => match seen.apply(event.event) {
                    Some(Step::Done(waited)) => return Ok(waited),
                    Some(Step::Look) => return look(&mut client.clone(), seen.run).await,
                    None => {}
                },
                Ok(None) => bail!("flowctld ended the watch of run {run} before it was ready"),
                Err(status) => bail!("lost the connection to flowctld: {}", status.message()),
            }
        }
    };
    tokio::select! {
        waited = wait => waited,
        code = signals.next() => Ok(Waited::Interrupted(code)),
    }
}

/// The run is RUNNING with fewer components ready than it has: each of
/// the others finished or failed. Which, the run's detail tells.
async fn look(client: &mut Client, run: RunSummary) -> Result<Waited> {
    let detail = client
        .get_run(flowctl_proto::daemon::v1::RunRef {
            run_id: run.run_id.clone(),
        })
        .await?
        .into_inner();
    let failed: Vec<ComponentStatus> = detail
        .components
        .into_iter()
        .filter(|c| c.state() == ComponentState::Failed)
        .collect();
    Ok(match failed.is_empty() {
        true => Waited::Ready(detail.run.unwrap_or(run)),
        false => Waited::Failed(detail.run.unwrap_or(run), failed),
    })
}

/// What one event of the stream means for the wait.
#[derive(Debug)]
enum Step {
    Done(Waited),
    /// Running, but not every component is: see why.
    Look,
}

/// What the stream has shown so far.
#[derive(Debug, Default)]
struct Seen {
    run: RunSummary,
    components: BTreeMap<String, ComponentStatus>,
}

impl Seen {
    /// Applies one event; the outcome once there is one.
    fn apply(&mut self, event: Option<Event>) -> Option<Step> {
        match event {
            Some(Event::Component(c)) => {
                self.components.insert(c.id.clone(), c);
                None
            }
            Some(Event::Run(summary)) => {
                self.run = summary;
                self.outcome()
            }
            Some(Event::Log(_) | Event::Edges(_)) | None => None,
        }
    }

    fn outcome(&self) -> Option<Step> {
        let run = &self.run;
        let done = |waited| Some(Step::Done(waited));
        match run.status() {
            RunStatus::Completed => done(Waited::Ready(run.clone())),
            // The daemon says RUNNING once every component is ready, or
            // every one not ready has failed.
            RunStatus::Running if run.components_ready >= run.components_total => {
                done(Waited::Ready(run.clone()))
            }
            RunStatus::Running => Some(Step::Look),
            RunStatus::Failed | RunStatus::Stopped => {
                let failed = self
                    .components
                    .values()
                    .filter(|c| c.state() == ComponentState::Failed)
                    .cloned()
                    .collect();
                done(Waited::Failed(run.clone(), failed))
            }
            _ => None,
        }
    }

    fn timed_out(self) -> Waited {
        let waiting = self
            .components
            .into_values()
            .filter(|c| !matches!(c.state(), ComponentState::Running | ComponentState::Exited))
            .collect();
        Waited::TimedOut(self.run, waiting)
    }
}

/// Sleeps until `deadline`, or forever without one.
async fn sleep_until(deadline: Option<tokio::time::Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(status: RunStatus, ready: u32, total: u32) -> RunSummary {
        RunSummary {
            run_id: "r".into(),
            status: status as i32,
            components_ready: ready,
            components_total: total,
            ..RunSummary::default()
        }
    }

    fn component(id: &str, state: ComponentState) -> ComponentStatus {
        ComponentStatus {
            id: id.into(),
            state: state as i32,
            ..ComponentStatus::default()
        }
    }

    #[test]
    fn ready_once_every_component_is_and_not_before() {
        let mut seen = Seen::default();
        let run = |s, r| Some(Event::Run(summary(s, r, 2)));
        assert!(seen.apply(run(RunStatus::Starting, 1)).is_none());
        assert!(matches!(
            seen.apply(run(RunStatus::Running, 2)),
            Some(Step::Done(Waited::Ready(_)))
        ));
        // Running with one not ready: it finished or failed, to be looked up.
        assert!(matches!(
            Seen::default().apply(run(RunStatus::Running, 1)),
            Some(Step::Look)
        ));
        // A run that already finished everything counts as ready.
        assert!(matches!(
            Seen::default().apply(run(RunStatus::Completed, 0)),
            Some(Step::Done(Waited::Ready(_)))
        ));
    }

    #[test]
    fn an_ended_run_names_its_failed_components_and_a_timeout_the_waiting_ones() {
        let mut seen = Seen::default();
        seen.apply(Some(Event::Component(component(
            "a",
            ComponentState::Failed,
        ))));
        seen.apply(Some(Event::Component(component(
            "b",
            ComponentState::Running,
        ))));
        let Some(Step::Done(Waited::Failed(_, failed))) =
            seen.apply(Some(Event::Run(summary(RunStatus::Failed, 1, 2))))
        else {
            panic!("a failed run ends the wait");
        };
        assert_eq!(
            failed.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["a"]
        );

        let mut seen = Seen::default();
        seen.apply(Some(Event::Component(component(
            "a",
            ComponentState::Starting,
        ))));
        seen.apply(Some(Event::Component(component(
            "b",
            ComponentState::Running,
        ))));
        let Waited::TimedOut(_, waiting) = seen.timed_out() else {
            unreachable!()
        };
        assert_eq!(
            waiting.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["a"]
        );
    }
}
