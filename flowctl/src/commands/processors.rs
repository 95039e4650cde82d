//! `flowctl processors list|find|show`: processors of the live registry, as
//! the control plane's `flowctl.v1` answers for them (`ListComponents`,
//! `DiscoverComponents`, `GetComponentStatus`). Without `-e/--endpoint` the
//! plane is the local daemon's own.

use std::collections::HashSet;
use std::process::ExitCode;

use anyhow::Result;
use flowctl_proto::daemon::v1::GetInfoRequest;
use flowctl_proto::v1::{
    ComponentInfo, ComponentStatusRequest, ComponentStatusResponse, ComponentType,
    DiscoveryRequest, ListComponentsRequest,
};

use super::Ctx;
use crate::cli::{ProcessorsCommand, ProcessorsScope};
use crate::output::{self, Table};
use crate::remote::view::{self, ago, ms};
use crate::remote::{Plane, WAIT};

/// What `find` keeps: every filter given must match.
#[derive(Debug, Default)]
pub struct Filters {
    pub input: Option<String>,
    pub output: Option<String>,
    pub metadata: Vec<(String, String)>,
}

impl Filters {
    /// Whether `info` matches every filter.
    pub fn matches(&self, info: &ComponentInfo) -> bool {
        self.input
            .as_ref()
            .is_none_or(|t| info.input_event_types.contains(t))
            && self
                .output
                .as_ref()
                .is_none_or(|t| info.output_event_types.contains(t))
            && self
                .metadata
                .iter()
                .all(|(k, v)| info.metadata.get(k) == Some(v))
    }
}

pub async fn processors(ctx: &Ctx, command: ProcessorsCommand) -> Result<ExitCode> {
    let (scope, filters, show) = match command {
        ProcessorsCommand::List { scope } => (scope, None, None),
        ProcessorsCommand::Find {
            scope,
            input,
            output_type: output,
            metadata,
        } => (
            scope,
            Some(Filters {
                input,
                output,
                metadata,
            }),
            None,
        ),
        ProcessorsCommand::Show { scope, id } => (scope, None, Some(id)),
    };
    let Some(plane) = plane(ctx, &scope).await? else {
        return Ok(ctx.nothing_running(serde_json::json!([])));
    };
    if let Some(id) = show {
        return show_one(ctx, &plane, id).await;
    }
    let mut found = listed(&plane, scope.include_unhealthy).await?;
    if let Some(filters) = filters {
        found = discovered(&plane, &filters, found).await?;
    }
    print_list(ctx, &found);
    Ok(ExitCode::SUCCESS)
}

/// The plane `-e` names, else the local daemon's (None: no daemon runs).
async fn plane(ctx: &Ctx, scope: &ProcessorsScope) -> Result<Option<Plane>> {
    if let Some(addr) = &scope.endpoint {
        return Ok(Some(Plane::connect(addr, WAIT).await?));
    }
    let Some(mut client) = ctx.running().await? else {
        return Ok(None);
    };
    let info = client.get_info(GetInfoRequest {}).await?.into_inner();
    Ok(Some(
        Plane::connect(&info.control_plane_endpoint, WAIT).await?,
    ))
}

/// `ListComponents` of type PROCESSOR, by id.
async fn listed(plane: &Plane, include_unhealthy: bool) -> Result<Vec<ComponentStatusResponse>> {
    let request = ListComponentsRequest {
        type_filter: ComponentType::Processor as i32,
        include_unhealthy,
    };
    let mut all = plane
        .call(plane.v1.clone().list_components(request))
        .await?
        .components;
    all.sort_by(|a, b| id_of(a).cmp(id_of(b)));
    Ok(all)
}

/// What `DiscoverComponents` answers for the filters, ANDed on this side
/// (the plane ORs event types), shown with the health `listed` gave.
async fn discovered(
    plane: &Plane,
    filters: &Filters,
    listed: Vec<ComponentStatusResponse>,
) -> Result<Vec<ComponentStatusResponse>> {
    let request = DiscoveryRequest {
        r#type: ComponentType::Processor as i32,
        event_types: filters
            .input
            .iter()
            .chain(filters.output.iter())
            .cloned()
            .collect(),
        metadata_filters: filters.metadata.iter().cloned().collect(),
    };
    let found = plane
        .call(plane.v1.clone().discover_components(request))
        .await?
        .components;
    let ids: HashSet<String> = found
        .iter()
        .filter(|info| filters.matches(info))
        .map(|info| info.id.clone())
        .collect();
    Ok(listed
        .into_iter()
        .filter(|c| ids.contains(id_of(c)))
        .collect())
}

