//! The generated catalogue the load-test examples serve: 200 communes and `count`
//! datasets, every tenth private, one in twenty a draft, one in three following the
//! délibérations schema, each with one stored CSV file.

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

/// Fills `data` with the generated catalogue, unless it already holds organisations.
pub async fn generate(data: &std::path::Path, count: usize) -> anyhow::Result<()> {
    let store = SqliteStore::open_for_bulk_load(&data.join("catalog.db")).await?;
    if !store.organizations().await?.is_empty() {
        println!("data folder already filled");
        return Ok(());
    }
    let files = catalog::files::FileStore::open(data)?;
    let mut pending = files.begin(u64::MAX).await?;
    pending
        .write(include_bytes!("../../demo/deliberations-kerbrient.csv"))
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
