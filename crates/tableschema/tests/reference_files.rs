//! Reads the example CSV files of the reference schemas cell by cell and counts type and
//! constraint errors. The counts must match those of frictionless 5.21 on the same files,
//! which are zero for the valid examples and the intended errors for the invalid ones.
//!
//! Only cells are checked here (type, constraints, `required` on missing cells). Header
//! matching, row structure, `unique` and keys belong to the `validate` crate.

use std::path::Path;

use tableschema::Schema;

#[derive(Debug, Default, PartialEq)]
struct Counts {
    type_errors: usize,
    constraint_errors: usize,
}

fn shared_schemas() -> Option<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/schemas");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: reference folder {} not found", dir.display());
        None
    }
}

/// Counts the cell errors of a CSV file against a schema, matching columns by name.
fn count_errors(schema_path: &Path, csv_path: &Path) -> Counts {
    let bytes = std::fs::read(schema_path).expect("schema readable");
    let (schema, _) = Schema::from_json_slice(&bytes).expect("schema loads");
    let compiled = schema.compile().expect("schema compiles");

    let data = std::fs::read(csv_path).expect("CSV readable");
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&data);
    let first_line = data.split(|byte| *byte == b'\n').next().unwrap_or_default();
    let semicolons = first_line.iter().filter(|byte| **byte == b';').count();
    let commas = first_line.iter().filter(|byte| **byte == b',').count();
    let delimiter = if semicolons > commas { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(data);

    let headers = reader.headers().expect("header row").clone();
    let columns: Vec<Option<usize>> = headers
        .iter()
        .map(|label| compiled.field_index(label.trim()))
        .collect();
    let mut counts = Counts::default();
    for record in reader.records() {
        let record = record.expect("CSV record");
        for (text, column) in record.iter().zip(&columns) {
            let Some(field) = column.map(|index| &compiled.fields()[index]) else {
                continue;
            };
            if field.is_missing(text) {
                counts.constraint_errors += usize::from(field.is_required());
                continue;
            }
            match field.parse(text) {
                Err(_) => counts.type_errors += 1,
                Ok(value) => {
                    field.check_constraints(text, &value, &mut |_| counts.constraint_errors += 1)
                }
            }
        }
    }
    counts
}

fn expect(folder: &str, file: &str, type_errors: usize, constraint_errors: usize) {
    let Some(schemas) = shared_schemas() else {
        return;
    };
    let dir = schemas.join(folder);
    let counts = count_errors(&dir.join("schema.json"), &dir.join(file));
    assert_eq!(
        counts,
        Counts {
            type_errors,
            constraint_errors
        },
        "{folder}/{file}"
    );
}

#[test]
fn valid_examples_have_no_cell_errors() {
    for (folder, file) in [
        ("bal", "bal_simple_v1.5.csv"),
        ("decp-dpa", "exemple-valide.csv"),
        ("decp-tabulaire", "exemple-valide.csv"),
        ("decp-tabulaire", "fichier-vide.csv"),
        ("dispositif-aide", "exemple.csv"),
        ("dispositif-aide-professionnels", "exemple.csv"),
        ("irve-statique", "exemple-valide-statique.csv"),
        ("irve-dynamique", "exemple-valide-dynamique.csv"),
        ("lieux-covoiturage/v0.2.0", "exemple-valide.csv"),
        ("mediation-numerique", "exemple-valide.csv"),
        ("stationnement-cyclable", "exemple-valide.csv"),
        ("prenoms", "prenoms-nouveaux-nes_exemple-valide.csv"),
        ("stationnement", "exemple-valide.csv"),
        ("subventions", "exemple_valide.csv"),
    ] {
        expect(folder, file, 0, 0);
    }
}

#[test]
fn covoiturage_invalid_example_has_one_type_error() {
    expect("lieux-covoiturage/v0.2.0", "exemple-invalide.csv", 1, 0);
}

#[test]
fn prenoms_invalid_example_has_seven_pattern_errors() {
    expect("prenoms", "prenoms-nouveaux-nes_exemple-invalide.csv", 0, 7);
}

#[test]
fn stationnement_invalid_example_has_two_constraint_errors() {
    expect("stationnement", "exemple-invalide.csv", 0, 2);
}
