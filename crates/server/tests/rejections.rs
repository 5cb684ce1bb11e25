//! Malformed requests get the platform's error page in the visitor's language, never the
//! framework's plain English text.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::App;

#[tokio::test]
async fn malformed_form_gets_french_page() {
    let app = App::new("rejection-form").await;
    let request = Request::post("/connexion")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("email=a%40b.fr"))
        .expect("request");

    let page = app.send(request).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("mal formée"), "{}", page.body);
    assert!(!page.body.contains("deserialize"), "{}", page.body);
    let content_type = page
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    assert!(content_type.starts_with("text/html"), "{content_type}");
}

#[tokio::test]
async fn wrong_content_type_gets_english_page_on_request() {
    let app = App::new("rejection-type").await;
    let request = Request::post("/connexion?lang=en")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("email"))
        .expect("request");

    let page = app.send(request).await;
    assert_eq!(page.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(page.body.contains("malformed"), "{}", page.body);
}
