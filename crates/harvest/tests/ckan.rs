//! CKAN source against a mock CKAN server on loopback: recorded DataSud responses and
//! ckanext-dcat package dicts, long listings, failed pages and moving counts.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use harvest::record::{DistributionKind, Item, RemoteDataset, SkipReason};
use harvest::source::{
    Completion, CutReason, Filters, ListingLimits, Page, PageError, SourceConfig, SourceError,
    SourceKind, open,
};
use serde_json::{Value, json};
use support::{Request, Response, Server, read, reference_dir, test_fetcher};

/// Builds the `package_search` response under `prefix` from `packages`, honouring `rows` and `start`.
fn package_search(packages: &[Value], request: &Request) -> Response {
    let rows: usize = request
        .query("rows")
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let start: usize = request
        .query("start")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let results: Vec<Value> = packages.iter().skip(start).take(rows).cloned().collect();
    Response::json(&json!({
        "help": "http://127.0.0.1/api/3/action/help_show?name=package_search",
        "success": true,
        "result": {"count": packages.len(), "results": results}
    }))
}

fn ckan_server(prefix: &'static str, packages: Vec<Value>) -> Server {
    let packages = Arc::new(packages);
    Server::start(move |request| {
        if request.path() == format!("{prefix}api/3/action/package_search") {
            package_search(&packages, request)
        } else {
            Response::status(404)
        }
    })
}

struct Outcome {
    pages: Vec<Page>,
    errors: Vec<PageError>,
    completion: Completion,
}

impl Outcome {
    fn datasets(&self) -> Vec<&RemoteDataset> {
        self.pages
            .iter()
            .flat_map(|page| &page.items)
            .filter_map(|item| match item {
                Item::Dataset(dataset) => Some(dataset.as_ref()),
                Item::Skipped(_) => None,
            })
            .collect()
    }

    fn skips(&self) -> Vec<(Option<String>, SkipReason)> {
        self.pages
            .iter()
            .flat_map(|page| &page.items)
            .filter_map(|item| match item {
                Item::Skipped(skip) => Some((skip.remote_id.clone(), skip.reason)),
                Item::Dataset(_) => None,
            })
            .collect()
    }

    fn distribution_count(&self) -> usize {
        self.datasets().iter().map(|d| d.distributions.len()).sum()
    }
}

fn harvest(config: &SourceConfig) -> Outcome {
    let mut listing = open(config, &test_fetcher()).expect("open the listing");
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    for page in listing.by_ref() {
        match page {
            Ok(page) => pages.push(page),
            Err(error) => errors.push(error),
        }
    }
    let completion = listing.completion().cloned().expect("finished listing");
    Outcome {
        pages,
        errors,
        completion,
    }
}

fn config(url: String, page_size: usize) -> SourceConfig {
    SourceConfig {
        limits: ListingLimits {
            page_size,
            ..ListingLimits::default()
        },
        ..SourceConfig::new(SourceKind::Ckan, &url)
    }
}

fn generated_packages(count: usize) -> Vec<Value> {
    (0..count)
        .map(|index| {
            json!({
                "id": format!("id-{index:05}"),
                "name": format!("jeu-{index}"),
                "title": format!("Jeu de données {index}"),
                "type": "dataset",
                "private": false,
                "state": "active",
                "license_id": "odc-odbl",
                "resources": [{"id": format!("r-{index}"), "url": format!("https://example.org/{index}.csv"), "format": "CSV"}]
            })
        })
        .collect()
}

#[test]
fn datasud_recording_read_whole() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let recorded: Value = serde_json::from_slice(&read(
        &reference.join("ckan/datasud/responses/package_search.json"),
    ))
    .unwrap();
    let packages = recorded["result"]["results"].as_array().unwrap().clone();
    let server = ckan_server("/fr/indexer/service/ckan/", packages);

    // The API root is a sub-path, given here without its trailing slash.
    let outcome = harvest(&config(server.url("/fr/indexer/service/ckan"), 100));

    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(outcome.completion, Completion::Complete);
    let datasets = outcome.datasets();
    assert_eq!(datasets.len(), 7);
    assert_eq!(outcome.distribution_count(), 21);
    for dataset in &datasets {
        assert_eq!(
            dataset.licence.as_ref().and_then(|l| l.code.as_deref()),
            Some("lov2")
        );
        assert_eq!(dataset.distributions.len(), 3, "{}", dataset.title);
        let landing = dataset.landing_page.as_deref().unwrap_or_default();
        assert!(
            landing.starts_with("https://www.datasud.fr/explorer/fr/jeux-de-donnees/"),
            "{landing}"
        );
    }
    let canispaces = datasets
        .iter()
        .find(|d| d.title == "Canispaces - Ville de Gap")
        .unwrap();
    assert_eq!(canispaces.remote_id, "cfa98601-185f-4194-bc0f-119fc23a194b");
    assert_eq!(canispaces.keywords, ["chien", "canispace"]);
    assert_eq!(
        canispaces.publisher.as_deref(),
        Some("Communauté d'Agglomération de Gap-Tallard-Durance")
    );
    // The WMS and WFS resources share the id "1112": both are kept, distinguished by URL.
    let shared: Vec<_> = canispaces
        .distributions
        .iter()
        .filter(|d| d.remote_id.as_deref() == Some("1112"))
        .collect();
    assert_eq!(shared.len(), 2);
    assert_ne!(shared[0].url, shared[1].url);
    let upload = &canispaces.distributions[0];
    assert_eq!(upload.size, Some(1955));
    assert_eq!(upload.format.as_deref(), Some("Shapefile (zip)"));
    assert_eq!(upload.kind, DistributionKind::File);
    let accented = datasets
        .iter()
        .any(|d| d.keywords.iter().any(|k| k == "déchet"));
    assert!(accented, "accented tags are kept as written");
}

