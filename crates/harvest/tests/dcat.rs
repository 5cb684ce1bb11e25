//! DCAT source against the recorded catalogues served on loopback: counts per file,
//! Hydra paging, looping and off-host next links, broken pages and invalid records.

mod support;

use std::path::Path;
use std::sync::Arc;

use harvest::record::{DistributionKind, Item, RemoteDataset, SkipReason};
use harvest::source::{
    Completion, CutReason, PageError, SourceConfig, SourceError, SourceKind, open,
};
use support::{Response, Server, read, reference_dir, test_fetcher};

fn content_type(path: &str) -> &'static str {
    match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some("ttl") => "text/turtle",
        Some("jsonld") => "application/ld+json",
        Some("json") => "application/json",
        _ => "application/rdf+xml",
    }
}

/// Serves `files` (URL path → body) with a content type from the extension.
fn file_server(files: Vec<(String, Vec<u8>)>) -> Server {
    let files = Arc::new(files);
    Server::start(move |request| {
        let target = request.target.as_str();
        match files.iter().find(|(path, _)| path == target) {
            Some((path, body)) => {
                let path = path.split('?').next().unwrap_or_default();
                Response::ok(content_type(path), body.clone())
            }
            None => Response::status(404),
        }
    })
}

/// Serves `files` with `http://data.test.org/` replaced by the server's own base URL.
fn rewriting_server(files: Vec<(String, Vec<u8>)>) -> Server {
    let port_cell = Arc::new(std::sync::OnceLock::<u16>::new());
    let cell = port_cell.clone();
    let server = Server::start(move |request| {
        let base = format!("http://127.0.0.1:{}/", cell.get().unwrap());
        match files.iter().find(|(path, _)| *path == request.target) {
            Some((path, body)) => {
                let body = String::from_utf8_lossy(body).replace("http://data.test.org/", &base);
                Response::ok(content_type(path), body)
            }
            None => Response::status(404),
        }
    });
    port_cell.set(server.port).unwrap();
    server
}

struct Outcome {
    items: Vec<Item>,
    errors: Vec<PageError>,
    pages: usize,
    completion: Completion,
}

impl Outcome {
    fn datasets(&self) -> Vec<&RemoteDataset> {
        self.items
            .iter()
            .filter_map(|item| match item {
                Item::Dataset(dataset) => Some(dataset.as_ref()),
                Item::Skipped(_) => None,
            })
            .collect()
    }

    fn distribution_counts(&self) -> Vec<usize> {
        self.datasets()
            .iter()
            .map(|d| d.distributions.len())
            .collect()
    }

    fn skip_reasons(&self) -> Vec<SkipReason> {
        self.items
            .iter()
            .filter_map(|item| match item {
                Item::Skipped(skip) => Some(skip.reason),
                Item::Dataset(_) => None,
            })
            .collect()
    }
}

fn harvest(kind: SourceKind, url: &str) -> Outcome {
    let mut listing = open(&SourceConfig::new(kind, url), &test_fetcher()).expect("open");
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut pages = 0;
    for page in listing.by_ref() {
        pages += 1;
        match page {
            Ok(page) => items.extend(page.items),
            Err(error) => errors.push(error),
        }
    }
    Outcome {
        items,
        errors,
        pages,
        completion: listing.completion().cloned().unwrap(),
    }
}

