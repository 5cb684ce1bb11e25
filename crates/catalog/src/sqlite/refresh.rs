//! Refresh schedules, versions, alerts and the e-mail record in SQLite.
//!
//! A version is numbered inside the transaction that inserts it, so two writers can never
//! give the same number twice. The claim of a refresh is a conditional update, which also
//! holds when several server processes share the database.

use jiff::Timestamp;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use uuid::Uuid;

use super::{SqliteStore, uuid_column};
use crate::files::StoredFile;
use crate::model::ValidationStatus;
use crate::refresh::{
    Alert, AlertKind, CheckOutcome, CheckRecord, DEFAULT_INTERVAL_SECONDS, MailRecord, MessageRef,
    NewAlert, Recipient, RefreshState, RefreshStore, ResourceVersion, check_interval,
    next_due_after_failure, next_due_after_success, stored_time,
};
use crate::{Error, now};

/// Columns of an alert joined with its dataset and resource, as [`alert_from_row`] reads
/// them.
const ALERT_COLUMNS: &str = "a.id, a.organization_id, a.dataset_id, a.resource_id, a.kind, a.detail, \
     a.created_at, a.seen_at, d.slug AS dataset_slug, d.title AS dataset_title, r.title AS resource_title";

const ALERT_JOIN: &str =
    "FROM alerts a JOIN datasets d ON d.id = a.dataset_id JOIN resources r ON r.id = a.resource_id";

fn corrupt(error: impl ToString) -> Error {
    Error::Corrupt(error.to_string())
}

fn message_from_text(text: Option<String>) -> Result<Option<MessageRef>, Error> {
    text.map(|text| serde_json::from_str(&text))
        .transpose()
        .map_err(corrupt)
}

fn parse_time(text: &str) -> Result<Timestamp, Error> {
    text.parse()
        .map_err(|_| Error::Corrupt(format!("time {text}")))
}

fn state_from_row(row: &SqliteRow) -> Result<RefreshState, Error> {
    let outcome: Option<String> = row.try_get("last_outcome")?;
    let outcome = outcome
        .map(|code| {
            CheckOutcome::from_code(&code)
                .ok_or_else(|| Error::Corrupt(format!("refresh outcome {code}")))
        })
        .transpose()?;
    Ok(RefreshState {
        resource_id: uuid_column(row, "resource_id")?,
        enabled: row.try_get("enabled")?,
        interval_seconds: row.try_get("interval_seconds")?,
        etag: row.try_get("etag")?,
        last_modified: row.try_get("last_modified")?,
        last_checked_at: row.try_get("last_checked_at")?,
        last_outcome: outcome,
        last_error: message_from_text(row.try_get("last_error")?)?,
        consecutive_failures: u32::try_from(row.try_get::<i64, _>("consecutive_failures")?)
            .unwrap_or(u32::MAX),
        next_due_at: row.try_get("next_due_at")?,
    })
}

fn version_from_row(row: &SqliteRow) -> Result<ResourceVersion, Error> {
    let status: String = row.try_get("validation_status")?;
    let report: Option<String> = row.try_get("report")?;
    Ok(ResourceVersion {
        resource_id: uuid_column(row, "resource_id")?,
        version: u32::try_from(row.try_get::<i64, _>("version")?).map_err(corrupt)?,
        storage_key: row.try_get("storage_key")?,
        sha256: row.try_get("sha256")?,
        size: u64::try_from(row.try_get::<i64, _>("size")?).map_err(corrupt)?,
        fetched_at: row.try_get("fetched_at")?,
        validation_status: ValidationStatus::from_code(&status)
            .ok_or_else(|| Error::Corrupt(format!("validation status {status}")))?,
        report: report
            .map(|text| serde_json::from_str(&text))
            .transpose()
            .map_err(corrupt)?,
    })
}

fn alert_from_row(row: &SqliteRow) -> Result<Alert, Error> {
    let kind: String = row.try_get("kind")?;
    let detail: String = row.try_get("detail")?;
    Ok(Alert {
        id: uuid_column(row, "id")?,
        organization_id: uuid_column(row, "organization_id")?,
        dataset_id: uuid_column(row, "dataset_id")?,
        resource_id: uuid_column(row, "resource_id")?,
        kind: AlertKind::from_code(&kind)
            .ok_or_else(|| Error::Corrupt(format!("alert kind {kind}")))?,
        detail: serde_json::from_str(&detail).map_err(corrupt)?,
        created_at: row.try_get("created_at")?,
        seen_at: row.try_get("seen_at")?,
        dataset_slug: row.try_get("dataset_slug")?,
        dataset_title: row.try_get("dataset_title")?,
        resource_title: row.try_get("resource_title")?,
    })
}

