//! Word lists the detectors consult: first names, civilités, street and building words,
//! organisation markers, roles of officials and the context cues of French acts.
//!
//! Every list is keyed by the folded form of a word (lower case, accents removed, see
//! [`fold_into`]), so `HÉLÈNE`, `Hélène` and `helene` hit the same entry. The first-name
//! list is generated from INSEE data (see `data/prenoms.txt` for its source and licence);
//! the other lists are in `data/lexicon.txt`.
//! A lexicon hit is one signal among others and never enough alone to report a person.
//! Commune and street gazetteers are left out: rules on the preceding word do that work.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A multiply-rotate hash for short words. The keys are fixed word lists compiled into the
/// binary, not attacker-chosen, so a DoS-resistant hash buys nothing here. SipHash took
/// a measurable share of the scan time.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
        for &byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(SEED);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type WordMap<V> = HashMap<&'static str, V, BuildHasherDefault<WordHasher>>;
type WordSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// Word classes, combined as bit flags because a word can belong to several.
pub mod class {
    pub const CIVILITY: u32 = 1;
    /// Street types: `rue`, `avenue`, `impasse`.
    pub const VOIE: u32 = 1 << 1;
    /// Buildings, places and events commonly named after people: `école`, `salle`, `prix`.
    pub const NAMED_PLACE: u32 = 1 << 2;
    /// Legal forms and organisation words: `SARL`, `association`, `commune`.
    pub const ORG: u32 = 1 << 3;
    /// Offices of elected officials and public authorities: `maire`, `adjointe`, `ministre`.
    pub const ROLE: u32 = 1 << 4;
    /// Family and estate words that introduce a surname: `époux`, `consorts`, `indivision`.
    pub const FAMILY: u32 = 1 << 5;
    /// Words of acts that concern private persons: `cession`, `acquéreur`, `bail`.
    pub const PRIVATE_CUE: u32 = 1 << 6;
    /// Words of individual staff decisions: `recrutement`, `titularisation`.
    pub const AGENT_CUE: u32 = 1 << 7;
    /// Words that introduce where a person lives: `demeurant`, `domicilié`.
    pub const DOMICILE: u32 = 1 << 8;
    /// Name particles that may sit inside a name: `de`, `du`, `van`, `ben`.
    pub const PARTICLE: u32 = 1 << 9;
    /// Grammatical words that are never a name, even capitalised: `Le`, `POUR`, `ET`.
    pub const FUNCTION: u32 = 1 << 10;
    /// `Saint`, `Sainte` and abbreviations: what follows names a saint or a place.
    pub const SAINT: u32 = 1 << 11;
    /// Ordinary words that all-caps texts write like surnames: `COMMUNALE`, `TRAVAUX`.
    pub const COMMON: u32 = 1 << 12;
    /// Words introducing a property or owner: `propriété`, `propriétaire`.
    pub const PROPERTY: u32 = 1 << 13;
    /// Markers of a sole trader: `EI`, `auto-entrepreneur`.
    pub const SOLE_TRADER: u32 = 1 << 14;
    /// Staff grades and posts: `technicien`, `attaché`, `rédacteur`.
    pub const AGENT_GRADE: u32 = 1 << 15;
}

struct Lexicon {
    first_names: WordSet<String>,
    classes: WordMap<u32>,
    /// Byte length of the longest word in `classes`; longer words skip the lookup.
    longest_class_word: usize,
    eponyms: WordSet<&'static str>,
}

/// Returns the class flag of a section of `data/lexicon.txt`, `None` for `[eponym]`.
fn section_class(name: &str) -> Option<u32> {
    let flag = match name {
        "civility" => class::CIVILITY,
        "voie" => class::VOIE,
        "named_place" => class::NAMED_PLACE,
        "org" => class::ORG,
        "role" => class::ROLE,
        "family" => class::FAMILY,
        "private_cue" => class::PRIVATE_CUE,
        "agent_cue" => class::AGENT_CUE,
        "agent_grade" => class::AGENT_GRADE,
        "domicile" => class::DOMICILE,
        "particle" => class::PARTICLE,
        "function" => class::FUNCTION,
        "common" => class::COMMON,
        "saint" => class::SAINT,
        "property" => class::PROPERTY,
        "sole_trader" => class::SOLE_TRADER,
        _ => return None,
    };
    Some(flag)
}

