//! The CKAN-compatible Action API (`/api/3/action/{name}` and `/api/action/{name}`), its
//! OpenAPI description and the API documentation page.
//!
//! Read actions answer GET with a query string and POST; write actions need POST with a
//! JSON object, a form or a multipart body (for `resource_create` and `resource_update`
//! with an `upload` file). Callers authenticate with an API token in the `Authorization`
//! header, raw or after `Bearer `; session cookies are ignored here, so a page of another
//! site cannot make a signed-in visitor's browser call a write action. Permissions are
//! those of the web interface: editors write their organisations' datasets, members read
//! their private ones, platform administrators do everything.
//!
//! Left out: CKAN's groups (always empty), activity streams, `dataset_purge`, the
//! DataStore, and Solr syntax beyond what [`query`] accepts.

mod dict;
mod docs;
mod envelope;
mod params;
mod query;
mod read;
mod resources;
mod write;

use axum::Router;
use axum::body::Body;

use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::response::Response;
use axum::routing::{any, get, post};
use catalog::{TokenStore, User, UserStore, Viewer};
use i18n::Lang;
use serde_json::Value;
use uuid::Uuid;

use crate::pages::tokens;
use crate::response_cache::{self, Cached};
use crate::state::AppState;
pub use envelope::ApiError;
use params::Params;
use resources::PendingUpload;

/// Largest JSON or form body of an action, in bytes. Uploads have the platform's file limit.
const BODY_LIMIT_BYTES: usize = 2 * 1024 * 1024;

/// Largest body of the token forms, in bytes.
const TOKEN_FORM_LIMIT_BYTES: usize = 16 * 1024;

/// Builds the API routes.
pub fn routes(state: &AppState) -> Router<AppState> {
    // Multipart bodies count their framing too, so allow a little more than the file limit.
    let upload_limit = usize::try_from(state.config().max_upload_bytes.saturating_add(64 * 1024))
        .unwrap_or(usize::MAX);
    let token_pages = Router::new()
        .route(
            "/espace/jetons",
            get(tokens::tokens_page).post(tokens::create_token),
        )
        .route("/espace/jetons/{id}/revocation", post(tokens::revoke_token))
        .layer(DefaultBodyLimit::max(TOKEN_FORM_LIMIT_BYTES));
    Router::new()
        .route("/api/3/action/{name}", any(action))
        .route("/api/action/{name}", any(action))
        .route("/api/openapi.json", get(docs::openapi))
        .route("/api", get(docs::api_page))
        .layer(DefaultBodyLimit::max(upload_limit))
        .merge(token_pages)
}

const JSON_CONTENT_TYPE: &str = "application/json;charset=utf-8";

/// Request headers a cached response depends on: its encoding, its language and the token
/// headers, whose presence makes the call a non-anonymous one.
const API_VARY: &str = "accept-encoding, accept-language, authorization, x-ckan-api-key";

/// One call of an action: who calls, with which parameters, and where the site lives.
pub struct Call {
    pub state: AppState,
    pub lang: Lang,
    pub user: Option<User>,
    pub params: Params,
    /// The file of a multipart `upload` field, received but not yet published.
    pub upload: Option<PendingUpload>,
    /// Scheme and host of this site, without a trailing slash.
    pub base: String,
}

impl Call {
    pub fn viewer(&self) -> Viewer {
        match &self.user {
            Some(user) => Viewer {
                user_id: Some(user.id),
                platform_admin: user.is_platform_admin,
            },
            None => Viewer::anonymous(),
        }
    }

    /// Returns the caller, or an `Authorization Error` for anonymous calls.
    pub fn require_user(&self) -> Result<&User, ApiError> {
        self.user
            .as_ref()
            .ok_or_else(|| ApiError::forbidden("api-error-token-required"))
    }

    /// Returns whether the caller may write the datasets of an organisation.
    pub async fn can_edit(&self, organization_id: Uuid) -> Result<bool, ApiError> {
        let Some(user) = &self.user else {
            return Ok(false);
        };
        if user.is_platform_admin {
            return Ok(true);
        }
        let role = self.state.store().role_in(user.id, organization_id).await?;
        Ok(role.is_some_and(|role| role.can_edit()))
    }
}

/// Returns the site's address as seen by the client, from the `Host` header.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .filter(|host| {
            !host.is_empty()
                && host
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || b".-:[]".contains(&byte))
        })
        .map_or_else(|| state.config().bind.to_string(), str::to_string);
    let scheme = if state.config().secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// Reads the API token of a request: `Authorization: <token>`, `Authorization: Bearer
