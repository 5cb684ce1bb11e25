//! Harvest sources, jobs, job items and links in SQLite.
//!
//! [`HarvestStore::apply_decisions`] writes a whole batch of decisions in one
//! transaction, so a job of ten thousand records commits a few dozen times instead of
//! once per record, and a crash never leaves a dataset without its link or item.
//! Unchanged records write nothing but their job item.
//!
//! Write transactions start with `BEGIN IMMEDIATE`: two jobs that both read (a free
//! slug, a pending job) and then write would otherwise both hold a read snapshot, and
//! SQLite would fail the second upgrade with `SQLITE_BUSY` instead of waiting.

use std::collections::HashMap;

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, Transaction};
use uuid::Uuid;

use super::{SqliteStore, uuid_column};
use crate::harvest::{
    DatasetOrigin, Decision, HarvestJob, HarvestSource, HarvestStore, HarvestedRecord, ItemOutcome,
    JobCounts, JobItem, JobStatus, JobTrigger, KnownLink, Reason, SourceDates, SourceFields,
    SourceKind,
};
use crate::model::{DatasetFields, slugify};
use crate::{Error, now};

fn corrupt(what: &str, value: &str) -> Error {
    Error::Corrupt(format!("{what} {value}"))
}

fn reason_from_columns(code: Option<String>, args: &str) -> Result<Option<Reason>, Error> {
    let Some(code) = code else {
        return Ok(None);
    };
    let args = serde_json::from_str(args)
        .map_err(|error| corrupt("reason arguments", &error.to_string()))?;
    Ok(Some(Reason { code, args }))
}

fn reason_args_json(reason: Option<&Reason>) -> String {
    reason
        .and_then(|reason| serde_json::to_string(&reason.args).ok())
        .unwrap_or_else(|| "{}".to_string())
}

fn source_from_row(row: &SqliteRow) -> Result<HarvestSource, Error> {
    let kind_code: String = row.try_get("kind")?;
    let kind =
        SourceKind::from_code(&kind_code).ok_or_else(|| corrupt("source kind", &kind_code))?;
    let tags: String = row.try_get("tags")?;
    let created_by: Option<String> = row.try_get("created_by")?;
    Ok(HarvestSource {
        id: uuid_column(row, "id")?,
        organization_id: uuid_column(row, "organization_id")?,
        kind,
        fields: SourceFields {
            name: row.try_get("name")?,
            kind: Some(kind),
            url: row.try_get("url")?,
            remote_organization: row.try_get("remote_organization")?,
            tags: super::json_list(&tags)?,
            query: row.try_get("query")?,
            schedule: row.try_get("schedule")?,
        },
        active: row.try_get("active")?,
        created_by: created_by.and_then(|id| Uuid::parse_str(&id).ok()),
        created_at: row.try_get("created_at")?,
        modified_at: row.try_get("modified_at")?,
    })
}

fn job_from_row(row: &SqliteRow) -> Result<HarvestJob, Error> {
    let status: String = row.try_get("status")?;
    let trigger: String = row.try_get("trigger")?;
    let count = |column: &str| -> Result<u64, Error> {
        Ok(u64::try_from(row.try_get::<i64, _>(column)?).unwrap_or(0))
    };
    let error_args: String = row.try_get("error_args")?;
    Ok(HarvestJob {
        id: uuid_column(row, "id")?,
        source_id: uuid_column(row, "source_id")?,
        status: JobStatus::from_code(&status).ok_or_else(|| corrupt("job status", &status))?,
        trigger: JobTrigger::from_code(&trigger).ok_or_else(|| corrupt("job trigger", &trigger))?,
        queued_at: row.try_get("queued_at")?,
        started_at: row.try_get("started_at")?,
        finished_at: row.try_get("finished_at")?,
        listing_complete: row.try_get("listing_complete")?,
        counts: JobCounts {
            created: count("created")?,
            updated: count("updated")?,
            unchanged: count("unchanged")?,
            archived: count("archived")?,
            skipped: count("skipped")?,
            failed: count("failed")?,
        },
        error: reason_from_columns(row.try_get("error_code")?, &error_args)?,
    })
}

