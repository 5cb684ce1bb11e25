//! HTTP-level tests of the personal-data hold on files added to a published dataset,
//! through the web interface and the CKAN API, of the blocked-publication page, and of
//! deleting and replacing a file.

mod common;

use axum::http::StatusCode;
use catalog::store::NewResource;
use catalog::{
    DatasetStore, OrganizationStore, ResourceSource, ResourceStore, Role, ValidationStatus,
    Validity, Viewer,
};
use common::{App, Session};
use server::report::StoredReport;

/// A délibération whose object names a private person and their address.
const PERSONAL_CSV: &str = "DELIB_ID,DELIB_OBJET\n\
    2026-001,Cession d'une parcelle à M. Jean Dupont domicilié 12 rue des Lilas 56000 Vannes\n\
    2026-002,Budget primitif 2026\n";

const CLEAN_CSV: &str = "DELIB_ID,DELIB_OBJET\n\
    2026-001,Budget primitif 2026\n\
    2026-002,Tarifs de la cantine scolaire\n";

/// Creates an organisation, an editor and a dataset, published or not.
async fn setup(name: &str, published: bool) -> (App, Session, catalog::Dataset) {
    let app = App::new(name).await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations 2026", false, published)
        .await;
    (app, editor, dataset)
}

/// Uploads a file through the web form and returns the report path and resource id,
/// without waiting for the validation.
async fn upload(
    app: &App,
    session: &Session,
    slug: &str,
    file_name: &str,
    content: &[u8],
) -> (String, uuid::Uuid) {
    let page = app
        .upload(
            &format!("/jeux-de-donnees/{slug}/ressources"),
            session,
            &session.csrf,
            file_name,
            content,
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let report_path = page.location().to_string();
    let resource_id = common::resource_id_in(&report_path);
    (report_path, resource_id)
}

/// Waits for a resource's validation, then until a file whose check is cleared is no
/// longer held, and returns the resource.
async fn settle(app: &App, resource_id: uuid::Uuid) -> catalog::Resource {
    app.wait_validation(resource_id).await;
    for _ in 0..100 {
        let current = resource(app, resource_id).await.expect("resource");
        let held = app.state.store().is_held(resource_id).await.expect("hold");
        let cleared = server::publication_hold::check(&current)
            == server::publication_hold::PrivacyCheck::Cleared;
        if !(held && cleared) {
            return current;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("hold of {resource_id} not lifted in 5 s");
}

async fn resource(app: &App, resource_id: uuid::Uuid) -> Option<catalog::Resource> {
    app.state.store().resource(resource_id).await.expect("read")
}

async fn stored_report(app: &App, resource_id: uuid::Uuid) -> StoredReport {
    let resource = resource(app, resource_id).await.expect("resource");
    serde_json::from_value(resource.report.expect("report")).expect("stored report")
}

async fn anonymous_download(app: &App, report_path: &str) -> StatusCode {
    app.get(&format!("{report_path}/telechargement"), None)
        .await
        .status
}

/// Returns whether an anonymous `package_show` lists the resource.
async fn package_show_lists(app: &App, slug: &str, resource_id: uuid::Uuid) -> bool {
    let reply = app.api_get(&format!("package_show?id={slug}"), None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    reply.json["result"]["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .any(|item| item["id"] == resource_id.to_string())
}

async fn catalog_lists(app: &App, resource_id: uuid::Uuid) -> bool {
    let page = app.get("/catalog.ttl", None).await;
    assert_eq!(page.status, StatusCode::OK);
    page.body.contains(&resource_id.to_string())
}

async fn confirm(app: &App, session: &Session, report_path: &str, ticked: bool) -> StatusCode {
    let mut form = vec![("csrf", session.csrf.as_str())];
    if ticked {
        form.push(("confirm_personal_data", "yes"));
    }
    app.post_form(&format!("{report_path}/confirmation"), Some(session), &form)
        .await
        .status
}

#[tokio::test]
async fn published_upload_held_until_confirmed() {
    let (app, editor, dataset) = setup("gate-web-held", true).await;
    let (report_path, resource_id) = upload(
        &app,
        &editor,
        &dataset.slug,
        "delib-perso.csv",
        PERSONAL_CSV.as_bytes(),
    )
    .await;
    // Held from the upload on, before the validation has run.
    let uploaded = resource(&app, resource_id).await.expect("resource");
    assert!(
        uploaded.private,
        "a new file must not be public before its scan"
    );
    assert!(app.state.store().is_held(resource_id).await.expect("hold"));

    settle(&app, resource_id).await;
    let privacy = stored_report(&app, resource_id)
        .await
        .privacy
        .expect("privacy scan stored");
    assert!(privacy.needs_confirmation());
    assert!(resource(&app, resource_id).await.unwrap().private);

    assert_eq!(
        anonymous_download(&app, &report_path).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&report_path, None).await.status,
        StatusCode::NOT_FOUND
    );
    let public_page = app
        .get(&format!("/jeux-de-donnees/{}", dataset.slug), None)
        .await;
    assert_eq!(public_page.status, StatusCode::OK);
    assert!(!public_page.body.contains("Dupont"));
    assert!(!public_page.body.contains(&resource_id.to_string()));
    assert!(!package_show_lists(&app, &dataset.slug, resource_id).await);
    assert!(!catalog_lists(&app, resource_id).await);
    let search = app.api_get("package_search?q=Dupont", None).await;
    assert_eq!(search.json["result"]["count"], 0, "{}", search.json);

    // The editor sees the warning on the dataset page and the form on the report.
    let editor_page = app
        .get(&format!("/jeux-de-donnees/{}", dataset.slug), Some(&editor))
        .await;
    assert!(editor_page.body.contains("privacy-awaiting"));
    assert!(editor_page.body.contains(&report_path));
    let report = app.get(&report_path, Some(&editor)).await;
    assert!(report.body.contains(&format!("{report_path}/confirmation")));
    assert!(report.body.contains("name=\"confirm_personal_data\""));
    assert!(
        report
            .body
            .contains("il a été ajouté à un jeu de données publié")
    );

    // An unticked box and a forged CSRF token change nothing.
    assert_eq!(
        confirm(&app, &editor, &report_path, false).await,
        StatusCode::BAD_REQUEST
    );
    let forged = app
        .post_form(
            &format!("{report_path}/confirmation"),
            Some(&editor),
            &[("csrf", "forged"), ("confirm_personal_data", "yes")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(resource(&app, resource_id).await.unwrap().private);

    assert_eq!(
        confirm(&app, &editor, &report_path, true).await,
        StatusCode::SEE_OTHER
    );
    assert!(!resource(&app, resource_id).await.unwrap().private);
    let confirmation = stored_report(&app, resource_id)
        .await
        .privacy
        .and_then(|privacy| privacy.confirmation)
        .expect("confirmation recorded");
    assert_eq!(confirmation.user_email, "editeur@kerbrient.fr");

    let download = app
        .get(&format!("{report_path}/telechargement"), None)
        .await;
    assert_eq!(download.status, StatusCode::OK);
    assert!(download.body.contains("Jean Dupont"));
    assert!(package_show_lists(&app, &dataset.slug, resource_id).await);
    assert!(catalog_lists(&app, resource_id).await);
}

#[tokio::test]
async fn clean_upload_released_after_scan() {
    let (app, editor, dataset) = setup("gate-web-clean", true).await;
    let (report_path, resource_id) = upload(
        &app,
        &editor,
        &dataset.slug,
        "delib.csv",
        CLEAN_CSV.as_bytes(),
    )
    .await;
    let validated = settle(&app, resource_id).await;
    assert!(!validated.private, "a file without findings is published");
    assert!(!app.state.store().is_held(resource_id).await.expect("hold"));
    assert_eq!(anonymous_download(&app, &report_path).await, StatusCode::OK);
    assert!(package_show_lists(&app, &dataset.slug, resource_id).await);
}

#[tokio::test]
async fn member_cannot_confirm() {
    let (app, editor, dataset) = setup("gate-web-member", true).await;
    let organization = app
        .state
        .store()
        .organization(dataset.organization_id)
        .await
        .expect("read")
        .expect("organisation");
    let member = app
        .user("membre@kerbrient.fr", Some((&organization, Role::Member)))
        .await;
    let (report_path, resource_id) = upload(
        &app,
        &editor,
        &dataset.slug,
        "delib-perso.csv",
        PERSONAL_CSV.as_bytes(),
    )
    .await;
    settle(&app, resource_id).await;
    let status = confirm(&app, &member, &report_path, true).await;
    assert!(
        status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
        "{status}"
    );
    assert!(resource(&app, resource_id).await.unwrap().private);
}

#[tokio::test]
async fn unreadable_file_held_until_confirmed() {
    let (app, editor, dataset) = setup("gate-web-unscanned", true).await;
    let (report_path, resource_id) = upload(
        &app,
        &editor,
        &dataset.slug,
        "tableau.xlsx",
        b"PK\x03\x04 this zip archive is truncated",
    )
    .await;
    let validated = settle(&app, resource_id).await;
    assert_ne!(validated.validation_status, ValidationStatus::Valid);
    assert!(stored_report(&app, resource_id).await.privacy.is_none());
    assert!(
        validated.private,
        "a file the scan could not read stays held"
    );
    assert_eq!(
        anonymous_download(&app, &report_path).await,
        StatusCode::NOT_FOUND
    );
    let report = app.get(&report_path, Some(&editor)).await;
    assert!(
        report.body.contains("pas pu lire ce fichier"),
        "{}",
        report.body
    );

    assert_eq!(
        confirm(&app, &editor, &report_path, true).await,
        StatusCode::SEE_OTHER
    );
    assert!(!resource(&app, resource_id).await.unwrap().private);
    let confirmation = stored_report(&app, resource_id)
        .await
        .unscanned_confirmation
        .expect("confirmation recorded");
    assert_eq!(confirmation.user_email, "editeur@kerbrient.fr");
    assert_eq!(anonymous_download(&app, &report_path).await, StatusCode::OK);
}

#[tokio::test]
async fn api_resource_create_held() {
    let (app, _editor, dataset) = setup("gate-api-create", true).await;
    let organization = app
        .state
        .store()
        .organization(dataset.organization_id)
        .await
        .expect("read")
        .expect("organisation");
    let token = app
        .api_user(
            "api@kerbrient.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;
    let dataset_id = dataset.id.to_string();
    let reply = app
        .api_upload(
            "resource_create",
            &token,
            &[("package_id", dataset_id.as_str())],
            "delib-perso.csv",
            PERSONAL_CSV.as_bytes(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(reply.json["result"]["privacy_hold"], "scanning");
    let resource_id: uuid::Uuid = reply.json["result"]["id"]
        .as_str()
        .expect("id")
        .parse()
        .expect("uuid");
    settle(&app, resource_id).await;

    let report_path = format!("/jeux-de-donnees/{}/ressources/{resource_id}", dataset.slug);
    assert_eq!(
        anonymous_download(&app, &report_path).await,
        StatusCode::NOT_FOUND
    );
    assert!(!package_show_lists(&app, &dataset.slug, resource_id).await);
    let shown = app
        .api_get(&format!("resource_show?id={resource_id}"), None)
        .await;
    assert_eq!(shown.status, StatusCode::NOT_FOUND);
    assert!(!catalog_lists(&app, resource_id).await);

    // The editor follows the check with resource_show.
    let checked = app
        .api_get(&format!("resource_show?id={resource_id}"), Some(&token))
        .await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.json);
    assert_eq!(
        checked.json["result"]["privacy_hold"], "needs_confirmation",
        "{}",
        checked.json
    );

    // The editor still sees it, and replacing it through the API holds it again.
    let editor_show = app
        .api_get(&format!("package_show?id={}", dataset.slug), Some(&token))
        .await;
    assert!(
        editor_show
            .json
            .to_string()
            .contains(&resource_id.to_string())
    );
    let resource_key = resource_id.to_string();
    let update = app
        .api_upload(
            "resource_update",
            &token,
            &[("id", resource_key.as_str())],
            "delib.csv",
            CLEAN_CSV.as_bytes(),
        )
        .await;
    assert_eq!(update.status, StatusCode::OK, "{}", update.json);
    assert_eq!(update.json["result"]["privacy_hold"], "scanning");
    settle(&app, resource_id).await;
    assert!(!resource(&app, resource_id).await.unwrap().private);
    assert!(package_show_lists(&app, &dataset.slug, resource_id).await);
}

#[tokio::test]
async fn api_publishing_draft_needs_confirmation() {
    let (app, editor, dataset) = setup("gate-api-draft", false).await;
    let organization = app
        .state
        .store()
        .organization(dataset.organization_id)
        .await
        .expect("read")
        .expect("organisation");
    let token = app
        .api_user(
            "api@kerbrient.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;
    let (_, resource_id) = upload(
        &app,
        &editor,
        &dataset.slug,
        "delib-perso.csv",
        PERSONAL_CSV.as_bytes(),
    )
    .await;
    settle(&app, resource_id).await;
    let reply = app
        .api_post(
            "package_patch",
            Some(&token),
            &serde_json::json!({ "id": dataset.id.to_string(), "state": "active" }),
        )
        .await;
    assert_ne!(reply.status, StatusCode::OK, "{}", reply.json);
    assert_eq!(reply.json["success"], false, "{}", reply.json);
    assert!(
        reply.json.to_string().contains("données personnelles"),
        "{}",
        reply.json
    );
}

#[tokio::test]
async fn blocked_publication_links_reports() {
    let (app, editor, dataset) = setup("gate-draft-links", false).await;
    let (report_path, resource_id) = upload(
        &app,
        &editor,
        &dataset.slug,
        "delib-perso.csv",
        PERSONAL_CSV.as_bytes(),
    )
    .await;
    settle(&app, resource_id).await;
    // Drafts are not held: the gate runs when they are published.
    assert!(!resource(&app, resource_id).await.unwrap().private);

    let dataset_page = app
        .get(&format!("/jeux-de-donnees/{}", dataset.slug), Some(&editor))
        .await;
    assert!(dataset_page.body.contains("privacy-awaiting"));
    assert!(dataset_page.body.contains(&report_path));
    assert!(dataset_page.body.contains("name=\"confirm_personal_data\""));

    let path = format!("/jeux-de-donnees/{}/publication", dataset.slug);
    let blocked = app
        .post_form(
            &path,
            Some(&editor),
            &[("csrf", editor.csrf.as_str()), ("action", "publish")],
        )
        .await;
    assert_eq!(blocked.status, StatusCode::BAD_REQUEST);
    assert!(
        blocked.body.contains(&format!("href=\"{report_path}\"")),
        "{}",
        blocked.body
    );
    assert!(blocked.body.contains("delib-perso.csv"));
    let hidden = app
        .get(&format!("/jeux-de-donnees/{}", dataset.slug), None)
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);

    let published = app
        .post_form(
            &path,
            Some(&editor),
            &[
                ("csrf", editor.csrf.as_str()),
                ("action", "publish"),
                ("confirm_personal_data", "yes"),
            ],
        )
        .await;
    assert_eq!(published.status, StatusCode::SEE_OTHER);
    assert!(
        stored_report(&app, resource_id)
            .await
            .privacy
            .and_then(|privacy| privacy.confirmation)
            .is_some()
    );
}

/// Reads a dataset's validity as the catalogue stores it.
async fn validity(app: &App, dataset: &catalog::Dataset) -> Validity {
    app.state
        .store()
        .dataset(&Viewer::anonymous(), &dataset.id.to_string())
        .await
        .expect("read")
        .map(|hit| hit.dataset.validity)
        .unwrap_or_else(|| {
            panic!("dataset {} not visible", dataset.slug);
        })
}

#[tokio::test]
async fn delete_file_recomputes_validity() {
    let (app, editor, dataset) = setup("gate-delete", true).await;
    let (_, valid_id) = upload(
        &app,
        &editor,
        &dataset.slug,
        "delib.csv",
        &common::bundled_deliberations(),
    )
    .await;
    settle(&app, valid_id).await;
    let (bad_path, bad_id) = upload(
        &app,
        &editor,
        &dataset.slug,
        "faux.csv",
        b"DELIB_ID,DELIB_DATE\n2026-001,pas une date\n",
    )
    .await;
    let bad = settle(&app, bad_id).await;
    assert_eq!(bad.validation_status, ValidationStatus::Invalid);
    assert_eq!(validity(&app, &dataset).await, Validity::Invalid);
    let ResourceSource::File { storage_key, .. } = &bad.source else {
        panic!("uploaded file expected");
    };

    let form = app
        .get(&format!("{bad_path}/suppression"), Some(&editor))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains(&format!("action=\"{bad_path}/suppression\""))
    );
    let anonymous = app.get(&format!("{bad_path}/suppression"), None).await;
    assert_ne!(anonymous.status, StatusCode::OK);
    let forged = app
        .post_form(
            &format!("{bad_path}/suppression"),
            Some(&editor),
            &[("csrf", "forged")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(resource(&app, bad_id).await.is_some());

    let deleted = app
        .post_form(
            &format!("{bad_path}/suppression"),
            Some(&editor),
            &[("csrf", editor.csrf.as_str())],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert!(resource(&app, bad_id).await.is_none());
    assert_eq!(validity(&app, &dataset).await, Validity::Valid);
    // The stored file is left for the sweep.
    let path = app.state.files().path(storage_key).expect("key");
    assert!(path.exists(), "{} removed before the sweep", path.display());
    assert_eq!(
        app.get(&format!("{bad_path}/telechargement"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn replace_keeps_id_and_revalidates() {
    let (app, editor, dataset) = setup("gate-replace", true).await;
    let (report_path, resource_id) = upload(
        &app,
        &editor,
        &dataset.slug,
        "faux.csv",
        b"DELIB_ID,DELIB_DATE\n2026-001,pas une date\n",
    )
    .await;
    let first = settle(&app, resource_id).await;
    assert_eq!(first.validation_status, ValidationStatus::Invalid);
    assert_eq!(validity(&app, &dataset).await, Validity::Invalid);

    let report = app.get(&report_path, Some(&editor)).await;
    assert!(report.body.contains(&format!("{report_path}/remplacement")));
    assert!(!report.body.contains("/ajouter\">Corriger"));
    let form = app
        .get(&format!("{report_path}/remplacement"), Some(&editor))
        .await;
    assert_eq!(form.status, StatusCode::OK);

    let replaced = app
        .upload(
            &format!("{report_path}/remplacement"),
            &editor,
            &editor.csrf,
            "delib.csv",
            &common::bundled_deliberations(),
        )
        .await;
    assert_eq!(replaced.status, StatusCode::SEE_OTHER, "{}", replaced.body);
    assert_eq!(replaced.location(), report_path);
    // Not held: visitors keep the old file until the new one is checked.
    assert!(!resource(&app, resource_id).await.unwrap().private);

    let second = settle(&app, resource_id).await;
    assert_eq!(second.validation_status, ValidationStatus::Valid);
    assert!(!second.private);
    assert_eq!(second.title, "delib.csv");
    assert_eq!(validity(&app, &dataset).await, Validity::Valid);
    let resources = app.state.store().resources(dataset.id).await.expect("read");
    assert_eq!(resources.len(), 1, "replacing must not add a file");
    let download = app
        .get(&format!("{report_path}/telechargement"), None)
        .await;
    assert_eq!(download.status, StatusCode::OK);
    assert!(download.body.contains("Vote du budget primitif 2024"));

    let forged = app
        .upload(
            &format!("{report_path}/remplacement"),
            &editor,
            "forged",
            "autre.csv",
            CLEAN_CSV.as_bytes(),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn status_names_true_cause() {
    let (app, editor, dataset) = setup("gate-status", true).await;
    let link = NewResource {
        title: "Délibérations distantes".into(),
        source: ResourceSource::Url {
            url: "https://example.invalid/deliberations.csv".into(),
        },
        format: "csv".into(),
        schema_slug: Some("deliberations".into()),
        validation_status: ValidationStatus::None,
    };
    let link_resource = app
        .state
        .store()
        .add_resource(dataset.id, &link)
        .await
        .expect("link");
    let page = app
        .get(&format!("/jeux-de-donnees/{}", dataset.slug), Some(&editor))
        .await;
    assert!(page.body.contains("pas encore récupéré"), "{}", page.body);
    assert!(!page.body.contains("pas de schéma ou pas un tableau"));

    // A fetch that failed before any version was stored.
    use catalog::refresh::{CheckOutcome, CheckRecord, MessageRef, RefreshStore};
    let failure = CheckRecord {
        outcome: CheckOutcome::Failed,
        validators: None,
        error: Some(MessageRef {
            message_id: "refresh-fetch-empty".into(),
            args: vec![(
                "url".into(),
                "https://example.invalid/deliberations.csv".into(),
            )],
        }),
    };
    app.state
        .store()
        .record_check(link_resource.id, jiff::Timestamp::now(), &failure)
        .await
        .expect("record the failed fetch");
    let page = app
        .get(&format!("/jeux-de-donnees/{}", dataset.slug), Some(&editor))
        .await;
    assert!(page.body.contains("pas pu être récupéré"), "{}", page.body);

    let mut budget_fields = app
        .state
        .store()
        .dataset(&Viewer::anonymous(), &dataset.id.to_string())
        .await
        .expect("read")
        .expect("dataset")
        .dataset
        .fields;
    budget_fields.schema_slug = Some("budget".into());
    app.state
        .store()
        .update_dataset(dataset.id, &budget_fields)
        .await
        .expect("budget schema");
    let (_, totem_id) = upload(
        &app,
        &editor,
        &dataset.slug,
        "totem.xml",
        b"<?xml version=\"1.0\"?><DocumentBudgetaire/>",
    )
    .await;
    let page = app
        .get(&format!("/jeux-de-donnees/{}", dataset.slug), Some(&editor))
        .await;
    assert!(page.body.contains("TOTEM"), "{}", page.body);
    assert!(!resource(&app, totem_id).await.unwrap().private);
}
