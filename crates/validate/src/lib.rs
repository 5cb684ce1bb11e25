//! Validation of tabular files against Table Schemas, as agents of collectivités produce them.
//!
//! Data flow: [`read`] sniffs the format, encoding and dialect and streams records; the row
//! loop checks them against a compiled schema and Validata's custom checks ([`custom`]);
//! every problem becomes a [`finding::Finding`]; the report gathers them. Rendering in
//! French or English is done from the message catalogue, outside the loop.
//!
//! Nothing here does HTTP, runs an async runtime or touches a database.

pub mod custom;
pub mod finding;
pub mod read;