fn item_from_row(row: &SqliteRow) -> Result<JobItem, Error> {
    let outcome: String = row.try_get("outcome")?;
    let dataset_id: Option<String> = row.try_get("dataset_id")?;
    let args: String = row.try_get("reason_args")?;
    Ok(JobItem {
        position: u64::try_from(row.try_get::<i64, _>("position")?).unwrap_or(0),
        remote_id: row.try_get("remote_id")?,
        title: row.try_get("title")?,
        dataset_id: dataset_id.and_then(|id| Uuid::parse_str(&id).ok()),
        outcome: ItemOutcome::from_code(&outcome)
            .ok_or_else(|| corrupt("item outcome", &outcome))?,
        reason: reason_from_columns(row.try_get("reason_code")?, &args)?,
    })
}

fn link_from_row(row: &SqliteRow) -> Result<KnownLink, Error> {
    let missing_since: Option<String> = row.try_get("missing_since")?;
    let state: String = row.try_get("state")?;
    Ok(KnownLink {
        dataset_id: uuid_column(row, "dataset_id")?,
        organization_id: uuid_column(row, "organization_id")?,
        organization_name: row.try_get("organization_name")?,
        source_id: uuid_column(row, "source_id")?,
        remote_id: row.try_get("remote_id")?,
        identifier: row.try_get("identifier")?,
        uri: row.try_get("uri")?,
        content_hash: row.try_get("content_hash")?,
        title: row.try_get("title")?,
        missing_since: missing_since
            .map(|text| text.parse().map_err(|_| corrupt("missing_since", &text)))
            .transpose()?,
        archived: state == "archived",
        deleted: state == "deleted",
        hidden: row.try_get::<bool, _>("private")? || !row.try_get::<bool, _>("published")?,
    })
}

