//! Table-level scanning and redaction: records with a header, as CSV readers hand them
//! over, become findings with row, column and masked excerpt, or redacted records.
//!
//! Records are numbered as the validator numbers them (header = 1, first data record = 2).
//! Reading files, detecting the schema and rendering reports are the callers' jobs.

use std::borrow::Cow;

use serde::Serialize;

use crate::columns::{RowContext, is_company_id, is_company_id_column, is_first_name_column};
use crate::finding::{Category, Confidence, Finding, Kind, Span, masked_excerpt};
use crate::policy::ColumnMode;
use crate::redact::{RedactionEntry, RedactionRecord, Replacement};
use crate::scanner::{Scanner, Workspace};

/// The findings of a table scan.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub policy: String,
    /// Data records scanned.
    pub records: u64,
    pub findings: Vec<Finding>,
}

impl Report {
    /// Returns whether publication needs an editor's explicit confirmation: true when
    /// any finding is of high confidence and not about an official acting in office.
    pub fn requires_confirmation(&self) -> bool {
        self.findings.iter().any(blocks_publication)
    }

    /// Returns the number of findings of each kind, in [`Kind::ALL`] order, zeros left out.
    pub fn counts_by_kind(&self) -> Vec<(Kind, usize)> {
        Kind::ALL
            .into_iter()
            .map(|kind| {
                (
                    kind,
                    self.findings.iter().filter(|f| f.kind == kind).count(),
                )
            })
            .filter(|&(_, count)| count > 0)
            .collect()
    }

    /// Returns the message id and arguments of the report's summary line.
    pub fn summary(&self) -> (&'static str, Vec<(&'static str, String)>) {
        let high = self
            .findings
            .iter()
            .filter(|f| blocks_publication(f))
            .count();
        let id = if self.requires_confirmation() {
            "privacy-summary-confirm"
        } else {
            "privacy-summary"
        };
        let args = vec![
            ("count", self.findings.len().to_string()),
            ("high", high.to_string()),
            ("records", self.records.to_string()),
            ("policy", self.policy.clone()),
        ];
        (id, args)
    }
}

impl Scanner {
    /// Returns the scan mode of each header column under this scanner's policy.
    pub fn column_modes(&self, header: &[&str]) -> Vec<ColumnMode> {
        header
            .iter()
            .map(|column| self.policy().mode_for(column))
            .collect()
    }

    /// Scans one record. `row` is its record number (header = 1, first data record = 2).
    /// Cells beyond the header continue the last column when it is free text (an
    /// unquoted comma split it) and are otherwise scanned as identifiers only.
    pub fn scan_record(
        &self,
        header: &[&str],
        record: &[&str],
        row: u64,
        workspace: &mut Workspace,
    ) -> Vec<Finding> {
        let layout = self.layout(header);
        let mut findings = Vec::new();
        self.scan_record_with_layout(header, &layout, record, row, workspace, &mut findings);
        findings
    }

    fn scan_record_with_layout(
        &self,
        header: &[&str],
        layout: &Layout,
        record: &[&str],
        row: u64,
        workspace: &mut Workspace,
        findings: &mut Vec<Finding>,
    ) {
        let joined = self.scan_row(layout, record, workspace);
        for (index, cell) in record.iter().enumerate() {
            let spans = cell_spans_of(workspace, joined, index, record);
            let column = column_name(header, joined, index);
            for span in spans.iter() {
                findings.push(locate(span, cell, &spans, row, index, column));
            }
        }
    }

    /// Returns the scan layout of a header: modes and the columns that give context.
    fn layout(&self, header: &[&str]) -> Layout {
        Layout {
            modes: self.column_modes(header),
            company_id: header
                .iter()
                .map(|column| is_company_id_column(column))
                .collect(),
            first_name: header
                .iter()
                .map(|column| is_first_name_column(column))
                .collect(),
        }
    }

