//! Conversion of TOTEM budget files (`DocumentBudgetaire` XML, sent by collectivités through
//! "Actes budgétaires") into the SCDL budget CSV (schema `scdl/budget` 0.8.3).
//!
//! Every stage is handled (budget primitif, budget supplémentaire, décision modificative,
//! compte administratif, compte financier unique), budgets voted by nature or by function, in
//! ISO-8859-1 or UTF-8. The input is streamed: one CSV row is written per non-calculated
//! `LigneBudget` as soon as it is read, so memory does not depend on the file size. Labels,
//! chapters and sections come from the plans de comptes ([`Plans`]). Documents with a DTD or
//! entity declarations are rejected before anything in them is read.
//!
//! Left out: downloading the plans de comptes (a job for the command-line tool), validating
//! the CSV against the schema (the `validate` crate), and publishing annexes: they are only
//! scanned for personal data, reported as [`PersonalDataNotice`]s. Nothing here does HTTP,
//! runs an async runtime or touches a database.
//!
//! # Known differences with the yatotem2scdl reference converter
//!
//! Rows and amounts are the same, in the same order. These cells differ on purpose, because the
//! reference leaves them invalid against the schema:
//! - `BGT_NATDEC` is lower case (`compte administratif`), as the schema's enumeration requires.
//!   A compte financier unique is published as `compte administratif`, for want of its own value.
//! - Lines without `ContNat` get the chapter the plan assigns to their account, with its label
//!   and section, where the reference leaves the three cells empty.
//! - A `ContNat` that the plan does not list (`45411`) is kept, with the label and section of
//!   the chapter derived from the account, where the reference leaves them empty.
//! - An account missing from the plan and without `LibCpte` gets its parent account's label.
//! - Amounts in French format (`1 234,50`) are rewritten as `1234.50`, and other non-numbers
//!   are emptied, each with a warning.
//!
//! ```no_run
//! use std::fs::File;
//! use std::io::BufReader;
//! use std::path::Path;
//!
//! let plans = totem::Plans::load_dir(Path::new("plans-de-compte"))?;
//! let input = BufReader::new(File::open("budget.xml").expect("input"));
//! let output = File::create("budget.csv").expect("output");
//! let conversion = totem::convert(input, output, &plans, &totem::ConvertOptions::default())?;
//! println!("{} rows", conversion.rows);
//! # Ok::<(), totem::TotemError>(())
//! ```

mod decode;
mod document;
mod error;
mod notice;
mod plan;
mod plans;
mod row;
mod siret;
mod sniff;
mod summary;
mod xml;

use std::io::{BufRead, Write};

pub use error::TotemError;
pub use notice::{MAX_NOTICES, MAX_PERSONAL_DATA, Notice, PersonalDataKind, PersonalDataNotice};
pub use plan::{Account, Chapter, Plan, Section};
pub use plans::Plans;
pub use row::SCDL_COLUMNS;
pub use siret::is_valid as is_valid_siret;
pub use sniff::{SNIFF_BYTES, looks_like_totem};
pub use summary::{Amount, BudgetSummary, DirectionTotals, SectionTotals, Stage, Summary};
pub use xml::Limits;

/// Settings of one conversion.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConvertOptions {
    /// SIRET to write in `BGT_SIRET` in place of the flow's `IdEtab` (or `IdColl`).
    pub siret_override: Option<String>,
    /// Resource bounds for reading the XML.
    pub limits: Limits,
}

/// The outcome of a successful conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    pub summary: Summary,
    /// Problems found in the data, grouped by message and arguments.
    pub warnings: Vec<Notice>,
    /// Elements that name or describe natural persons; their content is not in the CSV.
    pub personal_data: Vec<PersonalDataNotice>,
    /// CSV rows written, header excluded.
    pub rows: u64,
    /// `LigneBudget` elements marked `calculated="true"` (totals added by the State's
    /// enrichment of a compte financier unique), left out of the CSV.
    pub calculated_skipped: u64,
}

/// Converts a TOTEM XML document into the SCDL budget CSV, written to `output` with a header.
///
/// On error the output may contain the rows written before the problem was found. Callers that
/// publish the file should therefore write to a temporary file first.
pub fn convert<R: BufRead, W: Write>(
    input: R,
    output: W,
    plans: &Plans,
    options: &ConvertOptions,
) -> Result<Conversion, TotemError> {
    let mut converter = document::Converter::new(output, plans, options)?;
    xml::walk(input, &mut converter, options.limits)?;
    if converter.documents == 0 {
        return Err(TotemError::DocumentMissing);
    }
    converter.flush()?;
    if converter.rows == 0 {
        converter.notices.warn("totem-no-lines", &[], None);
    }
    let rows = converter.rows;
    let calculated_skipped = converter.calculated_skipped;
    let budgets = std::mem::take(&mut converter.budgets);
    let (warnings, personal_data) = std::mem::take(&mut converter.notices).finish();
    Ok(Conversion {
        summary: Summary { budgets },
        warnings,
        personal_data,
        rows,
        calculated_skipped,
    })
}