impl SqliteStore {
    /// Gives every URL resource without a schedule the default one, due at `due_at`. The
    /// schedule starts off for the files of harvested datasets, which their publisher
    /// serves: fetching a whole harvested portal each day would load it for nothing.
    async fn create_missing_schedules(&self, due_at: &str) -> Result<(), Error> {
        sqlx::query(
            "INSERT OR IGNORE INTO resource_refresh (resource_id, interval_seconds, next_due_at, enabled) \
             SELECT id, ?, ?, NOT EXISTS (SELECT 1 FROM harvest_links l WHERE l.dataset_id = resources.dataset_id) \
             FROM resources WHERE kind = 'url' AND id NOT IN (SELECT resource_id FROM resource_refresh)",
        )
        .bind(DEFAULT_INTERVAL_SECONDS)
        .bind(due_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn read_state(&self, resource_id: Uuid) -> Result<Option<RefreshState>, Error> {
        let row = sqlx::query("SELECT * FROM resource_refresh WHERE resource_id = ?")
            .bind(resource_id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(state_from_row).transpose()
    }

    async fn alerts_where(
        &self,
        condition: &str,
        binds: &[String],
        limit: u32,
    ) -> Result<Vec<Alert>, Error> {
        let sql = format!(
            "SELECT {ALERT_COLUMNS} {ALERT_JOIN} WHERE {condition} ORDER BY a.created_at DESC LIMIT ?"
        );
        let mut query = sqlx::query(&sql);
        for bind in binds {
            query = query.bind(bind);
        }
        let rows = query.bind(i64::from(limit)).fetch_all(&self.pool).await?;
        rows.iter().map(alert_from_row).collect()
    }
}

impl RefreshStore for SqliteStore {
    async fn due_refreshes(&self, now: Timestamp, limit: u32) -> Result<Vec<Uuid>, Error> {
        let now_text = stored_time(now);
        self.create_missing_schedules(&now_text).await?;
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT f.resource_id FROM resource_refresh f JOIN resources r ON r.id = f.resource_id \
             WHERE f.enabled = 1 AND r.kind = 'url' AND f.next_due_at <= ? \
             AND (f.claimed_until IS NULL OR f.claimed_until < ?) \
             ORDER BY f.next_due_at LIMIT ?",
        )
        .bind(&now_text)
        .bind(&now_text)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        ids.iter()
            .map(|id| {
                Uuid::parse_str(id)
                    .map_err(|_| Error::Corrupt(format!("resource_id is not a UUID: {id}")))
            })
            .collect()
    }

    async fn refresh_state(&self, resource_id: Uuid) -> Result<Option<RefreshState>, Error> {
        sqlx::query(
            "INSERT OR IGNORE INTO resource_refresh (resource_id, interval_seconds, next_due_at, enabled) \
             SELECT id, ?, ?, NOT EXISTS (SELECT 1 FROM harvest_links l WHERE l.dataset_id = resources.dataset_id) \
             FROM resources WHERE id = ? AND kind = 'url'",
        )
        .bind(DEFAULT_INTERVAL_SECONDS)
        .bind(now())
        .bind(resource_id.to_string())
        .execute(&self.pool)
        .await?;
        self.read_state(resource_id).await
    }

    async fn claim_refresh(
        &self,
        resource_id: Uuid,
        now: Timestamp,
        lease_seconds: i64,
    ) -> Result<bool, Error> {
        let now_text = stored_time(now);
        let until = stored_time(next_due_after_success(now, lease_seconds));
        let claimed = sqlx::query(
            "UPDATE resource_refresh SET claimed_until = ? WHERE resource_id = ? \
             AND (claimed_until IS NULL OR claimed_until < ?)",
        )
        .bind(until)
        .bind(resource_id.to_string())
        .bind(now_text)
        .execute(&self.pool)
        .await?;
        Ok(claimed.rows_affected() == 1)
    }

    async fn record_check(
        &self,
        resource_id: Uuid,
        now: Timestamp,
        record: &CheckRecord,
    ) -> Result<RefreshState, Error> {
        let state = self
            .read_state(resource_id)
            .await?
            .ok_or_else(|| Error::not_found("refresh schedule", resource_id))?;

        let (failures, next_due) = if record.outcome == CheckOutcome::Failed {
            let failures = state.consecutive_failures.saturating_add(1);
            let due = next_due_after_failure(now, state.interval_seconds, failures);
            (failures, due)
        } else {
            (0, next_due_after_success(now, state.interval_seconds))
        };
        let (etag, last_modified) = match &record.validators {
            Some(validators) => (validators.etag.clone(), validators.last_modified.clone()),
            None => (state.etag.clone(), state.last_modified.clone()),
        };
        let error = record
            .error
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(corrupt)?;

        sqlx::query(
            "UPDATE resource_refresh SET etag = ?, last_modified = ?, last_checked_at = ?, last_outcome = ?, \
             last_error = ?, consecutive_failures = ?, next_due_at = ?, claimed_until = NULL WHERE resource_id = ?",
        )
        .bind(etag)
        .bind(last_modified)
        .bind(stored_time(now))
        .bind(record.outcome.code())
        .bind(error)
        .bind(i64::from(failures))
        .bind(stored_time(next_due))
        .bind(resource_id.to_string())
        .execute(&self.pool)
        .await?;
        // A resource's status label differs for a file never fetched and one whose fetch
        // failed, so pages built before a first check or a change of outcome are stale.
        if state.last_checked_at.is_none() || state.last_error.is_some() != record.error.is_some() {
            self.search_cache.clear();
        }
        self.read_state(resource_id)
            .await?
            .ok_or_else(|| Error::not_found("refresh schedule", resource_id))
    }

    async fn set_refresh_settings(
        &self,
        resource_id: Uuid,
        enabled: bool,
        interval_seconds: i64,
    ) -> Result<RefreshState, Error> {
        check_interval(interval_seconds)?;
        let state = self
            .refresh_state(resource_id)
            .await?
            .ok_or_else(|| Error::not_found("resource", resource_id))?;
        // A resource never checked stays due at once; otherwise the new interval counts
        // from the last check, and a failing URL keeps its back-off.
        let next_due = match &state.last_checked_at {
            Some(checked) if state.consecutive_failures == 0 => stored_time(
                next_due_after_success(parse_time(checked)?, interval_seconds),
            ),
            Some(checked) => stored_time(next_due_after_failure(
                parse_time(checked)?,
                interval_seconds,
                state.consecutive_failures,
            )),
            None => state.next_due_at.clone(),
        };

        sqlx::query(
            "UPDATE resource_refresh SET enabled = ?, interval_seconds = ?, next_due_at = ? WHERE resource_id = ?",
        )
        .bind(enabled)
        .bind(interval_seconds)
        .bind(next_due)
        .bind(resource_id.to_string())
        .execute(&self.pool)
        .await?;
        self.search_cache.clear();
        self.read_state(resource_id)
            .await?
            .ok_or_else(|| Error::not_found("refresh schedule", resource_id))
    }

    async fn add_version(
        &self,
        resource_id: Uuid,
        stored: &StoredFile,
    ) -> Result<ResourceVersion, Error> {
        let id = resource_id.to_string();
        let size = i64::try_from(stored.size).map_err(corrupt)?;
        let time = now();
        let mut transaction = self.pool.begin().await?;
        let version: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM resource_versions WHERE resource_id = ?",
        )
        .bind(&id)
        .fetch_one(&mut *transaction)
        .await?;

        sqlx::query(
            "INSERT INTO resource_versions (resource_id, version, storage_key, sha256, size, fetched_at, \
             validation_status) VALUES (?, ?, ?, ?, ?, ?, 'pending')",
        )
        .bind(&id)
        .bind(version)
        .bind(&stored.key)
        .bind(&stored.sha256)
        .bind(size)
        .bind(&time)
        .execute(&mut *transaction)
        .await?;

        let dataset_id: Option<String> = sqlx::query_scalar(
            "UPDATE resources SET size = ?, sha256 = ?, modified_at = ? WHERE id = ? RETURNING dataset_id",
        )
        .bind(size)
        .bind(&stored.sha256)
        .bind(&time)
        .bind(&id)
        .fetch_optional(&mut *transaction)
        .await?;
        let Some(dataset_id) = dataset_id else {
            return Err(Error::not_found("resource", resource_id));
        };
        sqlx::query("UPDATE datasets SET modified_at = ? WHERE id = ?")
            .bind(&time)
            .bind(&dataset_id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        self.search_cache.clear();
        self.version(resource_id, u32::try_from(version).map_err(corrupt)?)
            .await?
            .ok_or_else(|| Error::not_found("resource version", resource_id))
    }

    async fn set_version_validation(
        &self,
        resource_id: Uuid,
        version: u32,
        status: ValidationStatus,
        report: Option<&serde_json::Value>,
    ) -> Result<(), Error> {
        let report = report
            .map(serde_json::to_string)
            .transpose()
            .map_err(corrupt)?;
        let done = sqlx::query(
            "UPDATE resource_versions SET validation_status = ?, report = COALESCE(?, report) \
             WHERE resource_id = ? AND version = ?",
        )
        .bind(status.code())
        .bind(report)
        .bind(resource_id.to_string())
        .bind(i64::from(version))
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("resource version", resource_id));
        }
        Ok(())
    }

