//! Spreadsheet cell values turned into text and a native kind.
//!
//! Dates use ISO 8601 (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, `HH:MM:SS`) rounded to the
//! second, whatever number format the cell displays them with. Numbers use the shortest
//! text that reads back as the same `f64`, without a trailing `.0`. Number formats
//! (`0.00`, percentages, thousands separators) are not applied.

use std::fmt::Write;

use calamine::{Data, ExcelDateTime};
use jiff::civil::{Date, DateTime, Time};
use jiff::{Span, Unit};
use tableschema::Native;

/// A cell's native kind, and for an error cell its code (`#N/A`).
pub(crate) struct Converted {
    pub(crate) native: Option<Native>,
    pub(crate) error: Option<String>,
}

/// Writes the text of `value` into `text` (cleared first) and returns its native kind.
pub(crate) fn cell_text(value: &Data, text: &mut String) -> Converted {
    text.clear();
    let mut converted = Converted {
        native: None,
        error: None,
    };
    match value {
        Data::Empty => {}
        Data::String(value) => text.push_str(value),
        Data::Int(number) => {
            let _ = write!(text, "{number}");
            converted.native = Some(Native::Number(*number as f64));
        }
        Data::Float(number) => {
            write_number(*number, text);
            converted.native = Some(Native::Number(*number));
        }
        Data::Bool(value) => {
            text.push_str(if *value { "true" } else { "false" });
            converted.native = Some(Native::Boolean(*value));
        }
        Data::DateTime(value) => converted.native = excel_date_time(value, text),
        Data::DateTimeIso(value) => converted.native = iso_date_time(value, text),
        Data::DurationIso(value) => converted.native = iso_duration(value, text),
        Data::Error(error) => {
            let _ = write!(text, "{error}");
            converted.error = Some(text.clone());
        }
    }
    converted
}

/// Largest magnitude below which every integral `f64` is exact as an `i64`.
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

fn write_number(number: f64, text: &mut String) {
    if number.fract() == 0.0 && number.abs() < EXACT_INTEGER_LIMIT {
        let _ = write!(text, "{}", number as i64);
    } else {
        // `Display` for `f64` writes the shortest digits that read back as the same value.
        let _ = write!(text, "{number}");
    }
}

/// Converts an Excel serial date: a whole number is a date, a value under one day a time
/// of day, anything else a date and time. Durations (`[h]:mm:ss`) stay text.
fn excel_date_time(value: &ExcelDateTime, text: &mut String) -> Option<Native> {
    let serial = value.as_f64();
    if value.is_duration() {
        write_duration(serial * 86_400.0, text);
        return None;
    }
    let (year, month, day, hour, minute, second, milli) = value.to_ymd_hms_milli();
    let date = Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    );
    let time = Time::new(
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second).ok()?,
        i32::from(milli) * 1_000_000,
    );
    let (Ok(date), Ok(time)) = (date, time) else {
        write_number(serial, text);
        return None;
    };
    let date_time = round_to_second(date.to_datetime(time));
    let native = if serial.fract() == 0.0 {
        Native::Date(date_time.date())
    } else if (0.0..1.0).contains(&serial) {
        Native::Time(date_time.time())
    } else {
        Native::DateTime(date_time)
    };
    write_native(native, text);
    Some(native)
}

fn round_to_second(date_time: DateTime) -> DateTime {
    date_time.round(Unit::Second).unwrap_or(date_time)
}

fn write_native(native: Native, text: &mut String) {
    let _ = match native {
        Native::Date(date) => write!(text, "{date}"),
        Native::DateTime(date_time) => write!(text, "{}", date_time.strftime("%Y-%m-%dT%H:%M:%S")),
        Native::Time(time) => write!(text, "{}", time.strftime("%H:%M:%S")),
        Native::Number(number) => {
            write_number(number, text);
            Ok(())
        }
        Native::Boolean(value) => write!(text, "{value}"),
    };
}

