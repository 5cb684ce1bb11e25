//! Editor actions on one file of a dataset: confirming its personal-data findings,
//! deleting it and replacing it by a new upload.
//!
//! Every write checks the CSRF token, then the role through [`super::publish::editable`].
//! Deleting and replacing use the catalogue methods of the CKAN API's `resource_delete`
//! and `resource_update`. A deleted or replaced file stays on disk until the sweep removes
//! files that no row references.

use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use catalog::search::DatasetHit;
use catalog::store::NewResource;
use catalog::{LifecycleStore, Resource, ResourceSource, ResourceStore, ValidationStatus};
use minijinja::context;
use serde::Deserialize;
use uuid::Uuid;

use super::page;
use super::publish::{TABULAR_FORMATS, editable};
use crate::error::AppError;
use crate::jobs::spawn_validation;
use crate::publication_hold::record_replacement;
use crate::state::AppState;
use crate::upload::{format_of, receive};
use crate::web::Visitor;

/// Loads a dataset the visitor may edit and one of its resources.
async fn editable_resource(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    resource_id: Uuid,
) -> Result<(DatasetHit, Resource), AppError> {
    let hit = editable(state, visitor, slug).await?;
    let resource = state
        .store()
        .resource(resource_id)
        .await?
        .filter(|resource| resource.dataset_id == hit.dataset.id)
        .ok_or(AppError::NotFound)?;
    Ok((hit, resource))
}

fn report_path(hit: &DatasetHit, resource_id: Uuid) -> String {
    format!(
        "/jeux-de-donnees/{}/ressources/{}",
        hit.dataset.slug, resource_id
    )
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    csrf: String,
    /// The confirmation box: present when ticked.
    #[serde(default)]
    confirm_personal_data: Option<String>,
}

/// Records an editor's confirmation of a file's personal-data findings, or of a file the
/// scan could not check, and publishes the file if it was held.
pub async fn confirm(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, resource_id)): Path<(String, Uuid)>,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let (hit, resource) = editable_resource(&state, &visitor, &slug, resource_id).await?;
    if form.confirm_personal_data.is_none() {
        return Err(AppError::BadRequest {
            message_id: "server-error-privacy-box-unticked",
        });
    }
    let user = visitor.require_user()?;
    crate::publication_hold::confirm(&state, user, &resource).await?;
    Ok(Redirect::to(&report_path(&hit, resource.id)).into_response())
}

/// Renders the page that asks an editor to confirm a file's deletion.
pub async fn delete_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, resource_id)): Path<(String, Uuid)>,
) -> Result<Html<String>, AppError> {
    let (hit, resource) = editable_resource(&state, &visitor, &slug, resource_id).await?;
    let path = format!("{}/suppression", report_path(&hit, resource.id));
    state.render(
        "resource_delete.html",
        page(
            &visitor,
            &path,
            context! { hit => hit, resource => resource },
        ),
    )
}

/// Deletes a file from its dataset and returns to the dataset page.
pub async fn delete(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, resource_id)): Path<(String, Uuid)>,
    Form(form): Form<super::account::CsrfForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let (hit, resource) = editable_resource(&state, &visitor, &slug, resource_id).await?;
    state.store().delete_resource(resource.id).await?;
    let user_id = visitor.user.as_ref().map(|user| user.id.to_string());
    tracing::info!(dataset.id = %hit.dataset.id, resource.id = %resource.id, user.id = user_id.as_deref().unwrap_or(""), "file deleted");
    Ok(Redirect::to(&format!("/jeux-de-donnees/{}", hit.dataset.slug)).into_response())
}

/// Rejects replacing a file whose validation is queued or running, because the running
/// validation would store the old file's report over the new one's.
fn check_not_validating(resource: &Resource) -> Result<(), AppError> {
    if matches!(
        resource.validation_status,
        ValidationStatus::Pending | ValidationStatus::Running
    ) {
        return Err(AppError::BadRequest {
            message_id: "server-error-resource-validating",
        });
    }
    Ok(())
}

/// Renders the form that replaces an uploaded file by a new upload.
pub async fn replace_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, resource_id)): Path<(String, Uuid)>,
) -> Result<Html<String>, AppError> {
    let (hit, resource) = editable_resource(&state, &visitor, &slug, resource_id).await?;
    if !matches!(resource.source, ResourceSource::File { .. }) {
        return Err(AppError::NotFound);
    }
    let path = format!("{}/remplacement", report_path(&hit, resource.id));
    let limit = state.config().max_upload_bytes;
    state.render(
        "resource_replace.html",
        page(
            &visitor,
            &path,
            context! { hit => hit, resource => resource, max_upload_bytes => limit },
        ),
    )
}

/// Replaces an uploaded file by a new upload. The resource keeps its id, URL and
/// description, takes the new file's name as title when its title was the old file's
/// name, and is validated and scanned again. Both files are recorded as versions, so
/// visitors keep getting the previous file until the new one has passed its checks, while
/// editors get the new one and its report at once.
pub async fn replace(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, resource_id)): Path<(String, Uuid)>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let (hit, current) = editable_resource(&state, &visitor, &slug, resource_id).await?;
    let ResourceSource::File {
        file_name: old_name,
        ..
    } = &current.source
    else {
        return Err(AppError::NotFound);
    };
    check_not_validating(&current)?;
    let upload = receive(&state, &visitor, multipart).await?;
    // Checked again after the upload, which may take minutes.
    let current = state
        .store()
        .resource(current.id)
        .await?
        .ok_or(AppError::NotFound)?;
    check_not_validating(&current)?;

    let format = format_of(&upload.file_name);
    let tabular = TABULAR_FORMATS.contains(&format.as_str());
    let title = if current.title == *old_name {
        upload.file_name.clone()
    } else {
        current.title.clone()
    };
    let new = NewResource {
        title,
        source: ResourceSource::File {
            file_name: upload.file_name.clone(),
            storage_key: upload.stored.key.clone(),
            size: upload.stored.size,
            sha256: upload.stored.sha256.clone(),
        },
        format,
        schema_slug: hit.dataset.fields.schema_slug.clone(),
        validation_status: if tabular {
            ValidationStatus::Pending
        } else {
            ValidationStatus::None
        },
    };
    record_replacement(&state, &current, &new).await?;
    let updated = state
        .store()
        .update_resource(current.id, &new, &current.description)
        .await?;
    tracing::info!(dataset.id = %hit.dataset.id, resource.id = %updated.id, bytes = upload.stored.size, "file replaced");
    if tabular {
        spawn_validation(state.clone(), updated.clone());
    } else {
        // A file that is not a table is not scanned, so a hold from the old file ends and
        // its version is cleared.
        crate::publication_hold::release_if_cleared(
            &state,
            updated.id,
            updated.validation_status,
            None,
        )
        .await?;
    }
    Ok(Redirect::to(&report_path(&hit, updated.id)).into_response())
}
