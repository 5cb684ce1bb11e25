//! Publication holds: resources of a published dataset kept private until their
//! personal-data scan is done and, when it needs one, an editor's confirmation is given.
//!
//! A held resource has `private = 1`, so every door that hides private resources (pages,
//! downloads, the CKAN API, DCAT, search) hides it too. The `publication_holds` row tells a
//! held resource apart from one an editor made private on purpose.

use std::collections::HashSet;

use sqlx::Row;
use uuid::Uuid;

use super::SqliteStore;
use crate::model::Resource;
use crate::store::{NewResource, ResourceStore};
use crate::{Error, now};

impl SqliteStore {
    /// Makes a resource private until [`SqliteStore::release_hold`] is called, and returns
    /// whether a hold was placed. A resource that is already private without a hold stays
    /// private and gets no hold, so its release cannot publish it.
    pub async fn hold_resource(&self, id: Uuid) -> Result<bool, Error> {
        let mut transaction = self.pool.begin().await?;
        let row = sqlx::query(
            "SELECT r.private, h.resource_id IS NOT NULL AS held FROM resources r \
             LEFT JOIN publication_holds h ON h.resource_id = r.id WHERE r.id = ?",
        )
        .bind(id.to_string())
        .fetch_optional(&mut *transaction)
        .await?
        .ok_or_else(|| Error::not_found("resource", id))?;
        let private = row.try_get::<i64, _>("private")? != 0;
        let held = row.try_get::<i64, _>("held")? != 0;
        if private && !held {
            return Ok(false);
        }
        let at = now();
        let dataset_id: String = sqlx::query_scalar(
            "UPDATE resources SET private = 1, modified_at = ? WHERE id = ? RETURNING dataset_id",
        )
        .bind(&at)
        .bind(id.to_string())
        .fetch_one(&mut *transaction)
        .await?;
        sqlx::query("INSERT OR IGNORE INTO publication_holds (resource_id, held_at) VALUES (?, ?)")
            .bind(id.to_string())
            .bind(&at)
            .execute(&mut *transaction)
            .await?;
        super::datasets::update_validity(&mut transaction, &dataset_id).await?;
        transaction.commit().await?;
        self.search_cache.clear();
        Ok(true)
    }

    /// Adds a resource that is held from the start, in one transaction, so no reader sees
    /// it before its hold.
    pub async fn add_held_resource(
        &self,
        dataset_id: Uuid,
        new: &NewResource,
    ) -> Result<Resource, Error> {
        let mut transaction = self.pool.begin().await?;
        let id = super::datasets::insert_resource(&mut transaction, dataset_id, new, true).await?;
        sqlx::query("INSERT INTO publication_holds (resource_id, held_at) VALUES (?, ?)")
            .bind(id.to_string())
            .bind(now())
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        self.search_cache.clear();
        self.resource(id)
            .await?
            .ok_or_else(|| Error::not_found("resource", id))
    }

    /// Lifts the hold of a resource and makes it public again, and returns whether it was
    /// held. A resource without a hold is left as it is.
    pub async fn release_hold(&self, id: Uuid) -> Result<bool, Error> {
        let mut transaction = self.pool.begin().await?;
        let deleted = sqlx::query("DELETE FROM publication_holds WHERE resource_id = ?")
            .bind(id.to_string())
            .execute(&mut *transaction)
            .await?;
        if deleted.rows_affected() == 0 {
            return Ok(false);
        }
        let dataset_id: String = sqlx::query_scalar(
            "UPDATE resources SET private = 0, modified_at = ? WHERE id = ? RETURNING dataset_id",
        )
        .bind(now())
        .bind(id.to_string())
        .fetch_one(&mut *transaction)
        .await?;
        super::datasets::update_validity(&mut transaction, &dataset_id).await?;
        transaction.commit().await?;
        self.search_cache.clear();
        Ok(true)
    }

