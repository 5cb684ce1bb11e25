//! One socle platform harvests another on 127.0.0.1, through its CKAN Action API and
//! through its DCAT feed: what the publisher shows must arrive unchanged.

mod common;

use catalog::export::ExportStore;
use catalog::harvest::{
    HarvestJob, HarvestSource, HarvestStore, JobStatus, JobTrigger, SourceFields, SourceKind,
};
use catalog::refresh::RefreshStore;
use catalog::store::NewResource;
use catalog::{
    Dataset, DatasetFields, DatasetStore, Organization, ResourceSource, ResourceStore,
    ValidationStatus, Viewer,
};
use common::App;
use server::harvest_jobs::{HarvestSettings, run_job};

/// The publisher's dataset: every field a harvest must carry.
fn published_fields() -> DatasetFields {
    DatasetFields {
        title: "Délibérations du conseil municipal de Gap".into(),
        description: "Les délibérations adoptées depuis 2020.".into(),
        licence: "odbl".into(),
        tags: vec!["conseil municipal".into(), "délibérations".into()],
        frequency: "MONTHLY".into(),
        temporal_start: Some("2020-01-01".into()),
        temporal_end: Some("2024-12-31".into()),
        spatial: vec!["commune:05061".into()],
        contact_name: "Service des assemblées".into(),
        contact_email: "assemblees@example.fr".into(),
        schema_slug: Some("deliberations".into()),
        private: false,
    }
}

