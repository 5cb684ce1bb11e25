//! The bundled registry holds the official schemas: for every entry, the fields (names,
//! types, formats, constraints), missing values, keys and custom checks equal those of
//! the official descriptor it was imported from.
//!
//! The official descriptors are read from `shared/reference/schemas` beside the
//! repository; without it the test says so and passes.

use std::path::Path;

use tableschema::Schema;

/// The official descriptor of each bundled entry, relative to the reference folder.
const SOURCES: &[(&str, &str)] = &[
    ("bal@1.5.0", "bal/schema.json"),
    ("budget@0.8.3", "budget/schema.json"),
    ("catalogue@0.1.3", "catalogue/schema.json"),
    ("dae@1.0.7", "dae/schema.json"),
    ("dae@1.0.0", "dae/v1.0.0/schema.json"),
    ("decp-dpa@1.0.0", "decp-dpa/schema.json"),
    ("decp-tabulaire@2.0.0", "decp-tabulaire/schema.json"),
    ("deliberations@2.1.5", "deliberations/schema.json"),
    ("dispositif-aide@0.2.0", "dispositif-aide/schema.json"),
    (
        "dispositif-aide-professionnels@0.2.0",
        "dispositif-aide-professionnels/schema.json",
    ),
    ("equipements@0.1.5", "equipements/schema.json"),
    ("irve-dynamique@2.3.1", "irve-dynamique/schema.json"),
    ("irve-statique@2.3.1", "irve-statique/schema.json"),
    ("lieux-covoiturage@0.3.1", "lieux-covoiturage/schema.json"),
    (
        "lieux-covoiturage@0.2.0",
        "lieux-covoiturage/v0.2.0/schema.json",
    ),
    ("marches-publics@1.0.0", "marches-publics/schema.json"),
    (
        "mediation-numerique@1.0.1",
        "mediation-numerique/schema.json",
    ),
    ("menus-collectifs@1.2.3", "menus-collectifs/schema.json"),
    ("pei@1.0.1", "pei/schema.json"),
    (
        "plats-menus-collectifs@0.7.2",
        "plats-menus-collectifs/schema.json",
    ),
    ("prenoms@1.1.6", "prenoms/schema.json"),
    ("stationnement@0.1.5", "stationnement/schema.json"),
    (
        "stationnement-cyclable@1.1.1",
        "stationnement-cyclable/schema.json",
    ),
    ("subventions@2.1.1", "subventions/schema.json"),
];

#[test]
fn every_entry_has_an_official_source() {
    let entries = scdl::entries().expect("registry");
    assert_eq!(
        entries.len(),
        SOURCES.len(),
        "registry entries and sources listed here differ"
    );
    for entry in &entries {
        let id = format!("{}@{}", entry.slug, entry.version);
        assert!(
            SOURCES.iter().any(|(listed, _)| *listed == id),
            "{id} has no official source listed"
        );
    }
}

#[test]
fn registry_matches_official_descriptors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/schemas");
    if !root.is_dir() {
        eprintln!(
            "skipped: {} is absent, registry not compared with the official files",
            root.display()
        );
        return;
    }
    for (id, path) in SOURCES {
        let entry = scdl::find(id)
            .expect("registry")
            .unwrap_or_else(|| panic!("{id} not in the registry"));
        let (bundled, _) = entry.load().unwrap_or_else(|error| panic!("{id}: {error}"));
        let bytes =
            std::fs::read(root.join(path)).unwrap_or_else(|error| panic!("{path}: {error}"));
        let (official, _) =
            Schema::from_json_slice(&bytes).unwrap_or_else(|error| panic!("{path}: {error}"));

        assert_eq!(
            bundled.fields.len(),
            official.fields.len(),
            "{id}: field count"
        );
        for (ours, theirs) in bundled.fields.iter().zip(&official.fields) {
            assert_eq!(ours.name, theirs.name, "{id}: field order");
            assert_eq!(
                ours.field_type, theirs.field_type,
                "{id}.{}: type",
                ours.name
            );
            assert_eq!(ours.format, theirs.format, "{id}.{}: format", ours.name);
            assert_eq!(
                ours.constraints, theirs.constraints,
                "{id}.{}: constraints",
                ours.name
            );
            assert_eq!(
                ours.missing_values, theirs.missing_values,
                "{id}.{}: missingValues",
                ours.name
            );
            assert_eq!(
                ours.true_values, theirs.true_values,
                "{id}.{}: trueValues",
                ours.name
            );
            assert_eq!(
                ours.false_values, theirs.false_values,
                "{id}.{}: falseValues",
                ours.name
            );
            assert_eq!(
                ours.array_item, theirs.array_item,
                "{id}.{}: arrayItem",
                ours.name
            );
        }
        assert_eq!(
            bundled.missing_values, official.missing_values,
            "{id}: missingValues"
        );
        assert_eq!(
            bundled.primary_key, official.primary_key,
            "{id}: primaryKey"
        );
        assert_eq!(
            bundled.foreign_keys, official.foreign_keys,
            "{id}: foreignKeys"
        );
        assert_eq!(
            bundled.custom_checks.len(),
            official.custom_checks.len(),
            "{id}: custom checks"
        );
        for (ours, theirs) in bundled.custom_checks.iter().zip(&official.custom_checks) {
            assert_eq!(ours.name, theirs.name, "{id}: custom check name");
            assert_eq!(
                ours.params, theirs.params,
                "{id}: custom check {} params",
                ours.name
            );
        }
        assert_eq!(
            bundled.to_json_value(),
            official.to_json_value(),
            "{id}: whole descriptor"
        );
    }
}
