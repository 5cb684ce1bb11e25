//! Package, resource, tag and organisation dictionaries in CKAN's shape.
//!
//! Every key of CKAN's package and resource dictionaries is present, `null` when socle
//! has no value, because harvesters (udata's CKAN backend among them) read some keys
//! without checking they exist. Times are written as CKAN writes them: UTC without a zone
//! suffix, with microseconds. The update frequency, temporal coverage and spatial codes
//! travel as the extras that CKAN harvesters read (`frequency`, `temporal_start`,
//! `temporal_end`, `spatial-text`, `spatial-uri`).
//!
//! socle stores spatial coverage as INSEE codes (`commune:42218`, `epci:<SIREN>`,
//! `departement:42`), not as geometries. ckanext-spatial and udata's CKAN harvester read
//! the `spatial` extra as a GeoJSON geometry, so socle never writes that key. The codes go
//! in `spatial-text`. The INSEE IRIs of the communes and départements among them go in
//! `spatial-uri`, as they do in `dct:spatial` in the DCAT feed. The write side
//! (`super::write`) rejects a `spatial` extra for the same reason.

use std::collections::HashMap;
use std::sync::OnceLock;

use catalog::search::DatasetHit;
use catalog::{DatasetState, Organization, Resource, ResourceSource, ValidationStatus};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Base of the EU frequency vocabulary, whose codes socle stores.
const FREQUENCY_BASE: &str = "http://publications.europa.eu/resource/authority/frequency/";

/// Writes a stored RFC 3339 UTC time as CKAN does: `2024-01-31T10:20:30.123456`.
pub fn ckan_time(stored: &str) -> String {
    let without_zone = stored
        .strip_suffix('Z')
        .or_else(|| stored.strip_suffix("+00:00"))
        .unwrap_or(stored);
    if without_zone.contains('.') || without_zone.len() != 19 {
        without_zone.to_string()
    } else {
        format!("{without_zone}.000000")
    }
}

/// Returns the schema.data.gouv.fr URL of a bundled schema, by slug.
pub fn schema_url(slug: &str) -> Option<&'static str> {
    static URLS: OnceLock<HashMap<String, String>> = OnceLock::new();
    let urls = URLS.get_or_init(|| {
        let mut urls = HashMap::new();
        for entry in scdl::entries().unwrap_or_default() {
            if let Some(url) = entry.schema_url
                && (entry.latest || !urls.contains_key(&entry.slug))
            {
                urls.insert(entry.slug.clone(), url);
            }
        }
        urls
    });
    urls.get(slug).map(String::as_str)
}

/// Returns a MIME type for the formats socle meets most.
fn mimetype(format: &str) -> Option<&'static str> {
    Some(match format {
        "csv" => "text/csv",
        "tsv" => "text/tab-separated-values",
        "txt" => "text/plain",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "xml" => "application/xml",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls" => "application/vnd.ms-excel",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        _ => return None,
    })
}

/// Derives a stable id for a tag from its name, since socle stores tags as plain text.
fn tag_id(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// A tag dictionary.
#[derive(Serialize)]
pub struct TagDict<'a> {
    id: String,
    name: &'a str,
    display_name: &'a str,
    state: &'static str,
    vocabulary_id: Option<&'a str>,
}

impl<'a> TagDict<'a> {
    pub fn new(name: &'a str) -> TagDict<'a> {
        TagDict {
            id: tag_id(name),
            name,
            display_name: name,
            state: "active",
            vocabulary_id: None,
        }
    }
}

pub fn tag_dict(name: &str) -> Value {
    serde_json::to_value(TagDict::new(name)).unwrap_or(Value::Null)
}

/// Returns the URL of the public page of a resource's validation report.
pub fn report_url(base: &str, dataset_id: Uuid, resource_id: Uuid) -> String {
    format!("{base}/jeux-de-donnees/{dataset_id}/ressources/{resource_id}")
}

/// A resource dictionary, serialised in CKAN's key order.
#[derive(Serialize)]
pub struct ResourceDict<'a> {
    id: Uuid,
    package_id: Uuid,
    url: String,
    name: &'a str,
    description: &'a str,
    format: String,
    mimetype: Option<&'static str>,
    mimetype_inner: Option<&'static str>,
    size: Option<u64>,
    hash: Option<&'a str>,
    resource_type: Option<&'static str>,
    url_type: Option<&'static str>,
    position: usize,
    state: &'static str,
    created: String,
    last_modified: String,
    metadata_modified: String,
    cache_url: Option<&'static str>,
    cache_last_updated: Option<&'static str>,
    datastore_active: bool,
    schema: Option<&'static str>,
    validation_status: &'static str,
    validation_report_url: Option<String>,
}

