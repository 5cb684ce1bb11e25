//! Dataset states, named creation, full replacement, resource edits, API tokens and deep
//! listings, against an in-memory database.

use catalog::listing::{FacetField, ListingQuery, ListingSort};
use catalog::store::NewResource;
use catalog::*;

async fn store() -> SqliteStore {
    SqliteStore::open_in_memory()
        .await
        .expect("in-memory store")
}

async fn commune(store: &SqliteStore, name: &str) -> Organization {
    let new = NewOrganization {
        name: name.into(),
        siren: None,
        kind: OrganizationKind::Commune,
        description: String::new(),
    };
    store.create_organization(&new).await.expect("organisation")
}

fn fields(title: &str) -> DatasetFields {
    DatasetFields {
        title: title.into(),
        licence: "lov2".into(),
        tags: vec!["deliberations".into()],
        frequency: "MONTHLY".into(),
        ..DatasetFields::default()
    }
}

fn link(url: &str) -> NewResource {
    NewResource {
        title: url.into(),
        source: ResourceSource::Url { url: url.into() },
        format: "csv".into(),
        schema_slug: None,
        validation_status: ValidationStatus::None,
    }
}

fn everyone() -> ListingQuery {
    ListingQuery {
        sort: ListingSort::NameAsc,
        limit: 1000,
        ..ListingQuery::default()
    }
}

