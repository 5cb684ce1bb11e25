//! Person names of private individuals in free text, found by context rules.
//!
//! Rules, strongest first: a civilité before a name (`M. Jean MARTIN`, `M. et Mme Durand`,
//! `Mme X née Y`); a family or estate word (`consorts`, `époux`, `indivision`); a property
//! word before an upper-case surname (`Propriété RICARD`); a first name from the INSEE
//! lexicon next to an upper-case surname (`Jean MARTIN`, `MARTIN Jean`), an initial and
//! a surname (`J. MARTIN`), or a first name and a capitalised word in an act about a private
//! person. Names after a street, building or organisation word, after `Saint`, or on the
//! list of common eponyms are left alone, and so are roles (`M. le Maire`).
//! [`crate::officials`] then sorts officials acting in office from private persons.
//! Names without any of these cues (a lone `Martin`) are out of reach by design.

use crate::analysis::Analysis;
use crate::finding::{Category, Kind, Span};
use crate::lexicon::class;
use crate::officials::categorise;
use crate::token::Shape;

/// Most words a name may have, particles not counted.
const MAX_NAME_WORDS: usize = 4;

/// Classes that end a name: the next word starts something else.
const NAME_STOP: u32 = class::ROLE
    | class::ORG
    | class::VOIE
    | class::NAMED_PLACE
    | class::DOMICILE
    | class::FAMILY
    | class::PROPERTY
    | class::CIVILITY
    | class::SAINT
    | class::SOLE_TRADER;

/// Appends the person spans of the analysed text to `out`, officials included (with
/// [`Category::Official`]); the scanner filters them according to its policy.
pub fn find_persons(a: &Analysis, text: &str, out: &mut Vec<Span>) {
    let mut index = 0;
    while index < a.len() {
        let next = if is_civility(a, text, index) {
            civility_rule(a, text, index, out)
        } else if a.has_class(index, class::FAMILY) {
            family_rule(a, text, index, out)
        } else if a.has_class(index, class::PROPERTY) {
            property_rule(a, text, index, out)
        } else {
            bare_name_rule(a, text, index, out)
        };
        index = next.max(index + 1);
    }
}

/// Returns whether the token is a civilité as written before a name.
fn is_civility(a: &Analysis, text: &str, index: usize) -> bool {
    if !a.has_class(index, class::CIVILITY) {
        return false;
    }
    let period = a.is_punct(index + 1, text, '.');
    match (a.folded(index), a.shape(index)) {
        ("m", Some(Shape::Initial)) => period,
        ("mm" | "mr", Some(Shape::Title | Shape::Upper)) => true,
        ("me" | "dr" | "pr", Some(Shape::Title | Shape::Upper)) => {
            name_word_at(a, index + 1 + usize::from(period))
        }
        (_, Some(Shape::Lower)) => a.folded(index).len() > 3,
        (_, Some(_)) => true,
        _ => false,
    }
}

/// Returns the index after a civilité and its period.
fn after_civility(a: &Analysis, text: &str, index: usize) -> usize {
    if a.is_punct(index + 1, text, '.') {
        index + 2
    } else {
        index + 1
    }
}

fn civility_rule(a: &Analysis, text: &str, index: usize, out: &mut Vec<Span>) -> usize {
    let mut next = after_civility(a, text, index);
    // `M. et Mme`, `Monsieur et Madame`: the name follows the last civilité.
    while a.is_word(next, "et") && is_civility(a, text, next + 1) {
        next = after_civility(a, text, next + 1);
    }
    if odonym_before_civility(a, index) {
        return next;
    }
    let Some(mut end) = collect_name(a, text, next, true) else {
        return next;
    };

    // `Mme Anne DURAND née LEBLANC`, `Mme Martin épouse Durand`.
    if matches!(
        a.folded(end),
        "nee" | "ne" | "epouse" | "veuve" | "divorcee" | "dite" | "dit"
    ) && let Some(maiden_end) = collect_name(a, text, end + 1, true)
    {
        end = maiden_end;
    }

    let mut category = categorise(a, text, index, next, end);
    if category != Category::Official && follows_official(a, text, index, out) {
        category = Category::Official;
    }
    out.push(person(a, next, end, 92, category, "person.civility"));
    end
}

