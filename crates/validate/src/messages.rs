//! Builders for the findings of cell checks: message ids and the arguments their French
//! and English messages need.
//!
//! Message ids follow the finding's code and detail (`type-error-date`,
//! `constraint-pattern`); the texts live in the `validate.ftl` catalogues.

use tableschema::{CompiledField, ConstraintKind, FieldType, TypeError, TypeHint};

use crate::finding::Finding;

/// Builds the `constraint-error` finding for one broken constraint of a cell.
pub fn constraint_finding(
    field: &CompiledField,
    kind: ConstraintKind,
    text: &str,
    row: u64,
    position: usize,
) -> Finding {
    let message_id = match kind {
        ConstraintKind::Required => "constraint-required",
        ConstraintKind::Unique => "constraint-unique",
        ConstraintKind::MinLength => "constraint-min-length",
        ConstraintKind::MaxLength => "constraint-max-length",
        ConstraintKind::Minimum => "constraint-minimum",
        ConstraintKind::Maximum => "constraint-maximum",
        ConstraintKind::ExclusiveMinimum => "constraint-exclusive-minimum",
        ConstraintKind::ExclusiveMaximum => "constraint-exclusive-maximum",
        ConstraintKind::Pattern => "constraint-pattern",
        ConstraintKind::Enum => "constraint-enum",
    };
    let mut finding = Finding::error("constraint-error", message_id)
        .row(row)
        .field(position, field.name())
        .cell(text)
        .arg("field", field.name())
        .arg("value", text)
        .arg("constraint", kind.spec_name());
    match kind {
        ConstraintKind::Required | ConstraintKind::Unique => {}
        ConstraintKind::MinLength | ConstraintKind::MaxLength => {
            finding = finding
                .arg("limit", field.constraint_text(kind))
                .arg("length", text.chars().count());
        }
        ConstraintKind::Enum => {
            let allowed = field.constraint_text(kind);
            finding = finding
                .arg("count", allowed_count(field))
                .arg("allowed", allowed);
        }
        _ => {
            finding = finding.arg("limit", field.constraint_text(kind));
        }
    }
    if kind == ConstraintKind::Pattern {
        let example = field.descriptor().example.as_deref().unwrap_or("none");
        finding = finding.arg("example", example);
    }
    finding
}

fn allowed_count(field: &CompiledField) -> usize {
    field
        .descriptor()
        .constraints
        .enum_values
        .as_ref()
        .map_or(0, Vec::len)
}

/// Builds the `type-error` finding of a cell that its field could not read.
pub fn type_error_finding(
    field: &CompiledField,
    error: &TypeError,
    text: &str,
    row: u64,
    position: usize,
) -> Finding {
    let field_type = field.field_type();
    let message_id = match field_type {
        FieldType::String => "type-error-string",
        FieldType::Number => "type-error-number",
        FieldType::Integer => "type-error-integer",
        FieldType::Boolean => "type-error-boolean",
        FieldType::Object => "type-error-object",
        FieldType::Array => "type-error-array",
        FieldType::List => "type-error-list",
        FieldType::Date => "type-error-date",
        FieldType::Time => "type-error-time",
        FieldType::DateTime => "type-error-datetime",
        FieldType::Year => "type-error-year",
        FieldType::YearMonth => "type-error-yearmonth",
        FieldType::Duration => "type-error-duration",
        FieldType::GeoPoint => "type-error-geopoint",
        FieldType::GeoJson => "type-error-geojson",
        FieldType::Any => "type-error-any",
    };
    let format = field.format();
    let mut finding = Finding::error("type-error", message_id)
        .row(row)
        .field(position, field.name())
        .cell(text)
        .arg("field", field.name())
        .arg("value", text)
        .arg("type", field_type.as_str())
        .arg("format", format)
        .arg("pattern", display_format(field_type, format))
        .arg(
            "pattern_en",
            display_format(field_type, format)
                .replace("AAAA", "YYYY")
                .replace("AA", "YY")
                .replace("JJ", "DD")
                .replace("mois", "month"),
        )
        .arg("sample", sample_date(format));
    if field_type == FieldType::Boolean {
        finding = finding
            .arg("true", boolean_values(field, true))
            .arg("false", boolean_values(field, false));
    }
    let (hint, corrected) = describe_hint(error.hint.as_ref());
    finding = finding.arg("hint", hint);
    if let Some(corrected) = corrected {
        finding = finding.arg("corrected", corrected);
    }
    finding
}

