//! Reads datasets, distributions and the next-page link out of a parsed DCAT graph.
//!
//! Datasets are the subjects typed `dcat:Dataset` or `dcat:DatasetSeries`, listed in
//! document order. A title-less node that another node points to (through
//! `dcat:servesDataset` or `dct:hasPart`, for example) is a reference, not an entry, and
//! is left out silently. The identity is `dct:identifier`, else the dataset IRI; a blank
//! node without identifier is skipped. Language tags and IRIs, which the lenient parser
//! does not check, are checked here for each dataset, so one bad value costs one record.
//! Where a text exists in several languages, French is preferred, then a text without
//! language, then English, then any.

use std::collections::HashSet;

use oxrdf::{NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use url::Url;

use super::index::TripleIndex;
use super::parse::ParsedGraph;
use super::vocab::*;
use crate::ckan::parse_checksum;
use crate::json;
use crate::mapping::{map_frequency, map_licence, map_licence_candidates, note_unmapped};
use crate::record::{
    Checksum, DistributionKind, Item, Mapped, Note, NoteCode, RemoteDataset, RemoteDistribution,
    Skip, SkipReason, Spatial, Temporal,
};

fn iri(text: &str) -> NamedNodeRef<'_> {
    NamedNodeRef::new_unchecked(text)
}

