//! CKAN's response envelope and error types.
//!
//! Every answer of the Action API is JSON: `{"help", "success", "result"}` on success and
//! `{"help", "success": false, "error": {"__type", …}}` on failure, with CKAN's statuses:
//! 404 `Not Found Error`, 403 `Authorization Error`, 409 `Validation Error` (one list of
//! messages per field), 400 `Search Query Error` or `Bad Request`, 413 for a body over the
//! limit and 500 `Internal Server Error`. Messages come from the catalogue in the caller's
//! language. Internal failures are logged and answered with a generic message.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use i18n::Messages;
use serde_json::{Map, Value, json};

/// Named arguments of a message.
pub type Args = Vec<(&'static str, String)>;

/// A message id with its arguments.
#[derive(Debug, Clone)]
pub struct Message {
    pub id: &'static str,
    pub args: Args,
}

impl Message {
    pub fn new(id: &'static str) -> Message {
        Message {
            id,
            args: Vec::new(),
        }
    }

    pub fn with(id: &'static str, args: Args) -> Message {
        Message { id, args }
    }

    fn render(&self, messages: &Messages) -> String {
        messages.format_owned(self.id, &self.args)
    }
}

/// A failed action.
#[derive(Debug)]
pub enum ApiError {
    NotFound(Message),
    Authorization(Message),
    /// Field names, as the client sent them, with what is wrong with each.
    Validation(Vec<(String, Message)>),
    SearchQuery(Message),
    BadRequest(Message),
    TooLarge {
        limit: u64,
    },
    Internal(String),
}

impl ApiError {
    pub fn not_found() -> ApiError {
        ApiError::NotFound(Message::new("api-error-not-found"))
    }

    pub fn forbidden(id: &'static str) -> ApiError {
        ApiError::Authorization(Message::new(id))
    }

    pub fn bad_request(id: &'static str, args: Args) -> ApiError {
        ApiError::BadRequest(Message::with(id, args))
    }

    pub fn field(field: &str, id: &'static str, args: Args) -> ApiError {
        ApiError::Validation(vec![(field.to_string(), Message::with(id, args))])
    }

    pub fn missing(field: &str) -> ApiError {
        ApiError::field(
            field,
            "api-error-missing",
            vec![("field", field.to_string())],
        )
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Authorization(_) => StatusCode::FORBIDDEN,
            ApiError::Validation(_) => StatusCode::CONFLICT,
            ApiError::SearchQuery(_) | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Renders the `error` object of the envelope.
    fn body(&self, messages: &Messages) -> Value {
        let typed = |kind: &str, message: String| json!({"__type": kind, "message": message});
        match self {
            ApiError::NotFound(message) => typed("Not Found Error", message.render(messages)),
            ApiError::Authorization(message) => {
                typed("Authorization Error", message.render(messages))
            }
            ApiError::SearchQuery(message) => typed("Search Query Error", message.render(messages)),
            ApiError::BadRequest(message) => typed("Bad Request", message.render(messages)),
            ApiError::TooLarge { limit } => typed(
                "Bad Request",
                messages.format_owned("api-error-too-large", &[("limit", limit.to_string())]),
            ),
            ApiError::Internal(_) => typed(
                "Internal Server Error",
                messages.format("server-error-internal", &[]),
            ),
            ApiError::Validation(fields) => {
                let mut object = Map::new();
                for (field, message) in fields {
                    let entry = object
                        .entry(field.clone())
                        .or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(list) = entry {
                        list.push(Value::String(message.render(messages)));
                    }
                }
                object.insert("__type".into(), "Validation Error".into());
                Value::Object(object)
            }
        }
    }

    /// Builds the failure envelope.
    pub fn into_envelope(self, help: &str, messages: &Messages) -> Response {
        if let ApiError::Internal(detail) = &self {
            tracing::error!(error = %detail, "API action failed");
        }
        let body = json!({"help": help, "success": false, "error": self.body(messages)});
        json_response(self.status(), &body)
    }
}

impl From<catalog::Error> for ApiError {
    fn from(error: catalog::Error) -> ApiError {
        match error {
            catalog::Error::NotFound { .. } => ApiError::not_found(),
            catalog::Error::Invalid { field, message_id } => {
                ApiError::field(ckan_field(field), message_id, Vec::new())
            }
            catalog::Error::TooLarge { limit } => ApiError::TooLarge { limit },
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// Maps a catalogue field to the CKAN key a client sent it as.
fn ckan_field(field: &'static str) -> &'static str {
    match field {
        "description" => "notes",
        "licence" => "license_id",
        "contact_name" => "maintainer",
        "contact_email" => "maintainer_email",
        "spatial" => "spatial-text",
        other => other,
    }
}

/// Serialises a success envelope around a result.
pub fn success_body(help: &str, answer: super::Answer) -> Bytes {
    let help = serde_json::to_string(help).unwrap_or_else(|_| "\"\"".into());
    let result = match answer {
        super::Answer::Json(value) => value.to_string(),
        super::Answer::Raw(text) => text,
    };
    Bytes::from(format!(
        "{{\"help\":{help},\"success\":true,\"result\":{result}}}"
    ))
}

/// Answers 200 with a serialised JSON body.
pub fn ok_response(body: Bytes) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=utf-8"),
    );
    response
}

/// Serialises a JSON body with its content type.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    let mut response = (status, bytes).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=utf-8"),
    );
    response
}
