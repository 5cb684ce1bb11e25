//! The spreadsheet record source (XLSX, XLS, ODS), reading one sheet with `calamine`.
//!
//! Cells are turned into the text a person typed in them, plus their native kind. Text
//! stays text and numbers lose a spurious `.0`. Dates become ISO 8601, never a serial
//! number. Booleans become `true`/`false`, and error cells their code (`#N/A`) with a
//! problem.
//! Records start at the first used row and column, as frictionless (openpyxl) reads them,
//! are padded to the header's width, and trailing empty rows are dropped.
//!
//! NOTE: `calamine` holds a sheet in memory. XLSX cells are streamed but kept (non-empty
//! ones only, up to `max_sheet_cells`). ODS sheets are bounded before loading (see `ods`).
//! XLS sheets are loaded as a dense grid before their size can be checked, so only the
//! file size limit and the XLS format's own maximum (65 536 rows, 256 columns) bound them.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::panic::AssertUnwindSafe;
use std::path::Path;

use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx, open_workbook_from_rs};

use super::cell::cell_text;
use super::cfb::check_compound_file;
use super::error::ReadError;
use super::input::{CHUNK_SIZE, open_stream};
use super::ods::ods_cell_bound;
use super::{Format, ReadOptions, Record, RecordProblem, RecordSource, SourceInfo};

/// A non-empty cell, at a position relative to the first used row and column.
struct SheetCell {
    row: u32,
    column: u32,
    value: Data,
}

pub(crate) struct SheetSource {
    info: SourceInfo,
    /// Sorted by row, then column.
    cells: Vec<SheetCell>,
    next_cell: usize,
    next_row: u32,
    row_count: u32,
    header_width: usize,
    text: String,
}

/// Path, format and container of a spreadsheet.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SheetInput<'a> {
    pub(crate) path: &'a Path,
    pub(crate) format: Format,
    pub(crate) gzip: bool,
}

/// Loads the sheet chosen by `options.sheet` (the first one by default).
pub(crate) fn open_sheet(
    input: SheetInput<'_>,
    options: &ReadOptions,
) -> Result<SheetSource, ReadError> {
    let limit = options.max_spreadsheet_bytes;
    let (name, sheets, cells, bytes) = if input.gzip {
        let content = read_gzip_content(input.path, options)?;
        let bytes = content.len() as u64;
        let (name, sheets, cells) = load(Cursor::new(content), input.format, options)?;
        (name, sheets, cells, bytes)
    } else {
        let bytes = std::fs::metadata(input.path)?.len();
        if bytes > limit {
            return Err(ReadError::SpreadsheetTooLarge { size: bytes, limit });
        }
        let reader = BufReader::with_capacity(CHUNK_SIZE, File::open(input.path)?);
        let (name, sheets, cells) = load(reader, input.format, options)?;
        (name, sheets, cells, bytes)
    };
    let info = SourceInfo {
        format: input.format,
        compression: input.gzip.then_some("gzip"),
        encoding: "UTF-8",
        bom: false,
        delimiter: None,
        line_terminator: None,
        sheet: Some(name),
        sheets,
        bytes,
        encoding_confident: true,
        skip_initial_space: false,
    };
    Ok(SheetSource::new(info, cells))
}

/// Decompresses a gzip file into memory, up to the smaller of the two size limits.
fn read_gzip_content(path: &Path, options: &ReadOptions) -> Result<Vec<u8>, ReadError> {
    let limit = options
        .max_spreadsheet_bytes
        .min(options.max_decompressed_bytes);
    let mut stream = open_stream(path, true, options.max_decompressed_bytes)?;
    let mut content = Vec::new();
    let read = (&mut stream)
        .take(limit.saturating_add(1))
        .read_to_end(&mut content)?;
    if read as u64 > limit {
        return Err(ReadError::SpreadsheetTooLarge {
            size: read as u64,
            limit,
        });
    }
    Ok(content)
}

fn spreadsheet_error(error: impl std::fmt::Display) -> ReadError {
    ReadError::Spreadsheet {
        detail: error.to_string(),
    }
}

/// Picks the sheet name: the requested one, or the first.
fn choose_sheet(names: Vec<String>, requested: Option<&str>) -> Result<String, ReadError> {
    match requested {
        Some(wanted) if names.iter().any(|name| name == wanted) => Ok(wanted.to_owned()),
        Some(wanted) => Err(ReadError::SheetNotFound {
            name: wanted.to_owned(),
            available: names.join(", "),
        }),
        None => names.into_iter().next().ok_or(ReadError::NoSheet),
    }
}

