//! Typed cell values, as parsed by a compiled field, and the spreadsheet cell kinds that
//! readers hand over beside the cell text.
//!
//! Values borrow the cell text where they can, so the row loop allocates nothing for the
//! common string, number, boolean and date fields.

use jiff::civil;

/// A cell value after parsing with its field's type and format.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// `string` fields (any format) and `any` fields.
    String(&'a str),
    Integer(i64),
    /// `number` fields. Compared as `f64`; NaN and infinities are accepted like Python's
    /// `Decimal` accepts them.
    Number(f64),
    Boolean(bool),
    Date(civil::Date),
    Time(civil::Time),
    /// `datetime` fields; the offset in seconds east of UTC when the text carried one.
    DateTime(civil::DateTime, Option<i32>),
    Year(i32),
    YearMonth(i32, u8),
    /// ISO 8601 duration, kept as its parsed parts (years, months, days, seconds).
    Duration(DurationParts),
    /// Longitude then latitude, in degrees.
    GeoPoint(f64, f64),
    /// `object`, `array` and `geojson` fields.
    Json(serde_json::Value),
}

/// The components of an ISO 8601 duration, without normalisation (`P1M` is not 30 days).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DurationParts {
    pub years: f64,
    pub months: f64,
    pub weeks: f64,
    pub days: f64,
    pub hours: f64,
    pub minutes: f64,
    pub seconds: f64,
}

/// The native kind of a spreadsheet cell, handed to the field beside the cell's text.
///
/// CSV readers never produce one. A spreadsheet reader sets it when the cell was stored as
/// a date, a number or a boolean, so that a date cell satisfies a `date` field whatever
/// the field's text format, and a number cell satisfies a `number` field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Native {
    Number(f64),
    Boolean(bool),
    Date(civil::Date),
    DateTime(civil::DateTime),
    Time(civil::Time),
}

/// An owned, hashable form of a [`Value`], for `unique`, `primaryKey` and `foreignKeys`.
///
/// Two values that compare equal as parsed values get the same key: `1`, `1.0` and `1.00`
/// in a number field are one key, as frictionless compares them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ValueKey {
    Missing,
    Text(String),
    Integer(i64),
    /// Bits of the `f64` after normalisation: integral numbers become [`ValueKey::Integer`],
    /// `-0.0` becomes `0.0`, and every NaN shares one key.
    Number(u64),
    Boolean(bool),
    /// Canonical text of dates, times, durations, points and JSON values.
    Canonical(String),
}

impl Value<'_> {
    /// Builds the hashable key used by uniqueness and key checks.
    pub fn to_key(&self) -> ValueKey {
        match self {
            Value::String(text) => ValueKey::Text((*text).to_owned()),
            Value::Integer(number) => ValueKey::Integer(*number),
            Value::Number(number) => number_key(*number),
            Value::Boolean(flag) => ValueKey::Boolean(*flag),
            Value::Date(date) => ValueKey::Canonical(date.to_string()),
            Value::Time(time) => ValueKey::Canonical(time.to_string()),
            Value::DateTime(datetime, offset) => datetime_key(*datetime, *offset),
            Value::Year(year) => ValueKey::Integer(i64::from(*year)),
            Value::YearMonth(year, month) => ValueKey::Canonical(format!("{year:04}-{month:02}")),
            Value::Duration(parts) => duration_key(parts),
            Value::GeoPoint(lon, lat) => ValueKey::Canonical(format!("{lon},{lat}")),
            Value::Json(json) => ValueKey::Canonical(json.to_string()),
        }
    }

    /// Returns the value as a float when it is numeric (integer, number or year).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Integer(number) => Some(*number as f64),
            Value::Number(number) => Some(*number),
            Value::Year(year) => Some(f64::from(*year)),
            _ => None,
        }
    }
}

fn number_key(number: f64) -> ValueKey {
    if number.is_nan() {
        return ValueKey::Number(f64::NAN.to_bits());
    }
    if number.fract() == 0.0 && number.abs() < 9.0e15 {
        return ValueKey::Integer(number as i64);
    }
    ValueKey::Number(number.to_bits())
}

/// Keys a datetime as Python compares them: datetimes with an offset by their instant
/// (`10:00+01:00` equals `09:00Z`), datetimes without one by their wall-clock time, and
/// never one kind equal to the other.
fn datetime_key(datetime: civil::DateTime, offset: Option<i32>) -> ValueKey {
    match offset {
        None => ValueKey::Canonical(datetime.to_string()),
        Some(seconds) => {
            let utc = datetime.checked_sub(jiff::Span::new().seconds(i64::from(seconds)));
            match utc {
                Ok(utc) => ValueKey::Canonical(format!("{utc}Z")),
                // Out of the civil range once shifted: keep the written form apart.
                Err(_) => ValueKey::Canonical(format!("{datetime}{seconds:+}")),
            }
        }
    }
}

/// Keys a duration as isodate compares them: years and months as written, and the other
/// parts as a total number of seconds (`PT1H` equals `PT60M`).
fn duration_key(parts: &DurationParts) -> ValueKey {
    let seconds = parts.weeks * 604_800.0
        + parts.days * 86_400.0
        + parts.hours * 3_600.0
        + parts.minutes * 60.0
        + parts.seconds;
    ValueKey::Canonical(format!("{}Y{}M{}S", parts.years, parts.months, seconds))
}
