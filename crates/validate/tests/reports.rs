//! Snapshots of whole reports (JSON and text, French and English) on the demo files, so
//! that any change in findings, numbering or wording shows up in review.

use std::path::{Path, PathBuf};

use i18n::{Lang, Messages};
use validate::{Options, SchemaSummary, render, validate_path};

fn demo(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../demo")
        .join(file)
}

fn deliberations() -> tableschema::CompiledSchema {
    let entry = scdl::find("deliberations")
        .expect("registry")
        .expect("deliberations");
    let (schema, _) = entry.load().expect("bundled schema loads");
    schema.compile().expect("bundled schema compiles")
}

/// Replaces what changes from run to run (timings, absolute paths) with fixed text.
fn redact(mut json: serde_json::Value) -> serde_json::Value {
    json["stats"]["seconds"] = serde_json::json!("[seconds]");
    let task = &mut json["tasks"][0];
    task["stats"]["seconds"] = serde_json::json!("[seconds]");
    task["place"] = serde_json::json!("[path]");
    json
}

fn report_for(file: &str) -> validate::Report {
    let schema = deliberations();
    let summary = SchemaSummary {
        reference: "scdl/deliberations".into(),
        title: Some("Délibérations".into()),
        version: Some("2.1.5".into()),
    };
    let mut report = validate_path(
        &demo(file),
        Some(&schema),
        Some(summary),
        &Options::default(),
    )
    .expect("demo file readable");
    report.source = file.to_owned();
    report
}

#[test]
fn demo_valid_file_is_valid() {
    let report = report_for("deliberations-kerbrient.csv");
    assert!(report.is_valid(), "unexpected errors: {:?}", report.errors);
    assert_eq!(report.stats.rows, 5);
}

#[test]
fn demo_file_with_mistakes_json_fr() {
    let report = report_for("deliberations-kerbrient-a-corriger.csv");
    assert!(!report.is_valid());
    insta::assert_json_snapshot!(redact(render::to_json(&report, &Messages::new(Lang::Fr))));
}

#[test]
fn demo_file_with_mistakes_text_fr() {
    let report = report_for("deliberations-kerbrient-a-corriger.csv");
    insta::assert_snapshot!(render::to_text(&report, &Messages::new(Lang::Fr)));
}

#[test]
fn demo_file_with_mistakes_text_en() {
    let report = report_for("deliberations-kerbrient-a-corriger.csv");
    insta::assert_snapshot!(render::to_text(&report, &Messages::new(Lang::En)));
}
