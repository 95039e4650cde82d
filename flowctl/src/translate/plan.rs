//! The pipeline as a neutral plan: one service per component and the
//! control plane, with what every engine needs to know (names, images,
//! ports, environment). The formats turn a plan into their own files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use flowctl_core::env;
use flowctl_core::spec::{Component, Pipeline, Probe, ProbeAction};

use super::access::Access;
use super::images::{self, Image};
use super::warnings::Warnings;
use super::{Format, Options};

/// The control plane's port unless `--control-plane-port` says otherwise.
pub const DEFAULT_PLANE_PORT: u16 = 8080;
/// The data-plane port of a component whose `PORT` names none (or 0).
pub const DEFAULT_DATA_PORT: u16 = 50051;
/// The health port given to a component whose HTTP probe names none.
pub const DEFAULT_HEALTH_PORT: u16 = 8081;
/// How often components heartbeat: the daemon's own default.
pub const HEARTBEAT_INTERVAL: &str = "10s";
/// Where the pipeline file is placed in the control plane's container.
pub const PIPELINE_DIR: &str = "/etc/flowctl";
/// Where the control plane's state volume is mounted in a container.
pub const STATE_VOLUME_DIR: &str = "/var/lib/flowctl";
/// The control plane's state directory (its database) in a container: a
/// directory flowctld creates inside the volume, since it must be private
/// (0700) and a fresh volume's root is not (0755 under podman and Docker,
/// 0777 or group-writable under Kubernetes).
pub const STATE_DIR: &str = "/var/lib/flowctl/state";
/// The control plane's socket in a container, in a directory flowctld
/// creates (0700) in the container's own filesystem, not on a volume whose
/// mode it does not choose.
pub const SOCKET: &str = "/run/flowctl/flowctld.sock";

/// A pipeline ready to be written in some format.
#[derive(Debug)]
pub struct Plan<'a> {
    pub pipeline: &'a Pipeline,
    /// Put before every generated name.
    pub prefix: String,
    /// `--namespace`, else `metadata.namespace`.
    pub namespace: Option<String>,
    pub plane: Plane,
    /// One per component, in the pipeline's order.
    pub services: Vec<Service<'a>>,
}

/// flowctld in its no-spawn mode: the registry, health, relay and run
/// record of the pipeline, while the engine starts the processes.
#[derive(Debug)]
pub struct Plane {
    /// Its service (or unit, or group) name.
    pub name: String,
    pub port: u16,
    /// The secrets that secure it (`--token-secret`, `--tls-secret`); the
    /// formats add their flags and variables (`Access::plane_args`,
    /// `Access::component_env`) where their files are seen.
    pub access: Access,
}

impl Plane {
    /// flowctld's arguments for the pipeline at `pipeline` listening on
    /// `address`, but for those of `access`. A non-loopback address without
    /// a token gets `--insecure`, and a warning naming the flags that
    /// secure it; a token without TLS off loopback, a warning too.
    pub fn args(&self, pipeline: &str, address: &str, warnings: &mut Warnings) -> Vec<String> {
        let mut args: Vec<String> = [
            "--pipeline",
            pipeline,
            "--no-spawn",
            "--control-plane-address",
            address,
            "--control-plane-port",
        ]
        .map(str::to_owned)
        .into();
        args.push(self.port.to_string());
        let loopback = matches!(address, "127.0.0.1" | "::1" | "localhost");
        if !loopback && !self.access.secured() {
            args.push("--insecure".to_owned());
            warnings.general(format!(
                "the control plane '{}' listens on {address}:{} with --insecure: whoever \
                 reaches that port can register components; to secure it, translate with \
                 --token-secret NAME (a bearer token every component presents) and \
                 --tls-secret NAME (TLS, the plane's certificate and its CA)",
                self.name, self.port
            ));
        } else if !loopback && self.access.tls.is_none() {
            warnings.general(format!(
                "the control plane '{}' on {address}:{} takes the token in plain text: add \
                 --tls-secret NAME for TLS",
                self.name, self.port
            ));
        }
        args
    }
}

/// One component, as every engine runs it.
#[derive(Debug)]
pub struct Service<'a> {
    pub component: &'a Component,
    /// Its generated name (prefix and id, as a DNS label).
    pub name: String,
    pub image: Option<Image>,
    /// The port its data-plane server listens on in a container (from its
    /// `PORT`, else [`DEFAULT_DATA_PORT`]).
    pub data_port: u16,
    /// `HEALTH_PORT`: its `health_port`, or [`DEFAULT_HEALTH_PORT`] when an
    /// HTTP probe needs one.
    pub health_port: Option<u16>,
    /// The pipeline's `env`, then `config`, then its own `env`.
    pub env: BTreeMap<String, String>,
}

