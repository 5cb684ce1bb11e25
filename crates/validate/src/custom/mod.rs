//! Validata's custom checks, declared in a schema's `custom_checks` array or a field's
//! `customCheck`: the registry of check names, the compilation of declarations into a plan,
//! and the per-row driver.
//!
//! Each check lives in its own module with its rule, its parameters and its tests. This
//! module resolves names (the deprecated `french-siret-value`, `french-siren-value` and
//! `nomenclature-actes-value` become `siret`, `siren` and `nomenclature-acte`, with a
//! warning), turns bad declarations into `check-error` findings without a row (the other
//! checks still run), and runs the compiled checks on each row.
//!
//! Common rules, as Validata 0.12.5 applies them. Checks see parsed values. A value is
//! `None` when its column is absent, its cell missing or its cell failed its type. Most
//! checks skip a row when one of their values is `None`, except `cohesive-columns-value`
//! and `one-of-required`, which are about presence. Findings go on the cell of the
//! declaration's `column`, or on the whole row when the check has no single column.
//!
//! Left out: the checks of Validata's format library that need reference lists (INSEE
//! communes, postal codes, FANTOIR, countries). They are recognised and reported as not
//! supported, so a schema using them still validates with the other checks.

mod cohesive;
mod compare;
mod declaration;
mod one_of_required;
mod single;
mod sum;

pub mod actes;
pub mod gps;
pub mod identifiers;
pub mod opening_hours;
pub mod phone;
pub mod year_interval;

use tableschema::{CompiledSchema, Schema, Value};

use crate::finding::Finding;
use declaration::{Declaration, Declared};

/// Error type of declaration problems (unknown check, bad parameter, wrong field type).
pub const CHECK_ERROR: &str = "check-error";
/// Error type of the checks backed by Validata's format library (`siret`, `siren`,
/// `nomenclature-acte`).
pub const CUSTOM_CHECK_ERROR: &str = "custom-check-error";
/// Warning type of a deprecated check name.
pub const DEPRECATED_CHECK: &str = "deprecated-custom-check";
/// Warning type of a check that Validata runs but socle does not.
pub const UNSUPPORTED_CHECK: &str = "unsupported-custom-check";

/// Deprecated names and the names that replace them.
const RENAMED: [(&str, &str); 3] = [
    ("french-siret-value", "siret"),
    ("french-siren-value", "siren"),
    ("nomenclature-actes-value", "nomenclature-acte"),
];

/// Checks of Validata's format library that need reference lists socle does not ship.
const UNSUPPORTED: [&str; 12] = [
    "code-commune-insee",
    "code-region",
    "commune",
    "departement",
    "numero-departement",
    "canton",
    "region",
    "pays",
    "code-pays-iso2",
    "code-pays-iso3",
    "code-postal",
    "code-fantoir",
];

/// The compiled custom checks of a schema, ready for the row loop.
#[derive(Debug, Default)]
pub struct CustomChecks {
    checks: Vec<Check>,
}

/// A schema field a check reads: its index in the schema, its name and its 1-based
/// position in the file (`None` when the file lacks it).
#[derive(Debug, Clone)]
struct Column {
    index: usize,
    name: String,
    position: Option<usize>,
}

/// One compiled check.
#[derive(Debug)]
enum Check {
    Single(single::SingleCheck),
    Gps(gps::GpsCheck),
    Actes(actes::ActesCheck),
    YearInterval(year_interval::YearIntervalCheck),
    Cohesive(cohesive::CohesiveCheck),
    Compare(compare::CompareCheck),
    Sum(sum::SumCheck),
    OneOfRequired(one_of_required::OneOfRequiredCheck),
}

/// The data of one row as the checks see it.
struct Row<'r, 'v> {
    number: u64,
    values: &'r [Option<Value<'v>>],
    texts: &'r [Option<&'r str>],
}

impl<'v> Row<'_, 'v> {
    fn value(&self, column: &Column) -> Option<&Value<'v>> {
        self.values.get(column.index).and_then(Option::as_ref)
    }

    fn text(&self, column: &Column) -> Option<&str> {
        self.texts.get(column.index).copied().flatten()
    }

    /// Returns the text a text check reads: the parsed string, or the cell text for other types.
    fn string(&self, column: &Column) -> Option<&str> {
        match self.value(column)? {
            Value::String(text) => Some(text),
            _ => self.text(column),
        }
    }

    /// Starts a finding on the column's cell, or on the row when the column is absent.
    fn cell_finding(
        &self,
        code: &'static str,
        message_id: &'static str,
        column: &Column,
    ) -> Finding {
        let finding = Finding::error(code, message_id).row(self.number);
        let Some(position) = column.position else {
            return finding;
        };
        let finding = finding.field(position, column.name.as_str());
        match self.text(column) {
            Some(text) => finding.cell(text),
            None => finding,
        }
    }
}

