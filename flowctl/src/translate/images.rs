//! Which image a component runs: `--image ID=IMAGE` first, then its
//! `type: name@version` reference (COMPAT.md 6: `docker.io/withobsrvr/
//! name:version`, or `org/name@version`; `--registry` replaces
//! `docker.io/withobsrvr`, or only `docker.io` when the reference names its
//! organisation).

use flowctl_core::spec::Component;

/// Where a component's image came from; a reference's image has its own
/// entrypoint, so only the component's `args` are passed to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Image {
    /// `--image ID=IMAGE`: the component's whole command runs in it.
    Given(String),
    /// From `type: name@version`: the image's entrypoint runs, with `args`.
    Reference(String),
}

impl Image {
    /// The image name.
    pub fn name(&self) -> &str {
        match self {
            Image::Given(name) | Image::Reference(name) => name,
        }
    }
}

/// The default registry and organisation of a reference (COMPAT.md 6).
const DEFAULT_REGISTRY: &str = "docker.io";
const DEFAULT_ORG: &str = "withobsrvr";

/// The image of `component`, if it has one.
pub fn image_of(
    component: &Component,
    given: Option<&String>,
    registry: Option<&str>,
) -> Option<Image> {
    if let Some(image) = given {
        return Some(Image::Given(image.clone()));
    }
    let reference = component.type_name.as_deref()?;
    let (path, version) = reference.split_once('@')?;
    let (org, name) = match path.rsplit_once('/') {
        Some((org, name)) => (Some(org), name),
        None => (None, path),
    };
    let image = match (registry, org) {
        (Some(registry), Some(org)) => format!("{registry}/{org}/{name}:{version}"),
        (Some(registry), None) => format!("{registry}/{name}:{version}"),
        (None, org) => format!(
            "{DEFAULT_REGISTRY}/{}/{name}:{version}",
            org.unwrap_or(DEFAULT_ORG)
        ),
    };
    Some(Image::Reference(image))
}

/// The error for a component that needs an image and has none.
pub fn missing(id: &str, format: &str) -> String {
    format!(
        "component '{id}' has no image, and {format} runs every component from one; give it \
         one with --image {id}=IMAGE, name it by reference (type: name@version), or set \
         'image:' in the pipeline"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn component(type_name: &str) -> Component {
        let text = format!(
            "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata: {{name: p}}\nspec:\n  sources:\n    - id: s\n      type: {type_name}\n"
        );
        let parsed = flowctl_core::spec::parse("p.yaml", text.as_bytes()).expect("valid");
        parsed.pipeline.components[0].clone()
    }

    #[test]
    fn references_name_images_as_compat_says() {
        let c = component("stellar-live-source@v1.0.0");
        assert_eq!(
            image_of(&c, None, None),
            Some(Image::Reference(
                "docker.io/withobsrvr/stellar-live-source:v1.0.0".into()
            ))
        );
        assert_eq!(
            image_of(&c, None, Some("ghcr.io/me")).unwrap().name(),
            "ghcr.io/me/stellar-live-source:v1.0.0"
        );
        let c = component("acme/ttp@v2");
        assert_eq!(
            image_of(&c, None, None).unwrap().name(),
            "docker.io/acme/ttp:v2"
        );
        assert_eq!(
            image_of(&c, None, Some("reg:5000")).unwrap().name(),
            "reg:5000/acme/ttp:v2"
        );
        assert_eq!(image_of(&component("plain"), None, None), None);
        let given = "x:1".to_owned();
        assert_eq!(
            image_of(&c, Some(&given), None),
            Some(Image::Given("x:1".into()))
        );
    }
}
