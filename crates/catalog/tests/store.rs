//! The SQLite store against an in-memory database: accounts, datasets, visibility and
//! French search.

use catalog::store::NewResource;
use catalog::*;
use uuid::Uuid;

async fn store() -> SqliteStore {
    SqliteStore::open_in_memory()
        .await
        .expect("in-memory store")
}

async fn commune(store: &SqliteStore, name: &str) -> Organization {
    let new = NewOrganization {
        name: name.into(),
        siren: Some("214202186".into()),
        kind: OrganizationKind::Commune,
        description: String::new(),
    };
    store.create_organization(&new).await.expect("organisation")
}

fn fields(title: &str) -> DatasetFields {
    DatasetFields {
        title: title.into(),
        description: "Liste des délibérations du conseil municipal.".into(),
        licence: "lov2".into(),
        tags: vec!["deliberations".into(), "conseil".into()],
        frequency: "MONTHLY".into(),
        spatial: vec!["commune:42218".into()],
        schema_slug: Some("deliberations".into()),
        ..DatasetFields::default()
    }
}

async fn published(
    store: &SqliteStore,
    organization: &Organization,
    title: &str,
    private: bool,
) -> Dataset {
    let mut fields = fields(title);
    fields.private = private;
    let dataset = store
        .create_dataset(organization.id, &fields)
        .await
        .expect("dataset");
    store
        .set_published(dataset.id, true)
        .await
        .expect("publish");
    dataset
}

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        page: 1,
        per_page: 20,
        ..SearchQuery::default()
    }
}

#[tokio::test]
async fn organization_slug_is_unique() {
    let store = store().await;
    let first = commune(&store, "Saint-Étienne").await;
    let second = commune(&store, "Saint-Étienne").await;
    assert_eq!(first.slug, "saint-etienne");
    assert_eq!(second.slug, "saint-etienne-2");
    assert_eq!(
        store
            .organization_by_slug("saint-etienne")
            .await
            .expect("read")
            .map(|o| o.id),
        Some(first.id)
    );
}

#[tokio::test]
async fn invalid_siren_rejected() {
    let store = store().await;
    let new = NewOrganization {
        name: "X".into(),
        siren: Some("123".into()),
        kind: OrganizationKind::Epci,
        description: String::new(),
    };
    assert!(matches!(
        store.create_organization(&new).await,
        Err(Error::Invalid { field: "siren", .. })
    ));
}

#[tokio::test]
async fn user_authenticates_and_session_round_trips() {
    let store = store().await;
    let user = store
        .create_user("Agent@Mairie.fr", "Agent", "mot de passe long", false)
        .await
        .expect("user");
    assert!(
        store
            .authenticate("agent@mairie.fr", "mot de passe long")
            .await
            .expect("auth")
            .is_some()
    );
    assert!(
        store
            .authenticate("agent@mairie.fr", "mauvais mot de passe")
            .await
            .expect("auth")
            .is_none()
    );
    assert!(
        store
            .authenticate("nobody@mairie.fr", "mot de passe long")
            .await
            .expect("auth")
            .is_none()
    );
    assert!(
        store
            .create_user("agent@mairie.fr", "Other", "mot de passe long", false)
            .await
            .is_err()
    );

    let (token, csrf) = store.create_session(user.id, 3600).await.expect("session");
    let (found, found_csrf) = store
        .session(&token)
        .await
        .expect("read")
        .expect("session exists");
    assert_eq!(found.id, user.id);
    assert_eq!(found_csrf, csrf);
    store.delete_session(&token).await.expect("delete");
    assert!(store.session(&token).await.expect("read").is_none());
}

#[tokio::test]
async fn expired_session_is_ignored() {
    let store = store().await;
    let user = store
        .create_user("a@b.fr", "A", "mot de passe long", false)
        .await
        .expect("user");
    let (token, _) = store.create_session(user.id, -10).await.expect("session");
    assert!(store.session(&token).await.expect("read").is_none());
}

