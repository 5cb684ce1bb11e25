//! Findings: problems found in the data or its header, stored as a code plus arguments.
//!
//! A finding carries no text. Its message is rendered later from the message catalogue
//! (French or English) with [`Finding::message_id`] and [`Finding::args`], so the row
//! loop never formats a sentence.

use serde::Serialize;

/// Characters of a cell kept in a finding: a report of a file with huge cells must not
/// copy them whole, once per error.
pub const MAX_CELL_CHARS: usize = 1000;

/// Characters of a message argument kept, so that a message stays readable.
pub const MAX_ARG_CHARS: usize = 2000;

/// Cuts a text to `max` characters, marking the cut with an ellipsis.
fn shorten(text: String, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// Whether a finding makes the file invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in the file as frictionless locates it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The frictionless (or Validata) error type: `type-error`, `constraint-error`,
    /// `missing-label`, `custom-check-error`, `french-gps-coordinates`, …
    pub code: &'static str,
    pub severity: Severity,
    /// Message id in the catalogue. The catalogue entry has a `.hint` attribute that explains
    /// how to fix the problem.
    pub message_id: &'static str,
    /// Named arguments of the message.
    pub args: Vec<(&'static str, String)>,
    /// Record number, header = 1, first data record = 2. `None` for file-level findings.
    pub row_number: Option<u64>,
    /// 1-based position of the column in the file.
    pub field_number: Option<usize>,
    pub field_name: Option<String>,
    /// The cell's text as read, for cell findings.
    pub cell: Option<String>,
}

impl Finding {
    pub fn error(code: &'static str, message_id: &'static str) -> Self {
        Finding {
            code,
            severity: Severity::Error,
            message_id,
            args: Vec::new(),
            row_number: None,
            field_number: None,
            field_name: None,
            cell: None,
        }
    }

    pub fn warning(code: &'static str, message_id: &'static str) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(code, message_id)
        }
    }

    pub fn row(mut self, row_number: u64) -> Self {
        self.row_number = Some(row_number);
        self
    }

    /// Places the finding on a column: its 1-based position in the file and its name.
    pub fn field(mut self, field_number: usize, field_name: impl Into<String>) -> Self {
        self.field_number = Some(field_number);
        self.field_name = Some(field_name.into());
        self
    }

    /// Sets the cell's text, cut to [`MAX_CELL_CHARS`] characters.
    pub fn cell(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(shorten(cell.into(), MAX_CELL_CHARS));
        self
    }

    /// Adds a named message argument, cut to [`MAX_ARG_CHARS`] characters.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args
            .push((name, shorten(value.to_string(), MAX_ARG_CHARS)));
        self
    }

    /// Returns the argument's value when the finding has it.
    pub fn arg_value(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
    }
}
