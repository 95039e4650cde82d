//! `flowctl version`: this client's version and build facts (from
//! `build.rs`), and the running daemon's version and build facts (its
//! `GetInfo`; an older daemon without them shows "unknown").

use std::process::ExitCode;

use anyhow::Result;
use flowctl_proto::daemon::v1::GetInfoRequest;

use super::Ctx;

/// Build facts of this binary, as `build.rs` found them.
const COMMIT: &str = env!("FLOWCTL_BUILD_COMMIT");
const BUILD_DATE: &str = env!("FLOWCTL_BUILD_DATE");
const TARGET: &str = env!("FLOWCTL_BUILD_TARGET");
const RUSTC: &str = env!("FLOWCTL_BUILD_RUSTC");

pub async fn version(ctx: &Ctx) -> Result<ExitCode> {
    let daemon = match ctx.running().await? {
        Some(mut client) => Some(client.get_info(GetInfoRequest {}).await?.into_inner()),
        None => None,
    };
    if ctx.json() {
        crate::output::print_json(&serde_json::json!({
            "client": {
                "version": flowctl_proto::VERSION, "commit": COMMIT, "build_date": BUILD_DATE,
                "target": TARGET, "rust": RUSTC,
            },
            "daemon": daemon.as_ref().map(|d| {
                let build = d.build.clone().unwrap_or_default();
                serde_json::json!({
                    "version": d.version, "pid": d.pid, "socket": d.socket_path,
                    "control_plane": d.control_plane_endpoint,
                    "commit": known(&build.commit), "build_date": known(&build.date),
                    "target": known(&build.target), "rust": known(&build.rust),
                })
            }),
        }));
        return Ok(ExitCode::SUCCESS);
    }
    println!("flowctl {}", flowctl_proto::VERSION);
    println!("  commit:     {COMMIT}");
    println!("  built:      {BUILD_DATE}");
    println!("  target:     {TARGET}");
    println!("  rust:       {RUSTC}");
    match daemon {
        Some(info) => {
            println!("flowctld {} (pid {})", info.version, info.pid);
            let build = info.build.clone().unwrap_or_default();
            println!("  commit:     {}", known(&build.commit));
            println!("  built:      {}", known(&build.date));
            println!("  target:     {}", known(&build.target));
            println!("  rust:       {}", known(&build.rust));
            if info.version != flowctl_proto::VERSION {
                println!("the daemon is another version: run `flowctl daemon restart`");
            }
        }
        None => println!("flowctld not running"),
    }
    Ok(ExitCode::SUCCESS)
}

/// A build fact, or "unknown" from a daemon that did not send it.
fn known(fact: &str) -> &str {
    if fact.is_empty() { "unknown" } else { fact }
}
