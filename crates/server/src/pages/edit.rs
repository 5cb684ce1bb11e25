//! Editing a dataset's metadata, with the same form as creation.
//!
//! The dataset keeps its organisation, slug and UUID. Only the fields of
//! [`catalog::DatasetFields`] change.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use catalog::DatasetStore;

use super::publish::{DatasetForm, Prefill, editable, render_form};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::Visitor;

pub async fn edit_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> Result<Html<String>, AppError> {
    let hit = editable(&state, &visitor, &slug).await?;
    let prefill = Prefill::from_fields(&hit.dataset.fields);
    render_form(&state, &visitor, &prefill, None, None, Some(&hit)).await
}

pub async fn update(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<DatasetForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let hit = editable(&state, &visitor, &slug).await?;
    let fields = form.fields();
    match state.store().update_dataset(hit.dataset.id, &fields).await {
        Ok(dataset) => {
            tracing::info!(dataset.id = %dataset.id, "dataset updated");
            Ok(Redirect::to(&format!("/jeux-de-donnees/{}", dataset.slug)).into_response())
        }
        Err(catalog::Error::Invalid { field, message_id }) => {
            let prefill = Prefill::from_fields(&fields);
            let html = render_form(
                &state,
                &visitor,
                &prefill,
                None,
                Some((field, message_id)),
                Some(&hit),
            )
            .await?;
            Ok((axum::http::StatusCode::BAD_REQUEST, html).into_response())
        }
        Err(error) => Err(error.into()),
    }
}