/// Opens the workbook and collects the non-empty cells of the chosen sheet.
///
/// A panic inside `calamine` becomes an error: version 0.38 panics on some malformed
/// files (a sector index past the end of an XLS file, for one).
fn load<RS: Read + Seek>(
    mut reader: RS,
    format: Format,
    options: &ReadOptions,
) -> Result<LoadedSheet, ReadError> {
    if format == Format::Xls {
        let file_len = reader.seek(SeekFrom::End(0))?;
        check_compound_file(&mut reader, file_len, options.max_sheet_cells)?;
        reader.seek(SeekFrom::Start(0))?;
    }
    if format == Format::Xlsx {
        check_shared_strings(&mut reader, options.max_sheet_cells)?;
        reader.seek(SeekFrom::Start(0))?;
    }
    if format == Format::Ods {
        let limit = options.max_sheet_cells;
        if ods_cell_bound(&mut reader)? > limit {
            return Err(ReadError::SheetTooLarge { limit });
        }
        reader.seek(SeekFrom::Start(0))?;
    }
    let loaded = std::panic::catch_unwind(AssertUnwindSafe(|| load_cells(reader, format, options)));
    loaded.unwrap_or_else(|_| {
        Err(ReadError::Spreadsheet {
            detail: "the spreadsheet library failed on this file".to_owned(),
        })
    })
}

/// Rejects an XLSX whose shared-strings table declares more entries than a sheet may have
/// cells: `calamine` 0.38 reserves memory for the declared count before reading any
/// entry, so a file of a few bytes could ask for gigabytes.
fn check_shared_strings<RS: Read + Seek>(reader: &mut RS, limit: u64) -> Result<(), ReadError> {
    let mut archive = zip::ZipArchive::new(reader).map_err(spreadsheet_error)?;
    let Ok(entry) = archive.by_name("xl/sharedStrings.xml") else {
        return Ok(());
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(entry));
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf).map_err(spreadsheet_error)? {
            quick_xml::events::Event::Start(element) | quick_xml::events::Event::Empty(element)
                if element.local_name().as_ref() == "sst" =>
            {
                for name in ["uniqueCount", "count"] {
                    let declared = element.try_get_attribute(name).ok().flatten();
                    let count =
                        declared.and_then(|attribute| attribute.value.trim().parse::<u64>().ok());
                    if count.is_some_and(|count| count > limit) {
                        return Err(ReadError::SheetTooLarge { limit });
                    }
                }
                return Ok(());
            }
            quick_xml::events::Event::Eof => return Ok(()),
            _ => buf.clear(),
        }
    }
}

/// The chosen sheet's name, the names of every sheet of the workbook, and the chosen
/// sheet's cells.
type LoadedSheet = (String, Vec<String>, Vec<SheetCell>);

fn load_cells<RS: Read + Seek>(
    reader: RS,
    format: Format,
    options: &ReadOptions,
) -> Result<LoadedSheet, ReadError> {
    let requested = options.sheet.as_deref();
    let (name, sheets, mut cells) = match format {
        Format::Xlsx => {
            let mut workbook: Xlsx<RS> =
                open_workbook_from_rs(reader).map_err(spreadsheet_error)?;
            let sheets = workbook.sheet_names();
            let name = choose_sheet(sheets.clone(), requested)?;
            let cells = stream_xlsx_cells(&mut workbook, &name, options)?;
            (name, sheets, cells)
        }
        Format::Xls => {
            let mut workbook: Xls<RS> = open_workbook_from_rs(reader).map_err(spreadsheet_error)?;
            let sheets = workbook.sheet_names();
            let name = choose_sheet(sheets.clone(), requested)?;
            let range = workbook.worksheet_range(&name).map_err(spreadsheet_error)?;
            (name, sheets, range_cells(&range, options)?)
        }
        Format::Ods => {
            let mut workbook: Ods<RS> = open_workbook_from_rs(reader).map_err(spreadsheet_error)?;
            let sheets = workbook.sheet_names();
            let name = choose_sheet(sheets.clone(), requested)?;
            let range = workbook.worksheet_range(&name).map_err(spreadsheet_error)?;
            (name, sheets, range_cells(&range, options)?)
        }
        Format::Csv | Format::Tsv => {
            return Err(ReadError::UnsupportedFormat {
                kind: "CSV as spreadsheet".to_owned(),
            });
        }
    };
    normalise_positions(&mut cells);
    Ok((name, sheets, cells))
}

