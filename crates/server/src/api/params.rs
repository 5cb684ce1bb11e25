//! Action parameters, whatever way they came: a query string, a JSON object, a form or the
//! text fields of a multipart body.
//!
//! Query strings and forms carry only text, so every reader accepts both a JSON value and
//! its text form (`rows=10` and `{"rows": 10}`; `facet.field=["tags"]` and
//! `{"facet.field": ["tags"]}`). A value of the wrong kind is a `Validation Error` that
//! names the key and the value.

use serde_json::{Map, Value};

use super::envelope::ApiError;

/// The parameters of one call.
#[derive(Debug, Default, Clone)]
pub struct Params(pub Map<String, Value>);

/// Maximum length of a client value shown in an error message, in characters.
const MAX_ECHO_CHARS: usize = 80;

/// Shortens a client value for an error message.
pub fn echo(value: &str) -> String {
    let mut shown: String = value.chars().take(MAX_ECHO_CHARS).collect();
    if value.chars().count() > MAX_ECHO_CHARS {
        shown.push('…');
    }
    shown
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => echo(text),
        other => echo(&other.to_string()),
    }
}

impl Params {
    /// Reads pairs of a query string or form; a repeated key keeps its last value.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Params {
        let mut map = Map::new();
        for (key, value) in pairs {
            map.insert(key, Value::String(value));
        }
        Params(map)
    }

    pub fn has(&self, key: &str) -> bool {
        self.0.get(key).is_some_and(|value| !value.is_null())
    }

    pub fn raw(&self, key: &str) -> Option<&Value> {
        self.0.get(key).filter(|value| !value.is_null())
    }

    /// Reads a text value; numbers and booleans are accepted as their text.
    pub fn text(&self, key: &str) -> Result<Option<String>, ApiError> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(Value::Number(number)) => Ok(Some(number.to_string())),
            Some(Value::Bool(flag)) => Ok(Some(flag.to_string())),
            Some(other) => Err(ApiError::field(
                key,
                "api-error-not-text",
                vec![("value", shown(other))],
            )),
        }
    }

    /// Reads a text value that must be present and not blank.
    pub fn required_text(&self, key: &str) -> Result<String, ApiError> {
        match self.text(key)? {
            Some(text) if !text.trim().is_empty() => Ok(text.trim().to_string()),
            _ => Err(ApiError::missing(key)),
        }
    }

    /// Reads a boolean: JSON `true`/`false`, or the text `true`, `false`, `1`, `0`, `yes`,
    /// `no`, `on`, `off` in any case.
    pub fn boolean(&self, key: &str) -> Result<Option<bool>, ApiError> {
        let value = match self.raw(key) {
            None => return Ok(None),
            Some(Value::Bool(flag)) => return Ok(Some(*flag)),
            Some(value) => value,
        };
        let text = match value {
            Value::String(text) => text.trim().to_lowercase(),
            Value::Number(number) => number.to_string(),
            _ => "not a boolean".to_string(),
        };
        match text.as_str() {
            "true" | "1" | "yes" | "on" => Ok(Some(true)),
            "false" | "0" | "no" | "off" | "" => Ok(Some(false)),
            _ => Err(ApiError::field(
                key,
                "api-error-not-boolean",
                vec![("value", shown(value))],
            )),
        }
    }

    /// Reads a whole number, possibly negative.
    pub fn integer(&self, key: &str) -> Result<Option<i64>, ApiError> {
        let value = match self.raw(key) {
            None => return Ok(None),
            Some(value) => value,
        };
        let parsed = match value {
            Value::Number(number) => number.as_i64(),
            Value::String(text) if text.trim().is_empty() => return Ok(None),
            Value::String(text) => text.trim().parse::<i64>().ok(),
            _ => None,
        };
        parsed.map(Some).ok_or_else(|| {
            ApiError::field(key, "api-error-not-integer", vec![("value", shown(value))])
        })
    }

    /// Reads a whole number that must not be negative.
    pub fn natural(&self, key: &str) -> Result<Option<u64>, ApiError> {
        match self.integer(key)? {
            None => Ok(None),
            Some(number) => u64::try_from(number).map(Some).map_err(|_| {
                ApiError::field(
                    key,
                    "api-error-not-natural",
                    vec![("value", number.to_string())],
                )
            }),
        }
    }

    /// Reads a list: a JSON array, or text holding a JSON array.
    pub fn list(&self, key: &str) -> Result<Option<Vec<Value>>, ApiError> {
        let value = match self.raw(key) {
            None => return Ok(None),
            Some(value) => value,
        };
        let parsed = match value {
            Value::Array(items) => Some(items.clone()),
            Value::String(text) if text.trim().is_empty() => Some(Vec::new()),
            Value::String(text) => match serde_json::from_str::<Value>(text) {
                Ok(Value::Array(items)) => Some(items),
                _ => None,
            },
            _ => None,
        };
        parsed.map(Some).ok_or_else(|| {
            ApiError::field(key, "api-error-not-list", vec![("value", shown(value))])
        })
    }

    /// Reads a list of texts, as [`Params::list`].
    pub fn text_list(&self, key: &str) -> Result<Option<Vec<String>>, ApiError> {
        let Some(items) = self.list(key)? else {
            return Ok(None);
        };
        items
            .iter()
            .map(|item| match item {
                Value::String(text) => Ok(text.clone()),
                other => Err(ApiError::field(
                    key,
                    "api-error-not-text",
                    vec![("value", shown(other))],
                )),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(json: &str) -> Params {
        match serde_json::from_str(json) {
            Ok(Value::Object(map)) => Params(map),
            _ => panic!("test parameters must be an object"),
        }
    }

    #[test]
    fn numbers_from_text_and_json() {
        let given = params(r#"{"rows": "20", "start": 5, "bad": "dix"}"#);
        assert_eq!(given.integer("rows").ok().flatten(), Some(20));
        assert_eq!(given.integer("start").ok().flatten(), Some(5));
        assert!(given.integer("bad").is_err());
        assert_eq!(given.integer("absent").ok().flatten(), None);
    }

    #[test]
    fn negative_is_not_natural() {
        assert!(params(r#"{"rows": "-1"}"#).natural("rows").is_err());
    }

    #[test]
    fn booleans_in_many_spellings() {
        let given = params(r#"{"a": "True", "b": false, "c": "0", "d": "peut-être"}"#);
        assert_eq!(given.boolean("a").ok().flatten(), Some(true));
        assert_eq!(given.boolean("b").ok().flatten(), Some(false));
        assert_eq!(given.boolean("c").ok().flatten(), Some(false));
        assert!(given.boolean("d").is_err());
    }

    #[test]
    fn lists_from_json_text() {
        let given = params(r#"{"f": "[\"tags\", \"organization\"]", "g": ["x"], "h": "tags"}"#);
        assert_eq!(
            given.text_list("f").ok().flatten(),
            Some(vec!["tags".to_string(), "organization".to_string()])
        );
        assert_eq!(
            given.text_list("g").ok().flatten(),
            Some(vec!["x".to_string()])
        );
        assert!(given.text_list("h").is_err());
    }
}
