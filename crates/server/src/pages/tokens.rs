//! The API tokens page of the user's space: create a token (shown once), list tokens with
//! their last use, and revoke one.
//!
//! Both forms carry the session's CSRF token. Creating a token answers with the page
//! itself, not a redirect, because the token must be shown on the answer to the POST
//! and never again; the page is marked `no-store` so that no cache keeps it.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use catalog::TokenStore;
use minijinja::context;
use serde::Deserialize;
use uuid::Uuid;

use super::page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::Visitor;

const PATH: &str = "/espace/jetons";

async fn render(
    state: &AppState,
    visitor: &Visitor,
    created: Option<&str>,
    error: Option<&str>,
) -> Result<Response, AppError> {
    let user = visitor.require_user()?;
    let tokens = state.store().tokens(user.id).await?;
    let html = state.render(
        "tokens.html",
        page(
            visitor,
            PATH,
            context! { tokens => tokens, created => created, error => error },
        ),
    )?;
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let mut response = (status, html).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

pub async fn tokens_page(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    render(&state, &visitor, None, None).await
}

#[derive(Deserialize)]
pub struct CreateForm {
    csrf: String,
    #[serde(default)]
    name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<CreateForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let user = visitor.require_user()?;
    match state.store().create_token(user.id, &form.name).await {
        Ok((token, secret)) => {
            tracing::info!(user.id = %user.id, token.id = %token.id, "API token created");
            render(&state, &visitor, Some(&secret), None).await
        }
        Err(catalog::Error::Invalid { message_id, .. }) => {
            render(&state, &visitor, None, Some(message_id)).await
        }
        Err(error) => Err(error.into()),
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token_id): Path<Uuid>,
    Form(form): Form<super::account::CsrfForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let user = visitor.require_user()?;
    if !state.store().revoke_token(user.id, token_id).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(user.id = %user.id, token.id = %token_id, "API token revoked");
    Ok(Redirect::to(PATH).into_response())
}