impl CustomChecks {
    /// Compiles the schema's declarations (`schema.schema().custom_checks`). `columns[i]`
    /// is `Some(position_in_file_1_based)` when schema field i is present in the file,
    /// `None` when absent. Returns the checks plus set-up findings: check-error for bad
    /// declarations, deprecation warnings, and the header-level findings (row 1) of
    /// cohesive-columns-value / one-of-required for absent columns.
    pub fn compile(
        schema: &CompiledSchema,
        columns: &[Option<usize>],
    ) -> (CustomChecks, Vec<Finding>) {
        CustomChecks::from_schema(schema.schema(), columns)
    }

    /// Compiles the declarations of a descriptor; see [`CustomChecks::compile`].
    pub fn from_schema(schema: &Schema, columns: &[Option<usize>]) -> (CustomChecks, Vec<Finding>) {
        let mut checks = Vec::new();
        let mut findings = Vec::new();
        for spec in &schema.custom_checks {
            let (name, renamed) = match RENAMED.iter().find(|(old, _)| *old == spec.name) {
                Some((old, new)) => (*new, Some(*old)),
                None => (spec.name.as_str(), None),
            };
            if let Some(old) = renamed {
                findings.push(
                    Finding::warning(DEPRECATED_CHECK, "check-deprecated")
                        .arg("check", old)
                        .arg("replacement", name),
                );
            }
            let declaration = Declaration::new(name, spec, &schema.fields, columns);
            match compile_check(&declaration) {
                Ok(check) => {
                    // A check whose columns are partly absent may stop at the header.
                    if let Some(header) = header_finding(&check) {
                        findings.push(header);
                    } else {
                        checks.push(check);
                    }
                }
                Err(finding) => findings.push(*finding),
            }
        }
        (CustomChecks { checks }, findings)
    }

    pub fn is_empty(&self) -> bool {
        self.checks.is_empty()
    }

    /// Runs every check on one data row. `values[i]` is the parsed value of schema field i
    /// (None when the column is absent, the cell missing, or the cell failed its type);
    /// `texts[i]` the raw cell text (None when the column is absent). It allocates only for
    /// the findings it pushes.
    pub fn check_row(
        &self,
        row_number: u64,
        values: &[Option<Value<'_>>],
        texts: &[Option<&str>],
        out: &mut Vec<Finding>,
    ) {
        let row = Row {
            number: row_number,
            values,
            texts,
        };
        for check in &self.checks {
            match check {
                Check::Single(check) => check.check(&row, out),
                Check::Gps(check) => check.check(&row, out),
                Check::Actes(check) => check.check(&row, out),
                Check::YearInterval(check) => check.check(&row, out),
                Check::Cohesive(check) => check.check(&row, out),
                Check::Compare(check) => check.check(&row, out),
                Check::Sum(check) => check.check(&row, out),
                Check::OneOfRequired(check) => check.check(&row, out),
            }
        }
    }
}

/// Builds a check from its declaration. `Err` contains the finding that stops the check,
/// which is a `check-error` or the warning for a check socle does not support.
fn compile_check(declaration: &Declaration<'_>) -> Declared<Check> {
    let check = match declaration.name {
        "siret" | "siren" | "phone-number-value" | "opening-hours-value" => {
            Check::Single(single::SingleCheck::declare(declaration)?)
        }
        "nomenclature-acte" => Check::Actes(actes::ActesCheck::declare(declaration)?),
        "french-gps-coordinates" | "coordonnees-gps-francaises" => {
            Check::Gps(gps::GpsCheck::declare(declaration)?)
        }
        "year-interval-value" => {
            Check::YearInterval(year_interval::YearIntervalCheck::declare(declaration)?)
        }
        "cohesive-columns-value" => Check::Cohesive(cohesive::CohesiveCheck::declare(declaration)?),
        "compare-columns-value" => Check::Compare(compare::CompareCheck::declare(declaration)?),
        "sum-columns-value" => Check::Sum(sum::SumCheck::declare(declaration)?),
        "one-of-required" => {
            Check::OneOfRequired(one_of_required::OneOfRequiredCheck::declare(declaration)?)
        }
        name if UNSUPPORTED.contains(&name) => {
            return Err(Box::new(
                Finding::warning(UNSUPPORTED_CHECK, "check-unsupported").arg("check", name),
            ));
        }
        name => {
            return Err(Box::new(
                Finding::error(CHECK_ERROR, "check-declaration-unknown")
                    .arg("check", name)
                    .arg("pointer", &declaration.spec.pointer),
            ));
        }
    };
    Ok(check)
}

/// Returns the header-level finding of a check whose columns are partly absent from the
/// file. Such a check then checks no row.
fn header_finding(check: &Check) -> Option<Finding> {
    match check {
        Check::Cohesive(check) => check.header_finding(),
        Check::OneOfRequired(check) => check.header_finding(),
        _ => None,
    }
}
