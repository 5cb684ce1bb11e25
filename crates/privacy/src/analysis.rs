//! The per-text working state shared by the token-based detectors: tokens, their folded
//! forms, their word classes and a few whole-text cues.
//!
//! [`Analysis`] is a reusable buffer: [`Analysis::prepare`] refills it for each text so
//! the row loop does not allocate per cell once the buffers have grown. Detectors read it
//! through small accessors that return neutral values out of range, so index arithmetic
//! in the rules cannot panic.

use crate::lexicon::{class, classes_of, fold_into, is_first_name};
use crate::token::{Shape, Token, tokenize};

#[derive(Default)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    /// Byte range of each token's folded form in `folded`; empty for non-words.
    folded_ranges: Vec<(u32, u32)>,
    classes: Vec<u32>,
    folded: String,
    scratch: String,
    /// Whether most words are written in capitals, as in many SCDL exports.
    pub all_caps: bool,
    /// Whether the text contains words of acts about private persons (sale, lease, aid).
    pub private_cue: bool,
    /// Whether the text contains words of individual staff decisions.
    pub agent_cue: bool,
}

impl Analysis {
    pub fn prepare(&mut self, text: &str) {
        tokenize(text, &mut self.tokens);
        self.folded_ranges.clear();
        self.classes.clear();
        self.folded.clear();
        self.private_cue = false;
        self.agent_cue = false;
        let mut upper_words = 0usize;
        let mut other_words = 0usize;

        for token in &self.tokens {
            if !token.is_word() {
                self.folded_ranges.push((0, 0));
                self.classes.push(0);
                continue;
            }
            match token.shape {
                Shape::Upper => upper_words += 1,
                Shape::Title | Shape::Lower | Shape::Mixed => other_words += 1,
                _ => {}
            }
            fold_into(token.text(text), &mut self.scratch);
            let start = self.folded.len() as u32;
            self.folded.push_str(&self.scratch);
            self.folded_ranges.push((start, self.folded.len() as u32));
            let classes = classes_of(&self.scratch);
            self.private_cue |= classes & class::PRIVATE_CUE != 0 || classes & class::DOMICILE != 0;
            self.agent_cue |= classes & class::AGENT_CUE != 0;
            self.classes.push(classes);
        }
        self.all_caps = upper_words >= 3 && upper_words > 2 * other_words;
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn token(&self, index: usize) -> Option<&Token> {
        self.tokens.get(index)
    }

    pub fn shape(&self, index: usize) -> Option<Shape> {
        self.tokens.get(index).map(|t| t.shape)
    }

    /// Returns the folded form of a word token, `""` for other tokens or out of range.
    pub fn folded(&self, index: usize) -> &str {
        let Some(&(start, end)) = self.folded_ranges.get(index) else {
            return "";
        };
        self.folded.get(start as usize..end as usize).unwrap_or("")
    }

    pub fn classes(&self, index: usize) -> u32 {
        self.classes.get(index).copied().unwrap_or(0)
    }

    pub fn has_class(&self, index: usize, flags: u32) -> bool {
        self.classes(index) & flags != 0
    }

    pub fn is_first_name(&self, index: usize) -> bool {
        let capitalised = self.tokens.get(index).is_some_and(Token::is_capitalised);
        capitalised && is_first_name(self.folded(index))
    }

    pub fn is_punct(&self, index: usize, text: &str, c: char) -> bool {
        self.tokens.get(index).is_some_and(|t| t.is_punct(text, c))
    }

    /// Returns whether the token is one of the punctuation characters in `chars`.
    pub fn is_any_punct(&self, index: usize, text: &str, chars: &[char]) -> bool {
        chars.iter().any(|&c| self.is_punct(index, text, c))
    }

    pub fn is_word(&self, index: usize, folded: &str) -> bool {
        self.tokens.get(index).is_some_and(Token::is_word) && self.folded(index) == folded
    }

    /// Returns whether tokens `index - 1` and `index` touch, with no whitespace between.
    pub fn joined(&self, index: usize) -> bool {
        self.tokens.get(index).is_some_and(|t| !t.space_before)
    }

    pub fn start_of(&self, index: usize) -> usize {
        self.tokens.get(index).map_or(0, |t| t.start)
    }

    pub fn end_of(&self, index: usize) -> usize {
        self.tokens.get(index).map_or(0, |t| t.end)
    }

    /// Returns the index of the first token that starts at or after byte `offset`.
    pub fn token_at_or_after(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.start < offset)
    }
}
