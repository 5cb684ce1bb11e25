//! Data-driven tests of Validata's custom checks, through the whole validation run.
//!
//! Each file of `tests/data/custom/cases/` contains a schema, a CSV file and the findings the
//! custom checks must give, in three sections:
//!
//! ```text
//! # what the case covers
//! == schema
//! { "fields": [...], "custom_checks": [...] }
//! == csv
//! a,b
//! 1,2
//! == expected
//! 2 siret custom-check-error check-siret-checksum value=83014132100027
//! ```
//!
//! An expected line is `row field code message_id [name=value ...]`, with `-` for a finding
//! without row or field. Only findings of the custom checks are compared (their codes are
//! listed in `CUSTOM_CODES`), and only the arguments the line names. Every finding must
//! also render in French and English with its hint and without a missing argument.

use std::path::{Path, PathBuf};

use i18n::{Lang, Messages};
use tableschema::Schema;
use validate::{Finding, Options, Severity, validate_path};

const CUSTOM_CODES: &[&str] = &[
    "check-error",
    "custom-check-error",
    "deprecated-custom-check",
    "unsupported-custom-check",
    "french-gps-coordinates",
    "reversed-french-gps-coordinates",
    "year-interval-value",
    "cohesive-columns-value",
    "compare-columns-value",
    "sum-columns-value",
    "one-of-required",
    "phone-number-value",
    "opening-hours-value",
];

struct Case {
    schema: String,
    csv: String,
    expected: Vec<String>,
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/custom/cases")
}

fn parse_case(text: &str) -> Case {
    let mut case = Case {
        schema: String::new(),
        csv: String::new(),
        expected: Vec::new(),
    };
    let mut section = "";
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("== ") {
            section = match name.trim() {
                "schema" => "schema",
                "csv" => "csv",
                "expected" => "expected",
                other => panic!("unknown section {other}"),
            };
            continue;
        }
        match section {
            "schema" => {
                case.schema.push_str(line);
                case.schema.push('\n');
            }
            "csv" => {
                case.csv.push_str(line);
                case.csv.push('\n');
            }
            "expected" if !line.trim().is_empty() && !line.starts_with('#') => {
                case.expected.push(line.to_owned())
            }
            _ => {}
        }
    }
    case
}

/// Formats a finding as an expected line, keeping only the arguments `wanted` names.
fn describe(finding: &Finding, wanted: &[&str]) -> String {
    let row = finding
        .row_number
        .map_or("-".to_owned(), |row| row.to_string());
    let field = finding.field_name.clone().unwrap_or_else(|| "-".to_owned());
    let mut line = format!("{row} {field} {} {}", finding.code, finding.message_id);
    for name in wanted {
        let value = finding.arg_value(name).unwrap_or("<absent>");
        line.push_str(&format!(" {name}={value}"));
    }
    line
}

/// Argument names of an expected line (`name=value` words after the fourth).
fn argument_names(line: &str) -> Vec<&str> {
    line.split(' ')
        .skip(4)
        .filter_map(|word| word.split_once('=').map(|(name, _)| name))
        .collect()
}

fn run_case(name: &str, case: &Case) -> Vec<Finding> {
    let (schema, _) = Schema::from_json_slice(case.schema.as_bytes())
        .unwrap_or_else(|error| panic!("{name}: schema rejected: {error:?}"));
    let compiled = schema
        .compile()
        .unwrap_or_else(|error| panic!("{name}: schema does not compile: {error:?}"));
    let path = std::env::temp_dir().join(format!("socle-custom-{}-{name}.csv", std::process::id()));
    std::fs::write(&path, &case.csv).expect("temporary CSV written");
    let report = validate_path(&path, Some(&compiled), None, &Options::default());
    let _ = std::fs::remove_file(&path);
    let report = report.unwrap_or_else(|error| panic!("{name}: file not readable: {error:?}"));
    report
        .errors
        .into_iter()
        .chain(report.warnings)
        .filter(|finding| CUSTOM_CODES.contains(&finding.code))
        .collect()
}

