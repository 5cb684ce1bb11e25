//! Replacing a published file from the web: visitors keep downloading and previewing the
//! previous file until the new one has passed its validation and personal-data scan, and
//! an editor's confirmation when the scan needs one. Editors get the new file at once.

mod common;

use axum::http::StatusCode;
use catalog::refresh::RefreshStore;
use catalog::store::NewResource;
use catalog::{LifecycleStore, ResourceSource, ResourceStore, Role, ValidationStatus};
use common::{App, Session};

const FIRST_CSV: &str = "DELIB_ID,DELIB_OBJET\n\
    2026-001,Budget primitif 2026\n\
    2026-002,Tarifs de la cantine scolaire\n";

const SECOND_CSV: &str = "DELIB_ID,DELIB_OBJET\n\
    2026-003,Rénovation de la salle des fêtes\n";

/// A délibération whose object names a private person and their address, and whose date
/// is invalid and names them too, so the validation report quotes it.
const PERSONAL_CSV: &str = "DELIB_ID,DELIB_DATE,DELIB_OBJET\n\
    2026-001,chez Jean Dupont,Cession d'une parcelle à M. Jean Dupont domicilié 12 rue des Lilas 56000 Vannes\n";

struct Published {
    app: App,
    organization: catalog::Organization,
    editor: Session,
    dataset_path: String,
    report_path: String,
    resource_id: uuid::Uuid,
}

