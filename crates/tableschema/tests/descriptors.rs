//! Descriptor loading: broken descriptors list every blocking problem at once, with JSON
//! pointers; tolerated mistakes load with warnings; compiled plans expose keys by index.

use serde_json::json;
use tableschema::{ConstraintKind, Schema, SchemaProblem};

fn problems_of(descriptor: serde_json::Value) -> Vec<SchemaProblem> {
    match Schema::from_json_value(&descriptor) {
        Ok((_, warnings)) => panic!("descriptor accepted with warnings {warnings:?}"),
        Err(error) => error.problems,
    }
}

fn has(problems: &[SchemaProblem], code: &str, pointer: &str) -> bool {
    problems
        .iter()
        .any(|problem| problem.code == code && problem.pointer == pointer)
}

#[test]
fn broken_descriptor_lists_every_problem() {
    let problems = problems_of(json!({
        "fields": [
            {"name": "id", "type": "integer"},
            {"name": "id", "type": "string"},
            {"type": "string"},
            {"name": "quand", "type": "chronos"},
            "pas un objet",
            {"name": "couleur", "type": "string", "trueValues": "oui"}
        ],
        "primaryKey": 7,
        "foreignKeys": {"fields": "id"},
        "custom_checks": [{"params": {}}]
    }));
    assert!(
        has(&problems, "field-name-duplicate", "/fields/1/name"),
        "{problems:?}"
    );
    assert!(
        has(&problems, "field-name-missing", "/fields/2"),
        "{problems:?}"
    );
    assert!(
        has(&problems, "field-type-unknown", "/fields/3/type"),
        "{problems:?}"
    );
    assert!(
        has(&problems, "field-not-object", "/fields/4"),
        "{problems:?}"
    );
    assert!(
        has(&problems, "field-property-invalid", "/fields/5/trueValues"),
        "{problems:?}"
    );
    assert!(
        has(&problems, "primary-key-invalid", "/primaryKey"),
        "{problems:?}"
    );
    assert!(
        has(&problems, "foreign-key-invalid", "/foreignKeys"),
        "{problems:?}"
    );
    assert!(
        has(&problems, "custom-check-invalid", "/custom_checks/0"),
        "{problems:?}"
    );
}

#[test]
fn compile_problems_listed_together() {
    let problems = problems_of(json!({
        "fields": [
            {"name": "code", "type": "string", "constraints": {"pattern": "(abc", "minLength": 5, "maxLength": 2}},
            {"name": "nombre", "type": "integer", "constraints": {"minimum": "beaucoup", "enum": [1, "deux"]}},
            {"name": "jour", "type": "date", "format": "%d/%Q/%Y"},
            {"name": "montant", "type": "number", "decimalChar": ""},
            {"name": "lieu", "type": "geopoint", "format": "tableau"}
        ],
        "primaryKey": ["code", "absent"],
        "foreignKeys": [{"fields": ["nombre"], "reference": {"resource": "", "fields": ["inconnu"]}}]
    }));
    assert!(
        has(
            &problems,
            "constraint-pattern-invalid",
            "/fields/0/constraints/pattern"
        ),
        "{problems:?}"
    );
    assert!(
        has(
            &problems,
            "constraint-length-range-invalid",
            "/fields/0/constraints"
        ),
        "{problems:?}"
    );
    assert!(
        has(
            &problems,
            "constraint-value-invalid",
            "/fields/1/constraints/minimum"
        ),
        "{problems:?}"
    );
    assert!(
        has(
            &problems,
            "constraint-value-invalid",
            "/fields/1/constraints/enum"
        ),
        "{problems:?}"
    );
    assert!(
        has(&problems, "field-format-invalid", "/fields/2/format"),
        "{problems:?}"
    );
    assert!(
        has(
            &problems,
            "field-decimal-char-invalid",
            "/fields/3/decimalChar"
        ),
        "{problems:?}"
    );
    assert!(
        has(&problems, "field-format-invalid", "/fields/4/format"),
        "{problems:?}"
    );
    assert!(
        has(&problems, "primary-key-field-unknown", "/primaryKey/1"),
        "{problems:?}"
    );
    assert!(
        has(
            &problems,
            "foreign-key-field-unknown",
            "/foreignKeys/0/reference/fields"
        ),
        "{problems:?}"
    );
}

