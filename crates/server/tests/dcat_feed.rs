//! The DCAT-AP feeds as a harvester reads them: paging by `hydra:next`, every public
//! dataset exactly once, nothing private, canonical IRIs, stable identifiers, no
//! redirect. With the reference Python tools, the three serialisations are also parsed by
//! rdflib and validated against the DCAT-AP 3 SHACL shapes.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use catalog::store::NewResource;
use catalog::{
    DatasetFields, DatasetState, DatasetStore, LifecycleStore, NewOrganization, Organization,
    OrganizationKind, OrganizationStore, ResourceSource, ResourceStore, ValidationStatus,
};
use common::{App, Page};
use uuid::Uuid;

const BASE: &str = "https://donnees.example.fr";
/// Text put in every item that must never be exported.
const SECRET: &str = "SECRET";
const PUBLIC_DATASETS: usize = 23;
const PAGE_SIZE: usize = 5;

struct Catalogue {
    app: App,
    organizations: Vec<Organization>,
    /// Public dataset ids by organisation index.
    public: BTreeMap<usize, Vec<Uuid>>,
    hidden_dataset_slugs: Vec<String>,
    private_resource_ids: Vec<Uuid>,
}

impl Catalogue {
    fn all_public(&self) -> BTreeSet<String> {
        self.public
            .values()
            .flatten()
            .map(ToString::to_string)
            .collect()
    }
}

fn fields(index: usize, title: &str, private: bool) -> DatasetFields {
    DatasetFields {
        title: title.to_string(),
        description: format!("Jeu n° {index} : délibérations & \"arrêtés\" <municipaux>"),
        licence: if index.is_multiple_of(2) {
            "lov2"
        } else {
            "odbl"
        }
        .to_string(),
        tags: vec!["délibérations".to_string(), format!("lot-{index}")],
        frequency: "MONTHLY".to_string(),
        temporal_start: Some("2024-01-01".to_string()),
        temporal_end: Some("2024-12-31".to_string()),
        spatial: vec!["commune:42218".to_string()],
        contact_name: "Service des assemblées".to_string(),
        contact_email: "assemblees@example.fr".to_string(),
        schema_slug: Some("deliberations".to_string()),
        private,
    }
}

fn file_resource(title: &str) -> NewResource {
    NewResource {
        title: title.to_string(),
        source: ResourceSource::File {
            file_name: format!("{title}.csv"),
            storage_key: format!("cle-{title}"),
            size: 48_213,
            sha256: "ab".repeat(32),
        },
        format: "csv".to_string(),
        schema_slug: Some("deliberations".to_string()),
        validation_status: ValidationStatus::Valid,
    }
}

fn link_resource(title: &str) -> NewResource {
    NewResource {
        title: title.to_string(),
        source: ResourceSource::Url {
            url: format!("https://ailleurs.example.org/{title}.pdf"),
        },
        format: "pdf".to_string(),
        schema_slug: None,
        validation_status: ValidationStatus::None,
    }
}

