//! The container of one component: its image and command, its environment
//! (the pod IP from the downward API, so it advertises an endpoint the
//! relay can dial; under podman the pod's hostname, which resolves to that
//! IP inside the pod), its probes and resources.

use std::collections::BTreeMap;

use flowctl_core::spec::{Probe as SpecProbe, ProbeAction, StopSignal};
use k8s_openapi::api::core::v1::{
    Container, ContainerPort, EnvVar, EnvVarSource, ExecAction, HTTPGetAction, KeyToPath,
    ObjectFieldSelector, PodSpec, Probe, ResourceRequirements, SecretVolumeSource, Volume,
    VolumeMount,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{Flavour, seconds};
use crate::translate::access::Item;
use crate::translate::plan::{Plan, Service};
use crate::translate::warnings::Warnings;

/// The variable the downward API fills with the pod's IP.
const POD_IP: &str = "POD_IP";
/// Where the control plane's secrets are mounted, one directory each.
const SECRETS_DIR: &str = "/var/run/secrets/flowctl";

/// Where a pod sees `item` of Secret `secret`.
pub fn secret_path(secret: &str, item: Item) -> String {
    format!("{SECRETS_DIR}/{secret}/{}", item.key())
}

/// A read-only volume per Secret among `files`, holding only those keys,
/// and its mount at [`secret_path`]'s directory.
pub fn secret_volumes(files: &[(&str, Item)]) -> (Vec<Volume>, Vec<VolumeMount>) {
    let mut secrets: Vec<&str> = files.iter().map(|(secret, _)| *secret).collect();
    secrets.dedup();
    let mut volumes = Vec::new();
    let mut mounts = Vec::new();
    for secret in secrets {
        let name = crate::translate::plan::dns_label(&format!("secret-{secret}"));
        let items = files
            .iter()
            .filter(|(s, _)| *s == secret)
            .map(|(_, item)| KeyToPath {
                key: item.key().into(),
                path: item.key().into(),
                ..KeyToPath::default()
            })
            .collect();
        volumes.push(Volume {
            name: name.clone(),
            secret: Some(SecretVolumeSource {
                secret_name: Some(secret.to_owned()),
                items: Some(items),
                default_mode: Some(0o400),
                ..SecretVolumeSource::default()
            }),
            ..Volume::default()
        });
        mounts.push(VolumeMount {
            name,
            mount_path: format!("{SECRETS_DIR}/{secret}"),
            read_only: Some(true),
            ..VolumeMount::default()
        });
    }
    (volumes, mounts)
}

/// The pod of `service`; `restart_policy` is the pod's (`Always` for a
/// Deployment, `Never`/`OnFailure` for a Job).
pub fn spec(
    plan: &Plan<'_>,
    service: &Service<'_>,
    restart_policy: &str,
    flavour: Flavour,
    warnings: &mut Warnings,
) -> PodSpec {
    let c = service.component;
    if c.stop_signal != StopSignal::Term {
        warnings.field(
            &c.id,
            "stop_signal",
            format!(
                "({}) is not set on the pod: {} sends the image's STOPSIGNAL (SIGTERM \
                 unless the image says otherwise)",
                c.stop_signal,
                flavour.engine()
            ),
        );
    }
    crate::translate::plan::start_timeout_warning(c, flavour.engine(), warnings);
    if flavour == Flavour::Podman {
        probe_warnings(service, warnings);
    }
    let (volumes, mounts) = secret_volumes(&plan.plane.access.component_files());
    let mut container = container(plan, service, flavour, warnings);
    container.volume_mounts = (!mounts.is_empty()).then_some(mounts);
    PodSpec {
        containers: vec![container],
        volumes: (!volumes.is_empty()).then_some(volumes),
        // A Deployment's pod under podman is named `<name>-pod-0`; its
        // hostname is what PORT names.
        hostname: (flavour == Flavour::Podman).then(|| service.name.clone()),
        restart_policy: Some(restart_policy.to_owned()),
        termination_grace_period_seconds: Some(i64::from(seconds(c.stop_timeout))),
        ..PodSpec::default()
    }
}

/// The probes podman 4.3 plays differently: readiness not at all, liveness
/// as a health check that needs systemd and restarts nothing.
fn probe_warnings(service: &Service<'_>, warnings: &mut Warnings) {
    let c = service.component;
    if c.readiness_probe.is_some() {
        warnings.field(
            &c.id,
            "readiness_probe",
            "(or health_check) is not acted on: podman 4.3 plays no readiness probe",
        );
    }
    if c.liveness_probe.is_some() {
        warnings.field(
            &c.id,
            "liveness_probe",
            "becomes a podman health check, which runs only on a systemd timer and restarts \
             nothing (flowctld still shows a component whose heartbeats stop UNHEALTHY)",
        );
    }
}

fn container(
    plan: &Plan<'_>,
    service: &Service<'_>,
    flavour: Flavour,
    warnings: &mut Warnings,
) -> Container {
    let c = service.component;
    let (command, args) = service.container_command();
    let endpoint = format!("{}:{}", plan.plane.name, plan.plane.port);
    let (listen, mut env) = match flavour {
        Flavour::Kubernetes => (
            format!("$({POD_IP}):{}", service.data_port),
            vec![EnvVar {
                name: POD_IP.into(),
                value_from: Some(EnvVarSource {
                    field_ref: Some(ObjectFieldSelector {
                        field_path: "status.podIP".into(),
                        ..ObjectFieldSelector::default()
                    }),
                    ..EnvVarSource::default()
                }),
                ..EnvVar::default()
            }],
        ),
        Flavour::Podman => (
            format!("{}:{}", service.name, service.data_port),
            Vec::new(),
        ),
    };
    let mut wired = service.wired_env(&endpoint, Some(&listen));
    wired.extend(
        plan.plane
            .access
            .component_env(&plan.plane.name, secret_path),
    );
    env.extend(wired.into_iter().map(|(name, value)| EnvVar {
        name,
        value: Some(value),
        ..EnvVar::default()
    }));
    let mut ports = vec![port("data", service.data_port)];
    ports.extend(service.health_port.map(|p| port("health", p)));
    let working_dir = c.working_dir.clone().filter(|dir| {
        let absolute = dir.starts_with('/');
        if !absolute {
            warnings.field(
                &c.id,
                "working_dir",
                format!("('{dir}') is relative: left out, the image's working directory is used"),
            );
        }
        absolute
    });
    Container {
        name: "component".into(),
        image: service.image.as_ref().map(|i| i.name().to_owned()),
        command: (!command.is_empty()).then_some(command),
        args: (!args.is_empty()).then_some(args),
        env: Some(env),
        ports: (flavour == Flavour::Kubernetes).then_some(ports),
        working_dir,
        readiness_probe: c.readiness_probe.as_ref().map(|p| probe(service, p)),
        liveness_probe: c.liveness_probe.as_ref().map(|p| probe(service, p)),
        resources: resources(service),
        ..Container::default()
    }
}

fn port(name: &str, number: u16) -> ContainerPort {
    ContainerPort {
        name: Some(name.into()),
        container_port: i32::from(number),
        ..ContainerPort::default()
    }
}

fn probe(service: &Service<'_>, probe: &SpecProbe) -> Probe {
    let mut out = Probe {
        period_seconds: Some(seconds(probe.period)),
        timeout_seconds: Some(seconds(probe.timeout)),
        failure_threshold: Some(i32::try_from(probe.failure_threshold).unwrap_or(i32::MAX)),
        initial_delay_seconds: Some(seconds(probe.initial_delay)),
        ..Probe::default()
    };
    match &probe.action {
        ProbeAction::Http { path, .. } => {
            out.http_get = Some(HTTPGetAction {
                path: Some(path.clone()),
                port: IntOrString::Int(i32::from(service.probe_port(probe).unwrap_or(0))),
                ..HTTPGetAction::default()
            });
        }
        ProbeAction::Exec { command } => {
            out.exec = Some(ExecAction {
                command: Some(command.clone()),
            });
        }
    }
    out
}

fn resources(service: &Service<'_>) -> Option<ResourceRequirements> {
    let limits = service.component.limits;
    let mut map = BTreeMap::new();
    if let Some(bytes) = limits.memory_bytes {
        map.insert("memory".to_owned(), Quantity(bytes.to_string()));
    }
    if let Some(millis) = limits.cpu_millis {
        map.insert("cpu".to_owned(), Quantity(format!("{millis}m")));
    }
    (!map.is_empty()).then(|| ResourceRequirements {
        limits: Some(map),
        ..ResourceRequirements::default()
    })
}
