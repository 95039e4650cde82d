//! Nomad: one JSON job (`{"Job": ...}`, what `nomad job run -json` reads),
//! a group per component plus one for flowctld. Components with an image run
//! with the `docker` driver (host network, so the address they advertise is
//! the node's), the others with `raw_exec`; each finds the control plane
//! through Nomad's own service discovery.

use std::time::Duration;

use flowctl_core::spec::{Probe, ProbeAction, RestartPolicy, StopSignal};
use serde_json::{Map, Value, json};

use super::access::Item;
use super::plan::{Plan, Service, absolute_program};
use super::warnings::Warnings;
use super::{Options, OutFile};

/// Go templates in our embedded files use these, so a `{{` in a pipeline
/// file is left alone.
const LEFT: &str = "[[";
const RIGHT: &str = "]]";

/// The job file.
pub fn render(
    plan: &Plan<'_>,
    options: &Options,
    warnings: &mut Warnings,
) -> Result<Vec<OutFile>, String> {
    let service_job = plan
        .services
        .iter()
        .any(|s| s.component.restart.policy == RestartPolicy::Always);
    let mut groups = vec![plane(plan, options, warnings)];
    for service in &plan.services {
        if service_job && service.component.restart.policy != RestartPolicy::Always {
            warnings.field(
                service.id(),
                "restart_policy",
                format!(
                    "({}) in a service job: Nomad restarts a task of a service job even when \
                     it exits 0",
                    service.component.restart.policy
                ),
            );
        }
        groups.push(group(plan, service, options, warnings));
    }
    let mut job = Map::new();
    // The default prefix is the pipeline's name: the job is named once.
    let name = match plan.prefix.strip_suffix('-') {
        Some(prefix) if prefix == plan.pipeline.name => plan.pipeline.name.clone(),
        _ => format!("{}{}", plan.prefix, plan.pipeline.name),
    };
    let name = super::plan::dns_label(&name);
    job.insert("ID".into(), json!(name));
    job.insert("Name".into(), json!(name));
    if let Some(namespace) = &plan.namespace {
        job.insert("Namespace".into(), json!(namespace));
    }
    job.insert(
        "Type".into(),
        json!(if service_job { "service" } else { "batch" }),
    );
    job.insert("Datacenters".into(), json!(["*"]));
    job.insert("Meta".into(), json!(plan.labels(None)));
    job.insert("TaskGroups".into(), Value::Array(groups));
    let text = serde_json::to_string_pretty(&json!({ "Job": job }))
        .map_err(|err| format!("cannot write JSON: {err}"))?;
    Ok(vec![OutFile {
        name: format!("{}.nomad.json", plan.pipeline.name),
        text: text + "\n",
    }])
}

fn nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

/// The file a task's template renders `item` of `secret` into.
fn secret_file(secret: &str, item: Item) -> String {
    format!("{}-{}", super::plan::dns_label(secret), item.slug())
}

/// Where a task sees it (its private secrets directory).
fn secret_path(secret: &str, item: Item) -> String {
    format!("${{NOMAD_SECRETS_DIR}}/{}", secret_file(secret, item))
}

/// Templates rendering `files` from the Nomad Variables named by the
/// secrets (item `token`, `tls_crt`, `tls_key`, `ca_crt`).
fn secret_templates(files: &[(&str, Item)]) -> Vec<Value> {
    files
        .iter()
        .map(|(secret, item)| {
            json!({
                "EmbeddedTmpl": format!(
                    "{LEFT} with nomadVar \"{secret}\" {RIGHT}{LEFT} .{} {RIGHT}{LEFT} end {RIGHT}",
                    item.slug()
                ),
                "DestPath": format!("secrets/{}", secret_file(secret, *item)),
                "Perms": "0400",
                "LeftDelim": LEFT,
                "RightDelim": RIGHT,
            })
        })
        .collect()
}