    async fn versions(&self, resource_id: Uuid) -> Result<Vec<ResourceVersion>, Error> {
        let rows = sqlx::query(
            "SELECT * FROM resource_versions WHERE resource_id = ? ORDER BY version DESC",
        )
        .bind(resource_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(version_from_row).collect()
    }

    async fn version(
        &self,
        resource_id: Uuid,
        version: u32,
    ) -> Result<Option<ResourceVersion>, Error> {
        let row =
            sqlx::query("SELECT * FROM resource_versions WHERE resource_id = ? AND version = ?")
                .bind(resource_id.to_string())
                .bind(i64::from(version))
                .fetch_optional(&self.pool)
                .await?;
        row.as_ref().map(version_from_row).transpose()
    }

    async fn latest_version(&self, resource_id: Uuid) -> Result<Option<ResourceVersion>, Error> {
        let row = sqlx::query(
            "SELECT * FROM resource_versions WHERE resource_id = ? ORDER BY version DESC LIMIT 1",
        )
        .bind(resource_id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(version_from_row).transpose()
    }

    async fn create_alert(&self, new: &NewAlert) -> Result<Alert, Error> {
        let id = Uuid::new_v4();
        let detail = serde_json::to_string(&new.detail).map_err(corrupt)?;
        let inserted = sqlx::query(
            "INSERT INTO alerts (id, organization_id, dataset_id, resource_id, kind, detail, created_at) \
             SELECT ?, d.organization_id, d.id, r.id, ?, ?, ? FROM resources r JOIN datasets d ON d.id = r.dataset_id \
             WHERE r.id = ?",
        )
        .bind(id.to_string())
        .bind(new.kind.code())
        .bind(detail)
        .bind(now())
        .bind(new.resource_id.to_string())
        .execute(&self.pool)
        .await?;
        if inserted.rows_affected() == 0 {
            return Err(Error::not_found("resource", new.resource_id));
        }
        self.alert(id)
            .await?
            .ok_or_else(|| Error::not_found("alert", id))
    }

    async fn alert(&self, id: Uuid) -> Result<Option<Alert>, Error> {
        let alerts = self.alerts_where("a.id = ?", &[id.to_string()], 1).await?;
        Ok(alerts.into_iter().next())
    }

    async fn alerts_for_user(
        &self,
        user_id: Uuid,
        platform_admin: bool,
        unseen_only: bool,
        limit: u32,
    ) -> Result<Vec<Alert>, Error> {
        let seen = if unseen_only {
            " AND a.seen_at IS NULL"
        } else {
            ""
        };
        if platform_admin {
            return self.alerts_where(&format!("1 = 1{seen}"), &[], limit).await;
        }
        let condition = format!(
            "a.organization_id IN (SELECT organization_id FROM memberships WHERE user_id = ? \
             AND role IN ('editor', 'admin')){seen}"
        );
        self.alerts_where(&condition, &[user_id.to_string()], limit)
            .await
    }

    async fn resource_alerts(&self, resource_id: Uuid, limit: u32) -> Result<Vec<Alert>, Error> {
        self.alerts_where("a.resource_id = ?", &[resource_id.to_string()], limit)
            .await
    }

    async fn mark_alert_seen(&self, id: Uuid) -> Result<(), Error> {
        let done = sqlx::query("UPDATE alerts SET seen_at = COALESCE(seen_at, ?) WHERE id = ?")
            .bind(now())
            .bind(id.to_string())
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("alert", id));
        }
        Ok(())
    }

