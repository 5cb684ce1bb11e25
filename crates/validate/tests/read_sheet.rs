//! Tests of the spreadsheet reader on the fixtures written by `tests/data/read/make_sheets.py`
//! (same table in XLSX and XLS).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use validate::read::{Format, ReadOptions, Record, RecordProblem, open_path};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/read")
        .join(name)
}

/// Renders each record: number, then each field's text with `*` when it has a native kind.
fn render(
    path: &Path,
    options: &ReadOptions,
) -> (Format, Option<String>, String, Vec<RecordProblem>) {
    let mut source = open_path(path, options).expect("spreadsheet opened");
    let info = source.info().clone();
    let mut out = String::new();
    let mut problems = Vec::new();
    let mut record = Record::new();
    while source.read_record(&mut record).expect("record read") {
        let fields: Vec<String> = (0..record.len())
            .map(|index| {
                let marker = if record.native(index).is_some() {
                    "*"
                } else {
                    ""
                };
                format!("{}{marker}", record.get(index).unwrap_or_default())
            })
            .collect();
        let _ = writeln!(out, "{}: {}", record.row_number, fields.join("|"));
        problems.extend(record.problems.iter().cloned());
    }
    (info.format, info.sheet, out, problems)
}

const TABLE: &str = "\
1: code_insee|montant|taux|date|horodatage|heure|actif|note
2: 01234|1200*|0.1*|2024-02-29*|2024-03-01T08:30:15*|18:00:00*|true*|ok
3: 29019|3*|-2.5*||||false*|
";

#[test]
fn xlsx_cells_as_typed() {
    let (format, sheet, text, problems) = render(&data("sheet.xlsx"), &ReadOptions::default());
    assert_eq!(format, Format::Xlsx);
    assert_eq!(sheet.as_deref(), Some("Données"));
    let expected = format!("{TABLE}4: |||||||\n5: 35238|#N/A||||||\n");
    assert_eq!(text, expected);
    assert_eq!(
        problems,
        vec![RecordProblem::SpreadsheetErrorCell {
            field_index: 1,
            value: "#N/A".to_owned()
        }]
    );
}

#[test]
fn xls_cells_as_typed() {
    let (format, sheet, text, problems) = render(&data("sheet.xls"), &ReadOptions::default());
    assert_eq!(format, Format::Xls);
    assert_eq!(sheet.as_deref(), Some("Feuille 1"));
    assert_eq!(text, TABLE);
    assert!(problems.is_empty());
}

#[test]
fn sheet_chosen_by_name() {
    let options = ReadOptions {
        sheet: Some("Autre".to_owned()),
        ..ReadOptions::default()
    };
    let (_, sheet, text, _) = render(&data("sheet.xlsx"), &options);
    assert_eq!(sheet.as_deref(), Some("Autre"));
    assert_eq!(text, "1: seule\n2: valeur\n");
}

#[test]
fn missing_sheet_names_the_available_ones() {
    let options = ReadOptions {
        sheet: Some("Budget".to_owned()),
        ..ReadOptions::default()
    };
    let error = open_path(&data("sheet.xlsx"), &options)
        .err()
        .expect("sheet not found");
    assert_eq!(error.code(), "read-sheet-not-found");
    assert!(
        error
            .args()
            .contains(&("available", "Données, Autre".to_owned())),
        "{:?}",
        error.args()
    );
}

#[test]
fn cell_limit_stops_loading() {
    let options = ReadOptions {
        max_sheet_cells: 10,
        ..ReadOptions::default()
    };
    for name in ["sheet.xlsx", "sheet.xls"] {
        let error = open_path(&data(name), &options)
            .err()
            .expect("too many cells");
        assert_eq!(error.code(), "read-sheet-too-large", "{name}");
    }
}

#[test]
fn spreadsheet_size_limit() {
    let options = ReadOptions {
        max_spreadsheet_bytes: 1000,
        ..ReadOptions::default()
    };
    for name in ["sheet.xlsx", "sheet.xls"] {
        let error = open_path(&data(name), &options).err().expect("too large");
        assert_eq!(error.code(), "read-spreadsheet-too-large", "{name}");
    }
}

