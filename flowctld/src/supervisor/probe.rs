//! Probes: an HTTP GET or a command, run periodically beside a component.
//!
//! A readiness probe reports once, when it first passes; a liveness probe
//! reports once, when it has failed `failure_threshold` times in a row.
//! Either way the task then ends; the run task aborts it when the
//! component's instance ends.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::RunEvent;
use flowctl_core::spec::{Probe, ProbeAction};

/// Which question a probe answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeKind {
    /// May dependents start?
    Readiness,
    /// Is it still working (or hung)?
    Liveness,
}

/// Where and how a probe runs.
pub struct ProbeTarget {
    pub component: String,
    /// The instance probed (its process group), so a report that arrives
    /// after it ended is not taken for its successor's.
    pub pgid: u32,
    /// The port an HTTP probe without its own port asks.
    pub health_port: u16,
    pub env: BTreeMap<String, String>,
    pub working_dir: PathBuf,
}

/// Starts a probe task that reports to the run through `events`.
pub fn spawn(
    kind: ProbeKind,
    probe: Probe,
    target: ProbeTarget,
    events: mpsc::UnboundedSender<RunEvent>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        tokio::time::sleep(probe.initial_delay).await;
        let mut tick = tokio::time::interval(probe.period.max(Duration::from_millis(10)));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut failures = 0u32;
        loop {
            tick.tick().await;
            let result = check(&probe, &target).await;
            match (kind, result) {
                (ProbeKind::Readiness, Ok(())) => {
                    let _ = events.send(RunEvent::ProbePassed {
                        component: target.component.clone(),
                        pgid: target.pgid,
                    });
                    return;
                }
                (ProbeKind::Liveness, Ok(())) => failures = 0,
                (_, Err(message)) => {
                    failures += 1;
                    if kind == ProbeKind::Liveness && failures >= probe.failure_threshold {
                        let _ = events.send(RunEvent::LivenessFailed {
                            component: target.component.clone(),
                            pgid: target.pgid,
                            reason: format!(
                                "liveness probe failed {failures} times in a row: {message}"
                            ),
                        });
                        return;
                    }
                }
            }
        }
    })
}

/// Runs a probe once, within its timeout.
async fn check(probe: &Probe, target: &ProbeTarget) -> Result<(), String> {
    let attempt = async {
        match &probe.action {
            ProbeAction::Http { path, port } => {
                http_get(port.unwrap_or(target.health_port), path).await
            }
            ProbeAction::Exec { command } => exec(command, target).await,
        }
    };
    match tokio::time::timeout(probe.timeout, attempt).await {
        Ok(result) => result,
        Err(_) => Err(format!("no answer within {}s", probe.timeout.as_secs_f64())),
    }
}

/// `GET path` on 127.0.0.1:port; a 2xx status passes.
async fn http_get(port: u16, path: &str) -> Result<(), String> {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .map_err(|err| format!("GET http://127.0.0.1:{port}{path}: {err}"))?;
    let request =
        format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|err| format!("GET http://127.0.0.1:{port}{path}: {err}"))?;
    let mut head = [0u8; 64];
    let n = stream
        .read(&mut head)
        .await
        .map_err(|err| format!("GET http://127.0.0.1:{port}{path}: {err}"))?;
    let line = String::from_utf8_lossy(&head[..n]);
    let status = line.split_whitespace().nth(1).unwrap_or("");
    if status.starts_with('2') && status.len() == 3 {
        Ok(())
    } else {
        Err(format!(
            "GET http://127.0.0.1:{port}{path} answered {}",
            line.lines().next().unwrap_or("nothing")
        ))
    }
}

/// Runs the probe command; exit status 0 passes.
async fn exec(command: &[String], target: &ProbeTarget) -> Result<(), String> {
    let (program, args) = command.split_first().ok_or("empty probe command")?;
    let status = tokio::process::Command::new(program)
        .args(args)
        .env_clear()
        .envs(&target.env)
        .current_dir(&target.working_dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .status()
        .await
        .map_err(|err| format!("cannot run probe {program}: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "probe {program} ended with {}",
            super::process::describe_exit(status)
        ))
    }
}
