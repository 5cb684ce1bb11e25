//! Writes the same feed in the three serialisations, parses each back with oxigraph's
//! parsers and checks that they are well-formed, carry the same triples, and carry each
//! DCAT-AP term with the expected IRI or datatype.

use std::collections::BTreeSet;

use dcat::{
    Agent, Catalog, ContactPoint, Dataset, Distribution, FeedWriter, Format, Licence, Page,
    Standard,
};

const BASE: &str = "https://donnees.example.fr";

fn catalog() -> Catalog {
    Catalog {
        iri: format!("{BASE}/catalog"),
        title: "Catalogue <données> & \"fichiers\"".to_string(),
        description: "Données ouvertes de la plateforme".to_string(),
        homepage: format!("{BASE}/"),
        publisher: Agent {
            iri: format!("{BASE}/#plateforme"),
            name: "Plateforme".to_string(),
            siren: None,
        },
    }
}

fn page() -> Page {
    Page {
        iri: format!("{BASE}/catalog.ttl?page=2&page_size=1"),
        first: format!("{BASE}/catalog.ttl?page=1&page_size=1"),
        last: format!("{BASE}/catalog.ttl?page=3&page_size=1"),
        next: Some(format!("{BASE}/catalog.ttl?page=3&page_size=1")),
        previous: Some(format!("{BASE}/catalog.ttl?page=1&page_size=1")),
        total_items: 3,
        items_per_page: 1,
    }
}

/// A dataset whose text has every character that needs escaping somewhere.
fn dataset() -> Dataset {
    let id = "0f4c2d3e-1111-4a5b-8c9d-0123456789ab";
    let iri = format!("{BASE}/jeux-de-donnees/{id}");
    let publisher = Agent {
        iri: format!("{BASE}/organisations/saint-etienne"),
        name: "Ville de Saint-Étienne".to_string(),
        siren: Some("214202186".to_string()),
    };
    let schema = Standard {
        iri: "https://schema.data.gouv.fr/schemas/scdl/deliberations/2.1.3/schema.json".to_string(),
        title: "Délibérations".to_string(),
    };
    let licence = Licence {
        id: "lov2".to_string(),
        title: "Licence Ouverte / Open Licence 2.0".to_string(),
    };
    Dataset {
        iri: iri.clone(),
        identifier: id.to_string(),
        title: "Délibérations \"2024\" <conseil> & 'bureau' \\ fin".to_string(),
        description: "Ligne 1\nLigne 2\t\u{1}contrôle\r\n]]> </rdf:RDF> \"\"\" {\"@id\": 1}"
            .to_string(),
        landing_page: format!("{BASE}/jeux-de-donnees/deliberations-2024"),
        licence: Some(licence.clone()),
        frequency: Some("MONTHLY".to_string()),
        temporal_start: Some("2024-01-01".to_string()),
        temporal_end: Some("2024-12-31".to_string()),
        spatial: vec!["commune:42218".to_string(), "region:84".to_string()],
        contact: Some(ContactPoint {
            name: "Service open data".to_string(),
            email: Some("opendata@saint-etienne.fr".to_string()),
        }),
        publisher,
        keywords: vec!["délibérations".to_string(), "conseil municipal".to_string()],
        issued: "2024-03-02T09:14:11.532190Z".to_string(),
        modified: "2025-01-10T16:02:47.001245Z".to_string(),
        conforms_to: Some(schema.clone()),
        themes: vec!["GOVE".to_string(), "NOT_A_THEME".to_string()],
        distributions: vec![
            Distribution {
                iri: format!("{iri}#ressource-aaaaaaaa-0000-4000-8000-000000000001"),
                identifier: "aaaaaaaa-0000-4000-8000-000000000001".to_string(),
                title: "deliberations-2024.csv".to_string(),
                description: "Export du <registre> & \"procès-verbaux\"".to_string(),
                access_url: format!(
                    "{BASE}/jeux-de-donnees/deliberations-2024/ressources/a/telechargement?x=1&y=2"
                ),
                download_url: Some(format!(
                    "{BASE}/jeux-de-donnees/deliberations-2024/ressources/a/telechargement?x=1&y=2"
                )),
                format: "csv".to_string(),
                byte_size: Some(48213),
                sha256: Some("9F".repeat(32)),
                conforms_to: Some(schema),
                licence: Some(licence),
                issued: "2024-03-02T09:15:02.100000Z".to_string(),
                modified: "2025-01-10T16:02:40Z".to_string(),
            },
            Distribution {
                iri: format!("{iri}#ressource-bad"),
                identifier: "bad".to_string(),
                title: "lien invalide".to_string(),
                description: String::new(),
                access_url: "not a url".to_string(),
                download_url: None,
                format: "html".to_string(),
                byte_size: None,
                sha256: None,
                conforms_to: None,
                licence: None,
                issued: "2024-03-02T09:15:02Z".to_string(),
                modified: "2024-03-02T09:15:02Z".to_string(),
            },
        ],
    }
}

