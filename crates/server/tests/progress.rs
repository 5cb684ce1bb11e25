//! Validation progress on the report page: while a validation runs, the page shows a
//! `<progress>` element with the share of the file read (or an indeterminate one until
//! the engine has the file size), and nothing once it is done.

mod common;

use std::io::Write;
use std::sync::Arc;

use catalog::store::NewResource;
use catalog::{ResourceSource, ResourceStore, Role, ValidationStatus};
use common::App;

#[tokio::test]
async fn running_validation_shows_progress() {
    let app = App::new("progress-page").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations 2026", false, true)
        .await;
    // A resource marked running, with no validation task, so the test drives the registry.
    let new = NewResource {
        title: "deliberations.csv".into(),
        source: ResourceSource::Url {
            url: "https://exemple.fr/deliberations.csv".into(),
        },
        format: "csv".into(),
        schema_slug: None,
        validation_status: ValidationStatus::Running,
    };
    let resource = app
        .state
        .store()
        .add_resource(dataset.id, &new)
        .await
        .expect("resource");
    let path = format!(
        "/jeux-de-donnees/{}/ressources/{}",
        dataset.slug, resource.id
    );

    let (progress, guard) = app.state.progress().start(resource.id);
    let page = app.get(&path, Some(&editor)).await;
    assert!(
        page.body
            .contains("<progress id=\"validation-progress\" max=\"100\"></progress>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Lecture du fichier en cours."));
    assert!(page.body.contains("<label for=\"validation-progress\">"));
    assert!(page.body.contains("http-equiv=\"refresh\""));

    // The engine reads a file through the registered progress, which then reports it all.
    let file = app.data.join("lu.csv");
    std::fs::write(&file, common::bundled_deliberations()).expect("write");
    let report = tokio::task::spawn_blocking(move || {
        server::jobs::run_engine_with_progress(&file, None, Some(progress))
    })
    .await
    .expect("join")
    .expect("validation");
    assert!(report.read_error.is_none());
    let page = app.get(&path, Some(&editor)).await;
    assert!(
        page.body
            .contains("<progress id=\"validation-progress\" max=\"100\" value=\"100\">"),
        "{}",
        page.body
    );
    assert!(page.body.contains("100 % du fichier lu"), "{}", page.body);

    // Without a registered run (another process validates), the bar is indeterminate.
    drop(guard);
    let page = app.get(&path, Some(&editor)).await;
    assert!(
        page.body
            .contains("<progress id=\"validation-progress\" max=\"100\"></progress>")
    );
    assert_eq!(app.state.progress().percent(resource.id), None);
}

#[test]
fn engine_advances_registered_progress() {
    let folder = common::temp_data("progress-engine");
    let path = folder.join("grand.csv");
    let mut file = std::fs::File::create(&path).expect("create");
    writeln!(file, "id,nom,montant").expect("write");
    for row in 0..60_000 {
        writeln!(file, "{row},Commune numéro {row},{}.50", row % 977).expect("write");
    }
    drop(file);

    let registry = server::progress::ProgressRegistry::default();
    let id = uuid::Uuid::new_v4();
    let (progress, guard) = registry.start(id);
    assert_eq!(
        registry.percent(id),
        Some(None),
        "size unknown before the run"
    );
    let report = server::jobs::run_engine_with_progress(&path, None, Some(Arc::clone(&progress)))
        .expect("validation");
    assert!(report.read_error.is_none());
    assert_eq!(registry.percent(id), Some(Some(100)));
    drop(guard);
    assert_eq!(registry.percent(id), None);
}

#[tokio::test]
async fn finished_validation_has_no_progress() {
    let app = App::new("progress-done").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations 2026", false, true)
        .await;
    let upload = app
        .upload(
            &format!("/jeux-de-donnees/{}/ressources", dataset.slug),
            &editor,
            &editor.csrf,
            "deliberations.csv",
            &common::bundled_deliberations(),
        )
        .await;
    let resource_id = app.wait_for_report(upload.location()).await;
    assert_eq!(app.state.progress().percent(resource_id), None);
    let page = app.get(upload.location(), Some(&editor)).await;
    assert!(!page.body.contains("<progress"), "{}", page.body);
}
