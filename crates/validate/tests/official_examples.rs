//! Every official example file of the reference schemas gets the verdict its publisher
//! gives it: files meant to be valid have no error, files meant to be invalid have some.
//!
//! The examples are read from the `shared/reference/schemas` folder beside the repository;
//! without it the test says so and passes.

use std::path::{Path, PathBuf};

use tableschema::Schema;
use validate::{Options, validate_path};

fn reference_root() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/schemas");
    if root.is_dir() {
        Some(root)
    } else {
        eprintln!(
            "skipped: {} is absent, official examples not checked",
            root.display()
        );
        None
    }
}

#[test]
fn official_examples_get_published_verdict() {
    let Some(root) = reference_root() else { return };
    let cases = include_str!("data/official-examples.tsv");
    let mut failures = Vec::new();
    for line in cases
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
    {
        let columns: Vec<&str> = line.split('\t').collect();
        let [file, schema_file, expected] = columns[..] else {
            panic!("bad case line: {line}")
        };
        let descriptor = std::fs::read(root.join(schema_file)).expect("schema file");
        let (schema, _warnings) = Schema::from_json_slice(&descriptor)
            .unwrap_or_else(|error| panic!("{schema_file}: {error}"));
        let compiled = schema
            .compile()
            .unwrap_or_else(|error| panic!("{schema_file}: {error}"));
        let report = validate_path(&root.join(file), Some(&compiled), None, &Options::default())
            .unwrap_or_else(|error| panic!("{file}: {error}"));
        let verdict = if report.is_valid() {
            "valid"
        } else {
            "invalid"
        };
        if verdict != expected {
            let found: Vec<String> = report
                .errors
                .iter()
                .take(5)
                .map(|finding| {
                    format!(
                        "{} row {:?} {:?} {:?}",
                        finding.code, finding.row_number, finding.field_name, finding.cell
                    )
                })
                .collect();
            failures.push(format!(
                "{file}: expected {expected}, got {verdict}; first errors: {found:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} example(s) with the wrong verdict:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
