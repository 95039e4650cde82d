//! The podman flavour: the pod specs of the Kubernetes output, in the kinds
//! `podman kube play` 4.3 plays (Pod, Deployment, PersistentVolumeClaim,
//! ConfigMap; it passes over the others, Services, StatefulSets and Jobs
//! included, with no more than an info line). What differs, and why, is
//! [`DIFFERENCES`], written at the top of the file and in the README.

use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod, PodSpec};

use super::{Flavour, document, meta, plane};
use crate::translate::Options;
use crate::translate::plan::Plan;
use crate::translate::warnings::Warnings;

/// How the podman flavour differs from `-o kubernetes`, one line each.
pub const DIFFERENCES: [&str; 7] = [
    "flowctld is a Pod (restartPolicy Always) with its database on the claim <plane>-state \
     (a podman volume), not a StatefulSet",
    "components that run to completion are bare Pods (restartPolicy Never or OnFailure, \
     retried without a limit) in place of Jobs; restart_policy: always ones are Deployments",
    "no Services: pods find flowctld by its pod name, which needs a network with DNS \
     (podman network create NET; podman kube play --network NET FILE)",
    "a component listens on PORT=<its pod's hostname>:<port> (the hostname resolves to the \
     pod's address, which it then advertises) in place of the downward API's status.podIP \
     and $(POD_IP), which podman supports neither of",
    "no containerPorts: podman 4.3 publishes every declared port on the host",
    "readiness probes are not acted on (podman 4.3 plays none); a liveness probe becomes a \
     podman health check, which runs on a schedule only where systemd timers can run it \
     and marks the container unhealthy without restarting it",
    "podman kube play --down FILE leaves the volumes (the run record and the pipeline): \
     podman volume rm them to play the file again from scratch",
];

/// The comment at the top of the file: what it is, how to play it, and
/// [`DIFFERENCES`].
pub fn header(plan: &Plan<'_>) -> String {
    let name = &plan.pipeline.name;
    let mut out = format!(
        "# {name}.podman.yaml: the pipeline '{name}' as `podman kube play` (4.3 and later) \
         runs it.\n\
         # Play:   podman network create NET && podman kube play --network NET {name}.podman.yaml\n\
         # Remove: podman kube play --down {name}.podman.yaml && podman volume rm {state} \
         {pipeline}\n\
         # How it differs from `flowctl translate -o kubernetes`:\n",
        state = plane::state_claim_name(plan),
        pipeline = format_args!("{}-pipeline", plan.plane.name),
    );
    for line in DIFFERENCES {
        out.push_str("# - ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The control plane: the pipeline's ConfigMap, the claim of the state
/// volume, and flowctld's Pod, named as the components' FLOWCTL_ENDPOINT
/// names it.
pub fn plane_objects(
    plan: &Plan<'_>,
    options: &Options,
    warnings: &mut Warnings,
) -> Result<Vec<String>, String> {
    let labels = plan.labels(None);
    let claim = PersistentVolumeClaim {
        metadata: meta(plan, &plane::state_claim_name(plan), labels.clone()),
        ..plane::state_claim("state")
    };
    let pod = Pod {
        metadata: meta(plan, &plan.plane.name, labels),
        spec: Some(PodSpec {
            restart_policy: Some("Always".into()),
            ..plane::pod(plan, options, Flavour::Podman, warnings)
        }),
        ..Pod::default()
    };
    Ok(vec![
        document(&plane::config_map(plan, options))?,
        document(&claim)?,
        document(&pod)?,
    ])
}
