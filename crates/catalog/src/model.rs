//! The domain model: organisations, users, memberships, datasets and resources.
//!
//! Types here carry data and the rules that need no database: the closed vocabularies
//! (organisation kinds, roles, licences, EU update frequencies), SIREN and geographic code
//! checks, and slugs. Storage lives in [`crate::sqlite`]; rendering in the server.

use serde::Serialize;
use uuid::Uuid;

use crate::Error;

/// The kind of public body an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrganizationKind {
    Commune,
    Epci,
    Departement,
    Region,
    Syndicat,
    EtablissementPublic,
    Other,
}

impl OrganizationKind {
    pub const ALL: [OrganizationKind; 7] = [
        OrganizationKind::Commune,
        OrganizationKind::Epci,
        OrganizationKind::Departement,
        OrganizationKind::Region,
        OrganizationKind::Syndicat,
        OrganizationKind::EtablissementPublic,
        OrganizationKind::Other,
    ];

    /// The stored code, also the suffix of its message id (`organization-kind-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            OrganizationKind::Commune => "commune",
            OrganizationKind::Epci => "epci",
            OrganizationKind::Departement => "departement",
            OrganizationKind::Region => "region",
            OrganizationKind::Syndicat => "syndicat",
            OrganizationKind::EtablissementPublic => "etablissement-public",
            OrganizationKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<OrganizationKind> {
        OrganizationKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
    }
}

/// A member's role in an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads the organisation's private and draft datasets.
    Member,
    /// Also creates, edits and publishes datasets and resources.
    Editor,
    /// Also manages members.
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        [Role::Member, Role::Editor, Role::Admin]
            .into_iter()
            .find(|role| role.code() == code)
    }

    /// Returns whether this role may write datasets and resources.
    pub fn can_edit(self) -> bool {
        self >= Role::Editor
    }
}

/// A licence offered when publishing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Licence {
    pub id: &'static str,
    pub title: &'static str,
    pub url: &'static str,
}

/// The licences offered, the two licences of the French open data law first.
pub const LICENCES: &[Licence] = &[
    Licence {
        id: "lov2",
        title: "Licence Ouverte / Open Licence 2.0",
        url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    },
    Licence {
        id: "odbl",
        title: "Open Database License (ODbL) 1.0",
        url: "https://opendatacommons.org/licenses/odbl/1-0/",
    },
    Licence {
        id: "cc-by-4.0",
        title: "Creative Commons Attribution 4.0",
        url: "https://creativecommons.org/licenses/by/4.0/",
    },
    Licence {
        id: "cc0-1.0",
        title: "Creative Commons Zero 1.0",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
    },
];

pub fn find_licence(id: &str) -> Option<&'static Licence> {
    LICENCES.iter().find(|licence| licence.id == id)
}

