//! The streaming feed writer: a catalogue header, then one dataset at a time, to any
//! [`std::io::Write`].
//!
//! Memory stays bounded by the largest dataset: the triples of one dataset are built,
//! handed to the serialiser and dropped before the next one. Turtle and RDF/XML use
//! oxigraph's streaming serialisers (`oxttl`, `oxrdfxml`), which escape IRIs, literals and
//! XML; JSON-LD uses [`crate::jsonld`].

use std::collections::HashSet;
use std::io::{self, Write};

use oxrdf::{NamedNode, NamedOrBlankNode, Triple};

use oxrdfxml::{RdfXmlSerializer, WriterRdfXmlSerializer};
use oxttl::TurtleSerializer;
use oxttl::turtle::WriterTurtleSerializer;

use crate::graph::{self, InvalidIri};
use crate::jsonld::JsonLdWriter;
use crate::model::{Catalog, Dataset, Page};
use crate::vocab::PREFIXES;

/// An RDF serialisation the feed is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Turtle,
    RdfXml,
    JsonLd,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Turtle, Format::RdfXml, Format::JsonLd];

    /// The `Content-Type` of a response in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Turtle => "text/turtle; charset=utf-8",
            Format::RdfXml => "application/rdf+xml; charset=utf-8",
            Format::JsonLd => "application/ld+json; charset=utf-8",
        }
    }

    /// The media type alone, as `Accept` headers name it.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Turtle => "text/turtle",
            Format::RdfXml => "application/rdf+xml",
            Format::JsonLd => "application/ld+json",
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Turtle => "ttl",
            Format::RdfXml => "rdf",
            Format::JsonLd => "jsonld",
        }
    }

    pub fn from_extension(extension: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|format| format.extension() == extension)
    }

    /// Picks the format of an `Accept` header: the supported media type with the highest
    /// quality, the earliest on a tie. Returns `None` when the header names none of them
    /// and no wildcard.
    pub fn from_accept(header: &str) -> Option<Format> {
        let mut best: Option<(f32, Format)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if quality <= 0.0 {
                continue;
            }
            let format = match media.as_str() {
                "text/turtle" | "application/x-turtle" => Format::Turtle,
                "application/rdf+xml" => Format::RdfXml,
                "application/ld+json" | "application/json" => Format::JsonLd,
                "*/*" | "text/*" => Format::Turtle,
                _ => continue,
            };
            if best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, format));
            }
        }
        best.map(|(_, format)| format)
    }
}

enum Serializer<W: Write> {
    Turtle(WriterTurtleSerializer<W>),
    RdfXml(WriterRdfXmlSerializer<W>),
    JsonLd(JsonLdWriter<W>),
}

/// Maximum number of triples about shared nodes remembered per document. Past it, such
/// triples are written again with each dataset, which repeats them but keeps the memory of
/// a feed bounded whatever the number of publishers and places.
const MAX_DESCRIBED_TRIPLES: usize = 20_000;

/// A feed being written. Call [`FeedWriter::finish`] at the end: the document is not
/// complete before.
pub struct FeedWriter<W: Write> {
    serializer: Serializer<W>,
    catalog: Option<String>,
    /// Triples about shared nodes (publishers, licences, frequencies, themes, places, formats)
    /// already written, so each is written once per document.
    described: HashSet<Triple>,
}

impl From<InvalidIri> for io::Error {
    fn from(error: InvalidIri) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("invalid IRI in DCAT export: {:?}", error.iri),
        )
    }
}

impl<W: Write> FeedWriter<W> {
    /// Starts a document; with `catalog`, writes the catalogue node and its page first.
    pub fn start(
        format: Format,
        writer: W,
        catalog: Option<&Catalog>,
        page: Option<&Page>,
    ) -> io::Result<FeedWriter<W>> {
        let serializer = match format {
            Format::Turtle => {
                let mut serializer = TurtleSerializer::new();
                for (prefix, namespace) in PREFIXES {
                    serializer = serializer
                        .with_prefix(*prefix, *namespace)
                        .map_err(io::Error::other)?;
                }
                Serializer::Turtle(serializer.for_writer(writer))
            }
            Format::RdfXml => {
                let mut serializer = RdfXmlSerializer::new();
                for (prefix, namespace) in PREFIXES {
                    serializer = serializer
                        .with_prefix(*prefix, *namespace)
                        .map_err(io::Error::other)?;
                }
                Serializer::RdfXml(serializer.for_writer(writer))
            }
            Format::JsonLd => Serializer::JsonLd(JsonLdWriter::start(writer)?),
        };
        let mut feed = FeedWriter {
            serializer,
            catalog: catalog.map(|catalog| catalog.iri.clone()),
            described: HashSet::new(),
        };
        if let Some(catalog) = catalog {
            let triples = graph::catalog_triples(catalog, page)?;
            feed.write_triples(triples)?;
        }
        Ok(feed)
    }

    /// Writes one dataset with its distributions, linked from the catalogue if there is
    /// one. Distributions whose URLs are not valid IRIs are left out.
    pub fn write_dataset(&mut self, dataset: &Dataset) -> io::Result<()> {
        let triples = graph::dataset_triples(dataset, self.catalog.as_deref())?;
        self.write_triples(triples)
    }

    /// Returns whether a triple about a shared node was already written in this document,
    /// and remembers it otherwise.
    fn already_described(&mut self, triple: &Triple, shared: &[NamedNode]) -> bool {
        let NamedOrBlankNode::NamedNode(subject) = &triple.subject else {
            return false;
        };
        if !shared.contains(subject) {
            return false;
        }
        if self.described.contains(triple) {
            return true;
        }
        if self.described.len() < MAX_DESCRIBED_TRIPLES {
            self.described.insert(triple.clone());
        }
        false
    }

    fn write_triples(&mut self, mut triples: graph::Triples) -> io::Result<()> {
        let shared = std::mem::take(&mut triples.shared);
        for triple in &triples.grouped() {
            if self.already_described(triple, &shared) {
                continue;
            }
            match &mut self.serializer {
                Serializer::Turtle(serializer) => serializer.serialize_triple(triple)?,
                Serializer::RdfXml(serializer) => serializer.serialize_triple(triple)?,
                Serializer::JsonLd(serializer) => serializer.write_triple(triple)?,
            }
        }
        Ok(())
    }

    /// Closes the document and returns the writer.
    pub fn finish(self) -> io::Result<W> {
        match self.serializer {
            Serializer::Turtle(serializer) => serializer.finish(),
            Serializer::RdfXml(serializer) => serializer.finish(),
            Serializer::JsonLd(serializer) => serializer.finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_picks_highest_quality() {
        assert_eq!(Format::from_accept("text/turtle"), Some(Format::Turtle));
        assert_eq!(
            Format::from_accept("application/rdf+xml;q=0.9, application/ld+json"),
            Some(Format::JsonLd)
        );
        assert_eq!(
            Format::from_accept("text/html, application/rdf+xml;q=0.5"),
            Some(Format::RdfXml)
        );
        assert_eq!(Format::from_accept("*/*"), Some(Format::Turtle));
        assert_eq!(Format::from_accept("text/html"), None);
        assert_eq!(Format::from_accept("text/turtle;q=0"), None);
    }

    #[test]
    fn extensions_round_trip() {
        for format in Format::ALL {
            assert_eq!(Format::from_extension(format.extension()), Some(format));
        }
        assert_eq!(Format::from_extension("json"), None);
    }
}
