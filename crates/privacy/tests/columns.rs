//! Column-aware detection: tables whose headers name personal data (`nom`, `prénom`,
//! `adresse`, `date_naissance`), measured on the labelled tables of `tests/data/columns.txt`,
//! and redaction of every finding of a record with stable pseudonyms.
//!
//! A detected span counts as correct when it overlaps a labelled span of the same kind in
//! the same cell. A labelled span counts as found when a detected span of its kind
//! overlaps it. Targets as for the cell corpus: recall ≥ 0.95 for person names,
//! addresses, e-mails, phones, NIR and IBAN, precision ≥ 0.90 for every kind.

use std::collections::BTreeMap;

use privacy::{Kind, Policy, Replacement, Scanner, Workspace};

/// One labelled cell: its text and labelled spans.
struct Cell {
    text: String,
    gold: Vec<(usize, usize, Kind)>,
}

struct Table {
    policy: String,
    header: Vec<String>,
    rows: Vec<(usize, Vec<Cell>)>,
}

fn kind_of(code: &str) -> Kind {
    match code {
        "p" => Kind::Person,
        "a" => Kind::Address,
        "e" => Kind::Email,
        "t" => Kind::Phone,
        "n" => Kind::Nir,
        "i" => Kind::Iban,
        "r" => Kind::Rib,
        "d" => Kind::BirthDate,
        other => panic!("unknown label {other:?} in columns.txt"),
    }
}

fn parse_cell(raw: &str) -> Cell {
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut rest = raw;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let colon = after.find(':').expect("label has a kind");
        let close = after.find("]]").expect("label is closed");
        let start = text.len();
        text.push_str(&after[colon + 1..close]);
        gold.push((start, text.len(), kind_of(&after[..colon])));
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    Cell { text, gold }
}

fn tables(file: &str, content: &str) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut policy = String::from("generic");
    for (index, line) in content.lines().enumerate() {
        if let Some(name) = line.strip_prefix("policy: ") {
            policy = name.trim().to_owned();
        } else if let Some(header) = line.strip_prefix("header: ") {
            tables.push(Table {
                policy: policy.clone(),
                header: header.split('|').map(str::to_owned).collect(),
                rows: Vec::new(),
            });
        } else if let Some(row) = line.strip_prefix("row: ") {
            let table = tables.last_mut().expect("a header before the first row");
            let cells: Vec<Cell> = row.split('|').map(parse_cell).collect();
            assert_eq!(
                cells.len(),
                table.header.len(),
                "{file}:{} has {} cells for {} columns",
                index + 1,
                cells.len(),
                table.header.len()
            );
            table.rows.push((index + 1, cells));
        }
    }
    tables
}

#[derive(Default)]
struct Counts {
    gold: usize,
    found: usize,
    detected: usize,
    correct: usize,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        1.0
    } else {
        numerator as f64 / denominator as f64
    }
}

#[test]
fn column_corpus_precision_and_recall() {
    let tables = tables("columns.txt", include_str!("data/columns.txt"));
    assert_targets("columns.txt", &tables, 40);
}

#[test]
fn column_holdout_precision_and_recall() {
    let tables = tables(
        "columns_holdout.txt",
        include_str!("data/columns_holdout.txt"),
    );
    assert_targets("columns_holdout.txt", &tables, 15);
}

