//! The `pattern` constraint, compiled once as a whole-cell match `^(?:PATTERN)$`.
//!
//! This follows the spec's intent and is stricter than frictionless 5.21, which compiles
//! Python's `"^" + pattern + "$"` without a group. There a top-level alternation such as
//! `\d{5}|2A\d{3}` is anchored only at the start of its first branch and the end of its
//! last, so `12345x` passes frictionless and fails here. Python's `$` also matches before a
//! final line break, which this anchoring does not.
//!
//! Patterns go to the `regex` crate first. Python accepts a backslash before any
//! non-ASCII character (`\’` in BAL patterns) and `regex` does not, so such backslashes
//! are dropped first. Patterns that `regex` rejects for lookaround or backreferences fall
//! back to `fancy-regex`, which is slower but supports them.

/// A compiled pattern constraint.
#[derive(Debug)]
pub(crate) enum Pattern {
    Plain(regex::Regex),
    Fancy(Box<fancy_regex::Regex>),
}

impl Pattern {
    /// Compiles a pattern as written in a descriptor; the error is the engine's message.
    pub fn new(pattern: &str) -> Result<Pattern, String> {
        let normalised = drop_escapes_before_non_ascii(pattern);
        let anchored = format!("^(?:{normalised})$");
        let plain_error = match regex::RegexBuilder::new(&anchored)
            .size_limit(1 << 24)
            .build()
        {
            Ok(regex) => return Ok(Pattern::Plain(regex)),
            Err(error) => error.to_string(),
        };
        match fancy_regex::RegexBuilder::new(&anchored).build() {
            Ok(regex) => Ok(Pattern::Fancy(Box::new(regex))),
            Err(_) => Err(plain_error),
        }
    }

    /// Tests the whole cell text. A value that `fancy-regex` cannot decide within its
    /// backtracking limit counts as a match: a false error would block a valid file,
    /// while a missed one only lets a rare pathological value through.
    pub fn is_match(&self, text: &str) -> bool {
        match self {
            Pattern::Plain(regex) => regex.is_match(text),
            Pattern::Fancy(regex) => regex.is_match(text).unwrap_or(true),
        }
    }
}

/// Removes a backslash that escapes a non-ASCII character, which Python reads as the
/// character itself. Other escapes, including `\\`, are kept as they are.
fn drop_escapes_before_non_ascii(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                Some(next) if !next.is_ascii() => {}
                Some(_) => {
                    out.push(c);
                    if let Some(next) = chars.next() {
                        out.push(next);
                    }
                }
                None => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_cell_match() {
        let pattern = Pattern::new(r"\d{5}|2A\d{3}").unwrap();
        assert!(pattern.is_match("12345"));
        assert!(pattern.is_match("2A123"));
        assert!(!pattern.is_match("12345x"));
    }

    #[test]
    fn escaped_typographic_quote() {
        let pattern = Pattern::new(r"^[a-z\’ ]+$").unwrap();
        assert!(pattern.is_match("l’eglise"));
    }

    #[test]
    fn lookahead_uses_fallback() {
        let pattern = Pattern::new(r"(?!00)\d{2}").unwrap();
        assert!(matches!(pattern, Pattern::Fancy(_)));
        assert!(pattern.is_match("12"));
        assert!(!pattern.is_match("00"));
    }

    #[test]
    fn invalid_pattern_rejected() {
        assert!(Pattern::new("(abc").is_err());
    }
}