fn plane(plan: &Plan<'_>, options: &Options, warnings: &mut Warnings) -> Value {
    let mut args = plan
        .plane
        .args("${NOMAD_TASK_DIR}/pipeline.yaml", "0.0.0.0", warnings);
    let access = &plan.plane.access;
    args.extend(access.plane_args(secret_path));
    let mut templates = vec![json!({
        "EmbeddedTmpl": options.pipeline_text,
        "DestPath": "local/pipeline.yaml",
        "LeftDelim": LEFT,
        "RightDelim": RIGHT,
    })];
    templates.extend(secret_templates(&access.plane_files()));
    json!({
        "Name": "flowctld",
        "Count": 1,
        "Networks": [{"ReservedPorts": [{"Label": "plane", "Value": plan.plane.port}]}],
        "Services": [{
            "Name": plan.plane.name,
            "PortLabel": "plane",
            "Provider": "nomad",
            "Checks": [{"Type": "tcp", "Interval": nanos(Duration::from_secs(10)),
                        "Timeout": nanos(Duration::from_secs(2))}],
        }],
        "RestartPolicy": {"Attempts": 3, "Interval": nanos(Duration::from_secs(300)),
                          "Delay": nanos(Duration::from_secs(5)), "Mode": "fail"},
        "Tasks": [{
            "Name": "flowctld",
            "Driver": "raw_exec",
            "Config": {"command": options.flowctld_program, "args": args},
            "Env": {
                flowctl_core::env::STATE_DIR: "${NOMAD_ALLOC_DIR}/data/flowctl",
                flowctl_core::env::SOCKET: "${NOMAD_TASK_DIR}/flowctld.sock",
            },
            "Templates": templates,
        }],
    })
}

fn group(
    plan: &Plan<'_>,
    service: &Service<'_>,
    options: &Options,
    warnings: &mut Warnings,
) -> Value {
    let c = service.component;
    let mut env = service.wired_env("", Some("${NOMAD_ADDR_data}"));
    // The endpoint comes from the template below, from Nomad's service
    // discovery, wherever the control plane was placed.
    env.remove(flowctl_core::env::ENDPOINT);
    let access = &plan.plane.access;
    env.extend(access.component_env(&plan.plane.name, secret_path));
    let reserved = reserved_ports(service);
    let (driver, config) = driver(service, options, warnings);
    super::plan::start_timeout_warning(c, "Nomad", warnings);
    if c.working_dir.is_some() {
        warnings.field(
            &c.id,
            "working_dir",
            "is not mapped: Nomad runs a task in its own task directory",
        );
    }
    let restart = &c.restart;
    let attempts = match restart.policy {
        RestartPolicy::Never => 0,
        _ => restart.max_restarts,
    };
    let mut task = json!({
        "Name": "component",
        "Driver": driver,
        "Config": config,
        "Env": env,
        "KillTimeout": nanos(c.stop_timeout),
        "Templates": [{
            "EmbeddedTmpl": format!(
                "{LEFT} range nomadService \"{}\" {RIGHT}FLOWCTL_ENDPOINT={LEFT} .Address {RIGHT}:{LEFT} .Port {RIGHT}\n{LEFT} end {RIGHT}",
                plan.plane.name
            ),
            "DestPath": "local/flowctl.env",
            "Envvars": true,
            "LeftDelim": LEFT,
            "RightDelim": RIGHT,
        }],
    });
    if let Some(templates) = task["Templates"].as_array_mut() {
        templates.extend(secret_templates(&access.component_files()));
    }
    if c.stop_signal != StopSignal::Term {
        task["KillSignal"] = json!(c.stop_signal.to_string());
    }
    if let Some(resources) = resources(service, warnings) {
        task["Resources"] = resources;
    }
    json!({
        "Name": service.name,
        "Count": 1,
        "Networks": [{"DynamicPorts": [{"Label": "data"}], "ReservedPorts": reserved}],
        "RestartPolicy": {"Attempts": attempts, "Interval": nanos(restart.window),
                          "Delay": nanos(restart.delay), "Mode": "fail"},
        "ReschedulePolicy": {"Attempts": 0, "Unlimited": false},
        "Services": [data_service(service, warnings)],
        "Tasks": [task],
    })
}

