//! An upper bound of the cells `calamine` allocates for an ODS sheet, computed by streaming
//! the spreadsheet's `content.xml` before `calamine` loads it.
//!
//! ODS compresses repeated cells and rows into one element with a repeat count, and
//! `calamine` 0.38 expands them into a dense grid of up to 100 million cells (about 3 GiB).
//! A file of a few hundred bytes can ask for that. The bound follows the same expansion:
//! the rows up to the last one holding a value, times the widest row up to its last value.
//! Repeat counts are capped as `calamine` caps them. Reading the cells is left to `sheet`.

use std::io::{BufReader, Read, Seek};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::error::ReadError;

/// Repeat caps applied by `calamine` 0.38 (the largest sheet of spreadsheet programs).
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

/// Extent of one table, in rows and columns counted after expansion.
#[derive(Default)]
struct TableExtent {
    rows: u64,
    rows_with_value: u64,
    width: u64,
    row_repeat: u64,
    row_column: u64,
    row_width: u64,
}

impl TableExtent {
    fn area(&self) -> u64 {
        self.rows_with_value.saturating_mul(self.width)
    }
}

fn invalid(error: impl std::fmt::Display) -> ReadError {
    ReadError::Spreadsheet {
        detail: error.to_string(),
    }
}

/// Reads a repeat attribute (`table:number-rows-repeated`…), 1 when absent, capped.
fn repeat(element: &BytesStart<'_>, name: &str, cap: u64) -> u64 {
    let value = element.try_get_attribute(name).ok().flatten();
    let count = value.and_then(|attribute| attribute.value.trim().parse::<u64>().ok());
    count.unwrap_or(1).min(cap)
}

/// Most spaces that `<text:s text:c="N"/>` elements may ask for in one file, added up:
/// `calamine` writes each requested space into the cell text.
const MAX_EXPANDED_SPACES: u64 = 16 * 1024 * 1024;

/// Returns the number of cells `calamine` would allocate for the ODS archive read by
/// `reader`, all sheets together, since `calamine` 0.38 loads every sheet when it opens
/// the file.
pub(crate) fn ods_cell_bound<R: Read + Seek>(reader: R) -> Result<u64, ReadError> {
    let mut archive = zip::ZipArchive::new(reader).map_err(invalid)?;
    let content = archive.by_name("content.xml").map_err(invalid)?;
    let mut xml = Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut table = TableExtent::default();
    let mut total = 0u64;
    let mut spaces = 0u64;

    loop {
        let event = xml.read_event_into(&mut buf).map_err(invalid)?;
        let (element, empty) = match &event {
            Event::Start(element) => (element, false),
            Event::Empty(element) => (element, true),
            Event::End(end) if end.name().as_ref() == "table:table-row" => {
                end_row(&mut table);
                buf.clear();
                continue;
            }
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        match element.name().as_ref() {
            "table:table" => {
                total = total.saturating_add(table.area());
                table = TableExtent::default();
            }
            "text:s" => {
                spaces = spaces.saturating_add(repeat(element, "text:c", u64::MAX));
                if spaces > MAX_EXPANDED_SPACES {
                    return Err(invalid(format!(
                        "the file asks for more than {MAX_EXPANDED_SPACES} repeated spaces"
                    )));
                }
            }
            "table:table-row" => {
                table.row_repeat = repeat(element, "table:number-rows-repeated", MAX_ROWS);
                table.row_column = 0;
                table.row_width = 0;
                if empty {
                    end_row(&mut table);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let count = repeat(element, "table:number-columns-repeated", MAX_COLUMNS);
                table.row_column = table.row_column.saturating_add(count).min(MAX_COLUMNS);
                // A cell with content or a value type may hold a value. Empty cells only
                // shift the next ones, as `calamine` keeps them only before a value.
                if !empty
                    || element
                        .try_get_attribute("office:value-type")
                        .ok()
                        .flatten()
                        .is_some()
                {
                    table.row_width = table.row_column;
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(total.saturating_add(table.area()))
}

fn end_row(table: &mut TableExtent) {
    table.rows = table.rows.saturating_add(table.row_repeat).min(MAX_ROWS);
    if table.row_width > 0 {
        table.rows_with_value = table.rows;
        table.width = table.width.max(table.row_width);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_cells_expanded_in_bound() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/read/repeated.ods");
        let file = std::fs::File::open(path).expect("fixture");
        // One row with one value, then 6 000 rows of 16 000 values.
        assert_eq!(ods_cell_bound(file).expect("bound"), 6_001 * 16_000);
    }
}
