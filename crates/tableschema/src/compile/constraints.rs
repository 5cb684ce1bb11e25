//! Compiled constraints of a field: bounds and enum members read once with the field's own
//! reader, the pattern built once, and the per-cell check in the spec's order.
//!
//! `required` and `unique` are not checked per cell here, because only the row loop sees
//! which cells are missing and which values came before.

use std::cmp::Ordering;
use std::collections::HashSet;

use serde_json::Value as Json;

use super::ConstraintKind;
use super::pattern::Pattern;
use super::reader::{Reader, into_owned};
use crate::descriptor::Field;
use crate::descriptor::field::value_text;
use crate::problem::SchemaProblem;
use crate::value::{Value, ValueKey};

/// Enum members as a set of parsed values. Text members stay text, so a `string` cell
/// is looked up without building a key. Short lists are scanned because that is faster
/// than hashing the cell.
#[derive(Debug)]
enum EnumSet {
    FewTexts(Vec<String>),
    Text(HashSet<String>),
    Keys(HashSet<ValueKey>),
}

/// Text enums up to this many members are scanned rather than hashed.
const SCANNED_ENUM_MEMBERS: usize = 16;

#[derive(Debug, Default)]
pub(crate) struct CompiledConstraints {
    min_length: Option<u64>,
    max_length: Option<u64>,
    /// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, in that order.
    bounds: [Option<Value<'static>>; 4],
    /// Whether any of `bounds` is set, so that cells of fields without bounds skip them.
    has_bounds: bool,
    pattern: Option<Pattern>,
    enumeration: Option<EnumSet>,
}

const BOUND_KINDS: [ConstraintKind; 4] = [
    ConstraintKind::Minimum,
    ConstraintKind::Maximum,
    ConstraintKind::ExclusiveMinimum,
    ConstraintKind::ExclusiveMaximum,
];

fn invalid_value(pointer: &str, constraint: &str, value: &Json, field: &Field) -> SchemaProblem {
    SchemaProblem::new(
        "constraint-value-invalid",
        format!("{pointer}/constraints/{constraint}"),
    )
    .arg("constraint", constraint)
    .arg("value", value_text(value))
    .arg("type", field.field_type.as_str())
}

impl CompiledConstraints {
    /// Compiles the constraints of `field`, pushing a problem for each unusable one.
    pub fn new(
        field: &Field,
        reader: &Reader,
        pointer: &str,
        problems: &mut Vec<SchemaProblem>,
    ) -> CompiledConstraints {
        let declared = &field.constraints;
        let mut compiled = CompiledConstraints {
            min_length: declared.min_length,
            max_length: declared.max_length,
            ..Default::default()
        };

        if let (Some(min), Some(max)) = (declared.min_length, declared.max_length)
            && min > max
        {
            problems.push(
                SchemaProblem::new(
                    "constraint-length-range-invalid",
                    format!("{pointer}/constraints"),
                )
                .arg("minLength", min.to_string())
                .arg("maxLength", max.to_string()),
            );
        }

        let written = [
            &declared.minimum,
            &declared.maximum,
            &declared.exclusive_minimum,
            &declared.exclusive_maximum,
        ];
        for ((slot, bound), kind) in compiled.bounds.iter_mut().zip(written).zip(BOUND_KINDS) {
            let Some(bound) = bound else {
                continue;
            };
            match reader.read_json(bound).map(into_owned) {
                Some(value) if !matches!(value, Value::Json(_)) => *slot = Some(value),
                _ => problems.push(invalid_value(pointer, kind.spec_name(), bound, field)),
            }
        }

        if let Some(pattern) = &declared.pattern {
            match Pattern::new(pattern) {
                Ok(compiled_pattern) => compiled.pattern = Some(compiled_pattern),
                Err(error) => problems.push(
                    SchemaProblem::new(
                        "constraint-pattern-invalid",
                        format!("{pointer}/constraints/pattern"),
                    )
                    .arg("value", pattern.clone())
                    .arg("error", error),
                ),
            }
        }

        if let Some(members) = &declared.enum_values {
            compiled.enumeration = compile_enum(members, reader, field, pointer, problems);
        }
        compiled.has_bounds = compiled.bounds.iter().any(Option::is_some);
        compiled
    }

    /// Tells whether no constraint applies to a cell's value.
    pub fn is_empty(&self) -> bool {
        self.min_length.is_none()
            && self.max_length.is_none()
            && !self.has_bounds
            && self.pattern.is_none()
            && self.enumeration.is_none()
    }

