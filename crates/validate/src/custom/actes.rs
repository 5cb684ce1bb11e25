//! `nomenclature-acte` (formerly `nomenclature-actes-value`): the matter of a deliberation
//! in the ACTES nomenclature, written `Matter/sub-matter`.
//!
//! Only the first level is checked: the text before the first `/` must be one of the nine
//! ACTES matters, compared without regard to case or accents, and no space may touch the
//! `/`. The sub-matters after the `/` are free text here, as in Validata.

use super::declaration::{Declaration, Declared};
use super::{CUSTOM_CHECK_ERROR, Column, Row};
use crate::finding::Finding;

/// The reason a nomenclature value is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActesError<'a> {
    /// The value has no `/`.
    SlashMissing,
    /// A space is just before or after the first `/`.
    SpaceAroundSlash,
    /// The text before the `/` is not an ACTES matter.
    UnknownMatter(&'a str),
}

/// The nine first-level matters, already folded (lower case, no accents).
const MATTERS: [&str; 9] = [
    "commande publique",
    "urbanisme",
    "domaine et patrimoine",
    "fonction publique",
    "institutions et vie politique",
    "libertes publiques et pouvoirs de police",
    "finances locales",
    "domaines de competences par themes",
    "autres domaines de competences",
];

/// Checks a value such as `Finances locales/Fiscalité`.
pub fn check_actes(value: &str) -> Result<(), ActesError<'_>> {
    let Some((matter, rest)) = value.split_once('/') else {
        return Err(ActesError::SlashMissing);
    };
    let space_after = rest.starts_with(' ');
    if is_matter(matter) && !space_after {
        return Ok(());
    }
    if space_after || matter.ends_with(' ') && is_matter(matter.trim_end_matches(' ')) {
        return Err(ActesError::SpaceAroundSlash);
    }
    Err(ActesError::UnknownMatter(matter))
}

/// A compiled `nomenclature-acte` check.
#[derive(Debug)]
pub(super) struct ActesCheck {
    column: Column,
}

impl ActesCheck {
    pub fn declare(declaration: &Declaration<'_>) -> Declared<ActesCheck> {
        Ok(ActesCheck {
            column: declaration.column("column")?,
        })
    }

    pub fn check(&self, row: &Row<'_, '_>, out: &mut Vec<Finding>) {
        let Some(value) = row.string(&self.column) else {
            return;
        };
        let Err(error) = check_actes(value) else {
            return;
        };
        let finding = match error {
            ActesError::SlashMissing => row.cell_finding(
                CUSTOM_CHECK_ERROR,
                "check-actes-slash-missing",
                &self.column,
            ),
            ActesError::SpaceAroundSlash => row.cell_finding(
                CUSTOM_CHECK_ERROR,
                "check-actes-space-around-slash",
                &self.column,
            ),
            ActesError::UnknownMatter(matter) => row
                .cell_finding(
                    CUSTOM_CHECK_ERROR,
                    "check-actes-unknown-matter",
                    &self.column,
                )
                .arg("matter", matter),
        };
        out.push(finding.arg("value", value).arg("column", &self.column.name));
    }
}

fn is_matter(text: &str) -> bool {
    MATTERS.iter().any(|matter| folded_eq(text, matter))
}

/// Compares `text` with an already folded ASCII `folded`, folding `text` on the fly so
/// that nothing is allocated.
fn folded_eq(text: &str, folded: &str) -> bool {
    let mut expected = folded.chars();
    for ch in text.chars() {
        for piece in fold_char(ch).chars() {
            if expected.next() != Some(piece) {
                return false;
            }
        }
    }
    expected.next().is_none()
}

/// Lower-cases a character and removes the accents used in French.
fn fold_char(ch: char) -> &'static str {
    const PLAIN: &str = "abcdefghijklmnopqrstuvwxyz";
    let lower = ch.to_lowercase().next().unwrap_or(ch);
    let base = match lower {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => 'a',
        'ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' | 'ì' => 'i',
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'ÿ' | 'ý' => 'y',
        'ñ' => 'n',
        other => other,
    };
    match base {
        'a'..='z' => {
            let index = base as usize - 'a' as usize;
            PLAIN.get(index..=index).unwrap_or("")
        }
        ' ' => " ",
        // Any other character cannot appear in a folded matter, so it never matches.
        _ => "\u{0}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_matters_accepted() {
        assert_eq!(check_actes("Fonction publique/foobar"), Ok(()));
        assert_eq!(check_actes("fOnCtIOn pubLIQUE/foobar"), Ok(()));
        assert_eq!(
            check_actes("Libertes publiques et pouvoirs de police/x"),
            Ok(())
        );
        assert_eq!(
            check_actes("LIBERTÉS PUBLIQUES ET POUVOIRS DE POLICE/x"),
            Ok(())
        );
        assert_eq!(check_actes("Finances locales/"), Ok(()));
        assert_eq!(check_actes("Finances locales/Fiscalité/autre"), Ok(()));
        assert_eq!(
            check_actes("Domaines de compétences par thèmes/Culture"),
            Ok(())
        );
    }

    #[test]
    fn slash_missing() {
        assert_eq!(check_actes("foobar"), Err(ActesError::SlashMissing));
    }

    #[test]
    fn space_around_slash() {
        assert_eq!(
            check_actes("Fonction publique / truc"),
            Err(ActesError::SpaceAroundSlash)
        );
        assert_eq!(
            check_actes("Fonction publique/ truc"),
            Err(ActesError::SpaceAroundSlash)
        );
        assert_eq!(
            check_actes("Fonction publique /truc"),
            Err(ActesError::SpaceAroundSlash)
        );
        assert_eq!(check_actes("Baz/ truc"), Err(ActesError::SpaceAroundSlash));
    }

    #[test]
    fn unknown_matter_named() {
        assert_eq!(
            check_actes("Baz/foobar"),
            Err(ActesError::UnknownMatter("Baz"))
        );
        assert_eq!(
            check_actes(" Finances locales/x"),
            Err(ActesError::UnknownMatter(" Finances locales"))
        );
        assert_eq!(
            check_actes("Finances  locales/x"),
            Err(ActesError::UnknownMatter("Finances  locales"))
        );
        assert_eq!(
            check_actes("Financeslocales/x"),
            Err(ActesError::UnknownMatter("Financeslocales"))
        );
        assert_eq!(
            check_actes("Finances locales2/x"),
            Err(ActesError::UnknownMatter("Finances locales2"))
        );
    }
}
