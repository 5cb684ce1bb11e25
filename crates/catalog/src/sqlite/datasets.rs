//! Datasets, their tags, search index rows and resources in SQLite.
//!
//! A dataset's row, tags and index row change in one transaction, so search never finds
//! a dataset whose page would show something else.

use sqlx::{Row, Sqlite, Transaction};
use uuid::Uuid;

use super::accounts::unique_slug;
use super::{HIT_COLUMNS, SqliteStore, hit_from_row, push_access, push_visibility, uuid_column};
use crate::model::{
    Dataset, DatasetFields, Resource, ResourceSource, ValidationStatus, Viewer, slugify,
};
use crate::search::DatasetHit;
use crate::store::{DatasetStore, NewResource, ResourceStore};
use crate::text::index_body;
use crate::{Error, now};

impl DatasetStore for SqliteStore {
    async fn create_dataset(
        &self,
        organization_id: Uuid,
        fields: &DatasetFields,
    ) -> Result<Dataset, Error> {
        fields.check()?;
        let id = Uuid::new_v4();
        let slug = unique_slug(self, "datasets", &slugify(&fields.title, "jeu-de-donnees")).await?;
        let time = now();
        let mut transaction = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO datasets (id, slug, organization_id, title, description, licence, frequency, temporal_start, \
             temporal_end, spatial, contact_name, contact_email, schema_slug, private, published, created_at, modified_at) \
             VALUES (?, ?, ?, '', '', '', '', NULL, NULL, '[]', '', '', NULL, 0, 0, ?, ?)",
        )
        .bind(id.to_string())
        .bind(&slug)
        .bind(organization_id.to_string())
        .bind(&time)
        .bind(&time)
        .execute(&mut *transaction)
        .await?;
        self.write_fields(&mut transaction, id, fields).await?;
        transaction.commit().await?;
        self.search_cache.clear();
        self.dataset_by_id(id).await
    }

    async fn update_dataset(&self, id: Uuid, fields: &DatasetFields) -> Result<Dataset, Error> {
        fields.check()?;
        let mut transaction = self.pool.begin().await?;
        self.write_fields(&mut transaction, id, fields).await?;
        transaction.commit().await?;
        self.search_cache.clear();
        self.dataset_by_id(id).await
    }

    async fn set_published(&self, id: Uuid, published: bool) -> Result<(), Error> {
        let done = sqlx::query("UPDATE datasets SET published = ?, modified_at = ? WHERE id = ?")
            .bind(published)
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

    async fn dataset(
        &self,
        viewer: &Viewer,
        slug_or_id: &str,
    ) -> Result<Option<DatasetHit>, Error> {
        let mut builder = sqlx::QueryBuilder::new(format!(
            "SELECT {HIT_COLUMNS} FROM datasets d JOIN organizations o ON o.id = d.organization_id WHERE (d.slug = "
        ));
        builder.push_bind(slug_or_id.to_string());
        builder.push(" OR d.id = ");
        builder.push_bind(slug_or_id.to_string());
        // An archived dataset keeps its page, with a notice; a deleted one has none.
        builder.push(") AND d.state <> 'deleted' AND ");
        push_access(&mut builder, viewer);
        let row = builder.build().fetch_optional(&self.pool).await?;
        row.as_ref().map(hit_from_row).transpose()
    }

    async fn latest_datasets(&self, viewer: &Viewer, limit: u32) -> Result<Vec<DatasetHit>, Error> {
        let mut builder = sqlx::QueryBuilder::new(format!(
            "SELECT {HIT_COLUMNS} FROM datasets d JOIN organizations o ON o.id = d.organization_id WHERE "
        ));
        push_visibility(&mut builder, viewer);
        builder.push(" ORDER BY d.modified_at DESC LIMIT ");
        builder.push_bind(i64::from(limit));
        let rows = builder.build().fetch_all(&self.pool).await?;
        rows.iter().map(hit_from_row).collect()
    }
}

impl SqliteStore {
    /// Reads a dataset regardless of visibility, for the write paths that just checked it.
    pub(super) async fn dataset_by_id(&self, id: Uuid) -> Result<Dataset, Error> {
        let viewer = Viewer {
            user_id: None,
            platform_admin: true,
        };
        let hit = self.dataset(&viewer, &id.to_string()).await?;
        hit.map(|hit| hit.dataset)
            .ok_or_else(|| Error::not_found("dataset", id))
    }

