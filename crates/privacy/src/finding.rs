//! Detected spans and located findings: what kind of personal data, how sure, where.
//!
//! A [`Span`] is a detection inside one text; a [`Finding`] places it in a table (row and
//! column) with a masked excerpt. Neither carries a sentence: reports render them from the
//! message catalogue with [`Finding::message_id`] and [`Finding::args`]. The original text
//! of a span is never stored in a finding, only its offsets and the masked excerpt.

use serde::{Deserialize, Serialize};

/// The kind of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Person,
    Address,
    Email,
    Phone,
    Nir,
    Iban,
    Rib,
    BirthDate,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Person,
        Kind::Address,
        Kind::Email,
        Kind::Phone,
        Kind::Nir,
        Kind::Iban,
        Kind::Rib,
        Kind::BirthDate,
    ];

    /// Returns the stable code used in JSON reports, policies and the message catalogue.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Address => "address",
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::Nir => "nir",
            Kind::Iban => "iban",
            Kind::Rib => "rib",
            Kind::BirthDate => "birth_date",
        }
    }

    /// Returns the message id of the kind's label, such as `privacy-kind-person`.
    pub fn message_id(self) -> &'static str {
        match self {
            Kind::Person => "privacy-kind-person",
            Kind::Address => "privacy-kind-address",
            Kind::Email => "privacy-kind-email",
            Kind::Phone => "privacy-kind-phone",
            Kind::Nir => "privacy-kind-nir",
            Kind::Iban => "privacy-kind-iban",
            Kind::Rib => "privacy-kind-rib",
            Kind::BirthDate => "privacy-kind-birth-date",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// Whose data it is, which decides whether it must be redacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// A private individual: seller, buyer, beneficiary, party to a dispute, heir.
    Private,
    /// A staff member named in an individual decision (recruitment, sanction).
    Agent,
    /// An elected official or public authority acting in office. Not reported by default.
    Official,
    /// A natural person acting as a sole trader (entreprise individuelle).
    SoleTrader,
    /// The context does not show whose data it is.
    Unknown,
}

impl Category {
    pub fn code(self) -> &'static str {
        match self {
            Category::Private => "private",
            Category::Agent => "agent",
            Category::Official => "official",
            Category::SoleTrader => "sole_trader",
            Category::Unknown => "unknown",
        }
    }
}

/// Confidence level of a detection. High findings about anyone but officials block
/// publication until an editor confirms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    /// Maps a rule score (0 to 100) to a confidence level.
    pub fn from_score(score: u8) -> Confidence {
        match score {
            80.. => Confidence::High,
            50..=79 => Confidence::Medium,
            _ => Confidence::Low,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// One detection inside a text, with byte offsets into that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub category: Category,
    /// Rule score from 0 to 100; see [`Confidence::from_score`].
    pub score: u8,
    /// Id of the rule that fired, such as `person.civility` or `iban.checksum`.
    pub rule: &'static str,
}

impl Span {
    pub fn confidence(&self) -> Confidence {
        Confidence::from_score(self.score)
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A detection placed in a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Record number as the validator counts it: header = 1, first data record = 2.
    /// `None` for a text scanned outside a table.
    pub row: Option<u64>,
    /// 1-based position of the column, `None` outside a table.
    pub field_number: Option<usize>,
    pub column: Option<String>,
    pub kind: Kind,
    pub category: Category,
    pub confidence: Confidence,
    pub score: u8,
    pub rule: &'static str,
    /// Byte offsets of the span in the cell.
    pub start: usize,
    pub end: usize,
    /// The cell text around the span, with every detected span of the cell masked.
    pub excerpt: String,
}

impl Finding {
    /// Returns the message id of the finding's report line.
    pub fn message_id(&self) -> &'static str {
        "privacy-finding"
    }

    /// Returns the named arguments of the report line. `kind` and `category` are codes;
    /// renderers turn them into labels with `privacy-kind-*` and `privacy-category-*`.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        let mut args = vec![
            ("kind", self.kind.code().to_owned()),
            ("category", self.category.code().to_owned()),
            ("confidence", self.confidence.code().to_owned()),
            ("excerpt", self.excerpt.clone()),
        ];
        if let Some(row) = self.row {
            args.push(("row", row.to_string()));
        }
        // A field beyond the header has no name: its position stands in for it.
        match (&self.column, self.field_number) {
            (Some(column), _) => args.push(("column", column.clone())),
            (None, Some(number)) => args.push(("column", number.to_string())),
            (None, None) => {}
        }
        args
    }
}

