//! `flowctl translate`: a pipeline file as the manifests of another engine
//! (Kubernetes, `podman kube play`, Compose, systemd, Nomad), with flowctld
//! in its no-spawn mode
//! as the control plane every component registers with.
//!
//! Layout:
//! - `access`: the token and TLS secrets of the plane, for every format.
//! - `plan`: the pipeline as a neutral list of services (image, command,
//!   environment, ports, probes, restarts) and the control plane; every
//!   format reads only this.
//! - `images`: which image a component runs (`--image`, `type: name@version`).
//! - `warnings`: mappings that lose meaning, each naming the field.
//! - `kubernetes`: typed `k8s-openapi` objects, as a YAML stream; its
//!   podman flavour is the subset `podman kube play` runs.
//! - `compose`: a small typed Compose model, for `docker-compose` and `local`.
//! - `systemd`: one unit per component, one for flowctld, and a target.
//! - `nomad`: a JSON job, a group per component.
//! - `yaml`: the one YAML serializer the formats share.

mod access;
mod compose;
mod images;
mod kubernetes;
mod nomad;
mod plan;
mod systemd;
mod warnings;
mod yaml;

use std::collections::BTreeMap;
use std::path::PathBuf;

use flowctl_core::spec::Pipeline;

pub use access::Access;
pub use plan::DEFAULT_PLANE_PORT;
pub use warnings::Warnings;

/// The engines a pipeline translates to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Kubernetes,
    /// The Kubernetes objects as `podman kube play` (4.3+) runs them.
    Podman,
    DockerCompose,
    Local,
    Systemd,
    Nomad,
}

impl Format {
    /// Every format, in the order help and errors list them.
    pub const ALL: [Format; 6] = [
        Format::Kubernetes,
        Format::Podman,
        Format::DockerCompose,
        Format::Local,
        Format::Systemd,
        Format::Nomad,
    ];

    /// The name given to `-o`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Kubernetes => "kubernetes",
            Format::Podman => "podman",
            Format::DockerCompose => "docker-compose",
            Format::Local => "local",
            Format::Systemd => "systemd",
            Format::Nomad => "nomad",
        }
    }

    /// Reads a name given to `-o`; `k8s` and `compose` are accepted too.
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "k8s" => Some(Format::Kubernetes),
            "compose" => Some(Format::DockerCompose),
            _ => Format::ALL.into_iter().find(|f| f.as_str() == name),
        }
    }

    /// Whether every component of this format runs from an image.
    fn needs_images(self) -> bool {
        matches!(
            self,
            Format::Kubernetes | Format::Podman | Format::DockerCompose | Format::Local
        )
    }
}

/// What the user asked for, besides the pipeline.
#[derive(Debug, Clone)]
pub struct Options {
    pub format: Format,
    /// Put before every generated name; `None`: the format's default (none
    /// for Compose, whose project name scopes the services, else
    /// `<pipeline>-`).
    pub prefix: Option<String>,
    /// Registry (and organisation) for `type: name@version` references, in
    /// place of `docker.io/withobsrvr`.
    pub registry: Option<String>,
    /// Kubernetes namespace (and Nomad namespace), over `metadata.namespace`.
    pub namespace: Option<String>,
    /// `--image ID=IMAGE`.
    pub images: BTreeMap<String, String>,
    /// The image flowctld runs from in the container formats.
    pub flowctld_image: String,
    /// The control plane's port.
    pub plane_port: u16,
    /// The pipeline file's text, as the control plane will read it.
    pub pipeline_text: String,
    /// The pipeline file, absolute (systemd and Nomad `raw_exec` read it in place).
    pub pipeline_path: PathBuf,
    /// The directory relative commands and `working_dir` are relative to.
    pub cwd: PathBuf,
    /// The absolute path of the flowctld program, for the host formats.
    pub flowctld_program: PathBuf,
    /// `--token-secret`, `--tls-secret`.
    pub access: Access,
}

/// One file of a translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// Its name inside the output directory.
    pub name: String,
    pub text: String,
}

/// What a translation produced: files (the first one is the main one) and
/// warnings about what did not map.
#[derive(Debug)]
pub struct Translation {
    pub files: Vec<OutFile>,
    pub warnings: Vec<String>,
}

/// Translates `pipeline` as `options` say; the error names the component
/// and what to do.
pub fn translate(pipeline: &Pipeline, options: &Options) -> Result<Translation, String> {
    let mut warnings = Warnings::default();
    let plan = plan::Plan::new(pipeline, options, &mut warnings)?;
    let files = match options.format {
        Format::Kubernetes => kubernetes::render(
            &plan,
            options,
            kubernetes::Flavour::Kubernetes,
            &mut warnings,
        )?,
        Format::Podman => {
            kubernetes::render(&plan, options, kubernetes::Flavour::Podman, &mut warnings)?
        }
        Format::DockerCompose => compose::render(&plan, options, false, &mut warnings)?,
        Format::Local => compose::render(&plan, options, true, &mut warnings)?,
        Format::Systemd => systemd::render(&plan, options, &mut warnings),
        Format::Nomad => nomad::render(&plan, options, &mut warnings)?,
    };
    Ok(Translation {
        files,
        warnings: warnings.into_lines(),
    })
}
