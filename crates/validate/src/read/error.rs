//! The errors that stop reading a file, each with a stable message id and named arguments.
//!
//! Problems confined to one record (an invalid byte, a spreadsheet error cell) are not here:
//! they travel with the record as [`super::RecordProblem`] and reading goes on.

use std::io;

/// A failure that stops reading a file.
///
/// `Display` is a developer message in English. Users see the message rendered from
/// [`ReadError::code`] and [`ReadError::args`] through the message catalogue.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("i/o error: {0}")]
    Io(#[source] io::Error),
    #[error("the file is empty")]
    EmptyFile,
    /// A pipe, socket or device: the readers need a file they can read twice.
    #[error("not a regular file")]
    NotRegularFile,
    #[error("unsupported file format: {kind}")]
    UnsupportedFormat { kind: String },
    #[error("binary content ({kind}) where a table was expected")]
    BinaryContent { kind: &'static str },
    /// A record longer than the limit, usually a quote that is never closed. `line` is the
    /// physical line (1-based) where the open quote, or else the record, started.
    #[error("record starting at line {line} exceeds the limit of {limit} bytes")]
    RecordTooLarge { line: u64, limit: usize },
    #[error("the header has {count} columns, more than the limit of {limit}")]
    TooManyColumns { count: usize, limit: usize },
    #[error("the decompressed content exceeds the limit of {limit} bytes")]
    DecompressedTooLarge { limit: u64 },
    #[error("spreadsheet of {size} bytes exceeds the limit of {limit} bytes")]
    SpreadsheetTooLarge { size: u64, limit: u64 },
    #[error("sheet has more than {limit} cells")]
    SheetTooLarge { limit: u64 },
    #[error("sheet {name:?} not found (sheets: {available})")]
    SheetNotFound { name: String, available: String },
    #[error("the workbook has no sheet")]
    NoSheet,
    #[error("invalid spreadsheet: {detail}")]
    Spreadsheet { detail: String },
}

impl ReadError {
    /// Returns the stable message id (kebab-case) of the message catalogue.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Io(error) => match error.kind() {
                std::io::ErrorKind::NotFound => "read-not-found",
                std::io::ErrorKind::PermissionDenied => "read-permission-denied",
                std::io::ErrorKind::IsADirectory => "read-is-directory",
                _ => "read-io",
            },
            ReadError::EmptyFile => "read-empty-file",
            ReadError::NotRegularFile => "read-not-regular-file",
            ReadError::UnsupportedFormat { .. } => "read-unsupported-format",
            ReadError::BinaryContent { .. } => "read-binary-content",
            ReadError::RecordTooLarge { .. } => "read-record-too-large",
            ReadError::TooManyColumns { .. } => "read-too-many-columns",
            ReadError::DecompressedTooLarge { .. } => "read-decompressed-too-large",
            ReadError::SpreadsheetTooLarge { .. } => "read-spreadsheet-too-large",
            ReadError::SheetTooLarge { .. } => "read-sheet-too-large",
            ReadError::SheetNotFound { .. } => "read-sheet-not-found",
            ReadError::NoSheet => "read-no-sheet",
            ReadError::Spreadsheet { .. } => "read-spreadsheet-invalid",
        }
    }

    /// Returns the named arguments of the message, as text.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            ReadError::Io(error) => vec![("detail", error.to_string())],
            ReadError::EmptyFile | ReadError::NoSheet | ReadError::NotRegularFile => Vec::new(),
            ReadError::UnsupportedFormat { kind } => vec![("kind", kind.clone())],
            ReadError::BinaryContent { kind } => vec![("kind", (*kind).to_owned())],
            ReadError::RecordTooLarge { line, limit } => {
                vec![("line", line.to_string()), ("limit", limit.to_string())]
            }
            ReadError::TooManyColumns { count, limit } => {
                vec![("count", count.to_string()), ("limit", limit.to_string())]
            }
            ReadError::DecompressedTooLarge { limit } => vec![("limit", limit.to_string())],
            ReadError::SpreadsheetTooLarge { size, limit } => {
                vec![("size", size.to_string()), ("limit", limit.to_string())]
            }
            ReadError::SheetTooLarge { limit } => vec![("limit", limit.to_string())],
            ReadError::SheetNotFound { name, available } => {
                vec![("name", name.clone()), ("available", available.clone())]
            }
            ReadError::Spreadsheet { detail } => vec![("detail", detail.clone())],
        }
    }
}

/// The payload of the `io::Error` that a size-limited reader returns, turned back into
/// [`ReadError::DecompressedTooLarge`] by the `From` conversion below.
#[derive(Debug, thiserror::Error)]
#[error("decompressed content exceeds {limit} bytes")]
pub(crate) struct LimitExceeded {
    pub(crate) limit: u64,
}

impl From<io::Error> for ReadError {
    fn from(error: io::Error) -> ReadError {
        let limit = error
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<LimitExceeded>())
            .map(|exceeded| exceeded.limit);
        match limit {
            Some(limit) => ReadError::DecompressedTooLarge { limit },
            None => ReadError::Io(error),
        }
    }
}
