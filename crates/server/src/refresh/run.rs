//! One refresh of one URL resource: claim, conditional download, change detection, new
//! version, re-validation and alerts.
//!
//! A refresh first claims the resource in the catalogue, so the scheduler and an editor's
//! "refresh now" never download the same file at once. A 304 or a body with the hash of
//! the current version writes nothing but the check. A new body becomes the next version
//! and the resource's current file, and is validated and scanned like an upload.

use catalog::refresh::{
    AlertKind, CheckOutcome, CheckRecord, MessageRef, NewAlert, RefreshStore, ResourceVersion,
    Validators,
};
use catalog::{Resource, ResourceSource, ResourceStore, ValidationStatus};
use jiff::Timestamp;
use uuid::Uuid;

use super::fetch::{Download, DownloadFailure, download};
use crate::state::AppState;

/// Time a claim lasts beyond the fetch timeout, to cover validation of a large file. A
/// server stopped in the middle of a refresh blocks the resource this long at most.
const VALIDATION_LEASE_SECONDS: i64 = 3600;

/// Formats the validation engine reads; other formats are kept without validation unless
/// the resource follows a schema.
const TABULAR_FORMATS: &[&str] = &["csv", "tsv", "txt", "xlsx", "xls", "ods"];

/// The outcome of one refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refreshed {
    pub outcome: CheckOutcome,
    /// The version stored, when the content changed.
    pub version: Option<u32>,
    /// The validation status of that version.
    pub validation: Option<ValidationStatus>,
    /// The alerts raised, in order.
    pub alerts: Vec<AlertKind>,
    /// Why the download failed, for [`CheckOutcome::Failed`].
    pub failure: Option<MessageRef>,
}

/// A reason a refresh could not run.
#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error("resource {0} not found")]
    NotFound(Uuid),
    #[error("resource {0} is not a URL resource")]
    NotUrl(Uuid),
    /// Another refresh has claimed the same resource.
    #[error("resource {0} is already being refreshed")]
    Busy(Uuid),
    #[error("catalogue error: {0}")]
    Catalog(#[from] catalog::Error),
}

/// Validates again the current version of URL resources that a stopped server left
/// `pending` or `running`, and returns how many were validated.
pub async fn resume_validations(state: &AppState) -> Result<usize, RefreshError> {
    let store = state.store();
    let mut count = 0;
    for resource in store.unfinished_validations().await? {
        if !matches!(resource.source, ResourceSource::Url { .. }) {
            continue;
        }
        let Some(version) = store.latest_version(resource.id).await? else {
            continue;
        };
        validate_version(state, &resource, &version).await?;
        count += 1;
    }
    Ok(count)
}

/// Refreshes one URL resource now, whatever its schedule.
pub async fn refresh_resource(
    state: &AppState,
    resource_id: Uuid,
) -> Result<Refreshed, RefreshError> {
    let store = state.store();
    let resource = store
        .resource(resource_id)
        .await?
        .ok_or(RefreshError::NotFound(resource_id))?;
    let ResourceSource::Url { url } = &resource.source else {
        return Err(RefreshError::NotUrl(resource_id));
    };
    let url = url.clone();
    let schedule = store
        .refresh_state(resource_id)
        .await?
        .ok_or(RefreshError::NotUrl(resource_id))?;
    let lease = i64::try_from(state.config().refresh.fetch_timeout_seconds)
        .unwrap_or(i64::MAX)
        .saturating_add(VALIDATION_LEASE_SECONDS);
    if !store
        .claim_refresh(resource_id, Timestamp::now(), lease)
        .await?
    {
        return Err(RefreshError::Busy(resource_id));
    }

    let previous = store.latest_version(resource_id).await?;
    // Validators are sent only when a copy was stored, because they describe that copy.
    let current_copy = previous.as_ref().map(|_| Validators {
        etag: schedule.etag.clone(),
        last_modified: schedule.last_modified.clone(),
    });
    let had_failures = schedule.consecutive_failures > 0;

    let mut refreshed = match download(state, &url, current_copy.as_ref()).await {
        Err(failure) => return record_failure(state, &resource, failure).await,
        Ok(Download::NotModified) => {
            record(state, resource_id, CheckOutcome::NotModified, None).await?;
            unchanged(CheckOutcome::NotModified)
        }
        Ok(Download::Body {
            pending,
            sha256,
            validators,
        }) => {
            if pending.size() == 0 {
                let failure = DownloadFailure {
                    reason: MessageRef {
                        message_id: "refresh-fetch-empty".into(),
                        args: vec![("url".into(), url.clone())],
                    },
                    detail: format!("{url} returned an empty body"),
                };
                return record_failure(state, &resource, failure).await;
            }
            if previous
                .as_ref()
                .is_some_and(|version| version.sha256 == sha256)
            {
                drop(pending);
                record(
                    state,
                    resource_id,
                    CheckOutcome::Unchanged,
                    Some(validators),
                )
                .await?;
                unchanged(CheckOutcome::Unchanged)
            } else {
                let stored = pending.commit(state.files()).await?;
                let version = store.add_version(resource_id, &stored).await?;
                record(state, resource_id, CheckOutcome::Changed, Some(validators)).await?;
                tracing::info!(
                    resource.id = %resource_id,
                    version = version.version,
                    bytes = stored.size,
                    "remote file changed"
                );
                let (status, report) = validate_version(state, &resource, &version).await?;
                let mut alerts = Vec::new();
                if let Some(kind) = validity_alert(previous.as_ref(), status) {
                    raise(state, &resource, kind, validity_detail(kind, &version)).await?;
                    alerts.push(kind);
                }
                if personal_data_alert(previous.as_ref(), report.as_ref()) {
                    let detail = MessageRef {
                        message_id: "refresh-detail-personal-data".into(),
                        args: vec![("version".into(), version.version.to_string())],
                    };
                    raise(state, &resource, AlertKind::BecameInvalid, detail).await?;
                    alerts.push(AlertKind::BecameInvalid);
                }
                Refreshed {
                    outcome: CheckOutcome::Changed,
                    version: Some(version.version),
                    validation: Some(status),
                    alerts,
                    failure: None,
                }
            }
        }
    };

    if had_failures {
        let detail = MessageRef {
            message_id: "refresh-detail-url-recovered".into(),
            args: vec![("url".into(), url.clone())],
        };
        raise(state, &resource, AlertKind::Recovered, detail).await?;
        refreshed.alerts.insert(0, AlertKind::Recovered);
    }
    Ok(refreshed)
}