/// Parses the word lists: `[section]` headers, then space-separated folded words, or one
/// full name per line in `[eponym]`. Lines of unknown sections are skipped.
fn parse_word_lists(source: &'static str) -> (WordMap<u32>, WordSet<&'static str>) {
    let mut classes = WordMap::default();
    let mut eponyms = WordSet::default();
    let mut section = "";
    for line in source.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
        {
            section = name;
            continue;
        }
        match section_class(section) {
            Some(flag) => {
                for word in line.split_whitespace() {
                    *classes.entry(word).or_default() |= flag;
                }
            }
            None if section == "eponym" => {
                eponyms.insert(line);
            }
            None => {}
        }
    }
    (classes, eponyms)
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(build_lexicon)
}

fn build_lexicon() -> Lexicon {
    let mut first_names = WordSet::default();
    let mut key = String::new();
    for line in include_str!("../data/prenoms.txt").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        // Hyphenated names are matched part by part, so only simple names are stored.
        for part in line.split('-') {
            fold_into(part.trim(), &mut key);
            if key.len() >= 2 {
                first_names.insert(key.clone());
            }
        }
    }

    let (classes, eponyms) = parse_word_lists(include_str!("../data/lexicon.txt"));

    // Words of the class lists are not treated as first names, even when INSEE lists them.
    for word in classes.keys() {
        first_names.remove(*word);
    }

    let longest_class_word = classes.keys().map(|word| word.len()).max().unwrap_or(0);
    Lexicon {
        first_names,
        classes,
        longest_class_word,
        eponyms,
    }
}

/// Writes the folded form of `word` (lower case, common Latin accents removed) into `out`.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        // Latin-1 capitals U+00C0 to U+00DE (except ×) map to lower case by adding 0x20.
        let c = match u32::from(c) {
            code @ (0xC0..=0xD6 | 0xD8..=0xDE) => char::from_u32(code + 0x20).unwrap_or(c),
            _ => c,
        };
        for lower in c.to_lowercase() {
            match lower {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
                'ç' => out.push('c'),
                'è' | 'é' | 'ê' | 'ë' => out.push('e'),
                'ì' | 'í' | 'î' | 'ï' => out.push('i'),
                'ñ' => out.push('n'),
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' => out.push('o'),
                'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
                'ý' | 'ÿ' => out.push('y'),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                other => out.push(other),
            }
        }
    }
}

/// Returns the class flags of a folded word, 0 when it is on no list.
pub fn classes_of(folded: &str) -> u32 {
    let lexicon = lexicon();
    if folded.len() > lexicon.longest_class_word {
        return 0;
    }
    lexicon.classes.get(folded).copied().unwrap_or(0)
}

/// Returns whether a folded word is a first name of the INSEE-based list.
pub fn is_first_name(folded: &str) -> bool {
    lexicon().first_names.contains(folded)
}

/// Returns whether a folded, space-separated full name is a common eponym.
pub fn is_eponym(folded_full_name: &str) -> bool {
    lexicon().eponyms.contains(folded_full_name)
}

/// Forces the lexicon to load, so that the first scan does not pay for it.
pub fn preload() {
    let _ = lexicon();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(word: &str) -> String {
        let mut out = String::new();
        fold_into(word, &mut out);
        out
    }

    #[test]
    fn fold_removes_case_and_accents() {
        assert_eq!(folded("HÉLÈNE"), "helene");
        assert_eq!(folded("Cœur"), "coeur");
        assert_eq!(folded("Ç"), "c");
    }

    #[test]
    fn first_names_found_in_any_case() {
        assert!(is_first_name(&folded("Hélène")));
        assert!(is_first_name(&folded("JEAN")));
        assert!(is_first_name(&folded("Pierre")));
        assert!(!is_first_name(&folded("Saint")));
        assert!(!is_first_name(&folded("rue")));
    }

    #[test]
    fn classes_combine_flags() {
        let ecole = classes_of("ecole");
        assert_ne!(ecole & class::NAMED_PLACE, 0);
        assert_ne!(ecole & class::ORG, 0);
        assert_ne!(classes_of("mme") & class::CIVILITY, 0);
        assert_eq!(classes_of("martin"), 0);
    }
}
