//! Scan policies: which columns of a schema are scanned and how, which confidence is
//! reported, and whether officials acting in office are listed.
//!
//! Built-in policies cover the SCDL délibérations, subventions and marchés publics schemas
//! and the DECP tabular format. A platform can replace any of them with a JSON document of
//! the same shape ([`Policy::from_json`]). Column names are matched case-insensitively.
//! Telling which schema a file follows is the caller's job.

use serde::{Deserialize, Serialize};

use crate::columns::personal_column_mode;
use crate::finding::Confidence;

/// Scan mode of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnMode {
    /// Free text such as `DELIB_OBJET`: names, addresses, birth dates and identifiers.
    FreeText,
    /// A cell that names one party (beneficiary, contract holder): reported when the party
    /// is a natural person, plus identifiers.
    PersonName,
    /// Only e-mail addresses, phone numbers, NIR, IBAN and RIB.
    Identifiers,
    /// A column that names a person (`nom`, `prénom`): every non-empty cell that is not
    /// an organisation is reported, plus identifiers.
    PersonalName,
    /// A column of postal addresses (`adresse`, `domicile`): each street is reported unless
    /// the record's party is an organisation, plus identifiers.
    PostalAddress,
    /// A column of dates of birth (`date_naissance`): each date is reported.
    BirthDate,
    /// A column of social security numbers (`NIR`): each NIR-shaped value is reported,
    /// including one whose check key is wrong.
    NationalId,
    /// Not scanned: codes, amounts, dates, the publisher's own name.
    Skip,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnRule {
    pub column: String,
    pub mode: ColumnMode,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub name: String,
    #[serde(default)]
    pub columns: Vec<ColumnRule>,
    /// Mode of the columns that no rule names.
    #[serde(default = "default_other_columns")]
    pub other_columns: ColumnMode,
    /// Lowest confidence reported; lower detections are dropped.
    #[serde(default = "default_min_confidence")]
    pub min_confidence: Confidence,
    /// Whether officials acting in office are reported. Their findings have category
    /// `official` and never make [`crate::Report::requires_confirmation`] true.
    #[serde(default)]
    pub report_officials: bool,
    /// Whether a column that no rule names is read by its header when the header names
    /// personal data (`nom`, `prénom`, `adresse`, `date_naissance`); see [`ColumnMode`].
    #[serde(default = "default_personal_columns")]
    pub personal_columns: bool,
}

fn default_personal_columns() -> bool {
    true
}

fn default_other_columns() -> ColumnMode {
    ColumnMode::Identifiers
}

fn default_min_confidence() -> Confidence {
    Confidence::Medium
}

/// A policy document could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("invalid privacy policy JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("privacy policy has an empty name")]
    EmptyName,
    #[error("privacy policy names column {column:?} twice")]
    DuplicateColumn { column: String },
    #[error("no built-in privacy policy for schema {schema:?}; known: {known}")]
    UnknownSchema { schema: String, known: String },
}

impl PolicyError {
    /// Returns the message id of the error in the message catalogue.
    pub fn message_id(&self) -> &'static str {
        match self {
            PolicyError::Json(_) => "privacy-error-policy-json",
            PolicyError::EmptyName => "privacy-error-policy-name",
            PolicyError::DuplicateColumn { .. } => "privacy-error-policy-duplicate-column",
            PolicyError::UnknownSchema { .. } => "privacy-error-policy-unknown-schema",
        }
    }

    /// Returns the named arguments of the error message.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            PolicyError::Json(error) => vec![("detail", error.to_string())],
            PolicyError::EmptyName => Vec::new(),
            PolicyError::DuplicateColumn { column } => vec![("column", column.clone())],
            PolicyError::UnknownSchema { schema, known } => {
                vec![("schema", schema.clone()), ("known", known.clone())]
            }
        }
    }
}

/// Names of the built-in policies, as accepted by [`Policy::builtin`].
pub const BUILTIN_POLICIES: &[&str] = &[
    "deliberations",
    "subventions",
    "marches-publics",
    "decp-tabulaire",
    "prenoms",
    "generic",
];

impl Policy {
    /// Parses and checks a policy document.
    pub fn from_json(json: &str) -> Result<Policy, PolicyError> {
        let policy: Policy = serde_json::from_str(json)?;
        policy.check()?;
        Ok(policy)
    }

    fn check(&self) -> Result<(), PolicyError> {
        if self.name.trim().is_empty() {
            return Err(PolicyError::EmptyName);
        }
        for (index, rule) in self.columns.iter().enumerate() {
            let later = self.columns.iter().skip(index + 1);
            if later
                .clone()
                .any(|other| other.column.eq_ignore_ascii_case(&rule.column))
            {
                return Err(PolicyError::DuplicateColumn {
                    column: rule.column.clone(),
                });
            }
        }
        Ok(())
    }

