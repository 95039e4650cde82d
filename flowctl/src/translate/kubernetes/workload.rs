//! What runs one component: a Deployment for `restart_policy: always`, a
//! Job for a component that runs to completion (`never`: no retry;
//! `on-failure`: retried up to `max_restarts`), and a Service for its data
//! plane. Under podman a bare Pod stands for the Job, and there is no
//! Service (podman plays neither).

use flowctl_core::spec::{Restart, RestartPolicy};
use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec};
use k8s_openapi::api::batch::v1::{Job, JobSpec};
use k8s_openapi::api::core::v1::{
    Pod, PodTemplateSpec, Service as K8sService, ServicePort, ServiceSpec,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{Flavour, document, meta, pod, selector};
use crate::translate::plan::{Plan, Service};
use crate::translate::warnings::Warnings;

/// The workload and Service of `service`.
pub fn objects(
    plan: &Plan<'_>,
    service: &Service<'_>,
    flavour: Flavour,
    warnings: &mut Warnings,
) -> Result<Vec<String>, String> {
    let c = service.component;
    restart_warnings(service, flavour, warnings);
    if !c.depends_on.is_empty() {
        warnings.field(
            &c.id,
            "depends_on",
            format!(
                "does not order starts: {} starts every pod at once (the relay still waits \
                 for the component's inputs to register)",
                flavour.engine()
            ),
        );
    }
    let labels = plan.labels(Some(&c.id));
    let template = |restart_policy: &str, warnings: &mut Warnings| PodTemplateSpec {
        metadata: Some(ObjectMeta {
            labels: Some(labels.clone()),
            ..ObjectMeta::default()
        }),
        spec: Some(pod::spec(plan, service, restart_policy, flavour, warnings)),
    };
    let workload = match c.restart.policy {
        RestartPolicy::Always => document(&Deployment {
            metadata: meta(plan, &service.name, labels.clone()),
            spec: DeploymentSpec {
                replicas: Some(1),
                selector: LabelSelector {
                    match_labels: Some(selector(plan, Some(&c.id))),
                    ..LabelSelector::default()
                },
                template: template("Always", warnings),
                ..DeploymentSpec::default()
            },
            ..Deployment::default()
        })?,
        policy => {
            let (restart_policy, retries) = match policy {
                RestartPolicy::OnFailure => ("OnFailure", c.restart.max_restarts),
                _ => ("Never", 0),
            };
            if flavour == Flavour::Podman {
                let template = template(restart_policy, warnings);
                let pod = Pod {
                    metadata: meta(plan, &service.name, labels),
                    spec: template.spec,
                    ..Pod::default()
                };
                return Ok(vec![document(&pod)?]);
            }
            document(&Job {
                metadata: meta(plan, &service.name, labels.clone()),
                spec: Some(JobSpec {
                    backoff_limit: Some(i32::try_from(retries).unwrap_or(i32::MAX)),
                    template: template(restart_policy, warnings),
                    ..JobSpec::default()
                }),
                ..Job::default()
            })?
        }
    };
    let data = K8sService {
        metadata: meta(plan, &service.name, labels),
        spec: Some(ServiceSpec {
            selector: Some(selector(plan, Some(&c.id))),
            ports: Some(vec![ServicePort {
                name: Some("data".into()),
                port: i32::from(service.data_port),
                target_port: Some(IntOrString::String("data".into())),
                ..ServicePort::default()
            }]),
            ..ServiceSpec::default()
        }),
        ..K8sService::default()
    };
    if flavour == Flavour::Podman {
        return Ok(vec![workload]);
    }
    Ok(vec![workload, document(&data)?])
}

/// The restart fields a Deployment or Job (a podman Pod) cannot honour.
fn restart_warnings(service: &Service<'_>, flavour: Flavour, warnings: &mut Warnings) {
    let c = service.component;
    let restart = &c.restart;
    let default = Restart::default();
    if restart.policy == RestartPolicy::Never {
        return;
    }
    if restart.policy == RestartPolicy::Always && restart.max_restarts != default.max_restarts {
        warnings.field(
            &c.id,
            "max_restarts",
            "is not honoured: a Deployment restarts its pod forever",
        );
    }
    if flavour == Flavour::Podman && restart.policy == RestartPolicy::OnFailure {
        warnings.field(
            &c.id,
            "max_restarts",
            "is not honoured: podman restarts an OnFailure pod's container without a limit",
        );
    }
    if restart.window != default.window {
        let what = match flavour {
            Flavour::Kubernetes => {
                "is not honoured: Kubernetes counts restarts over the pod's life"
            }
            Flavour::Podman => "is not honoured: podman counts no restarts against a limit",
        };
        warnings.field(&c.id, "restart_window", what);
    }
    let back_off = match flavour {
        Flavour::Kubernetes => {
            "is not honoured: Kubernetes' own back-off applies (10s, doubling up to 5m)"
        }
        Flavour::Podman => "is not honoured: podman restarts the container as soon as it exits",
    };
    warnings.restart_fields(
        &c.id,
        restart,
        &["restart_delay", "restart_delay_max", "min_uptime"],
        back_off,
    );
}
