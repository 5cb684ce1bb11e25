//! HTTP tests of the CKAN behaviours that clients rely on beyond the basic actions:
//! `capacity` filters, `include_private` on `current_package_list_with_resources`,
//! `help_show` in the caller's language, malformed token headers, organisation names
//! chosen by the caller, and the spatial extras.

mod common;

use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode, header};
use catalog::Role;
use common::{ApiReply, App};
use serde_json::{Value, json};

fn assert_success(reply: &ApiReply, what: &str) {
    assert_eq!(reply.status, StatusCode::OK, "{what}: {}", reply.json);
    assert_eq!(reply.json["success"], true, "{what}: {}", reply.json);
}

fn assert_error(reply: &ApiReply, status: StatusCode, kind: &str, what: &str) {
    assert_eq!(reply.status, status, "{what}: {}", reply.json);
    assert_eq!(reply.json["success"], false, "{what}");
    assert_eq!(
        reply.json["error"]["__type"], kind,
        "{what}: {}",
        reply.json
    );
}

fn sorted_names(results: &Value) -> Vec<String> {
    let mut names: Vec<String> = results
        .as_array()
        .expect("list")
        .iter()
        .map(|package| package["name"].as_str().unwrap_or("").to_string())
        .collect();
    names.sort();
    names
}

/// Sends a GET request of an action with extra headers, given as raw bytes so that
/// headers which are not valid text can be sent.
async fn get_with_headers(app: &App, action_and_query: &str, headers: &[(&str, &[u8])]) -> Value {
    let mut request = Request::get(format!("/api/3/action/{action_and_query}"));
    for (name, value) in headers {
        request = request.header(*name, HeaderValue::from_bytes(value).expect("header bytes"));
    }
    let page = app
        .send(request.body(Body::empty()).expect("request"))
        .await;
    let mut json: Value = serde_json::from_str(&page.body).expect("JSON");
    json["status"] = json!(page.status.as_u16());
    json
}

/// Creates two communes, the first with a public, a private and a draft dataset, the
/// second with a public and a private one. Returns the tokens of a member of the first,
/// an editor of the second and a platform administrator.
async fn two_communes(app: &App) -> (String, String, String) {
    let kerbrient = app.organization("Commune de Kerbrient").await;
    let voisine = app.organization("Commune Voisine").await;
    app.dataset(&kerbrient, "Public", false, true).await;
    app.dataset(&kerbrient, "Secret", true, true).await;
    app.dataset(&kerbrient, "Brouillon", false, false).await;
    app.dataset(&voisine, "Public voisin", false, true).await;
    app.dataset(&voisine, "Secret voisin", true, true).await;
    let member = app
        .api_user("membre@example.fr", Some((&kerbrient, Role::Member)), false)
        .await;
    let outsider = app
        .api_user("voisin@example.fr", Some((&voisine, Role::Editor)), false)
        .await;
    let admin = app.api_user("admin@example.fr", None, true).await;
    (member, outsider, admin)
}

#[tokio::test]
async fn capacity_filters_follow_ckan() {
    let app = App::new("api-capacity").await;
    let (member, outsider, admin) = two_communes(&app).await;
    let private = "package_search?fq=capacity:private&include_private=true";
    let public = "package_search?fq=%2Bcapacity:public&include_private=true";

    let cases: [(&str, Option<&str>, &str, Vec<&str>); 9] = [
        ("member, private", Some(&member), private, vec!["secret"]),
        (
            "member, public",
            Some(&member),
            public,
            vec!["public", "public-voisin"],
        ),
        (
            "member, private without include_private",
            Some(&member),
            "package_search?fq=capacity:private",
            vec![],
        ),
        ("anonymous, private", None, private, vec![]),
        (
            "anonymous, public",
            None,
            public,
            vec!["public", "public-voisin"],
        ),
        (
            "outsider, private",
            Some(&outsider),
            private,
            vec!["secret-voisin"],
        ),
        (
            "admin, private",
            Some(&admin),
            private,
            vec!["secret", "secret-voisin"],
        ),
        (
            "admin, private in q",
            Some(&admin),
            "package_search?q=capacity:private&include_private=true",
            vec!["secret", "secret-voisin"],
        ),
        (
            "admin, both capacities",
            Some(&admin),
            "package_search?fq=capacity:private%20capacity:public&include_private=true",
            vec![],
        ),
    ];
    for (what, token, query, expected) in cases {
        let reply = app.api_get(query, token).await;
        assert_success(&reply, what);
        let result = &reply.json["result"];
        assert_eq!(sorted_names(&result["results"]), expected, "{what}");
        assert_eq!(result["count"], expected.len(), "{what}: count");
    }

    // Facets count the same datasets as the results.
    let faceted = app
        .api_get(
            &format!("{private}&facet.field=%5B%22organization%22%5D"),
            Some(&member),
        )
        .await;
    let facets = &faceted.json["result"]["facets"]["organization"];
    assert_eq!(facets["commune-de-kerbrient"], 1, "{facets}");
    assert!(facets.get("commune-voisine").is_none(), "{facets}");
}

