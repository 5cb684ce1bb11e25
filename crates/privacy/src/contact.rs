//! E-mail addresses and French phone numbers, classified by how personal they are.
//!
//! A functional address (`mairie@`, `contact@`, a service name) or a service number
//! (08…) belongs to an organisation and gets a low score, so default policies do not
//! report it. A webmail domain or a first name in the local part makes an address
//! personal. Mobile numbers (06, 07) score highest among phones; other numbers score a
//! little lower, and lower again after words such as `mairie` or `standard`, because
//! collectivités publish their own switchboards.

use regex::Regex;

use crate::finding::{Category, Kind, Span};
use crate::lexicon::{fold_into, is_first_name};

pub struct ContactPatterns {
    email: Regex,
    phone: Regex,
}

impl ContactPatterns {
    pub fn new() -> Result<ContactPatterns, regex::Error> {
        Ok(ContactPatterns {
            email: Regex::new(
                r"(?-u:\b)[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?-u:\b)",
            )?,
            phone: Regex::new(concat!(
                r"(?:(?:\+|(?-u:\b)00)33[ .-]?(?:\(0\)[ .-]?)?[1-9](?:[ .-]?[0-9]{2}){4}",
                r"|(?:\+|(?-u:\b)00)(?:262|269|508|590|594|596|687|689)[ .-]?[0-9]{3}(?:[ .-]?[0-9]{2}){3}",
                r"|(?-u:\b)0[1-9](?:[ .-]?[0-9]{2}){4})(?-u:\b)",
            ))?,
        })
    }

    /// Appends the e-mail spans of `text` to `out`.
    pub fn scan_emails(&self, text: &str, out: &mut Vec<Span>) {
        let mut key = String::new();
        for found in self.email.find_iter(text) {
            let score = email_score(found.as_str(), &mut key);
            out.push(Span {
                start: found.start(),
                end: found.end(),
                kind: Kind::Email,
                category: if score >= 50 {
                    Category::Private
                } else {
                    Category::Unknown
                },
                score,
                rule: if score >= 80 {
                    "email.personal"
                } else if score >= 50 {
                    "email.unknown"
                } else {
                    "email.functional"
                },
            });
        }
    }

    /// Appends the phone spans of `text` to `out`.
    pub fn scan_phones(&self, text: &str, out: &mut Vec<Span>) {
        let mut context = String::new();
        for found in self.phone.find_iter(text) {
            if preceded_by_digit(text, found.start()) {
                continue;
            }
            let national = national_digits(found.as_str());
            let (score, rule) = match national.as_bytes().first() {
                Some(b'8') => (30, "phone.service"),
                Some(b'6' | b'7') => (90, "phone.mobile"),
                _ => (80, "phone.landline"),
            };
            let before = text
                .get(found.start().saturating_sub(40)..found.start())
                .unwrap_or("");
            fold_into(before, &mut context);
            // NOTE: the collectivité's own switchboard is recognised only by these cue
            // words, not by comparing with its published number.
            let functional = FUNCTIONAL_PHONE_CUES
                .iter()
                .any(|cue| context.contains(cue));
            let score = if functional { score.min(45) } else { score };
            out.push(Span {
                start: found.start(),
                end: found.end(),
                kind: Kind::Phone,
                category: if score >= 50 {
                    Category::Private
                } else {
                    Category::Unknown
                },
                score,
                rule: if functional { "phone.functional" } else { rule },
            });
        }
    }
}

const FUNCTIONAL_PHONE_CUES: &[&str] = &[
    "mairie",
    "standard",
    "accueil",
    "secretariat",
    "service",
    "renseignements",
    "permanence",
];

/// Returns whether the match follows a digit and a separator, as the tail of a longer number.
fn preceded_by_digit(text: &str, start: usize) -> bool {
    let head = text.as_bytes().get(..start).unwrap_or(&[]);
    match head {
        [.., d, b' ' | b'.' | b'-'] | [.., d] => d.is_ascii_digit(),
        [] => false,
    }
}

/// Returns the national digits after the trunk prefix 0 or the country code, so that
/// mobile numbers start with 6 or 7 (overseas mobiles such as 0692 included).
fn national_digits(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.strip_prefix("00").unwrap_or(&digits);
    let national = if number.trim_start().starts_with('+') || number.trim_start().starts_with("00")
    {
        let overseas = ["262", "269", "508", "590", "594", "596", "687", "689"];
        match overseas.iter().find(|code| digits.starts_with(*code)) {
            Some(code) => digits.get(code.len()..).unwrap_or(""),
            None => digits.strip_prefix("33").unwrap_or(digits),
        }
    } else {
        digits
    };
    national.strip_prefix('0').unwrap_or(national).to_owned()
}