    /// Returns the built-in policy of a schema: `deliberations`, `subventions`,
    /// `marches-publics`, `decp-tabulaire`, `prenoms`, or `generic` (every column is free
    /// text).
    pub fn builtin(schema: &str) -> Result<Policy, PolicyError> {
        let columns: &[(&str, ColumnMode)] = match schema {
            "deliberations" => DELIBERATIONS,
            "subventions" => SUBVENTIONS,
            "marches-publics" => MARCHES_PUBLICS,
            "decp-tabulaire" => DECP_TABULAIRE,
            "prenoms" => PRENOMS,
            "generic" => &[],
            _ => {
                return Err(PolicyError::UnknownSchema {
                    schema: schema.to_owned(),
                    known: BUILTIN_POLICIES.join(", "),
                });
            }
        };
        Ok(Policy {
            name: schema.to_owned(),
            columns: columns
                .iter()
                .map(|&(column, mode)| ColumnRule {
                    column: column.to_owned(),
                    mode,
                })
                .collect(),
            // Every column of the schemas is listed above, so an unlisted column is one the
            // publisher added: its content is unknown and it is read as free text.
            other_columns: ColumnMode::FreeText,
            min_confidence: Confidence::Medium,
            report_officials: false,
            personal_columns: true,
        })
    }

    /// Returns how the column named `column` is scanned.
    ///
    /// A column the policy does not list and whose name designates elected officials or
    /// signatories acting in office (`Elu(s)`, `Rapporteur`, `Président`, `Signataire`) is
    /// skipped: those names are published by law with the acts they sign or present.
    /// Otherwise, when [`Policy::personal_columns`] is set, a header that names personal
    /// data picks its mode (`nom` is [`ColumnMode::PersonalName`], `adresse` is
    /// [`ColumnMode::PostalAddress`]), and any other column gets `other_columns`.
    pub fn mode_for(&self, column: &str) -> ColumnMode {
        let column = column.trim();
        match self
            .columns
            .iter()
            .find(|rule| rule.column.eq_ignore_ascii_case(column))
        {
            Some(rule) => rule.mode,
            None if names_officials(column) => ColumnMode::Skip,
            None => self
                .personal_columns
                .then(|| personal_column_mode(column))
                .flatten()
                .unwrap_or(self.other_columns),
        }
    }

    /// Returns the lowest rule score that the policy reports.
    pub fn min_score(&self) -> u8 {
        match self.min_confidence {
            Confidence::Low => 0,
            Confidence::Medium => 50,
            Confidence::High => 80,
        }
    }
}

use ColumnMode::{FreeText, Identifiers, PersonName, Skip};

/// SCDL délibérations 2.1: the object is free text; identifiers and dates are skipped.
const DELIBERATIONS: &[(&str, ColumnMode)] = &[
    ("COLL_NOM", Skip),
    ("COLL_SIRET", Skip),
    ("DELIB_ID", Skip),
    ("DELIB_DATE", Skip),
    ("DELIB_MATIERE_CODE", Skip),
    ("DELIB_MATIERE_NOM", Identifiers),
    ("DELIB_OBJET", FreeText),
    ("BUDGET_ANNEE", Skip),
    ("BUDGET_NOM", FreeText),
    ("PREF_ID", Skip),
    ("PREF_DATE", Skip),
    ("VOTE_EFFECTIF", Skip),
    ("VOTE_REEL", Skip),
    ("VOTE_POUR", Skip),
    ("VOTE_CONTRE", Skip),
    ("VOTE_ABSTENTION", Skip),
    ("DELIB_URL", Identifiers),
];

/// SCDL subventions 2.1 and the first-generation column names still found in exports.
/// SCDL prénoms des nouveau-nés: yearly counts of first names per commune, published by
/// design of the schema. A first name alone, counted over a year, designates no one, so
/// the name column is not read as a person's name.
const PRENOMS: &[(&str, ColumnMode)] = &[
    ("COMMUNE_NOM", Skip),
    ("COLL_INSEE", Skip),
    ("ENFANT_SEXE", Skip),
    ("ENFANT_PRENOM", Skip),
    ("NOMBRE_OCCURRENCES", Skip),
    ("ANNEE", Skip),
];

const SUBVENTIONS: &[(&str, ColumnMode)] = &[
    ("nomAttribuant", Skip),
    ("idAttribuant", Skip),
    ("dateConvention", Skip),
    ("referenceDecision", Identifiers),
    ("nomBeneficiaire", PersonName),
    ("idBeneficiaire", Skip),
    ("rnaBeneficiaire", Skip),
    ("objet", FreeText),
    ("montant", Skip),
    ("nature", Skip),
    ("conditionsVersement", FreeText),
    ("datesPeriodeVersement", Skip),
    ("idRAE", Skip),
    ("notificationUE", Skip),
    ("pourcentageSubvention", Skip),
    ("dispositifAide", Identifiers),
    ("COLL_NOM", Skip),
    ("COLL_SIRET", Skip),
    ("ATTRIB_NOM", PersonName),
    ("ATTRIB_SIRET", Skip),
    ("SUB_OBJET", FreeText),
    ("SUB_OBJ", FreeText),
    ("SUB_MONTANT", Skip),
];

