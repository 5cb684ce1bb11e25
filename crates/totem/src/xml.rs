//! Hardened streaming XML reading, shared by the budget document and plan de compte parsers.
//!
//! The input is decoded to UTF-8 from the encoding its XML declaration names (ISO-8859-1 and
//! UTF-8 in practice, any label that `encoding_rs` recognizes), then read event by event.
//! Following the WHATWG Encoding Standard, `encoding_rs` reads ISO-8859-1 as windows-1252,
//! which differs only on bytes 0x80 to 0x9F (typographic signs in place of control codes).
//!
//! A document type declaration is rejected before anything in it is read, so no entity is
//! ever declared, expanded or fetched. References to entities other than the five predefined
//! ones and character references are rejected too. Memory stays bounded because one XML token
//! may not exceed [`Limits::max_token_bytes`] and elements may not nest deeper than
//! [`Limits::max_depth`]. Handlers receive element starts and ends only. Text content is
//! ignored because TOTEM carries its values in attributes.

use std::borrow::Cow;
use std::io::{self, BufRead, Chain, Cursor, Read};

use quick_xml::NsReader;
use quick_xml::escape::EscapeError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use crate::decode::Decoding;
use crate::error::TotemError;

/// Namespace of the budget document elements.
pub(crate) const BUDGET_NS: &str = "http://www.minefi.gouv.fr/cp/demat/docbudgetaire";

/// Bytes read ahead to find the XML declaration and its encoding.
const DECLARATION_PEEK: usize = 1024;

/// Bounds on the resources one document may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Maximum length of one XML token (tag with its attributes, text run, comment) in bytes.
    pub max_token_bytes: usize,
    /// Deepest element nesting.
    pub max_depth: usize,
}

impl Default for Limits {
    /// Defaults far above what real files contain: in the reference samples and plans de
    /// comptes, tags and comments stay under 1 KiB and nesting under 13 levels.
    fn default() -> Self {
        Limits {
            max_token_bytes: 1 << 20,
            max_depth: 64,
        }
    }
}

/// Namespace of an element, reduced to the cases the parsers tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Namespace {
    Budget,
    Unbound,
    Other,
}

/// An element start handed to a [`Handler`].
pub(crate) struct Element<'a> {
    pub namespace: Namespace,
    pub local: &'a str,
    pub start: &'a BytesStart<'a>,
    /// 1 for the root element.
    pub depth: usize,
    pub line: u64,
}

impl Element<'_> {
    /// Returns the unescaped value of an unprefixed attribute, `None` when absent. The value
    /// borrows from the event buffer unless unescaping changed it.
    pub fn attribute(&self, name: &str) -> Result<Option<Cow<'_, str>>, TotemError> {
        for attribute in self.start.attributes().with_checks(false) {
            let attribute = attribute.map_err(|error| self.malformed(error.to_string()))?;
            if attribute.key.as_ref() != name {
                continue;
            }
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|error| self.escape_error(error))?;
            return Ok(Some(value));
        }
        Ok(None)
    }

    /// Returns the unescaped value of an unprefixed attribute as an owned string.
    pub fn attribute_owned(&self, name: &str) -> Result<Option<String>, TotemError> {
        Ok(self.attribute(name)?.map(Cow::into_owned))
    }

    fn malformed(&self, detail: String) -> TotemError {
        TotemError::Malformed {
            element: self.local.to_owned(),
            line: self.line,
            detail,
        }
    }

    fn escape_error(&self, error: quick_xml::Error) -> TotemError {
        match error {
            quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(_, name)) => {
                TotemError::UndefinedEntity {
                    name,
                    element: self.local.to_owned(),
                    line: self.line,
                }
            }
            other => self.malformed(other.to_string()),
        }
    }
}

/// Receives the elements of a document in order.
pub(crate) trait Handler {
    fn open(&mut self, element: &Element<'_>) -> Result<(), TotemError>;
    fn close(
        &mut self,
        namespace: Namespace,
        local: &str,
        depth: usize,
        line: u64,
    ) -> Result<(), TotemError>;
}

/// Counts lines and bytes consumed by the XML reader, and stops a token growing past the limit.
struct Counting<R> {
    inner: R,
    newlines: u64,
    token_bytes: usize,
    max_token_bytes: usize,
    over_limit: bool,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let length = available.len().min(out.len());
        out[..length].copy_from_slice(&available[..length]);
        self.consume(length);
        Ok(length)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.token_bytes > self.max_token_bytes {
            self.over_limit = true;
            return Err(io::Error::other("XML token too large"));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buffer) = self.inner.fill_buf() {
            let consumed = &buffer[..amount.min(buffer.len())];
            self.newlines += memchr::memchr_iter(b'\n', consumed).count() as u64;
        }
        self.token_bytes = self.token_bytes.saturating_add(amount);
        self.inner.consume(amount);
    }
}

