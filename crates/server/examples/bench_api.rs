//! Load-test fixture of the CKAN-compatible API: fills a data folder with generated
//! datasets (the same shape as the `bench_serve` example: every tenth private, one in
//! twenty a draft, one CSV resource each), then serves the platform on 127.0.0.1:18191 and
//! a trivial axum handler on 127.0.0.1:18192 in the same process, so that a load tool
//! compares both in one run. Its ports differ from `bench_serve`'s so both can run.
//!
//! Usage: `cargo run --release -p server --example bench_api -- DATA_FOLDER COUNT`
//! (default 50000 datasets). `scripts/bench-api.sh` drives it with wrk.

use std::net::SocketAddr;
use std::path::PathBuf;

use catalog::store::NewResource;
use catalog::{
    DatasetFields, DatasetStore, NewOrganization, OrganizationKind, OrganizationStore,
    ResourceSource, ResourceStore, SqliteStore, ValidationStatus,
};

const SUBJECTS: &[&str] = &[
    "Délibérations",
    "Budget primitif",
    "Subventions aux associations",
    "Marchés publics",
    "Prénoms des nouveau-nés",
    "Équipements sportifs",
    "Stationnement",
    "Bornes de recharge",
    "Menus de la cantine",
    "Arrêtés de voirie",
];
const PLACES: &[&str] = &[
    "Saint-Étienne",
    "Kerbrient",
    "Montbrison",
    "Roanne",
    "Firminy",
    "Rive-de-Gier",
    "Feurs",
    "Andrézieux",
];
const TAGS: &[&str] = &[
    "deliberations",
    "budget",
    "subventions",
    "marches publics",
    "etat civil",
    "sport",
    "mobilite",
    "energie",
    "education",
];
const LICENCES: &[&str] = &["lov2", "odbl"];

async fn generate(data: &std::path::Path, count: usize) -> anyhow::Result<()> {
    let store = SqliteStore::open_for_bulk_load(&data.join("catalog.db")).await?;
    if !store.organizations().await?.is_empty() {
        println!("data folder already filled");
        return Ok(());
    }
    let files = catalog::files::FileStore::open(data)?;
    let mut pending = files.begin(u64::MAX).await?;
    pending
        .write(include_bytes!("../demo/deliberations-kerbrient.csv"))
        .await?;
    let stored = pending.commit(&files).await?;

    let mut organizations = Vec::new();
    for index in 0..200 {
        let place = PLACES[index % PLACES.len()];
        let new = NewOrganization {
            name: format!("Commune de {place} {index}"),
            siren: None,
            kind: OrganizationKind::Commune,
            description: String::new(),
        };
        organizations.push(store.create_organization(&new).await?);
    }
    for index in 0..count {
        let subject = SUBJECTS[index % SUBJECTS.len()];
        let place = PLACES[(index / SUBJECTS.len()) % PLACES.len()];
        let organization = &organizations[index % organizations.len()];
        let fields = DatasetFields {
            title: format!("{subject} de {place} n° {index}"),
            description: format!(
                "Jeu de données généré n° {index} : {subject} publiées par la commune de {place}."
            ),
            licence: LICENCES[index % LICENCES.len()].into(),
            tags: vec![
                TAGS[index % TAGS.len()].into(),
                TAGS[(index / 7) % TAGS.len()].into(),
            ],
            frequency: "MONTHLY".into(),
            schema_slug: index.is_multiple_of(3).then(|| "deliberations".to_string()),
            private: index.is_multiple_of(10),
            ..DatasetFields::default()
        };
        let dataset = store.create_dataset(organization.id, &fields).await?;
        store.set_published(dataset.id, index % 20 != 1).await?;
        let source = ResourceSource::File {
            file_name: "donnees.csv".into(),
            storage_key: stored.key.clone(),
            size: stored.size,
            sha256: stored.sha256.clone(),
        };
        let new = NewResource {
            title: "donnees.csv".into(),
            source,
            format: "csv".into(),
            schema_slug: None,
            validation_status: ValidationStatus::None,
        };
        store.add_resource(dataset.id, &new).await?;
        if index.is_multiple_of(5000) {
            println!("{index} datasets");
        }
    }
    store.close().await;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "target/bench-api-data".into()),
    );
    let count: usize = args
        .next()
        .map(|text| text.parse())
        .transpose()?
        .unwrap_or(50_000);
    std::fs::create_dir_all(&data)?;
    generate(&data, count).await?;

    let config = server::Config {
        data: data.clone(),
        bind: SocketAddr::from(([127, 0, 0, 1], 18191)),
        ..server::Config::default()
    };
    let state = server::open(config).await?;
    let platform = tokio::net::TcpListener::bind("127.0.0.1:18191").await?;
    let trivial = tokio::net::TcpListener::bind("127.0.0.1:18192").await?;
    let trivial_router = axum::Router::new().route("/", axum::routing::get(|| async { "ok" }));
    println!("ready: platform http://127.0.0.1:18191/ trivial http://127.0.0.1:18192/");
    let platform_server = axum::serve(platform, server::router(state));
    let trivial_server = axum::serve(trivial, trivial_router);
    tokio::try_join!(async { platform_server.await }, async {
        trivial_server.await
    })?;
    Ok(())
}
