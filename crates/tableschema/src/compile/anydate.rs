//! The `any` format of date, time and datetime fields: a reader in the spirit of dateutil's
//! `parser.parse` (month first, English month names, today's date for missing parts), as
//! frictionless 5.21 uses it.
//!
//! NOTE: a subset of dateutil. It reads ISO texts, numeric dates separated by `/`, `-` or
//! `.`, English month and weekday names, `H:M[:S[.f]]` times with `am`/`pm`, and `Z` or
//! `±HH:MM` offsets. dateutil's fuzzy rules for other word orders are not reproduced, and
//! texts it would read in rarer layouts are rejected here.

use jiff::civil::{Date, DateTime, Time};

use super::iso::isoparse;

/// Month names that dateutil reads, abbreviated and full.
const MONTHS: [&[&str]; 12] = [
    &["jan", "january"],
    &["feb", "february"],
    &["mar", "march"],
    &["apr", "april"],
    &["may"],
    &["jun", "june"],
    &["jul", "july"],
    &["aug", "august"],
    &["sep", "sept", "september"],
    &["oct", "october"],
    &["nov", "november"],
    &["dec", "december"],
];
const WEEKDAYS: [&str; 14] = [
    "mon",
    "monday",
    "tue",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
];
/// Words dateutil skips between date parts.
const SKIPPED_WORDS: [&str; 5] = ["at", "on", "and", "of", "the"];

/// Reads a date and time, filling missing date parts from today's date (UTC).
pub(crate) fn parse_any(text: &str) -> Option<(DateTime, Option<i32>)> {
    // A year alone is left to the word reader, which fills in today's month and day.
    if text.trim().len() >= 7
        && let Some(parsed) = isoparse(text.trim())
    {
        return Some(parsed);
    }
    let mut state = State::default();
    for word in text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|word| !word.is_empty())
    {
        state.read_word(word)?;
    }
    state.finish()
}

#[derive(Default)]
struct State {
    numbers: Vec<(i64, usize)>,
    month_name: Option<i64>,
    time: Option<Time>,
    pm: Option<bool>,
    offset: Option<i32>,
}

impl State {
    fn read_word(&mut self, word: &str) -> Option<()> {
        let lower = word.to_ascii_lowercase();
        if word.contains(':') {
            self.time = Some(parse_clock(word)?);
            return Some(());
        }
        if let Some(offset) = parse_zone(word) {
            self.offset = Some(offset);
            return Some(());
        }
        if lower == "am" || lower == "pm" {
            self.pm = Some(lower == "pm");
            return Some(());
        }
        if word.chars().all(|c| c.is_ascii_alphabetic() || c == '.') {
            return self.read_name(lower.trim_end_matches('.'));
        }
        let digits_and_separators = word
            .chars()
            .all(|c| c.is_ascii_digit() || "/-.".contains(c));
        if digits_and_separators {
            for part in word.split(['/', '-', '.']) {
                let value: i64 = part.parse().ok()?;
                self.numbers.push((value, part.len()));
            }
            return Some(());
        }
        let number = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|suffix| lower.strip_suffix(suffix))?;
        self.numbers.push((number.parse().ok()?, number.len()));
        Some(())
    }

    fn read_name(&mut self, name: &str) -> Option<()> {
        if SKIPPED_WORDS.contains(&name) || WEEKDAYS.contains(&name) {
            return Some(());
        }
        let month = MONTHS.iter().position(|names| names.contains(&name))?;
        self.month_name = Some(i64::try_from(month).ok()? + 1);
        Some(())
    }

    fn finish(self) -> Option<(DateTime, Option<i32>)> {
        // dateutil raises when the text gives no date or time part at all.
        if self.numbers.is_empty() && self.month_name.is_none() && self.time.is_none() {
            return None;
        }
        let today = jiff::tz::TimeZone::UTC
            .to_datetime(jiff::Timestamp::now())
            .date();
        let (year, month, day) = resolve(&self.numbers, self.month_name)?;
        let date = Date::new(
            i16::try_from(year.unwrap_or(i64::from(today.year()))).ok()?,
            i8::try_from(month.unwrap_or(i64::from(today.month()))).ok()?,
            i8::try_from(day.unwrap_or(i64::from(today.day()))).ok()?,
        )
        .ok()?;
        let mut time = self.time.unwrap_or(Time::midnight());
        if let Some(pm) = self.pm {
            let hour = match (pm, time.hour()) {
                (true, hour) if hour < 12 => hour + 12,
                (false, 12) => 0,
                (_, hour) => hour,
            };
            time = Time::new(hour, time.minute(), time.second(), time.subsec_nanosecond()).ok()?;
        }
        Some((date.to_datetime(time), self.offset))
    }
}

