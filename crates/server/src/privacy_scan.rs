//! Personal-data scan of uploaded files, as stored with the resource's validation report,
//! and the editor's confirmation that the file may be published as it is.
//!
//! The stored form keeps codes, message ids and masked excerpts only: the unmasked text of
//! a finding never leaves the file. Detection itself is done by the `privacy` crate. This
//! module reads the file, picks the built-in rules from the dataset's schema and caps the
//! number of findings kept.

use std::path::Path;

use i18n::Messages;
use privacy::{Finding, Policy, Replacement, Report, Scanner, Workspace};
use serde::{Deserialize, Serialize};
use validate::read::{self, ReadOptions, Record};

use crate::normalise::{ChunkSink, neutralise_formula};

/// Findings kept with a resource. A file full of personal data is described by its first
/// findings and their total count, so the stored report stays small.
pub const MAX_FINDINGS_KEPT: usize = 300;

/// Schemas that have their own built-in rules. Any other schema, or none, uses `generic`.
const SCHEMAS_WITH_RULES: &[&str] = &[
    "deliberations",
    "subventions",
    "marches-publics",
    "decp-tabulaire",
    "prenoms",
];

/// One finding as stored: where it is, what it is, and the masked excerpt.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredPrivacyFinding {
    pub row: Option<u64>,
    pub column: Option<String>,
    /// Kind code, such as `person` or `iban`.
    pub kind: String,
    /// Category code, such as `private` or `official`.
    pub category: String,
    /// Confidence code: `low`, `medium` or `high`.
    pub confidence: String,
    /// Cell text around the finding with every detected span masked.
    pub excerpt: String,
}

/// An editor's confirmation that a file with personal data may be published: the user and
/// the time (RFC 3339).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrivacyConfirmation {
    pub user_id: String,
    pub user_email: String,
    pub confirmed_at: String,
}

/// The personal-data report of one resource.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredPrivacy {
    /// Name of the built-in rules applied.
    pub policy: String,
    /// Data records scanned.
    pub records: u64,
    /// Findings in the whole file, kept or not.
    pub total_findings: u64,
    /// Findings in the whole file that need an editor's confirmation before publication.
    pub blocking_findings: u64,
    pub findings: Vec<StoredPrivacyFinding>,
    /// Set once an editor has confirmed publication of the file as it is.
    #[serde(default)]
    pub confirmation: Option<PrivacyConfirmation>,
}

impl StoredPrivacy {
    /// Returns whether publication needs an editor's confirmation that is not yet given.
    pub fn needs_confirmation(&self) -> bool {
        self.blocking_findings > 0 && self.confirmation.is_none()
    }

    /// Renders the summary line in the visitor's language.
    pub fn summary(&self, messages: &Messages) -> String {
        let id = if self.blocking_findings > 0 {
            "privacy-summary-confirm"
        } else {
            "privacy-summary"
        };
        let count = self.total_findings.to_string();
        let high = self.blocking_findings.to_string();
        let records = self.records.to_string();
        messages.format(
            id,
            &[
                ("count", &count),
                ("high", &high),
                ("records", &records),
                ("policy", &self.policy),
            ],
        )
    }

    /// Renders each kept finding as one line in the visitor's language.
    pub fn finding_lines(&self, messages: &Messages) -> Vec<String> {
        self.findings
            .iter()
            .map(|finding| {
                let row = finding.row.map(|row| row.to_string()).unwrap_or_default();
                let column = finding.column.clone().unwrap_or_default();
                messages.format(
                    "privacy-finding",
                    &[
                        ("kind", &finding.kind),
                        ("category", &finding.category),
                        ("confidence", &finding.confidence),
                        ("excerpt", &finding.excerpt),
                        ("row", &row),
                        ("column", &column),
                    ],
                )
            })
            .collect()
    }
}

/// The personal-data section of the report page, rendered in the visitor's language.
#[derive(Debug, Serialize)]
pub struct PrivacyView {
    pub summary: String,
    /// One line per kept finding, with its masked excerpt.
    pub findings: Vec<String>,
    pub total_findings: u64,
    /// Whether the file has findings that need an editor's confirmation.
    pub blocking: bool,
    /// Whether publication still waits for that confirmation.
    pub needs_confirmation: bool,
    pub confirmation: Option<PrivacyConfirmation>,
}