/// A view of the graph with the page URL, against which literal URLs are resolved.
pub(crate) struct Reader<'a> {
    graph: &'a TripleIndex,
    base: Option<Url>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(graph: &'a TripleIndex, page_url: &str) -> Reader<'a> {
        Reader {
            graph,
            base: Url::parse(page_url).ok(),
        }
    }

    fn objects(
        &self,
        subject: NamedOrBlankNodeRef<'a>,
        predicate: &'static str,
    ) -> Vec<TermRef<'a>> {
        self.graph
            .objects_for_subject_predicate(subject, iri(predicate))
            .collect()
    }

    fn has_type(&self, subject: NamedOrBlankNodeRef<'a>, class: &'static str) -> bool {
        self.graph
            .objects_for_subject_predicate(subject, iri(RDF_TYPE))
            .any(|object| object == TermRef::NamedNode(iri(class)))
    }

    /// Returns the preferred literal among the objects of `predicate`.
    fn text(&self, subject: NamedOrBlankNodeRef<'a>, predicate: &'static str) -> Option<String> {
        preferred_literal(&self.objects(subject, predicate))
    }

    /// Returns the preferred text of the first predicate that has one.
    fn first_text(
        &self,
        subject: NamedOrBlankNodeRef<'a>,
        predicates: &[&'static str],
    ) -> Option<String> {
        predicates
            .iter()
            .find_map(|predicate| self.text(subject, predicate))
    }

    /// Returns a human label for a term: a literal's value, or the name or label of a node.
    fn label(&self, term: TermRef<'a>) -> Option<String> {
        match term {
            TermRef::Literal(literal) => non_empty(literal.value()),
            TermRef::NamedNode(_) | TermRef::BlankNode(_) => {
                let node = as_subject(term)?;
                self.first_text(
                    node,
                    &[
                        SKOS_PREF_LABEL,
                        FOAF_NAME,
                        VCARD_FN,
                        VCARD_ORGANIZATION_NAME,
                        DCT_TITLE,
                        RDFS_LABEL,
                    ],
                )
            }
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// Returns a URL given as an IRI or as a literal, resolved against the page URL.
    fn url(&self, term: TermRef<'a>) -> Option<String> {
        let text = match term {
            TermRef::NamedNode(node) => node.as_str().to_owned(),
            TermRef::Literal(literal) => literal.value().trim().to_owned(),
            _ => return None,
        };
        if text.is_empty() {
            return None;
        }
        let resolved = match &self.base {
            Some(base) => base.join(&text).ok()?.to_string(),
            None => text,
        };
        json::http_url(&resolved)
    }

    /// Returns the first URL among the objects of `predicate`.
    fn first_url(
        &self,
        subject: NamedOrBlankNodeRef<'a>,
        predicate: &'static str,
    ) -> Option<String> {
        self.objects(subject, predicate)
            .into_iter()
            .find_map(|object| self.url(object))
    }

    /// Returns an IRI, a literal value or a node label, whichever the term is.
    fn value(&self, term: TermRef<'a>) -> Option<String> {
        match term {
            TermRef::NamedNode(node) => Some(node.as_str().to_owned()),
            TermRef::Literal(literal) => non_empty(literal.value()),
            TermRef::BlankNode(_) => {
                let node = as_subject(term)?;
                self.first_text(node, &[RDF_VALUE, SKOS_PREF_LABEL, RDFS_LABEL, DCT_TITLE])
            }
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }
}

fn as_subject(term: TermRef<'_>) -> Option<NamedOrBlankNodeRef<'_>> {
    match term {
        TermRef::NamedNode(node) => Some(node.into()),
        TermRef::BlankNode(node) => Some(node.into()),
        _ => None,
    }
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Ranks a language tag: French first, then no tag, then English, then the rest.
fn language_rank(language: Option<&str>) -> u8 {
    match language.map(str::to_ascii_lowercase).as_deref() {
        Some(tag) if tag == "fr" || tag.starts_with("fr-") => 0,
        None => 1,
        Some(tag) if tag == "en" || tag.starts_with("en-") => 2,
        Some(_) => 3,
    }
}

fn preferred_literal(terms: &[TermRef<'_>]) -> Option<String> {
    terms
        .iter()
        .filter_map(|term| match term {
            TermRef::Literal(literal) => {
                non_empty(literal.value()).map(|text| (language_rank(literal.language()), text))
            }
            _ => None,
        })
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, text)| text)
}

/// Lists the datasets of a page, in document order, as items.
// NOTE: standalone `dcat:DataService` nodes (APIs described outside any distribution)
// are not listed, because the record shape has no data-service kind yet.
pub(crate) fn page_items(parsed: &ParsedGraph, page_url: &str) -> Vec<Item> {
    let reader = Reader::new(&parsed.graph, page_url);
    let mut items = Vec::new();
    for subject in &parsed.subject_order {
        let node = subject.as_ref();
        let is_dataset =
            reader.has_type(node, DCAT_DATASET) || reader.has_type(node, DCAT_DATASET_SERIES);
        if !is_dataset {
            continue;
        }
        let title = reader.text(node, DCT_TITLE);
        if title.is_none() && is_referenced(&parsed.graph, node) {
            continue;
        }
        items.push(dataset_item(&reader, node, title));
    }
    items
}

/// Checks whether another node points to `node` (other than through `rdf:type`-like links from
/// the node itself): a catalogue's `dcat:dataset` link does not count, since every
/// dataset of a catalogue has one.
fn is_referenced(graph: &TripleIndex, node: NamedOrBlankNodeRef<'_>) -> bool {
    graph
        .predicates_to(node)
        .any(|predicate| predicate.as_str() != "http://www.w3.org/ns/dcat#dataset")
}

fn dataset_item(reader: &Reader<'_>, node: NamedOrBlankNodeRef<'_>, title: Option<String>) -> Item {
    let uri = match node {
        NamedOrBlankNodeRef::NamedNode(named) => Some(named.as_str().to_owned()),
        NamedOrBlankNodeRef::BlankNode(_) => None,
    };
    let identifier = reader.text(node, DCT_IDENTIFIER);
    let Some(remote_id) = identifier.clone().or_else(|| uri.clone()) else {
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
    if let Some((field, value)) = find_invalid_value(reader.graph, node) {
        return Item::Skipped(Skip::new(
            SkipReason::InvalidValue,
            Some(remote_id.clone()),
            Some(title),
            &[("id", &remote_id), ("field", &field), ("value", &value)],
        ));
    }
    Item::Dataset(Box::new(read_dataset(reader, node, remote_id, uri, title)))
}

/// Finds an invalid language tag or IRI on the dataset node or one of the nodes it points
/// to directly (distributions, contact points, periods).
fn find_invalid_value(
    graph: &TripleIndex,
    node: NamedOrBlankNodeRef<'_>,
) -> Option<(String, String)> {
    let mut nodes = vec![node];
    for triple in graph.triples_for_subject(node) {
        if let Some(child) = as_subject(triple.object) {
            nodes.push(child);
        }
    }
    for subject in nodes {
        if let NamedOrBlankNodeRef::NamedNode(named) = subject
            && oxiri::Iri::parse(named.as_str()).is_err()
        {
            return Some(("IRI".to_owned(), named.as_str().to_owned()));
        }
        for triple in graph.triples_for_subject(subject) {
            match triple.object {
                TermRef::Literal(literal) => {
                    if let Some(language) = literal.language()
                        && oxilangtag::LanguageTag::parse(language).is_err()
                    {
                        return Some(("language".to_owned(), language.to_owned()));
                    }
                }
                TermRef::NamedNode(named) if oxiri::Iri::parse(named.as_str()).is_err() => {
                    let field = triple.predicate.as_str().to_owned();
                    return Some((field, named.as_str().to_owned()));
                }
                _ => {}
            }
        }
    }
    None
}

fn read_dataset(
    reader: &Reader<'_>,
    node: NamedOrBlankNodeRef<'_>,
    remote_id: String,
    uri: Option<String>,
    title: String,
) -> RemoteDataset {
    let mut notes = Vec::new();
    let distributions = read_distributions(reader, node, &mut notes);

    let licence = dataset_licence(reader, node, &distributions);
    note_unmapped(&licence, NoteCode::UnknownLicence, &mut notes);
    let frequency = reader
        .objects(node, DCT_ACCRUAL_PERIODICITY)
        .into_iter()
        .find_map(|term| reader.value(term))
        .map(|raw| map_frequency(&raw));
    note_unmapped(&frequency, NoteCode::UnknownFrequency, &mut notes);

    let landing_page = reader
        .first_url(node, DCAT_LANDING_PAGE)
        .or_else(|| reader.first_url(node, FOAF_PAGE))
        .or_else(|| uri.as_deref().and_then(json::http_url));
    let publisher = reader
        .objects(node, DCT_PUBLISHER)
        .into_iter()
        .find_map(|term| reader.label(term));
    let contact_email = [DCAT_CONTACT_POINT, ADMS_CONTACT_POINT]
        .iter()
        .flat_map(|predicate| reader.objects(node, predicate))
        .filter_map(as_subject)
        .flat_map(|contact| reader.objects(contact, VCARD_HAS_EMAIL))
        .find_map(|email| reader.value(email))
        .map(|email| email.trim_start_matches("mailto:").trim().to_owned());

    RemoteDataset {
        uri: uri.filter(|uri| *uri != remote_id),
        remote_id,
        title,
        description: reader.first_text(node, &[DCT_DESCRIPTION, DCT_ABSTRACT]),
        landing_page,
        publisher,
        contact_email,
        keywords: keywords(reader, node),
        themes: unique(
            reader
                .objects(node, DCAT_THEME)
                .into_iter()
                .filter(|term| !is_eu_data_theme(*term))
                .filter_map(|term| reader.label(term).or_else(|| reader.value(term))),
        ),
        licence,
        frequency,
        temporal: temporal(reader, node),
        spatial: spatial(reader, node, &mut notes),
        issued: reader.text(node, DCT_ISSUED),
        modified: reader.text(node, DCT_MODIFIED),
        languages: unique(
            [DCT_LANGUAGE, DC_LANGUAGE]
                .iter()
                .flat_map(|predicate| reader.objects(node, predicate))
                .filter_map(|term| reader.value(term)),
        ),
        schemas: schemas(reader, node),
        distributions,
        extras: Default::default(),
        notes,
    }
}

/// Keywords in the preferred language only, so that a multilingual record does not get
/// every keyword three times.
fn keywords(reader: &Reader<'_>, node: NamedOrBlankNodeRef<'_>) -> Vec<String> {
    let literals: Vec<(u8, String)> = reader
        .objects(node, DCAT_KEYWORD)
        .into_iter()
        .filter_map(|term| match term {
            TermRef::Literal(literal) => {
                non_empty(literal.value()).map(|text| (language_rank(literal.language()), text))
            }
            _ => None,
        })
        .collect();
    let Some(best) = literals.iter().map(|(rank, _)| *rank).min() else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    literals
        .into_iter()
        .filter(|(rank, _)| *rank == best)
        .map(|(_, text)| text)
        .filter(|text| seen.insert(text.clone()))
        .collect()
}

/// Finds the licence of the dataset: `dct:license`, then `dct:rights`, then the first licence
/// found on a distribution.
fn dataset_licence(
    reader: &Reader<'_>,
    node: NamedOrBlankNodeRef<'_>,
    distributions: &[RemoteDistribution],
) -> Option<Mapped> {
    for predicate in [DCT_LICENSE, DCT_RIGHTS] {
        let candidates: Vec<String> = reader
            .objects(node, predicate)
            .into_iter()
            .flat_map(|term| [reader.value(term), reader.label(term)])
            .flatten()
            .collect();
        let borrowed: Vec<&str> = candidates.iter().map(String::as_str).collect();
        if let Some(mapped) = map_licence_candidates(&borrowed) {
            return Some(mapped);
        }
    }
    distributions
        .iter()
        .find_map(|distribution| distribution.licence.clone())
}

fn temporal(reader: &Reader<'_>, node: NamedOrBlankNodeRef<'_>) -> Option<Temporal> {
    for term in reader.objects(node, DCT_TEMPORAL) {
        if let TermRef::Literal(literal) = term {
            let value = literal.value().trim();
            let (start, end) = value.split_once('/').unwrap_or((value, ""));
            return Some(Temporal {
                start: non_empty(start),
                end: non_empty(end),
            });
        }
        let Some(period) = as_subject(term) else {
            continue;
        };
        let start = reader.first_text(
            period,
            &[DCAT_START_DATE, SCHEMA_START_DATE, SCHEMA_HTTPS_START_DATE],
        );
        let end = reader.first_text(
            period,
            &[DCAT_END_DATE, SCHEMA_END_DATE, SCHEMA_HTTPS_END_DATE],
        );
        if start.is_some() || end.is_some() {
            return Some(Temporal { start, end });
        }
    }
    None
}

fn spatial(
    reader: &Reader<'_>,
    node: NamedOrBlankNodeRef<'_>,
    notes: &mut Vec<Note>,
) -> Option<Spatial> {
    let mut spatial = Spatial::default();
    for term in reader.objects(node, DCT_SPATIAL) {
        match term {
            TermRef::Literal(literal) => read_geometry_literal(literal, &mut spatial, notes),
            TermRef::NamedNode(named)
                if reader.graph.triples_for_subject(named).next().is_none() =>
            {
                spatial.uri.get_or_insert_with(|| named.as_str().to_owned());
            }
            _ => {
                let Some(area) = as_subject(term) else {
                    continue;
                };
                if let TermRef::NamedNode(named) = term {
                    spatial.uri.get_or_insert_with(|| named.as_str().to_owned());
                }
                for predicate in [LOCN_GEOMETRY, GEO_AS_WKT, DCAT_BBOX, DCAT_CENTROID] {
                    for geometry in reader.objects(area, predicate) {
                        if let TermRef::Literal(literal) = geometry {
                            read_geometry_literal(literal, &mut spatial, notes);
                        }
                    }
                }
                if spatial.text.is_none() {
                    spatial.text =
                        reader.first_text(area, &[SKOS_PREF_LABEL, RDFS_LABEL, DCT_TITLE]);
                }
            }
        }
    }
    let empty = spatial == Spatial::default();
    (!empty).then_some(spatial)
}

/// Reads a geometry literal: GeoJSON or WKT by datatype, else by its first character;
/// a GeoJSON value that does not parse is dropped with a note.
fn read_geometry_literal(
    literal: oxrdf::LiteralRef<'_>,
    spatial: &mut Spatial,
    notes: &mut Vec<Note>,
) {
    let value = literal.value().trim();
    if value.is_empty() {
        return;
    }
    let datatype = literal.datatype().as_str();
    let geojson = GEOJSON_DATATYPES.contains(&datatype) || value.starts_with('{');
    let wkt = WKT_DATATYPES.contains(&datatype);
    if geojson {
        if serde_json::from_str::<serde_json::Value>(value).is_ok_and(|v| v.get("type").is_some()) {
            spatial.geometry.get_or_insert_with(|| value.to_owned());
        } else {
            notes.push(Note::new(
                NoteCode::InvalidValueIgnored,
                &[("field", "spatial"), ("value", value)],
            ));
        }
    } else if wkt {
        spatial.wkt.get_or_insert_with(|| value.to_owned());
    } else {
        spatial.text.get_or_insert_with(|| value.to_owned());
    }
}

/// Collects values in order, without repeats: the page index keeps duplicate triples.
fn unique(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    values.filter(|value| seen.insert(value.clone())).collect()
}

fn schemas(reader: &Reader<'_>, node: NamedOrBlankNodeRef<'_>) -> Vec<String> {
    let values = reader
        .objects(node, DCT_CONFORMS_TO)
        .into_iter()
        .filter_map(|term| match term {
            TermRef::BlankNode(_) => {
                let standard = as_subject(term)?;
                reader
                    .first_url(standard, DCT_IDENTIFIER)
                    .or_else(|| reader.first_text(standard, &[DCT_TITLE, RDFS_LABEL]))
            }
            other => reader.value(other),
        });
    unique(values)
}

fn read_distributions(
    reader: &Reader<'_>,
    node: NamedOrBlankNodeRef<'_>,
    notes: &mut Vec<Note>,
) -> Vec<RemoteDistribution> {
    let mut distributions = Vec::new();
    let mut seen = HashSet::new();
    let linked = [
        (DCAT_DISTRIBUTION, DistributionKind::File),
        (DCAT_DISTRIBUTIONS, DistributionKind::File),
        (DCT_HAS_PART, DistributionKind::Other),
    ];
    for (predicate, kind) in linked {
        for (index, term) in reader.objects(node, predicate).into_iter().enumerate() {
            let Some(distribution_node) = as_subject(term) else {
                continue;
            };
            if !seen.insert(distribution_node.into_owned()) {
                continue;
            }
            match read_distribution(reader, distribution_node, kind) {
                Some(distribution) => distributions.push(distribution),
                None => notes.push(Note::new(
                    NoteCode::DistributionWithoutUrl,
                    &[
                        ("position", &(index + 1).to_string()),
                        ("title", &distribution_name(reader, distribution_node)),
                    ],
                )),
            }
        }
    }
    distributions
}

/// Names a distribution in a note: its title, else its IRI, else "-".
fn distribution_name(reader: &Reader<'_>, node: NamedOrBlankNodeRef<'_>) -> String {
    reader.text(node, DCT_TITLE).unwrap_or_else(|| match node {
        NamedOrBlankNodeRef::NamedNode(named) => named.as_str().to_owned(),
        NamedOrBlankNodeRef::BlankNode(_) => "-".to_owned(),
    })
}

fn read_distribution(
    reader: &Reader<'_>,
    node: NamedOrBlankNodeRef<'_>,
    kind: DistributionKind,
) -> Option<RemoteDistribution> {
    let node_iri = match node {
        NamedOrBlankNodeRef::NamedNode(named) => Some(named.as_str().to_owned()),
        NamedOrBlankNodeRef::BlankNode(_) => None,
    };
    let download_url = reader.first_url(node, DCAT_DOWNLOAD_URL);
    let access_url = reader.first_url(node, DCAT_ACCESS_URL);
    // A `dct:hasPart` document is often only an IRI with a title: the IRI is its address.
    let part_url = (kind == DistributionKind::Other)
        .then(|| node_iri.as_deref().and_then(json::http_url))
        .flatten();
    let url = download_url
        .clone()
        .or_else(|| access_url.clone())
        .or(part_url)?;
    let kind = if reader.objects(node, DCAT_ACCESS_SERVICE).is_empty() {
        kind
    } else {
        DistributionKind::Api
    };
    let licence = reader
        .objects(node, DCT_LICENSE)
        .into_iter()
        .find_map(|term| reader.value(term))
        .map(|raw| map_licence(&raw));
    let media_type = reader
        .objects(node, DCAT_MEDIA_TYPE)
        .into_iter()
        .find_map(|term| reader.value(term))
        .map(|value| strip_iana_prefix(&value));
    let format = reader
        .objects(node, DCT_FORMAT)
        .into_iter()
        .find_map(|term| reader.label(term).or_else(|| reader.value(term)))
        .map(|format| strip_iana_prefix(&format));
    Some(RemoteDistribution {
        remote_id: reader.text(node, DCT_IDENTIFIER).or(node_iri),
        title: reader.text(node, DCT_TITLE),
        description: reader.text(node, DCT_DESCRIPTION),
        access_url: access_url.filter(|access| *access != url),
        url,
        format,
        media_type,
        size: reader
            .text(node, DCAT_BYTE_SIZE)
            .and_then(|size| parse_size(&size)),
        checksum: checksum(reader, node),
        licence,
        schemas: schemas(reader, node),
        kind,
        issued: reader.text(node, DCT_ISSUED),
        modified: reader.text(node, DCT_MODIFIED),
    })
}

fn strip_iana_prefix(value: &str) -> String {
    IANA_MEDIA_TYPES
        .iter()
        .find_map(|prefix| value.strip_prefix(prefix))
        .unwrap_or(value)
        .to_owned()
}

/// Reads a byte size written as an integer or as a decimal with no fraction (`12323.0`).
fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    text.parse::<u64>().ok().or_else(|| {
        let value = text.parse::<f64>().ok()?;
        (value >= 0.0 && value.fract() == 0.0 && value < 1e18).then_some(value as u64)
    })
}

fn checksum(reader: &Reader<'_>, node: NamedOrBlankNodeRef<'_>) -> Option<Checksum> {
    let checksum_node = reader
        .objects(node, SPDX_CHECKSUM)
        .into_iter()
        .find_map(as_subject)?;
    let value = reader.text(checksum_node, SPDX_CHECKSUM_VALUE)?;
    let algorithm = reader
        .objects(checksum_node, SPDX_ALGORITHM)
        .into_iter()
        .find_map(|term| reader.value(term))
        .map(|algorithm| {
            let name = algorithm
                .rsplit(['_', '#', '/'])
                .next()
                .unwrap_or(&algorithm);
            name.to_ascii_lowercase()
        });
    match algorithm {
        Some(algorithm) => parse_checksum(&format!("{algorithm}:{value}")),
        None => parse_checksum(&value),
    }
}

/// Finds the next page: the `hydra:next` of the first `hydra:PartialCollectionView`,
/// else the `hydra:nextPage` of a `hydra:PagedCollection`, given as IRI or literal.
pub(crate) fn next_page(parsed: &ParsedGraph, page_url: &str) -> Option<String> {
    let reader = Reader::new(&parsed.graph, page_url);
    let views = [
        (HYDRA_PARTIAL_COLLECTION_VIEW, HYDRA_NEXT),
        (HYDRA_PAGED_COLLECTION, HYDRA_NEXT_PAGE),
    ];
    for (class, predicate) in views {
        for subject in &parsed.subject_order {
            let node = subject.as_ref();
            if !reader.has_type(node, class) {
                continue;
            }
            if let Some(next) = reader.first_url(node, predicate) {
                return Some(next);
            }
        }
    }
    None
}

/// Prefix of the EU data-theme vocabulary's concepts.
const EU_DATA_THEME: &str = "http://publications.europa.eu/resource/authority/data-theme/";

/// Tells whether a theme is a concept of the EU data-theme vocabulary. Those are a fixed
/// classification that socle derives again from a dataset's schema, and their labels
/// depend on the publisher's language, so they do not become tags.
fn is_eu_data_theme(term: TermRef<'_>) -> bool {
    matches!(term, TermRef::NamedNode(node) if node.as_str().starts_with(EU_DATA_THEME))
}