type Parts = (Option<i64>, Option<i64>, Option<i64>);

/// Assigns numbers to year, month and day, month first unless the values forbid it.
fn resolve(numbers: &[(i64, usize)], month_name: Option<i64>) -> Option<Parts> {
    let is_year = |(value, digits): (i64, usize)| digits >= 3 || value > 31;
    if let Some(month) = month_name {
        return match numbers {
            [] => Some((None, Some(month), None)),
            [single] if is_year(*single) => Some((Some(single.0), Some(month), None)),
            [single] => Some((None, Some(month), Some(single.0))),
            [first, second] if is_year(*first) => {
                Some((Some(first.0), Some(month), Some(second.0)))
            }
            [first, second] => Some((Some(second.0), Some(month), Some(first.0))),
            _ => None,
        };
    }
    match numbers {
        [] => Some((None, None, None)),
        [single] if single.1 == 8 => Some((
            Some(single.0 / 10_000),
            Some(single.0 / 100 % 100),
            Some(single.0 % 100),
        )),
        [single] if is_year(*single) => Some((Some(single.0), None, None)),
        [single] => Some((None, None, Some(single.0))),
        [first, second] if is_year(*first) => Some((Some(first.0), Some(second.0), None)),
        [first, second] if is_year(*second) => Some((Some(second.0), Some(first.0), None)),
        [first, second] => Some((None, Some(first.0), Some(second.0))),
        [first, second, third] if is_year(*first) => {
            if second.0 > 12 {
                Some((Some(first.0), Some(third.0), Some(second.0)))
            } else {
                Some((Some(first.0), Some(second.0), Some(third.0)))
            }
        }
        [first, second, third] => {
            let year = if third.1 <= 2 {
                two_digit_year(third.0)
            } else {
                third.0
            };
            if first.0 > 12 {
                Some((Some(year), Some(second.0), Some(first.0)))
            } else {
                Some((Some(year), Some(first.0), Some(second.0)))
            }
        }
        _ => None,
    }
}

/// dateutil's century guess, simplified to the 2000s below 69 and the 1900s otherwise.
fn two_digit_year(year: i64) -> i64 {
    if year < 69 { 2000 + year } else { 1900 + year }
}

fn parse_clock(word: &str) -> Option<Time> {
    let mut parts = word.split(':');
    let hour: i8 = parts.next()?.parse().ok()?;
    let minute: i8 = parts.next()?.parse().ok()?;
    let (second, nanosecond) = match parts.next() {
        None => (0, 0),
        Some(seconds) => {
            let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, ""));
            let nanos = if fraction.is_empty() {
                0
            } else {
                format!("{:0<9}", fraction.get(..fraction.len().min(9))?)
                    .parse()
                    .ok()?
            };
            (whole.parse().ok()?, nanos)
        }
    };
    if parts.next().is_some() {
        return None;
    }
    Time::new(hour, minute, second, nanosecond).ok()
}

fn parse_zone(word: &str) -> Option<i32> {
    if ["z", "utc", "gmt"].contains(&word.to_ascii_lowercase().as_str()) {
        return Some(0);
    }
    let sign = match word.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = word.get(1..)?.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..)?.parse().ok()?;
    Some(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_of(text: &str) -> Option<(i16, i8, i8)> {
        parse_any(text).map(|(datetime, _)| (datetime.year(), datetime.month(), datetime.day()))
    }

    #[test]
    fn month_first() {
        assert_eq!(date_of("05/01/2020"), Some((2020, 5, 1)));
        assert_eq!(date_of("13/01/2020"), Some((2020, 1, 13)));
        assert_eq!(date_of("Jan 5 2020"), Some((2020, 1, 5)));
        assert_eq!(date_of("5 January 2020"), Some((2020, 1, 5)));
        assert_eq!(date_of("2020-01-05"), Some((2020, 1, 5)));
    }

    #[test]
    fn french_month_rejected() {
        assert_eq!(date_of("5 janvier 2020"), None);
    }

    #[test]
    fn year_alone_keeps_year() {
        assert_eq!(date_of("2020").map(|parts| parts.0), Some(2020));
    }
}
