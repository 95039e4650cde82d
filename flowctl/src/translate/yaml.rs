//! YAML out, through `serde-saphyr` (the maintained serializer of the saphyr
//! family our pipeline parser comes from; `serde_yaml` is unmaintained).

use serde::Serialize;

/// `value` as one YAML document.
pub fn document<T: Serialize>(value: &T) -> Result<String, String> {
    serde_saphyr::to_string(value).map_err(|err| format!("cannot write YAML: {err}"))
}

/// Several documents as one stream, each after a `---` line.
pub fn stream(documents: &[String]) -> String {
    let mut out = String::new();
    for document in documents {
        out.push_str("---\n");
        out.push_str(document);
        if !document.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}
