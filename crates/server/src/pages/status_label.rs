//! The validation status shown for a resource, with the reason when a resource was not
//! validated: a link not fetched yet, a link whose fetch failed, a TOTEM budget file, a
//! file that is not a table.

use catalog::refresh::RefreshStore;
use catalog::{Resource, ResourceSource, ValidationStatus};

use crate::error::AppError;
use crate::state::AppState;

/// Schema slug of the SCDL budget, whose datasets receive TOTEM XML files.
const BUDGET_SCHEMA: &str = "budget";

/// Returns the message id of a resource's validation status. Every id takes the
/// resource's format as `$format`.
pub async fn status_message_id(
    state: &AppState,
    resource: &Resource,
    dataset_schema: Option<&str>,
) -> Result<String, AppError> {
    let declared_schema = resource.schema_slug.is_some() || dataset_schema.is_some();
    if resource.validation_status == ValidationStatus::Valid && !declared_schema {
        // Only the table's structure was checked, so "conforming" would claim too much.
        return Ok("server-status-valid-no-schema".to_string());
    }
    if resource.validation_status != ValidationStatus::None {
        return Ok(format!(
            "server-status-{}",
            resource.validation_status.code()
        ));
    }
    let id = match &resource.source {
        ResourceSource::Url { .. } => {
            let store = state.store();
            let fetched = store.latest_version(resource.id).await?.is_some();
            let refresh = store.refresh_state(resource.id).await?;
            let fetch_failed = refresh
                .as_ref()
                .is_some_and(|refresh| refresh.last_error.is_some());
            // Files of harvested datasets start with their schedule off, so nothing fetches
            // them until an editor turns it on or requests a refresh.
            let scheduled = refresh.as_ref().is_none_or(|refresh| refresh.enabled);
            match (fetched, fetch_failed, scheduled) {
                (false, true, _) => "server-status-none-fetch-failed",
                (false, false, true) => "server-status-none-not-fetched",
                (false, false, false) => "server-status-none-not-scheduled",
                (true, _, _) => "server-status-none-not-table",
            }
        }
        ResourceSource::File { .. } => {
            let budget = dataset_schema == Some(BUDGET_SCHEMA)
                || resource.schema_slug.as_deref() == Some(BUDGET_SCHEMA);
            if resource.format == "xml" && budget {
                "server-status-none-totem"
            } else {
                "server-status-none-not-table"
            }
        }
    };
    Ok(id.to_string())
}
