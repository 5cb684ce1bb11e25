//! Lenient readers for the JSON of remote APIs, where a key may be missing, null, a
//! number instead of a string, or an empty string meaning "no value".

use serde_json::Value;
use url::Url;

use crate::source::SourceError;

/// Returns the value of `key` as trimmed text, treating null, empty text and objects as
/// absent; numbers and booleans are written out.
pub(crate) fn text(object: &Value, key: &str) -> Option<String> {
    value_text(object.get(key)?)
}

pub(crate) fn value_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(text) => text.trim().to_owned(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// Returns a non-negative integer given as a number or as decimal text.
pub(crate) fn unsigned(object: &Value, key: &str) -> Option<u64> {
    match object.get(key)? {
        Value::Number(number) => number.as_u64().or_else(|| {
            number
                .as_f64()
                .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                .map(|f| f as u64)
        }),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// Returns the array under `key`, or an empty slice when it is missing or not an array.
pub(crate) fn array<'a>(object: &'a Value, key: &str) -> &'a [Value] {
    object
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Returns `text` when it is an absolute http(s) URL.
pub(crate) fn http_url(text: &str) -> Option<String> {
    let url = Url::parse(text.trim()).ok()?;
    matches!(url.scheme(), "http" | "https")
        .then(|| url.host_str().is_some())
        .filter(|has_host| *has_host)
        .map(|_| text.trim().to_owned())
}

/// Parses a response body as JSON, naming the URL on failure.
pub(crate) fn parse(body: &[u8], url: &str) -> Result<Value, SourceError> {
    serde_json::from_slice(body).map_err(|error| SourceError::InvalidJson {
        url: url.to_owned(),
        detail: error.to_string(),
    })
}

/// Rejects an HTML answer where JSON was expected: a wrong API root usually returns the
/// portal's HTML home page with status 200.
pub(crate) fn reject_html(content_type: Option<&str>, url: &str) -> Result<(), SourceError> {
    if content_type.is_some_and(|value| value.to_ascii_lowercase().contains("html")) {
        return Err(SourceError::UnexpectedAnswer {
            url: url.to_owned(),
            detail: "an HTML page instead of JSON".to_owned(),
        });
    }
    Ok(())
}
