//! `phone-number-value`: a French phone number in any usual layout, a French short number,
//! or an international number written with `+` or `00`.
//!
//! Rules written for socle from the French numbering plan, coarser than the libphonenumber
//! metadata Validata uses:
//! - separators: spaces, dots, hyphens, slashes and brackets are ignored, and so is a
//!   national `(0)` written after the country code (`+33 (0)1 …`);
//! - French numbers: `0` then 9 digits whose first is 1–9 (07 only from 073), or the same
//!   9 digits after `+33`, `0033` or `33`. Overseas departments use the same ten-digit
//!   national form (`0262 …`, `0692 …`);
//! - short numbers: 15, 17, 18, 112, 114, 115, 119, 191, 196, 197, `10XX`, `3XXX`,
//!   `116XXX` and `118XXX`;
//! - other countries: a country code then a subscriber number, 9 to 15 digits in all
//!   (the E.164 maximum), without checking each country's plan.

/// Checks a phone number; `true` when it is acceptable.
pub fn is_valid_phone(text: &str) -> bool {
    // Longer texts cannot be one number, whatever their layout.
    const MAX_TEXT_LEN: usize = 64;
    if text.len() > MAX_TEXT_LEN {
        return false;
    }
    let Some((international, digits, len)) = compact(text) else {
        return false;
    };
    let Some(digits) = digits.get(..len) else {
        return false;
    };

    if international {
        return is_valid_international(digits);
    }
    if let Some(rest) = digits.strip_prefix(b"00") {
        return is_valid_international(rest);
    }
    if let Some(national) = digits.strip_prefix(b"0") {
        return is_french_significant_number(national);
    }
    // `33` then a French number, as written without the `+`.
    if let Some(national) = digits.strip_prefix(b"33")
        && is_french_significant_number(national)
    {
        return true;
    }
    is_french_short_number(digits)
}

/// Keeps the digits of `text`, dropping separators and a `(0)` trunk prefix. Returns
/// whether the number starts with `+`, the digits and their count; `None` when another
/// character appears.
fn compact(text: &str) -> Option<(bool, [u8; 32], usize)> {
    let trimmed = text.trim();
    let (international, body) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let mut digits = [0u8; 32];
    let mut len = 0;
    let mut rest = body;
    while let Some(ch) = rest.chars().next() {
        if international && len > 0 && rest.starts_with("(0)") {
            rest = rest.get(3..)?;
            continue;
        }
        match ch {
            '0'..='9' => {
                *digits.get_mut(len)? = ch as u8;
                len += 1;
            }
            ' ' | '.' | '-' | '/' | '(' | ')' | '\u{a0}' => {}
            _ => return None,
        }
        rest = rest.get(ch.len_utf8()..)?;
    }
    Some((international, digits, len))
}

// NOTE: country codes are not checked against the ITU list, so an unassigned code such as
// +999 passes when the length fits.
fn is_valid_international(digits: &[u8]) -> bool {
    if let Some(national) = digits.strip_prefix(b"33") {
        return is_french_significant_number(national);
    }
    let first_is_country = digits.first().is_some_and(|digit| *digit != b'0');
    first_is_country && (9..=15).contains(&digits.len())
}

/// Checks the 9 digits after the `0` of a French number.
fn is_french_significant_number(digits: &[u8]) -> bool {
    if digits.len() != 9 {
        return false;
    }
    match digits {
        [b'1'..=b'6' | b'8' | b'9', ..] => true,
        // 070 to 072 are not open to subscribers.
        [b'7', b'3'..=b'9', ..] => true,
        _ => false,
    }
}

fn is_french_short_number(digits: &[u8]) -> bool {
    matches!(
        digits,
        b"15"
            | b"17"
            | b"18"
            | b"112"
            | b"114"
            | b"115"
            | b"119"
            | b"191"
            | b"196"
            | b"197"
            | [b'1', b'0', _, _]
            | [b'3', _, _, _]
            | [b'1', b'1', b'6' | b'8', _, _, _]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_layouts_accepted() {
        for number in [
            "02 61 91 13 45",
            "0261911345",
            "  026  191  13  45  ",
            "02.61.91.13.45",
            "02-61-91-13-45",
            "(02) 61 91 13 45",
            "06/12/34/56/78",
            "+33 2 61 91 13 45",
            "+33 (0)2 61 91 13 45",
            "+33612345678",
            "0033261911345",
            "33612345678",
            "0 6 1 2 3 4 5 6 7 8",
            "0800 123 456",
            "0262 12 34 56",
            "0692 12 34 56",
            "07 81 23 45 67",
        ] {
            assert!(is_valid_phone(number), "{number}");
        }
    }

    #[test]
    fn short_numbers_accepted() {
        for number in [
            "15", "17", "18", "112", "115", "119", "3949", "3646", "30 00", "1014", "116000",
            "118218",
        ] {
            assert!(is_valid_phone(number), "{number}");
        }
    }

    #[test]
    fn international_numbers_accepted() {
        for number in [
            "+44 20 7946 0958",
            "+1 202 555 0143",
            "+12025550143",
            "+49 30 123456",
            "+262 262 12 34 56",
            "0044 20 7946 0958",
        ] {
            assert!(is_valid_phone(number), "{number}");
        }
    }

    #[test]
    fn invalid_numbers_rejected() {
        for number in [
            "619 13 45",
            "06 12 34 56 78 9",
            "06123456789",
            "0712345678",
            "0012345678",
            "0612345678 poste 12",
            "+33 6 12 34 56 7",
            "+999 1234",
            "10",
            "11",
            "1",
            "123",
            "12345",
            "",
            "abc",
            "+",
            "+ (0)",
        ] {
            assert!(!is_valid_phone(number), "{number}");
        }
    }

    #[test]
    fn long_text_rejected() {
        assert!(!is_valid_phone(&"0".repeat(100)));
        assert!(!is_valid_phone(&"1 ".repeat(20)));
    }
}
