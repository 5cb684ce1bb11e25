//! The compiled scanner: runs the detectors that a column mode selects over one text and
//! resolves overlapping detections.
//!
//! Cheap byte checks come first: e-mail patterns run only on texts with an `@`, and the
//! identifier, phone and date detectors only on texts with a digit. The token-based rules
//! (names, addresses) run on every free-text cell. Table-level work (rows, columns,
//! excerpts, reports) lives in [`crate::table`].

use memchr::memchr;

use crate::address::{find_addresses, find_birth_dates};
use crate::analysis::Analysis;
use crate::columns::{
    NameCell, RowContext, scan_address_column_cell, scan_birth_date_column_cell,
    scan_name_column_cell, scan_national_id_column_cell,
};
use crate::contact::ContactPatterns;
use crate::finding::{Category, Span};
use crate::ident::IdentPatterns;
use crate::lexicon::{self, class};
use crate::names::find_persons;
use crate::policy::{ColumnMode, Policy};
use crate::token::Shape;

/// A scan could not start. Data problems are never errors: they are findings.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("built-in pattern failed to compile: {0}")]
    Pattern(#[from] regex::Error),
}

/// Minimum number of digits in a French phone number (`0612345678`). Texts with fewer
/// digits skip the phone pattern.
const MIN_PHONE_DIGITS: usize = 10;
/// Minimum number of digits in a NIR, RIB or supported IBAN (a Dutch IBAN has 12). Texts
/// with fewer digits skip those patterns.
const MIN_IDENTIFIER_DIGITS: usize = 12;

/// Reusable buffers for scanning many texts on one thread without reallocating.
#[derive(Default)]
pub struct Workspace {
    analysis: Analysis,
    spans: Vec<Span>,
    persons: Vec<Span>,
    /// Whether the last name-column cell scanned named an organisation.
    pub(crate) organisation_cell: bool,
    /// Spans of each cell of the record being scanned, reused across records.
    pub(crate) cell_spans: Vec<Vec<Span>>,
}

/// Detectors compiled for one policy.
pub struct Scanner {
    policy: Policy,
    ident: IdentPatterns,
    contact: ContactPatterns,
}

