//! Harvest jobs against a CKAN-like server on 127.0.0.1 that serves the recorded DataSud
//! packages: counts, re-runs, archiving, failed pages, conflicts between organisations,
//! restarts, and the job pages.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use catalog::harvest::{
    HarvestJob, HarvestSource, HarvestStore, JobStatus, JobTrigger, SourceFields, SourceKind,
};
use catalog::{DatasetState, DatasetStore, Organization, ResourceStore, Role, Viewer};
use common::App;
use serde_json::{Value, json};
use server::harvest_jobs::{HarvestSettings, run_job};

fn reference_packages() -> Option<Vec<Value>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/harvest/ckan/datasud/packages-for-fixture-server.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return None;
    };
    Some(serde_json::from_str(&text).expect("packages JSON"))
}

/// What the mock CKAN serves; tests change it between runs.
#[derive(Default)]
struct Mock {
    packages: Vec<Value>,
    /// `start` offset of the `package_search` page served as invalid JSON.
    broken_start: Option<usize>,
}

type Shared = Arc<Mutex<Mock>>;

fn json_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn package_search(
    State(mock): State<Shared>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let mock = mock.lock().expect("mock");
    let rows: usize = params
        .get("rows")
        .and_then(|rows| rows.parse().ok())
        .unwrap_or(10);
    let start: usize = params
        .get("start")
        .and_then(|start| start.parse().ok())
        .unwrap_or(0);
    if mock.broken_start == Some(start) {
        return json_response("{\"success\": true, \"result\": {".to_string());
    }
    let results: Vec<&Value> = mock.packages.iter().skip(start).take(rows).collect();
    json_response(
        json!({"success": true, "result": {"count": mock.packages.len(), "results": results}})
            .to_string(),
    )
}

async fn package_list(State(mock): State<Shared>) -> Response {
    let mock = mock.lock().expect("mock");
    let names: Vec<&Value> = mock
        .packages
        .iter()
        .map(|package| &package["name"])
        .collect();
    json_response(json!({"success": true, "result": names}).to_string())
}

async fn package_show(
    State(mock): State<Shared>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let mock = mock.lock().expect("mock");
    let id = params.get("id").cloned().unwrap_or_default();
    match mock
        .packages
        .iter()
        .find(|package| package["name"] == id.as_str() || package["id"] == id.as_str())
    {
        Some(package) => json_response(json!({"success": true, "result": package}).to_string()),
        None => (
            axum::http::StatusCode::NOT_FOUND,
            json_response(json!({"success": false, "error": {"message": "Not found"}}).to_string()),
        )
            .into_response(),
    }
}

/// Starts the mock on a free loopback port and returns its CKAN root URL.
async fn start_mock(mock: Shared) -> String {
    let router = Router::new()
        .route("/ckan/api/3/action/package_search", get(package_search))
        .route("/ckan/api/3/action/package_list", get(package_list))
        .route("/ckan/api/3/action/package_show", get(package_show))
        .with_state(mock);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    format!("http://{address}/ckan/")
}

fn settings() -> HarvestSettings {
    HarvestSettings {
        allow: harvest::fetch::AllowList::loopback(),
        grace: jiff::SignedDuration::ZERO,
        page_size: 3,
        poll: std::time::Duration::from_millis(100),
        ..HarvestSettings::default()
    }
}

async fn harvest_app(name: &str) -> App {
    App::with_config(name, |config| config.harvest = settings()).await
}

async fn ckan_source(app: &App, organization: &Organization, url: &str) -> HarvestSource {
    let fields = SourceFields {
        name: format!("DataSud pour {}", organization.name),
        kind: Some(SourceKind::Ckan),
        url: url.to_string(),
        ..SourceFields::default()
    };
    let store = app.state.store();
    let source = store
        .create_source(organization.id, &fields, None)
        .await
        .expect("source");
    store
        .set_source_active(source.id, true)
        .await
        .expect("activate");
    source
}

async fn run(app: &App, source: &HarvestSource) -> HarvestJob {
    let store = app.state.store();
    let job = store
        .enqueue_job(source.id, JobTrigger::Manual)
        .await
        .expect("enqueue");
    run_job(store, &app.state.config().harvest, job.id)
        .await
        .expect("job")
        .expect("job was queued")
}

fn admin() -> Viewer {
    Viewer {
        user_id: None,
        platform_admin: true,
    }
}