/// Publishes a dataset with one checked, public file.
async fn published_file(name: &str) -> Published {
    let app = App::new(name).await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations 2026", false, true)
        .await;
    let dataset_path = format!("/jeux-de-donnees/{}", dataset.slug);

    let page = app
        .upload(
            &format!("{dataset_path}/ressources"),
            &editor,
            &editor.csrf,
            "delib.csv",
            FIRST_CSV.as_bytes(),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let report_path = page.location().to_string();
    let resource_id = app.wait_for_report(&report_path).await;
    let first = app.wait_validation(resource_id).await;
    assert!(!first.private, "a clean file is published after its scan");

    Published {
        app,
        organization,
        editor,
        dataset_path,
        report_path,
        resource_id,
    }
}

impl Published {
    async fn replace(&self, file_name: &str, content: &str) {
        let page = self
            .app
            .upload(
                &format!("{}/remplacement", self.report_path),
                &self.editor,
                &self.editor.csrf,
                file_name,
                content.as_bytes(),
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }

    async fn download(&self, session: Option<&Session>) -> String {
        let page = self
            .app
            .get(&format!("{}/telechargement", self.report_path), session)
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        page.body
    }

    async fn resource(&self) -> catalog::Resource {
        self.app
            .state
            .store()
            .resource(self.resource_id)
            .await
            .expect("read")
            .expect("resource")
    }
}

#[tokio::test]
async fn replacement_withheld_until_confirmed() {
    let published = published_file("replace-personal").await;
    let app = &published.app;
    let editor = &published.editor;

    published.replace("delib-perso.csv", PERSONAL_CSV).await;
    let staged = published.resource().await;
    assert!(!staged.private, "the resource stays public");

    // At once, before or while the new file is checked.
    let public = published.download(None).await;
    assert!(public.contains("Tarifs de la cantine"), "{public}");
    assert!(!public.contains("Dupont"));
    let for_editor = published.download(Some(editor)).await;
    assert!(for_editor.contains("Jean Dupont"), "{for_editor}");

    let checked = app.wait_validation(published.resource_id).await;
    let privacy_check = server::publication_hold::check(&checked);
    assert_eq!(
        privacy_check,
        server::publication_hold::PrivacyCheck::NeedsConfirmation
    );
    assert!(!checked.private);

    let public = published.download(None).await;
    assert!(public.contains("Tarifs de la cantine"));
    assert!(!public.contains("Dupont"));
    let public_page = app.get(&published.dataset_path, None).await;
    assert_eq!(public_page.status, StatusCode::OK);
    assert!(
        public_page.body.contains("Tarifs de la cantine"),
        "the preview shows the previous file: {}",
        public_page.body
    );
    assert!(!public_page.body.contains("Dupont"));
    let editor_page = app.get(&published.dataset_path, Some(editor)).await;
    assert!(
        editor_page.body.contains("Jean Dupont"),
        "editors preview the new file"
    );

    let report = app.get(&published.report_path, Some(editor)).await;
    assert!(
        report.body.contains("data-replacement=\"pending\""),
        "{}",
        report.body
    );
    assert!(
        report
            .body
            .contains("que les visiteurs téléchargent encore")
    );
    assert!(report.body.contains("name=\"confirm_personal_data\""));
    assert!(
        report.body.contains("chez Jean Dupont"),
        "editors see the new file's report"
    );
    let report_for_visitor = app.get(&published.report_path, None).await;
    assert_eq!(report_for_visitor.status, StatusCode::OK);
    assert!(!report_for_visitor.body.contains("data-replacement"));
    assert!(
        !report_for_visitor.body.contains("Dupont"),
        "visitors see the previous file's report: {}",
        report_for_visitor.body
    );

    let confirmed = app
        .post_form(
            &format!("{}/confirmation", published.report_path),
            Some(editor),
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
    let public = published.download(None).await;
    assert!(public.contains("Jean Dupont"), "{public}");
    let report = app.get(&published.report_path, Some(editor)).await;
    assert!(!report.body.contains("data-replacement"));
}

#[tokio::test]
async fn clean_replacement_served_after_checks() {
    let published = published_file("replace-clean").await;
    let app = &published.app;

    published.replace("delib-2.csv", SECOND_CSV).await;
    let checked = app.wait_validation(published.resource_id).await;
    assert_eq!(
        server::publication_hold::check(&checked),
        server::publication_hold::PrivacyCheck::Cleared
    );
    assert!(!checked.private);

    let public = published.download(None).await;
    assert!(public.contains("salle des fêtes"), "{public}");
    assert!(!public.contains("cantine"));

    let versions = app
        .state
        .store()
        .versions(published.resource_id)
        .await
        .expect("versions");
    assert_eq!(versions.len(), 2, "previous and new file");
    // The outcome of each file's checks is stored on its version.
    assert_eq!(versions[0].validation_status, checked.validation_status);
    assert!(versions[0].report.is_some());
    assert_ne!(versions[1].validation_status, ValidationStatus::Pending);
    assert!(versions[1].report.is_some());
    let first = app
        .get(&format!("{}/versions/1", published.report_path), None)
        .await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("cantine"));

    // A second replacement adds one version and is served once checked too.
    published.replace("delib-3.csv", FIRST_CSV).await;
    app.wait_validation(published.resource_id).await;
    let public = published.download(None).await;
    assert!(public.contains("cantine"));
    let count = app
        .state
        .store()
        .versions(published.resource_id)
        .await
        .expect("versions")
        .len();
    assert_eq!(count, 3);
}

/// Replaces the file as the web action does, then stops before its validation starts, as a
/// server killed at that moment would.
async fn stage_without_validation(published: &Published, content: &str) -> catalog::Resource {
    let state = &published.app.state;
    let mut pending = state
        .files()
        .begin(state.config().max_upload_bytes)
        .await
        .expect("begin");
    pending.write(content.as_bytes()).await.expect("write");
    let stored = pending.commit(state.files()).await.expect("commit");
    let current = published.resource().await;
    let new = NewResource {
        title: current.title.clone(),
        source: ResourceSource::File {
            file_name: "delib-perso.csv".into(),
            storage_key: stored.key,
            size: stored.size,
            sha256: stored.sha256,
        },
        format: "csv".into(),
        schema_slug: current.schema_slug.clone(),
        validation_status: ValidationStatus::Pending,
    };
    assert!(
        server::publication_hold::record_replacement(state, &current, &new)
            .await
            .expect("record")
    );
    state
        .store()
        .update_resource(current.id, &new, &current.description)
        .await
        .expect("update")
}

#[tokio::test]
async fn replacement_survives_restart() {
    let published = published_file("replace-restart").await;
    let app = &published.app;

    let staged = stage_without_validation(&published, PERSONAL_CSV).await;
    assert_eq!(staged.validation_status, ValidationStatus::Pending);
    let public = published.download(None).await;
    assert!(public.contains("cantine"), "{public}");
    assert!(!public.contains("Dupont"));

    // The restart validates the new file again, which then waits for a confirmation.
    let resumed = server::jobs::resume_validations(&app.state)
        .await
        .expect("resume");
    assert_eq!(resumed, 1);
    let checked = app.wait_validation(published.resource_id).await;
    assert_ne!(checked.validation_status, ValidationStatus::Pending);
    let public = published.download(None).await;
    assert!(public.contains("cantine"));
    assert!(!public.contains("Dupont"));
}

#[tokio::test]
async fn api_update_after_web_replacement() {
    let published = published_file("replace-then-api").await;
    let app = &published.app;
    published.replace("delib-2.csv", SECOND_CSV).await;
    app.wait_validation(published.resource_id).await;

    let token = app
        .api_user(
            "api@kerbrient.fr",
            Some((&published.organization, Role::Editor)),
            false,
        )
        .await;
    let resource_key = published.resource_id.to_string();
    let update = app
        .api_upload(
            "resource_update",
            &token,
            &[("id", resource_key.as_str())],
            "delib-3.csv",
            FIRST_CSV.as_bytes(),
        )
        .await;
    assert_eq!(update.status, StatusCode::OK, "{}", update.json);
    app.wait_validation(published.resource_id).await;
    for _ in 0..100 {
        if !published.resource().await.private {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    // The file replaced through the API is the newest version, so visitors get it.
    let public = published.download(None).await;
    assert!(public.contains("cantine"), "{public}");
    assert!(!public.contains("salle des fêtes"));
    let count = app
        .state
        .store()
        .versions(published.resource_id)
        .await
        .expect("versions")
        .len();
    assert_eq!(count, 3);
}
