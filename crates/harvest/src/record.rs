//! The normalised shape of what a remote catalogue publishes, whatever its kind.
//!
//! Every source (CKAN, DCAT, udata, Opendatasoft) turns each remote entry into an
//! [`Item`]: either a [`RemoteDataset`] with its [`RemoteDistribution`]s, or a [`Skip`]
//! that names why the entry could not be taken. Values that socle has codes for (licences, EU
//! frequencies) are mapped onto socle's codes; a value that cannot be mapped is kept raw
//! in a [`Mapped`] and a [`Note`] says so. This module holds data only, so the platform
//! can store and compare records without knowing where they came from.

use std::collections::BTreeMap;

use serde::Serialize;

/// One entry of a remote listing: a dataset to harvest, or an entry that was skipped.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    Dataset(Box<RemoteDataset>),
    Skipped(Skip),
}

/// A dataset as a remote catalogue describes it, normalised.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RemoteDataset {
    /// Identifier unique within the source, stable across runs: CKAN's package `id`,
    /// DCAT's `dct:identifier` (else the dataset IRI), udata's and Opendatasoft's ids.
    pub remote_id: String,
    /// The dataset IRI (DCAT) or the package name (CKAN), when it differs from `remote_id`.
    pub uri: Option<String>,
    pub title: String,
    /// Description as the source gives it: Markdown (CKAN, udata), HTML (Opendatasoft,
    /// some DCAT feeds) or plain text. It is not converted.
    pub description: Option<String>,
    /// The page that shows the dataset on the remote portal.
    pub landing_page: Option<String>,
    /// Name of the remote organisation or publisher.
    pub publisher: Option<String>,
    pub contact_email: Option<String>,
    pub keywords: Vec<String>,
    /// Theme labels, or IRIs when the source gives no label.
    pub themes: Vec<String>,
    /// Licence mapped onto socle's licence ids (`lov2`, `odbl`, `cc-by-4.0`, `cc0-1.0`).
    pub licence: Option<Mapped>,
    /// Update frequency mapped onto the EU frequency codes (`DAILY`, `ANNUAL`, …).
    pub frequency: Option<Mapped>,
    pub temporal: Option<Temporal>,
    pub spatial: Option<Spatial>,
    /// Creation date as given by the source (ISO 8601 date or date-time).
    pub issued: Option<String>,
    /// Last modification date as given by the source (ISO 8601 date or date-time).
    pub modified: Option<String>,
    /// Language tags or IRIs of the metadata.
    pub languages: Vec<String>,
    /// Schemas the data conforms to (`dct:conformsTo`, CKAN `schema`), such as the
    /// schema.data.gouv.fr URLs of SCDL schemas.
    pub schemas: Vec<String>,
    pub distributions: Vec<RemoteDistribution>,
    /// Source-specific values kept as they are (CKAN extras not read above, for example).
    pub extras: BTreeMap<String, String>,
    /// Values that could not be mapped or were dropped while reading this dataset.
    pub notes: Vec<Note>,
}

/// A file or service of a remote dataset (DCAT distribution, CKAN resource).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RemoteDistribution {
    /// Identifier given by the source, when it gives one. Not always unique: some CKAN
    /// emulations give the WMS and WFS resources of a layer the same id, so the platform
    /// should match distributions by `url` first.
    pub remote_id: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// The URL to fetch: `dcat:downloadURL`, else `dcat:accessURL`, else CKAN `url`.
    pub url: String,
    /// `dcat:accessURL` when it differs from `url`.
    pub access_url: Option<String>,
    /// Format as the source spells it (`CSV`, `geojson`, a media-type IRI…), trimmed.
    pub format: Option<String>,
    pub media_type: Option<String>,
    /// Size in bytes, when the source states a valid one.
    pub size: Option<u64>,
    pub checksum: Option<Checksum>,
    pub licence: Option<Mapped>,
    pub schemas: Vec<String>,
    pub kind: DistributionKind,
    pub issued: Option<String>,
    pub modified: Option<String>,
}

/// Kind of content a distribution gives access to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DistributionKind {
    /// A downloadable file.
    #[default]
    File,
    /// An API or a web service (`dcat:accessService`, CKAN `resource_type` `api`).
    Api,
    /// Documentation or another related resource (CKAN `documentation`, `dct:hasPart`).
    Other,
}

/// A checksum declared by the source, with its algorithm in lower case (`sha256`, `md5`…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checksum {
    pub algorithm: String,
    pub value: String,
}