impl<'a> ResourceDict<'a> {
    pub fn new(base: &str, resource: &'a Resource, position: usize) -> ResourceDict<'a> {
        let (url, url_type, size, hash) = match &resource.source {
            ResourceSource::File { size, sha256, .. } => (
                format!(
                    "{base}/jeux-de-donnees/{}/ressources/{}/telechargement",
                    resource.dataset_id, resource.id
                ),
                Some("upload"),
                Some(*size),
                Some(sha256.as_str()),
            ),
            ResourceSource::Url { url } => (url.clone(), None, None, None),
        };
        let validated = !matches!(resource.validation_status, ValidationStatus::None);
        let modified = ckan_time(&resource.modified_at);
        ResourceDict {
            id: resource.id,
            package_id: resource.dataset_id,
            url,
            name: &resource.title,
            description: &resource.description,
            format: resource.format.to_uppercase(),
            mimetype: mimetype(&resource.format),
            mimetype_inner: None,
            size,
            hash,
            resource_type: None,
            url_type,
            position,
            state: "active",
            created: ckan_time(&resource.created_at),
            last_modified: modified.clone(),
            metadata_modified: modified,
            cache_url: None,
            cache_last_updated: None,
            datastore_active: false,
            schema: resource.schema_slug.as_deref().and_then(schema_url),
            validation_status: resource.validation_status.code(),
            validation_report_url: validated
                .then(|| report_url(base, resource.dataset_id, resource.id)),
        }
    }
}

pub fn resource_dict(base: &str, resource: &Resource, position: usize) -> Value {
    serde_json::to_value(ResourceDict::new(base, resource, position)).unwrap_or(Value::Null)
}

/// An organisation dictionary; `package_count` is left out when `None`.
#[derive(Serialize)]
pub struct OrganizationDict<'a> {
    id: Uuid,
    name: &'a str,
    title: &'a str,
    display_name: &'a str,
    description: &'a str,
    image_url: &'static str,
    image_display_url: &'static str,
    created: Option<String>,
    is_organization: bool,
    approval_status: &'static str,
    state: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    num_followers: u64,
    extras: [(); 0],
    siren: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    package_count: Option<u64>,
}

impl<'a> OrganizationDict<'a> {
    pub fn new(organization: &'a Organization, package_count: Option<u64>) -> OrganizationDict<'a> {
        OrganizationDict {
            id: organization.id,
            name: &organization.slug,
            title: &organization.name,
            display_name: &organization.name,
            description: &organization.description,
            image_url: "",
            image_display_url: "",
            created: Some(ckan_time(&organization.created_at)),
            is_organization: true,
            approval_status: "approved",
            state: "active",
            kind: "organization",
            num_followers: 0,
            extras: [],
            siren: organization.siren.as_deref(),
            package_count,
        }
    }

    /// Builds the dictionary from the organisation columns of a dataset, for a dataset
    /// whose organisation row was not read.
    fn from_hit(hit: &'a DatasetHit) -> OrganizationDict<'a> {
        OrganizationDict {
            id: hit.dataset.organization_id,
            name: &hit.organization_slug,
            title: &hit.organization_name,
            display_name: &hit.organization_name,
            description: "",
            image_url: "",
            image_display_url: "",
            created: None,
            is_organization: true,
            approval_status: "approved",
            state: "active",
            kind: "organization",
            num_followers: 0,
            extras: [],
            siren: None,
            package_count: None,
        }
    }
}

pub fn organization_dict(organization: &Organization, package_count: Option<u64>) -> Value {
    serde_json::to_value(OrganizationDict::new(organization, package_count)).unwrap_or(Value::Null)
}

/// Returns the CKAN `state` of a dataset: drafts are `draft`, as in CKAN.
fn state_of(hit: &DatasetHit) -> &'static str {
    match hit.dataset.state {
        DatasetState::Active if !hit.dataset.published => "draft",
        state => state.code(),
    }
}

/// One `{"key", "value"}` extra.
#[derive(Serialize)]
struct Extra {
    key: &'static str,
    value: String,
}

fn extras(hit: &DatasetHit) -> Vec<Extra> {
    let fields = &hit.dataset.fields;
    let mut extras = Vec::new();
    if !fields.frequency.is_empty() {
        extras.push(Extra {
            key: "frequency",
            value: format!("{FREQUENCY_BASE}{}", fields.frequency),
        });
    }
    if let Some(start) = &fields.temporal_start {
        extras.push(Extra {
            key: "temporal_start",
            value: start.clone(),
        });
    }
    if let Some(end) = &fields.temporal_end {
        extras.push(Extra {
            key: "temporal_end",
            value: end.clone(),
        });
    }
    if !fields.spatial.is_empty() {
        extras.push(Extra {
            key: "spatial-text",
            value: fields.spatial.join(", "),
        });
    }
    let uris: Vec<String> = fields
        .spatial
        .iter()
        .filter_map(|code| dcat::vocab::official_spatial_iri(code))
        .collect();
    if !uris.is_empty() {
        extras.push(Extra {
            key: "spatial-uri",
            value: uris.join(", "),
        });
    }
    if let Some(url) = fields.schema_slug.as_deref().and_then(schema_url) {
        extras.push(Extra {
            key: "schema",
            value: url.to_string(),
        });
    }
    extras
}

fn non_blank(text: &str) -> Option<&str> {
    (!text.trim().is_empty()).then_some(text)
}

/// A package dictionary, serialised in CKAN's key order. It borrows the dataset, so a
/// page of a thousand packages is written out without an intermediate JSON tree.
#[derive(Serialize)]
pub struct PackageDict<'a> {
    id: Uuid,
    name: &'a str,
    title: &'a str,
    notes: &'a str,
    url: String,
    version: Option<&'static str>,
    author: Option<&'static str>,
    author_email: Option<&'static str>,
    maintainer: Option<&'a str>,
    maintainer_email: Option<&'a str>,
    license_id: &'a str,
    license_title: Option<&'static str>,
    license_url: Option<&'static str>,
    isopen: bool,
    #[serde(rename = "type")]
    kind: &'static str,
    state: &'static str,
    private: bool,
    owner_org: Uuid,
    creator_user_id: Option<&'static str>,
    metadata_created: String,
    metadata_modified: String,
    organization: OrganizationDict<'a>,
    groups: [(); 0],
    num_tags: usize,
    tags: Vec<TagDict<'a>>,
    extras: Vec<Extra>,
    num_resources: usize,
    resources: Vec<ResourceDict<'a>>,
    relationships_as_subject: [(); 0],
    relationships_as_object: [(); 0],
    validity: &'static str,
}

