//! The environment and working directory a component starts with.
//!
//! Layers, later ones winning: the caller's shell environment, the
//! pipeline's `env`, the component's `config` (named by its metadata.json,
//! else upper-cased: `Component::config_env`), the component's
//! `env`, then the variables of the control-plane contract. `HEALTH_PORT`,
//! `COMPONENT_ID` and `SERVICE_ID` are set only where the pipeline did not.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use flowctl_core::spec::{Component, Pipeline};

/// What the orchestration adds for one component.
pub struct Injected<'a> {
    pub run_id: &'a str,
    pub control_plane: &'a str,
    pub heartbeat_interval: Duration,
    /// A free port reserved for this component's health endpoint.
    pub health_port: u16,
    /// This daemon's instance name (see `groups`).
    pub daemon_instance: &'a str,
}

/// The full environment of `component`.
pub fn component_env(
    caller: &BTreeMap<String, String>,
    pipeline: &Pipeline,
    component: &Component,
    injected: &Injected<'_>,
) -> BTreeMap<String, String> {
    let mut env = caller.clone();
    env.extend(pipeline.env.clone());
    env.extend(component.config_env());
    env.extend(component.env.clone());
    let own = |key: &str| pipeline.env.contains_key(key) || component.env.contains_key(key);
    if !own("HEALTH_PORT") {
        let port = component
            .health_port
            .unwrap_or(injected.health_port)
            .to_string();
        env.insert("HEALTH_PORT".into(), port);
    }
    for key in ["COMPONENT_ID", "SERVICE_ID"] {
        if !own(key) {
            env.insert(key.into(), component.id.clone());
        }
    }
    let interval = injected.heartbeat_interval;
    let interval = if interval.subsec_millis() == 0 {
        format!("{}s", interval.as_secs())
    } else {
        format!("{}ms", interval.as_millis())
    };
    env.extend([
        ("ENABLE_FLOWCTL".into(), "true".into()),
        ("FLOWCTL_ENDPOINT".into(), injected.control_plane.to_owned()),
        ("FLOWCTL_SERVICE_ID".into(), component.id.clone()),
        ("FLOWCTL_COMPONENT_ID".into(), component.id.clone()),
        ("FLOWCTL_HEARTBEAT_INTERVAL".into(), interval),
        ("FLOWCTL_RUN_ID".into(), injected.run_id.to_owned()),
        (
            super::groups::INSTANCE_ENV.into(),
            injected.daemon_instance.to_owned(),
        ),
    ]);
    env
}

/// The component's directory: its `working_dir` relative to the caller's.
pub fn working_dir(caller_dir: &Path, component: &Component) -> PathBuf {
    match &component.working_dir {
        Some(dir) => caller_dir.join(dir),
        None => caller_dir.to_path_buf(),
    }
}

/// Reserves `count` distinct free loopback ports. The listeners are held
/// until all are chosen, so no two components get the same one.
pub fn free_ports(count: usize) -> std::io::Result<Vec<u16>> {
    let listeners: Vec<std::net::TcpListener> = (0..count)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0"))
        .collect::<std::io::Result<_>>()?;
    listeners
        .iter()
        .map(|l| l.local_addr().map(|a| a.port()))
        .collect()
}

/// Heartbeat interval to ask of components: a third of the TTL, so two
/// heartbeats can be lost before a component is declared unhealthy.
pub fn heartbeat_interval(ttl: Duration) -> Duration {
    (ttl / 3).max(Duration::from_millis(100))
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowctl_core::spec::metadata::Metadata;

    /// COMPAT.md 6: config (named by metadata) < the component's `env` <
    /// the control-plane variables.
    #[test]
    fn component_env_wins_over_config_and_the_control_plane_over_both() {
        let text = "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: t\nspec:\n  \
                    env:\n    FROM_PIPELINE: p\n    NETWORK: pipeline\n  sources:\n    - id: src\n      \
                    command: [x]\n      env:\n        RPC: from-env\n      config:\n        \
                    network: from-config\n        rpc: from-config\n        endpoint: mine\n";
        let pipeline = flowctl_core::spec::parse("p.yaml", text.as_bytes())
            .unwrap()
            .pipeline;
        let metadata = Metadata::parse(
            r#"{"env_mapping": {"rpc": "RPC", "endpoint": "FLOWCTL_ENDPOINT"},
                "config_schema": {"network": {"env": "NETWORK"}}}"#,
        )
        .unwrap();
        let component = pipeline.components[0].clone().with_metadata(metadata);
        let injected = Injected {
            run_id: "r1",
            control_plane: "127.0.0.1:1",
            heartbeat_interval: Duration::from_secs(1),
            health_port: 9,
            daemon_instance: "d",
        };
        let caller = BTreeMap::from([("NETWORK".to_owned(), "caller".to_owned())]);
        let env = component_env(&caller, &pipeline, &component, &injected);
        assert_eq!(env["FROM_PIPELINE"], "p");
        assert_eq!(env["NETWORK"], "from-config");
        assert_eq!(env["RPC"], "from-env");
        assert_eq!(env["FLOWCTL_ENDPOINT"], "127.0.0.1:1");
        assert!(!env.contains_key("ENDPOINT"));
    }
}
