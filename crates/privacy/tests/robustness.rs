//! Arbitrary input never panics, and every span lies on character boundaries of its text.

use privacy::{ColumnMode, Policy, Replacement, Scanner, Workspace, redact_text};

/// Pieces chosen to reach every rule: civilités, cue words, street words, digits in
/// identifier shapes, multi-byte letters, combining marks, emoji and stray punctuation.
const PIECES: &[&str] = &[
    "M.",
    "Mme",
    "et",
    "née",
    "consorts",
    "Propriété",
    "«",
    "»",
    "demeurant",
    "rue",
    "12",
    "bis",
    "34000",
    "Jean",
    "MARTIN",
    "J.",
    "-",
    "'",
    "de",
    "la",
    "Saint",
    "@",
    "gmail.com",
    "jean.martin",
    "06",
    "+33",
    "(0)",
    "FR76",
    "3000",
    "2A",
    "né",
    "le",
    "/",
    "1985",
    "É",
    "é\u{301}",
    "ß",
    "İ",
    "🙂",
    ",",
    ".",
    "|",
    "_x0001_",
    " ",
    "  ",
    "\t",
    "\n",
    "\u{a0}",
    "ADJOINT",
    "maire",
    "EI",
    "SARL",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
}

#[test]
fn random_texts_scan_without_panic() {
    let scanner = Scanner::new(Policy::builtin("generic").expect("policy")).expect("scanner");
    let mut workspace = Workspace::default();
    let mut spans = Vec::new();
    let mut random = Lcg(0x5eed);
    for _ in 0..3000 {
        let length = random.next() % 40;
        let mut text = String::new();
        for _ in 0..length {
            text.push_str(PIECES[random.next() % PIECES.len()]);
            if random.next().is_multiple_of(3) {
                text.push(' ');
            }
        }
        for mode in [
            ColumnMode::FreeText,
            ColumnMode::PersonName,
            ColumnMode::Identifiers,
        ] {
            scanner.scan_cell(&text, mode, &mut workspace, &mut spans);
            for span in &spans {
                assert!(span.start < span.end, "empty span in {text:?}");
                assert!(
                    text.get(span.start..span.end).is_some(),
                    "span off boundaries in {text:?}"
                );
            }
            let redacted = redact_text(&text, &spans, &Replacement::Placeholder);
            assert!(
                spans.is_empty() || redacted != text,
                "nothing replaced in {text:?}"
            );
        }
    }
}

#[test]
fn empty_and_blank_cells_have_no_findings() {
    let scanner = Scanner::new(Policy::builtin("generic").expect("policy")).expect("scanner");
    for text in ["", " ", "\n\t", "\u{a0}"] {
        assert!(scanner.scan_text(text).is_empty());
    }
}

#[test]
fn long_cell_is_scanned() {
    let scanner = Scanner::new(Policy::builtin("generic").expect("policy")).expect("scanner");
    let mut text = "Travaux de voirie rue Jean Jaurès. ".repeat(20_000);
    text.push_str("Cession à M. Paul GIRARD.");
    let spans = scanner.scan_text(&text);
    assert_eq!(spans.len(), 1);
    assert_eq!(
        spans.first().map(|s| &text[s.start..s.end]),
        Some("Paul GIRARD")
    );
}

#[test]
fn cell_with_many_findings_is_located() {
    let scanner = Scanner::new(Policy::builtin("generic").expect("policy")).expect("scanner");
    let cell = "Cession à M. Paul GIRARD demeurant 3 rue des Lilas ; ".repeat(5_000);
    let header = ["objet"];
    let report = scanner.scan_table(&header, [&[cell.as_str()][..]]);
    assert_eq!(report.findings.len(), 10_000);
    assert!(
        report
            .findings
            .iter()
            .all(|f| !f.excerpt.contains("GIRARD"))
    );
}