#[test]
fn ckanext_dcat_package_dicts_read() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let files = [
        "ckan_dataset.json",
        "ckan_full_dataset_dcat_ap.json",
        "ckan_full_dataset_dcat_ap_vocabularies.json",
        "full_ckan_dataset_legacy.json",
    ];
    // The two scheming examples describe the same dataset (same name), so each file is
    // served as its own one-package catalogue.
    for file in files {
        let package: Value =
            serde_json::from_slice(&read(&reference.join("ckan/ckanext-dcat").join(file))).unwrap();
        let server = ckan_server("/", vec![package]);

        let outcome = harvest(&config(server.url("/"), 100));

        assert_eq!(outcome.skips(), [], "{file}");
        assert_eq!(outcome.datasets().len(), 1, "{file}");
        assert_eq!(outcome.distribution_count(), 1, "{file}");
        let dataset = outcome.datasets()[0].clone();
        if file == "full_ckan_dataset_legacy.json" {
            assert!(
                dataset.extras.contains_key("guid"),
                "unknown extras are kept"
            );
            let spatial = dataset.spatial.as_ref().expect("the spatial extra is read");
            assert!(
                spatial
                    .geometry
                    .as_deref()
                    .unwrap_or_default()
                    .contains("Polygon")
            );
        }
        if file == "ckan_full_dataset_dcat_ap.json" {
            assert!(
                dataset.frequency.is_some(),
                "the scheming frequency field is read"
            );
            assert!(
                dataset.temporal.is_some(),
                "the scheming temporal coverage is read"
            );
        }
    }
}

#[test]
fn listing_reads_past_one_thousand() {
    let server = ckan_server("/", generated_packages(2_500));
    for page_size in [1000, 100] {
        let outcome = harvest(&config(server.url("/"), page_size));
        let mut ids: Vec<_> = outcome
            .datasets()
            .iter()
            .map(|d| d.remote_id.clone())
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 2_500, "page size {page_size}");
        assert_eq!(outcome.pages.len(), 2_500_usize.div_ceil(page_size));
        assert_eq!(outcome.completion, Completion::Complete);
        assert_eq!(
            outcome.datasets()[0]
                .licence
                .as_ref()
                .unwrap()
                .code
                .as_deref(),
            Some("odbl")
        );
    }
}

#[test]
fn server_rows_cap_does_not_skip_entries() {
    // A server that returns at most 50 rows whatever `rows` requests.
    let packages = Arc::new(generated_packages(120));
    let server = Server::start(move |request| {
        let start: usize = request
            .query("start")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let results: Vec<Value> = packages.iter().skip(start).take(50).cloned().collect();
        Response::json(&json!({"success": true, "result": {"count": 120, "results": results}}))
    });
    let outcome = harvest(&config(server.url("/"), 100));
    assert_eq!(outcome.datasets().len(), 120);
    assert_eq!(outcome.completion, Completion::Complete);
}

#[test]
fn failed_page_reported_others_kept() {
    let packages = Arc::new(generated_packages(250));
    let server = Server::start(move |request| {
        if request.query("start").as_deref() == Some("100") {
            return Response::ok(
                "application/json",
                "{\"success\": true, \"result\": {\"count\": 250, \"results\": [",
            );
        }
        package_search(&packages, request)
    });

    let outcome = harvest(&config(server.url("/"), 100));

    assert_eq!(outcome.datasets().len(), 150);
    assert_eq!(outcome.errors.len(), 1);
    assert_eq!(outcome.errors[0].number, 2);
    assert!(
        matches!(outcome.errors[0].error, SourceError::InvalidJson { .. }),
        "{:?}",
        outcome.errors[0].error
    );
    assert_eq!(outcome.completion, Completion::PagesFailed { failed: 1 });
    assert!(!outcome.completion.is_complete());
}

