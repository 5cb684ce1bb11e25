//! A streaming JSON-LD writer: one `@graph` array of node objects, written as triples
//! arrive.
//!
//! The document is compacted with prefixes only: the `@context` maps the prefixes of
//! [`crate::vocab::PREFIXES`], property names and classes are written as compact IRIs
//! (`dct:title`), node references and data IRIs in full. Each run of triples with the same
//! subject becomes one node object. A subject that comes back later gets another node
//! object with the same `@id`, which JSON-LD merges. Only the current run is kept in memory.

use std::io::{self, Write};

use oxrdf::{NamedOrBlankNode, Term, Triple};

use crate::vocab::{PREFIXES, RDF, XSD};

pub(crate) struct JsonLdWriter<W: Write> {
    writer: W,
    nodes_written: u64,
    subject: Option<NamedOrBlankNode>,
    /// Predicates of the current run in order of first appearance, with their objects.
    properties: Vec<(String, Vec<Term>)>,
}

impl<W: Write> JsonLdWriter<W> {
    pub(crate) fn start(mut writer: W) -> io::Result<JsonLdWriter<W>> {
        writer.write_all(b"{\"@context\":{")?;
        for (index, (prefix, namespace)) in PREFIXES.iter().enumerate() {
            if index > 0 {
                writer.write_all(b",")?;
            }
            write_string(&mut writer, prefix)?;
            writer.write_all(b":")?;
            write_string(&mut writer, namespace)?;
        }
        writer.write_all(b"},\"@graph\":[")?;
        Ok(JsonLdWriter {
            writer,
            nodes_written: 0,
            subject: None,
            properties: Vec::new(),
        })
    }

    pub(crate) fn write_triple(&mut self, triple: &Triple) -> io::Result<()> {
        if self.subject.as_ref() != Some(&triple.subject) {
            self.flush_node()?;
            self.subject = Some(triple.subject.clone());
        }
        let predicate = triple.predicate.as_str();
        match self
            .properties
            .iter_mut()
            .find(|(name, _)| name == predicate)
        {
            Some((_, objects)) => objects.push(triple.object.clone()),
            None => self
                .properties
                .push((predicate.to_string(), vec![triple.object.clone()])),
        }
        Ok(())
    }

    pub(crate) fn finish(mut self) -> io::Result<W> {
        self.flush_node()?;
        self.writer.write_all(b"]}\n")?;
        Ok(self.writer)
    }

    fn flush_node(&mut self) -> io::Result<()> {
        let Some(subject) = self.subject.take() else {
            return Ok(());
        };
        let writer = &mut self.writer;
        if self.nodes_written > 0 {
            writer.write_all(b",\n")?;
        }
        self.nodes_written += 1;

        writer.write_all(b"{\"@id\":")?;
        write_string(writer, &node_id(&subject))?;
        for (predicate, objects) in self.properties.drain(..) {
            writer.write_all(b",")?;
            if predicate == format!("{RDF}type")
                && objects.iter().all(|o| matches!(o, Term::NamedNode(_)))
            {
                writer.write_all(b"\"@type\":[")?;
                for (index, object) in objects.iter().enumerate() {
                    if index > 0 {
                        writer.write_all(b",")?;
                    }
                    if let Term::NamedNode(class) = object {
                        write_string(writer, &compact(class.as_str()))?;
                    }
                }
                writer.write_all(b"]")?;
                continue;
            }
            write_string(writer, &compact(&predicate))?;
            writer.write_all(b":[")?;
            for (index, object) in objects.iter().enumerate() {
                if index > 0 {
                    writer.write_all(b",")?;
                }
                write_value(writer, object)?;
            }
            writer.write_all(b"]")?;
        }
        writer.write_all(b"}")?;
        Ok(())
    }
}

fn node_id(node: &NamedOrBlankNode) -> String {
    match node {
        NamedOrBlankNode::NamedNode(node) => node.as_str().to_string(),
        NamedOrBlankNode::BlankNode(node) => format!("_:{}", node.as_str()),
    }
}

fn write_value(writer: &mut impl Write, object: &Term) -> io::Result<()> {
    match object {
        Term::NamedNode(node) => {
            writer.write_all(b"{\"@id\":")?;
            write_string(writer, node.as_str())?;
            writer.write_all(b"}")
        }
        Term::BlankNode(node) => {
            writer.write_all(b"{\"@id\":")?;
            write_string(writer, &format!("_:{}", node.as_str()))?;
            writer.write_all(b"}")
        }
        Term::Literal(literal) => {
            writer.write_all(b"{\"@value\":")?;
            write_string(writer, literal.value())?;
            if let Some(language) = literal.language() {
                writer.write_all(b",\"@language\":")?;
                write_string(writer, language)?;
            } else if literal.datatype().as_str() != format!("{XSD}string") {
                writer.write_all(b",\"@type\":")?;
                write_string(writer, &compact(literal.datatype().as_str()))?;
            }
            writer.write_all(b"}")
        }
        #[allow(unreachable_patterns)]
        _ => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "JSON-LD writer: quoted triples are not supported",
        )),
    }
}

/// Writes an IRI as `prefix:local` when a declared namespace covers it and the local part
/// is a plain name, so the compact form expands back to the same IRI.
fn compact(iri: &str) -> String {
    for (prefix, namespace) in PREFIXES {
        if let Some(local) = iri.strip_prefix(namespace)
            && !local.is_empty()
            && local
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return format!("{prefix}:{local}");
        }
    }
    iri.to_string()
}

fn write_string(writer: &mut impl Write, text: &str) -> io::Result<()> {
    serde_json::to_writer(&mut *writer, text).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_only_plain_local_names() {
        assert_eq!(compact("http://purl.org/dc/terms/title"), "dct:title");
        assert_eq!(
            compact("http://purl.org/dc/terms/a/b"),
            "http://purl.org/dc/terms/a/b"
        );
        assert_eq!(
            compact("http://purl.org/dc/terms/"),
            "http://purl.org/dc/terms/"
        );
        assert_eq!(compact("https://example.org/x"), "https://example.org/x");
    }
}