impl Service<'_> {
    /// The component's id in the pipeline.
    pub fn id(&self) -> &str {
        &self.component.id
    }

    /// The program and arguments to run in its image: an image named by
    /// reference runs its own entrypoint with the component's `args`.
    pub fn container_command(&self) -> (Vec<String>, Vec<String>) {
        match self.image {
            Some(Image::Reference(_)) => (Vec::new(), self.component.command[1..].to_vec()),
            _ => (self.component.command.clone(), Vec::new()),
        }
    }

    /// Its environment with the control plane's variables over it (as the
    /// daemon sets them for a process it spawns) and `PORT` = `listen`
    /// (`None`: the component's own `PORT` stays).
    pub fn wired_env(&self, endpoint: &str, listen: Option<&str>) -> BTreeMap<String, String> {
        let mut env = self.env.clone();
        for key in [env::PLAIN_COMPONENT_ID, env::PLAIN_SERVICE_ID] {
            env.entry(key.to_owned())
                .or_insert_with(|| self.id().to_owned());
        }
        if let Some(port) = self.health_port {
            env.entry(env::HEALTH_PORT.to_owned())
                .or_insert_with(|| port.to_string());
        }
        if let Some(listen) = listen {
            env.insert("PORT".to_owned(), listen.to_owned());
        }
        for (key, value) in [
            (env::ENABLE_FLOWCTL, "true"),
            (env::ENDPOINT, endpoint),
            (env::SERVICE_ID, self.id()),
            (env::COMPONENT_ID, self.id()),
            (env::HEARTBEAT_INTERVAL, HEARTBEAT_INTERVAL),
        ] {
            env.insert(key.to_owned(), value.to_owned());
        }
        env
    }

    /// The port an HTTP probe calls.
    pub fn probe_port(&self, probe: &Probe) -> Option<u16> {
        match probe.action {
            ProbeAction::Http { port, .. } => port.or(self.health_port),
            ProbeAction::Exec { .. } => None,
        }
    }
}

impl<'a> Plan<'a> {
    /// The plan of `pipeline`; fails on a component without the image the
    /// format needs, an `--image` for no component, or two components whose
    /// names collide once made DNS labels.
    pub fn new(
        pipeline: &'a Pipeline,
        options: &Options,
        warnings: &mut Warnings,
    ) -> Result<Plan<'a>, String> {
        options.access.check()?;
        if let Some(unknown) = options
            .images
            .keys()
            .find(|id| pipeline.component(id).is_none())
        {
            let ids: Vec<&str> = pipeline.components.iter().map(|c| c.id.as_str()).collect();
            return Err(format!(
                "--image {unknown}=...: the pipeline has no component '{unknown}'; its \
                 components are {}",
                ids.join(", ")
            ));
        }
        let prefix = match (&options.prefix, options.format) {
            (Some(prefix), _) => prefix.clone(),
            (None, Format::DockerCompose | Format::Local) => String::new(),
            (None, _) => format!("{}-", pipeline.name),
        };
        let mut services: Vec<Service<'a>> = Vec::new();
        for component in &pipeline.components {
            let service = service(pipeline, component, options, &prefix, warnings)?;
            if let Some(other) = services.iter().find(|s| s.name == service.name) {
                return Err(format!(
                    "components '{}' and '{}' both become the name '{}'; rename one (names \
                     are lower-case letters, digits and '-')",
                    other.id(),
                    service.id(),
                    service.name
                ));
            }
            services.push(service);
        }
        Ok(Plan {
            pipeline,
            namespace: options
                .namespace
                .clone()
                .or_else(|| pipeline.namespace.clone()),
            plane: Plane {
                name: plane_name(&prefix),
                port: options.plane_port,
                access: options.access.clone(),
            },
            prefix,
            services,
        })
    }

    /// The labels every object of the pipeline carries: the pipeline's own,
    /// then ours.
    pub fn labels(&self, component: Option<&str>) -> BTreeMap<String, String> {
        let mut labels = self.pipeline.labels.clone();
        labels.insert(
            "app.kubernetes.io/part-of".into(),
            self.pipeline.name.clone(),
        );
        labels.insert("app.kubernetes.io/managed-by".into(), "flowctl".into());
        labels.insert(
            "app.kubernetes.io/name".into(),
            component.unwrap_or("flowctld").to_owned(),
        );
        labels
    }
}