impl HarvestStore for SqliteStore {
    async fn create_source(
        &self,
        organization_id: Uuid,
        fields: &SourceFields,
        created_by: Option<Uuid>,
    ) -> Result<HarvestSource, Error> {
        fields.check()?;
        let id = Uuid::new_v4();
        let time = now();
        sqlx::query(
            "INSERT INTO harvest_sources (id, organization_id, name, kind, url, remote_organization, tags, query, \
             schedule, active, created_by, created_at, modified_at) VALUES (?, ?, '', 'ckan', '', NULL, '[]', NULL, NULL, 0, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(organization_id.to_string())
        .bind(created_by.map(|user| user.to_string()))
        .bind(&time)
        .bind(&time)
        .execute(&self.pool)
        .await?;
        self.update_source(id, fields).await
    }

    async fn update_source(&self, id: Uuid, fields: &SourceFields) -> Result<HarvestSource, Error> {
        fields.check()?;
        let kind = fields.kind.map(SourceKind::code).unwrap_or_default();
        let tags = serde_json::to_string(&fields.tags)
            .map_err(|error| Error::Corrupt(error.to_string()))?;
        let blank_to_none = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(str::to_string)
        };
        let done = sqlx::query(
            "UPDATE harvest_sources SET name = ?, kind = ?, url = ?, remote_organization = ?, tags = ?, query = ?, \
             schedule = ?, modified_at = ? WHERE id = ?",
        )
        .bind(fields.name.trim())
        .bind(kind)
        .bind(fields.url.trim())
        .bind(blank_to_none(&fields.remote_organization))
        .bind(tags)
        .bind(blank_to_none(&fields.query))
        .bind(blank_to_none(&fields.schedule))
        .bind(now())
        .bind(id.to_string())
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("harvest source", id));
        }
        self.source(id)
            .await?
            .ok_or_else(|| Error::not_found("harvest source", id))
    }

    async fn set_source_active(&self, id: Uuid, active: bool) -> Result<(), Error> {
        let done =
            sqlx::query("UPDATE harvest_sources SET active = ?, modified_at = ? WHERE id = ?")
                .bind(active)
                .bind(now())
                .bind(id.to_string())
                .execute(&self.pool)
                .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("harvest source", id));
        }
        Ok(())
    }

    async fn source(&self, id: Uuid) -> Result<Option<HarvestSource>, Error> {
        let row = sqlx::query("SELECT * FROM harvest_sources WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(source_from_row).transpose()
    }

    async fn sources(&self, organizations: Option<&[Uuid]>) -> Result<Vec<HarvestSource>, Error> {
        let mut builder = sqlx::QueryBuilder::new("SELECT * FROM harvest_sources");
        if let Some(organizations) = organizations {
            if organizations.is_empty() {
                return Ok(Vec::new());
            }
            builder.push(" WHERE organization_id IN (");
            let mut separated = builder.separated(", ");
            for organization in organizations {
                separated.push_bind(organization.to_string());
            }
            builder.push(")");
        }
        builder.push(" ORDER BY name COLLATE NOCASE, created_at");
        let rows = builder.build().fetch_all(&self.pool).await?;
        rows.iter().map(source_from_row).collect()
    }

    async fn enqueue_job(&self, source_id: Uuid, trigger: JobTrigger) -> Result<HarvestJob, Error> {
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let pending = sqlx::query(
            "SELECT * FROM harvest_jobs WHERE source_id = ? AND status IN ('queued', 'running') ORDER BY queued_at LIMIT 1",
        )
        .bind(source_id.to_string())
        .fetch_optional(&mut *transaction)
        .await?;
        if let Some(row) = pending {
            return job_from_row(&row);
        }
        let id = insert_job(&mut transaction, source_id, trigger).await?;
        transaction.commit().await?;
        self.job(id)
            .await?
            .ok_or_else(|| Error::not_found("harvest job", id))
    }

    async fn interrupt_job(&self, id: Uuid) -> Result<bool, Error> {
        let done = sqlx::query(
            "UPDATE harvest_jobs SET status = 'interrupted', finished_at = ?, error_code = 'harvest-error-interrupted' \
             WHERE id = ? AND status = 'running'",
        )
        .bind(now())
        .bind(id.to_string())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn start_job(&self, id: Uuid) -> Result<bool, Error> {
        let done = sqlx::query(
            "UPDATE harvest_jobs SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'",
        )
        .bind(now())
        .bind(id.to_string())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn finish_job(
        &self,
        id: Uuid,
        status: JobStatus,
        listing_complete: bool,
        counts: JobCounts,
        error: Option<&Reason>,
    ) -> Result<(), Error> {
        let count = |value: u64| i64::try_from(value).unwrap_or(i64::MAX);
        let done = sqlx::query(
            "UPDATE harvest_jobs SET status = ?, finished_at = ?, listing_complete = ?, created = ?, updated = ?, \
             unchanged = ?, archived = ?, skipped = ?, failed = ?, error_code = ?, error_args = ? WHERE id = ?",
        )
        .bind(status.code())
        .bind(now())
        .bind(listing_complete)
        .bind(count(counts.created))
        .bind(count(counts.updated))
        .bind(count(counts.unchanged))
        .bind(count(counts.archived))
        .bind(count(counts.skipped))
        .bind(count(counts.failed))
        .bind(error.map(|reason| reason.code.clone()))
        .bind(reason_args_json(error))
        .bind(id.to_string())
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("harvest job", id));
        }
        Ok(())
    }

    async fn job(&self, id: Uuid) -> Result<Option<HarvestJob>, Error> {
        let row = sqlx::query("SELECT * FROM harvest_jobs WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    async fn jobs(&self, source_id: Uuid, limit: u32) -> Result<Vec<HarvestJob>, Error> {
        let rows = sqlx::query(
            "SELECT * FROM harvest_jobs WHERE source_id = ? ORDER BY queued_at DESC LIMIT ?",
        )
        .bind(source_id.to_string())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(job_from_row).collect()
    }

    async fn queued_jobs(&self) -> Result<Vec<HarvestJob>, Error> {
        let rows =
            sqlx::query("SELECT * FROM harvest_jobs WHERE status = 'queued' ORDER BY queued_at")
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(job_from_row).collect()
    }

    async fn requeue_interrupted_jobs(&self) -> Result<Vec<HarvestJob>, Error> {
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let sources: Vec<String> = sqlx::query_scalar(
            "UPDATE harvest_jobs SET status = 'interrupted', finished_at = ?, error_code = 'harvest-error-interrupted' \
             WHERE status = 'running' RETURNING source_id",
        )
        .bind(now())
        .fetch_all(&mut *transaction)
        .await?;
        let mut ids = Vec::new();
        for source in sources {
            let source_id = Uuid::parse_str(&source).map_err(|_| corrupt("source id", &source))?;
            let already_queued: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM harvest_jobs WHERE source_id = ? AND status = 'queued'",
            )
            .bind(&source)
            .fetch_one(&mut *transaction)
            .await?;
            if already_queued == 0 {
                ids.push(insert_job(&mut transaction, source_id, JobTrigger::Resume).await?);
            }
        }
        transaction.commit().await?;
        let mut jobs = Vec::new();
        for id in ids {
            if let Some(job) = self.job(id).await? {
                jobs.push(job);
            }
        }
        Ok(jobs)
    }

    async fn add_job_items(
        &self,
        job_id: Uuid,
        first_position: u64,
        items: Vec<JobItem>,
    ) -> Result<Vec<JobItem>, Error> {
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let mut written = Vec::with_capacity(items.len());
        for (offset, mut item) in items.into_iter().enumerate() {
            item.position = first_position + offset as u64;
            insert_item(&mut transaction, job_id, &item).await?;
            written.push(item);
        }
        transaction.commit().await?;
        Ok(written)
    }

    async fn job_items(&self, job_id: Uuid) -> Result<Vec<JobItem>, Error> {
        let rows =
            sqlx::query("SELECT * FROM harvest_job_items WHERE job_id = ? ORDER BY position")
                .bind(job_id.to_string())
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(item_from_row).collect()
    }

    async fn dataset_origin(&self, dataset_id: Uuid) -> Result<Option<DatasetOrigin>, Error> {
        let row = sqlx::query(
            "SELECT l.source_id, l.uri, l.source_issued, l.source_modified, s.name FROM harvest_links l \
             JOIN harvest_sources s ON s.id = l.source_id WHERE l.dataset_id = ?",
        )
        .bind(dataset_id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(DatasetOrigin {
                source_id: uuid_column(&row, "source_id")?,
                source_name: row.try_get("name")?,
                uri: row.try_get("uri")?,
                dates: SourceDates {
                    issued: row.try_get("source_issued")?,
                    modified: row.try_get("source_modified")?,
                },
            })
        })
        .transpose()
    }

    async fn known_links(&self, source_id: Uuid) -> Result<Vec<KnownLink>, Error> {
        let rows = sqlx::query(
            "SELECT l.*, d.organization_id, d.title, d.state, d.private, d.published, o.name AS organization_name FROM harvest_links l \
             JOIN datasets d ON d.id = l.dataset_id JOIN organizations o ON o.id = d.organization_id \
             WHERE l.source_id = ? OR l.identifier IS NOT NULL OR l.uri IS NOT NULL",
        )
        .bind(source_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(link_from_row).collect()
    }

    async fn apply_decisions(
        &self,
        source: &HarvestSource,
        job_id: Uuid,
        first_position: u64,
        decisions: Vec<Decision>,
    ) -> Result<Vec<JobItem>, Error> {
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let mut items = Vec::new();
        let mut catalogue_changed = false;
        for decision in decisions {
            let position = first_position + items.len() as u64;
            let item = match decision {
                Decision::Create {
                    record,
                    content_hash,
                } => {
                    let dataset_id = self
                        .create_harvested(&mut transaction, source, &record)
                        .await?;
                    write_link(
                        &mut transaction,
                        dataset_id,
                        source.id,
                        job_id,
                        &record,
                        &content_hash,
                    )
                    .await?;
                    catalogue_changed = true;
                    item(
                        position,
                        &record.remote_id,
                        &record.fields.title,
                        Some(dataset_id),
                        ItemOutcome::Created,
                        None,
                    )
                }
                Decision::Update {
                    dataset_id,
                    record,
                    content_hash,
                    restore: _,
                } => {
                    self.update_harvested(&mut transaction, dataset_id, &record)
                        .await?;
                    write_link(
                        &mut transaction,
                        dataset_id,
                        source.id,
                        job_id,
                        &record,
                        &content_hash,
                    )
                    .await?;
                    catalogue_changed = true;
                    item(
                        position,
                        &record.remote_id,
                        &record.fields.title,
                        Some(dataset_id),
                        ItemOutcome::Updated,
                        None,
                    )
                }
                Decision::Unchanged {
                    dataset_id,
                    remote_id,
                    title,
                    clear_missing,
                } => {
                    if clear_missing {
                        sqlx::query(
                            "UPDATE harvest_links SET missing_since = NULL WHERE dataset_id = ?",
                        )
                        .bind(dataset_id.to_string())
                        .execute(&mut *transaction)
                        .await?;
                    }
                    item(
                        position,
                        &remote_id,
                        &title,
                        Some(dataset_id),
                        ItemOutcome::Unchanged,
                        None,
                    )
                }
                Decision::Skip {
                    remote_id,
                    title,
                    reason,
                } => item(
                    position,
                    &remote_id,
                    &title,
                    None,
                    ItemOutcome::Skipped,
                    Some(reason),
                ),
                Decision::MarkMissing { dataset_id, at } => {
                    sqlx::query("UPDATE harvest_links SET missing_since = ? WHERE dataset_id = ?")
                        .bind(format!("{at:.6}"))
                        .bind(dataset_id.to_string())
                        .execute(&mut *transaction)
                        .await?;
                    continue;
                }
                Decision::Archive {
                    dataset_id,
                    remote_id,
                    title,
                } => {
                    // The same change as `LifecycleStore::set_dataset_state` to archived,
                    // inside this batch's transaction.
                    sqlx::query(
                        "UPDATE datasets SET state = 'archived', modified_at = ? WHERE id = ?",
                    )
                    .bind(now())
                    .bind(dataset_id.to_string())
                    .execute(&mut *transaction)
                    .await?;
                    catalogue_changed = true;
                    item(
                        position,
                        &remote_id,
                        &title,
                        Some(dataset_id),
                        ItemOutcome::Archived,
                        None,
                    )
                }
            };
            insert_item(&mut transaction, job_id, &item).await?;
            items.push(item);
        }
        transaction.commit().await?;
        if catalogue_changed {
            self.search_cache.clear();
        }
        Ok(items)
    }
}

