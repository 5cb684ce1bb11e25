//! Checks for the `string` formats `email`, `uri`, `uuid` and `binary`. Each follows the
//! leniency of the Python library that frictionless 5.21 calls for it (`validators`,
//! `rfc3986`, `uuid`, `base64`). A check returns a yes or no, and the value stays the
//! cell text.

use super::number::python_int;

/// `email`, after `validators.email`: one `@`, a dot-atom or quoted local part of at most
/// 64 characters, and a domain of at least two labels whose last one is alphabetic.
/// Non-ASCII letters are allowed on both sides (`prénom@exemple.fr`).
/// NOTE: an approximation of the library, checked only on the examples in the tests.
pub(crate) fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    is_local_part(local) && is_domain(domain)
}

fn is_local_part(local: &str) -> bool {
    if local.is_empty() || local.chars().count() > 64 {
        return false;
    }
    if let Some(quoted) = local
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        return !quoted.chars().any(|c| c.is_control() || c == '"');
    }
    local.split('.').all(|atom| {
        !atom.is_empty()
            && if atom.is_ascii() {
                // Most addresses are ASCII: checking bytes avoids decoding characters.
                atom.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || is_atom_symbol(b))
            } else {
                atom.chars()
                    .all(|c| c.is_alphanumeric() || (c.is_ascii() && is_atom_symbol(c as u8)))
            }
    })
}

/// The symbols RFC 5322 allows in an unquoted local part besides letters and digits.
fn is_atom_symbol(byte: u8) -> bool {
    matches!(
        byte,
        b'!' | b'#'
            | b'$'
            | b'%'
            | b'&'
            | b'\''
            | b'*'
            | b'+'
            | b'/'
            | b'='
            | b'?'
            | b'^'
            | b'_'
            | b'`'
            | b'{'
            | b'|'
            | b'}'
            | b'~'
            | b'-'
    )
}

fn is_domain(domain: &str) -> bool {
    if !domain.contains('.') || domain.len() > 253 {
        return false;
    }
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label.chars().count() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let top_level = domain.rsplit('.').next().unwrap_or_default();
    domain.split('.').all(|label| label_ok(&label))
        && (top_level.chars().all(char::is_alphabetic) && top_level.chars().count() >= 2
            || top_level.starts_with("xn--"))
}

/// `uri`: `rfc3986` with the scheme required. Its parsing regex only needs a non-empty
/// scheme before the first `:` that comes before any `/`, `?` or `#`, so `http://exa mple.fr`
/// passes and `www.x.fr` fails. A line break inside the fragment makes the regex fail.
pub(crate) fn is_uri(text: &str) -> bool {
    let Some(colon) = text.find(':') else {
        return false;
    };
    let scheme = &text[..colon];
    if scheme.is_empty() || scheme.contains(['/', '?', '#']) {
        return false;
    }
    match text.split_once('#') {
        Some((_, fragment)) => !fragment
            .strip_suffix('\n')
            .unwrap_or(fragment)
            .contains('\n'),
        None => true,
    }
}

/// `uuid`: Python's `uuid.UUID(text)`: drops `urn:`, `uuid:`, surrounding braces and
/// dashes, then needs 32 characters read as a non-negative hexadecimal `int`.
pub(crate) fn is_uuid(text: &str) -> bool {
    if is_canonical_uuid(text) {
        return true;
    }
    let cleaned: String = text
        .replace("urn:", "")
        .replace("uuid:", "")
        .trim_matches(['{', '}'])
        .replace('-', "");
    cleaned.chars().count() == 32 && python_hex_is_non_negative(&cleaned)
}

/// Recognises the usual `8-4-4-4-12` hexadecimal form without allocating.
fn is_canonical_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            8 | 13 | 18 | 23 => *byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        })
}

fn python_hex_is_non_negative(text: &str) -> bool {
    // 32 hexadecimal digits overflow i64, so check the digits without computing the value.
    let trimmed = text.trim_matches(super::number::is_python_space);
    if trimmed.starts_with('-') {
        return python_int(trimmed, 16).is_some_and(|value| value == 0);
    }
    let body = trimmed.strip_prefix('+').unwrap_or(trimmed);
    let body = body
        .strip_prefix("0x")
        .or_else(|| body.strip_prefix("0X"))
        .map_or(body, |rest| rest.strip_prefix('_').unwrap_or(rest));
    !body.is_empty()
        && !body.starts_with('_')
        && !body.ends_with('_')
        && !body.contains("__")
        && body.chars().all(|c| c == '_' || c.is_ascii_hexdigit())
}

/// `binary`: Python's `base64.b64decode` without `validate`, which skips characters outside
/// the alphabet and then needs the data characters to fit 4-character groups.
pub(crate) fn is_base64(text: &str) -> bool {
    let mut data = 0usize;
    let mut padding = 0usize;
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' => {
                if padding > 0 {
                    // binascii stops at complete padding; data after it is ignored.
                    break;
                }
                data += 1;
            }
            b'=' => padding += 1,
            _ => {}
        }
    }
    match data % 4 {
        0 => true,
        1 => false,
        remainder => padding >= 4 - remainder,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("a@b.fr"));
        assert!(is_email("prénom@exemple.fr"));
        assert!(!is_email("a@b"));
        assert!(!is_email("a@@b.fr"));
        assert!(!is_email(" a@b.fr"));
    }

    #[test]
    fn uris() {
        assert!(is_uri("https://exemple.fr"));
        assert!(is_uri("ftp://x"));
        assert!(is_uri("mailto:a@b.fr"));
        assert!(is_uri("http://exa mple.fr"));
        assert!(!is_uri("www.x.fr"));
        assert!(!is_uri("/chemin:x"));
    }

    #[test]
    fn uuids() {
        assert!(is_uuid("0f6e4b3e-2a0c-4c5b-9d4a-0e4b6f1c2d3e"));
        assert!(is_uuid("0f6e4b3e2a0c4c5b9d4a0e4b6f1c2d3e"));
        assert!(is_uuid("{0f6e4b3e-2a0c-4c5b-9d4a-0e4b6f1c2d3e}"));
        assert!(!is_uuid("xyz"));
        assert!(!is_uuid("0f6e4b3e-2a0c-4c5b-9d4a-0e4b6f1c2d3g"));
    }

    /// The allocation-free check must agree with the general one on canonical texts.
    #[test]
    fn canonical_uuid_agrees_with_general_check() {
        for text in [
            "0f6e4b3e-2a0c-4c5b-9d4a-0e4b6f1c2d3e",
            "0F6E4B3E-2A0C-4C5B-9D4A-0E4B6F1C2D3E",
            "0f6e4b3e-2a0c-4c5b-9d4a-0e4b6f1c2d3g",
            "0f6e4b3e-2a0c-4c5b-9d4a0-e4b6f1c2d3e",
        ] {
            if is_canonical_uuid(text) {
                let cleaned = text.replace('-', "");
                assert!(python_hex_is_non_negative(&cleaned), "{text}");
            }
        }
        assert!(is_canonical_uuid("0f6e4b3e-2a0c-4c5b-9d4a-0e4b6f1c2d3e"));
        assert!(!is_canonical_uuid("0f6e4b3e-2a0c-4c5b-9d4a-0e4b6f1c2d3g"));
    }

    #[test]
    fn base64_texts() {
        assert!(is_base64("aGVsbG8="));
        assert!(is_base64("aGVs bG8="));
        assert!(!is_base64("aGVsbG8"));
        assert!(!is_base64("a"));
    }
}