#[tokio::test]
async fn datasud_harvested_then_unchanged() {
    let Some(packages) = reference_packages() else {
        return;
    };
    let mock = Arc::new(Mutex::new(Mock {
        packages,
        broken_start: None,
    }));
    let url = start_mock(mock.clone()).await;
    let app = harvest_app("harvest-datasud").await;
    let gap = app.organization("Ville de Gap").await;
    let source = ckan_source(&app, &gap, &url).await;

    let first = run(&app, &source).await;
    assert_eq!(first.status, JobStatus::Done);
    assert!(first.listing_complete);
    assert_eq!(first.counts.created, 7);
    assert_eq!(first.counts.skipped, 0);
    assert_eq!(first.counts.failed, 0);

    let items = app.state.store().job_items(first.id).await.expect("items");
    assert_eq!(items.len(), 7);
    let mut resources = 0;
    for item in &items {
        let dataset_id = item.dataset_id.expect("dataset of a created item");
        let hit = app
            .state
            .store()
            .dataset(&Viewer::anonymous(), &dataset_id.to_string())
            .await
            .expect("read")
            .expect("published and visible");
        assert_eq!(hit.dataset.organization_id, gap.id);
        assert_eq!(hit.dataset.fields.licence, "lov2");
        assert!(
            !hit.dataset.fields.tags.is_empty(),
            "tags of {}",
            hit.dataset.fields.title
        );
        let files = app
            .state
            .store()
            .resources(dataset_id)
            .await
            .expect("resources");
        assert!(
            files
                .iter()
                .all(|file| matches!(file.source, catalog::ResourceSource::Url { .. }))
        );
        resources += files.len();
    }
    // 3 resources per dataset, the WMS and WFS pair included although they share an id.
    assert_eq!(resources, 21);
    let before = app
        .state
        .store()
        .latest_datasets(&admin(), 100)
        .await
        .expect("datasets");

    let second = run(&app, &source).await;
    assert_eq!(second.status, JobStatus::Done);
    assert_eq!(second.counts.unchanged, 7);
    assert_eq!(second.counts.created, 0);
    assert_eq!(second.counts.updated, 0);
    let after = app
        .state
        .store()
        .latest_datasets(&admin(), 100)
        .await
        .expect("datasets");
    assert_eq!(after.len(), 7, "no duplicate");
    let stamps = |hits: &[catalog::search::DatasetHit]| -> Vec<String> {
        let mut stamps: Vec<String> = hits
            .iter()
            .map(|hit| format!("{} {}", hit.dataset.id, hit.dataset.modified_at))
            .collect();
        stamps.sort();
        stamps
    };
    assert_eq!(
        stamps(&before),
        stamps(&after),
        "an unchanged run writes no dataset"
    );
}

#[tokio::test]
async fn removed_record_archived_unless_cut_short() {
    let Some(packages) = reference_packages() else {
        return;
    };
    let mock = Arc::new(Mutex::new(Mock {
        packages,
        broken_start: None,
    }));
    let url = start_mock(mock.clone()).await;
    let app = harvest_app("harvest-archive").await;
    let gap = app.organization("Ville de Gap").await;
    let source = ckan_source(&app, &gap, &url).await;
    let first = run(&app, &source).await;
    assert_eq!(first.counts.created, 7);

    // The source drops one record and its second page fails: nothing is archived.
    let removed = mock.lock().expect("mock").packages.remove(0);
    let removed_id = removed["id"].as_str().expect("id").to_string();
    mock.lock().expect("mock").broken_start = Some(3);
    let cut = run(&app, &source).await;
    assert_eq!(cut.status, JobStatus::Done);
    assert!(!cut.listing_complete);
    assert_eq!(cut.counts.archived, 0);
    assert_eq!(cut.counts.failed, 1, "the unreadable page is reported");
    assert!(
        cut.counts.unchanged >= 3,
        "records of the other pages are kept"
    );
    let error = cut.error.expect("reason of the incomplete listing");
    assert!(!error.code.is_empty());

    // The whole listing reads again: the dropped record is archived, never deleted.
    mock.lock().expect("mock").broken_start = None;
    let complete = run(&app, &source).await;
    assert!(complete.listing_complete);
    assert_eq!(complete.counts.archived, 1);
    assert_eq!(complete.counts.unchanged, 6);
    let items = app
        .state
        .store()
        .job_items(complete.id)
        .await
        .expect("items");
    let archived = items
        .iter()
        .find(|item| item.outcome == catalog::harvest::ItemOutcome::Archived)
        .expect("archived item");
    assert_eq!(archived.remote_id, removed_id);
    let hit = app
        .state
        .store()
        .dataset(&admin(), &archived.dataset_id.expect("dataset").to_string())
        .await
        .expect("read");
    // Archived datasets are hidden, even from administrators' lists, but still stored.
    assert!(hit.is_none() || hit.is_some_and(|hit| hit.dataset.state == DatasetState::Archived));
    let visible = app
        .state
        .store()
        .latest_datasets(&Viewer::anonymous(), 100)
        .await
        .expect("datasets");
    assert_eq!(visible.len(), 6);

    // The record comes back: its dataset is restored, not duplicated.
    mock.lock().expect("mock").packages.push(removed);
    let back = run(&app, &source).await;
    assert_eq!(back.counts.updated, 1);
    assert_eq!(back.counts.created, 0);
    let visible = app
        .state
        .store()
        .latest_datasets(&Viewer::anonymous(), 100)
        .await
        .expect("datasets");
    assert_eq!(visible.len(), 7);
}