impl PrivacyView {
    pub fn new(privacy: &StoredPrivacy, messages: &Messages) -> PrivacyView {
        PrivacyView {
            summary: privacy.summary(messages),
            findings: privacy.finding_lines(messages),
            total_findings: privacy.total_findings,
            blocking: privacy.blocking_findings > 0,
            needs_confirmation: privacy.needs_confirmation(),
            confirmation: privacy.confirmation.clone(),
        }
    }
}

/// Returns the name of the built-in rules for a dataset schema slug.
pub fn policy_name(schema_slug: Option<&str>) -> &'static str {
    schema_slug
        .and_then(|slug| {
            SCHEMAS_WITH_RULES
                .iter()
                .copied()
                .find(|name| *name == slug)
        })
        .unwrap_or("generic")
}

fn store_finding(finding: &Finding) -> StoredPrivacyFinding {
    StoredPrivacyFinding {
        row: finding.row,
        column: finding.column.clone(),
        kind: finding.kind.code().to_owned(),
        category: finding.category.code().to_owned(),
        confidence: finding.confidence.code().to_owned(),
        excerpt: finding.excerpt.clone(),
    }
}

/// Counts the findings that would block publication, by the engine's own rule.
fn count_blocking(policy: &str, findings: &[Finding]) -> u64 {
    findings
        .iter()
        .filter(|finding| {
            Report {
                policy: policy.to_owned(),
                records: 1,
                findings: vec![(*finding).clone()],
            }
            .requires_confirmation()
        })
        .count() as u64
}

/// Scans a file record by record with the rules matching `schema_slug`. Errors are
/// returned as text for the log: the validation report already describes unreadable files.
/// Largest rules file read from the policies folder.
const MAX_POLICY_BYTES: u64 = 1024 * 1024;

/// Loads the rules for a schema: `NAME.json` of the platform's policies folder when it
/// exists, the built-in rules of that name otherwise.
pub fn load_policy(policies: Option<&Path>, schema_slug: Option<&str>) -> Result<Policy, String> {
    let name = policy_name(schema_slug);
    if let Some(folder) = policies {
        let file = folder.join(format!("{name}.json"));
        if let Ok(metadata) = std::fs::metadata(&file) {
            if !metadata.is_file() || metadata.len() > MAX_POLICY_BYTES {
                return Err(format!(
                    "{} is not a rules file of at most {MAX_POLICY_BYTES} bytes",
                    file.display()
                ));
            }
            let text = std::fs::read_to_string(&file)
                .map_err(|error| format!("{}: {error}", file.display()))?;
            return Policy::from_json(&text)
                .map_err(|error| format!("{}: {error}", file.display()));
        }
    }
    Policy::builtin(name).map_err(|error| error.to_string())
}