/// A remote value mapped onto one of socle's codes, or kept raw when no code fits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mapped {
    /// socle's code, or `None` when the raw value matched none.
    pub code: Option<String>,
    /// The value as the source gave it.
    pub raw: String,
}

impl Mapped {
    pub fn known(code: &str, raw: &str) -> Mapped {
        Mapped {
            code: Some(code.to_owned()),
            raw: raw.to_owned(),
        }
    }

    pub fn unknown(raw: &str) -> Mapped {
        Mapped {
            code: None,
            raw: raw.to_owned(),
        }
    }
}

/// Time span covered by the data, each bound as the source gave it (ISO 8601).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Temporal {
    pub start: Option<String>,
    pub end: Option<String>,
}

/// Area covered by the data, as the source describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Spatial {
    /// A GeoJSON geometry, as text.
    pub geometry: Option<String>,
    /// A WKT geometry, as text.
    pub wkt: Option<String>,
    /// An IRI naming the area (a GeoNames or INSEE IRI, for example).
    pub uri: Option<String>,
    /// A free-text place name.
    pub text: Option<String>,
}

/// A remote entry that was not turned into a dataset, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skip {
    /// The entry's identifier, IRI or position, whatever the source gave.
    pub remote_id: Option<String>,
    pub title: Option<String>,
    pub reason: SkipReason,
    /// Named values for the reason's message (`value`, `field`…), a JSON object when
    /// serialised.
    #[serde(serialize_with = "serialize_args")]
    pub args: Vec<(String, String)>,
}

/// Reason an entry was skipped. Each reason has a message id in `harvest.ftl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// No `dct:identifier` and no IRI (a blank-node DCAT dataset), or no CKAN/udata id.
    MissingIdentifier,
    MissingTitle,
    /// A second entry with an identifier already seen in this listing.
    DuplicateIdentifier,
    /// A value the format forbids, named in `args` (`field`, `value`).
    InvalidValue,
    /// An entry that is not a JSON object where one was expected.
    NotAnObject,
    /// A private or deleted remote entry.
    NotPublic,
    /// A remote entry of another type than dataset (a CKAN showcase, for example).
    NotADataset,
}

impl SkipReason {
    /// Returns the stable code used in JSON output and logs.
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::MissingIdentifier => "missing-identifier",
            SkipReason::MissingTitle => "missing-title",
            SkipReason::DuplicateIdentifier => "duplicate-identifier",
            SkipReason::InvalidValue => "invalid-value",
            SkipReason::NotAnObject => "not-an-object",
            SkipReason::NotPublic => "not-public",
            SkipReason::NotADataset => "not-a-dataset",
        }
    }

    /// Returns the message id in the catalogue.
    pub fn message_id(self) -> String {
        format!("harvest-skip-{}", self.code())
    }
}

/// Something worth telling about one dataset that did not prevent harvesting it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub code: NoteCode,
    #[serde(serialize_with = "serialize_args")]
    pub args: Vec<(String, String)>,
}

/// Subject of a [`Note`]. Each code has a message id in `harvest.ftl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteCode {
    /// The licence matched none of socle's licences; it is kept raw.
    UnknownLicence,
    /// The frequency matched no EU frequency code; it is kept raw.
    UnknownFrequency,
    /// A distribution had no URL and was dropped.
    DistributionWithoutUrl,
    /// A value was ignored because it was invalid (`field`, `value`).
    InvalidValueIgnored,
}

impl NoteCode {
    pub fn code(self) -> &'static str {
        match self {
            NoteCode::UnknownLicence => "unknown-licence",
            NoteCode::UnknownFrequency => "unknown-frequency",
            NoteCode::DistributionWithoutUrl => "distribution-without-url",
            NoteCode::InvalidValueIgnored => "invalid-value-ignored",
        }
    }

    pub fn message_id(self) -> String {
        format!("harvest-note-{}", self.code())
    }
}

impl Note {
    pub fn new(code: NoteCode, args: &[(&str, &str)]) -> Note {
        Note {
            code,
            args: owned_args(args),
        }
    }
}

impl Skip {
    pub fn new(
        reason: SkipReason,
        remote_id: Option<String>,
        title: Option<String>,
        args: &[(&str, &str)],
    ) -> Skip {
        Skip {
            remote_id,
            title,
            reason,
            args: owned_args(args),
        }
    }
}

fn owned_args(args: &[(&str, &str)]) -> Vec<(String, String)> {
    args.iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

fn serialize_args<S: serde::Serializer>(
    args: &[(String, String)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(args.iter().map(|(name, value)| (name, value)))
}
