//! udata source (data.gouv.fr API v1): a listing of datasets paged with `next_page`.
//!
//! The configured URL is either the API root (`https://www.data.gouv.fr/api/1/`), from
//! which the listing URL is built with the filters (an organisation's datasets, or the
//! dataset search with `tag` and `q`), or a full listing URL used as is. Both the paged
//! envelope (`{"data": […], "next_page": …}`) and the bare array that old versions
//! returned are read. `next_page` links are guarded like DCAT's next links.

use serde_json::Value;
use url::Url;

use crate::fetch::{Fetcher, Request};
use crate::json;
use crate::mapping::{map_frequency, map_licence, note_unmapped};
use crate::record::{
    Checksum, DistributionKind, Item, Note, NoteCode, RemoteDataset, RemoteDistribution, Skip,
    SkipReason, Spatial, Temporal,
};
use crate::source::{
    CutReason, Filters, LinkGuard, Page, PageError, SourceError, Step, Walker, parse_source_url,
};

pub(crate) struct UdataWalker {
    next: Option<String>,
    guard: LinkGuard,
    stop: Option<CutReason>,
}

impl UdataWalker {
    pub(crate) fn new(
        url: &str,
        filters: &Filters,
        page_size: usize,
    ) -> Result<UdataWalker, SourceError> {
        let configured = parse_source_url(url)?;
        let first = listing_url(configured, filters, page_size);
        Ok(UdataWalker {
            guard: LinkGuard::new(&first),
            next: Some(first.to_string()),
            stop: None,
        })
    }
}

/// Builds the first listing URL from an API root, or keeps a URL that already names a
/// dataset listing.
fn listing_url(mut url: Url, filters: &Filters, page_size: usize) -> Url {
    if url.path().trim_end_matches('/').ends_with("/datasets") {
        return url;
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    let relative = match &filters.organization {
        Some(organization) => format!("organizations/{}/datasets/", encode_segment(organization)),
        None => "datasets/".to_owned(),
    };
    let mut listing = url.join(&relative).unwrap_or(url);
    {
        let mut pairs = listing.query_pairs_mut();
        pairs.append_pair("page_size", &page_size.clamp(1, 100).to_string());
        if filters.organization.is_none() {
            for tag in &filters.tags {
                pairs.append_pair("tag", tag);
            }
            if let Some(query) = &filters.query {
                pairs.append_pair("q", query);
            }
        }
    }
    listing
}

fn encode_segment(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.trim().as_bytes()).collect()
}

fn read_page(fetcher: &Fetcher, url: &str) -> Result<(Vec<Value>, Option<String>), SourceError> {
    let request = Request::get(url).accept("application/json");
    let (fetched, body) = fetcher.fetch_bytes(&request)?;
    json::reject_html(fetched.content_type.as_deref(), url)?;
    let answer = json::parse(&body, url)?;
    match answer {
        Value::Array(datasets) => Ok((datasets, None)),
        Value::Object(_) => {
            let datasets = answer
                .get("data")
                .and_then(Value::as_array)
                .ok_or_else(|| SourceError::UnexpectedAnswer {
                    url: url.to_owned(),
                    detail: "no \"data\" list".to_owned(),
                })?
                .clone();
            let base = Url::parse(&fetched.url).ok();
            let next = json::text(&answer, "next_page").and_then(|next| match &base {
                Some(base) => base.join(&next).ok().map(String::from),
                None => Some(next),
            });
            Ok((datasets, next))
        }
        _ => Err(SourceError::UnexpectedAnswer {
            url: url.to_owned(),
            detail: "neither a list nor an object".to_owned(),
        }),
    }
}

impl Walker for UdataWalker {
    fn step(&mut self, fetcher: &Fetcher, number: usize) -> Step {
        let Some(url) = self.next.take() else {
            return Step::Done(self.stop.take());
        };
        self.guard.visit(&url);
        match read_page(fetcher, &url) {
            Ok((datasets, next)) => {
                if let Some(next) = next.filter(|_| !datasets.is_empty()) {
                    match self.guard.check(&next) {
                        Some(reason) => self.stop = Some(reason),
                        None => self.next = Some(next),
                    }
                }
                let items = datasets
                    .iter()
                    .enumerate()
                    .map(|(position, dataset)| dataset_item(dataset, position))
                    .collect();
                Step::Page(Page { number, url, items })
            }
            Err(error) => {
                self.stop = Some(CutReason::PageFailed { url: url.clone() });
                Step::Failed(PageError { number, url, error })
            }
        }
    }
}

