//! `sum-columns-value`: on each row where every cell is filled, `column` equals the sum of
//! `columns`.
//!
//! Integer and year values are summed exactly. Validata sums `number` values exactly as
//! Python decimals. Here they are `f64`, so the comparison allows a difference of a few
//! units in the last place (`0.1 + 0.2` equals `0.3`, as it does with decimals). Fields
//! of other types are rejected at declaration, where Validata crashes.

use tableschema::{FieldType, Value};

use super::declaration::{Declaration, Declared};
use super::{Column, Row};
use crate::finding::Finding;

const CODE: &str = "sum-columns-value";

/// Relative tolerance of the `f64` comparison, in units of `f64::EPSILON`.
const ULP_TOLERANCE: f64 = 8.0;

/// A compiled `sum-columns-value` check.
#[derive(Debug)]
pub(super) struct SumCheck {
    total: Column,
    parts: Vec<Column>,
}

impl SumCheck {
    pub fn declare(declaration: &Declaration<'_>) -> Declared<SumCheck> {
        let total = declaration.column("column")?;
        let parts = declaration.column_list("columns")?;
        for column in std::iter::once(&total).chain(&parts) {
            let numeric = matches!(
                declaration.field_type(column),
                Some(FieldType::Integer | FieldType::Number | FieldType::Year)
            );
            if !numeric {
                return Err(declaration.wrong_type(column, "numeric"));
            }
        }
        Ok(SumCheck { total, parts })
    }

    pub fn check(&self, row: &Row<'_, '_>, out: &mut Vec<Finding>) {
        let Some(total) = row.value(&self.total) else {
            return;
        };
        let mut exact: Option<i128> = exact_integer(total).map(|_| 0);
        let mut approximate = 0.0_f64;
        let mut magnitude = 0.0_f64;
        for column in &self.parts {
            let Some(value) = row.value(column) else {
                return;
            };
            let Some(number) = value.as_f64() else {
                return;
            };
            exact = exact
                .zip(exact_integer(value))
                .map(|(sum, part)| sum + part);
            approximate += number;
            magnitude += number.abs();
        }

        // The sum's text is built only for a finding, so that a valid row allocates nothing.
        let sum_text = match (exact, exact_integer(total)) {
            (Some(sum), Some(expected)) if sum == expected => return,
            (Some(sum), Some(_)) => sum.to_string(),
            _ => {
                let expected = total.as_f64().unwrap_or(f64::NAN);
                let tolerance = ULP_TOLERANCE * f64::EPSILON * magnitude.max(expected.abs());
                if (approximate - expected).abs() <= tolerance {
                    return;
                }
                approximate.to_string()
            }
        };
        let names = self
            .parts
            .iter()
            .map(|column| column.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            row.cell_finding(CODE, "check-sum-mismatch", &self.total)
                .arg("column", &self.total.name)
                .arg("value", row.text(&self.total).unwrap_or_default())
                .arg("columns", names)
                .arg("sum", sum_text),
        );
    }
}

fn exact_integer(value: &Value<'_>) -> Option<i128> {
    match value {
        Value::Integer(number) => Some(i128::from(*number)),
        Value::Year(year) => Some(i128::from(*year)),
        _ => None,
    }
}
