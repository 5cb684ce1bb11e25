//! The personal-data hold on files added to a published dataset.
//!
//! A tabular file added to a published dataset, or replacing one of its files, is made
//! private at once, so no door serves it: downloads, previews, the dataset page, search,
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

use catalog::store::NewResource;
use catalog::{Dataset, Resource, ResourceStore, User, ValidationStatus};
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
pub async fn hold_before_update(
    state: &AppState,
    dataset: &Dataset,
    current: &Resource,
    new: &NewResource,
) -> Result<(), catalog::Error> {
    let new_content = new.source != current.source;
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
/// (`scanning`, `needs_confirmation` or `unscanned`), or null when it is not held.
pub async fn describe_hold(
    state: &AppState,
    resource: &Resource,
    dict: &mut serde_json::Value,
) -> Result<(), catalog::Error> {
    let hold = if state.store().is_held(resource.id).await? {
        serde_json::to_value(check(resource)).unwrap_or(serde_json::Value::Null)
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
