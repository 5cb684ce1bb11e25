//! Turning a remote dataset read by the `harvest` crate into the catalogue's fields.
//!
//! The catalogue accepts only its own vocabularies: licence ids, EU frequency codes,
//! `commune:`/`epci:`/`departement:` coverage codes and bundled schema slugs. Each remote
//! value is mapped onto them, and a value with no counterpart is dropped. The licence is
//! the exception, because a dataset cannot be published without one: a record whose
//! licence is unknown or absent is rejected with the licence it gave.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use catalog::DatasetFields;
use catalog::harvest::reconcile::Rejected;
use catalog::harvest::{HarvestedRecord, HarvestedResource, Reason, SourceDates};
use harvest::record::{RemoteDataset, Skip};

/// Most tags kept per dataset and characters per tag, the catalogue's limits.
const MAX_TAGS: usize = 30;
const MAX_TAG_CHARS: usize = 60;
/// Maximum length of a format name, in characters; longer values are not format names.
const MAX_FORMAT_CHARS: usize = 20;

/// Converts a remote dataset, or returns why it cannot be harvested.
pub fn to_record(remote: &RemoteDataset) -> Result<HarvestedRecord, Rejected> {
    let reject = |reason: Reason| Rejected {
        remote_id: remote.remote_id.clone(),
        title: remote.title.clone(),
        reason,
    };
    let licence = match &remote.licence {
        Some(mapped) => match &mapped.code {
            Some(code) => code.clone(),
            None => {
                return Err(reject(
                    Reason::new("harvest-reason-unknown-licence").with("licence", &mapped.raw),
                ));
            }
        },
        None => return Err(reject(Reason::new("harvest-reason-no-licence"))),
    };
    let frequency = remote
        .frequency
        .as_ref()
        .and_then(|mapped| mapped.code.clone())
        .filter(|code| catalog::is_frequency(code))
        .unwrap_or_else(|| "UNKNOWN".to_string());
    // CKAN servers, socle's own API among them, may give the dataset's schema as an
    // extra, which the reader keeps raw.
    let dataset_schema = remote
        .schemas
        .iter()
        .chain(remote.extras.get("schema"))
        .find_map(|url| schema_slug(url));

    let fields = DatasetFields {
        title: remote.title.trim().to_string(),
        description: remote.description.clone().unwrap_or_default(),
        licence,
        tags: tags(remote),
        frequency,
        temporal_start: remote
            .temporal
            .as_ref()
            .and_then(|temporal| temporal.start.as_deref())
            .and_then(|value| date_bound(value, false)),
        temporal_end: remote
            .temporal
            .as_ref()
            .and_then(|temporal| temporal.end.as_deref())
            .and_then(|value| date_bound(value, true)),
        spatial: remote
            .spatial
            .as_ref()
            .map(spatial_codes)
            .unwrap_or_default(),
        contact_name: remote.publisher.clone().unwrap_or_default(),
        contact_email: remote.contact_email.clone().unwrap_or_default(),
        schema_slug: dataset_schema.clone(),
        private: false,
    };

    let mut record = HarvestedRecord {
        remote_id: remote.remote_id.clone(),
        identifier: global_identifier(&remote.remote_id),
        uri: remote
            .uri
            .clone()
            .filter(|uri| is_http(uri))
            .or_else(|| remote.landing_page.clone().filter(|page| is_http(page))),
        fields,
        resources: resources(remote, dataset_schema.as_deref()),
        dates: SourceDates {
            issued: remote
                .issued
                .as_deref()
                .and_then(|value| source_date(value, jiff::Timestamp::now())),
            modified: remote
                .modified
                .as_deref()
                .and_then(|value| source_date(value, jiff::Timestamp::now())),
        },
    };
    clean_record(&mut record);
    // RDF graphs have no order, so readers may list keywords and distributions in a
    // different order on each run. Sorting keeps the content hash stable.
    record.fields.tags.sort();
    record.fields.spatial.sort();
    record.fields.spatial.dedup();
    record.resources.sort_by(|a, b| a.url.cmp(&b.url));
    Ok(record)
}

