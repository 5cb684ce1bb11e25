//! Sorts a detected name into official acting in office, staff member, private person or
//! unknown, from the words around it.
//!
//! Elected officials and public authorities named in their role (`Mme Durand, adjointe aux
//! finances`, `Rapporteur : M. Martin`, `élection de M. Petit`) are published on purpose
//! and not redacted by default. Staff named in an individual decision are, and so are
//! private persons. Grades that contain an office word (`adjoint technique`) are staff.

use crate::analysis::Analysis;
use crate::finding::Category;
use crate::lexicon::class;

/// Words that introduce an appointment or an election of council members.
const OFFICE_EVENTS: &[&str] = &[
    "election",
    "elections",
    "designation",
    "designations",
    "demission",
    "delegation",
    "delegations",
    "elu",
    "elue",
    "representant",
    "representants",
    "rapporteur",
];

/// Words that, right after an office word, turn it into a staff grade.
const GRADE_SUFFIXES: &[&str] = &[
    "technique",
    "administratif",
    "administrative",
    "d",
    "du",
    "territorial",
];

/// Returns the category of the name at `name_start..name_end`, whose cue (a civilité or the
/// name itself) starts at `cue_start`.
pub fn categorise(
    a: &Analysis,
    text: &str,
    cue_start: usize,
    name_start: usize,
    name_end: usize,
) -> Category {
    debug_assert!(cue_start <= name_start && name_start <= name_end);
    if let Some(category) = role_after(a, text, name_end) {
        return category;
    }
    if role_before(a, text, cue_start) {
        return Category::Official;
    }
    if a.agent_cue {
        Category::Agent
    } else if a.private_cue {
        Category::Private
    } else {
        Category::Unknown
    }
}

/// Reads the words after a name: `, adjointe aux finances`, `en qualité de conseiller`.
fn role_after(a: &Analysis, text: &str, name_end: usize) -> Option<Category> {
    let mut index = name_end;
    for _ in 0..6 {
        if a.is_any_punct(index, text, &[',', '(', '-', '–', ':']) {
            index += 1;
            continue;
        }
        if matches!(
            a.folded(index),
            "en" | "qualite"
                | "de"
                | "d"
                | "comme"
                | "nouveau"
                | "nouvelle"
                | "au"
                | "l"
                | "ancien"
                | "ancienne"
        ) {
            index += 1;
            continue;
        }
        break;
    }
    // `1er adjoint`, `premier vice-président`: skip a rank.
    if a.shape(index) == Some(crate::token::Shape::Number)
        || matches!(a.folded(index), "premier" | "premiere")
    {
        index += 1;
    }

    let classes = a.classes(index);
    if classes & class::ROLE != 0 && heads_private_body(a, index) {
        return None;
    }
    if classes & class::ROLE != 0 {
        let grade =
            GRADE_SUFFIXES.contains(&a.folded(index + 1)) && a.folded(index).starts_with("adjoint");
        let staff_post = matches!(
            a.folded(index),
            "directeur" | "directrice" | "secretaire" | "comptable"
        );
        return Some(if grade || (staff_post && a.agent_cue) {
            Category::Agent
        } else {
            Category::Official
        });
    }
    if classes & class::AGENT_GRADE != 0 {
        return Some(Category::Agent);
    }
    None
}

/// Words naming private bodies: their presidents or treasurers are private persons.
const PRIVATE_BODIES: &[&str] = &[
    "association",
    "societe",
    "club",
    "comite",
    "amicale",
    "entreprise",
    "sarl",
    "sas",
    "sci",
    "cooperative",
    "federation",
    "ligue",
    "union",
    "fondation",
    "collectif",
    "compagnie",
    "copropriete",
];

/// Returns whether the office word at `index` heads a private body: `président de la
/// société de chasse`, `trésorière de l'amicale`.
fn heads_private_body(a: &Analysis, index: usize) -> bool {
    (index + 1..index + 5).any(|next| PRIVATE_BODIES.contains(&a.folded(next)))
}

/// Reads the words before the cue: `Rapporteur : M. X`, `le Maire, M. X`, `élection de M. X`.
fn role_before(a: &Analysis, text: &str, cue_start: usize) -> bool {
    let window = cue_start.saturating_sub(6)..cue_start;
    if window
        .clone()
        .any(|index| OFFICE_EVENTS.contains(&a.folded(index)))
    {
        return true;
    }
    let Some(previous) = cue_start.checked_sub(1) else {
        return false;
    };
    let role_just_before = a.has_class(previous, class::ROLE);
    let role_then_punct = a.is_any_punct(previous, text, &[',', ':'])
        && previous
            .checked_sub(1)
            .is_some_and(|index| a.has_class(index, class::ROLE));
    role_just_before || role_then_punct
}
