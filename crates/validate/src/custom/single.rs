//! The row side of the single-column text checks: `siret`, `siren`, `phone-number-value`
//! and `opening-hours-value`. Their rules live in [`super::identifiers`], [`super::phone`]
//! and [`super::opening_hours`].
//!
//! Each reads the parsed string of its `column` (or the cell text when the field has
//! another type) and skips the row when the value is missing.

use super::declaration::{Declaration, Declared};
use super::identifiers::{self, IdentifierError};
use super::{CUSTOM_CHECK_ERROR, Column, Row, opening_hours, phone};
use crate::finding::Finding;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Siret,
    Siren,
    Phone,
    OpeningHours,
}

/// A compiled single-column text check.
#[derive(Debug)]
pub(super) struct SingleCheck {
    rule: Rule,
    column: Column,
}

impl SingleCheck {
    pub fn declare(declaration: &Declaration<'_>) -> Declared<SingleCheck> {
        let rule = match declaration.name {
            "siret" => Rule::Siret,
            "siren" => Rule::Siren,
            "phone-number-value" => Rule::Phone,
            _ => Rule::OpeningHours,
        };
        Ok(SingleCheck {
            rule,
            column: declaration.column("column")?,
        })
    }

    pub fn check(&self, row: &Row<'_, '_>, out: &mut Vec<Finding>) {
        let Some(text) = row.string(&self.column) else {
            return;
        };
        let finding = match self.rule {
            Rule::Siret => identifiers::check_siret(text)
                .err()
                .map(|error| self.identifier_finding(row, error, true)),
            Rule::Siren => identifiers::check_siren(text)
                .err()
                .map(|error| self.identifier_finding(row, error, false)),
            Rule::Phone => (!phone::is_valid_phone(text)).then(|| {
                row.cell_finding("phone-number-value", "check-phone-invalid", &self.column)
            }),
            Rule::OpeningHours => opening_hours::check_opening_hours(text).err().map(|error| {
                row.cell_finding(
                    "opening-hours-value",
                    "check-opening-hours-invalid",
                    &self.column,
                )
                .arg("position", error.position)
            }),
        };
        if let Some(finding) = finding {
            out.push(finding.arg("value", text).arg("column", &self.column.name));
        }
    }

    fn identifier_finding(
        &self,
        row: &Row<'_, '_>,
        error: IdentifierError,
        is_siret: bool,
    ) -> Finding {
        let message_id = match (is_siret, error) {
            (true, IdentifierError::NotDigits) => "check-siret-characters",
            (true, IdentifierError::Length(_)) => "check-siret-length",
            (true, IdentifierError::Checksum) => "check-siret-checksum",
            (false, IdentifierError::NotDigits) => "check-siren-characters",
            (false, IdentifierError::Length(_)) => "check-siren-length",
            (false, IdentifierError::Checksum) => "check-siren-checksum",
        };
        let finding = row.cell_finding(CUSTOM_CHECK_ERROR, message_id, &self.column);
        match error {
            IdentifierError::Length(count) => finding.arg("digits", count),
            _ => finding,
        }
    }
}
