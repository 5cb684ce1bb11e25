//! Validata's own test files for `one-of-required` and the SIRET check, validated against
//! the official subventions schema: each file must give the errors its name announces.
//!
//! The files and the schema are read from the `shared` folder beside the repository. When
//! that folder is absent, the test prints a skip message and passes.

use std::path::{Path, PathBuf};

use tableschema::Schema;
use validate::{Options, validate_path};

fn shared() -> Option<PathBuf> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if shared.is_dir() {
        Some(shared)
    } else {
        eprintln!(
            "skipped: {} is absent, the Validata fixtures were not checked",
            shared.display()
        );
        None
    }
}

/// Returns the error types a fixture's name announces, with their row numbers. In Validata
/// 0.12.5 the SIRET check reports `custom-check-error`, while the fixture names date from
/// the time it reported `french-siret-value`.
fn announced(file_name: &str) -> Vec<(&'static str, u64)> {
    if file_name.starts_with("exemple_valide") {
        Vec::new()
    } else if file_name.contains("one_of_required4") {
        // Both columns absent: the error is at the header.
        vec![("one-of-required", 1)]
    } else if file_name.contains("one_of_required") {
        vec![("one-of-required", 2)]
    } else if file_name.contains("constraint_error") {
        vec![("constraint-error", 2)]
    } else if file_name.contains("french_siret_error") {
        vec![("custom-check-error", 2)]
    } else {
        panic!("fixture {file_name} announces nothing known")
    }
}

#[test]
fn subventions_fixtures_give_announced_errors() {
    let Some(shared) = shared() else { return };
    let schema_path = shared.join("reference/schemas/subventions/schema.json");
    let bytes = std::fs::read(&schema_path).expect("subventions schema readable");
    let (schema, _) = Schema::from_json_slice(&bytes).expect("subventions schema loads");
    let compiled = schema.compile().expect("subventions schema compiles");

    let folder =
        shared.join("reference/real/validata-fixtures/examples_subventions_one_of_required");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("fixtures folder")
        .map(|entry| entry.expect("readable entry").path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 11, "fixtures in {}", folder.display());

    let mut failures = Vec::new();
    for path in files {
        let file_name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default()
            .to_owned();
        let report = validate_path(&path, Some(&compiled), None, &Options::default())
            .expect("fixture readable");
        let actual: Vec<(&str, u64)> = report
            .errors
            .iter()
            .map(|finding| (finding.code, finding.row_number.unwrap_or(0)))
            .collect();
        let expected = announced(&file_name);
        if actual != expected {
            failures.push(format!(
                "{file_name}: expected {expected:?}, got {:?}",
                report.errors
            ));
        }
        // Both SIRET declarations of the schema use the deprecated name.
        let deprecations = report
            .warnings
            .iter()
            .filter(|finding| finding.code == "deprecated-custom-check")
            .count();
        if deprecations != 2 {
            failures.push(format!(
                "{file_name}: {deprecations} deprecation warnings instead of 2"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