const EXCERPT_CONTEXT_CHARS: usize = 40;

/// Builds a masked excerpt of `text` around `focus`, cut to about 40 characters on each
/// side of the focus span. Every span in `spans` is masked: the first character of each
/// word stays and other letters and digits become `•`. `spans` must be sorted by start
/// and disjoint, as scans return them.
pub fn masked_excerpt(text: &str, spans: &[Span], focus: &Span) -> String {
    let mut out = String::with_capacity(
        focus.end.saturating_sub(focus.start) + 2 * EXCERPT_CONTEXT_CHARS + 8,
    );
    let window_start = floor_char_boundary_back(text, focus.start, EXCERPT_CONTEXT_CHARS);
    let window_end = ceil_char_boundary_forward(text, focus.end, EXCERPT_CONTEXT_CHARS);
    if window_start > 0 {
        out.push('…');
    }
    let mut previous_alnum = false;
    for (offset, c) in text
        .get(window_start..window_end)
        .unwrap_or("")
        .char_indices()
    {
        let position = window_start + offset;
        // Spans are sorted and disjoint, so the only candidate is the last one starting
        // at or before the position.
        let candidate = spans.partition_point(|span| span.start <= position);
        let masked = candidate
            .checked_sub(1)
            .and_then(|index| spans.get(index))
            .is_some_and(|span| position < span.end);
        let alnum = c.is_alphanumeric();
        if masked && alnum && previous_alnum {
            out.push('•');
        } else {
            out.push(c);
        }
        previous_alnum = alnum;
    }
    if window_end < text.len() {
        out.push('…');
    }
    out
}

fn floor_char_boundary_back(text: &str, from: usize, chars: usize) -> usize {
    let head = text.get(..from.min(text.len())).unwrap_or("");
    head.char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(index, _)| index)
}

fn ceil_char_boundary_forward(text: &str, from: usize, chars: usize) -> usize {
    let tail = text.get(from.min(text.len())..).unwrap_or("");
    from + tail
        .char_indices()
        .nth(chars)
        .map_or(tail.len(), |(index, _)| index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            kind: Kind::Person,
            category: Category::Private,
            score: 90,
            rule: "test",
        }
    }

    #[test]
    fn excerpt_masks_all_spans_in_window() {
        let text = "Cession à M. Jean MARTIN et Mme Anne DURAND";
        let first_start = text.find("Jean").expect("name in text");
        let second_start = text.find("Anne").expect("name in text");
        let first = span(first_start, first_start + "Jean MARTIN".len());
        let second = span(second_start, second_start + "Anne DURAND".len());
        let excerpt = masked_excerpt(text, &[first.clone(), second], &first);
        assert_eq!(excerpt, "Cession à M. J••• M••••• et Mme A••• D•••••");
    }

    #[test]
    fn excerpt_cuts_long_text_on_char_boundaries() {
        let text = format!("{}M. Émile Zébulon{}", "é".repeat(60), "à".repeat(60));
        let start = 120;
        let focus = span(start + 3, start + 18);
        let excerpt = masked_excerpt(&text, std::slice::from_ref(&focus), &focus);
        assert!(excerpt.starts_with('…'));
        assert!(excerpt.ends_with('…'));
        assert!(excerpt.contains("É•••• Z••••••"));
        assert_eq!(excerpt.chars().count(), 2 + 40 + 13 + 40);
    }

    #[test]
    fn confidence_levels_from_score() {
        assert_eq!(Confidence::from_score(95), Confidence::High);
        assert_eq!(Confidence::from_score(60), Confidence::Medium);
        assert_eq!(Confidence::from_score(10), Confidence::Low);
    }
}
