//! The `opening_hours` parser on a corpus of valid and invalid expressions.
//!
//! `tests/data/custom/opening_hours.tsv` lists, for each expression, socle's verdict and
//! the verdict of Validata 0.12.5 (opening-hours-py 0.6.18) for reference. Where they
//! differ, a comment above the row gives the reason; this test checks socle's verdict and
//! that every difference is explained.

use std::path::Path;

use validate::custom::opening_hours::check_opening_hours;

#[test]
fn opening_hours_corpus() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/custom/opening_hours.tsv");
    let corpus = std::fs::read_to_string(&path).expect("corpus readable");

    let mut failures = Vec::new();
    let mut rows = 0;
    let mut previous_is_comment = false;
    for line in corpus.lines() {
        if line.starts_with('#') {
            previous_is_comment = true;
            continue;
        }
        let mut parts = line.splitn(3, '\t');
        let (Some(socle), Some(validata), Some(expression)) =
            (parts.next(), parts.next(), parts.next())
        else {
            failures.push(format!("malformed line: {line:?}"));
            continue;
        };
        rows += 1;
        let valid = check_opening_hours(expression).is_ok();
        if valid != (socle == "valid") {
            failures.push(format!(
                "{expression:?}: expected {socle}, parser says valid={valid}"
            ));
        }
        if socle != validata && !previous_is_comment {
            failures.push(format!(
                "{expression:?}: differs from Validata without a comment"
            ));
        }
        previous_is_comment = false;
    }
    assert!(rows > 100, "corpus too small: {rows} rows");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn irve_example_position() {
    // Without a space, the comma continues the list of times, and `Mo` (character 19) is
    // not a time.
    let error = check_opening_hours("Mo-Fr 08:00-12:00,Mo-Fr 14:00-18:00").expect_err("invalid");
    assert_eq!(error.position, 19);
}