    async fn alert_recipients(&self, organization_id: Uuid) -> Result<Vec<Recipient>, Error> {
        let rows = sqlx::query(
            "SELECT u.id, u.email, u.display_name, u.lang FROM users u JOIN memberships m ON m.user_id = u.id \
             WHERE m.organization_id = ? AND m.role IN ('editor', 'admin') ORDER BY u.email",
        )
        .bind(organization_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Recipient {
                    user_id: uuid_column(row, "id")?,
                    email: row.try_get("email")?,
                    display_name: row.try_get("display_name")?,
                    lang: row.try_get("lang")?,
                })
            })
            .collect()
    }

    async fn record_mail(&self, mail: &MailRecord) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO mail_outbox (id, alert_id, recipient, subject, transport, status, error, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(Uuid::new_v4().to_string())
        .bind(mail.alert_id.map(|id| id.to_string()))
        .bind(&mail.recipient)
        .bind(&mail.subject)
        .bind(mail.transport.code())
        .bind(if mail.error.is_none() { "sent" } else { "failed" })
        .bind(&mail.error)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn mails_for_alert(&self, alert_id: Uuid) -> Result<Vec<(String, String)>, Error> {
        let rows = sqlx::query(
            "SELECT recipient, status FROM mail_outbox WHERE alert_id = ? ORDER BY created_at, recipient",
        )
        .bind(alert_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("recipient")?, row.try_get("status")?)))
            .collect()
    }

    async fn set_user_lang(&self, user_id: Uuid, lang: &str) -> Result<(), Error> {
        if !matches!(lang, "fr" | "en") {
            return Err(Error::invalid("lang", "refresh-error-lang"));
        }
        sqlx::query("UPDATE users SET lang = ? WHERE id = ? AND (lang IS NULL OR lang <> ?)")
            .bind(lang)
            .bind(user_id.to_string())
            .bind(lang)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DatasetFields, NewOrganization, OrganizationKind, ResourceSource};
    use crate::refresh::{CheckRecord, Validators};
    use crate::store::{DatasetStore, NewResource, OrganizationStore, ResourceStore};

    async fn url_resource(store: &SqliteStore) -> Uuid {
        let organization = store
            .create_organization(&NewOrganization {
                name: "Commune de Kerbrient".into(),
                siren: None,
                kind: OrganizationKind::Commune,
                description: String::new(),
            })
            .await
            .expect("organisation");
        let dataset = store
            .create_dataset(
                organization.id,
                &DatasetFields {
                    title: "Délibérations".into(),
                    licence: "lov2".into(),
                    frequency: "MONTHLY".into(),
                    ..DatasetFields::default()
                },
            )
            .await
            .expect("dataset");
        let resource = store
            .add_resource(
                dataset.id,
                &NewResource {
                    title: "Export".into(),
                    source: ResourceSource::Url {
                        url: "https://example.org/export.csv".into(),
                    },
                    format: "csv".into(),
                    schema_slug: None,
                    validation_status: ValidationStatus::None,
                },
            )
            .await
            .expect("resource");
        resource.id
    }

    fn at(text: &str) -> Timestamp {
        text.parse().expect("timestamp")
    }

    fn failed() -> CheckRecord {
        CheckRecord {
            outcome: CheckOutcome::Failed,
            validators: None,
            error: Some(MessageRef {
                message_id: "refresh-error-timeout".into(),
                args: Vec::new(),
            }),
        }
    }

    #[tokio::test]
    async fn new_url_resource_is_due_at_once() {
        let store = SqliteStore::open_in_memory().await.expect("store");
        let id = url_resource(&store).await;
        let due = store
            .due_refreshes(Timestamp::now(), 10)
            .await
            .expect("due");
        assert_eq!(due, vec![id]);
    }

    #[tokio::test]
    async fn claim_excludes_a_second_refresh() {
        let store = SqliteStore::open_in_memory().await.expect("store");
        let id = url_resource(&store).await;
        let now = Timestamp::now();
        store.refresh_state(id).await.expect("state");
        assert!(store.claim_refresh(id, now, 600).await.expect("claim"));
        assert!(!store.claim_refresh(id, now, 600).await.expect("claim"));
        let due = store.due_refreshes(now, 10).await.expect("due");
        assert!(due.is_empty(), "a claimed resource is not listed: {due:?}");
        let later = next_due_after_success(now, 601);
        assert!(store.claim_refresh(id, later, 600).await.expect("claim"));
    }

    #[tokio::test]
    async fn status_changes_empty_caches() {
        let store = SqliteStore::open_in_memory().await.expect("store");
        let id = url_resource(&store).await;
        store.refresh_state(id).await.expect("state");
        let unchecked = store.write_generation();
        store
            .record_check(id, at("2026-12-04T10:00:00Z"), &failed())
            .await
            .expect("record");
        let failed_once = store.write_generation();
        assert_ne!(failed_once, unchecked, "the first check changes the status");
        store
            .record_check(id, at("2026-12-05T10:00:00Z"), &failed())
            .await
            .expect("record");
        assert_eq!(
            store.write_generation(),
            failed_once,
            "a second failure shows the same status"
        );
        let success = CheckRecord {
            outcome: CheckOutcome::Unchanged,
            validators: None,
            error: None,
        };
        store
            .record_check(id, at("2026-12-07T10:00:00Z"), &success)
            .await
            .expect("record");
        assert_ne!(
            store.write_generation(),
            failed_once,
            "a recovery changes the status"
        );
    }

    #[tokio::test]
    async fn failures_back_off_and_success_resets() {
        let store = SqliteStore::open_in_memory().await.expect("store");
        let id = url_resource(&store).await;
        store.refresh_state(id).await.expect("state");
        let first = store
            .record_check(id, at("2026-12-04T10:00:00Z"), &failed())
            .await
            .expect("record");
        assert_eq!(first.consecutive_failures, 1);
        assert_eq!(first.next_due_at, stored_time(at("2026-12-05T10:00:00Z")));
        let second = store
            .record_check(id, at("2026-12-05T10:00:00Z"), &failed())
            .await
            .expect("record");
        assert_eq!(second.consecutive_failures, 2);
        assert_eq!(second.next_due_at, stored_time(at("2026-12-07T10:00:00Z")));

        let success = CheckRecord {
            outcome: CheckOutcome::Changed,
            validators: Some(Validators {
                etag: Some("\"v1\"".into()),
                last_modified: None,
            }),
            error: None,
        };
        let recovered = store
            .record_check(id, at("2026-12-07T10:00:00Z"), &success)
            .await
            .expect("record");
        assert_eq!(recovered.consecutive_failures, 0);
        assert_eq!(recovered.etag.as_deref(), Some("\"v1\""));
        assert_eq!(recovered.last_error, None);
        assert_eq!(
            recovered.next_due_at,
            stored_time(at("2026-12-08T10:00:00Z"))
        );
    }

    #[tokio::test]
    async fn settings_move_next_due() {
        let store = SqliteStore::open_in_memory().await.expect("store");
        let id = url_resource(&store).await;
        store.refresh_state(id).await.expect("state");
        let success = CheckRecord {
            outcome: CheckOutcome::NotModified,
            validators: None,
            error: None,
        };
        store
            .record_check(id, at("2026-12-04T10:00:00Z"), &success)
            .await
            .expect("record");
        let weekly = store
            .set_refresh_settings(id, true, 7 * 86_400)
            .await
            .expect("settings");
        assert_eq!(weekly.next_due_at, stored_time(at("2026-12-11T10:00:00Z")));
        assert!(store.set_refresh_settings(id, true, 60).await.is_err());

        let disabled = store
            .set_refresh_settings(id, false, 86_400)
            .await
            .expect("settings");
        assert!(!disabled.enabled);
        let due = store
            .due_refreshes(at("2027-01-01T00:00:00Z"), 10)
            .await
            .expect("due");
        assert!(due.is_empty(), "a disabled resource is not listed: {due:?}");
    }

    #[tokio::test]
    async fn versions_are_numbered_in_order() {
        let store = SqliteStore::open_in_memory().await.expect("store");
        let id = url_resource(&store).await;
        for (key, sha) in [("a", "1"), ("b", "2")] {
            let stored = StoredFile {
                key: key.repeat(32),
                size: 3,
                sha256: sha.repeat(64),
            };
            store.add_version(id, &stored).await.expect("version");
        }
        let versions = store.versions(id).await.expect("versions");
        let numbers: Vec<u32> = versions.iter().map(|version| version.version).collect();
        assert_eq!(numbers, vec![2, 1]);
        let latest = store
            .latest_version(id)
            .await
            .expect("latest")
            .expect("some");
        assert_eq!(latest.storage_key, "b".repeat(32));
        assert_eq!(latest.validation_status, ValidationStatus::Pending);
    }
}