fn service<'a>(
    pipeline: &Pipeline,
    component: &'a Component,
    options: &Options,
    prefix: &str,
    warnings: &mut Warnings,
) -> Result<Service<'a>, String> {
    let image = images::image_of(
        component,
        options.images.get(&component.id),
        options.registry.as_deref(),
    );
    if image.is_none() && options.format.needs_images() {
        return Err(images::missing(&component.id, options.format.as_str()));
    }
    let name = dns_label(&format!("{prefix}{}", component.id));
    if name != format!("{prefix}{}", component.id) {
        warnings.field(
            &component.id,
            "id",
            format!(
                "is not a DNS label: its objects are named '{name}' (it still registers as '{}')",
                component.id
            ),
        );
    }
    let mut env = pipeline.env.clone();
    env.extend(component.config_env());
    env.extend(component.env.clone());
    let needs_health_port = [&component.readiness_probe, &component.liveness_probe]
        .into_iter()
        .flatten()
        .any(|p| matches!(p.action, ProbeAction::Http { port: None, .. }));
    let health_port = component
        .health_port
        .or(needs_health_port.then_some(DEFAULT_HEALTH_PORT));
    Ok(Service {
        component,
        name,
        image,
        data_port: env
            .get("PORT")
            .and_then(|p| port_of(p))
            .unwrap_or(DEFAULT_DATA_PORT),
        health_port,
        env,
    })
}

/// The program as an absolute path: relative paths from `cwd`, bare names
/// from `PATH` (kept as written, with a warning, when not found).
pub fn absolute_program(program: &str, cwd: &Path, id: &str, warnings: &mut Warnings) -> String {
    let path = Path::new(program);
    if path.is_absolute() {
        return program.to_owned();
    }
    if program.contains('/') {
        let relative = program.strip_prefix("./").unwrap_or(program);
        return cwd.join(relative).to_string_lossy().into_owned();
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|candidate: &PathBuf| candidate.is_file())
    });
    match found {
        Some(path) => path.to_string_lossy().into_owned(),
        None => {
            warnings.field(
                id,
                "command",
                format!(
                    "('{program}') is not on PATH here: the bare name is kept; the \
                     service manager looks for it in its own search path"
                ),
            );
            program.to_owned()
        }
    }
}

/// `start_timeout`: no engine waits for a component to register with the
/// control plane, so a changed one is a warning.
pub fn start_timeout_warning(component: &Component, engine: &str, warnings: &mut Warnings) {
    if component.start_timeout != flowctl_core::spec::DEFAULT_START_TIMEOUT {
        warnings.field(
            &component.id,
            "start_timeout",
            format!("is not mapped: {engine} cannot wait for a component to register"),
        );
    }
}

/// The longest name a StatefulSet can have: its pods carry the label
/// `controller-revision-hash: <name>-<10 characters>`, and a label value
/// holds at most 63 (a longer name makes a StatefulSet whose pods are never
/// created).
const PLANE_NAME_MAX: usize = 52;

/// The control plane's name: `<prefix>flowctld` as a DNS label, short
/// enough for a StatefulSet.
fn plane_name(prefix: &str) -> String {
    let mut name = dns_label(&format!("{prefix}flowctld"));
    name.truncate(PLANE_NAME_MAX);
    name.trim_end_matches('-').to_owned()
}

/// The port of a `PORT` value (`:50051`, `50051`, `host:50051`); `None` for 0.
fn port_of(text: &str) -> Option<u16> {
    let port = text.rsplit(':').next()?.trim();
    port.parse().ok().filter(|p| *p != 0)
}

/// `text` as a DNS label (RFC 1123, what Kubernetes names and Compose
/// hostnames take): lower case, `_` and `.` as `-`, at most 63 characters.
pub fn dns_label(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9' | '-') => c,
            _ => '-',
        })
        .collect();
    let mut label = mapped.trim_matches('-').to_owned();
    label.truncate(63);
    label.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_dns_labels() {
        assert_eq!(dns_label("chain-gen"), "chain-gen");
        assert_eq!(dns_label("My_Source.v2"), "my-source-v2");
        assert_eq!(dns_label(&"x".repeat(70)).len(), 63);
    }

    #[test]
    fn the_plane_name_fits_a_stateful_set() {
        assert_eq!(plane_name("chain-"), "chain-flowctld");
        let long = plane_name(&format!("{}-", "p".repeat(60)));
        assert_eq!(long.len(), PLANE_NAME_MAX);
        assert!(!long.ends_with('-'));
    }

    #[test]
    fn ports_come_from_port_values() {
        assert_eq!(port_of(":50052"), Some(50052));
        assert_eq!(port_of("127.0.0.1:0"), None);
        assert_eq!(port_of("7000"), Some(7000));
        assert_eq!(port_of("nope"), None);
    }
}