/// Expected datasets and distributions per dataset (listing order) for each recorded file.
const EXPECTED: &[(&str, &[usize])] = &[
    // Dataset 1 has 3 distributions and one `dct:hasPart` document.
    ("dcat/udata-tests/catalog.xml", &[4, 2, 1, 2]),
    ("dcat/udata-tests/bnodes.xml", &[2, 2, 1]),
    ("dcat/udata-tests/bnodes.jsonld", &[2, 2, 1]),
    ("dcat/udata-tests/flat.jsonld", &[2, 2, 1]),
    ("dcat/udata-tests/nested.jsonld", &[1]),
    ("dcat/udata-tests/sig.oreme.rdf", &[1]),
    ("dcat/ckanext-dcat/catalog.rdf", &[3, 2]),
    ("dcat/ckanext-dcat/catalog_datasets_list.rdf", &[3, 2]),
    ("dcat/ckanext-dcat/catalog_with_at_graph.jsonld", &[1]),
    ("dcat/ckanext-dcat/dataset.rdf", &[1]),
    ("dcat/ckanext-dcat/dataset_afs.ttl", &[2]),
    ("dcat/ckanext-dcat/dataset_deri.ttl", &[1]),
    ("dcat/ckanext-dcat/dataset_multilingual.ttl", &[1]),
    ("dcat/ckanext-dcat/dataset_sweden.rdf", &[1]),
    ("dcat/ckanext-dcat/catalog.json", &[3, 2]),
    ("udata/datagouv-dcat-export/udata.xml", &[4, 2]),
];

#[test]
fn recorded_catalogues_counts() {
    let Some(reference) = reference_dir() else {
        return;
    };
    for (path, expected) in EXPECTED {
        // Relative IRIs of the udata files resolve against `http://data.test.org/`:
        // each file is served at the root of a server that stands for that host.
        let name = path.rsplit('/').next().unwrap();
        let server = rewriting_server(vec![(format!("/{name}"), read(&reference.join(path)))]);
        let outcome = harvest(SourceKind::Dcat, &server.url(&format!("/{name}")));
        assert!(outcome.errors.is_empty(), "{path}: {:?}", outcome.errors);
        assert_eq!(outcome.skip_reasons(), [], "{path}");
        assert_eq!(outcome.completion, Completion::Complete, "{path}");
        let mut counts = outcome.distribution_counts();
        let mut expected = expected.to_vec();
        counts.sort_unstable();
        expected.sort_unstable();
        assert_eq!(counts, expected, "{path}: distributions per dataset");
    }
}

#[test]
fn udata_catalogue_values_read() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let path = "/catalog.xml";
    let server = rewriting_server(vec![(
        path.to_owned(),
        read(&reference.join("dcat/udata-tests/catalog.xml")),
    )]);
    let outcome = harvest(SourceKind::Dcat, &server.url(path));
    let datasets = outcome.datasets();
    let first = datasets.iter().find(|d| d.remote_id == "1").unwrap();
    let json = first
        .distributions
        .iter()
        .find(|d| d.title.as_deref() == Some("Resource 1-1"))
        .unwrap();
    assert_eq!(json.size, Some(12_323));
    assert_eq!(json.media_type.as_deref(), Some("application/json"));
    let service = first
        .distributions
        .iter()
        .find(|d| d.title.as_deref() == Some("Resource 1-4"))
        .unwrap();
    assert_eq!(service.kind, DistributionKind::Api);
    let part = first
        .distributions
        .iter()
        .find(|d| d.title.as_deref() == Some("Resource 1-3"))
        .unwrap();
    assert_eq!(part.kind, DistributionKind::Other);
    let temporal = first.temporal.as_ref().unwrap();
    assert!(temporal.start.as_deref().unwrap().starts_with("2016-01-01"));
    assert!(temporal.end.as_deref().unwrap().starts_with("2016-12-05"));
    assert_eq!(first.contact_email.as_deref(), Some("hello@its.me"));

    let third = datasets.iter().find(|d| d.remote_id == "3").unwrap();
    assert_eq!(
        third.frequency.as_ref().and_then(|f| f.code.as_deref()),
        Some("DAILY")
    );
    let second = datasets.iter().find(|d| d.remote_id == "2").unwrap();
    assert_eq!(
        second.licence.as_ref().and_then(|l| l.code.as_deref()),
        Some("lov2"),
        "licence read from dct:rights"
    );
}