impl Scanner {
    pub fn new(policy: Policy) -> Result<Scanner, ScanError> {
        lexicon::preload();
        Ok(Scanner {
            policy,
            ident: IdentPatterns::new()?,
            contact: ContactPatterns::new()?,
        })
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Scans a free-text value (all detectors) and returns the spans the policy reports,
    /// sorted by start offset.
    pub fn scan_text(&self, text: &str) -> Vec<Span> {
        let mut workspace = Workspace::default();
        let mut spans = Vec::new();
        self.scan_cell(text, ColumnMode::FreeText, &mut workspace, &mut spans);
        spans
    }

    /// Scans one cell in the given mode and replaces the content of `out` with the spans
    /// the policy reports, sorted by start offset and without overlaps.
    pub fn scan_cell(
        &self,
        text: &str,
        mode: ColumnMode,
        workspace: &mut Workspace,
        out: &mut Vec<Span>,
    ) {
        self.scan_cell_in_row(text, mode, &RowContext::default(), workspace, out);
    }

    /// Scans one cell like [`Scanner::scan_cell`], with the context that the other cells
    /// of its record give about the party (a SIRET, an organisation, a private person).
    pub(crate) fn scan_cell_in_row(
        &self,
        text: &str,
        mode: ColumnMode,
        row: &RowContext,
        workspace: &mut Workspace,
        out: &mut Vec<Span>,
    ) {
        out.clear();
        workspace.organisation_cell = false;
        let spans = &mut workspace.spans;
        spans.clear();
        if mode == ColumnMode::Skip || text.trim().is_empty() {
            return;
        }

        let digits = text.bytes().filter(u8::is_ascii_digit).count();
        let has_digit = digits > 0;
        if memchr(b'@', text.as_bytes()).is_some() {
            self.contact.scan_emails(text, spans);
        }
        if digits >= MIN_PHONE_DIGITS {
            self.contact.scan_phones(text, spans);
        }
        if digits >= MIN_IDENTIFIER_DIGITS {
            self.ident.scan(text, spans);
        }
        demote_phones_after_functional_email(spans);

        let analysis = &mut workspace.analysis;
        let mut free_text = mode == ColumnMode::FreeText;
        match mode {
            ColumnMode::FreeText | ColumnMode::Identifiers | ColumnMode::Skip => {}
            ColumnMode::PersonName => {
                analysis.prepare(text);
                scan_name_cell(analysis, text, spans);
                if row.company_id {
                    limit_to_sole_trader(spans);
                }
                workspace.organisation_cell = spans.is_empty()
                    && (0..analysis.len()).any(|index| analysis.has_class(index, class::ORG));
            }
            ColumnMode::PersonalName => {
                analysis.prepare(text);
                match scan_name_column_cell(analysis, text, row, spans) {
                    NameCell::Organisation => workspace.organisation_cell = true,
                    NameCell::Person => {}
                    NameCell::FreeText => free_text = true,
                }
            }
            ColumnMode::PostalAddress => {
                analysis.prepare(text);
                scan_address_column_cell(analysis, text, row, spans);
            }
            ColumnMode::BirthDate => {
                analysis.prepare(text);
                scan_birth_date_column_cell(analysis, text, spans);
            }
            ColumnMode::NationalId => scan_national_id_column_cell(text, spans),
        }
        if free_text {
            analysis.prepare(text);
            // Personal contact details or bank identifiers mark an act about a person.
            analysis.private_cue |= spans.iter().any(|span| span.score >= 50);
            let persons = &mut workspace.persons;
            persons.clear();
            find_persons(analysis, text, persons);
            find_addresses(analysis, text, persons, spans);
            spans.append(persons);
            if has_digit {
                find_birth_dates(analysis, text, spans);
            }
        }

        let min_score = self.policy.min_score();
        let report_officials = self.policy.report_officials;
        spans.retain(|span| {
            span.score >= min_score && (report_officials || span.category != Category::Official)
        });
        resolve_overlaps(spans, out);
    }
}

/// Most bytes between a functional e-mail address and a phone number of the same service.
const SERVICE_CONTACT_GAP: usize = 40;

/// Lowers phone numbers that follow a functional e-mail address closely, as in
/// `marches@ville.fr, 04 67 00 00 00`: both are the service's contact details.
fn demote_phones_after_functional_email(spans: &mut [Span]) {
    let functional_email_ends: Vec<usize> = spans
        .iter()
        .filter(|span| span.kind == crate::finding::Kind::Email && span.score < 50)
        .map(|span| span.end)
        .collect();
    for span in spans
        .iter_mut()
        .filter(|span| span.kind == crate::finding::Kind::Phone)
    {
        let near = functional_email_ends
            .iter()
            .any(|&end| end <= span.start && span.start - end <= SERVICE_CONTACT_GAP);
        if near {
            span.score = span.score.min(45);
            span.category = Category::Unknown;
            span.rule = "phone.functional";
        }
    }
}

/// Keeps the strongest of overlapping spans, then sorts by start.
///
/// One sweep in start order: a span that overlaps the last kept one replaces it when it
/// scores higher. A replacement starts at or after the span it replaces, so it cannot
/// overlap the spans kept before, and the output stays disjoint.
fn resolve_overlaps(spans: &mut [Span], out: &mut Vec<Span>) {
    spans.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.score.cmp(&a.score))
            .then(b.end.cmp(&a.end))
    });
    for span in spans.iter() {
        match out.last_mut() {
            Some(last) if last.overlaps(span) => {
                if span.score > last.score {
                    *last = span.clone();
                }
            }
            _ => out.push(span.clone()),
        }
    }
}

