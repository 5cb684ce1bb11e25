//! Turns a fetched DCAT page into an RDF graph, or into the JSON of a plain "data.json"
//! catalogue.
//!
//! The syntax comes from the `Content-Type`, else from the URL's extension, else from
//! the first byte of the body. Documents are parsed leniently: an invalid language tag
//! or IRI inside one record must not cost the other records, so those values are checked
//! record by record during extraction. Remote JSON-LD contexts are never fetched: the
//! well-known ones are served from copies written into this crate, others fail the page.
//! XML with a DTD or an entity declaration is rejected before parsing.

use oxrdf::{NamedOrBlankNode, Triple};
use oxrdfio::{JsonLdProfile, JsonLdProfileSet, LoadedDocument, RdfFormat, RdfParser};
use serde_json::Value;

use super::index::TripleIndex;
use crate::source::SourceError;

/// A parsed page: the graph, with dataset subjects in document order.
pub(crate) struct ParsedGraph {
    pub(crate) graph: TripleIndex,
    /// Subjects in the order their first triple appeared, to list datasets as the
    /// source wrote them.
    pub(crate) subject_order: Vec<NamedOrBlankNode>,
}

pub(crate) enum ParsedPage {
    Rdf(Box<ParsedGraph>),
    /// A DCAT-US style `data.json`: a JSON object with a `dataset` list.
    DataJson(Value),
}

/// Returns the RDF syntax named by a media type, ignoring parameters.
fn format_from_content_type(content_type: &str) -> Option<RdfFormat> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let json_ld = RdfFormat::JsonLd {
        profile: JsonLdProfileSet::empty(),
    };
    Some(match essence.as_str() {
        "application/rdf+xml" | "application/xml" | "text/xml" => RdfFormat::RdfXml,
        "text/turtle" | "application/x-turtle" => RdfFormat::Turtle,
        "text/n3" | "text/rdf+n3" => RdfFormat::N3,
        "application/n-triples" => RdfFormat::NTriples,
        "application/n-quads" => RdfFormat::NQuads,
        "application/trig" => RdfFormat::TriG,
        "application/ld+json" | "application/json" => json_ld,
        _ => return None,
    })
}

/// Returns the RDF syntax named by the extension of the URL's path.
fn format_from_extension(url: &str) -> Option<RdfFormat> {
    let path = url::Url::parse(url).ok()?.path().to_ascii_lowercase();
    let extension = path.rsplit_once('.')?.1.to_owned();
    Some(match extension.as_str() {
        "rdf" | "xml" | "owl" => RdfFormat::RdfXml,
        "ttl" => RdfFormat::Turtle,
        "n3" => RdfFormat::N3,
        "nt" => RdfFormat::NTriples,
        "nq" => RdfFormat::NQuads,
        "trig" => RdfFormat::TriG,
        "json" | "jsonld" => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        _ => return None,
    })
}

/// Guesses the RDF syntax from the first significant byte of the body.
fn format_from_body(body: &[u8]) -> RdfFormat {
    let start = body
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(body)
        .iter()
        .find(|byte| !byte.is_ascii_whitespace());
    match start {
        Some(b'<') => RdfFormat::RdfXml,
        Some(b'{' | b'[') => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        _ => RdfFormat::Turtle,
    }
}

/// Chooses the syntax of a page. A generic type (`text/plain`, `application/octet-stream`)
/// or none at all falls back to the extension, then to the body.
pub(crate) fn detect_format(content_type: Option<&str>, url: &str, body: &[u8]) -> RdfFormat {
    content_type
        .and_then(format_from_content_type)
        .or_else(|| format_from_extension(url))
        .unwrap_or_else(|| format_from_body(body))
}

/// Parses one page fetched from `url`, with `url` as base IRI.
// NOTE: the whole page is held in memory, body and index, at several times the body's
// size; only the fetcher's body cap bounds it, so a huge single-page export needs a
// larger cap and as much memory.
pub(crate) fn parse_page(
    body: &[u8],
    content_type: Option<&str>,
    url: &str,
) -> Result<ParsedPage, SourceError> {
    let format = detect_format(content_type, url, body);
    let invalid = |detail: String| SourceError::InvalidRdf {
        url: url.to_owned(),
        detail,
    };
    if matches!(format, RdfFormat::JsonLd { .. }) {
        let value: Value =
            serde_json::from_slice(body).map_err(|error| SourceError::InvalidJson {
                url: url.to_owned(),
                detail: error.to_string(),
            })?;
        if is_data_json(&value) {
            return Ok(ParsedPage::DataJson(value));
        }
    }
    if format == RdfFormat::RdfXml && declares_dtd(body) {
        return Err(invalid(
            "XML document type declarations and entities are rejected".to_owned(),
        ));
    }
    let parser = RdfParser::from_format(format)
        .with_base_iri(url)
        .map_err(|error| invalid(error.to_string()))?
        .without_named_graphs()
        .lenient();
    let mut graph = TripleIndex::default();
    let mut subject_order = Vec::new();
    let mut seen_subjects = std::collections::HashSet::new();
    for quad in parser
        .for_slice(body)
        .with_document_loader(load_known_context)
    {
        let quad = quad.map_err(|error| invalid(error.to_string()))?;
        let triple = Triple::from(quad);
        if seen_subjects.insert(triple.subject.clone()) {
            subject_order.push(triple.subject.clone());
        }
        graph.insert(triple);
    }
    Ok(ParsedPage::Rdf(Box::new(ParsedGraph {
        graph,
        subject_order,
    })))
}