fn id_of(c: &ComponentStatusResponse) -> &str {
    c.component.as_ref().map(|i| i.id.as_str()).unwrap_or("")
}

fn print_list(ctx: &Ctx, found: &[ComponentStatusResponse]) {
    if ctx.json() {
        output::print_json(&found.iter().map(view::registration_json).collect());
        return;
    }
    if found.is_empty() {
        println!("No processors found.");
        return;
    }
    let mut header = vec!["ID", "NAME", "HEALTH", "INPUT TYPES", "OUTPUT TYPES"];
    if ctx.wide() {
        header.extend(["ENDPOINT", "VERSION", "METADATA", "LAST HEARTBEAT"]);
    }
    let mut table = Table::new(header);
    for c in found {
        let info = c.component.clone().unwrap_or_default();
        let mut row = vec![
            info.id.clone(),
            dash(&info.name),
            view::health_name(c.status()).to_owned(),
            view::list_text(&info.input_event_types),
            view::list_text(&info.output_event_types),
        ];
        if ctx.wide() {
            row.extend([
                dash(&info.endpoint),
                dash(&info.version),
                view::map_text(&info.metadata),
                ago(ms(&c.last_heartbeat)),
            ]);
        }
        table.row(row);
    }
    table.print();
}

fn dash(text: &str) -> String {
    if text.is_empty() {
        "-".into()
    } else {
        text.to_owned()
    }
}

/// `processors show ID`: `GetComponentStatus`, one fact per line.
async fn show_one(ctx: &Ctx, plane: &Plane, id: String) -> Result<ExitCode> {
    let status = plane
        .call(
            plane
                .v1
                .clone()
                .get_component_status(ComponentStatusRequest { service_id: id }),
        )
        .await?;
    if ctx.json() {
        output::print_json(&view::registration_json(&status));
        return Ok(ExitCode::SUCCESS);
    }
    let info = status.component.clone().unwrap_or_default();
    println!("ID:             {}", info.id);
    println!("Name:           {}", dash(&info.name));
    println!("Type:           {}", view::type_name(info.r#type()));
    println!("Version:        {}", dash(&info.version));
    println!("Description:    {}", dash(&info.description));
    println!("Health:         {}", view::health_name(status.status()));
    println!("Endpoint:       {}", dash(&info.endpoint));
    println!(
        "Input types:    {}",
        view::list_text(&info.input_event_types)
    );
    println!(
        "Output types:   {}",
        view::list_text(&info.output_event_types)
    );
    println!("Metadata:       {}", view::map_text(&info.metadata));
    println!("Last heartbeat: {}", ago(ms(&status.last_heartbeat)));
    println!(
        "Registered at:  {}",
        output::datetime_ms(ms(&status.registered_at))
    );
    println!("Metrics:        {}", view::map_text(&status.metrics));
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_filter_must_match() {
        let info = ComponentInfo {
            input_event_types: vec!["ledger".into()],
            output_event_types: vec!["contract_event".into()],
            metadata: [("network".to_owned(), "testnet".to_owned())].into(),
            ..Default::default()
        };
        let filters = |input: Option<&str>, output: Option<&str>, meta: &[(&str, &str)]| Filters {
            input: input.map(str::to_owned),
            output: output.map(str::to_owned),
            metadata: meta
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        };
        assert!(filters(None, None, &[]).matches(&info));
        assert!(
            filters(
                Some("ledger"),
                Some("contract_event"),
                &[("network", "testnet")]
            )
            .matches(&info)
        );
        // The plane ORs event types; `find` wants both.
        assert!(!filters(Some("ledger"), Some("ledger"), &[]).matches(&info));
        assert!(!filters(None, None, &[("network", "mainnet")]).matches(&info));
    }
}