/// The `docker` driver for a component with an image, else `raw_exec`.
fn driver(
    service: &Service<'_>,
    options: &Options,
    warnings: &mut Warnings,
) -> (&'static str, Value) {
    let c = service.component;
    match &service.image {
        Some(image) => {
            let (command, args) = service.container_command();
            let mut config = json!({"image": image.name(), "network_mode": "host"});
            if let Some((program, rest)) = command.split_first() {
                config["entrypoint"] = json!([program]);
                config["args"] = json!(rest);
            } else if !args.is_empty() {
                config["args"] = json!(args);
            }
            ("docker", config)
        }
        None => {
            let program = absolute_program(&c.command[0], &options.cwd, &c.id, warnings);
            (
                "raw_exec",
                json!({"command": program, "args": c.command[1..]}),
            )
        }
    }
}

/// The static ports: `HEALTH_PORT`, and any other port a probe calls.
fn reserved_ports(service: &Service<'_>) -> Vec<Value> {
    let c = service.component;
    let mut reserved = Vec::new();
    if let Some(port) = service.health_port {
        reserved.push(json!({"Label": "health", "Value": port}));
    }
    for probe in [&c.readiness_probe, &c.liveness_probe]
        .into_iter()
        .flatten()
    {
        if let Some(port) = service.probe_port(probe)
            && Some(port) != service.health_port
        {
            let entry = json!({"Label": port_label(service, port), "Value": port});
            if !reserved.contains(&entry) {
                reserved.push(entry);
            }
        }
    }
    reserved
}

/// The data plane's service, with the checks the probes map to.
fn data_service(service: &Service<'_>, warnings: &mut Warnings) -> Value {
    let mut out = json!({"Name": service.name, "PortLabel": "data", "Provider": "nomad"});
    let checks = checks(service, warnings);
    if !checks.is_empty() {
        out["Checks"] = Value::Array(checks);
    }
    out
}

/// Service checks from the probes: HTTP only (Nomad's own service
/// discovery runs no scripts); a failing liveness check restarts the task.
fn checks(service: &Service<'_>, warnings: &mut Warnings) -> Vec<Value> {
    let c = service.component;
    let mut checks = Vec::new();
    for (field, probe, live) in [
        ("readiness_probe", &c.readiness_probe, false),
        ("liveness_probe", &c.liveness_probe, true),
    ] {
        let Some(probe) = probe else { continue };
        let Some(mut check) = check(service, probe) else {
            warnings.field(
                &c.id,
                field,
                "runs a command: not mapped, Nomad's service checks run no scripts",
            );
            continue;
        };
        check["Name"] = json!(field.replace('_', "-"));
        if live {
            check["CheckRestart"] = json!({
                "Limit": probe.failure_threshold,
                "Grace": nanos(probe.initial_delay),
            });
        }
        checks.push(check);
    }
    checks
}

fn check(service: &Service<'_>, probe: &Probe) -> Option<Value> {
    let ProbeAction::Http { path, .. } = &probe.action else {
        return None;
    };
    let label = port_label(service, service.probe_port(probe)?);
    Some(json!({
        "Type": "http",
        "Path": path,
        "PortLabel": label,
        "Interval": nanos(probe.period),
        "Timeout": nanos(probe.timeout),
    }))
}

/// The label of a port a probe calls: `health` for `HEALTH_PORT`, else
/// `port-N`.
fn port_label(service: &Service<'_>, port: u16) -> String {
    if Some(port) == service.health_port {
        "health".to_owned()
    } else {
        format!("port-{port}")
    }
}

fn resources(service: &Service<'_>, warnings: &mut Warnings) -> Option<Value> {
    let limits = service.component.limits;
    if limits.memory_bytes.is_none() && limits.cpu_millis.is_none() {
        return None;
    }
    let mut out = json!({});
    if let Some(bytes) = limits.memory_bytes {
        out["MemoryMB"] = json!(bytes.div_ceil(1 << 20));
    }
    if let Some(millis) = limits.cpu_millis {
        warnings.field(
            service.id(),
            "resources.limits.cpu",
            "is a reservation in Nomad, counted in MHz: one core is taken as 1000 MHz",
        );
        out["CPU"] = json!(millis);
    }
    Some(out)
}
