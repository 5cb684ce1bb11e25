//! Sweeping a platform's stored files after real uploads: the uploaded file, the redacted
//! copy, its redaction record and the organisation's logo all survive, and only an old
//! file that nothing references is removed.

mod common;

use std::time::{Duration, SystemTime};

use axum::http::StatusCode;
use catalog::{OrganizationStore, ResourceSource, ResourceStore, Role};
use common::App;

const PRIVATE_PERSON_CSV: &str = "DELIB_ID,DELIB_OBJET\n\
    2026-001,Vente à M. Jean Kerhervé demeurant 4 rue des Lilas\n\
    2026-002,Budget primitif 2026\n";

/// Builds a PNG signature and header; the server reads nothing further.
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend_from_slice(&64u32.to_be_bytes());
    bytes.extend_from_slice(&64u32.to_be_bytes());
    bytes.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

/// Moves every stored file's modification time two hours back, past the safety age.
fn age_all(app: &App) {
    let past = SystemTime::now() - Duration::from_secs(2 * 3600);
    for entry in app.state.files().stored_files().expect("list") {
        let path = app.state.files().path(&entry.key).expect("key");
        let file = std::fs::File::options()
            .write(true)
            .open(&path)
            .expect("open");
        file.set_modified(past).expect("set time");
    }
}

fn file_key(resource: &catalog::Resource) -> String {
    match &resource.source {
        ResourceSource::File { storage_key, .. } => storage_key.clone(),
        ResourceSource::Url { .. } => panic!("file resource expected"),
    }
}

#[tokio::test]
async fn referenced_files_survive_sweep() {
    let app = App::new("sweep-platform").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let admin = app
        .user("admin@kerbrient.fr", Some((&organization, Role::Admin)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations 2026", false, false)
        .await;

    let upload = app
        .upload(
            &format!("/jeux-de-donnees/{}/ressources", dataset.slug),
            &admin,
            &admin.csrf,
            "deliberations.csv",
            PRIVATE_PERSON_CSV.as_bytes(),
        )
        .await;
    assert_eq!(upload.status, StatusCode::SEE_OTHER);
    let report_path = upload.location().to_string();
    let original_id = app.wait_for_report(&report_path).await;

    let redacted = app
        .post_form(
            &format!("{report_path}/version-masquee"),
            Some(&admin),
            &[("csrf", admin.csrf.as_str())],
        )
        .await;
    assert_eq!(redacted.status, StatusCode::SEE_OTHER, "{}", redacted.body);
    let copy_id = app.wait_for_report(redacted.location()).await;

    let logo = app
        .upload(
            "/organisations/commune-de-kerbrient/logo",
            &admin,
            &admin.csrf,
            "logo.png",
            &png(),
        )
        .await;
    assert_eq!(logo.status, StatusCode::SEE_OTHER, "{}", logo.body);

    let mut orphan = app.state.files().begin(16).await.expect("begin");
    orphan.write(b"orphelin").await.expect("write");
    let orphan = orphan.commit(app.state.files()).await.expect("commit").key;

    let store = app.state.store();
    let original = store
        .resource(original_id)
        .await
        .expect("read")
        .expect("original");
    let copy = store.resource(copy_id).await.expect("read").expect("copy");
    let records = store
        .redaction_record_keys(original_id)
        .await
        .expect("records");
    assert_eq!(records.len(), 1, "one redaction record");
    let logo_key = store
        .organization_by_slug("commune-de-kerbrient")
        .await
        .expect("read")
        .expect("organisation")
        .logo_key
        .expect("logo key");
    let referenced = [
        ("original file", file_key(&original)),
        ("redacted copy", file_key(&copy)),
        ("redaction record", records[0].clone()),
        ("logo", logo_key),
    ];

    age_all(&app);
    let dry_run = server::sweep::sweep_data_folder(&app.data, Duration::from_secs(3600), true)
        .await
        .expect("dry run");
    assert_eq!(dry_run.removed, vec![orphan.clone()]);
    assert!(app.state.files().path(&orphan).expect("key").exists());

    let report = server::sweep::sweep_data_folder(&app.data, Duration::from_secs(3600), false)
        .await
        .expect("sweep");
    assert_eq!(report.removed, vec![orphan.clone()]);
    assert!(!app.state.files().path(&orphan).expect("key").exists());
    for (what, key) in &referenced {
        assert!(
            app.state.files().path(key).expect("key").exists(),
            "the {what} was swept"
        );
    }

    let download = app
        .get(
            &format!(
                "/jeux-de-donnees/{}/ressources/{copy_id}/telechargement",
                dataset.slug
            ),
            Some(&admin),
        )
        .await;
    assert_eq!(download.status, StatusCode::OK);
}

#[tokio::test]
async fn sweep_of_missing_folder_fails() {
    let folder = common::temp_data("sweep-missing");
    let error = server::sweep::sweep_data_folder(&folder, Duration::from_secs(60), true)
        .await
        .expect_err("no catalogue there");
    assert!(error.to_string().contains("catalog.db"), "{error}");
}
