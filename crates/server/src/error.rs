//! Errors of request handlers, rendered as an HTML page in the visitor's language.
//!
//! A handler returns [`AppError`]; its status and message id decide the page. Internal
//! failures are logged with their detail and shown to the visitor only as a generic
//! message, so database or path details never reach a page.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use i18n::Lang;

/// A failed request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// The page needs a signed-in user: the visitor is sent to the sign-in page.
    #[error("sign-in required")]
    SignIn,
    #[error("forbidden")]
    Forbidden,
    /// The form's CSRF token is missing or does not match the session.
    #[error("invalid CSRF token")]
    Csrf,
    #[error("upload larger than {limit} bytes")]
    TooLarge { limit: u64 },
    /// A request the visitor can correct; `message_id` explains what to change.
    #[error("bad request: {message_id}")]
    BadRequest { message_id: &'static str },
    /// A request the visitor can correct, whose message needs named arguments (a line
    /// number, an element name).
    #[error("bad request: {message_id}")]
    BadRequestWith {
        message_id: &'static str,
        args: Vec<(&'static str, String)>,
    },
    #[error("catalogue error: {0}")]
    Catalog(#[from] catalog::Error),
    #[error("template error: {0}")]
    Template(#[from] minijinja::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::Catalog(catalog::Error::NotFound { .. }) => {
                StatusCode::NOT_FOUND
            }
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::SignIn => StatusCode::SEE_OTHER,
            AppError::TooLarge { .. } | AppError::Catalog(catalog::Error::TooLarge { .. }) => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            AppError::BadRequest { .. }
            | AppError::BadRequestWith { .. }
            | AppError::Catalog(catalog::Error::Invalid { .. }) => StatusCode::BAD_REQUEST,
            AppError::Catalog(_) | AppError::Template(_) | AppError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    fn message_id(&self) -> &'static str {
        match self {
            AppError::NotFound | AppError::Catalog(catalog::Error::NotFound { .. }) => {
                "server-error-not-found"
            }
            AppError::Forbidden | AppError::SignIn => "server-error-forbidden",
            AppError::Csrf => "server-error-csrf",
            AppError::TooLarge { .. } | AppError::Catalog(catalog::Error::TooLarge { .. }) => {
                "server-error-too-large"
            }
            AppError::BadRequest { message_id }
            | AppError::BadRequestWith { message_id, .. }
            | AppError::Catalog(catalog::Error::Invalid { message_id, .. }) => message_id,
            AppError::Catalog(_) | AppError::Template(_) | AppError::Internal(_) => {
                "server-error-internal"
            }
        }
    }
}

tokio::task_local! {
    /// The language of the error page, set by the request frame for each request.
    pub static REQUEST_LANG: Lang;
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if matches!(self, AppError::SignIn) {
            return axum::response::Redirect::to("/connexion").into_response();
        }
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let lang = REQUEST_LANG.try_with(|lang| *lang).unwrap_or_default();
        let messages = i18n::Messages::new(lang);
        let title = messages.format("server-error-title", &[]);
        let text = match &self {
            AppError::BadRequestWith { args, .. } => messages.format_owned(self.message_id(), args),
            _ => messages.format(self.message_id(), &[]),
        };
        let body = format!(
            "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title}</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head>\
             <body><main id=\"contenu\" class=\"container\"><h1>{title}</h1><p>{text}</p>\
             <p><a href=\"/\">{home}</a></p></main></body></html>",
            title = escape(&title),
            text = escape(&text),
            home = escape(&messages.format("server-nav-home", &[])),
        );
        (status, Html(body)).into_response()
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}
