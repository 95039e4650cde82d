//! `flowctl dashboard`: the full-screen view, of the local daemon or of the
//! control plane the older CLI's flags name.

use std::process::ExitCode;

use anyhow::{Result, bail};

use super::Ctx;
use crate::cli::DashboardArgs;
use crate::dashboard::{self, Source};
use crate::remote::{Plane, WAIT};

pub async fn dashboard(ctx: &Ctx, args: DashboardArgs) -> Result<ExitCode> {
    dashboard::require_terminal()?;
    if let Some(addr) = args.plane.endpoint() {
        let plane = Plane::connect(&addr, WAIT).await?;
        let source = Source::Remote {
            plane: Box::new(plane),
            every: args.refresh_interval,
        };
        return dashboard::show(source, &format!("control plane {addr}")).await;
    }
    let Some(client) = ctx.running().await? else {
        bail!(
            "no flowctl daemon is running (socket {}): start a run with `flowctl run`, or the \
             daemon with `flowctl daemon start`, then open the dashboard again",
            ctx.socket.display()
        );
    };
    let title = format!("local daemon ({})", ctx.socket.display());
    dashboard::show(Source::Local(client), &title).await
}
