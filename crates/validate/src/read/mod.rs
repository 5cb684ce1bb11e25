//! Record sources: format, encoding and dialect sniffing, and streaming readers for the
//! files agents of small communes produce (CSV and TSV in UTF-8, UTF-16 or windows-1252,
//! XLSX, XLS, ODS, any of them gzip-compressed).
//!
//! [`open_path`] detects the format from the content first and the extension second, then
//! returns a [`RecordSource`] that hands out one [`Record`] at a time into a reused buffer.
//! CSV is streamed in bounded memory. Spreadsheets are held in memory by `calamine`, under
//! the limits of [`ReadOptions`]. Every limit hit is a [`ReadError`], or a
//! [`RecordProblem`] when only one record is concerned and reading can go on.
//!
//! Record numbers follow frictionless: the header is record 1, and every later record adds
//! 1, empty lines included and newlines inside quotes excluded. Checking values against a
//! schema is left to the row loop.

mod cell;
mod cfb;
mod csv_source;
mod detect;
mod dialect;
mod encoding;
mod error;
mod fields;
mod input;
mod ods;
mod parser;
mod record;
mod sheet;

use std::fs::File;
use std::io::Read;
use std::path::Path;

pub use error::ReadError;
pub use record::{Record, RecordProblem};

use csv_source::{CsvInput, open_csv};
use detect::{HEAD_SIZE, Magic, extension, magic, text_format, zip_format};
use input::{open_stream, read_full};
use sheet::{SheetInput, open_sheet};

/// The table formats socle reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Format {
    Csv,
    Tsv,
    Xlsx,
    Xls,
    Ods,
}

/// Settings of a read. A forced format, encoding, delimiter or sheet wins over detection.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    pub format: Option<Format>,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub delimiter: Option<u8>,
    /// Sheet name of a spreadsheet; the first sheet when `None`.
    pub sheet: Option<String>,
    /// Maximum size of one CSV record in bytes, to stop an unclosed quote from swallowing
    /// the rest of a file into memory.
    pub max_record_bytes: usize,
    /// Maximum number of fields of a record.
    pub max_columns: usize,
    /// Maximum size of gzip content once decompressed, in bytes.
    pub max_decompressed_bytes: u64,
    /// Maximum size of a spreadsheet in bytes: the file size for XLS, and also the
    /// uncompressed size of the archive's parts for XLSX and ODS.
    pub max_spreadsheet_bytes: u64,
    /// Maximum number of cells of a sheet held in memory.
    pub max_sheet_cells: u64,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            format: None,
            encoding: None,
            delimiter: None,
            sheet: None,
            max_record_bytes: 16 * 1024 * 1024,
            max_columns: 16_384,
            max_decompressed_bytes: 4 * 1024 * 1024 * 1024,
            max_spreadsheet_bytes: 256 * 1024 * 1024,
            // About 64 MiB of cell slots (32 bytes each) before their text.
            max_sheet_cells: 2_000_000,
        }
    }
}

/// Format, encoding and dialect of a source, detected before reading its records.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SourceInfo {
    pub format: Format,
    /// `Some("gzip")` for compressed files.
    pub compression: Option<&'static str>,
    /// Encoding label as `encoding_rs` names it: `UTF-8`, `windows-1252`, `ISO-8859-15`,
    /// `UTF-16LE`, `UTF-16BE`. Spreadsheets report `UTF-8`.
    pub encoding: &'static str,
    pub bom: bool,
    pub delimiter: Option<u8>,
    /// `CRLF`, `LF`, `CR` or `mixed`, as the records of the first 64 KiB end.
    pub line_terminator: Option<&'static str>,
    pub sheet: Option<String>,
    /// Names of every sheet of a spreadsheet, in workbook order; empty for CSV and TSV.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<String>,
    /// Size of the content in bytes, after decompression.
    pub bytes: u64,
    /// `false` when the encoding was guessed from mixed evidence, which the report may
    /// mention as a warning.
    pub encoding_confident: bool,
    /// Spaces after each delimiter are dropped, as Python's sniffer decides it (every
    /// delimiter of the first line followed by a space).
    pub skip_initial_space: bool,
}

