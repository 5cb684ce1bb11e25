//! Private postal addresses and dates of birth.
//!
//! An address (`286 avenue du Petit Train`, `demeurant lieu-dit Les Granges, 12340 Bozouls`)
//! is personal when a domicile word introduces it or when it sits next to the name of a
//! private person. An address alone usually designates works or public property in an act
//! (`Terrain situé 11 rue Jules Ferry`) and is left alone. A date is a date of birth only
//! after `né le`, `née le` or `date de naissance`: acts are full of other dates.

use crate::analysis::Analysis;
use crate::finding::{Category, Kind, Span};
use crate::lexicon::class;
use crate::token::Shape;

/// Most words a street name may have after its street type.
const MAX_STREET_WORDS: usize = 7;
/// Most tokens between a person's name and an address that belongs to them.
const MAX_PERSON_GAP: usize = 6;

/// Appends private address spans to `out`; `persons` are the person spans already found.
pub fn find_addresses(a: &Analysis, text: &str, persons: &[Span], out: &mut Vec<Span>) {
    let mut index = 0;
    while index < a.len() {
        if a.has_class(index, class::DOMICILE) {
            let start = skip_link_words(a, text, index + 1);
            if let Some(end) = address_at(a, text, start).or_else(|| city_at(a, text, start)) {
                out.push(address(a, start, end, 90, "address.domicile"));
                index = end;
                continue;
            }
        } else if a.shape(index) == Some(Shape::Number)
            && let Some(end) = address_at(a, text, index)
        {
            if let Some(score) = owner_nearby(a, persons, index, end) {
                out.push(address(a, index, end, score, "address.person"));
            }
            index = end;
            continue;
        }
        index += 1;
    }
}

/// Skips `à`, `au`, `en`, `:` after a domicile word.
fn skip_link_words(a: &Analysis, text: &str, mut index: usize) -> usize {
    while matches!(a.folded(index), "a" | "au" | "en" | "aux") || a.is_punct(index, text, ':') {
        index += 1;
    }
    index
}

/// Parses `[number [bis|ter|A]] [,] street-type name [, postcode city]` and returns the
/// index after it. Without a number, the address must start with a street type.
fn address_at(a: &Analysis, text: &str, start: usize) -> Option<usize> {
    let mut index = start;
    if a.shape(index) == Some(Shape::Number) {
        let digits = a.token(index)?.end - a.token(index)?.start;
        if digits > 4
            || !a
                .token(index)?
                .text(text)
                .bytes()
                .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        index += 1;
        if matches!(
            a.folded(index),
            "bis" | "ter" | "quater" | "a" | "b" | "c" | "d"
        ) {
            index += 1;
        }
        if a.is_punct(index, text, ',') {
            index += 1;
        }
    }
    if !a.has_class(index, class::VOIE)
        || a.folded(index) == "grande" && a.folded(index + 1) != "rue"
    {
        return None;
    }
    index += 1;
    // `lieu-dit`, `rond-point`: the second half of the street type.
    if a.is_punct(index, text, '-') && a.joined(index) {
        index += 2;
    }
    let end = street_name_end(a, text, index)?;
    Some(postcode_city_end(a, text, end).unwrap_or(end))
}

/// Returns the index after the street name that starts at `index`.
fn street_name_end(a: &Analysis, text: &str, mut index: usize) -> Option<usize> {
    let mut end = None;
    let mut words = 0;
    while words < MAX_STREET_WORDS {
        let Some(token) = a.token(index) else { break };
        if token.is_word() {
            let stop = a.has_class(index, class::DOMICILE | class::CIVILITY)
                || matches!(
                    a.folded(index),
                    "et" | "pour"
                        | "a"
                        | "sur"
                        | "avec"
                        | "en"
                        | "au"
                        | "commune"
                        | "cadastre"
                        | "cadastree"
                );
            if stop && words > 0 {
                break;
            }
            words += 1;
            index += 1;
            end = Some(index);
        } else if a.is_any_punct(index, text, &['\'', '’', '-']) && words > 0 {
            index += 1;
        } else {
            break;
        }
    }
    end
}

/// Returns the index after `[,] 34000 Montpellier` following a street, if present.
fn postcode_city_end(a: &Analysis, text: &str, index: usize) -> Option<usize> {
    let code = if a.is_punct(index, text, ',') {
        index + 1
    } else {
        index
    };
    let token = a.token(code)?;
    let postcode = token.text(text);
    if postcode.len() != 5 || !postcode.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    city_at(a, text, code + 1)
}