fn unchanged(outcome: CheckOutcome) -> Refreshed {
    Refreshed {
        outcome,
        version: None,
        validation: None,
        alerts: Vec::new(),
        failure: None,
    }
}

async fn record(
    state: &AppState,
    resource_id: Uuid,
    outcome: CheckOutcome,
    validators: Option<Validators>,
) -> Result<(), RefreshError> {
    let record = CheckRecord {
        outcome,
        validators,
        error: None,
    };
    state
        .store()
        .record_check(resource_id, Timestamp::now(), &record)
        .await?;
    Ok(())
}

/// Records a failed download and raises the url-failed alert on the first failure of a
/// series, so a URL that stays down sends one e-mail, not one per attempt.
async fn record_failure(
    state: &AppState,
    resource: &Resource,
    failure: DownloadFailure,
) -> Result<Refreshed, RefreshError> {
    let record = CheckRecord {
        outcome: CheckOutcome::Failed,
        validators: None,
        error: Some(failure.reason.clone()),
    };
    let schedule = state
        .store()
        .record_check(resource.id, Timestamp::now(), &record)
        .await?;
    tracing::warn!(
        resource.id = %resource.id,
        failures = schedule.consecutive_failures,
        next_due_at = %schedule.next_due_at,
        error = %failure.detail,
        "remote file refresh failed"
    );
    let mut alerts = Vec::new();
    if schedule.consecutive_failures == 1 {
        raise(
            state,
            resource,
            AlertKind::UrlFailed,
            failure.reason.clone(),
        )
        .await?;
        alerts.push(AlertKind::UrlFailed);
    }
    Ok(Refreshed {
        outcome: CheckOutcome::Failed,
        version: None,
        validation: None,
        alerts,
        failure: Some(failure.reason),
    })
}

/// Chooses the alert a new version's validation raises: became-invalid when the previous
/// version was not invalid (or there was none), recovered when it was invalid and the new
/// one is valid.
fn validity_alert(
    previous: Option<&ResourceVersion>,
    status: ValidationStatus,
) -> Option<AlertKind> {
    let broken = |status: ValidationStatus| {
        matches!(status, ValidationStatus::Invalid | ValidationStatus::Failed)
    };
    let previous_broken = previous.is_some_and(|version| broken(version.validation_status));
    if broken(status) && !previous_broken {
        Some(AlertKind::BecameInvalid)
    } else if status == ValidationStatus::Valid && previous_broken {
        Some(AlertKind::Recovered)
    } else {
        None
    }
}

/// Returns whether a new version brings personal data that needs an editor's
/// confirmation when the previous version did not. Such a version is served to editors
/// only (see [`super::pages`]), and the editors are warned.
fn personal_data_alert(
    previous: Option<&ResourceVersion>,
    report: Option<&serde_json::Value>,
) -> bool {
    let previous_blocked =
        previous.is_some_and(|version| super::pages::needs_confirmation(version.report.as_ref()));
    super::pages::needs_confirmation(report) && !previous_blocked
}

fn validity_detail(kind: AlertKind, version: &ResourceVersion) -> MessageRef {
    let message_id = match kind {
        AlertKind::BecameInvalid => "refresh-detail-invalid",
        _ => "refresh-detail-valid-again",
    };
    MessageRef {
        message_id: message_id.into(),
        args: vec![("version".into(), version.version.to_string())],
    }
}