/// Seeds three organisations, 23 public datasets with a file, a link and a private
/// resource each, and one private, one draft, one archived and one deleted dataset.
async fn seed() -> Catalogue {
    let app = App::with_config("dcat-feed", |config| {
        config.public_url = Some(BASE.parse().expect("public URL"));
    })
    .await;
    let store = app.state.store();
    let mut organizations = Vec::new();
    for (name, siren) in [
        ("Ville de Saint-Étienne", Some("214202186")),
        ("Métropole de Lyon", None),
        ("Département de la Loire", None),
    ] {
        let organization = store
            .create_organization(&NewOrganization {
                name: name.to_string(),
                siren: siren.map(str::to_string),
                kind: OrganizationKind::Commune,
                description: String::new(),
            })
            .await
            .expect("organisation");
        organizations.push(organization);
    }

    let mut public: BTreeMap<usize, Vec<Uuid>> = BTreeMap::new();
    let mut private_resource_ids = Vec::new();
    for index in 0..PUBLIC_DATASETS {
        let owner = index % organizations.len();
        let title = format!("Délibérations {index}");
        let dataset = store
            .create_dataset(organizations[owner].id, &fields(index, &title, false))
            .await
            .expect("dataset");
        store
            .set_published(dataset.id, true)
            .await
            .expect("publish");
        store
            .add_resource(
                dataset.id,
                &file_resource(&format!("deliberations-{index}")),
            )
            .await
            .expect("file");
        store
            .add_resource(dataset.id, &link_resource(&format!("rapport-{index}")))
            .await
            .expect("link");
        let private = store
            .add_resource(
                dataset.id,
                &file_resource(&format!("{SECRET}-original-{index}")),
            )
            .await
            .expect("private resource");
        store
            .set_resource_private(private.id, true)
            .await
            .expect("make private");
        private_resource_ids.push(private.id);
        public.entry(owner).or_default().push(dataset.id);
    }

    let mut hidden_dataset_slugs = Vec::new();
    let private = store
        .create_dataset(
            organizations[0].id,
            &fields(100, &format!("{SECRET} privé"), true),
        )
        .await
        .expect("private dataset");
    store
        .set_published(private.id, true)
        .await
        .expect("publish");
    hidden_dataset_slugs.push(private.slug);
    let draft = store
        .create_dataset(
            organizations[0].id,
            &fields(101, &format!("{SECRET} brouillon"), false),
        )
        .await
        .expect("draft");
    hidden_dataset_slugs.push(draft.slug);
    for (index, state) in [(102, DatasetState::Archived), (103, DatasetState::Deleted)] {
        let dataset = store
            .create_dataset(
                organizations[1].id,
                &fields(index, &format!("{SECRET} {}", state.code()), false),
            )
            .await
            .expect("dataset");
        store
            .set_published(dataset.id, true)
            .await
            .expect("publish");
        store
            .set_dataset_state(dataset.id, state)
            .await
            .expect("state");
        hidden_dataset_slugs.push(dataset.slug);
    }

    Catalogue {
        app,
        organizations,
        public,
        hidden_dataset_slugs,
        private_resource_ids,
    }
}

/// Strips the base URL so that a link from a feed can be requested from the router.
fn local_path(url: &str) -> &str {
    url.strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} does not start with {BASE}"))
}

async fn fetch(app: &App, path: &str) -> Page {
    let page = app.get(path, None).await;
    assert!(
        !page.status.is_redirection(),
        "{path} answered a redirect to {}",
        page.location()
    );
    page
}

/// Parses a Turtle page into triples.
fn turtle_triples(body: &str) -> Vec<oxrdf::Triple> {
    oxttl::TurtleParser::new()
        .for_slice(body.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|error| panic!("invalid Turtle: {error}\n{body}"))
}

const DCAT_DATASET: &str = "http://www.w3.org/ns/dcat#Dataset";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const DCT_IDENTIFIER: &str = "http://purl.org/dc/terms/identifier";
const HYDRA_NEXT: &str = "http://www.w3.org/ns/hydra/core#next";
const HYDRA_NEXT_PAGE: &str = "http://www.w3.org/ns/hydra/core#nextPage";

fn object_iri(triple: &oxrdf::Triple) -> Option<&str> {
    match &triple.object {
        oxrdf::Term::NamedNode(node) => Some(node.as_str()),
        _ => None,
    }
}

/// Returns the `dct:identifier` of every `dcat:Dataset` of a page.
fn dataset_identifiers(triples: &[oxrdf::Triple]) -> Vec<String> {
    let datasets: BTreeSet<String> = triples
        .iter()
        .filter(|t| t.predicate.as_str() == RDF_TYPE && object_iri(t) == Some(DCAT_DATASET))
        .map(|t| t.subject.to_string())
        .collect();
    triples
        .iter()
        .filter(|t| {
            t.predicate.as_str() == DCT_IDENTIFIER && datasets.contains(&t.subject.to_string())
        })
        .filter_map(|t| match &t.object {
            oxrdf::Term::Literal(literal) => Some(literal.value().to_string()),
            _ => None,
        })
        .collect()
}

