//! The per-type cell readers of a compiled field: which lexer a type and format select,
//! and how a JSON value (an enum member, a bound, an array item) is read by the same rules.

use serde_json::Value as Json;

use super::geo::{GeoPointFormat, parse_geojson, parse_geopoint};
use super::number::{NumberOptions, parse_integer, parse_number};
use super::strptime::Format;
use super::{CompiledField, anydate, iso, text};
use crate::descriptor::{Field, FieldType};
use crate::value::Value;

const DEFAULT_TRUE_VALUES: [&str; 4] = ["true", "True", "TRUE", "1"];
const DEFAULT_FALSE_VALUES: [&str; 4] = ["false", "False", "FALSE", "0"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StringFormat {
    Default,
    Email,
    Uri,
    Uuid,
    Binary,
}

#[derive(Debug, Clone)]
pub(crate) enum DateFormat {
    Default,
    Any,
    Pattern(Format),
}

/// A cell reader, selected by the field's type and format.
#[derive(Debug)]
pub(crate) enum Reader {
    String(StringFormat),
    Number(NumberOptions),
    Integer {
        bare_number: bool,
    },
    Boolean {
        true_values: Vec<String>,
        false_values: Vec<String>,
    },
    Object,
    Array {
        item: Option<Box<CompiledField>>,
    },
    List {
        delimiter: String,
        item: Box<Reader>,
    },
    Date(DateFormat),
    Time(DateFormat),
    DateTime(DateFormat),
    Year,
    YearMonth,
    Duration,
    GeoPoint(GeoPointFormat),
    GeoJson {
        topojson: bool,
    },
    Any,
}

/// The classification of a field's `format` for its type.
#[derive(Debug)]
pub(crate) enum FormatClass {
    /// A format the type defines, or none.
    Known,
    /// A format the type does not define; it is ignored as frictionless ignores it.
    Unknown,
    /// A format that cannot be used: an unknown geopoint format or a bad strptime pattern.
    Invalid(String),
}

/// Strips the legacy `fmt:` prefix of date formats.
pub(crate) fn effective_format(format: Option<&str>) -> &str {
    let format = format.unwrap_or("default");
    format.strip_prefix("fmt:").unwrap_or(format)
}

/// Classifies a format for its type, compiling strptime patterns to find bad directives.
pub(crate) fn classify_format(field_type: FieldType, format: Option<&str>) -> FormatClass {
    let format = effective_format(format);
    if format == "default" {
        return FormatClass::Known;
    }
    match field_type {
        FieldType::String if matches!(format, "email" | "uri" | "uuid" | "binary") => {
            FormatClass::Known
        }
        FieldType::Date | FieldType::Time | FieldType::DateTime if format == "any" => {
            FormatClass::Known
        }
        FieldType::Date | FieldType::Time | FieldType::DateTime => match Format::new(format) {
            Ok(_) => FormatClass::Known,
            Err(error) => FormatClass::Invalid(error),
        },
        FieldType::GeoPoint if matches!(format, "array" | "object") => FormatClass::Known,
        FieldType::GeoJson if format == "topojson" => FormatClass::Known,
        FieldType::GeoPoint | FieldType::GeoJson => FormatClass::Invalid("unknown format".into()),
        _ => FormatClass::Unknown,
    }
}

fn date_format(format: &str) -> Result<DateFormat, String> {
    Ok(match format {
        "default" => DateFormat::Default,
        "any" => DateFormat::Any,
        pattern => DateFormat::Pattern(Format::new(pattern)?),
    })
}

impl Reader {
    /// Builds the reader of a field whose options compile has already checked. The array
    /// item, when there is one, is compiled by the caller and passed in.
    pub fn new(field: &Field, array_item: Option<Box<CompiledField>>) -> Result<Reader, String> {
        let format = effective_format(field.format.as_deref());
        Ok(match field.field_type {
            FieldType::String => Reader::String(match format {
                "email" => StringFormat::Email,
                "uri" => StringFormat::Uri,
                "uuid" => StringFormat::Uuid,
                "binary" => StringFormat::Binary,
                _ => StringFormat::Default,
            }),
            FieldType::Number => Reader::Number(NumberOptions {
                decimal_char: field.decimal_char.clone().unwrap_or_else(|| ".".into()),
                group_char: field.group_char.clone().unwrap_or_default(),
                bare_number: field.bare_number.unwrap_or(true),
                processed: field.decimal_char.is_some()
                    || field.group_char.is_some()
                    || field.bare_number.is_some(),
            }),
            FieldType::Integer => Reader::Integer {
                bare_number: field.bare_number.unwrap_or(true),
            },
            FieldType::Boolean => Reader::Boolean {
                true_values: field
                    .true_values
                    .clone()
                    .unwrap_or_else(|| DEFAULT_TRUE_VALUES.map(String::from).to_vec()),
                false_values: field
                    .false_values
                    .clone()
                    .unwrap_or_else(|| DEFAULT_FALSE_VALUES.map(String::from).to_vec()),
            },
            FieldType::Object => Reader::Object,
            FieldType::Array => Reader::Array { item: array_item },
            FieldType::List => {
                let item = Field::new("", field.item_type.unwrap_or(FieldType::String));
                Reader::List {
                    delimiter: field.delimiter.clone().unwrap_or_else(|| ",".into()),
                    item: Box::new(Reader::new(&item, None)?),
                }
            }
            FieldType::Date => Reader::Date(date_format(format)?),
            FieldType::Time => Reader::Time(date_format(format)?),
            FieldType::DateTime => Reader::DateTime(date_format(format)?),
            FieldType::Year => Reader::Year,
            FieldType::YearMonth => Reader::YearMonth,
            FieldType::Duration => Reader::Duration,
            FieldType::GeoPoint => Reader::GeoPoint(match format {
                "array" => GeoPointFormat::Array,
                "object" => GeoPointFormat::Object,
                _ => GeoPointFormat::Default,
            }),
            FieldType::GeoJson => Reader::GeoJson {
                topojson: format == "topojson",
            },
            FieldType::Any => Reader::Any,
        })
    }

    /// Reads a cell's text; None is a type error.
    pub fn read<'a>(&self, text: &'a str) -> Option<Value<'a>> {
        match self {
            Reader::String(format) => read_string(text, *format),
            Reader::Any => Some(Value::String(text)),
            Reader::Number(options) => parse_number(text, options).map(Value::Number),
            Reader::Integer { bare_number } => {
                parse_integer(text, *bare_number).map(Value::Integer)
            }
            Reader::Boolean {
                true_values,
                false_values,
            } => {
                if true_values.iter().any(|value| value == text) {
                    Some(Value::Boolean(true))
                } else if false_values.iter().any(|value| value == text) {
                    Some(Value::Boolean(false))
                } else {
                    None
                }
            }
            Reader::Date(format) => read_date(text, format),
            Reader::Time(format) => read_time(text, format),
            Reader::DateTime(format) => read_datetime(text, format),
            Reader::Year => iso::parse_year(text).map(Value::Year),
            Reader::YearMonth => {
                iso::parse_year_month(text).map(|(year, month)| Value::YearMonth(year, month))
            }
            Reader::Duration => iso::parse_duration(text).map(Value::Duration),
            Reader::GeoPoint(format) => {
                parse_geopoint(text, *format).map(|(lon, lat)| Value::GeoPoint(lon, lat))
            }
            Reader::GeoJson { topojson } => parse_geojson(text, *topojson).map(Value::Json),
            Reader::Object => match serde_json::from_str::<Json>(text).ok()? {
                object @ Json::Object(_) => Some(Value::Json(object)),
                _ => None,
            },
            Reader::Array { item } => read_array(text, item.as_deref()),
            Reader::List { delimiter, item } => read_list(text, delimiter, item),
        }
    }

    /// Reads a JSON value as frictionless reads a non-text cell: numbers for numeric types,
    /// booleans for boolean fields, strings through [`Reader::read`].
    pub fn read_json<'j>(&self, json: &'j Json) -> Option<Value<'j>> {
        match (self, json) {
            (_, Json::String(text)) => self.read(text),
            (Reader::Any, other) => Some(Value::Json(other.clone())),
            (Reader::Number(_), Json::Number(number)) => number.as_f64().map(Value::Number),
            (Reader::Integer { .. }, Json::Number(number)) => {
                json_integer(number).map(Value::Integer)
            }
            (Reader::Year, Json::Number(number)) => json_integer(number)
                .filter(|year| *year >= 0)
                .and_then(|year| i32::try_from(year).ok())
                .map(Value::Year),
            (Reader::Boolean { .. }, Json::Bool(flag)) => Some(Value::Boolean(*flag)),
            (
                Reader::Object
                | Reader::Array { .. }
                | Reader::GeoJson { .. }
                | Reader::GeoPoint(_),
                Json::Object(_) | Json::Array(_),
            ) => {
                let text = json.to_string();
                self.read(&text).map(into_owned)
            }
            _ => None,
        }
    }
}

