//! Custom checks compared with Validata (PyPI `validata-table` 0.12.5) on a file that mixes
//! ten declarations and 150 rows of valid and invalid values for each.
//!
//! The `(type, rowNumber, fieldName)` sets of errors must be equal. The values avoid the
//! documented differences (overseas phone numbers in national form, `one-of-required` with
//! one column absent, the opening-hours forms listed in `opening_hours.tsv`), which the
//! cases of `custom_checks.rs` cover.
//!
//! Validata runs through the launcher `shared/tools/validata-report` with the Python given by
//! `SOCLE_VALIDATA_PYTHON`. Without it, or without the `shared` folder, the test prints a
//! skip message and passes, unless `SOCLE_REQUIRE_VALIDATA=1`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use tableschema::Schema;
use validate::{Options, validate_path};

type Key = (String, Option<u64>, Option<String>);

fn validata_python() -> Option<(PathBuf, PathBuf)> {
    let required = std::env::var("SOCLE_REQUIRE_VALIDATA").is_ok_and(|value| value == "1");
    let launcher =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/tools/validata-report");
    let python = std::env::var_os("SOCLE_VALIDATA_PYTHON").map(PathBuf::from);
    let reason = match (&python, launcher.is_file()) {
        (_, false) => format!("{} is absent", launcher.display()),
        (None, _) => "SOCLE_VALIDATA_PYTHON is not set".to_owned(),
        (Some(python), true) => return Some((python.clone(), launcher)),
    };
    assert!(!required, "Validata comparison required but {reason}");
    eprintln!("skipped: {reason}; the custom checks were not compared with Validata");
    None
}

fn validata_errors(python: &Path, launcher: &Path, file: &Path, schema: &Path) -> BTreeSet<Key> {
    let output_path = std::env::temp_dir().join(format!(
        "socle-custom-differential-{}.json",
        std::process::id()
    ));
    let status = Command::new(python)
        .arg(launcher)
        .arg(file)
        .arg(schema)
        .arg(&output_path)
        .status()
        .expect("Validata launcher runs");
    assert!(status.success(), "Validata failed on {}", file.display());
    let text = std::fs::read_to_string(&output_path).expect("Validata report written");
    let _ = std::fs::remove_file(&output_path);
    let body: serde_json::Value = serde_json::from_str(&text).expect("Validata report is JSON");
    let errors = body["report"]["errors"].as_array().expect("errors array");
    errors
        .iter()
        .map(|error| {
            (
                error["type"].as_str().unwrap_or_default().to_owned(),
                error["rowNumber"].as_u64(),
                error["fieldName"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn socle_errors(file: &Path, schema: &Path) -> BTreeSet<Key> {
    let descriptor = std::fs::read(schema).expect("schema readable");
    let (schema, _) = Schema::from_json_slice(&descriptor).expect("schema loads");
    let compiled = schema.compile().expect("schema compiles");
    let report =
        validate_path(file, Some(&compiled), None, &Options::default()).expect("file readable");
    report
        .errors
        .iter()
        .map(|finding| {
            (
                finding.code.to_owned(),
                finding.row_number,
                finding.field_name.clone(),
            )
        })
        .collect()
}

#[test]
fn mixed_checks_match_validata() {
    let Some((python, launcher)) = validata_python() else {
        return;
    };
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/custom/differential");
    let file = folder.join("mixed.csv");
    let schema = folder.join("mixed-schema.json");

    let validata = validata_errors(&python, &launcher, &file, &schema);
    let socle = socle_errors(&file, &schema);

    // The file is sized to stay under Validata's cap of 1000 errors.
    assert!(
        validata.len() > 500,
        "Validata found only {} errors",
        validata.len()
    );
    let only_validata: Vec<&Key> = validata.difference(&socle).collect();
    let only_socle: Vec<&Key> = socle.difference(&validata).collect();
    assert!(
        only_validata.is_empty(),
        "only in Validata: {only_validata:?}"
    );
    assert!(only_socle.is_empty(), "only in socle: {only_socle:?}");
}
