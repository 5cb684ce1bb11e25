//! Splits a text cell into word, number and punctuation tokens with byte offsets.
//!
//! The detectors reason on tokens (shape, neighbours, punctuation between them), never on
//! raw characters. Whitespace is not a token: each token records whether whitespace came
//! before it. No normalisation happens here; case folding is done on demand by
//! [`crate::lexicon::fold_into`] for the few tokens a rule needs to compare.

/// The case pattern of a token, which carries most of the signal for names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Two or more letters, all upper case: `MARTIN`, `SERM`.
    Upper,
    /// One upper-case letter: `J` in `J. Martin`.
    Initial,
    /// Upper-case first letter followed by lower case: `Martin`, `Hélène`.
    Title,
    /// Lower-case first letter: `rue`, `de`.
    Lower,
    /// Letters with another case pattern: `McDonald`, `MediverCities`.
    Mixed,
    /// Alphanumeric run containing a digit: `286`, `BY38`, `2A`.
    Number,
    /// Any other single non-space character.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte in the text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    pub shape: Shape,
    /// Whether whitespace separates this token from the previous one.
    pub space_before: bool,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn is_word(&self) -> bool {
        !matches!(self.shape, Shape::Number | Shape::Punct)
    }

    /// Returns whether the token looks like part of a proper name by its case alone.
    pub fn is_capitalised(&self) -> bool {
        matches!(self.shape, Shape::Upper | Shape::Title | Shape::Mixed)
    }

    /// Returns whether the token is the single punctuation character `c`.
    pub fn is_punct(&self, text: &str, c: char) -> bool {
        self.shape == Shape::Punct && self.text(text).starts_with(c)
    }
}

/// Tokenises `text` into `tokens`, which is cleared first so callers can reuse the buffer.
///
/// ASCII bytes are classified directly; only non-ASCII characters are decoded, which
/// keeps French text (mostly ASCII) fast.
pub fn tokenize(text: &str, tokens: &mut Vec<Token>) {
    tokens.clear();
    let bytes = text.as_bytes();
    let mut index = 0;
    let mut space_before = false;
    while let Some(&byte) = bytes.get(index) {
        let (c, width) = char_at(text, index, byte);
        if c.is_whitespace() {
            space_before = true;
            index += width;
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token {
                start: index,
                end: index + width,
                shape: Shape::Punct,
                space_before,
            });
            space_before = false;
            index += width;
            continue;
        }

        let start = index;
        let mut shape = WordShape::default();
        let mut first = true;
        while let Some(&byte) = bytes.get(index) {
            let (c, width) = char_at(text, index, byte);
            if !is_word_char(c) {
                break;
            }
            shape.push(c, first);
            first = false;
            index += width;
        }
        tokens.push(Token {
            start,
            end: index,
            shape: shape.finish(),
            space_before,
        });
        space_before = false;
    }
}

/// Returns the character starting at byte `index` and its width; `byte` is its first byte.
#[inline]
fn char_at(text: &str, index: usize, byte: u8) -> (char, usize) {
    if byte.is_ascii() {
        return (char::from(byte), 1);
    }
    let c = text
        .get(index..)
        .and_then(|rest| rest.chars().next())
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8().max(1))
}

/// Returns whether `c` is a letter or digit. Latin-1 and Latin Extended-A letters (`é`,
/// `Ç`, `œ`) are classified without the general Unicode table lookup.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{C0}'..='\u{17F}').contains(&c) {
        return c != '\u{D7}' && c != '\u{F7}';
    }
    c.is_alphanumeric()
}

/// Accumulates the case pattern of a word one character at a time.
#[derive(Default)]
struct WordShape {
    letters: u32,
    first_upper: bool,
    upper_after_first: u32,
    lower_after_first: u32,
    has_digit: bool,
}

impl WordShape {
    fn push(&mut self, c: char, first: bool) {
        // Latin-1 letters (U+00C0 to U+00FF) are never numeric, and their upper-case half
        // ends at U+00DE; other characters take the Unicode tables.
        let latin1_letter = ('\u{C0}'..='\u{FF}').contains(&c);
        let numeric = if c.is_ascii() || latin1_letter {
            c.is_ascii_digit()
        } else {
            c.is_numeric()
        };
        if numeric {
            self.has_digit = true;
            return;
        }
        self.letters += 1;
        let upper = if c.is_ascii() {
            c.is_ascii_uppercase()
        } else if latin1_letter {
            c <= '\u{DE}'
        } else {
            c.is_uppercase()
        };
        if first {
            self.first_upper = upper;
        } else if upper {
            self.upper_after_first += 1;
        } else {
            self.lower_after_first += 1;
        }
    }

    fn finish(self) -> Shape {
        if self.has_digit {
            return Shape::Number;
        }
        match (
            self.first_upper,
            self.upper_after_first,
            self.lower_after_first,
        ) {
            (true, 0, 0) => Shape::Initial,
            (true, _, 0) => Shape::Upper,
            (true, 0, _) => Shape::Title,
            (false, 0, _) => Shape::Lower,
            _ => Shape::Mixed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(String, Shape)> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        tokens
            .iter()
            .map(|t| (t.text(text).to_owned(), t.shape))
            .collect()
    }

    #[test]
    fn tokenize_classifies_shapes() {
        let got = shapes("M. Jean-Pierre DURAND, 286 av. BY38 l'Été McCoy");
        let expected = [
            ("M", Shape::Initial),
            (".", Shape::Punct),
            ("Jean", Shape::Title),
            ("-", Shape::Punct),
            ("Pierre", Shape::Title),
            ("DURAND", Shape::Upper),
            (",", Shape::Punct),
            ("286", Shape::Number),
            ("av", Shape::Lower),
            (".", Shape::Punct),
            ("BY38", Shape::Number),
            ("l", Shape::Lower),
            ("'", Shape::Punct),
            ("Été", Shape::Title),
            ("McCoy", Shape::Mixed),
        ];
        let expected: Vec<(String, Shape)> =
            expected.iter().map(|(t, s)| (t.to_string(), *s)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn tokenize_records_spacing() {
        let mut tokens = Vec::new();
        tokenize("a  b-c", &mut tokens);
        let spacing: Vec<bool> = tokens.iter().map(|t| t.space_before).collect();
        assert_eq!(spacing, [false, true, false, false]);
    }
}