impl<'a> PackageDict<'a> {
    /// Builds a package dictionary. `resources` must already exclude what the caller may
    /// not see.
    pub fn new(
        base: &str,
        hit: &'a DatasetHit,
        organization: Option<&'a Organization>,
        resources: &'a [Resource],
    ) -> PackageDict<'a> {
        let dataset = &hit.dataset;
        let fields = &dataset.fields;
        let licence = catalog::find_licence(&fields.licence);
        let tags: Vec<TagDict<'a>> = fields.tags.iter().map(|tag| TagDict::new(tag)).collect();
        let resources: Vec<ResourceDict<'a>> = resources
            .iter()
            .enumerate()
            .map(|(position, resource)| ResourceDict::new(base, resource, position))
            .collect();
        PackageDict {
            id: dataset.id,
            name: &dataset.slug,
            title: &fields.title,
            notes: &fields.description,
            url: format!("{base}/jeux-de-donnees/{}", dataset.slug),
            version: None,
            author: None,
            author_email: None,
            maintainer: non_blank(&fields.contact_name),
            maintainer_email: non_blank(&fields.contact_email),
            license_id: &fields.licence,
            license_title: licence.map(|licence| licence.title),
            license_url: licence.map(|licence| licence.url),
            isopen: licence.is_some(),
            kind: "dataset",
            state: state_of(hit),
            private: fields.private,
            owner_org: dataset.organization_id,
            creator_user_id: None,
            metadata_created: ckan_time(&dataset.created_at),
            metadata_modified: ckan_time(&dataset.modified_at),
            organization: match organization {
                Some(organization) => OrganizationDict::new(organization, None),
                None => OrganizationDict::from_hit(hit),
            },
            groups: [],
            num_tags: tags.len(),
            tags,
            extras: extras(hit),
            num_resources: resources.len(),
            resources,
            relationships_as_subject: [],
            relationships_as_object: [],
            validity: dataset.validity.code(),
        }
    }
}

/// Builds a package dictionary as a JSON value, for single shows.
pub fn package_dict(
    base: &str,
    hit: &DatasetHit,
    organization: Option<&Organization>,
    resources: &[Resource],
) -> Value {
    serde_json::to_value(PackageDict::new(base, hit, organization, resources))
        .unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_ckan_writes_them() {
        assert_eq!(
            ckan_time("2024-01-31T10:20:30.123456Z"),
            "2024-01-31T10:20:30.123456"
        );
        assert_eq!(
            ckan_time("2024-01-31T10:20:30Z"),
            "2024-01-31T10:20:30.000000"
        );
    }

    #[test]
    fn tag_ids_are_stable() {
        assert_eq!(tag_id("budget"), tag_id("budget"));
        assert_ne!(tag_id("budget"), tag_id("budgets"));
        assert!(Uuid::parse_str(&tag_id("budget")).is_ok());
    }

    #[test]
    fn deliberations_schema_has_its_url() {
        let url = schema_url("deliberations").expect("bundled schema");
        assert!(url.starts_with("https://schema.data.gouv.fr/"), "{url}");
    }
}