#[tokio::test]
async fn other_organization_record_skipped() {
    let Some(packages) = reference_packages() else {
        return;
    };
    let mock = Arc::new(Mutex::new(Mock {
        packages,
        broken_start: None,
    }));
    let url = start_mock(mock).await;
    let app = harvest_app("harvest-conflict").await;
    let gap = app.organization("Ville de Gap").await;
    let region = app.organization("Région Sud").await;
    let first = run(&app, &ckan_source(&app, &gap, &url).await).await;
    assert_eq!(first.counts.created, 7);

    let second = run(&app, &ckan_source(&app, &region, &url).await).await;
    assert_eq!(second.status, JobStatus::Done);
    assert_eq!(second.counts.created, 0);
    assert_eq!(second.counts.skipped, 7);
    let items = app.state.store().job_items(second.id).await.expect("items");
    for item in &items {
        let reason = item.reason.as_ref().expect("reason");
        assert_eq!(reason.code, "harvest-reason-other-organization");
        assert_eq!(
            reason.args.get("organization").map(String::as_str),
            Some("Ville de Gap")
        );
    }
}

#[tokio::test]
async fn unreachable_source_fails_job() {
    let app = harvest_app("harvest-unreachable").await;
    let gap = app.organization("Ville de Gap").await;
    // Port 9 (discard) on loopback: nothing listens there in the test environment.
    let source = ckan_source(&app, &gap, "http://127.0.0.1:9/ckan/").await;
    let job = run(&app, &source).await;
    assert_eq!(job.status, JobStatus::Failed);
    assert!(!job.listing_complete);
    assert!(job.error.is_some());
}

