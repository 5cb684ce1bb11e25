//! Replacement of detected spans by a placeholder or a stable pseudonym, and the record
//! of what was redacted.
//!
//! Placeholders are French because they end up in the published file (`[nom masqué]`).
//! A pseudonym is a keyed hash (HMAC-SHA-256) of the folded span text, so the same person
//! gets the same pseudonym in every row and every file redacted with the same key, while
//! a guessed name cannot be tested against it without the key. The record never contains
//! the original text, only positions, rules and replacements.

use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use sha2::Sha256;

use crate::finding::{Category, Confidence, Kind, Span};
use crate::lexicon::fold_into;
use crate::policy::Policy;

/// Replacement applied to each detected span.
#[derive(Clone)]
pub enum Replacement {
    /// A fixed French placeholder per kind: `[nom masqué]`, `[adresse masquée]`.
    Placeholder,
    /// A per-platform secret key; equal spans get equal pseudonyms such as `[personne 3FA1C2D4]`.
    Pseudonym { key: Vec<u8> },
}

impl std::fmt::Debug for Replacement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key is a secret: never print it.
        match self {
            Replacement::Placeholder => f.write_str("Placeholder"),
            Replacement::Pseudonym { .. } => f.write_str("Pseudonym { key: <redacted> }"),
        }
    }
}

impl Replacement {
    pub fn code(&self) -> &'static str {
        match self {
            Replacement::Placeholder => "placeholder",
            Replacement::Pseudonym { .. } => "pseudonym",
        }
    }

    /// Returns the text that replaces `original`, a span of kind `kind`.
    pub fn replace(&self, kind: Kind, original: &str) -> String {
        match self {
            Replacement::Placeholder => placeholder(kind).to_owned(),
            Replacement::Pseudonym { key } => pseudonym(key, kind, original),
        }
    }
}

/// Returns the French placeholder of a kind.
pub fn placeholder(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "[nom masqué]",
        Kind::Address => "[adresse masquée]",
        Kind::Email => "[courriel masqué]",
        Kind::Phone => "[téléphone masqué]",
        Kind::Nir => "[NIR masqué]",
        Kind::Iban => "[IBAN masqué]",
        Kind::Rib => "[RIB masqué]",
        Kind::BirthDate => "[date de naissance masquée]",
    }
}

fn pseudonym_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "personne",
        Kind::Address => "adresse",
        Kind::Email => "courriel",
        Kind::Phone => "téléphone",
        Kind::Nir => "NIR",
        Kind::Iban => "IBAN",
        Kind::Rib => "RIB",
        Kind::BirthDate => "date",
    }
}

fn pseudonym(key: &[u8], kind: Kind, original: &str) -> String {
    // Fold case and accents and collapse spaces, so `Jean MARTIN` and `jean  Martin` match.
    let mut normalised = String::with_capacity(original.len());
    let mut word = String::new();
    for part in original.split_whitespace() {
        fold_into(part, &mut word);
        if !normalised.is_empty() {
            normalised.push(' ');
        }
        normalised.push_str(&word);
    }

    let mut digest = String::with_capacity(8);
    // HMAC accepts keys of any length, so this cannot fail; an empty label is the fallback.
    if let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) {
        mac.update(kind.code().as_bytes());
        mac.update(&[0]);
        mac.update(normalised.as_bytes());
        let bytes = mac.finalize().into_bytes();
        for byte in bytes.iter().take(4) {
            digest.push_str(&format!("{byte:02X}"));
        }
    }
    format!("[{} {digest}]", pseudonym_label(kind))
}

/// Returns `text` with every span replaced; spans must not overlap.
pub fn redact_text(text: &str, spans: &[Span], replacement: &Replacement) -> String {
    let mut sorted: Vec<&Span> = spans.iter().collect();
    sorted.sort_by_key(|span| span.start);
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for span in sorted {
        let (Some(before), Some(original)) =
            (text.get(cursor..span.start), text.get(span.start..span.end))
        else {
            continue;
        };
        out.push_str(before);
        out.push_str(&replacement.replace(span.kind, original));
        cursor = span.end;
    }
    out.push_str(text.get(cursor..).unwrap_or(""));
    out
}

/// One replaced span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RedactionEntry {
    pub row: Option<u64>,
    pub field_number: Option<usize>,
    pub column: Option<String>,
    pub kind: Kind,
    pub category: Category,
    pub confidence: Confidence,
    pub rule: &'static str,
    /// Byte offsets of the span in the original cell.
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// Record of a redaction: the editor, the time, the policy and engine, and what was replaced.
#[derive(Debug, Clone, Serialize)]
pub struct RedactionRecord {
    /// Account or name of the editor, as the caller identifies them.
    pub actor: String,
    /// Time of the redaction, RFC 3339, supplied by the caller.
    pub at: String,
    pub engine_version: &'static str,
    pub policy: Policy,
    pub replacement: &'static str,
    pub entries: Vec<RedactionEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: Kind) -> Span {
        Span {
            start,
            end,
            kind,
            category: Category::Private,
            score: 90,
            rule: "test",
        }
    }

    #[test]
    fn placeholder_replaces_spans() {
        let text = "Vente à M. Jean MARTIN demeurant 3 rue des Lilas";
        let name = text.find("Jean").expect("name in text");
        let address = text.find('3').expect("address in text");
        let spans = [
            span(address, text.len(), Kind::Address),
            span(name, name + "Jean MARTIN".len(), Kind::Person),
        ];
        let out = redact_text(text, &spans, &Replacement::Placeholder);
        assert_eq!(out, "Vente à M. [nom masqué] demeurant [adresse masquée]");
    }

    #[test]
    fn pseudonym_is_stable_and_keyed() {
        let key_a = Replacement::Pseudonym {
            key: b"cle-plateforme-a".to_vec(),
        };
        let key_b = Replacement::Pseudonym {
            key: b"cle-plateforme-b".to_vec(),
        };
        let first = key_a.replace(Kind::Person, "Jean MARTIN");
        assert_eq!(first, key_a.replace(Kind::Person, "jean   Martin"));
        assert_ne!(first, key_a.replace(Kind::Person, "Jeanne MARTIN"));
        assert_ne!(first, key_b.replace(Kind::Person, "Jean MARTIN"));
        assert!(first.starts_with("[personne "));
        assert_eq!(first.len(), "[personne ]".len() + 8);
    }

    #[test]
    fn debug_hides_key() {
        let replacement = Replacement::Pseudonym {
            key: b"secret".to_vec(),
        };
        assert!(!format!("{replacement:?}").contains("secret"));
    }
}
