//! Validation of tabular files against Table Schemas, as agents of collectivités produce them.
//!
//! Data flow: [`read`] sniffs the format, encoding and dialect and streams records; the
//! [`pipeline`] matches the header ([`header`]), checks rows in parallel ([`rows`]) against
//! a compiled schema and Validata's custom checks ([`custom`]); every problem becomes a
//! [`finding::Finding`] gathered in a [`report::Report`]. Rendering in French or English
//! ([`render`]) is done from the message catalogue, outside the loop.
//!
//! Nothing here does HTTP, runs an async runtime or touches a database.

pub mod custom;
pub mod finding;
pub mod header;
pub mod messages;
pub mod pipeline;
pub mod read;
pub mod render;
pub mod report;
pub mod rows;

pub use finding::{Finding, Severity};
pub use pipeline::{Options, Progress, validate_path};
pub use report::{Report, SchemaSummary, Stats};