fn item(
    position: u64,
    remote_id: &str,
    title: &str,
    dataset_id: Option<Uuid>,
    outcome: ItemOutcome,
    reason: Option<Reason>,
) -> JobItem {
    JobItem {
        position,
        remote_id: remote_id.to_string(),
        title: title.to_string(),
        dataset_id,
        outcome,
        reason,
    }
}

async fn insert_job(
    transaction: &mut Transaction<'_, Sqlite>,
    source_id: Uuid,
    trigger: JobTrigger,
) -> Result<Uuid, Error> {
    let id = Uuid::new_v4();
    sqlx::query("INSERT INTO harvest_jobs (id, source_id, status, trigger, queued_at) VALUES (?, ?, 'queued', ?, ?)")
        .bind(id.to_string())
        .bind(source_id.to_string())
        .bind(trigger.code())
        .bind(now())
        .execute(&mut **transaction)
        .await?;
    Ok(id)
}

async fn insert_item(
    transaction: &mut Transaction<'_, Sqlite>,
    job_id: Uuid,
    item: &JobItem,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO harvest_job_items (job_id, position, remote_id, title, dataset_id, outcome, reason_code, reason_args) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(job_id.to_string())
    .bind(i64::try_from(item.position).unwrap_or(i64::MAX))
    .bind(&item.remote_id)
    .bind(&item.title)
    .bind(item.dataset_id.map(|id| id.to_string()))
    .bind(item.outcome.code())
    .bind(item.reason.as_ref().map(|reason| reason.code.clone()))
    .bind(reason_args_json(item.reason.as_ref()))
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

/// Creates or moves the link of a dataset to the record's current ids and hash, and
/// clears its missing mark.
async fn write_link(
    transaction: &mut Transaction<'_, Sqlite>,
    dataset_id: Uuid,
    source_id: Uuid,
    job_id: Uuid,
    record: &HarvestedRecord,
    content_hash: &str,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO harvest_links (dataset_id, source_id, remote_id, identifier, uri, content_hash, last_seen_job, missing_since, \
         source_issued, source_modified) \
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?) ON CONFLICT(dataset_id) DO UPDATE SET source_id = excluded.source_id, \
         remote_id = excluded.remote_id, identifier = excluded.identifier, uri = excluded.uri, \
         content_hash = excluded.content_hash, last_seen_job = excluded.last_seen_job, missing_since = NULL, \
         source_issued = excluded.source_issued, source_modified = excluded.source_modified",
    )
    .bind(dataset_id.to_string())
    .bind(source_id.to_string())
    .bind(&record.remote_id)
    .bind(&record.identifier)
    .bind(&record.uri)
    .bind(content_hash)
    .bind(job_id.to_string())
    .bind(&record.dates.issued)
    .bind(&record.dates.modified)
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

