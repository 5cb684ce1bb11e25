//! Signing in and out.
//!
//! A successful sign-in opens a new session (a fresh token, so a token planted before
//! sign-in is useless) in an HttpOnly, SameSite=Lax cookie, `Secure` when configured.
//! A failed sign-in shows one message whether the address or the password was wrong.
//!
//! NOTE: failed sign-ins are not rate-limited yet; Argon2's cost is the only brake.

use axum::Form;
use axum::extract::State;

use axum::response::{IntoResponse, Redirect, Response};
use catalog::{SessionStore, UserStore};
use minijinja::context;
use serde::Deserialize;

use super::page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{SESSION_COOKIE, Visitor, append_cookie, set_cookie};

pub async fn login_form(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    if visitor.user.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    Ok(state
        .render(
            "login.html",
            page(
                &visitor,
                "/connexion",
                context! { email => "", failed => false },
            ),
        )?
        .into_response())
}

#[derive(Deserialize)]
pub struct LoginForm {
    csrf: String,
    email: String,
    password: String,
}

pub async fn login(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let Some(user) = state
        .store()
        .authenticate(&form.email, &form.password)
        .await?
    else {
        tracing::info!("sign-in rejected");
        let html = state.render(
            "login.html",
            page(
                &visitor,
                "/connexion",
                context! { email => form.email, failed => true },
            ),
        )?;
        return Ok((axum::http::StatusCode::UNAUTHORIZED, html).into_response());
    };
    if let Some(old) = &visitor.session {
        state.store().delete_session(old).await?;
    }
    let (token, _csrf) = state
        .store()
        .create_session(user.id, state.config().session_seconds)
        .await?;
    tracing::info!(user.id = %user.id, "signed in");
    let mut response = Redirect::to("/espace").into_response();
    let cookie = set_cookie(
        SESSION_COOKIE,
        &token,
        Some(state.config().session_seconds),
        state.config().secure_cookies,
    );
    append_cookie(response.headers_mut(), &cookie);
    Ok(response)
}

#[derive(Deserialize)]
pub struct CsrfForm {
    pub csrf: String,
}

pub async fn logout(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    if let Some(token) = &visitor.session {
        state.store().delete_session(token).await?;
    }
    let mut response = Redirect::to("/").into_response();
    append_cookie(
        response.headers_mut(),
        &set_cookie(SESSION_COOKIE, "", Some(0), state.config().secure_cookies),
    );
    Ok(response)
}
