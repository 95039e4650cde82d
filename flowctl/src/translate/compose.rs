//! Compose: `docker-compose` (one file) and `local` (the old CLI's
//! variant: the pipeline's `env` in an `.env` file, a profile per kind of
//! component, a data volume per component). A small typed model of our own
//! (see the README's Design for why not `docker-compose-types`).

use std::collections::BTreeMap;

use flowctl_core::spec::{
    Condition, DEFAULT_STOP_TIMEOUT, ProbeAction, Restart, RestartPolicy, StopSignal,
    format_duration,
};
use serde::Serialize;

use super::access::Item;
use super::plan::{PIPELINE_DIR, Plan, SOCKET, STATE_DIR, STATE_VOLUME_DIR, Service};
use super::warnings::Warnings;
use super::{Options, OutFile, yaml};

/// A Compose file.
#[derive(Debug, Serialize)]
struct File {
    name: String,
    services: BTreeMap<String, ComposeService>,
    volumes: BTreeMap<String, Empty>,
    configs: BTreeMap<String, Config>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    secrets: BTreeMap<String, SecretFile>,
}

/// A secret read from a file beside the Compose file (`--token-secret`,
/// `--tls-secret`: `NAME/token`, `NAME/tls.crt`...).
#[derive(Debug, Serialize)]
struct SecretFile {
    file: String,
}

/// The Compose secret of `item` of secret `secret`.
fn secret_name(secret: &str, item: Item) -> String {
    format!("{secret}.{}", item.key())
}

/// Where a container sees it.
fn secret_path(secret: &str, item: Item) -> String {
    format!("/run/secrets/{}", secret_name(secret, item))
}

/// The secrets of `files`, for a service.
fn service_secrets(files: &[(&str, Item)]) -> Vec<String> {
    files
        .iter()
        .map(|(secret, item)| secret_name(secret, *item))
        .collect()
}

#[derive(Debug, Serialize)]
struct Empty {}

/// A config given inline: the pipeline the control plane reads.
#[derive(Debug, Serialize)]
struct Config {
    content: String,
}