/// Returns whether the civilité at `index` continues a list (`, ` or `et`) whose previous
/// name is an official: `représentants : M. Jean Dumas et Mme Sylvie Renaud`.
fn follows_official(a: &Analysis, text: &str, index: usize, out: &[Span]) -> bool {
    let Some(previous) = out.last() else {
        return false;
    };
    let linked =
        a.is_word(index.wrapping_sub(1), "et") || a.is_punct(index.wrapping_sub(1), text, ',');
    let adjacent = a.end_of(index.wrapping_sub(2)) == previous.end;
    previous.category == Category::Official && linked && adjacent
}

fn family_rule(a: &Analysis, text: &str, index: usize, out: &mut Vec<Span>) -> usize {
    let mut next = index + 1;
    // `ayants droit de`, `succession de`: skip the link word, a civilité is handled next.
    while matches!(a.folded(next), "droit" | "de" | "du" | "des")
        && a.shape(next) == Some(Shape::Lower)
    {
        next += 1;
    }
    if is_civility(a, text, next) || odonym_before(a, text, index) {
        return next;
    }
    let Some(end) = collect_name(a, text, next, false) else {
        return next;
    };
    let score = if a.folded(index) == "famille" { 70 } else { 88 };
    out.push(person(
        a,
        next,
        end,
        score,
        Category::Private,
        "person.family",
    ));
    chain_names(a, text, end, score, out)
}

fn property_rule(a: &Analysis, text: &str, index: usize, out: &mut Vec<Span>) -> usize {
    let mut next = index + 1;
    while a.is_any_punct(next, text, &['«', '"', '“', ':']) {
        next += 1;
    }
    if a.has_class(next, class::FAMILY) || is_civility(a, text, next) {
        return next;
    }
    // `Propriété RICARD` and `PROPRIETE FORLINI` name owners; `Propriété Martin` might
    // name a place, so a title-case word needs an act about a private person.
    let score = match a.shape(next) {
        Some(Shape::Upper) if a.all_caps => 70,
        Some(Shape::Upper) => 85,
        Some(Shape::Title) if a.private_cue => 60,
        _ => return next,
    };
    if a.has_class(next, class::COMMON | class::FUNCTION) || organisation_follows(a, text, next) {
        return next;
    }
    let Some(end) = collect_name(a, text, next, false) else {
        return next;
    };
    out.push(person(
        a,
        next,
        end,
        score,
        Category::Private,
        "person.property",
    ));
    chain_names(a, text, end, score, out)
}

/// After a cued name, takes `et NAME` and `, NAME` continuations as further persons.
fn chain_names(a: &Analysis, text: &str, mut end: usize, score: u8, out: &mut Vec<Span>) -> usize {
    while (a.is_word(end, "et") || a.is_punct(end, text, ','))
        && a.shape(end + 1) == Some(Shape::Upper)
        && !a.has_class(end + 1, class::COMMON | class::FUNCTION)
    {
        let Some(next_end) = collect_name(a, text, end + 1, false) else {
            break;
        };
        out.push(person(
            a,
            end + 1,
            next_end,
            score,
            Category::Private,
            "person.family",
        ));
        end = next_end;
    }
    end
}

/// Names without a cue word: first name and surname in either order, or initial and surname.
fn bare_name_rule(a: &Analysis, text: &str, index: usize, out: &mut Vec<Span>) -> usize {
    let Some(token) = a.token(index) else {
        return index + 1;
    };
    if !token.is_capitalised() && token.shape != Shape::Initial {
        return index + 1;
    }
    if part_of_compound(a, text, index) {
        return index + 1;
    }
    let found = first_name_then_surname(a, text, index)
        .or_else(|| surname_then_first_name(a, text, index))
        .or_else(|| initial_then_surname(a, text, index));
    let Some((end, score, rule)) = found else {
        return index + 1;
    };

    if odonym_before(a, text, index)
        || a.has_class(index.wrapping_sub(1), class::SAINT)
        || is_eponym(a, index, end)
    {
        return end;
    }
    let (category, score) = if organisation_follows(a, text, end.saturating_sub(1)) {
        return end;
    } else if sole_trader_near(a, index, end) {
        (Category::SoleTrader, score.max(75))
    } else {
        (categorise(a, text, index, index, end), score)
    };
    out.push(person(a, index, end, score, category, rule));
    end
}

