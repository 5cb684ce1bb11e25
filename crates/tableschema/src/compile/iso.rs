//! The ISO readers behind the `default` formats of frictionless 5.21: dateutil's `isoparse`
//! (time and datetime), its length guards, and the year, yearmonth and duration rules.
//!
//! dateutil's `isoparse` reads the date as `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYYMMDD`,
//! or the week and ordinal forms, then any single separator character, then
//! `HH[:MM[:SS[.f]]]` and an optional `Z`, `±HH`, `±HHMM` or `±HH:MM` offset. Each
//! two-digit part goes through Python's `int`, hence its leniency on signs and spaces.

use jiff::civil::{Date, DateTime, Time};

use super::number::python_int;
use crate::value::DurationParts;

/// Reads a `datetime` cell with the `default` format. frictionless first requires at least
/// 19 characters with `:` as the 17th, so `2020-01-05T10:00` and dates alone fail.
pub(crate) fn parse_default_datetime(text: &str) -> Option<(DateTime, Option<i32>)> {
    if text.chars().count() < 19 || text.chars().nth(16) != Some(':') {
        return None;
    }
    isoparse(text)
}

/// Reads a `time` cell with the `default` format: frictionless requires `:` as the third
/// character and at least 8 characters, then parses `2000-01-01T` + the cell.
pub(crate) fn parse_default_time(text: &str) -> Option<Time> {
    if text.chars().count() < 8 || text.chars().nth(2) != Some(':') || !text.is_ascii() {
        return None;
    }
    // The date prefix always reads, so only the time part can fail; `24:00:00` becomes
    // midnight, as the date part absorbs the extra day.
    let (time, _, _) = parse_iso_time(text)?;
    Some(time)
}

/// dateutil's `isoparse`, for ASCII text only (it encodes to ASCII first).
pub(crate) fn isoparse(text: &str) -> Option<(DateTime, Option<i32>)> {
    if !text.is_ascii() {
        return None;
    }
    let (date, position) = parse_iso_date(text)?;
    let (time, offset, next_day) = match text.get(position..) {
        Some(rest) if !rest.is_empty() => parse_iso_time(rest.get(1..)?)?,
        _ => (Time::midnight(), None, false),
    };
    let mut datetime = date.to_datetime(time);
    if next_day {
        datetime = datetime.checked_add(jiff::Span::new().days(1)).ok()?;
    }
    Some((datetime, offset))
}

fn int_at(text: &str, start: usize, length: usize) -> Option<i64> {
    let end = (start + length).min(text.len());
    python_int(text.get(start..end)?, 10)
}