fn write(format: Format) -> Vec<u8> {
    let catalog = catalog();
    let mut writer =
        FeedWriter::start(format, Vec::new(), Some(&catalog), Some(&page())).expect("start");
    writer.write_dataset(&dataset()).expect("dataset");
    writer.finish().expect("finish")
}

fn parse(format: Format, bytes: &[u8]) -> BTreeSet<String> {
    let triples: Vec<oxrdf::Triple> = match format {
        Format::Turtle => oxttl::TurtleParser::new()
            .for_slice(bytes)
            .collect::<Result<_, _>>()
            .expect("valid Turtle"),
        Format::RdfXml => oxrdfxml::RdfXmlParser::new()
            .for_reader(bytes)
            .collect::<Result<_, _>>()
            .expect("valid RDF/XML"),
        Format::JsonLd => oxjsonld::JsonLdParser::new()
            .for_slice(bytes)
            .map(|quad| quad.map(oxrdf::Triple::from))
            .collect::<Result<_, _>>()
            .expect("valid JSON-LD"),
    };
    triples.iter().map(ToString::to_string).collect()
}

fn turtle_graph() -> BTreeSet<String> {
    parse(Format::Turtle, &write(Format::Turtle))
}

fn has(graph: &BTreeSet<String>, triple: &str) -> bool {
    graph.contains(triple)
}

#[test]
fn three_serialisations_same_graph() {
    let turtle = turtle_graph();
    let rdfxml = parse(Format::RdfXml, &write(Format::RdfXml));
    let jsonld = parse(Format::JsonLd, &write(Format::JsonLd));
    assert!(turtle.len() > 50, "only {} triples", turtle.len());
    assert_eq!(turtle, rdfxml);
    assert_eq!(turtle, jsonld);
}

#[test]
fn jsonld_is_plain_json_with_context() {
    let value: serde_json::Value =
        serde_json::from_slice(&write(Format::JsonLd)).expect("valid JSON");
    assert_eq!(value["@context"]["dcat"], "http://www.w3.org/ns/dcat#");
    assert!(
        value["@graph"]
            .as_array()
            .is_some_and(|nodes| nodes.len() > 5)
    );
}

#[test]
fn rdfxml_escapes_markup() {
    let text = String::from_utf8(write(Format::RdfXml)).expect("UTF-8");
    assert!(text.contains("&lt;conseil&gt; &amp;"));
    assert!(text.contains("x=1&amp;y=2"));
    assert!(!text.contains('\u{1}'));
}

#[test]
fn text_keeps_language_and_drops_controls() {
    let graph = turtle_graph();
    let dataset = format!("<{BASE}/jeux-de-donnees/0f4c2d3e-1111-4a5b-8c9d-0123456789ab>");
    let title = format!(
        "{dataset} <http://purl.org/dc/terms/title> \"Délibérations \\\"2024\\\" <conseil> & 'bureau' \\\\ fin\"@fr"
    );
    assert!(has(&graph, &title), "missing {title}");
    let description = graph
        .iter()
        .find(|t| t.starts_with(&format!("{dataset} <http://purl.org/dc/terms/description>")))
        .expect("description");
    assert!(description.contains("contrôle"));
    assert!(!description.contains("\\u0001"));
}

