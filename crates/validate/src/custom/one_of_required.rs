//! `one-of-required`: on each row, at least one of two columns is filled.
//!
//! Validata reads the parameters `column1` and `column2`; its documentation writes
//! `column` and `column2`, which Validata 0.12.5 rejects. Both spellings are accepted
//! here, `column1` first. A column absent from the file counts as empty on every row. When
//! both are absent, the check reports once at the header (row 1) and checks no row.
//!
//! The finding is on the row when both columns are in the file, and on the cell of the
//! present column when only one is, since that cell is the one to fill. Validata places
//! it on a single field in that case too, but names `column1` even when `column1` is the
//! absent one (it pairs the parameter names with the positions of the present columns).

use tableschema::Value;

use super::declaration::{Declaration, Declared};
use super::{Column, Row};
use crate::finding::Finding;

const CODE: &str = "one-of-required";

/// A compiled `one-of-required` check.
#[derive(Debug)]
pub(super) struct OneOfRequiredCheck {
    first: Column,
    second: Column,
}

impl OneOfRequiredCheck {
    pub fn declare(declaration: &Declaration<'_>) -> Declared<OneOfRequiredCheck> {
        let first_param =
            if declaration.param("column1").is_none() && declaration.param("column").is_some() {
                "column"
            } else {
                "column1"
            };
        let first = declaration.column(first_param)?;
        let second = declaration.column("column2")?;
        Ok(OneOfRequiredCheck { first, second })
    }

    /// Returns the header-level error when both columns are absent from the file.
    pub fn header_finding(&self) -> Option<Finding> {
        if self.first.position.is_some() || self.second.position.is_some() {
            return None;
        }
        Some(
            Finding::error(CODE, "check-one-of-required-header")
                .row(1)
                .arg("column1", &self.first.name)
                .arg("column2", &self.second.name),
        )
    }

    // NOTE: Validata also treats 0 and false as empty, because it tests Python truthiness;
    // here only a missing value or an empty string is empty.
    pub fn check(&self, row: &Row<'_, '_>, out: &mut Vec<Finding>) {
        if is_filled(row.value(&self.first)) || is_filled(row.value(&self.second)) {
            return;
        }
        const MESSAGE_ID: &str = "check-one-of-required-empty";
        let finding = match (self.first.position, self.second.position) {
            (Some(_), None) => row.cell_finding(CODE, MESSAGE_ID, &self.first),
            (None, Some(_)) => row.cell_finding(CODE, MESSAGE_ID, &self.second),
            _ => Finding::error(CODE, MESSAGE_ID).row(row.number),
        };
        out.push(
            finding
                .arg("column1", &self.first.name)
                .arg("column2", &self.second.name),
        );
    }
}

fn is_filled(value: Option<&Value<'_>>) -> bool {
    match value {
        None => false,
        Some(Value::String(text)) => !text.is_empty(),
        Some(_) => true,
    }
}
