//! `opening-hours-value`: a parser of the OpenStreetMap `opening_hours` syntax, used as a
//! validator that also reports where an invalid value goes wrong.
//!
//! Supported: rules separated by `; `, `, ` (additional rule) or `|| ` (fallback rule);
//! `24/7`; years and year ranges (`2024`, `2020-2024/2`, `2024+`); months, month ranges
//! and dates (`Jan-Mar`, `Dec 25`, `Jan 01-Feb 15`, `easter`, with day offsets); weeks
//! (`week 01-53/2`); weekdays with ranges, nth weekdays (`Mo[1,-1]`) and public or school
//! holidays (`PH`, `SH`, with day offsets); times and time ranges up to 48:00, open ends
//! (`22:00+`), periods (`/30`), sun events (`sunrise`, `(sunset-01:00)`); the modifiers
//! `open`, `closed`, `off`, `unknown`; comments in double quotes.
//!
//! Spacing follows the specification strictly, as opening-hours-py 0.6 (Validata's
//! validator) does: one space between selectors, and a rule separator is followed by a
//! space. That is why `Mo-Fr 08:00-12:00,Mo-Fr 14:00-18:00` is invalid: without a space
//! the comma continues the list of times, and `Mo-Fr` is not a time. Written
//! `Mo-Fr 08:00-12:00, Mo-Fr 14:00-18:00`, the comma separates two rules and the value is
//! valid.
//!
//! Left out: the meaning of the value (no evaluation of whether a place is open), calendar
//! checks (`Feb 30` passes, as in Validata), and the lenient spellings some editors accept
//! (lower-case `mo`, `8:00`, French day names, `h` as time separator).

/// The place where an expression stops following the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpeningHoursError {
    /// 1-based position, in characters, of the first character the grammar cannot accept.
    pub position: usize,
}

/// Checks an `opening_hours` expression.
///
/// The empty string is accepted, as Validata does; trailing spaces are ignored.
pub fn check_opening_hours(text: &str) -> Result<(), OpeningHoursError> {
    let trimmed = text.trim_end_matches(' ');
    if trimmed.is_empty() {
        return Ok(());
    }
    let mut parser = Parser {
        input: trimmed.as_bytes(),
        pos: 0,
        furthest: 0,
    };
    if parser.time_domain() && parser.pos == parser.input.len() {
        return Ok(());
    }
    let byte_offset = parser.furthest.max(parser.pos).min(trimmed.len());
    let position = trimmed
        .get(..byte_offset)
        .map_or(byte_offset, |head| head.chars().count())
        + 1;
    Err(OpeningHoursError { position })
}

const WEEKDAYS: [&[u8]; 7] = [b"Mo", b"Tu", b"We", b"Th", b"Fr", b"Sa", b"Su"];
const MONTHS: [&[u8]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];
const EVENTS: [&[u8]; 4] = [b"sunrise", b"sunset", b"dawn", b"dusk"];
const MODIFIERS: [&[u8]; 4] = [b"open", b"closed", b"off", b"unknown"];

