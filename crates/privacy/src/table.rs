//! Table-level scanning and redaction: records with a header, as CSV readers hand them
//! over, become findings with row, column and masked excerpt, or redacted records.
//!
//! Records are numbered as the validator numbers them (header = 1, first data record = 2).
//! Reading files, detecting the schema and rendering reports are the callers' jobs.

use serde::Serialize;

use crate::finding::{Category, Confidence, Finding, Kind, Span, masked_excerpt};
use crate::policy::ColumnMode;
use crate::redact::{RedactionEntry, RedactionRecord, Replacement, redact_text};
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

    /// Scans one record. `row` is its record number (header = 1, first data record = 2);
    /// cells beyond the header are scanned as identifiers only.
    pub fn scan_record(
        &self,
        header: &[&str],
        record: &[&str],
        row: u64,
        workspace: &mut Workspace,
    ) -> Vec<Finding> {
        let modes = self.column_modes(header);
        let mut findings = Vec::new();
        self.scan_record_with_modes(header, &modes, record, row, workspace, &mut findings);
        findings
    }

    fn scan_record_with_modes(
        &self,
        header: &[&str],
        modes: &[ColumnMode],
        record: &[&str],
        row: u64,
        workspace: &mut Workspace,
        findings: &mut Vec<Finding>,
    ) {
        let mut spans = Vec::new();
        for (index, cell) in record.iter().enumerate() {
            let mode = modes.get(index).copied().unwrap_or(ColumnMode::Identifiers);
            self.scan_cell(cell, mode, workspace, &mut spans);
            for span in &spans {
                findings.push(locate(
                    span,
                    cell,
                    &spans,
                    row,
                    index,
                    header.get(index).copied(),
                ));
            }
        }
    }

    /// Scans data records under `header` and gathers the findings.
    pub fn scan_table<'r, I>(&self, header: &[&str], records: I) -> Report
    where
        I: IntoIterator<Item = &'r [&'r str]>,
    {
        let modes = self.column_modes(header);
        let mut workspace = Workspace::default();
        let mut findings = Vec::new();
        let mut count = 0u64;
        for (index, record) in records.into_iter().enumerate() {
            let row = index as u64 + 2;
            self.scan_record_with_modes(header, &modes, record, row, &mut workspace, &mut findings);
            count += 1;
        }
        Report {
            policy: self.policy().name.clone(),
            records: count,
            findings,
        }
    }

    /// Redacts one record and returns the new cells and what was replaced.
    pub fn redact_record(
        &self,
        header: &[&str],
        record: &[&str],
        row: u64,
        replacement: &Replacement,
        workspace: &mut Workspace,
    ) -> (Vec<String>, Vec<RedactionEntry>) {
        let modes = self.column_modes(header);
        self.redact_record_with_modes(header, &modes, record, row, replacement, workspace)
    }

    fn redact_record_with_modes(
        &self,
        header: &[&str],
        modes: &[ColumnMode],
        record: &[&str],
        row: u64,
        replacement: &Replacement,
        workspace: &mut Workspace,
    ) -> (Vec<String>, Vec<RedactionEntry>) {
        let mut cells = Vec::with_capacity(record.len());
        let mut entries = Vec::new();
        let mut spans = Vec::new();
        for (index, cell) in record.iter().enumerate() {
            let mode = modes.get(index).copied().unwrap_or(ColumnMode::Identifiers);
            self.scan_cell(cell, mode, workspace, &mut spans);
            if spans.is_empty() {
                cells.push((*cell).to_owned());
                continue;
            }
            for span in &spans {
                let original = cell.get(span.start..span.end).unwrap_or("");
                entries.push(RedactionEntry {
                    row: Some(row),
                    field_number: Some(index + 1),
                    column: header.get(index).map(|name| (*name).to_owned()),
                    kind: span.kind,
                    category: span.category,
                    confidence: span.confidence(),
                    rule: span.rule,
                    start: span.start,
                    end: span.end,
                    replacement: replacement.replace(span.kind, original),
                });
            }
            cells.push(redact_text(cell, &spans, replacement));
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
        let modes = self.column_modes(header);
        let mut workspace = Workspace::default();
        let mut rows = Vec::new();
        let mut entries = Vec::new();
        for (index, record) in records.into_iter().enumerate() {
            let row = index as u64 + 2;
            let (cells, mut replaced) = self.redact_record_with_modes(
                header,
                &modes,
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
