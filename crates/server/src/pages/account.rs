//! Signing in and out.
//!
//! A successful sign-in opens a new session (a fresh token, so a token planted before
//! sign-in is useless) in an HttpOnly, SameSite=Lax cookie, `Secure` when configured.
//! A failed sign-in shows one message whether the address or the password was wrong.
//! Repeated failures lock the account and the client address for a while
//! ([`crate::signin_limit`]); a locked sign-in gets a 429 page saying when to retry.

use std::time::{Duration, Instant};

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};

use axum::response::{IntoResponse, Redirect, Response};
use catalog::{SessionStore, UserStore};
use minijinja::context;
use serde::Deserialize;

use super::page;
use crate::error::AppError;
use crate::signin_limit::ClientAddress;
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
    ClientAddress(address): ClientAddress,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let limits = state.signin_limits();
    if let Some(wait) = limits.locked_for(&form.email, address, Instant::now()) {
        tracing::warn!(client.address = ?address, "sign-in refused while locked");
        return locked_page(&state, &visitor, wait);
    }
    let Some(user) = state
        .store()
        .authenticate(&form.email, &form.password)
        .await?
    else {
        let lock = limits.record_failure(&form.email, address, Instant::now());
        tracing::info!(client.address = ?address, locked = lock.is_some(), "sign-in rejected");
        if let Some(wait) = lock {
            return locked_page(&state, &visitor, wait);
        }
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
    limits.record_success(&form.email);
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

/// Renders the 429 page of a locked sign-in, with `Retry-After` in seconds and the wait
/// in minutes in the text, both rounded up.
fn locked_page(state: &AppState, visitor: &Visitor, wait: Duration) -> Result<Response, AppError> {
    let seconds = (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1);
    let minutes = seconds.div_ceil(60);
    let html = state.render(
        "login_locked.html",
        page(visitor, "/connexion", context! { minutes => minutes }),
    )?;
    let mut response = (StatusCode::TOO_MANY_REQUESTS, html).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
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
