//! Table-level behaviour: findings located by row and column, the publication gate, and
//! redacted copies that a new scan finds clean. Includes the Montpellier list of
//! délibérations (2013), whose titles name one private seller with her address.

use std::path::PathBuf;

use privacy::{Confidence, Kind, Policy, Replacement, Scanner};

fn shared_file(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(relative);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipped: reference file {} not found (the shared folder is absent)",
            path.display()
        );
        None
    }
}

fn read_csv(path: &PathBuf, delimiter: u8) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_path(path)
        .expect("readable CSV");
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let records = reader
        .records()
        .map(|record| {
            record
                .expect("valid record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    (header, records)
}

fn as_refs(rows: &[Vec<String>]) -> Vec<Vec<&str>> {
    rows.iter()
        .map(|row| row.iter().map(String::as_str).collect())
        .collect()
}

const MONTPELLIER_POLICY: &str = r#"{
    "name": "montpellier-2013",
    "columns": [
        {"column": "Titre", "mode": "free_text"},
        {"column": "Elu(s)", "mode": "skip"}
    ],
    "other_columns": "identifiers"
}"#;

#[test]
fn montpellier_private_seller_found() {
    let Some(path) = shared_file("reference/real/deliberations/VilleMTP_MTP_Delibs.csv") else {
        return;
    };
    let (header, records) = read_csv(&path, b';');
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = as_refs(&records);
    let scanner =
        Scanner::new(Policy::from_json(MONTPELLIER_POLICY).expect("policy")).expect("scanner");
    let report = scanner.scan_table(&header, rows.iter().map(Vec::as_slice));

    let title_of = |row: u64| rows[(row - 2) as usize][3];
    let spans: Vec<(Kind, &str, Confidence)> = report
        .findings
        .iter()
        .map(|f| {
            (
                f.kind,
                &title_of(f.row.expect("row"))[f.start..f.end],
                f.confidence,
            )
        })
        .collect();
    assert!(
        spans.contains(&(Kind::Person, "Isabelle FRANCK", Confidence::High)),
        "{spans:?}"
    );
    assert!(
        spans.contains(&(Kind::Address, "286 avenue du Petit Train", Confidence::High)),
        "{spans:?}"
    );
    assert!(report.requires_confirmation());

    let seller = report
        .findings
        .iter()
        .find(|f| {
            f.kind == Kind::Person
                && title_of(f.row.expect("row")).get(f.start..f.end) == Some("Isabelle FRANCK")
        })
        .expect("seller finding");
    assert_eq!(seller.column.as_deref(), Some("Titre"));
    assert_eq!(seller.field_number, Some(4));
    assert!(
        seller.excerpt.contains("I••••••• F•••••"),
        "{}",
        seller.excerpt
    );
    assert!(!seller.excerpt.contains("FRANCK"));
}

#[test]
fn montpellier_officials_and_places_not_flagged() {
    let Some(path) = shared_file("reference/real/deliberations/VilleMTP_MTP_Delibs.csv") else {
        return;
    };
    let (header, records) = read_csv(&path, b';');
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = as_refs(&records);
    let scanner =
        Scanner::new(Policy::from_json(MONTPELLIER_POLICY).expect("policy")).expect("scanner");
    let report = scanner.scan_table(&header, rows.iter().map(Vec::as_slice));

    let flagged: Vec<&str> = report
        .findings
        .iter()
        .map(|f| &rows[(f.row.expect("row") - 2) as usize][3][f.start..f.end])
        .collect();
    for public in [
        "Christiane TAUBIRA",
        "Nelson MANDELA",
        "Jean Vilar",
        "Joséphine Baker",
        "Edouard Adam",
        "Jules Ferry",
    ] {
        assert!(
            !flagged.iter().any(|span| span.contains(public)),
            "{public} flagged in {flagged:?}"
        );
    }
}

#[test]
fn montpellier_redacted_copy_scans_clean() {
    let Some(path) = shared_file("reference/real/deliberations/VilleMTP_MTP_Delibs.csv") else {
        return;
    };
    let (header, records) = read_csv(&path, b';');
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = as_refs(&records);
    let scanner =
        Scanner::new(Policy::from_json(MONTPELLIER_POLICY).expect("policy")).expect("scanner");
    let (redacted, record) = scanner.redact_table(
        &header,
        rows.iter().map(Vec::as_slice),
        &Replacement::Placeholder,
        "editeur@test",
        "2026-12-04T20:00:00Z",
    );

    let redacted_refs = as_refs(&redacted);
    let rescan = scanner.scan_table(&header, redacted_refs.iter().map(Vec::as_slice));
    assert!(rescan.findings.is_empty(), "{:?}", rescan.findings);
    let all_text: String = redacted
        .iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!all_text.contains("FRANCK"));
    assert!(!all_text.contains("286 avenue du Petit Train"));
    assert!(all_text.contains("Propriété de Madame [nom masqué] [adresse masquée]"));
    assert!(
        record
            .entries
            .iter()
            .any(|e| e.kind == Kind::Address && e.replacement == "[adresse masquée]")
    );
}