fn assert_targets(file: &str, tables: &[Table], min_records: usize) {
    let mut counts: BTreeMap<Kind, Counts> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut records = 0;
    for table in tables {
        let scanner =
            Scanner::new(Policy::builtin(&table.policy).expect("built-in")).expect("scanner");
        let header: Vec<&str> = table.header.iter().map(String::as_str).collect();
        let mut workspace = Workspace::default();
        for (line, cells) in &table.rows {
            records += 1;
            let record: Vec<&str> = cells.iter().map(|cell| cell.text.as_str()).collect();
            let findings = scanner.scan_record(&header, &record, 2, &mut workspace);
            for (index, cell) in cells.iter().enumerate() {
                let detected: Vec<_> = findings
                    .iter()
                    .filter(|f| f.field_number == Some(index + 1))
                    .collect();
                for &(start, end, kind) in &cell.gold {
                    let entry = counts.entry(kind).or_default();
                    entry.gold += 1;
                    if detected
                        .iter()
                        .any(|f| f.kind == kind && overlaps((f.start, f.end), (start, end)))
                    {
                        entry.found += 1;
                    } else {
                        errors.push(format!(
                            "missed {} {:?} in column {:?} at {file}:{line}",
                            kind.code(),
                            &cell.text[start..end],
                            header[index]
                        ));
                    }
                }
                for finding in detected {
                    let entry = counts.entry(finding.kind).or_default();
                    entry.detected += 1;
                    let labelled = cell.gold.iter().any(|&(s, e, k)| {
                        k == finding.kind && overlaps((s, e), (finding.start, finding.end))
                    });
                    if labelled {
                        entry.correct += 1;
                    } else {
                        errors.push(format!(
                            "false {} {:?} ({}) in column {:?} at {file}:{line}",
                            finding.kind.code(),
                            &cell.text[finding.start..finding.end],
                            finding.rule,
                            header[index]
                        ));
                    }
                }
            }
        }
    }

    for error in &errors {
        eprintln!("{error}");
    }
    eprintln!("{records} records");
    eprintln!("kind         gold found recall   detected correct precision");
    for (kind, c) in &counts {
        eprintln!(
            "{:<12} {:>4} {:>5} {:>6.3}   {:>8} {:>7} {:>9.3}",
            kind.code(),
            c.gold,
            c.found,
            ratio(c.found, c.gold),
            c.detected,
            c.correct,
            ratio(c.correct, c.detected)
        );
    }
    assert!(
        records >= min_records,
        "only {records} labelled records in {file}"
    );
    let recall_targets = [
        Kind::Person,
        Kind::Address,
        Kind::Email,
        Kind::Phone,
        Kind::Nir,
        Kind::Iban,
    ];
    for (kind, c) in &counts {
        if recall_targets.contains(kind) {
            let recall = ratio(c.found, c.gold);
            assert!(
                recall >= 0.95,
                "recall of {} is {recall:.3}, below 0.95",
                kind.code()
            );
        }
        let precision = ratio(c.correct, c.detected);
        assert!(
            precision >= 0.90,
            "precision of {} is {precision:.3}, below 0.90",
            kind.code()
        );
    }
}

fn generic() -> Scanner {
    Scanner::new(Policy::builtin("generic").expect("built-in")).expect("scanner")
}

fn pseudonyms() -> Replacement {
    Replacement::Pseudonym {
        key: b"test key for column pseudonyms".to_vec(),
    }
}

#[test]
fn split_name_columns_flagged_high() {
    let header = ["nom", "prenom", "adresse"];
    let record = ["Dupont", "Jean", "12 rue des Lilas 56000 Vannes"];
    let report = generic().scan_table(&header, [&record[..]]);

    let found: Vec<(Option<usize>, Kind)> = report
        .findings
        .iter()
        .map(|f| (f.field_number, f.kind))
        .collect();
    assert_eq!(
        found,
        [
            (Some(1), Kind::Person),
            (Some(2), Kind::Person),
            (Some(3), Kind::Address)
        ]
    );
    assert!(report.requires_confirmation());
}

#[test]
fn split_name_gets_full_name_pseudonym() {
    let scanner = generic();
    let replacement = pseudonyms();
    let header = ["nom", "prenom", "objet"];
    let record = ["Dupont", "Jean", "Aide à M. Jean Dupont"];
    let mut workspace = Workspace::default();
    let (cells, entries) = scanner.redact_record(&header, &record, 2, &replacement, &mut workspace);

    let full_name = replacement.replace(Kind::Person, "Jean Dupont");
    assert_eq!(cells[0], full_name);
    assert_eq!(cells[1], full_name);
    assert_eq!(cells[2], format!("Aide à M. {full_name}"));
    assert_eq!(entries.len(), 3);
}