#[tokio::test]
async fn membership_roles() {
    let store = store().await;
    let organization = commune(&store, "Kerbrient").await;
    let user = store
        .create_user("a@b.fr", "A", "mot de passe long", false)
        .await
        .expect("user");
    assert_eq!(
        store.role_in(user.id, organization.id).await.expect("role"),
        None
    );
    store
        .set_membership(user.id, organization.id, Role::Member)
        .await
        .expect("member");
    store
        .set_membership(user.id, organization.id, Role::Editor)
        .await
        .expect("editor");
    assert_eq!(
        store.role_in(user.id, organization.id).await.expect("role"),
        Some(Role::Editor)
    );
    assert_eq!(store.memberships(user.id).await.expect("list").len(), 1);
}

#[tokio::test]
async fn deliberation_finds_deliberations() {
    let store = store().await;
    let organization = commune(&store, "Kerbrient").await;
    published(&store, &organization, "Délibérations 2024", false).await;
    let results = store
        .search(&Viewer::anonymous(), &query("deliberation"))
        .await
        .expect("search");
    assert_eq!(results.total, 1);
    let results = store
        .search(&Viewer::anonymous(), &query("l'délibération"))
        .await
        .expect("search");
    assert_eq!(results.total, 1);
    let results = store
        .search(&Viewer::anonymous(), &query("budget"))
        .await
        .expect("search");
    assert_eq!(results.total, 0);
}

#[tokio::test]
async fn private_and_draft_hidden_from_outsiders() {
    let store = store().await;
    let organization = commune(&store, "Kerbrient").await;
    published(&store, &organization, "Délibérations publiques", false).await;
    let secret = published(&store, &organization, "Délibérations secrètes", true).await;
    let draft = store
        .create_dataset(organization.id, &fields("Délibérations brouillon"))
        .await
        .expect("draft");

    let anonymous = Viewer::anonymous();
    let results = store
        .search(&anonymous, &query("deliberation"))
        .await
        .expect("search");
    assert_eq!(results.total, 1);
    let counts: u64 = results
        .facets
        .organizations
        .iter()
        .map(|facet| facet.count)
        .sum();
    assert_eq!(counts, 1);
    let tag_counts: u64 = results
        .facets
        .tags
        .iter()
        .filter(|facet| facet.value == "conseil")
        .map(|facet| facet.count)
        .sum();
    assert_eq!(tag_counts, 1);
    assert!(
        store
            .dataset(&anonymous, &secret.slug)
            .await
            .expect("read")
            .is_none()
    );
    assert!(
        store
            .dataset(&anonymous, &draft.id.to_string())
            .await
            .expect("read")
            .is_none()
    );
    assert_eq!(
        store
            .latest_datasets(&anonymous, 10)
            .await
            .expect("latest")
            .len(),
        1
    );

    let outsider = store
        .create_user("x@y.fr", "X", "mot de passe long", false)
        .await
        .expect("user");
    let outsider = Viewer {
        user_id: Some(outsider.id),
        platform_admin: false,
    };
    assert_eq!(
        store
            .search(&outsider, &query(""))
            .await
            .expect("search")
            .total,
        1
    );

    let member = store
        .create_user("m@y.fr", "M", "mot de passe long", false)
        .await
        .expect("user");
    store
        .set_membership(member.id, organization.id, Role::Member)
        .await
        .expect("member");
    let member = Viewer {
        user_id: Some(member.id),
        platform_admin: false,
    };
    assert_eq!(
        store
            .search(&member, &query(""))
            .await
            .expect("search")
            .total,
        3
    );
    assert!(
        store
            .dataset(&member, &secret.slug)
            .await
            .expect("read")
            .is_some()
    );

    let admin = Viewer {
        user_id: None,
        platform_admin: true,
    };
    assert_eq!(
        store
            .search(&admin, &query("deliberation"))
            .await
            .expect("search")
            .total,
        3
    );
}

