//! HTTP-level tests of the personal-data gate: the scan after validation, its section on
//! the report page and the confirmation the publish form requires.

mod common;

use axum::http::StatusCode;
use catalog::store::NewResource;
use catalog::{ResourceSource, ResourceStore, Role, ValidationStatus};
use common::{App, Session};
use server::report::StoredReport;

const PRIVATE_PERSON_CSV: &str = "DELIB_ID,DELIB_OBJET\n\
    2026-001,Vente à M. Jean Kerhervé demeurant 4 rue des Lilas\n\
    2026-002,Budget primitif 2026\n";

const CLEAN_CSV: &str = "DELIB_ID,DELIB_OBJET\n\
    2026-001,Budget primitif 2026\n\
    2026-002,Tarifs de la cantine scolaire\n";

/// Uploads a file and waits for its validation and scan, then returns the report path and
/// the resource id.
async fn upload_and_wait(
    app: &App,
    session: &Session,
    slug: &str,
    content: &str,
) -> (String, uuid::Uuid) {
    let upload = app
        .upload(
            &format!("/jeux-de-donnees/{slug}/ressources"),
            session,
            &session.csrf,
            "deliberations.csv",
            content.as_bytes(),
        )
        .await;
    assert_eq!(upload.status, StatusCode::SEE_OTHER);
    let report_path = upload.location().to_string();
    let resource_id = app.wait_for_report(&report_path).await;
    (report_path, resource_id)
}

async fn stored_report(app: &App, resource_id: uuid::Uuid) -> StoredReport {
    let resource = app
        .state
        .store()
        .resource(resource_id)
        .await
        .expect("read")
        .expect("resource");
    serde_json::from_value(resource.report.expect("report")).expect("stored report")
}

async fn publish(app: &App, session: &Session, slug: &str, confirm: bool) -> StatusCode {
    let path = format!("/jeux-de-donnees/{slug}/publication");
    let mut form = vec![("csrf", session.csrf.as_str()), ("action", "publish")];
    if confirm {
        form.push(("confirm_personal_data", "yes"));
    }
    app.post_form(&path, Some(session), &form).await.status
}

async fn is_public(app: &App, slug: &str) -> bool {
    app.get(&format!("/jeux-de-donnees/{slug}"), None)
        .await
        .status
        == StatusCode::OK
}