/// Tells a DCAT-US `data.json` catalogue (a `dataset` list, no JSON-LD keywords other
/// than a `@context` naming the Project Open Data schema) from JSON-LD.
fn is_data_json(value: &Value) -> bool {
    let Some(object) = value.as_object() else {
        return false;
    };
    if !object.get("dataset").is_some_and(Value::is_array) {
        return false;
    }
    match object.get("@context") {
        None => !object.contains_key("@graph") && !object.contains_key("@id"),
        Some(Value::String(context)) => context.contains("project-open-data"),
        Some(_) => false,
    }
}

/// Finds `<!DOCTYPE` or `<!ENTITY` anywhere in the document, in any case.
fn declares_dtd(body: &[u8]) -> bool {
    body.windows(9).any(|window| {
        window.eq_ignore_ascii_case(b"<!doctype") || window[..8].eq_ignore_ascii_case(b"<!entity")
    })
}

/// Contexts served offline, written for this crate: each maps the terms of the published
/// context that catalogues use onto their IRIs.
const KNOWN_CONTEXTS: &[(&[&str], &str)] = &[(
    &[
        "http://www.w3.org/ns/hydra/context.jsonld",
        "https://www.w3.org/ns/hydra/context.jsonld",
    ],
    include_str!("contexts/hydra.jsonld"),
)];

fn load_known_context(
    url: &str,
) -> Result<LoadedDocument, Box<dyn std::error::Error + Send + Sync>> {
    let (_, content) = KNOWN_CONTEXTS
        .iter()
        .find(|(urls, _)| urls.contains(&url))
        .ok_or_else(|| format!("the remote JSON-LD context {url} is not fetched"))?;
    Ok(LoadedDocument {
        url: url.to_owned(),
        content: content.as_bytes().to_vec(),
        format: RdfFormat::JsonLd {
            profile: JsonLdProfile::Context.into(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_detection_order() {
        let json_ld = RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        };
        assert_eq!(
            detect_format(Some("text/turtle; charset=utf-8"), "http://h/a.rdf", b"<"),
            RdfFormat::Turtle
        );
        assert_eq!(
            detect_format(Some("text/plain"), "http://h/a.rdf", b"@"),
            RdfFormat::RdfXml
        );
        assert_eq!(detect_format(None, "http://h/catalog", b" \n{"), json_ld);
        assert_eq!(
            detect_format(None, "http://h/catalog", b"@prefix"),
            RdfFormat::Turtle
        );
    }

    #[test]
    fn doctype_rejected() {
        let body = b"<?xml version=\"1.0\"?><!DOCTYPE rdf [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rdf:RDF/>";
        let error = parse_page(body, Some("application/rdf+xml"), "http://h/c.rdf").err();
        assert!(
            matches!(error, Some(SourceError::InvalidRdf { .. })),
            "{error:?}"
        );
    }

    #[test]
    fn unknown_remote_context_rejected() {
        let body = br#"{"@context": "http://example.org/context.jsonld", "@id": "http://h/d", "title": "x"}"#;
        let error = parse_page(body, Some("application/ld+json"), "http://h/c.jsonld").err();
        let Some(SourceError::InvalidRdf { detail, .. }) = error else {
            panic!("expected an RDF error");
        };
        assert!(detail.contains("not fetched"), "{detail}");
    }

    #[test]
    fn hydra_context_served_offline() {
        let body = br#"{"@context": "http://www.w3.org/ns/hydra/context.jsonld",
            "@id": "http://h/c?page=1", "@type": "PartialCollectionView", "next": "http://h/c?page=2"}"#;
        let Ok(ParsedPage::Rdf(parsed)) = parse_page(body, None, "http://h/c.jsonld") else {
            panic!("expected a graph");
        };
        let next = oxrdf::NamedNodeRef::new_unchecked("http://www.w3.org/ns/hydra/core#next");
        let view = oxrdf::NamedNodeRef::new_unchecked("http://h/c?page=1");
        let objects: Vec<_> = parsed
            .graph
            .objects_for_subject_predicate(view, next)
            .collect();
        assert_eq!(objects.len(), 1);
    }
}
