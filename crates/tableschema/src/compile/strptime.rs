//! Python's `datetime.strptime` (CPython 3.12 `_strptime`, C locale), which frictionless
//! 5.21 uses for date, time and datetime formats such as `%d/%m/%Y`.
//!
//! Python turns the format into a regular expression, matches it case-insensitively from
//! the start of the text with backtracking, and then rejects any unconverted text left at
//! the end. The matcher below follows the same alternation order for each directive, so
//! it accepts `2020-1-5` for `%Y-%m-%d` and ` 5/01/2020` for `%d/%m/%Y` as Python does.
//! Whitespace in the format matches one or more whitespace characters.
//!
//! Left out: `%G`, `%V` and locale-specific names; `%Z` knows only `UTC` and `GMT`.

use jiff::civil::{Date, DateTime, Time};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Formats longer than this many tokens are rejected when compiling.
const MAX_TOKENS: usize = 48;

/// One directive of a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Directive {
    Year,
    ShortYear,
    Month,
    MonthName { full: bool },
    Day,
    Hour,
    Hour12,
    Minute,
    Second,
    Fraction,
    AmPm,
    DayOfYear,
    WeekdayName { full: bool },
    WeekdaySunday0,
    WeekdayMonday1,
    WeekOfYearSunday,
    WeekOfYearMonday,
    Offset,
    ZoneName,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Literal(char),
    Space,
    Directive(Directive),
}

/// A compiled strptime format.
#[derive(Debug, Clone)]
pub(crate) struct Format {
    tokens: Vec<Token>,
}

/// The components read from a text, before Python's final date arithmetic.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Parsed {
    pub datetime: DateTime,
    /// Seconds east of UTC when `%z` matched.
    pub offset: Option<i32>,
}

impl Format {
    /// Compiles a format; the error names the problem as Python would raise it.
    pub fn new(format: &str) -> Result<Format, String> {
        let mut tokens = Vec::new();
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                let Some(code) = chars.next() else {
                    return Err("stray % at the end of the format".into());
                };
                push_directive(&mut tokens, code)?;
            } else if c.is_whitespace() {
                while chars.peek().is_some_and(|next| next.is_whitespace()) {
                    chars.next();
                }
                tokens.push(Token::Space);
            } else {
                tokens.push(Token::Literal(c));
            }
        }
        let mut seen = Vec::new();
        for token in &tokens {
            if let Token::Directive(directive) = token {
                if seen.contains(directive) {
                    return Err("a directive appears twice".into());
                }
                seen.push(*directive);
            }
        }
        if tokens.len() > MAX_TOKENS {
            return Err(format!("more than {MAX_TOKENS} elements"));
        }
        Ok(Format { tokens })
    }

    /// Returns true when the format has at least one directive.
    pub fn has_directive(&self) -> bool {
        self.tokens
            .iter()
            .any(|token| matches!(token, Token::Directive(_)))
    }

    /// Parses a whole text, or returns None as Python raises `ValueError`.
    pub fn parse(&self, text: &str) -> Option<Parsed> {
        let mut captures = [""; MAX_TOKENS];
        let end = self.match_tokens(0, text, 0, &mut captures)?;
        if end != text.len() {
            return None;
        }
        self.build(&captures)
    }

    /// Finds the first way the tokens match from `position`, as a backtracking regex would,
    /// and returns where the match ends.
    fn match_tokens<'t>(
        &self,
        index: usize,
        text: &'t str,
        position: usize,
        captures: &mut [&'t str; MAX_TOKENS],
    ) -> Option<usize> {
        let Some(token) = self.tokens.get(index) else {
            return Some(position);
        };
        let rest = text.get(position..)?;
        let mut lengths = [0usize; 16];
        let count = match token {
            Token::Literal(expected) => {
                let first = rest.chars().next()?;
                if !same_ignoring_case(first, *expected) {
                    return None;
                }
                lengths[0] = first.len_utf8();
                1
            }
            Token::Space => {
                let run: usize = rest
                    .chars()
                    .take_while(|c| c.is_whitespace())
                    .map(char::len_utf8)
                    .sum();
                // Greedy `\s+`: try the longest run first, giving back one character at a time.
                let mut length = run;
                while length > 0 {
                    if rest.is_char_boundary(length)
                        && let Some(end) = self.try_capture(index, text, position, length, captures)
                    {
                        return Some(end);
                    }
                    length -= 1;
                }
                return None;
            }
            Token::Directive(directive) => candidates(*directive, rest, &mut lengths),
        };
        for &length in lengths.iter().take(count) {
            if let Some(end) = self.try_capture(index, text, position, length, captures) {
                return Some(end);
            }
        }
        None
    }

    fn try_capture<'t>(
        &self,
        index: usize,
        text: &'t str,
        position: usize,
        length: usize,
        captures: &mut [&'t str; MAX_TOKENS],
    ) -> Option<usize> {
        let captured = text.get(position..position + length)?;
        *captures.get_mut(index)? = captured;
        self.match_tokens(index + 1, text, position + length, captures)
    }

    /// Turns the captures into a date and time with Python's rules and defaults.
    fn build(&self, captures: &[&str; MAX_TOKENS]) -> Option<Parsed> {
        let mut fields = Fields::default();
        for (token, captured) in self.tokens.iter().zip(captures.iter()) {
            if let Token::Directive(directive) = token {
                fields.read(*directive, captured)?;
            }
        }
        fields.finish()
    }

    /// Writes a date and time with this format, for hints (`05/01/2020` for `%d/%m/%Y`).
    pub fn format(&self, datetime: DateTime) -> String {
        let mut out = String::new();
        for token in &self.tokens {
            match token {
                Token::Literal(c) => out.push(*c),
                Token::Space => out.push(' '),
                Token::Directive(directive) => write_directive(&mut out, *directive, datetime),
            }
        }
        out
    }
}

