//! Named creation, full replacement, soft deletion and resource edits in SQLite.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Row, Sqlite};
use uuid::Uuid;

use super::datasets::resource_from_row;
use super::{SqliteStore, push_visibility, uuid_column};
use crate::lifecycle::{DatasetState, LifecycleStore, OrganizationCount, check_name};
use crate::model::{Dataset, DatasetFields, Resource, ResourceSource, ValidationStatus, Viewer};
use crate::store::NewResource;
use crate::{Error, now};

/// Columns of a resource without its report, which can be large and listings never show.
const RESOURCE_COLUMNS: &str = "id, dataset_id, title, description, kind, url, file_name, storage_key, format, \
     size, sha256, schema_slug, validation_status, NULL AS report, private, created_at, modified_at";

impl LifecycleStore for SqliteStore {
    async fn create_named_dataset(
        &self,
        organization_id: Uuid,
        name: Option<&str>,
        fields: &DatasetFields,
        published: bool,
    ) -> Result<Dataset, Error> {
        fields.check()?;
        let slug = match name {
            Some(name) => {
                check_name(name)?;
                self.check_name_free(name, None).await?;
                name.to_string()
            }
            None => {
                let base = crate::model::slugify(&fields.title, "jeu-de-donnees");
                super::accounts::unique_slug(self, "datasets", &base).await?
            }
        };
        let id = Uuid::new_v4();
        let time = now();
        let mut transaction = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO datasets (id, slug, organization_id, title, description, licence, frequency, temporal_start, \
             temporal_end, spatial, contact_name, contact_email, schema_slug, private, published, created_at, modified_at) \
             VALUES (?, ?, ?, '', '', '', '', NULL, NULL, '[]', '', '', NULL, 0, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(&slug)
        .bind(organization_id.to_string())
        .bind(published)
        .bind(&time)
        .bind(&time)
        .execute(&mut *transaction)
        .await
        .map_err(|error| name_conflict(error, "name"))?;
        self.write_fields(&mut transaction, id, fields).await?;
        transaction.commit().await?;
        self.search_cache.clear();
        self.dataset_by_id(id).await
    }

    async fn replace_dataset(
        &self,
        id: Uuid,
        name: &str,
        fields: &DatasetFields,
        published: bool,
    ) -> Result<Dataset, Error> {
        fields.check()?;
        check_name(name)?;
        self.check_name_free(name, Some(id)).await?;
        let mut transaction = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE datasets SET slug = ?, published = ? WHERE id = ? AND state <> 'deleted'",
        )
        .bind(name)
        .bind(published)
        .bind(id.to_string())
        .execute(&mut *transaction)
        .await
        .map_err(|error| name_conflict(error, "name"))?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("dataset", id));
        }
        self.write_fields(&mut transaction, id, fields).await?;
        transaction.commit().await?;
        self.search_cache.clear();
        self.dataset_by_id(id).await
    }

    async fn set_dataset_state(&self, id: Uuid, state: DatasetState) -> Result<(), Error> {
        let done = sqlx::query("UPDATE datasets SET state = ?, modified_at = ? WHERE id = ?")
            .bind(state.code())
            .bind(now())
            .bind(id.to_string())
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("dataset", id));
        }
        self.search_cache.clear();
        Ok(())
    }

    async fn update_resource(
        &self,
        id: Uuid,
        new: &NewResource,
        description: &str,
    ) -> Result<Resource, Error> {
        let (kind, url, file_name, storage_key, size, sha256) = match &new.source {
            ResourceSource::File {
                file_name,
                storage_key,
                size,
                sha256,
            } => (
                "file",
                None,
                Some(file_name.clone()),
                Some(storage_key.clone()),
                i64::try_from(*size).ok(),
                Some(sha256.clone()),
            ),
            ResourceSource::Url { url } => ("url", Some(url.clone()), None, None, None, None),
        };
        let time = now();
        let pending = new.validation_status == ValidationStatus::Pending;
        let mut transaction = self.pool.begin().await?;
        let dataset_id: Option<String> = sqlx::query_scalar(
            "UPDATE resources SET title = ?, description = ?, kind = ?, url = ?, file_name = ?, storage_key = ?, \
             format = ?, size = ?, sha256 = ?, schema_slug = ?, validation_status = ?, \
             report = CASE WHEN ? THEN NULL ELSE report END, modified_at = ? WHERE id = ? RETURNING dataset_id",
        )
        .bind(new.title.trim())
        .bind(description)
        .bind(kind)
        .bind(url)
        .bind(file_name)
        .bind(storage_key)
        .bind(new.format.to_lowercase())
        .bind(size)
        .bind(sha256)
        .bind(&new.schema_slug)
        .bind(new.validation_status.code())
        .bind(pending)
        .bind(&time)
        .bind(id.to_string())
        .fetch_optional(&mut *transaction)
        .await?;
        let Some(dataset_id) = dataset_id else {
            return Err(Error::not_found("resource", id));
        };
        touch_dataset(&mut transaction, &dataset_id, &time).await?;
        transaction.commit().await?;
        self.search_cache.clear();
        let row = sqlx::query("SELECT * FROM resources WHERE id = ?")
            .bind(id.to_string())
            .fetch_one(&self.pool)
            .await?;
        resource_from_row(&row)
    }

    async fn delete_resource(&self, id: Uuid) -> Result<(), Error> {
        let mut transaction = self.pool.begin().await?;
        let dataset_id: Option<String> =
            sqlx::query_scalar("DELETE FROM resources WHERE id = ? RETURNING dataset_id")
                .bind(id.to_string())
                .fetch_optional(&mut *transaction)
                .await?;
        let Some(dataset_id) = dataset_id else {
            return Err(Error::not_found("resource", id));
        };
        touch_dataset(&mut transaction, &dataset_id, &now()).await?;
        super::datasets::update_validity(&mut transaction, &dataset_id).await?;
        transaction.commit().await?;
        self.search_cache.clear();
        Ok(())
    }

    async fn resources_of(
        &self,
        dataset_ids: &[Uuid],
    ) -> Result<HashMap<Uuid, Vec<Resource>>, Error> {
        let mut by_dataset: HashMap<Uuid, Vec<Resource>> = HashMap::new();
        // SQLite accepts 32766 bound values; pages are at most 1000 datasets.
        for chunk in dataset_ids.chunks(1000) {
            let mut builder: QueryBuilder<'_, Sqlite> = QueryBuilder::new(format!(
                "SELECT {RESOURCE_COLUMNS} FROM resources WHERE dataset_id IN ("
            ));
            let mut separated = builder.separated(", ");
            for id in chunk {
                separated.push_bind(id.to_string());
            }
            builder.push(") ORDER BY dataset_id, created_at, id");
            for row in builder.build().fetch_all(&self.pool).await? {
                let resource = resource_from_row(&row)?;
                by_dataset
                    .entry(resource.dataset_id)
                    .or_default()
                    .push(resource);
            }
        }
        Ok(by_dataset)
    }

    async fn public_dataset_counts(&self) -> Result<Vec<OrganizationCount>, Error> {
        let rows = sqlx::query(
            "SELECT organization_id, COUNT(*) AS count FROM datasets d \
             WHERE d.state = 'active' AND d.published = 1 AND d.private = 0 GROUP BY organization_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(OrganizationCount {
                    organization_id: uuid_column(row, "organization_id")?,
                    count: u64::try_from(row.try_get::<i64, _>("count")?).unwrap_or(0),
                })
            })
            .collect()
    }

    async fn visible_tags(&self, viewer: &Viewer) -> Result<Vec<String>, Error> {
        let mut builder: QueryBuilder<'_, Sqlite> = QueryBuilder::new(
            "SELECT DISTINCT t.tag FROM dataset_tags t JOIN datasets d ON d.id = t.dataset_id WHERE ",
        );
        push_visibility(&mut builder, viewer);
        builder.push(" ORDER BY t.tag");
        let rows = builder.build().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| row.try_get::<String, _>("tag").map_err(Error::from))
            .collect()
    }

    async fn remove_membership(&self, user_id: Uuid, organization_id: Uuid) -> Result<bool, Error> {
        let done = sqlx::query("DELETE FROM memberships WHERE user_id = ? AND organization_id = ?")
            .bind(user_id.to_string())
            .bind(organization_id.to_string())
            .execute(&self.pool)
            .await?;
        self.search_cache.clear();
        Ok(done.rows_affected() > 0)
    }

    async fn public_dataset_names(&self, limit: u32, offset: u64) -> Result<Vec<String>, Error> {
        let names = sqlx::query_scalar(
            "SELECT slug FROM datasets d WHERE d.state = 'active' AND d.published = 1 AND d.private = 0 \
             ORDER BY slug LIMIT ? OFFSET ?",
        )
        .bind(i64::from(limit))
        .bind(i64::try_from(offset).unwrap_or(i64::MAX))
        .fetch_all(&self.pool)
        .await?;
        Ok(names)
    }
}