/// Scans a cell that names one party (a beneficiary, a contract holder). The party is a
/// natural person when the cell reads as a name with a known first name and no
/// organisation word, or when it has a civilité or a sole-trader marker.
///
/// The caller lowers the result when the record has a SIRET ([`limit_to_sole_trader`]).
///
/// NOTE: the catégorie juridique column is not consulted, so a company without a SIRET
/// whose name is only a person's name (`Jean Martin`) is reported as a person.
fn scan_name_cell(a: &Analysis, text: &str, out: &mut Vec<Span>) {
    let sole_trader = (0..a.len()).any(|index| is_sole_trader_marker(a, index));
    // Only the leading segment names the party; `LAMBERT Christophe - Plomberie` adds a trade.
    let segment_end = (0..a.len())
        .find(|&index| is_segment_break(a, text, index))
        .unwrap_or(a.len());
    let organisation = (0..segment_end).any(|index| {
        a.has_class(index, class::ORG | class::NAMED_PLACE | class::VOIE)
            && !is_sole_trader_marker(a, index)
            && !(a.folded(index) == "entreprise" && sole_trader)
    });
    if organisation && !sole_trader {
        return;
    }
    let category = if sole_trader {
        Category::SoleTrader
    } else {
        Category::Private
    };

    let before = out.len();
    find_persons(a, text, out);
    if out.len() > before {
        for span in out.iter_mut().skip(before) {
            span.score = span.score.max(85);
            if span.category != Category::Official {
                span.category = category;
            }
        }
        return;
    }

    if let Some(span) = name_shaped_cell(a, text, category) {
        out.push(span);
    }
}

/// Highest score of a person named next to a SIRET: medium, so it is reported without
/// blocking publication.
const SOLE_TRADER_WITH_SIRET_SCORE: u8 = 60;

/// Turns the person spans of a party cell into sole traders, because a SIRET in the
/// record means the party is registered as a business.
fn limit_to_sole_trader(spans: &mut [Span]) {
    for span in spans.iter_mut() {
        if span.kind == crate::finding::Kind::Person && span.category != Category::Official {
            span.category = Category::SoleTrader;
            span.score = span.score.min(SOLE_TRADER_WITH_SIRET_SCORE);
        }
    }
}

/// Returns whether the token ends the leading segment of a party cell.
fn is_segment_break(a: &Analysis, text: &str, index: usize) -> bool {
    let spaced_dash =
        a.is_punct(index, text, '-') && a.token(index).is_some_and(|t| t.space_before);
    spaced_dash || a.is_any_punct(index, text, &['(', ',', '|', ';', '–', '/'])
}

fn is_sole_trader_marker(a: &Analysis, index: usize) -> bool {
    match a.folded(index) {
        "ei" | "eirl" => a.shape(index) == Some(Shape::Upper),
        _ => a.has_class(index, class::SOLE_TRADER),
    }
}

/// Reads the leading segment of a party cell (before `(`, ` - `, `,` or `|`) as a name of
/// two to five words, at least one of them a known first name.
fn name_shaped_cell(a: &Analysis, text: &str, category: Category) -> Option<Span> {
    let mut words = 0;
    let mut first_names = 0;
    let mut first = None;
    let mut last = None;
    for index in 0..a.len() {
        let token = a.token(index)?;
        if is_segment_break(a, text, index) {
            break;
        }
        // A marker or a lower-case word after the name starts a trade description:
        // `Paul Renard EI`, `Sandrine Perrot auto-entrepreneur`.
        let marker = is_sole_trader_marker(a, index) || a.folded(index) == "entreprise";
        let description = token.shape == Shape::Lower && !a.has_class(index, class::PARTICLE);
        if (marker && words > 0) || (description && words >= 2) {
            break;
        }
        if marker {
            continue;
        }
        if token.is_capitalised() && !a.has_class(index, class::FUNCTION) {
            words += 1;
            first_names += usize::from(a.is_first_name(index));
        } else if !(a.has_class(index, class::PARTICLE)
            || a.is_any_punct(index, text, &['-', '\'', '’', '.'])
            || token.shape == Shape::Initial)
        {
            return None;
        }
        first.get_or_insert(index);
        last = Some(index);
    }
    if !(2..=5).contains(&words) || first_names == 0 {
        return None;
    }
    let score = if first_names == words { 60 } else { 85 };
    let start = a.start_of(first?);
    let end = a.end_of(last?);
    Some(Span {
        start,
        end,
        kind: crate::finding::Kind::Person,
        category,
        score,
        rule: "person.party_cell",
    })
}