#[tokio::test]
async fn private_person_needs_confirmation() {
    let app = App::new("privacy-confirm").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations 2026", false, false)
        .await;
    let (report_path, resource_id) =
        upload_and_wait(&app, &editor, &dataset.slug, PRIVATE_PERSON_CSV).await;

    let stored = stored_report(&app, resource_id).await;
    let privacy = stored.privacy.expect("privacy scan stored");
    assert_eq!(privacy.policy, "deliberations");
    assert!(privacy.blocking_findings >= 1, "{privacy:?}");
    assert!(privacy.needs_confirmation());
    let json = serde_json::to_string(&privacy.findings).expect("json");
    assert!(!json.contains("Kerhervé"), "stored unmasked: {json}");
    assert!(!json.contains("Lilas"), "stored unmasked: {json}");

    let page = app.get(&report_path, Some(&editor)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Données personnelles"));
    assert!(page.body.contains("confirmation explicite"));
    assert!(page.body.contains("name=\"confirm_personal_data\""));
    assert!(page.body.contains("DELIB_OBJET"));
    assert!(page.body.contains("K•••••••"), "masked excerpt shown");
    assert!(!page.body.contains("Kerhervé"), "unmasked name shown");

    let english = app
        .get(&format!("{report_path}?lang=en"), Some(&editor))
        .await;
    assert!(english.body.contains("Personal data"));

    assert_eq!(
        publish(&app, &editor, &dataset.slug, false).await,
        StatusCode::BAD_REQUEST
    );
    assert!(!is_public(&app, &dataset.slug).await);

    assert_eq!(
        publish(&app, &editor, &dataset.slug, true).await,
        StatusCode::SEE_OTHER
    );
    assert!(is_public(&app, &dataset.slug).await);

    let confirmation = stored_report(&app, resource_id)
        .await
        .privacy
        .and_then(|privacy| privacy.confirmation)
        .expect("confirmation recorded");
    assert_eq!(confirmation.user_email, "editeur@kerbrient.fr");
    assert!(confirmation.confirmed_at.starts_with("20"));

    let confirmed_page = app.get(&report_path, Some(&editor)).await;
    assert!(
        confirmed_page
            .body
            .contains("Publication confirmée par editeur@kerbrient.fr")
    );

    let anonymous = app.get(&report_path, None).await;
    assert_eq!(anonymous.status, StatusCode::OK);
    assert!(!anonymous.body.contains("Données personnelles"));
    assert!(!anonymous.body.contains("K•••••••"));
}

#[tokio::test]
async fn clean_file_publishes_unconfirmed() {
    let app = App::new("privacy-clean").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations 2026", false, false)
        .await;
    let (report_path, resource_id) = upload_and_wait(&app, &editor, &dataset.slug, CLEAN_CSV).await;

    let privacy = stored_report(&app, resource_id)
        .await
        .privacy
        .expect("privacy scan stored");
    assert_eq!(privacy.total_findings, 0);
    assert!(!privacy.needs_confirmation());
    let page = app.get(&report_path, Some(&editor)).await;
    assert!(page.body.contains("Aucune donnée personnelle détectée"));
    assert!(!page.body.contains("name=\"confirm_personal_data\""));

    assert_eq!(
        publish(&app, &editor, &dataset.slug, false).await,
        StatusCode::SEE_OTHER
    );
    assert!(is_public(&app, &dataset.slug).await);
}

#[tokio::test]
async fn confirmation_needs_editor_and_csrf() {
    let app = App::new("privacy-roles").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let member = app
        .user("membre@kerbrient.fr", Some((&organization, Role::Member)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations 2026", false, false)
        .await;
    let (_, resource_id) = upload_and_wait(&app, &editor, &dataset.slug, PRIVATE_PERSON_CSV).await;

    assert_eq!(
        publish(&app, &member, &dataset.slug, true).await,
        StatusCode::FORBIDDEN
    );
    let forged = app
        .post_form(
            &format!("/jeux-de-donnees/{}/publication", dataset.slug),
            Some(&editor),
            &[
                ("csrf", "0".repeat(64).as_str()),
                ("action", "publish"),
                ("confirm_personal_data", "yes"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    let privacy = stored_report(&app, resource_id)
        .await
        .privacy
        .expect("privacy scan stored");
    assert!(privacy.confirmation.is_none());
    assert!(!is_public(&app, &dataset.slug).await);
}

#[tokio::test]
async fn pending_scan_blocks_publication() {
    let app = App::new("privacy-pending").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations 2026", false, false)
        .await;
    // A resource left pending, as when its validation has not started yet.
    let new = NewResource {
        title: "deliberations.csv".into(),
        source: ResourceSource::File {
            file_name: "deliberations.csv".into(),
            storage_key: "0".repeat(64),
            size: 0,
            sha256: "0".repeat(64),
        },
        format: "csv".into(),
        schema_slug: Some("deliberations".into()),
        validation_status: ValidationStatus::Pending,
    };
    app.state
        .store()
        .add_resource(dataset.id, &new)
        .await
        .expect("resource");

    assert_eq!(
        publish(&app, &editor, &dataset.slug, true).await,
        StatusCode::BAD_REQUEST
    );
    assert!(!is_public(&app, &dataset.slug).await);
}

#[tokio::test]
async fn redacted_copy_hides_original() {
    let app = App::new("privacy-redact").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations 2026", false, false)
        .await;
    let (original_path, original_id) =
        upload_and_wait(&app, &editor, &dataset.slug, PRIVATE_PERSON_CSV).await;
    let page = app.get(&original_path, Some(&editor)).await;
    assert!(page.body.contains("/version-masquee"));

    let forged = app
        .post_form(
            &format!("{original_path}/version-masquee"),
            Some(&editor),
            &[("csrf", "0".repeat(64).as_str())],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let member = app
        .user("membre@kerbrient.fr", Some((&organization, Role::Member)))
        .await;
    let by_member = app
        .post_form(
            &format!("{original_path}/version-masquee"),
            Some(&member),
            &[("csrf", member.csrf.as_str())],
        )
        .await;
    assert_eq!(by_member.status, StatusCode::FORBIDDEN);

    let redacted = app
        .post_form(
            &format!("{original_path}/version-masquee"),
            Some(&editor),
            &[("csrf", editor.csrf.as_str())],
        )
        .await;
    assert_eq!(redacted.status, StatusCode::SEE_OTHER);
    let copy_path = redacted.location().to_string();
    let copy_id = app.wait_for_report(&copy_path).await;
    assert_ne!(copy_id, original_id);

    let original = app
        .state
        .store()
        .resource(original_id)
        .await
        .expect("read")
        .expect("original kept");
    assert!(original.private);
    let copy_privacy = stored_report(&app, copy_id)
        .await
        .privacy
        .expect("copy scanned");
    assert!(!copy_privacy.needs_confirmation(), "{copy_privacy:?}");

    let download = app
        .get(&format!("{copy_path}/telechargement"), Some(&editor))
        .await;
    assert_eq!(download.status, StatusCode::OK);
    assert!(download.body.contains("[nom masqué]"), "{}", download.body);
    assert!(
        download.body.contains("[adresse masquée]"),
        "{}",
        download.body
    );
    assert!(!download.body.contains("Kerhervé"));
    assert!(download.body.contains("Budget primitif 2026"));

    // The redaction record names the editor and the rules, and contains no masked text.
    let record = find_redaction_record(&app.data).expect("redaction record stored");
    assert!(record.contains("editeur@kerbrient.fr"), "{record}");
    assert!(record.contains("\"deliberations\""), "{record}");
    assert!(record.contains("\"entries\""), "{record}");
    assert!(!record.contains("Kerhervé"), "{record}");

    assert_eq!(
        publish(&app, &editor, &dataset.slug, false).await,
        StatusCode::SEE_OTHER
    );
    assert!(is_public(&app, &dataset.slug).await);

    let dataset_page = app
        .get(&format!("/jeux-de-donnees/{}", dataset.slug), None)
        .await;
    assert!(dataset_page.body.contains(&copy_id.to_string()));
    assert!(!dataset_page.body.contains(&original_id.to_string()));
    assert!(!dataset_page.body.contains("Kerhervé"));
    assert_eq!(
        app.get(&format!("{original_path}/telechargement"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&original_path, None).await.status,
        StatusCode::NOT_FOUND
    );
    let anonymous_copy = app.get(&format!("{copy_path}/telechargement"), None).await;
    assert_eq!(anonymous_copy.status, StatusCode::OK);
    assert!(!anonymous_copy.body.contains("Kerhervé"));

    let editor_page = app
        .get(&format!("/jeux-de-donnees/{}", dataset.slug), Some(&editor))
        .await;
    assert!(editor_page.body.contains(&original_id.to_string()));
    assert!(editor_page.body.contains(">privé</span>"));

    let editor_original = app
        .get(&format!("{original_path}/telechargement"), Some(&editor))
        .await;
    assert_eq!(editor_original.status, StatusCode::OK);
    assert!(editor_original.body.contains("Kerhervé"));
}

/// Finds the JSON redaction record among the stored files of a data folder.
fn find_redaction_record(folder: &std::path::Path) -> Option<String> {
    let entries = std::fs::read_dir(folder).ok()?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = find_redaction_record(&path) {
                return Some(found);
            }
        } else if let Ok(text) = std::fs::read_to_string(&path)
            && text.contains("\"engine_version\"")
        {
            return Some(text);
        }
    }
    None
}
