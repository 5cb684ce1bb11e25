//! Cells repeated down a column: a worker skips the checks of a cell equal to the field's
//! previous valid cell, and the report must not change because of it.

use std::path::PathBuf;

use tableschema::Schema;
use validate::{Options, Report, validate_path};

const SCHEMA: &str = r#"{
  "fields": [
    {"name": "siren", "type": "string", "constraints": {"required": true, "pattern": "^\\d{9}$"}},
    {"name": "actif", "type": "boolean"},
    {"name": "date", "type": "date"},
    {"name": "code", "type": "string", "constraints": {"unique": true, "enum": ["A", "B"]}},
    {"name": "nombre", "type": "integer", "constraints": {"minimum": 0}}
  ],
  "primaryKey": ["nombre"]
}"#;

fn validate(name: &str, content: &str, threads: usize, batch_rows: usize) -> Report {
    let dir = std::env::temp_dir().join(format!("socle-repeated-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, content).expect("fixture written");
    let (schema, _) = Schema::from_json_slice(SCHEMA.as_bytes()).expect("schema loaded");
    let compiled = schema.compile().expect("schema compiled");
    let options = Options {
        threads,
        batch_rows,
        ..Options::default()
    };
    validate_path(&path, Some(&compiled), None, &options).expect("validated")
}

/// Returns `(row, field, type)` of every error, in report order.
fn errors(report: &Report) -> Vec<(u64, usize, String)> {
    report
        .errors
        .iter()
        .map(|finding| {
            (
                finding.row_number.unwrap_or(0),
                finding.field_number.unwrap_or(0),
                finding.code.to_string(),
            )
        })
        .collect()
}

const CONTENT: &str = "siren,actif,date,code,nombre
123456789,true,2024-01-31,A,1
123456789,true,2024-01-31,A,2
12345678,true,2024-01-31,B,3
12345678,vrai,2024-13-31,B,3
123456789,vrai,2024-13-31,A,-1
123456789,true,2024-01-31,A,5
";

#[test]
fn repeated_invalid_cells_reported_each_row() {
    let report = validate("repeated.csv", CONTENT, 1, 1024);
    let found = errors(&report);
    let expected: Vec<(u64, usize, String)> = [
        (3, 4, "unique-error"),
        (4, 1, "constraint-error"),
        (5, 0, "primary-key"),
        (5, 1, "constraint-error"),
        (5, 2, "type-error"),
        (5, 3, "type-error"),
        (5, 4, "unique-error"),
        (6, 2, "type-error"),
        (6, 3, "type-error"),
        (6, 4, "unique-error"),
        (6, 5, "constraint-error"),
        (7, 4, "unique-error"),
    ]
    .into_iter()
    .map(|(row, field, code)| (row, field, code.to_owned()))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn report_same_for_any_batch_split() {
    let reference = errors(&validate("split-1.csv", CONTENT, 1, 1024));
    for (threads, batch_rows) in [(2, 1), (2, 2), (3, 1), (1, 3)] {
        let report = validate(
            &format!("split-{threads}-{batch_rows}.csv"),
            CONTENT,
            threads,
            batch_rows,
        );
        assert_eq!(
            errors(&report),
            reference,
            "{threads} threads, {batch_rows} rows per batch"
        );
    }
}