#[tokio::test]
async fn current_list_include_private() {
    let app = App::new("api-current-private").await;
    let (member, outsider, _) = two_communes(&app).await;
    let action = "current_package_list_with_resources";
    let with_flag = format!("{action}?include_private=true");

    let member_view = app.api_get(&with_flag, Some(&member)).await;
    assert_success(&member_view, "member with include_private");
    assert_eq!(
        sorted_names(&member_view.json["result"]),
        vec!["public", "public-voisin", "secret"]
    );

    let without_flag = app.api_get(action, Some(&member)).await;
    assert_eq!(
        sorted_names(&without_flag.json["result"]),
        vec!["public", "public-voisin"]
    );

    let anonymous = app.api_get(&with_flag, None).await;
    assert_success(&anonymous, "anonymous with include_private");
    assert_eq!(
        sorted_names(&anonymous.json["result"]),
        vec!["public", "public-voisin"]
    );

    let outsider_view = app.api_get(&with_flag, Some(&outsider)).await;
    assert_eq!(
        sorted_names(&outsider_view.json["result"]),
        vec!["public", "public-voisin", "secret-voisin"]
    );

    let bad = app
        .api_get(&format!("{action}?include_private=peut-etre"), None)
        .await;
    assert_error(&bad, StatusCode::CONFLICT, "Validation Error", "bad flag");
    assert!(
        bad.json["error"]["include_private"].is_array(),
        "{}",
        bad.json
    );
}

#[tokio::test]
async fn help_show_follows_language() {
    let app = App::new("api-help-language").await;
    let french = i18n::Messages::new(i18n::Lang::Fr).format("api-action-package_show", &[]);
    let english = i18n::Messages::new(i18n::Lang::En).format("api-action-package_show", &[]);
    assert_ne!(french, english);

    let default = app.api_get("help_show?name=package_show", None).await;
    assert_success(&default, "default language");
    assert_eq!(default.json["result"], french.as_str());

    let header = get_with_headers(
        &app,
        "help_show?name=package_show",
        &[("accept-language", b"en-GB,en;q=0.9")],
    )
    .await;
    assert_eq!(header["result"], english.as_str(), "{header}");

    let query = app
        .api_get("help_show?name=package_show&lang=en", None)
        .await;
    assert_success(&query, "lang=en");
    assert_eq!(query.json["result"], english.as_str());

    // Responses are cached per language, so French is still served afterwards.
    let again = app.api_get("help_show?name=package_show", None).await;
    assert_eq!(again.json["result"], french.as_str());

    let unknown = app.api_get("help_show?name=no_such_action", None).await;
    assert_error(
        &unknown,
        StatusCode::NOT_FOUND,
        "Not Found Error",
        "unknown action",
    );
}

#[tokio::test]
async fn malformed_token_rejected() {
    let app = App::new("api-token-bytes").await;
    let organization = app.organization("Commune de Kerbrient").await;
    app.dataset(&organization, "Public", false, true).await;
    let token = app
        .api_user(
            "editeur@example.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;

    // An anonymous response is cached first: a malformed header must not be served from it.
    let anonymous = app.api_get("package_list", None).await;
    assert_success(&anonymous, "anonymous");

    let accented = format!("Bearer {token}é");
    let cases: [(&str, &[u8], &str); 4] = [
        ("authorization", accented.as_bytes(), "0xC3"),
        ("authorization", b"abc\tdef", "0x09"),
        ("authorization", b"Bearer abc def", "0x20"),
        ("x-ckan-api-key", b"jeton\xA0secret", "0xA0"),
    ];
    for (name, value, byte) in cases {
        let reply = get_with_headers(&app, "package_list", &[(name, value)]).await;
        let what = format!("{name}: {}", String::from_utf8_lossy(value));
        assert_eq!(reply["status"], 403, "{what}: {reply}");
        assert_eq!(reply["success"], false, "{what}");
        assert_eq!(reply["error"]["__type"], "Authorization Error", "{what}");
        let message = reply["error"]["message"].as_str().unwrap_or("");
        assert!(message.contains("ASCII"), "{what}: {message}");
        assert!(message.contains(byte), "{what}: {message}");
        let header_name = if name == "authorization" {
            "Authorization"
        } else {
            "X-CKAN-API-Key"
        };
        assert!(message.contains(header_name), "{what}: {message}");
    }

    let english = get_with_headers(
        &app,
        "package_list",
        &[("authorization", b"abc\tdef"), ("accept-language", b"en")],
    )
    .await;
    let message = english["error"]["message"].as_str().unwrap_or("");
    assert!(message.contains("visible ASCII"), "{message}");

    // A write action gets the same error rather than "token required".
    let request = Request::post("/api/3/action/package_create")
        .header(header::CONTENT_TYPE, "application/json")
        .header(
            header::AUTHORIZATION,
            HeaderValue::from_bytes(accented.as_bytes()).expect("header"),
        )
        .body(Body::from(json!({"name": "x"}).to_string()))
        .expect("request");
    let page = app.send(request).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("0xC3"), "{}", page.body);

    // Well-formed headers still work, and a blank one is an anonymous call.
    for value in [
        token.clone(),
        format!("Bearer {token}"),
        format!("  {token}  "),
    ] {
        let reply =
            get_with_headers(&app, "package_list", &[("authorization", value.as_bytes())]).await;
        assert_eq!(reply["status"], 200, "{value}: {reply}");
    }
    let blank = get_with_headers(&app, "package_list", &[("authorization", b"")]).await;
    assert_eq!(blank["status"], 200, "{blank}");
}