#[tokio::test]
async fn facets_filter_and_paginate() {
    let store = store().await;
    let kerbrient = commune(&store, "Kerbrient").await;
    let other = commune(&store, "Autre commune").await;
    for index in 0..5 {
        published(&store, &kerbrient, &format!("Délibérations {index}"), false).await;
    }
    let mut budget = fields("Budget primitif");
    budget.tags = vec!["budget".into()];
    budget.licence = "odbl".into();
    let dataset = store
        .create_dataset(other.id, &budget)
        .await
        .expect("dataset");
    store
        .set_published(dataset.id, true)
        .await
        .expect("publish");

    let mut request = query("");
    request.per_page = 2;
    request.page = 3;
    let results = store
        .search(&Viewer::anonymous(), &request)
        .await
        .expect("search");
    assert_eq!(results.total, 6);
    assert_eq!(results.hits.len(), 2);
    assert_eq!(results.page_count(), 3);

    let mut request = query("");
    request.licence = Some("odbl".into());
    let results = store
        .search(&Viewer::anonymous(), &request)
        .await
        .expect("search");
    assert_eq!(results.total, 1);
    assert_eq!(
        results
            .facets
            .organizations
            .first()
            .map(|facet| facet.label.as_str()),
        Some("Autre commune")
    );

    let mut request = query("");
    request.organization = Some(kerbrient.slug.clone());
    request.tag = Some("conseil".into());
    assert_eq!(
        store
            .search(&Viewer::anonymous(), &request)
            .await
            .expect("search")
            .total,
        5
    );
}

