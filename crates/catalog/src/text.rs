//! French text analysis for search: folding, elision and stemming.
//!
//! Indexed text and queries go through the same [`analyze`] function, so a query without
//! accents ("deliberation") finds a title with them ("Délibérations"). Each word is lower
//! cased, stripped of an elided article or pronoun ("l'", "d'", "qu'"…), stemmed with the
//! Snowball French stemmer, and folded to ASCII-like letters (accents removed). The stem of
//! the folded word is kept as well when it differs, because the stemmer reads accents.
//!
//! Stop words are not removed: FTS5 ranks them low and a title made of stop words must
//! still be findable. Other languages are not analysed.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// Maximum word length kept, in characters. Longer runs are hashes or URLs, noise for search.
const MAX_WORD_CHARS: usize = 64;

/// Elided forms removed from the start of a word, before the apostrophe.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// The French analyser. Build it once and share it, because the stemmer contains tables.
pub struct Analyzer {
    stemmer: Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::French),
        }
    }
}

impl Analyzer {
    /// Splits text into search terms, in order, with both stem variants of each word.
    pub fn analyze(&self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        for word in words(text) {
            let word = strip_elision(&word);
            if word.is_empty() {
                continue;
            }
            let accented = fold(&self.stemmer.stem(word));
            let folded = self.stemmer.stem(&fold(word)).into_owned();
            if folded != accented {
                terms.push(folded);
            }
            terms.push(accented);
        }
        terms
    }

    /// Analyses each word of a query and keeps, per word, its stem variants.
    pub fn analyze_query(&self, query: &str) -> Vec<Vec<String>> {
        let mut groups = Vec::new();
        for word in words(query) {
            let word = strip_elision(&word);
            if word.is_empty() {
                continue;
            }
            let mut variants = vec![fold(&self.stemmer.stem(word))];
            let folded = self.stemmer.stem(&fold(word)).into_owned();
            if !variants.contains(&folded) {
                variants.push(folded);
            }
            groups.push(variants);
        }
        groups
    }
}

/// Splits text into lower-case words made of letters, digits and inner apostrophes.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|word| {
            word.trim_matches(['\'', '’'])
                .to_lowercase()
                .replace('’', "'")
        })
        .filter(|word| !word.is_empty() && word.chars().count() <= MAX_WORD_CHARS)
}

/// Removes a leading elided article or pronoun ("l'", "d'", "qu'"), and returns the rest
/// of the word; a word with an apostrophe elsewhere keeps its last part.
fn strip_elision(word: &str) -> &str {
    match word.split_once('\'') {
        Some((head, rest)) if ELISIONS.contains(&head) => rest.rsplit('\'').next().unwrap_or(rest),
        Some(_) => word.rsplit('\'').next().unwrap_or(word),
        None => word,
    }
}

/// Removes accents and other combining marks, and expands the ligatures French uses.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            '\u{300}'..='\u{36f}' => {}
            'œ' => folded.push_str("oe"),
            'Œ' => folded.push_str("OE"),
            'æ' => folded.push_str("ae"),
            'Æ' => folded.push_str("AE"),
            _ => folded.push(c),
        }
    }
    folded
}

/// Builds the text stored in the index from the analysed terms of each part.
pub fn index_body(analyzer: &Analyzer, parts: &[&str]) -> String {
    let mut body = String::new();
    for part in parts {
        for term in analyzer.analyze(part) {
            if !body.is_empty() {
                body.push(' ');
            }
            body.push_str(&term);
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Analyzer::default().analyze(text)
    }

    #[test]
    fn accents_and_plural_fold_to_one_stem() {
        let indexed = terms("Délibérations");
        let query = Analyzer::default().analyze_query("deliberation");
        let first = query.first().expect("one query word");
        assert!(
            first.iter().any(|variant| indexed.contains(variant)),
            "{indexed:?} vs {first:?}"
        );
    }

    #[test]
    fn elision_is_removed() {
        assert_eq!(terms("l'assainissement"), terms("assainissement"));
        assert_eq!(terms("d’urbanisme"), terms("urbanisme"));
        assert_eq!(terms("qu'il"), terms("il"));
    }

    #[test]
    fn ligature_is_expanded() {
        assert_eq!(fold("Œuvre cœur"), "OEuvre coeur");
    }

    #[test]
    fn punctuation_and_long_words_are_dropped() {
        assert!(terms("!!! --- ''").is_empty());
        assert!(terms(&"a".repeat(65)).is_empty());
    }

    #[test]
    fn case_is_ignored() {
        assert_eq!(terms("BUDGET"), terms("budget"));
    }
}
