//! HTTP-level tests of every page and permission rule, through the router.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use catalog::{DatasetStore, ResourceStore, Role, UserStore};
use common::{App, bundled_deliberations, reference_file};

#[tokio::test]
async fn public_pages_render_in_french() {
    let app = App::new("public").await;
    let organization = app.organization("Commune de Kerbrient").await;
    app.dataset(&organization, "Délibérations 2024", false, true)
        .await;

    for path in [
        "/",
        "/recherche",
        "/recherche?q=deliberation",
        "/organisations",
        "/organisations/commune-de-kerbrient",
        "/connexion",
        "/jeux-de-donnees/deliberations-2024",
    ] {
        let page = app.get(path, None).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains("<html lang=\"fr\">"), "{path}");
        assert!(page.body.contains("href=\"#contenu\""), "{path}: skip link");
        let policy = page
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        assert!(policy.contains("default-src 'self'"), "{path}: {policy}");
    }
}

#[tokio::test]
async fn english_by_query_and_header() {
    let app = App::new("english").await;
    let page = app.get("/?lang=en", None).await;
    assert!(page.body.contains("<html lang=\"en\">"));
    assert!(page.body.contains("Latest datasets"));
    let cookie = page
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|value| value.starts_with("socle_lang=en"));
    assert!(cookie);

    let request = Request::get("/")
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .body(Body::empty())
        .expect("request");
    let page = app.send(request).await;
    assert!(page.body.contains("<html lang=\"en\">"));
}

#[tokio::test]
async fn search_deliberation_finds_dataset() {
    let app = App::new("search").await;
    let organization = app.organization("Commune de Kerbrient").await;
    app.dataset(&organization, "Délibérations du conseil", false, true)
        .await;
    let page = app.get("/recherche?q=deliberation", None).await;
    assert!(page.body.contains("Délibérations du conseil"));
    assert!(page.body.contains("Résultats : 1"));
    // Facets name licences and schemas by title, not by their stored codes.
    assert!(
        page.body
            .contains(">Licence Ouverte &#x2f; Open Licence 2.0 (1)</a>"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(">Délibérations (1)</a>"),
        "{}",
        page.body
    );
    let page = app.get("/recherche?q=budget", None).await;
    assert!(page.body.contains("Résultats : 0"));
}

#[tokio::test]
async fn private_dataset_invisible_to_outsiders() {
    let app = App::new("private").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let secret = app
        .dataset(&organization, "Délibérations secrètes", true, true)
        .await;
    let draft = app
        .dataset(&organization, "Délibérations brouillon", false, false)
        .await;
    let member = app
        .user("membre@kerbrient.fr", Some((&organization, Role::Member)))
        .await;
    let outsider = app.user("autre@ailleurs.fr", None).await;

    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let upload = app
        .upload(
            &format!("/jeux-de-donnees/{}/ressources", secret.slug),
            &editor,
            &editor.csrf,
            "secret.csv",
            &bundled_deliberations(),
        )
        .await;
    assert_eq!(upload.status, StatusCode::SEE_OTHER);
    let report_path = upload.location().to_string();
    let download_path = format!("{report_path}/telechargement");

    for session in [None, Some(&outsider)] {
        for dataset in [&secret, &draft] {
            let page = app
                .get(&format!("/jeux-de-donnees/{}", dataset.slug), session)
                .await;
            assert_eq!(page.status, StatusCode::NOT_FOUND);
        }
        assert_eq!(
            app.get(&report_path, session).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(&download_path, session).await.status,
            StatusCode::NOT_FOUND
        );
        let search = app.get("/recherche?q=deliberation", session).await;
        assert!(search.body.contains("Résultats : 0"));
        assert!(
            !search.body.contains("Kerbrient ("),
            "facet counts reveal private datasets"
        );
        let home = app.get("/", session).await;
        assert!(!home.body.contains("secrètes"));
        let organization_page = app
            .get("/organisations/commune-de-kerbrient", session)
            .await;
        assert!(!organization_page.body.contains("secrètes"));
    }

    let page = app
        .get(&format!("/jeux-de-donnees/{}", secret.slug), Some(&member))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    // A file added to a published dataset is held until its personal-data scan is done.
    app.wait_validation(common::resource_id_in(&report_path))
        .await;
    assert_eq!(
        app.get(&download_path, Some(&member)).await.status,
        StatusCode::OK
    );
    let search = app.get("/recherche?q=deliberation", Some(&member)).await;
    assert!(search.body.contains("Résultats : 2"));
}

#[tokio::test]
async fn writes_require_editor_role() {
    let app = App::new("roles").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let dataset = app
        .dataset(&organization, "Délibérations", false, false)
        .await;
    let member = app
        .user("membre@kerbrient.fr", Some((&organization, Role::Member)))
        .await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let outsider = app.user("autre@ailleurs.fr", None).await;
    let organization_id = organization.id.to_string();
    let form = |csrf: &str| {
        vec![
            ("csrf", csrf.to_string()),
            ("organization", organization_id.clone()),
            ("title", "Budget primitif".to_string()),
            ("licence", "lov2".to_string()),
            ("frequency", "ANNUAL".to_string()),
        ]
    };
    let send = |csrf: &str| form(csrf);

    for session in [&member, &outsider] {
        let fields = send(&session.csrf);
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(key, value)| (*key, value.as_str()))
            .collect();
        assert_eq!(
            app.post_form("/jeux-de-donnees/nouveau", Some(session), &pairs)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let publish = app
            .post_form(
                &format!("/jeux-de-donnees/{}/publication", dataset.slug),
                Some(session),
                &[("csrf", &session.csrf), ("action", "publish")],
            )
            .await;
        assert_ne!(publish.status, StatusCode::SEE_OTHER);
        let upload = app
            .upload(
                &format!("/jeux-de-donnees/{}/ressources", dataset.slug),
                session,
                &session.csrf,
                "a.csv",
                b"a,b\n1,2\n",
            )
            .await;
        assert_ne!(upload.status, StatusCode::SEE_OTHER);
        assert_ne!(
            app.get(
                &format!("/jeux-de-donnees/{}/ajouter", dataset.slug),
                Some(session)
            )
            .await
            .status,
            StatusCode::OK
        );
    }

    let fields = send(&editor.csrf);
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(key, value)| (*key, value.as_str()))
        .collect();
    let created = app
        .post_form("/jeux-de-donnees/nouveau", Some(&editor), &pairs)
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    assert_eq!(
        created.location(),
        "/jeux-de-donnees/budget-primitif/ajouter"
    );

    let anonymous = app.get("/jeux-de-donnees/nouveau", None).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(anonymous.location(), "/connexion");
}