#[tokio::test]
async fn validation_sets_dataset_validity() {
    let store = store().await;
    let organization = commune(&store, "Kerbrient").await;
    let dataset = published(&store, &organization, "Délibérations", false).await;
    let new = NewResource {
        title: "deliberations.csv".into(),
        source: ResourceSource::File {
            file_name: "deliberations.csv".into(),
            storage_key: "0".repeat(32),
            size: 10,
            sha256: "ab".into(),
        },
        format: "CSV".into(),
        schema_slug: Some("deliberations".into()),
        validation_status: ValidationStatus::Pending,
    };
    let resource = store
        .add_resource(dataset.id, &new)
        .await
        .expect("resource");
    assert_eq!(resource.format, "csv");
    assert_eq!(store.unfinished_validations().await.expect("list").len(), 1);

    let report = serde_json::json!({"valid": false});
    store
        .set_validation(resource.id, ValidationStatus::Invalid, Some(&report))
        .await
        .expect("record");
    let hit = store
        .dataset(&Viewer::anonymous(), &dataset.slug)
        .await
        .expect("read")
        .expect("visible");
    assert_eq!(hit.dataset.validity, Validity::Invalid);
    let stored = store
        .resource(resource.id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(stored.report, Some(report));
    assert!(
        store
            .unfinished_validations()
            .await
            .expect("list")
            .is_empty()
    );

    let mut request = query("");
    request.format = Some("csv".into());
    request.validity = Some(Validity::Invalid);
    assert_eq!(
        store
            .search(&Viewer::anonymous(), &request)
            .await
            .expect("search")
            .total,
        1
    );
    assert!(
        store
            .set_validation(Uuid::new_v4(), ValidationStatus::Valid, None)
            .await
            .is_err()
    );
    assert!(!stored.private, "resources are public by default");
    store
        .set_resource_private(resource.id, true)
        .await
        .expect("make private");
    let private = store
        .resource(resource.id)
        .await
        .expect("read")
        .expect("exists");
    assert!(private.private);
    assert!(
        store
            .set_resource_private(Uuid::new_v4(), true)
            .await
            .is_err()
    );
}

/// Edits one field of a valid dataset to make it invalid.
type Change = fn(&mut DatasetFields);

#[tokio::test]
async fn invalid_fields_rejected() {
    let store = store().await;
    let organization = commune(&store, "Kerbrient").await;
    let cases: [(&str, Change); 5] = [
        ("title", |f| f.title = " ".into()),
        ("licence", |f| f.licence = "proprietary".into()),
        ("frequency", |f| f.frequency = "SOMETIMES".into()),
        ("temporal_start", |f| {
            f.temporal_start = Some("2024-13-01".into())
        }),
        ("spatial", |f| f.spatial = vec!["commune:1".into()]),
    ];
    for (field, change) in cases {
        let mut fields = fields("Titre");
        change(&mut fields);
        let outcome = store.create_dataset(organization.id, &fields).await;
        assert!(
            matches!(outcome, Err(Error::Invalid { field: f, .. }) if f == field),
            "{field}: {outcome:?}"
        );
    }
}

#[tokio::test]
async fn database_file_survives_reopen() {
    let folder = std::env::temp_dir().join(format!("socle-catalog-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&folder).expect("folder");
    let path = folder.join("catalog.db");
    {
        let store = SqliteStore::open(&path).await.expect("open");
        commune(&store, "Kerbrient").await;
        store.close().await;
    }
    let store = SqliteStore::open(&path).await.expect("reopen");
    assert_eq!(store.organizations().await.expect("list").len(), 1);
}

#[tokio::test]
async fn anonymous_cache_cleared_by_writes() {
    let store = store().await;
    let organization = commune(&store, "Kerbrient").await;
    let anonymous = Viewer::anonymous();
    assert_eq!(
        store
            .search(&anonymous, &query("deliberation"))
            .await
            .expect("search")
            .total,
        0
    );

    let dataset = store
        .create_dataset(organization.id, &fields("Délibérations"))
        .await
        .expect("dataset");
    assert_eq!(
        store
            .search(&anonymous, &query("deliberation"))
            .await
            .expect("search")
            .total,
        0,
        "a draft stays hidden"
    );
    store
        .set_published(dataset.id, true)
        .await
        .expect("publish");
    assert_eq!(
        store
            .search(&anonymous, &query("deliberation"))
            .await
            .expect("search")
            .total,
        1,
        "publication clears the cache"
    );

    let mut private = fields("Délibérations");
    private.private = true;
    store
        .update_dataset(dataset.id, &private)
        .await
        .expect("update");
    assert_eq!(
        store
            .search(&anonymous, &query("deliberation"))
            .await
            .expect("search")
            .total,
        0,
        "an update clears the cache"
    );
}

#[tokio::test]
async fn cached_search_follows_memberships() {
    let store = store().await;
    let kerbrient = commune(&store, "Kerbrient").await;
    let other = commune(&store, "Autre commune").await;
    published(&store, &kerbrient, "Délibérations secrètes", true).await;
    published(&store, &other, "Délibérations confidentielles", true).await;
    let user = store
        .create_user("m@kerbrient.fr", "M", "mot de passe long", false)
        .await
        .expect("user");
    let viewer = Viewer {
        user_id: Some(user.id),
        platform_admin: false,
    };

    assert_eq!(
        store
            .search(&viewer, &query("deliberation"))
            .await
            .expect("search")
            .total,
        0
    );
    store
        .set_membership(user.id, kerbrient.id, Role::Member)
        .await
        .expect("member");
    assert_eq!(
        store
            .search(&viewer, &query("deliberation"))
            .await
            .expect("search")
            .total,
        1,
        "a new membership is seen at once"
    );
    store
        .set_membership(user.id, other.id, Role::Member)
        .await
        .expect("member");
    assert_eq!(
        store
            .search(&viewer, &query("deliberation"))
            .await
            .expect("search")
            .total,
        2
    );
    assert_eq!(
        store
            .search(&Viewer::anonymous(), &query("deliberation"))
            .await
            .expect("search")
            .total,
        0,
        "anonymous results stay separate"
    );
}
