//! CKAN Action API source: `package_search` paged with `rows` and `start`.
//!
//! Paging goes on until a page is empty or the entries read reach the `count` of the
//! first page, with no cap on the total (CKAN's own limit is per page). Each page is
//! sorted by creation date, so entries created during the listing land at the end; a
//! `count` that changes between pages is still reported, because deletions shift the
//! offsets. A page that fails is reported and the listing goes on at the next offset.
//! Installs under a sub-path (`https://host/data/api/3/action/…`) are supported: action
//! URLs are built relative to the configured root.

use serde_json::Value;
use url::Url;

use crate::fetch::{FetchError, Fetcher, Request};
use crate::json;
use crate::mapping::{map_frequency, map_licence_candidates, note_unmapped};
use crate::record::{
    Checksum, DistributionKind, Item, Note, NoteCode, RemoteDataset, RemoteDistribution, Skip,
    SkipReason, Spatial, Temporal,
};
use crate::source::{CutReason, Filters, Page, PageError, SourceError, Step, Walker};

/// Consecutive failed pages after which the listing stops: a server that fails this
/// often is down, and trying every remaining offset would only hammer it.
const MAX_CONSECUTIVE_FAILURES: usize = 3;

pub(crate) struct CkanWalker {
    root: Url,
    rows: usize,
    start: usize,
    query: Vec<(String, String)>,
    first_count: Option<u64>,
    count_changed: Option<(u64, u64)>,
    consecutive_failures: usize,
    finished: Option<Option<CutReason>>,
}

/// Normalises the configured URL into the API root, with a trailing slash, accepting
/// a root that already ends with `api/3/action/…` or `api/3`.
pub(crate) fn api_root(text: &str) -> Result<Url, SourceError> {
    let invalid = || SourceError::InvalidSourceUrl {
        url: text.to_owned(),
    };
    let mut url = Url::parse(text.trim()).map_err(|_| invalid())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid());
    }
    url.set_query(None);
    url.set_fragment(None);
    let mut path = url.path().trim_end_matches('/').to_owned();
    if let Some(index) = path.find("/api/3") {
        path.truncate(index);
    }
    path.push('/');
    url.set_path(&path);
    Ok(url)
}

impl CkanWalker {
    pub(crate) fn new(
        url: &str,
        filters: &Filters,
        rows: usize,
    ) -> Result<CkanWalker, SourceError> {
        let root = api_root(url)?;
        let mut conditions = Vec::new();
        if let Some(organization) = &filters.organization {
            conditions.push(format!("organization:{}", quote_solr(organization)));
        }
        for tag in &filters.tags {
            conditions.push(format!("tags:{}", quote_solr(tag)));
        }
        let mut query = vec![(
            "sort".to_owned(),
            "metadata_created asc, name asc".to_owned(),
        )];
        if !conditions.is_empty() {
            query.push(("fq".to_owned(), conditions.join(" AND ")));
        }
        if let Some(q) = &filters.query {
            query.push(("q".to_owned(), q.clone()));
        }
        Ok(CkanWalker {
            root,
            rows: rows.clamp(1, 1000),
            start: 0,
            query,
            first_count: None,
            count_changed: None,
            consecutive_failures: 0,
            finished: None,
        })
    }

    fn page_url(&self) -> String {
        let mut url = self
            .root
            .join("api/3/action/package_search")
            .expect("a relative path joins onto an http URL");
        {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &self.query {
                pairs.append_pair(name, value);
            }
            pairs.append_pair("rows", &self.rows.to_string());
            pairs.append_pair("start", &self.start.to_string());
        }
        url.to_string()
    }

    fn read_page(&self, fetcher: &Fetcher, url: &str) -> Result<(u64, Vec<Value>), SourceError> {
        let request = Request::get(url).accept("application/json");
        let (fetched, body) = fetcher.fetch_bytes(&request)?;
        json::reject_html(fetched.content_type.as_deref(), url)?;
        let answer = json::parse(&body, url)?;
        let unexpected = |detail: &str| SourceError::UnexpectedAnswer {
            url: url.to_owned(),
            detail: detail.to_owned(),
        };
        if answer.get("success").and_then(Value::as_bool) != Some(true) {
            return Err(unexpected("\"success\" is not true"));
        }
        let result = answer
            .get("result")
            .ok_or_else(|| unexpected("no \"result\""))?;
        let results = result
            .get("results")
            .and_then(Value::as_array)
            .ok_or_else(|| unexpected("no \"result.results\" list"))?;
        let count = json::unsigned(result, "count").unwrap_or(results.len() as u64);
        Ok((count, results.clone()))
    }
}