#[test]
fn invalid_json_reports_position() {
    let error = Schema::from_json_slice(b"{\n  \"fields\": [\n    {\"name\": \"a\",}\n  ]\n}")
        .expect_err("invalid JSON");
    let problem = &error.problems[0];
    assert_eq!(problem.code, "schema-json-invalid");
    assert!(
        problem.args.contains(&("line", "3".to_owned())),
        "{:?}",
        problem.args
    );
}

#[test]
fn non_object_and_missing_fields_rejected() {
    assert!(has(&problems_of(json!([1, 2])), "schema-not-object", ""));
    assert!(has(
        &problems_of(json!({"name": "x"})),
        "schema-fields-missing",
        "/fields"
    ));
}

#[test]
fn tolerated_mistakes_give_warnings() {
    let (schema, warnings) = Schema::from_json_value(&json!({
        "name": "Mon-Schema",
        "primaryKey": "id",
        "fields": [
            {"name": "id", "type": "String", "constraints": {"required": "true", "Pattern": "^\\d+$"}},
            {"name": "quand", "type": "date", "format": "fmt:%d/%m/%Y", "examples": "05/01/2020", "comment": "libre"},
            {"name": "jour", "type": "date", "format": "JJ/MM/AAAA"},
            {"name": "texte", "type": "string", "format": "textuel", "customCheck": "french-siret-value"},
            {"name": "nombre", "type": "integer", "constraints": {"pattern": "^\\d+$", "maximum": 3, "couleur": "bleu"}}
        ]
    }))
    .expect("descriptor loads");
    let codes: Vec<&str> = warnings.iter().map(|problem| problem.code).collect();
    for expected in [
        "schema-name-invalid",
        "field-type-case",
        "boolean-as-string",
        "constraint-key-misspelt",
        "field-format-legacy-prefix",
        "field-examples-not-array",
        "field-property-unknown",
        "field-format-without-directive",
        "field-format-unknown",
        "constraint-not-supported",
        "constraint-unknown",
    ] {
        assert!(codes.contains(&expected), "missing {expected} in {codes:?}");
    }
    assert_eq!(schema.primary_key, vec!["id".to_owned()]);
    let id = schema.field("id").expect("id field");
    assert_eq!(id.constraints.required, Some(true));
    assert_eq!(id.constraints.pattern.as_deref(), Some("^\\d+$"));
    assert_eq!(
        schema
            .field("quand")
            .and_then(|field| field.example.as_deref()),
        Some("05/01/2020")
    );
    let check = schema
        .custom_checks
        .first()
        .expect("field-level custom check");
    assert_eq!(check.name, "french-siret-value");
    assert_eq!(check.pointer, "/fields/3/customCheck");
    assert_eq!(
        check
            .params
            .get("column")
            .and_then(|column| column.as_str()),
        Some("texte")
    );

    let compiled = schema.compile().expect("compiles");
    assert_eq!(compiled.primary_key(), &[0]);
    let date = &compiled.fields()[1];
    assert_eq!(date.format(), "%d/%m/%Y");
    assert!(date.parse("05/01/2020").is_ok());
}

#[test]
fn self_referencing_foreign_key_resolved() {
    let (schema, _) = Schema::from_json_value(&json!({
        "fields": [{"name": "id", "type": "integer"}, {"name": "parent", "type": "integer"}],
        "foreignKeys": [{"fields": "parent", "reference": {"resource": "", "fields": "id"}}]
    }))
    .expect("descriptor loads");
    let compiled = schema.compile().expect("compiles");
    let key = &compiled.foreign_keys()[0];
    assert_eq!(key.fields, vec![1]);
    assert_eq!(key.reference_fields, vec![0]);
    assert!(key.self_reference);
}

