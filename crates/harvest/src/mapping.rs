//! Maps remote licence and frequency values onto socle's codes.
//!
//! Licence ids are those of socle's catalogue (`lov2`, `odbl`, `cc-by-4.0`, `cc0-1.0`);
//! frequency codes are the EU Publications Office "frequency" authority codes that
//! DCAT-AP uses. A value that matches nothing is kept raw and the caller adds a note:
//! guessing a licence would misstate the terms of reuse, so only unambiguous spellings
//! are recognised (an unversioned "cc-by" or Licence Ouverte 1.0 stays unknown).

use crate::record::{Mapped, Note, NoteCode};

/// Licence ids of socle's catalogue recognised here, with the spellings that mean them.
/// Spellings are compared after [`normalise`].
const LICENCE_SPELLINGS: &[(&str, &[&str])] = &[
    (
        "lov2",
        &[
            "lov2",
            "lo-2.0",
            "lo 2.0",
            "etalab-2.0",
            "etalab 2.0",
            "licence ouverte 2.0",
            "licence ouverte v2.0",
            "licence ouverte version 2.0",
            "licence ouverte / open licence 2.0",
            "licence ouverte / open licence version 2.0",
            "licence ouverte / open licence v2.0",
            "open licence 2.0",
            "www.etalab.gouv.fr/licence-ouverte-open-licence",
            "www.etalab.gouv.fr/wp-content/uploads/2017/04/etalab-licence-ouverte-v2.0.pdf",
            "spdx.org/licenses/etalab-2.0",
            "spdx.org/licenses/etalab-2.0.html",
        ],
    ),
    (
        "odbl",
        &[
            "odbl",
            "odc-odbl",
            "odbl-1.0",
            "odbl 1.0",
            "open database license (odbl)",
            "open database license (odbl) 1.0",
            "open data commons open database license (odbl)",
            "opendatacommons.org/licenses/odbl",
            "opendatacommons.org/licenses/odbl/1-0",
            "opendatacommons.org/licenses/odbl/1.0",
            "spdx.org/licenses/odbl-1.0",
            "spdx.org/licenses/odbl-1.0.html",
        ],
    ),
    (
        "cc-by-4.0",
        &[
            "cc-by-4.0",
            "cc by 4.0",
            "cc-by 4.0",
            "creative commons attribution 4.0",
            "creative commons attribution 4.0 international",
            "creative commons attribution 4.0 international (cc by 4.0)",
            "creativecommons.org/licenses/by/4.0",
            "creativecommons.org/licenses/by/4.0/legalcode",
            "spdx.org/licenses/cc-by-4.0",
            "spdx.org/licenses/cc-by-4.0.html",
        ],
    ),
    (
        "cc0-1.0",
        &[
            "cc0-1.0",
            "cc0",
            "cc0 1.0",
            "cc-zero",
            "cc zero",
            "creative commons zero 1.0",
            "creative commons cczero",
            "creativecommons.org/publicdomain/zero/1.0",
            "creativecommons.org/publicdomain/zero/1.0/legalcode",
            "spdx.org/licenses/cc0-1.0",
            "spdx.org/licenses/cc0-1.0.html",
        ],
    ),
];

/// Lower-cases, trims, and removes a URL scheme, a trailing slash and `www.` variance,
/// so that `https://creativecommons.org/licenses/by/4.0/` matches its plain spelling.
fn normalise(raw: &str) -> String {
    let lower = raw.trim().to_lowercase();
    let without_scheme = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    without_scheme.trim_end_matches('/').to_owned()
}

/// Maps a licence id, title or URL; returns `Mapped` with `code: None` when none fits.
pub fn map_licence(raw: &str) -> Mapped {
    let key = normalise(raw);
    let key_without_www = key.strip_prefix("www.").unwrap_or(&key);
    for (code, spellings) in LICENCE_SPELLINGS {
        let found = spellings.iter().any(|spelling| {
            let spelling = spelling.strip_prefix("www.").unwrap_or(spelling);
            spelling == key_without_www
        });
        if found {
            return Mapped::known(code, raw.trim());
        }
    }
    Mapped::unknown(raw.trim())
}

/// Maps the first candidate that is recognised, else keeps the first one raw. Sources
/// often give a licence as an id, a title and a URL: any of them may be the one known.
pub fn map_licence_candidates(candidates: &[&str]) -> Option<Mapped> {
    let candidates: Vec<&str> = candidates
        .iter()
        .map(|candidate| candidate.trim())
        .filter(|candidate| !candidate.is_empty())
        .collect();
    let first = candidates.first()?;
    candidates
        .iter()
        .map(|candidate| map_licence(candidate))
        .find(|mapped| mapped.code.is_some())
        .or_else(|| Some(Mapped::unknown(first)))
}

