//! `flowctl version`: this client's version and the running daemon's.

use std::process::ExitCode;

use anyhow::Result;
use flowctl_proto::daemon::v1::GetInfoRequest;

use super::Ctx;

pub async fn version(ctx: &Ctx) -> Result<ExitCode> {
    let daemon = match ctx.running().await? {
        Some(mut client) => Some(client.get_info(GetInfoRequest {}).await?.into_inner()),
        None => None,
    };
    if ctx.json() {
        crate::output::print_json(&serde_json::json!({
            "client": flowctl_proto::VERSION,
            "daemon": daemon.as_ref().map(|d| d.version.clone()),
        }));
        return Ok(ExitCode::SUCCESS);
    }
    println!("flowctl {}", flowctl_proto::VERSION);
    match daemon {
        Some(info) => {
            println!("flowctld {} (pid {})", info.version, info.pid);
            if info.version != flowctl_proto::VERSION {
                println!("the daemon is another version: run `flowctl daemon restart`");
            }
        }
        None => println!("flowctld not running"),
    }
    Ok(ExitCode::SUCCESS)
}
