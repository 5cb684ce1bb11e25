//! The public catalogue read in keyset batches for exports, in SQLite.
//!
//! Datasets are ordered by `id`, the primary key, so `id > ?` walks its index. A batch
//! is three queries: the datasets with their tags, their organisations, and their public
//! resources.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Row, Sqlite};
use uuid::Uuid;

use super::{HIT_COLUMNS, SqliteStore, hit_from_row, organization_from_row, uuid_column};
use crate::Error;
use crate::export::{ExportScope, ExportStore, ExportedDataset, ExportedResource};
use crate::harvest::SourceDates;
use crate::model::Organization;

/// Visibility of an exported dataset (alias `d`): what an anonymous visitor may see.
const PUBLIC_DATASET: &str = "d.state = 'active' AND d.published = 1 AND d.private = 0";

fn push_scope(builder: &mut QueryBuilder<'_, Sqlite>, scope: ExportScope) {
    builder.push(PUBLIC_DATASET);
    if let Some(organization_id) = scope.organization_id {
        builder.push(" AND d.organization_id = ");
        builder.push_bind(organization_id.to_string());
    }
}

impl ExportStore for SqliteStore {
    async fn count_public_datasets(&self, scope: ExportScope) -> Result<u64, Error> {
        let mut builder = QueryBuilder::new("SELECT COUNT(*) FROM datasets d WHERE ");
        push_scope(&mut builder, scope);
        let count: i64 = builder.build().fetch_one(&self.pool).await?.try_get(0)?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    async fn public_dataset_id_at(
        &self,
        scope: ExportScope,
        after: Option<Uuid>,
        index: u64,
    ) -> Result<Option<Uuid>, Error> {
        let mut builder = QueryBuilder::new("SELECT d.id FROM datasets d WHERE ");
        push_scope(&mut builder, scope);
        if let Some(after) = after {
            builder.push(" AND d.id > ");
            builder.push_bind(after.to_string());
        }
        builder.push(" ORDER BY d.id LIMIT 1 OFFSET ");
        builder.push_bind(i64::try_from(index).unwrap_or(i64::MAX));
        let row = builder.build().fetch_optional(&self.pool).await?;
        row.map(|row| uuid_column(&row, "id")).transpose()
    }

    async fn public_datasets_after(
        &self,
        scope: ExportScope,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<ExportedDataset>, Error> {
        let mut builder = QueryBuilder::new(format!(
            "SELECT {HIT_COLUMNS} FROM datasets d JOIN organizations o ON o.id = d.organization_id WHERE "
        ));
        push_scope(&mut builder, scope);
        if let Some(after) = after {
            builder.push(" AND d.id > ");
            builder.push_bind(after.to_string());
        }
        builder.push(" ORDER BY d.id LIMIT ");
        builder.push_bind(i64::from(limit));
        let rows = builder.build().fetch_all(&self.pool).await?;
        let datasets = rows
            .iter()
            .map(|row| hit_from_row(row).map(|hit| hit.dataset))
            .collect::<Result<Vec<_>, Error>>()?;
        self.attach(datasets).await
    }

    async fn public_dataset(&self, slug_or_id: &str) -> Result<Option<ExportedDataset>, Error> {
        let mut builder = QueryBuilder::new(format!(
            "SELECT {HIT_COLUMNS} FROM datasets d JOIN organizations o ON o.id = d.organization_id WHERE (d.slug = "
        ));
        builder.push_bind(slug_or_id.to_string());
        builder.push(" OR d.id = ");
        builder.push_bind(slug_or_id.to_string());
        builder.push(") AND ");
        push_scope(&mut builder, ExportScope::default());
        let Some(row) = builder.build().fetch_optional(&self.pool).await? else {
            return Ok(None);
        };
        let dataset = hit_from_row(&row)?.dataset;
        Ok(self.attach(vec![dataset]).await?.pop())
    }
}

impl SqliteStore {
    /// Adds the organisation and the public resources to each dataset of a batch.
    async fn attach(
        &self,
        datasets: Vec<crate::model::Dataset>,
    ) -> Result<Vec<ExportedDataset>, Error> {
        if datasets.is_empty() {
            return Ok(Vec::new());
        }
        let mut organization_ids: Vec<String> = datasets
            .iter()
            .map(|dataset| dataset.organization_id.to_string())
            .collect();
        organization_ids.sort_unstable();
        organization_ids.dedup();
        let mut organizations = QueryBuilder::new("SELECT * FROM organizations WHERE id IN (");
        let mut list = organizations.separated(", ");
        for id in &organization_ids {
            list.push_bind(id.clone());
        }
        organizations.push(")");
        let organizations: HashMap<Uuid, Organization> = organizations
            .build()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| organization_from_row(row).map(|o| (o.id, o)))
            .collect::<Result<_, Error>>()?;

        let mut resources = QueryBuilder::new(
            "SELECT id, dataset_id, title, description, kind, url, file_name, format, size, sha256, schema_slug, \
             created_at, modified_at FROM resources WHERE private = 0 AND dataset_id IN (",
        );
        let mut list = resources.separated(", ");
        for dataset in &datasets {
            list.push_bind(dataset.id.to_string());
        }
        resources.push(") ORDER BY dataset_id, created_at, id");
        let mut by_dataset: HashMap<Uuid, Vec<ExportedResource>> = HashMap::new();
        for row in resources.build().fetch_all(&self.pool).await? {
            let dataset_id = uuid_column(&row, "dataset_id")?;
            by_dataset
                .entry(dataset_id)
                .or_default()
                .push(exported_resource(&row)?);
        }

        let mut dates = QueryBuilder::new(
            "SELECT dataset_id, source_issued, source_modified FROM harvest_links \
             WHERE (source_issued IS NOT NULL OR source_modified IS NOT NULL) AND dataset_id IN (",
        );
        let mut list = dates.separated(", ");
        for dataset in &datasets {
            list.push_bind(dataset.id.to_string());
        }
        dates.push(")");
        let mut dates_by_dataset: HashMap<Uuid, SourceDates> = HashMap::new();
        for row in dates.build().fetch_all(&self.pool).await? {
            dates_by_dataset.insert(
                uuid_column(&row, "dataset_id")?,
                SourceDates {
                    issued: row.try_get("source_issued")?,
                    modified: row.try_get("source_modified")?,
                },
            );
        }

        datasets
            .into_iter()
            .map(|dataset| {
                let organization = organizations
                    .get(&dataset.organization_id)
                    .cloned()
                    .ok_or_else(|| Error::not_found("organization", dataset.organization_id))?;
                let resources = by_dataset.remove(&dataset.id).unwrap_or_default();
                let source_dates = dates_by_dataset.remove(&dataset.id).unwrap_or_default();
                Ok(ExportedDataset {
                    dataset,
                    organization,
                    resources,
                    source_dates,
                })
            })
            .collect()
    }
}

fn exported_resource(row: &sqlx::sqlite::SqliteRow) -> Result<ExportedResource, Error> {
    let kind: String = row.try_get("kind")?;
    let url: Option<String> = row.try_get("url")?;
    Ok(ExportedResource {
        id: uuid_column(row, "id")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        url: if kind == "url" {
            Some(url.unwrap_or_default())
        } else {
            None
        },
        file_name: row.try_get("file_name")?,
        format: row.try_get("format")?,
        size: row
            .try_get::<Option<i64>, _>("size")?
            .and_then(|size| u64::try_from(size).ok()),
        sha256: row.try_get("sha256")?,
        schema_slug: row.try_get("schema_slug")?,
        created_at: row.try_get("created_at")?,
        modified_at: row.try_get("modified_at")?,
    })
}
