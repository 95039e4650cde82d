//! Kubernetes: typed `k8s-openapi` objects (so no key can be misspelt),
//! written as one YAML stream.
//!
//! Layout:
//! - `plane`: flowctld as a one-replica StatefulSet with a volume for its
//!   database, its Service, and the pipeline in a ConfigMap;
//! - `workload`: per component a Deployment (`restart_policy: always`) or a
//!   Job (components that run to completion), and a Service for its data
//!   plane;
//! - `pod`: the container of a component: image, environment with the
//!   downward-API pod IP, probes, resources.

mod plane;
mod pod;
mod workload;

use std::collections::BTreeMap;
use std::time::Duration;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::plan::Plan;
use super::warnings::Warnings;
use super::{Options, OutFile, yaml};

/// The stream of every object of the pipeline: the control plane's first.
pub fn render(
    plan: &Plan<'_>,
    options: &Options,
    warnings: &mut Warnings,
) -> Result<Vec<OutFile>, String> {
    let mut documents = plane::objects(plan, options, warnings)?;
    for service in &plan.services {
        documents.extend(workload::objects(plan, service, warnings)?);
    }
    Ok(vec![OutFile {
        name: format!("{}.kubernetes.yaml", plan.pipeline.name),
        text: yaml::stream(&documents),
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
