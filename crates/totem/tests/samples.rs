//! Converts the real TOTEM samples and compares every row and amount with the reference
//! converter's output (`expected.csv`), allowing only the known defects of that reference.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use totem::{Conversion, ConvertOptions, Plans, SCDL_COLUMNS};

fn shared() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/totem");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: reference folder {} is absent", path.display());
        None
    }
}

fn convert_sample(root: &Path, sample: &str) -> (Conversion, Vec<Vec<String>>) {
    let plans = Plans::load_dir(&root.join("plans-de-compte")).expect("plans folder");
    let input = BufReader::new(
        File::open(root.join("samples").join(sample).join("totem.xml")).expect("sample"),
    );
    let mut output = Vec::new();
    let conversion =
        totem::convert(input, &mut output, &plans, &ConvertOptions::default()).expect("conversion");
    (conversion, read_csv(output.as_slice()))
}

fn read_csv<R: std::io::Read>(input: R) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(input);
    reader
        .records()
        .map(|record| {
            record
                .expect("csv record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

const REQUIRED: [&str; 12] = [
    "BGT_NATDEC",
    "BGT_ANNEE",
    "BGT_SIRET",
    "BGT_NOM",
    "BGT_CONTNAT",
    "BGT_CONTNAT_LABEL",
    "BGT_NATURE",
    "BGT_NATURE_LABEL",
    "BGT_SECTION",
    "BGT_OPBUDG",
    "BGT_CODRD",
    "BGT_ANNEE",
];

fn column(name: &str) -> usize {
    SCDL_COLUMNS
        .iter()
        .position(|column| *column == name)
        .expect("known column")
}

/// Lists the required cells left empty, as `row column` strings.
fn empty_required_cells(rows: &[Vec<String>]) -> Vec<String> {
    let mut empty = Vec::new();
    for (index, row) in rows.iter().enumerate().skip(1) {
        for name in REQUIRED {
            if row[column(name)].is_empty() {
                empty.push(format!("row {index} {name}"));
            }
        }
    }
    empty
}

/// Differences between our rows and the reference, by kind.
#[derive(Debug, Default)]
struct Differences {
    natdec_lower_cased: usize,
    chapter_filled: usize,
    chapter_label_filled: usize,
    nature_label_filled: usize,
    section_filled: usize,
    unexpected: Vec<String>,
}

fn compare(ours: &[Vec<String>], expected: &[Vec<String>]) -> Differences {
    let mut differences = Differences::default();
    if ours.len() != expected.len() {
        differences.unexpected.push(format!(
            "{} rows, reference has {}",
            ours.len(),
            expected.len()
        ));
        return differences;
    }
    for (index, (our_row, expected_row)) in ours.iter().zip(expected).enumerate().skip(1) {
        for (position, name) in SCDL_COLUMNS.iter().enumerate() {
            let (our, reference) = (&our_row[position], &expected_row[position]);
            if our == reference {
                continue;
            }
            match *name {
                "BGT_NATDEC" if *our == reference.to_lowercase() => {
                    differences.natdec_lower_cased += 1
                }
                "BGT_CONTNAT" if reference.is_empty() && !our.is_empty() => {
                    differences.chapter_filled += 1
                }
                "BGT_CONTNAT_LABEL" if reference.is_empty() && !our.is_empty() => {
                    differences.chapter_label_filled += 1
                }
                "BGT_NATURE_LABEL" if reference.is_empty() && !our.is_empty() => {
                    differences.nature_label_filled += 1
                }
                "BGT_SECTION" if reference.is_empty() && !our.is_empty() => {
                    differences.section_filled += 1
                }
                _ => differences.unexpected.push(format!(
                    "row {index} {name}: ours {our:?}, reference {reference:?}"
                )),
            }
        }
    }
    differences
}

fn check_sample(sample: &str) -> Option<(Conversion, Vec<Vec<String>>, Differences)> {
    let root = shared()?;
    let (conversion, ours) = convert_sample(&root, sample);
    let expected_file =
        File::open(root.join("samples").join(sample).join("expected.csv")).expect("expected.csv");
    let expected = read_csv(expected_file);
    assert_eq!(ours[0], expected[0], "{sample}: header");
    let differences = compare(&ours, &expected);
    println!("{sample}: {differences:?}");
    assert!(
        differences.unexpected.is_empty(),
        "{sample}: {:#?}",
        differences.unexpected
    );
    assert_eq!(
        empty_required_cells(&ours),
        Vec::<String>::new(),
        "{sample}: empty required cells"
    );
    assert_eq!(
        conversion.rows as usize,
        ours.len() - 1,
        "{sample}: row count"
    );
    Some((conversion, ours, differences))
}

/// Counts of the reference's known defects that the conversion fixes.
struct Fixed {
    rows: usize,
    /// Lines without ContNat: chapter, label and section derived from the account.
    without_chapter: usize,
    /// Lines whose ContNat is not a chapter of the plan (`45411`): label and section derived.
    unlisted_chapter: usize,
    /// Lines whose account is missing from the plan and that carry no LibCpte.
    unlisted_account: usize,
}

/// Checks that every difference with the reference is one of its known defects, fixed on
/// every row concerned: the stage in capitals, and empty required cells.
fn assert_fixed(differences: &Differences, fixed: Fixed) {
    assert_eq!(
        differences.natdec_lower_cased, fixed.rows,
        "stage lower-cased on every row"
    );
    assert_eq!(
        differences.chapter_filled, fixed.without_chapter,
        "chapter filled"
    );
    let derived = fixed.without_chapter + fixed.unlisted_chapter;
    assert_eq!(
        differences.chapter_label_filled, derived,
        "chapter label filled"
    );
    assert_eq!(differences.section_filled, derived, "section filled");
    assert_eq!(
        differences.nature_label_filled, fixed.unlisted_account,
        "nature label filled"
    );
}

#[test]
fn crach_lotissement_matches_reference() {
    let Some((conversion, _, differences)) = check_sample("crach-lotissement-le-boceno-ca-2021")
    else {
        return;
    };
    assert_fixed(
        &differences,
        Fixed {
            rows: 20,
            without_chapter: 6,
            unlisted_chapter: 0,
            unlisted_account: 0,
        },
    );
    assert!(
        conversion
            .warnings
            .iter()
            .all(|notice| notice.code != "totem-plan-missing")
    );
}

#[test]
fn crach_ca_matches_reference() {
    let Some((conversion, _, differences)) = check_sample("crach-budget-principal-ca-2021") else {
        return;
    };
    assert_fixed(
        &differences,
        Fixed {
            rows: 196,
            without_chapter: 49,
            unlisted_chapter: 0,
            unlisted_account: 0,
        },
    );
    assert!(
        conversion
            .warnings
            .iter()
            .all(|notice| notice.code != "totem-plan-missing")
    );
}

#[test]
fn crach_bp_matches_reference() {
    let Some((conversion, _, differences)) = check_sample("crach-budget-principal-bp-2022") else {
        return;
    };
    assert_fixed(
        &differences,
        Fixed {
            rows: 201,
            without_chapter: 53,
            unlisted_chapter: 0,
            unlisted_account: 0,
        },
    );
    assert!(
        conversion
            .warnings
            .iter()
            .all(|notice| notice.code != "totem-plan-missing")
    );
}

#[test]
fn saint_malo_matches_reference() {
    let Some((conversion, _, differences)) = check_sample("saint-malo-agglo-transport-bp-2022")
    else {
        return;
    };
    assert_fixed(
        &differences,
        Fixed {
            rows: 123,
            without_chapter: 25,
            unlisted_chapter: 2,
            unlisted_account: 1,
        },
    );
    assert!(
        conversion
            .warnings
            .iter()
            .all(|notice| notice.code != "totem-plan-missing")
    );
}

#[test]
fn mohon_cfu_matches_reference() {
    let Some((conversion, _, differences)) = check_sample("mohon-cfu-2023") else {
        return;
    };
    assert_fixed(
        &differences,
        Fixed {
            rows: 163,
            without_chapter: 36,
            unlisted_chapter: 4,
            unlisted_account: 0,
        },
    );
    assert!(
        conversion
            .warnings
            .iter()
            .all(|notice| notice.code != "totem-plan-missing")
    );
}

#[test]
fn montreuil_functions_labelled() {
    let Some(root) = shared() else { return };
    let (conversion, rows) = convert_sample(&root, "montreuil-ca-2016");
    assert_eq!(conversion.rows, 1461);
    assert_eq!(empty_required_cells(&rows), Vec::<String>::new());
    let (function, label) = (column("BGT_FONCTION"), column("BGT_FONCTION_LABEL"));
    let with_function = rows
        .iter()
        .skip(1)
        .filter(|row| !row[function].is_empty())
        .count();
    assert_eq!(with_function, 1461, "every Montreuil line has a function");
    let unlabelled: Vec<&String> = rows
        .iter()
        .skip(1)
        .filter(|row| row[label].is_empty())
        .map(|row| &row[function])
        .collect();
    assert!(
        unlabelled.is_empty(),
        "functions without label: {unlabelled:?}"
    );
    let first = &rows[1];
    assert_eq!(first[function], "61");
    assert_eq!(first[label], "Services en faveur des personnes âgées");
}

/// Sums a money column by section and direction from the CSV, in cents.
fn csv_total(rows: &[Vec<String>], amount: &str, section: &str, direction: &str) -> i128 {
    let (amount, section_column, direction_column) =
        (column(amount), column("BGT_SECTION"), column("BGT_CODRD"));
    rows.iter()
        .skip(1)
        .filter(|row| row[section_column] == section && row[direction_column] == direction)
        .filter_map(|row| totem::Amount::parse(&row[amount]))
        .map(|amount| amount.0)
        .sum()
}

#[test]
fn crach_summary_matches_csv_totals() {
    let Some(root) = shared() else { return };
    let (conversion, rows) = convert_sample(&root, "crach-budget-principal-ca-2021");
    let [budget] = conversion.summary.budgets.as_slice() else {
        panic!("one budget expected")
    };
    assert_eq!(budget.collectivite, "CRACH");
    assert_eq!(budget.budget, "BUDGET PRINCIPAL");
    assert_eq!(budget.stage, Some(totem::Stage::CompteAdministratif));
    assert_eq!(budget.year, Some(2021));
    assert!(!budget.annex);
    assert_eq!(budget.rows, 196);
    assert_eq!(budget.rows_without_section, 0);
    let cases = [
        (budget.fonctionnement.expenses, "fonctionnement", "dépense"),
        (budget.fonctionnement.revenue, "fonctionnement", "recette"),
        (budget.investissement.expenses, "investissement", "dépense"),
        (budget.investissement.revenue, "investissement", "recette"),
    ];
    for (totals, section, direction) in cases {
        assert_eq!(
            totals.realised.0,
            csv_total(&rows, "BGT_MTREAL", section, direction),
            "{section} {direction}"
        );
        assert_eq!(
            totals.voted.0,
            csv_total(&rows, "BGT_MTPREV", section, direction),
            "{section} {direction}"
        );
        assert!(totals.realised.0 > 0, "{section} {direction} realised");
    }
    let messages = budget.messages();
    assert_eq!(messages.len(), 5);
    assert_eq!(messages[0].0, "totem-summary-heading");
    assert!(
        messages[1..]
            .iter()
            .all(|(id, _)| *id == "totem-summary-realised")
    );
}

#[test]
fn mohon_cfu_skips_calculated_lines() {
    let Some(root) = shared() else { return };
    let (conversion, _) = convert_sample(&root, "mohon-cfu-2023");
    assert_eq!(conversion.rows, 163);
    assert_eq!(conversion.calculated_skipped, 633);
    let [budget] = conversion.summary.budgets.as_slice() else {
        panic!("one budget expected")
    };
    assert_eq!(budget.stage, Some(totem::Stage::CompteFinancierUnique));
    assert_eq!(budget.nomenclature, "M57-M57_A");
}

#[test]
fn personal_data_reported_not_copied() {
    let Some(root) = shared() else { return };
    let (conversion, rows) = convert_sample(&root, "mohon-cfu-2023");
    let count = |kind: totem::PersonalDataKind| {
        conversion
            .personal_data
            .iter()
            .filter(|found| found.kind == kind)
            .count()
    };
    assert_eq!(
        count(totem::PersonalDataKind::Accountant),
        4,
        "three Gestion and one Edition in the CFU header"
    );
    assert!(count(totem::PersonalDataKind::Signatory) > 0);
    assert_eq!(count(totem::PersonalDataKind::Staff), 1);
    assert!(conversion.personal_data.iter().all(|found| found.line > 0));
    // The accountants named in the CFU header appear nowhere in the CSV.
    let xml = std::fs::read(root.join("samples/mohon-cfu-2023/totem.xml")).expect("sample");
    let xml = String::from_utf8_lossy(&xml);
    let names: Vec<&str> = xml
        .split("NomComptable=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(names.len(), 3);
    for row in &rows {
        for name in &names {
            assert!(
                !row.iter().any(|cell| cell.contains(name)),
                "accountant name copied into the CSV"
            );
        }
    }
}

#[test]
fn samples_recognised_as_totem() {
    let Some(root) = shared() else { return };
    for sample in std::fs::read_dir(root.join("samples")).expect("samples folder") {
        let folder = sample.expect("entry").path();
        let head = std::fs::read(folder.join("totem.xml")).expect("sample");
        assert!(
            totem::looks_like_totem(&head),
            "{} not recognised",
            folder.display()
        );
        let expected = std::fs::read(folder.join("expected.csv")).unwrap_or_default();
        assert!(!totem::looks_like_totem(&expected));
    }
}
