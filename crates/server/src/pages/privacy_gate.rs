//! The personal-data check run before a dataset is published.
//!
//! A dataset cannot be published while one of its files is still being validated and
//! scanned, nor while a scanned file has findings that need confirmation, or a file could
//! not be scanned, and no editor has confirmed it. An editor confirms by ticking the box of
//! the publish form. The confirmation, with the editor and the time, is stored in the
//! report of each file it covers. Private files, such as the original of a redacted copy,
//! are left out because they stay hidden once the dataset is published, but held files
//! are checked because confirming them publishes them. The role and CSRF checks are the
//! publish handler's job.

use catalog::{ResourceStore, User};
use uuid::Uuid;

use crate::error::AppError;
use crate::publication_hold::{AwaitingFile, PrivacyCheck, awaiting_files, confirm};
use crate::state::AppState;

/// Checks that a dataset may be published and, when `confirmed`, records `user`'s
/// confirmation on every file that needs one.
///
/// Returns the files that block publication: every file still being scanned, and, unless
/// `confirmed`, every file that needs a confirmation. An empty list means the dataset may
/// be published.
pub(crate) async fn check_publication(
    state: &AppState,
    user: &User,
    dataset_id: Uuid,
    confirmed: bool,
) -> Result<Vec<AwaitingFile>, AppError> {
    let resources = state.store().resources(dataset_id).await?;
    let awaiting = awaiting_files(state, dataset_id, &resources).await?;
    let blocking: Vec<AwaitingFile> = awaiting
        .into_iter()
        .filter(|file| !confirmed || file.check == PrivacyCheck::Scanning)
        .collect();
    if !blocking.is_empty() {
        tracing::info!(dataset.id = %dataset_id, files = blocking.len(), "publication rejected: personal-data check not done or not confirmed");
        return Ok(blocking);
    }
    if !confirmed {
        return Ok(Vec::new());
    }

    for resource in &resources {
        if resource.private && !state.store().is_held(resource.id).await? {
            continue;
        }
        confirm(state, user, resource).await?;
    }
    Ok(Vec::new())
}
