//! Reading speed of whole catalogues served from memory on loopback: one DCAT page of
//! 5,000 datasets (two distributions each) in RDF/XML, Turtle and JSON-LD, and 10,000
//! CKAN packages in pages of 1,000. Run with `cargo bench -p harvest --bench read`.

#[path = "../tests/support/mod.rs"]
mod support;

use std::fmt::Write as _;
use std::sync::Arc;

use harvest::record::Item;
use harvest::source::{Completion, ListingLimits, SourceConfig, SourceKind, open};
use serde_json::{Value, json};
use support::{Response, Server, test_fetcher};

const DATASETS: usize = 5_000;
const PACKAGES: usize = 10_000;

fn main() {
    divan::main();
}

fn turtle_catalogue(count: usize) -> String {
    let mut text = String::from(
        "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n",
    );
    for index in 0..count {
        let base = format!("http://portail.example/jeux/{index}");
        let _ = writeln!(
            text,
            "<{base}> a dcat:Dataset ; dct:identifier \"jeu-{index}\" ; dct:title \"Jeu de données {index}\"@fr ;\n\
             dct:description \"Description du jeu {index}, publiée par la commune.\"@fr ;\n\
             dcat:keyword \"budget\"@fr, \"finances\"@fr ;\n\
             dct:license <https://www.etalab.gouv.fr/licence-ouverte-open-licence/> ;\n\
             dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/ANNUAL> ;\n\
             dcat:distribution <{base}/csv>, <{base}/json> .\n\
             <{base}/csv> a dcat:Distribution ; dct:title \"CSV\" ; dct:format \"CSV\" ;\n\
             dcat:downloadURL <{base}/fichier.csv> ; dcat:byteSize \"12345\" .\n\
             <{base}/json> a dcat:Distribution ; dct:title \"JSON\" ; dct:format \"JSON\" ;\n\
             dcat:downloadURL <{base}/fichier.json> ; dcat:byteSize \"23456\" ."
        );
    }
    text
}

fn rdfxml_catalogue(count: usize) -> String {
    let mut text = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
         xmlns:dcat=\"http://www.w3.org/ns/dcat#\" xmlns:dct=\"http://purl.org/dc/terms/\">\n",
    );
    for index in 0..count {
        let base = format!("http://portail.example/jeux/{index}");
        let _ = writeln!(
            text,
            "<dcat:Dataset rdf:about=\"{base}\"><dct:identifier>jeu-{index}</dct:identifier>\
             <dct:title xml:lang=\"fr\">Jeu de données {index}</dct:title>\
             <dct:description xml:lang=\"fr\">Description du jeu {index}, publiée par la commune.</dct:description>\
             <dcat:keyword xml:lang=\"fr\">budget</dcat:keyword><dcat:keyword xml:lang=\"fr\">finances</dcat:keyword>\
             <dct:license rdf:resource=\"https://www.etalab.gouv.fr/licence-ouverte-open-licence/\"/>\
             <dct:accrualPeriodicity rdf:resource=\"http://publications.europa.eu/resource/authority/frequency/ANNUAL\"/>\
             <dcat:distribution><dcat:Distribution rdf:about=\"{base}/csv\"><dct:title>CSV</dct:title><dct:format>CSV</dct:format>\
             <dcat:downloadURL rdf:resource=\"{base}/fichier.csv\"/><dcat:byteSize>12345</dcat:byteSize></dcat:Distribution></dcat:distribution>\
             <dcat:distribution><dcat:Distribution rdf:about=\"{base}/json\"><dct:title>JSON</dct:title><dct:format>JSON</dct:format>\
             <dcat:downloadURL rdf:resource=\"{base}/fichier.json\"/><dcat:byteSize>23456</dcat:byteSize></dcat:Distribution></dcat:distribution>\
             </dcat:Dataset>"
        );
    }
    text.push_str("</rdf:RDF>\n");
    text
}