/// `Jean MARTIN`, `Marie-Claire DE LA TOUR`, or `Jean Martin` in an act about a private person.
fn first_name_then_surname(
    a: &Analysis,
    text: &str,
    index: usize,
) -> Option<(usize, u8, &'static str)> {
    // Cheap shape test before the lexicon lookup: a first name is followed by a
    // capitalised word or by the hyphen of a compound first name.
    let next_fits =
        a.token(index + 1).is_some_and(|t| t.is_capitalised()) || a.is_punct(index + 1, text, '-');
    if !next_fits {
        return None;
    }
    let after_first = first_name_end(a, text, index)?;
    let surname_shape = a.shape(after_first)?;
    if !name_word_at(a, after_first) || a.has_class(after_first, class::COMMON) {
        return None;
    }
    let end = collect_name(a, text, after_first, false)?;
    let score = match surname_shape {
        Shape::Upper if a.all_caps => 55,
        Shape::Upper => 85,
        Shape::Title | Shape::Mixed if a.private_cue || a.agent_cue => 70,
        _ => return None,
    };
    Some((end, score, "person.first_name"))
}

/// `MARTIN Jean`, `DURAND Marie-Claire`.
fn surname_then_first_name(
    a: &Analysis,
    text: &str,
    index: usize,
) -> Option<(usize, u8, &'static str)> {
    if a.shape(index) != Some(Shape::Upper) || a.all_caps || !name_word_at(a, index) {
        return None;
    }
    if a.has_class(index, class::COMMON) || a.shape(index.wrapping_sub(1)) == Some(Shape::Upper) {
        return None;
    }
    if a.shape(index + 1) != Some(Shape::Title) {
        return None;
    }
    let end = first_name_end(a, text, index + 1)?;
    Some((end, 85, "person.surname_first_name"))
}

/// `J. MARTIN`, `J.-P. Durand` in an act about a private person.
fn initial_then_surname(
    a: &Analysis,
    text: &str,
    index: usize,
) -> Option<(usize, u8, &'static str)> {
    if a.shape(index) != Some(Shape::Initial) || !a.is_punct(index + 1, text, '.') {
        return None;
    }
    let mut next = index + 2;
    // A second initial: `J.-P.`
    if a.is_punct(next, text, '-')
        && a.shape(next + 1) == Some(Shape::Initial)
        && a.is_punct(next + 2, text, '.')
    {
        next += 3;
    }
    let score = match a.shape(next) {
        Some(Shape::Upper) if !a.all_caps => 75,
        Some(Shape::Title) if a.private_cue => 65,
        _ => return None,
    };
    if !name_word_at(a, next) || a.has_class(next, class::COMMON) {
        return None;
    }
    let end = collect_name(a, text, next, false)?;
    Some((end, score, "person.initial"))
}

/// Returns the index after a first name, hyphenated ones included (`Jean-Pierre`).
fn first_name_end(a: &Analysis, text: &str, index: usize) -> Option<usize> {
    if !a.is_first_name(index) {
        return None;
    }
    let mut end = index + 1;
    while a.is_punct(end, text, '-')
        && a.joined(end)
        && a.joined(end + 1)
        && a.is_first_name(end + 1)
    {
        end += 2;
    }
    Some(end)
}

/// Returns whether the token can be a word of a name.
fn name_word_at(a: &Analysis, index: usize) -> bool {
    let Some(token) = a.token(index) else {
        return false;
    };
    token.is_capitalised() && !a.has_class(index, NAME_STOP | class::FUNCTION)
}

