//! Limits of the CKAN-compatible API that protect the platform from costly requests.

mod common;

use axum::http::StatusCode;
use common::App;
use serde_json::json;

#[tokio::test]
async fn long_search_query_rejected() {
    let app = App::new("api-long-query").await;
    let query = vec!["abc"; 2000].join(" ");

    let reply = app
        .api_post("package_search", None, &json!({ "q": query }))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.json);
    assert_eq!(reply.json["error"]["__type"], "Search Query Error");
    let message = reply.json["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("7999"), "{message}");
    assert!(message.contains("1000"), "{message}");

    let short = app
        .api_post("package_search", None, &json!({ "q": "abc abc" }))
        .await;
    assert_eq!(short.status, StatusCode::OK, "{}", short.json);
}

#[tokio::test]
async fn too_many_resources_rejected() {
    let app = App::new("api-many-resources").await;
    let organization = app.organization("Kerbrient").await;
    let token = app
        .api_user(
            "editeur@exemple.fr",
            Some((&organization, catalog::Role::Editor)),
            false,
        )
        .await;
    let links: Vec<serde_json::Value> = (0..501)
        .map(|index| json!({ "url": format!("https://exemple.fr/{index}.csv") }))
        .collect();

    let reply = app
        .api_post(
            "package_create",
            Some(&token),
            &json!({
                "name": "trop-de-liens",
                "title": "Trop de liens",
                "owner_org": organization.slug,
                "resources": links,
            }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.json);
    assert_eq!(reply.json["error"]["__type"], "Validation Error");
    let shown = app
        .api_get("package_show?id=trop-de-liens", Some(&token))
        .await;
    assert_eq!(shown.status, StatusCode::NOT_FOUND, "{}", shown.json);
}