/// Checks whether a first page failed on a client error that the `sort` parameter may
/// have caused.
fn rejects_sort(answer: &Result<(u64, Vec<Value>), SourceError>) -> bool {
    matches!(
        answer,
        Err(SourceError::Fetch(FetchError::Status {
            status: 400 | 409,
            ..
        }))
    )
}

fn quote_solr(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Walker for CkanWalker {
    fn step(&mut self, fetcher: &Fetcher, number: usize) -> Step {
        if let Some(cut) = self.finished.take() {
            self.finished = Some(None);
            return Step::Done(cut.or_else(|| {
                self.count_changed
                    .map(|(first, now)| CutReason::CountChanged { first, now })
            }));
        }
        let mut url = self.page_url();
        let mut answer = self.read_page(fetcher, &url);
        if self.first_count.is_none() && rejects_sort(&answer) {
            // Some CKAN emulations reject `sort` with 400 or 409: page in their order.
            self.query.retain(|(name, _)| name != "sort");
            url = self.page_url();
            answer = self.read_page(fetcher, &url);
        }
        match answer {
            Ok((count, results)) => {
                self.consecutive_failures = 0;
                match self.first_count {
                    None => self.first_count = Some(count),
                    Some(first) if first != count && self.count_changed.is_none() => {
                        self.count_changed = Some((first, count));
                    }
                    Some(_) => {}
                }
                if results.is_empty() {
                    return self.finish_now();
                }
                self.start += results.len();
                let first_count = self.first_count.unwrap_or(count);
                if self.start as u64 >= first_count.max(count) {
                    self.finished = Some(None);
                }
                let items = results
                    .iter()
                    .enumerate()
                    .map(|(index, package)| {
                        package_item(package, &self.root, self.start - results.len() + index)
                    })
                    .collect();
                Step::Page(Page { number, url, items })
            }
            Err(error) => {
                self.consecutive_failures += 1;
                match self.first_count {
                    // Without a first page, the number of pages is unknown.
                    None => self.finished = Some(Some(CutReason::PageFailed { url: url.clone() })),
                    // The failed page was the last one: the listing reached its end.
                    Some(count) if (self.start + self.rows) as u64 >= count => {
                        self.finished = Some(None)
                    }
                    Some(_) if self.consecutive_failures >= MAX_CONSECUTIVE_FAILURES => {
                        self.finished = Some(Some(CutReason::PageFailed { url: url.clone() }))
                    }
                    Some(_) => {}
                }
                self.start += self.rows;
                Step::Failed(PageError { number, url, error })
            }
        }
    }
}

impl CkanWalker {
    fn finish_now(&mut self) -> Step {
        self.finished = Some(None);
        let cut = self
            .count_changed
            .map(|(first, now)| CutReason::CountChanged { first, now });
        Step::Done(cut)
    }
}

/// Turns one CKAN package dict into an item. `position` is the offset in the listing,
/// used to name an entry that has no id.
pub(crate) fn package_item(package: &Value, root: &Url, position: usize) -> Item {
    if !package.is_object() {
        return Item::Skipped(Skip::new(
            SkipReason::NotAnObject,
            None,
            None,
            &[("position", &position.to_string())],
        ));
    }
    let id = json::text(package, "id");
    let name = json::text(package, "name");
    let title = json::text(package, "title").or_else(|| name.clone());
    // CKAN names are unique within a site too: a package dict without `id` (the
    // ckanext-scheming examples, some emulations) is keyed on its name.
    let Some(remote_id) = id.or_else(|| name.clone()) else {
        return Item::Skipped(Skip::new(
            SkipReason::MissingIdentifier,
            None,
            title,
            &[("position", &position.to_string())],
        ));
    };
    let Some(title) = title else {
        return Item::Skipped(Skip::new(
            SkipReason::MissingTitle,
            Some(remote_id.clone()),
            None,
            &[("id", &remote_id)],
        ));
    };
    let private = package.get("private").and_then(Value::as_bool) == Some(true);
    let state = json::text(package, "state");
    if private || state.as_deref().is_some_and(|state| state != "active") {
        return Item::Skipped(Skip::new(
            SkipReason::NotPublic,
            Some(remote_id.clone()),
            Some(title),
            &[("id", &remote_id)],
        ));
    }
    if let Some(kind) = json::text(package, "type").filter(|kind| kind != "dataset") {
        return Item::Skipped(Skip::new(
            SkipReason::NotADataset,
            Some(remote_id.clone()),
            Some(title),
            &[("id", &remote_id), ("type", &kind)],
        ));
    }
    Item::Dataset(Box::new(package_dataset(
        package, root, remote_id, title, name,
    )))
}

fn package_dataset(
    package: &Value,
    root: &Url,
    remote_id: String,
    title: String,
    name: Option<String>,
) -> RemoteDataset {
    let mut notes = Vec::new();
    let extras = read_extras(package);
    let extra = |key: &str| {
        extras
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, v)| v.clone())
    };

    let landing_page = json::text(package, "url")
        .and_then(|url| json::http_url(&url))
        .or_else(|| {
            let name = name.as_deref()?;
            root.join(&format!("dataset/{name}")).ok().map(String::from)
        });
    let organization = package
        .get("organization")
        .filter(|value| value.is_object());
    let publisher = organization
        .and_then(|organization| {
            json::text(organization, "title").or_else(|| json::text(organization, "name"))
        })
        .or_else(|| json::text(package, "author"));
    let contact_email =
        json::text(package, "maintainer_email").or_else(|| json::text(package, "author_email"));
    let keywords = json::array(package, "tags")
        .iter()
        .filter_map(|tag| {
            json::text(tag, "display_name")
                .or_else(|| json::text(tag, "name"))
                .or_else(|| json::value_text(tag))
        })
        .collect();
    let themes = json::array(package, "groups")
        .iter()
        .filter_map(|group| json::text(group, "title").or_else(|| json::text(group, "name")))
        .collect();

    let licence_id = json::text(package, "license_id").unwrap_or_default();
    let licence_title = json::text(package, "license_title").unwrap_or_default();
    let licence_url = json::text(package, "license_url").unwrap_or_default();
    let licence = map_licence_candidates(&[&licence_id, &licence_title, &licence_url]);
    note_unmapped(&licence, NoteCode::UnknownLicence, &mut notes);

    let frequency = json::text(package, "frequency")
        .or_else(|| extra("frequency"))
        .or_else(|| extra("frequency-of-update"))
        .or_else(|| extra("accrual_periodicity"))
        .map(|raw| map_frequency(&raw));
    note_unmapped(&frequency, NoteCode::UnknownFrequency, &mut notes);

    let temporal = read_temporal(package, &extra);
    let spatial = read_spatial(package, &extra, &mut notes);
    let mut schemas = Vec::new();
    push_schemas(package, &mut schemas);

    let mut distributions = Vec::new();
    for (index, resource) in json::array(package, "resources").iter().enumerate() {
        match resource_distribution(resource) {
            Some(distribution) => distributions.push(distribution),
            None => notes.push(Note::new(
                NoteCode::DistributionWithoutUrl,
                &[
                    ("position", &(index + 1).to_string()),
                    (
                        "title",
                        &json::text(resource, "name").unwrap_or_else(|| "-".to_owned()),
                    ),
                ],
            )),
        }
    }

    let read_keys = [
        "frequency",
        "frequency-of-update",
        "accrual_periodicity",
        "temporal_start",
        "temporal_end",
        "spatial",
        "spatial-text",
        "spatial-uri",
    ];
    let extras = extras
        .into_iter()
        .filter(|(key, _)| !read_keys.contains(&key.as_str()))
        .collect();

    RemoteDataset {
        uri: name.filter(|name| *name != remote_id),
        remote_id,
        title,
        description: json::text(package, "notes"),
        landing_page,
        publisher,
        contact_email,
        keywords,
        themes,
        licence,
        frequency,
        temporal,
        spatial,
        issued: json::text(package, "metadata_created"),
        modified: json::text(package, "metadata_modified"),
        languages: language_list(package),
        schemas,
        distributions,
        extras,
        notes,
    }
}

