//! Columns whose header names personal data (`nom`, `prénom`, `adresse`,
//! `date_naissance`), and the rules that read their cells.
//!
//! In such a column every non-empty cell is a candidate, so no context word is needed
//! (`Dupont` alone under `nom` is a surname). The confidence still depends on the cell and
//! on the rest of the record. A cell with an organisation word (SARL, association,
//! commune) is not a private person, and a name next to a SIRET is at most a sole trader.
//! An address belongs to a private person only when the record's party is not an
//! organisation.

use crate::analysis::Analysis;
use crate::finding::{Category, Kind, Span};
use crate::ident::nir_is_valid;
use crate::lexicon::{class, fold_into};
use crate::policy::ColumnMode;
use crate::token::Shape;

/// Most words a cell of a name column may have; longer cells are scanned as free text.
const MAX_NAME_CELL_WORDS: usize = 6;

/// Words that, next to `nom`, still designate a natural person's name.
const PERSON_NAME_QUALIFIERS: &[&str] = &[
    "usage",
    "naissance",
    "famille",
    "jeune",
    "fille",
    "epoux",
    "epouse",
    "personne",
    "usager",
    "demandeur",
    "demandeuse",
    "requerant",
    "proprietaire",
    "locataire",
    "agent",
    "representant",
    "declarant",
    "defunt",
    "enfant",
    "parent",
    "eleve",
    "adherent",
    "particulier",
    "candidat",
    "et",
    "complet",
    "de",
    "d",
    "du",
];

/// Words that name the party of a grant or contract, which may be a company.
const PARTY_WORDS: &[&str] = &["beneficiaire", "titulaire", "attributaire", "laureat"];

/// Words that, next to `adresse`, still designate where a person lives. Any other word
/// (`adresse_station`, `adresse des travaux`, `adresse mail`) makes the column about
/// something else.
const PERSONAL_ADDRESS_WORDS: &[&str] = &[
    "adresse",
    "adr",
    "domicile",
    "postale",
    "postal",
    "personnelle",
    "personnel",
    "complete",
    "ligne",
    "principale",
    "habitation",
    "residence",
    "la",
];

/// Link words allowed between `nom` and the party word (`Nom du bénéficiaire`).
const LINK_WORDS: &[&str] = &["de", "d", "du", "la", "l", "des"];

/// Returns the scan mode implied by a column header that names personal data, or `None`
/// for any other header.
///
/// NOTE: e-mail and phone columns are not read by header. Their cells go through the
/// patterns, so a malformed phone number under `téléphone` is not reported. Words are compared without case or accents, and camelCase
/// headers are split (`nomBeneficiaire` reads as `nom beneficiaire`).
pub fn personal_column_mode(column: &str) -> Option<ColumnMode> {
    let words = header_words(column);
    let has = |word: &str| words.iter().any(|w| w == word);

    if has("nir") || has("secu") || (has("securite") && has("sociale")) {
        return Some(ColumnMode::NationalId);
    }
    if has("naissance") && !has("nom") && !has("lieu") {
        return Some(ColumnMode::BirthDate);
    }
    let address_word = has("adresse") || has("adr") || has("domicile");
    if address_word {
        // A party's address (`adresse_beneficiaire`) may be a company's: the record's
        // other cells decide, see [`scan_address_column_cell`].
        let personal = words.iter().all(|w| {
            PERSONAL_ADDRESS_WORDS.contains(&w.as_str())
                || PERSON_NAME_QUALIFIERS.contains(&w.as_str())
                || PARTY_WORDS.contains(&w.as_str())
        });
        return personal.then_some(ColumnMode::PostalAddress);
    }
    if has("prenom") || has("prenoms") || has("patronyme") || has("nomprenom") {
        return Some(ColumnMode::PersonalName);
    }
    if words.iter().any(|w| PARTY_WORDS.contains(&w.as_str())) {
        let other_words_fit = words.iter().all(|w| {
            w == "nom"
                || w == "denomination"
                || PARTY_WORDS.contains(&w.as_str())
                || LINK_WORDS.contains(&w.as_str())
        });
        return other_words_fit.then_some(ColumnMode::PersonName);
    }
    if has("nom") {
        let qualified = words
            .iter()
            .all(|w| w == "nom" || PERSON_NAME_QUALIFIERS.contains(&w.as_str()));
        return qualified.then_some(ColumnMode::PersonalName);
    }
    None
}

/// Returns whether a header names a first name (`prénom`, `prenoms`), which comes before
/// the surname when a record's name is spread over several columns.
pub fn is_first_name_column(column: &str) -> bool {
    header_words(column)
        .iter()
        .any(|w| w == "prenom" || w == "prenoms")
}