/// <token>`, or CKAN's older `X-CKAN-API-Key` header.
///
/// Returns `None` when neither header is present or the header is blank. A token with a
/// byte outside visible ASCII (`!` to `~`) is an `Authorization Error` rather than an
/// anonymous call. A client whose token was mangled (a pasted accent, a line break, a
/// non-breaking space) thus learns it instead of silently seeing only public data.
fn token_of(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let (header_name, value) = match headers.get(header::AUTHORIZATION) {
        Some(value) => ("Authorization", value),
        None => match headers.get("x-ckan-api-key") {
            Some(value) => ("X-CKAN-API-Key", value),
            None => return Ok(None),
        },
    };
    let value = value.as_bytes().trim_ascii();
    let token = match value.iter().position(|byte| *byte == b' ') {
        Some(space) if value[..space].eq_ignore_ascii_case(b"bearer") => {
            value[space + 1..].trim_ascii()
        }
        _ => value,
    };
    if let Some(position) = token.iter().position(|byte| !byte.is_ascii_graphic()) {
        return Err(ApiError::Authorization(envelope::Message::with(
            "api-error-token-characters",
            vec![
                ("header", header_name.to_string()),
                ("byte", format!("0x{:02X}", token[position])),
                ("position", (position + 1).to_string()),
            ],
        )));
    }
    // Every byte is visible ASCII here, so the conversion cannot fail.
    Ok(std::str::from_utf8(token)
        .ok()
        .filter(|token| !token.is_empty())
        .map(str::to_string))
}

/// Builds the `help` address that CKAN puts in every response of an action.
fn help_url(base: &str, action: &str) -> String {
    format!(
        "{base}/api/3/action/help_show?name={}",
        params::echo(action)
    )
}

async fn action(
    State(state): State<AppState>,
    Path(name): Path<String>,
    request: Request,
) -> Response {
    let lang = request
        .extensions()
        .get::<Lang>()
        .copied()
        .unwrap_or_default();
    let base = base_url(&state, request.headers());

    // Only anonymous GET calls of read actions are shared between callers.
    let cacheable = request.method() == Method::GET
        && action_kind(&name) == Some(Kind::Read)
        && matches!(token_of(request.headers()), Ok(None));
    if !cacheable {
        let help = help_url(&base, &name);
        return match run(state.clone(), lang, &name, base, request).await {
            Ok(result) => envelope::ok_response(envelope::success_body(&help, result)),
            Err(error) => error.into_envelope(&help, state.messages(lang)),
        };
    }

    let key = response_cache::key(lang, &base, request.uri());
    // Read before the catalogue, so a write during the call makes the entry stale.
    let generation = state.store().write_generation();
    let gzip = response_cache::accepts_gzip(request.headers());
    if let Some(cached) = state.api_responses().get(&key, generation)
        && let Some(response) = cached.respond(gzip, JSON_CONTENT_TYPE, API_VARY)
    {
        return response;
    }
    let help = help_url(&base, &name);
    match run(state.clone(), lang, &name, base, request).await {
        Ok(result) => {
            let body = envelope::success_body(&help, result);
            if let Some(cached) = Cached::compress(generation, &body) {
                let response = cached.respond(gzip, JSON_CONTENT_TYPE, API_VARY);
                state.api_responses().insert(key, cached);
                if let Some(response) = response {
                    return response;
                }
            }
            envelope::ok_response(body)
        }
        Err(error) => error.into_envelope(&help, state.messages(lang)),
    }
}

async fn run(
    state: AppState,
    lang: Lang,
    name: &str,
    base: String,
    request: Request,
) -> Result<Answer, ApiError> {
    let post = match *request.method() {
        Method::GET | Method::HEAD => false,
        Method::POST => true,
        _ => return Err(ApiError::bad_request("api-error-method", Vec::new())),
    };
    let Some(kind) = action_kind(name) else {
        return Err(ApiError::bad_request(
            "api-error-unknown-action",
            vec![("action", params::echo(name))],
        ));
    };
    if kind == Kind::Write && !post {
        return Err(ApiError::bad_request(
            "api-error-post-required",
            vec![("action", name.to_string())],
        ));
    }

    let user = match token_of(request.headers())? {
        Some(token) => Some(
            state
                .store()
                .user_by_token(&token)
                .await?
                .ok_or_else(|| ApiError::forbidden("api-error-token-invalid"))?,
        ),
        None => None,
    };
    if kind == Kind::Write && user.is_none() {
        return Err(ApiError::forbidden("api-error-token-required"));
    }

    let (params, upload) = read_params(&state, request).await?;
    let mut call = Call {
        state,
        lang,
        user,
        params,
        upload,
        base,
    };
    let result = dispatch(name, &mut call).await;
    name_missing_key(result, &call)
}