/// Reads `extras` as `(key, value)` pairs, in the list-of-objects form of the API and
/// in the plain-object form some emulations return.
fn read_extras(package: &Value) -> Vec<(String, String)> {
    match package.get("extras") {
        Some(Value::Array(entries)) => entries
            .iter()
            .filter_map(|entry| Some((json::text(entry, "key")?, json::text(entry, "value")?)))
            .collect(),
        Some(Value::Object(map)) => map
            .iter()
            .filter_map(|(key, value)| Some((key.clone(), json::value_text(value)?)))
            .collect(),
        _ => Vec::new(),
    }
}

fn read_temporal(package: &Value, extra: &dyn Fn(&str) -> Option<String>) -> Option<Temporal> {
    let coverage = json::array(package, "temporal_coverage").first();
    let start = extra("temporal_start")
        .or_else(|| json::text(package, "temporal_start"))
        .or_else(|| coverage.and_then(|value| json::text(value, "start")));
    let end = extra("temporal_end")
        .or_else(|| json::text(package, "temporal_end"))
        .or_else(|| coverage.and_then(|value| json::text(value, "end")));
    (start.is_some() || end.is_some()).then_some(Temporal { start, end })
}

fn read_spatial(
    package: &Value,
    extra: &dyn Fn(&str) -> Option<String>,
    notes: &mut Vec<Note>,
) -> Option<Spatial> {
    let coverage = json::array(package, "spatial_coverage").first();
    let mut spatial = Spatial {
        geometry: None,
        wkt: None,
        uri: extra("spatial-uri").or_else(|| coverage.and_then(|value| json::text(value, "uri"))),
        text: extra("spatial-text")
            .or_else(|| coverage.and_then(|value| json::text(value, "text"))),
    };
    let geometry = extra("spatial").or_else(|| {
        coverage
            .and_then(|value| value.get("geom"))
            .map(|geom| match geom {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            })
    });
    if let Some(geometry) = geometry {
        if is_geojson_geometry(&geometry) {
            spatial.geometry = Some(geometry);
        } else {
            notes.push(Note::new(
                NoteCode::InvalidValueIgnored,
                &[("field", "spatial"), ("value", &geometry)],
            ));
        }
    }
    let empty = spatial.geometry.is_none() && spatial.uri.is_none() && spatial.text.is_none();
    (!empty).then_some(spatial)
}

