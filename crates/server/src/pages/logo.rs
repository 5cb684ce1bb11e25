//! Organisation logos: upload and removal by the organisation's administrators, and
//! serving to everyone.
//!
//! A logo is a PNG, JPEG or WebP file of at most [`MAX_LOGO_BYTES`], recognised by its
//! first bytes with its dimensions read from the header and capped at
//! [`MAX_LOGO_PIXELS`] per side. It is stored in the file store under a new key, so its URL
//! `/logos/<key>` never changes content and is cached for a year. Only a key that an
//! organisation currently uses as its logo is served, so the route cannot reach any other
//! stored file.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use catalog::{Organization, OrganizationStore, Role, UserStore};
use uuid::Uuid;

use crate::error::AppError;
use crate::image_header::{HeaderError, read_header, sniff_format};
use crate::state::AppState;
use crate::upload::sanitize_file_name;
use crate::web::Visitor;

/// Largest logo file accepted, in bytes (1 MiB).
pub const MAX_LOGO_BYTES: u64 = 1024 * 1024;
/// Largest width and height accepted, in pixels.
pub const MAX_LOGO_PIXELS: u32 = 2048;
/// Request body limit of the upload route: the file plus room for the form's framing.
/// Larger bodies are cut by axum, which the handler reports as a file too large.
pub const UPLOAD_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Returns the URL of a logo.
pub fn logo_url(key: &str) -> String {
    format!("/logos/{key}")
}

/// Logo keys by organisation, reloaded when the catalogue's write generation changes, so
/// dataset pages show the logo without a query of their own.
#[derive(Default)]
pub struct LogoCache {
    loaded: Mutex<Option<(u64, HashMap<Uuid, String>)>>,
}

impl LogoCache {
    /// Returns the logo URL of an organisation, if it has a logo.
    pub async fn url(
        &self,
        state: &AppState,
        organization: Uuid,
    ) -> Result<Option<String>, AppError> {
        let generation = state.store().write_generation();
        if let Ok(loaded) = self.loaded.lock()
            && let Some((built_at, keys)) = loaded.as_ref()
            && *built_at == generation
        {
            return Ok(keys.get(&organization).map(|key| logo_url(key)));
        }
        let keys: HashMap<Uuid, String> = state
            .store()
            .organizations()
            .await?
            .into_iter()
            .filter_map(|organization| Some((organization.id, organization.logo_key?)))
            .collect();
        let url = keys.get(&organization).map(|key| logo_url(key));
        if let Ok(mut loaded) = self.loaded.lock() {
            *loaded = Some((generation, keys));
        }
        Ok(url)
    }
}

/// Returns whether the visitor may change the organisation's logo: its administrators and
/// platform administrators.
pub async fn can_manage(
    state: &AppState,
    visitor: &Visitor,
    organization: &Organization,
) -> Result<bool, AppError> {
    let Some(user) = &visitor.user else {
        return Ok(false);
    };
    if user.is_platform_admin {
        return Ok(true);
    }
    let role = state.store().role_in(user.id, organization.id).await?;
    Ok(role == Some(Role::Admin))
}

async fn managed_organization(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
) -> Result<Organization, AppError> {
    visitor.require_user()?;
    let organization = state
        .store()
        .organization_by_slug(slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can_manage(state, visitor, &organization).await? {
        return Err(AppError::Forbidden);
    }
    Ok(organization)
}

/// Maps a failure to read the form. A body past the route's limit can fail before the
/// file name is read, so that message names no file.
fn form_error(error: axum::extract::multipart::MultipartError) -> AppError {
    if error.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        return AppError::BadRequest {
            message_id: "platform-logo-body-too-large",
        };
    }
    tracing::warn!(%error, "invalid logo form");
    AppError::BadRequest {
        message_id: "server-error-upload-form",
    }
}

fn logo_error(message_id: &'static str, file: &str) -> AppError {
    AppError::BadRequestWith {
        message_id,
        args: vec![("file", file.to_string())],
    }
}