fn civil_date(year: i64, month: i64, day: i64) -> Option<Date> {
    if !(1..=9999).contains(&year) {
        return None;
    }
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

fn parse_iso_date(text: &str) -> Option<(Date, usize)> {
    parse_common_date(text).or_else(|| parse_uncommon_date(text))
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYYMMDD`.
fn parse_common_date(text: &str) -> Option<(Date, usize)> {
    let length = text.len();
    if length < 4 {
        return None;
    }
    let year = int_at(text, 0, 4)?;
    let mut position = 4;

    if position >= length {
        return Some((civil_date(year, 1, 1)?, position));
    }
    let has_separator = text.as_bytes().get(position) == Some(&b'-');
    position += usize::from(has_separator);
    if length < position + 2 {
        return None;
    }
    let month = int_at(text, position, 2)?;
    position += 2;

    if position >= length {
        // `YYYYMM` without a separator is ambiguous, so dateutil rejects it.
        if !has_separator {
            return None;
        }
        return Some((civil_date(year, month, 1)?, position));
    }
    if has_separator {
        if text.as_bytes().get(position) != Some(&b'-') {
            return None;
        }
        position += 1;
    }
    if length < position + 2 {
        return None;
    }
    let day = int_at(text, position, 2)?;
    Some((civil_date(year, month, day)?, position + 2))
}

/// `YYYY-Www`, `YYYY-Www-D`, `YYYYWww`, `YYYYWwwD`, `YYYY-DDD`, `YYYYDDD`.
fn parse_uncommon_date(text: &str) -> Option<(Date, usize)> {
    if text.len() < 4 {
        return None;
    }
    let year = int_at(text, 0, 4)?;
    let has_separator = text.as_bytes().get(4) == Some(&b'-');
    let mut position = 4 + usize::from(has_separator);
    if text.as_bytes().get(position) == Some(&b'W') {
        position += 1;
        let week = int_at(text, position, 2)?;
        position += 2;
        let mut day = 1;
        if text.len() > position {
            if (text.as_bytes().get(position) == Some(&b'-')) != has_separator {
                return None;
            }
            position += usize::from(has_separator);
            day = int_at(text, position, 1)?;
            position += 1;
        }
        if !(1..=53).contains(&week) || !(1..=7).contains(&day) {
            return None;
        }
        let january_4 = civil_date(year, 1, 4)?;
        let monday = january_4
            .checked_sub(
                jiff::Span::new().days(i64::from(january_4.weekday().to_monday_zero_offset())),
            )
            .ok()?;
        let date = monday
            .checked_add(jiff::Span::new().days((week - 1) * 7 + day - 1))
            .ok()?;
        return Some((date, position));
    }
    if text.len() < position + 3 {
        return None;
    }
    let ordinal = int_at(text, position, 3)?;
    let leap = civil_date(year, 2, 29).is_some();
    if ordinal < 1 || ordinal > 365 + i64::from(leap) {
        return None;
    }
    let date = civil_date(year, 1, 1)?
        .checked_add(jiff::Span::new().days(ordinal - 1))
        .ok()?;
    Some((date, position + 3))
}

/// Reads a time as dateutil's `_parse_isotime` does. Returns the time, the offset in
/// seconds, and whether the text was `24:00`, which means midnight of the next day.
fn parse_iso_time(text: &str) -> Option<(Time, Option<i32>, bool)> {
    let bytes = text.as_bytes();
    if bytes.len() < 2 {
        return None;
    }
    let mut parts = [0i64; 4];
    let mut offset = None;
    let mut position = 0;
    let mut has_separator = false;
    let mut component = 0;

    while position < bytes.len() && component < 5 {
        if matches!(bytes.get(position), Some(b'-' | b'+' | b'Z' | b'z')) {
            offset = Some(parse_offset(text.get(position..)?)?);
            position = bytes.len();
            break;
        }
        if component == 1 && bytes.get(position) == Some(&b':') {
            has_separator = true;
            position += 1;
        } else if component == 2 && has_separator {
            if bytes.get(position) != Some(&b':') {
                return None;
            }
            position += 1;
        }
        if component < 3 {
            *parts.get_mut(component)? = int_at(text, position, 2)?;
            position += 2;
        } else if component == 3 {
            let digits = fraction_digits(bytes.get(position..)?);
            if digits > 0 {
                let fraction_text = text.get(position + 1..position + 1 + digits.min(6))?;
                parts[3] = format!("{fraction_text:0<6}").parse().ok()?;
                position += 1 + digits;
            }
        }
        component += 1;
    }
    if position < bytes.len() {
        return None;
    }

    let [hour, minute, second, microsecond] = parts;
    let next_day = hour == 24;
    if next_day && (minute != 0 || second != 0 || microsecond != 0) {
        return None;
    }
    let hour = if next_day { 0 } else { hour };
    let time = Time::new(
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second).ok()?,
        i32::try_from(microsecond * 1000).ok()?,
    )
    .ok()?;
    Some((time, offset, next_day))
}

/// Counts the digits of a `.123` or `,123` fraction at the start of `bytes`.
fn fraction_digits(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(b'.' | b',') => bytes
            .iter()
            .skip(1)
            .take_while(|byte| byte.is_ascii_digit())
            .count(),
        _ => 0,
    }
}

/// dateutil's `_parse_tzstr`: `Z`, `±HH`, `±HHMM`, `±HH:MM`.
fn parse_offset(text: &str) -> Option<i32> {
    if text == "Z" || text == "z" {
        return Some(0);
    }
    if ![3, 5, 6].contains(&text.len()) {
        return None;
    }
    let sign = match text.as_bytes().first() {
        Some(b'-') => -1,
        Some(b'+') => 1,
        _ => return None,
    };
    let hours = python_int(text.get(1..3)?, 10)?;
    let minutes = match text.len() {
        3 => 0,
        _ => {
            let start = if text.as_bytes().get(3) == Some(&b':') {
                4
            } else {
                3
            };
            python_int(text.get(start..)?, 10)?
        }
    };
    if hours == 0 && minutes == 0 {
        return Some(0);
    }
    if !(0..=59).contains(&minutes) || !(0..=23).contains(&hours) {
        return None;
    }
    i32::try_from(sign * (hours * 3600 + minutes * 60)).ok()
}

/// `year`: exactly four characters read by Python's `int`, not negative.
pub(crate) fn parse_year(text: &str) -> Option<i32> {
    if text.chars().count() != 4 {
        return None;
    }
    let year = python_int(text, 10)?;
    if year < 0 {
        None
    } else {
        i32::try_from(year).ok()
    }
}

/// `yearmonth`: two parts split on `-`, each read by Python's `int`, month 1 to 12.
pub(crate) fn parse_year_month(text: &str) -> Option<(i32, u8)> {
    let (year, month) = text.split_once('-')?;
    if month.contains('-') {
        return None;
    }
    let year = i32::try_from(python_int(year, 10)?).ok()?;
    let month = python_int(month, 10)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    Some((year, u8::try_from(month).ok()?))
}

/// `duration`: isodate's regex `[+-]?P(nY)?(nM)?(nW)?(nD)?(T(nH)?(nM)?(nS)?)?`, where each
/// n may carry a `.` or `,` fraction. `P` alone fails; `PT` passes, as in isodate.
/// NOTE: isodate's second form (`P0001-02-03T04:05:06`) is not read.
pub(crate) fn parse_duration(text: &str) -> Option<DurationParts> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..)?),
        Some(b'+') => (false, text.get(1..)?),
        _ => (false, text),
    };
    let body = body.strip_prefix('P')?;
    // `P(?!\b)`: the character after `P` must be a word character.
    if !body
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        return None;
    }
    let (date_part, time_part) = match body.split_once('T') {
        Some((date_part, time_part)) => (date_part, Some(time_part)),
        None => (body, None),
    };

    let mut parts = DurationParts::default();
    let date_slots: [(u8, &mut f64); 4] = [
        (b'Y', &mut parts.years),
        (b'M', &mut parts.months),
        (b'W', &mut parts.weeks),
        (b'D', &mut parts.days),
    ];
    read_designators(date_part, date_slots)?;
    if let Some(time_part) = time_part {
        let time_slots: [(u8, &mut f64); 3] = [
            (b'H', &mut parts.hours),
            (b'M', &mut parts.minutes),
            (b'S', &mut parts.seconds),
        ];
        read_designators(time_part, time_slots)?;
    }

    if negative {
        for value in [
            &mut parts.years,
            &mut parts.months,
            &mut parts.weeks,
            &mut parts.days,
            &mut parts.hours,
            &mut parts.minutes,
            &mut parts.seconds,
        ] {
            *value = -*value;
        }
    }
    Some(parts)
}

/// Reads `nX` groups in the order of `slots`, each at most once because the text moves
/// past a group once it is read.
fn read_designators<const N: usize>(mut text: &str, slots: [(u8, &mut f64); N]) -> Option<()> {
    for (designator, slot) in slots {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            continue;
        }
        let mut length = digits;
        if matches!(text.as_bytes().get(length), Some(b'.' | b',')) {
            let fraction = text
                .bytes()
                .skip(length + 1)
                .take_while(u8::is_ascii_digit)
                .count();
            if fraction > 0 {
                length += 1 + fraction;
            }
        }
        if text.as_bytes().get(length) != Some(&designator) {
            continue;
        }
        *slot = text.get(..length)?.replace(',', ".").parse().ok()?;
        text = text.get(length + 1..)?;
    }
    text.is_empty().then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_default_forms() {
        for text in [
            "2020-01-05 10:00:00",
            "2020-01-05T10:00:00Z",
            "2020-01-05T10:00:00+01:00",
            "2022-10-18T12:35:49+0000",
            "2020-01-05T10:00:00.123",
        ] {
            assert!(parse_default_datetime(text).is_some(), "{text}");
        }
        for text in [
            "2020-01-05T10:00",
            "2020-01-05",
            "2020-01-05T25:00:00",
            "2020-02-30T10:00:00",
        ] {
            assert!(parse_default_datetime(text).is_none(), "{text}");
        }
    }

    #[test]
    fn datetime_offset_read() {
        let (_, offset) = parse_default_datetime("2023-01-30T10:27:50+01:00").unwrap();
        assert_eq!(offset, Some(3600));
    }

    #[test]
    fn time_default_forms() {
        assert!(parse_default_time("10:00:00").is_some());
        assert!(parse_default_time("10:00:00Z").is_some());
        assert!(parse_default_time("10:00").is_none());
        assert!(parse_default_time("25:00:00").is_none());
    }

    #[test]
    fn year_and_year_month() {
        assert_eq!(parse_year("0999"), Some(999));
        assert_eq!(parse_year("+123"), Some(123));
        assert_eq!(parse_year(" 123"), Some(123));
        assert_eq!(parse_year("20201"), None);
        assert_eq!(parse_year("-001"), None);
        assert_eq!(parse_year_month("2020-1"), Some((2020, 1)));
        assert_eq!(parse_year_month("2020-13"), None);
        assert_eq!(parse_year_month("202001"), None);
    }

    #[test]
    fn durations() {
        assert!(parse_duration("P1D").is_some());
        assert!(parse_duration("PT1H30M").is_some());
        assert!(parse_duration("P1Y2M").is_some());
        assert!(parse_duration("P1,5Y").is_some());
        assert!(parse_duration("P").is_none());
        assert!(parse_duration("1 day").is_none());
        assert!(parse_duration("P1M1Y").is_none());
        assert_eq!(parse_duration("PT1H30M").unwrap().minutes, 30.0);
    }
}
