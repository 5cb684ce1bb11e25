//! Package, resource, tag and organisation dictionaries in CKAN's shape.
//!
//! Every key CKAN 2.10 returns is present, `null` when socle has no value, because
//! harvesters (udata's CKAN backend among them) read some keys without checking they
//! exist. Times are written as CKAN writes them: UTC without a zone suffix, with
//! microseconds. The update frequency, temporal coverage and spatial codes travel as the
//! extras that CKAN harvesters read (`frequency`, `temporal_start`, `temporal_end`,
//! `spatial-text`).

use std::collections::HashMap;
use std::sync::OnceLock;

use catalog::search::DatasetHit;
use catalog::{DatasetState, Organization, Resource, ResourceSource, ValidationStatus};
use serde_json::{Map, Value, json};
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

fn text_or_null(text: &str) -> Value {
    if text.trim().is_empty() {
        Value::Null
    } else {
        Value::String(text.to_string())
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

pub fn tag_dict(name: &str) -> Value {
    json!({
        "id": tag_id(name),
        "name": name,
        "display_name": name,
        "state": "active",
        "vocabulary_id": null,
    })
}

/// The public page of a resource's validation report.
pub fn report_url(base: &str, dataset_id: Uuid, resource_id: Uuid) -> String {
    format!("{base}/jeux-de-donnees/{dataset_id}/ressources/{resource_id}")
}

pub fn resource_dict(base: &str, resource: &Resource, position: usize) -> Value {
    let (url, url_type, size, hash) = match &resource.source {
        ResourceSource::File { size, sha256, .. } => (
            format!(
                "{base}/jeux-de-donnees/{}/ressources/{}/telechargement",
                resource.dataset_id, resource.id
            ),
            json!("upload"),
            json!(size),
            json!(sha256),
        ),
        ResourceSource::Url { url } => (url.clone(), Value::Null, Value::Null, Value::Null),
    };
    let validated = !matches!(resource.validation_status, ValidationStatus::None);
    let report = if validated {
        json!(report_url(base, resource.dataset_id, resource.id))
    } else {
        Value::Null
    };
    let schema = resource
        .schema_slug
        .as_deref()
        .and_then(schema_url)
        .map_or(Value::Null, |url| json!(url));
    json!({
        "id": resource.id,
        "package_id": resource.dataset_id,
        "url": url,
        "name": resource.title,
        "description": resource.description,
        "format": resource.format.to_uppercase(),
        "mimetype": mimetype(&resource.format),
        "mimetype_inner": null,
        "size": size,
        "hash": hash,
        "resource_type": null,
        "url_type": url_type,
        "position": position,
        "state": "active",
        "created": ckan_time(&resource.created_at),
        "last_modified": ckan_time(&resource.modified_at),
        "metadata_modified": ckan_time(&resource.modified_at),
        "cache_url": null,
        "cache_last_updated": null,
        "datastore_active": false,
        "schema": schema,
        "validation_status": resource.validation_status.code(),
        "validation_report_url": report,
    })
}

pub fn organization_dict(organization: &Organization, package_count: Option<u64>) -> Value {
    let mut dict = json!({
        "id": organization.id,
        "name": organization.slug,
        "title": organization.name,
        "display_name": organization.name,
        "description": organization.description,
        "image_url": "",
        "image_display_url": "",
        "created": ckan_time(&organization.created_at),
        "is_organization": true,
        "approval_status": "approved",
        "state": "active",
        "type": "organization",
        "num_followers": 0,
        "extras": [],
        "siren": organization.siren,
    });
    if let (Some(count), Value::Object(map)) = (package_count, &mut dict) {
        map.insert("package_count".into(), json!(count));
    }
    dict
}

/// The CKAN `state` of a dataset: drafts are `draft`, as in CKAN.
fn state_of(hit: &DatasetHit) -> &'static str {
    match hit.dataset.state {
        DatasetState::Active if !hit.dataset.published => "draft",
        state => state.code(),
    }
}

fn extras(hit: &DatasetHit) -> Vec<Value> {
    let fields = &hit.dataset.fields;
    let mut extras = Vec::new();
    let mut push = |key: &str, value: String| extras.push(json!({"key": key, "value": value}));
    if !fields.frequency.is_empty() {
        push("frequency", format!("{FREQUENCY_BASE}{}", fields.frequency));
    }
    if let Some(start) = &fields.temporal_start {
        push("temporal_start", start.clone());
    }
    if let Some(end) = &fields.temporal_end {
        push("temporal_end", end.clone());
    }
    // NOTE: socle stores administrative codes, not geometries, so `spatial` (GeoJSON, which
    // harvesters require to be a polygon) is absent and the codes go in `spatial-text`.
    if !fields.spatial.is_empty() {
        push("spatial-text", fields.spatial.join(", "));
    }
    if let Some(url) = fields.schema_slug.as_deref().and_then(schema_url) {
        push("schema", url.to_string());
    }
    extras
}

/// Builds a package dictionary. `resources` must already exclude what the caller may not
/// see.
pub fn package_dict(
    base: &str,
    hit: &DatasetHit,
    organization: Option<&Organization>,
    resources: &[Resource],
) -> Value {
    let dataset = &hit.dataset;
    let fields = &dataset.fields;
    let licence = catalog::find_licence(&fields.licence);
    let tags: Vec<Value> = fields.tags.iter().map(|tag| tag_dict(tag)).collect();
    let resource_dicts: Vec<Value> = resources
        .iter()
        .enumerate()
        .map(|(position, resource)| resource_dict(base, resource, position))
        .collect();
    let organization = match organization {
        Some(organization) => organization_dict(organization, None),
        None => json!({
            "id": dataset.organization_id,
            "name": hit.organization_slug,
            "title": hit.organization_name,
            "type": "organization",
            "is_organization": true,
            "state": "active",
        }),
    };
    let mut dict = Map::new();
    let mut put = |key: &str, value: Value| {
        dict.insert(key.to_string(), value);
    };
    put("id", json!(dataset.id));
    put("name", json!(dataset.slug));
    put("title", json!(fields.title));
    put("notes", json!(fields.description));
    put(
        "url",
        json!(format!("{base}/jeux-de-donnees/{}", dataset.slug)),
    );
    put("version", Value::Null);
    put("author", Value::Null);
    put("author_email", Value::Null);
    put("maintainer", text_or_null(&fields.contact_name));
    put("maintainer_email", text_or_null(&fields.contact_email));
    put("license_id", json!(fields.licence));
    put("license_title", json!(licence.map(|licence| licence.title)));
    put("license_url", json!(licence.map(|licence| licence.url)));
    put("isopen", json!(licence.is_some()));
    put("type", json!("dataset"));
    put("state", json!(state_of(hit)));
    put("private", json!(fields.private));
    put("owner_org", json!(dataset.organization_id));
    put("creator_user_id", Value::Null);
    put("metadata_created", json!(ckan_time(&dataset.created_at)));
    put("metadata_modified", json!(ckan_time(&dataset.modified_at)));
    put("organization", organization);
    put("groups", json!([]));
    put("num_tags", json!(tags.len()));
    put("tags", Value::Array(tags));
    put("extras", Value::Array(extras(hit)));
    put("num_resources", json!(resource_dicts.len()));
    put("resources", Value::Array(resource_dicts));
    put("relationships_as_subject", json!([]));
    put("relationships_as_object", json!([]));
    put("validity", json!(dataset.validity.code()));
    Value::Object(dict)
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