/// Starts a publishing platform on a free loopback port, with one published dataset
/// that has two remote files. Returns the app and its base URL.
async fn publisher() -> (App, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    let app = App::with_config("harvest-publisher", |config| config.bind = address).await;
    let organization = app.organization("Ville de Gap").await;
    let store = app.state.store();
    let dataset = store
        .create_dataset(organization.id, &published_fields())
        .await
        .expect("dataset");
    for (title, url) in [
        (
            "Délibérations 2024",
            "https://files.example.fr/deliberations-2024.csv",
        ),
        (
            "Délibérations 2023",
            "https://files.example.fr/deliberations-2023.csv",
        ),
    ] {
        let new = NewResource {
            title: title.into(),
            source: ResourceSource::Url { url: url.into() },
            format: "csv".into(),
            schema_slug: Some("deliberations".into()),
            validation_status: ValidationStatus::None,
        };
        store
            .add_resource(dataset.id, &new)
            .await
            .expect("resource");
    }
    store
        .set_published(dataset.id, true)
        .await
        .expect("publish");

    let router = server::router(app.state.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    (app, format!("http://{address}"))
}

async fn harvester(name: &str) -> (App, Organization) {
    let app = App::with_config(name, |config| {
        config.harvest = HarvestSettings {
            allow: harvest::fetch::AllowList::loopback(),
            ..HarvestSettings::default()
        };
    })
    .await;
    let organization = app.organization("Région Sud").await;
    (app, organization)
}

async fn harvest_once(
    app: &App,
    organization: &Organization,
    kind: SourceKind,
    url: String,
) -> HarvestSource {
    let store = app.state.store();
    let fields = SourceFields {
        name: "Ville de Gap".into(),
        kind: Some(kind),
        url,
        ..SourceFields::default()
    };
    let source = store
        .create_source(organization.id, &fields, None)
        .await
        .expect("source");
    store
        .set_source_active(source.id, true)
        .await
        .expect("activate");
    let job = run_source(app, &source).await;
    let items = store.job_items(job.id).await.expect("items");
    assert_eq!(job.status, JobStatus::Done, "{job:?} {items:?}");
    assert!(job.listing_complete, "{job:?}");
    assert_eq!(job.counts.created, 1, "{job:?} {items:?}");
    source
}

/// Queues a job of `source` and runs it to its end.
async fn run_source(app: &App, source: &HarvestSource) -> HarvestJob {
    let store = app.state.store();
    let job = store
        .enqueue_job(source.id, JobTrigger::Manual)
        .await
        .expect("job");
    run_job(store, &app.state.config().harvest, job.id)
        .await
        .expect("run")
        .expect("queued")
}

/// Returns the most recent dataset that anonymous visitors see on a platform.
async fn latest_public(app: &App) -> Dataset {
    app.state
        .store()
        .latest_datasets(&Viewer::anonymous(), 1)
        .await
        .expect("public datasets")
        .into_iter()
        .next()
        .expect("a public dataset")
        .dataset
}

/// Checks that the harvested copy shows what the publisher shows.
async fn assert_same_dataset(app: &App) {
    let store = app.state.store();
    let hits = store
        .latest_datasets(&Viewer::anonymous(), 10)
        .await
        .expect("datasets");
    assert_eq!(hits.len(), 1);
    let copy = &hits[0].dataset.fields;
    let original = published_fields();
    assert_eq!(copy.title, original.title);
    assert_eq!(copy.licence, original.licence);
    assert_eq!(copy.schema_slug, original.schema_slug);
    assert_eq!(copy.spatial, original.spatial);
    assert_eq!(copy.temporal_start, original.temporal_start);
    assert_eq!(copy.temporal_end, original.temporal_end);
    assert_eq!(copy.frequency, original.frequency);
    let mut tags = copy.tags.clone();
    tags.sort();
    assert_eq!(tags, original.tags);

    let resources = store
        .resources(hits[0].dataset.id)
        .await
        .expect("resources");
    let mut urls: Vec<String> = resources
        .iter()
        .map(|resource| match &resource.source {
            ResourceSource::Url { url } => url.clone(),
            ResourceSource::File { .. } => panic!("a harvested resource is a link"),
        })
        .collect();
    urls.sort();
    assert_eq!(
        urls,
        vec![
            "https://files.example.fr/deliberations-2023.csv".to_string(),
            "https://files.example.fr/deliberations-2024.csv".to_string(),
        ]
    );
    for resource in &resources {
        assert_eq!(resource.format, "csv");
        assert_eq!(resource.schema_slug.as_deref(), Some("deliberations"));
    }
}

/// Checks that the copy's exports give the publisher's creation and modification times
/// (to the second), not the time of the harvest.
async fn assert_publisher_dates(app: &App, publisher: &App) {
    let original = latest_public(publisher).await;
    let copy = latest_public(app).await;
    let exported = app
        .state
        .store()
        .public_dataset(&copy.slug)
        .await
        .expect("export")
        .expect("public copy");
    let seconds = |time: &str| time.parse::<jiff::Timestamp>().expect(time).as_second();
    let issued = exported.source_dates.issued.as_deref().expect("issued");
    let modified = exported.source_dates.modified.as_deref().expect("modified");
    assert_eq!(seconds(issued), seconds(&original.created_at));
    assert_eq!(seconds(modified), seconds(&original.modified_at));

    let feed = app
        .get(&format!("/jeux-de-donnees/{}/dataset.ttl", copy.slug), None)
        .await;
    assert!(
        feed.body.contains(&format!("\"{issued}\"^^")),
        "{issued} absent: {}",
        feed.body
    );
}

/// Checks that the copy names its origin on its page and that its remote files, served
/// by the publisher, are not fetched on a schedule, while the publisher's own are.
async fn assert_origin_and_no_refresh(app: &App, publisher: &App) {
    let store = app.state.store();
    let copy = latest_public(app).await;
    let page = app
        .get(&format!("/jeux-de-donnees/{}", copy.slug), None)
        .await;
    assert!(
        page.body
            .contains("Moissonné depuis la source « Ville de Gap »"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("voir la fiche d&#x27;origine</a>"),
        "{}",
        page.body
    );

    assert!(
        page.body
            .contains("fichier servi par son éditeur d&#x27;origine"),
        "{}",
        page.body
    );

    let later = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(72);
    assert!(
        store
            .due_refreshes(later, 100)
            .await
            .expect("due")
            .is_empty()
    );
    for resource in store.resources(copy.id).await.expect("resources") {
        let schedule = store
            .refresh_state(resource.id)
            .await
            .expect("state")
            .expect("schedule");
        assert!(!schedule.enabled, "{schedule:?}");
    }
    let own = publisher
        .state
        .store()
        .due_refreshes(later, 100)
        .await
        .expect("publisher due");
    assert_eq!(own.len(), 2);
}

#[tokio::test]
async fn socle_harvested_through_ckan_api() {
    let (publisher, base) = publisher().await;
    let (app, region) = harvester("harvest-from-ckan").await;
    harvest_once(&app, &region, SourceKind::Ckan, format!("{base}/")).await;
    assert_same_dataset(&app).await;
    assert_publisher_dates(&app, &publisher).await;
    assert_origin_and_no_refresh(&app, &publisher).await;
}

#[tokio::test]
async fn socle_harvested_through_dcat_feed() {
    let (publisher, base) = publisher().await;
    let (app, region) = harvester("harvest-from-dcat").await;
    harvest_once(
        &app,
        &region,
        SourceKind::Dcat,
        format!("{base}/catalog.ttl"),
    )
    .await;
    // The feed gives the délibérations schema's EU data theme, which the reader does not
    // turn into a tag, so the copy's tags are the publisher's.
    assert_same_dataset(&app).await;
    assert_publisher_dates(&app, &publisher).await;
}

#[tokio::test]
async fn private_copy_stays_private_after_update() {
    let (publisher, base) = publisher().await;
    let (app, region) = harvester("harvest-keeps-private").await;
    let source = harvest_once(&app, &region, SourceKind::Ckan, format!("{base}/")).await;
    let store = app.state.store();
    let copy = latest_public(&app).await;
    // An editor of the harvesting platform hides the copy.
    let hidden = DatasetFields {
        private: true,
        ..copy.fields.clone()
    };
    store
        .update_dataset(copy.id, &hidden)
        .await
        .expect("hide the copy");

    // The publisher changes its record, so the next run updates the copy.
    let original = latest_public(&publisher).await;
    let retitled = DatasetFields {
        title: "Délibérations du conseil municipal de Gap (2024)".into(),
        ..original.fields.clone()
    };
    publisher
        .state
        .store()
        .update_dataset(original.id, &retitled)
        .await
        .expect("retitle");
    let job = run_source(&app, &source).await;
    assert_eq!(job.counts.updated, 1, "{job:?}");

    assert!(
        store
            .latest_datasets(&Viewer::anonymous(), 10)
            .await
            .expect("public")
            .is_empty(),
        "the update published the hidden copy"
    );
    let page = app
        .get(&format!("/jeux-de-donnees/{}", copy.slug), None)
        .await;
    assert_eq!(page.status, 404);
}