#[tokio::test]
async fn organization_create_keeps_name() {
    let app = App::new("api-organization-name").await;
    let admin = app.api_user("admin@example.fr", None, true).await;

    let created = app
        .api_post(
            "organization_create",
            Some(&admin),
            &json!({"name": "syndicat-eaux_42", "title": "Syndicat des eaux du Forez"}),
        )
        .await;
    assert_success(&created, "name and title");
    assert_eq!(created.json["result"]["name"], "syndicat-eaux_42");
    assert_eq!(
        created.json["result"]["title"],
        "Syndicat des eaux du Forez"
    );
    let shown = app
        .api_get("organization_show?id=syndicat-eaux_42", None)
        .await;
    assert_success(&shown, "show by name");
    assert_eq!(
        shown.json["result"]["display_name"],
        "Syndicat des eaux du Forez"
    );

    let taken = app
        .api_post(
            "organization_create",
            Some(&admin),
            &json!({"name": "syndicat-eaux_42", "title": "Autre syndicat"}),
        )
        .await;
    assert_error(&taken, StatusCode::CONFLICT, "Validation Error", "taken");
    let message = taken.json["error"]["name"][0].as_str().unwrap_or("");
    assert!(message.contains("« syndicat-eaux_42 »"), "{message}");
    assert!(message.contains("déjà"), "{message}");

    let long = "a".repeat(101);
    for bad in ["Syndicat Eaux", "a", long.as_str(), "élus", "eaux/forez"] {
        let reply = app
            .api_post(
                "organization_create",
                Some(&admin),
                &json!({"name": bad, "title": "Syndicat"}),
            )
            .await;
        assert_error(&reply, StatusCode::CONFLICT, "Validation Error", bad);
        let message = reply.json["error"]["name"][0].as_str().unwrap_or("");
        assert!(message.contains("2 à 100 caractères"), "{bad}: {message}");
        assert!(
            message.contains(&bad[..bad.len().min(20)]),
            "{bad}: {message}"
        );
    }
    let suggested = app
        .api_post(
            "organization_create",
            Some(&admin),
            &json!({"name": "Syndicat Eaux", "title": "Syndicat"}),
        )
        .await;
    let message = suggested.json["error"]["name"][0].as_str().unwrap_or("");
    assert!(message.contains("« syndicat-eaux »"), "{message}");

    let derived = app
        .api_post(
            "organization_create",
            Some(&admin),
            &json!({"title": "Communauté de communes du Pilat"}),
        )
        .await;
    assert_success(&derived, "title only");
    assert_eq!(
        derived.json["result"]["name"],
        "communaute-de-communes-du-pilat"
    );

    let name_only = app
        .api_post(
            "organization_create",
            Some(&admin),
            &json!({"name": "sivom-pilat"}),
        )
        .await;
    assert_success(&name_only, "name only");
    assert_eq!(name_only.json["result"]["name"], "sivom-pilat");
    assert_eq!(name_only.json["result"]["title"], "sivom-pilat");

    let neither = app
        .api_post(
            "organization_create",
            Some(&admin),
            &json!({"kind": "epci"}),
        )
        .await;
    assert_error(
        &neither,
        StatusCode::CONFLICT,
        "Validation Error",
        "neither",
    );
    assert!(neither.json["error"]["name"].is_array(), "{}", neither.json);
}

fn extra<'a>(package: &'a Value, key: &str) -> Option<&'a Value> {
    package["extras"]
        .as_array()
        .expect("extras")
        .iter()
        .find(|extra| extra["key"] == key)
        .map(|extra| &extra["value"])
}

