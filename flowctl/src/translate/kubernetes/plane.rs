//! flowctld in the cluster: the pipeline in a ConfigMap, a one-replica
//! StatefulSet whose volume claim keeps the run record, and a Service the
//! components register through.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};
use k8s_openapi::api::core::v1::{
    ConfigMap, ConfigMapVolumeSource, Container, ContainerPort, EnvVar, PersistentVolumeClaim,
    PersistentVolumeClaimSpec, PodSpec, PodTemplateSpec, Probe, Service, ServicePort, ServiceSpec,
    TCPSocketAction, Volume, VolumeMount, VolumeResourceRequirements,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{document, meta, selector};
use crate::translate::Options;
use crate::translate::plan::{PIPELINE_DIR, Plan, STATE_DIR};
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
    let config_map = ConfigMap {
        metadata: meta(plan, &format!("{name}-pipeline"), labels.clone()),
        data: Some(BTreeMap::from([(
            PIPELINE_FILE.to_owned(),
            options.pipeline_text.clone(),
        )])),
        ..ConfigMap::default()
    };
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
                spec: Some(pod(plan, options, warnings)),
            },
            volume_claim_templates: Some(vec![state_claim()]),
            ..StatefulSetSpec::default()
        },
        ..StatefulSet::default()
    };
    Ok(vec![
        document(&config_map)?,
        document(&service)?,
        document(&set)?,
    ])
}

fn pod(plan: &Plan<'_>, options: &Options, warnings: &mut Warnings) -> PodSpec {
    let name = &plan.plane.name;
    let pipeline = format!("{PIPELINE_DIR}/{PIPELINE_FILE}");
    let mut command = vec!["flowctld".to_owned()];
    command.extend(plan.plane.args(&pipeline, "0.0.0.0", warnings));
    let access = &plan.plane.access;
    command.extend(access.plane_args(super::pod::secret_path));
    let (secret_volumes, secret_mounts) = super::pod::secret_volumes(&access.plane_files());
    let ready = Probe {
        tcp_socket: Some(TCPSocketAction {
            port: IntOrString::String("control-plane".into()),
            ..TCPSocketAction::default()
        }),
        period_seconds: Some(2),
        ..Probe::default()
    };
    let env = [
        (flowctl_core::env::STATE_DIR, STATE_DIR),
        (flowctl_core::env::SOCKET, "/run/flowctl/flowctld.sock"),
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
        ports: Some(vec![ContainerPort {
            name: Some("control-plane".into()),
            container_port: i32::from(plan.plane.port),
            ..ContainerPort::default()
        }]),
        readiness_probe: Some(ready),
        volume_mounts: Some(
            [
                mount("pipeline", PIPELINE_DIR, true),
                mount("state", STATE_DIR, false),
                mount("run", "/run/flowctl", false),
            ]
            .into_iter()
            .chain(secret_mounts)
            .collect(),
        ),
        ..Container::default()
    };
    PodSpec {
        containers: vec![container],
        volumes: Some(
            [
                Volume {
                    name: "pipeline".into(),
                    config_map: Some(ConfigMapVolumeSource {
                        name: format!("{name}-pipeline"),
                        ..ConfigMapVolumeSource::default()
                    }),
                    ..Volume::default()
                },
                Volume {
                    name: "run".into(),
                    empty_dir: Some(Default::default()),
                    ..Volume::default()
                },
            ]
            .into_iter()
            .chain(secret_volumes)
            .collect(),
        ),
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

/// The claim of the volume that keeps the run record.
fn state_claim() -> PersistentVolumeClaim {
    PersistentVolumeClaim {
        metadata: ObjectMeta {
            name: Some("state".into()),
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
