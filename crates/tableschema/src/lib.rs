//! Table Schema (frictionless specs v1, with the v2 additions used by schema.data.gouv.fr).
//!
//! Two layers, as the specs are written and as the row loop needs them:
//! - [`descriptor`]: the lenient, spec-shaped model read from JSON. Loading collects every
//!   problem of a broken descriptor at once instead of stopping at the first one.
//! - [`compile`]: the checked plan built once from a descriptor (regexes built, enums parsed
//!   with the field's own reader, bounds parsed). Only the plan enters the row loop.
//!
//! This crate knows nothing of files, encodings or reports: it turns one cell's text into a
//! typed [`Value`] or a type error, and lists the constraints a value breaks. Validata's
//! custom checks are carried here as raw declarations ([`CustomCheckSpec`]) and run by the
//! `validate` crate.

pub mod compile;
pub mod descriptor;
pub mod problem;
pub mod value;

pub use compile::{
    CompiledField, CompiledForeignKey, CompiledSchema, ConstraintKind, TypeError, TypeHint,
};
pub use descriptor::{Constraints, CustomCheckSpec, Field, FieldType, ForeignKey, Schema};
pub use problem::{SchemaError, SchemaProblem};
pub use value::{DurationParts, Native, Value, ValueKey};