#[tokio::test]
async fn spatial_extras_never_geojson() {
    let app = App::new("api-spatial").await;
    let organization = app.organization("Commune de Saint-Étienne").await;
    let editor = app
        .api_user(
            "editeur@example.fr",
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
                "owner_org": organization.slug,
                "extras": [{"key": "spatial-text", "value": "commune:42218, epci:244200770, departement:42"}],
            }),
        )
        .await;
    assert_success(&created, "create with codes");
    let package = &created.json["result"];
    assert!(extra(package, "spatial").is_none(), "{package}");
    assert_eq!(
        extra(package, "spatial-text"),
        Some(&json!("commune:42218, epci:244200770, departement:42"))
    );
    assert_eq!(
        extra(package, "spatial-uri"),
        Some(&json!(
            "http://id.insee.fr/geo/commune/42218, http://id.insee.fr/geo/departement/42"
        ))
    );

    // A package read back and sent unchanged keeps its coverage.
    let mut round_trip =
        app.api_get("package_show?id=budget-2024", None).await.json["result"].clone();
    round_trip["notes"] = json!("Relu puis renvoyé tel quel.");
    let updated = app
        .api_post("package_update", Some(&editor), &round_trip)
        .await;
    assert_success(&updated, "round trip");
    assert_eq!(
        extra(&updated.json["result"], "spatial-text"),
        Some(&json!("commune:42218, epci:244200770, departement:42"))
    );

    // Without spatial-text, spatial-uri sets the codes.
    let from_uri = app
        .api_post(
            "package_patch",
            Some(&editor),
            &json!({"id": "budget-2024", "extras": [{"key": "spatial-uri", "value": "http://id.insee.fr/geo/commune/42219"}]}),
        )
        .await;
    assert_success(&from_uri, "spatial-uri only");
    assert_eq!(
        extra(&from_uri.json["result"], "spatial-text"),
        Some(&json!("commune:42219"))
    );

    let bad_uri = app
        .api_post(
            "package_patch",
            Some(&editor),
            &json!({"id": "budget-2024", "extras": [{"key": "spatial-uri", "value": "https://example.org/lieu/42"}]}),
        )
        .await;
    assert_error(
        &bad_uri,
        StatusCode::CONFLICT,
        "Validation Error",
        "bad uri",
    );
    let message = bad_uri.json["error"]["spatial-uri"][0]
        .as_str()
        .unwrap_or("");
    assert!(message.contains("https://example.org/lieu/42"), "{message}");

    // A GeoJSON geometry is rejected, as an extra or as a top-level key, and nothing
    // changes.
    let polygon = json!({"type": "Polygon", "coordinates": [[[4.3, 45.4], [4.4, 45.4], [4.4, 45.5], [4.3, 45.4]]]}).to_string();
    let geometries = [
        json!({"id": "budget-2024", "extras": [{"key": "spatial", "value": polygon}]}),
        json!({"id": "budget-2024", "spatial": polygon}),
        json!({"id": "budget-2024", "extras": [{"key": "spatial", "value": "Saint-Étienne"}]}),
    ];
    for body in geometries {
        let reply = app.api_post("package_patch", Some(&editor), &body).await;
        assert_error(&reply, StatusCode::CONFLICT, "Validation Error", "geometry");
        let message = reply.json["error"]["spatial"][0].as_str().unwrap_or("");
        assert!(message.contains("spatial-text"), "{message}");
        assert!(message.contains("GeoJSON"), "{message}");
    }
    let unchanged = app.api_get("package_show?id=budget-2024", None).await;
    assert_eq!(
        extra(&unchanged.json["result"], "spatial-text"),
        Some(&json!("commune:42219"))
    );

    // An empty `spatial`, as some clients send, is accepted and changes nothing.
    let empty = app
        .api_post(
            "package_patch",
            Some(&editor),
            &json!({"id": "budget-2024", "extras": [{"key": "spatial", "value": ""}]}),
        )
        .await;
    assert_success(&empty, "empty spatial");
    assert!(extra(&empty.json["result"], "spatial").is_none());

    // No response of the API contains a `spatial` key.
    for action in [
        "package_search?q=*:*",
        "current_package_list_with_resources",
    ] {
        let reply = app.api_get(action, None).await;
        let results = if action.starts_with("package_search") {
            reply.json["result"]["results"].clone()
        } else {
            reply.json["result"].clone()
        };
        for package in results.as_array().expect("list") {
            assert!(extra(package, "spatial").is_none(), "{action}: {package}");
            assert!(
                extra(package, "spatial-uri").is_some(),
                "{action}: {package}"
            );
        }
    }
}
