//! HTTP-level tests of the TOTEM budget conversion: the offer on the report page of an
//! uploaded TOTEM file, the SCDL CSV resource it creates and the checks on the action.

mod common;

use std::path::PathBuf;

use axum::http::StatusCode;
use catalog::{ResourceSource, ResourceStore, Role, ValidationStatus};
use common::{App, Session};

const SAMPLE: &str = "totem/samples/crach-budget-principal-bp-2022/totem.xml";

fn plans_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/totem/plans-de-compte")
}

/// Uploads `xml` as an editor of `organization` into a new dataset and waits for its
/// validation. Returns the report path and the dataset slug.
async fn upload_xml(
    app: &App,
    editor: &Session,
    organization: &catalog::Organization,
    xml: &[u8],
) -> (String, String) {
    let dataset = app.dataset(organization, "Budget 2022", false, false).await;
    let upload = app
        .upload(
            &format!("/jeux-de-donnees/{}/ressources", dataset.slug),
            editor,
            &editor.csrf,
            "totem.xml",
            xml,
        )
        .await;
    assert_eq!(upload.status, StatusCode::SEE_OTHER);
    let report_path = upload.location().to_string();
    app.wait_for_report(&report_path).await;
    (report_path, dataset.slug)
}

async fn stored_bytes(app: &App, resource_id: uuid::Uuid) -> (catalog::Resource, Vec<u8>) {
    let resource = app
        .state
        .store()
        .resource(resource_id)
        .await
        .expect("read")
        .expect("resource");
    let ResourceSource::File { storage_key, .. } = &resource.source else {
        panic!("not a file resource: {:?}", resource.source);
    };
    let path = app.state.files().path(storage_key).expect("stored path");
    let bytes = std::fs::read(path).expect("stored file");
    (resource, bytes)
}

#[tokio::test]
async fn totem_converts_to_valid_budget() {
    let plans = plans_dir();
    if !plans.is_dir() {
        eprintln!(
            "skipping the conversion test: {} is absent",
            plans.display()
        );
        return;
    }
    let app = App::with_config("budget-convert", |config| {
        config.totem_plans = Some(plans.clone());
    })
    .await;
    let Some(xml) = common::reference_file(SAMPLE) else {
        return;
    };
    let organization = app.organization("Commune de Crach").await;
    let editor = app
        .user("editeur@crach.fr", Some((&organization, Role::Editor)))
        .await;
    let (report_path, slug) = upload_xml(&app, &editor, &organization, &xml).await;

    let page = app.get(&report_path, Some(&editor)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Fichier budgétaire TOTEM"),
        "{}",
        page.body
    );
    assert!(page.body.contains("budget-scdl"));
    assert!(page.body.contains("BUDGET PRINCIPAL"), "summary shown");
    assert!(
        !page
            .body
            .contains("Aucun plan de comptes n&#x27;est chargé")
    );
    assert!(
        page.body.contains("Tableau des effectifs"),
        "personal-data element listed"
    );
    assert!(!page.body.contains("Pas de plan de comptes"));

    let action = report_path.clone() + "/budget-scdl";
    let converted = app
        .post_form(&action, Some(&editor), &[("csrf", editor.csrf.as_str())])
        .await;
    assert_eq!(
        converted.status,
        StatusCode::SEE_OTHER,
        "{}",
        converted.body
    );
    let target = converted.location().to_string();
    assert!(target.starts_with(&format!("/jeux-de-donnees/{slug}/ressources/")));
    let created_id = app.wait_for_report(&target).await;

    let (created, bytes) = stored_bytes(&app, created_id).await;
    assert_eq!(created.schema_slug.as_deref(), Some("budget"));
    assert_eq!(created.format, "csv");
    let text = String::from_utf8(bytes).expect("UTF-8 CSV");
    let mut lines = text.lines();
    let header = lines.next().expect("header line");
    assert_eq!(header, totem::SCDL_COLUMNS.join(","));
    assert!(lines.count() > 10, "rows written");
    assert_eq!(
        created.validation_status,
        ValidationStatus::Valid,
        "report: {:?}",
        created.report
    );
}

