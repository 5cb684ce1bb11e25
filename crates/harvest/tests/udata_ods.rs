//! udata and Opendatasoft sources against mock APIs on loopback, fed with the recorded
//! data.gouv.fr answers and the examples of the Explore API v2.1 description.

mod support;

use std::sync::Arc;

use harvest::record::{DistributionKind, Item, RemoteDataset};
use harvest::source::{
    Completion, CutReason, Filters, ListingLimits, SourceConfig, SourceKind, open,
};
use serde_json::{Value, json};
use support::{Request, Response, Server, read, reference_dir, test_fetcher};

fn harvest(config: &SourceConfig) -> (Vec<RemoteDataset>, usize, Completion) {
    let mut listing = open(config, &test_fetcher()).expect("open");
    let mut datasets = Vec::new();
    let mut errors = 0;
    for page in listing.by_ref() {
        match page {
            Ok(page) => {
                for item in page.items {
                    if let Item::Dataset(dataset) = item {
                        datasets.push(*dataset);
                    }
                }
            }
            Err(_) => errors += 1,
        }
    }
    (datasets, errors, listing.completion().cloned().unwrap())
}

fn recorded(reference: &std::path::Path, file: &str) -> Value {
    serde_json::from_slice(&read(
        &reference.join("udata/datagouv-api-v1/responses").join(file),
    ))
    .unwrap()
}

/// A udata API serving one organisation's datasets on two pages linked by `next_page`.
fn udata_server(datasets: Vec<Value>) -> Server {
    let port_cell = Arc::new(std::sync::OnceLock::<u16>::new());
    let cell = port_cell.clone();
    let server = Server::start(move |request: &Request| {
        let base = format!("http://127.0.0.1:{}", cell.get().unwrap());
        if request.path() != "/api/1/organizations/538346d6a3a72906c7ec5c36/datasets/" {
            return Response::status(404);
        }
        let page: usize = request
            .query("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1);
        let next = (page < datasets.len()).then(|| {
            format!(
                "{base}/api/1/organizations/538346d6a3a72906c7ec5c36/datasets/?page={}&page_size=1",
                page + 1
            )
        });
        Response::json(&json!({
            "data": datasets.get(page - 1).cloned().into_iter().collect::<Vec<_>>(),
            "next_page": next,
            "page": page,
            "page_size": 1,
            "total": datasets.len(),
        }))
    });
    port_cell.set(server.port).unwrap();
    server
}

#[test]
fn udata_organisation_pages_followed() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let datasets = vec![
        recorded(
            &reference,
            "dataset-horaires-et-arrets-du-reseau-irigo-format-gtfs.json",
        ),
        recorded(
            &reference,
            "dataset-test-jeux-de-donnees-associe-a-plusieurs-villes.json",
        ),
    ];
    let server = udata_server(datasets);
    let config = SourceConfig {
        filters: Filters {
            organization: Some("538346d6a3a72906c7ec5c36".into()),
            ..Filters::default()
        },
        ..SourceConfig::new(SourceKind::Udata, &server.url("/api/1"))
    };

    let (datasets, errors, completion) = harvest(&config);

    assert_eq!(errors, 0);
    assert_eq!(completion, Completion::Complete);
    assert_eq!(datasets.len(), 2);
    let irigo = &datasets[0];
    assert_eq!(irigo.distributions.len(), 6);
    assert_eq!(
        irigo.licence.as_ref().unwrap().code.as_deref(),
        Some("odbl")
    );
    assert_eq!(
        irigo.frequency.as_ref().unwrap().code.as_deref(),
        Some("NEVER")
    );
    assert_eq!(irigo.publisher.as_deref(), Some("Angers Loire Métropole"));
    let checksum = irigo.distributions[0].checksum.as_ref().unwrap();
    assert_eq!(checksum.algorithm, "sha1");
    assert_eq!(irigo.distributions[0].size, Some(1_684_490));
    let test = &datasets[1];
    assert_eq!(test.remote_id, "5e25b4afdc47091fd5c0e986");
    assert_eq!(test.distributions.len(), 1);
    assert_eq!(
        test.licence.as_ref().unwrap().code,
        None,
        "notspecified stays raw"
    );
    let zones = test.spatial.as_ref().unwrap().text.as_deref().unwrap();
    assert!(zones.contains("fr:commune:36044"), "{zones}");
}

