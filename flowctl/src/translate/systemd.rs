//! systemd: one unit per component and one for flowctld, all `PartOf=` the
//! pipeline's target, so `systemctl start <pipeline>.target` starts the
//! pipeline and `stop` ends it. Everything runs on this host, so the
//! control plane stays on loopback.

use std::fmt::Write as _;

use flowctl_core::spec::{Component, DEFAULT_STOP_TIMEOUT, RestartPolicy, StopSignal};

use super::access::{Access, Item};
use super::plan::{Plan, Service};
use super::warnings::Warnings;
use super::{Options, OutFile};

/// The units: the target, flowctld's, then one per component.
pub fn render(plan: &Plan<'_>, options: &Options, warnings: &mut Warnings) -> Vec<OutFile> {
    let target = format!("{}.target", plan.pipeline.name);
    let plane_unit = format!("{}.service", plan.plane.name);
    let units: Vec<String> = std::iter::once(plane_unit.clone())
        .chain(plan.services.iter().map(|s| format!("{}.service", s.name)))
        .collect();
    let mut files = vec![OutFile {
        name: target.clone(),
        text: format!(
            "[Unit]\nDescription=flowctl pipeline {}\nWants={}\n\n[Install]\nWantedBy=default.target\n",
            plan.pipeline.name,
            units.join(" ")
        ),
    }];
    files.push(OutFile {
        name: plane_unit.clone(),
        text: plane(plan, options, &target, warnings),
    });
    for service in &plan.services {
        files.push(OutFile {
            name: format!("{}.service", service.name),
            text: component(plan, service, options, &target, &plane_unit, warnings),
        });
    }
    files
}

fn plane(plan: &Plan<'_>, options: &Options, target: &str, warnings: &mut Warnings) -> String {
    let name = &plan.pipeline.name;
    let pipeline = options.pipeline_path.to_string_lossy();
    let mut exec = vec![options.flowctld_program.to_string_lossy().into_owned()];
    exec.extend(plan.plane.args(&pipeline, "127.0.0.1", warnings));
    let access = &plan.plane.access;
    // `%d/...` is the credentials directory: a specifier, not escaped.
    let mut exec = exec_line(&exec);
    for word in access.plane_args(credential_path) {
        exec.push(' ');
        exec.push_str(&word);
    }
    let mut text = String::new();
    let _ = write!(
        text,
        "[Unit]\nDescription=flowctl control plane of pipeline {name}\nPartOf={target}\n\n\
         [Service]\nType=exec\nExecStart={}\nStateDirectory=flowctl/{name}\n\
         RuntimeDirectory=flowctl-{name}\n{}{}\n{}\nRestart=on-failure\n\n[Install]\nWantedBy={target}\n",
        exec,
        load_credentials(&access.plane_files()),
        environment(
            flowctl_core::env::STATE_DIR,
            &format!("%S/flowctl/{name}"),
            false
        ),
        environment(
            flowctl_core::env::SOCKET,
            &format!("%t/flowctl-{name}/flowctld.sock"),
            false
        ),
    );
    text
}

fn component(
    plan: &Plan<'_>,
    service: &Service<'_>,
    options: &Options,
    target: &str,
    plane_unit: &str,
    warnings: &mut Warnings,
) -> String {
    let c = service.component;
    let after: Vec<String> = std::iter::once(plane_unit.to_owned())
        .chain(c.upstream().filter_map(|id| {
            let s = plan.services.iter().find(|s| s.id() == id)?;
            Some(format!("{}.service", s.name))
        }))
        .collect();
    let mut unit = format!(
        "[Unit]\nDescription=flowctl {} {} of pipeline {}\nPartOf={target}\nWants={plane_unit}\nAfter={}\n",
        c.kind,
        c.id,
        plan.pipeline.name,
        after.join(" ")
    );
    let mut body = String::from("\n[Service]\nType=exec\n");
    let dir = match &c.working_dir {
        Some(dir) => options.cwd.join(dir),
        None => options.cwd.clone(),
    };
    let _ = writeln!(body, "WorkingDirectory={}", escape(&dir.to_string_lossy()));
    let mut exec = c.command.clone();
    exec[0] = super::plan::absolute_program(&c.command[0], &options.cwd, &c.id, warnings);
    let _ = writeln!(body, "ExecStart={}", exec_line(&exec));
    let endpoint = format!("127.0.0.1:{}", plan.plane.port);
    for (key, value) in service.wired_env(&endpoint, None) {
        let _ = writeln!(body, "{}", environment(&key, &value, true));
    }
    let access: &Access = &plan.plane.access;
    body.push_str(&load_credentials(&access.component_files()));
    for (key, value) in access.component_env(&plan.plane.name, credential_path) {
        let _ = writeln!(body, "{}", environment(&key, &value, false));
    }
    restart(c, &mut unit, &mut body, warnings);
    if c.stop_signal != StopSignal::Term {
        let _ = writeln!(body, "KillSignal={}", c.stop_signal);
    }
    if c.stop_timeout != DEFAULT_STOP_TIMEOUT {
        let _ = writeln!(body, "TimeoutStopSec={}ms", c.stop_timeout.as_millis());
    }
    super::plan::start_timeout_warning(c, "systemd", warnings);
    if let Some(bytes) = c.limits.memory_bytes {
        let _ = writeln!(body, "MemoryMax={bytes}");
    }
    if let Some(millis) = c.limits.cpu_millis {
        let _ = writeln!(body, "CPUQuota={}%", millis.div_ceil(10));
    }
    for (field, set) in [
        ("readiness_probe", c.readiness_probe.is_some()),
        ("liveness_probe", c.liveness_probe.is_some()),
    ] {
        if set {
            warnings.field(
                &c.id,
                field,
                "is not checked by systemd (the control plane still sees the component's \
                 heartbeats)",
            );
        }
    }
    unit.push_str(&body);
    let _ = write!(unit, "\n[Install]\nWantedBy={target}\n");
    unit
}