/// EU frequency codes with the other spellings met in catalogues: Dublin Core
/// frequency terms, ISO 19115 maintenance codes, udata frequencies, and English and
/// French words. Compared after lower-casing.
const FREQUENCY_SPELLINGS: &[(&str, &[&str])] = &[
    (
        "CONT",
        &[
            "continuous",
            "continual",
            "temps réel",
            "temps reel",
            "real time",
            "realtime",
        ],
    ),
    (
        "DAILY",
        &["daily", "quotidien", "quotidienne", "journalier"],
    ),
    ("WEEKLY", &["weekly", "hebdomadaire"]),
    ("MONTHLY", &["monthly", "mensuel", "mensuelle"]),
    ("QUARTERLY", &["quarterly", "trimestriel", "trimestrielle"]),
    (
        "ANNUAL_2",
        &["semiannual", "biannually", "semestriel", "semestrielle"],
    ),
    (
        "ANNUAL",
        &["annual", "annually", "annuel", "annuelle", "yearly"],
    ),
    ("BIENNIAL", &["biennial", "biennal", "biennale"]),
    ("TRIENNIAL", &["triennial", "triennal", "triennale"]),
    (
        "IRREG",
        &[
            "irregular",
            "irreg",
            "irrégulier",
            "irreguliere",
            "irrégulière",
            "asneeded",
            "as needed",
        ],
    ),
    (
        "NEVER",
        &["never", "notplanned", "punctual", "ponctuel", "ponctuelle"],
    ),
    ("UNKNOWN", &["unknown", "inconnu", "inconnue"]),
    ("OTHER", &["other", "autre"]),
];

const EU_FREQUENCY_PREFIX: &str = "publications.europa.eu/resource/authority/frequency/";
const DUBLIN_CORE_FREQUENCY_PREFIX: &str = "purl.org/cld/freq/";
const EU_CODES: &[&str] = &[
    "UNKNOWN",
    "CONT",
    "DAILY",
    "WEEKLY",
    "MONTHLY",
    "QUARTERLY",
    "ANNUAL_2",
    "ANNUAL",
    "BIENNIAL",
    "TRIENNIAL",
    "IRREG",
    "NEVER",
    "OTHER",
];

/// Maps a frequency code, IRI or word; returns `Mapped` with `code: None` when none fits.
pub fn map_frequency(raw: &str) -> Mapped {
    let trimmed = raw.trim();
    let key = normalise(trimmed);
    let term = key
        .strip_prefix(EU_FREQUENCY_PREFIX)
        .or_else(|| key.strip_prefix(DUBLIN_CORE_FREQUENCY_PREFIX))
        .unwrap_or(&key);
    let upper = term.to_uppercase();
    if let Some(code) = EU_CODES.iter().find(|code| **code == upper) {
        return Mapped::known(code, trimmed);
    }
    for (code, spellings) in FREQUENCY_SPELLINGS {
        if spellings.contains(&term) {
            return Mapped::known(code, trimmed);
        }
    }
    Mapped::unknown(trimmed)
}

/// Adds the note of an unmapped licence or frequency to `notes`.
pub fn note_unmapped(mapped: &Option<Mapped>, code: NoteCode, notes: &mut Vec<Note>) {
    if let Some(Mapped { code: None, raw }) = mapped {
        notes.push(Note::new(code, &[("value", raw)]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licence_spellings_map_to_ids() {
        let cases = [
            ("lov2", Some("lov2")),
            ("Licence Ouverte 2.0", Some("lov2")),
            (
                "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
                Some("lov2"),
            ),
            ("odc-odbl", Some("odbl")),
            (
                "http://opendatacommons.org/licenses/odbl/1-0/",
                Some("odbl"),
            ),
            (
                "https://creativecommons.org/licenses/by/4.0/",
                Some("cc-by-4.0"),
            ),
            ("cc-zero", Some("cc0-1.0")),
            ("fr-lo", None),
            ("cc-by", None),
            ("", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                map_licence(raw).code.as_deref(),
                expected,
                "licence {raw:?}"
            );
        }
    }

    #[test]
    fn licence_candidates_take_first_known() {
        let mapped = map_licence_candidates(&["notspecified", "Licence Ouverte 2.0"]).unwrap();
        assert_eq!(mapped.code.as_deref(), Some("lov2"));
        let unknown = map_licence_candidates(&["", "other-at"]).unwrap();
        assert_eq!(unknown, Mapped::unknown("other-at"));
        assert_eq!(map_licence_candidates(&["", " "]), None);
    }

    #[test]
    fn frequency_spellings_map_to_codes() {
        let cases = [
            (
                "http://publications.europa.eu/resource/authority/frequency/ANNUAL",
                Some("ANNUAL"),
            ),
            ("http://purl.org/cld/freq/monthly", Some("MONTHLY")),
            ("ANNUAL_2", Some("ANNUAL_2")),
            ("quotidien", Some("DAILY")),
            ("asNeeded", Some("IRREG")),
            ("punctual", Some("NEVER")),
            ("http://example.org/freq/fortnightly", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                map_frequency(raw).code.as_deref(),
                expected,
                "frequency {raw:?}"
            );
        }
    }
}
