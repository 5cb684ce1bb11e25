//! The in-memory search index against the SQL path on the same catalogue: every query
//! returns the same total, hits in the same order and the same facet counts, and no
//! private, draft or deleted dataset is counted.

use catalog::store::NewResource;
use catalog::{
    DatasetFields, DatasetState, DatasetStore, LifecycleStore, NewOrganization, OrganizationKind,
    OrganizationStore, ResourceSource, ResourceStore, Role, SearchQuery, SqliteStore, UserStore,
    ValidationStatus, Validity, Viewer,
};

const TAGS: &[&str] = &[
    "budget",
    "sport",
    "mobilite",
    "etat civil",
    "energie",
    "culture",
];
const SUBJECTS: &[&str] = &[
    "Délibérations du conseil",
    "Budget primitif",
    "Subventions aux associations",
    "Équipements sportifs",
    "Prénoms des nouveau-nés",
];

async fn catalogue() -> SqliteStore {
    let store = SqliteStore::open_in_memory().await.expect("catalogue");
    let mut organizations = Vec::new();
    for index in 0..5 {
        let organization = store
            .create_organization(&NewOrganization {
                name: format!("Commune numéro {index}"),
                siren: None,
                kind: OrganizationKind::Commune,
                description: String::new(),
            })
            .await
            .expect("organisation");
        organizations.push(organization);
    }
    for index in 0..240usize {
        let fields = DatasetFields {
            title: format!("{} {index}", SUBJECTS[index % SUBJECTS.len()]),
            description: format!("Jeu de données numéro {index}"),
            licence: ["lov2", "odbl", "cc-by-4.0"][index % 3].into(),
            tags: vec![
                TAGS[index % TAGS.len()].into(),
                TAGS[(index / 4) % TAGS.len()].into(),
            ],
            frequency: "MONTHLY".into(),
            schema_slug: (index % 4 == 0).then(|| "deliberations".to_string()),
            private: index % 9 == 0,
            ..DatasetFields::default()
        };
        let organization = &organizations[index % organizations.len()];
        let dataset = store
            .create_dataset(organization.id, &fields)
            .await
            .expect("dataset");
        store
            .set_published(dataset.id, index % 11 != 3)
            .await
            .expect("publish");
        if index % 13 == 5 {
            store
                .set_dataset_state(dataset.id, DatasetState::Deleted)
                .await
                .expect("delete");
        }
        if index % 17 == 6 {
            store
                .set_dataset_state(dataset.id, DatasetState::Archived)
                .await
                .expect("archive");
        }
        for format in [["csv"], ["xlsx"], ["json"]][index % 3]
            .iter()
            .chain((index % 5 == 0).then_some(&"csv"))
        {
            let new = NewResource {
                title: format!("fichier.{format}"),
                source: ResourceSource::Url {
                    url: format!("https://exemple.fr/{index}.{format}"),
                },
                format: (*format).into(),
                schema_slug: None,
                validation_status: ValidationStatus::None,
            };
            store
                .add_resource(dataset.id, &new)
                .await
                .expect("resource");
        }
        if index % 7 == 2 {
            // The private original of a redacted file: its format must not show.
            let original = NewResource {
                title: "original.ods".into(),
                source: ResourceSource::Url {
                    url: format!("https://exemple.fr/{index}.ods"),
                },
                format: "ods".into(),
                schema_slug: None,
                validation_status: ValidationStatus::None,
            };
            let resource = store
                .add_resource(dataset.id, &original)
                .await
                .expect("resource");
            store
                .set_resource_private(resource.id, true)
                .await
                .expect("private");
        }
    }
    store
}