/// The raw input behind the bytes read ahead for the XML declaration.
type Source<R> = Decoding<Chain<Cursor<Vec<u8>>, R>>;
type Input<R> = Counting<Source<R>>;

/// Reads a whole document, calling the handler for every element.
pub(crate) fn walk<R: BufRead, H: Handler>(
    input: R,
    handler: &mut H,
    limits: Limits,
) -> Result<(), TotemError> {
    let (decoding, encoding_name) = open(input)?;
    let counting = Counting {
        inner: decoding,
        newlines: 0,
        token_bytes: 0,
        max_token_bytes: limits.max_token_bytes,
        over_limit: false,
    };
    let mut reader = NsReader::from_reader(counting);
    let mut walker = Walker {
        limits,
        encoding_name,
        open: Vec::new(),
        depth: 0,
    };
    walker.run(&mut reader, handler)
}

/// Finds the declared encoding and wraps the input in a decoder to UTF-8.
fn open<R: BufRead>(mut input: R) -> Result<(Source<R>, String), TotemError> {
    let mut prefix = Vec::with_capacity(DECLARATION_PEEK);
    while prefix.len() < DECLARATION_PEEK {
        let chunk = input.fill_buf().map_err(|error| TotemError::Read {
            line: 1,
            detail: error.to_string(),
        })?;
        if chunk.is_empty() {
            break;
        }
        let take = chunk.len().min(DECLARATION_PEEK - prefix.len());
        prefix.extend_from_slice(&chunk[..take]);
        input.consume(take);
        if memchr::memmem::find(&prefix, b"?>").is_some() {
            break;
        }
    }
    let encoding = declared_encoding(&prefix)?;
    let decoding = Decoding::new(Cursor::new(prefix).chain(input), encoding);
    Ok((decoding, encoding.name().to_owned()))
}

/// Returns the encoding named by the XML declaration, UTF-8 when there is none.
fn declared_encoding(prefix: &[u8]) -> Result<&'static encoding_rs::Encoding, TotemError> {
    // A byte order mark decides the encoding, and a document without declaration is UTF-8.
    if !prefix.starts_with(b"<?xml") {
        return Ok(encoding_rs::UTF_8);
    }
    let body = prefix;
    let end = memchr::memmem::find(body, b"?>").unwrap_or(body.len());
    let declaration = &body[..end];
    let Some(position) = memchr::memmem::find(declaration, b"encoding") else {
        return Ok(encoding_rs::UTF_8);
    };
    let rest = &declaration[position + b"encoding".len()..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")
        .unwrap_or(rest)
        .trim_ascii_start();
    let Some((&quote, value)) = rest.split_first() else {
        return Ok(encoding_rs::UTF_8);
    };
    let label = match value.iter().position(|&byte| byte == quote) {
        Some(close) if quote == b'"' || quote == b'\'' => &value[..close],
        _ => return Ok(encoding_rs::UTF_8),
    };
    match encoding_rs::Encoding::for_label(label) {
        // A UTF-16 label on an ASCII-compatible byte stream is contradictory: the bytes win.
        Some(encoding)
            if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE =>
        {
            Ok(encoding_rs::UTF_8)
        }
        Some(encoding) => Ok(encoding),
        None => Err(TotemError::UnsupportedEncoding {
            label: String::from_utf8_lossy(label).into_owned(),
        }),
    }
}

struct Walker {
    limits: Limits,
    encoding_name: String,
    /// Names and lines of the open elements; entries beyond `depth` are spare buffers.
    open: Vec<(String, u64)>,
    depth: usize,
}

impl Walker {
    fn run<R: BufRead, H: Handler>(
        &mut self,
        reader: &mut NsReader<Input<R>>,
        handler: &mut H,
    ) -> Result<(), TotemError> {
        let mut buffer = Vec::new();
        loop {
            buffer.clear();
            let line = reader.get_mut().newlines + 1;
            reader.get_mut().token_bytes = 0;
            let (namespace, event) = match reader.read_resolved_event_into(&mut buffer) {
                Ok((resolved, event)) => (classify(&resolved), event),
                Err(error) => return Err(self.read_error(error, reader.get_mut())),
            };
            match event {
                Event::Start(start) => {
                    self.enter(&start, namespace, line, handler)?;
                }
                Event::Empty(start) => {
                    self.enter(&start, namespace, line, handler)?;
                    let local = start.local_name();
                    handler.close(namespace, local.as_ref(), self.depth, line)?;
                    self.depth -= 1;
                }
                Event::End(end) => {
                    let local = end.local_name();
                    handler.close(namespace, local.as_ref(), self.depth, line)?;
                    self.depth = self.depth.saturating_sub(1);
                }
                // Rejected before its content is looked at further: nothing is declared,
                // expanded or fetched, whether the DTD is internal or external.
                Event::DocType(doctype) if doctype.contains("<!ENTITY") => {
                    return Err(TotemError::EntityDeclaration { line });
                }
                Event::DocType(_) => return Err(TotemError::Doctype { line }),
                Event::GeneralRef(reference) => self.check_reference(&reference, line)?,
                Event::Eof => return self.finish(),
                Event::Decl(_)
                | Event::Text(_)
                | Event::CData(_)
                | Event::Comment(_)
                | Event::PI(_) => {}
            }
        }
    }