/// Converts an entry the reader skipped into the reconciliation's rejection.
pub fn skipped(skip: &Skip, position: usize) -> Rejected {
    let mut reason = Reason::new(&skip.reason.message_id());
    for (name, value) in &skip.args {
        reason = reason.with(name, value);
    }
    Rejected {
        remote_id: skip
            .remote_id
            .clone()
            .unwrap_or_else(|| format!("#{position}")),
        title: skip.title.clone().unwrap_or_default(),
        reason,
    }
}

fn is_http(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

/// Returns the remote id when it can identify the record outside its source: a URI, a
/// URN or a UUID. Short ids such as `42` are only unique within one source, and using
/// them across sources would report false conflicts.
fn global_identifier(remote_id: &str) -> Option<String> {
    let is_uuid = uuid::Uuid::parse_str(remote_id).is_ok();
    let is_uri = remote_id.contains(':') && !remote_id.contains(char::is_whitespace);
    (is_uuid || is_uri).then(|| remote_id.to_string())
}

fn tags(remote: &RemoteDataset) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut tags = Vec::new();
    // A theme IRI without a label means nothing to a reader, so only labels become tags.
    let themes = remote.themes.iter().filter(|theme| !is_http(theme));
    for tag in remote.keywords.iter().chain(themes) {
        let tag = tag.trim();
        if tag.is_empty() || tag.chars().count() > MAX_TAG_CHARS {
            continue;
        }
        if seen.insert(tag.to_lowercase()) {
            tags.push(tag.to_string());
        }
        if tags.len() == MAX_TAGS {
            break;
        }
    }
    tags
}

/// Removes from a record's text the characters that no reader should receive from a
/// remote portal: control characters (line breaks and tabs stay in the description) and
/// the bidirectional overrides that make a title read differently from what it contains.
fn clean_record(record: &mut HarvestedRecord) {
    let fields = &mut record.fields;
    fields.title = clean_text(&fields.title, false);
    fields.description = clean_text(&fields.description, true);
    fields.contact_name = clean_text(&fields.contact_name, false);
    fields.contact_email = clean_text(&fields.contact_email, false);
    for tag in &mut fields.tags {
        *tag = clean_text(tag, false);
    }
    fields.tags.retain(|tag| !tag.is_empty());
    for resource in &mut record.resources {
        resource.title = clean_text(&resource.title, false);
    }
}

/// Returns `text` without the characters that the catalogue's checks reject (see
/// [`catalog::is_hidden_character`]). In single-line text a control character becomes a
/// space, so that words it separated stay apart.
fn clean_text(text: &str, multiline: bool) -> String {
    if !catalog::has_hidden_characters(text, multiline) {
        return text.to_owned();
    }
    let mut cleaned = String::with_capacity(text.len());
    for c in text.chars() {
        if !catalog::is_hidden_character(c, multiline) {
            cleaned.push(c);
        } else if !multiline && c.is_control() {
            cleaned.push(' ');
        }
    }
    cleaned.trim().to_owned()
}