#[tokio::test]
async fn forms_without_csrf_rejected() {
    let app = App::new("csrf").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let dataset = app
        .dataset(&organization, "Délibérations", false, false)
        .await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let path = format!("/jeux-de-donnees/{}/publication", dataset.slug);
    let page = app
        .post_form(
            &path,
            Some(&editor),
            &[("csrf", "0".repeat(64).as_str()), ("action", "publish")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let upload = app
        .upload(
            &format!("/jeux-de-donnees/{}/ressources", dataset.slug),
            &editor,
            "forged",
            "a.csv",
            b"a\n1\n",
        )
        .await;
    assert_eq!(upload.status, StatusCode::FORBIDDEN);
    let page = app
        .post_form(
            &path,
            Some(&editor),
            &[("csrf", &editor.csrf), ("action", "publish")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn sign_in_sets_safe_cookie() {
    let app = App::new("login").await;
    app.state
        .store()
        .create_user("agent@kerbrient.fr", "Agent", "mot de passe de test", false)
        .await
        .expect("user");
    let form = app.get("/connexion", None).await;
    let csrf_cookie = form
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|value| value.strip_prefix("socle_csrf="))
        .and_then(|value| value.split(';').next())
        .expect("csrf cookie")
        .to_string();
    assert!(
        form.body.contains(&csrf_cookie),
        "form carries the cookie's token"
    );
    let session = common::Session {
        cookie: format!("socle_csrf={csrf_cookie}"),
        csrf: csrf_cookie.clone(),
    };

    let wrong = app
        .post_form(
            "/connexion",
            Some(&session),
            &[
                ("csrf", &csrf_cookie),
                ("email", "agent@kerbrient.fr"),
                ("password", "mauvais mot de passe"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let forged = app
        .post_form(
            "/connexion",
            Some(&session),
            &[
                ("csrf", &"1".repeat(64)),
                ("email", "agent@kerbrient.fr"),
                ("password", "mot de passe de test"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let right = app
        .post_form(
            "/connexion",
            Some(&session),
            &[
                ("csrf", &csrf_cookie),
                ("email", "agent@kerbrient.fr"),
                ("password", "mot de passe de test"),
            ],
        )
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER);
    let cookie = right
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("socle_session="))
        .expect("session cookie")
        .to_string();
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain http on loopback");
}

#[tokio::test]
async fn upload_validate_and_publish() {
    let app = App::new("publish").await;
    let organization = app.organization("Saint-Étienne Métropole").await;
    let editor = app
        .user("editeur@sem.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations métropolitaines", false, false)
        .await;
    let (name, content) =
        match reference_file("real/deliberations/deliberations-metropole-saint-etienne.csv") {
            Some(bytes) => ("deliberations-metropole-saint-etienne.csv", bytes),
            None => ("deliberations-kerbrient.csv", bundled_deliberations()),
        };

    let upload = app
        .upload(
            &format!("/jeux-de-donnees/{}/ressources", dataset.slug),
            &editor,
            &editor.csrf,
            name,
            &content,
        )
        .await;
    assert_eq!(upload.status, StatusCode::SEE_OTHER);
    let report_path = upload.location().to_string();
    app.wait_for_report(&report_path).await;

    let report = app.get(&report_path, Some(&editor)).await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.body.contains("Rapport de validation"));
    assert!(!report.body.contains("http-equiv=\"refresh\""));
    assert!(report.body.contains("Publier"));

    let publish = app
        .post_form(
            &format!("/jeux-de-donnees/{}/publication", dataset.slug),
            Some(&editor),
            &[("csrf", &editor.csrf), ("action", "publish")],
        )
        .await;
    assert_eq!(publish.status, StatusCode::SEE_OTHER);
    let search = app.get("/recherche?q=deliberation", None).await;
    assert!(search.body.contains("Délibérations métropolitaines"));

    let page = app
        .get(&format!("/jeux-de-donnees/{}", dataset.slug), None)
        .await;
    assert!(page.body.contains("<table class=\"data-table\">"));
    assert!(
        page.body.contains("<th scope=\"col\">DELIB_ID</th>") || page.body.contains("DELIB_ID")
    );
    assert!(page.body.contains("<strong>votées</strong>"));
    assert!(
        !page.body.contains("<script>alert"),
        "markdown is sanitised"
    );

    let download = app
        .get(&format!("{report_path}/telechargement"), None)
        .await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.body.len(), String::from_utf8_lossy(&content).len());
}

#[tokio::test]
async fn upload_over_limit_rejected() {
    server::init_logging();
    let app = App::with_config("limit", |config| config.max_upload_bytes = 100).await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations", false, false)
        .await;
    let big = vec![b'a'; 5000];
    let page = app
        .upload(
            &format!("/jeux-de-donnees/{}/ressources", dataset.slug),
            &editor,
            &editor.csrf,
            "big.csv",
            &big,
        )
        .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", page.body);
    assert!(
        app.state
            .store()
            .resources(dataset.id)
            .await
            .expect("list")
            .is_empty()
    );
    let leftovers = std::fs::read_dir(app.data.join("tmp"))
        .expect("tmp")
        .count();
    assert_eq!(leftovers, 0);
}

#[tokio::test]
async fn template_prefills_deliberations() {
    let app = App::new("template").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let page = app
        .get(
            "/jeux-de-donnees/nouveau?modele=deliberations",
            Some(&editor),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("name=\"schema\" value=\"deliberations\"")
    );
    assert!(page.body.contains("<option value=\"MONTHLY\" selected>"));
    assert!(page.body.contains("value=\"deliberations, scdl\""));
}

#[tokio::test]
async fn health_and_unknown_paths() {
    let app = App::new("health").await;
    let health = app.get("/healthz", None).await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.body, "ok");
    let missing = app.get("/jeux-de-donnees/nulle-part", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing.body.contains("<h1>Page introuvable</h1>"),
        "{}",
        missing.body
    );
    assert_eq!(
        app.get("/nulle-part", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/static/../Cargo.toml", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/static/style.css", None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn robots_and_icon_served() {
    let app = App::new("robots").await;
    let robots = app.get("/robots.txt", None).await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(robots.body.contains("User-agent: *"), "{}", robots.body);
    for private in ["/espace", "/administration", "/moissonnage", "/recherche"] {
        assert!(
            robots.body.contains(&format!("Disallow: {private}\n")),
            "{private}: {}",
            robots.body
        );
    }
    assert!(!robots.body.contains("Disallow: /\n"), "{}", robots.body);
    for path in ["/favicon.ico", "/static/favicon.svg"] {
        let icon = app.get(path, None).await;
        assert_eq!(icon.status, StatusCode::OK, "{path}");
        assert!(icon.body.starts_with("<svg"), "{path}");
    }
    let home = app.get("/", None).await;
    assert!(
        home.body
            .contains(r#"<link rel="icon" type="image/svg+xml" href="/static/favicon.svg">"#)
    );
}

fn resource_id_of(location: &str) -> uuid::Uuid {
    location
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("resource id in location")
}

#[tokio::test]
async fn latin1_semicolon_file_normalised() {
    let app = App::new("normalise").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations", false, false)
        .await;
    let text = String::from_utf8(bundled_deliberations())
        .expect("utf-8 demo file")
        .replace(',', ";");
    let latin1: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 character"))
        .collect();

    let upload = app
        .upload(
            &format!("/jeux-de-donnees/{}/ressources", dataset.slug),
            &editor,
            &editor.csrf,
            "deliberations.csv",
            &latin1,
        )
        .await;
    let original = app.wait_validation(resource_id_of(upload.location())).await;
    let report_path = upload.location().to_string();
    let report = app.get(&report_path, Some(&editor)).await;
    assert!(
        report.body.contains("windows-1252") || report.body.contains("ISO-8859"),
        "encoding shown"
    );
    assert!(
        report.body.contains("/normalisation"),
        "normalisation offered"
    );

    let normalised = app
        .post_form(
            &format!("{report_path}/normalisation"),
            Some(&editor),
            &[("csrf", &editor.csrf)],
        )
        .await;
    assert_eq!(normalised.status, StatusCode::SEE_OTHER);
    let copy = app
        .wait_validation(resource_id_of(normalised.location()))
        .await;
    assert_ne!(copy.id, original.id);
    let download = app
        .get(
            &format!("{}/telechargement", normalised.location()),
            Some(&editor),
        )
        .await;
    assert!(download.body.starts_with("COLL_NOM,COLL_SIRET,"));
    assert!(
        download
            .body
            .contains("Dénomination de la rue des Goélands")
    );
    let report = app.get(normalised.location(), Some(&editor)).await;
    assert!(report.body.contains("UTF-8"));
    assert!(
        !report.body.contains("/normalisation"),
        "a UTF-8 comma file needs no normalisation"
    );
}

#[tokio::test]
async fn demo_seeds_three_organizations() {
    let app = App::new("demo").await;
    assert!(
        server::demo::seed(&app.state, "mot de passe de démonstration")
            .await
            .expect("seed")
    );
    assert!(
        !server::demo::seed(&app.state, "mot de passe de démonstration")
            .await
            .expect("second seed"),
        "seeding twice is a no-op"
    );
    let organizations = app.get("/organisations", None).await;
    for name in [
        "Commune de Kerbrient",
        "Saint-Étienne Métropole",
        "Département de la Loire",
    ] {
        assert!(organizations.body.contains(name), "{name}");
    }
    let search = app.get("/recherche?q=deliberation", None).await;
    assert!(search.body.contains("Délibérations du conseil municipal"));

    // Tables wait for their check held back, like uploads to a published dataset.
    let hits = app
        .state
        .store()
        .latest_datasets(&catalog::Viewer::anonymous(), 50)
        .await
        .expect("datasets");
    assert!(!hits.is_empty());
    for hit in &hits {
        for resource in app
            .state
            .store()
            .resources(hit.dataset.id)
            .await
            .expect("resources")
        {
            if resource.validation_status == catalog::ValidationStatus::Pending {
                assert!(
                    resource.private,
                    "{} of {} public before its check",
                    resource.title, hit.dataset.slug
                );
            }
        }
    }

    let user = app
        .state
        .store()
        .authenticate(server::demo::DEMO_EMAIL, "mot de passe de démonstration")
        .await
        .expect("auth");
    assert!(user.is_some());
}

#[tokio::test]
async fn report_groups_findings_by_column() {
    let app = App::new("report").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations", false, false)
        .await;
    let text = String::from_utf8(bundled_deliberations())
        .expect("utf-8")
        .replace("2024-01-18", "18/01/2024");
    let upload = app
        .upload(
            &format!("/jeux-de-donnees/{}/ressources", dataset.slug),
            &editor,
            &editor.csrf,
            "deliberations.csv",
            text.as_bytes(),
        )
        .await;
    let resource = app.wait_validation(resource_id_of(upload.location())).await;
    assert_eq!(
        resource.validation_status,
        catalog::ValidationStatus::Invalid
    );
    let report = app.get(upload.location(), Some(&editor)).await;
    assert!(
        report.body.contains("Colonne « DELIB_DATE »"),
        "grouped under the column"
    );
    assert!(report.body.contains("Comment corriger"), "hint shown");
    // minijinja escapes `/` in HTML as `&#x2f;`.
    assert!(
        report.body.contains("<td>18&#x2f;01&#x2f;2024</td>"),
        "cell shown"
    );
    assert!(report.body.contains("Publier quand même"));
    let english = app
        .get(&format!("{}?lang=en", upload.location()), Some(&editor))
        .await;
    assert!(english.body.contains("Column &quot;DELIB_DATE&quot;"));
}

#[tokio::test]
async fn platform_admin_creates_organization() {
    let app = App::new("admin").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Admin)))
        .await;
    assert_eq!(
        app.get("/administration", Some(&editor)).await.status,
        StatusCode::FORBIDDEN
    );
    let refused = app
        .post_form(
            "/administration/organisations",
            Some(&editor),
            &[
                ("csrf", &editor.csrf),
                ("name", "Autre"),
                ("kind", "commune"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let user = app
        .state
        .store()
        .create_user("admin@region.fr", "Admin", "mot de passe de test", true)
        .await
        .expect("admin");
    let (token, csrf) = catalog::SessionStore::create_session(app.state.store(), user.id, 3600)
        .await
        .expect("session");
    let admin = common::Session {
        cookie: format!("socle_session={token}"),
        csrf,
    };
    assert_eq!(
        app.get("/administration", Some(&admin)).await.status,
        StatusCode::OK
    );
    let bad_siren = app
        .post_form(
            "/administration/organisations",
            Some(&admin),
            &[
                ("csrf", &admin.csrf),
                ("name", "Loire"),
                ("siren", "123456789"),
                ("kind", "departement"),
            ],
        )
        .await;
    assert_eq!(bad_siren.status, StatusCode::BAD_REQUEST);
    let created = app
        .post_form(
            "/administration/organisations",
            Some(&admin),
            &[
                ("csrf", &admin.csrf),
                ("name", "Département de la Loire"),
                ("siren", "224 200 014"),
                ("kind", "departement"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let loire = catalog::OrganizationStore::organization_by_slug(
        app.state.store(),
        "departement-de-la-loire",
    )
    .await
    .expect("read")
    .expect("created");
    assert_eq!(loire.siren.as_deref(), Some("224200014"));

    let loire_id = loire.id.to_string();
    let member = app
        .post_form(
            "/administration/membres",
            Some(&admin),
            &[
                ("csrf", &admin.csrf),
                ("email", "editeur@kerbrient.fr"),
                ("organization", &loire_id),
                ("role", "editor"),
            ],
        )
        .await;
    assert_eq!(member.status, StatusCode::SEE_OTHER);
    let unknown = app
        .post_form(
            "/administration/membres",
            Some(&admin),
            &[
                ("csrf", &admin.csrf),
                ("email", "personne@nulle-part.fr"),
                ("organization", &loire_id),
                ("role", "editor"),
            ],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn link_resource_added() {
    let app = App::new("link").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations", false, true)
        .await;
    let path = format!("/jeux-de-donnees/{}/liens", dataset.slug);
    let rejected = app
        .post_form(
            &path,
            Some(&editor),
            &[
                ("csrf", &editor.csrf),
                ("url", "javascript:alert(1)"),
                ("title", "x"),
            ],
        )
        .await;
    assert_eq!(rejected.status, StatusCode::BAD_REQUEST);
    let added = app
        .post_form(
            &path,
            Some(&editor),
            &[
                ("csrf", &editor.csrf),
                ("url", "https://donnees.example/deliberations.csv"),
                ("title", ""),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let resources = app.state.store().resources(dataset.id).await.expect("list");
    assert_eq!(resources.len(), 1);
    assert_eq!(
        resources.first().map(|resource| resource.format.as_str()),
        Some("csv")
    );
    let page = app
        .get(&format!("/jeux-de-donnees/{}", dataset.slug), None)
        .await;
    assert!(page.body.contains("deliberations.csv"));
}

#[tokio::test]
async fn anonymous_page_cache_follows_writes() {
    let app = App::new("page-cache").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let dataset = app
        .dataset(&organization, "Délibérations", false, true)
        .await;
    let path = format!("/jeux-de-donnees/{}", dataset.slug);
    let first = app.get(&path, None).await;
    assert!(first.body.contains("Aucun fichier"));

    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let upload = app
        .upload(
            &format!("{path}/ressources"),
            &editor,
            &editor.csrf,
            "deliberations.csv",
            &bundled_deliberations(),
        )
        .await;
    assert_eq!(upload.status, StatusCode::SEE_OTHER);
    // A file added to a published dataset is public once its personal-data scan is done.
    app.wait_for_report(upload.location()).await;
    let second = app.get(&path, None).await;
    assert!(
        second.body.contains("deliberations.csv"),
        "an upload makes the cached page stale"
    );

    app.post_form(
        &format!("{path}/publication"),
        Some(&editor),
        &[("csrf", &editor.csrf), ("action", "unpublish")],
    )
    .await;
    assert_eq!(
        app.get(&path, None).await.status,
        StatusCode::NOT_FOUND,
        "unpublishing hides the cached page"
    );
    let english = app.get(&format!("{path}?lang=en"), Some(&editor)).await;
    assert!(english.body.contains("Back to draft") || english.body.contains("Publish"));
}

#[tokio::test]
async fn cached_page_gzip_for_clients() {
    let app = App::new("page-gzip").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let dataset = app
        .dataset(&organization, "Délibérations", false, true)
        .await;
    let path = format!("/jeux-de-donnees/{}", dataset.slug);
    let plain = app.get(&path, None).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());

    // The first call built the page; these two are served from the cache.
    for _ in 0..2 {
        let page = app.get_gzip(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.headers[header::CONTENT_ENCODING], "gzip");
        assert_eq!(
            page.headers[header::VARY],
            "accept-encoding, accept-language, cookie"
        );
        assert!(
            page.headers.get(header::SET_COOKIE).is_none(),
            "a cached page sets no CSRF cookie"
        );
        assert_eq!(page.body, plain.body);
    }

    let again = app.get(&path, None).await;
    assert!(again.headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(again.body, plain.body);
    let sign_in = app.get("/connexion", None).await;
    let cookie = sign_in
        .headers
        .get(header::SET_COOKIE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    assert!(
        cookie.starts_with("socle_csrf="),
        "sign-in form sets the CSRF cookie: {cookie}"
    );
}

#[tokio::test]
async fn csrf_cookie_only_with_forms() {
    let app = App::new("csrf-lazy").await;
    for path in ["/", "/recherche?q=deliberation", "/organisations"] {
        let page = app.get(path, None).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            page.headers.get(header::SET_COOKIE).is_none(),
            "{path} has no form and sets no cookie"
        );
    }

    let sign_in = app.get("/connexion", None).await;
    let cookie = sign_in
        .headers
        .get(header::SET_COOKIE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_string();
    let token = cookie
        .strip_prefix("socle_csrf=")
        .and_then(|rest| rest.split(';').next())
        .unwrap_or("");
    assert_eq!(token.len(), 64, "{cookie}");
    assert!(
        sign_in.body.contains(&format!("value=\"{token}\"")),
        "the form sends the cookie's token"
    );
}

#[tokio::test]
async fn no_schema_not_called_conforming() {
    let app = App::new("no-schema-label").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let dataset = app
        .state
        .store()
        .create_dataset(
            organization.id,
            &catalog::DatasetFields {
                title: "Délibérations sans schéma".into(),
                licence: "lov2".into(),
                frequency: "MONTHLY".into(),
                ..catalog::DatasetFields::default()
            },
        )
        .await
        .expect("dataset");
    app.state
        .store()
        .set_published(dataset.id, true)
        .await
        .expect("publish");
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let path = format!("/jeux-de-donnees/{}", dataset.slug);
    let upload = app
        .upload(
            &format!("{path}/ressources"),
            &editor,
            &editor.csrf,
            "deliberations.csv",
            &bundled_deliberations(),
        )
        .await;
    assert_eq!(upload.status, StatusCode::SEE_OTHER);
    app.wait_for_report(upload.location()).await;

    let page = app.get(&path, None).await;
    assert!(
        page.body.contains("Structure correcte, sans schéma"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Tableau lisible, aucun schéma déclaré"));
    assert!(!page.body.contains("Conforme au schéma"));
    assert!(!page.body.contains("Fichier conforme"));
}

#[tokio::test]
async fn editor_updates_metadata() {
    let app = App::new("edit").await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let member = app
        .user("membre@kerbrient.fr", Some((&organization, Role::Member)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations", false, true)
        .await;
    let path = format!("/jeux-de-donnees/{}/modifier", dataset.slug);

    let form = app.get(&path, Some(&editor)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("value=\"Délibérations\""));
    assert_ne!(app.get(&path, Some(&member)).await.status, StatusCode::OK);

    let organization_id = organization.id.to_string();
    let fields = |csrf: &str, spatial: &str| {
        vec![
            ("csrf".to_string(), csrf.to_string()),
            ("organization".to_string(), organization_id.clone()),
            ("title".to_string(), "Délibérations 2025".to_string()),
            ("licence".to_string(), "odbl".to_string()),
            ("frequency".to_string(), "MONTHLY".to_string()),
            ("spatial".to_string(), spatial.to_string()),
            (
                "contact_email".to_string(),
                "mairie@kerbrient.fr".to_string(),
            ),
        ]
    };
    let bad = fields(&editor.csrf, "commune:1");
    let pairs: Vec<(&str, &str)> = bad
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect();
    let rejected = app.post_form(&path, Some(&editor), &pairs).await;
    assert_eq!(rejected.status, StatusCode::BAD_REQUEST);
    assert!(
        rejected.body.contains("value=\"commune:1\""),
        "submitted values are kept"
    );

    let good = fields(&editor.csrf, "commune:29001");
    let pairs: Vec<(&str, &str)> = good
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect();
    let saved = app.post_form(&path, Some(&editor), &pairs).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = app
        .get(&format!("/jeux-de-donnees/{}", dataset.slug), None)
        .await;
    assert!(page.body.contains("Délibérations 2025"));
    assert!(
        page.body.contains("Commune (code INSEE 29001)"),
        "{}",
        page.body
    );

    let forged = fields(&member.csrf, "commune:29001");
    let pairs: Vec<(&str, &str)> = forged
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect();
    assert_eq!(
        app.post_form(&path, Some(&member), &pairs).await.status,
        StatusCode::FORBIDDEN
    );
}
