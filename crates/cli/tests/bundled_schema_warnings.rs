//! Deprecated custom check names: reported for a schema the user supplies, left out for
//! the bundled official schemas, whose text the agent checking a file cannot change.

use std::path::Path;
use std::process::Command;

fn validate_json(file: &str, schema: &str) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_socle"))
        .args(["validate", file, "--schema", schema, "--format", "json"])
        .env_remove("SOCLE_LANG")
        .output()
        .expect("socle runs");
    serde_json::from_slice(&output.stdout).expect("JSON report")
}

/// Counts the mentions of the deprecation code anywhere in the report's task.
fn deprecation_count(report: &serde_json::Value) -> usize {
    report["tasks"][0]
        .to_string()
        .matches("deprecated-custom-check")
        .count()
}

fn demo_file() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../demo/deliberations-kerbrient.csv")
        .display()
        .to_string()
}

#[test]
fn bundled_schema_hides_deprecations() {
    let report = validate_json(&demo_file(), "deliberations");
    assert_eq!(deprecation_count(&report), 0, "{report:#}");
}

#[test]
fn local_copy_keeps_deprecations() {
    let entry = scdl::find("deliberations")
        .expect("registry readable")
        .expect("deliberations bundled");
    let dir = std::env::temp_dir().join(format!("socle-cli-deprecations-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let schema = dir.join("schema.json");
    std::fs::write(&schema, entry.schema.to_string()).expect("schema written");

    let report = validate_json(&demo_file(), &schema.display().to_string());
    assert!(deprecation_count(&report) > 0, "{report:#}");
}
