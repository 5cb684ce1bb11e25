//! The demo's TOTEM budget: the bundled synthetic `DocumentBudgetaire` converts with the
//! totem engine, is seeded in the commune's budget dataset, and its report page offers the
//! conversion with amounts written in the page's language.

mod common;

use std::path::PathBuf;

use axum::http::StatusCode;
use catalog::{
    DatasetStore, OrganizationStore, ResourceSource, ResourceStore, Role, ValidationStatus, Viewer,
};
use common::App;
use server::demo::{BUDGET_FILE_NAME, BUNDLED_BUDGET};

/// Returns the folder of plans de comptes of the reference material, when present.
fn reference_plans() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/totem/plans-de-compte");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "plans de comptes absent at {}: checking the conversion without labels",
            dir.display()
        );
        None
    }
}

fn convert(plans: &totem::Plans) -> (totem::Conversion, Vec<csv::StringRecord>) {
    let mut output = Vec::new();
    let conversion = totem::convert(
        BUNDLED_BUDGET,
        &mut output,
        plans,
        &totem::ConvertOptions::default(),
    )
    .expect("the bundled budget converts");
    let rows = csv::Reader::from_reader(output.as_slice())
        .records()
        .collect::<Result<Vec<_>, _>>()
        .expect("CSV output");
    (conversion, rows)
}

#[test]
fn bundled_budget_converts() {
    let (conversion, rows) = convert(&totem::Plans::empty());
    assert_eq!(conversion.rows, 16);
    assert_eq!(rows.len(), 16);

    let summary = &conversion.summary.budgets;
    assert_eq!(summary.len(), 1, "one budget");
    let lines: Vec<String> = summary[0]
        .messages()
        .iter()
        .flat_map(|(_, args)| args.iter().map(|(name, value)| format!("{name}={value}")))
        .collect();
    for expected in [
        "stage=bp",
        "year=2024",
        "amount=702730.50",
        "amount=309000.00",
    ] {
        assert!(
            lines.iter().any(|line| line == expected),
            "{expected} in {lines:?}"
        );
    }

    let sections: Vec<&str> = rows.iter().map(|row| &row[11]).collect();
    assert_eq!(
        sections
            .iter()
            .filter(|section| **section == "fonctionnement")
            .count(),
        9
    );
    assert_eq!(
        sections
            .iter()
            .filter(|section| **section == "investissement")
            .count(),
        7
    );
    let operations: Vec<&str> = rows.iter().map(|row| &row[12]).collect();
    assert_eq!(
        operations.iter().filter(|kind| **kind == "ordre").count(),
        4
    );
    assert!(rows.iter().all(|row| &row[0] == "budget primitif"));
    assert!(rows.iter().all(|row| &row[2] == "21569990100017"));
}

#[test]
fn bundled_budget_matches_m57_plan() {
    let Some(dir) = reference_plans() else {
        return;
    };
    let plans = totem::Plans::load_dir(&dir).expect("plans de comptes");
    let (conversion, rows) = convert(&plans);
    let warnings: Vec<&str> = conversion
        .warnings
        .iter()
        .map(|notice| notice.code)
        .collect();
    assert_eq!(
        warnings,
        Vec::<&str>::new(),
        "every account and chapter is in M57_P 2024"
    );
    assert!(conversion.personal_data.is_empty());
    assert!(
        rows.iter()
            .all(|row| !row[5].is_empty() && !row[7].is_empty()),
        "every line gets its chapter and account labels"
    );
}

#[tokio::test]
async fn demo_budget_conversion_offered() {
    let plans = reference_plans();
    let app = App::with_config("demo-budget", |config| {
        config.totem_plans = plans.clone();
    })
    .await;
    assert!(
        server::demo::seed(&app.state, "mot de passe de démonstration")
            .await
            .expect("seed")
    );

    let organization = app
        .state
        .store()
        .organization_by_slug("commune-de-kerbrient")
        .await
        .expect("read")
        .expect("demo commune");
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let hit = app
        .state
        .store()
        .dataset(&Viewer::anonymous(), "budget-primitif-de-la-commune")
        .await
        .expect("read")
        .expect("published budget dataset");
    assert_eq!(hit.dataset.fields.schema_slug.as_deref(), Some("budget"));
    let resources = app
        .state
        .store()
        .resources(hit.dataset.id)
        .await
        .expect("resources");
    assert_eq!(resources.len(), 1);
    let xml = &resources[0];
    assert_eq!(xml.format, "xml");
    assert_eq!(xml.validation_status, ValidationStatus::None);
    let ResourceSource::File { file_name, .. } = &xml.source else {
        panic!("stored file expected");
    };
    assert_eq!(file_name, BUDGET_FILE_NAME);

    let report_path = format!(
        "/jeux-de-donnees/{}/ressources/{}",
        hit.dataset.slug, xml.id
    );
    let french = app.get(&report_path, Some(&editor)).await;
    assert_eq!(french.status, StatusCode::OK);
    assert!(french.body.contains("budget-scdl"), "{}", french.body);
    assert!(french.body.contains("COMMUNE DE KERBRIENT"));
    assert!(
        french.body.contains("702\u{202F}730,50 €"),
        "French amount in {}",
        french.body
    );
    assert!(french.body.contains("309\u{202F}000,00 €"));
    assert!(!french.body.contains("702730.50"));

    let english = app
        .get(&format!("{report_path}?lang=en"), Some(&editor))
        .await;
    assert!(english.body.contains("702,730.50"), "{}", english.body);
    assert!(english.body.contains("309,000.00"));

    let converted = app
        .post_form(
            &format!("{report_path}/budget-scdl"),
            Some(&editor),
            &[("csrf", editor.csrf.as_str())],
        )
        .await;
    assert_eq!(
        converted.status,
        StatusCode::SEE_OTHER,
        "{}",
        converted.body
    );
    let created_id = app.wait_for_report(converted.location()).await;
    let created = app
        .state
        .store()
        .resource(created_id)
        .await
        .expect("read")
        .expect("budget CSV");
    assert_eq!(created.schema_slug.as_deref(), Some("budget"));
    if plans.is_some() {
        assert_eq!(
            created.validation_status,
            ValidationStatus::Valid,
            "report: {:?}",
            created.report
        );
    }
}
