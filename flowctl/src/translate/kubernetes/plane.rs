//! flowctld in the cluster: the pipeline in a ConfigMap, a one-replica
//! StatefulSet whose volume claim keeps the run record, and a Service the
//! components register through.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};
use k8s_openapi::api::core::v1::{
    ConfigMap, ConfigMapVolumeSource, Container, ContainerPort, EnvVar, PersistentVolumeClaim,
    PersistentVolumeClaimSpec, PersistentVolumeClaimVolumeSource, PodSpec, PodTemplateSpec, Probe,
    Service, ServicePort, ServiceSpec, TCPSocketAction, Volume, VolumeMount,
    VolumeResourceRequirements,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{Flavour, document, meta, selector};
use crate::translate::Options;
use crate::translate::plan::{PIPELINE_DIR, Plan, SOCKET, STATE_DIR, STATE_VOLUME_DIR};
use crate::translate::warnings::Warnings;

/// The size asked for the control plane's database volume.
const STATE_VOLUME_SIZE: &str = "1Gi";
/// The file name of the pipeline inside its ConfigMap and mount.
const PIPELINE_FILE: &str = "pipeline.yaml";

/// ConfigMap, Service and StatefulSet of the control plane.
pub fn objects(
    plan: &Plan<'_>,
    options: &Options,
    warnings: &mut Warnings,
) -> Result<Vec<String>, String> {
    let name = &plan.plane.name;
    let labels = plan.labels(None);
    let service = Service {
        metadata: meta(plan, name, labels.clone()),
        spec: Some(ServiceSpec {
            selector: Some(selector(plan, None)),
            ports: Some(vec![ServicePort {
                name: Some("control-plane".into()),
                port: i32::from(plan.plane.port),
                target_port: Some(IntOrString::String("control-plane".into())),
                ..ServicePort::default()
            }]),
            ..ServiceSpec::default()
        }),
        ..Service::default()
    };
    let set = StatefulSet {
        metadata: meta(plan, name, labels.clone()),
        spec: StatefulSetSpec {
            replicas: Some(1),
            service_name: Some(name.clone()),
            selector: LabelSelector {
                match_labels: Some(selector(plan, None)),
                ..LabelSelector::default()
            },
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels: Some(labels),
                    ..ObjectMeta::default()
                }),
                spec: Some(pod(plan, options, Flavour::Kubernetes, warnings)),
            },
            volume_claim_templates: Some(vec![state_claim("state")]),
            ..StatefulSetSpec::default()
        },
        ..StatefulSet::default()
    };
    Ok(vec![
        document(&config_map(plan, options))?,
        document(&service)?,
        document(&set)?,
    ])
}

/// The ConfigMap holding the pipeline file flowctld reads.
pub(super) fn config_map(plan: &Plan<'_>, options: &Options) -> ConfigMap {
    ConfigMap {
        metadata: meta(plan, &pipeline_map(plan), plan.labels(None)),
        data: Some(BTreeMap::from([(
            PIPELINE_FILE.to_owned(),
            options.pipeline_text.clone(),
        )])),
        ..ConfigMap::default()
    }
}

fn pipeline_map(plan: &Plan<'_>) -> String {
    format!("{}-pipeline", plan.plane.name)
}

/// flowctld's pod. Under podman its ports are not declared (podman 4.3
/// publishes every declared port on the host) and its state volume is the
/// claim `<plane>-state` (a StatefulSet's claim template elsewhere).
pub(super) fn pod(
    plan: &Plan<'_>,
    options: &Options,
    flavour: Flavour,
    warnings: &mut Warnings,
) -> PodSpec {
    let pipeline = format!("{PIPELINE_DIR}/{PIPELINE_FILE}");
    let mut command = vec!["flowctld".to_owned()];
    command.extend(plan.plane.args(&pipeline, "0.0.0.0", warnings));
    let access = &plan.plane.access;
    command.extend(access.plane_args(super::pod::secret_path));
    let (secret_volumes, secret_mounts) = super::pod::secret_volumes(&access.plane_files());
    let port = match flavour {
        Flavour::Kubernetes => IntOrString::String("control-plane".into()),
        Flavour::Podman => IntOrString::Int(i32::from(plan.plane.port)),
    };
    let ready = Probe {
        tcp_socket: Some(TCPSocketAction {
            port,
            ..TCPSocketAction::default()
        }),
        period_seconds: Some(2),
        ..Probe::default()
    };
    let env = [
        (flowctl_core::env::STATE_DIR, STATE_DIR),
        (flowctl_core::env::SOCKET, SOCKET),
    ];
    let container = Container {
        name: "flowctld".into(),
        image: Some(options.flowctld_image.clone()),
        command: Some(command),
        env: Some(
            env.into_iter()
                .map(|(k, v)| EnvVar {
                    name: k.into(),
                    value: Some(v.into()),
                    ..EnvVar::default()
                })
                .collect(),
        ),
        ports: (flavour == Flavour::Kubernetes).then(|| {
            vec![ContainerPort {
                name: Some("control-plane".into()),
                container_port: i32::from(plan.plane.port),
                ..ContainerPort::default()
            }]
        }),
        readiness_probe: Some(ready),
        volume_mounts: Some(
            [
                mount("pipeline", PIPELINE_DIR, true),
                mount("state", STATE_VOLUME_DIR, false),
            ]
            .into_iter()
            .chain(secret_mounts)
            .collect(),
        ),
        ..Container::default()
    };
    let mut volumes = vec![Volume {
        name: "pipeline".into(),
        config_map: Some(ConfigMapVolumeSource {
            name: pipeline_map(plan),
            ..ConfigMapVolumeSource::default()
        }),
        ..Volume::default()
    }];
    if flavour == Flavour::Podman {
        volumes.push(Volume {
            name: "state".into(),
            persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
                claim_name: state_claim_name(plan),
                ..PersistentVolumeClaimVolumeSource::default()
            }),
            ..Volume::default()
        });
    }
    PodSpec {
        containers: vec![container],
        volumes: Some(volumes.into_iter().chain(secret_volumes).collect()),
        ..PodSpec::default()
    }
}

fn mount(name: &str, path: &str, read_only: bool) -> VolumeMount {
    VolumeMount {
        name: name.into(),
        mount_path: path.into(),
        read_only: read_only.then_some(true),
        ..VolumeMount::default()
    }
}

/// The name of the podman flavour's claim of the state volume.
pub(super) fn state_claim_name(plan: &Plan<'_>) -> String {
    format!("{}-state", plan.plane.name)
}

/// The claim `name` of the volume that keeps the run record.
pub(super) fn state_claim(name: &str) -> PersistentVolumeClaim {
    PersistentVolumeClaim {
        metadata: ObjectMeta {
            name: Some(name.into()),
            ..ObjectMeta::default()
        },
        spec: Some(PersistentVolumeClaimSpec {
            access_modes: Some(vec!["ReadWriteOnce".into()]),
            resources: Some(VolumeResourceRequirements {
                requests: Some(BTreeMap::from([(
                    "storage".to_owned(),
                    Quantity(STATE_VOLUME_SIZE.into()),
                )])),
                ..VolumeResourceRequirements::default()
            }),
            ..PersistentVolumeClaimSpec::default()
        }),
        ..PersistentVolumeClaim::default()
    }
}
