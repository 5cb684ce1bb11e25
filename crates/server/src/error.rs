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
    /// Something that does not exist, with a message that names what does exist (the
    /// pages of a catalogue, for example).
    #[error("not found: {message_id}")]
    NotFoundWith {
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
            AppError::NotFound
            | AppError::NotFoundWith { .. }
            | AppError::Catalog(catalog::Error::NotFound { .. }) => StatusCode::NOT_FOUND,
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
            | AppError::NotFoundWith { message_id, .. }
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

impl AppError {
    /// Returns the status and the message in the request's language, and logs server
    /// errors with their detail.
    fn status_and_text(&self) -> (StatusCode, Lang, String) {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let lang = REQUEST_LANG.try_with(|lang| *lang).unwrap_or_default();
        let messages = i18n::Messages::new(lang);
        let text = match self {
            AppError::BadRequestWith { args, .. } | AppError::NotFoundWith { args, .. } => {
                messages.format_owned(self.message_id(), args)
            }
            _ => messages.format(self.message_id(), &[]),
        };
        (status, lang, text)
    }

    /// Renders the error as one line of plain text, for clients that requested data (RDF
    /// feeds) and would not render an HTML page.
    pub fn plain_response(self) -> Response {
        let (status, _, mut text) = self.status_and_text();
        text.push('\n');
        let mut response = (
            status,
            [(
                axum::http::header::CONTENT_TYPE,
                "text/plain; charset=utf-8",
            )],
            text,
        )
            .into_response();
        response.extensions_mut().insert(OwnPlainText);
        response
    }
}

/// Marks a plain-text error written by socle, so that the request frame does not take
/// it for one of the framework's English rejections and replace it.
#[derive(Debug, Clone, Copy)]
pub struct OwnPlainText;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if matches!(self, AppError::SignIn) {
            return axum::response::Redirect::to("/connexion").into_response();
        }
        let (status, lang, text) = self.status_and_text();
        let messages = i18n::Messages::new(lang);
        // The title names what happened; the generic one is for server errors.
        let title_id = match status.as_u16() {
            400 => "server-error-title-400",
            403 => "server-error-title-403",
            404 => "server-error-title-404",
            413 => "server-error-title-413",
            _ => "server-error-title",
        };
        let title = messages.format(title_id, &[]);
        let hint = if status == StatusCode::FORBIDDEN && !matches!(self, AppError::Csrf) {
            format!(
                "<p>{}</p>",
                escape(&messages.format("server-error-forbidden-hint", &[]))
            )
        } else {
            String::new()
        };
        let body = format!(
            "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title} · socle</title><link rel=\"stylesheet\" href=\"/static/style.css\">\
             <link rel=\"icon\" type=\"image/svg+xml\" href=\"/static/favicon.svg\"></head>\
             <body><main id=\"contenu\" class=\"container\"><h1>{title}</h1><p>{text}</p>{hint}\
             <p><a href=\"/\">{home}</a> · <a href=\"/espace\">{space}</a></p></main></body></html>",
            title = escape(&title),
            text = escape(&text),
            home = escape(&messages.format("server-nav-home", &[])),
            space = escape(&messages.format("server-nav-dashboard", &[])),
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