fn deliberations_table() -> (Vec<&'static str>, Vec<Vec<&'static str>>) {
    let header = vec![
        "COLL_NOM",
        "DELIB_ID",
        "DELIB_OBJET",
        "BUDGET_NOM",
        "DELIB_URL",
    ];
    let rows = vec![
        vec![
            "Commune de Lucie",
            "2024-001",
            "Budget primitif 2024",
            "Budget principal",
            "",
        ],
        vec![
            "Commune de Lucie",
            "2024-002",
            "Cession de la parcelle AB 12 à M. Jean MARTIN demeurant 3 rue des Lilas",
            "",
            "",
        ],
        vec![
            "Commune de Lucie",
            "2024-003",
            "Dénomination de la rue Simone Veil",
            "",
            "",
        ],
        vec![
            "Commune de Lucie",
            "2024-004",
            "Aide à Mme Léa Roux, tél. 06 12 34 56 78",
            "",
            "mailto:lea.roux@gmail.com",
        ],
    ];
    (header, rows)
}

#[test]
fn deliberations_upload_needs_confirmation() {
    let (header, rows) = deliberations_table();
    let scanner = Scanner::new(Policy::builtin("deliberations").expect("policy")).expect("scanner");
    let report = scanner.scan_table(&header, rows.iter().map(Vec::as_slice));
    assert!(report.requires_confirmation());

    let located: Vec<(u64, &str, Kind)> = report
        .findings
        .iter()
        .map(|f| {
            (
                f.row.expect("row"),
                f.column.as_deref().expect("column"),
                f.kind,
            )
        })
        .collect();
    assert_eq!(
        located,
        [
            (3, "DELIB_OBJET", Kind::Person),
            (3, "DELIB_OBJET", Kind::Address),
            (5, "DELIB_OBJET", Kind::Person),
            (5, "DELIB_OBJET", Kind::Phone),
            (5, "DELIB_URL", Kind::Email),
        ]
    );
    let (id, args) = report.summary();
    assert_eq!(id, "privacy-summary-confirm");
    assert!(args.contains(&("count", "5".to_owned())));
}

#[test]
fn clean_upload_needs_no_confirmation() {
    let (header, rows) = deliberations_table();
    let clean: Vec<Vec<&str>> = rows
        .into_iter()
        .filter(|row| row[1] == "2024-001" || row[1] == "2024-003")
        .collect();
    let scanner = Scanner::new(Policy::builtin("deliberations").expect("policy")).expect("scanner");
    let report = scanner.scan_table(&header, clean.iter().map(Vec::as_slice));
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert!(!report.requires_confirmation());
    assert_eq!(report.summary().0, "privacy-summary");
}

