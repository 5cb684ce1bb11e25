//! Benchmark fixture of the DCAT-AP feeds: fills a data folder with generated public
//! datasets (each with a stored file, a link and a private file), then serves the platform
//! on 127.0.0.1:18183 until killed. `scripts/bench-dcat.sh` times full exports against it
//! and reads the server's peak memory.
//!
//! Usage: `cargo run --release -p server --example bench_dcat -- DATA_FOLDER COUNT`
//! (default 50000 datasets). A folder that already contains datasets is served as it is.

#[path = "support/allocator.rs"]
mod allocator;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

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
    "Équipements sportifs",
];
const LICENCES: &[&str] = &["lov2", "odbl", "cc-by-4.0"];
/// Valid SIRENs, reused across the generated organisations.
const SIRENS: &[&str] = &["214202186", "200046977", "224200014"];

async fn generate(data: &Path, count: usize) -> anyhow::Result<()> {
    let store = SqliteStore::open_for_bulk_load(&data.join("catalog.db")).await?;
    if !store.organizations().await?.is_empty() {
        println!("data folder already filled");
        store.close().await;
        return Ok(());
    }
    let mut organizations = Vec::new();
    for index in 0..100 {
        let new = NewOrganization {
            name: format!("Commune n° {index}"),
            siren: Some(SIRENS[index % SIRENS.len()].to_string()),
            kind: OrganizationKind::Commune,
            description: String::new(),
        };
        organizations.push(store.create_organization(&new).await?);
    }
    for index in 0..count {
        let subject = SUBJECTS[index % SUBJECTS.len()];
        let organization = &organizations[index % organizations.len()];
        let fields = DatasetFields {
            title: format!("{subject} n° {index}"),
            description: format!(
                "Jeu de données généré n° {index} : {subject}, publié chaque mois par la commune."
            ),
            licence: LICENCES[index % LICENCES.len()].into(),
            tags: vec!["bench".into(), subject.to_lowercase()],
            frequency: "MONTHLY".into(),
            temporal_start: Some("2024-01-01".into()),
            temporal_end: Some("2024-12-31".into()),
            spatial: vec!["commune:42218".into()],
            contact_name: "Service des données".into(),
            contact_email: "donnees@example.fr".into(),
            schema_slug: (index % 3 == 0).then(|| "deliberations".to_string()),
            private: false,
        };
        let dataset = store.create_dataset(organization.id, &fields).await?;
        store.set_published(dataset.id, true).await?;
        let file = NewResource {
            title: format!("donnees-{index}.csv"),
            source: ResourceSource::File {
                file_name: format!("donnees-{index}.csv"),
                storage_key: format!("bench-{index}"),
                size: 48_213,
                sha256: "ab".repeat(32),
            },
            format: "csv".into(),
            schema_slug: fields.schema_slug.clone(),
            validation_status: ValidationStatus::Valid,
        };
        store.add_resource(dataset.id, &file).await?;
        let link = NewResource {
            title: "Rapport".into(),
            source: ResourceSource::Url {
                url: format!("https://ailleurs.example.org/rapport-{index}.pdf"),
            },
            format: "pdf".into(),
            schema_slug: None,
            validation_status: ValidationStatus::None,
        };
        store.add_resource(dataset.id, &link).await?;
        let private = store.add_resource(dataset.id, &file).await?;
        store.set_resource_private(private.id, true).await?;
        if index % 10_000 == 0 {
            println!("{index} datasets");
        }
    }
    store.close().await;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(args.next().unwrap_or_else(|| "target/bench-dcat".into()));
    let count: usize = args
        .next()
        .map(|text| text.parse())
        .transpose()?
        .unwrap_or(50_000);
    std::fs::create_dir_all(&data)?;
    generate(&data, count).await?;

    let bind = SocketAddr::from(([127, 0, 0, 1], 18183));
    let config = server::Config {
        data: data.clone(),
        bind,
        ..server::Config::default()
    };
    let state = server::open(config).await?;
    let listener = tokio::net::TcpListener::bind(bind).await?;
    println!("ready: http://{bind}/catalog.ttl");
    axum::serve(listener, server::router(state)).await?;
    Ok(())
}
