//! Problems found in a schema descriptor, as codes plus arguments.
//!
//! Messages are rendered by the caller from its message catalogue, keyed on
//! [`SchemaProblem::code`], so that this crate stays free of any language.

/// One problem in a descriptor, located by a JSON pointer (`/fields/3/constraints/pattern`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaProblem {
    /// Stable code, also the message key: `schema-json-invalid`, `field-type-unknown`, …
    pub code: &'static str,
    /// JSON pointer to the offending value; empty for the whole descriptor.
    pub pointer: String,
    /// Named arguments for the message (`name`, `value`, `expected`, …).
    pub args: Vec<(&'static str, String)>,
}

impl SchemaProblem {
    pub fn new(code: &'static str, pointer: impl Into<String>) -> Self {
        SchemaProblem {
            code,
            pointer: pointer.into(),
            args: Vec::new(),
        }
    }

    /// Adds a named argument for the message.
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }
}

/// A descriptor that cannot be used: every problem found, not only the first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid table schema: {} problem(s), first: {} at '{}'", problems.len(), problems[0].code, problems[0].pointer)]
pub struct SchemaError {
    /// Never empty.
    pub problems: Vec<SchemaProblem>,
}