/// Returns `base`, or `base-2`, `base-3`… whichever no dataset uses yet, looking inside
/// the transaction so that datasets created earlier in the same batch count.
async fn free_dataset_slug(
    transaction: &mut Transaction<'_, Sqlite>,
    base: &str,
) -> Result<String, Error> {
    let mut candidate = base.to_string();
    for suffix in 2..1000u32 {
        let used: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM datasets WHERE slug = ?")
            .bind(&candidate)
            .fetch_one(&mut **transaction)
            .await?;
        if used == 0 {
            return Ok(candidate);
        }
        candidate = format!("{base}-{suffix}");
    }
    Ok(format!("{base}-{}", Uuid::new_v4().simple()))
}

impl SqliteStore {
    /// Inserts a published dataset of the source's organisation with the record's fields
    /// and its remote files as URL resources.
    async fn create_harvested(
        &self,
        transaction: &mut Transaction<'_, Sqlite>,
        source: &HarvestSource,
        record: &HarvestedRecord,
    ) -> Result<Uuid, Error> {
        let id = Uuid::new_v4();
        let slug = free_dataset_slug(
            transaction,
            &slugify(&record.fields.title, "jeu-de-donnees"),
        )
        .await?;
        let time = now();
        sqlx::query(
            "INSERT INTO datasets (id, slug, organization_id, title, description, licence, frequency, temporal_start, \
             temporal_end, spatial, contact_name, contact_email, schema_slug, private, published, state, created_at, modified_at) \
             VALUES (?, ?, ?, '', '', '', '', NULL, NULL, '[]', '', '', NULL, 0, 1, 'active', ?, ?)",
        )
        .bind(id.to_string())
        .bind(&slug)
        .bind(source.organization_id.to_string())
        .bind(&time)
        .bind(&time)
        .execute(&mut **transaction)
        .await?;
        self.write_fields(transaction, id, &record.fields).await?;
        sync_resources(transaction, id, record).await?;
        Ok(id)
    }