/// Streams the cells of an XLSX sheet, keeping the non-empty ones up to the cell limit.
fn stream_xlsx_cells<RS: Read + Seek>(
    workbook: &mut Xlsx<RS>,
    name: &str,
    options: &ReadOptions,
) -> Result<Vec<SheetCell>, ReadError> {
    let mut reader = workbook
        .worksheet_cells_reader(name)
        .map_err(spreadsheet_error)?;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(spreadsheet_error)? {
        let (row, column) = cell.get_position();
        let value = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(text) if text.is_empty() => continue,
            DataRef::SharedString("") => continue,
            other => Data::from(other.clone()),
        };
        push_cell(&mut cells, SheetCell { row, column, value }, options)?;
    }
    Ok(cells)
}

/// Collects the non-empty cells of a loaded sheet, after checking its size.
fn range_cells(
    range: &calamine::Range<Data>,
    options: &ReadOptions,
) -> Result<Vec<SheetCell>, ReadError> {
    let (height, width) = range.get_size();
    let area = (height as u64).saturating_mul(width as u64);
    if area > options.max_sheet_cells {
        return Err(ReadError::SheetTooLarge {
            limit: options.max_sheet_cells,
        });
    }
    let mut cells = Vec::new();
    for (row, column, value) in range.used_cells() {
        if matches!(value, Data::String(text) if text.is_empty()) {
            continue;
        }
        let (row, column) = (
            u32::try_from(row).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        );
        push_cell(
            &mut cells,
            SheetCell {
                row,
                column,
                value: value.clone(),
            },
            options,
        )?;
    }
    Ok(cells)
}

fn push_cell(
    cells: &mut Vec<SheetCell>,
    cell: SheetCell,
    options: &ReadOptions,
) -> Result<(), ReadError> {
    if cells.len() as u64 >= options.max_sheet_cells {
        return Err(ReadError::SheetTooLarge {
            limit: options.max_sheet_cells,
        });
    }
    let count = cell.column as usize + 1;
    if count > options.max_columns {
        return Err(ReadError::TooManyColumns {
            count,
            limit: options.max_columns,
        });
    }
    cells.push(cell);
    Ok(())
}

/// Sorts the cells and makes positions relative to the first used row and column.
fn normalise_positions(cells: &mut [SheetCell]) {
    cells.sort_by_key(|cell| (cell.row, cell.column));
    let first_row = cells.first().map_or(0, |cell| cell.row);
    let first_column = cells.iter().map(|cell| cell.column).min().unwrap_or(0);
    for cell in cells.iter_mut() {
        cell.row -= first_row;
        cell.column -= first_column;
    }
}

impl SheetSource {
    fn new(info: SourceInfo, cells: Vec<SheetCell>) -> SheetSource {
        let row_count = cells.last().map_or(0, |cell| cell.row + 1);
        let header_width = cells
            .iter()
            .take_while(|cell| cell.row == 0)
            .last()
            .map_or(0, |cell| cell.column as usize + 1);
        SheetSource {
            info,
            cells,
            next_cell: 0,
            next_row: 0,
            row_count,
            header_width,
            text: String::new(),
        }
    }
}

impl RecordSource for SheetSource {
    fn info(&self) -> &SourceInfo {
        &self.info
    }

    fn position(&self) -> (u64, u64) {
        (u64::from(self.next_row), u64::from(self.row_count))
    }

    fn read_record(&mut self, record: &mut Record) -> Result<bool, ReadError> {
        record.clear();
        if self.next_row >= self.row_count {
            return Ok(false);
        }
        let row = self.next_row;
        self.next_row += 1;
        record.row_number = u64::from(row) + 1;

        let start = self.next_cell;
        let row_cells = self.cells.get(start..).unwrap_or_default();
        let in_row = row_cells.iter().take_while(|cell| cell.row == row).count();
        self.next_cell += in_row;
        let row_cells = row_cells.get(..in_row).unwrap_or_default();
        let width = row_cells
            .last()
            .map_or(0, |cell| cell.column as usize + 1)
            .max(self.header_width);

        let mut cells = row_cells.iter().peekable();
        for column in 0..width {
            let cell = cells.next_if(|cell| cell.column as usize == column);
            let native = match cell {
                Some(cell) => {
                    let converted = cell_text(&cell.value, &mut self.text);
                    if let Some(value) = converted.error {
                        record.problems.push(RecordProblem::SpreadsheetErrorCell {
                            field_index: column,
                            value,
                        });
                    }
                    converted.native
                }
                None => {
                    self.text.clear();
                    None
                }
            };
            record.fields_mut().push_field(self.text.as_bytes());
            record.natives_mut().push(native);
        }
        Ok(true)
    }
}
