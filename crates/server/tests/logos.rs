//! Organisation logos over HTTP: upload by the organisation's administrators, checks on
//! format, size and dimensions with French errors naming the file, serving headers, and
//! display on organisation and dataset pages.

mod common;

use axum::http::{StatusCode, header};
use catalog::{OrganizationStore, Role};
use common::{App, Session};

/// Builds a PNG signature and header of the given size; the server reads nothing further.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&13u32.to_be_bytes());
    bytes.extend_from_slice(b"IHDR");
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&[8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
    bytes
}

fn jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
    bytes
}

struct Fixture {
    app: App,
    admin: Session,
    editor: Session,
}

async fn fixture(name: &str) -> Fixture {
    let app = App::new(name).await;
    let organization = app.organization("Commune de Kerbrient").await;
    app.dataset(&organization, "Délibérations 2024", false, true)
        .await;
    let admin = app
        .user("admin@kerbrient.fr", Some((&organization, Role::Admin)))
        .await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    Fixture { app, admin, editor }
}

const LOGO_PATH: &str = "/organisations/commune-de-kerbrient/logo";

async fn logo_key(app: &App) -> Option<String> {
    app.state
        .store()
        .organization_by_slug("commune-de-kerbrient")
        .await
        .expect("read")
        .expect("organisation")
        .logo_key
}

#[tokio::test]
async fn admin_uploads_logo_shown_everywhere() {
    let Fixture { app, admin, .. } = fixture("logo-upload").await;
    let page = app
        .upload(LOGO_PATH, &admin, &admin.csrf, "logo.png", &png(320, 200))
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location(), "/organisations/commune-de-kerbrient");
    let key = logo_key(&app).await.expect("logo stored");

    let organization = app.get("/organisations/commune-de-kerbrient", None).await;
    assert!(
        organization.body.contains(&format!(
            "<img class=\"logo\" src=\"&#x2f;logos&#x2f;{key}\" alt=\"Logo de Commune de Kerbrient\">"
        )),
        "{}",
        organization.body
    );
    let dataset = app.get("/jeux-de-donnees/deliberations-2024", None).await;
    assert!(
        dataset
            .body
            .contains(&format!("src=\"&#x2f;logos&#x2f;{key}\""))
    );
    assert!(
        dataset
            .body
            .contains("alt=\"Logo de Commune de Kerbrient\"")
    );

    let image = app.get(&format!("/logos/{key}"), None).await;
    assert_eq!(image.status, StatusCode::OK);
    let header_value = |name| {
        image
            .headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(header_value(header::CONTENT_TYPE), "image/png");
    assert_eq!(header_value(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(header_value(header::CACHE_CONTROL).contains("max-age=31536000"));
}

#[tokio::test]
async fn jpeg_accepted_and_typed() {
    let Fixture { app, admin, .. } = fixture("logo-jpeg").await;
    let page = app
        .upload(LOGO_PATH, &admin, &admin.csrf, "logo.jpg", &jpeg(64, 64))
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let key = logo_key(&app).await.expect("logo stored");
    let image = app.get(&format!("/logos/{key}"), None).await;
    assert_eq!(
        image
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok()),
        Some("image/jpeg")
    );
}

#[tokio::test]
async fn svg_rejected_with_file_name() {
    let Fixture { app, admin, .. } = fixture("logo-svg").await;
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    let page = app
        .upload(LOGO_PATH, &admin, &admin.csrf, "logo.svg", svg)
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("logo.svg"), "{}", page.body);
    assert!(page.body.contains("PNG, JPEG ou WebP"), "{}", page.body);
    assert_eq!(logo_key(&app).await, None);
}

#[tokio::test]
async fn renamed_file_judged_by_content() {
    let Fixture { app, admin, .. } = fixture("logo-renamed").await;
    let page = app
        .upload(
            LOGO_PATH,
            &admin,
            &admin.csrf,
            "logo.png",
            b"GIF89a\x01\x00\x01\x00",
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("logo.png"), "{}", page.body);
    assert_eq!(logo_key(&app).await, None);
}