/// Collects a name starting at `index` and returns the index after it.
///
/// A name is up to four capitalised words, with initials (`J.`), particles before a
/// capitalised word (`de`, `van`, `d'`) and hyphens inside compounds. With `after_civility`
/// the first word may also be a common word in capitals (`M. PETIT`).
fn collect_name(a: &Analysis, text: &str, index: usize, after_civility: bool) -> Option<usize> {
    let mut next = index;
    let mut end = None;
    let mut words = 0;
    while words < MAX_NAME_WORDS {
        let Some(shape) = a.shape(next) else { break };
        if shape == Shape::Initial
            && a.is_punct(next + 1, text, '.')
            && !a.has_class(next, class::FUNCTION)
        {
            next += 2;
        } else if is_name_word(a, next, words == 0 && after_civility)
            || (after_civility && words > 0 && is_closing_surname(a, next))
        {
            next += 1;
        } else if a.has_class(next, class::PARTICLE) && particle_leads_to_name(a, text, next) {
            next += if a.is_any_punct(next + 1, text, &['\'', '’']) {
                2
            } else {
                1
            };
            continue;
        } else if a.is_punct(next, text, '-') && words > 0 && a.joined(next) && a.joined(next + 1) {
            next += 1;
            continue;
        } else {
            break;
        }
        words += 1;
        end = Some(next);
    }
    end
}

/// Returns whether a capitalised place or common word ends a name after a civilité, as in
/// `M. Paul Salles,` or `Mme Anne Fontaine.`: it must be the last capitalised word.
fn is_closing_surname(a: &Analysis, index: usize) -> bool {
    let Some(token) = a.token(index) else {
        return false;
    };
    let place_or_common = a.has_class(index, class::NAMED_PLACE | class::VOIE | class::COMMON);
    let blocked = a.has_class(
        index,
        class::ROLE | class::ORG | class::CIVILITY | class::FUNCTION,
    );
    let last = !a.token(index + 1).is_some_and(|next| next.is_capitalised());
    token.shape == Shape::Title && place_or_common && !blocked && last
}

fn is_name_word(a: &Analysis, index: usize, lenient: bool) -> bool {
    let Some(token) = a.token(index) else {
        return false;
    };
    if !token.is_capitalised() || a.has_class(index, class::FUNCTION) {
        return false;
    }
    let stop = if lenient {
        class::ROLE | class::CIVILITY
    } else {
        NAME_STOP
    };
    if a.has_class(index, stop) {
        return false;
    }
    lenient || !(token.shape == Shape::Upper && a.all_caps && a.has_class(index, class::COMMON))
}

/// Returns whether a particle at `index` is followed (after an optional apostrophe) by a name word.
fn particle_leads_to_name(a: &Analysis, text: &str, index: usize) -> bool {
    let mut next = if a.is_any_punct(index + 1, text, &['\'', '’']) {
        index + 2
    } else {
        index + 1
    };
    // `de La Roche`, `van der Berg`: a second particle may follow the first.
    if a.has_class(next, class::PARTICLE) && !a.is_any_punct(next + 1, text, &['\'', '’']) {
        next += 1;
    }
    let Some(token) = a.token(next) else {
        return false;
    };
    token.is_capitalised() && !a.has_class(next, NAME_STOP | class::FUNCTION | class::COMMON)
}

/// Returns whether the token continues a hyphenated word such as `Saint-Jean-de-Luz`.
fn part_of_compound(a: &Analysis, text: &str, index: usize) -> bool {
    index >= 2 && a.is_punct(index - 1, text, '-') && a.joined(index - 1) && a.joined(index)
}

/// Returns whether a street or building word precedes a civilité: `rue du Docteur Roux`.
fn odonym_before_civility(a: &Analysis, index: usize) -> bool {
    let mut back = index;
    for _ in 0..3 {
        let Some(previous) = back.checked_sub(1) else {
            return false;
        };
        // `rue du Docteur Roux` is a street, but `l'immeuble de M. Martin` is his building:
        // building words count only right before the civilité.
        let governing = if back == index {
            class::VOIE | class::NAMED_PLACE
        } else {
            class::VOIE
        };
        if a.has_class(previous, governing) {
            return true;
        }
        if !matches!(a.folded(previous), "du" | "de" | "la" | "des") {
            return false;
        }
        back = previous;
    }
    false
}