/// One service; empty fields are left out.
#[derive(Debug, Default, Serialize)]
struct ComposeService {
    image: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    entrypoint: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    command: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    working_dir: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    env_file: Vec<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    environment: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    depends_on: BTreeMap<String, DependsOn>,
    #[serde(skip_serializing_if = "Option::is_none")]
    healthcheck: Option<Healthcheck>,
    restart: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    stop_signal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stop_grace_period: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    profiles: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    volumes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    configs: Vec<ConfigMount>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    secrets: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deploy: Option<Deploy>,
    labels: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
struct DependsOn {
    condition: &'static str,
}

#[derive(Debug, Serialize)]
struct Healthcheck {
    test: Vec<String>,
    interval: String,
    timeout: String,
    retries: u32,
    start_period: String,
}

#[derive(Debug, Serialize)]
struct ConfigMount {
    source: String,
    target: String,
}

#[derive(Debug, Serialize)]
struct Deploy {
    resources: Resources,
}

#[derive(Debug, Serialize)]
struct Resources {
    limits: Limits,
}

#[derive(Debug, Serialize)]
struct Limits {
    #[serde(skip_serializing_if = "Option::is_none")]
    cpus: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    memory: Option<String>,
}

/// The Compose file (and, for `local`, its `.env`).
pub fn render(
    plan: &Plan<'_>,
    options: &Options,
    local: bool,
    warnings: &mut Warnings,
) -> Result<Vec<OutFile>, String> {
    let mut services = BTreeMap::new();
    services.insert(plan.plane.name.clone(), plane(plan, options, warnings));
    let mut volumes = BTreeMap::from([(format!("{}-state", plan.plane.name), Empty {})]);
    for service in &plan.services {
        let mut out = component(plan, service, warnings);
        if local {
            localize(plan, service, &mut out);
            volumes.insert(format!("{}-data", service.name), Empty {});
        }
        services.insert(service.name.clone(), out);
    }
    let access = &plan.plane.access;
    let secrets = access
        .plane_files()
        .into_iter()
        .chain(access.component_files())
        .map(|(secret, item)| {
            let file = format!("./{secret}/{}", item.key());
            (secret_name(secret, item), SecretFile { file })
        })
        .collect();
    let file = File {
        name: super::plan::dns_label(&plan.pipeline.name),
        services,
        volumes,
        secrets,
        configs: BTreeMap::from([(
            "pipeline".to_owned(),
            Config {
                content: escape(&options.pipeline_text),
            },
        )]),
    };
    let mut files = vec![OutFile {
        name: "compose.yaml".into(),
        text: yaml::document(&file)?,
    }];
    if local {
        files.push(OutFile {
            name: ".env".into(),
            text: dot_env(&plan.pipeline.env),
        });
    }
    Ok(files)
}

fn plane(plan: &Plan<'_>, options: &Options, warnings: &mut Warnings) -> ComposeService {
    let mut entrypoint = vec!["flowctld".to_owned()];
    let pipeline = format!("{PIPELINE_DIR}/pipeline.yaml");
    entrypoint.extend(plan.plane.args(&pipeline, "0.0.0.0", warnings));
    let access = &plan.plane.access;
    entrypoint.extend(access.plane_args(secret_path));
    ComposeService {
        image: options.flowctld_image.clone(),
        entrypoint,
        environment: BTreeMap::from([
            (
                flowctl_core::env::STATE_DIR.to_owned(),
                STATE_DIR.to_owned(),
            ),
            (flowctl_core::env::SOCKET.to_owned(), SOCKET.to_owned()),
        ]),
        restart: "unless-stopped".into(),
        volumes: vec![format!("{}-state:{STATE_VOLUME_DIR}", plan.plane.name)],
        configs: vec![ConfigMount {
            source: "pipeline".into(),
            target: pipeline,
        }],
        secrets: service_secrets(&access.plane_files()),
        labels: labels(plan, None),
        ..ComposeService::default()
    }
}

fn component(plan: &Plan<'_>, service: &Service<'_>, warnings: &mut Warnings) -> ComposeService {
    let c = service.component;
    let (entrypoint, command) = service.container_command();
    let endpoint = format!("{}:{}", plan.plane.name, plan.plane.port);
    // The service name resolves to the container's own address, so the
    // component binds (and advertises) an address the relay can dial.
    let listen = format!("{}:{}", service.name, service.data_port);
    let access = &plan.plane.access;
    let mut wired = service.wired_env(&endpoint, Some(&listen));
    wired.extend(access.component_env(&plan.plane.name, secret_path));
    let environment = wired.into_iter().map(|(k, v)| (k, escape(&v))).collect();
    if c.liveness_probe.is_some() {
        warnings.field(
            &c.id,
            "liveness_probe",
            "is not mapped: Compose marks a container unhealthy but does not restart it",
        );
    }
    super::plan::start_timeout_warning(c, "Compose", warnings);
    let check = c.readiness_probe.as_ref().or(c.liveness_probe.as_ref());
    ComposeService {
        image: service
            .image
            .as_ref()
            .map(|i| i.name().to_owned())
            .unwrap_or_default(),
        entrypoint,
        command,
        working_dir: c.working_dir.clone(),
        environment,
        depends_on: depends_on(plan, service),
        healthcheck: check.map(|probe| Healthcheck {
            test: match &probe.action {
                ProbeAction::Http { path, .. } => vec![
                    "CMD".into(),
                    "curl".into(),
                    "-fsS".into(),
                    format!(
                        "http://localhost:{}{path}",
                        service.probe_port(probe).unwrap_or(0)
                    ),
                ],
                ProbeAction::Exec { command } => {
                    let mut test = vec!["CMD".to_owned()];
                    test.extend(command.iter().cloned());
                    test
                }
            },
            interval: format_duration(probe.period),
            timeout: format_duration(probe.timeout),
            retries: probe.failure_threshold,
            start_period: format_duration(probe.initial_delay),
        }),
        restart: restart(&c.id, &c.restart, warnings),
        stop_signal: (c.stop_signal != StopSignal::Term).then(|| c.stop_signal.to_string()),
        stop_grace_period: (c.stop_timeout != DEFAULT_STOP_TIMEOUT)
            .then(|| format_duration(c.stop_timeout)),
        deploy: deploy(service),
        secrets: service_secrets(&access.component_files()),
        labels: labels(plan, Some(&c.id)),
        ..ComposeService::default()
    }
}

/// The control plane first, then `inputs` and `depends_on`, each with the
/// condition Compose can check.
fn depends_on(plan: &Plan<'_>, service: &Service<'_>) -> BTreeMap<String, DependsOn> {
    let c = service.component;
    let mut out = BTreeMap::from([(
        plan.plane.name.clone(),
        DependsOn {
            condition: Condition::Started.compose_name(),
        },
    )]);
    let conditions = c
        .inputs
        .iter()
        .map(|id| (id, Condition::Healthy))
        .chain(c.dependencies.iter().map(|d| (&d.id, d.condition)));
    for (id, condition) in conditions {
        let Some(upstream) = plan.services.iter().find(|s| s.id() == id) else {
            continue;
        };
        let checked = upstream.component.readiness_probe.is_some()
            || upstream.component.liveness_probe.is_some();
        let condition = match condition {
            Condition::Healthy if !checked => Condition::Started,
            other => other,
        };
        out.insert(
            upstream.name.clone(),
            DependsOn {
                condition: condition.compose_name(),
            },
        );
    }
    out
}

/// `no`, `always` or `on-failure:N`; the backoff fields do not carry over.
fn restart(id: &str, restart: &Restart, warnings: &mut Warnings) -> String {
    if restart.policy != RestartPolicy::Never {
        warnings.restart_fields(
            id,
            restart,
            &[
                "restart_window",
                "restart_delay",
                "restart_delay_max",
                "min_uptime",
            ],
            "is not honoured: Docker's own restart delays apply",
        );
    }
    match restart.policy {
        RestartPolicy::Never => "no".into(),
        RestartPolicy::OnFailure => format!("on-failure:{}", restart.max_restarts),
        RestartPolicy::Always => {
            if restart.max_restarts != Restart::default().max_restarts {
                warnings.field(
                    id,
                    "max_restarts",
                    "is not honoured: restart: always restarts forever",
                );
            }
            "always".into()
        }
    }
}

fn deploy(service: &Service<'_>) -> Option<Deploy> {
    let limits = service.component.limits;
    if limits.memory_bytes.is_none() && limits.cpu_millis.is_none() {
        return None;
    }
    Some(Deploy {
        resources: Resources {
            limits: Limits {
                cpus: limits
                    .cpu_millis
                    .map(|m| format!("{}.{:03}", m / 1000, m % 1000)),
                memory: limits.memory_bytes.map(|b| format!("{b}b")),
            },
        },
    })
}

/// `local`: the pipeline's `env` from `.env`, the profiles `all` and one
/// per kind, and a data volume at `/data`.
fn localize(plan: &Plan<'_>, service: &Service<'_>, out: &mut ComposeService) {
    let c = service.component;
    out.environment.retain(|k, v| {
        plan.pipeline.env.get(k).map(|p| escape(p)).as_ref() != Some(v) || c.env.contains_key(k)
    });
    out.env_file = vec![".env".into()];
    // `all` starts the whole pipeline (`docker compose --profile all up`);
    // the kind's profile starts part of it.
    out.profiles = vec!["all".into(), format!("{}s", c.kind)];
    out.volumes = vec![format!("{}-data:/data", service.name)];
}

fn labels(plan: &Plan<'_>, component: Option<&str>) -> BTreeMap<String, String> {
    let mut labels = plan.pipeline.labels.clone();
    labels.insert("com.flowctl.pipeline".into(), plan.pipeline.name.clone());
    labels.insert(
        "com.flowctl.component".into(),
        component.unwrap_or("flowctld").to_owned(),
    );
    labels
}

/// Compose reads `$` as the start of a variable; `$$` is a literal one.
fn escape(text: &str) -> String {
    text.replace('$', "$$")
}

/// `.env` lines; values other than plain words in single quotes (Compose
/// reads them literally).
fn dot_env(env: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (key, value) in env {
        let plain = value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-/:@,+".contains(c));
        if plain {
            out.push_str(&format!("{key}={value}\n"));
        } else if !value.contains('\'') {
            out.push_str(&format!("{key}='{value}'\n"));
        } else {
            let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
            out.push_str(&format!("{key}=\"{}\"\n", escape(&quoted)));
        }
    }
    out
}
