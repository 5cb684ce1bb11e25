//! Python's `datetime.strptime` (its `_strptime` module, C locale), which frictionless
//! 5.21 uses for date, time and datetime formats such as `%d/%m/%Y`.
//!
//! Python turns the format into a regular expression, matches it case-insensitively from
//! the start of the text with backtracking, and then rejects any unconverted text left at
//! the end. The matcher below follows the same alternation order for each directive, so
//! it accepts `2020-1-5` for `%Y-%m-%d` and ` 5/01/2020` for `%d/%m/%Y` as Python does.
//! Whitespace in the format matches one or more whitespace characters.
//!
//! Left out: `%G`, `%V` and locale-specific names; `%Z` accepts only `UTC` and `GMT`.

mod fields;

use jiff::civil::DateTime;

use self::fields::{Fields, write_directive};

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

    /// Returns true for exactly `%Y-%m-%d`, which readers may shortcut for `YYYY-MM-DD`.
    pub fn is_iso_date(&self) -> bool {
        use Directive as D;
        self.tokens
            == [
                Token::Directive(D::Year),
                Token::Literal('-'),
                Token::Directive(D::Month),
                Token::Literal('-'),
                Token::Directive(D::Day),
            ]
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
        D::MonthName { full } => return name_candidates(&MONTHS, full, rest, lengths),
        D::WeekdayName { full } => return name_candidates(&WEEKDAYS, full, rest, lengths),
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

/// Fills `lengths` with the lengths of the names matching at the start of `rest`, longest
/// first as Python sorts them.
fn name_candidates(names: &[&str], full: bool, rest: &str, lengths: &mut [usize; 16]) -> usize {
    let mut count = 0;
    for name in names {
        let length = if full { name.len() } else { 3 };
        let matches = name
            .get(..length)
            .is_some_and(|word| starts_with_ignoring_ascii_case(rest, word));
        if matches && count < lengths.len() && !lengths[..count].contains(&length) {
            lengths[count] = length;
            count += 1;
        }
    }
    lengths[..count].sort_unstable_by(|left, right| right.cmp(left));
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