/// Local parts of organisation mailboxes. A local part that starts with one of these
/// words is functional.
const FUNCTIONAL_LOCAL_PARTS: &[&str] = &[
    "contact",
    "association",
    "asso",
    "club",
    "comite",
    "amicale",
    "tresorier",
    "tresorerie",
    "contacts",
    "accueil",
    "mairie",
    "info",
    "infos",
    "information",
    "informations",
    "secretariat",
    "secretaire",
    "marches",
    "marchespublics",
    "marche",
    "commande",
    "achats",
    "urbanisme",
    "rh",
    "drh",
    "dgs",
    "direction",
    "service",
    "services",
    "communication",
    "com",
    "comptabilite",
    "compta",
    "finances",
    "courrier",
    "noreply",
    "no",
    "webmaster",
    "admin",
    "administration",
    "standard",
    "cabinet",
    "elus",
    "presse",
    "technique",
    "culture",
    "sport",
    "sports",
    "jeunesse",
    "enfance",
    "ecole",
    "cantine",
    "periscolaire",
    "etatcivil",
    "etat",
    "cimetiere",
    "police",
    "ccas",
    "tourisme",
    "bibliotheque",
    "mediatheque",
    "support",
    "dpo",
    "rgpd",
    "juridique",
    "travaux",
    "voirie",
    "environnement",
    "dechets",
    "eau",
    "assainissement",
    "sig",
    "opendata",
    "data",
    "subventions",
    "associations",
    "vie",
    "population",
    "citoyennete",
    "elections",
    "facturation",
    "factures",
    "paie",
    "recrutement",
    "emploi",
    "ressources",
    "affaires",
    "guichet",
    "agence",
    "bureau",
    "office",
    "president",
    "maire",
    "prefecture",
];

const WEBMAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "laposte.net",
    "sfr.fr",
    "neuf.fr",
    "bbox.fr",
    "numericable.fr",
    "club-internet.fr",
    "aol.com",
    "aol.fr",
    "icloud.com",
    "me.com",
    "yahoo.fr",
    "yahoo.com",
    "hotmail.fr",
    "hotmail.com",
    "outlook.fr",
    "outlook.com",
    "live.fr",
    "live.com",
    "msn.com",
    "gmx.fr",
    "gmx.com",
    "protonmail.com",
    "proton.me",
];

/// Scores an e-mail address: 20 functional, 60 unknown, 90 personal.
fn email_score(address: &str, key: &mut String) -> u8 {
    let Some((local, domain)) = address.rsplit_once('@') else {
        return 0;
    };
    let domain = domain.to_ascii_lowercase();
    let webmail = WEBMAIL_DOMAINS.contains(&domain.as_str());

    let mut segments = local.split(['.', '_', '-', '+']).filter(|s| !s.is_empty());
    let first = segments.next().unwrap_or("");
    fold_into(first.trim_end_matches(|c: char| c.is_ascii_digit()), key);
    let functional = FUNCTIONAL_LOCAL_PARTS.contains(&key.as_str());
    if functional && !webmail {
        return 20;
    }

    let names_a_person = local.split(['.', '_', '-', '+']).any(|segment| {
        fold_into(segment.trim_end_matches(|c: char| c.is_ascii_digit()), key);
        key.len() >= 3 && is_first_name(key)
    });
    if webmail || names_a_person { 90 } else { 60 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phones(text: &str) -> Vec<(String, u8)> {
        let patterns = ContactPatterns::new().expect("patterns compile");
        let mut spans = Vec::new();
        patterns.scan_phones(text, &mut spans);
        spans
            .iter()
            .map(|s| (text[s.start..s.end].to_owned(), s.score))
            .collect()
    }

    #[test]
    fn phone_forms_are_found() {
        for number in [
            "06 12 34 56 78",
            "06.12.34.56.78",
            "06-12-34-56-78",
            "0612345678",
            "+33 6 12 34 56 78",
            "+33 (0)6 12 34 56 78",
            "0033 6 12 34 56 78",
            "+33612345678",
            "+262 692 12 34 56",
        ] {
            let text = format!("joindre au {number} le soir");
            assert_eq!(phones(&text), vec![(number.to_owned(), 90)], "{number}");
        }
    }

    #[test]
    fn phone_landline_and_service_scores() {
        assert_eq!(
            phones("tel. 04 67 34 70 00"),
            vec![("04 67 34 70 00".to_owned(), 80)]
        );
        assert_eq!(
            phones("numéro 0 800 123 456 ou 08 00 12 34 56"),
            vec![("08 00 12 34 56".to_owned(), 30)]
        );
        assert_eq!(
            phones("standard de la mairie : 04 67 34 70 00"),
            vec![("04 67 34 70 00".to_owned(), 45)]
        );
    }

    #[test]
    fn phone_ignores_longer_numbers() {
        assert!(phones("SIRET 21340172201787").is_empty());
        assert!(phones("marché n° 2013 06 12 34 56 78").is_empty());
    }

    #[test]
    fn email_personal_versus_functional() {
        let mut key = String::new();
        assert_eq!(email_score("mairie@ville-exemple.fr", &mut key), 20);
        assert_eq!(email_score("contact.urbanisme@agglo.fr", &mut key), 20);
        assert_eq!(email_score("jean.martin@ville-exemple.fr", &mut key), 90);
        assert_eq!(email_score("jm.durand@orange.fr", &mut key), 90);
        assert_eq!(email_score("contact@gmail.com", &mut key), 90);
        assert_eq!(email_score("jmdurand@ville-exemple.fr", &mut key), 60);
    }
}
