//! Opendatasoft source: the Explore API v2.1 catalogue, or the portal's DCAT export.
//!
//! A URL that names a DCAT export (`…/catalog/exports/dcat…`, or a file with an RDF
//! extension) is read by the DCAT source. Otherwise the URL is the portal root and the
//! catalogue is listed with `GET /api/explore/v2.1/catalog/datasets`, paged with
//! `limit` (at most 100) and `offset`. The API requires `offset + limit` below 10 000, so
//! a larger catalogue is cut short after 9 999 entries with that reason. Its DCAT export
//! lists it whole.
//! The catalogue JSON lists no files: distributions are the portal's per-dataset exports
//! (CSV and JSON, GeoJSON for datasets with the `geo` feature) and its attachments.

use serde_json::Value;
use url::Url;

use crate::fetch::{Fetcher, Request};
use crate::json;
use crate::mapping::{map_licence_candidates, note_unmapped};
use crate::record::{
    DistributionKind, Item, NoteCode, RemoteDataset, RemoteDistribution, Skip, SkipReason,
};
use crate::source::{
    CutReason, Filters, Page, PageError, SourceError, Step, Walker, parse_source_url,
};

/// The Explore API v2.1 requires `offset + limit` to stay below this value.
const MAX_OFFSET_WINDOW: usize = 10_000;
const MAX_LIMIT: usize = 100;
const MAX_CONSECUTIVE_FAILURES: usize = 3;

/// Chooses the walker for an Opendatasoft URL: DCAT export or Explore API catalogue.
pub(crate) fn walker(
    url: &str,
    filters: &Filters,
    page_size: usize,
) -> Result<Box<dyn Walker>, SourceError> {
    let parsed = parse_source_url(url)?;
    let path = parsed.path().to_ascii_lowercase();
    let is_export = path.contains("/exports/dcat")
        || path.contains("/exports/rdfxml")
        || path.contains("/exports/turtle")
        || path.contains("/exports/jsonld")
        || [".rdf", ".ttl", ".jsonld", ".xml"]
            .iter()
            .any(|extension| path.ends_with(extension));
    if is_export {
        return Ok(Box::new(crate::dcat::DcatWalker::new(url)?));
    }
    Ok(Box::new(OdsWalker::new(parsed, filters, page_size)))
}

pub(crate) struct OdsWalker {
    portal: Url,
    limit: usize,
    offset: usize,
    query: Vec<(String, String)>,
    first_count: Option<u64>,
    count_changed: Option<(u64, u64)>,
    consecutive_failures: usize,
    finished: Option<Option<CutReason>>,
}

impl OdsWalker {
    fn new(mut portal: Url, filters: &Filters, page_size: usize) -> OdsWalker {
        let root_path = match portal.path().find("/api/explore") {
            Some(index) => portal.path()[..index].to_owned(),
            None => portal.path().trim_end_matches('/').to_owned(),
        };
        portal.set_path(&format!("{root_path}/"));
        portal.set_query(None);
        portal.set_fragment(None);
        let mut conditions = Vec::new();
        if let Some(publisher) = &filters.organization {
            conditions.push(format!("publisher = {}", quote_odsql(publisher)));
        }
        for tag in &filters.tags {
            conditions.push(format!("keyword = {}", quote_odsql(tag)));
        }
        if let Some(query) = &filters.query {
            conditions.push(format!("({query})"));
        }
        let mut query = vec![("order_by".to_owned(), "dataset_uid".to_owned())];
        if !conditions.is_empty() {
            query.push(("where".to_owned(), conditions.join(" AND ")));
        }
        OdsWalker {
            portal,
            limit: page_size.clamp(1, MAX_LIMIT),
            offset: 0,
            query,
            first_count: None,
            count_changed: None,
            consecutive_failures: 0,
            finished: None,
        }
    }

    fn page_url(&self, limit: usize) -> String {
        let mut url = self
            .portal
            .join("api/explore/v2.1/catalog/datasets")
            .expect("a relative path joins onto an http URL");
        {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &self.query {
                pairs.append_pair(name, value);
            }
            pairs.append_pair("limit", &limit.to_string());
            pairs.append_pair("offset", &self.offset.to_string());
        }
        url.to_string()
    }

    fn count_reason(&self) -> Option<CutReason> {
        self.count_changed
            .map(|(first, now)| CutReason::CountChanged { first, now })
    }
}

fn quote_odsql(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

fn read_page(fetcher: &Fetcher, url: &str) -> Result<(u64, Vec<Value>), SourceError> {
    let request = Request::get(url).accept("application/json");
    let (fetched, body) = fetcher.fetch_bytes(&request)?;
    json::reject_html(fetched.content_type.as_deref(), url)?;
    let answer = json::parse(&body, url)?;
    let results = answer
        .get("results")
        .and_then(Value::as_array)
        .ok_or_else(|| SourceError::UnexpectedAnswer {
            url: url.to_owned(),
            detail: "no \"results\" list".to_owned(),
        })?;
    let count = json::unsigned(&answer, "total_count").unwrap_or(results.len() as u64);
    Ok((count, results.clone()))
}

impl Walker for OdsWalker {
    fn step(&mut self, fetcher: &Fetcher, number: usize) -> Step {
        if let Some(cut) = self.finished.take() {
            self.finished = Some(None);
            return Step::Done(cut.or_else(|| self.count_reason()));
        }
        // The last page allowed is shortened so that `offset + limit` stays below the window.
        let limit = self
            .limit
            .min((MAX_OFFSET_WINDOW - 1).saturating_sub(self.offset));
        if limit == 0 {
            self.finished = Some(None);
            return Step::Done(Some(CutReason::OffsetLimit {
                max: MAX_OFFSET_WINDOW as u64,
            }));
        }
        let url = self.page_url(limit);
        match read_page(fetcher, &url) {
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
                    self.finished = Some(None);
                    return Step::Done(self.count_reason());
                }
                let start = self.offset;
                self.offset += results.len();
                if self.offset as u64 >= count.max(self.first_count.unwrap_or(count)) {
                    self.finished = Some(None);
                }
                let items = results
                    .iter()
                    .enumerate()
                    .map(|(index, dataset)| dataset_item(dataset, &self.portal, start + index))
                    .collect();
                Step::Page(Page { number, url, items })
            }
            Err(error) => {
                self.consecutive_failures += 1;
                match self.first_count {
                    None => self.finished = Some(Some(CutReason::PageFailed { url: url.clone() })),
                    Some(count) if (self.offset + self.limit) as u64 >= count => {
                        self.finished = Some(None)
                    }
                    Some(_) if self.consecutive_failures >= MAX_CONSECUTIVE_FAILURES => {
                        self.finished = Some(Some(CutReason::PageFailed { url: url.clone() }))
                    }
                    Some(_) => {}
                }
                self.offset += self.limit;
                Step::Failed(PageError { number, url, error })
            }
        }
    }
}

