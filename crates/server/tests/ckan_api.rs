//! HTTP tests of the CKAN-compatible Action API through the router: the envelope and
//! errors, every action, permissions, private data never leaking, paging and filters.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use catalog::{DatasetState, LifecycleStore, ResourceStore, Role};
use common::{ApiReply, App, bundled_deliberations};
use serde_json::{Value, json};

/// Package keys that udata's CKAN harvester requires.
const PACKAGE_KEYS: &[&str] = &[
    "id",
    "name",
    "title",
    "notes",
    "license_id",
    "license_title",
    "tags",
    "metadata_created",
    "metadata_modified",
    "organization",
    "resources",
    "private",
    "type",
    "author",
    "author_email",
    "maintainer",
    "maintainer_email",
    "state",
];

/// Resource keys that udata's CKAN harvester reads directly.
const RESOURCE_KEYS: &[&str] = &["id", "url", "created", "last_modified", "resource_type"];

fn assert_success(reply: &ApiReply, what: &str) {
    assert_eq!(reply.status, StatusCode::OK, "{what}: {}", reply.json);
    assert_eq!(reply.json["success"], true, "{what}: {}", reply.json);
    assert!(
        reply.content_type.starts_with("application/json"),
        "{what}: {}",
        reply.content_type
    );
}

fn assert_error(reply: &ApiReply, status: StatusCode, kind: &str, what: &str) {
    assert_eq!(reply.status, status, "{what}: {}", reply.json);
    assert_eq!(reply.json["success"], false, "{what}");
    assert_eq!(
        reply.json["error"]["__type"], kind,
        "{what}: {}",
        reply.json
    );
    assert!(reply.json["help"].as_str().is_some(), "{what}: help URL");
    assert!(
        reply.content_type.starts_with("application/json"),
        "{what}: {}",
        reply.content_type
    );
}