/// Python's integer reader on a JSON number: integral values only.
fn json_integer(number: &serde_json::Number) -> Option<i64> {
    if let Some(integer) = number.as_i64() {
        return Some(integer);
    }
    let float = number.as_f64()?;
    // The range check keeps the conversion exact; larger floats are rejected.
    (float.fract() == 0.0 && float.abs() < 9.0e15).then_some(float as i64)
}

/// Converts a value that borrows nothing into one with any lifetime; text becomes JSON.
pub(crate) fn into_owned<'b>(value: Value<'_>) -> Value<'b> {
    match value {
        Value::String(text) => Value::Json(Json::String(text.to_owned())),
        Value::Integer(number) => Value::Integer(number),
        Value::Number(number) => Value::Number(number),
        Value::Boolean(flag) => Value::Boolean(flag),
        Value::Date(date) => Value::Date(date),
        Value::Time(time) => Value::Time(time),
        Value::DateTime(datetime, offset) => Value::DateTime(datetime, offset),
        Value::Year(year) => Value::Year(year),
        Value::YearMonth(year, month) => Value::YearMonth(year, month),
        Value::Duration(parts) => Value::Duration(parts),
        Value::GeoPoint(lon, lat) => Value::GeoPoint(lon, lat),
        Value::Json(json) => Value::Json(json),
    }
}

