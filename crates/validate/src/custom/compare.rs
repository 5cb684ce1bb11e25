//! `compare-columns-value`: on each row where both cells are filled, `column` is in the
//! relation `op` (`>`, `>=`, `==`, `<=`, `<`) to `column2`.
//!
//! Operands are typed as Validata types them: two numbers, or a number and a string that
//! reads as a float (`"12"`, `"1e3"`, `"NaN"`), compare as numbers; two other strings
//! compare by code point; two values of the same other type (dates, times, booleans,
//! year-months) compare in their natural order, which is also the order of their text;
//! anything else is not comparable and gives its own finding. NaN fails every relation.
//! Fields whose values have no order (geopoint, duration, object, array, list, geojson)
//! are rejected at declaration, where Validata would compare their Python text.

use std::cmp::Ordering;

use tableschema::{FieldType, Value};

use super::declaration::{Declaration, Declared, Expected};
use super::{Column, Row};
use crate::finding::Finding;

const CODE: &str = "compare-columns-value";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operator {
    Greater,
    GreaterOrEqual,
    Equal,
    LessOrEqual,
    Less,
}

impl Operator {
    fn parse(text: &str) -> Option<Operator> {
        match text {
            ">" => Some(Operator::Greater),
            ">=" => Some(Operator::GreaterOrEqual),
            "==" => Some(Operator::Equal),
            "<=" => Some(Operator::LessOrEqual),
            "<" => Some(Operator::Less),
            _ => None,
        }
    }

    fn holds(self, ordering: Ordering) -> bool {
        match self {
            Operator::Greater => ordering.is_gt(),
            Operator::GreaterOrEqual => ordering.is_ge(),
            Operator::Equal => ordering.is_eq(),
            Operator::LessOrEqual => ordering.is_le(),
            Operator::Less => ordering.is_lt(),
        }
    }

    /// Message argument naming the expected relation.
    fn relation(self) -> &'static str {
        match self {
            Operator::Greater => "greater",
            Operator::GreaterOrEqual => "greater-or-equal",
            Operator::Equal => "equal",
            Operator::LessOrEqual => "less-or-equal",
            Operator::Less => "less",
        }
    }
}

/// A compiled `compare-columns-value` check.
#[derive(Debug)]
pub(super) struct CompareCheck {
    left: Column,
    right: Column,
    operator: Operator,
}

impl CompareCheck {
    pub fn declare(declaration: &Declaration<'_>) -> Declared<CompareCheck> {
        let left = declaration.column("column")?;
        let right = declaration.column("column2")?;
        let op = declaration
            .param("op")
            .ok_or_else(|| declaration.missing("op"))?;
        let operator = op
            .as_str()
            .and_then(Operator::parse)
            .ok_or_else(|| declaration.invalid("op", Expected::Operator, op))?;
        for column in [&left, &right] {
            if !declaration.field_type(column).is_some_and(is_ordered) {
                return Err(declaration.wrong_type(column, "comparable"));
            }
        }
        Ok(CompareCheck {
            left,
            right,
            operator,
        })
    }

    pub fn check(&self, row: &Row<'_, '_>, out: &mut Vec<Finding>) {
        let (Some(left), Some(right)) = (row.value(&self.left), row.value(&self.right)) else {
            return;
        };
        let message_id = match compare(left, right) {
            Comparison::Incomparable => "check-compare-incomparable",
            Comparison::Unordered => "check-compare-failed",
            Comparison::Ordered(ordering) if self.operator.holds(ordering) => return,
            Comparison::Ordered(_) => "check-compare-failed",
        };
        out.push(
            row.cell_finding(CODE, message_id, &self.left)
                .arg("column", &self.left.name)
                .arg("value", row.text(&self.left).unwrap_or_default())
                .arg("column2", &self.right.name)
                .arg("value2", row.text(&self.right).unwrap_or_default())
                .arg("relation", self.operator.relation()),
        );
    }
}

fn is_ordered(field_type: FieldType) -> bool {
    !matches!(
        field_type,
        FieldType::GeoPoint
            | FieldType::Duration
            | FieldType::Object
            | FieldType::Array
            | FieldType::List
            | FieldType::GeoJson
    )
}

#[derive(Debug, PartialEq)]
enum Comparison {
    Ordered(Ordering),
    /// Comparable values with no order between them (NaN).
    Unordered,
    Incomparable,
}

fn compare(left: &Value<'_>, right: &Value<'_>) -> Comparison {
    if let (Some(left), Some(right)) = (as_number(left), as_number(right)) {
        return left
            .partial_cmp(&right)
            .map_or(Comparison::Unordered, Comparison::Ordered);
    }
    let ordering = match (left, right) {
        (Value::String(left), Value::String(right)) => left.cmp(right),
        (Value::Boolean(left), Value::Boolean(right)) => left.cmp(right),
        (Value::Date(left), Value::Date(right)) => left.cmp(right),
        (Value::Time(left), Value::Time(right)) => left.cmp(right),
        (Value::DateTime(left, left_offset), Value::DateTime(right, right_offset)) => {
            left.cmp(right).then(left_offset.cmp(right_offset))
        }
        (Value::YearMonth(left_year, left_month), Value::YearMonth(right_year, right_month)) => {
            (left_year, left_month).cmp(&(right_year, right_month))
        }
        _ => return Comparison::Incomparable,
    };
    Comparison::Ordered(ordering)
}

/// Reads a value as a number: a numeric value, or a string that Python's `float()` reads
/// (surrounding spaces allowed).
fn as_number(value: &Value<'_>) -> Option<f64> {
    match value {
        Value::String(text) => text.trim().parse::<f64>().ok(),
        other => other.as_f64(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_numeric_strings() {
        assert_eq!(
            compare(&Value::Integer(12000), &Value::Number(15000.0)),
            Comparison::Ordered(Ordering::Less)
        );
        assert_eq!(
            compare(&Value::String("12"), &Value::Integer(5)),
            Comparison::Ordered(Ordering::Greater)
        );
        assert_eq!(
            compare(&Value::String("1e3"), &Value::String("999")),
            Comparison::Ordered(Ordering::Greater)
        );
        assert_eq!(
            compare(&Value::Number(f64::NAN), &Value::Integer(1)),
            Comparison::Unordered
        );
    }

    #[test]
    fn strings_compare_by_code_point() {
        assert_eq!(
            compare(&Value::String("b"), &Value::String("a")),
            Comparison::Ordered(Ordering::Greater)
        );
        assert_eq!(
            compare(&Value::String("Z"), &Value::String("a")),
            Comparison::Ordered(Ordering::Less)
        );
    }

    #[test]
    fn mixed_types_incomparable() {
        assert_eq!(
            compare(&Value::String("abc"), &Value::Integer(1)),
            Comparison::Incomparable
        );
        assert_eq!(
            compare(&Value::Boolean(true), &Value::Integer(1)),
            Comparison::Incomparable
        );
    }

    #[test]
    fn operators_hold() {
        assert!(Operator::GreaterOrEqual.holds(Ordering::Equal));
        assert!(!Operator::Greater.holds(Ordering::Equal));
        assert!(Operator::LessOrEqual.holds(Ordering::Less));
        assert!(!Operator::Equal.holds(Ordering::Less));
        assert_eq!(Operator::parse("=>"), None);
    }
}