#[test]
fn pseudonyms_stable_across_columns_and_rows() {
    let scanner =
        Scanner::new(Policy::builtin("deliberations").expect("built-in")).expect("scanner");
    let header = ["DELIB_OBJET", "beneficiaire", "adresse", "nir"];
    let first = [
        "Attribution d'une aide à M. Jean Dupont pour la réfection de sa toiture",
        "Jean Dupont",
        "12 rue des Lilas 56000 Vannes",
        "1 75 03 56 123 456 74",
    ];
    let second = [
        "Second versement à M. Jean DUPONT",
        "DUPONT Jean",
        "12 rue des Lilas, 56000 Vannes",
        "",
    ];
    let replacement = pseudonyms();
    let (rows, record) = scanner.redact_table(
        &header,
        [&first[..], &second[..]],
        &replacement,
        "editor",
        "2026-01-01T00:00:00Z",
    );

    let person = replacement.replace(Kind::Person, "Jean Dupont");
    assert_eq!(
        rows[0][0],
        format!("Attribution d'une aide à M. {person} pour la réfection de sa toiture")
    );
    assert_eq!(rows[0][1], person);
    assert!(rows[0][2].starts_with("[adresse "), "{}", rows[0][2]);
    assert!(rows[0][3].starts_with("[NIR "), "{}", rows[0][3]);
    assert_eq!(rows[1][0], format!("Second versement à M. {person}"));
    for row in &rows {
        for cell in row {
            assert!(!cell.contains("Dupont"), "{cell}");
            assert!(!cell.contains("DUPONT"), "{cell}");
            assert!(!cell.contains("Lilas"), "{cell}");
        }
    }
    assert_eq!(record.entries.len(), 7);
}

#[test]
fn redacted_table_rescans_clean() {
    let scanner = generic();
    let header = ["nom", "adresse", "telephone", "courriel", "commentaire"];
    let record = [
        "Jean Dupont",
        "12 rue des Lilas 56000 Vannes",
        "06 12 34 56 78",
        "jean.dupont@gmail.com",
        "né le 12/03/1975",
    ];
    let (rows, record_log) = scanner.redact_table(
        &header,
        [&record[..]],
        &Replacement::Placeholder,
        "editor",
        "2026-01-01T00:00:00Z",
    );
    assert_eq!(
        rows[0],
        [
            "[nom masqué]",
            "[adresse masquée]",
            "[téléphone masqué]",
            "[courriel masqué]",
            "né le [date de naissance masquée]"
        ]
    );
    assert_eq!(record_log.entries.len(), 5);

    let cells: Vec<&str> = rows[0].iter().map(String::as_str).collect();
    let rescan = scanner.scan_table(&header, [&cells[..]]);
    assert!(rescan.findings.is_empty(), "{:?}", rescan.findings);
}

#[test]
fn unquoted_commas_continue_last_column() {
    let scanner = generic();
    let header = ["objet"];
    // An unquoted CSV line: the reader splits the object at each comma.
    let record = [
        "Courrier adressé à Mme Durand",
        " 12 rue des Lilas",
        " 56000 Vannes",
    ];
    let mut workspace = Workspace::default();
    let findings = scanner.scan_record(&header, &record, 2, &mut workspace);
    let found: Vec<(Option<usize>, Kind)> =
        findings.iter().map(|f| (f.field_number, f.kind)).collect();
    assert_eq!(
        found,
        [
            (Some(1), Kind::Person),
            (Some(2), Kind::Address),
            (Some(3), Kind::Address)
        ]
    );

    let (cells, _) = scanner.redact_record(
        &header,
        &record,
        2,
        &Replacement::Placeholder,
        &mut workspace,
    );
    assert_eq!(
        cells,
        [
            "Courrier adressé à Mme [nom masqué]",
            " [adresse masquée]",
            " [adresse masquée]"
        ]
    );
}

#[test]
fn address_after_name_in_text() {
    let spans =
        generic().scan_text("Courrier adressé à Mme Durand, 12 rue des Lilas, 56000 Vannes");
    let kinds: Vec<Kind> = spans.iter().map(|span| span.kind).collect();
    assert_eq!(kinds, [Kind::Person, Kind::Address]);
}