#[test]
fn udata_bare_array_and_empty_envelope() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let dataset = recorded(&reference, "dataset-5e25b4afdc47091fd5c0e986.json");
    let empty = recorded(
        &reference,
        "organization-538346d6a3a72906c7ec5c36-datasets-paged-empty.json",
    );
    let server = Server::start(move |request| match request.path() {
        "/old/datasets/" => Response::json(&json!([dataset.clone()])),
        "/empty/datasets/" => Response::json(&empty),
        _ => Response::status(404),
    });
    let (datasets, errors, completion) = harvest(&SourceConfig::new(
        SourceKind::Udata,
        &server.url("/old/datasets/"),
    ));
    assert_eq!((datasets.len(), errors), (1, 0));
    assert_eq!(completion, Completion::Complete);

    let (datasets, errors, completion) = harvest(&SourceConfig::new(
        SourceKind::Udata,
        &server.url("/empty/datasets/"),
    ));
    assert_eq!((datasets.len(), errors), (0, 0));
    assert_eq!(completion, Completion::Complete);
}

fn openapi_example(reference: &std::path::Path, name: &str) -> Value {
    let spec: Value =
        serde_json::from_slice(&read(&reference.join("ods/explore-api-v2.1/openapi.json")))
            .unwrap();
    spec["components"]["examples"][name]["value"].clone()
}

/// An Explore API v2.1 catalogue of `datasets`, paged with `limit` and `offset`.
fn ods_server(datasets: Vec<Value>, total_count: Option<usize>) -> Server {
    Server::start(move |request| {
        if request.path() != "/api/explore/v2.1/catalog/datasets" {
            return Response::status(404);
        }
        let limit: usize = request
            .query("limit")
            .and_then(|v| v.parse().ok())
            .unwrap_or(10);
        let offset: usize = request
            .query("offset")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if limit > 100 || offset + limit >= 10_000 {
            return Response::status(400);
        }
        let results: Vec<Value> = datasets.iter().skip(offset).take(limit).cloned().collect();
        Response::json(&json!({
            "total_count": total_count.unwrap_or(datasets.len()),
            "results": results,
        }))
    })
}

#[test]
fn ods_catalogue_example_mapped() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let dataset = openapi_example(&reference, "dataset-v2.1");
    let server = ods_server(vec![dataset], None);

    let (datasets, errors, completion) =
        harvest(&SourceConfig::new(SourceKind::Ods, &server.url("/")));

    assert_eq!(errors, 0);
    assert_eq!(completion, Completion::Complete);
    let geonames = &datasets[0];
    assert_eq!(geonames.remote_id, "da_s2n5ed");
    assert_eq!(
        geonames.uri.as_deref(),
        Some("geonames-all-cities-with-a-population-1000")
    );
    assert_eq!(
        geonames.title,
        "Geonames - All Cities with a population > 1000"
    );
    assert_eq!(
        geonames.licence.as_ref().unwrap().code.as_deref(),
        Some("cc-by-4.0")
    );
    assert_eq!(geonames.keywords.len(), 3);
    assert_eq!(geonames.themes.len(), 1);
    assert_eq!(geonames.publisher.as_deref(), Some("GeoNames"));
    let formats: Vec<_> = geonames
        .distributions
        .iter()
        .filter(|d| d.kind == DistributionKind::File)
        .filter_map(|d| d.format.clone())
        .collect();
    assert_eq!(
        formats,
        ["csv", "json", "geojson"],
        "geo feature adds GeoJSON"
    );
    assert!(geonames.distributions[0].url.ends_with(
        "/api/explore/v2.1/catalog/datasets/geonames-all-cities-with-a-population-1000/exports/csv"
    ));
}