/// SCDL marchés publics 1.0: objects are free text, contract holders may be sole traders.
const MARCHES_PUBLICS: &[(&str, ColumnMode)] = &[
    ("MARCHE_ID", Skip),
    ("ACHETEURS_ID", Skip),
    ("ACHETEURS_NOM", Skip),
    ("NATURE_MARCHE", Skip),
    ("MARCHE_OBJET", FreeText),
    ("CPV_CODE", Skip),
    ("PROCEDURE", Skip),
    ("LIEU_EXEC_CODE", Skip),
    ("LIEU_EXEC_TYPE", Skip),
    ("LIEU_EXEC_NOM", Skip),
    ("DUREE_MOIS", Skip),
    ("NOTIFICATION_DATE", Skip),
    ("PUBLICATION_DATE", Skip),
    ("MONTANT", Skip),
    ("PRIX_FORME", Skip),
    ("TITULAIRES_ID", Skip),
    ("TITULAIRES_ID_TYPE", Skip),
    ("TITULAIRES_DENOMINATION", PersonName),
    ("MODIF_OBJET", FreeText),
    ("MODIF_TITULAIRES_DENOMINATION", PersonName),
    ("MODIF_TITULAIRES_ID", Skip),
    ("MODIF_TITULAIRES_ID_TYPE", Skip),
];

/// DECP tabular 2.0.
const DECP_TABULAIRE: &[(&str, ColumnMode)] = &[
    ("id", Skip),
    ("uid", Skip),
    ("acheteur_id", Skip),
    ("acheteur_nom", Skip),
    ("objet", FreeText),
    ("objetModification", FreeText),
    ("lieuExecution_nom", Skip),
    ("titulaire_id", Skip),
    ("titulaire_typeIdentifiant", Skip),
    ("titulaire_denominationSociale", PersonName),
];

/// Words of a column name that designate people acting in office, compared without accents.
const OFFICIAL_COLUMN_WORDS: &[&str] = &[
    "elu",
    "elus",
    "elue",
    "elues",
    "rapporteur",
    "rapporteurs",
    "rapporteuse",
    "president",
    "presidente",
    "maire",
    "adjoint",
    "adjointe",
    "signataire",
    "signataires",
    "ordonnateur",
];

fn names_officials(column: &str) -> bool {
    let folded: String = column
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'É' | 'È' | 'Ê' => 'e',
            'â' | 'à' | 'Â' | 'À' => 'a',
            other => other.to_ascii_lowercase(),
        })
        .collect();
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| OFFICIAL_COLUMN_WORDS.contains(&word))
}

#[cfg(test)]
mod tests {

    #[test]
    fn official_columns_skipped_unless_listed() {
        let policy = Policy::builtin("generic").unwrap();
        assert_eq!(policy.mode_for("Elu(s)"), ColumnMode::Skip);
        assert_eq!(policy.mode_for("Rapporteur"), ColumnMode::Skip);
        assert_eq!(policy.mode_for("Président de séance"), ColumnMode::Skip);
        assert_eq!(policy.mode_for("Titre"), ColumnMode::FreeText);
        assert_eq!(policy.mode_for("Électeurs"), ColumnMode::FreeText);
    }

    use super::*;

    #[test]
    fn builtin_deliberations_scans_object() {
        let policy = Policy::builtin("deliberations").expect("built-in");
        assert_eq!(policy.mode_for("DELIB_OBJET"), ColumnMode::FreeText);
        assert_eq!(policy.mode_for("delib_objet"), ColumnMode::FreeText);
        assert_eq!(policy.mode_for("COLL_NOM"), ColumnMode::Skip);
        // A column the schema does not have may hold anything: it is read as free text.
        assert_eq!(policy.mode_for("Titre"), ColumnMode::FreeText);
    }

    #[test]
    fn builtin_unknown_schema_lists_known() {
        let error = Policy::builtin("irve").expect_err("unknown schema");
        assert!(error.to_string().contains("deliberations, subventions"));
    }

    #[test]
    fn json_policy_round_trips() {
        let json = r#"{"name":"ville-x","columns":[{"column":"Titre","mode":"free_text"}],
            "other_columns":"skip","min_confidence":"high"}"#;
        let policy = Policy::from_json(json).expect("valid policy");
        assert_eq!(policy.mode_for("titre"), ColumnMode::FreeText);
        assert_eq!(policy.mode_for("Etat"), ColumnMode::Skip);
        assert_eq!(policy.min_score(), 80);
        assert!(!policy.report_officials);
    }

    #[test]
    fn json_policy_rejects_duplicates_and_unknown_fields() {
        let duplicate = r#"{"name":"x","columns":[{"column":"A","mode":"skip"},{"column":"a","mode":"free_text"}]}"#;
        assert!(matches!(
            Policy::from_json(duplicate),
            Err(PolicyError::DuplicateColumn { .. })
        ));
        let unknown = r#"{"name":"x","colums":[]}"#;
        assert!(matches!(
            Policy::from_json(unknown),
            Err(PolicyError::Json(_))
        ));
        assert!(matches!(
            Policy::from_json(r#"{"name":" "}"#),
            Err(PolicyError::EmptyName)
        ));
    }
}