/// Turns one udata dataset object into an item.
pub(crate) fn dataset_item(dataset: &Value, position: usize) -> Item {
    if !dataset.is_object() {
        return Item::Skipped(Skip::new(
            SkipReason::NotAnObject,
            None,
            None,
            &[("position", &position.to_string())],
        ));
    }
    let title = json::text(dataset, "title");
    let Some(remote_id) = json::text(dataset, "id") else {
        return Item::Skipped(Skip::new(
            SkipReason::MissingIdentifier,
            json::text(dataset, "slug"),
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
    let deleted = json::text(dataset, "deleted").is_some();
    let private = dataset.get("private").and_then(Value::as_bool) == Some(true);
    if deleted || private {
        return Item::Skipped(Skip::new(
            SkipReason::NotPublic,
            Some(remote_id.clone()),
            Some(title),
            &[("id", &remote_id)],
        ));
    }
    Item::Dataset(Box::new(read_dataset(dataset, remote_id, title)))
}

fn read_dataset(dataset: &Value, remote_id: String, title: String) -> RemoteDataset {
    let mut notes = Vec::new();
    let licence = json::text(dataset, "license").map(|raw| map_licence(&raw));
    note_unmapped(&licence, NoteCode::UnknownLicence, &mut notes);
    let frequency = json::text(dataset, "frequency").map(|raw| map_frequency(&raw));
    note_unmapped(&frequency, NoteCode::UnknownFrequency, &mut notes);

    let publisher = ["organization", "owner"].iter().find_map(|key| {
        let owner = dataset.get(key).filter(|value| value.is_object())?;
        json::text(owner, "name").or_else(|| {
            let first = json::text(owner, "first_name").unwrap_or_default();
            let last = json::text(owner, "last_name").unwrap_or_default();
            let full = format!("{first} {last}");
            (!full.trim().is_empty()).then(|| full.trim().to_owned())
        })
    });
    let temporal = dataset
        .get("temporal_coverage")
        .filter(|value| value.is_object())
        .map(|coverage| Temporal {
            start: json::text(coverage, "start"),
            end: json::text(coverage, "end"),
        });
    let spatial = dataset
        .get("spatial")
        .filter(|value| value.is_object())
        .and_then(|spatial| {
            let zones: Vec<String> = json::array(spatial, "zones")
                .iter()
                .filter_map(json::value_text)
                .collect();
            let geometry = spatial
                .get("geom")
                .filter(|geom| geom.is_object())
                .map(Value::to_string);
            (geometry.is_some() || !zones.is_empty()).then(|| Spatial {
                geometry,
                text: (!zones.is_empty()).then(|| zones.join(", ")),
                ..Spatial::default()
            })
        });
    let extras = dataset
        .get("extras")
        .and_then(Value::as_object)
        .map(|extras| {
            extras
                .iter()
                .filter_map(|(key, value)| Some((key.clone(), json::value_text(value)?)))
                .collect()
        })
        .unwrap_or_default();

    let mut distributions = Vec::new();
    for (index, resource) in json::array(dataset, "resources").iter().enumerate() {
        match read_resource(resource) {
            Some(distribution) => distributions.push(distribution),
            None => notes.push(Note::new(
                NoteCode::DistributionWithoutUrl,
                &[
                    ("position", &(index + 1).to_string()),
                    (
                        "title",
                        &json::text(resource, "title").unwrap_or_else(|| "-".to_owned()),
                    ),
                ],
            )),
        }
    }
    let schemas = dataset
        .get("schema")
        .and_then(schema_reference)
        .into_iter()
        .collect();

    RemoteDataset {
        uri: json::text(dataset, "slug"),
        remote_id,
        title,
        description: json::text(dataset, "description"),
        landing_page: json::text(dataset, "page").and_then(|page| json::http_url(&page)),
        publisher,
        contact_email: None,
        keywords: json::array(dataset, "tags")
            .iter()
            .filter_map(json::value_text)
            .collect(),
        themes: Vec::new(),
        licence,
        frequency,
        temporal,
        spatial,
        issued: json::text(dataset, "created_at"),
        modified: json::text(dataset, "last_modified")
            .or_else(|| json::text(dataset, "last_update")),
        languages: Vec::new(),
        schemas,
        distributions,
        extras,
        notes,
    }
}

/// Reads a udata schema reference: `{"name": …, "url": …, "version": …}`; the URL is
/// preferred, else `name@version`.
fn schema_reference(schema: &Value) -> Option<String> {
    if !schema.is_object() {
        return json::value_text(schema);
    }
    json::text(schema, "url").or_else(|| {
        let name = json::text(schema, "name")?;
        Some(match json::text(schema, "version") {
            Some(version) => format!("{name}@{version}"),
            None => name,
        })
    })
}

fn read_resource(resource: &Value) -> Option<RemoteDistribution> {
    let url = json::text(resource, "url").and_then(|url| json::http_url(&url))?;
    let kind = match json::text(resource, "type").as_deref() {
        Some("api") => DistributionKind::Api,
        Some("documentation" | "code" | "other") => DistributionKind::Other,
        _ => DistributionKind::File,
    };
    let checksum = resource
        .get("checksum")
        .filter(|value| value.is_object())
        .and_then(|checksum| {
            Some(Checksum {
                algorithm: json::text(checksum, "type")?.to_ascii_lowercase(),
                value: json::text(checksum, "value")?.to_ascii_lowercase(),
            })
        });
    Some(RemoteDistribution {
        remote_id: json::text(resource, "id"),
        title: json::text(resource, "title"),
        description: json::text(resource, "description"),
        access_url: json::text(resource, "latest")
            .and_then(|latest| json::http_url(&latest))
            .filter(|latest| *latest != url),
        url,
        format: json::text(resource, "format"),
        media_type: json::text(resource, "mime"),
        size: json::unsigned(resource, "filesize"),
        checksum,
        licence: None,
        schemas: resource
            .get("schema")
            .and_then(schema_reference)
            .into_iter()
            .collect(),
        kind,
        issued: json::text(resource, "created_at").or_else(|| json::text(resource, "published")),
        modified: json::text(resource, "last_modified"),
    })
}
