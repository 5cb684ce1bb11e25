//! The personal-data hold on files added to a published dataset.
//!
//! A tabular file added to a published dataset, or replacing one of its files through the
//! CKAN API, is made private at once, so no door serves it: downloads, previews, the dataset page, search,
//! the CKAN API and DCAT all hide private resources. The hold is lifted when
//! the validation and personal-data scan are done and found nothing that needs a
//! confirmation, or when an editor confirms the findings on the file's report page.
//!
//! A file the scan could not check (unreadable file, failed scan) stays held until an
//! editor confirms it too, because publishing it unchecked could leak what the scan
//! exists to catch. Files that are not tables (PDF, XML) are never scanned, so they are
//! not held. Links are checked by [`crate::refresh`], which serves an unconfirmed version
//! to editors only.
//!
//! Drafts are not held: [`crate::pages::privacy_gate`] checks their files when they are
//! published, with the same [`check`].
//!
//! A file replaced from the web is not held. Its previous and new contents are recorded as
//! versions of the resource, the mechanism [`crate::refresh`] uses for links, so visitors
//! keep getting the previous file until the new one is cleared, even across a restart.

use catalog::files::StoredFile;
use catalog::refresh::RefreshStore;
use catalog::store::NewResource;
use catalog::{Dataset, Resource, ResourceSource, ResourceStore, User, ValidationStatus};
use serde::Serialize;

use crate::error::AppError;
use crate::privacy_scan::PrivacyConfirmation;
use crate::report::StoredReport;
use crate::state::AppState;

/// State of a resource's personal-data check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrivacyCheck {
    /// Not scanned because it is not a table, or scanned and publishable.
    Cleared,
    /// Validation and scan still queued or running.
    Scanning,
    /// The scan found personal data that no editor confirmed.
    NeedsConfirmation,
    /// The file was validated but the scan could not run, and no editor confirmed it.
    Unscanned,
}

/// Reads the stored report of a resource, if it has one in the current format.
pub fn stored_report(resource: &Resource) -> Option<StoredReport> {
    let json = resource.report.clone()?;
    serde_json::from_value(json).ok()
}

/// Returns the state of a resource's personal-data check.
pub fn check(resource: &Resource) -> PrivacyCheck {
    check_report(resource.validation_status, stored_report(resource).as_ref())
}

/// Returns the state of the personal-data check of a file with this validation status and
/// stored report.
pub fn check_report(status: ValidationStatus, report: Option<&StoredReport>) -> PrivacyCheck {
    match status {
        ValidationStatus::Pending | ValidationStatus::Running => return PrivacyCheck::Scanning,
        ValidationStatus::None => return PrivacyCheck::Cleared,
        ValidationStatus::Valid | ValidationStatus::Invalid | ValidationStatus::Failed => {}
    }
    let Some(report) = report else {
        // A validation that failed before writing a report stores none.
        return PrivacyCheck::Unscanned;
    };
    match &report.privacy {
        Some(privacy) if privacy.needs_confirmation() => PrivacyCheck::NeedsConfirmation,
        Some(_) => PrivacyCheck::Cleared,
        None if report.unscanned_confirmation.is_some() => PrivacyCheck::Cleared,
        None => PrivacyCheck::Unscanned,
    }
}

/// Adds a resource to a dataset. When the dataset is published and the resource waits for
/// its validation and scan, the resource is stored held, in one transaction.
pub async fn add_resource(
    state: &AppState,
    dataset: &Dataset,
    new: &NewResource,
) -> Result<Resource, catalog::Error> {
    if !dataset.published || new.validation_status != ValidationStatus::Pending {
        return state.store().add_resource(dataset.id, new).await;
    }
    let resource = state.store().add_held_resource(dataset.id, new).await?;
    tracing::info!(dataset.id = %dataset.id, resource.id = %resource.id, "file held until its personal-data scan is done");
    Ok(resource)
}

/// Holds a resource of a published dataset before its content is replaced by `new`, when
/// the new content waits for its validation and scan. Holding first means the new content
/// is never readable before the hold, and the old content stops being served at once.
/// The CKAN API's `resource_update` uses it. The web replacement uses
/// [`record_replacement`] instead.
pub async fn hold_before_update(
    state: &AppState,
    dataset: &Dataset,
    current: &Resource,
    new: &NewResource,
) -> Result<(), catalog::Error> {
    let new_content = new.source != current.source;
    // Once a file has versions, the newest one must be its current content, because
    // downloads are served from them.
    if new_content && state.store().latest_version(current.id).await?.is_some() {
        record_replacement(state, current, new).await?;
    }
    if !dataset.published || new.validation_status != ValidationStatus::Pending || !new_content {
        return Ok(());
    }
    if state.store().hold_resource(current.id).await? {
        tracing::info!(dataset.id = %dataset.id, resource.id = %current.id, "file held until the personal-data scan of its new content is done");
    }
    Ok(())
}

