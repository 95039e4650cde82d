//! Pipeline files built from their components, so a test shows only what
//! matters to it.
//!
//! ```
//! use flowctl_tests::{Pipeline, sh};
//! let text = Pipeline::new("demo")
//!     .source("ticker", &sh("exec sleep 1000"), &["readiness: started"])
//!     .yaml();
//! assert!(text.contains("    - id: ticker\n"));
//! ```

use std::ffi::OsStr;

use crate::command::bin;
use crate::world::World;

/// A pipeline file: its name, pipeline-wide lines, and its components by
/// role, in the order added.
#[derive(Debug, Clone)]
pub struct Pipeline {
    name: String,
    spec: String,
    sources: String,
    processors: String,
    sinks: String,
}

impl Pipeline {
    pub fn new(name: &str) -> Pipeline {
        Pipeline {
            name: name.into(),
            spec: String::new(),
            sources: String::new(),
            processors: String::new(),
            sinks: String::new(),
        }
    }

    /// A pipeline-wide line under `spec:`, such as `env: {A: b}`.
    pub fn spec(mut self, line: &str) -> Pipeline {
        self.spec.push_str(&format!("  {line}\n"));
        self
    }

    /// A source running `command` (a YAML list, see [`sh`] and [`example`]),
    /// with `fields` (`readiness: started`, `inputs: [a]`...) one a line.
    pub fn source(mut self, id: &str, command: &str, fields: &[&str]) -> Pipeline {
        self.sources.push_str(&block(id, command, fields));
        self
    }

    /// A processor; see [`Pipeline::source`].
    pub fn processor(mut self, id: &str, command: &str, fields: &[&str]) -> Pipeline {
        self.processors.push_str(&block(id, command, fields));
        self
    }

    /// A sink; see [`Pipeline::source`].
    pub fn sink(mut self, id: &str, command: &str, fields: &[&str]) -> Pipeline {
        self.sinks.push_str(&block(id, command, fields));
        self
    }

    /// The example generator (`flowctl-example-gen`) as source `id`, with
    /// `env` besides its port.
    pub fn generator(self, id: &str, env: &[(&str, &str)]) -> Pipeline {
        self.source(id, &example("gen"), &[&example_env(env)])
    }

    /// The example processor (`flowctl-example-upper`) as `id`, reading
    /// from `inputs`, with `fields` besides its port.
    pub fn upper(self, id: &str, inputs: &[&str], fields: &[&str]) -> Pipeline {
        let inputs = format!("inputs: [{}]", inputs.join(", "));
        let mut all = vec![inputs.as_str(), "env: {PORT: \"127.0.0.1:0\"}"];
        all.extend_from_slice(fields);
        self.processor(id, &example("upper"), &all)
    }

    /// The example sink (`flowctl-example-sink`) as `id`, reading from
    /// `inputs`, with `env` (`OUTPUT_FILE`, `DELAY_MS`...) besides its port.
    pub fn example_sink(self, id: &str, inputs: &[&str], env: &[(&str, &str)]) -> Pipeline {
        let inputs = format!("inputs: [{}]", inputs.join(", "));
        self.sink(id, &example("sink"), &[&inputs, &example_env(env)])
    }

    /// The file's text.
    pub fn yaml(&self) -> String {
        let mut text = format!(
            "apiVersion: flowctl/v1\nkind: Pipeline\nmetadata:\n  name: {}\nspec:\n{}",
            self.name, self.spec
        );
        for (key, list) in [
            ("sources", &self.sources),
            ("processors", &self.processors),
            ("sinks", &self.sinks),
        ] {
            if !list.is_empty() {
                text.push_str(&format!("  {key}:\n{list}"));
            }
        }
        text
    }
}

fn block(id: &str, command: &str, fields: &[&str]) -> String {
    let mut text = format!("    - id: {id}\n      command: {command}\n");
    for field in fields {
        text.push_str(&format!("      {field}\n"));
    }
    text
}

impl World {
    /// Writes `pipeline` as `NAME.yaml` in the work dir and returns that
    /// file name.
    pub fn pipeline(&self, pipeline: &Pipeline) -> String {
        let file = format!("{}.yaml", pipeline.name);
        self.write(&file, &pipeline.yaml());
        file
    }
}

/// `command:` of a component running `script` with `sh -c` (a JSON string
/// is a valid YAML double-quoted scalar).
pub fn sh(script: &str) -> String {
    format!(
        "[\"sh\", \"-c\", {}]",
        serde_json::to_string(script).unwrap()
    )
}

/// `command:` of example component `name` (`gen`, `upper`, `sink`).
pub fn example(name: &str) -> String {
    format!("[{}]", quote(bin(&format!("flowctl-example-{name}"))))
}

/// `env:` of an example component: any free loopback port, and `pairs`.
pub fn example_env(pairs: &[(&str, &str)]) -> String {
    let mut text = String::from("env: {PORT: \"127.0.0.1:0\"");
    for (key, value) in pairs {
        text.push_str(&format!(", {key}: \"{value}\""));
    }
    text.push('}');
    text
}

/// Double-quoted path for pipeline files.
pub fn quote(path: impl AsRef<OsStr>) -> String {
    format!("\"{}\"", path.as_ref().to_string_lossy())
}