/// Reads the date of an ISO 8601 bound: a date, a date-time, a month or a year. A month
/// or year stands for its first day as a start and its last day as an end.
fn date_bound(value: &str, end: bool) -> Option<String> {
    let value = value.trim();
    if let Some(prefix) = value.get(..10)
        && let Ok(date) = prefix.parse::<jiff::civil::Date>()
    {
        return Some(date.to_string());
    }
    let mut parts = value.split('-');
    let year: i16 = parts.next()?.parse().ok()?;
    let month: Option<i8> = match parts.next() {
        Some(month) => Some(month.parse().ok()?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let date = match (month, end) {
        (None, false) => jiff::civil::Date::new(year, 1, 1).ok()?,
        (None, true) => jiff::civil::Date::new(year, 12, 31).ok()?,
        (Some(month), false) => jiff::civil::Date::new(year, month, 1).ok()?,
        (Some(month), true) => jiff::civil::Date::new(year, month, 1).ok()?.last_of_month(),
    };
    Some(date.to_string())
}

/// Normalises a creation or modification date given by a source. A time with an offset
/// becomes RFC 3339 UTC, and a time without one (as CKAN writes `metadata_modified`) is
/// read as UTC. A date stays a date, without its zone (`2024-03-01Z`, `2024-03-01+02:00`).
/// Anything else, a year before 1900 or a time more than a day after `now` gives `None`,
/// so that exports fall back on socle's own time.
fn source_date(value: &str, now: jiff::Timestamp) -> Option<String> {
    let value = value.trim();
    let latest = now + jiff::SignedDuration::from_hours(24);
    let plausible = |timestamp: jiff::Timestamp| {
        jiff::tz::Offset::UTC.to_datetime(timestamp).year() >= 1900 && timestamp <= latest
    };
    if let Ok(timestamp) = value.parse::<jiff::Timestamp>() {
        return plausible(timestamp).then(|| utc_text(timestamp));
    }
    if value.len() > 10
        && let Ok(time) = value.replacen(' ', "T", 1).parse::<jiff::civil::DateTime>()
    {
        let timestamp = jiff::tz::Offset::UTC.to_timestamp(time).ok()?;
        return plausible(timestamp).then(|| utc_text(timestamp));
    }
    let (day, zone) = value.split_at_checked(10)?;
    let zone_only = zone.is_empty()
        || zone == "Z"
        || (zone.len() == 6
            && (zone.starts_with('+') || zone.starts_with('-'))
            && zone[1..]
                .replace(':', "")
                .bytes()
                .all(|byte| byte.is_ascii_digit()));
    let date = day
        .parse::<jiff::civil::Date>()
        .ok()
        .filter(|_| zone_only)?;
    let start = jiff::tz::Offset::UTC
        .to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
        .ok()?;
    plausible(start).then(|| date.to_string())
}

/// Writes a time as RFC 3339 UTC, to the second: sources' fractions of a second add
/// nothing a reader of the catalogue needs.
fn utc_text(timestamp: jiff::Timestamp) -> String {
    format!("{timestamp:.0}")
}

/// Collects the coverage codes of an area: its IRI, and the codes of its text when the
/// text lists them separated by commas (`commune:05061, commune:05023`).
fn spatial_codes(spatial: &harvest::record::Spatial) -> Vec<String> {
    let text_parts = spatial.text.iter().flat_map(|text| text.split(','));
    spatial
        .uri
        .iter()
        .map(String::as_str)
        .chain(text_parts)
        .filter_map(spatial_code)
        .collect()
}

/// Maps an area IRI or code onto the catalogue's coverage codes: INSEE geography IRIs
/// (`…/geo/commune/05061`, `…/geo/departement/05`) and codes already in the catalogue's
/// form (`commune:05061`).
fn spatial_code(value: &str) -> Option<String> {
    let value = value.trim().trim_end_matches('/');
    if catalog::is_valid_spatial_code(value) {
        return Some(value.to_string());
    }
    let mut segments = value.rsplit('/');
    let code = segments.next()?;
    let level = segments.next()?;
    let candidate = match level {
        "commune" | "communes" => format!("commune:{code}"),
        "departement" | "departements" => format!("departement:{code}"),
        "epci" => format!("epci:{code}"),
        _ => return None,
    };
    catalog::is_valid_spatial_code(&candidate).then_some(candidate)
}

/// Bundled schemas by descriptor URL, and by registry name as it appears in a
/// schema.data.gouv.fr address.
struct SchemaIndex {
    by_url: HashMap<String, String>,
    /// `/schemas/<registry name>/` and the entry's slug.
    by_name: Vec<(String, String)>,
}

impl SchemaIndex {
    fn build() -> SchemaIndex {
        let mut by_url = HashMap::new();
        let mut by_name = Vec::new();
        for entry in scdl::entries().unwrap_or_default() {
            if let Some(schema_url) = &entry.schema_url {
                by_url.insert(schema_url.clone(), entry.slug.clone());
            }
            by_name.push((format!("/schemas/{}/", entry.name), entry.slug.clone()));
        }
        SchemaIndex { by_url, by_name }
    }
}

/// Returns the slug of the bundled schema a schema URL designates: the exact
/// `schema_url` of a registry entry, or a schema.data.gouv.fr address under the entry's
/// registry name (`…/schemas/scdl/deliberations/2.1.3/schema.json`).
pub fn schema_slug(url: &str) -> Option<String> {
    static INDEX: OnceLock<SchemaIndex> = OnceLock::new();
    let index = INDEX.get_or_init(SchemaIndex::build);
    let (by_url, by_name) = (&index.by_url, &index.by_name);
    let url = url.trim();
    if let Some(slug) = by_url.get(url) {
        return Some(slug.clone());
    }
    if !url.contains("schema.data.gouv.fr") {
        return None;
    }
    by_name
        .iter()
        .find(|(name, _)| url.contains(name.as_str()))
        .map(|(_, slug)| slug.clone())
}

/// Lower-case format name from a format label, a media type or a media-type IRI.
fn format_name(distribution: &harvest::record::RemoteDistribution) -> String {
    let raw = distribution
        .format
        .as_deref()
        .or(distribution.media_type.as_deref())
        .unwrap_or("");
    let last = raw
        .trim()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    let name = last.trim_start_matches('.').to_lowercase();
    if name.chars().count() > MAX_FORMAT_CHARS {
        return String::new();
    }
    name
}

fn resources(remote: &RemoteDataset, dataset_schema: Option<&str>) -> Vec<HarvestedResource> {
    let mut seen = HashSet::new();
    let mut resources = Vec::new();
    for distribution in &remote.distributions {
        // One resource per URL: resources are matched by URL across runs.
        if !is_http(&distribution.url) || !seen.insert(distribution.url.clone()) {
            continue;
        }
        let format = format_name(distribution);
        let title = distribution
            .title
            .clone()
            .filter(|title| !title.trim().is_empty())
            .unwrap_or_else(|| file_name(&distribution.url));
        let schema_slug = distribution
            .schemas
            .iter()
            .find_map(|url| schema_slug(url))
            .or_else(|| dataset_schema.map(str::to_string));
        resources.push(HarvestedResource {
            title,
            url: distribution.url.clone(),
            format,
            schema_slug,
        });
    }
    resources
}

fn file_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|name| !name.is_empty())
        .unwrap_or(url)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use harvest::record::{Mapped, RemoteDistribution, Spatial, Temporal};

    fn remote() -> RemoteDataset {
        RemoteDataset {
            remote_id: "0b5c6d3e-6a43-4b8e-9d1c-8d8e5d8b0c11".into(),
            title: " Parkings de Gap ".into(),
            licence: Some(Mapped::known("odbl", "odc-odbl")),
            frequency: Some(Mapped::unknown("quand on peut")),
            keywords: vec!["Parking".into(), "parking".into(), "x".repeat(61)],
            themes: vec!["http://publications.europa.eu/resource/authority/data-theme/TRAN".into()],
            temporal: Some(Temporal {
                start: Some("2020".into()),
                end: Some("2021-02".into()),
            }),
            spatial: Some(Spatial {
                uri: Some("http://id.insee.fr/geo/commune/05061".into()),
                ..Spatial::default()
            }),
            distributions: vec![
                RemoteDistribution {
                    url: "https://example.org/parkings.csv".into(),
                    format: Some("http://www.iana.org/assignments/media-types/text/csv".into()),
                    ..RemoteDistribution::default()
                },
                RemoteDistribution {
                    url: "https://example.org/parkings.csv".into(),
                    ..RemoteDistribution::default()
                },
            ],
            ..RemoteDataset::default()
        }
    }

    #[test]
    fn control_characters_removed() {
        let mut dirty = remote();
        dirty.title = "Parkings\u{0}de\u{202E}Gap".into();
        dirty.description = Some("Ligne 1\nLigne 2\u{7}".into());
        dirty.keywords = vec!["\u{1b}[31m".into(), "\u{202E}".into()];
        let record = to_record(&dirty).expect("record");
        assert_eq!(record.fields.title, "Parkings deGap");
        assert_eq!(record.fields.description, "Ligne 1\nLigne 2");
        assert_eq!(record.fields.tags, vec!["[31m".to_string()]);
    }

    #[test]
    fn source_dates_normalised() {
        let now: jiff::Timestamp = "2026-12-05T12:00:00Z".parse().expect("now");
        let cases = [
            ("2024-03-01", Some("2024-03-01")),
            ("2024-03-01Z", Some("2024-03-01")),
            ("2024-03-01+02:00", Some("2024-03-01")),
            (" 2024-03-01T10:20:30Z ", Some("2024-03-01T10:20:30Z")),
            ("2024-03-01T12:20:30+02:00", Some("2024-03-01T10:20:30Z")),
            ("2024-03-01T10:20:30.123456", Some("2024-03-01T10:20:30Z")),
            ("2024-03-01 10:20:30", Some("2024-03-01T10:20:30Z")),
            ("2026-12-06T08:00:00Z", Some("2026-12-06T08:00:00Z")),
            ("2026-12-07", None),
            ("2031-05-05", None),
            ("1789-07-14", None),
            ("2024-03-01junk", None),
            ("hier", None),
            ("", None),
        ];
        for (value, expected) in cases {
            assert_eq!(source_date(value, now).as_deref(), expected, "{value:?}");
        }
        let mut dated = remote();
        dated.issued = Some("2019-05-02".into());
        dated.modified = Some("2026-11-30T08:00:00Z".into());
        let record = to_record(&dated).expect("record");
        assert_eq!(record.dates.issued.as_deref(), Some("2019-05-02"));
        assert_eq!(
            record.dates.modified.as_deref(),
            Some("2026-11-30T08:00:00Z")
        );
    }

    #[test]
    fn fields_mapped_onto_catalogue() {
        let record = to_record(&remote()).expect("record");
        assert_eq!(record.fields.title, "Parkings de Gap");
        assert_eq!(record.fields.licence, "odbl");
        assert_eq!(record.fields.frequency, "UNKNOWN");
        assert_eq!(record.fields.tags, vec!["Parking".to_string()]);
        assert_eq!(record.fields.temporal_start.as_deref(), Some("2020-01-01"));
        assert_eq!(record.fields.temporal_end.as_deref(), Some("2021-02-28"));
        assert_eq!(record.fields.spatial, vec!["commune:05061".to_string()]);
        assert!(record.fields.check().is_ok());
        assert_eq!(
            record.identifier.as_deref(),
            Some(remote().remote_id.as_str())
        );
    }

    #[test]
    fn resources_one_per_url() {
        let record = to_record(&remote()).expect("record");
        assert_eq!(record.resources.len(), 1);
        assert_eq!(record.resources[0].format, "csv");
        assert_eq!(record.resources[0].title, "parkings.csv");
    }

    #[test]
    fn unknown_licence_rejected() {
        let mut unknown = remote();
        unknown.licence = Some(Mapped::unknown("Tous droits réservés"));
        let rejected = to_record(&unknown).expect_err("rejected");
        assert_eq!(rejected.reason.code, "harvest-reason-unknown-licence");
        assert_eq!(
            rejected.reason.args.get("licence").map(String::as_str),
            Some("Tous droits réservés")
        );
        let mut absent = remote();
        absent.licence = None;
        assert_eq!(
            to_record(&absent).expect_err("rejected").reason.code,
            "harvest-reason-no-licence"
        );
    }

    #[test]
    fn short_ids_not_global() {
        assert_eq!(global_identifier("42"), None);
        assert!(global_identifier("https://data.example.org/id/42").is_some());
    }

    #[test]
    fn schema_url_matched_to_slug() {
        let entry = scdl::entries()
            .expect("registry")
            .into_iter()
            .find(|entry| entry.schema_url.is_some())
            .expect("an entry with a URL");
        let url = entry.schema_url.clone().expect("url");
        assert_eq!(schema_slug(&url), Some(entry.slug.clone()));
        assert_eq!(schema_slug("https://example.org/schema.json"), None);
    }
}
