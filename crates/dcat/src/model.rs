//! The plain data written to a DCAT-AP feed: a catalogue, the page being served, and
//! datasets with their distributions.
//!
//! Values are already resolved by the caller: every IRI here is absolute, and private
//! resources are already left out. Codes that have a canonical IRI (licence, frequency,
//! file format, spatial coverage) are kept as socle codes and turned into IRIs by
//! [`crate::vocab`], so every shell exports the same IRIs.

/// The catalogue node of a feed: the whole platform or one organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    /// IRI of the catalogue, independent of the page and the serialisation.
    pub iri: String,
    pub title: String,
    pub description: String,
    /// Web page of the catalogue (`foaf:homepage`).
    pub homepage: String,
    pub publisher: Agent,
}

/// Paging of a catalogue feed, written as a Hydra view of the catalogue.
///
/// Both vocabularies are written on the same node: `hydra:PartialCollectionView` with
/// `hydra:first`, `last`, `next`, `previous`, and the older `hydra:PagedCollection` with
/// `hydra:firstPage`, `lastPage`, `nextPage`, `previousPage`, `totalItems` and
/// `itemsPerPage`, which some harvesters still read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// URL of the page being written.
    pub iri: String,
    pub first: String,
    pub last: String,
    pub next: Option<String>,
    pub previous: Option<String>,
    /// Number of datasets in the whole catalogue, on every page.
    pub total_items: u64,
    pub items_per_page: u64,
}

/// An organisation acting as publisher (`foaf:Agent` and `foaf:Organization`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    pub iri: String,
    pub name: String,
    /// Nine-digit SIREN of the legal entity, when known.
    pub siren: Option<String>,
}

/// A contact point (`vcard:Kind`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactPoint {
    /// Name of the service or person (`vcard:fn`); may be empty when only the e-mail
    /// address is known.
    pub name: String,
    /// E-mail address, written as a `mailto:` IRI (`vcard:hasEmail`).
    pub email: Option<String>,
}

/// A licence, as a socle licence id (`lov2`, `odbl`, `cc-by-4.0`, `cc0-1.0`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Licence {
    pub id: String,
    /// Title written on the licence node, for readers that match licences by title.
    pub title: String,
}

/// A schema the data follows, written as `dct:conformsTo` (the "schema badge" of
/// data.gouv.fr).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standard {
    /// URL of the schema, such as a schema.data.gouv.fr `schema.json`.
    pub iri: String,
    pub title: String,
}

/// A public dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// IRI of the dataset; stable across edits.
    pub iri: String,
    /// The dataset's UUID (`dct:identifier`), which harvesters use as remote id.
    pub identifier: String,
    pub title: String,
    /// Markdown text.
    pub description: String,
    /// The dataset's web page (`dcat:landingPage`).
    pub landing_page: String,
    pub licence: Option<Licence>,
    /// Code of the EU frequency authority table (`ANNUAL`, `IRREG`…).
    pub frequency: Option<String>,
    /// First day covered, `YYYY-MM-DD`.
    pub temporal_start: Option<String>,
    /// Last day covered, `YYYY-MM-DD`.
    pub temporal_end: Option<String>,
    /// socle spatial codes: `commune:<INSEE code>`, `departement:<code>`, `epci:<SIREN>`.
    pub spatial: Vec<String>,
    pub contact: Option<ContactPoint>,
    pub publisher: Agent,
    pub keywords: Vec<String>,
    /// RFC 3339 date and time of creation, or a plain `YYYY-MM-DD` date.
    pub issued: String,
    /// RFC 3339 date and time of the last change, or a plain `YYYY-MM-DD` date.
    pub modified: String,
    pub conforms_to: Option<Standard>,
    /// Codes of the EU data theme table (`GOVE`, `TRAN`…), written as `dcat:theme`.
    pub themes: Vec<String>,
    pub distributions: Vec<Distribution>,
}

/// A public resource of a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distribution {
    pub iri: String,
    /// The resource's UUID (`dct:identifier`).
    pub identifier: String,
    pub title: String,
    /// Markdown text; left out of the feed when empty.
    pub description: String,
    /// Where the data can be reached (`dcat:accessURL`, mandatory in DCAT-AP).
    pub access_url: String,
    /// Direct link to the file (`dcat:downloadURL`).
    pub download_url: Option<String>,
    /// Lower-case format name as socle stores it (`csv`, `xlsx`).
    pub format: String,
    pub byte_size: Option<u64>,
    /// Lower-case hexadecimal SHA-256 of the file.
    pub sha256: Option<String>,
    pub conforms_to: Option<Standard>,
    pub licence: Option<Licence>,
    pub issued: String,
    pub modified: String,
}
