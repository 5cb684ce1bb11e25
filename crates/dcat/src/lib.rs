//! DCAT-AP 3 export of socle's catalogue, as harvested by data.gouv.fr.
//!
//! [`model`] is the plain data of a feed (catalogue, page, datasets, distributions,
//! publisher, contact point); [`FeedWriter`] writes it as Turtle, RDF/XML or JSON-LD to any
//! [`std::io::Write`], one dataset at a time, so a feed of any size is written in bounded
//! memory. [`vocab`] holds the namespaces and the canonical IRIs of licences, EU
//! frequencies, file types, media types and places.
//!
//! Deliberately left out: reading the catalogue (the shells pass public data only),
//! HTTP, and DCAT import, which belongs to the harvester.

mod graph;
mod jsonld;
pub mod model;
pub mod vocab;
mod writer;

pub use graph::{InvalidIri, clean_text, is_valid_iri};
pub use model::{Agent, Catalog, ContactPoint, Dataset, Distribution, Licence, Page, Standard};
pub use writer::{FeedWriter, Format};