#[test]
fn dataset_terms_use_canonical_iris() {
    let graph = turtle_graph();
    let dataset = format!("<{BASE}/jeux-de-donnees/0f4c2d3e-1111-4a5b-8c9d-0123456789ab>");
    let expected = [
        format!(
            "{dataset} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset>"
        ),
        format!(
            "{dataset} <http://purl.org/dc/terms/identifier> \"0f4c2d3e-1111-4a5b-8c9d-0123456789ab\""
        ),
        format!(
            "{dataset} <http://www.w3.org/ns/dcat#landingPage> <{BASE}/jeux-de-donnees/deliberations-2024>"
        ),
        format!(
            "{dataset} <http://purl.org/dc/terms/license> <https://www.etalab.gouv.fr/licence-ouverte-open-licence>"
        ),
        format!(
            "{dataset} <http://purl.org/dc/terms/accrualPeriodicity> <http://publications.europa.eu/resource/authority/frequency/MONTHLY>"
        ),
        format!(
            "{dataset} <http://purl.org/dc/terms/conformsTo> <https://schema.data.gouv.fr/schemas/scdl/deliberations/2.1.3/schema.json>"
        ),
        format!(
            "{dataset} <http://purl.org/dc/terms/spatial> <http://id.insee.fr/geo/commune/42218>"
        ),
        format!(
            "{dataset} <http://purl.org/dc/terms/issued> \"2024-03-02T09:14:11.532190Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime>"
        ),
        format!("{dataset} <http://www.w3.org/ns/dcat#keyword> \"conseil municipal\"@fr"),
        format!(
            "{dataset} <http://purl.org/dc/terms/publisher> <{BASE}/organisations/saint-etienne>"
        ),
        format!(
            "<{BASE}/organisations/saint-etienne> <http://purl.org/dc/terms/identifier> \"214202186\""
        ),
        format!(
            "<{BASE}/organisations/saint-etienne> <http://www.w3.org/2002/07/owl#sameAs> <https://annuaire-entreprises.data.gouv.fr/entreprise/214202186>"
        ),
        format!(
            "<{BASE}/organisations/saint-etienne> <http://xmlns.com/foaf/0.1/name> \"Ville de Saint-Étienne\""
        ),
        format!(
            "{dataset} <http://www.w3.org/ns/dcat#contactPoint> <{BASE}/jeux-de-donnees/0f4c2d3e-1111-4a5b-8c9d-0123456789ab#contact>"
        ),
        format!(
            "<{BASE}/jeux-de-donnees/0f4c2d3e-1111-4a5b-8c9d-0123456789ab#contact> <http://www.w3.org/2006/vcard/ns#hasEmail> <mailto:opendata@saint-etienne.fr>"
        ),
        format!(
            "<{BASE}/jeux-de-donnees/0f4c2d3e-1111-4a5b-8c9d-0123456789ab#periode> <http://www.w3.org/ns/dcat#startDate> \"2024-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>"
        ),
    ];
    for triple in &expected {
        assert!(has(&graph, triple), "missing {triple}");
    }
    assert!(
        !graph.iter().any(|t| t.contains("region")),
        "a code without an IRI must be left out"
    );
}