/// A stream of records from one table.
pub trait RecordSource: Send {
    fn info(&self) -> &SourceInfo;
    /// Reads the next record into `record`; Ok(false) at the end. An Err stops the reading.
    fn read_record(&mut self, record: &mut Record) -> Result<bool, ReadError>;
    /// How far the reading is, as `(done, total)` in a unit of the source's choice (file
    /// bytes for delimited text, rows for spreadsheets); `total` is 0 when unknown.
    fn position(&self) -> (u64, u64) {
        (0, 0)
    }
}

/// Opens a file as a record source, detecting its format, encoding and dialect.
pub fn open_path(path: &Path, options: &ReadOptions) -> Result<Box<dyn RecordSource>, ReadError> {
    // Files are read twice (encoding pass, then records) and spreadsheets are seeked, so
    // pipes and devices cannot be read; checking first also avoids blocking on a FIFO.
    let metadata = std::fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(ReadError::Io(std::io::Error::from(
            std::io::ErrorKind::IsADirectory,
        )));
    }
    if !metadata.is_file() {
        return Err(ReadError::NotRegularFile);
    }
    let plan = plan(path, options)?;
    match plan.format {
        Format::Csv | Format::Tsv => {
            let input = CsvInput {
                path,
                format: plan.format,
                gzip: plan.gzip,
            };
            Ok(Box::new(open_csv(input, options)?))
        }
        Format::Xlsx | Format::Xls | Format::Ods => {
            let input = SheetInput {
                path,
                format: plan.format,
                gzip: plan.gzip,
            };
            Ok(Box::new(open_sheet(input, options)?))
        }
    }
}

/// Detects what [`open_path`] would, without reading records: a full encoding pass for
/// CSV, the workbook loaded for spreadsheets.
pub fn sniff_path(path: &Path, options: &ReadOptions) -> Result<SourceInfo, ReadError> {
    open_path(path, options).map(|source| source.info().clone())
}

/// The format of a file and whether it is gzip-compressed.
struct Plan {
    format: Format,
    gzip: bool,
}

/// Detects the format (see `detect`), honouring a forced format.
fn plan(path: &Path, options: &ReadOptions) -> Result<Plan, ReadError> {
    let mut head = vec![0u8; HEAD_SIZE];
    let head_len = read_full(&mut File::open(path)?, &mut head)?;
    head.truncate(head_len);
    if head.is_empty() {
        return Err(ReadError::EmptyFile);
    }

    let mut gzip = false;
    let mut kind = magic(&head);
    if kind == Magic::Gzip {
        gzip = true;
        let mut stream = open_stream(path, true, options.max_decompressed_bytes)?;
        head.resize(HEAD_SIZE, 0);
        let head_len = read_full(&mut stream, &mut head)?;
        head.truncate(head_len);
        if head.is_empty() {
            return Err(ReadError::EmptyFile);
        }
        kind = magic(&head);
    }

    let format = match (kind, options.format) {
        (Magic::Binary(kind), _) => return Err(ReadError::BinaryContent { kind }),
        (Magic::Gzip, _) => {
            return Err(ReadError::UnsupportedFormat {
                kind: "gzip inside gzip".to_owned(),
            });
        }
        (_, Some(forced)) => forced,
        (Magic::Ole2, None) => Format::Xls,
        (Magic::Zip, None) => detect_zip(path, gzip, options)?,
        (Magic::Text, None) => text_format(extension(path).as_deref(), &head)?,
    };
    Ok(Plan { format, gzip })
}

fn detect_zip(path: &Path, gzip: bool, options: &ReadOptions) -> Result<Format, ReadError> {
    let limit = options.max_spreadsheet_bytes;
    if gzip {
        let mut content = Vec::new();
        let stream = open_stream(path, true, options.max_decompressed_bytes)?;
        stream
            .take(limit.saturating_add(1))
            .read_to_end(&mut content)?;
        if content.len() as u64 > limit {
            return Err(ReadError::SpreadsheetTooLarge {
                size: content.len() as u64,
                limit,
            });
        }
        zip_format(std::io::Cursor::new(content), limit)
    } else {
        zip_format(std::io::BufReader::new(File::open(path)?), limit)
    }
}
