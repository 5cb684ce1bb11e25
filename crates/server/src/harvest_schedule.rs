//! Harvest schedules: 5-field cron expressions (minute, hour, day of month, month, day of
//! week), evaluated in UTC.
//!
//! Each field is `*`, a number, a range `a-b`, a step `*/n` or `a-b/n`, or a list of
//! those separated by commas. Days of week run from 0 (Sunday) to 6, and 7 is Sunday
//! too. As in cron, when both day fields are restricted, a day matching either one is a
//! match. Names (`mon`, `jan`) and the `@daily` shorthands are not accepted.

use jiff::civil::DateTime;
use jiff::{Timestamp, ToSpan, tz::Offset};

/// A parsed schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    minutes: Vec<bool>,
    hours: Vec<bool>,
    days: Vec<bool>,
    months: Vec<bool>,
    weekdays: Vec<bool>,
    days_restricted: bool,
    weekdays_restricted: bool,
}

/// A schedule that could not be parsed: the field (1 to 5, 0 for the field count) and
/// its text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid cron field {position}: {text:?}")]
pub struct ScheduleError {
    pub position: usize,
    pub text: String,
}

fn parse_field(
    text: &str,
    position: usize,
    min: u32,
    max: u32,
) -> Result<Vec<bool>, ScheduleError> {
    let error = || ScheduleError {
        position,
        text: text.to_string(),
    };
    let mut allowed = vec![false; max as usize + 1];
    for part in text.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((range, step)) => (range, step.parse::<u32>().map_err(|_| error())?),
            None => (part, 1),
        };
        if step == 0 {
            return Err(error());
        }
        let (start, end) = if range == "*" {
            (min, max)
        } else if let Some((start, end)) = range.split_once('-') {
            (
                start.parse().map_err(|_| error())?,
                end.parse().map_err(|_| error())?,
            )
        } else {
            let value: u32 = range.parse().map_err(|_| error())?;
            // `5/15` means from 5 to the end, every 15.
            if part.contains('/') {
                (value, max)
            } else {
                (value, value)
            }
        };
        if start < min || end > max || start > end {
            return Err(error());
        }
        for value in (start..=end).step_by(step as usize) {
            allowed[value as usize] = true;
        }
    }
    Ok(allowed)
}

impl std::str::FromStr for Schedule {
    type Err = ScheduleError;

    fn from_str(text: &str) -> Result<Schedule, ScheduleError> {
        let fields: Vec<&str> = text.split_whitespace().collect();
        if fields.len() != 5 {
            return Err(ScheduleError {
                position: 0,
                text: text.to_string(),
            });
        }
        let mut weekdays = parse_field(fields[4], 5, 0, 7)?;
        if weekdays[7] {
            weekdays[0] = true;
        }
        weekdays.truncate(7);
        Ok(Schedule {
            minutes: parse_field(fields[0], 1, 0, 59)?,
            hours: parse_field(fields[1], 2, 0, 23)?,
            days: parse_field(fields[2], 3, 1, 31)?,
            months: parse_field(fields[3], 4, 1, 12)?,
            weekdays,
            days_restricted: fields[2] != "*",
            weekdays_restricted: fields[4] != "*",
        })
    }
}

impl Schedule {
    fn day_matches(&self, time: DateTime) -> bool {
        let day = self.days[time.day() as usize];
        let weekday = self.weekdays[time.weekday().to_sunday_zero_offset() as usize];
        match (self.days_restricted, self.weekdays_restricted) {
            (true, true) => day || weekday,
            (true, false) => day,
            (false, true) => weekday,
            (false, false) => true,
        }
    }

    /// Returns the first matching minute strictly after `after`, looking at most about
    /// five years ahead (a schedule such as `0 0 30 2 *` never matches).
    pub fn next_after(&self, after: Timestamp) -> Option<Timestamp> {
        let start = Offset::UTC.to_datetime(after);
        let mut time = start
            .checked_add(1.minute())
            .ok()?
            .with()
            .second(0)
            .subsec_nanosecond(0)
            .build()
            .ok()?;
        let limit = start.checked_add(5.years()).ok()?;
        while time <= limit {
            if !self.months[time.month() as usize] || !self.day_matches(time) {
                let next_day = time.date().tomorrow().ok()?;
                time = next_day.to_datetime(jiff::civil::Time::midnight());
                continue;
            }
            if !self.hours[time.hour() as usize] {
                time = time
                    .with()
                    .minute(0)
                    .build()
                    .ok()?
                    .checked_add(1.hour())
                    .ok()?;
                continue;
            }
            if self.minutes[time.minute() as usize] {
                return Offset::UTC.to_timestamp(time).ok();
            }
            time = time.checked_add(1.minute()).ok()?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("timestamp")
    }

    fn next(schedule: &str, after: &str) -> Option<Timestamp> {
        schedule
            .parse::<Schedule>()
            .expect("schedule")
            .next_after(at(after))
    }

    #[test]
    fn daily_at_three() {
        assert_eq!(
            next("0 3 * * *", "2026-12-04T23:10:00Z"),
            Some(at("2026-12-05T03:00:00Z"))
        );
        assert_eq!(
            next("0 3 * * *", "2026-12-05T03:00:00Z"),
            Some(at("2026-12-06T03:00:00Z"))
        );
    }

    #[test]
    fn steps_lists_and_ranges() {
        assert_eq!(
            next("*/15 * * * *", "2026-12-04T23:10:30Z"),
            Some(at("2026-12-04T23:15:00Z"))
        );
        assert_eq!(
            next("30 8-18/2 * * 1,3", "2026-12-04T19:00:00Z"),
            Some(at("2026-12-07T08:30:00Z"))
        );
    }

    #[test]
    fn sunday_as_seven() {
        // 2026-12-06 is a Sunday.
        assert_eq!(
            next("0 0 * * 7", "2026-12-04T00:00:00Z"),
            Some(at("2026-12-06T00:00:00Z"))
        );
    }

    #[test]
    fn either_day_field_matches() {
        // The 1st of the month or any Monday: Monday 2026-12-07 comes first.
        assert_eq!(
            next("0 12 1 * 1", "2026-12-04T00:00:00Z"),
            Some(at("2026-12-07T12:00:00Z"))
        );
    }

    #[test]
    fn impossible_date_never_runs() {
        assert_eq!(next("0 0 30 2 *", "2026-12-04T00:00:00Z"), None);
    }

    #[test]
    fn invalid_expressions_rejected() {
        for text in [
            "",
            "* * * *",
            "60 * * * *",
            "* 24 * * *",
            "*/0 * * * *",
            "a * * * *",
            "5-1 * * * *",
        ] {
            assert!(text.parse::<Schedule>().is_err(), "{text:?} accepted");
        }
        let error = "0 25 * * *".parse::<Schedule>().expect_err("invalid hour");
        assert_eq!(error.position, 2);
    }
}