    /// Removes the hold of a resource and leaves it private, as when its redacted copy is
    /// published in its place.
    pub async fn drop_hold(&self, id: Uuid) -> Result<(), Error> {
        sqlx::query("DELETE FROM publication_holds WHERE resource_id = ?")
            .bind(id.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Returns whether a resource is held.
    pub async fn is_held(&self, id: Uuid) -> Result<bool, Error> {
        let row = sqlx::query("SELECT 1 FROM publication_holds WHERE resource_id = ?")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    /// Returns the held resources of a dataset.
    pub async fn held_resources(&self, dataset_id: Uuid) -> Result<HashSet<Uuid>, Error> {
        let rows = sqlx::query(
            "SELECT h.resource_id FROM publication_holds h \
             JOIN resources r ON r.id = h.resource_id WHERE r.dataset_id = ?",
        )
        .bind(dataset_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut held = HashSet::new();
        for row in rows {
            let text: String = row.try_get("resource_id")?;
            let id = Uuid::parse_str(&text).map_err(|error| Error::Corrupt(error.to_string()))?;
            held.insert(id);
        }
        Ok(held)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        DatasetFields, NewOrganization, OrganizationKind, ResourceSource, ValidationStatus,
    };
    use crate::store::{DatasetStore, NewResource, OrganizationStore, ResourceStore};

    async fn store_with_resource() -> (SqliteStore, Uuid) {
        let store = SqliteStore::open_in_memory().await.expect("open store");
        let organization = store
            .create_organization(&NewOrganization {
                name: "Commune de Test".into(),
                siren: None,
                kind: OrganizationKind::Commune,
                description: String::new(),
            })
            .await
            .expect("organisation");
        let fields = DatasetFields {
            title: "Délibérations".into(),
            licence: "lov2".into(),
            frequency: "ANNUAL".into(),
            ..DatasetFields::default()
        };
        let dataset = store
            .create_dataset(organization.id, &fields)
            .await
            .expect("dataset");
        let new = NewResource {
            title: "a.csv".into(),
            source: ResourceSource::Url {
                url: "https://example.org/a.csv".into(),
            },
            format: "csv".into(),
            schema_slug: None,
            validation_status: ValidationStatus::None,
        };
        let resource = store
            .add_resource(dataset.id, &new)
            .await
            .expect("resource");
        (store, resource.id)
    }

    async fn is_private(store: &SqliteStore, id: Uuid) -> bool {
        store
            .resource(id)
            .await
            .expect("read")
            .expect("resource")
            .private
    }

    #[tokio::test]
    async fn hold_then_release() {
        let (store, id) = store_with_resource().await;
        assert!(store.hold_resource(id).await.expect("hold"));
        assert!(is_private(&store, id).await);
        assert!(store.is_held(id).await.expect("read hold"));
        let dataset_id = store.resource(id).await.unwrap().unwrap().dataset_id;
        assert!(
            store
                .held_resources(dataset_id)
                .await
                .unwrap()
                .contains(&id)
        );

        assert!(store.release_hold(id).await.expect("release"));
        assert!(!is_private(&store, id).await);
        assert!(!store.is_held(id).await.expect("read hold"));
        assert!(!store.release_hold(id).await.expect("second release"));
    }

    #[tokio::test]
    async fn held_resource_added_private() {
        let (store, link_id) = store_with_resource().await;
        let dataset_id = store.resource(link_id).await.unwrap().unwrap().dataset_id;
        let new = NewResource {
            title: "b.csv".into(),
            source: ResourceSource::File {
                file_name: "b.csv".into(),
                storage_key: "1".repeat(64),
                size: 1,
                sha256: "1".repeat(64),
            },
            format: "csv".into(),
            schema_slug: None,
            validation_status: ValidationStatus::Pending,
        };
        let added = store
            .add_held_resource(dataset_id, &new)
            .await
            .expect("add");
        assert!(added.private);
        assert!(store.is_held(added.id).await.expect("read hold"));
        assert!(store.release_hold(added.id).await.expect("release"));
        assert!(!is_private(&store, added.id).await);
    }

    #[tokio::test]
    async fn private_resource_not_held() {
        let (store, id) = store_with_resource().await;
        store.set_resource_private(id, true).await.expect("private");
        assert!(!store.hold_resource(id).await.expect("hold"));
        assert!(!store.release_hold(id).await.expect("release"));
        assert!(is_private(&store, id).await, "release must not publish it");
    }

    async fn dataset_validity(store: &SqliteStore, dataset_id: Uuid) -> String {
        let validity: String = sqlx::query_scalar("SELECT validity FROM datasets WHERE id = ?")
            .bind(dataset_id.to_string())
            .fetch_one(&store.pool)
            .await
            .expect("read validity");
        validity
    }

    #[tokio::test]
    async fn held_invalid_file_left_out_of_validity() {
        let (store, valid_id) = store_with_resource().await;
        let dataset_id = store.resource(valid_id).await.unwrap().unwrap().dataset_id;
        store
            .set_validation(valid_id, ValidationStatus::Valid, None)
            .await
            .expect("valid");
        assert_eq!(dataset_validity(&store, dataset_id).await, "valid");

        let new = NewResource {
            title: "c.csv".into(),
            source: ResourceSource::File {
                file_name: "c.csv".into(),
                storage_key: "2".repeat(64),
                size: 1,
                sha256: "2".repeat(64),
            },
            format: "csv".into(),
            schema_slug: None,
            validation_status: ValidationStatus::Pending,
        };
        let held = store
            .add_held_resource(dataset_id, &new)
            .await
            .expect("add");
        store
            .set_validation(held.id, ValidationStatus::Invalid, None)
            .await
            .expect("invalid");
        assert_eq!(
            dataset_validity(&store, dataset_id).await,
            "valid",
            "a held file must not change the public validity"
        );

        assert!(store.release_hold(held.id).await.expect("release"));
        assert_eq!(dataset_validity(&store, dataset_id).await, "invalid");

        assert!(store.hold_resource(held.id).await.expect("hold again"));
        assert_eq!(dataset_validity(&store, dataset_id).await, "valid");

        store
            .set_resource_private(valid_id, true)
            .await
            .expect("private");
        assert_eq!(dataset_validity(&store, dataset_id).await, "unknown");
    }
}