/// Turns a parsed value into JSON, for list items.
pub(crate) fn value_to_json(value: &Value<'_>) -> Json {
    match value {
        Value::String(text) => Json::from(*text),
        Value::Integer(number) => Json::from(*number),
        Value::Number(number) => serde_json::Number::from_f64(*number)
            .map_or_else(|| Json::from(number.to_string()), Json::Number),
        Value::Boolean(flag) => Json::Bool(*flag),
        Value::Year(year) => Json::from(*year),
        Value::Json(json) => json.clone(),
        Value::Date(date) => Json::from(date.to_string()),
        Value::Time(time) => Json::from(time.to_string()),
        Value::DateTime(datetime, _) => Json::from(datetime.to_string()),
        Value::YearMonth(year, month) => Json::from(format!("{year:04}-{month:02}")),
        Value::Duration(parts) => Json::from(format!("{parts:?}")),
        Value::GeoPoint(lon, lat) => Json::from(vec![*lon, *lat]),
    }
}

fn read_string(text: &str, format: StringFormat) -> Option<Value<'_>> {
    let valid = match format {
        StringFormat::Default => true,
        StringFormat::Email => text::is_email(text),
        StringFormat::Uri => text::is_uri(text),
        StringFormat::Uuid => text::is_uuid(text),
        StringFormat::Binary => text::is_base64(text),
    };
    valid.then_some(Value::String(text))
}

fn read_date<'a>(text: &str, format: &DateFormat) -> Option<Value<'a>> {
    let date = match format {
        DateFormat::Default => {
            // Python's strptime("%Y-%m-%d"), on the fast path for the usual 10-byte form.
            if let Some(date) = fast_iso_date(text) {
                return Some(Value::Date(date));
            }
            DEFAULT_DATE.as_ref()?.parse(text)?.datetime.date()
        }
        DateFormat::Any => anydate::parse_any(text)?.0.date(),
        DateFormat::Pattern(pattern) => {
            if pattern.is_iso_date()
                && let Some(date) = fast_iso_date(text)
            {
                return Some(Value::Date(date));
            }
            pattern.parse(text)?.datetime.date()
        }
    };
    Some(Value::Date(date))
}

