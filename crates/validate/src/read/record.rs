//! One record as the readers hand it to the row loop: UTF-8 field texts, the native kind of
//! spreadsheet cells, the record's number as frictionless counts it, and the problems met
//! while reading it.
//!
//! A record is reused from one read to the next, so the hot loop allocates nothing once
//! the buffers have grown to the widest record. Checking fields against a schema is left
//! to the row loop.

use tableschema::Native;

use super::fields::Fields;

/// A problem confined to one record. Reading goes on after it.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordProblem {
    /// Bytes invalid in the file's encoding, each replaced by U+FFFD in the text.
    /// `field_index` is the 0-based field that contained them, `None` when unknown.
    EncodingError { field_index: Option<usize> },
    /// A spreadsheet error cell (`#N/A`, `#DIV/0!`…), kept as its text `value`.
    SpreadsheetErrorCell { field_index: usize, value: String },
    /// The file ends inside a quoted field opened at physical line `line` (1-based). The
    /// record contains everything up to the end of the file.
    UnterminatedQuote { line: u64 },
    /// The record has `count` fields, more than the `limit` of
    /// [`super::ReadOptions::max_columns`]. Only the first `limit` fields are kept.
    TooManyColumns { count: usize, limit: usize },
}

impl RecordProblem {
    /// Returns the stable message id (kebab-case) of the message catalogue.
    pub fn code(&self) -> &'static str {
        match self {
            RecordProblem::EncodingError { .. } => "read-record-encoding-error",
            RecordProblem::SpreadsheetErrorCell { .. } => "read-record-spreadsheet-error-cell",
            RecordProblem::UnterminatedQuote { .. } => "read-record-unterminated-quote",
            RecordProblem::TooManyColumns { .. } => "read-record-too-many-columns",
        }
    }

    /// Returns the named arguments of the message. Field numbers are 1-based, as users
    /// count columns.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            RecordProblem::EncodingError { field_index } => match field_index {
                Some(index) => vec![("field_number", (index + 1).to_string())],
                None => vec![("field_number", "none".to_owned())],
            },
            RecordProblem::SpreadsheetErrorCell { field_index, value } => {
                vec![
                    ("field_number", (field_index + 1).to_string()),
                    ("value", value.clone()),
                ]
            }
            RecordProblem::UnterminatedQuote { line } => vec![("line", line.to_string())],
            RecordProblem::TooManyColumns { count, limit } => {
                vec![("count", count.to_string()), ("limit", limit.to_string())]
            }
        }
    }
}

/// One record: its fields as UTF-8 text, and for spreadsheets the native kind of each cell.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// Invariant: every field is valid UTF-8. Only the readers of this module write it,
    /// and they check or replace invalid bytes before a record is handed out.
    fields: Fields,
    /// Empty for CSV; one entry per field for spreadsheets.
    natives: Vec<Option<Native>>,
    blank_line: bool,
    /// Record number as frictionless counts it: the header is 1, every later record
    /// (empty lines included, newlines inside quotes excluded) adds 1.
    pub row_number: u64,
    pub problems: Vec<RecordProblem>,
}

impl Record {
    /// Creates an empty record, meant to be reused across reads.
    pub fn new() -> Record {
        Record::default()
    }

    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Returns the text of field `index` (0-based).
    pub fn get(&self, index: usize) -> Option<&str> {
        self.fields.get(index).map(field_text)
    }

    /// Returns the native kind of spreadsheet cell `index`, `None` for text, empty cells
    /// and every CSV field.
    pub fn native(&self, index: usize) -> Option<Native> {
        self.natives.get(index).copied().flatten()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(field_text)
    }

    /// Tells whether the record came from an empty physical line (it then has no field).
    pub fn is_blank_line(&self) -> bool {
        self.blank_line
    }

    /// Returns the bytes of every field, possibly with separators between them, for scans
    /// that only ask whether a byte occurs in the record.
    pub fn as_bytes(&self) -> &[u8] {
        self.fields.as_bytes()
    }

    pub(crate) fn clear(&mut self) {
        self.fields.clear();
        self.natives.clear();
        self.blank_line = false;
        self.row_number = 0;
        self.problems.clear();
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    pub(crate) fn fields_mut(&mut self) -> &mut Fields {
        &mut self.fields
    }

    pub(crate) fn natives_mut(&mut self) -> &mut Vec<Option<Native>> {
        &mut self.natives
    }

    pub(crate) fn set_blank_line(&mut self, blank: bool) {
        self.blank_line = blank;
    }
}

/// Turns a field of a record into text.
///
/// Re-validating every field on every access cost 8 % of the instructions of a
/// validation run (callgrind, 10,000 IRVE rows), so release builds rely on the record
/// invariant; debug builds and tests still check it.
fn field_text(bytes: &[u8]) -> &str {
    debug_assert!(
        std::str::from_utf8(bytes).is_ok(),
        "record field is not UTF-8"
    );
    // SAFETY: every field of a `Record` is valid UTF-8: the readers of this module check
    // or replace invalid bytes before a record is handed out, and nothing outside the
    // module can write a record's fields (`fields_mut` is crate-private and only used by
    // those readers).
    unsafe { std::str::from_utf8_unchecked(bytes) }
}