/// `Restart=`, `RestartSec=` and the start limit (`max_restarts` restarts
/// within `restart_window` are `max_restarts + 1` starts).
fn restart(c: &Component, unit: &mut String, body: &mut String, warnings: &mut Warnings) {
    let restart = &c.restart;
    let policy = match restart.policy {
        RestartPolicy::Never => "no",
        RestartPolicy::OnFailure => "on-failure",
        RestartPolicy::Always => "always",
    };
    let _ = writeln!(body, "Restart={policy}");
    if restart.policy == RestartPolicy::Never {
        return;
    }
    let _ = writeln!(
        unit,
        "StartLimitIntervalSec={}ms\nStartLimitBurst={}",
        restart.window.as_millis(),
        restart.max_restarts.saturating_add(1)
    );
    let _ = writeln!(body, "RestartSec={}ms", restart.delay.as_millis());
    warnings.restart_fields(
        &c.id,
        restart,
        &["restart_delay_max", "min_uptime"],
        "is not honoured: systemd waits RestartSec= before every restart",
    );
}

/// Where a unit sees `item` of `secret`: its credentials directory (`%d`).
fn credential_path(secret: &str, item: Item) -> String {
    format!("%d/{}", credential(secret, item))
}

/// The credential's name: the secret's and the item's.
fn credential(secret: &str, item: Item) -> String {
    format!("{}-{}", super::plan::dns_label(secret), item.slug())
}

/// `LoadCredential=` lines for `files`, read from `/etc/flowctl/NAME/`
/// (or NAME itself, when absolute): systemd copies them into the unit's
/// own credentials directory, readable by that unit alone.
fn load_credentials(files: &[(&str, Item)]) -> String {
    let mut out = String::new();
    for (secret, item) in files {
        let dir = if secret.starts_with('/') {
            secret.trim_end_matches('/').to_owned()
        } else {
            format!("/etc/flowctl/{secret}")
        };
        let _ = writeln!(
            out,
            "LoadCredential={}:{}/{}",
            credential(secret, *item),
            escape(&dir),
            item.key()
        );
    }
    out
}

/// `ExecStart=` words: each quoted when it needs to be, `%` and `$` doubled.
fn exec_line(words: &[String]) -> String {
    let quoted: Vec<String> = words
        .iter()
        .map(|w| {
            let w = escape(w).replace('$', "$$");
            if w.is_empty() || w.contains(|c: char| c.is_whitespace() || "\"'\\;".contains(c)) {
                format!("\"{}\"", w.replace('\\', "\\\\").replace('"', "\\\""))
            } else {
                w
            }
        })
        .collect();
    quoted.join(" ")
}

/// One `Environment=` line; `literal` values get their `%` doubled.
fn environment(key: &str, value: &str, literal: bool) -> String {
    let value = if literal {
        escape(value)
    } else {
        value.to_owned()
    };
    let assignment = format!("{key}={value}");
    format!(
        "Environment=\"{}\"",
        assignment.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

/// systemd expands `%` specifiers; `%%` is a literal `%`.
fn escape(text: &str) -> String {
    text.replace('%', "%%")
}
