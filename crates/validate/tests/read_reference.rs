//! Reads every table file of the shared reference material, which holds real files from
//! French producers (UTF-8 with and without BOM, windows-1252, `;`, CRLF, quoted newlines,
//! XLSX, XLS, ODS).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use validate::read::{ReadOptions, Record, open_path};

fn reference_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

fn table_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            table_files(&path, found);
            continue;
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if extension.is_some_and(|e| ["csv", "tsv", "xlsx", "xls", "ods"].contains(&e.as_str())) {
            found.push(path);
        }
    }
}

/// Reads a whole file and returns its records as label → text maps.
fn records_by_label(path: &Path) -> Vec<HashMap<String, String>> {
    let mut source = open_path(path, &ReadOptions::default()).expect("opened");
    let mut record = Record::new();
    let mut labels = Vec::new();
    let mut rows = Vec::new();
    while source.read_record(&mut record).expect("read") {
        if record.row_number == 1 {
            labels = record.iter().map(str::to_owned).collect();
            continue;
        }
        let row = labels
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_owned))
            .collect();
        rows.push(row);
    }
    rows
}

#[test]
fn every_reference_table_reads() {
    let Some(dir) = reference_dir() else { return };
    let mut files = Vec::new();
    table_files(&dir, &mut files);
    assert!(files.len() > 40, "only {} table files found", files.len());
    for path in files {
        let mut source = open_path(&path, &ReadOptions::default())
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let mut record = Record::new();
        let mut count = 0u64;
        while source
            .read_record(&mut record)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
        {
            count += 1;
            assert_eq!(record.row_number, count, "{}", path.display());
            assert!(
                record.problems.is_empty(),
                "{}: row {}: {:?}",
                path.display(),
                count,
                record.problems
            );
        }
        assert!(count >= 1, "{}: no record", path.display());
    }
}

#[test]
fn legacy_encoded_real_files_detected() {
    let Some(dir) = reference_dir() else { return };
    for name in [
        "DEP_Somme_TB_20180330_DONNEES_CONVENTIONS.csv",
        "DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv",
    ] {
        let path = dir.join("real/subventions").join(name);
        let source = open_path(&path, &ReadOptions::default()).expect("opened");
        assert_eq!(source.info().encoding, "windows-1252", "{name}");
    }
}

#[test]
fn decp_spreadsheets_match_the_csv() {
    let Some(dir) = reference_dir() else { return };
    let base = dir.join("schemas/decp-tabulaire");
    let csv = records_by_label(&base.join("exemple-valide.csv"));
    let columns = [
        "tauxAvance",
        "origineUE",
        "origineFrance",
        "offresRecues",
        "dureeMois",
        "dateNotification",
        "datePublicationDonnees",
        "montant",
        "codeCPV",
        "lieuExecution_code",
        "titulaire_id",
    ];
    for name in ["exemple-valide.xlsx", "exemple-valide.ods"] {
        let sheet = records_by_label(&base.join(name));
        assert_eq!(sheet.len(), csv.len(), "{name}");
        for (index, (sheet_row, csv_row)) in sheet.iter().zip(&csv).enumerate() {
            for column in columns {
                assert_eq!(
                    sheet_row.get(column),
                    csv_row.get(column),
                    "{name} row {} column {column}",
                    index + 2
                );
            }
        }
    }
}
