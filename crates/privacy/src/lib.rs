//! Detection and redaction of personal data in the files collectivités publish:
//! délibérations, subventions, marchés publics.
//!
//! French law lets an administration publish a document containing personal data only
//! once that data is anonymised, apart from listed exceptions such as elected officials
//! acting in office. This crate finds private persons' names (with context rules),
//! private addresses, personal e-mail addresses, French phone numbers, NIR, IBAN, RIB and
//! dates of birth, and replaces them with placeholders or stable pseudonyms.
//!
//! Entry points: [`Scanner::scan_text`] for one text, [`Scanner::scan_record`] and
//! [`Scanner::scan_table`] for records with a header, [`Scanner::redact_table`] to produce
//! a redacted copy with its [`RedactionRecord`]. [`Policy`] says which columns are scanned
//! and how. A column that the policy does not list and whose header names personal data
//! (`nom`, `prénom`, `adresse`, `date_naissance`, `NIR`) is read as such, weighed against
//! the other cells of its record. Findings carry codes, not sentences: the message
//! catalogue renders them.
//!
//! Nothing here reads files, does HTTP, runs an async runtime or touches a database.
//!
//! ```
//! use privacy::{Kind, Policy, Replacement, Scanner};
//!
//! let scanner = Scanner::new(Policy::builtin("deliberations")?)?;
//! let header = ["DELIB_OBJET"];
//! let row = ["Vente à M. Jean MARTIN demeurant 3 rue des Lilas"];
//!
//! let report = scanner.scan_table(&header, [&row[..]]);
//! let kinds: Vec<Kind> = report.findings.iter().map(|f| f.kind).collect();
//! assert_eq!(kinds, [Kind::Person, Kind::Address]);
//! assert!(report.requires_confirmation());
//!
//! let (rows, record) =
//!     scanner.redact_table(&header, [&row[..]], &Replacement::Placeholder, "editor", "2026-01-01T00:00:00Z");
//! assert_eq!(rows[0][0], "Vente à M. [nom masqué] demeurant [adresse masquée]");
//! assert_eq!(record.entries.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod address;
mod analysis;
mod columns;
mod contact;
pub mod finding;
mod ident;
mod lexicon;
mod names;
mod officials;
pub mod policy;
pub mod redact;
mod scanner;
mod table;
mod token;

pub use finding::{Category, Confidence, Finding, Kind, Span, masked_excerpt};
pub use ident::{iban_prefix_length, nir_is_valid, rib_is_valid};
pub use policy::{BUILTIN_POLICIES, ColumnMode, ColumnRule, Policy, PolicyError};
pub use redact::{RedactionEntry, RedactionRecord, Replacement, placeholder, redact_text};
pub use scanner::{ScanError, Scanner, Workspace};
pub use table::Report;

/// Version of the detection rules, recorded with every redaction.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
