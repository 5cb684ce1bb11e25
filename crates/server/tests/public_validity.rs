//! The validity badge and facet shown to visitors, computed from the files they can see.
//! An invalid file held back for its personal-data findings leaves both unchanged until
//! an editor publishes it.

mod common;

use axum::http::StatusCode;
use catalog::{ResourceStore, Role, ValidationStatus};
use common::{App, Page};

/// A délibération with an invalid date whose object names a private person and their
/// address, so its scan needs an editor's confirmation.
const INVALID_PERSONAL_CSV: &str = "DELIB_ID,DELIB_DATE,DELIB_OBJET\n\
    2026-001,pas une date,Cession d'une parcelle à M. Jean Dupont domicilié 12 rue des Lilas 56000 Vannes\n";

async fn settle(app: &App, resource_id: uuid::Uuid) -> catalog::Resource {
    app.wait_validation(resource_id).await;
    // The validation job settles the hold before it stores the final status, so the hold
    // read after the wait is final.
    app.state
        .store()
        .resource(resource_id)
        .await
        .expect("read")
        .expect("resource")
}

async fn upload(
    app: &App,
    session: &common::Session,
    slug: &str,
    name: &str,
    content: &[u8],
) -> uuid::Uuid {
    let page = app
        .upload(
            &format!("/jeux-de-donnees/{slug}/ressources"),
            session,
            &session.csrf,
            name,
            content,
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    common::resource_id_in(page.location())
}

fn shows_badge(page: &Page, validity: &str) -> bool {
    page.body.contains(&format!("badge badge-{validity}\""))
}

#[tokio::test]
async fn held_invalid_file_not_in_public_validity() {
    let app = App::new("public-validity-held").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations 2026", false, true)
        .await;
    let dataset_path = format!("/jeux-de-donnees/{}", dataset.slug);

    let valid_id = upload(
        &app,
        &editor,
        &dataset.slug,
        "delib.csv",
        &common::bundled_deliberations(),
    )
    .await;
    let valid = settle(&app, valid_id).await;
    assert_eq!(valid.validation_status, ValidationStatus::Valid);
    assert!(!valid.private);

    let held_id = upload(
        &app,
        &editor,
        &dataset.slug,
        "delib-perso.csv",
        INVALID_PERSONAL_CSV.as_bytes(),
    )
    .await;
    let held = settle(&app, held_id).await;
    assert_eq!(held.validation_status, ValidationStatus::Invalid);
    assert!(held.private, "a file with personal data stays held");
    assert!(app.state.store().is_held(held_id).await.expect("hold"));

    let public_page = app.get(&dataset_path, None).await;
    assert_eq!(public_page.status, StatusCode::OK);
    assert!(shows_badge(&public_page, "valid"), "{}", public_page.body);
    assert!(!shows_badge(&public_page, "invalid"));

    let search = app.get("/recherche", None).await;
    assert_eq!(search.status, StatusCode::OK);
    assert!(search.body.contains("validite=valid"), "{}", search.body);
    assert!(!search.body.contains("validite=invalid"));
    let invalid_only = app.get("/recherche?validite=invalid", None).await;
    assert_eq!(invalid_only.status, StatusCode::OK);
    assert!(
        !invalid_only.body.contains(&dataset_path),
        "the invalid filter must not find a dataset whose invalid file is held"
    );

    // Once the editor confirms the findings, the file is public and counts.
    let report_path = format!("{dataset_path}/ressources/{held_id}");
    let confirmed = app
        .post_form(
            &format!("{report_path}/confirmation"),
            Some(&editor),
            &[
                ("csrf", editor.csrf.as_str()),
                ("confirm_personal_data", "yes"),
            ],
        )
        .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    let public_page = app.get(&dataset_path, None).await;
    assert!(shows_badge(&public_page, "invalid"), "{}", public_page.body);
    let invalid_only = app.get("/recherche?validite=invalid", None).await;
    assert!(invalid_only.body.contains(&dataset_path));
}