fn queries() -> Vec<SearchQuery> {
    let base = SearchQuery {
        page: 1,
        per_page: 20,
        ..SearchQuery::default()
    };
    let mut queries = vec![base.clone()];
    for text in [
        "deliberation",
        "budget primitif",
        "prénoms",
        "sportifs",
        "rien du tout",
    ] {
        queries.push(SearchQuery {
            text: text.into(),
            ..base.clone()
        });
    }
    queries.push(SearchQuery {
        tag: Some("sport".into()),
        ..base.clone()
    });
    queries.push(SearchQuery {
        tag: Some("inconnu".into()),
        ..base.clone()
    });
    queries.push(SearchQuery {
        organization: Some("commune-numero-2".into()),
        licence: Some("odbl".into()),
        ..base.clone()
    });
    queries.push(SearchQuery {
        format: Some("CSV".into()),
        schema: Some("deliberations".into()),
        ..base.clone()
    });
    queries.push(SearchQuery {
        validity: Some(Validity::Unknown),
        text: "budget".into(),
        ..base.clone()
    });
    queries.push(SearchQuery {
        page: 3,
        ..base.clone()
    });
    queries.push(SearchQuery {
        page: 500,
        ..base.clone()
    });
    queries.push(SearchQuery {
        text: "subventions".into(),
        tag: Some("budget".into()),
        page: 2,
        per_page: 5,
        ..base.clone()
    });
    // Other pages and page sizes of searches above, which reuse their selection.
    queries.push(SearchQuery {
        text: "deliberation".into(),
        page: 2,
        per_page: 3,
        ..base.clone()
    });
    queries.push(SearchQuery {
        tag: Some("sport".into()),
        page: 2,
        per_page: 2,
        ..base.clone()
    });
    queries
}

#[tokio::test]
async fn index_matches_sql_path() {
    let store = catalogue().await;
    store.rebuild_facet_index().await.expect("index");
    let anonymous = Viewer::anonymous();
    // Twice, so that the second pass reads the ranked text matches kept by the index.
    for query in queries().into_iter().chain(queries()) {
        let expected = store
            .search_uncached(&anonymous, &query)
            .await
            .expect("SQL search");
        let actual = store
            .search_with_index(&anonymous, &query)
            .await
            .expect("indexed search")
            .expect("index is current");
        let expected = serde_json::to_value(&expected).expect("json");
        let actual = serde_json::to_value(&actual).expect("json");
        assert_eq!(actual["total"], expected["total"], "{query:?}");
        assert_eq!(actual["facets"], expected["facets"], "{query:?}");
        assert_eq!(actual["hits"], expected["hits"], "{query:?}");
        assert_eq!(actual, expected, "{query:?}");
    }
}

#[tokio::test]
async fn index_counts_only_public_active() {
    let store = catalogue().await;
    store.rebuild_facet_index().await.expect("index");
    let query = SearchQuery {
        page: 1,
        per_page: 100,
        ..SearchQuery::default()
    };
    let results = store
        .search_with_index(&Viewer::anonymous(), &query)
        .await
        .expect("search")
        .expect("index is current");
    let visible = (0..240usize)
        .filter(|index| index % 9 != 0 && index % 11 != 3 && index % 13 != 5 && index % 17 != 6)
        .count() as u64;
    assert_eq!(results.total, visible);
    let licence_total: u64 = results
        .facets
        .licences
        .iter()
        .map(|value| value.count)
        .sum();
    assert_eq!(licence_total, visible);
    for hit in &results.hits {
        assert!(hit.dataset.published, "{}", hit.dataset.slug);
        assert!(!hit.dataset.fields.private, "{}", hit.dataset.slug);
    }
}

#[tokio::test]
async fn stale_index_not_used() {
    let store = catalogue().await;
    store.rebuild_facet_index().await.expect("index");
    let organization = store
        .organizations()
        .await
        .expect("organisations")
        .remove(0);
    let fields = DatasetFields {
        title: "Nouveau jeu".into(),
        licence: "lov2".into(),
        frequency: "MONTHLY".into(),
        ..DatasetFields::default()
    };
    store
        .create_dataset(organization.id, &fields)
        .await
        .expect("dataset");
    let query = SearchQuery {
        page: 1,
        per_page: 20,
        ..SearchQuery::default()
    };
    let outcome = store
        .search_with_index(&Viewer::anonymous(), &query)
        .await
        .expect("search");
    assert!(outcome.is_none(), "a write makes the index stale");
}