/// The `default` date format; `Format::new` accepts this literal, so the option is `Some`.
static DEFAULT_DATE: std::sync::LazyLock<Option<Format>> =
    std::sync::LazyLock::new(|| Format::new("%Y-%m-%d").ok());

/// Reads `YYYY-MM-DD` exactly, the common case of `%Y-%m-%d`; other texts go to strptime.
fn fast_iso_date(text: &str) -> Option<jiff::civil::Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i16> {
        let part = bytes.get(range)?;
        part.iter().try_fold(0i16, |total, byte| {
            byte.is_ascii_digit()
                .then(|| total * 10 + i16::from(byte - b'0'))
        })
    };
    let year = digits(0..4)?;
    if year < 1 {
        return None;
    }
    jiff::civil::Date::new(
        year,
        i8::try_from(digits(5..7)?).ok()?,
        i8::try_from(digits(8..10)?).ok()?,
    )
    .ok()
}

fn read_time<'a>(text: &str, format: &DateFormat) -> Option<Value<'a>> {
    let time = match format {
        DateFormat::Default => iso::parse_default_time(text)?,
        DateFormat::Any => anydate::parse_any(text)?.0.time(),
        DateFormat::Pattern(pattern) => pattern.parse(text)?.datetime.time(),
    };
    Some(Value::Time(time))
}

fn read_datetime<'a>(text: &str, format: &DateFormat) -> Option<Value<'a>> {
    let (datetime, offset) = match format {
        DateFormat::Default => iso::parse_default_datetime(text)?,
        DateFormat::Any => anydate::parse_any(text)?,
        DateFormat::Pattern(pattern) => {
            let parsed = pattern.parse(text)?;
            (parsed.datetime, parsed.offset)
        }
    };
    Some(Value::DateTime(datetime, offset))
}

/// A JSON array; with an `arrayItem`, every item that is not missing must read as the
/// item type. Item constraints are checked with the cell's other constraints.
fn read_array<'a>(text: &str, item: Option<&CompiledField>) -> Option<Value<'a>> {
    let Json::Array(items) = serde_json::from_str::<Json>(text).ok()? else {
        return None;
    };
    if let Some(item) = item {
        let all_read = items
            .iter()
            .all(|value| item.is_missing_json(value) || item.reader().read_json(value).is_some());
        if !all_read {
            return None;
        }
    }
    Some(Value::Json(Json::Array(items)))
}

/// Reads a `list` cell: the text split on the delimiter, each item read as the item type.
fn read_list<'a>(text: &str, delimiter: &str, item: &Reader) -> Option<Value<'a>> {
    let mut items = Vec::new();
    for part in text.split(delimiter) {
        items.push(value_to_json(&item.read(part)?));
    }
    Some(Value::Json(Json::Array(items)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `YYYY-MM-DD` fast path must agree with the strptime reader it shortcuts.
    #[test]
    fn fast_iso_date_agrees_with_strptime() {
        let reference = Format::new("%Y-%m-%d").expect("literal format");
        let parts = [
            "0000", "0001", "2020", "9999", "00", "01", "02", "12", "13", "28", "29", "30", "31",
            "1", "+1", " 1", "a1",
        ];
        for year in &parts[..4] {
            for month in parts {
                for day in parts {
                    let text = format!("{year}-{month}-{day}");
                    let expected = reference.parse(&text).map(|parsed| parsed.datetime.date());
                    if let Some(fast) = fast_iso_date(&text) {
                        assert_eq!(Some(fast), expected, "{text}");
                    }
                    let read = read_date(&text, &DateFormat::Default);
                    assert_eq!(read, expected.map(Value::Date), "{text}");
                }
            }
        }
    }
}
