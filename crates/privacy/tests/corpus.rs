//! Precision and recall per kind on the labelled corpus under `tests/data/`.
//!
//! A detected span counts as correct when it overlaps a labelled span of the same kind. A
//! labelled span counts as found when a detected span of its kind overlaps it. Targets:
//! recall ≥ 0.95 for person names, addresses, e-mails, phones, NIR and IBAN, precision
//! ≥ 0.90 for every kind.

use std::collections::BTreeMap;

use privacy::{ColumnMode, Kind, Policy, Scanner, Span, Workspace};

struct Line {
    text: String,
    mode: ColumnMode,
    gold: Vec<(usize, usize, Kind)>,
    number: usize,
    file: &'static str,
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
        other => panic!("unknown label {other:?} in corpus"),
    }
}

/// Strips `[[k:...]]` labels from a line and returns the text with the labelled spans.
fn parse_labels(raw: &str) -> (String, Vec<(usize, usize, Kind)>) {
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut rest = raw;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let colon = after.find(':').expect("label has a kind");
        let close = after.find("]]").expect("label is closed");
        let kind = kind_of(&after[..colon]);
        let start = text.len();
        text.push_str(&after[colon + 1..close]);
        gold.push((start, text.len(), kind));
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    (text, gold)
}

fn load(file: &'static str, content: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    for (index, raw) in content.lines().enumerate() {
        if raw.starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        let (mode, raw) = if let Some(rest) = raw.strip_prefix("party: ") {
            (ColumnMode::PersonName, rest)
        } else if let Some(rest) = raw.strip_prefix("free: ") {
            (ColumnMode::FreeText, rest)
        } else {
            (ColumnMode::FreeText, raw)
        };
        let (text, gold) = parse_labels(raw);
        lines.push(Line {
            text,
            mode,
            gold,
            number: index + 1,
            file,
        });
    }
    lines
}

fn corpus() -> Vec<Line> {
    let mut lines = load("deliberations.txt", include_str!("data/deliberations.txt"));
    lines.extend(load(
        "subventions_marches.txt",
        include_str!("data/subventions_marches.txt"),
    ));
    lines
}

fn holdout() -> Vec<Line> {
    load("holdout.txt", include_str!("data/holdout.txt"))
}

fn holdout2() -> Vec<Line> {
    load("holdout2.txt", include_str!("data/holdout2.txt"))
}

#[derive(Default, Debug)]
struct Counts {
    gold: usize,
    found: usize,
    detected: usize,
    correct: usize,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn evaluate(lines: &[Line]) -> (BTreeMap<Kind, Counts>, Vec<String>) {
    let scanner =
        Scanner::new(Policy::builtin("generic").expect("built-in policy")).expect("scanner");
    let mut workspace = Workspace::default();
    let mut spans: Vec<Span> = Vec::new();
    let mut counts: BTreeMap<Kind, Counts> = BTreeMap::new();
    let mut errors = Vec::new();
    for line in lines {
        scanner.scan_cell(&line.text, line.mode, &mut workspace, &mut spans);
        for &(start, end, kind) in &line.gold {
            let entry = counts.entry(kind).or_default();
            entry.gold += 1;
            if spans
                .iter()
                .any(|s| s.kind == kind && overlaps((s.start, s.end), (start, end)))
            {
                entry.found += 1;
            } else {
                errors.push(format!(
                    "missed {} {:?} at {}:{}",
                    kind.code(),
                    &line.text[start..end],
                    line.file,
                    line.number
                ));
            }
        }
        for span in &spans {
            let entry = counts.entry(span.kind).or_default();
            entry.detected += 1;
            let labelled = line
                .gold
                .iter()
                .any(|&(s, e, k)| k == span.kind && overlaps((s, e), (span.start, span.end)));
            if labelled {
                entry.correct += 1;
            } else {
                let text = &line.text[span.start..span.end];
                errors.push(format!(
                    "false {} {text:?} ({}) at {}:{}",
                    span.kind.code(),
                    span.rule,
                    line.file,
                    line.number
                ));
            }
        }
    }
    (counts, errors)
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        1.0
    } else {
        numerator as f64 / denominator as f64
    }
}

#[test]
fn corpus_has_enough_lines() {
    let lines = corpus();
    let deliberations = lines
        .iter()
        .filter(|l| l.file == "deliberations.txt")
        .count();
    assert!(
        deliberations >= 300,
        "only {deliberations} délibérations lines"
    );
    for kind in [
        Kind::Person,
        Kind::Address,
        Kind::Email,
        Kind::Phone,
        Kind::Nir,
        Kind::Iban,
        Kind::Rib,
        Kind::BirthDate,
    ] {
        let labelled = lines
            .iter()
            .flat_map(|l| &l.gold)
            .filter(|g| g.2 == kind)
            .count();
        assert!(
            labelled >= 3,
            "only {labelled} labelled spans of kind {}",
            kind.code()
        );
    }
}

#[test]
fn corpus_precision_and_recall() {
    assert_targets(&corpus());
}

#[test]
fn holdout_precision_and_recall() {
    assert_targets(&holdout());
}

#[test]
fn holdout2_precision_and_recall() {
    assert_targets(&holdout2());
}

fn assert_targets(lines: &[Line]) {
    let (counts, errors) = evaluate(lines);
    for error in &errors {
        eprintln!("{error}");
    }
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