    /// Rewrites a harvested dataset from its record, publishes it and makes it active
    /// again when it was archived.
    async fn update_harvested(
        &self,
        transaction: &mut Transaction<'_, Sqlite>,
        dataset_id: Uuid,
        record: &HarvestedRecord,
    ) -> Result<(), Error> {
        // Whether the dataset is private is the platform's decision, not the source's: an
        // editor who hid a harvested dataset keeps it hidden through later runs.
        let private: bool = sqlx::query_scalar("SELECT private FROM datasets WHERE id = ?")
            .bind(dataset_id.to_string())
            .fetch_one(&mut **transaction)
            .await?;
        let fields = DatasetFields {
            private,
            ..record.fields.clone()
        };
        self.write_fields(transaction, dataset_id, &fields).await?;
        sqlx::query("UPDATE datasets SET published = 1, state = 'active' WHERE id = ? AND state = 'archived'")
            .bind(dataset_id.to_string())
            .execute(&mut **transaction)
            .await?;
        sync_resources(transaction, dataset_id, record).await
    }
}

/// Makes a dataset's URL resources those of the record, matched by URL so that a file
/// the source still lists keeps its resource id (and its refresh history). Uploaded files
/// are left alone.
async fn sync_resources(
    transaction: &mut Transaction<'_, Sqlite>,
    dataset_id: Uuid,
    record: &HarvestedRecord,
) -> Result<(), Error> {
    let rows = sqlx::query("SELECT id, url, title, format, schema_slug FROM resources WHERE dataset_id = ? AND kind = 'url'")
        .bind(dataset_id.to_string())
        .fetch_all(&mut **transaction)
        .await?;
    let mut existing: HashMap<String, (String, String, String, Option<String>)> = HashMap::new();
    for row in &rows {
        let url: Option<String> = row.try_get("url")?;
        existing.insert(
            url.unwrap_or_default(),
            (
                row.try_get("id")?,
                row.try_get("title")?,
                row.try_get("format")?,
                row.try_get("schema_slug")?,
            ),
        );
    }
    let time = now();
    for resource in &record.resources {
        let format = resource.format.to_lowercase();
        match existing.remove(&resource.url) {
            Some((id, title, old_format, schema)) => {
                if title == resource.title.trim()
                    && old_format == format
                    && schema == resource.schema_slug
                {
                    continue;
                }
                sqlx::query("UPDATE resources SET title = ?, format = ?, schema_slug = ?, modified_at = ? WHERE id = ?")
                    .bind(resource.title.trim())
                    .bind(&format)
                    .bind(&resource.schema_slug)
                    .bind(&time)
                    .bind(id)
                    .execute(&mut **transaction)
                    .await?;
            }
            None => {
                sqlx::query(
                    "INSERT INTO resources (id, dataset_id, title, kind, url, format, schema_slug, validation_status, \
                     created_at, modified_at) VALUES (?, ?, ?, 'url', ?, ?, ?, 'none', ?, ?)",
                )
                .bind(Uuid::new_v4().to_string())
                .bind(dataset_id.to_string())
                .bind(resource.title.trim())
                .bind(&resource.url)
                .bind(&format)
                .bind(&resource.schema_slug)
                .bind(&time)
                .bind(&time)
                .execute(&mut **transaction)
                .await?;
            }
        }
    }
    // Files the source no longer lists.
    for (id, ..) in existing.into_values() {
        sqlx::query("DELETE FROM resources WHERE id = ?")
            .bind(id)
            .execute(&mut **transaction)
            .await?;
    }
    Ok(())
}