#[test]
fn identity_falls_back_to_iri() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let path = "/dataset_deri.ttl";
    let server = file_server(vec![(
        path.to_owned(),
        read(&reference.join("dcat/ckanext-dcat/dataset_deri.ttl")),
    )]);
    let outcome = harvest(SourceKind::Dcat, &server.url(path));
    let dataset = outcome.datasets()[0];
    assert!(
        dataset.remote_id.starts_with("http"),
        "{}",
        dataset.remote_id
    );
    assert_eq!(
        dataset.distributions[0].url,
        "http://data.london.gov.uk/datafiles/environment/abandoned-vehicles-borough.csv"
    );
}

#[test]
fn multilingual_texts_prefer_one_language() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let path = "/dataset_multilingual.ttl";
    let server = file_server(vec![(
        path.to_owned(),
        read(&reference.join("dcat/ckanext-dcat/dataset_multilingual.ttl")),
    )]);
    let outcome = harvest(SourceKind::Dcat, &server.url(path));
    let dataset = outcome.datasets()[0];
    // No French text in this file: English comes before Catalan and Spanish.
    assert!(!dataset.title.is_empty());
    let keyword_count = dataset.keywords.len();
    assert!(keyword_count > 0);
    assert!(
        keyword_count <= 3,
        "keywords of one language only: {:?}",
        dataset.keywords
    );
}

#[test]
fn nested_checksum_read() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let path = "/nested.jsonld";
    let server = file_server(vec![(
        path.to_owned(),
        read(&reference.join("dcat/udata-tests/nested.jsonld")),
    )]);
    let outcome = harvest(SourceKind::Dcat, &server.url(path));
    let checksum = outcome.datasets()[0].distributions[0]
        .checksum
        .clone()
        .unwrap();
    assert_eq!(checksum.algorithm, "sha1");
    assert_eq!(checksum.value, "fb4106aa286a53be44ec99515f0f0421d4d7ad7d");
}

/// Serves the two Hydra pages of the udata tests, with their host rewritten to the
/// server's, plus `extra` pages.
fn paged_server(
    reference: &Path,
    extra: Vec<(String, Vec<u8>)>,
    page_two: Option<Vec<u8>>,
) -> Server {
    let port_cell = Arc::new(std::sync::OnceLock::<u16>::new());
    let cell = port_cell.clone();
    let page_one = read(&reference.join("dcat/udata-tests/partial-collection-1.jsonld"));
    let page_two = page_two
        .unwrap_or_else(|| read(&reference.join("dcat/udata-tests/partial-collection-2.jsonld")));
    let server = Server::start(move |request| {
        let base = format!("http://127.0.0.1:{}/", cell.get().unwrap());
        let rewrite = |body: &[u8]| {
            String::from_utf8_lossy(body)
                .replace("http://data.test.org/", &base)
                .into_bytes()
        };
        let body = match request.target.as_str() {
            "/catalog.jsonld" => rewrite(&page_one),
            "/catalog.jsonld?page=2" => rewrite(&page_two),
            target => match extra.iter().find(|(path, _)| path == target) {
                Some((_, body)) => rewrite(body),
                None => return Response::status(404),
            },
        };
        Response::ok("application/ld+json", body)
    });
    port_cell.set(server.port).unwrap();
    server
}

#[test]
fn hydra_pages_followed() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let server = paged_server(&reference, Vec::new(), None);
    let outcome = harvest(SourceKind::Dcat, &server.url("/catalog.jsonld"));
    assert_eq!(outcome.pages, 2);
    assert_eq!(outcome.datasets().len(), 4);
    assert_eq!(outcome.distribution_counts().iter().sum::<usize>(), 4);
    assert_eq!(outcome.completion, Completion::Complete);
    assert_eq!(server.request_count(), 2);
}

