//! Kubernetes: typed `k8s-openapi` objects (so no key can be misspelt),
//! written as one YAML stream, in two flavours: for a cluster, and for
//! `podman kube play` (the same pod specs, in the kinds podman 4.3 plays).
//!
//! Layout:
//! - `plane`: flowctld as a one-replica StatefulSet with a volume for its
//!   database, its Service, and the pipeline in a ConfigMap;
//! - `workload`: per component a Deployment (`restart_policy: always`) or a
//!   Job (components that run to completion), and a Service for its data
//!   plane;
//! - `pod`: the container of a component: image, environment with the
//!   downward-API pod IP, probes, resources;
//! - `podman`: what the podman flavour does differently, and its header.

mod plane;
mod pod;
mod podman;
mod workload;

use std::collections::BTreeMap;
use std::time::Duration;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::plan::Plan;
use super::warnings::Warnings;
use super::{Options, OutFile, yaml};

/// Which engine plays the objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// A Kubernetes cluster: StatefulSet, Jobs, Services, the downward API.
    Kubernetes,
    /// `podman kube play` (4.3+): Pods, Deployments, a PersistentVolumeClaim
    /// and a ConfigMap, on a network with DNS (see `podman`).
    Podman,
}

impl Flavour {
    /// The engine's name, as warnings say it.
    fn engine(self) -> &'static str {
        match self {
            Flavour::Kubernetes => "Kubernetes",
            Flavour::Podman => "podman",
        }
    }
}

/// The stream of every object of the pipeline: the control plane's first.
pub fn render(
    plan: &Plan<'_>,
    options: &Options,
    flavour: Flavour,
    warnings: &mut Warnings,
) -> Result<Vec<OutFile>, String> {
    let mut documents = match flavour {
        Flavour::Kubernetes => plane::objects(plan, options, warnings)?,
        Flavour::Podman => podman::plane_objects(plan, options, warnings)?,
    };
    for service in &plan.services {
        documents.extend(workload::objects(plan, service, flavour, warnings)?);
    }
    let (suffix, header) = match flavour {
        Flavour::Kubernetes => ("kubernetes", String::new()),
        Flavour::Podman => ("podman", podman::header(plan)),
    };
    Ok(vec![OutFile {
        name: format!("{}.{suffix}.yaml", plan.pipeline.name),
        text: header + &yaml::stream(&documents),
    }])
}

/// The metadata of an object named `name`.
fn meta(plan: &Plan<'_>, name: &str, labels: BTreeMap<String, String>) -> ObjectMeta {
    let annotations = &plan.pipeline.annotations;
    ObjectMeta {
        name: Some(name.to_owned()),
        namespace: plan.namespace.clone(),
        labels: Some(labels),
        annotations: (!annotations.is_empty()).then(|| annotations.clone()),
        ..ObjectMeta::default()
    }
}

/// The labels that pick the pods of `component` (`None`: flowctld's).
fn selector(plan: &Plan<'_>, component: Option<&str>) -> BTreeMap<String, String> {
    let all = plan.labels(component);
    all.into_iter()
        .filter(|(k, _)| k == "app.kubernetes.io/name" || k == "app.kubernetes.io/part-of")
        .collect()
}

/// Whole seconds, rounded up, as Kubernetes counts them.
fn seconds(duration: Duration) -> i32 {
    let whole = duration.as_secs() + u64::from(duration.subsec_nanos() > 0);
    i32::try_from(whole).unwrap_or(i32::MAX)
}

/// One object as a YAML document.
fn document<T: serde::Serialize>(object: &T) -> Result<String, String> {
    yaml::document(object)
}
