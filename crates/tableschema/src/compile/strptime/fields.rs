//! Python's final step of `strptime`: turning the matched directives into a date and
//! time, with its defaults (year 1900, January, day 1), its two-digit year pivot, its
//! week-number and day-of-year arithmetic, and its `%z` rules. Also writes dates back
//! with a format, for hints.

use jiff::civil::{Date, DateTime, Time};

use super::{Directive, MONTHS, Parsed, WEEKDAYS};

/// Values read from the captures, with Python's defaults applied at the end.
#[derive(Default)]
pub(super) struct Fields {
    year: Option<i64>,
    month: Option<i64>,
    day: Option<i64>,
    hour: i64,
    hour12: Option<i64>,
    pm: Option<bool>,
    minute: i64,
    second: i64,
    microsecond: i64,
    day_of_year: Option<i64>,
    weekday: Option<i64>,
    week_of_year: Option<(i64, bool)>,
    offset: Option<i32>,
}

fn number(captured: &str) -> Option<i64> {
    captured.trim_start().parse().ok()
}

impl Fields {
    pub(super) fn read(&mut self, directive: Directive, captured: &str) -> Option<()> {
        use Directive as D;
        match directive {
            D::Year => self.year = Some(number(captured)?),
            D::ShortYear => {
                let short = number(captured)?;
                self.year = Some(if short <= 68 {
                    short + 2000
                } else {
                    short + 1900
                });
            }
            D::Month => self.month = Some(number(captured)?),
            D::MonthName { .. } => {
                self.month = Some(name_index(&MONTHS, captured).map_or(0, |index| index + 1))
            }
            D::Day => self.day = Some(number(captured)?),
            D::Hour => self.hour = number(captured)?,
            D::Hour12 => self.hour12 = Some(number(captured)?),
            D::AmPm => self.pm = Some(captured.eq_ignore_ascii_case("pm")),
            D::Minute => self.minute = number(captured)?,
            D::Second => self.second = number(captured)?,
            D::Fraction => self.microsecond = number(&format!("{captured:0<6}"))?,
            D::DayOfYear => self.day_of_year = Some(number(captured)?),
            D::WeekdayName { .. } => self.weekday = Some(name_index(&WEEKDAYS, captured)?),
            D::WeekdaySunday0 => self.weekday = Some((number(captured)? + 6) % 7),
            D::WeekdayMonday1 => self.weekday = Some(number(captured)? - 1),
            D::WeekOfYearSunday => self.week_of_year = Some((number(captured)?, false)),
            D::WeekOfYearMonday => self.week_of_year = Some((number(captured)?, true)),
            D::Offset => self.offset = Some(read_offset(captured)?),
            D::ZoneName => {}
        }
        Some(())
    }

    pub(super) fn finish(self) -> Option<Parsed> {
        let mut hour = self.hour;
        if let Some(hour12) = self.hour12 {
            hour = match (self.pm.unwrap_or(false), hour12) {
                (false, 12) => 0,
                (false, other) => other,
                (true, 12) => 12,
                (true, other) => other + 12,
            };
        }
        let mut year = self.year.unwrap_or(1900);
        let mut day_of_year = self.day_of_year;
        if day_of_year.is_none()
            && let (Some(weekday), Some((week, monday_first))) = (self.weekday, self.week_of_year)
        {
            let mut julian = julian_from_week(year, week, weekday, monday_first)?;
            if julian <= 0 {
                year -= 1;
                julian += if date(year, 2, 29).is_some() {
                    366
                } else {
                    365
                };
            }
            day_of_year = Some(julian);
        }
        let calendar_date = match day_of_year {
            None => date(year, self.month.unwrap_or(1), self.day.unwrap_or(1))?,
            Some(julian) => {
                // Python trusts the day of the year and ignores any month and day read.
                date(year, 1, 1)?
                    .checked_add(jiff::Span::new().days(julian - 1))
                    .ok()?
            }
        };
        let time = Time::new(
            i8::try_from(hour).ok()?,
            i8::try_from(self.minute).ok()?,
            i8::try_from(self.second).ok()?,
            i32::try_from(self.microsecond * 1000).ok()?,
        )
        .ok()?;
        if calendar_date.year() < 1 {
            return None;
        }
        Some(Parsed {
            datetime: calendar_date.to_datetime(time),
            offset: self.offset,
        })
    }
}