fn check_rendering(name: &str, finding: &Finding, messages: &Messages) {
    let args: Vec<(&str, &str)> = finding
        .args
        .iter()
        .map(|(key, value)| (*key, value.as_str()))
        .collect();
    let lang = messages.lang();
    assert!(
        messages.has(finding.message_id),
        "{name}: {} has no {lang} message",
        finding.message_id
    );
    let text = messages.format(finding.message_id, &args);
    assert!(
        !text.contains("{$"),
        "{name}: {lang} message lacks an argument: {text}"
    );
    let hint = messages.format_attribute(finding.message_id, "hint", &args);
    let hint = hint.unwrap_or_else(|| panic!("{name}: {} has no {lang} hint", finding.message_id));
    assert!(
        !hint.contains("{$"),
        "{name}: {lang} hint lacks an argument: {hint}"
    );
}

#[test]
fn custom_check_cases() {
    let french = Messages::new(Lang::Fr);
    let english = Messages::new(Lang::En);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("cases folder")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    entries.sort();
    assert!(
        !entries.is_empty(),
        "no case found in {}",
        cases_dir().display()
    );

    let mut failures = Vec::new();
    for path in entries {
        let name = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or("case")
            .to_owned();
        let case = parse_case(&std::fs::read_to_string(&path).expect("case readable"));
        let findings = run_case(&name, &case);
        for finding in &findings {
            check_rendering(&name, finding, &french);
            check_rendering(&name, finding, &english);
        }

        // Pair each expected line with the finding it describes, in order.
        let mut actual: Vec<String> = Vec::new();
        let mut remaining: Vec<&Finding> = findings.iter().collect();
        for line in &case.expected {
            let wanted = argument_names(line);
            if let Some(index) = remaining
                .iter()
                .position(|finding| describe(finding, &wanted) == *line)
            {
                actual.push(describe(remaining.remove(index), &wanted));
            }
        }
        // Unexpected findings are shown with all their arguments.
        actual.extend(remaining.iter().map(|finding| {
            let names: Vec<&str> = finding.args.iter().map(|(name, _)| *name).collect();
            describe(finding, &names)
        }));
        if actual != case.expected {
            failures.push(format!(
                "case {name}\n  expected:\n    {}\n  actual:\n    {}",
                case.expected.join("\n    "),
                actual.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn declaration_problems_are_errors_without_row() {
    let schema = r#"{"fields": [{"name": "a", "type": "string"}],
        "custom_checks": [{"name": "no-such-check", "params": {"column": "a"}}]}"#;
    let case = Case {
        schema: schema.to_owned(),
        csv: "a\nx\n".to_owned(),
        expected: Vec::new(),
    };
    let findings = run_case("declaration-without-row", &case);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].severity, Severity::Error);
    assert_eq!(findings[0].row_number, None);
    assert_eq!(findings[0].arg_value("check"), Some("no-such-check"));
    assert_eq!(findings[0].arg_value("pointer"), Some("/custom_checks/0"));
}

#[test]
fn short_row_slices_do_not_panic() {
    let schema = r#"{"fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "integer"},
                                {"name": "c", "type": "integer"}, {"name": "p", "type": "geopoint"}],
        "custom_checks": [{"name": "siret", "params": {"column": "a"}},
                          {"name": "french-gps-coordinates", "params": {"column": "p"}},
                          {"name": "cohesive-columns-value", "params": {"column": "b", "othercolumns": ["c"]}},
                          {"name": "compare-columns-value", "params": {"column": "b", "op": "<", "column2": "c"}},
                          {"name": "sum-columns-value", "params": {"column": "b", "columns": ["c"]}},
                          {"name": "one-of-required", "params": {"column1": "a", "column2": "b"}}]}"#;
    let (schema, _) = Schema::from_json_slice(schema.as_bytes()).expect("schema loads");
    let columns = [Some(1), Some(2), Some(3), Some(4)];
    let (checks, setup) = validate::custom::CustomChecks::from_schema(&schema, &columns);
    assert!(setup.is_empty(), "unexpected set-up findings: {setup:?}");

    // The row loop always passes one entry per field; shorter slices read as absent values.
    let mut out = Vec::new();
    checks.check_row(2, &[], &[], &mut out);
    assert_eq!(out.len(), 1, "findings: {out:?}");
    assert_eq!(out[0].code, "one-of-required");
    assert_eq!(out[0].row_number, Some(2));
}
