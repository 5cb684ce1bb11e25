//! Number and integer lexers that accept what frictionless 5.21 accepts: Python's `Decimal`
//! and `int` constructors, after the optional `bareNumber`, `groupChar` and `decimalChar`
//! processing.
//!
//! NOTE: Python also accepts non-ASCII decimal digits (`١٢٣`) and integers beyond 64 bits;
//! these lexers reject both.

/// Options of a `number` field, already checked by compile.
#[derive(Debug, Clone)]
pub(crate) struct NumberOptions {
    pub decimal_char: String,
    pub group_char: String,
    pub bare_number: bool,
    /// True when the descriptor sets any of the three options. frictionless only runs its
    /// processing step then, so `decimalChar: "."` written out rejects nothing more.
    pub processed: bool,
}

/// Reads a `number` cell. Allocates only when the text contains `_`, or when options are set.
pub(crate) fn parse_number(text: &str, options: &NumberOptions) -> Option<f64> {
    if !options.processed {
        return parse_decimal(text);
    }
    let mut cell = text;
    if !options.bare_number {
        cell = strip_non_bare(cell);
    }
    let mut owned;
    if !options.group_char.is_empty() && cell.contains(options.group_char.as_str()) {
        owned = cell.replace(options.group_char.as_str(), "");
        cell = &owned;
    }
    if options.decimal_char != "." {
        if cell.contains('.') {
            return None;
        }
        if cell.contains(options.decimal_char.as_str()) {
            owned = cell.replace(options.decimal_char.as_str(), ".");
            cell = &owned;
        }
    }
    parse_decimal(cell)
}

/// Reads an `integer` cell as Python's `int` does, after the `bareNumber: false` stripping.
pub(crate) fn parse_integer(text: &str, bare_number: bool) -> Option<i64> {
    let cell = if bare_number {
        text
    } else {
        strip_non_bare(text)
    };
    python_int(cell, 10)
}

/// Applies frictionless's `re.sub(r"((^[^-\d]*)|(\D*$))", "", cell)`: drops leading
/// characters other than `-` and digits, then trailing non-digits.
pub(crate) fn strip_non_bare(text: &str) -> &str {
    let start = text.trim_start_matches(|c: char| c != '-' && !c.is_ascii_digit());
    start.trim_end_matches(|c: char| !c.is_ascii_digit())
}

/// Python's `str.strip()` whitespace: Unicode White_Space plus the ASCII separators
/// U+001C..U+001F that Python also counts.
pub(crate) fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Reads text as Python's `Decimal(text)` would, returning the nearest `f64`.
///
/// Surrounding whitespace is trimmed and every `_` dropped, as Python's decimal module
/// does. Accepts `1.5`, `+2`, `.5`, `5.`, `1e3`, `Infinity`, `-inf`, `NaN`, `sNaN12`.
/// NOTE: misplaced underscores (`_1`, `1__0`) are accepted too; whether Python accepts
/// them as well was not checked.
pub(crate) fn parse_decimal(text: &str) -> Option<f64> {
    let trimmed = text.trim_matches(is_python_space);
    if trimmed.contains('_') {
        let joined: String = trimmed.chars().filter(|&c| c != '_').collect();
        return parse_decimal_ascii(&joined);
    }
    parse_decimal_ascii(trimmed)
}

fn parse_decimal_ascii(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, body) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    if let Some(special) = parse_special(body) {
        return Some(if negative { -special } else { special });
    }
    if !is_decimal_syntax(body) {
        return None;
    }
    text.parse::<f64>().ok()
}

/// Reads `Inf`, `Infinity`, `NaN` and `sNaN`, the last two with optional digits after.
fn parse_special(body: &[u8]) -> Option<f64> {
    if body.eq_ignore_ascii_case(b"inf") || body.eq_ignore_ascii_case(b"infinity") {
        return Some(f64::INFINITY);
    }
    let rest = if body.len() >= 4 && body[..4].eq_ignore_ascii_case(b"snan") {
        &body[4..]
    } else if body.len() >= 3 && body[..3].eq_ignore_ascii_case(b"nan") {
        &body[3..]
    } else {
        return None;
    };
    rest.iter().all(u8::is_ascii_digit).then_some(f64::NAN)
}

/// Checks `digits [. digits?] | . digits`, then an optional exponent `e[+-]digits`.
fn is_decimal_syntax(body: &[u8]) -> bool {
    let integer_digits = body.iter().take_while(|byte| byte.is_ascii_digit()).count();
    let mut position = integer_digits;
    let mut fraction_digits = 0;
    if body.get(position) == Some(&b'.') {
        position += 1;
        fraction_digits = body[position..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        position += fraction_digits;
    }
    if integer_digits + fraction_digits == 0 {
        return false;
    }
    if matches!(body.get(position), Some(b'e' | b'E')) {
        position += 1;
        if matches!(body.get(position), Some(b'+' | b'-')) {
            position += 1;
        }
        let exponent_digits = body[position..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        if exponent_digits == 0 {
            return false;
        }
        position += exponent_digits;
    }
    position == body.len()
}

/// Reads text as Python's `int(text, radix)`: surrounding whitespace, an optional sign,
/// and digits with single underscores between them (`1_000`, not `1__0` nor `_1`). With
/// radix 16 a `0x` prefix is allowed, as Python allows it.
pub(crate) fn python_int(text: &str, radix: u32) -> Option<i64> {
    let trimmed = text.trim_matches(is_python_space);
    let (negative, mut body) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    if radix == 16
        && let Some(rest) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X"))
    {
        body = rest.strip_prefix('_').unwrap_or(rest);
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    let mut value: i64 = 0;
    for c in body.chars() {
        if c == '_' {
            continue;
        }
        let digit = i64::from(c.to_digit(radix)?);
        value = value.checked_mul(i64::from(radix))?.checked_add(digit)?;
    }
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_accepts_python_forms() {
        for text in [
            "1.5", "+2", ".5", "5.", "1e3", "1_000", " 7 ", "-inf", "Infinity", "1E-2",
        ] {
            assert!(parse_decimal(text).is_some(), "{text}");
        }
        assert!(parse_decimal("NaN").is_some_and(f64::is_nan));
    }

    #[test]
    fn decimal_rejects_other_forms() {
        for text in [
            "1,5",
            "1 000",
            "0x10",
            ".",
            "e3",
            "1e",
            "",
            "--1",
            "1.2.3",
            "1\u{a0}000",
        ] {
            assert!(parse_decimal(text).is_none(), "{text}");
        }
    }

    #[test]
    fn python_int_rules() {
        assert_eq!(python_int("+1", 10), Some(1));
        assert_eq!(python_int("01", 10), Some(1));
        assert_eq!(python_int(" 7 ", 10), Some(7));
        assert_eq!(python_int("1_000", 10), Some(1000));
        assert_eq!(python_int("1__0", 10), None);
        assert_eq!(python_int("_1", 10), None);
        assert_eq!(python_int("1.0", 10), None);
        assert_eq!(python_int("99999999999999999999", 10), None);
    }

    #[test]
    fn non_bare_stripping() {
        assert_eq!(strip_non_bare("12 €"), "12");
        assert_eq!(strip_non_bare("€12"), "12");
        assert_eq!(strip_non_bare("n°12"), "12");
        assert_eq!(strip_non_bare("-12%"), "-12");
        assert_eq!(strip_non_bare("abc"), "");
    }
}
