//! Structured identifiers checked by their key: NIR (French social security number),
//! IBAN and French RIB.
//!
//! Candidates come from regular expressions that accept the usual groupings (spaces,
//! dots, dashes); a candidate becomes a span only when its checksum holds, which removes
//! nearly all reference numbers that merely have the right length. SIREN and SIRET are
//! left out: they identify legal persons and are published on purpose.

use regex::Regex;

use crate::finding::{Category, Kind, Span};

/// Compiled identifier patterns, built once per scanner.
pub struct IdentPatterns {
    nir: Regex,
    iban: Regex,
    rib: Regex,
}

impl IdentPatterns {
    pub fn new() -> Result<IdentPatterns, regex::Error> {
        Ok(IdentPatterns {
            // Sex, year, month, département (2A/2B for Corsica), commune, order, key.
            nir: Regex::new(
                r"(?-u:\b)[1-478][ .-]?\d{2}[ .-]?\d{2}[ .-]?(?:\d{2}|2[AaBb])[ .-]?\d{3}[ .-]?\d{3}[ .-]?\d{2}(?-u:\b)",
            )?,
            // Country code, check digits, then up to 30 alphanumerics in groups of four.
            iban: Regex::new(r"(?-u:\b)[A-Z]{2}\d{2}(?:[ ]?[0-9A-Z]{1,4}){3,8}(?-u:\b)")?,
            // Bank code, branch code, account number, RIB key.
            rib: Regex::new(r"(?-u:\b)\d{5}[ -]?\d{5}[ -]?[0-9A-Za-z]{11}[ -]?\d{2}(?-u:\b)")?,
        })
    }

    /// Appends the checked NIR, IBAN and RIB spans of `text` to `out`.
    pub fn scan(&self, text: &str, out: &mut Vec<Span>) {
        for found in self.nir.find_iter(text) {
            if nir_is_valid(found.as_str()) {
                out.push(span(found.start(), found.end(), Kind::Nir, 95, "nir.key"));
            }
        }
        for found in self.iban.find_iter(text) {
            if let Some(length) = iban_prefix_length(found.as_str()) {
                out.push(span(
                    found.start(),
                    found.start() + length,
                    Kind::Iban,
                    95,
                    "iban.checksum",
                ));
            }
        }
        for found in self.rib.find_iter(text) {
            let already = out
                .iter()
                .any(|s| s.start <= found.start() && found.end() <= s.end);
            if !already && rib_is_valid(found.as_str()) {
                out.push(span(found.start(), found.end(), Kind::Rib, 90, "rib.key"));
            }
        }
    }
}

fn span(start: usize, end: usize, kind: Kind, score: u8, rule: &'static str) -> Span {
    Span {
        start,
        end,
        kind,
        category: Category::Private,
        score,
        rule,
    }
}

/// Checks a NIR candidate: 13 characters plus a 2-digit key equal to 97 minus the
/// number mod 97, where the Corsican départements 2A and 2B count as 19 and 18.
pub fn nir_is_valid(candidate: &str) -> bool {
    let compact: Vec<u8> = candidate
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric())
        .collect();
    if compact.len() != 15 {
        return false;
    }
    let Some((body, key)) = compact.split_at_checked(13) else {
        return false;
    };

    let mut number: u64 = 0;
    for (index, &byte) in body.iter().enumerate() {
        let digit = match (index, byte.to_ascii_uppercase()) {
            (5, b'2') if matches!(body.get(6).map(u8::to_ascii_uppercase), Some(b'A')) => 1,
            (5, b'2') if matches!(body.get(6).map(u8::to_ascii_uppercase), Some(b'B')) => 1,
            (6, b'A') => 9,
            (6, b'B') => 8,
            (_, b) if b.is_ascii_digit() => u64::from(b - b'0'),
            _ => return false,
        };
        number = number * 10 + digit;
    }

    let month = body.get(3..5).and_then(parse_digits).unwrap_or(0);
    // Months 20 to 42 and 50 to 99 exist for registrations with an unknown or special
    // month, so only impossible values are rejected.
    if month == 0 || (13..20).contains(&month) || (43..50).contains(&month) {
        return false;
    }
    let Some(key) = parse_digits(key) else {
        return false;
    };
    key == 97 - number % 97
}

fn parse_digits(bytes: &[u8]) -> Option<u64> {
    let mut value: u64 = 0;
    for &byte in bytes {
        if !byte.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u64::from(byte - b'0');
    }
    Some(value)
}

/// IBAN lengths of the countries whose accounts French collectivités meet most: France
/// and its overseas territories, Monaco, neighbours and the largest EU economies.
const IBAN_LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"FR", 27),
    (b"MC", 27),
    (b"GP", 27),
    (b"MQ", 27),
    (b"GF", 27),
    (b"RE", 27),
    (b"YT", 27),
    (b"NC", 27),
    (b"PF", 27),
    (b"PM", 27),
    (b"BE", 16),
    (b"LU", 20),
    (b"DE", 22),
    (b"CH", 21),
    (b"IT", 27),
    (b"ES", 24),
    (b"PT", 25),
    (b"NL", 18),
    (b"GB", 22),
    (b"IE", 22),
    (b"AT", 20),
    (b"AD", 24),
];