fn names(results: &Value) -> Vec<String> {
    results
        .as_array()
        .expect("list")
        .iter()
        .map(|package| package["name"].as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn envelope_and_errors() {
    let app = App::new("api-errors").await;

    let unknown = app.api_get("no_such_action", None).await;
    assert_error(
        &unknown,
        StatusCode::BAD_REQUEST,
        "Bad Request",
        "unknown action",
    );
    let message = unknown.json["error"]["message"].as_str().unwrap_or("");
    assert!(message.contains("no_such_action"), "{message}");
    assert!(
        message.contains("Action inconnue"),
        "French by default: {message}"
    );

    let missing = app.api_get("package_show?id=absent", None).await;
    assert_error(
        &missing,
        StatusCode::NOT_FOUND,
        "Not Found Error",
        "absent package",
    );
    // The message names the value that matched nothing.
    let message = missing.json["error"]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.contains("aucun élément visible n'a pour id « absent »"),
        "{message}"
    );

    let no_id = app.api_get("package_show", None).await;
    assert_error(
        &no_id,
        StatusCode::CONFLICT,
        "Validation Error",
        "missing id",
    );
    assert!(no_id.json["error"]["id"].is_array(), "{}", no_id.json);

    let request = Request::post("/api/3/action/package_search")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from("{\"q\": "))
        .expect("request");
    let page = app.send(request).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let json: Value = serde_json::from_str(&page.body).expect("JSON");
    assert_eq!(json["error"]["__type"], "Bad Request");
    let message = json["error"]["message"].as_str().unwrap_or("");
    assert!(message.starts_with("Invalid JSON at line 1"), "{message}");

    let rows = app.api_get("package_search?rows=dix", None).await;
    assert_error(&rows, StatusCode::CONFLICT, "Validation Error", "bad rows");
    let rows_message = rows.json["error"]["rows"][0].as_str().unwrap_or("");
    assert!(rows_message.contains("dix"), "{rows_message}");

    let fq = app.api_get("package_search?fq=-tags:x", None).await;
    assert_error(
        &fq,
        StatusCode::BAD_REQUEST,
        "Search Query Error",
        "negation",
    );

    let write_by_get = app.api_get("package_create?name=x", None).await;
    assert_error(
        &write_by_get,
        StatusCode::BAD_REQUEST,
        "Bad Request",
        "write by GET",
    );

    let anonymous_write = app
        .api_post("package_create", None, &json!({"name": "x"}))
        .await;
    assert_error(
        &anonymous_write,
        StatusCode::FORBIDDEN,
        "Authorization Error",
        "anonymous write",
    );

    let bad_token = app
        .api_get("package_search", Some("socle_0000000000000000"))
        .await;
    assert_error(
        &bad_token,
        StatusCode::FORBIDDEN,
        "Authorization Error",
        "unknown token",
    );

    let alias = app
        .send(
            Request::get("/api/action/status_show")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(alias.status, StatusCode::OK);
    assert!(alias.body.contains("\"success\":true"), "{}", alias.body);

    let delete = app
        .send(
            Request::delete("/api/3/action/package_show")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(delete.status, StatusCode::BAD_REQUEST);
    assert!(delete.body.starts_with('{'), "{}", delete.body);
}

#[tokio::test]
async fn read_actions_answer() {
    let app = App::new("api-read").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let dataset = app
        .dataset(&organization, "Délibérations 2024", false, true)
        .await;

    let status = app.api_get("status_show", None).await;
    assert_success(&status, "status_show");
    assert_eq!(status.json["result"]["site_title"], "socle");

    let list = app.api_get("package_list", None).await;
    assert_success(&list, "package_list");
    assert_eq!(list.json["result"], json!(["deliberations-2024"]));

    let show = app
        .api_get("package_show?id=deliberations-2024", None)
        .await;
    assert_success(&show, "package_show by name");
    let package = &show.json["result"];
    assert_eq!(package["id"], dataset.id.to_string());
    assert_eq!(package["type"], "dataset");
    assert_eq!(package["state"], "active");
    assert_eq!(package["license_id"], "lov2");
    assert_eq!(package["organization"]["name"], "commune-de-kerbrient");
    assert_eq!(package["tags"][0]["name"], "deliberations");
    assert_eq!(package["num_tags"], 1);
    let extras = package["extras"].as_array().expect("extras");
    assert!(
        extras.iter().any(|extra| extra["key"] == "frequency"
            && extra["value"]
                == "http://publications.europa.eu/resource/authority/frequency/MONTHLY"),
        "{extras:?}"
    );
    let created = package["metadata_created"].as_str().unwrap_or("");
    assert_eq!(created.len(), 26, "{created}");
    assert!(!created.ends_with('Z'), "{created}");

    let by_id = app
        .api_get(&format!("package_show?id={}", dataset.id), None)
        .await;
    assert_success(&by_id, "package_show by id");

    let current = app
        .api_get("current_package_list_with_resources?limit=5", None)
        .await;
    assert_success(&current, "current_package_list_with_resources");
    assert_eq!(names(&current.json["result"]), vec!["deliberations-2024"]);

    let organizations = app.api_get("organization_list?all_fields=true", None).await;
    assert_success(&organizations, "organization_list");
    assert_eq!(organizations.json["result"][0]["package_count"], 1);
    assert_eq!(
        organizations.json["result"][0]["name"],
        "commune-de-kerbrient"
    );
    let organization_names = app.api_get("organization_list", None).await;
    assert_eq!(
        organization_names.json["result"],
        json!(["commune-de-kerbrient"])
    );

    let organization_show = app
        .api_get(
            "organization_show?id=commune-de-kerbrient&include_datasets=true",
            None,
        )
        .await;
    assert_success(&organization_show, "organization_show");
    assert_eq!(organization_show.json["result"]["package_count"], 1);
    assert_eq!(
        names(&organization_show.json["result"]["packages"]),
        vec!["deliberations-2024"]
    );

    let groups = app.api_get("group_list", None).await;
    assert_eq!(groups.json["result"], json!([]));
    let tags = app.api_get("tag_list", None).await;
    assert_eq!(tags.json["result"], json!(["deliberations"]));
    let licences = app.api_get("license_list", None).await;
    assert_eq!(licences.json["result"][0]["id"], "lov2");
    let help = app.api_get("help_show?name=package_search", None).await;
    assert_success(&help, "help_show");
}

#[tokio::test]
async fn required_keys_present() {
    let app = App::new("api-keys").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .api_user(
            "editrice@example.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;
    let created = app
        .api_post(
            "package_create",
            Some(&editor),
            &json!({
                "name": "budget-2024",
                "title": "Budget 2024",
                "owner_org": "commune-de-kerbrient",
                "resources": [{"url": "https://example.org/budget.csv", "name": "Budget"}],
            }),
        )
        .await;
    assert_success(&created, "package_create");

    let show = app.api_get("package_show?id=budget-2024", None).await;
    let package = show.json["result"].as_object().expect("package");
    for key in PACKAGE_KEYS {
        assert!(package.contains_key(*key), "package key {key} missing");
    }
    let resource = show.json["result"]["resources"][0]
        .as_object()
        .expect("resource");
    for key in RESOURCE_KEYS {
        assert!(resource.contains_key(*key), "resource key {key} missing");
    }
    assert_eq!(resource["format"], "CSV");
    assert_eq!(resource["url"], "https://example.org/budget.csv");
    assert_eq!(show.json["result"]["num_resources"], 1);

    let search = app.api_get("package_search", None).await;
    let first = search.json["result"]["results"][0]
        .as_object()
        .expect("search result");
    for key in PACKAGE_KEYS {
        assert!(first.contains_key(*key), "search result key {key} missing");
    }
}

/// Builds a catalogue with one dataset in each state of visibility, and returns the
/// tokens of a member and an editor of its organisation and of an outsider.
async fn mixed_catalogue(app: &App) -> (String, String, String, uuid::Uuid) {
    let organization = app.organization("Commune de Kerbrient").await;
    let other = app.organization("Commune Voisine").await;
    app.dataset(&organization, "Public", false, true).await;
    app.dataset(&organization, "Secret", true, true).await;
    app.dataset(&organization, "Brouillon", false, false).await;
    let deleted = app.dataset(&organization, "Supprimé", false, true).await;
    app.state
        .store()
        .set_dataset_state(deleted.id, DatasetState::Deleted)
        .await
        .expect("delete");
    let archived = app.dataset(&organization, "Archivé", false, true).await;
    app.state
        .store()
        .set_dataset_state(archived.id, DatasetState::Archived)
        .await
        .expect("archive");
    let member = app
        .api_user(
            "membre@example.fr",
            Some((&organization, Role::Member)),
            false,
        )
        .await;
    let editor = app
        .api_user(
            "editeur@example.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;
    let outsider = app
        .api_user("voisin@example.fr", Some((&other, Role::Editor)), false)
        .await;

    // A private file in the public dataset, such as the original of a redacted copy.
    let public = app.api_get("package_show?id=public", None).await.json["result"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let created = app
        .api_post(
            "resource_create",
            Some(&editor),
            &json!({"package_id": public, "url": "https://example.org/original.xlsx"}),
        )
        .await;
    let resource_id: uuid::Uuid = created.json["result"]["id"]
        .as_str()
        .expect("resource id")
        .parse()
        .expect("uuid");
    app.state
        .store()
        .set_resource_private(resource_id, true)
        .await
        .expect("private");
    (member, editor, outsider, resource_id)
}

#[tokio::test]
async fn private_data_never_leaks() {
    let app = App::new("api-private").await;
    let (member, editor, outsider, private_resource) = mixed_catalogue(&app).await;
    let facets = "package_search?facet.field=%5B%22organization%22,%22tags%22,%22res_format%22%5D&include_private=true&include_drafts=true";

    for (who, token) in [("anonymous", None), ("outsider", Some(outsider.as_str()))] {
        let search = app.api_get(facets, token).await;
        assert_success(&search, who);
        let result = &search.json["result"];
        assert_eq!(result["count"], 1, "{who}: {result}");
        assert_eq!(names(&result["results"]), vec!["public"], "{who}");
        assert_eq!(
            result["facets"]["organization"]["commune-de-kerbrient"], 1,
            "{who}"
        );
        assert_eq!(result["facets"]["tags"]["deliberations"], 1, "{who}");
        assert!(
            result["facets"]["res_format"].get("XLSX").is_none(),
            "{who}: private file format in facets: {result}"
        );
        assert_eq!(
            result["search_facets"]["organization"]["items"][0]["count"], 1,
            "{who}"
        );

        for name in ["secret", "brouillon", "supprime", "archive"] {
            let show = app.api_get(&format!("package_show?id={name}"), token).await;
            assert_error(&show, StatusCode::NOT_FOUND, "Not Found Error", name);
        }
        let public = app.api_get("package_show?id=public", token).await;
        assert_eq!(public.json["result"]["num_resources"], 0, "{who}");
        let resource = app
            .api_get(&format!("resource_show?id={private_resource}"), token)
            .await;
        assert_error(
            &resource,
            StatusCode::NOT_FOUND,
            "Not Found Error",
            "private resource",
        );

        let list = app.api_get("package_list", token).await;
        assert_eq!(list.json["result"], json!(["public"]), "{who}");
        let current = app
            .api_get("current_package_list_with_resources", token)
            .await;
        assert_eq!(names(&current.json["result"]), vec!["public"], "{who}");
        let organization = app
            .api_get("organization_list?all_fields=true", token)
            .await;
        let counts: Vec<Value> = organization.json["result"]
            .as_array()
            .expect("list")
            .iter()
            .map(|organization| organization["package_count"].clone())
            .collect();
        assert!(counts.contains(&json!(1)), "{who}: {counts:?}");
    }

    // Without include_private, CKAN leaves private datasets out even for members.
    let plain = app.api_get("package_search", Some(&member)).await;
    assert_eq!(plain.json["result"]["count"], 1);
    let with_private = app.api_get(facets, Some(&member)).await;
    let mut seen = names(&with_private.json["result"]["results"]);
    seen.sort();
    assert_eq!(seen, vec!["brouillon", "public", "secret"]);
    assert_eq!(with_private.json["result"]["count"], 3);
    let secret = app.api_get("package_show?id=secret", Some(&member)).await;
    assert_success(&secret, "member reads private");
    assert_eq!(secret.json["result"]["private"], true);
    let draft = app
        .api_get("package_show?id=brouillon", Some(&member))
        .await;
    assert_eq!(draft.json["result"]["state"], "draft");
    let hidden_file = app.api_get("package_show?id=public", Some(&member)).await;
    assert_eq!(hidden_file.json["result"]["num_resources"], 0, "member");
    let deleted = app.api_get("package_show?id=supprime", Some(&editor)).await;
    assert_error(
        &deleted,
        StatusCode::NOT_FOUND,
        "Not Found Error",
        "deleted, editor",
    );

    let editor_view = app.api_get("package_show?id=public", Some(&editor)).await;
    assert_eq!(editor_view.json["result"]["num_resources"], 1, "editor");
    let editor_resource = app
        .api_get(
            &format!("resource_show?id={private_resource}"),
            Some(&editor),
        )
        .await;
    assert_success(&editor_resource, "editor reads private resource");
}

#[tokio::test]
async fn permissions_follow_roles() {
    let app = App::new("api-permissions").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let other = app.organization("Commune Voisine").await;
    app.dataset(&organization, "Délibérations", false, true)
        .await;
    let member = app
        .api_user(
            "membre@example.fr",
            Some((&organization, Role::Member)),
            false,
        )
        .await;
    let outsider = app
        .api_user("voisin@example.fr", Some((&other, Role::Editor)), false)
        .await;
    let organization_admin = app
        .api_user(
            "admin@example.fr",
            Some((&organization, Role::Admin)),
            false,
        )
        .await;
    let platform_admin = app.api_user("plateforme@example.fr", None, true).await;

    let by_member = app
        .api_post(
            "package_create",
            Some(&member),
            &json!({"name": "nouveau", "owner_org": "commune-de-kerbrient"}),
        )
        .await;
    assert_error(
        &by_member,
        StatusCode::FORBIDDEN,
        "Authorization Error",
        "member creates",
    );

    let by_outsider = app
        .api_post(
            "package_patch",
            Some(&outsider),
            &json!({"id": "deliberations", "title": "Pris"}),
        )
        .await;
    assert_error(
        &by_outsider,
        StatusCode::FORBIDDEN,
        "Authorization Error",
        "outsider patches",
    );
    let by_outsider_delete = app
        .api_post(
            "package_delete",
            Some(&outsider),
            &json!({"id": "deliberations"}),
        )
        .await;
    assert_error(
        &by_outsider_delete,
        StatusCode::FORBIDDEN,
        "Authorization Error",
        "outsider deletes",
    );

    let organization_by_editor = app
        .api_post(
            "organization_create",
            Some(&organization_admin),
            &json!({"title": "Syndicat des eaux"}),
        )
        .await;
    assert_error(
        &organization_by_editor,
        StatusCode::FORBIDDEN,
        "Authorization Error",
        "organisation admin creates an organisation",
    );
    let organization_created = app
        .api_post(
            "organization_create",
            Some(&platform_admin),
            &json!({"title": "Syndicat des eaux", "kind": "syndicat"}),
        )
        .await;
    assert_success(
        &organization_created,
        "platform admin creates an organisation",
    );
    assert_eq!(
        organization_created.json["result"]["name"],
        "syndicat-des-eaux"
    );

    let promoted = app
        .api_post(
            "organization_member_create",
            Some(&organization_admin),
            &json!({"id": "commune-de-kerbrient", "username": "membre@example.fr", "role": "editor"}),
        )
        .await;
    assert_success(&promoted, "organisation admin promotes a member");
    let now_editor = app
        .api_post(
            "package_patch",
            Some(&member),
            &json!({"id": "deliberations", "title": "Délibérations votées"}),
        )
        .await;
    assert_success(&now_editor, "promoted member edits");

    let by_outsider_member = app
        .api_post(
            "organization_member_create",
            Some(&outsider),
            &json!({"id": "commune-de-kerbrient", "username": "voisin@example.fr", "role": "admin"}),
        )
        .await;
    assert_error(
        &by_outsider_member,
        StatusCode::FORBIDDEN,
        "Authorization Error",
        "outsider adds itself",
    );
    let removed = app
        .api_post(
            "organization_member_delete",
            Some(&platform_admin),
            &json!({"id": "commune-de-kerbrient", "username": "membre@example.fr"}),
        )
        .await;
    assert_success(&removed, "platform admin removes a member");
    let after_removal = app
        .api_post(
            "package_patch",
            Some(&member),
            &json!({"id": "deliberations", "title": "Encore"}),
        )
        .await;
    assert_error(
        &after_removal,
        StatusCode::FORBIDDEN,
        "Authorization Error",
        "removed member edits",
    );
}

#[tokio::test]
async fn revoked_token_rejected() {
    use catalog::TokenStore;
    let app = App::new("api-revoked").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let token = app
        .api_user(
            "editrice@example.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;
    let works = app
        .api_post(
            "package_create",
            Some(&format!("Bearer {token}")),
            &json!({"name": "premier", "owner_org": "commune-de-kerbrient"}),
        )
        .await;
    assert_success(&works, "bearer token");

    let user = app
        .state
        .store()
        .user_by_token(&token)
        .await
        .expect("lookup")
        .expect("user");
    let listed = app.state.store().tokens(user.id).await.expect("tokens");
    assert!(listed[0].last_used_at.is_some(), "last use recorded");
    assert!(
        app.state
            .store()
            .revoke_token(user.id, listed[0].id)
            .await
            .expect("revoke")
    );
    let rejected = app
        .api_post(
            "package_create",
            Some(&token),
            &json!({"name": "second", "owner_org": "commune-de-kerbrient"}),
        )
        .await;
    assert_error(
        &rejected,
        StatusCode::FORBIDDEN,
        "Authorization Error",
        "revoked token",
    );
    let read = app.api_get("package_list", Some(&token)).await;
    assert_error(
        &read,
        StatusCode::FORBIDDEN,
        "Authorization Error",
        "revoked token reads",
    );
}

#[tokio::test]
async fn package_write_cycle() {
    let app = App::new("api-write").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .api_user(
            "editrice@example.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;
    let created = app
        .api_post(
            "package_create",
            Some(&editor),
            &json!({
                "name": "deliberations-2024",
                "title": "Délibérations 2024",
                "notes": "Actes du conseil municipal.",
                "owner_org": organization.id,
                "license_id": "fr-lo",
                "tags": [{"name": "deliberations"}, {"name": "conseil municipal"}],
                "maintainer": "Service open data",
                "maintainer_email": "opendata@example.fr",
                "extras": [
                    {"key": "frequency", "value": "http://purl.org/cld/freq/monthly"},
                    {"key": "temporal_start", "value": "2024-01-01"},
                    {"key": "temporal_end", "value": "2024-12-31"},
                    {"key": "spatial-text", "value": "commune:29000"},
                    {"key": "schema", "value": "deliberations"},
                ],
            }),
        )
        .await;
    assert_success(&created, "package_create");
    let package = &created.json["result"];
    assert_eq!(package["license_id"], "lov2");
    assert_eq!(package["maintainer_email"], "opendata@example.fr");
    assert_eq!(package["num_tags"], 2);
    assert_eq!(package["state"], "active");
    let id = package["id"].as_str().expect("id").to_string();

    let taken = app
        .api_post(
            "package_create",
            Some(&editor),
            &json!({"name": "deliberations-2024", "owner_org": "commune-de-kerbrient"}),
        )
        .await;
    assert_error(
        &taken,
        StatusCode::CONFLICT,
        "Validation Error",
        "name taken",
    );
    assert!(taken.json["error"]["name"].is_array(), "{}", taken.json);
    let bad_licence = app
        .api_post(
            "package_create",
            Some(&editor),
            &json!({"name": "autre", "owner_org": "commune-de-kerbrient", "license_id": "proprietary"}),
        )
        .await;
    assert_error(
        &bad_licence,
        StatusCode::CONFLICT,
        "Validation Error",
        "licence",
    );
    let licence_message = bad_licence.json["error"]["license_id"][0]
        .as_str()
        .unwrap_or("");
    assert!(licence_message.contains("proprietary"), "{licence_message}");
    let unknown_extra = app
        .api_post(
            "package_create",
            Some(&editor),
            &json!({"name": "autre", "owner_org": "commune-de-kerbrient", "extras": [{"key": "granularity", "value": "commune"}]}),
        )
        .await;
    assert_error(
        &unknown_extra,
        StatusCode::CONFLICT,
        "Validation Error",
        "unknown extra",
    );

    let patched = app
        .api_post(
            "package_patch",
            Some(&editor),
            &json!({"id": "deliberations-2024", "title": "Délibérations du conseil 2024"}),
        )
        .await;
    assert_success(&patched, "package_patch");
    assert_eq!(
        patched.json["result"]["title"],
        "Délibérations du conseil 2024"
    );
    assert_eq!(
        patched.json["result"]["notes"],
        "Actes du conseil municipal."
    );

    let updated = app
        .api_post(
            "package_update",
            Some(&editor),
            &json!({"id": id, "name": "deliberations-conseil-2024", "title": "Délibérations"}),
        )
        .await;
    assert_success(&updated, "package_update");
    assert_eq!(updated.json["result"]["name"], "deliberations-conseil-2024");
    assert_eq!(
        updated.json["result"]["notes"], "",
        "full replace blanks notes"
    );
    assert_eq!(
        updated.json["result"]["num_tags"], 0,
        "full replace blanks tags"
    );
    assert_eq!(updated.json["result"]["license_id"], "lov2", "licence kept");

    let link = app
        .api_post(
            "resource_create",
            Some(&editor),
            &json!({"package_id": id, "url": "https://example.org/deliberations.json", "description": "Export"}),
        )
        .await;
    assert_success(&link, "resource_create link");
    assert_eq!(link.json["result"]["format"], "JSON");
    assert_eq!(link.json["result"]["description"], "Export");
    let link_id = link.json["result"]["id"].as_str().expect("id").to_string();
    let bad_link = app
        .api_post(
            "resource_create",
            Some(&editor),
            &json!({"package_id": id, "url": "ftp://example.org/x.csv"}),
        )
        .await;
    assert_error(
        &bad_link,
        StatusCode::CONFLICT,
        "Validation Error",
        "ftp link",
    );

    let patched_link = app
        .api_post(
            "resource_patch",
            Some(&editor),
            &json!({"id": link_id, "name": "Export JSON"}),
        )
        .await;
    assert_success(&patched_link, "resource_patch");
    assert_eq!(patched_link.json["result"]["name"], "Export JSON");
    assert_eq!(patched_link.json["result"]["description"], "Export");
    let replaced_link = app
        .api_post(
            "resource_update",
            Some(&editor),
            &json!({"id": link_id, "url": "https://example.org/v2.json"}),
        )
        .await;
    assert_eq!(
        replaced_link.json["result"]["url"],
        "https://example.org/v2.json"
    );
    assert_eq!(
        replaced_link.json["result"]["description"], "",
        "full replace"
    );

    let deleted_link = app
        .api_post("resource_delete", Some(&editor), &json!({"id": link_id}))
        .await;
    assert_success(&deleted_link, "resource_delete");
    let after = app.api_get(&format!("package_show?id={id}"), None).await;
    assert_eq!(after.json["result"]["num_resources"], 0);

    let deleted = app
        .api_post("package_delete", Some(&editor), &json!({"id": id}))
        .await;
    assert_success(&deleted, "package_delete");
    let gone = app.api_get(&format!("package_show?id={id}"), None).await;
    assert_error(&gone, StatusCode::NOT_FOUND, "Not Found Error", "deleted");
    let search = app.api_get("package_search", Some(&editor)).await;
    assert_eq!(search.json["result"]["count"], 0);
    let page = app
        .get("/jeux-de-donnees/deliberations-conseil-2024", None)
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND, "deleted dataset page");
}

#[tokio::test]
async fn upload_validates_and_replaces() {
    let app = App::new("api-upload").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .api_user(
            "editrice@example.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;
    app.api_post(
        "package_create",
        Some(&editor),
        &json!({"name": "deliberations", "owner_org": "commune-de-kerbrient", "extras": [{"key": "schema", "value": "deliberations"}]}),
    )
    .await;

    let uploaded = app
        .api_upload(
            "resource_create",
            &editor,
            &[("package_id", "deliberations"), ("name", "Délibérations")],
            "deliberations.csv",
            &bundled_deliberations(),
        )
        .await;
    assert_success(&uploaded, "resource_create upload");
    let resource = &uploaded.json["result"];
    assert_eq!(resource["url_type"], "upload");
    assert_eq!(resource["validation_status"], "pending");
    assert!(
        resource["schema"]
            .as_str()
            .unwrap_or("")
            .starts_with("https://schema.data.gouv.fr/"),
        "{resource}"
    );
    let report_url = resource["validation_report_url"].as_str().unwrap_or("");
    assert!(report_url.contains("/ressources/"), "{report_url}");
    let resource_id: uuid::Uuid = resource["id"].as_str().expect("id").parse().expect("uuid");
    let validated = app.wait_validation(resource_id).await;
    assert!(
        matches!(
            validated.validation_status,
            catalog::ValidationStatus::Valid | catalog::ValidationStatus::Invalid
        ),
        "{:?}",
        validated.validation_status
    );
    let first_key = match &validated.source {
        catalog::ResourceSource::File { storage_key, .. } => storage_key.clone(),
        other => panic!("not a file: {other:?}"),
    };

    let download = resource["url"].as_str().expect("url");
    let path = download.split_once("://").map_or(download, |(_, rest)| {
        rest.find('/').map_or(rest, |slash| &rest[slash..])
    });
    let file = app.get(path, None).await;
    assert_eq!(file.status, StatusCode::OK, "download {path}");

    let shown = app
        .api_get(&format!("resource_show?id={resource_id}"), None)
        .await;
    assert_eq!(
        shown.json["result"]["validation_status"],
        validated.validation_status.code()
    );

    let replacement = b"numero;objet\n1;budget\n".to_vec();
    let replaced = app
        .api_upload(
            "resource_update",
            &editor,
            &[("id", &resource_id.to_string())],
            "nouveau.csv",
            &replacement,
        )
        .await;
    assert_success(&replaced, "resource_update upload");
    assert_eq!(replaced.json["result"]["validation_status"], "pending");
    assert_eq!(replaced.json["result"]["name"], "Délibérations");
    let revalidated = app.wait_validation(resource_id).await;
    let second_key = match &revalidated.source {
        catalog::ResourceSource::File {
            storage_key, size, ..
        } => {
            assert_eq!(*size, replacement.len() as u64);
            storage_key.clone()
        }
        other => panic!("not a file: {other:?}"),
    };
    assert_ne!(first_key, second_key);
    assert!(
        app.state.files().path(&first_key).expect("path").exists(),
        "the previous file is kept"
    );
    assert!(
        app.state
            .store()
            .resource(resource_id)
            .await
            .expect("read")
            .expect("resource")
            .report
            .is_some(),
        "a new report is stored"
    );

    let empty = app
        .api_upload(
            "resource_create",
            &editor,
            &[("package_id", "deliberations")],
            "vide.csv",
            b"",
        )
        .await;
    assert_error(
        &empty,
        StatusCode::CONFLICT,
        "Validation Error",
        "empty upload",
    );
}

#[tokio::test]
async fn upload_limit_applies() {
    let app = App::with_config("api-limit", |config| config.max_upload_bytes = 1024).await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .api_user(
            "editrice@example.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;
    app.api_post(
        "package_create",
        Some(&editor),
        &json!({"name": "gros", "owner_org": "commune-de-kerbrient"}),
    )
    .await;
    let too_large = app
        .api_upload(
            "resource_create",
            &editor,
            &[("package_id", "gros")],
            "gros.csv",
            &vec![b'a'; 4096],
        )
        .await;
    assert!(
        too_large.status == StatusCode::PAYLOAD_TOO_LARGE
            || too_large.status == StatusCode::BAD_REQUEST,
        "{}: {}",
        too_large.status,
        too_large.json
    );
    assert_eq!(too_large.json["success"], false);
    let show = app.api_get("package_show?id=gros", Some(&editor)).await;
    assert_eq!(show.json["result"]["num_resources"], 0);
}

#[tokio::test]
async fn paging_sort_and_filters() {
    let app = App::new("api-paging").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let other = app.organization("Commune Voisine").await;
    let editor = app
        .api_user(
            "editrice@example.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;
    for index in 0..25u32 {
        let tags = if index.is_multiple_of(5) {
            json!([{"name": "budget primitif"}, {"name": "finances"}])
        } else {
            json!([{"name": "finances"}])
        };
        let created = app
            .api_post(
                "package_create",
                Some(&editor),
                &json!({
                    "name": format!("jeu-{index:02}"),
                    "title": format!("Jeu {index:02}"),
                    "owner_org": "commune-de-kerbrient",
                    "tags": tags,
                    "license_id": if index.is_multiple_of(2) { "lov2" } else { "odbl" },
                }),
            )
            .await;
        assert_success(&created, "create");
    }
    app.dataset(&other, "Voisin", false, true).await;

    let page = app
        .api_get("package_search?rows=10&start=20&sort=name%20asc", None)
        .await;
    assert_eq!(page.json["result"]["count"], 26);
    assert_eq!(
        names(&page.json["result"]["results"]),
        vec!["jeu-20", "jeu-21", "jeu-22", "jeu-23", "jeu-24", "voisin"]
            .into_iter()
            .take(6)
            .collect::<Vec<_>>()
    );
    assert_eq!(page.json["result"]["sort"], "name asc");

    let newest = app
        .api_get("package_search?rows=2&sort=metadata_modified%20desc", None)
        .await;
    assert_eq!(
        names(&newest.json["result"]["results"]),
        vec!["voisin", "jeu-24"]
    );
    let by_title = app
        .api_get("package_search?rows=1&sort=title_string%20desc", None)
        .await;
    assert_eq!(names(&by_title.json["result"]["results"]), vec!["voisin"]);

    let clamped = app.api_get("package_search?rows=5000", None).await;
    assert_eq!(
        clamped.json["result"]["results"].as_array().map(Vec::len),
        Some(26)
    );
    let beyond = app.api_get("package_search?start=1000", None).await;
    assert_eq!(beyond.json["result"]["count"], 26);
    assert_eq!(beyond.json["result"]["results"], json!([]));

    let quoted = app
        .api_get(
            "package_search?fq=tags:%22budget%20primitif%22%20organization:commune-de-kerbrient",
            None,
        )
        .await;
    assert_eq!(quoted.json["result"]["count"], 5);
    let licence = app
        .api_get("package_search?fq=%2Blicense_id:odbl&rows=0", None)
        .await;
    assert_eq!(licence.json["result"]["count"], 12);
    let other_org = app
        .api_get("package_search?fq=organization:commune-voisine", None)
        .await;
    assert_eq!(names(&other_org.json["result"]["results"]), vec!["voisin"]);
    let q_field = app
        .api_get("package_search?q=tags:finances&rows=0", None)
        .await;
    assert_eq!(q_field.json["result"]["count"], 25);
    let words = app.api_get("package_search?q=voisin", None).await;
    assert_eq!(names(&words.json["result"]["results"]), vec!["voisin"]);
    let nothing = app
        .api_get("package_search?fq=dataset_type:showcase", None)
        .await;
    assert_eq!(nothing.json["result"]["count"], 0);

    let facets = app
        .api_get(
            "package_search?rows=0&facet.field=%5B%22tags%22,%22license_id%22%5D&facet.limit=1",
            None,
        )
        .await;
    let tag_items = &facets.json["result"]["search_facets"]["tags"]["items"];
    assert_eq!(tag_items.as_array().map(Vec::len), Some(1), "facet.limit");
    assert_eq!(tag_items[0]["name"], "finances");
    assert_eq!(tag_items[0]["count"], 25);

    let current = app
        .api_get(
            "current_package_list_with_resources?limit=10&offset=20",
            None,
        )
        .await;
    assert_eq!(current.json["result"].as_array().map(Vec::len), Some(6));
    let list = app.api_get("package_list?limit=3&offset=1", None).await;
    assert_eq!(list.json["result"], json!(["jeu-01", "jeu-02", "jeu-03"]));
}

#[tokio::test]
async fn token_page_creates_and_revokes() {
    let app = App::new("api-tokens").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let session = app
        .user("editrice@example.fr", Some((&organization, Role::Editor)))
        .await;

    let anonymous = app.get("/espace/jetons", None).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    let dashboard = app.get("/espace", Some(&session)).await;
    assert!(
        dashboard.body.contains("/espace/jetons"),
        "linked from /espace"
    );

    let forged = app
        .post_form(
            "/espace/jetons",
            Some(&session),
            &[("csrf", "x"), ("name", "ERP")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    let created = app
        .post_form(
            "/espace/jetons",
            Some(&session),
            &[("csrf", &session.csrf), ("name", "Logiciel financier")],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK);
    let start = created.body.find("socle_").expect("token shown");
    let token = created.body[start..start + 70].to_string();
    assert!(
        token[6..].bytes().all(|byte| byte.is_ascii_hexdigit()),
        "{token}"
    );
    assert!(created.body.contains("Logiciel financier"));

    let listed = app.get("/espace/jetons", Some(&session)).await;
    assert!(!listed.body.contains(&token), "the token is shown once");
    let used = app.api_get("package_search", Some(&token)).await;
    assert_success(&used, "token from the page");

    let id_start = listed.body.find("/espace/jetons/").expect("revoke form") + 15;
    let token_id = &listed.body[id_start..id_start + 36];
    let revoked = app
        .post_form(
            &format!("/espace/jetons/{token_id}/revocation"),
            Some(&session),
            &[("csrf", &session.csrf)],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    let rejected = app.api_get("package_search", Some(&token)).await;
    assert_error(
        &rejected,
        StatusCode::FORBIDDEN,
        "Authorization Error",
        "revoked",
    );

    let english = app.get("/espace/jetons?lang=en", Some(&session)).await;
    assert!(english.body.contains("API tokens"), "English page");
}

#[tokio::test]
async fn api_page_and_openapi() {
    let app = App::new("api-docs").await;
    let french = app.get("/api", None).await;
    assert_eq!(french.status, StatusCode::OK);
    assert!(french.body.contains("API de la plateforme"));
    assert!(french.body.contains("curl"));
    assert!(french.body.contains("package_search"));
    let english = app.get("/api?lang=en", None).await;
    assert!(english.body.contains("Platform API"));

    let document = app.get("/api/openapi.json", None).await;
    assert_eq!(document.status, StatusCode::OK);
    let json: Value = serde_json::from_str(&document.body).expect("JSON");
    assert_eq!(json["openapi"], "3.1.0");
    assert!(json["paths"]["/api/3/action/package_search"]["get"].is_object());
    assert!(json["paths"]["/catalog.ttl"]["get"].is_object());
}

#[tokio::test]
async fn archived_dataset_keeps_its_page() {
    let app = App::new("api-archived").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let dataset = app.dataset(&organization, "Ancien", false, true).await;
    app.state
        .store()
        .set_dataset_state(dataset.id, DatasetState::Archived)
        .await
        .expect("archive");
    let page = app.get("/jeux-de-donnees/ancien", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("archivé"), "archived notice");
    let search = app.get("/recherche?q=ancien", None).await;
    assert!(
        !search.body.contains("/jeux-de-donnees/ancien"),
        "hidden from search"
    );
}

#[tokio::test]
async fn cached_answers_follow_writes() {
    let app = App::new("api-cache").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .api_user(
            "editrice@example.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;
    app.api_post(
        "package_create",
        Some(&editor),
        &json!({"name": "budget", "title": "Budget", "owner_org": "commune-de-kerbrient"}),
    )
    .await;
    let first = app.api_get("package_show?id=budget", None).await;
    assert_eq!(first.json["result"]["title"], "Budget");
    let repeated = app.api_get("package_show?id=budget", None).await;
    assert_eq!(
        repeated.json, first.json,
        "same answer while nothing changes"
    );

    app.api_post(
        "package_patch",
        Some(&editor),
        &json!({"id": "budget", "title": "Budget primitif", "private": true}),
    )
    .await;
    let after = app.api_get("package_show?id=budget", None).await;
    assert_error(
        &after,
        StatusCode::NOT_FOUND,
        "Not Found Error",
        "private after the write",
    );
    let editor_view = app.api_get("package_show?id=budget", Some(&editor)).await;
    assert_eq!(editor_view.json["result"]["title"], "Budget primitif");
}

#[tokio::test]
async fn answers_gzip_and_strict_policy() {
    let app = App::new("api-gzip").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let dataset = app
        .dataset(&organization, "Délibérations", false, true)
        .await;
    let path = format!("/api/3/action/package_show?id={}", dataset.slug);
    let plain = app.get(&path, None).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(
        plain.headers[header::CONTENT_SECURITY_POLICY],
        "default-src 'none'; frame-ancestors 'none'"
    );
    assert!(
        plain.headers.get(header::SET_COOKIE).is_none(),
        "the API sets no cookie"
    );
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());

    // The first call was computed; this one comes from the cache, compressed.
    let compressed = app.get_gzip(&path).await;
    assert_eq!(compressed.status, StatusCode::OK);
    assert_eq!(compressed.headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(
        compressed.headers[header::CONTENT_TYPE],
        "application/json;charset=utf-8"
    );
    assert_eq!(compressed.body, plain.body);

    let docs = app.get("/api", None).await;
    let policy = docs.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("policy");
    assert!(policy.contains("style-src 'self'"), "{policy}");
}

/// Keys of real CKAN responses that socle leaves out: additions of the DataSud portal's
/// CKAN emulation, and `revision_id`, a revision key that socle has no revisions for.
const KEYS_NOT_SERVED: &[&str] = &[
    "category",
    "datatype",
    "kinds",
    "thumbnail",
    "revision_id",
    "data_type",
    "datastore_contains_all_records_of_source_file",
];

#[tokio::test]
async fn keys_of_real_ckan_answers_present() {
    let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/harvest/ckan/datasud/responses/package_show");
    let Ok(entries) = std::fs::read_dir(&directory) else {
        eprintln!(
            "skipping: {} is absent, so socle's keys are not compared with a real CKAN portal's",
            directory.display()
        );
        return;
    };
    let mut package_keys = std::collections::BTreeSet::new();
    let mut resource_keys = std::collections::BTreeSet::new();
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).expect("reference answer");
        let json: Value = serde_json::from_str(&text).expect("reference JSON");
        let package = json.get("result").unwrap_or(&json);
        package_keys.extend(package.as_object().expect("package").keys().cloned());
        for resource in package["resources"].as_array().into_iter().flatten() {
            resource_keys.extend(resource.as_object().expect("resource").keys().cloned());
        }
    }
    assert!(!package_keys.is_empty(), "no reference package read");

    let app = App::new("api-real-keys").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .api_user(
            "editrice@example.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;
    app.api_post(
        "package_create",
        Some(&editor),
        &json!({
            "name": "parkings",
            "owner_org": "commune-de-kerbrient",
            "resources": [{"url": "https://example.org/parkings.csv"}],
        }),
    )
    .await;
    let show = app.api_get("package_show?id=parkings", None).await;
    let ours = show.json["result"].as_object().expect("package");
    for key in &package_keys {
        if !KEYS_NOT_SERVED.contains(&key.as_str()) {
            assert!(
                ours.contains_key(key),
                "package key {key} of the real portal missing"
            );
        }
    }
    let resource = show.json["result"]["resources"][0]
        .as_object()
        .expect("resource");
    for key in &resource_keys {
        if !KEYS_NOT_SERVED.contains(&key.as_str()) {
            assert!(
                resource.contains_key(key),
                "resource key {key} of the real portal missing"
            );
        }
    }
}

#[tokio::test]
async fn personal_data_keeps_draft() {
    let app = App::new("api-privacy").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .api_user(
            "editrice@example.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;
    let created = app
        .api_post(
            "package_create",
            Some(&editor),
            &json!({"name": "deliberations", "owner_org": "commune-de-kerbrient", "state": "draft", "extras": [{"key": "schema", "value": "deliberations"}]}),
        )
        .await;
    assert_eq!(created.json["result"]["state"], "draft");
    let csv = "DELIB_ID,DELIB_OBJET\n2026-001,Vente à M. Jean Kerhervé demeurant 4 rue des Lilas\n";
    let uploaded = app
        .api_upload(
            "resource_create",
            &editor,
            &[("package_id", "deliberations")],
            "deliberations.csv",
            csv.as_bytes(),
        )
        .await;
    let resource_id: uuid::Uuid = uploaded.json["result"]["id"]
        .as_str()
        .expect("id")
        .parse()
        .expect("uuid");
    app.wait_validation(resource_id).await;

    let published = app
        .api_post(
            "package_patch",
            Some(&editor),
            &json!({"id": "deliberations", "state": "active"}),
        )
        .await;
    assert_error(
        &published,
        StatusCode::CONFLICT,
        "Validation Error",
        "personal data unconfirmed",
    );
    assert!(
        published.json["error"]["state"].is_array(),
        "{}",
        published.json
    );
    let anonymous = app.api_get("package_show?id=deliberations", None).await;
    assert_error(
        &anonymous,
        StatusCode::NOT_FOUND,
        "Not Found Error",
        "still a draft",
    );
}
