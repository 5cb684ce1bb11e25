//! Every converted sample is valid against the SCDL budget schema, checked by socle's own
//! validator with Validata's custom checks (the SIRET checksum among them).

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};

use tableschema::Schema;
use totem::{ConvertOptions, Plans};
use validate::{Options, validate_path};

const SAMPLES: [&str; 6] = [
    "crach-lotissement-le-boceno-ca-2021",
    "crach-budget-principal-ca-2021",
    "crach-budget-principal-bp-2022",
    "saint-malo-agglo-transport-bp-2022",
    "mohon-cfu-2023",
    "montreuil-ca-2016",
];

fn reference() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: reference folder {} is absent", path.display());
        None
    }
}

#[test]
fn converted_samples_valid_against_schema() {
    let Some(root) = reference() else { return };
    let descriptor = std::fs::read(root.join("schemas/budget/schema.json")).expect("budget schema");
    let (schema, _) = Schema::from_json_slice(&descriptor).expect("schema loads");
    let compiled = schema.compile().expect("schema compiles");
    let plans = Plans::load_dir(&root.join("totem/plans-de-compte")).expect("plans folder");

    for sample in SAMPLES {
        let input_path = root.join("totem/samples").join(sample).join("totem.xml");
        let input = BufReader::new(File::open(&input_path).expect("sample"));
        let csv_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{sample}.csv"));
        let output = BufWriter::new(File::create(&csv_path).expect("temporary CSV"));
        totem::convert(input, output, &plans, &ConvertOptions::default()).expect("conversion");

        let report = validate_path(&csv_path, Some(&compiled), None, &Options::default())
            .expect("validation runs");
        let errors: Vec<String> = report
            .errors
            .iter()
            .take(10)
            .map(|finding| {
                format!(
                    "{} row {:?} {:?} {:?}",
                    finding.code, finding.row_number, finding.field_name, finding.cell
                )
            })
            .collect();
        assert!(report.is_valid(), "{sample}: {errors:#?}");
    }
}

/// The reference converter's output breaks the schema (capitalised stage, empty chapters), so
/// the validator used above does reject what the conversion fixes.
#[test]
fn reference_output_invalid_against_schema() {
    let Some(root) = reference() else { return };
    let descriptor = std::fs::read(root.join("schemas/budget/schema.json")).expect("budget schema");
    let (schema, _) = Schema::from_json_slice(&descriptor).expect("schema loads");
    let compiled = schema.compile().expect("schema compiles");
    let expected = root.join("totem/samples/crach-budget-principal-ca-2021/expected.csv");

    let report = validate_path(&expected, Some(&compiled), None, &Options::default())
        .expect("validation runs");

    assert!(!report.is_valid());
    let fields: std::collections::BTreeSet<&str> = report
        .errors
        .iter()
        .filter_map(|finding| finding.field_name.as_deref())
        .collect();
    assert!(fields.contains("BGT_NATDEC"), "errors on {fields:?}");
    assert!(fields.contains("BGT_SECTION"), "errors on {fields:?}");
}