/// Lifts the hold of a resource when the validation outcome about to be stored clears it.
///
/// The validation job calls this before it stores the final status, so a reader that sees
/// the final status also sees the final hold. A clean file may thus be public for a moment
/// while its status still reads `running`.
pub async fn release_if_cleared(
    state: &AppState,
    resource_id: uuid::Uuid,
    status: ValidationStatus,
    report: Option<&StoredReport>,
) -> Result<(), catalog::Error> {
    record_version_outcome(state, resource_id, status, report).await?;
    let outcome = check_report(status, report);
    if outcome == PrivacyCheck::Cleared {
        if state.store().release_hold(resource_id).await? {
            tracing::info!(resource.id = %resource_id, "file published after its personal-data scan");
        }
    } else if state.store().is_held(resource_id).await? {
        tracing::info!(resource.id = %resource_id, check = ?outcome, "file stays held until an editor confirms it");
    }
    Ok(())
}

/// Records a new content of a file resource as its next version, before the resource row
/// is updated to it, and returns whether it did. The first replacement also records the
/// current file, with its status and report, as version 1.
///
/// Downloads and previews then serve visitors the newest version whose checks are done and
/// need no confirmation ([`crate::refresh::pages::download_current`]), so the previous
/// file stays public while the new one is validated and scanned. A crash before the
/// resource row is updated leaves a pending version that is never served to visitors.
// NOTE: the resource row describes the new file at once (title, name, size, hash), so the
// dataset page, the CKAN API and DCAT show its metadata, and the dataset's validity counts
// its status, while visitors still download the previous file.
pub async fn record_replacement(
    state: &AppState,
    current: &Resource,
    new: &NewResource,
) -> Result<bool, catalog::Error> {
    let (
        ResourceSource::File {
            storage_key,
            size,
            sha256,
            ..
        },
        ResourceSource::File {
            storage_key: new_key,
            size: new_size,
            sha256: new_sha256,
            ..
        },
    ) = (&current.source, &new.source)
    else {
        return Ok(false);
    };
    if storage_key == new_key {
        return Ok(false);
    }
    let store = state.store();
    if store.latest_version(current.id).await?.is_none() {
        let previous = StoredFile {
            key: storage_key.clone(),
            size: *size,
            sha256: sha256.clone(),
        };
        let first = store.add_version(current.id, &previous).await?;
        store
            .set_version_validation(
                current.id,
                first.version,
                current.validation_status,
                current.report.as_ref(),
            )
            .await?;
    }
    let replacement = StoredFile {
        key: new_key.clone(),
        size: *new_size,
        sha256: new_sha256.clone(),
    };
    let added = store.add_version(current.id, &replacement).await?;
    if new.validation_status != ValidationStatus::Pending {
        store
            .set_version_validation(current.id, added.version, new.validation_status, None)
            .await?;
    }
    tracing::info!(resource.id = %current.id, version = added.version, "replacement file recorded as a new version");
    Ok(true)
}

/// Stores a validation outcome on the newest version of a replaced file, when that version
/// is the resource's current file and still waits for its checks. URL resources are left
/// to [`crate::refresh`], which records its own outcomes.
async fn record_version_outcome(
    state: &AppState,
    resource_id: uuid::Uuid,
    status: ValidationStatus,
    report: Option<&StoredReport>,
) -> Result<(), catalog::Error> {
    let store = state.store();
    let Some(latest) = store.latest_version(resource_id).await? else {
        return Ok(());
    };
    if !matches!(
        latest.validation_status,
        ValidationStatus::Pending | ValidationStatus::Running
    ) {
        return Ok(());
    }
    let Some(resource) = store.resource(resource_id).await? else {
        return Ok(());
    };
    let ResourceSource::File { storage_key, .. } = &resource.source else {
        return Ok(());
    };
    if *storage_key != latest.storage_key {
        return Ok(());
    }
    let json = report
        .map(serde_json::to_value)
        .transpose()
        .map_err(|error| catalog::Error::Corrupt(error.to_string()))?;
    store
        .set_version_validation(resource_id, latest.version, status, json.as_ref())
        .await
}

/// Returns the resource as visitors get it: itself, or while a replacement waits for its
/// checks, a copy whose file, validation status and report are those of the newest version
/// they may download. Returns `None` when no version may be served to them.
pub async fn visitor_copy(
    state: &AppState,
    resource: &Resource,
) -> Result<Option<Resource>, catalog::Error> {
    let ResourceSource::File { file_name, .. } = &resource.source else {
        return Ok(Some(resource.clone()));
    };
    let versions = state.store().versions(resource.id).await?;
    if versions.is_empty() {
        return Ok(Some(resource.clone()));
    }
    let served = versions.iter().enumerate().find(|(position, version)| {
        !crate::refresh::pages::version_needs_confirmation(resource, version, *position == 0)
    });
    Ok(served.map(|(position, version)| {
        if position == 0 {
            return resource.clone();
        }
        let mut copy = resource.clone();
        copy.source = ResourceSource::File {
            file_name: file_name.clone(),
            storage_key: version.storage_key.clone(),
            size: version.size,
            sha256: version.sha256.clone(),
        };
        copy.validation_status = version.validation_status;
        copy.report = version.report.clone();
        copy
    }))
}

