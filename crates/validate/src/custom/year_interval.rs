//! `year-interval-value`: a period of years written `AAAA/AAAA`, the first year strictly
//! before the second, or a single `AAAA` when the declaration allows it.
//!
//! Years are four ASCII digits. Nothing is trimmed, so `" 2020/2021"` is wrong, as it is
//! for Validata's regular expression.

use super::declaration::{Declaration, Declared};
use super::{Column, Row};
use crate::finding::Finding;

/// The reason a year interval is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearIntervalError {
    /// Neither `AAAA/AAAA` nor, when allowed, `AAAA`.
    Format,
    SameYears(u16),
    /// The second year comes before the first.
    Reversed {
        first: u16,
        second: u16,
    },
}

/// Checks a value; `allow_year_only` accepts a single four-digit year.
pub fn check_year_interval(value: &str, allow_year_only: bool) -> Result<(), YearIntervalError> {
    if let Some((first, second)) = value.split_once('/') {
        let (Some(first), Some(second)) = (parse_year(first), parse_year(second)) else {
            return Err(YearIntervalError::Format);
        };
        return match first.cmp(&second) {
            std::cmp::Ordering::Less => Ok(()),
            std::cmp::Ordering::Equal => Err(YearIntervalError::SameYears(first)),
            std::cmp::Ordering::Greater => Err(YearIntervalError::Reversed { first, second }),
        };
    }
    if allow_year_only && parse_year(value).is_some() {
        return Ok(());
    }
    Err(YearIntervalError::Format)
}

/// A compiled `year-interval-value` check.
#[derive(Debug)]
pub(super) struct YearIntervalCheck {
    column: Column,
    allow_year_only: bool,
}

impl YearIntervalCheck {
    pub fn declare(declaration: &Declaration<'_>) -> Declared<YearIntervalCheck> {
        let column = declaration.column("column")?;
        let allow_year_only = declaration.flag("allow-year-only")?;
        Ok(YearIntervalCheck {
            column,
            allow_year_only,
        })
    }

    /// Reads the parsed string, or the cell text of a field of another type (a `year` or
    /// `integer` field holding `2020`), where Validata would crash.
    pub fn check(&self, row: &Row<'_, '_>, out: &mut Vec<Finding>) {
        let Some(value) = row.string(&self.column) else {
            return;
        };
        let Err(error) = check_year_interval(value, self.allow_year_only) else {
            return;
        };
        const CODE: &str = "year-interval-value";
        let finding = match error {
            YearIntervalError::Format if self.allow_year_only => {
                row.cell_finding(CODE, "check-year-interval-format-or-year", &self.column)
            }
            YearIntervalError::Format => {
                row.cell_finding(CODE, "check-year-interval-format", &self.column)
            }
            YearIntervalError::SameYears(year) => row
                .cell_finding(CODE, "check-year-interval-same-years", &self.column)
                .arg("year", year),
            YearIntervalError::Reversed { first, second } => row
                .cell_finding(CODE, "check-year-interval-reversed", &self.column)
                .arg("first", first)
                .arg("second", second),
        };
        out.push(finding.arg("value", value).arg("column", &self.column.name));
    }
}

fn parse_year(text: &str) -> Option<u16> {
    if text.len() != 4 || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_accepted() {
        assert_eq!(check_year_interval("2018/2020", false), Ok(()));
        assert_eq!(check_year_interval("2018/2020", true), Ok(()));
    }

    #[test]
    fn year_only_needs_permission() {
        assert_eq!(check_year_interval("2020", true), Ok(()));
        assert_eq!(
            check_year_interval("2020", false),
            Err(YearIntervalError::Format)
        );
    }

    #[test]
    fn malformed_values() {
        for value in [
            "foobar",
            "20/2021",
            "2020/21",
            "2020-2021",
            " 2020/2021",
            "2020/2021/2022",
            "２０２０",
        ] {
            assert_eq!(
                check_year_interval(value, true),
                Err(YearIntervalError::Format),
                "{value}"
            );
        }
    }

    #[test]
    fn same_and_reversed_years() {
        assert_eq!(
            check_year_interval("2017/2017", true),
            Err(YearIntervalError::SameYears(2017))
        );
        assert_eq!(
            check_year_interval("2017/2016", false),
            Err(YearIntervalError::Reversed {
                first: 2017,
                second: 2016
            })
        );
    }
}