    /// Scans every cell of a record into `workspace.cell_spans`, one entry per scanned
    /// cell. Name and free-text cells come first, so that address cells know whether the
    /// record names a private person or an organisation. Returns the index of the last
    /// header column when cells beyond the header were joined into it.
    fn scan_row(
        &self,
        layout: &Layout,
        record: &[&str],
        workspace: &mut Workspace,
    ) -> Option<usize> {
        let columns = layout.modes.len();
        let joined = (columns > 0
            && record.len() > columns
            && layout.modes[columns - 1] == ColumnMode::FreeText)
            .then_some(columns - 1);
        let joined_text;
        let texts: Vec<&str> = match joined {
            Some(last) => {
                joined_text = record[last..].join(",");
                record[..last]
                    .iter()
                    .copied()
                    .chain(std::iter::once(joined_text.as_str()))
                    .collect()
            }
            None => record.to_vec(),
        };
        let mode_of = |index: usize| {
            layout
                .modes
                .get(index)
                .copied()
                .unwrap_or(ColumnMode::Identifiers)
        };

        let mut row = RowContext {
            company_id: layout.company_id.iter().enumerate().any(|(index, &is_id)| {
                is_id
                    && record
                        .get(index)
                        .is_some_and(|cell| is_company_id(cell.trim()))
            }),
            name_column: layout
                .modes
                .iter()
                .any(|mode| matches!(mode, ColumnMode::PersonalName | ColumnMode::PersonName)),
            ..RowContext::default()
        };
        let mut cell_spans = std::mem::take(&mut workspace.cell_spans);
        cell_spans.resize_with(texts.len(), Vec::new);
        for (index, text) in texts.iter().enumerate() {
            let mode = mode_of(index);
            let spans = &mut cell_spans[index];
            if mode == ColumnMode::PostalAddress {
                spans.clear();
                continue;
            }
            self.scan_cell_in_row(text, mode, &row, workspace, spans);
            let names_party = matches!(mode, ColumnMode::PersonalName | ColumnMode::PersonName);
            row.organisation |= names_party && workspace.organisation_cell;
            row.person |= spans.iter().any(|span| {
                span.kind == Kind::Person
                    && !matches!(span.category, Category::Official | Category::SoleTrader)
            });
        }
        if row.organisation && !row.person {
            demote_organisation_contacts(&mut cell_spans, self.policy().min_score());
        } else if !row.name_column && !row.person {
            demote_landlines(&mut cell_spans, self.policy().min_score());
        }
        for (index, text) in texts.iter().enumerate() {
            if mode_of(index) == ColumnMode::PostalAddress {
                let spans = &mut cell_spans[index];
                self.scan_cell_in_row(text, ColumnMode::PostalAddress, &row, workspace, spans);
            }
        }
        cell_spans.truncate(texts.len());
        workspace.cell_spans = cell_spans;
        joined
    }