/// Names in a "not found" error the identifier the call gave (`package_id`, `id` or
/// `name`), so that the client sees which value matched nothing.
fn name_missing_key(result: Result<Answer, ApiError>, call: &Call) -> Result<Answer, ApiError> {
    match result {
        Err(ApiError::NotFound(message)) if message.id == "api-error-not-found" => {
            let identifier = ["package_id", "id", "name"].into_iter().find_map(|field| {
                call.params
                    .text(field)
                    .ok()
                    .flatten()
                    .map(|value| (field, value))
            });
            Err(ApiError::NotFound(match identifier {
                Some((field, value)) => envelope::Message::with(
                    "api-error-not-found-key",
                    vec![("field", field.to_string()), ("value", value)],
                ),
                None => message,
            }))
        }
        other => other,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Read,
    Write,
}

/// The actions served, with their kind.
pub const ACTIONS: &[(&str, bool)] = &[
    ("status_show", false),
    ("help_show", false),
    ("package_list", false),
    ("package_search", false),
    ("package_show", false),
    ("current_package_list_with_resources", false),
    ("organization_list", false),
    ("organization_show", false),
    ("group_list", false),
    ("tag_list", false),
    ("license_list", false),
    ("resource_show", false),
    ("package_create", true),
    ("package_update", true),
    ("package_patch", true),
    ("package_delete", true),
    ("resource_create", true),
    ("resource_update", true),
    ("resource_patch", true),
    ("resource_delete", true),
    ("organization_create", true),
    ("organization_member_create", true),
    ("organization_member_delete", true),
];

fn action_kind(name: &str) -> Option<Kind> {
    ACTIONS
        .iter()
        .find(|(action, _)| *action == name)
        .map(|(_, write)| if *write { Kind::Write } else { Kind::Read })
}

/// The result of an action: a JSON value, or JSON text already serialised by an action
/// that returns large pages.
pub enum Answer {
    Json(Value),
    Raw(String),
}

async fn dispatch(name: &str, call: &mut Call) -> Result<Answer, ApiError> {
    match name {
        "package_search" => return read::package_search(call).await.map(Answer::Raw),
        "current_package_list_with_resources" => {
            return read::current_packages(call).await.map(Answer::Raw);
        }
        _ => {}
    }
    let value = match name {
        "status_show" => read::status_show(call).await,
        "help_show" => docs::help_show(call),
        "package_list" => read::package_list(call).await,
        "package_show" => read::package_show(call).await,
        "organization_list" => read::organization_list(call).await,
        "organization_show" => read::organization_show(call).await,
        "group_list" => Ok(Value::Array(Vec::new())),
        "tag_list" => read::tag_list(call).await,
        "license_list" => Ok(read::license_list()),
        "resource_show" => read::resource_show(call).await,
        "package_create" => write::package_create(call).await,
        "package_update" => write::package_update(call, false).await,
        "package_patch" => write::package_update(call, true).await,
        "package_delete" => write::package_delete(call).await,
        "resource_create" => resources::resource_create(call).await,
        "resource_update" => resources::resource_update(call, false).await,
        "resource_patch" => resources::resource_update(call, true).await,
        "resource_delete" => resources::resource_delete(call).await,
        "organization_create" => write::organization_create(call).await,
        "organization_member_create" => write::member_create(call).await,
        "organization_member_delete" => write::member_delete(call).await,
        _ => Err(ApiError::bad_request(
            "api-error-unknown-action",
            vec![("action", params::echo(name))],
        )),
    }?;
    Ok(Answer::Json(value))
}

/// Reads the parameters from the query string and, for POST, from the body.
async fn read_params(
    state: &AppState,
    request: Request,
) -> Result<(Params, Option<PendingUpload>), ApiError> {
    let query = request.uri().query().unwrap_or("");
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query)
        .map_err(|_| ApiError::bad_request("api-error-query-string", Vec::new()))?;
    let mut params = Params::from_pairs(pairs);
    if request.method() != Method::POST {
        return Ok((params, None));
    }

    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        let multipart = Multipart::from_request(request, state)
            .await
            .map_err(|_| ApiError::bad_request("api-error-multipart", Vec::new()))?;
        let (fields, upload) = resources::read_multipart(state, multipart).await?;
        params.0.extend(fields.0);
        return Ok((params, upload));
    }

    let body = axum::body::to_bytes(Body::new(request.into_body()), BODY_LIMIT_BYTES)
        .await
        .map_err(|_| ApiError::TooLarge {
            limit: BODY_LIMIT_BYTES as u64,
        })?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok((params, None));
    }
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
            .map_err(|_| ApiError::bad_request("api-error-form", Vec::new()))?;
        params.0.extend(Params::from_pairs(pairs).0);
        return Ok((params, None));
    }
    // CKAN reads any other body as JSON, whatever its declared type.
    match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(map)) => {
            params.0.extend(map);
            Ok((params, None))
        }
        Ok(_) => Err(ApiError::bad_request("api-error-json-object", Vec::new())),
        Err(error) => Err(ApiError::bad_request(
            "api-error-json",
            vec![
                ("line", error.line().to_string()),
                ("column", error.column().to_string()),
            ],
        )),
    }
}