/// Checks that `text` is a GeoJSON object with a geometry `type` and `coordinates`.
fn is_geojson_geometry(text: &str) -> bool {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return false;
    };
    let kind = json::text(&value, "type").unwrap_or_default();
    let known = [
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
    ];
    known.contains(&kind.as_str()) && value.get("coordinates").is_some_and(Value::is_array)
}

fn push_schemas(object: &Value, schemas: &mut Vec<String>) {
    for key in ["schema", "conforms_to"] {
        match object.get(key) {
            Some(Value::Array(values)) => {
                schemas.extend(values.iter().filter_map(schema_reference));
            }
            Some(value) => schemas.extend(schema_reference(value)),
            None => {}
        }
    }
}

/// Reads a schema given as a URL, or as an object with `url` or `name` (the Table
/// Schema reference form some portals use).
fn schema_reference(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => {
            let text = text.trim();
            if text.starts_with('{') {
                let parsed: Value = serde_json::from_str(text).ok()?;
                return schema_reference(&parsed);
            }
            (!text.is_empty()).then(|| text.to_owned())
        }
        Value::Object(_) => json::text(value, "url").or_else(|| json::text(value, "name")),
        _ => None,
    }
}

fn language_list(package: &Value) -> Vec<String> {
    match package.get("language") {
        Some(Value::Array(values)) => values.iter().filter_map(json::value_text).collect(),
        Some(value) => json::value_text(value).into_iter().collect(),
        None => Vec::new(),
    }
}

/// Turns one CKAN resource into a distribution; `None` when it has no usable URL.
fn resource_distribution(resource: &Value) -> Option<RemoteDistribution> {
    let url = json::text(resource, "download_url")
        .or_else(|| json::text(resource, "url"))
        .and_then(|url| json::http_url(&url))?;
    let access_url = json::text(resource, "access_url")
        .and_then(|access| json::http_url(&access))
        .filter(|access| *access != url);
    let kind = match json::text(resource, "resource_type").as_deref() {
        Some("api") => DistributionKind::Api,
        Some("documentation" | "image" | "visualization" | "metadata") => DistributionKind::Other,
        _ => DistributionKind::File,
    };
    let licence = json::text(resource, "license").map(|raw| crate::mapping::map_licence(&raw));
    let mut schemas = Vec::new();
    push_schemas(resource, &mut schemas);
    Some(RemoteDistribution {
        remote_id: json::text(resource, "id"),
        title: json::text(resource, "name"),
        description: json::text(resource, "description"),
        url,
        access_url,
        format: json::text(resource, "format"),
        media_type: json::text(resource, "mimetype"),
        size: json::unsigned(resource, "size"),
        checksum: json::text(resource, "hash").and_then(|hash| parse_checksum(&hash)),
        licence,
        schemas,
        kind,
        issued: json::text(resource, "created"),
        modified: json::text(resource, "last_modified"),
    })
}

/// Reads a CKAN `hash`: `algorithm:hex`, or bare hex whose length gives the algorithm.
pub(crate) fn parse_checksum(hash: &str) -> Option<Checksum> {
    let hash = hash.trim();
    let (algorithm, value) = match hash.split_once(':') {
        Some((algorithm, value)) => (algorithm.trim().to_ascii_lowercase(), value.trim()),
        None => {
            let algorithm = match hash.len() {
                32 => "md5",
                40 => "sha1",
                64 => "sha256",
                128 => "sha512",
                _ => return None,
            };
            (algorithm.to_owned(), hash)
        }
    };
    let hex = !value.is_empty() && value.chars().all(|c| c.is_ascii_hexdigit());
    hex.then(|| Checksum {
        algorithm: algorithm.replace('-', ""),
        value: value.to_ascii_lowercase(),
    })
}