fn push_directive(tokens: &mut Vec<Token>, code: char) -> Result<(), String> {
    use Directive as D;
    let expansion = match code {
        'c' => Some("%a %b %d %H:%M:%S %Y"),
        'x' => Some("%m/%d/%y"),
        'X' => Some("%H:%M:%S"),
        _ => None,
    };
    if let Some(expansion) = expansion {
        tokens.extend(Format::new(expansion)?.tokens);
        return Ok(());
    }
    let directive = match code {
        '%' => {
            tokens.push(Token::Literal('%'));
            return Ok(());
        }
        'Y' => D::Year,
        'y' => D::ShortYear,
        'm' => D::Month,
        'b' | 'h' => D::MonthName { full: false },
        'B' => D::MonthName { full: true },
        'd' => D::Day,
        'H' => D::Hour,
        'I' => D::Hour12,
        'M' => D::Minute,
        'S' => D::Second,
        'f' => D::Fraction,
        'p' => D::AmPm,
        'j' => D::DayOfYear,
        'a' => D::WeekdayName { full: false },
        'A' => D::WeekdayName { full: true },
        'w' => D::WeekdaySunday0,
        'u' => D::WeekdayMonday1,
        'U' => D::WeekOfYearSunday,
        'W' => D::WeekOfYearMonday,
        'z' => D::Offset,
        'Z' => D::ZoneName,
        other => return Err(format!("'{other}' is a bad directive")),
    };
    tokens.push(Token::Directive(directive));
    Ok(())
}

fn same_ignoring_case(left: char, right: char) -> bool {
    left == right || (left.to_lowercase().eq(right.to_lowercase()))
}

/// Digit-class alternatives of Python's directive regexes, in their order. Each
/// alternative is a sequence of inclusive byte ranges.
type Alternative = &'static [(u8, u8)];

