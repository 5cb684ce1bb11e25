//! Control characters in cells: a warning per cell, at the character's position, whatever
//! the delimiter; tabs and line breaks inside cells are ordinary text.

use std::path::PathBuf;

use validate::{Options, Report, validate_path};

fn validate(name: &str, content: &[u8]) -> Report {
    let dir = std::env::temp_dir().join(format!("socle-control-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, content).expect("fixture written");
    validate_path(&path, None, None, &Options::default()).expect("validated")
}

/// Returns `(row, field, code argument, position argument)` of every control-character
/// warning.
fn warnings(report: &Report) -> Vec<(u64, usize, String, String)> {
    let argument = |finding: &validate::Finding, name: &str| {
        finding
            .args
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    report
        .warnings
        .iter()
        .filter(|finding| finding.code == "control-character")
        .map(|finding| {
            (
                finding.row_number.unwrap_or(0),
                finding.field_number.unwrap_or(0),
                argument(finding, "code"),
                argument(finding, "position"),
            )
        })
        .collect()
}

#[test]
fn csv_control_characters_found() {
    let report = validate(
        "control.csv",
        b"nom,objet\nA\x01b,ok\nsans,\"deux\nlignes\tet tab\"\nfin,d\xc3\xa9but\x7f\n",
    );
    let expected = vec![
        (2, 1, "U+0001".to_owned(), "2".to_owned()),
        (4, 2, "U+007F".to_owned(), "6".to_owned()),
    ];
    assert_eq!(warnings(&report), expected);
}

#[test]
fn tsv_delimiters_not_control_characters() {
    let report = validate("control.tsv", b"nom\tobjet\nA\tb\nc\x02d\te\n");
    let expected = vec![(3, 1, "U+0002".to_owned(), "2".to_owned())];
    assert_eq!(warnings(&report), expected);
}
