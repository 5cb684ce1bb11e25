//! Reading other catalogues: CKAN, DCAT (RDF/XML, Turtle, JSON-LD), udata and
//! Opendatasoft, normalised into one record shape, through a fetcher that is safe to
//! point at URLs typed by users.
//!
//! This crate reads and never stores: the platform keeps sources, jobs and datasets in
//! its database and decides what to create, update or archive from the listing given
//! here. Everything is blocking; callers that run inside an async runtime use a
//! blocking thread.
//!
//! - [`fetch`]: the HTTP fetcher (address vetting, limits, retries, politeness,
//!   conditional requests, streamed bodies with SHA-256).
//! - [`record`]: the normalised dataset, distribution and skipped entry.
//! - [`source`]: source kinds and the page-by-page listing.

pub mod fetch;
pub mod preview;
pub mod record;
pub mod source;

mod ckan;
mod dcat;
mod json;
mod mapping;
mod ods;
mod udata;

pub use mapping::{map_frequency, map_licence};