/// Returns whether a street, building or organisation word governs the name at `index`:
/// `rue Jean Jaurès`, `groupe scolaire Marie Curie`, `Rues Rémy Belleau, Jacques Prévert et
/// Ronsard`, `Association Les Amis de Jean Moulin`. Walks back over names, particles,
/// commas and `et`, and stops at any other word.
fn odonym_before(a: &Analysis, text: &str, index: usize) -> bool {
    let mut back = index;
    let mut crossed_particle = false;
    for _ in 0..12 {
        let Some(previous) = back.checked_sub(1) else {
            return false;
        };
        let Some(token) = a.token(previous) else {
            return false;
        };
        // `rue de Jean Martin` and `Amis de Jean Moulin` are odonyms or organisations, but
        // `transport scolaire de Chloé Martin` names a child: a building word governs a
        // name only when it comes right before it.
        // Across a particle, an organisation word counts only when capitalised as part of
        // a name (`Amis de Jean Moulin`), not as a common noun (`frais de transport de`).
        let governing = if crossed_particle && token.is_capitalised() {
            class::VOIE | class::ORG
        } else if crossed_particle {
            class::VOIE
        } else {
            class::VOIE | class::NAMED_PLACE | class::ORG
        };
        if a.has_class(previous, governing) {
            return true;
        }
        if token.shape == Shape::Lower && a.has_class(previous, class::PARTICLE) {
            crossed_particle = true;
        }
        if a.has_class(previous, class::CIVILITY) {
            return false;
        }
        let skippable = match token.shape {
            Shape::Title | Shape::Upper | Shape::Mixed | Shape::Initial => true,
            Shape::Lower => {
                a.has_class(previous, class::PARTICLE)
                    || matches!(
                        a.folded(previous),
                        "et" | "dit" | "dite" | "rural" | "communal" | "vicinal"
                    )
            }
            Shape::Punct => a.is_any_punct(previous, text, &[',', '-', '\'', '’', '.', '"']),
            Shape::Number => false,
        };
        if !skippable {
            return false;
        }
        back = previous;
    }
    false
}

/// Returns whether an organisation word follows the name ending before `index + 1`,
/// within the same group of names: `Jean Martin SARL`, `Martin et Fils`,
/// `« NEXITY – SCI … »`. A lower-case word such as `pour` ends the group, so
/// `Samir Bouzid pour sa boulangerie` still names a person.
fn organisation_follows(a: &Analysis, text: &str, index: usize) -> bool {
    for next in index + 1..index + 8 {
        let Some(token) = a.token(next) else {
            return false;
        };
        if a.has_class(next, class::ORG) {
            return true;
        }
        let continues = match token.shape {
            Shape::Lower => a.folded(next) == "et" || a.has_class(next, class::PARTICLE),
            Shape::Punct => a.is_any_punct(next, text, &['-', '–', '&', '\'', '’']),
            _ => true,
        };
        if !continues {
            return false;
        }
    }
    false
}

/// Returns whether a sole-trader marker (`EI`, `entreprise individuelle`) sits next to the name.
fn sole_trader_near(a: &Analysis, start: usize, end: usize) -> bool {
    let window = start.saturating_sub(3)..end + 3;
    window
        .into_iter()
        .any(|index| a.has_class(index, class::SOLE_TRADER))
}

/// Returns whether the words of `start..end` spell a common eponym (`Jean Jaurès`).
fn is_eponym(a: &Analysis, start: usize, end: usize) -> bool {
    let mut key = String::new();
    for index in start..end {
        let folded = a.folded(index);
        if folded.is_empty() {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(folded);
    }
    crate::lexicon::is_eponym(&key)
}

fn person(
    a: &Analysis,
    start: usize,
    end: usize,
    score: u8,
    category: Category,
    rule: &'static str,
) -> Span {
    let start_byte = a.start_of(start);
    let end_byte = a.end_of(end.saturating_sub(1).max(start)).max(start_byte);
    Span {
        start: start_byte,
        end: end_byte,
        kind: Kind::Person,
        category,
        score,
        rule,
    }
}