#[test]
fn gzip_spreadsheet_read_like_the_plain_one() {
    use std::io::Write as _;
    let bytes = std::fs::read(data("sheet.xlsx")).expect("fixture");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&bytes).expect("compressed");
    let dir = std::env::temp_dir().join(format!("socle-read-sheet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let path = dir.join("sheet.xlsx.gz");
    std::fs::write(&path, encoder.finish().expect("compressed")).expect("written");
    let (format, _, text, _) = render(&path, &ReadOptions::default());
    assert_eq!(format, Format::Xlsx);
    assert!(text.starts_with(TABLE), "{text}");
}

// These files were found by fuzzing. The first made calamine 0.38 allocate without bound
// (a FAT chain that loops), the second made it panic (a sector past the end of the file).
#[test]
fn malformed_xls_rejected() {
    for name in ["fat-loop.xls", "fat-past-end.xls"] {
        let error = open_path(&data(name), &ReadOptions::default())
            .err()
            .expect("rejected");
        assert_eq!(error.code(), "read-spreadsheet-invalid", "{name}");
    }
}

// Also found by fuzzing: a sheet whose DIMENSIONS record declares billions of cells, for
// which calamine 0.38 tried to reserve 343 GB before reading any cell.
#[test]
fn declared_xls_dimensions_bounded() {
    let error = open_path(&data("huge-dimensions.xls"), &ReadOptions::default())
        .err()
        .expect("rejected");
    assert_eq!(error.code(), "read-sheet-too-large");
}

#[test]
fn repeated_ods_cells_bounded_before_loading() {
    let error = open_path(&data("repeated.ods"), &ReadOptions::default())
        .err()
        .expect("too many cells");
    assert_eq!(error.code(), "read-sheet-too-large");
    assert!(
        error.args().contains(&("limit", "2000000".to_owned())),
        "{:?}",
        error.args()
    );
}

// An XLSX of 1.7 KB whose shared-strings table declares 4 billion entries: calamine 0.38
// reserves memory for the declared count before reading any entry.
#[test]
fn declared_shared_strings_bounded() {
    let error = open_path(&data("shared-strings-count.xlsx"), &ReadOptions::default())
        .err()
        .expect("rejected");
    assert_eq!(error.code(), "read-sheet-too-large");
}

// calamine 0.38 loads every sheet of an ODS file, so the cell bound covers them all: 40
// small sheets together exceed the limit although each one alone stays under it.
#[test]
fn ods_sheets_bounded_together() {
    let error = open_path(&data("many-sheets.ods"), &ReadOptions::default())
        .err()
        .expect("rejected");
    assert_eq!(error.code(), "read-sheet-too-large");
}

// `<text:s text:c="2000000000"/>` asks calamine to write two billion spaces into a cell.
#[test]
fn ods_repeated_spaces_bounded() {
    let error = open_path(&data("repeated-spaces.ods"), &ReadOptions::default())
        .err()
        .expect("rejected");
    assert_eq!(error.code(), "read-spreadsheet-invalid");
}

#[test]
fn pipe_rejected_before_reading() {
    let error = open_path(std::path::Path::new("/dev/null"), &ReadOptions::default())
        .err()
        .expect("rejected");
    assert_eq!(error.code(), "read-not-regular-file");
}

#[test]
fn sheet_names_listed_in_workbook_order() {
    let options = ReadOptions {
        sheet: Some("Autre".to_owned()),
        ..ReadOptions::default()
    };
    let source = open_path(&data("sheet.xlsx"), &options).expect("spreadsheet opened");
    let info = source.info();
    assert_eq!(info.sheet.as_deref(), Some("Autre"));
    assert_eq!(info.sheets, ["Données", "Autre"]);
}

#[test]
fn csv_lists_no_sheet_names() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo/deliberations-kerbrient.csv");
    let source = open_path(&path, &ReadOptions::default()).expect("CSV opened");
    assert!(source.info().sheets.is_empty());
}