/// Writes a duration as `H:MM:SS`, hours not wrapping at 24.
fn write_duration(seconds: f64, text: &mut String) {
    let total = seconds.round() as i64;
    let sign = if total < 0 { "-" } else { "" };
    let total = total.unsigned_abs();
    let _ = write!(
        text,
        "{sign}{}:{:02}:{:02}",
        total / 3600,
        total / 60 % 60,
        total % 60
    );
}

/// Converts an OpenDocument date (`2024-01-31`) or date and time (`2024-01-31T10:00:00`).
fn iso_date_time(value: &str, text: &mut String) -> Option<Native> {
    let native = if value.contains('T') {
        value
            .parse::<DateTime>()
            .ok()
            .map(|date_time| Native::DateTime(round_to_second(date_time)))
    } else {
        value.parse::<Date>().ok().map(Native::Date)
    };
    match native {
        Some(native) => write_native(native, text),
        None => text.push_str(value),
    }
    native
}

/// Converts an OpenDocument time cell (`PT10H30M00S`): under a day it is a time of day,
/// longer durations stay text as `H:MM:SS`.
fn iso_duration(value: &str, text: &mut String) -> Option<Native> {
    let seconds = value
        .parse::<Span>()
        .ok()
        .and_then(|span| span.total(Unit::Second).ok());
    let Some(seconds) = seconds else {
        text.push_str(value);
        return None;
    };
    if !(0.0..86_400.0).contains(&seconds) {
        write_duration(seconds, text);
        return None;
    }
    let whole = seconds.round() as i64;
    let time = Time::new(
        (whole / 3600) as i8,
        (whole / 60 % 60) as i8,
        (whole % 60) as i8,
        0,
    )
    .ok();
    match time {
        Some(time) => {
            let native = Native::Time(time);
            write_native(native, text);
            Some(native)
        }
        None => {
            write_duration(seconds, text);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use calamine::ExcelDateTimeType;

    use super::*;

    fn text_of(value: Data) -> (String, Option<Native>) {
        let mut text = String::new();
        let converted = cell_text(&value, &mut text);
        (text, converted.native)
    }

    #[test]
    fn numbers_without_spurious_decimals() {
        assert_eq!(text_of(Data::Float(22.0)).0, "22");
        assert_eq!(text_of(Data::Float(0.1)).0, "0.1");
        assert_eq!(text_of(Data::Float(-3.25)).0, "-3.25");
        assert_eq!(text_of(Data::Int(1200)).0, "1200");
    }

    #[test]
    fn excel_dates_become_iso() {
        let date = ExcelDateTime::new(45_292.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(text_of(Data::DateTime(date)).0, "2024-01-01");
        let date_time = ExcelDateTime::new(45_292.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(text_of(Data::DateTime(date_time)).0, "2024-01-01T12:00:00");
        let time = ExcelDateTime::new(0.75, ExcelDateTimeType::DateTime, false);
        assert_eq!(text_of(Data::DateTime(time)).0, "18:00:00");
        let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(
            text_of(Data::DateTime(duration)),
            ("36:00:00".to_owned(), None)
        );
    }

    #[test]
    fn iso_cells_from_opendocument() {
        assert_eq!(
            text_of(Data::DateTimeIso("2024-02-29".into())).0,
            "2024-02-29"
        );
        assert_eq!(
            text_of(Data::DateTimeIso("2024-02-29T08:05:00.4".into())).0,
            "2024-02-29T08:05:00"
        );
        assert_eq!(
            text_of(Data::DurationIso("PT10H30M00S".into())).0,
            "10:30:00"
        );
        assert_eq!(
            text_of(Data::DateTimeIso("not a date".into())),
            ("not a date".to_owned(), None)
        );
    }

    #[test]
    fn booleans_and_errors() {
        assert_eq!(
            text_of(Data::Bool(true)),
            ("true".to_owned(), Some(Native::Boolean(true)))
        );
        let mut text = String::new();
        let converted = cell_text(&Data::Error(calamine::CellErrorType::NA), &mut text);
        assert_eq!(text, "#N/A");
        assert_eq!(converted.error.as_deref(), Some("#N/A"));
    }
}