impl SqliteStore {
    /// Rejects a name held by another dataset, deleted ones included, on field `name`.
    async fn check_name_free(&self, name: &str, except: Option<Uuid>) -> Result<(), Error> {
        let holder: Option<String> = sqlx::query_scalar("SELECT id FROM datasets WHERE slug = ?")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        match holder {
            Some(holder) if Some(holder.as_str()) != except.map(|id| id.to_string()).as_deref() => {
                Err(Error::invalid("name", "api-error-name-taken"))
            }
            _ => Ok(()),
        }
    }
}

/// Marks a dataset modified, because one of its resources changed.
async fn touch_dataset(
    transaction: &mut sqlx::Transaction<'_, Sqlite>,
    dataset_id: &str,
    time: &str,
) -> Result<(), Error> {
    sqlx::query("UPDATE datasets SET modified_at = ? WHERE id = ?")
        .bind(time)
        .bind(dataset_id)
        .execute(&mut **transaction)
        .await?;
    Ok(())
}

/// Turns the unique-slug violation of a concurrent writer into the same error as
/// [`SqliteStore::check_name_free`].
fn name_conflict(error: sqlx::Error, field: &'static str) -> Error {
    match &error {
        sqlx::Error::Database(database) if database.is_unique_violation() => {
            Error::invalid(field, "api-error-name-taken")
        }
        _ => Error::from(error),
    }
}