/// Receives a logo (form fields `csrf` then `file`), checks it, stores it and makes it the
/// organisation's logo; the previous logo file is removed.
pub async fn upload(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let bad_form = || AppError::BadRequest {
        message_id: "server-error-upload-form",
    };
    let csrf_field = multipart
        .next_field()
        .await
        .map_err(form_error)?
        .ok_or_else(bad_form)?;
    if csrf_field.name() != Some("csrf") {
        return Err(AppError::Csrf);
    }
    // The body limit of the route bounds this field too.
    let token = csrf_field.text().await.map_err(|_| AppError::Csrf)?;
    visitor.check_csrf(&token)?;
    let organization = managed_organization(&state, &visitor, &slug).await?;

    let Some(mut field) = multipart.next_field().await.map_err(form_error)? else {
        return Err(AppError::BadRequest {
            message_id: "platform-logo-missing",
        });
    };
    if field.name() != Some("file") {
        return Err(bad_form());
    }
    let file_name = sanitize_file_name(field.file_name().unwrap_or(""));
    let mut bytes = Vec::new();
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                if (bytes.len() + chunk.len()) as u64 > MAX_LOGO_BYTES {
                    return Err(logo_error("platform-logo-too-large", &file_name));
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(error) if error.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(logo_error("platform-logo-too-large", &file_name));
            }
            Err(error) => {
                tracing::warn!(%error, organization.id = %organization.id, "logo upload interrupted");
                return Err(AppError::BadRequest {
                    message_id: "server-error-upload-interrupted",
                });
            }
        }
    }
    if bytes.is_empty() {
        return Err(AppError::BadRequest {
            message_id: "platform-logo-missing",
        });
    }
    check_image(&bytes, &file_name)?;

    let mut pending = state.files().begin(MAX_LOGO_BYTES).await?;
    pending.write(&bytes).await?;
    let stored = pending.commit(state.files()).await?;
    let previous = state
        .store()
        .set_organization_logo(organization.id, Some(&stored.key))
        .await?;
    remove_previous(&state, previous).await;
    tracing::info!(organization.id = %organization.id, file.key = %stored.key, "logo replaced");
    Ok(Redirect::to(&format!("/organisations/{}", organization.slug)).into_response())
}

/// Checks that bytes are a PNG, JPEG or WebP image within the size caps.
fn check_image(bytes: &[u8], file_name: &str) -> Result<(), AppError> {
    let info = read_header(bytes).map_err(|error| match error {
        HeaderError::UnknownFormat => logo_error("platform-logo-bad-format", file_name),
        HeaderError::Truncated => logo_error("platform-logo-bad-header", file_name),
    })?;
    if info.width == 0 || info.height == 0 {
        return Err(logo_error("platform-logo-bad-header", file_name));
    }
    if info.width > MAX_LOGO_PIXELS || info.height > MAX_LOGO_PIXELS {
        return Err(AppError::BadRequestWith {
            message_id: "platform-logo-too-wide",
            args: vec![
                ("file", file_name.to_string()),
                ("width", info.width.to_string()),
                ("height", info.height.to_string()),
                ("max", MAX_LOGO_PIXELS.to_string()),
            ],
        });
    }
    Ok(())
}

/// Removes the replaced logo's file. A failure is logged and left to the file sweeper.
async fn remove_previous(state: &AppState, previous: Option<String>) {
    let Some(key) = previous else {
        return;
    };
    if let Err(error) = state.files().remove(&key).await {
        tracing::warn!(%error, file.key = %key, "removing the replaced logo failed");
    }
}

/// Removes the organisation's logo.
pub async fn remove(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<super::account::CsrfForm>,
) -> Result<Response, AppError> {
    visitor.check_csrf(&form.csrf)?;
    let organization = managed_organization(&state, &visitor, &slug).await?;
    let previous = state
        .store()
        .set_organization_logo(organization.id, None)
        .await?;
    remove_previous(&state, previous).await;
    tracing::info!(organization.id = %organization.id, "logo removed");
    Ok(Redirect::to(&format!("/organisations/{}", organization.slug)).into_response())
}

/// Serves a logo with its image type, `nosniff` and a year of caching.
pub async fn serve(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Response, AppError> {
    let path = state.files().path(&key).ok_or(AppError::NotFound)?;
    if state.store().organization_with_logo(&key).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let bytes = tokio::fs::read(&path).await.map_err(|error| {
        tracing::warn!(%error, file.key = %key, "logo file missing");
        AppError::NotFound
    })?;
    let format = sniff_format(&bytes).ok_or_else(|| {
        AppError::Internal(format!("stored logo {key} is not a recognised image"))
    })?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline"),
    );
    Ok(response)
}

/// Builds the logo routes: serving, upload (with its own body limit) and removal.
pub fn routes() -> axum::Router<AppState> {
    use axum::extract::DefaultBodyLimit;
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/logos/{key}", get(serve))
        .route(
            "/organisations/{slug}/logo",
            post(upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route(
            "/organisations/{slug}/logo/suppression",
            post(remove).layer(DefaultBodyLimit::max(64 * 1024)),
        )
}