/// Names the likely mistake for the message selector, with the corrected value if known.
fn describe_hint(hint: Option<&TypeHint>) -> (&'static str, Option<String>) {
    match hint {
        None => ("none", None),
        Some(TypeHint::DecimalComma { corrected }) => ("decimal-comma", Some(corrected.clone())),
        Some(TypeHint::DateInOtherFormat { corrected }) => {
            ("other-date-format", Some(corrected.clone()))
        }
        Some(TypeHint::SurroundingSpaces) => ("surrounding-spaces", None),
        Some(TypeHint::ThousandsSeparator) => ("thousands-separator", None),
        Some(TypeHint::BooleanNotListed) => ("boolean-not-listed", None),
        Some(TypeHint::NotAnInteger) => ("not-an-integer", None),
        Some(TypeHint::YearNotFourDigits) => ("year-not-four-digits", None),
        Some(TypeHint::ArrayNotJson { corrected }) => ("array-not-json", Some(corrected.clone())),
        // Hints added to the engine later get the generic message until they have their own.
        Some(_) => ("none", None),
    }
}

fn boolean_values(field: &CompiledField, truthy: bool) -> String {
    let descriptor = field.descriptor();
    let listed = if truthy {
        &descriptor.true_values
    } else {
        &descriptor.false_values
    };
    match listed {
        Some(values) => values.join(", "),
        None if truthy => "true, True, TRUE, 1".to_owned(),
        None => "false, False, FALSE, 0".to_owned(),
    }
}

/// Writes 14 July 2024 at 09:30:00 in a strftime-style format, as an example for messages.
fn sample_date(format: &str) -> String {
    let pattern = match format {
        "default" | "any" | "" => "%Y-%m-%d",
        other => other.strip_prefix("fmt:").unwrap_or(other),
    };
    let mut sample = String::with_capacity(pattern.len() + 4);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            sample.push(c);
            continue;
        }
        let piece = match chars.next() {
            Some('Y') => "2024",
            Some('y') => "24",
            Some('m') => "07",
            Some('d') => "14",
            Some('H') => "09",
            Some('M') => "30",
            Some('S') => "00",
            Some('b') => "Jul",
            Some('B') => "July",
            Some('z') => "+0200",
            _ => "",
        };
        sample.push_str(piece);
    }
    sample
}

/// Shows a date or time format the way French agents read it: `%d/%m/%Y` as `JJ/MM/AAAA`.
///
/// The English catalogue shows the same letters, which are explained once in its hint.
pub fn display_format(field_type: FieldType, format: &str) -> String {
    let pattern = match (field_type, format) {
        (FieldType::Date, "default") => "%Y-%m-%d",
        (FieldType::Time, "default") => "%H:%M:%S",
        (FieldType::DateTime, "default") => "%Y-%m-%dT%H:%M:%S",
        (FieldType::Year, _) => "%Y",
        (FieldType::YearMonth, _) => "%Y-%m",
        (FieldType::Date | FieldType::Time | FieldType::DateTime, other) => {
            other.strip_prefix("fmt:").unwrap_or(other)
        }
        (_, other) => return other.to_owned(),
    };
    let mut shown = String::with_capacity(pattern.len() + 4);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            shown.push(c);
            continue;
        }
        let piece = match chars.next() {
            Some('Y') => "AAAA",
            Some('y') => "AA",
            Some('m') => "MM",
            Some('d') => "JJ",
            Some('H') => "hh",
            Some('M') => "mm",
            Some('S') => "ss",
            Some('b') | Some('B') => "mois",
            Some('z') => "+hhmm",
            Some('%') => "%",
            Some(other) => {
                shown.push('%');
                shown.push(other);
                continue;
            }
            None => "%",
        };
        shown.push_str(piece);
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_format_french_placeholders() {
        assert_eq!(display_format(FieldType::Date, "%d/%m/%Y"), "JJ/MM/AAAA");
        assert_eq!(display_format(FieldType::Date, "default"), "AAAA-MM-JJ");
        assert_eq!(
            display_format(FieldType::DateTime, "default"),
            "AAAA-MM-JJThh:mm:ss"
        );
        assert_eq!(display_format(FieldType::String, "email"), "email");
    }

    #[test]
    fn sample_date_follows_format() {
        assert_eq!(sample_date("%d/%m/%Y"), "14/07/2024");
        assert_eq!(sample_date("default"), "2024-07-14");
    }
}
