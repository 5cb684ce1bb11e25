//! The validation report: findings plus what was read, before any rendering.
//!
//! Rendering lives in [`crate::render`]: JSON in the frictionless report shape and a text
//! report grouped by column, both in French or English.

use crate::finding::{Finding, Severity};
use crate::read::SourceInfo;

/// The schema a file was checked against, as shown in reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SchemaSummary {
    /// Registry name (`scdl/deliberations`), path or URL, as given by the user.
    pub reference: String,
    pub title: Option<String>,
    pub version: Option<String>,
}

/// Counters of one validation run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    /// Data records read (the header excluded).
    pub rows: u64,
    /// Columns of the header.
    pub fields: usize,
    /// Errors found, including those beyond the error cap that were not kept.
    pub errors: u64,
    pub warnings: u64,
    /// Size of the content read, after decompression.
    pub bytes: u64,
    pub seconds: f64,
}

/// The outcome of validating one file.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The file name or path as given.
    pub source: String,
    pub info: Option<SourceInfo>,
    pub schema: Option<SchemaSummary>,
    /// Header labels as read.
    pub labels: Vec<String>,
    pub stats: Stats,
    /// Errors kept, in file order; at most the error cap.
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
    /// The error cap that applied.
    pub max_errors: usize,
    /// Whether the error cap stopped validation before the end of the file.
    pub truncated: bool,
    /// The last record checked: the end of the file, or the row where the cap was hit.
    pub last_row: u64,
}

impl Report {
    /// Returns whether no error was found. Warnings do not make a file invalid.
    pub fn is_valid(&self) -> bool {
        self.stats.errors == 0
    }

    /// Removes the warnings about deprecated custom check names. Callers do it for the
    /// bundled official schemas, whose text the agent checking a file cannot change.
    pub fn drop_schema_deprecations(&mut self) {
        let before = self.warnings.len();
        self.warnings
            .retain(|finding| finding.code != crate::custom::DEPRECATED_CHECK);
        let removed = (before - self.warnings.len()) as u64;
        self.stats.warnings = self.stats.warnings.saturating_sub(removed);
    }

    /// Adds a finding to the list its severity belongs to, respecting the error cap.
    pub fn push(&mut self, finding: Finding) {
        match finding.severity {
            Severity::Warning => {
                self.stats.warnings += 1;
                self.warnings.push(finding);
            }
            Severity::Error => {
                self.stats.errors += 1;
                if self.errors.len() < self.max_errors {
                    self.errors.push(finding);
                } else {
                    self.truncated = true;
                }
            }
        }
    }

    /// Returns whether the error cap is reached.
    pub fn is_full(&self) -> bool {
        self.errors.len() >= self.max_errors
    }
}
