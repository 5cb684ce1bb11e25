//! Publishing the redacted version of a file. A copy with every personal-data finding
//! replaced by a placeholder becomes a new resource of the dataset. The original becomes
//! private, so only editors of the organisation can still see or download it.
//!
//! The copy is validated and scanned again like any upload. Publication itself stays the
//! publish form's job.

use std::sync::{Arc, Mutex};

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use catalog::{ResourceSource, ResourceStore};
use uuid::Uuid;

use crate::error::AppError;
use crate::jobs::spawn_validation;
use crate::normalise::store_generated_csv;
use crate::privacy_scan::write_redacted;
use crate::state::AppState;
use crate::web::Visitor;

/// Writes the redacted copy of a resource, adds it to the dataset and makes the original
/// private, then redirects to the copy's report.
pub async fn publish_redacted(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, resource_id)): Path<(String, Uuid)>,
    Form(form): Form<super::account::CsrfForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let hit = super::publish::editable(&state, &visitor, &slug).await?;
    let resource = state
        .store()
        .resource(resource_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if resource.dataset_id != hit.dataset.id {
        return Err(AppError::NotFound);
    }
    let ResourceSource::File {
        file_name,
        storage_key,
        ..
    } = &resource.source
    else {
        return Err(AppError::NotFound);
    };

    let source = state.files().path(storage_key).ok_or(AppError::NotFound)?;
    let schema_slug = resource.schema_slug.clone();
    let policies = state.config().privacy_policies.clone();
    let outcome = Arc::new(Mutex::new(None));
    let written = Arc::clone(&outcome);
    let stored = store_generated_csv(&state, move |writer| {
        let mut entries = Vec::new();
        let policy = write_redacted(
            &source,
            schema_slug.as_deref(),
            writer,
            &mut entries,
            policies.as_deref(),
        )?;
        if let Ok(mut slot) = written.lock() {
            *slot = Some((policy, entries));
        }
        Ok(())
    })
    .await?;
    let taken = outcome.lock().ok().and_then(|mut slot| slot.take());
    let record_key = match taken {
        Some((policy, entries)) => {
            Some(store_redaction_record(&state, &visitor, policy, entries).await?)
        }
        None => None,
    };
    let new = super::publish::derived_csv(&resource, file_name, "masque", stored);

    let created = crate::publication_hold::add_resource(&state, &hit.dataset, &new).await?;
    // The row keeps the record's file from the sweeper.
    if let Some(record_key) = &record_key {
        let actor = visitor.user.as_ref().map(|user| user.id);
        state
            .store()
            .add_redaction_record(resource.id, created.id, actor, record_key)
            .await?;
    }
    state
        .store()
        .set_resource_private(resource.id, true)
        .await?;
    // A held original stays private for good once its copy replaces it.
    state.store().drop_hold(resource.id).await?;
    tracing::info!(
        dataset.id = %hit.dataset.id,
        resource.id = %created.id,
        source = %resource.id,
        redaction.record = record_key.as_deref().unwrap_or(""),
        "redacted copy created, original made private"
    );
    let target = format!(
        "/jeux-de-donnees/{}/ressources/{}",
        hit.dataset.slug, created.id
    );
    spawn_validation(state.clone(), created);
    Ok(Redirect::to(&target).into_response())
}

/// Stores who redacted what, when and with which rules, as a JSON file in the private file
/// area, and returns its storage key. The record contains positions, kinds and rules, never
/// the masked text.
async fn store_redaction_record(
    state: &AppState,
    visitor: &Visitor,
    policy: privacy::Policy,
    entries: Vec<privacy::RedactionEntry>,
) -> Result<String, AppError> {
    let actor = visitor
        .user
        .as_ref()
        .map_or_else(String::new, |user| format!("{} <{}>", user.id, user.email));
    let record = privacy::RedactionRecord {
        actor,
        at: jiff::Timestamp::now().to_string(),
        engine_version: privacy::ENGINE_VERSION,
        policy,
        replacement: privacy::Replacement::Placeholder.code(),
        entries,
    };
    let json = serde_json::to_vec_pretty(&record)
        .map_err(|error| AppError::Internal(error.to_string()))?;
    let mut pending = state.files().begin(json.len() as u64 + 1).await?;
    pending.write(&json).await?;
    Ok(pending.commit(state.files()).await?.key)
}