    /// Reports each broken constraint in the spec's order.
    pub fn check(&self, text: &str, value: &Value<'_>, report: &mut dyn FnMut(ConstraintKind)) {
        if (self.min_length.is_some() || self.max_length.is_some())
            && let Some(length) = length_of(value)
        {
            if self.min_length.is_some_and(|min| length < min) {
                report(ConstraintKind::MinLength);
            }
            if self.max_length.is_some_and(|max| length > max) {
                report(ConstraintKind::MaxLength);
            }
        }
        let bounds = if self.has_bounds {
            &self.bounds[..]
        } else {
            &[]
        };
        for (bound, kind) in bounds.iter().zip(BOUND_KINDS) {
            let Some(bound) = bound else {
                continue;
            };
            let order = compare(value, bound);
            let holds = match kind {
                ConstraintKind::Minimum => {
                    matches!(order, Some(Ordering::Greater | Ordering::Equal))
                }
                ConstraintKind::Maximum => matches!(order, Some(Ordering::Less | Ordering::Equal)),
                ConstraintKind::ExclusiveMinimum => order == Some(Ordering::Greater),
                _ => order == Some(Ordering::Less),
            };
            if !holds {
                report(kind);
            }
        }
        if let Some(pattern) = &self.pattern
            && !pattern.is_match(text)
        {
            report(ConstraintKind::Pattern);
        }
        if let Some(enumeration) = &self.enumeration {
            let listed = match (enumeration, value) {
                (EnumSet::FewTexts(members), Value::String(text)) => {
                    members.iter().any(|member| member == text)
                }
                (EnumSet::Text(members), Value::String(text)) => members.contains(*text),
                (EnumSet::FewTexts(_) | EnumSet::Text(_), _) => false,
                (EnumSet::Keys(members), other) => members.contains(&other.to_key()),
            };
            if !listed {
                report(ConstraintKind::Enum);
            }
        }
    }

    /// Returns true when the constraint is compiled for this field.
    pub fn has(&self, kind: ConstraintKind) -> bool {
        match kind {
            ConstraintKind::MinLength => self.min_length.is_some(),
            ConstraintKind::MaxLength => self.max_length.is_some(),
            ConstraintKind::Minimum => self.bounds[0].is_some(),
            ConstraintKind::Maximum => self.bounds[1].is_some(),
            ConstraintKind::ExclusiveMinimum => self.bounds[2].is_some(),
            ConstraintKind::ExclusiveMaximum => self.bounds[3].is_some(),
            ConstraintKind::Pattern => self.pattern.is_some(),
            ConstraintKind::Enum => self.enumeration.is_some(),
            ConstraintKind::Required | ConstraintKind::Unique => false,
        }
    }
}

fn compile_enum(
    members: &[Json],
    reader: &Reader,
    field: &Field,
    pointer: &str,
    problems: &mut Vec<SchemaProblem>,
) -> Option<EnumSet> {
    let text_members = matches!(reader, Reader::String(_) | Reader::Any);
    let mut texts = HashSet::new();
    let mut keys = HashSet::new();
    let mut valid = true;
    for member in members {
        match reader.read_json(member) {
            Some(Value::String(text)) if text_members => {
                texts.insert(text.to_owned());
            }
            // An `any` field compares cell text, which never equals a non-text member.
            Some(_) if matches!(reader, Reader::Any) => {}
            Some(value) => {
                keys.insert(value.to_key());
            }
            None => {
                valid = false;
                problems.push(invalid_value(pointer, "enum", member, field));
            }
        }
    }
    if !valid {
        return None;
    }
    Some(match (text_members, texts.len() <= SCANNED_ENUM_MEMBERS) {
        (true, true) => EnumSet::FewTexts(texts.into_iter().collect()),
        (true, false) => EnumSet::Text(texts),
        (false, _) => EnumSet::Keys(keys),
    })
}

/// Length in code points for text, in items for arrays and lists, in keys for objects.
fn length_of(value: &Value<'_>) -> Option<u64> {
    let length = match value {
        Value::String(text) if text.is_ascii() => text.len(),
        Value::String(text) => text.chars().count(),
        Value::Json(Json::Array(items)) => items.len(),
        Value::Json(Json::Object(map)) => map.len(),
        _ => return None,
    };
    u64::try_from(length).ok()
}

/// Orders a cell value against a bound of the same field; None when they cannot be
/// compared, which includes NaN.
fn compare(value: &Value<'_>, bound: &Value<'_>) -> Option<Ordering> {
    match (value, bound) {
        (Value::Integer(left), Value::Integer(right)) => Some(left.cmp(right)),
        (Value::Date(left), Value::Date(right)) => Some(left.cmp(right)),
        (Value::Time(left), Value::Time(right)) => Some(left.cmp(right)),
        (Value::YearMonth(left_year, left_month), Value::YearMonth(right_year, right_month)) => {
            Some((left_year, left_month).cmp(&(right_year, right_month)))
        }
        (Value::DateTime(left, Some(left_offset)), Value::DateTime(right, Some(right_offset))) => {
            let shift = |datetime: &jiff::civil::DateTime, offset: i32| {
                datetime
                    .checked_sub(jiff::Span::new().seconds(i64::from(offset)))
                    .ok()
            };
            Some(shift(left, *left_offset)?.cmp(&shift(right, *right_offset)?))
        }
        // NOTE: Python refuses to compare aware and naive datetimes; here the wall-clock
        // times are compared.
        (Value::DateTime(left, _), Value::DateTime(right, _)) => Some(left.cmp(right)),
        _ => value.as_f64()?.partial_cmp(&bound.as_f64()?),
    }
}
