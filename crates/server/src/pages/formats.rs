//! Dates and amounts as a reader of the page's language writes them: "5 décembre 2026 à
//! 14 h 03" and "1 234 567,89" in French, "5 December 2026 at 14:03" and "1,234,567.89" in
//! English.
//!
//! Templates call the `date` and `datetime` filters, which read the page's `lang`. Month
//! names and the order of the parts come from the i18n catalogue (`platform-month`,
//! `platform-date`, `platform-date-time`), so only the parsing is done here. Templates keep
//! the stored value in `<time datetime="…">` for machines.
//!
//! Timestamps are stored in UTC and shown in the time zone of metropolitan France. A string
//! that is not a date is shown unchanged rather than failing the whole page.

use std::sync::Arc;

use i18n::{Lang, Messages};
use jiff::civil;
use jiff::tz::TimeZone;
use minijinja::{Environment, State, Value};

/// The time zone in which timestamps are shown.
// NOTE: communes of the overseas départements read times in metropolitan French time too,
// because the platform has no per-organisation time zone.
const DISPLAY_TIME_ZONE: &str = "Europe/Paris";

/// Adds the `date` and `datetime` filters to the template environment.
pub fn register(environment: &mut Environment<'static>) {
    let formatter = Arc::new(DateFormatter::new());
    let date_formatter = Arc::clone(&formatter);
    environment.add_filter("date", move |state: &State, value: Value| -> String {
        match value.as_str() {
            Some(text) => date_formatter.date(text, page_lang(state)),
            None => value.to_string(),
        }
    });
    environment.add_filter("datetime", move |state: &State, value: Value| -> String {
        match value.as_str() {
            Some(text) => formatter.date_time(text, page_lang(state)),
            None => value.to_string(),
        }
    });
}

fn page_lang(state: &State) -> Lang {
    state
        .lookup("lang")
        .and_then(|value| value.as_str().and_then(Lang::from_tag))
        .unwrap_or_default()
}

/// A stored date or timestamp, read in the display time zone.
struct ShownDate {
    date: civil::Date,
    /// Hour and minute, absent for a plain date.
    time: Option<(i8, i8)>,
    /// Whether the time is in UTC because the display time zone could not be loaded.
    in_utc: bool,
}

/// Renders stored dates and timestamps with the catalogue's month names.
pub struct DateFormatter {
    messages: [Messages; 2],
    /// Month names, January first, in French then English.
    months: [Vec<String>; 2],
    time_zone: Option<TimeZone>,
}

impl DateFormatter {
    /// Loads the catalogues and the display time zone from the system's time zone database.
    /// Without that database, times are shown in UTC and marked as such.
    pub fn new() -> DateFormatter {
        let messages = [Messages::new(Lang::Fr), Messages::new(Lang::En)];
        let months = [&messages[0], &messages[1]].map(|catalogue| {
            (1..=12)
                .map(|month| catalogue.format("platform-month", &[("month", &month.to_string())]))
                .collect()
        });
        let time_zone = match TimeZone::get(DISPLAY_TIME_ZONE) {
            Ok(zone) => Some(zone),
            Err(error) => {
                tracing::warn!(%error, zone = DISPLAY_TIME_ZONE, "time zone not found, so pages show times in UTC (install the tzdata package)");
                None
            }
        };
        DateFormatter {
            messages,
            months,
            time_zone,
        }
    }

    /// Renders the date of a stored date or timestamp ("5 décembre 2026").
    pub fn date(&self, value: &str, lang: Lang) -> String {
        match self.read(value) {
            Some(shown) => self.render_date(shown.date, lang),
            None => value.to_owned(),
        }
    }

    /// Renders a stored timestamp with its time ("5 décembre 2026 à 14 h 03"), or a plain
    /// date without one.
    pub fn date_time(&self, value: &str, lang: Lang) -> String {
        let Some(shown) = self.read(value) else {
            return value.to_owned();
        };
        let date = self.render_date(shown.date, lang);
        let Some((hour, minute)) = shown.time else {
            return date;
        };
        let id = if shown.in_utc {
            "platform-date-time-utc"
        } else {
            "platform-date-time"
        };
        let hour = hour.to_string();
        let minute = format!("{minute:02}");
        self.catalogue(lang).format(
            id,
            &[
                ("date", date.as_str()),
                ("hour", hour.as_str()),
                ("minute", minute.as_str()),
            ],
        )
    }

    fn catalogue(&self, lang: Lang) -> &Messages {
        &self.messages[usize::from(lang == Lang::En)]
    }

    fn render_date(&self, date: civil::Date, lang: Lang) -> String {
        let months = &self.months[usize::from(lang == Lang::En)];
        let month = usize::try_from(date.month() - 1)
            .ok()
            .and_then(|index| months.get(index))
            .map_or("", String::as_str);
        let day = date.day().to_string();
        let year = date.year().to_string();
        self.catalogue(lang).format(
            "platform-date",
            &[
                ("day", day.as_str()),
                ("month", month),
                ("year", year.as_str()),
            ],
        )
    }

    /// Reads an RFC 3339 timestamp (converted to the display time zone), a civil date-time
    /// (shown as written) or a plain date.
    fn read(&self, value: &str) -> Option<ShownDate> {
        let value = value.trim();
        if let Ok(timestamp) = value.parse::<jiff::Timestamp>() {
            let (local, in_utc) = match &self.time_zone {
                Some(zone) => (zone.to_datetime(timestamp), false),
                None => (TimeZone::UTC.to_datetime(timestamp), true),
            };
            return Some(ShownDate {
                date: local.date(),
                time: Some((local.hour(), local.minute())),
                in_utc,
            });
        }
        if let Ok(date) = value.parse::<civil::Date>()
            && !value.contains(['T', ' '])
        {
            return Some(ShownDate {
                date,
                time: None,
                in_utc: false,
            });
        }
        let local = value.parse::<civil::DateTime>().ok()?;
        Some(ShownDate {
            date: local.date(),
            time: Some((local.hour(), local.minute())),
            in_utc: false,
        })
    }
}