fn date(year: i64, month: i64, day: i64) -> Option<Date> {
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

fn name_index(names: &[&str], captured: &str) -> Option<i64> {
    let lower = captured.to_ascii_lowercase();
    let position = names
        .iter()
        .position(|name| *name == lower || name.get(..3) == Some(lower.as_str()))?;
    i64::try_from(position).ok()
}

/// Python's `_calc_julian_from_U_or_W`; weekday 0 is Monday.
fn julian_from_week(year: i64, week: i64, weekday: i64, monday_first: bool) -> Option<i64> {
    let mut first_weekday = i64::from(date(year, 1, 1)?.weekday().to_monday_zero_offset());
    let mut day_of_week = weekday;
    if !monday_first {
        first_weekday = (first_weekday + 1) % 7;
        day_of_week = (day_of_week + 1) % 7;
    }
    let week_0_length = (7 - first_weekday) % 7;
    if week == 0 {
        Some(1 + day_of_week - first_weekday)
    } else {
        Some(1 + week_0_length + 7 * (week - 1) + day_of_week)
    }
}

/// Python's `%z` conversion: colons must be used consistently, and the offset must stay
/// under 24 hours.
fn read_offset(captured: &str) -> Option<i32> {
    if captured == "Z" {
        return Some(0);
    }
    let mut compact = captured.to_owned();
    if compact.as_bytes().get(3) == Some(&b':') {
        compact.remove(3);
        if compact.len() > 5 {
            if compact.as_bytes().get(5) != Some(&b':') {
                return None;
            }
            compact.remove(5);
        }
    } else if compact.as_bytes().get(5) == Some(&b':') {
        return None;
    }
    let part = |range: std::ops::Range<usize>| {
        compact
            .get(range)
            .map_or(Some(0), |digits| digits.parse::<i32>().ok())
    };
    let hours = part(1..3)?;
    let minutes = part(3..5)?;
    let seconds = if compact.len() >= 7 { part(5..7)? } else { 0 };
    let total = hours * 3600 + minutes * 60 + seconds;
    if total >= 86_400 {
        return None;
    }
    Some(if compact.starts_with('-') {
        -total
    } else {
        total
    })
}

pub(super) fn write_directive(out: &mut String, directive: Directive, datetime: DateTime) {
    use Directive as D;
    use std::fmt::Write;
    let month_name = MONTHS
        .get(usize::try_from(datetime.month() - 1).unwrap_or(0))
        .copied()
        .unwrap_or_default();
    let weekday = WEEKDAYS
        .get(usize::from(
            datetime.weekday().to_monday_zero_offset().unsigned_abs(),
        ))
        .copied()
        .unwrap_or_default();
    let hour12 = match datetime.hour() % 12 {
        0 => 12,
        other => other,
    };
    let _ = match directive {
        D::Year => write!(out, "{:04}", datetime.year()),
        D::ShortYear => write!(out, "{:02}", datetime.year() % 100),
        D::Month => write!(out, "{:02}", datetime.month()),
        D::MonthName { full } => write!(out, "{}", capitalised(month_name, full)),
        D::Day => write!(out, "{:02}", datetime.day()),
        D::Hour => write!(out, "{:02}", datetime.hour()),
        D::Hour12 => write!(out, "{hour12:02}"),
        D::Minute => write!(out, "{:02}", datetime.minute()),
        D::Second => write!(out, "{:02}", datetime.second()),
        D::Fraction => write!(out, "{:06}", datetime.subsec_nanosecond() / 1000),
        D::AmPm => write!(out, "{}", if datetime.hour() < 12 { "AM" } else { "PM" }),
        D::DayOfYear => write!(out, "{:03}", datetime.day_of_year()),
        D::WeekdayName { full } => write!(out, "{}", capitalised(weekday, full)),
        D::WeekdaySunday0 => write!(out, "{}", datetime.weekday().to_sunday_zero_offset()),
        D::WeekdayMonday1 => write!(out, "{}", datetime.weekday().to_monday_one_offset()),
        D::WeekOfYearSunday | D::WeekOfYearMonday | D::Offset | D::ZoneName => Ok(()),
    };
}

fn capitalised(name: &str, full: bool) -> String {
    let word = if full {
        name
    } else {
        name.get(..3).unwrap_or(name)
    };
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