/// Returns the byte length of the valid IBAN at the start of `candidate`, if any.
///
/// The regex may take a following word into the match, so the country's length decides
/// where the IBAN ends; the ISO 13616 check (rotated number mod 97 equals 1) decides
/// whether it is one.
pub fn iban_prefix_length(candidate: &str) -> Option<usize> {
    let country = candidate.as_bytes().get(..2)?;
    let expected = IBAN_LENGTHS
        .iter()
        .find(|(code, _)| code.as_slice() == country)?
        .1;

    let mut compact = Vec::with_capacity(expected);
    let mut byte_length = 0;
    for (index, byte) in candidate.bytes().enumerate() {
        if byte == b' ' {
            continue;
        }
        compact.push(byte);
        if compact.len() == expected {
            byte_length = index + 1;
            break;
        }
    }
    if compact.len() != expected || !iban_checksum_holds(&compact) {
        return None;
    }
    Some(byte_length)
}

fn iban_checksum_holds(compact: &[u8]) -> bool {
    let (head, tail) = compact.split_at(4.min(compact.len()));
    let mut remainder: u32 = 0;
    for &byte in tail.iter().chain(head) {
        let value = match byte {
            b'0'..=b'9' => u32::from(byte - b'0'),
            b'A'..=b'Z' => u32::from(byte - b'A') + 10,
            _ => return false,
        };
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    remainder == 1
}

/// Checks a French RIB: key = 97 − ((89 × bank + 15 × branch + 3 × account) mod 97),
/// with letters of the account number mapped to digits as the banks do (A,J→1 … I,R→9,
/// S→2 … Z→9).
pub fn rib_is_valid(candidate: &str) -> bool {
    let compact: Vec<u8> = candidate
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric())
        .collect();
    if compact.len() != 23 {
        return false;
    }
    let digits: Option<Vec<u64>> = compact.iter().map(|&b| rib_digit(b)).collect();
    let Some(digits) = digits else { return false };
    let number = |range: std::ops::Range<usize>| -> u64 {
        digits
            .get(range)
            .unwrap_or(&[])
            .iter()
            .fold(0, |acc, d| acc * 10 + d)
    };
    let bank = number(0..5);
    let branch = number(5..10);
    let account = number(10..21);
    let key = number(21..23);
    key == 97 - (89 * bank + 15 * branch + 3 * account) % 97
}

fn rib_digit(byte: u8) -> Option<u64> {
    let value = match byte.to_ascii_uppercase() {
        b @ b'0'..=b'9' => b - b'0',
        b @ b'A'..=b'I' => b - b'A' + 1,
        b @ b'J'..=b'R' => b - b'J' + 1,
        b @ b'S'..=b'Z' => b - b'S' + 2,
        _ => return None,
    };
    Some(u64::from(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nir_key_accepts_valid_numbers() {
        // Key of 1 84 12 76 451 089: 97 - (1841276451089 mod 97) = 46.
        assert!(nir_is_valid("1 84 12 76 451 089 46"));
        assert!(nir_is_valid("184127645108946"));
        assert!(!nir_is_valid("1 84 12 76 451 089 47"));
    }

    #[test]
    fn nir_corsica_uses_substituted_digits() {
        // 2 69 05 2A 004 012: the département counts as 19, so the number is 2690519004012.
        let key = 97 - 2_690_519_004_012_u64 % 97;
        assert!(nir_is_valid(&format!("2 69 05 2A 004 012 {key:02}")));
        let key_b = 97 - 2_690_518_004_012_u64 % 97;
        assert!(nir_is_valid(&format!("2 69 05 2B 004 012 {key_b:02}")));
        assert!(!nir_is_valid(&format!("2 69 05 2B 004 012 {key:02}")));
    }

    #[test]
    fn nir_rejects_impossible_month() {
        let number = 1_841_576_451_089_u64;
        let key = 97 - number % 97;
        assert!(!nir_is_valid(&format!("1 84 15 76 451 089 {key:02}")));
    }

    #[test]
    fn iban_checksum_holds_for_valid() {
        assert_eq!(
            iban_prefix_length("FR76 3000 6000 0112 3456 7890 189"),
            Some(33)
        );
        assert_eq!(iban_prefix_length("FR7630006000011234567890189"), Some(27));
        assert_eq!(
            iban_prefix_length("FR76 3000 6000 0112 3456 7890 188"),
            None
        );
        assert_eq!(iban_prefix_length("DE89 3704 0044 0532 0130 00"), Some(27));
    }

    #[test]
    fn rib_key_checks() {
        // The RIB inside the IBAN above: bank 30006, branch 00001, account 12345678901, key 89.
        assert!(rib_is_valid("30006 00001 12345678901 89"));
        assert!(!rib_is_valid("30006 00001 12345678901 88"));
    }

    #[test]
    fn scan_finds_spaced_iban() {
        let patterns = IdentPatterns::new().expect("patterns compile");
        let text = "Versement sur le compte FR76 3000 6000 0112 3456 7890 189 de M. X";
        let mut spans = Vec::new();
        patterns.scan(text, &mut spans);
        assert_eq!(spans.len(), 1);
        let found = spans.first().expect("one span");
        assert_eq!(
            &text[found.start..found.end],
            "FR76 3000 6000 0112 3456 7890 189"
        );
    }
}
