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