#[tokio::test]
async fn interrupted_job_resumed_after_restart() {
    let Some(packages) = reference_packages() else {
        return;
    };
    let mock = Arc::new(Mutex::new(Mock {
        packages,
        broken_start: None,
    }));
    let url = start_mock(mock).await;
    let app = harvest_app("harvest-restart").await;
    let gap = app.organization("Ville de Gap").await;
    let source = ckan_source(&app, &gap, &url).await;

    // A job left running, as a stopped server leaves it.
    let store = app.state.store();
    let job = store
        .enqueue_job(source.id, JobTrigger::Manual)
        .await
        .expect("enqueue");
    assert!(store.start_job(job.id).await.expect("start"));
    store.close().await;

    let mut config = app.state.config().clone();
    config.harvest = settings();
    let restarted = server::open(config).await.expect("reopen");
    let runner = server::harvest_jobs::Runner::new(
        restarted.store().clone(),
        restarted.config().harvest.clone(),
    );
    assert_eq!(runner.start().await.expect("runner"), 1);

    let old = restarted
        .store()
        .job(job.id)
        .await
        .expect("read")
        .expect("job");
    assert_eq!(old.status, JobStatus::Interrupted);
    let mut finished = None;
    for _ in 0..200 {
        let jobs = restarted.store().jobs(source.id, 10).await.expect("jobs");
        if let Some(done) = jobs
            .into_iter()
            .find(|job| job.trigger == JobTrigger::Resume && job.status.is_finished())
        {
            finished = Some(done);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let finished = finished.expect("resumed job finished within 20 s");
    assert_eq!(finished.status, JobStatus::Done);
    assert_eq!(finished.counts.created, 7);
}

#[tokio::test]
async fn job_pages_french_english_and_json() {
    let Some(packages) = reference_packages() else {
        return;
    };
    let mock = Arc::new(Mutex::new(Mock {
        packages,
        broken_start: None,
    }));
    let url = start_mock(mock).await;
    let app = harvest_app("harvest-pages").await;
    let gap = app.organization("Ville de Gap").await;
    let source = ckan_source(&app, &gap, &url).await;
    let job = run(&app, &source).await;
    let admin = app.user("admin@gap.fr", Some((&gap, Role::Admin))).await;
    let editor = app.user("editeur@gap.fr", Some((&gap, Role::Editor))).await;

    let path = format!("/moissonnage/sources/{}/jobs/{}", source.id, job.id);
    let french = app.get(&path, Some(&admin)).await;
    assert_eq!(french.status, 200);
    assert!(french.body.contains("7 créés"), "{}", french.body);
    assert!(french.body.contains("créé"));

    let english = app.get(&format!("{path}?lang=en"), Some(&admin)).await;
    assert!(english.body.contains("7 created"), "{}", english.body);

    let json = app.get(&format!("{path}.json"), Some(&admin)).await;
    assert_eq!(json.status, 200);
    let report: Value = serde_json::from_str(&json.body).expect("JSON report");
    assert_eq!(report["job"]["counts"]["created"], 7);
    assert_eq!(report["items"].as_array().map(Vec::len), Some(7));

    let dashboard = app.get("/espace", Some(&admin)).await;
    assert!(
        dashboard.body.contains("href=\"/moissonnage\""),
        "{}",
        dashboard.body
    );
    let editor_dashboard = app.get("/espace", Some(&editor)).await;
    assert!(!editor_dashboard.body.contains("href=\"/moissonnage\""));

    let forbidden = app.get(&path, Some(&editor)).await;
    assert_eq!(forbidden.status, 403);
    // The refusal names who may open the page and whom to ask.
    assert!(
        forbidden.body.contains("<h1>Accès refusé</h1>"),
        "{}",
        forbidden.body
    );
    assert!(
        forbidden
            .body
            .contains("Demandez ce rôle à l&#39;administrateur de votre organisation"),
        "{}",
        forbidden.body
    );

    // "Run now" without the CSRF token is rejected and queues nothing.
    let run_now = format!("/moissonnage/sources/{}/lancement", source.id);
    let rejected = app.post_form(&run_now, Some(&admin), &[("csrf", "")]).await;
    assert_eq!(rejected.status, 403);
    let jobs = app.state.store().jobs(source.id, 10).await.expect("jobs");
    assert_eq!(jobs.len(), 1);
    let accepted = app
        .post_form(&run_now, Some(&admin), &[("csrf", admin.csrf.as_str())])
        .await;
    assert_eq!(accepted.status, 303);
    assert!(accepted.location().contains("/jobs/"));
}

#[tokio::test]
async fn preview_writes_nothing() {
    let Some(packages) = reference_packages() else {
        return;
    };
    let mock = Arc::new(Mutex::new(Mock {
        packages,
        broken_start: None,
    }));
    let url = start_mock(mock).await;
    let app = harvest_app("harvest-preview").await;
    let gap = app.organization("Ville de Gap").await;
    let admin = app.user("admin@gap.fr", Some((&gap, Role::Admin))).await;
    let list = app.get("/moissonnage", Some(&admin)).await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body.contains("Nouvelle source"));
    let organization = gap.id.to_string();
    let mut form = vec![
        ("csrf", admin.csrf.as_str()),
        ("organization", organization.as_str()),
        ("name", "DataSud"),
        ("kind", "ckan"),
        ("url", url.as_str()),
        ("schedule", "0 3 * * *"),
    ];
    let created = app.post_form("/moissonnage", Some(&admin), &form).await;
    assert_eq!(created.status, 303, "{}", created.body);
    let preview = app.get(created.location(), Some(&admin)).await;
    assert_eq!(preview.status, 200);
    assert!(
        preview.body.contains("Canispaces") || preview.body.contains("canispaces"),
        "{}",
        preview.body
    );
    let datasets = app
        .state
        .store()
        .latest_datasets(&admin_viewer(), 100)
        .await
        .expect("datasets");
    assert!(datasets.is_empty(), "the preview wrote datasets");

    form[5] = ("schedule", "tous les jours");
    let rejected = app.post_form("/moissonnage", Some(&admin), &form).await;
    assert_eq!(rejected.status, 400);
    assert!(
        rejected.body.contains("Planification invalide"),
        "{}",
        rejected.body
    );

    let source_path = created.location().trim_end_matches("/apercu").to_string();
    let source_page = app.get(&source_path, Some(&admin)).await;
    assert_eq!(source_page.status, 200, "{}", source_page.body);
    assert!(source_page.body.contains("0 3 * * *"));
}

#[tokio::test]
async fn refused_preview_shows_reason_only() {
    // No allow-list: a loopback source is refused before any page is read.
    let app = App::new("harvest-preview-refused").await;
    let gap = app.organization("Ville de Gap").await;
    let admin = app.user("admin@gap.fr", Some((&gap, Role::Admin))).await;
    let source = ckan_source(&app, &gap, "http://127.0.0.1:9/").await;
    let preview = app
        .get(
            &format!("/moissonnage/sources/{}/apercu", source.id),
            Some(&admin),
        )
        .await;
    assert_eq!(preview.status, 200, "{}", preview.body);
    assert!(
        preview
            .body
            .contains("adresses non publiques sont refusées"),
        "{}",
        preview.body
    );
    assert!(
        !preview.body.contains("aucune fiche"),
        "an unreadable source is not an empty one: {}",
        preview.body
    );
    assert!(
        preview
            .body
            .contains("la clé allow de la table [harvest] du fichier socle.toml"),
        "{}",
        preview.body
    );
    assert!(
        !preview.body.contains("/activation"),
        "a source that could not be read is not offered for activation: {}",
        preview.body
    );
}

fn admin_viewer() -> Viewer {
    admin()
}

/// Serves fixed files on loopback; returns the base URL. Each entry is a path, a content
/// type and a body.
async fn start_files(files: Vec<(&'static str, &'static str, String)>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    let base = format!("http://{address}");
    let mut router = Router::new();
    for (path, content_type, body) in files {
        let body = body.replace("{base}", &base);
        router = router.route(
            path,
            get(move || async move { ([(header::CONTENT_TYPE, content_type)], body) }),
        );
    }
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    base
}

async fn dcat_source(app: &App, organization: &Organization, url: &str) -> HarvestSource {
    let fields = SourceFields {
        name: "Flux DCAT".into(),
        kind: Some(SourceKind::Dcat),
        url: url.to_string(),
        ..SourceFields::default()
    };
    let store = app.state.store();
    let source = store
        .create_source(organization.id, &fields, None)
        .await
        .expect("source");
    store
        .set_source_active(source.id, true)
        .await
        .expect("activate");
    source
}

const DCAT_FIRST_PAGE: &str = r#"@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
<{base}/catalog/page1.ttl> a hydra:PartialCollectionView ; hydra:next <{base}/catalog/page2.ttl> .
<https://data.example.org/dataset/budget> a dcat:Dataset ;
    dct:identifier "https://data.example.org/dataset/budget" ;
    dct:title "Budget primitif 2024" ;
    dct:license <https://www.etalab.gouv.fr/licence-ouverte-open-licence/> ;
    dcat:distribution <https://data.example.org/dataset/budget/csv> .
<https://data.example.org/dataset/budget/csv> a dcat:Distribution ;
    dcat:downloadURL <https://data.example.org/files/budget.csv> ;
    dct:format "CSV" .
"#;

#[tokio::test]
async fn unparsable_dcat_page_reported() {
    let base = start_files(vec![
        (
            "/catalog/page1.ttl",
            "text/turtle",
            DCAT_FIRST_PAGE.to_string(),
        ),
        (
            "/catalog/page2.ttl",
            "text/turtle",
            "<not turtle at all {{{".to_string(),
        ),
    ])
    .await;
    let app = harvest_app("harvest-dcat-broken").await;
    let gap = app.organization("Ville de Gap").await;
    let source = dcat_source(&app, &gap, &format!("{base}/catalog/page1.ttl")).await;

    let job = run(&app, &source).await;
    assert_eq!(job.status, JobStatus::Done);
    assert!(!job.listing_complete, "the second page was not read");
    assert_eq!(job.counts.created, 1, "the first page is kept");
    assert_eq!(job.counts.failed, 1);
    assert_eq!(job.counts.archived, 0);
    let items = app.state.store().job_items(job.id).await.expect("items");
    let failed = items
        .iter()
        .find(|item| item.outcome == catalog::harvest::ItemOutcome::Failed)
        .expect("failed page item");
    assert!(
        failed.remote_id.ends_with("/catalog/page2.ttl"),
        "{}",
        failed.remote_id
    );
    let created = items
        .iter()
        .find(|item| item.outcome == catalog::harvest::ItemOutcome::Created)
        .expect("created item");
    let hit = app
        .state
        .store()
        .dataset(
            &Viewer::anonymous(),
            &created.dataset_id.expect("dataset").to_string(),
        )
        .await
        .expect("read")
        .expect("visible");
    assert_eq!(hit.dataset.fields.title, "Budget primitif 2024");
    assert_eq!(hit.dataset.fields.licence, "lov2");
}

#[tokio::test]
async fn udata_dcat_catalog_counts() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/harvest/dcat/udata-tests/catalog.xml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let base = start_files(vec![("/catalog.xml", "application/rdf+xml", text)]).await;
    let app = harvest_app("harvest-dcat-udata").await;
    let gap = app.organization("Ville de Gap").await;
    let source = dcat_source(&app, &gap, &format!("{base}/catalog.xml")).await;

    let job = run(&app, &source).await;
    assert_eq!(job.status, JobStatus::Done);
    assert!(job.listing_complete);
    // Four datasets: each is either imported or skipped with its reason, none is lost.
    assert_eq!(job.counts.total(), 4);
    let items = app.state.store().job_items(job.id).await.expect("items");
    for item in &items {
        if item.outcome == catalog::harvest::ItemOutcome::Skipped {
            let reason = item.reason.as_ref().expect("reason of a skipped item");
            assert!(reason.code.starts_with("harvest-"), "{reason:?}");
        }
    }
    let again = run(&app, &source).await;
    assert_eq!(again.counts.created, 0);
    assert_eq!(again.counts.unchanged, job.counts.created);
}