impl Default for DateFormatter {
    fn default() -> DateFormatter {
        DateFormatter::new()
    }
}

/// Formats an amount written with a decimal point and optional minus sign ("-1234567.89")
/// with the language's separators: "-1 234 567,89" in French, with narrow no-break spaces
/// (U+202F) between groups of thousands, and "-1,234,567.89" in English. Any other text is
/// returned unchanged.
pub fn format_amount(value: &str, lang: Lang) -> String {
    let (sign, unsigned) = match value.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", value),
    };
    let (integer, fraction) = match unsigned.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (unsigned, None),
    };
    let all_digits =
        |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    if !all_digits(integer) || fraction.is_some_and(|part| !all_digits(part)) {
        return value.to_owned();
    }

    let (group_separator, decimal_separator) = match lang {
        Lang::Fr => ('\u{202F}', ','),
        Lang::En => (',', '.'),
    };
    let mut text = String::with_capacity(value.len() + integer.len() / 3 * 3);
    text.push_str(sign);
    for (position, digit) in integer.chars().enumerate() {
        let remaining = integer.len() - position;
        if position > 0 && remaining.is_multiple_of(3) {
            text.push(group_separator);
        }
        text.push(digit);
    }
    if let Some(fraction) = fraction {
        text.push(decimal_separator);
        text.push_str(fraction);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_date_in_both_languages() {
        let formatter = DateFormatter::new();
        assert_eq!(formatter.date("2026-12-05", Lang::Fr), "5 décembre 2026");
        assert_eq!(formatter.date("2026-12-05", Lang::En), "5 December 2026");
        assert_eq!(
            formatter.date_time("2026-12-05", Lang::Fr),
            "5 décembre 2026"
        );
    }

    #[test]
    fn first_of_month_ordinal_in_french() {
        let formatter = DateFormatter::new();
        assert_eq!(formatter.date("2026-01-01", Lang::Fr), "1er janvier 2026");
        assert_eq!(formatter.date("2026-01-01", Lang::En), "1 January 2026");
        assert_eq!(formatter.date("2026-08-21", Lang::Fr), "21 août 2026");
    }

    #[test]
    fn every_month_named() {
        let formatter = DateFormatter::new();
        for month in 1..=12 {
            let value = format!("2026-{month:02}-10");
            for lang in [Lang::Fr, Lang::En] {
                let shown = formatter.date(&value, lang);
                assert!(
                    shown.chars().any(char::is_alphabetic),
                    "month {month} in {lang:?} has no name: {shown}"
                );
                assert!(!shown.contains("platform-"), "{shown}");
            }
        }
    }

    #[test]
    fn timestamp_shown_in_paris_time() {
        let formatter = DateFormatter::new();
        if formatter.time_zone.is_none() {
            eprintln!("skipped: the time zone database has no {DISPLAY_TIME_ZONE}");
            return;
        }
        // Winter time is UTC+1, summer time UTC+2.
        assert_eq!(
            formatter.date_time("2026-12-05T13:03:27.123456Z", Lang::Fr),
            "5 décembre 2026 à 14 h 03"
        );
        assert_eq!(
            formatter.date_time("2026-12-05T13:03:27Z", Lang::En),
            "5 December 2026 at 14:03"
        );
        assert_eq!(
            formatter.date_time("2026-07-14T07:05:00Z", Lang::Fr),
            "14 juillet 2026 à 9 h 05"
        );
        // Late in the UTC evening is already the next day in Paris.
        assert_eq!(
            formatter.date("2026-12-31T23:30:00Z", Lang::Fr),
            "1er janvier 2027"
        );
    }

    #[test]
    fn civil_date_time_shown_as_written() {
        let formatter = DateFormatter::new();
        assert_eq!(
            formatter.date_time("2026-12-05T08:00:00", Lang::Fr),
            "5 décembre 2026 à 8 h 00"
        );
    }

    #[test]
    fn unreadable_value_unchanged() {
        let formatter = DateFormatter::new();
        for value in ["", "demain", "2026-13-01", "05/12/2026"] {
            assert_eq!(formatter.date(value, Lang::Fr), value);
            assert_eq!(formatter.date_time(value, Lang::En), value);
        }
    }

    #[test]
    fn amounts_in_french() {
        assert_eq!(
            format_amount("1234567.89", Lang::Fr),
            "1\u{202F}234\u{202F}567,89"
        );
        assert_eq!(format_amount("-1234.50", Lang::Fr), "-1\u{202F}234,50");
        assert_eq!(format_amount("999.00", Lang::Fr), "999,00");
        assert_eq!(format_amount("0.05", Lang::Fr), "0,05");
        assert_eq!(format_amount("100000", Lang::Fr), "100\u{202F}000");
    }

    #[test]
    fn amounts_in_english() {
        assert_eq!(format_amount("1234567.89", Lang::En), "1,234,567.89");
        assert_eq!(format_amount("-1000.00", Lang::En), "-1,000.00");
        assert_eq!(format_amount("12.30", Lang::En), "12.30");
    }

    #[test]
    fn non_amounts_unchanged() {
        for value in ["", "-", "1.2.3", "12,5", "abc", "1e5", ".5"] {
            assert_eq!(format_amount(value, Lang::Fr), value);
        }
    }
}