#[test]
fn constraint_text_as_written() {
    let (schema, _) = Schema::from_json_value(&json!({
        "fields": [
            {"name": "n", "type": "number", "constraints": {"minimum": 0.01, "maximum": "1"}},
            {"name": "s", "type": "string", "constraints": {"pattern": "^\\d{5}$", "enum": ["a", "b"]}},
            {"name": "t", "type": "array", "arrayItem": {"type": "string", "constraints": {"enum": ["x", "y"]}}}
        ]
    }))
    .expect("descriptor loads");
    let compiled = schema.compile().expect("compiles");
    let fields = compiled.fields();
    assert_eq!(fields[0].constraint_text(ConstraintKind::Minimum), "0.01");
    assert_eq!(fields[0].constraint_text(ConstraintKind::Maximum), "1");
    assert_eq!(
        fields[1].constraint_text(ConstraintKind::Pattern),
        "^\\d{5}$"
    );
    assert_eq!(fields[1].constraint_text(ConstraintKind::Enum), "a, b");
    assert_eq!(fields[2].constraint_text(ConstraintKind::Enum), "x, y");
    assert_eq!(
        ConstraintKind::ExclusiveMaximum.spec_name(),
        "exclusiveMaximum"
    );
}

#[test]
fn native_cells_satisfy_their_field() {
    use jiff::civil::date;
    use tableschema::{Native, Value};
    let (schema, _) = Schema::from_json_value(&json!({
        "fields": [
            {"name": "jour", "type": "date", "format": "%d/%m/%Y"},
            {"name": "entier", "type": "integer"},
            {"name": "drapeau", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]}
        ]
    }))
    .expect("descriptor loads");
    let compiled = schema.compile().expect("compiles");
    let fields = compiled.fields();
    assert_eq!(
        fields[0].parse_native("2020-01-05", Native::Date(date(2020, 1, 5))),
        Ok(Value::Date(date(2020, 1, 5)))
    );
    assert_eq!(
        fields[1].parse_native("12.0", Native::Number(12.0)),
        Ok(Value::Integer(12))
    );
    assert!(
        fields[1]
            .parse_native("12.5", Native::Number(12.5))
            .is_err()
    );
    assert_eq!(
        fields[2].parse_native("VRAI", Native::Boolean(true)),
        Ok(Value::Boolean(true))
    );
}

#[test]
fn equal_numbers_share_a_key() {
    let (schema, _) =
        Schema::from_json_value(&json!({"fields": [{"name": "n", "type": "number"}]}))
            .expect("loads");
    let compiled = schema.compile().expect("compiles");
    let field = &compiled.fields()[0];
    let keys: Vec<_> = ["1", "1.0", "1.00"]
        .iter()
        .map(|text| field.parse(text).expect("number").to_key())
        .collect();
    assert!(keys.windows(2).all(|pair| pair[0] == pair[1]), "{keys:?}");
}

#[test]
fn loading_and_compile_problems_reported_together() {
    let problems = problems_of(json!({
        "fields": [
            {"name": "quand", "type": "chronos"},
            {"name": "code", "type": "string", "constraints": {"pattern": "(abc"}}
        ],
        "primaryKey": ["quand", "absent"]
    }));
    assert!(
        has(&problems, "field-type-unknown", "/fields/0/type"),
        "{problems:?}"
    );
    assert!(
        has(
            &problems,
            "constraint-pattern-invalid",
            "/fields/1/constraints/pattern"
        ),
        "{problems:?}"
    );
    assert!(
        has(&problems, "primary-key-field-unknown", "/primaryKey/1"),
        "{problems:?}"
    );
    assert!(
        !has(&problems, "primary-key-field-unknown", "/primaryKey/0"),
        "{problems:?}"
    );
}

#[test]
fn byte_order_mark_skipped() {
    let loaded = Schema::from_json_slice(
        b"\xEF\xBB\xBF{\"fields\": [{\"name\": \"a\", \"type\": \"string\"}]}",
    );
    assert!(loaded.is_ok(), "{loaded:?}");
}

#[test]
fn equal_instants_share_a_key() {
    let (schema, _) = Schema::from_json_value(&json!({"fields": [
        {"name": "quand", "type": "datetime"},
        {"name": "duree", "type": "duration"}
    ]}))
    .expect("loads");
    let compiled = schema.compile().expect("compiles");
    let key = |field: usize, text: &str| {
        compiled.fields()[field]
            .parse(text)
            .expect("readable")
            .to_key()
    };
    assert_eq!(
        key(0, "2020-01-05T10:00:00+01:00"),
        key(0, "2020-01-05T09:00:00Z")
    );
    assert_ne!(
        key(0, "2020-01-05T09:00:00"),
        key(0, "2020-01-05T09:00:00Z")
    );
    assert_eq!(key(1, "PT1H"), key(1, "PT60M"));
    assert_ne!(key(1, "P1M"), key(1, "P30D"));
}