/// Update frequencies, as codes of the EU Publications Office "frequency" authority table
/// that DCAT-AP uses.
pub const FREQUENCIES: &[&str] = &[
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

pub fn is_frequency(code: &str) -> bool {
    FREQUENCIES.contains(&code)
}

/// Checks a SIREN: nine digits whose Luhn checksum is zero.
pub fn is_valid_siren(siren: &str) -> bool {
    let bytes = siren.as_bytes();
    if bytes.len() != 9 || !bytes.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = bytes
        .iter()
        .rev()
        .enumerate()
        .map(|(position, byte)| {
            let digit = u32::from(byte - b'0');
            if position % 2 == 1 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Checks a spatial coverage code: `commune:<INSEE code>`, `epci:<SIREN>` or
/// `departement:<code>` (two digits, 2A, 2B, or three digits for overseas).
pub fn is_valid_spatial_code(code: &str) -> bool {
    let Some((level, value)) = code.split_once(':') else {
        return false;
    };
    let corsica = |v: &str| v.starts_with("2A") || v.starts_with("2B");
    match level {
        "commune" => {
            value.len() == 5
                && (value.bytes().all(|b| b.is_ascii_digit())
                    || corsica(value) && value[2..].bytes().all(|b| b.is_ascii_digit()))
        }
        "epci" => is_valid_siren(value),
        "departement" => {
            matches!(value, "2A" | "2B")
                || (value.len() == 2 || value.len() == 3)
                    && value.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

/// Builds a URL slug: folded to ASCII, lower case, words joined by hyphens, at most 80
/// characters; `fallback` when nothing is left.
pub fn slugify(text: &str, fallback: &str) -> String {
    let folded = crate::text::fold(text).to_lowercase();
    let mut slug = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if slug.len() + word.len() + 1 > 80 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

/// An organisation that publishes datasets.
#[derive(Debug, Clone, Serialize)]
pub struct Organization {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub siren: Option<String>,
    pub kind: OrganizationKind,
    /// Markdown, sanitised when rendered.
    pub description: String,
    /// Storage key of the logo image, if any.
    pub logo_key: Option<String>,
    pub created_at: String,
}

/// The fields of an organisation a caller provides.
#[derive(Debug, Clone)]
pub struct NewOrganization {
    pub name: String,
    pub siren: Option<String>,
    pub kind: OrganizationKind,
    pub description: String,
}

impl NewOrganization {
    pub fn check(&self) -> Result<(), Error> {
        if self.name.trim().is_empty() {
            return Err(Error::invalid("name", "catalog-error-required"));
        }
        if let Some(siren) = &self.siren
            && !is_valid_siren(siren)
        {
            return Err(Error::invalid("siren", "catalog-error-siren"));
        }
        Ok(())
    }
}

/// A person who signs in.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub is_platform_admin: bool,
    pub created_at: String,
}

/// A user's membership of one organisation.
#[derive(Debug, Clone, Serialize)]
pub struct Membership {
    pub organization: Organization,
    pub role: Role,
}

/// Whether a dataset's latest resources passed validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Validity {
    Unknown,
    Valid,
    Invalid,
}

impl Validity {
    pub fn code(self) -> &'static str {
        match self {
            Validity::Unknown => "unknown",
            Validity::Valid => "valid",
            Validity::Invalid => "invalid",
        }
    }

    pub fn from_code(code: &str) -> Option<Validity> {
        [Validity::Unknown, Validity::Valid, Validity::Invalid]
            .into_iter()
            .find(|v| v.code() == code)
    }
}

/// The editable fields of a dataset.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DatasetFields {
    pub title: String,
    /// Markdown, sanitised when rendered.
    pub description: String,
    pub licence: String,
    pub tags: Vec<String>,
    /// A code of [`FREQUENCIES`].
    pub frequency: String,
    /// First day covered, `YYYY-MM-DD`.
    pub temporal_start: Option<String>,
    /// Last day covered, `YYYY-MM-DD`.
    pub temporal_end: Option<String>,
    /// Codes checked by [`is_valid_spatial_code`].
    pub spatial: Vec<String>,
    pub contact_name: String,
    pub contact_email: String,
    /// Slug of a bundled schema (`deliberations`).
    pub schema_slug: Option<String>,
    pub private: bool,
}

impl DatasetFields {
    /// Checks every field, and returns the first problem as a field name and message id.
    pub fn check(&self) -> Result<(), Error> {
        if self.title.trim().is_empty() {
            return Err(Error::invalid("title", "catalog-error-required"));
        }
        if self.title.chars().count() > 200 {
            return Err(Error::invalid("title", "catalog-error-too-long"));
        }
        if find_licence(&self.licence).is_none() {
            return Err(Error::invalid("licence", "catalog-error-licence"));
        }
        if !is_frequency(&self.frequency) {
            return Err(Error::invalid("frequency", "catalog-error-frequency"));
        }
        for (name, date) in [
            ("temporal_start", &self.temporal_start),
            ("temporal_end", &self.temporal_end),
        ] {
            if let Some(date) = date
                && date.parse::<jiff::civil::Date>().is_err()
            {
                return Err(Error::invalid(name, "catalog-error-date"));
            }
        }
        if !self.spatial.iter().all(|code| is_valid_spatial_code(code)) {
            return Err(Error::invalid("spatial", "catalog-error-spatial"));
        }
        if !self.contact_email.is_empty() && !self.contact_email.contains('@') {
            return Err(Error::invalid("contact_email", "catalog-error-email"));
        }
        if self.tags.iter().any(|tag| tag.chars().count() > 60) || self.tags.len() > 30 {
            return Err(Error::invalid("tags", "catalog-error-tags"));
        }
        let single_line = [
            ("title", self.title.as_str()),
            ("contact_name", self.contact_name.as_str()),
            ("contact_email", self.contact_email.as_str()),
        ];
        for (name, text) in single_line {
            if has_hidden_characters(text, false) {
                return Err(Error::invalid(name, "catalog-error-control"));
            }
        }
        if self
            .tags
            .iter()
            .any(|tag| has_hidden_characters(tag, false))
        {
            return Err(Error::invalid("tags", "catalog-error-control"));
        }
        if has_hidden_characters(&self.description, true) {
            return Err(Error::invalid("description", "catalog-error-control"));
        }
        Ok(())
    }
}

/// Tells whether text contains a character that [`is_hidden_character`] rejects.
pub fn has_hidden_characters(text: &str, multiline: bool) -> bool {
    text.chars().any(|c| is_hidden_character(c, multiline))
}

/// Tells whether a character is invisible to a reader but changes what is shown: a control
/// character (line breaks and tabs are allowed in `multiline` text), or a bidirectional
/// override that makes a title read differently from what it contains.
pub fn is_hidden_character(c: char, multiline: bool) -> bool {
    let allowed = multiline && matches!(c, '\n' | '\r' | '\t');
    (c.is_control() && !allowed) || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A dataset, as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Dataset {
    pub id: Uuid,
    pub slug: String,
    pub organization_id: Uuid,
    pub fields: DatasetFields,
    pub published: bool,
    pub state: crate::lifecycle::DatasetState,
    pub validity: Validity,
    pub created_at: String,
    pub modified_at: String,
}

/// The location of a resource's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ResourceSource {
    /// A file uploaded and kept by the platform.
    File {
        file_name: String,
        storage_key: String,
        size: u64,
        sha256: String,
    },
    /// A link to a file elsewhere.
    Url { url: String },
}

/// The state of a resource's validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ValidationStatus {
    /// No schema, or not a table.
    None,
    Pending,
    Running,
    Valid,
    Invalid,
    /// The file could not be read at all.
    Failed,
}

impl ValidationStatus {
    pub fn code(self) -> &'static str {
        match self {
            ValidationStatus::None => "none",
            ValidationStatus::Pending => "pending",
            ValidationStatus::Running => "running",
            ValidationStatus::Valid => "valid",
            ValidationStatus::Invalid => "invalid",
            ValidationStatus::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<ValidationStatus> {
        use ValidationStatus::*;
        [None, Pending, Running, Valid, Invalid, Failed]
            .into_iter()
            .find(|status| status.code() == code)
    }
}

/// A file of a dataset.
#[derive(Debug, Clone, Serialize)]
pub struct Resource {
    pub id: Uuid,
    pub dataset_id: Uuid,
    pub title: String,
    /// Plain text set through the API; empty for files added in the web interface.
    pub description: String,
    pub source: ResourceSource,
    /// Lower-case format name (`csv`, `xlsx`).
    pub format: String,
    pub schema_slug: Option<String>,
    pub validation_status: ValidationStatus,
    /// The latest validation report as JSON, as the validation engine renders it.
    pub report: Option<serde_json::Value>,
    /// Set when only editors of the organisation may see the resource, even in a
    /// published dataset.
    pub private: bool,
    pub created_at: String,
    pub modified_at: String,
}

/// Who is looking: decides which datasets exist for them.
#[derive(Debug, Clone, Default)]
pub struct Viewer {
    pub user_id: Option<Uuid>,
    pub platform_admin: bool,
}

impl Viewer {
    pub fn anonymous() -> Viewer {
        Viewer::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_rejected() {
        let good = DatasetFields {
            title: "Délibérations".into(),
            description: "Ligne 1\r\nLigne 2\tfin".into(),
            licence: "lov2".into(),
            frequency: "MONTHLY".into(),
            ..DatasetFields::default()
        };
        assert!(good.check().is_ok());
        for bad in [
            DatasetFields {
                title: "Délib\u{0}érations".into(),
                ..good.clone()
            },
            DatasetFields {
                title: "Délib\u{202E}érations".into(),
                ..good.clone()
            },
            DatasetFields {
                description: "texte\u{1b}[31m".into(),
                ..good.clone()
            },
            DatasetFields {
                tags: vec!["a\nb".into()],
                ..good.clone()
            },
        ] {
            assert!(
                matches!(
                    bad.check(),
                    Err(Error::Invalid {
                        message_id: "catalog-error-control",
                        ..
                    })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn siren_checksum() {
        assert!(is_valid_siren("214202186"));
        assert!(!is_valid_siren("214202187"));
        assert!(!is_valid_siren("21420218"));
        assert!(!is_valid_siren("21420218a"));
    }

    #[test]
    fn spatial_codes() {
        assert!(is_valid_spatial_code("commune:42218"));
        assert!(is_valid_spatial_code("commune:2A004"));
        assert!(is_valid_spatial_code("departement:42"));
        assert!(is_valid_spatial_code("departement:974"));
        assert!(is_valid_spatial_code("departement:2B"));
        assert!(!is_valid_spatial_code("departement:4"));
        assert!(!is_valid_spatial_code("region:84"));
        assert!(!is_valid_spatial_code("commune:4221"));
        assert!(!is_valid_spatial_code("commune:2Aé04"));
    }

    #[test]
    fn slug_folds_and_joins() {
        assert_eq!(
            slugify("Délibérations de l'année 2024 !", "x"),
            "deliberations-de-l-annee-2024"
        );
        assert_eq!(slugify("!!!", "dataset"), "dataset");
        assert!(slugify(&"mot ".repeat(100), "x").len() <= 80);
    }

    #[test]
    fn licences_start_with_lov2_and_odbl() {
        let ids: Vec<&str> = LICENCES.iter().map(|licence| licence.id).collect();
        assert_eq!(ids.first(), Some(&"lov2"));
        assert_eq!(ids.get(1), Some(&"odbl"));
    }
}