const DIGIT: (u8, u8) = (b'0', b'9');
const DAY: &[Alternative] = &[
    &[(b'3', b'3'), (b'0', b'1')],
    &[(b'1', b'2'), DIGIT],
    &[(b'0', b'0'), (b'1', b'9')],
    &[(b'1', b'9')],
    &[(b' ', b' '), (b'1', b'9')],
];
const MONTH: &[Alternative] = &[
    &[(b'1', b'1'), (b'0', b'2')],
    &[(b'0', b'0'), (b'1', b'9')],
    &[(b'1', b'9')],
];
const HOUR: &[Alternative] = &[
    &[(b'2', b'2'), (b'0', b'3')],
    &[(b'0', b'1'), DIGIT],
    &[DIGIT],
];
const MINUTE: &[Alternative] = &[&[(b'0', b'5'), DIGIT], &[DIGIT]];
const SECOND: &[Alternative] = &[
    &[(b'6', b'6'), (b'0', b'1')],
    &[(b'0', b'5'), DIGIT],
    &[DIGIT],
];
const YEAR: &[Alternative] = &[&[DIGIT, DIGIT, DIGIT, DIGIT]];
const SHORT_YEAR: &[Alternative] = &[&[DIGIT, DIGIT]];
const DAY_OF_YEAR: &[Alternative] = &[
    &[(b'3', b'3'), (b'6', b'6'), (b'0', b'6')],
    &[(b'3', b'3'), (b'0', b'5'), DIGIT],
    &[(b'1', b'2'), DIGIT, DIGIT],
    &[(b'0', b'0'), (b'1', b'9'), DIGIT],
    &[(b'0', b'0'), (b'0', b'0'), (b'1', b'9')],
    &[(b'1', b'9'), DIGIT],
    &[(b'0', b'0'), (b'1', b'9')],
    &[(b'1', b'9')],
];
const WEEK: &[Alternative] = &[
    &[(b'5', b'5'), (b'0', b'3')],
    &[(b'0', b'4'), DIGIT],
    &[DIGIT],
];
const FRACTION: &[Alternative] = &[
    &[DIGIT; 6],
    &[DIGIT; 5],
    &[DIGIT; 4],
    &[DIGIT; 3],
    &[DIGIT; 2],
    &[DIGIT],
];

fn alternative_matches(alternative: Alternative, rest: &[u8]) -> bool {
    rest.len() >= alternative.len()
        && alternative
            .iter()
            .zip(rest)
            .all(|(&(low, high), &byte)| (low..=high).contains(&byte))
}

/// Fills `lengths` with the lengths a directive can match at the start of `rest`, in the
/// order Python's regex tries them, and returns how many there are.
fn candidates(directive: Directive, rest: &str, lengths: &mut [usize; 16]) -> usize {
    use Directive as D;
    let table: &[Alternative] = match directive {
        D::Year => YEAR,
        D::ShortYear => SHORT_YEAR,
        D::Month | D::Hour12 => MONTH,
        D::Day => DAY,
        D::Hour => HOUR,
        D::Minute => MINUTE,
        D::Second => SECOND,
        D::Fraction => FRACTION,
        D::DayOfYear => DAY_OF_YEAR,
        D::WeekOfYearSunday | D::WeekOfYearMonday => WEEK,
        D::WeekdaySunday0 => &[&[(b'0', b'6')]],
        D::WeekdayMonday1 => &[&[(b'1', b'7')]],
        D::MonthName { full } => return name_candidates(&MONTHS, full, true, rest, lengths),
        D::WeekdayName { full } => return name_candidates(&WEEKDAYS, full, false, rest, lengths),
        D::AmPm => return word_candidates(&["am", "pm"], rest, lengths),
        D::ZoneName => return word_candidates(&["utc", "gmt"], rest, lengths),
        D::Offset => return offset_candidates(rest.as_bytes(), lengths),
    };
    let mut count = 0;
    for alternative in table {
        if alternative_matches(alternative, rest.as_bytes()) && count < lengths.len() {
            lengths[count] = alternative.len();
            count += 1;
        }
    }
    count
}

fn starts_with_ignoring_ascii_case(rest: &str, word: &str) -> bool {
    rest.get(..word.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(word))
}

/// Names are tried longest first, as Python sorts them. Month lists also hold an empty
/// name (Python's `calendar.month_abbr[0]`), which matches and then fails as month 0.
fn name_candidates(
    names: &[&str],
    full: bool,
    with_empty: bool,
    rest: &str,
    lengths: &mut [usize; 16],
) -> usize {
    let mut matching: Vec<usize> = names
        .iter()
        .map(|name| if full { name.len() } else { 3 })
        .zip(names)
        .filter(|(length, name)| {
            name.get(..*length)
                .is_some_and(|word| starts_with_ignoring_ascii_case(rest, word))
        })
        .map(|(length, _)| length)
        .collect();
    matching.sort_unstable_by(|left, right| right.cmp(left));
    matching.dedup();
    if with_empty {
        matching.push(0);
    }
    let count = matching.len().min(lengths.len());
    lengths[..count].copy_from_slice(&matching[..count]);
    count
}

