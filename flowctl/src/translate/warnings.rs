//! Mappings that lose meaning: never silent, each a warning naming the
//! component and the field.

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