#[test]
fn looping_next_link_stops() {
    let Some(reference) = reference_dir() else {
        return;
    };
    // Page 2 links back to page 1.
    let page_two = String::from_utf8(read(
        &reference.join("dcat/udata-tests/partial-collection-2.jsonld"),
    ))
    .unwrap()
    .replace(
        "\"http://www.w3.org/ns/hydra/core#previous\"",
        "\"http://www.w3.org/ns/hydra/core#next\"",
    )
    .replace("catalog.jsonld?page=1", "catalog.jsonld");
    assert!(page_two.contains("core#next"));
    let server = paged_server(&reference, Vec::new(), Some(page_two.into_bytes()));
    let outcome = harvest(SourceKind::Dcat, &server.url("/catalog.jsonld"));
    assert_eq!(outcome.datasets().len(), 4);
    assert!(
        matches!(
            &outcome.completion,
            Completion::CutShort { reason: CutReason::NextLinkLoop { url } } if url.ends_with("/catalog.jsonld")
        ),
        "{:?}",
        outcome.completion
    );
    assert_eq!(server.request_count(), 2, "page 1 is not fetched twice");
}

#[test]
fn off_host_next_link_not_followed() {
    let body = br#"@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
<d1> a dcat:Dataset ; dct:identifier "d1" ; dct:title "Premier" .
<view> a hydra:PartialCollectionView ; hydra:next <http://other.example/catalog?page=2> .
"#;
    let server = file_server(vec![("/catalog.ttl".to_owned(), body.to_vec())]);
    let outcome = harvest(SourceKind::Dcat, &server.url("/catalog.ttl"));
    assert_eq!(outcome.datasets().len(), 1);
    assert!(
        matches!(
            outcome.completion,
            Completion::CutShort {
                reason: CutReason::NextLinkOffHost { .. }
            }
        ),
        "{:?}",
        outcome.completion
    );
}

#[test]
fn legacy_paged_collection_followed() {
    let page = |number: u32, next: Option<u32>| {
        let next = next
            .map(|next| format!("<c> hydra:nextPage \"/c{next}.ttl\" ."))
            .unwrap_or_default();
        format!(
            "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n\
             @prefix hydra: <http://www.w3.org/ns/hydra/core#> .\n\
             <d{number}> a dcat:Dataset ; dct:title \"Jeu {number}\" .\n<c> a hydra:PagedCollection .\n{next}\n"
        )
        .into_bytes()
    };
    let server = file_server(vec![
        ("/c1.ttl".to_owned(), page(1, Some(2))),
        ("/c2.ttl".to_owned(), page(2, Some(3))),
        ("/c3.ttl".to_owned(), page(3, None)),
    ]);
    let outcome = harvest(SourceKind::Dcat, &server.url("/c1.ttl"));
    assert_eq!(outcome.pages, 3);
    assert_eq!(outcome.datasets().len(), 3);
    assert_eq!(outcome.completion, Completion::Complete);
}

