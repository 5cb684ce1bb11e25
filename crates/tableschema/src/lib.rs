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
//!
//! # Known differences from frictionless 5.21
//!
//! Cells are read as frictionless 5.21 reads them, with these deliberate or known gaps:
//! - `pattern` must match the whole cell (`^(?:PATTERN)$`). frictionless anchors only the
//!   first and last branch of a top-level alternation, and lets `$` match before a final
//!   line break, so it accepts a few values that socle rejects.
//! - Descriptors that frictionless rejects load here with warnings: constraints written
//!   beside `type` or under a misspelt key are used, and constraints a type does not
//!   support (`pattern` on a date) are ignored.
//! - Integers are 64-bit, and numbers and integers take ASCII digits only.
//! - Dates in the `any` format follow a subset of dateutil's rules.
//! - `geojson` cells are checked for their shape, not against the full GeoJSON schema.
//! - `email` approximates the `validators` library with a few structural rules.
//! - A datetime bound with an offset against a cell without one compares wall-clock times,
//!   where Python raises an error.

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
