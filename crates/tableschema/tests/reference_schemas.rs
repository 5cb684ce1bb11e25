//! Loads every Table Schema of the shared reference folder: the valid ones must load
//! without blocking problems, compile, and survive a round trip through `to_json_value`;
//! the two broken historical ones must load with the expected warnings.
//!
//! The reference folder sits beside the repository (`../shared`); without it the tests
//! print a skip message and pass.

use std::path::{Path, PathBuf};

use tableschema::{Schema, SchemaProblem};

fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: reference folder {} not found", dir.display());
        None
    }
}

/// Paths of the descriptors expected to load without blocking problems.
fn valid_schema_paths(shared: &Path) -> Vec<PathBuf> {
    let schemas = shared.join("reference/schemas");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&schemas)
        .expect("schemas folder is readable")
        .filter_map(Result::ok)
        .map(|entry| entry.path().join("schema.json"))
        .filter(|path| path.is_file() && !path.starts_with(schemas.join("marches-publics")))
        .collect();
    paths.push(schemas.join("lieux-covoiturage/v0.2.0/schema.json"));
    paths.push(shared.join("reference/real/irve-statique/v1.0.3/schema.json"));
    paths.push(shared.join("reference/real/validata-fixtures/fixtures/dae_schema.json"));
    paths.sort();
    paths
}

fn load(path: &Path) -> Result<(Schema, Vec<SchemaProblem>), String> {
    let bytes = std::fs::read(path).map_err(|error| format!("{}: {error}", path.display()))?;
    Schema::from_json_slice(&bytes)
        .map_err(|error| format!("{}: {:?}", path.display(), error.problems))
}

fn without_pointers(mut schema: Schema) -> Schema {
    for check in &mut schema.custom_checks {
        check.pointer.clear();
    }
    schema
}

#[test]
fn valid_reference_schemas_load_and_compile() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let paths = valid_schema_paths(&shared);
    assert!(
        paths.len() >= 24,
        "expected the 22 catalogue schemas and 2 others, found {}",
        paths.len()
    );
    for path in &paths {
        let (schema, _warnings) = load(path).unwrap_or_else(|message| panic!("{message}"));
        assert!(!schema.fields.is_empty(), "{}: no fields", path.display());
        let compiled = schema
            .compile()
            .unwrap_or_else(|error| panic!("{}: {:?}", path.display(), error.problems));
        assert_eq!(
            compiled.fields().len(),
            schema.fields.len(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn reference_schemas_round_trip() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let mut paths = valid_schema_paths(&shared);
    paths.push(shared.join("reference/schemas/marches-publics/schema.json"));
    paths.push(shared.join("reference/schemas/dae/v1.0.0/schema.json"));
    for path in &paths {
        let (schema, _) = load(path).unwrap_or_else(|message| panic!("{message}"));
        let written = schema.to_json_value();
        let (reloaded, _) = Schema::from_json_value(&written)
            .unwrap_or_else(|error| panic!("{}: {:?}", path.display(), error.problems));
        assert_eq!(
            without_pointers(reloaded),
            without_pointers(schema),
            "{}",
            path.display()
        );
    }
}

#[test]
fn round_trip_keeps_spec_key_names() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let (schema, _) = load(&shared.join("reference/schemas/menus-collectifs/schema.json"))
        .unwrap_or_else(|message| panic!("{message}"));
    let written = schema.to_json_value();
    let fields = written["fields"].as_array().expect("fields array");
    assert!(
        fields.iter().any(|field| field.get("arrayItem").is_some()),
        "arrayItem written back"
    );
    assert!(
        fields.iter().all(|field| field.get("type").is_some()),
        "type written back"
    );
    assert!(
        written.get("custom_checks").is_some(),
        "custom_checks written back"
    );
    assert!(
        written.get("missingValues").is_some(),
        "missingValues written back"
    );
}

#[test]
fn irve_schema_reads_typical_cells() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let (schema, _) = load(&shared.join("reference/schemas/irve-statique/schema.json"))
        .unwrap_or_else(|message| panic!("{message}"));
    let compiled = schema.compile().expect("IRVE compiles");
    let field = |name: &str| &compiled.fields()[compiled.field_index(name).expect("field exists")];

    assert!(
        field("coordonneesXY")
            .parse("[7.48710500,48.345345]")
            .is_ok()
    );
    assert!(field("coordonneesXY").parse("7.487,48.34").is_err());
    assert!(field("date_mise_en_service").parse("2021-1-5").is_ok());
    assert!(field("gratuit").parse("true").is_ok());
    assert!(field("gratuit").parse("oui").is_err());
}

fn codes(problems: &[SchemaProblem]) -> Vec<&'static str> {
    problems.iter().map(|problem| problem.code).collect()
}

#[test]
fn marches_publics_loads_with_warnings() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let (schema, warnings) = load(&shared.join("reference/schemas/marches-publics/schema.json"))
        .unwrap_or_else(|message| panic!("{message}"));
    let codes = codes(&warnings);
    assert!(codes.contains(&"field-type-missing"), "{codes:?}");
    assert!(
        codes.contains(&"constraint-outside-constraints"),
        "{codes:?}"
    );
    assert!(codes.contains(&"constraint-key-misspelt"), "{codes:?}");

    let nature = schema.field("NATURE_MARCHE").expect("NATURE_MARCHE field");
    assert_eq!(
        nature.constraints.enum_values.as_ref().map(Vec::len),
        Some(4)
    );
    let modification = schema.field("MODIF_OBJET").expect("MODIF_OBJET field");
    assert_eq!(
        modification.constraints.pattern.as_deref(),
        Some("^(.){1,256}$")
    );
    assert!(schema.compile().is_ok());
}

#[test]
fn dae_1_0_0_loads_with_warnings() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let (schema, warnings) = load(&shared.join("reference/schemas/dae/v1.0.0/schema.json"))
        .unwrap_or_else(|message| panic!("{message}"));
    let codes = codes(&warnings);
    assert!(codes.contains(&"schema-name-invalid"), "{codes:?}");
    assert!(codes.contains(&"constraint-not-supported"), "{codes:?}");
    let maintenance = schema.field("dermnt").expect("dermnt field");
    assert_eq!(maintenance.constraints.pattern, None);
    assert_eq!(maintenance.constraints.required, Some(true));
}

#[test]
fn dispositif_aide_pattern_beside_type_is_used() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let (schema, warnings) = load(&shared.join("reference/schemas/dispositif-aide/schema.json"))
        .unwrap_or_else(|message| panic!("{message}"));
    assert!(codes(&warnings).contains(&"constraint-outside-constraints"));
    let url = schema.field("url_source").expect("url_source field");
    assert_eq!(url.constraints.pattern.as_deref(), Some("^(https?://).+"));
}

#[test]
fn deliberations_custom_checks_kept() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let (schema, _) = load(&shared.join("reference/schemas/deliberations/schema.json"))
        .unwrap_or_else(|message| panic!("{message}"));
    assert_eq!(schema.custom_checks.len(), 11);
    let first = &schema.custom_checks[0];
    assert_eq!(first.name, "french-siret-value");
    assert_eq!(first.pointer, "/custom_checks/0");
    assert_eq!(
        first
            .params
            .get("column")
            .and_then(|column| column.as_str()),
        Some("COLL_SIRET")
    );
}
