//! `cohesive-columns-value`: on each row, `column` and `othercolumns` are either all filled
//! or all empty.
//!
//! A cell that failed its type counts as empty, as in Validata. When some of the columns
//! are absent from the file, but not all, the check reports once at the header (row 1)
//! and checks no row. When all are absent, it has nothing to check.

use super::declaration::{Declaration, Declared};
use super::{Column, Row};
use crate::finding::Finding;

const CODE: &str = "cohesive-columns-value";

/// A compiled `cohesive-columns-value` check; `columns[0]` is the declaration's `column`.
#[derive(Debug)]
pub(super) struct CohesiveCheck {
    columns: Vec<Column>,
}

impl CohesiveCheck {
    pub fn declare(declaration: &Declaration<'_>) -> Declared<CohesiveCheck> {
        let mut columns = vec![declaration.column("column")?];
        columns.extend(declaration.column_list("othercolumns")?);
        Ok(CohesiveCheck { columns })
    }

    /// Returns the header-level error when the file has some of the columns but not all.
    pub fn header_finding(&self) -> Option<Finding> {
        let absent: Vec<&str> = self
            .columns
            .iter()
            .filter(|column| column.position.is_none())
            .map(|column| column.name.as_str())
            .collect();
        if absent.is_empty() || absent.len() == self.columns.len() {
            return None;
        }
        Some(
            Finding::error(CODE, "check-cohesive-header")
                .row(1)
                .arg("columns", join_names(self.columns.iter()))
                .arg("absent", absent.join(", ")),
        )
    }

    pub fn check(&self, row: &Row<'_, '_>, out: &mut Vec<Finding>) {
        let Some((first, others)) = self.columns.split_first() else {
            return;
        };
        let first_filled = row.value(first).is_some();
        if others
            .iter()
            .all(|column| row.value(column).is_some() == first_filled)
        {
            return;
        }
        let filled = join_names(
            self.columns
                .iter()
                .filter(|column| row.value(column).is_some()),
        );
        let empty = join_names(
            self.columns
                .iter()
                .filter(|column| row.value(column).is_none()),
        );
        out.push(
            row.cell_finding(CODE, "check-cohesive-mixed", first)
                .arg("columns", join_names(self.columns.iter()))
                .arg("filled", filled)
                .arg("empty", empty),
        );
    }
}

fn join_names<'c>(columns: impl Iterator<Item = &'c Column>) -> String {
    columns
        .map(|column| column.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