async fn raise(
    state: &AppState,
    resource: &Resource,
    kind: AlertKind,
    detail: MessageRef,
) -> Result<(), RefreshError> {
    let alert = state
        .store()
        .create_alert(&NewAlert {
            resource_id: resource.id,
            kind,
            detail,
        })
        .await?;
    tracing::info!(
        resource.id = %resource.id,
        alert.id = %alert.id,
        alert.kind = kind.code(),
        "refresh alert raised"
    );
    super::mail::send_alert(state, &alert).await;
    Ok(())
}

/// Validates a new version with the engine and the personal-data scan of uploads,
/// records the outcome on the version and on the resource, and returns the status and
/// the stored report.
async fn validate_version(
    state: &AppState,
    resource: &Resource,
    version: &ResourceVersion,
) -> Result<(ValidationStatus, Option<serde_json::Value>), RefreshError> {
    let store = state.store();
    let tabular =
        TABULAR_FORMATS.contains(&resource.format.as_str()) || resource.schema_slug.is_some();
    if !tabular {
        store
            .set_version_validation(resource.id, version.version, ValidationStatus::None, None)
            .await?;
        store
            .set_validation(resource.id, ValidationStatus::None, None)
            .await?;
        return Ok((ValidationStatus::None, None));
    }
    let Some(path) = state.files().path(&version.storage_key) else {
        return Err(catalog::Error::Corrupt(format!("storage key {}", version.storage_key)).into());
    };
    store
        .set_version_validation(
            resource.id,
            version.version,
            ValidationStatus::Running,
            None,
        )
        .await?;
    store
        .set_validation(resource.id, ValidationStatus::Running, None)
        .await?;

    let (status, report) = check_file(
        resource.id,
        path,
        resource.schema_slug.clone(),
        state.config().privacy_policies.clone(),
    )
    .await;
    store
        .set_version_validation(resource.id, version.version, status, report.as_ref())
        .await?;
    store
        .set_validation(resource.id, status, report.as_ref())
        .await?;
    tracing::info!(
        resource.id = %resource.id,
        version = version.version,
        status = status.code(),
        "remote file validated"
    );
    Ok((status, report))
}

/// Runs the validation engine and the personal-data scan on the blocking pool, as the
/// upload path does, and returns the status and the stored report. A file the engine
/// cannot open at all is `failed`, with the reason in the report when there is one.
async fn check_file(
    resource_id: Uuid,
    path: std::path::PathBuf,
    schema_slug: Option<String>,
    policies: Option<std::path::PathBuf>,
) -> (ValidationStatus, Option<serde_json::Value>) {
    let checked = tokio::task::spawn_blocking(move || {
        let mut stored = crate::jobs::run_engine(&path, schema_slug.as_deref())?;
        if stored.read_error.is_none() {
            stored.privacy = crate::jobs::scan_privacy(
                resource_id,
                &path,
                schema_slug.as_deref(),
                policies.as_deref(),
            );
        }
        Ok::<_, String>(stored)
    })
    .await
    .map_err(|error| error.to_string())
    .and_then(|result| result);
    let stored = match checked {
        Ok(stored) => stored,
        Err(error) => {
            tracing::error!(resource.id = %resource_id, %error, "validation of a remote file failed");
            return (ValidationStatus::Failed, None);
        }
    };
    let status = match (&stored.read_error, stored.valid) {
        (Some(_), _) => ValidationStatus::Failed,
        (None, true) => ValidationStatus::Valid,
        (None, false) => ValidationStatus::Invalid,
    };
    match serde_json::to_value(&stored) {
        Ok(json) => (status, Some(json)),
        Err(error) => {
            tracing::error!(resource.id = %resource_id, %error, "serialising a report failed");
            (status, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(status: ValidationStatus) -> ResourceVersion {
        ResourceVersion {
            resource_id: Uuid::nil(),
            version: 1,
            storage_key: String::new(),
            sha256: String::new(),
            size: 0,
            fetched_at: String::new(),
            validation_status: status,
            report: None,
        }
    }

    #[test]
    fn first_invalid_version_alerts() {
        assert_eq!(
            validity_alert(None, ValidationStatus::Invalid),
            Some(AlertKind::BecameInvalid)
        );
    }

    #[test]
    fn valid_to_invalid_alerts() {
        let previous = version(ValidationStatus::Valid);
        assert_eq!(
            validity_alert(Some(&previous), ValidationStatus::Failed),
            Some(AlertKind::BecameInvalid)
        );
    }

    #[test]
    fn still_invalid_does_not_alert_again() {
        let previous = version(ValidationStatus::Invalid);
        assert_eq!(
            validity_alert(Some(&previous), ValidationStatus::Invalid),
            None
        );
    }

    #[test]
    fn invalid_to_valid_recovers() {
        let previous = version(ValidationStatus::Invalid);
        assert_eq!(
            validity_alert(Some(&previous), ValidationStatus::Valid),
            Some(AlertKind::Recovered)
        );
    }

    #[test]
    fn valid_to_valid_is_quiet() {
        let previous = version(ValidationStatus::Valid);
        assert_eq!(
            validity_alert(Some(&previous), ValidationStatus::Valid),
            None
        );
        assert_eq!(validity_alert(None, ValidationStatus::Valid), None);
    }
}