    /// Writes the editable fields, the tags and the search index row of a dataset.
    pub(super) async fn write_fields(
        &self,
        transaction: &mut Transaction<'_, Sqlite>,
        id: Uuid,
        fields: &DatasetFields,
    ) -> Result<(), Error> {
        let id_text = id.to_string();
        let spatial = serde_json::to_string(&fields.spatial)
            .map_err(|error| Error::Corrupt(error.to_string()))?;
        let done = sqlx::query(
            "UPDATE datasets SET title = ?, description = ?, licence = ?, frequency = ?, temporal_start = ?, \
             temporal_end = ?, spatial = ?, contact_name = ?, contact_email = ?, schema_slug = ?, private = ?, \
             modified_at = ? WHERE id = ?",
        )
        .bind(fields.title.trim())
        .bind(&fields.description)
        .bind(&fields.licence)
        .bind(&fields.frequency)
        .bind(&fields.temporal_start)
        .bind(&fields.temporal_end)
        .bind(spatial)
        .bind(fields.contact_name.trim())
        .bind(fields.contact_email.trim())
        .bind(&fields.schema_slug)
        .bind(fields.private)
        .bind(now())
        .bind(&id_text)
        .execute(&mut **transaction)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("dataset", id));
        }

        sqlx::query("DELETE FROM dataset_tags WHERE dataset_id = ?")
            .bind(&id_text)
            .execute(&mut **transaction)
            .await?;
        for tag in &fields.tags {
            let tag = tag.trim();
            if tag.is_empty() {
                continue;
            }
            sqlx::query("INSERT OR IGNORE INTO dataset_tags (dataset_id, tag) VALUES (?, ?)")
                .bind(&id_text)
                .bind(tag)
                .execute(&mut **transaction)
                .await?;
        }

        let organization: String =
            sqlx::query_scalar("SELECT o.name FROM organizations o JOIN datasets d ON d.organization_id = o.id WHERE d.id = ?")
                .bind(&id_text)
                .fetch_one(&mut **transaction)
                .await?;
        let tags = fields.tags.join(" ");
        let body = index_body(
            &self.analyzer,
            &[&fields.title, &fields.description, &tags, &organization],
        );
        sqlx::query("DELETE FROM datasets_fts WHERE dataset_id = ?")
            .bind(&id_text)
            .execute(&mut **transaction)
            .await?;
        sqlx::query("INSERT INTO datasets_fts (dataset_id, body) VALUES (?, ?)")
            .bind(&id_text)
            .bind(body)
            .execute(&mut **transaction)
            .await?;
        Ok(())
    }
}

pub(super) fn resource_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<Resource, Error> {
    let kind: String = row.try_get("kind")?;
    let source = match kind.as_str() {
        "file" => ResourceSource::File {
            file_name: row
                .try_get::<Option<String>, _>("file_name")?
                .unwrap_or_default(),
            storage_key: row
                .try_get::<Option<String>, _>("storage_key")?
                .unwrap_or_default(),
            size: u64::try_from(row.try_get::<Option<i64>, _>("size")?.unwrap_or(0)).unwrap_or(0),
            sha256: row
                .try_get::<Option<String>, _>("sha256")?
                .unwrap_or_default(),
        },
        _ => ResourceSource::Url {
            url: row.try_get::<Option<String>, _>("url")?.unwrap_or_default(),
        },
    };
    let status: String = row.try_get("validation_status")?;
    let report: Option<String> = row.try_get("report")?;
    Ok(Resource {
        id: uuid_column(row, "id")?,
        dataset_id: uuid_column(row, "dataset_id")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        source,
        format: row.try_get("format")?,
        schema_slug: row.try_get("schema_slug")?,
        validation_status: ValidationStatus::from_code(&status)
            .ok_or_else(|| Error::Corrupt(format!("validation status {status}")))?,
        report: report
            .map(|text| serde_json::from_str(&text))
            .transpose()
            .map_err(|error| Error::Corrupt(error.to_string()))?,
        private: row.try_get::<i64, _>("private")? != 0,
        created_at: row.try_get("created_at")?,
        modified_at: row.try_get("modified_at")?,
    })
}

impl ResourceStore for SqliteStore {
    async fn add_resource(&self, dataset_id: Uuid, new: &NewResource) -> Result<Resource, Error> {
        let mut transaction = self.pool.begin().await?;
        let id = insert_resource(&mut transaction, dataset_id, new, false).await?;
        transaction.commit().await?;
        self.search_cache.clear();
        self.resource(id)
            .await?
            .ok_or_else(|| Error::not_found("resource", id))
    }

