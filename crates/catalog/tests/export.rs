//! The export read path: only public datasets and resources, in identifier order, in
//! keyset batches that together list each dataset once.

use catalog::export::{ExportScope, ExportStore};
use catalog::store::NewResource;
use catalog::{
    DatasetFields, DatasetState, DatasetStore, LifecycleStore, NewOrganization, OrganizationKind,
    OrganizationStore, ResourceSource, ResourceStore, SqliteStore, ValidationStatus,
};
use uuid::Uuid;

fn fields(title: &str, private: bool) -> DatasetFields {
    DatasetFields {
        title: title.to_string(),
        licence: "lov2".to_string(),
        frequency: "ANNUAL".to_string(),
        tags: vec!["budget".to_string(), "finances".to_string()],
        private,
        ..DatasetFields::default()
    }
}

fn link(title: &str) -> NewResource {
    NewResource {
        title: title.to_string(),
        source: ResourceSource::Url {
            url: format!("https://example.org/{title}.csv"),
        },
        format: "csv".to_string(),
        schema_slug: None,
        validation_status: ValidationStatus::None,
    }
}

struct Seeded {
    store: SqliteStore,
    first_org: Uuid,
    public: Vec<Uuid>,
}

/// Seeds two organisations: 7 public datasets, one private, one draft, one archived and
/// one deleted. Every public dataset has a public and a private resource.
async fn seed() -> Seeded {
    let store = SqliteStore::open_in_memory().await.expect("store");
    let mut organizations = Vec::new();
    for name in ["Ville A", "Ville B"] {
        let organization = store
            .create_organization(&NewOrganization {
                name: name.to_string(),
                siren: None,
                kind: OrganizationKind::Commune,
                description: String::new(),
            })
            .await
            .expect("organisation");
        organizations.push(organization.id);
    }
    let mut public = Vec::new();
    for index in 0..7 {
        let organization = organizations[index % 2];
        let dataset = store
            .create_dataset(organization, &fields(&format!("Public {index}"), false))
            .await
            .expect("dataset");
        store
            .set_published(dataset.id, true)
            .await
            .expect("publish");
        store
            .add_resource(dataset.id, &link("visible"))
            .await
            .expect("resource");
        let hidden = store
            .add_resource(dataset.id, &link("cachee"))
            .await
            .expect("resource");
        store
            .set_resource_private(hidden.id, true)
            .await
            .expect("private");
        public.push(dataset.id);
    }
    let private = store
        .create_dataset(organizations[0], &fields("Privé", true))
        .await
        .expect("dataset");
    store
        .set_published(private.id, true)
        .await
        .expect("publish");
    store
        .create_dataset(organizations[0], &fields("Brouillon", false))
        .await
        .expect("draft");
    for (title, state) in [
        ("Archivé", DatasetState::Archived),
        ("Supprimé", DatasetState::Deleted),
    ] {
        let dataset = store
            .create_dataset(organizations[0], &fields(title, false))
            .await
            .expect("dataset");
        store
            .set_published(dataset.id, true)
            .await
            .expect("publish");
        store
            .set_dataset_state(dataset.id, state)
            .await
            .expect("state");
    }
    public.sort();
    Seeded {
        store,
        first_org: organizations[0],
        public,
    }
}

#[tokio::test]
async fn count_excludes_hidden_datasets() {
    let seeded = seed().await;
    let all = seeded
        .store
        .count_public_datasets(ExportScope::default())
        .await
        .expect("count");
    assert_eq!(all, 7);
    let scope = ExportScope {
        organization_id: Some(seeded.first_org),
    };
    let first_org = seeded
        .store
        .count_public_datasets(scope)
        .await
        .expect("count");
    assert_eq!(first_org, 4);
}

#[tokio::test]
async fn batches_list_each_dataset_once() {
    let seeded = seed().await;
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let batch = seeded
            .store
            .public_datasets_after(ExportScope::default(), after, 3)
            .await
            .expect("batch");
        assert!(batch.len() <= 3);
        let Some(last) = batch.last() else { break };
        after = Some(last.dataset.id);
        for exported in &batch {
            assert_eq!(exported.resources.len(), 1, "private resource exported");
            assert_eq!(exported.resources[0].title, "visible");
            assert_eq!(exported.organization.id, exported.dataset.organization_id);
            assert_eq!(exported.dataset.fields.tags, ["budget", "finances"]);
            seen.push(exported.dataset.id);
        }
    }
    assert_eq!(seen, seeded.public);
}

#[tokio::test]
async fn id_at_index_after_cursor() {
    let seeded = seed().await;
    let scope = ExportScope::default();
    let first = seeded
        .store
        .public_dataset_id_at(scope, None, 0)
        .await
        .expect("first");
    assert_eq!(first, Some(seeded.public[0]));
    let third = seeded
        .store
        .public_dataset_id_at(scope, None, 2)
        .await
        .expect("third");
    assert_eq!(third, Some(seeded.public[2]));

    let after_third = seeded
        .store
        .public_dataset_id_at(scope, third, 1)
        .await
        .expect("after cursor");
    assert_eq!(after_third, Some(seeded.public[4]));
    let page = seeded
        .store
        .public_datasets_after(scope, third, 2)
        .await
        .expect("page");
    let ids: Vec<Uuid> = page.iter().map(|exported| exported.dataset.id).collect();
    assert_eq!(ids, seeded.public[3..5]);

    let beyond = seeded
        .store
        .public_dataset_id_at(scope, None, 7)
        .await
        .expect("beyond");
    assert_eq!(beyond, None);
}

#[tokio::test]
async fn single_dataset_only_when_public() {
    let seeded = seed().await;
    let id = seeded.public[0].to_string();
    let found = seeded.store.public_dataset(&id).await.expect("read");
    assert!(found.is_some());
    for title in ["prive", "brouillon", "archive", "supprime"] {
        let found = seeded.store.public_dataset(title).await.expect("read");
        assert!(found.is_none(), "{title} exported");
    }
}