#[test]
fn broken_page_reported_earlier_pages_kept() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let broken = b"{\"@graph\": [ this is not JSON".to_vec();
    let server = paged_server(&reference, Vec::new(), Some(broken));
    let outcome = harvest(SourceKind::Dcat, &server.url("/catalog.jsonld"));
    assert_eq!(outcome.datasets().len(), 3, "page 1 is kept");
    assert_eq!(outcome.errors.len(), 1);
    assert_eq!(outcome.errors[0].number, 2);
    assert!(
        matches!(outcome.errors[0].error, SourceError::InvalidJson { .. }),
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
fn invalid_records_skipped_others_kept() {
    let body = r#"<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">
  <dcat:Dataset rdf:about="http://h.example/datasets/good">
    <dct:identifier>good</dct:identifier>
    <dct:title xml:lang="fr">Jeu valide</dct:title>
  </dcat:Dataset>
  <dcat:Dataset rdf:about="http://h.example/datasets/bad-language">
    <dct:identifier>bad-language</dct:identifier>
    <dct:title xml:lang="français">Langue invalide</dct:title>
  </dcat:Dataset>
  <dcat:Dataset>
    <dct:title>Nœud anonyme sans identifiant</dct:title>
  </dcat:Dataset>
  <dcat:Dataset rdf:about="http://h.example/datasets/untitled">
    <dct:identifier>untitled</dct:identifier>
  </dcat:Dataset>
  <dcat:Dataset rdf:about="http://h.example/datasets/bad iri">
    <dct:identifier>bad-iri</dct:identifier>
    <dct:title>IRI invalide</dct:title>
  </dcat:Dataset>
</rdf:RDF>
"#;
    let server = file_server(vec![("/catalog.rdf".to_owned(), body.as_bytes().to_vec())]);
    let outcome = harvest(SourceKind::Dcat, &server.url("/catalog.rdf"));
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let ids: Vec<_> = outcome
        .datasets()
        .iter()
        .map(|d| d.remote_id.clone())
        .collect();
    assert_eq!(ids, ["good"]);
    assert_eq!(
        outcome.skip_reasons(),
        [
            SkipReason::InvalidValue,
            SkipReason::MissingIdentifier,
            SkipReason::MissingTitle,
            SkipReason::InvalidValue,
        ]
    );
}

#[test]
fn opendatasoft_dcat_export_read() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let path = "/api/explore/v2.1/catalog/exports/dcat";
    let server = file_server(vec![(
        path.to_owned(),
        read(&reference.join("ods/capatlantique-dcat-export/responses/catalog-exports-dcat.rdf")),
    )]);
    let outcome = harvest(SourceKind::Ods, &server.url(path));
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let datasets = outcome.datasets();
    assert_eq!(datasets.len(), 1);
    assert_eq!(datasets[0].title, "Arrêtés du CCAS de Guérande");
    assert_eq!(datasets[0].distributions.len(), 2);
}

#[test]
fn truncated_documents_never_panic() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let mut files = Vec::new();
    for (path, _) in EXPECTED {
        let body = read(&reference.join(path));
        let name = path.rsplit('/').next().unwrap();
        for cut in 1..8 {
            let length = body.len() * cut / 8;
            files.push((format!("/{cut}/{name}"), body[..length].to_vec()));
        }
    }
    let targets: Vec<String> = files.iter().map(|(path, _)| path.clone()).collect();
    let server = file_server(files);
    for target in targets {
        // Each truncated document is either read in part or reported as a page error.
        let outcome = harvest(SourceKind::Dcat, &server.url(&target));
        assert_eq!(outcome.pages, 1, "{target}");
        let failed = matches!(
            outcome.completion,
            Completion::CutShort {
                reason: CutReason::PageFailed { .. }
            }
        );
        assert_eq!(outcome.errors.len() == 1, failed, "{target}");
        if !failed {
            assert_eq!(outcome.completion, Completion::Complete, "{target}");
        }
    }
}

#[test]
fn eu_data_themes_not_tags() {
    let turtle = r#"
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

<https://exemple.fr/catalogue> a dcat:Catalog ;
    dcat:dataset <https://exemple.fr/jeux/deliberations> .

<https://exemple.fr/jeux/deliberations> a dcat:Dataset ;
    dct:identifier "1d8a0f52-6e0b-4c55-9d0e-3f1c2a7b9e41" ;
    dct:title "Délibérations du conseil municipal" ;
    dcat:keyword "conseil municipal" ;
    dcat:theme <http://publications.europa.eu/resource/authority/data-theme/GOVE> ,
        <https://exemple.fr/themes/citoyennete> .

<http://publications.europa.eu/resource/authority/data-theme/GOVE> a skos:Concept ;
    skos:prefLabel "Gouvernement et secteur public"@fr .

<https://exemple.fr/themes/citoyennete> a skos:Concept ;
    skos:prefLabel "Citoyenneté"@fr .
"#;
    let path = "/catalogue.ttl";
    let server = file_server(vec![(path.to_owned(), turtle.as_bytes().to_vec())]);
    let outcome = harvest(SourceKind::Dcat, &server.url(path));
    let dataset = outcome.datasets()[0];
    assert_eq!(dataset.keywords, vec!["conseil municipal".to_string()]);
    assert_eq!(dataset.themes, vec!["Citoyenneté".to_string()]);
}