#[test]
fn ods_catalogue_paged_by_offset() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let template = openapi_example(&reference, "dataset-v2.1");
    let datasets: Vec<Value> = (0..250)
        .map(|index| {
            let mut dataset = template.clone();
            dataset["dataset_uid"] = json!(format!("da_{index:05}"));
            dataset["dataset_id"] = json!(format!("jeu-{index}"));
            dataset
        })
        .collect();
    let server = ods_server(datasets, None);

    let (datasets, errors, completion) =
        harvest(&SourceConfig::new(SourceKind::Ods, &server.url("/")));

    assert_eq!(errors, 0);
    assert_eq!(datasets.len(), 250);
    assert_eq!(completion, Completion::Complete);
}

#[test]
fn ods_offset_window_cuts_listing_short() {
    let datasets: Vec<Value> = (0..10_050)
        .map(|index| {
            json!({
                "dataset_uid": format!("da_{index:05}"),
                "dataset_id": format!("jeu-{index}"),
                "metas": {"default": {"title": format!("Jeu {index}")}}
            })
        })
        .collect();
    let server = ods_server(datasets, None);
    let config = SourceConfig {
        limits: ListingLimits {
            page_size: 100,
            ..ListingLimits::default()
        },
        ..SourceConfig::new(SourceKind::Ods, &server.url("/"))
    };

    let (datasets, errors, completion) = harvest(&config);

    assert_eq!(errors, 0);
    assert_eq!(datasets.len(), 9_999, "offset + limit stays below 10 000");
    assert_eq!(
        completion,
        Completion::CutShort {
            reason: CutReason::OffsetLimit { max: 10_000 }
        }
    );
}

#[test]
fn ods_failed_page_skipped_over() {
    let datasets: Arc<Vec<Value>> = Arc::new(
        (0..250)
            .map(|index| {
                json!({
                    "dataset_uid": format!("da_{index:05}"),
                    "dataset_id": format!("jeu-{index}"),
                    "metas": {"default": {"title": format!("Jeu {index}")}}
                })
            })
            .collect(),
    );
    let server = Server::start(move |request| {
        let offset: usize = request
            .query("offset")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if offset == 100 {
            return Response::status(500);
        }
        let limit: usize = request
            .query("limit")
            .and_then(|v| v.parse().ok())
            .unwrap_or(10);
        let results: Vec<Value> = datasets.iter().skip(offset).take(limit).cloned().collect();
        Response::json(&json!({"total_count": 250, "results": results}))
    });

    let (datasets, errors, completion) =
        harvest(&SourceConfig::new(SourceKind::Ods, &server.url("/")));

    assert_eq!(errors, 1);
    assert_eq!(datasets.len(), 150);
    assert_eq!(completion, Completion::PagesFailed { failed: 1 });
}

#[test]
fn udata_failed_page_stops_listing() {
    let server = Server::start(|request| {
        if request.query("page").as_deref() == Some("2") {
            return Response::ok("application/json", "{\"data\": [");
        }
        let next = format!(
            "http://{}/api/1/datasets/?page=2",
            request.header("host").unwrap_or_default()
        );
        Response::json(&json!({
            "data": [{"id": "a", "title": "Premier jeu"}],
            "next_page": next,
        }))
    });

    let (datasets, errors, completion) = harvest(&SourceConfig::new(
        SourceKind::Udata,
        &server.url("/api/1/datasets/"),
    ));

    assert_eq!((datasets.len(), errors), (1, 1));
    assert!(
        matches!(
            completion,
            Completion::CutShort {
                reason: CutReason::PageFailed { .. }
            }
        ),
        "{completion:?}"
    );
}