/// Returns the index after a city name (`Montpellier`, `Saint-Jean-de-Védas`).
fn city_at(a: &Analysis, text: &str, start: usize) -> Option<usize> {
    let mut index = start;
    let mut end = None;
    for _ in 0..8 {
        let Some(token) = a.token(index) else { break };
        if token.is_capitalised() && !a.has_class(index, class::FUNCTION) {
            index += 1;
            end = Some(index);
        } else if end.is_some()
            && a.joined(index)
            && (a.is_punct(index, text, '-') || a.has_class(index, class::PARTICLE))
        {
            // `Saint-Jean-de-Védas`: hyphens and particles inside a compound city name.
            index += 1;
        } else {
            break;
        }
    }
    end
}

/// Returns a score when a private person's name sits just before or after the address.
fn owner_nearby(a: &Analysis, persons: &[Span], start: usize, end: usize) -> Option<u8> {
    let start_byte = a.start_of(start);
    let end_byte = a.end_of(end.saturating_sub(1));
    // Persons come in text order without overlaps: only the nearest one on each side of
    // the address can be close enough.
    let before = persons.partition_point(|person| person.end <= start_byte);
    let after = persons.partition_point(|person| person.start < end_byte);
    let nearest = [before.checked_sub(1), Some(after)];
    nearest
        .into_iter()
        .flatten()
        .filter_map(|index| persons.get(index))
        .filter(|person| person.category != crate::finding::Category::Official)
        .find_map(|person| {
            let gap = if person.end <= start_byte {
                a.token_at_or_after(start_byte)
                    .saturating_sub(a.token_at_or_after(person.end))
            } else if person.start >= end_byte {
                a.token_at_or_after(person.start)
                    .saturating_sub(a.token_at_or_after(end_byte))
            } else {
                return None;
            };
            (gap <= MAX_PERSON_GAP).then_some(if person.score >= 80 { 88 } else { 70 })
        })
}

fn address(a: &Analysis, start: usize, end: usize, score: u8, rule: &'static str) -> Span {
    let start_byte = a.start_of(start);
    let end_byte = a.end_of(end.saturating_sub(1)).max(start_byte);
    Span {
        start: start_byte,
        end: end_byte,
        kind: Kind::Address,
        category: Category::Private,
        score,
        rule,
    }
}

const MONTHS: &[&str] = &[
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];

/// Appends date-of-birth spans to `out`.
pub fn find_birth_dates(a: &Analysis, text: &str, out: &mut Vec<Span>) {
    for index in 0..a.len() {
        let Some(date_start) = birth_cue_end(a, text, index) else {
            continue;
        };
        if let Some(date_end) = date_at(a, text, date_start) {
            let start = a.start_of(date_start);
            let end = a.end_of(date_end.saturating_sub(1)).max(start);
            let span = Span {
                start,
                end,
                kind: Kind::BirthDate,
                category: Category::Private,
                score: 90,
                rule: "birth_date.cue",
            };
            out.push(span);
        }
    }
}

/// Returns the index where the date starts after `né le`, `née le`, `né(e) le` or
/// `date de naissance :`, if the token at `index` opens such a cue.
fn birth_cue_end(a: &Analysis, text: &str, index: usize) -> Option<usize> {
    match a.folded(index) {
        "ne" | "nee" | "nes" | "nees" => {
            let mut next = index + 1;
            // `né(e)`
            if a.is_punct(next, text, '(') && a.is_punct(next + 2, text, ')') {
                next += 3;
            }
            matches!(a.folded(next), "le" | "en").then_some(next + 1)
        }
        "naissance" => {
            let mut next = index + 1;
            while a.is_punct(next, text, ':') || matches!(a.folded(next), "le" | "du") {
                next += 1;
            }
            Some(next)
        }
        _ => None,
    }
}

/// Parses `12/03/1965`, `12.03.1965`, `1965-03-12`, `12 mars 1965`, `1er mars 1965` or a
/// year alone (`né en 1965`), and returns the index after it.
fn date_at(a: &Analysis, text: &str, start: usize) -> Option<usize> {
    let first = a.token(start)?;
    if first.shape != Shape::Number {
        return None;
    }
    let numeric = |index: usize| a.shape(index) == Some(Shape::Number);
    let separated = |index: usize| a.is_any_punct(index, text, &['/', '.', '-']);
    if separated(start + 1) && numeric(start + 2) && separated(start + 3) && numeric(start + 4) {
        return Some(start + 5);
    }
    if MONTHS.contains(&a.folded(start + 1)) && numeric(start + 2) {
        return Some(start + 3);
    }
    let year = first.text(text);
    (year.len() == 4 && (year.starts_with("19") || year.starts_with("20"))).then_some(start + 1)
}