fn word_candidates(words: &[&str], rest: &str, lengths: &mut [usize; 16]) -> usize {
    let mut count = 0;
    for word in words {
        if starts_with_ignoring_ascii_case(rest, word) && count < lengths.len() {
            lengths[count] = word.len();
            count += 1;
        }
    }
    count
}

/// `%z`: `[+-]HH:?MM(:?SS(\.ffffff)?)?` with greedy optional parts, or a literal `Z`.
fn offset_candidates(rest: &[u8], lengths: &mut [usize; 16]) -> usize {
    let digit = |index: usize| rest.get(index).is_some_and(u8::is_ascii_digit);
    let low_digit = |index: usize| {
        rest.get(index)
            .is_some_and(|byte| (b'0'..=b'5').contains(byte))
    };
    let mut count = 0;
    if matches!(rest.first(), Some(b'+' | b'-')) && digit(1) && digit(2) {
        let minutes = if rest.get(3) == Some(&b':') { 4 } else { 3 };
        if low_digit(minutes) && digit(minutes + 1) {
            let after_minutes = minutes + 2;
            let seconds = if rest.get(after_minutes) == Some(&b':') {
                after_minutes + 1
            } else {
                after_minutes
            };
            if low_digit(seconds) && digit(seconds + 1) {
                let after_seconds = seconds + 2;
                if rest.get(after_seconds) == Some(&b'.') {
                    let fraction = (1..=6)
                        .take_while(|offset| digit(after_seconds + offset))
                        .count();
                    for digits in (1..=fraction).rev() {
                        lengths[count] = after_seconds + 1 + digits;
                        count += 1;
                    }
                }
                lengths[count] = after_seconds;
                count += 1;
            }
            lengths[count] = after_minutes;
            count += 1;
        }
    }
    if rest.first() == Some(&b'Z') {
        lengths[count] = 1;
        count += 1;
    }
    count
}

/// Values read from the captures, with Python's defaults applied at the end.
#[derive(Default)]
struct Fields {
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
    fn read(&mut self, directive: Directive, captured: &str) -> Option<()> {
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

    fn finish(self) -> Option<Parsed> {
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

fn write_directive(out: &mut String, directive: Directive, datetime: DateTime) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parses(format: &str, text: &str) -> bool {
        Format::new(format)
            .ok()
            .and_then(|compiled| compiled.parse(text))
            .is_some()
    }

    #[test]
    fn python_corners() {
        assert!(parses("%Y-%m-%d", "2020-1-5"));
        assert!(parses("%d/%m/%Y", " 5/01/2020"));
        assert!(parses("%d/%m/%Y", "5/1/2020"));
        assert!(!parses("%d/%m/%Y", "05/01/20"));
        assert!(!parses("%d/%m/%Y", "31/02/2020"));
        assert!(!parses("%Y-%m-%d", "2020-01-05T00:00:00"));
        assert!(!parses("%Y-%m-%d", " 2020-01-05"));
        assert!(parses("%Y", "2020"));
        assert!(parses("%d %b %Y", "5 JAN 2020"));
        assert!(parses("%d %B %Y", "5   january 2020"));
        assert!(parses("%Y-%m-%dT%H:%M:%S%z", "2020-01-05T10:00:00+01:00"));
        assert!(!parses(
            "%Y-%m-%dT%H:%M:%S%z",
            "2020-01-05T10:00:00+01:0000"
        ));
        assert!(parses("%I:%M %p", "12:30 am"));
        assert!(!parses("%S", "60"));
    }

    #[test]
    fn bad_directive_rejected() {
        assert!(Format::new("%Q").is_err());
        assert!(Format::new("%Y %Y").is_err());
        assert!(Format::new("%").is_err());
    }

    #[test]
    fn short_year_pivot() {
        let format = Format::new("%y").unwrap();
        assert_eq!(format.parse("68").unwrap().datetime.year(), 2068);
        assert_eq!(format.parse("69").unwrap().datetime.year(), 1969);
    }

    #[test]
    fn format_round_trip() {
        let format = Format::new("%d/%m/%Y").unwrap();
        let parsed = format.parse("5/1/2020").unwrap();
        assert_eq!(format.format(parsed.datetime), "05/01/2020");
    }
}