#[tokio::test]
async fn signed_in_viewers_match_sql_path() {
    let store = catalogue().await;
    let organizations = store.organizations().await.expect("organisations");
    let member = store
        .create_user("membre@exemple.fr", "Membre", "mot-de-passe-solide", false)
        .await
        .expect("user");
    for organization in [&organizations[0], &organizations[3]] {
        store
            .set_membership(member.id, organization.id, Role::Member)
            .await
            .expect("membership");
    }
    let outsider = store
        .create_user("autre@exemple.fr", "Autre", "mot-de-passe-solide", false)
        .await
        .expect("user");
    store.rebuild_facet_index().await.expect("index");
    let viewers = [
        Viewer {
            user_id: Some(member.id),
            platform_admin: false,
        },
        Viewer {
            user_id: Some(outsider.id),
            platform_admin: false,
        },
        Viewer {
            user_id: None,
            platform_admin: true,
        },
    ];
    for viewer in &viewers {
        for query in queries().into_iter().chain(queries()) {
            let expected = store
                .search_uncached(viewer, &query)
                .await
                .expect("SQL search");
            let actual = store
                .search_with_index(viewer, &query)
                .await
                .expect("indexed search")
                .expect("index is current");
            let expected = serde_json::to_value(&expected).expect("json");
            let actual = serde_json::to_value(&actual).expect("json");
            assert_eq!(actual["total"], expected["total"], "{viewer:?} {query:?}");
            assert_eq!(actual["facets"], expected["facets"], "{viewer:?} {query:?}");
            assert_eq!(actual["hits"], expected["hits"], "{viewer:?} {query:?}");
        }
    }

    // The member finds the private and draft datasets of its two organisations only.
    let all = SearchQuery {
        page: 1,
        per_page: 100,
        ..SearchQuery::default()
    };
    let anonymous_total = store
        .search_with_index(&Viewer::anonymous(), &all)
        .await
        .expect("search")
        .expect("index is current")
        .total;
    let member_total = store
        .search_with_index(&viewers[0], &all)
        .await
        .expect("search")
        .expect("index is current")
        .total;
    let hidden_in_member_organizations = (0..240usize)
        .filter(|index| index % 13 != 5 && index % 17 != 6)
        .filter(|index| index % 9 == 0 || index % 11 == 3)
        .filter(|index| index % 5 == 0 || index % 5 == 3)
        .count() as u64;
    assert!(hidden_in_member_organizations > 0);
    assert_eq!(
        member_total,
        anonymous_total + hidden_in_member_organizations
    );
}

#[tokio::test]
async fn private_resource_formats_hidden() {
    let store = catalogue().await;
    store.rebuild_facet_index().await.expect("index");
    let anonymous = Viewer::anonymous();
    let all = SearchQuery {
        page: 1,
        per_page: 20,
        ..SearchQuery::default()
    };
    let only_ods = SearchQuery {
        format: Some("ods".into()),
        ..all.clone()
    };

    let sql = store
        .search_uncached(&anonymous, &all)
        .await
        .expect("SQL search");
    let indexed = store
        .search_with_index(&anonymous, &all)
        .await
        .expect("indexed search")
        .expect("index is current");
    for results in [&sql, &indexed] {
        let facets = serde_json::to_value(&results.facets).expect("json");
        assert!(!facets.to_string().contains("\"ods\""), "{facets}");
    }

    let sql = store
        .search_uncached(&anonymous, &only_ods)
        .await
        .expect("SQL search");
    let indexed = store
        .search_with_index(&anonymous, &only_ods)
        .await
        .expect("indexed search")
        .expect("index is current");
    assert_eq!(sql.total, 0);
    assert_eq!(indexed.total, 0);
}