#[test]
fn themes_use_eu_data_theme_iris() {
    let dataset = format!("<{BASE}/jeux-de-donnees/0f4c2d3e-1111-4a5b-8c9d-0123456789ab>");
    let theme = "<http://publications.europa.eu/resource/authority/data-theme/GOVE>";
    let scheme = "<http://publications.europa.eu/resource/authority/data-theme>";
    let expected = [
        format!("{dataset} <http://www.w3.org/ns/dcat#theme> {theme}"),
        format!(
            "{theme} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2004/02/skos/core#Concept>"
        ),
        format!("{theme} <http://www.w3.org/2004/02/skos/core#inScheme> {scheme}"),
        format!(
            "{theme} <http://www.w3.org/2004/02/skos/core#prefLabel> \"Gouvernement et secteur public\"@fr"
        ),
        format!("{scheme} <http://purl.org/dc/terms/title> \"Thèmes des données\"@fr"),
        format!("<{BASE}/catalog> <http://www.w3.org/ns/dcat#themeTaxonomy> {scheme}"),
        format!(
            "{scheme} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2004/02/skos/core#ConceptScheme>"
        ),
    ];
    for format in [Format::Turtle, Format::RdfXml, Format::JsonLd] {
        let graph = parse(format, &write(format));
        for triple in &expected {
            assert!(has(&graph, triple), "{format:?}: missing {triple}");
        }
        let themes = graph
            .iter()
            .filter(|triple| triple.contains("<http://www.w3.org/ns/dcat#theme>"))
            .count();
        assert_eq!(
            themes, 1,
            "{format:?}: a code outside the table is left out"
        );
    }
}

#[test]
fn distribution_terms_and_invalid_url() {
    let graph = turtle_graph();
    let distribution = format!(
        "<{BASE}/jeux-de-donnees/0f4c2d3e-1111-4a5b-8c9d-0123456789ab#ressource-aaaaaaaa-0000-4000-8000-000000000001>"
    );
    let expected = [
        format!(
            "{distribution} <http://purl.org/dc/terms/format> <http://publications.europa.eu/resource/authority/file-type/CSV>"
        ),
        format!(
            "{distribution} <http://www.w3.org/ns/dcat#mediaType> <https://www.iana.org/assignments/media-types/text/csv>"
        ),
        format!(
            "{distribution} <http://purl.org/dc/terms/description> \"Export du <registre> & \\\"procès-verbaux\\\"\"@fr"
        ),
        format!(
            "{distribution} <http://www.w3.org/ns/dcat#byteSize> \"48213\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"
        ),
        format!(
            "{distribution} <http://purl.org/dc/terms/conformsTo> <https://schema.data.gouv.fr/schemas/scdl/deliberations/2.1.3/schema.json>"
        ),
        format!(
            "{distribution} <http://www.w3.org/ns/dcat#downloadURL> <{BASE}/jeux-de-donnees/deliberations-2024/ressources/a/telechargement?x=1&y=2>"
        ),
        format!(
            "<{BASE}/jeux-de-donnees/0f4c2d3e-1111-4a5b-8c9d-0123456789ab#ressource-aaaaaaaa-0000-4000-8000-000000000001-sha256> <http://spdx.org/rdf/terms#checksumValue> \"{}\"^^<http://www.w3.org/2001/XMLSchema#hexBinary>",
            "9f".repeat(32)
        ),
    ];
    for triple in &expected {
        assert!(has(&graph, triple), "missing {triple}");
    }
    assert!(
        !graph.iter().any(|t| t.contains("ressource-bad")),
        "a distribution without a valid URL must be left out"
    );
}