#[test]
fn redacted_deliberations_contain_no_flagged_span() {
    let (header, rows) = deliberations_table();
    let scanner = Scanner::new(Policy::builtin("deliberations").expect("policy")).expect("scanner");
    let report = scanner.scan_table(&header, rows.iter().map(Vec::as_slice));
    let replacement = Replacement::Pseudonym {
        key: b"secret-de-test".to_vec(),
    };
    let (redacted, record) = scanner.redact_table(
        &header,
        rows.iter().map(Vec::as_slice),
        &replacement,
        "agent-42",
        "2026-12-04T20:00:00Z",
    );

    for finding in &report.findings {
        let row = (finding.row.expect("row") - 2) as usize;
        let column = finding.field_number.expect("column") - 1;
        let original = &rows[row][column][finding.start..finding.end];
        let published = redacted[row].join(";");
        assert!(
            !published.contains(original),
            "{original:?} still in {published:?}"
        );
    }
    let redacted_refs = as_refs(&redacted);
    let rescan = scanner.scan_table(&header, redacted_refs.iter().map(Vec::as_slice));
    assert!(rescan.findings.is_empty(), "{:?}", rescan.findings);

    assert_eq!(record.actor, "agent-42");
    assert_eq!(record.policy.name, "deliberations");
    assert_eq!(record.replacement, "pseudonym");
    assert_eq!(record.entries.len(), report.findings.len());
    let json = serde_json::to_string(&record).expect("record serialises");
    assert!(
        !json.contains("MARTIN") && !json.contains("secret-de-test"),
        "{json}"
    );
}

#[test]
fn reported_officials_do_not_block() {
    let mut policy = Policy::builtin("deliberations").expect("policy");
    policy.report_officials = true;
    let scanner = Scanner::new(policy).expect("scanner");
    let header = ["DELIB_OBJET"];
    let row = ["Délégation de fonctions à Mme Claire Vidal, adjointe à la culture"];
    let report = scanner.scan_table(&header, [&row[..]]);

    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].category, privacy::Category::Official);
    assert_eq!(report.findings[0].confidence, Confidence::High);
    assert!(!report.requires_confirmation());
}

#[test]
fn saint_etienne_only_private_owners_flagged() {
    let Some(path) =
        shared_file("reference/real/deliberations/deliberations-metropole-saint-etienne.csv")
    else {
        return;
    };
    let (header, records) = read_csv(&path, b',');
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = as_refs(&records);
    let scanner = Scanner::new(Policy::builtin("deliberations").expect("policy")).expect("scanner");
    let report = scanner.scan_table(&header, rows.iter().map(Vec::as_slice));

    let objet = header
        .iter()
        .position(|name| *name == "DELIB_OBJET")
        .expect("DELIB_OBJET column");
    let mut flagged: Vec<&str> = report
        .findings
        .iter()
        .map(|f| &rows[(f.row.expect("row") - 2) as usize][objet][f.start..f.end])
        .collect();
    flagged.sort_unstable();
    flagged.dedup();
    // Both objects name the private owner of a plot served by the works (`« PROPRIETE X »`).
    assert_eq!(flagged, ["BARRELON", "FORLINI"]);
}

#[test]
fn first_name_counts_not_personal() {
    let header = [
        "COMMUNE_NOM",
        "COLL_INSEE",
        "ENFANT_SEXE",
        "ENFANT_PRENOM",
        "NOMBRE_OCCURRENCES",
        "ANNEE",
    ];
    let rows = [
        ["Kerbrient", "29059", "F", "Louise", "12", "2024"],
        ["Kerbrient", "29059", "M", "Gabriel", "9", "2024"],
        ["Kerbrient", "29059", "F", "Jade", "7", "2024"],
    ];
    let rows: Vec<Vec<&str>> = rows.iter().map(|row| row.to_vec()).collect();

    let generic = Scanner::new(Policy::builtin("generic").expect("policy")).expect("scanner");
    let report = generic.scan_table(&header, rows.iter().map(Vec::as_slice));
    assert!(
        report.requires_confirmation(),
        "a prénom header alone reads as names: {:?}",
        report.findings
    );

    let prenoms = Scanner::new(Policy::builtin("prenoms").expect("policy")).expect("scanner");
    let report = prenoms.scan_table(&header, rows.iter().map(Vec::as_slice));
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}
