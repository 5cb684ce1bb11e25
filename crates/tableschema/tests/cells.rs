//! Data-driven tests of cell reading and constraint checks: each case in
//! `tests/data/cells.json` gives a field descriptor, a cell text and the expected outcome
//! (`ok`, `missing`, `type-error`, or `constraint-error:` followed by the broken
//! constraints in report order), plus optionally the expected type-error hint.

use serde_json::Value as Json;
use tableschema::{Schema, TypeHint};

/// Runs one case and returns a description of the mismatch, if any.
fn check(
    field: &Json,
    cell: &str,
    expected: &str,
    hint: Option<&str>,
    corrected: Option<&str>,
) -> Result<(), String> {
    let mut field = field.clone();
    if let Some(object) = field.as_object_mut() {
        object.entry("name").or_insert_with(|| Json::from("champ"));
    }
    let descriptor = serde_json::json!({ "fields": [field] });
    let (schema, _warnings) = Schema::from_json_value(&descriptor)
        .map_err(|error| format!("schema rejected: {:?}", error.problems))?;
    let compiled = schema
        .compile()
        .map_err(|error| format!("compile failed: {:?}", error.problems))?;
    let Some(field) = compiled.fields().first() else {
        return Err("no compiled field".into());
    };

    let outcome = if field.is_missing(cell) {
        "missing".to_owned()
    } else {
        match field.parse(cell) {
            Err(error) => {
                let found = error.hint.as_ref().map(|hint| format!("{hint:?}"));
                if let Some(expected_hint) = hint
                    && !found
                        .as_deref()
                        .is_some_and(|text| text.starts_with(expected_hint))
                {
                    return Err(format!("expected hint {expected_hint}, got {found:?}"));
                }
                if let Some(expected_corrected) = corrected {
                    let actual = match &error.hint {
                        Some(
                            TypeHint::DecimalComma { corrected }
                            | TypeHint::DateInOtherFormat { corrected }
                            | TypeHint::ArrayNotJson { corrected },
                        ) => Some(corrected.as_str()),
                        _ => None,
                    };
                    if actual != Some(expected_corrected) {
                        return Err(format!(
                            "expected corrected {expected_corrected}, got {actual:?}"
                        ));
                    }
                }
                "type-error".to_owned()
            }
            Ok(value) => {
                let mut broken = Vec::new();
                field.check_constraints(cell, &value, &mut |kind| broken.push(kind.spec_name()));
                if broken.is_empty() {
                    "ok".to_owned()
                } else {
                    format!("constraint-error:{}", broken.join(","))
                }
            }
        }
    };
    if outcome == expected {
        Ok(())
    } else {
        Err(format!("expected {expected}, got {outcome}"))
    }
}

#[test]
fn cell_cases_from_data() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cells.json");
    let cases: Vec<Json> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("cells.json is readable"))
            .expect("cells.json is JSON");
    let mut failures = Vec::new();
    for case in &cases {
        let cell = case["cell"].as_str().unwrap_or_default();
        let expected = case["expect"].as_str().unwrap_or_default();
        if let Err(message) = check(
            &case["field"],
            cell,
            expected,
            case["hint"].as_str(),
            case["corrected"].as_str(),
        ) {
            failures.push(format!("{} / {cell:?}: {message}", case["field"]));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