#[test]
fn hydra_view_has_both_vocabularies() {
    let graph = turtle_graph();
    let view = format!("<{BASE}/catalog.ttl?page=2&page_size=1>");
    let expected = [
        format!("<{BASE}/catalog> <http://www.w3.org/ns/hydra/core#view> {view}"),
        format!(
            "{view} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/hydra/core#PartialCollectionView>"
        ),
        format!(
            "{view} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/hydra/core#PagedCollection>"
        ),
        format!(
            "{view} <http://www.w3.org/ns/hydra/core#next> <{BASE}/catalog.ttl?page=3&page_size=1>"
        ),
        format!(
            "{view} <http://www.w3.org/ns/hydra/core#nextPage> <{BASE}/catalog.ttl?page=3&page_size=1>"
        ),
        format!(
            "{view} <http://www.w3.org/ns/hydra/core#previous> <{BASE}/catalog.ttl?page=1&page_size=1>"
        ),
        format!(
            "{view} <http://www.w3.org/ns/hydra/core#firstPage> <{BASE}/catalog.ttl?page=1&page_size=1>"
        ),
        format!(
            "{view} <http://www.w3.org/ns/hydra/core#lastPage> <{BASE}/catalog.ttl?page=3&page_size=1>"
        ),
        format!(
            "{view} <http://www.w3.org/ns/hydra/core#itemsPerPage> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>"
        ),
        format!(
            "{view} <http://www.w3.org/ns/hydra/core#totalItems> \"3\"^^<http://www.w3.org/2001/XMLSchema#integer>"
        ),
        format!(
            "<{BASE}/catalog> <http://www.w3.org/ns/dcat#dataset> <{BASE}/jeux-de-donnees/0f4c2d3e-1111-4a5b-8c9d-0123456789ab>"
        ),
    ];
    for triple in &expected {
        assert!(has(&graph, triple), "missing {triple}");
    }
}

#[test]
fn dataset_document_without_catalog() {
    for format in Format::ALL {
        let mut writer = FeedWriter::start(format, Vec::new(), None, None).expect("start");
        writer.write_dataset(&dataset()).expect("dataset");
        let graph = parse(format, &writer.finish().expect("finish"));
        assert!(
            !graph.iter().any(|t| t.contains("dcat#Catalog")),
            "{format:?}"
        );
        assert!(
            graph.iter().any(|t| t.contains("dcat#Dataset")),
            "{format:?}"
        );
    }
}

#[test]
fn empty_feed_is_well_formed() {
    for format in Format::ALL {
        let writer = FeedWriter::start(format, Vec::new(), Some(&catalog()), None).expect("start");
        let graph = parse(format, &writer.finish().expect("finish"));
        assert!(
            graph.iter().any(|t| t.contains("dcat#Catalog")),
            "{format:?}"
        );
    }
}

#[test]
fn invalid_dataset_iri_is_an_error() {
    let mut broken = dataset();
    broken.iri = "pas une IRI".to_string();
    let mut writer = FeedWriter::start(Format::Turtle, Vec::new(), None, None).expect("start");
    let error = writer.write_dataset(&broken).expect_err("invalid IRI");
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    assert!(error.to_string().contains("pas une IRI"));
}

#[test]
fn shared_nodes_written_once() {
    let first = dataset();
    let mut second = dataset();
    second.iri = format!("{BASE}/jeux-de-donnees/0f4c2d3e-2222-4a5b-8c9d-0123456789ab");
    second.identifier = "0f4c2d3e-2222-4a5b-8c9d-0123456789ab".to_string();
    for format in Format::ALL {
        let mut writer =
            FeedWriter::start(format, Vec::new(), Some(&catalog()), None).expect("start");
        writer.write_dataset(&first).expect("first");
        writer.write_dataset(&second).expect("second");
        let text = String::from_utf8(writer.finish().expect("finish")).expect("UTF-8");
        assert_eq!(
            text.matches("Licence Ouverte / Open Licence 2.0").count(),
            1,
            "{format:?}"
        );
        assert_eq!(
            text.matches("Ville de Saint-Étienne").count(),
            1,
            "{format:?}"
        );
    }
    let mut writer = FeedWriter::start(Format::Turtle, Vec::new(), None, None).expect("start");
    writer.write_dataset(&first).expect("first");
    writer.write_dataset(&second).expect("second");
    let graph = parse(Format::Turtle, &writer.finish().expect("finish"));
    for dataset in [&first, &second] {
        let licence = format!(
            "<{}> <http://purl.org/dc/terms/license> <https://www.etalab.gouv.fr/licence-ouverte-open-licence>",
            dataset.iri
        );
        assert!(has(&graph, &licence), "missing {licence}");
    }
}