/// Returns whether a header names a SIRET or SIREN number: `siret`, `SIREN`, or the
/// identifier of a party (`idBeneficiaire`, which SCDL subventions fills with a SIRET).
pub fn is_company_id_column(column: &str) -> bool {
    let words = header_words(column);
    let names_id = words
        .iter()
        .any(|w| w.starts_with("siret") || w.starts_with("siren"));
    let party_id = words
        .iter()
        .any(|w| matches!(w.as_str(), "id" | "identifiant" | "identification"))
        && words.iter().any(|w| PARTY_WORDS.contains(&w.as_str()));
    names_id || party_id
}

/// Returns whether a cell contains only a SIREN (9 digits) or SIRET (14 digits).
pub fn is_company_id(cell: &str) -> bool {
    let digits = cell.bytes().filter(u8::is_ascii_digit).count();
    let only_digits_and_spaces = cell.bytes().all(|b| b.is_ascii_digit() || b == b' ');
    only_digits_and_spaces && (digits == 9 || digits == 14)
}

fn header_words(column: &str) -> Vec<String> {
    // Split camelCase before folding: `nomBeneficiaire` becomes `nom Beneficiaire`.
    let mut spaced = String::with_capacity(column.len() + 4);
    let mut previous_lower = false;
    for c in column.trim().chars() {
        if c.is_uppercase() && previous_lower {
            spaced.push(' ');
        }
        previous_lower = c.is_lowercase();
        spaced.push(c);
    }
    let mut folded = String::new();
    fold_into(&spaced, &mut folded);
    // Digits are separators too: `adresse1` and `adresse_2` read as `adresse`.
    folded
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Context from the other cells of a record about the party of a cell.
#[derive(Debug, Clone, Copy, Default)]
pub struct RowContext {
    /// A SIRET or SIREN column of the record is filled: the party is registered as a
    /// business, so a name is at most a sole trader's.
    pub company_id: bool,
    /// A name column of the record names an organisation (legal form, public body).
    pub organisation: bool,
    /// Another cell of the record names a private person (not an official, not a sole
    /// trader).
    pub person: bool,
    /// The table has a column that names a person or a party (`nom`, `bénéficiaire`).
    pub name_column: bool,
}

/// Outcome of a name-column cell.
pub enum NameCell {
    /// The cell names an organisation or an official: nothing to report.
    Organisation,
    /// The cell is a name; the span is pushed.
    Person,
    /// The cell is too long or not name-shaped: scan it as free text.
    FreeText,
}

/// Reads a cell of a column such as `nom` or `prénom`.
///
/// The span starts after a leading civilité, so `M. Jean Dupont` and `Jean Dupont` in
/// another column get the same pseudonym.
pub fn scan_name_column_cell(
    a: &Analysis,
    text: &str,
    row: &RowContext,
    out: &mut Vec<Span>,
) -> NameCell {
    let mut words = 0;
    let mut first_name = false;
    let mut civility = false;
    let mut sole_trader = false;
    let mut lower_words = 0;
    let mut first = None;
    let mut last = None;
    for index in 0..a.len() {
        let Some(token) = a.token(index) else { break };
        if a.has_class(index, class::ORG | class::NAMED_PLACE | class::ROLE) {
            return NameCell::Organisation;
        }
        match token.shape {
            Shape::Number => return NameCell::FreeText,
            Shape::Punct => {
                if !a.is_any_punct(index, text, &['-', '\'', '’', '.', '(', ')']) {
                    return NameCell::FreeText;
                }
                continue;
            }
            _ => {}
        }
        if first.is_none() && a.has_class(index, class::CIVILITY) {
            civility = true;
            continue;
        }
        let marker = match a.folded(index) {
            "ei" | "eirl" => token.shape == Shape::Upper,
            _ => a.has_class(index, class::SOLE_TRADER),
        };
        if marker {
            sole_trader = true;
            continue;
        }
        words += 1;
        first_name |= a.is_first_name(index);
        if token.shape == Shape::Lower && !a.has_class(index, class::PARTICLE) {
            lower_words += 1;
        }
        first.get_or_insert(index);
        last = Some(index);
    }
    let (Some(first), Some(last)) = (first, last) else {
        return NameCell::Organisation;
    };
    if words > MAX_NAME_CELL_WORDS || lower_words > 1 {
        return NameCell::FreeText;
    }

    let cue = first_name || civility;
    let (category, score) = if row.company_id {
        if !cue {
            return NameCell::Organisation;
        }
        (Category::SoleTrader, 60)
    } else if sole_trader {
        (Category::SoleTrader, 85)
    } else if lower_words > 0 {
        (Category::Private, 65)
    } else if cue {
        (Category::Private, 90)
    } else {
        (Category::Private, 85)
    };
    out.push(Span {
        start: a.start_of(first),
        end: a.end_of(last),
        kind: Kind::Person,
        category,
        score,
        rule: "person.name_column",
    });
    NameCell::Person
}

/// Reads a cell of a column such as `adresse` or `domicile`. Nothing is reported when the
/// record's party is an organisation or a registered business and no private person is
/// named. A street (number, street type or postcode) next to a named person is high
/// confidence.
pub fn scan_address_column_cell(a: &Analysis, text: &str, row: &RowContext, out: &mut Vec<Span>) {
    let Some(start) = (0..a.len()).find(|&index| {
        a.token(index)
            .is_some_and(|t| t.is_word() || t.shape == Shape::Number)
    }) else {
        return;
    };
    if row.organisation && !row.person {
        return;
    }
    if row.company_id && !row.person {
        return;
    }
    let street = (0..a.len()).any(|index| {
        a.has_class(index, class::VOIE)
            || a.token(index)
                .is_some_and(|t| t.shape == Shape::Number && t.text(text).len() == 5)
    });
    // Without a named person, an address in a table with a name column probably belongs
    // to the person whose name cell is empty. In a table without a name column it is
    // probably a place (a tree, a charging station), so it is low and not reported by
    // default. Without a street, the cell may be a lieu-dit (`Kerlann`) or only a city.
    let score = match (street, row.person, row.name_column) {
        (true, true, _) => 90,
        (true, false, true) => 70,
        (false, true, _) => 60,
        _ => 40,
    };
    let end = a.end_of(a.len() - 1);
    out.push(Span {
        start: a.start_of(start),
        end,
        kind: Kind::Address,
        category: Category::Private,
        score,
        rule: "address.column",
    });
}

/// Reads a cell of a column such as `date_naissance`: a cell with digits is a date of
/// birth, and other text is reported at low confidence only.
pub fn scan_birth_date_column_cell(a: &Analysis, text: &str, out: &mut Vec<Span>) {
    if a.len() == 0 {
        return;
    }
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    out.push(Span {
        start: a.start_of(0),
        end: a.end_of(a.len() - 1),
        kind: Kind::BirthDate,
        category: Category::Private,
        score: if has_digit { 90 } else { 40 },
        rule: "birth_date.column",
    });
}

/// Reads a cell of a column such as `NIR`: a value of 13 to 15 digits, spaces apart (the
/// department may be `2A` or `2B`), is a NIR. One whose check key is wrong is still
/// reported, at medium confidence, because the column says what it is.
pub fn scan_national_id_column_cell(text: &str, out: &mut Vec<Span>) {
    let trimmed = text.trim();
    let digits = trimmed.bytes().filter(u8::is_ascii_digit).count();
    let shaped = trimmed
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b' ' || b == b'.' || b"ABab".contains(&b));
    if !shaped || !(13..=15).contains(&digits) {
        return;
    }
    let start = text.len() - text.trim_start().len();
    out.push(Span {
        start,
        end: start + trimmed.len(),
        kind: Kind::Nir,
        category: Category::Private,
        score: if nir_is_valid(trimmed) { 95 } else { 70 },
        rule: "nir.column",
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_naming_personal_data() {
        let cases = [
            ("nom", Some(ColumnMode::PersonalName)),
            ("Prénom", Some(ColumnMode::PersonalName)),
            ("nom_prenom", Some(ColumnMode::PersonalName)),
            ("Nom d'usage", Some(ColumnMode::PersonalName)),
            ("nomBeneficiaire", Some(ColumnMode::PersonName)),
            ("beneficiaire", Some(ColumnMode::PersonName)),
            ("adresse", Some(ColumnMode::PostalAddress)),
            ("Adresse postale", Some(ColumnMode::PostalAddress)),
            ("domicile", Some(ColumnMode::PostalAddress)),
            ("date_naissance", Some(ColumnMode::BirthDate)),
            ("dateNaissance", Some(ColumnMode::BirthDate)),
            ("adresse_mail", None),
            ("adresse_station", None),
            ("adresse1", Some(ColumnMode::PostalAddress)),
            ("Adresse du demandeur", Some(ColumnMode::PostalAddress)),
            ("adresse_beneficiaire", Some(ColumnMode::PostalAddress)),
            (" Nom du bénéficiaire* ", Some(ColumnMode::PersonName)),
            ("Adresse des travaux", None),
            ("nom_commune", None),
            ("COLL_NOM", None),
            ("nomAttribuant", None),
            ("LIEU_EXEC_NOM", None),
            ("nom de naissance", Some(ColumnMode::PersonalName)),
            ("objet", None),
            ("NIR", Some(ColumnMode::NationalId)),
            ("Numéro de sécurité sociale", Some(ColumnMode::NationalId)),
            ("code_insee", None),
        ];
        for (header, expected) in cases {
            assert_eq!(personal_column_mode(header), expected, "header {header:?}");
        }
    }

    #[test]
    fn company_id_cells() {
        assert!(is_company_id("12345678900011"));
        assert!(is_company_id("123 456 789"));
        assert!(!is_company_id("12 rue des Lilas"));
        assert!(!is_company_id(""));
        assert!(is_company_id_column("SIRET bénéficiaire"));
        assert!(is_company_id_column("idBeneficiaire"));
        assert!(is_company_id_column(" Identification du bénéficiaire* "));
        assert!(!is_company_id_column("idAttribuant"));
        assert!(is_first_name_column("Prénoms"));
        assert!(!is_first_name_column("nom"));
    }
}