/// Turns one Explore API dataset object into an item.
pub(crate) fn dataset_item(dataset: &Value, portal: &Url, position: usize) -> Item {
    if !dataset.is_object() {
        return Item::Skipped(Skip::new(
            SkipReason::NotAnObject,
            None,
            None,
            &[("position", &position.to_string())],
        ));
    }
    let metas = dataset
        .get("metas")
        .and_then(|metas| metas.get("default"))
        .cloned()
        .unwrap_or(Value::Null);
    let slug = json::text(dataset, "dataset_id");
    let title = json::text(&metas, "title");
    let Some(remote_id) = json::text(dataset, "dataset_uid").or_else(|| slug.clone()) else {
        return Item::Skipped(Skip::new(
            SkipReason::MissingIdentifier,
            None,
            title.clone(),
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

    let mut notes = Vec::new();
    let licence_name = json::text(&metas, "license").unwrap_or_default();
    let licence_url = json::text(&metas, "license_url").unwrap_or_default();
    let licence = map_licence_candidates(&[&licence_name, &licence_url]);
    note_unmapped(&licence, NoteCode::UnknownLicence, &mut notes);

    let list = |key: &str| -> Vec<String> {
        match metas.get(key) {
            Some(Value::Array(values)) => values.iter().filter_map(json::value_text).collect(),
            Some(value) => json::value_text(value).into_iter().collect(),
            None => Vec::new(),
        }
    };
    let distributions = slug
        .as_deref()
        .map(|slug| distributions(dataset, portal, slug))
        .unwrap_or_default();
    let landing_page = slug.as_deref().and_then(|slug| {
        portal
            .join(&format!("explore/dataset/{}/", encode_segment(slug)))
            .ok()
            .map(String::from)
    });

    Item::Dataset(Box::new(RemoteDataset {
        uri: slug.filter(|slug| *slug != remote_id),
        remote_id,
        title,
        description: json::text(&metas, "description"),
        landing_page,
        publisher: json::text(&metas, "publisher"),
        contact_email: None,
        keywords: list("keyword"),
        themes: list("theme"),
        licence,
        frequency: None,
        temporal: None,
        spatial: None,
        issued: None,
        modified: json::text(&metas, "modified"),
        languages: list("language"),
        schemas: Vec::new(),
        distributions,
        extras: Default::default(),
        notes,
    }))
}

fn encode_segment(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Lists the per-dataset exports of the portal, then the attachments.
fn distributions(dataset: &Value, portal: &Url, slug: &str) -> Vec<RemoteDistribution> {
    let has_records = dataset.get("has_records").and_then(Value::as_bool) != Some(false);
    let is_geo = json::array(dataset, "features")
        .iter()
        .any(|feature| feature.as_str() == Some("geo"));
    let mut formats: Vec<(&str, &str)> = Vec::new();
    if has_records {
        formats.push(("csv", "text/csv"));
        formats.push(("json", "application/json"));
        if is_geo {
            formats.push(("geojson", "application/geo+json"));
        }
    }
    let segment = encode_segment(slug);
    let mut distributions: Vec<RemoteDistribution> = formats
        .into_iter()
        .filter_map(|(format, media_type)| {
            let url = portal
                .join(&format!(
                    "api/explore/v2.1/catalog/datasets/{segment}/exports/{format}"
                ))
                .ok()?;
            Some(RemoteDistribution {
                remote_id: Some(format!("{slug}/exports/{format}")),
                title: Some(format!("Export {}", format.to_uppercase())),
                url: url.to_string(),
                format: Some(format.to_owned()),
                media_type: Some(media_type.to_owned()),
                kind: DistributionKind::File,
                ..RemoteDistribution::default()
            })
        })
        .collect();
    for attachment in json::array(dataset, "attachments") {
        let Some(id) = json::text(attachment, "id") else {
            continue;
        };
        let url = json::text(attachment, "url")
            .and_then(|url| portal.join(&url).ok())
            .or_else(|| {
                portal
                    .join(&format!(
                        "api/explore/v2.1/catalog/datasets/{segment}/attachments/{}",
                        encode_segment(&id)
                    ))
                    .ok()
            });
        let Some(url) = url else {
            continue;
        };
        distributions.push(RemoteDistribution {
            remote_id: Some(id),
            title: json::text(attachment, "title"),
            url: url.to_string(),
            media_type: json::text(attachment, "mimetype"),
            kind: DistributionKind::Other,
            ..RemoteDistribution::default()
        });
    }
    distributions
}