fn jsonld_catalogue(count: usize) -> String {
    let literal = |value: String| json!([{"@value": value, "@language": "fr"}]);
    let mut graph = Vec::with_capacity(count * 3);
    for index in 0..count {
        let base = format!("http://portail.example/jeux/{index}");
        graph.push(json!({
            "@id": base,
            "@type": ["http://www.w3.org/ns/dcat#Dataset"],
            "http://purl.org/dc/terms/identifier": [{"@value": format!("jeu-{index}")}],
            "http://purl.org/dc/terms/title": literal(format!("Jeu de données {index}")),
            "http://purl.org/dc/terms/description": literal(format!("Description du jeu {index}, publiée par la commune.")),
            "http://www.w3.org/ns/dcat#keyword": [{"@value": "budget", "@language": "fr"}, {"@value": "finances", "@language": "fr"}],
            "http://purl.org/dc/terms/license": [{"@id": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}],
            "http://www.w3.org/ns/dcat#distribution": [{"@id": format!("{base}/csv")}, {"@id": format!("{base}/json")}],
        }));
        for format in ["csv", "json"] {
            graph.push(json!({
                "@id": format!("{base}/{format}"),
                "@type": ["http://www.w3.org/ns/dcat#Distribution"],
                "http://purl.org/dc/terms/title": [{"@value": format.to_uppercase()}],
                "http://www.w3.org/ns/dcat#downloadURL": [{"@id": format!("{base}/fichier.{format}")}],
            }));
        }
    }
    Value::Array(graph).to_string()
}

fn serve(content_type: &'static str, body: String) -> Server {
    let body = Arc::new(body.into_bytes());
    Server::start(move |_| Response::ok(content_type, body.as_ref().clone()))
}

/// Lists a whole source and returns the number of datasets read.
fn read_all(kind: SourceKind, url: &str, page_size: usize) -> usize {
    let config = SourceConfig {
        limits: ListingLimits {
            page_size,
            ..ListingLimits::default()
        },
        ..SourceConfig::new(kind, url)
    };
    let mut listing = open(&config, &test_fetcher()).expect("open");
    let mut datasets = 0;
    for page in listing.by_ref() {
        let page = page.expect("page read");
        datasets += page
            .items
            .iter()
            .filter(|item| matches!(item, Item::Dataset(_)))
            .count();
    }
    assert_eq!(listing.completion(), Some(&Completion::Complete));
    datasets
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn dcat_rdfxml(bencher: divan::Bencher) {
    let server = serve("application/rdf+xml", rdfxml_catalogue(DATASETS));
    let url = server.url("/catalog.rdf");
    bencher.bench(|| assert_eq!(read_all(SourceKind::Dcat, &url, 100), DATASETS));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn dcat_turtle(bencher: divan::Bencher) {
    let server = serve("text/turtle", turtle_catalogue(DATASETS));
    let url = server.url("/catalog.ttl");
    bencher.bench(|| assert_eq!(read_all(SourceKind::Dcat, &url, 100), DATASETS));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn dcat_jsonld(bencher: divan::Bencher) {
    let server = serve("application/ld+json", jsonld_catalogue(DATASETS));
    let url = server.url("/catalog.jsonld");
    bencher.bench(|| assert_eq!(read_all(SourceKind::Dcat, &url, 100), DATASETS));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn ckan_pages(bencher: divan::Bencher) {
    let packages: Arc<Vec<Value>> = Arc::new(
        (0..PACKAGES)
            .map(|index| {
                json!({
                    "id": format!("id-{index:06}"),
                    "name": format!("jeu-{index}"),
                    "title": format!("Jeu de données {index}"),
                    "notes": "Description du jeu, publiée par la commune.",
                    "type": "dataset",
                    "license_id": "lov2",
                    "tags": [{"name": "budget"}, {"name": "finances"}],
                    "organization": {"name": "commune", "title": "Commune"},
                    "extras": [{"key": "frequency", "value": "annual"}],
                    "resources": [
                        {"id": format!("r-{index}-1"), "url": format!("https://portail.example/{index}.csv"), "format": "CSV", "size": 12345},
                        {"id": format!("r-{index}-2"), "url": format!("https://portail.example/{index}.json"), "format": "JSON", "size": 23456}
                    ]
                })
            })
            .collect(),
    );
    // Pages are serialised once, as a CKAN server would serve them from its search index.
    let pages: Arc<Vec<Vec<u8>>> = Arc::new(
        packages
            .chunks(1000)
            .map(|chunk| {
                json!({"success": true, "result": {"count": PACKAGES, "results": chunk}})
                    .to_string()
                    .into_bytes()
            })
            .chain(std::iter::once(
                json!({"success": true, "result": {"count": PACKAGES, "results": []}})
                    .to_string()
                    .into_bytes(),
            ))
            .collect(),
    );
    let server = Server::start(move |request| {
        let start: usize = request
            .query("start")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let page = (start / 1000).min(pages.len() - 1);
        Response::ok("application/json", pages[page].clone())
    });
    let url = server.url("/");
    bencher.bench(|| assert_eq!(read_all(SourceKind::Ckan, &url, 1000), PACKAGES));
}
