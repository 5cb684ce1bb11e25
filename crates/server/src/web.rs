//! The request frame: language choice, the visitor's session, CSRF tokens, security
//! headers and one log event per request.
//!
//! Every response carries a Content-Security-Policy that allows only this origin's
//! scripts, styles and images, so pages work offline and injected markup cannot run.
//! Forms carry a CSRF token: the session's token once signed in, and before that a random
//! token kept in an HttpOnly cookie (double submit), which the sign-in form uses.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use catalog::{SessionStore, User, Viewer};
use i18n::Lang;

use crate::error::{AppError, REQUEST_LANG};
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "socle_session";
const CSRF_COOKIE: &str = "socle_csrf";
const LANG_COOKIE: &str = "socle_lang";

const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The policy of the JSON API's responses, which load nothing and are never framed.
const API_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// A CSRF token: the session's, or the anonymous double-submit cookie's. A visitor
/// without the cookie gets a new random token only when a form or a check first reads
/// it, so cached pages and API calls cost no random draw and set no cookie.
#[derive(Clone, Default)]
pub struct CsrfToken(Arc<OnceLock<String>>);

impl CsrfToken {
    /// Wraps a token known in advance: the session's, or the one the visitor's cookie sent.
    pub fn known(token: String) -> CsrfToken {
        CsrfToken(Arc::new(OnceLock::from(token)))
    }

    /// Returns the token, drawing a new one at the first call if none is known. An empty
    /// token, which no check accepts, stands for a failed draw.
    pub fn value(&self) -> &str {
        self.0
            .get_or_init(|| catalog::auth::new_token().unwrap_or_default())
    }

    /// Returns the token if it is known or was drawn.
    fn drawn(&self) -> Option<&str> {
        self.0.get().map(String::as_str)
    }
}

/// The anonymous CSRF token of this request, shared by the frame and the handlers.
#[derive(Clone)]
struct AnonymousCsrf(CsrfToken);