    fn enter<H: Handler>(
        &mut self,
        start: &BytesStart<'_>,
        namespace: Namespace,
        line: u64,
        handler: &mut H,
    ) -> Result<(), TotemError> {
        let local_name = start.local_name();
        let local = local_name.as_ref();
        if self.depth >= self.limits.max_depth {
            return Err(TotemError::TooDeep {
                element: local.to_owned(),
                line,
                limit: self.limits.max_depth,
            });
        }
        match self.open.get_mut(self.depth) {
            Some(slot) => {
                slot.0.clear();
                slot.0.push_str(local);
                slot.1 = line;
            }
            None => self.open.push((local.to_owned(), line)),
        }
        self.depth += 1;
        handler.open(&Element {
            namespace,
            local,
            start,
            depth: self.depth,
            line,
        })
    }

    fn check_reference(
        &self,
        reference: &quick_xml::events::BytesRef<'_>,
        line: u64,
    ) -> Result<(), TotemError> {
        if reference.is_char_ref() {
            return match reference.resolve_char_ref() {
                Ok(Some(_)) => Ok(()),
                Ok(None) | Err(_) => Err(TotemError::Malformed {
                    element: self.current_element(),
                    line,
                    detail: format!("invalid character reference &{};", &**reference),
                }),
            };
        }
        match &**reference {
            "lt" | "gt" | "amp" | "apos" | "quot" => Ok(()),
            name => Err(TotemError::UndefinedEntity {
                name: name.to_owned(),
                element: self.current_element(),
                line,
            }),
        }
    }

    fn finish(&self) -> Result<(), TotemError> {
        match self
            .depth
            .checked_sub(1)
            .and_then(|index| self.open.get(index))
        {
            Some((element, line)) => Err(TotemError::Truncated {
                element: element.clone(),
                line: *line,
            }),
            None => Ok(()),
        }
    }

    fn current_element(&self) -> String {
        match self
            .depth
            .checked_sub(1)
            .and_then(|index| self.open.get(index))
        {
            Some((element, _)) => element.clone(),
            None => "(document)".to_owned(),
        }
    }

    fn read_error<R>(&self, error: quick_xml::Error, input: &Input<R>) -> TotemError {
        let element = self.current_element();
        let line = input.newlines + 1;
        match error {
            quick_xml::Error::Io(_) if input.over_limit => TotemError::TokenTooLarge {
                element,
                line,
                limit: self.limits.max_token_bytes,
            },
            quick_xml::Error::Io(_) | quick_xml::Error::Encoding(_) if input.inner.invalid => {
                TotemError::Encoding {
                    encoding: self.encoding_name.clone(),
                    line,
                }
            }
            quick_xml::Error::Io(io_error) => TotemError::Read {
                line,
                detail: io_error.to_string(),
            },
            quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(_, name)) => {
                TotemError::UndefinedEntity {
                    name,
                    element,
                    line,
                }
            }
            other => TotemError::Malformed {
                element,
                line,
                detail: other.to_string(),
            },
        }
    }
}

fn classify(resolved: &ResolveResult<'_>) -> Namespace {
    match resolved {
        ResolveResult::Bound(namespace) if namespace.0 == BUDGET_NS => Namespace::Budget,
        ResolveResult::Bound(_) | ResolveResult::Unknown(_) => Namespace::Other,
        ResolveResult::Unbound => Namespace::Unbound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declaration_encoding_latin1() {
        let encoding = declared_encoding(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>")
            .expect("known");
        assert_eq!(encoding, encoding_rs::WINDOWS_1252);
    }

    #[test]
    fn declaration_without_encoding_is_utf8() {
        assert_eq!(
            declared_encoding(b"<?xml version='1.0'?><a/>").expect("known"),
            encoding_rs::UTF_8
        );
        assert_eq!(
            declared_encoding(b"<a/>").expect("known"),
            encoding_rs::UTF_8
        );
    }

    #[test]
    fn declaration_unknown_encoding_rejected() {
        let error =
            declared_encoding(b"<?xml version='1.0' encoding='klingon'?>").expect_err("unknown");
        assert_eq!(
            error,
            TotemError::UnsupportedEncoding {
                label: "klingon".to_owned()
            }
        );
    }
}
