//! Reads a DCAT-US "data.json" catalogue: plain JSON whose `dataset` list contains objects
//! with DCAT's property names (`title`, `identifier`, `distribution`, `downloadURL`…).
//! CKAN's DCAT extension and US federal portals publish this shape.

use serde_json::Value;
use url::Url;

use crate::json;
use crate::mapping::{map_frequency, map_licence, note_unmapped};
use crate::record::{
    DistributionKind, Item, Note, NoteCode, RemoteDataset, RemoteDistribution, Skip, SkipReason,
    Spatial, Temporal,
};

pub(crate) fn page_items(catalogue: &Value, page_url: &str) -> Vec<Item> {
    let base = Url::parse(page_url).ok();
    json::array(catalogue, "dataset")
        .iter()
        .enumerate()
        .map(|(position, dataset)| dataset_item(dataset, position, base.as_ref()))
        .collect()
}

fn resolve(base: Option<&Url>, text: &str) -> Option<String> {
    let resolved = match base {
        Some(base) => base.join(text.trim()).ok()?.to_string(),
        None => text.trim().to_owned(),
    };
    json::http_url(&resolved)
}

/// Reads a list that may also be a single value.
fn strings(object: &Value, key: &str) -> Vec<String> {
    match object.get(key) {
        Some(Value::Array(values)) => values.iter().filter_map(json::value_text).collect(),
        Some(value) => json::value_text(value).into_iter().collect(),
        None => Vec::new(),
    }
}

fn dataset_item(dataset: &Value, position: usize, base: Option<&Url>) -> Item {
    if !dataset.is_object() {
        return Item::Skipped(Skip::new(
            SkipReason::NotAnObject,
            None,
            None,
            &[("position", &position.to_string())],
        ));
    }
    let title = json::text(dataset, "title");
    let Some(remote_id) = json::text(dataset, "identifier") else {
        return Item::Skipped(Skip::new(
            SkipReason::MissingIdentifier,
            None,
            title.clone(),
            &[("title", title.as_deref().unwrap_or_default())],
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
    let licence = json::text(dataset, "license").map(|raw| map_licence(&raw));
    note_unmapped(&licence, NoteCode::UnknownLicence, &mut notes);
    let frequency = json::text(dataset, "accrualPeriodicity").map(|raw| map_frequency(&raw));
    note_unmapped(&frequency, NoteCode::UnknownFrequency, &mut notes);

    let mut distributions = Vec::new();
    for (index, distribution) in json::array(dataset, "distribution").iter().enumerate() {
        match read_distribution(distribution, base) {
            Some(distribution) => distributions.push(distribution),
            None => notes.push(Note::new(
                NoteCode::DistributionWithoutUrl,
                &[
                    ("position", &(index + 1).to_string()),
                    (
                        "title",
                        &json::text(distribution, "title").unwrap_or_else(|| "-".to_owned()),
                    ),
                ],
            )),
        }
    }

    let publisher = match dataset.get("publisher") {
        Some(Value::Object(_)) => dataset.get("publisher").and_then(|p| json::text(p, "name")),
        Some(other) => json::value_text(other),
        None => None,
    };
    let contact_email = dataset
        .get("contactPoint")
        .and_then(|contact| json::text(contact, "hasEmail"))
        .map(|email| email.trim_start_matches("mailto:").trim().to_owned());
    let temporal = json::text(dataset, "temporal").map(|value| {
        let (start, end) = value.split_once('/').unwrap_or((&value, ""));
        Temporal {
            start: Some(start.trim().to_owned()).filter(|s| !s.is_empty()),
            end: Some(end.trim().to_owned()).filter(|s| !s.is_empty()),
        }
    });
    let spatial = json::text(dataset, "spatial").map(|text| Spatial {
        text: Some(text),
        ..Spatial::default()
    });

    Item::Dataset(Box::new(RemoteDataset {
        uri: None,
        title,
        description: json::text(dataset, "description"),
        landing_page: json::text(dataset, "landingPage")
            .and_then(|page| resolve(base, &page))
            .or_else(|| json::http_url(&remote_id)),
        remote_id,
        publisher,
        contact_email,
        keywords: strings(dataset, "keyword"),
        themes: strings(dataset, "theme"),
        licence,
        frequency,
        temporal,
        spatial,
        issued: json::text(dataset, "issued"),
        modified: json::text(dataset, "modified"),
        languages: strings(dataset, "language"),
        schemas: strings(dataset, "conformsTo"),
        distributions,
        extras: Default::default(),
        notes,
    }))
}

fn read_distribution(distribution: &Value, base: Option<&Url>) -> Option<RemoteDistribution> {
    let download_url = json::text(distribution, "downloadURL").and_then(|url| resolve(base, &url));
    let access_url = json::text(distribution, "accessURL").and_then(|url| resolve(base, &url));
    let url = download_url.or_else(|| access_url.clone())?;
    Some(RemoteDistribution {
        remote_id: json::text(distribution, "identifier"),
        title: json::text(distribution, "title"),
        description: json::text(distribution, "description"),
        access_url: access_url.filter(|access| *access != url),
        url,
        format: json::text(distribution, "format"),
        media_type: json::text(distribution, "mediaType"),
        size: json::unsigned(distribution, "byteSize"),
        checksum: None,
        licence: json::text(distribution, "license").map(|raw| map_licence(&raw)),
        schemas: strings(distribution, "conformsTo")
            .into_iter()
            .chain(strings(distribution, "describedBy"))
            .collect(),
        kind: DistributionKind::File,
        issued: json::text(distribution, "issued"),
        modified: json::text(distribution, "modified"),
    })
}