/// Returns the value of a cookie of the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// Builds a `Set-Cookie` value with the platform's attributes.
pub fn set_cookie(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> String {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(seconds) = max_age {
        cookie.push_str(&format!("; Max-Age={seconds}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

fn is_token(value: &str) -> bool {
    value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Chooses the language: `?lang=`, then the language cookie, then `Accept-Language`.
fn request_lang(parts_uri: &axum::http::Uri, headers: &HeaderMap) -> (Lang, Option<Lang>) {
    let from_query = parts_uri
        .query()
        .and_then(|query| query.split('&').find_map(|pair| pair.strip_prefix("lang=")))
        .and_then(Lang::from_tag);
    if let Some(lang) = from_query {
        return (lang, Some(lang));
    }
    if let Some(lang) = cookie(headers, LANG_COOKIE).and_then(Lang::from_tag) {
        return (lang, None);
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    (Lang::from_accept_language(accept), None)
}

/// Wraps every request: language, anonymous CSRF cookie, security headers, log event.
pub async fn frame(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let secure = state.config().secure_cookies;

    let known = cookie(request.headers(), CSRF_COOKIE)
        .filter(|value| is_token(value))
        .map(str::to_string);
    let new_csrf = known.is_none();
    let csrf = known.map(CsrfToken::known).unwrap_or_default();
    request.extensions_mut().insert(AnonymousCsrf(csrf.clone()));
    let (lang, chosen) = request_lang(request.uri(), request.headers());
    request.extensions_mut().insert(lang);

    let api = path.starts_with("/api/");
    let mut response = REQUEST_LANG
        .scope(lang, async move {
            let response = next.run(request).await;
            if !api && is_framework_rejection(&response) {
                // axum's extractors answer a malformed form, path or body with a plain
                // English text; visitors get the French (or English) error page instead.
                let status = response.status();
                let mut page = AppError::BadRequest {
                    message_id: "server-error-malformed-request",
                }
                .into_response();
                *page.status_mut() = status;
                page
            } else {
                response
            }
        })
        .await;

    let headers = response.headers_mut();
    if new_csrf && let Some(token) = csrf.drawn().filter(|token| !token.is_empty()) {
        append_cookie(headers, &set_cookie(CSRF_COOKIE, token, None, secure));
    }
    if let Some(lang) = chosen {
        append_cookie(
            headers,
            &set_cookie(LANG_COOKIE, lang.tag(), Some(365 * 24 * 3600), secure),
        );
    }
    let policy = if api {
        API_CONTENT_SECURITY_POLICY
    } else {
        CONTENT_SECURITY_POLICY
    };
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(policy),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));

    tracing::info!(
        http.method = %method,
        http.path = %path,
        http.status = response.status().as_u16(),
        duration_ms = started.elapsed().as_secs_f64() * 1000.0,
        "request"
    );
    response
}

/// Tells whether a response is one of axum's plain-text extractor rejections: a client
/// error status with a `text/plain` body, not marked as socle's own message.
fn is_framework_rejection(response: &Response) -> bool {
    if response
        .extensions()
        .get::<crate::error::OwnPlainText>()
        .is_some()
    {
        return false;
    }
    let status = response.status();
    let plain_text = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/plain"));
    plain_text
        && matches!(
            status,
            StatusCode::BAD_REQUEST
                | StatusCode::UNSUPPORTED_MEDIA_TYPE
                | StatusCode::UNPROCESSABLE_ENTITY
                | StatusCode::LENGTH_REQUIRED
        )
}

pub fn append_cookie(headers: &mut HeaderMap, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        headers.append(header::SET_COOKIE, value);
    }
}

/// The requesting visitor: language, signed-in user and the CSRF token forms must send.
#[derive(Clone)]
pub struct Visitor {
    pub lang: Lang,
    pub user: Option<User>,
    /// The token forms must send back.
    pub csrf: CsrfToken,
    /// The session token, when signed in.
    pub session: Option<String>,
}

impl Visitor {
    pub fn viewer(&self) -> Viewer {
        match &self.user {
            Some(user) => Viewer {
                user_id: Some(user.id),
                platform_admin: user.is_platform_admin,
            },
            None => Viewer::anonymous(),
        }
    }

    /// Returns the signed-in user, or an error that redirects to the sign-in page.
    pub fn require_user(&self) -> Result<&User, AppError> {
        self.user.as_ref().ok_or(AppError::SignIn)
    }

    /// Checks a submitted CSRF token, comparing in constant time.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), AppError> {
        let expected = self.csrf.value().as_bytes();
        let submitted = submitted.as_bytes();
        let mut difference = u8::from(expected.len() != submitted.len() || expected.is_empty());
        for (left, right) in expected.iter().zip(submitted) {
            difference |= left ^ right;
        }
        if difference == 0 {
            Ok(())
        } else {
            Err(AppError::Csrf)
        }
    }
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Visitor, AppError> {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or_default();
        let anonymous = parts
            .extensions
            .get::<AnonymousCsrf>()
            .map(|token| token.0.clone())
            .unwrap_or_default();
        let token = cookie(&parts.headers, SESSION_COOKIE)
            .filter(|value| is_token(value))
            .map(str::to_string);
        if let Some(token) = token
            && let Some((user, csrf)) = state.store().session(&token).await?
        {
            return Ok(Visitor {
                lang,
                user: Some(user),
                csrf: CsrfToken::known(csrf),
                session: Some(token),
            });
        }
        Ok(Visitor {
            lang,
            user: None,
            csrf: anonymous,
            session: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; socle_lang=en; b=2"),
        );
        assert_eq!(cookie(&headers, "socle_lang"), Some("en"));
        assert_eq!(cookie(&headers, "missing"), None);
    }

    #[test]
    fn csrf_mismatch_rejected() {
        let visitor = Visitor {
            lang: Lang::Fr,
            user: None,
            csrf: CsrfToken::known("a".repeat(64)),
            session: None,
        };
        assert!(visitor.check_csrf(&"a".repeat(64)).is_ok());
        assert!(visitor.check_csrf(&"b".repeat(64)).is_err());
        assert!(visitor.check_csrf("").is_err());
        let empty = Visitor {
            csrf: CsrfToken::known(String::new()),
            ..visitor
        };
        assert!(empty.check_csrf("").is_err());
    }

    #[test]
    fn anonymous_token_drawn_on_first_use() {
        let token = CsrfToken::default();
        assert_eq!(token.drawn(), None);
        let value = token.value().to_string();
        assert!(is_token(&value), "{value}");
        assert_eq!(token.clone().value(), value);
        assert_eq!(token.drawn(), Some(value.as_str()));
    }
}