fn link(triples: &[oxrdf::Triple], predicate: &str) -> Option<String> {
    triples
        .iter()
        .find(|t| t.predicate.as_str() == predicate)
        .and_then(object_iri)
        .map(str::to_string)
}

/// Follows `hydra:next` from a first page; returns the page paths and the identifiers
/// collected, in order.
async fn walk(app: &App, first: &str) -> (Vec<String>, Vec<String>) {
    let mut paths = Vec::new();
    let mut identifiers = Vec::new();
    let mut next = Some(first.to_string());
    while let Some(path) = next.take() {
        assert!(!paths.contains(&path), "hydra:next loops back to {path}");
        assert!(paths.len() < 50, "too many pages");
        let page = fetch(app, &path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        let triples = turtle_triples(&page.body);
        identifiers.extend(dataset_identifiers(&triples));
        let current = link(&triples, HYDRA_NEXT);
        let legacy = link(&triples, HYDRA_NEXT_PAGE);
        assert_eq!(
            current, legacy,
            "hydra:next and hydra:nextPage differ on {path}"
        );
        next = current.map(|url| local_path(&url).to_string());
        paths.push(path);
    }
    (paths, identifiers)
}

fn schema_url() -> String {
    scdl::find("deliberations")
        .expect("registry")
        .and_then(|entry| entry.schema_url)
        .expect("the bundled délibérations schema has a URL")
}

#[tokio::test]
async fn next_links_list_every_dataset_once() {
    let catalogue = seed().await;
    let (paths, identifiers) = walk(
        &catalogue.app,
        &format!("/catalog.ttl?page_size={PAGE_SIZE}"),
    )
    .await;
    assert_eq!(paths.len(), PUBLIC_DATASETS.div_ceil(PAGE_SIZE));
    let unique: BTreeSet<String> = identifiers.iter().cloned().collect();
    assert_eq!(unique.len(), identifiers.len(), "a dataset appears twice");
    assert_eq!(unique, catalogue.all_public());
}

#[tokio::test]
async fn page_numbers_match_cursor_pages() {
    let catalogue = seed().await;
    let (paths, identifiers) = walk(
        &catalogue.app,
        &format!("/catalog.ttl?page_size={PAGE_SIZE}"),
    )
    .await;
    let mut by_number = Vec::new();
    for page in 1..=paths.len() {
        let body = fetch(
            &catalogue.app,
            &format!("/catalog.ttl?page={page}&page_size={PAGE_SIZE}"),
        )
        .await
        .body;
        by_number.extend(dataset_identifiers(&turtle_triples(&body)));
    }
    assert_eq!(by_number, identifiers);
}

#[tokio::test]
async fn nothing_private_in_any_feed() {
    let catalogue = seed().await;
    let app = &catalogue.app;
    let mut paths = Vec::new();
    for extension in ["ttl", "rdf", "jsonld"] {
        paths.push(format!("/catalog.{extension}?page_size=all"));
        for organization in &catalogue.organizations {
            paths.push(format!(
                "/organisations/{}/catalog.{extension}?page_size=all",
                organization.slug
            ));
        }
    }
    for path in &paths {
        let page = fetch(app, path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains(SECRET), "{path} exports a private item");
        for id in &catalogue.private_resource_ids {
            assert!(
                !page.body.contains(&id.to_string()),
                "{path} exports resource {id}"
            );
        }
    }
    for slug in &catalogue.hidden_dataset_slugs {
        for extension in ["ttl", "rdf", "jsonld"] {
            let path = format!("/jeux-de-donnees/{slug}/dataset.{extension}");
            let page = fetch(app, &path).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        }
    }
}

#[tokio::test]
async fn organisation_feed_is_scoped() {
    let catalogue = seed().await;
    for (index, organization) in catalogue.organizations.iter().enumerate() {
        let path = format!(
            "/organisations/{}/catalog.ttl?page_size=2",
            organization.slug
        );
        let (_, identifiers) = walk(&catalogue.app, &path).await;
        let expected: BTreeSet<String> = catalogue.public[&index]
            .iter()
            .map(ToString::to_string)
            .collect();
        let found: BTreeSet<String> = identifiers.iter().cloned().collect();
        assert_eq!(found, expected, "{}", organization.slug);
        assert_eq!(found.len(), identifiers.len());
    }
    let missing = fetch(&catalogue.app, "/organisations/inconnue/catalog.ttl").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn canonical_iris_and_schema() {
    let catalogue = seed().await;
    let body = fetch(&catalogue.app, "/catalog.ttl?page_size=all")
        .await
        .body;
    let triples = turtle_triples(&body);
    let objects: BTreeSet<String> = triples
        .iter()
        .filter_map(object_iri)
        .map(str::to_string)
        .collect();
    for expected in [
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
        "http://opendatacommons.org/licenses/odbl/summary/",
        "http://publications.europa.eu/resource/authority/frequency/MONTHLY",
        "http://publications.europa.eu/resource/authority/file-type/CSV",
        "https://www.iana.org/assignments/media-types/text/csv",
        "http://id.insee.fr/geo/commune/42218",
        "https://annuaire-entreprises.data.gouv.fr/entreprise/214202186",
        "mailto:assemblees@example.fr",
    ] {
        assert!(objects.contains(expected), "missing {expected}");
    }

    let schema = schema_url();
    let conforms: Vec<&oxrdf::Triple> = triples
        .iter()
        .filter(|t| t.predicate.as_str() == "http://purl.org/dc/terms/conformsTo")
        .collect();
    assert!(
        conforms
            .iter()
            .all(|t| object_iri(t) == Some(schema.as_str()))
    );
    // Every dataset and its schema-following file carry the schema; the PDF link does not.
    assert_eq!(conforms.len(), PUBLIC_DATASETS * 2);

    // The délibérations schema puts every dataset under the EU theme "government".
    let themes: Vec<&oxrdf::Triple> = triples
        .iter()
        .filter(|t| t.predicate.as_str() == "http://www.w3.org/ns/dcat#theme")
        .collect();
    assert_eq!(themes.len(), PUBLIC_DATASETS);
    assert!(themes.iter().all(|t| object_iri(t)
        == Some("http://publications.europa.eu/resource/authority/data-theme/GOVE")));
}

#[tokio::test]
async fn identifiers_stable_across_requests() {
    let catalogue = seed().await;
    let path = format!("/catalog.ttl?page=2&page_size={PAGE_SIZE}");
    let first = fetch(&catalogue.app, &path).await.body;
    let second = fetch(&catalogue.app, &path).await.body;
    assert_eq!(first, second);

    let dataset_id = catalogue.public[&0][0];
    let iri = format!("<{BASE}/jeux-de-donnees/{dataset_id}>");
    let whole = fetch(&catalogue.app, "/catalog.ttl?page_size=all")
        .await
        .body;
    let slug = catalogue
        .app
        .state
        .store()
        .dataset(&catalog::Viewer::anonymous(), &dataset_id.to_string())
        .await
        .expect("read")
        .expect("dataset")
        .dataset
        .slug;
    let single = fetch(
        &catalogue.app,
        &format!("/jeux-de-donnees/{slug}/dataset.ttl"),
    )
    .await;
    assert_eq!(single.status, StatusCode::OK);
    for body in [&whole, &single.body] {
        let triples = turtle_triples(body);
        assert!(
            triples.iter().any(|t| t.subject.to_string() == iri),
            "dataset IRI {iri} missing"
        );
    }
}

#[tokio::test]
async fn negotiation_and_content_types() {
    let catalogue = seed().await;
    let cases = [
        (None, "text/turtle; charset=utf-8"),
        (
            Some("application/ld+json"),
            "application/ld+json; charset=utf-8",
        ),
        (
            Some("application/rdf+xml"),
            "application/rdf+xml; charset=utf-8",
        ),
        (
            Some("text/html,application/rdf+xml;q=0.8"),
            "application/rdf+xml; charset=utf-8",
        ),
        (Some("text/html"), "text/turtle; charset=utf-8"),
    ];
    for (accept, content_type) in cases {
        let mut request = Request::get("/catalog?page_size=2");
        if let Some(accept) = accept {
            request = request.header(header::ACCEPT, accept);
        }
        let page = catalogue
            .app
            .send(request.body(Body::empty()).expect("request"))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{accept:?}");
        assert_eq!(
            page.headers[header::CONTENT_TYPE],
            content_type,
            "{accept:?}"
        );
        assert_eq!(page.headers[header::VARY], "Accept");
    }
    for (path, content_type) in [
        ("/catalog.ttl", "text/turtle; charset=utf-8"),
        ("/catalog.rdf", "application/rdf+xml; charset=utf-8"),
        ("/catalog.jsonld", "application/ld+json; charset=utf-8"),
    ] {
        let head = catalogue
            .app
            .send(
                Request::builder()
                    .method(Method::HEAD)
                    .uri(path)
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        assert_eq!(head.status, StatusCode::OK, "{path}");
        assert_eq!(head.headers[header::CONTENT_TYPE], content_type);
        assert!(head.body.is_empty());
    }
}

#[tokio::test]
async fn invalid_paging_explained_in_french() {
    let catalogue = seed().await;
    let cases = [
        ("/catalog.ttl?page=0", "« 0 »"),
        ("/catalog.ttl?page=deux", "« deux »"),
        ("/catalog.ttl?page_size=5000", "« 5000 »"),
        ("/catalog.ttl?apres=pas-un-curseur", "« pas-un-curseur »"),
        ("/catalog.ttl?page=9&page_size=5", "La page 9 n'existe pas"),
        (
            "/catalog.ttl?page_size=all&apres=6f1c7d1e-2b0a-4c52-9f0e-5a3d2c1b0a99",
            "tient en une seule page : retirez le paramètre apres.",
        ),
    ];
    for (path, expected) in cases {
        let page = fetch(&catalogue.app, path).await;
        let status = if path.contains("page=9") {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::BAD_REQUEST
        };
        assert_eq!(page.status, status, "{path}");
        // RDF clients get the explanation as plain text, not as an HTML page.
        assert_eq!(
            page.headers[header::CONTENT_TYPE],
            "text/plain; charset=utf-8",
            "{path}"
        );
        assert!(page.body.contains(expected), "{path}: {}", page.body);
    }
    // A long value is quoted cut short, without its control characters.
    let long = format!("/catalog.ttl?page={}%00", "9".repeat(5000));
    let page = fetch(&catalogue.app, &long).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.len() < 400, "{}", page.body);
    assert!(!page.body.contains('\0'));
    assert!(page.body.contains("…"), "{}", page.body);

    let slash = fetch(&catalogue.app, "/catalog.ttl/").await;
    assert_eq!(slash.status, StatusCode::NOT_FOUND);
}

/// Finds the reference Python interpreter and the DCAT-AP shapes, or explains why the
/// check is skipped. Fails instead when `SOCLE_REQUIRE_REFERENCE_TOOLS=1`.
fn reference_tools() -> Option<(PathBuf, PathBuf)> {
    let required = std::env::var("SOCLE_REQUIRE_REFERENCE_TOOLS").as_deref() == Ok("1");
    let shapes = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/dcat-ap");
    let python = std::env::var_os("SOCLE_REFERENCE_PYTHON").map(PathBuf::from);
    let problem = match &python {
        None => Some("SOCLE_REFERENCE_PYTHON is not set".to_string()),
        Some(python) if !python.exists() => Some(format!("{} does not exist", python.display())),
        Some(_) if !shapes.join("3.0.0/shacl/dcat-ap-SHACL.ttl").exists() => Some(format!(
            "the DCAT-AP shapes are absent from {}",
            shapes.display()
        )),
        Some(_) => None,
    };
    match (problem, python) {
        (None, Some(python)) => Some((python, shapes)),
        (Some(problem), _) if required => {
            panic!("SOCLE_REQUIRE_REFERENCE_TOOLS=1 but {problem}")
        }
        (problem, _) => {
            eprintln!(
                "skipped: {}; rdflib and pyshacl checks of the DCAT feed not run",
                problem.unwrap_or_default()
            );
            None
        }
    }
}

#[tokio::test]
async fn rdflib_and_shacl_accept_feeds() {
    let Some((python, shapes)) = reference_tools() else {
        return;
    };
    let catalogue = seed().await;
    let (paths, _) = walk(
        &catalogue.app,
        &format!("/catalog.ttl?page_size={PAGE_SIZE}"),
    )
    .await;
    let folder = common::temp_data("dcat-rdflib");

    // Every page in the three serialisations, then a per-organisation feed and a dataset.
    let mut documents: Vec<String> = Vec::new();
    for path in &paths {
        for extension in ["ttl", "rdf", "jsonld"] {
            documents.push(path.replacen("/catalog.ttl", &format!("/catalog.{extension}"), 1));
        }
    }
    let organization = &catalogue.organizations[0].slug;
    let dataset = catalogue.public[&1][0];
    for extension in ["ttl", "rdf", "jsonld"] {
        documents.push(format!("/organisations/{organization}/catalog.{extension}"));
    }
    for extension in ["ttl", "rdf", "jsonld"] {
        documents.push(format!("/jeux-de-donnees/{dataset}/dataset.{extension}"));
    }
    let mut files = Vec::new();
    for (index, path) in documents.iter().enumerate() {
        let page = fetch(&catalogue.app, path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let file = folder.join(format!("document-{index}"));
        std::fs::write(&file, &page.body).expect("write page");
        let format = match path.split('?').next().unwrap_or("").rsplit('.').next() {
            Some("ttl") => "turtle",
            Some("rdf") => "xml",
            _ => "json-ld",
        };
        files.push(serde_json::json!({
            "path": file,
            "format": format,
            "validate": format == "turtle",
        }));
    }
    let request = serde_json::json!({
        "files": files,
        "shapes": [
            {
                "name": "DCAT-AP 3.0.0 consolidated",
                "paths": [shapes.join("3.0.0/shacl/dcat-ap-SHACL.ttl")],
                "inference": "rdfs",
            },
            {
                "name": "DCAT-AP 3.0.1 shapes and ranges",
                "paths": [
                    shapes.join("3.0.1/html/shacl/shapes.ttl"),
                    shapes.join("3.0.1/html/shacl/range.ttl"),
                ],
                "inference": "none",
            },
        ],
    });
    let request_file = folder.join("request.json");
    std::fs::write(&request_file, request.to_string()).expect("write request");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dcat_feed/check_feed.py");
    let output = std::process::Command::new(&python)
        .arg(&script)
        .arg(&request_file)
        .output()
        .expect("run the reference Python");
    assert!(
        output.status.success(),
        "check_feed.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    let described = report["files"].as_array().expect("files");
    assert_eq!(described.len(), documents.len());

    // The three serialisations of each document contain the same triples and datasets.
    let mut collected = Vec::new();
    for (group, triple) in described.chunks(3).zip(documents.chunks(3)) {
        let counts: Vec<&serde_json::Value> = group.iter().map(|d| &d["triples"]).collect();
        assert_eq!(counts[0], counts[1], "{:?}", triple);
        assert_eq!(counts[0], counts[2], "{:?}", triple);
        assert_eq!(
            group[0]["identifiers"], group[1]["identifiers"],
            "{:?}",
            triple
        );
        assert_eq!(
            group[0]["identifiers"], group[2]["identifiers"],
            "{:?}",
            triple
        );
        assert_eq!(group[0]["next"], group[0]["next_page"], "{:?}", triple);
    }
    for page in described.iter().take(paths.len() * 3).step_by(3) {
        for identifier in page["identifiers"].as_array().expect("identifiers") {
            collected.push(identifier.as_str().expect("text").to_string());
        }
    }
    let unique: BTreeSet<String> = collected.iter().cloned().collect();
    assert_eq!(unique.len(), collected.len(), "rdflib sees a dataset twice");
    assert_eq!(unique, catalogue.all_public());

    for shapes_set in report["shacl"].as_array().expect("shacl") {
        assert_eq!(
            shapes_set["violations"], 0,
            "{}: {}",
            shapes_set["name"], shapes_set["text"]
        );
    }
}

#[tokio::test]
async fn pages_link_their_feed() {
    let catalogue = seed().await;
    let app = &catalogue.app;
    let dataset_id = catalogue.public[&0][0];
    let dataset = app
        .state
        .store()
        .dataset(&catalog::Viewer::anonymous(), &dataset_id.to_string())
        .await
        .expect("read")
        .expect("dataset")
        .dataset;
    let organization = &catalogue.organizations[0].slug;
    let cases = [
        ("/".to_string(), "/catalog.ttl".to_string()),
        (
            format!("/jeux-de-donnees/{}", dataset.slug),
            format!("/jeux-de-donnees/{}/dataset.ttl", dataset.slug),
        ),
        (
            format!("/organisations/{organization}"),
            format!("/organisations/{organization}/catalog.ttl"),
        ),
    ];
    for (page_path, feed_path) in cases {
        let page = fetch(app, &page_path).await;
        assert_eq!(page.status, StatusCode::OK, "{page_path}");
        let link = format!(
            "<link rel=\"alternate\" type=\"text/turtle\" title=\"DCAT-AP\" href=\"{feed_path}\">"
        );
        assert!(page.body.contains(&link), "{page_path} lacks {link}");
        let feed = fetch(app, &feed_path).await;
        assert_eq!(feed.status, StatusCode::OK, "{feed_path}");
    }
}

#[tokio::test]
async fn unpaged_export_spans_batches_and_chunks() {
    const COUNT: usize = 450;
    let app = App::with_config("dcat-large", |config| {
        config.public_url = Some(BASE.parse().expect("public URL"));
    })
    .await;
    let store = app.state.store();
    let organization = app.organization("Grande ville").await;
    for index in 0..COUNT {
        let dataset = store
            .create_dataset(
                organization.id,
                &fields(index, &format!("Jeu {index}"), false),
            )
            .await
            .expect("dataset");
        store
            .set_published(dataset.id, true)
            .await
            .expect("publish");
    }

    let page = fetch(&app, "/catalog.ttl?page_size=all").await;
    assert_eq!(page.status, StatusCode::OK);
    // More than two read batches of 200 datasets and several 64 KiB body chunks.
    assert!(page.body.len() > 4 * 64 * 1024, "{} bytes", page.body.len());
    let identifiers = dataset_identifiers(&turtle_triples(&page.body));
    let unique: BTreeSet<&String> = identifiers.iter().collect();
    assert_eq!(identifiers.len(), COUNT);
    assert_eq!(unique.len(), COUNT);

    let jsonld = fetch(&app, "/catalog.jsonld?page_size=all").await;
    let value: serde_json::Value = serde_json::from_str(&jsonld.body).expect("complete JSON");
    let datasets = value["@graph"]
        .as_array()
        .expect("graph")
        .iter()
        .filter(|node| {
            node["@type"]
                .as_array()
                .is_some_and(|types| types.iter().any(|t| t == "dcat:Dataset"))
        })
        .count();
    assert_eq!(datasets, COUNT);
}