/// Recursive-descent parser over bytes. Each method either consumes what it recognises and
/// returns `true`, or leaves `pos` where it was and returns `false`. `furthest` keeps the
/// deepest position reached, to point the user at the error.
struct Parser<'a> {
    input: &'a [u8],
    pos: usize,
    furthest: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &[u8] {
        self.input.get(self.pos..).unwrap_or_default()
    }

    fn note_progress(&mut self) {
        self.furthest = self.furthest.max(self.pos);
    }

    fn literal(&mut self, expected: &[u8]) -> bool {
        if self.rest().starts_with(expected) {
            self.pos += expected.len();
            self.note_progress();
            true
        } else {
            false
        }
    }

    fn byte(&mut self, expected: u8) -> bool {
        self.literal(&[expected])
    }

    fn one_of(&mut self, words: &[&[u8]]) -> bool {
        words.iter().any(|word| self.literal(word))
    }

    /// Runs `step` as an optional part: always succeeds, consuming input only on a match.
    fn optional(&mut self, step: impl FnOnce(&mut Self) -> bool) -> bool {
        self.attempt(step);
        true
    }

    /// Runs `step` and restores the position when it fails.
    fn attempt(&mut self, step: impl FnOnce(&mut Self) -> bool) -> bool {
        let start = self.pos;
        let matched = step(self);
        if !matched {
            self.pos = start;
        }
        matched
    }

    /// Reads between `min_len` and `max_len` ASCII digits and returns their value.
    fn number(&mut self, min_len: usize, max_len: usize) -> Option<u32> {
        let len = self
            .rest()
            .iter()
            .take(max_len)
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        if len < min_len {
            return None;
        }
        let digits = self.rest().get(..len)?;
        let value = digits
            .iter()
            .fold(0u32, |acc, digit| acc * 10 + u32::from(digit - b'0'));
        self.pos += len;
        self.note_progress();
        Some(value)
    }

    fn number_in(&mut self, len: usize, range: std::ops::RangeInclusive<u32>) -> bool {
        self.attempt(|p| {
            p.number(len, len)
                .is_some_and(|value| range.contains(&value))
        })
    }

    /// `<rule_sequence> { <separator> <rule_sequence> }`
    fn time_domain(&mut self) -> bool {
        if !self.rule_sequence() {
            return false;
        }
        while self.attempt(|p| p.rule_separator() && p.rule_sequence()) {}
        true
    }

    /// `; `, `, ` or `|| `, optionally preceded by one space and followed by any number of
    /// spaces.
    fn rule_separator(&mut self) -> bool {
        self.byte(b' ');
        if !(self.byte(b';') || self.byte(b',') || self.literal(b"||")) {
            return false;
        }
        if !self.byte(b' ') {
            return false;
        }
        while self.byte(b' ') {}
        true
    }

    fn rule_sequence(&mut self) -> bool {
        if self.literal(b"24/7") {
            self.attempt(|p| p.byte(b' ') && p.rule_modifier());
            return true;
        }
        let has_selectors = self.selector_sequence();
        if has_selectors {
            self.attempt(|p| p.byte(b' ') && p.rule_modifier());
            return true;
        }
        self.rule_modifier()
    }

    /// Wide range selectors (years, dates, weeks, optionally closed by `:`), then small
    /// range selectors (weekdays, times). Returns whether any selector was read.
    fn selector_sequence(&mut self) -> bool {
        let mut found = self.attempt(|p| p.comment() && p.byte(b':'));
        let mut wide = found;
        if !found {
            for selector in [
                Self::year_selector,
                Self::monthday_selector,
                Self::week_selector,
            ] {
                if self.attempt(|p| (!found || p.byte(b' ')) && selector(p)) {
                    found = true;
                    wide = true;
                }
            }
            if wide {
                self.byte(b':');
            }
        }
        for selector in [Self::weekday_selector, Self::time_selector] {
            if self.attempt(|p| (!found || p.byte(b' ')) && selector(p)) {
                found = true;
            }
        }
        found
    }

    fn rule_modifier(&mut self) -> bool {
        if self.one_of(&MODIFIERS) {
            self.attempt(|p| p.byte(b' ') && p.comment());
            return true;
        }
        self.comment()
    }

    /// Reads a non-empty text between double quotes.
    fn comment(&mut self) -> bool {
        self.attempt(|p| {
            if !p.byte(b'"') {
                return false;
            }
            let len = p.rest().iter().take_while(|byte| **byte != b'"').count();
            p.pos += len;
            p.note_progress();
            len > 0 && p.byte(b'"')
        })
    }

    /// Reads `item { ',' item }`.
    fn list(&mut self, item: fn(&mut Self) -> bool) -> bool {
        if !item(self) {
            return false;
        }
        while self.attempt(|p| p.byte(b',') && item(p)) {}
        true
    }

    fn year_selector(&mut self) -> bool {
        self.list(Self::year_range)
    }

    /// `2024`, `2024+`, `2020-2024`, `2020-2030/2`.
    fn year_range(&mut self) -> bool {
        if !self.year() {
            return false;
        }
        if self.byte(b'+') {
            return true;
        }
        self.attempt(|p| p.byte(b'-') && p.year() && p.optional(|p| p.byte(b'/') && p.positive()));
        true
    }

    fn year(&mut self) -> bool {
        self.number_in(4, 1900..=9999)
    }

    fn positive(&mut self) -> bool {
        self.attempt(|p| p.number(1, 4).is_some_and(|value| value > 0))
    }

    fn monthday_selector(&mut self) -> bool {
        self.list(Self::monthday_range)
    }

    fn monthday_range(&mut self) -> bool {
        self.attempt(Self::date_range) || self.attempt(Self::month_range)
    }

    /// `[year ' '] month ['-' month]`.
    fn month_range(&mut self) -> bool {
        self.attempt(|p| p.year() && p.byte(b' '));
        if !self.one_of(&MONTHS) {
            return false;
        }
        self.attempt(|p| p.byte(b'-') && p.one_of(&MONTHS));
        true
    }

    /// `date [offset] ['-' (date | day) [offset]]` or `date '+'`.
    fn date_range(&mut self) -> bool {
        if !self.date() {
            return false;
        }
        self.date_offset();
        if self.byte(b'+') {
            return true;
        }
        self.attempt(|p| {
            p.byte(b'-') && (p.attempt(Self::date) || p.attempt(Self::day_number)) && {
                p.date_offset();
                true
            }
        });
        true
    }

    /// `[year ' '] month [' '] day` or `[year ' '] easter`.
    fn date(&mut self) -> bool {
        self.attempt(|p| {
            p.attempt(|p| p.year() && p.byte(b' '));
            p.literal(b"easter")
                || (p.one_of(&MONTHS) && p.optional(|p| p.byte(b' ')) && p.day_number())
        })
    }

    fn day_number(&mut self) -> bool {
        self.attempt(|p| p.number(1, 2).is_some_and(|day| (1..=31).contains(&day)))
    }

    /// ` +Mo`, ` -Su` (the weekday after or before the date) then ` +2 days`.
    fn date_offset(&mut self) -> bool {
        let weekday =
            self.attempt(|p| p.byte(b' ') && (p.byte(b'+') || p.byte(b'-')) && p.one_of(&WEEKDAYS));
        let days = self.day_offset();
        weekday || days
    }

    /// ` +1 day`, ` -2 days`.
    fn day_offset(&mut self) -> bool {
        self.attempt(|p| {
            p.byte(b' ')
                && (p.byte(b'+') || p.byte(b'-'))
                && p.positive()
                && p.literal(b" day")
                && p.optional(|p| p.byte(b's'))
        })
    }

    /// `week 01-53/2,10`; the space after `week` may be left out.
    fn week_selector(&mut self) -> bool {
        self.attempt(|p| {
            p.literal(b"week") && p.optional(|p| p.byte(b' ')) && p.list(Self::week_range)
        })
    }

    fn week_range(&mut self) -> bool {
        if !self.week_number() {
            return false;
        }
        self.attempt(|p| {
            p.byte(b'-') && p.week_number() && p.optional(|p| p.byte(b'/') && p.positive())
        });
        true
    }

    fn week_number(&mut self) -> bool {
        self.attempt(|p| p.number(1, 2).is_some_and(|week| (1..=53).contains(&week)))
    }

    /// Holidays then weekdays (`PH,Sa` or `PH Sa`), or weekdays then holidays (`Sa,PH`).
    fn weekday_selector(&mut self) -> bool {
        if self.list(Self::holiday) {
            self.attempt(|p| (p.byte(b',') || p.byte(b' ')) && p.list(Self::weekday_range));
            return true;
        }
        if self.list(Self::weekday_range) {
            self.attempt(|p| p.byte(b',') && p.list(Self::holiday));
            return true;
        }
        false
    }

    fn holiday(&mut self) -> bool {
        if !(self.literal(b"PH") || self.literal(b"SH")) {
            return false;
        }
        self.day_offset();
        true
    }

    /// `Mo`, `Mo-Fr`, `Mo[1]`, `Mo[1-2,-1] +2 days`.
    fn weekday_range(&mut self) -> bool {
        if !self.one_of(&WEEKDAYS) {
            return false;
        }
        if self.attempt(|p| p.byte(b'-') && p.one_of(&WEEKDAYS)) {
            return true;
        }
        if self.attempt(|p| p.byte(b'[') && p.list(Self::nth_entry) && p.byte(b']')) {
            self.day_offset();
        }
        true
    }

    /// `1`, `1-3` or `-1` (counted from the end of the month), within 1..5.
    fn nth_entry(&mut self) -> bool {
        if self.byte(b'-') {
            return self.number_in(1, 1..=5);
        }
        if !self.number_in(1, 1..=5) {
            return false;
        }
        self.attempt(|p| p.byte(b'-') && p.number_in(1, 1..=5));
        true
    }

    fn time_selector(&mut self) -> bool {
        self.list(Self::timespan)
    }

    /// `08:00-12:00`, `22:00-02:00+`, `10:00-16:00/30`, `22:00+`.
    // NOTE: a bare time (`Mo 10:00`) is rejected, as opening-hours-py 0.6 does, because a
    // moment is not an opening period.
    fn timespan(&mut self) -> bool {
        self.attempt(|p| {
            if !p.time() {
                return false;
            }
            if p.byte(b'+') {
                return true;
            }
            if !(p.byte(b'-') && p.extended_time()) {
                return false;
            }
            if !p.byte(b'+') {
                p.attempt(|p| {
                    p.byte(b'/') && (p.attempt(Self::hour_minutes) || p.number_in(2, 1..=59))
                });
            }
            true
        })
    }

    fn time(&mut self) -> bool {
        self.attempt(Self::hour_minutes) || self.variable_time()
    }

    fn extended_time(&mut self) -> bool {
        self.attempt(|p| p.number_in(2, 0..=48) && p.byte(b':') && p.number_in(2, 0..=59))
            || self.variable_time()
    }

    fn hour_minutes(&mut self) -> bool {
        self.number_in(2, 0..=24) && self.byte(b':') && self.number_in(2, 0..=59)
    }

    /// `sunrise` or `(sunset-01:00)`.
    fn variable_time(&mut self) -> bool {
        if self.one_of(&EVENTS) {
            return true;
        }
        self.attempt(|p| {
            p.byte(b'(')
                && p.one_of(&EVENTS)
                && (p.byte(b'+') || p.byte(b'-'))
                && p.attempt(Self::hour_minutes)
                && p.byte(b')')
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn irve_example_rejected_without_space() {
        let error = check_opening_hours("Mo-Fr 08:00-12:00,Mo-Fr 14:00-18:00");
        // Position 19 is the `M` after the comma, where a time was expected.
        assert_eq!(error, Err(OpeningHoursError { position: 19 }));
    }

    #[test]
    fn irve_example_accepted_with_space() {
        assert_eq!(
            check_opening_hours("Mo-Fr 08:00-12:00, Mo-Fr 14:00-18:00"),
            Ok(())
        );
    }

    #[test]
    fn error_position_counts_characters() {
        // `é` is two bytes but one character; the error is at the `x` after the comment.
        assert_eq!(
            check_opening_hours("\"fermé\"x"),
            Err(OpeningHoursError { position: 8 })
        );
    }

    #[test]
    fn simple_values() {
        assert_eq!(check_opening_hours("24/7"), Ok(()));
        assert_eq!(check_opening_hours("Mo-Fr"), Ok(()));
        assert!(check_opening_hours("Lu-Ve").is_err());
    }
}