pub fn scan_file(
    path: &Path,
    schema_slug: Option<&str>,
    policies: Option<&Path>,
) -> Result<StoredPrivacy, String> {
    let policy = load_policy(policies, schema_slug)?;
    let scanner = Scanner::new(policy).map_err(|error| error.to_string())?;
    let policy_name = scanner.policy().name.clone();
    let mut source =
        read::open_path(path, &ReadOptions::default()).map_err(|error| error.to_string())?;

    let mut record = Record::new();
    let mut stored = StoredPrivacy {
        policy: policy_name,
        records: 0,
        total_findings: 0,
        blocking_findings: 0,
        findings: Vec::new(),
        confirmation: None,
    };
    if !source
        .read_record(&mut record)
        .map_err(|error| error.to_string())?
    {
        return Ok(stored);
    }
    let header: Vec<String> = record
        .iter()
        .map(|label| label.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();

    let mut workspace = Workspace::default();
    while source
        .read_record(&mut record)
        .map_err(|error| error.to_string())?
    {
        let cells: Vec<&str> = record.iter().collect();
        let found = scanner.scan_record(&header, &cells, record.row_number, &mut workspace);
        stored.records += 1;
        stored.total_findings += found.len() as u64;
        stored.blocking_findings += count_blocking(&stored.policy, &found);
        let room = MAX_FINDINGS_KEPT.saturating_sub(stored.findings.len());
        stored
            .findings
            .extend(found.iter().take(room).map(store_finding));
    }
    Ok(stored)
}

/// Writes a copy of the file at `path` as UTF-8 comma-separated CSV, with every finding of
/// the rules matching `schema_slug` replaced by its placeholder, such as `[nom masqué]`.
/// Cells a spreadsheet would run as formulas are neutralised. Errors are message ids.
///
/// What was replaced, and with which rules, is added to `entries` and returned as the
/// policy, for the redaction record.
pub fn write_redacted(
    path: &Path,
    schema_slug: Option<&str>,
    writer: &mut csv::Writer<ChunkSink<'_>>,
    entries: &mut Vec<privacy::RedactionEntry>,
    policies: Option<&Path>,
) -> Result<Policy, &'static str> {
    let failed = "server-error-redact-failed";
    let policy = load_policy(policies, schema_slug).map_err(|_| failed)?;
    let scanner = Scanner::new(policy.clone()).map_err(|_| failed)?;
    let mut source = read::open_path(path, &ReadOptions::default()).map_err(|_| failed)?;

    let mut record = Record::new();
    if !source.read_record(&mut record).map_err(|_| failed)? {
        return Ok(policy);
    }
    let header: Vec<String> = record
        .iter()
        .map(|label| label.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    let cells: Vec<String> = header
        .iter()
        .map(|label| neutralise_formula(label))
        .collect();
    writer.write_record(&cells).map_err(|_| failed)?;
    let header: Vec<&str> = header.iter().map(String::as_str).collect();

    let mut workspace = Workspace::default();
    while source.read_record(&mut record).map_err(|_| failed)? {
        let cells: Vec<&str> = record.iter().collect();
        let (redacted, record_entries) = scanner.redact_record(
            &header,
            &cells,
            record.row_number,
            &Replacement::Placeholder,
            &mut workspace,
        );
        let safe: Vec<String> = redacted
            .iter()
            .map(|cell| neutralise_formula(cell))
            .collect();
        writer.write_record(&safe).map_err(|_| failed)?;
        entries.extend(record_entries);
    }
    Ok(policy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_policy_replaces_builtin() {
        let folder = std::env::temp_dir().join(format!("socle-policies-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&folder).expect("policies folder");
        let rules = r#"{"name": "deliberations", "columns": [{"column": "DELIB_OBJET", "mode": "skip"}],
            "other_columns": "skip", "min_confidence": "high", "report_officials": false}"#;
        std::fs::write(folder.join("deliberations.json"), rules).expect("rules file");
        let custom = load_policy(Some(&folder), Some("deliberations")).expect("custom rules");
        assert_eq!(custom.mode_for("DELIB_OBJET"), privacy::ColumnMode::Skip);
        let builtin = load_policy(Some(&folder), Some("subventions")).expect("built-in rules");
        assert_eq!(builtin.name, "subventions");
        std::fs::write(folder.join("subventions.json"), "{ not json").expect("broken rules");
        assert!(load_policy(Some(&folder), Some("subventions")).is_err());
        let _ = std::fs::remove_dir_all(&folder);
    }

    #[test]
    fn policy_name_maps_known_schemas() {
        assert_eq!(policy_name(Some("deliberations")), "deliberations");
        assert_eq!(policy_name(Some("decp-tabulaire")), "decp-tabulaire");
        assert_eq!(policy_name(Some("prenoms")), "prenoms");
        assert_eq!(policy_name(Some("budget")), "generic");
        assert_eq!(policy_name(None), "generic");
    }

    #[test]
    fn scan_file_masks_private_person() {
        let directory =
            std::env::temp_dir().join(format!("socle-privacy-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&directory).expect("temporary directory");
        let path = directory.join("deliberations.csv");
        std::fs::write(
            &path,
            "DELIB_OBJET\nVente à M. Jean Kerhervé demeurant 4 rue des Lilas\nBudget primitif 2026\n",
        )
        .expect("write file");

        let stored = scan_file(&path, Some("deliberations"), None).expect("scan");
        let _ = std::fs::remove_dir_all(&directory);

        assert_eq!(stored.policy, "deliberations");
        assert_eq!(stored.records, 2);
        assert!(stored.total_findings >= 2, "{stored:?}");
        assert!(stored.blocking_findings >= 1, "{stored:?}");
        assert!(stored.needs_confirmation());
        let first = stored.findings.first().expect("a finding");
        assert_eq!(first.row, Some(2));
        assert_eq!(first.column.as_deref(), Some("DELIB_OBJET"));
        for finding in &stored.findings {
            assert!(!finding.excerpt.contains("Kerhervé"), "{finding:?}");
            assert!(!finding.excerpt.contains("Lilas"), "{finding:?}");
        }
    }
}
