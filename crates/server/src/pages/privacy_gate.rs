//! The personal-data check run before a dataset is published.
//!
//! A dataset cannot be published while one of its files is still being validated and
//! scanned, nor while a scanned file has findings that need confirmation and no editor has
//! confirmed them. An editor confirms by ticking the box of the publish form. The
//! confirmation, with the editor and the time, is stored in the report of each file it
//! covers. Private files, such as the original of a redacted copy, are left out because
//! they stay hidden once the dataset is published. The role and CSRF checks are the
//! publish handler's job.

use catalog::{Resource, ResourceStore, User, ValidationStatus};
use uuid::Uuid;

use crate::error::AppError;
use crate::privacy_scan::PrivacyConfirmation;
use crate::report::StoredReport;
use crate::state::AppState;

/// Reads the stored report of a resource, if it has one in the current format.
fn stored_report(resource: &Resource) -> Option<StoredReport> {
    let json = resource.report.clone()?;
    serde_json::from_value(json).ok()
}

/// Checks that a dataset may be published and, when `confirmed`, records `user`'s
/// confirmation on every file whose findings need one.
///
/// Returns `BadRequest` with `server-error-privacy-scan-running` while a file is still
/// being scanned, and with `server-error-privacy-confirmation-required` when a file needs
/// a confirmation that `confirmed` does not give.
pub(crate) async fn check_publication(
    state: &AppState,
    user: &User,
    dataset_id: Uuid,
    confirmed: bool,
) -> Result<(), AppError> {
    let resources = state.store().resources(dataset_id).await?;
    let mut unconfirmed = Vec::new();
    for resource in resources {
        // Private files are not published with the dataset. Links have a scan once their
        // remote file was fetched.
        if resource.private {
            continue;
        }
        if matches!(
            resource.validation_status,
            ValidationStatus::Pending | ValidationStatus::Running
        ) {
            tracing::info!(dataset.id = %dataset_id, resource.id = %resource.id, "publication rejected: scan still running");
            return Err(AppError::BadRequest {
                message_id: "server-error-privacy-scan-running",
            });
        }
        // NOTE: a file without a scan (a report stored before the scan existed, or a scan
        // that failed and was logged) does not block publication.
        let Some(report) = stored_report(&resource) else {
            continue;
        };
        if report
            .privacy
            .as_ref()
            .is_some_and(|privacy| privacy.needs_confirmation())
        {
            unconfirmed.push((resource, report));
        }
    }
    if unconfirmed.is_empty() {
        return Ok(());
    }
    if !confirmed {
        tracing::info!(dataset.id = %dataset_id, files = unconfirmed.len(), "publication rejected: personal data not confirmed");
        return Err(AppError::BadRequest {
            message_id: "server-error-privacy-confirmation-required",
        });
    }

    let confirmed_at = jiff::Timestamp::now().to_string();
    for (resource, mut report) in unconfirmed {
        if let Some(privacy) = report.privacy.as_mut() {
            privacy.confirmation = Some(PrivacyConfirmation {
                user_id: user.id.to_string(),
                user_email: user.email.clone(),
                confirmed_at: confirmed_at.clone(),
            });
        }
        let json =
            serde_json::to_value(&report).map_err(|error| AppError::Internal(error.to_string()))?;
        state
            .store()
            .set_validation(resource.id, resource.validation_status, Some(&json))
            .await?;
        tracing::info!(dataset.id = %dataset_id, resource.id = %resource.id, user.id = %user.id, "personal data publication confirmed");
    }
    Ok(())
}