#[test]
fn personal_columns_off_uses_policy_only() {
    let mut policy = Policy::builtin("deliberations").expect("built-in");
    policy.personal_columns = false;
    let scanner = Scanner::new(policy).expect("scanner");
    let header = ["nom", "adresse"];
    let record = ["Dupont", "12 rue des Lilas 56000 Vannes"];
    let report = scanner.scan_table(&header, [&record[..]]);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

/// Rules added for columns that name personal data.
const COLUMN_RULES: &[&str] = &[
    "person.name_column",
    "address.column",
    "birth_date.column",
    "nir.column",
];

/// Returns the findings of the column rules in a published reference file, or `None`
/// when the shared reference folder is absent.
fn column_rule_findings(relative: &str, delimiter: u8) -> Option<Vec<String>> {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/real")
        .join(relative);
    if !path.exists() {
        eprintln!(
            "skipped: reference file {} not found (the shared folder is absent)",
            path.display()
        );
        return None;
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_path(&path)
        .expect("readable CSV");
    // Some files are in Windows-1252: read bytes and replace what is not UTF-8.
    let header: Vec<String> = reader
        .byte_headers()
        .expect("header")
        .iter()
        .map(|name| {
            String::from_utf8_lossy(name)
                .trim_start_matches('\u{feff}')
                .to_owned()
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let scanner = generic();
    let mut workspace = Workspace::default();
    let mut flagged = Vec::new();
    for (index, record) in reader.byte_records().enumerate() {
        let record = record.expect("valid record");
        let owned: Vec<String> = record
            .iter()
            .map(|cell| String::from_utf8_lossy(cell).into_owned())
            .collect();
        let cells: Vec<&str> = owned.iter().map(String::as_str).collect();
        let row = index as u64 + 2;
        for finding in scanner.scan_record(&header, &cells, row, &mut workspace) {
            if COLUMN_RULES.contains(&finding.rule) {
                flagged.push(format!(
                    "{relative}: row {row}, column {:?}, {} {:?}",
                    finding.column, finding.rule, finding.excerpt
                ));
            }
        }
    }
    Some(flagged)
}

#[test]
fn published_files_no_column_findings() {
    // Public files of trees, charging stations and grants to associations: their name
    // and address columns are about places and organisations.
    let files = [
        ("validata-fixtures/fixtures/sample_with_bom.csv", b';'),
        ("irve-statique/irve.csv", b','),
        ("subventions/DILCRAH_2019.csv", b';'),
        (
            "subventions/DEP_Somme_TB_20180330_DONNEES_CONVENTIONS.csv",
            b';',
        ),
        (
            "subventions/SCDL_DEP_Haute_Garonne_datalocale-subvention.csv",
            b';',
        ),
        ("subventions/subventions-commune-de-castelmaurou.csv", b','),
        (
            "subventions/DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv",
            b',',
        ),
    ];
    for (file, delimiter) in files {
        let Some(flagged) = column_rule_findings(file, delimiter) else {
            return;
        };
        assert!(flagged.is_empty(), "{flagged:#?}");
    }
}

#[test]
fn name_column_sole_trader_marker() {
    let header = ["nom", "prenom"];
    let record = ["Bonnet", "Julien (EI)"];
    let report = generic().scan_table(&header, [&record[..]]);

    let second = report
        .findings
        .iter()
        .find(|f| f.field_number == Some(2))
        .expect("first name found");
    assert_eq!(second.category, privacy::Category::SoleTrader);
    assert_eq!((second.start, second.end), (0, "Julien".len()));
}

#[test]
fn name_column_with_siret_at_most_sole_trader() {
    let header = ["nom", "siret", "adresse"];
    let company = ["DUPONT", "44306184100047", "12 rue des Lilas 56000 Vannes"];
    let trader = [
        "Jean Dupont",
        "44306184100047",
        "12 rue des Lilas 56000 Vannes",
    ];
    let report = generic().scan_table(&header, [&company[..], &trader[..]]);

    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    let finding = &report.findings[0];
    assert_eq!(finding.row, Some(3));
    assert_eq!(finding.kind, Kind::Person);
    assert_eq!(finding.category, privacy::Category::SoleTrader);
    assert_eq!(finding.confidence, privacy::Confidence::Medium);
    assert!(!report.requires_confirmation());
}

#[test]
fn beneficiary_with_siret_not_blocking() {
    let scanner = Scanner::new(Policy::builtin("subventions").expect("built-in")).expect("scanner");
    let header = ["nomBeneficiaire", "idBeneficiaire", "adresse"];
    let record = [
        "Lucas Evenou",
        "88123456700015",
        "3 rue du Lavoir 56860 Séné",
    ];
    let report = scanner.scan_table(&header, [&record[..]]);

    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    assert_eq!(report.findings[0].category, privacy::Category::SoleTrader);
    assert_eq!(report.findings[0].confidence, privacy::Confidence::Medium);
    assert!(!report.requires_confirmation());
}