/// Returns whether visitors still get an earlier file of this resource because its current
/// file waits for its checks or for an editor's confirmation.
pub async fn replacement_pending(
    state: &AppState,
    resource: &Resource,
) -> Result<bool, catalog::Error> {
    let served = visitor_copy(state, resource).await?;
    Ok(served.is_some_and(|copy| copy.source != resource.source))
}

/// Records `user`'s confirmation that a resource may be published despite its findings,
/// or without a scan, in its report, then lifts its hold if it has one.
///
/// Returns `BadRequest` with `server-error-privacy-scan-running` while the file is still
/// being scanned. A resource whose check is already cleared is left unchanged.
pub async fn confirm(state: &AppState, user: &User, resource: &Resource) -> Result<(), AppError> {
    let outcome = check(resource);
    if outcome == PrivacyCheck::Scanning {
        return Err(AppError::BadRequest {
            message_id: "server-error-privacy-scan-running",
        });
    }
    if outcome != PrivacyCheck::Cleared {
        let confirmation = PrivacyConfirmation {
            user_id: user.id.to_string(),
            user_email: user.email.clone(),
            confirmed_at: jiff::Timestamp::now().to_string(),
        };
        let mut report = stored_report(resource).unwrap_or_else(empty_report);
        match report.privacy.as_mut() {
            Some(privacy) => privacy.confirmation = Some(confirmation),
            None => report.unscanned_confirmation = Some(confirmation),
        }
        let json =
            serde_json::to_value(&report).map_err(|error| AppError::Internal(error.to_string()))?;
        state
            .store()
            .set_validation(resource.id, resource.validation_status, Some(&json))
            .await?;
        tracing::info!(dataset.id = %resource.dataset_id, resource.id = %resource.id, user.id = %user.id, check = ?outcome, "personal data publication confirmed");
    }
    if state.store().release_hold(resource.id).await? {
        tracing::info!(dataset.id = %resource.dataset_id, resource.id = %resource.id, user.id = %user.id, "held file published after confirmation");
    }
    Ok(())
}

/// Builds an empty report for a file whose validation failed before writing one, so that a
/// confirmation can be stored.
fn empty_report() -> StoredReport {
    StoredReport {
        valid: false,
        rows: 0,
        fields: 0,
        errors_found: 0,
        truncated: false,
        encoding: None,
        delimiter: None,
        format: None,
        errors: Vec::new(),
        warnings: Vec::new(),
        read_error: None,
        privacy: None,
        unscanned_confirmation: None,
    }
}

/// Adds `privacy_hold` to a CKAN resource dictionary: the check a held resource waits for
/// (`scanning`, `needs_confirmation` or `unscanned`), `private` for a resource kept
/// private otherwise (such as the original of a redacted copy), or null when it is public.
pub async fn describe_hold(
    state: &AppState,
    resource: &Resource,
    dict: &mut serde_json::Value,
) -> Result<(), catalog::Error> {
    let hold = if state.store().is_held(resource.id).await? {
        serde_json::to_value(check(resource)).unwrap_or(serde_json::Value::Null)
    } else if resource.private {
        serde_json::Value::from("private")
    } else {
        serde_json::Value::Null
    };
    if let serde_json::Value::Object(map) = dict {
        map.insert("privacy_hold".to_string(), hold);
    }
    Ok(())
}

/// A file of a dataset whose personal-data check is not cleared, as listed to editors on
/// the dataset page.
#[derive(Debug, Serialize)]
pub struct AwaitingFile {
    pub id: uuid::Uuid,
    pub title: String,
    pub check: PrivacyCheck,
    /// Whether the file is withheld from the public while it waits.
    pub held: bool,
}

/// Lists the public files of a dataset whose check is not cleared. Private files that are
/// not held stay hidden whatever their check returns, so they are left out.
pub async fn awaiting_files(
    state: &AppState,
    dataset_id: uuid::Uuid,
    resources: &[Resource],
) -> Result<Vec<AwaitingFile>, catalog::Error> {
    let held = state.store().held_resources(dataset_id).await?;
    let mut awaiting = Vec::new();
    for resource in resources {
        let is_held = held.contains(&resource.id);
        if resource.private && !is_held {
            continue;
        }
        let outcome = check(resource);
        if outcome != PrivacyCheck::Cleared {
            awaiting.push(AwaitingFile {
                id: resource.id,
                title: resource.title.clone(),
                check: outcome,
                held: is_held,
            });
        }
    }
    Ok(awaiting)
}
