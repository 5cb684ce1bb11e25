//! Scan throughput on délibérations-like text, in bytes per second on one core.
//!
//! The input is the labelled corpus with its labels stripped, repeated to about 4 MB.
//! `dense` keeps every line, and nearly half of them contain personal data, far more than
//! real files. `clean` keeps only the lines without personal data, like most real
//! délibérations objects. Run with `cargo bench -p privacy`.

use divan::Bencher;
use divan::counter::BytesCount;
use privacy::{ColumnMode, Policy, Scanner, Workspace};

fn main() {
    divan::main();
}

const TARGET_BYTES: usize = 4 << 20;

fn strip_labels(raw: &str) -> (String, bool) {
    let mut text = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut labelled = false;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let (Some(colon), Some(close)) = (after.find(':'), after.find("]]")) else {
            break;
        };
        text.push_str(&after[colon + 1..close]);
        rest = &after[close + 2..];
        labelled = true;
    }
    text.push_str(rest);
    (text, labelled)
}

fn cells(keep_labelled: bool) -> Vec<String> {
    let sources = [
        include_str!("../tests/data/deliberations.txt"),
        include_str!("../tests/data/subventions_marches.txt"),
    ];
    let mut lines = Vec::new();
    for source in sources {
        for raw in source
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
        {
            let raw = raw
                .strip_prefix("free: ")
                .or_else(|| raw.strip_prefix("party: "))
                .unwrap_or(raw);
            let (text, labelled) = strip_labels(raw);
            if keep_labelled || !labelled {
                lines.push(text);
            }
        }
    }
    let mut cells = Vec::new();
    let mut total = 0;
    while total < TARGET_BYTES {
        for line in &lines {
            total += line.len();
            cells.push(line.clone());
        }
    }
    cells
}

fn run(bencher: Bencher, keep_labelled: bool) {
    let scanner = Scanner::new(Policy::builtin("deliberations").expect("policy")).expect("scanner");
    let cells = cells(keep_labelled);
    let bytes: usize = cells.iter().map(String::len).sum();
    let mut workspace = Workspace::default();
    let mut spans = Vec::new();
    bencher.counter(BytesCount::new(bytes)).bench_local(|| {
        let mut found = 0;
        for cell in &cells {
            scanner.scan_cell(cell, ColumnMode::FreeText, &mut workspace, &mut spans);
            found += spans.len();
        }
        found
    });
}

#[divan::bench(sample_count = 10)]
fn dense(bencher: Bencher) {
    run(bencher, true);
}

#[divan::bench(sample_count = 10)]
fn clean(bencher: Bencher) {
    run(bencher, false);
}

/// Records of a register with name, address and contact columns read by their headers,
/// and the délibérations lines as a free-text comment column.
fn register_records() -> Vec<[String; 6]> {
    let surnames = [
        "Dupont",
        "LE GOFF",
        "Nguyen",
        "Boulangerie Martin SARL",
        "Morvan",
    ];
    let first_names = ["Jean", "Marie-Anne", "Thi Lan", "", "Jean-Pierre"];
    let addresses = [
        "12 rue des Lilas 56000 Vannes",
        "3 impasse du Moulin, 29000 Quimper",
        "lieu-dit Kerlann 56100 Lorient",
        "22 place de la République 56000 Vannes",
        "2 allée des Mimosas 56000 Vannes",
    ];
    let phones = ["06 12 34 56 78", "02 98 11 22 33", "", "02 97 00 00 00", ""];
    let emails = [
        "jean.dupont@gmail.com",
        "",
        "",
        "contact@boulangerie.fr",
        "",
    ];
    let comments = cells(true);
    let mut records = Vec::new();
    let mut total = 0;
    for (index, comment) in comments.iter().enumerate() {
        let slot = index % surnames.len();
        let record = [
            surnames[slot].to_owned(),
            first_names[slot].to_owned(),
            addresses[slot].to_owned(),
            phones[slot].to_owned(),
            emails[slot].to_owned(),
            comment.clone(),
        ];
        total += record.iter().map(String::len).sum::<usize>();
        records.push(record);
        if total >= TARGET_BYTES {
            break;
        }
    }
    records
}

/// Whole records through [`Scanner::scan_table`] under the generic policy, so that the
/// row context and column modes are included.
#[divan::bench(sample_count = 10)]
fn register_table(bencher: Bencher) {
    let scanner = Scanner::new(Policy::builtin("generic").expect("policy")).expect("scanner");
    let header = [
        "nom",
        "prenom",
        "adresse",
        "telephone",
        "courriel",
        "commentaire",
    ];
    let records = register_records();
    let bytes: usize = records.iter().flatten().map(String::len).sum();
    let rows: Vec<Vec<&str>> = records
        .iter()
        .map(|record| record.iter().map(String::as_str).collect())
        .collect();
    bencher.counter(BytesCount::new(bytes)).bench_local(|| {
        let report = scanner.scan_table(&header, rows.iter().map(Vec::as_slice));
        report.findings.len()
    });
}