    async fn resources(&self, dataset_id: Uuid) -> Result<Vec<Resource>, Error> {
        let rows =
            sqlx::query("SELECT * FROM resources WHERE dataset_id = ? ORDER BY created_at DESC")
                .bind(dataset_id.to_string())
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(resource_from_row).collect()
    }

    async fn resource(&self, id: Uuid) -> Result<Option<Resource>, Error> {
        let row = sqlx::query("SELECT * FROM resources WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(resource_from_row).transpose()
    }

    async fn set_resource_private(&self, id: Uuid, private: bool) -> Result<(), Error> {
        let mut transaction = self.pool.begin().await?;
        let dataset_id: Option<String> = sqlx::query_scalar(
            "UPDATE resources SET private = ?, modified_at = ? WHERE id = ? RETURNING dataset_id",
        )
        .bind(i64::from(private))
        .bind(now())
        .bind(id.to_string())
        .fetch_optional(&mut *transaction)
        .await?;
        let Some(dataset_id) = dataset_id else {
            return Err(Error::not_found("resource", id));
        };
        update_validity(&mut transaction, &dataset_id).await?;
        transaction.commit().await?;
        self.search_cache.clear();
        Ok(())
    }

    async fn set_validation(
        &self,
        id: Uuid,
        status: ValidationStatus,
        report: Option<&serde_json::Value>,
    ) -> Result<(), Error> {
        let report = report
            .map(serde_json::to_string)
            .transpose()
            .map_err(|error| Error::Corrupt(error.to_string()))?;
        let mut transaction = self.pool.begin().await?;
        let dataset_id: Option<String> = sqlx::query_scalar(
            "UPDATE resources SET validation_status = ?, report = COALESCE(?, report), modified_at = ? WHERE id = ? RETURNING dataset_id",
        )
        .bind(status.code())
        .bind(report)
        .bind(now())
        .bind(id.to_string())
        .fetch_optional(&mut *transaction)
        .await?;
        let Some(dataset_id) = dataset_id else {
            return Err(Error::not_found("resource", id));
        };
        update_validity(&mut transaction, &dataset_id).await?;
        transaction.commit().await?;
        self.search_cache.clear();
        Ok(())
    }

    async fn unfinished_validations(&self) -> Result<Vec<Resource>, Error> {
        let rows = sqlx::query("SELECT * FROM resources WHERE validation_status IN ('pending', 'running') ORDER BY created_at")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(resource_from_row).collect()
    }
}

/// Recomputes a dataset's validity from its public resources: invalid when one validated
/// resource is invalid or failed, valid when at least one is valid and none is, unknown
/// otherwise. Private resources, held ones included, are left out. Visitors see the
/// validity on the badge and in the search facet, and they cannot see those files.
pub(super) async fn update_validity(
    transaction: &mut Transaction<'_, Sqlite>,
    dataset_id: &str,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE datasets SET validity = COALESCE((SELECT CASE \
           WHEN SUM(validation_status IN ('invalid', 'failed')) > 0 THEN 'invalid' \
           WHEN SUM(validation_status = 'valid') > 0 THEN 'valid' ELSE 'unknown' END \
         FROM resources WHERE dataset_id = ? AND private = 0), 'unknown') WHERE id = ?",
    )
    .bind(dataset_id)
    .bind(dataset_id)
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

/// Inserts a resource row, private or not, and touches its dataset. Returns the new id.
pub(super) async fn insert_resource(
    transaction: &mut Transaction<'_, Sqlite>,
    dataset_id: Uuid,
    new: &NewResource,
    private: bool,
) -> Result<Uuid, Error> {
    let id = Uuid::new_v4();
    let time = now();
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
    sqlx::query(
            "INSERT INTO resources (id, dataset_id, title, kind, url, file_name, storage_key, format, size, sha256, \
             schema_slug, validation_status, private, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(dataset_id.to_string())
        .bind(new.title.trim())
        .bind(kind)
        .bind(url)
        .bind(file_name)
        .bind(storage_key)
        .bind(new.format.to_lowercase())
        .bind(size)
        .bind(sha256)
        .bind(&new.schema_slug)
        .bind(new.validation_status.code())
        .bind(i64::from(private))
        .bind(&time)
        .bind(&time)
        .execute(&mut **transaction)
        .await?;
    sqlx::query("UPDATE datasets SET modified_at = ? WHERE id = ?")
        .bind(&time)
        .bind(dataset_id.to_string())
        .execute(&mut **transaction)
        .await?;
    Ok(id)
}
