//! Mappings that lose meaning: never silent, each a warning naming the
//! component and the field.

use flowctl_core::spec::Restart;

/// The warnings of one translation, in the order they were found.
#[derive(Debug, Default)]
pub struct Warnings(Vec<String>);

impl Warnings {
    /// `field` of component `id` does not carry over as written: `what`
    /// says what happens instead.
    pub fn field(&mut self, id: &str, field: &str, what: impl AsRef<str>) {
        self.0
            .push(format!("component '{id}': '{field}' {}", what.as_ref()));
    }

    /// For each restart setting among `fields` (`restart_window`,
    /// `restart_delay`, `restart_delay_max`, `min_uptime`) that component
    /// `id` sets away from its default: that it `what`.
    pub fn restart_fields(&mut self, id: &str, restart: &Restart, fields: &[&str], what: &str) {
        let default = Restart::default();
        for &field in fields {
            let changed = match field {
                "restart_window" => restart.window != default.window,
                "restart_delay" => restart.delay != default.delay,
                "restart_delay_max" => restart.delay_max != default.delay_max,
                "min_uptime" => restart.min_uptime != default.min_uptime,
                _ => unreachable!("not a restart setting: {field}"),
            };
            if changed {
                self.field(id, field, what);
            }
        }
    }

    /// A warning about the translation as a whole.
    pub fn general(&mut self, what: impl Into<String>) {
        self.0.push(what.into());
    }

    /// The warnings, each once, in order.
    pub fn into_lines(self) -> Vec<String> {
        let mut seen = Vec::new();
        for line in self.0 {
            if !seen.contains(&line) {
                seen.push(line);
            }
        }
        seen
    }
}