#[tokio::test]
async fn runner_runs_queued_sources() {
    let first = start_files(vec![(
        "/catalog/page1.ttl",
        "text/turtle",
        DCAT_FIRST_PAGE.replace(
            "hydra:next <{base}/catalog/page2.ttl>",
            "hydra:itemsPerPage 10",
        ),
    )])
    .await;
    let second = start_files(vec![(
        "/catalogue.ttl",
        "text/turtle",
        DCAT_FIRST_PAGE
            .replace("<{base}/catalog/page1.ttl> a hydra:PartialCollectionView ; hydra:next <{base}/catalog/page2.ttl> .", "")
            .replace("dataset/budget", "dataset/compte-administratif")
            .replace("Budget primitif 2024", "Compte administratif 2024"),
    )])
    .await;
    let app = harvest_app("harvest-runner").await;
    let gap = app.organization("Ville de Gap").await;
    let sources = [
        dcat_source(&app, &gap, &format!("{first}/catalog/page1.ttl")).await,
        dcat_source(&app, &gap, &format!("{second}/catalogue.ttl")).await,
    ];
    let store = app.state.store();
    for source in &sources {
        store
            .enqueue_job(source.id, JobTrigger::Manual)
            .await
            .expect("enqueue");
    }
    let runner =
        server::harvest_jobs::Runner::new(store.clone(), app.state.config().harvest.clone());
    assert_eq!(runner.start().await.expect("runner"), 0);

    for source in &sources {
        let mut done = None;
        for _ in 0..200 {
            let jobs = store.jobs(source.id, 1).await.expect("jobs");
            if let Some(job) = jobs.into_iter().find(|job| job.status.is_finished()) {
                done = Some(job);
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let job = done.expect("job finished within 20 s");
        assert_eq!(job.status, JobStatus::Done, "{job:?}");
        assert_eq!(job.counts.created, 1, "{job:?}");
    }
    let datasets = store.latest_datasets(&admin(), 10).await.expect("datasets");
    assert_eq!(datasets.len(), 2);
}