#[tokio::test]
async fn named_dataset_rules() {
    let store = store().await;
    let organization = commune(&store, "Kerbrient").await;
    let created = store
        .create_named_dataset(
            organization.id,
            Some("budget-2024"),
            &fields("Budget"),
            true,
        )
        .await
        .expect("create");
    assert_eq!(created.slug, "budget-2024");
    assert!(created.published);
    assert_eq!(created.state, DatasetState::Active);

    for (name, message_id) in [
        ("budget-2024", "api-error-name-taken"),
        ("Budget", "api-error-name-invalid"),
        ("b", "api-error-name-invalid"),
        ("budget 2024", "api-error-name-invalid"),
    ] {
        let result = store
            .create_named_dataset(organization.id, Some(name), &fields("Autre"), true)
            .await;
        match result {
            Err(Error::Invalid {
                field: "name",
                message_id: found,
            }) => assert_eq!(found, message_id, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }

    let derived = store
        .create_named_dataset(organization.id, None, &fields("Délibérations"), false)
        .await
        .expect("derived name");
    assert_eq!(derived.slug, "deliberations");
    assert!(!derived.published);
}

#[tokio::test]
async fn deleted_name_stays_taken() {
    let store = store().await;
    let organization = commune(&store, "Kerbrient").await;
    let first = store
        .create_named_dataset(organization.id, Some("budget"), &fields("Budget"), true)
        .await
        .expect("create");
    store
        .set_dataset_state(first.id, DatasetState::Deleted)
        .await
        .expect("delete");
    let again = store
        .create_named_dataset(organization.id, Some("budget"), &fields("Budget"), true)
        .await;
    assert!(matches!(again, Err(Error::Invalid { field: "name", .. })));
}

#[tokio::test]
async fn states_hide_datasets() {
    let store = store().await;
    let organization = commune(&store, "Kerbrient").await;
    let admin = Viewer {
        user_id: None,
        platform_admin: true,
    };
    let mut ids = Vec::new();
    for name in ["actif", "archive", "supprime"] {
        let dataset = store
            .create_named_dataset(organization.id, Some(name), &fields(name), true)
            .await
            .expect("create");
        ids.push(dataset.id);
    }
    store
        .set_dataset_state(ids[1], DatasetState::Archived)
        .await
        .expect("archive");
    store
        .set_dataset_state(ids[2], DatasetState::Deleted)
        .await
        .expect("delete");

    let search = SearchQuery {
        page: 1,
        per_page: 20,
        ..SearchQuery::default()
    };
    let results = store.search(&admin, &search).await.expect("search");
    assert_eq!(results.total, 1, "search shows active datasets only");
    let latest = store.latest_datasets(&admin, 10).await.expect("latest");
    assert_eq!(latest.len(), 1, "latest lists active datasets only");
    let listing = store
        .list_datasets(&admin, &everyone())
        .await
        .expect("list");
    assert_eq!(listing.total, 1, "listing shows active datasets only");
    let names = store.public_dataset_names(10, 0).await.expect("names");
    assert_eq!(names, vec!["actif"]);

    let archived = store.dataset(&admin, "archive").await.expect("read");
    assert_eq!(
        archived.map(|hit| hit.dataset.state),
        Some(DatasetState::Archived),
        "an archived dataset keeps its page"
    );
    let deleted = store.dataset(&admin, "supprime").await.expect("read");
    assert!(deleted.is_none(), "a deleted dataset has no page");
}

#[tokio::test]
async fn replace_rewrites_every_field() {
    let store = store().await;
    let organization = commune(&store, "Kerbrient").await;
    let created = store
        .create_named_dataset(organization.id, Some("budget"), &fields("Budget"), false)
        .await
        .expect("create");
    let replacement = DatasetFields {
        title: "Budget primitif".into(),
        licence: "odbl".into(),
        frequency: "ANNUAL".into(),
        ..DatasetFields::default()
    };
    let replaced = store
        .replace_dataset(created.id, "budget-primitif", &replacement, true)
        .await
        .expect("replace");
    assert_eq!(replaced.slug, "budget-primitif");
    assert_eq!(replaced.fields.title, "Budget primitif");
    assert!(replaced.fields.tags.is_empty());
    assert!(replaced.published);
}

#[tokio::test]
async fn resources_update_and_batch_read() {
    let store = store().await;
    let organization = commune(&store, "Kerbrient").await;
    let first = store
        .create_named_dataset(organization.id, Some("premier"), &fields("Premier"), true)
        .await
        .expect("create");
    let second = store
        .create_named_dataset(organization.id, Some("second"), &fields("Second"), true)
        .await
        .expect("create");
    let a = store
        .add_resource(first.id, &link("https://example.org/a.csv"))
        .await
        .expect("add");
    store
        .add_resource(first.id, &link("https://example.org/b.csv"))
        .await
        .expect("add");
    store
        .add_resource(second.id, &link("https://example.org/c.csv"))
        .await
        .expect("add");

    let updated = store
        .update_resource(
            a.id,
            &link("https://example.org/a2.csv"),
            "Nouvelle version",
        )
        .await
        .expect("update");
    assert_eq!(updated.description, "Nouvelle version");
    assert_eq!(
        updated.source,
        ResourceSource::Url {
            url: "https://example.org/a2.csv".into()
        }
    );

    let batch = store
        .resources_of(&[first.id, second.id])
        .await
        .expect("batch");
    assert_eq!(batch[&first.id].len(), 2);
    assert_eq!(batch[&second.id].len(), 1);
    assert!(batch[&first.id][0].report.is_none(), "reports are not read");

    store.delete_resource(a.id).await.expect("delete");
    assert!(store.resource(a.id).await.expect("read").is_none());
    assert!(matches!(
        store.delete_resource(a.id).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn tokens_authenticate_until_revoked() {
    let store = store().await;
    let user = store
        .create_user("agent@example.fr", "Agent", "mot de passe de test", false)
        .await
        .expect("user");
    let (token, secret) = store.create_token(user.id, "ERP").await.expect("token");
    assert!(secret.starts_with(tokens::TOKEN_PREFIX));
    assert_eq!(secret.len(), tokens::TOKEN_PREFIX.len() + 64);
    assert!(token.last_used_at.is_none());

    let found = store.user_by_token(&secret).await.expect("lookup");
    assert_eq!(found.map(|user| user.id), Some(user.id));
    let listed = store.tokens(user.id).await.expect("list");
    assert!(listed[0].last_used_at.is_some(), "use recorded");
    assert!(
        store
            .user_by_token("socle_unknown")
            .await
            .expect("lookup")
            .is_none()
    );

    let stranger = store
        .create_user("autre@example.fr", "Autre", "mot de passe de test", false)
        .await
        .expect("user");
    assert!(
        !store
            .revoke_token(stranger.id, token.id)
            .await
            .expect("revoke"),
        "only the owner revokes"
    );
    assert!(store.revoke_token(user.id, token.id).await.expect("revoke"));
    assert!(
        store
            .user_by_token(&secret)
            .await
            .expect("lookup")
            .is_none()
    );
    let listed = store.tokens(user.id).await.expect("list");
    assert!(listed[0].revoked_at.is_some());

    assert!(matches!(
        store.create_token(user.id, "  ").await,
        Err(Error::Invalid { field: "name", .. })
    ));
}

#[tokio::test]
async fn token_stored_as_hash_only() {
    let folder =
        std::env::temp_dir().join(format!("socle-tokens-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&folder).expect("folder");
    let path = folder.join("catalog.db");
    let store = SqliteStore::open(&path).await.expect("open");
    let user = store
        .create_user("agent@example.fr", "Agent", "mot de passe de test", false)
        .await
        .expect("user");
    let (_, secret) = store.create_token(user.id, "ERP").await.expect("token");
    store.close().await;
    let bytes = std::fs::read(&path).expect("database file");
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains(&secret[6..]),
        "the token itself is not stored"
    );
    let _ = std::fs::remove_dir_all(&folder);
}

#[tokio::test]
async fn listing_pages_match_one_listing() {
    let store = store().await;
    let organization = commune(&store, "Kerbrient").await;
    let other = commune(&store, "Voisine").await;
    let member = store
        .create_user("membre@example.fr", "Membre", "mot de passe de test", false)
        .await
        .expect("user");
    store
        .set_membership(member.id, organization.id, Role::Member)
        .await
        .expect("membership");
    for index in 0..57u32 {
        let mut fields = fields(&format!("Jeu {index:02}"));
        fields.private = index % 10 == 3;
        if index.is_multiple_of(4) {
            fields.tags.push("budget".into());
        }
        let owner = if index.is_multiple_of(3) {
            &other
        } else {
            &organization
        };
        store
            .create_named_dataset(
                owner.id,
                Some(&format!("jeu-{index:02}")),
                &fields,
                index % 9 != 5,
            )
            .await
            .expect("create");
    }
    let viewer = Viewer {
        user_id: Some(member.id),
        platform_admin: false,
    };

    for sort in [
        ListingSort::NameAsc,
        ListingSort::NameDesc,
        ListingSort::TitleAsc,
        ListingSort::ModifiedDesc,
        ListingSort::CreatedAsc,
    ] {
        for (include_private, include_drafts) in [(false, false), (true, true)] {
            let whole = ListingQuery {
                sort,
                include_private,
                include_drafts,
                limit: 1000,
                ..ListingQuery::default()
            };
            let reference = store.list_datasets(&viewer, &whole).await.expect("whole");
            let mut paged = Vec::new();
            let mut offset = 0;
            loop {
                let page = ListingQuery {
                    offset,
                    limit: 7,
                    ..whole.clone()
                };
                let listing = store.list_datasets(&viewer, &page).await.expect("page");
                assert_eq!(listing.total, reference.total, "{sort:?}");
                if listing.hits.is_empty() {
                    break;
                }
                paged.extend(listing.hits.into_iter().map(|hit| hit.dataset.slug));
                offset += 7;
            }
            let expected: Vec<String> = reference
                .hits
                .iter()
                .map(|hit| hit.dataset.slug.clone())
                .collect();
            assert_eq!(
                paged, expected,
                "{sort:?} {include_private} {include_drafts}"
            );
        }
    }

    let public = store
        .list_datasets(&viewer, &everyone())
        .await
        .expect("public");
    assert!(
        public
            .hits
            .iter()
            .all(|hit| hit.dataset.published && !hit.dataset.fields.private)
    );
    let anonymous = ListingQuery {
        include_private: true,
        include_drafts: true,
        ..everyone()
    };
    let seen = store
        .list_datasets(&Viewer::anonymous(), &anonymous)
        .await
        .expect("anonymous");
    assert_eq!(
        seen.total, public.total,
        "anonymous include_private changes nothing"
    );
    let search = SearchQuery {
        page: 1,
        per_page: 100,
        ..SearchQuery::default()
    };
    let reference = store
        .search_uncached(&Viewer::anonymous(), &search)
        .await
        .expect("search");
    assert_eq!(seen.total, reference.total, "same count as the web search");
}

#[tokio::test]
async fn listing_filters_and_facets() {
    let store = store().await;
    let organization = commune(&store, "Kerbrient").await;
    let other = commune(&store, "Voisine").await;
    for index in 0..10u32 {
        let mut fields = fields(&format!("Jeu {index}"));
        if index.is_multiple_of(2) {
            fields.tags.push("budget".into());
            fields.licence = "odbl".into();
        }
        let owner = if index < 3 { &other } else { &organization };
        let dataset = store
            .create_named_dataset(owner.id, Some(&format!("jeu-{index}")), &fields, true)
            .await
            .expect("create");
        store
            .add_resource(dataset.id, &link("https://example.org/x.csv"))
            .await
            .expect("add");
        if index == 0 {
            let private = store
                .add_resource(dataset.id, &link("https://example.org/x.xlsx"))
                .await
                .expect("add");
            let mut xlsx = link("https://example.org/x.xlsx");
            xlsx.format = "xlsx".into();
            store
                .update_resource(private.id, &xlsx, "")
                .await
                .expect("format");
            store
                .set_resource_private(private.id, true)
                .await
                .expect("private");
        }
    }
    let query = ListingQuery {
        organizations: vec!["kerbrient".into()],
        tags: vec!["budget".into()],
        facet_fields: vec![
            FacetField::Organization,
            FacetField::Format,
            FacetField::Licence,
        ],
        ..everyone()
    };
    let listing = store
        .list_datasets(&Viewer::anonymous(), &query)
        .await
        .expect("list");
    let names: Vec<&str> = listing
        .hits
        .iter()
        .map(|hit| hit.dataset.slug.as_str())
        .collect();
    assert_eq!(names, vec!["jeu-4", "jeu-6", "jeu-8"]);
    assert_eq!(listing.facets[0].0, FacetField::Organization);
    assert_eq!(listing.facets[0].1[0].label, "Kerbrient");
    assert_eq!(listing.facets[0].1[0].count, 3);

    let formats = ListingQuery {
        facet_fields: vec![FacetField::Format],
        ..everyone()
    };
    let all = store
        .list_datasets(&Viewer::anonymous(), &formats)
        .await
        .expect("list");
    let values: Vec<&str> = all.facets[0]
        .1
        .iter()
        .map(|value| value.value.as_str())
        .collect();
    assert_eq!(values, vec!["csv"], "private formats are not counted");
    let by_format = ListingQuery {
        formats: vec!["XLSX".into()],
        ..everyone()
    };
    let hidden = store
        .list_datasets(&Viewer::anonymous(), &by_format)
        .await
        .expect("list");
    assert_eq!(
        hidden.total, 0,
        "a private file's format does not select its dataset"
    );
}