    /// Scans data records under `header` and gathers the findings.
    pub fn scan_table<'r, I>(&self, header: &[&str], records: I) -> Report
    where
        I: IntoIterator<Item = &'r [&'r str]>,
    {
        let layout = self.layout(header);
        let mut workspace = Workspace::default();
        let mut findings = Vec::new();
        let mut count = 0u64;
        for (index, record) in records.into_iter().enumerate() {
            let row = index as u64 + 2;
            self.scan_record_with_layout(
                header,
                &layout,
                record,
                row,
                &mut workspace,
                &mut findings,
            );
            count += 1;
        }
        Report {
            policy: self.policy().name.clone(),
            records: count,
            findings,
        }
    }

    /// Redacts one record and returns the new cells and what was replaced.
    ///
    /// When a record spreads a name over first-name and surname columns, each of those
    /// cells gets the pseudonym of the full name (`Jean Dupont`), the one the same person
    /// gets in a free-text column.
    ///
    /// NOTE: pseudonyms follow word order, so `DUPONT Jean` and `Jean Dupont` get
    /// different ones.
    pub fn redact_record(
        &self,
        header: &[&str],
        record: &[&str],
        row: u64,
        replacement: &Replacement,
        workspace: &mut Workspace,
    ) -> (Vec<String>, Vec<RedactionEntry>) {
        let layout = self.layout(header);
        self.redact_record_with_layout(header, &layout, record, row, replacement, workspace)
    }

    fn redact_record_with_layout(
        &self,
        header: &[&str],
        layout: &Layout,
        record: &[&str],
        row: u64,
        replacement: &Replacement,
        workspace: &mut Workspace,
    ) -> (Vec<String>, Vec<RedactionEntry>) {
        let joined = self.scan_row(layout, record, workspace);
        let person_key = split_name_key(layout, record, workspace, joined);
        let mut cells = Vec::with_capacity(record.len());
        let mut entries = Vec::new();
        for (index, cell) in record.iter().enumerate() {
            let spans = cell_spans_of(workspace, joined, index, record);
            if spans.is_empty() {
                cells.push((*cell).to_owned());
                continue;
            }
            let name_column = layout.modes.get(index) == Some(&ColumnMode::PersonalName);
            let mut replacements = Vec::with_capacity(spans.len());
            for span in spans.iter() {
                let original = cell.get(span.start..span.end).unwrap_or("");
                let keyed = match &person_key {
                    Some(key) if name_column && span.kind == Kind::Person => key.as_str(),
                    _ => original,
                };
                let text = replacement.replace(span.kind, keyed);
                entries.push(RedactionEntry {
                    row: Some(row),
                    field_number: Some(index + 1),
                    column: column_name(header, joined, index).map(str::to_owned),
                    kind: span.kind,
                    category: span.category,
                    confidence: span.confidence(),
                    rule: span.rule,
                    start: span.start,
                    end: span.end,
                    replacement: text.clone(),
                });
                replacements.push(text);
            }
            cells.push(splice(cell, &spans, &replacements));
        }
        (cells, entries)
    }

    /// Redacts data records under `header`. `actor` and `at` (RFC 3339) identify who
    /// redacted and when; they are copied into the record unchanged.
    pub fn redact_table<'r, I>(
        &self,
        header: &[&str],
        records: I,
        replacement: &Replacement,
        actor: &str,
        at: &str,
    ) -> (Vec<Vec<String>>, RedactionRecord)
    where
        I: IntoIterator<Item = &'r [&'r str]>,
    {
        let layout = self.layout(header);
        let mut workspace = Workspace::default();
        let mut rows = Vec::new();
        let mut entries = Vec::new();
        for (index, record) in records.into_iter().enumerate() {
            let row = index as u64 + 2;
            let (cells, mut replaced) = self.redact_record_with_layout(
                header,
                &layout,
                record,
                row,
                replacement,
                &mut workspace,
            );
            rows.push(cells);
            entries.append(&mut replaced);
        }
        let record = RedactionRecord {
            actor: actor.to_owned(),
            at: at.to_owned(),
            engine_version: crate::ENGINE_VERSION,
            policy: self.policy().clone(),
            replacement: replacement.code(),
            entries,
        };
        (rows, record)
    }
}

fn blocks_publication(finding: &Finding) -> bool {
    finding.confidence == Confidence::High && finding.category != Category::Official
}

fn locate(
    span: &Span,
    cell: &str,
    spans: &[Span],
    row: u64,
    index: usize,
    column: Option<&str>,
) -> Finding {
    Finding {
        row: Some(row),
        field_number: Some(index + 1),
        column: column.map(str::to_owned),
        kind: span.kind,
        category: span.category,
        confidence: span.confidence(),
        score: span.score,
        rule: span.rule,
        start: span.start,
        end: span.end,
        excerpt: masked_excerpt(cell, spans, span),
    }
}

/// Highest score of a contact detail that belongs to an organisation or a place: below
/// the default reporting threshold of 50.
const ORGANISATION_CONTACT_SCORE: u8 = 45;

/// Lowers the phone numbers and e-mail addresses of a record that names an organisation
/// and no private person: they are the organisation's contact details. NIR, IBAN and RIB
/// keep their score. Spans that fall below `min_score` are dropped.
fn demote_organisation_contacts(cell_spans: &mut [Vec<Span>], min_score: u8) {
    for spans in cell_spans.iter_mut() {
        for span in spans.iter_mut() {
            if matches!(span.kind, Kind::Phone | Kind::Email) {
                span.score = span.score.min(ORGANISATION_CONTACT_SCORE);
                span.category = Category::Unknown;
            }
        }
        spans.retain(|span| span.score >= min_score);
    }
}