#[tokio::test]
async fn oversized_file_rejected() {
    let Fixture { app, admin, .. } = fixture("logo-large").await;
    let mut bytes = png(100, 100);
    bytes.resize(1024 * 1024 + 1, 0);
    let page = app
        .upload(LOGO_PATH, &admin, &admin.csrf, "grand-logo.png", &bytes)
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("grand-logo.png"), "{}", page.body);
    assert!(page.body.contains("dépasse 1 Mo"), "{}", page.body);

    // Far past the route's body limit, the request is cut before the file name is read.
    bytes.resize(3 * 1024 * 1024, 0);
    let page = app
        .upload(LOGO_PATH, &admin, &admin.csrf, "enorme.png", &bytes)
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("dépasse 1 Mo"), "{}", page.body);
    assert_eq!(logo_key(&app).await, None);
}

#[tokio::test]
async fn dimensions_capped() {
    let Fixture { app, admin, .. } = fixture("logo-wide").await;
    let page = app
        .upload(
            LOGO_PATH,
            &admin,
            &admin.csrf,
            "bandeau.png",
            &png(5000, 100),
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("bandeau.png"), "{}", page.body);
    assert!(page.body.contains("5000 × 100"), "{}", page.body);
    assert!(page.body.contains("2048 × 2048"), "{}", page.body);
}

#[tokio::test]
async fn truncated_header_rejected() {
    let Fixture { app, admin, .. } = fixture("logo-cut").await;
    let page = app
        .upload(
            LOGO_PATH,
            &admin,
            &admin.csrf,
            "coupe.png",
            &png(10, 10)[..18],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("coupe.png"), "{}", page.body);
    assert!(page.body.contains("illisible"), "{}", page.body);
}

#[tokio::test]
async fn only_admins_change_logo() {
    let Fixture { app, editor, .. } = fixture("logo-editor").await;
    let page = app
        .upload(LOGO_PATH, &editor, &editor.csrf, "logo.png", &png(10, 10))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let organization = app
        .get("/organisations/commune-de-kerbrient", Some(&editor))
        .await;
    assert!(!organization.body.contains("/logo\""));
    assert_eq!(logo_key(&app).await, None);
}

#[tokio::test]
async fn upload_without_csrf_rejected() {
    let Fixture { app, admin, .. } = fixture("logo-csrf").await;
    let page = app
        .upload(LOGO_PATH, &admin, "jeton-faux", "logo.png", &png(10, 10))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(logo_key(&app).await, None);
}

#[tokio::test]
async fn replaced_logo_file_removed() {
    let Fixture { app, admin, .. } = fixture("logo-replace").await;
    app.upload(LOGO_PATH, &admin, &admin.csrf, "logo.png", &png(10, 10))
        .await;
    let first = logo_key(&app).await.expect("first logo");
    app.upload(LOGO_PATH, &admin, &admin.csrf, "logo.png", &png(20, 20))
        .await;
    let second = logo_key(&app).await.expect("second logo");
    assert_ne!(first, second);
    assert!(!app.state.files().path(&first).expect("key").exists());
    assert_eq!(
        app.get(&format!("/logos/{first}"), None).await.status,
        StatusCode::NOT_FOUND
    );

    let removed = app
        .post_form(
            "/organisations/commune-de-kerbrient/logo/suppression",
            Some(&admin),
            &[("csrf", &admin.csrf)],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(logo_key(&app).await, None);
    assert!(!app.state.files().path(&second).expect("key").exists());
}

#[tokio::test]
async fn other_stored_files_not_served() {
    let Fixture { app, admin, .. } = fixture("logo-other").await;
    let upload = app
        .upload(
            "/jeux-de-donnees/deliberations-2024/ressources",
            &admin,
            &admin.csrf,
            "donnees.csv",
            &common::bundled_deliberations(),
        )
        .await;
    let resource_id = app.wait_for_report(upload.location()).await;
    let resource = app.wait_validation(resource_id).await;
    let catalog::ResourceSource::File { storage_key, .. } = resource.source else {
        panic!("file resource expected");
    };
    let page = app.get(&format!("/logos/{storage_key}"), None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let page = app.get("/logos/..%2Fcatalog.db", None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}
