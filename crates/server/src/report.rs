//! Validation reports as stored with a resource, and their grouping for the report page.
//!
//! The stored form keeps message ids and arguments rather than sentences, so the page is
//! rendered in the visitor's language at view time. The page groups findings by column,
//! then by kind, the way an agent fixes a file column by column.

use std::collections::BTreeMap;

use i18n::Messages;
use serde::{Deserialize, Serialize};
use validate::{Finding, Report};

use crate::privacy_scan::StoredPrivacy;

/// Rows listed per group of identical problems on the report page.
const ROWS_SHOWN: usize = 20;

/// A finding without its text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredFinding {
    pub code: String,
    pub message_id: String,
    pub args: Vec<(String, String)>,
    pub row: Option<u64>,
    pub field_number: Option<usize>,
    pub field_name: Option<String>,
    pub cell: Option<String>,
}

/// A validation report as stored in the catalogue.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredReport {
    pub valid: bool,
    pub rows: u64,
    pub fields: usize,
    pub errors_found: u64,
    pub truncated: bool,
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub format: Option<String>,
    pub errors: Vec<StoredFinding>,
    pub warnings: Vec<StoredFinding>,
    /// Set when the file could not be read at all.
    pub read_error: Option<StoredFinding>,
    /// Personal-data scan of the file. It is absent from reports stored before the scan
    /// existed, for files that could not be read and when the scan failed.
    #[serde(default)]
    pub privacy: Option<StoredPrivacy>,
    /// An editor's decision to publish a file the personal-data scan could not check
    /// (unreadable file, failed scan). Findings of a scan are confirmed in `privacy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unscanned_confirmation: Option<crate::privacy_scan::PrivacyConfirmation>,
}

fn store_finding(finding: &Finding) -> StoredFinding {
    StoredFinding {
        code: finding.code.to_string(),
        message_id: finding.message_id.to_string(),
        args: finding
            .args
            .iter()
            .map(|(name, value)| ((*name).to_string(), value.clone()))
            .collect(),
        row: finding.row_number,
        field_number: finding.field_number,
        field_name: finding.field_name.clone(),
        cell: finding.cell.clone(),
    }
}

impl StoredReport {
    pub fn from_report(report: &Report) -> StoredReport {
        let info = report.info.as_ref();
        StoredReport {
            valid: report.is_valid(),
            rows: report.stats.rows,
            fields: report.stats.fields,
            errors_found: report.stats.errors,
            truncated: report.truncated,
            encoding: info.map(|info| info.encoding.to_string()),
            delimiter: info
                .and_then(|info| info.delimiter)
                .map(|byte| char::from(byte).to_string()),
            format: info.map(|info| format!("{:?}", info.format).to_lowercase()),
            errors: report.errors.iter().map(store_finding).collect(),
            warnings: report.warnings.iter().map(store_finding).collect(),
            read_error: None,
            privacy: None,
            unscanned_confirmation: None,
        }
    }

    pub fn from_read_error(error: &validate::read::ReadError) -> StoredReport {
        let finding = StoredFinding {
            code: error.code().to_string(),
            message_id: error.code().to_string(),
            args: error
                .args()
                .into_iter()
                .map(|(name, value)| (name.to_string(), value))
                .collect(),
            row: None,
            field_number: None,
            field_name: None,
            cell: None,
        };
        StoredReport {
            valid: false,
            rows: 0,
            fields: 0,
            errors_found: 1,
            truncated: false,
            encoding: None,
            delimiter: None,
            format: None,
            errors: Vec::new(),
            warnings: Vec::new(),
            read_error: Some(finding),
            privacy: None,
            unscanned_confirmation: None,
        }
    }

    /// Returns whether normalising to UTF-8 comma-separated CSV would fix the file: it is a
    /// CSV or TSV that is not UTF-8 or not comma-separated, with no other error.
    pub fn only_dialect_problems(&self) -> bool {
        let dialect = |finding: &StoredFinding| {
            finding.code.contains("encoding") || finding.code.contains("delimiter")
        };
        let non_utf8 = self
            .encoding
            .as_deref()
            .is_some_and(|encoding| encoding != "UTF-8");
        let non_comma = self
            .delimiter
            .as_deref()
            .is_some_and(|delimiter| delimiter != ",");
        self.read_error.is_none()
            && (non_utf8 || non_comma || !self.errors.is_empty())
            && self.errors.iter().all(dialect)
            && self
                .format
                .as_deref()
                .is_some_and(|format| format == "csv" || format == "tsv")
    }
}

/// One kind of problem in one column, rendered.
#[derive(Debug, Serialize)]
pub struct Group {
    pub title: String,
    pub message: String,
    pub hint: Option<String>,
    pub count: usize,
    pub rows: Vec<(Option<u64>, Option<String>)>,
}

/// The findings of one column (or of the whole file), rendered.
#[derive(Debug, Serialize)]
pub struct Column {
    /// Column name, or `None` for problems of the file or header as a whole.
    pub name: Option<String>,
    pub groups: Vec<Group>,
}

fn render_message(messages: &Messages, finding: &StoredFinding) -> (String, Option<String>) {
    let args: Vec<(&str, &str)> = finding
        .args
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    (
        messages.format(&finding.message_id, &args),
        messages.format_attribute(&finding.message_id, "hint", &args),
    )
}

/// A column's position (0 for the file as a whole) and name, in file order.
type ColumnKey = (usize, Option<String>);

/// Groups findings by column, then by code and message, in the visitor's language.
pub fn group(messages: &Messages, findings: &[StoredFinding]) -> Vec<Column> {
    let mut columns: BTreeMap<ColumnKey, BTreeMap<String, Vec<&StoredFinding>>> = BTreeMap::new();
    for finding in findings {
        let column = (
            finding.field_number.unwrap_or(0),
            finding.field_name.clone(),
        );
        // Cell problems of one kind differ only by their cell value, so the grouping key is
        // the code plus the arguments other than the cell.
        let key_args: Vec<&str> = finding
            .args
            .iter()
            .filter(|(name, _)| name != "cell" && name != "value")
            .map(|(_, value)| value.as_str())
            .collect();
        let key = format!("{}\u{0}{}", finding.code, key_args.join("\u{0}"));
        columns
            .entry(column)
            .or_default()
            .entry(key)
            .or_default()
            .push(finding);
    }
    columns
        .into_iter()
        .map(|((_, name), kinds)| Column {
            name,
            groups: kinds
                .into_values()
                .filter_map(|findings| {
                    let first = findings.first()?;
                    let (message, hint) = render_message(messages, first);
                    Some(Group {
                        title: validate::render::title(messages, &first.code),
                        message,
                        hint,
                        count: findings.len(),
                        rows: findings
                            .iter()
                            .take(ROWS_SHOWN)
                            .map(|finding| (finding.row, finding.cell.clone()))
                            .collect(),
                    })
                })
                .collect(),
        })
        .collect()
}

/// Renders one finding as message and hint, for read errors.
pub fn render_one(messages: &Messages, finding: &StoredFinding) -> (String, Option<String>) {
    render_message(messages, finding)
}