/// Lowers the landline numbers of a record in a table that has no name column and
/// names no private person: such a number is a place's or a service's (a swimming pool,
/// a town hall). Mobile numbers keep their score. Spans that fall below `min_score` are
/// dropped.
fn demote_landlines(cell_spans: &mut [Vec<Span>], min_score: u8) {
    for spans in cell_spans.iter_mut() {
        for span in spans.iter_mut() {
            if span.rule == "phone.landline" {
                span.score = span.score.min(ORGANISATION_CONTACT_SCORE);
                span.category = Category::Unknown;
            }
        }
        spans.retain(|span| span.score >= min_score);
    }
}

/// Scan modes of a header and the columns that give context to the other cells.
struct Layout {
    modes: Vec<ColumnMode>,
    /// Whether each column contains SIRET or SIREN numbers.
    company_id: Vec<bool>,
    /// Whether each column contains first names.
    first_name: Vec<bool>,
}

/// Returns the header name of a field. A field joined into the last column takes that
/// column's name.
fn column_name<'h>(header: &[&'h str], joined: Option<usize>, index: usize) -> Option<&'h str> {
    match joined {
        Some(last) if index >= last => header.get(last).copied(),
        _ => header.get(index).copied(),
    }
}

/// Returns the spans of one original cell of `record`. A cell that was joined into the
/// last column gets the spans of the joined text that fall inside it, shifted to its own
/// offsets.
fn cell_spans_of<'w>(
    workspace: &'w Workspace,
    joined: Option<usize>,
    index: usize,
    record: &[&str],
) -> Cow<'w, [Span]> {
    let Some(last) = joined.filter(|&last| index >= last) else {
        return workspace
            .cell_spans
            .get(index)
            .map_or(Cow::Borrowed(&[]), |spans| Cow::Borrowed(spans.as_slice()));
    };
    let Some(spans) = workspace.cell_spans.get(last) else {
        return Cow::Borrowed(&[]);
    };
    // Cells were joined with one comma each, so a cell starts after its predecessors
    // and their separators.
    let cell = record[index];
    let base: usize = record[last..index].iter().map(|cell| cell.len() + 1).sum();
    let end = base + cell.len();
    // A span that continues from the previous cell starts here after the blank that
    // followed the comma.
    let leading_blank = cell.len() - cell.trim_start().len();
    spans
        .iter()
        .filter(|span| span.start < end && base < span.end)
        .map(|span| {
            let start = if span.start < base {
                leading_blank
            } else {
                span.start - base
            };
            Span {
                start,
                end: span.end.min(end) - base,
                ..span.clone()
            }
        })
        .filter(|span| span.start < span.end)
        .collect()
}

/// Returns the full name of a record whose name is spread over first-name and surname
/// columns (`prénom` = `Jean`, `nom` = `Dupont` gives `Jean Dupont`), or `None` when the
/// record does not have both.
fn split_name_key(
    layout: &Layout,
    record: &[&str],
    workspace: &Workspace,
    joined: Option<usize>,
) -> Option<String> {
    let mut first_names = Vec::new();
    let mut surnames = Vec::new();
    for (index, cell) in record.iter().enumerate() {
        if layout.modes.get(index) != Some(&ColumnMode::PersonalName) {
            continue;
        }
        for span in cell_spans_of(workspace, joined, index, record).iter() {
            if span.kind != Kind::Person {
                continue;
            }
            let text = cell.get(span.start..span.end).unwrap_or("");
            if layout.first_name.get(index) == Some(&true) {
                first_names.push(text);
            } else {
                surnames.push(text);
            }
        }
    }
    if first_names.is_empty() || surnames.is_empty() {
        return None;
    }
    first_names.extend(surnames);
    Some(first_names.join(" "))
}

/// Returns `text` with each span replaced by the replacement at the same position.
/// Spans are sorted and disjoint, as scans return them.
fn splice(text: &str, spans: &[Span], replacements: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for (span, replacement) in spans.iter().zip(replacements) {
        let Some(before) = text.get(cursor..span.start) else {
            continue;
        };
        out.push_str(before);
        out.push_str(replacement);
        cursor = span.end;
    }
    out.push_str(text.get(cursor..).unwrap_or(""));
    out
}