#[tokio::test]
async fn missing_plans_are_announced() {
    let Some(xml) = common::reference_file(SAMPLE) else {
        return;
    };
    let app = App::new("budget-no-plans").await;
    let organization = app.organization("Commune de Crach").await;
    let editor = app
        .user("editeur@crach.fr", Some((&organization, Role::Editor)))
        .await;
    let (report_path, _) = upload_xml(&app, &editor, &organization, &xml).await;

    let page = app.get(&report_path, Some(&editor)).await;
    assert!(
        page.body
            .contains("Aucun plan de comptes n&#x27;est chargé")
    );
    assert!(
        page.body
            .contains("Pas de plan de comptes M14-M14_COM_500_3500 pour 2022"),
        "missing-plan warning listed"
    );
    assert!(page.body.contains("autres points non affichés"));
    let english = app
        .get(&format!("{report_path}?lang=en"), Some(&editor))
        .await;
    assert!(english.body.contains("No plans de comptes are loaded"));
}

#[tokio::test]
async fn conversion_needs_editor_and_csrf() {
    let app = App::new("budget-roles").await;
    let organization = app.organization("Commune de Crach").await;
    let editor = app
        .user("editeur@crach.fr", Some((&organization, Role::Editor)))
        .await;
    let member = app
        .user("membre@crach.fr", Some((&organization, Role::Member)))
        .await;
    let (report_path, _) = upload_xml(&app, &editor, &organization, TRUNCATED.as_bytes()).await;
    let action = format!("{report_path}/budget-scdl");

    let member_page = app.get(&report_path, Some(&member)).await;
    assert_eq!(member_page.status, StatusCode::OK);
    assert!(
        !member_page.body.contains("budget-totem"),
        "no offer to a member"
    );

    let by_member = app
        .post_form(&action, Some(&member), &[("csrf", member.csrf.as_str())])
        .await;
    assert_eq!(by_member.status, StatusCode::FORBIDDEN);
    let forged_token = "0".repeat(64);
    let forged = app
        .post_form(&action, Some(&editor), &[("csrf", forged_token.as_str())])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let anonymous = app
        .post_form(&action, None, &[("csrf", forged_token.as_str())])
        .await;
    assert_eq!(anonymous.status, StatusCode::FORBIDDEN);

    let uploaded_id = app.wait_for_report(&report_path).await;
    let (uploaded, _) = stored_bytes(&app, uploaded_id).await;
    let resources = app
        .state
        .store()
        .resources(uploaded.dataset_id)
        .await
        .expect("resources");
    assert_eq!(resources.len(), 1, "no CSV resource created");
}

/// A TOTEM document cut off inside its root element.
const TRUNCATED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
    <DocumentBudgetaire xmlns=\"http://www.minefi.gouv.fr/cp/demat/docbudgetaire\">\n\
    <VersionSchema V=\"104\"/>\n<Budget>\n";

#[tokio::test]
async fn broken_totem_shows_french_error() {
    let app = App::new("budget-broken").await;
    let organization = app.organization("Commune de Crach").await;
    let editor = app
        .user("editeur@crach.fr", Some((&organization, Role::Editor)))
        .await;
    let (report_path, _) = upload_xml(&app, &editor, &organization, TRUNCATED.as_bytes()).await;

    let page = app.get(&report_path, Some(&editor)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("ne peut pas être converti"),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("budget-scdl\""),
        "no conversion offered"
    );

    let action = report_path + "/budget-scdl";
    let converted = app
        .post_form(&action, Some(&editor), &[("csrf", editor.csrf.as_str())])
        .await;
    assert_eq!(
        converted.status,
        StatusCode::BAD_REQUEST,
        "{}",
        converted.body
    );
    assert!(
        !converted.body.contains("totem-"),
        "message id not rendered: {}",
        converted.body
    );
    assert!(
        converted.body.contains("probablement tronqué"),
        "French message shown: {}",
        converted.body
    );
    assert!(
        converted.body.contains("&lt;Budget&gt;"),
        "element argument rendered"
    );
}