#[test]
fn moving_count_detected() {
    let packages = Arc::new(generated_packages(300));
    let calls = Arc::new(AtomicUsize::new(0));
    let server = Server::start(move |request| {
        let call = calls.fetch_add(1, Ordering::SeqCst);
        let mut response: Value =
            serde_json::from_slice(&package_search(&packages, request).body).unwrap();
        // Two datasets were published remotely between the first and second page.
        response["result"]["count"] = json!(300 + if call == 0 { 0 } else { 2 });
        Response::json(&response)
    });

    let outcome = harvest(&config(server.url("/"), 100));

    assert_eq!(outcome.datasets().len(), 300);
    assert_eq!(
        outcome.completion,
        Completion::CutShort {
            reason: CutReason::CountChanged {
                first: 300,
                now: 302
            }
        }
    );
}

#[test]
fn html_answer_reported() {
    let server =
        Server::start(|_| Response::ok("text/html; charset=utf-8", "<html>Portail</html>"));
    let outcome = harvest(&config(server.url("/"), 100));
    assert_eq!(outcome.errors.len(), 1);
    assert!(
        matches!(
            outcome.errors[0].error,
            SourceError::UnexpectedAnswer { .. }
        ),
        "{:?}",
        outcome.errors[0].error
    );
    assert!(matches!(
        outcome.completion,
        Completion::CutShort {
            reason: CutReason::PageFailed { .. }
        }
    ));
}

#[test]
fn filters_sent_to_package_search() {
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = seen.clone();
    let server = Server::start(move |request| {
        record.lock().unwrap().push(request.clone());
        package_search(&[], request)
    });
    let config = SourceConfig {
        filters: Filters {
            organization: Some("ville-de-gap".into()),
            tags: vec!["déchet".into()],
            query: Some("voirie".into()),
        },
        ..config(server.url("/data/"), 100)
    };

    let outcome = harvest(&config);

    assert_eq!(outcome.completion, Completion::Complete);
    let requests = seen.lock().unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path(), "/data/api/3/action/package_search");
    assert_eq!(
        requests[0].query("fq").as_deref(),
        Some("organization:\"ville-de-gap\" AND tags:\"déchet\"")
    );
    assert_eq!(requests[0].query("q").as_deref(), Some("voirie"));
    assert_eq!(requests[0].query("start").as_deref(), Some("0"));
}

#[test]
fn invalid_packages_skipped_with_reasons() {
    let mut packages = generated_packages(2);
    packages.push(json!({"title": "Sans identifiant ni nom"}));
    packages.push(json!({"id": "no-title"}));
    packages.push(json!({"id": "private", "title": "Privé", "private": true}));
    packages.push(json!({"id": "showcase", "title": "Vitrine", "type": "showcase"}));
    packages.push(json!("not an object"));
    packages.push(generated_packages(1).remove(0));
    let server = ckan_server("/", packages);

    let outcome = harvest(&config(server.url("/"), 100));

    assert_eq!(outcome.datasets().len(), 2);
    assert_eq!(
        outcome.skips(),
        [
            (None, SkipReason::MissingIdentifier),
            (Some("no-title".to_owned()), SkipReason::MissingTitle),
            (Some("private".to_owned()), SkipReason::NotPublic),
            (Some("showcase".to_owned()), SkipReason::NotADataset),
            (None, SkipReason::NotAnObject),
            (Some("id-00000".to_owned()), SkipReason::DuplicateIdentifier),
        ]
    );
    assert_eq!(outcome.completion, Completion::Complete);
}

#[test]
fn page_limit_cuts_listing_short() {
    let server = ckan_server("/", generated_packages(500));
    let config = SourceConfig {
        limits: ListingLimits {
            page_size: 100,
            max_pages: 2,
        },
        ..SourceConfig::new(SourceKind::Ckan, &server.url("/"))
    };

    let outcome = harvest(&config);

    assert_eq!(outcome.datasets().len(), 200);
    assert_eq!(
        outcome.completion,
        Completion::CutShort {
            reason: CutReason::PageLimit { max_pages: 2 }
        }
    );
}

#[test]
fn sort_rejected_then_dropped() {
    let packages = Arc::new(generated_packages(150));
    let server = Server::start(move |request| {
        if request.query("sort").is_some() {
            return Response::status(409);
        }
        package_search(&packages, request)
    });

    let outcome = harvest(&config(server.url("/"), 100));

    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(outcome.datasets().len(), 150);
    assert_eq!(outcome.completion, Completion::Complete);
}
