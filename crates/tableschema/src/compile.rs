//! The checked plan built once from a [`Schema`]: one [`CompiledField`] per field, with
//! its cell reader, its missing values and its compiled constraints, plus key indices.
//!
//! Cells are read as frictionless 5.21 reads them, including the permissive corners that
//! real files rely on (`2020-1-5` for `%Y-%m-%d`, `+1` and `01` as integers, `NaN` as a
//! number). The submodules hold one concern each: number lexers, strptime formats, ISO
//! readers, string formats, geographic types, patterns, constraints and type-error hints.
//!
//! Left out: reading files, the row loop, `required` on missing cells, and uniqueness and
//! key checks across rows, which the `validate` crate does with [`Value::to_key`].

mod anydate;
mod constraints;
mod geo;
mod hint;
mod iso;
mod number;
mod pattern;
mod reader;
mod strptime;
mod text;

use serde_json::Value as Json;

pub use hint::TypeHint;

use self::constraints::CompiledConstraints;
use self::reader::{FormatClass, Reader, StringFormat, classify_format, effective_format};
use crate::descriptor::field::value_text;
use crate::descriptor::{Field, FieldType, Schema};
use crate::problem::{SchemaError, SchemaProblem};
use crate::value::{Native, Value};

/// A constraint of the spec, as reported by [`CompiledField::check_constraints`] and by the
/// row loop (`Required`, `Unique`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConstraintKind {
    Required,
    Unique,
    MinLength,
    MaxLength,
    Minimum,
    Maximum,
    ExclusiveMinimum,
    ExclusiveMaximum,
    Pattern,
    Enum,
}

impl ConstraintKind {
    /// Returns the constraint's key in a descriptor (`minLength`, `exclusiveMaximum`...).
    pub fn spec_name(&self) -> &'static str {
        match self {
            ConstraintKind::Required => "required",
            ConstraintKind::Unique => "unique",
            ConstraintKind::MinLength => "minLength",
            ConstraintKind::MaxLength => "maxLength",
            ConstraintKind::Minimum => "minimum",
            ConstraintKind::Maximum => "maximum",
            ConstraintKind::ExclusiveMinimum => "exclusiveMinimum",
            ConstraintKind::ExclusiveMaximum => "exclusiveMaximum",
            ConstraintKind::Pattern => "pattern",
            ConstraintKind::Enum => "enum",
        }
    }
}

/// A cell that its field's type and format cannot read.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeError {
    /// The likely mistake, when one is recognised.
    pub hint: Option<TypeHint>,
}

/// A field ready for the row loop. Shared across threads by reference.
#[derive(Debug)]
pub struct CompiledField {
    descriptor: Field,
    format: String,
    reader: Reader,
    constraints: CompiledConstraints,
    missing_values: Vec<String>,
    /// True for the usual `[""]`, so that `is_missing` is a length test.
    only_empty_missing: bool,
    /// See [`CompiledField::accepts_any_text`].
    accepts_any_text: bool,
}

impl CompiledField {
    /// Compiles one field; `pointer` locates it in the descriptor for problems.
    fn new(
        field: &Field,
        schema_missing: &[String],
        pointer: &str,
        problems: &mut Vec<SchemaProblem>,
    ) -> Option<CompiledField> {
        let before = problems.len();
        check_options(field, pointer, problems);
        let array_item = match (&field.array_item, field.field_type) {
            (Some(item), FieldType::Array) => {
                let item_missing = field.missing_values.as_deref().unwrap_or(schema_missing);
                CompiledField::new(
                    item,
                    item_missing,
                    &format!("{pointer}/arrayItem"),
                    problems,
                )
                .map(Box::new)
            }
            _ => None,
        };
        if problems.len() > before {
            return None;
        }
        let reader = match Reader::new(field, array_item) {
            Ok(reader) => reader,
            Err(error) => {
                // `check_options` reports bad formats first, so this is a safety net.
                problems.push(
                    SchemaProblem::new("field-format-invalid", format!("{pointer}/format"))
                        .arg("value", field.format.clone().unwrap_or_default())
                        .arg("type", field.field_type.as_str())
                        .arg("error", error),
                );
                return None;
            }
        };
        let constraints = CompiledConstraints::new(field, &reader, pointer, problems);
        let missing_values = field
            .missing_values
            .clone()
            .unwrap_or_else(|| schema_missing.to_vec());
        let only_empty_missing =
            missing_values.len() == 1 && missing_values.first().is_some_and(String::is_empty);
        let accepts_any_text =
            matches!(reader, Reader::String(StringFormat::Default) | Reader::Any)
                && constraints.is_empty();
        Some(CompiledField {
            format: effective_format(field.format.as_deref()).to_owned(),
            descriptor: field.clone(),
            reader,
            constraints,
            missing_values,
            only_empty_missing,
            accepts_any_text,
        })
    }

    /// Tells whether every non-missing text is a valid cell whose value is the text itself:
    /// a `string` field of the default format, or an `any` field, with no constraint to
    /// check on a cell (`required` and `unique` are the row loop's). The row loop then
    /// skips parsing.
    pub fn accepts_any_text(&self) -> bool {
        self.accepts_any_text
    }

    pub fn name(&self) -> &str {
        &self.descriptor.name
    }

    /// Returns the field as declared in the descriptor.
    pub fn descriptor(&self) -> &Field {
        &self.descriptor
    }

    pub fn field_type(&self) -> FieldType {
        self.descriptor.field_type
    }

    /// Returns the format in use: `default` when none is given, without a legacy `fmt:`
    /// prefix.
    pub fn format(&self) -> &str {
        &self.format
    }

    pub fn is_required(&self) -> bool {
        self.descriptor.constraints.required == Some(true)
    }

    pub fn is_unique(&self) -> bool {
        self.descriptor.constraints.unique == Some(true)
    }

    /// Tells whether the raw text is one of the field's missing values (exact match).
    pub fn is_missing(&self, text: &str) -> bool {
        if self.only_empty_missing {
            return text.is_empty();
        }
        self.missing_values.iter().any(|missing| missing == text)
    }

    /// Tells whether a JSON array item counts as missing: `null`, or a listed string.
    pub(crate) fn is_missing_json(&self, item: &Json) -> bool {
        match item {
            Json::Null => true,
            Json::String(text) => self.is_missing(text),
            _ => false,
        }
    }

    pub(crate) fn reader(&self) -> &Reader {
        &self.reader
    }

    /// Reads a cell's text with the field's type and format.
    pub fn parse<'a>(&self, text: &'a str) -> Result<Value<'a>, TypeError> {
        self.reader.read(text).ok_or_else(|| TypeError {
            hint: hint::suggest(self, text),
        })
    }

    /// Reads a spreadsheet cell from its native kind when that kind suits the field.
    /// A date cell satisfies a date field whatever its format, and so does a datetime cell
    /// at midnight. A number cell satisfies a number field, and an integer field when it
    /// is integral. A boolean cell satisfies a boolean field. Other cells are read from
    /// their text.
    pub fn parse_native<'a>(&self, text: &'a str, native: Native) -> Result<Value<'a>, TypeError> {
        let value = match (self.field_type(), native) {
            (FieldType::Date, Native::Date(date)) => Some(Value::Date(date)),
            (FieldType::Date, Native::DateTime(datetime))
                if datetime.time() == jiff::civil::Time::midnight() =>
            {
                Some(Value::Date(datetime.date()))
            }
            (FieldType::DateTime, Native::DateTime(datetime)) => {
                Some(Value::DateTime(datetime, None))
            }
            (FieldType::DateTime, Native::Date(date)) => Some(Value::DateTime(
                date.to_datetime(jiff::civil::Time::midnight()),
                None,
            )),
            (FieldType::Time, Native::Time(time)) => Some(Value::Time(time)),
            (FieldType::Number, Native::Number(number)) => Some(Value::Number(number)),
            (FieldType::Integer, Native::Number(number))
                if number.fract() == 0.0 && number.abs() < 9.0e15 =>
            {
                Some(Value::Integer(number as i64))
            }
            (FieldType::Boolean, Native::Boolean(flag)) => Some(Value::Boolean(flag)),
            _ => None,
        };
        match value {
            Some(value) => Ok(value),
            None => self.parse(text),
        }
    }

    /// Calls `report` once per broken constraint, in this order: minLength, maxLength,
    /// minimum, maximum, exclusiveMinimum, exclusiveMaximum, pattern, enum. For an array
    /// field the item constraints follow (`Required` for a missing item), each kind once.
    /// `required` and `unique` of the field itself are left to the row loop.
    pub fn check_constraints(
        &self,
        text: &str,
        value: &Value<'_>,
        report: &mut dyn FnMut(ConstraintKind),
    ) {
        self.constraints.check(text, value, report);
        if let (Reader::Array { item: Some(item) }, Value::Json(Json::Array(items))) =
            (&self.reader, value)
        {
            let mut reported: Vec<ConstraintKind> = Vec::new();
            let mut report_once = |kind: ConstraintKind| {
                if !reported.contains(&kind) {
                    reported.push(kind);
                    report(kind);
                }
            };
            for entry in items {
                if item.is_missing_json(entry) {
                    if item.is_required() {
                        report_once(ConstraintKind::Required);
                    }
                    continue;
                }
                let item_text = match entry {
                    Json::String(text) => text.clone(),
                    other => other.to_string(),
                };
                if let Some(item_value) = item.reader().read_json(entry) {
                    item.check_constraints(&item_text, &item_value, &mut report_once);
                }
            }
        }
    }

    /// Returns the text of a constraint for messages: bounds as written, the pattern as
    /// written, enum members joined with `, `. An array field falls back to its item's
    /// constraint when it has none of that kind itself.
    pub fn constraint_text(&self, kind: ConstraintKind) -> String {
        let constraints = &self.descriptor.constraints;
        let own = match kind {
            ConstraintKind::Required => constraints.required.map(|flag| flag.to_string()),
            ConstraintKind::Unique => constraints.unique.map(|flag| flag.to_string()),
            ConstraintKind::MinLength => constraints.min_length.map(|length| length.to_string()),
            ConstraintKind::MaxLength => constraints.max_length.map(|length| length.to_string()),
            ConstraintKind::Minimum => constraints.minimum.as_ref().map(value_text),
            ConstraintKind::Maximum => constraints.maximum.as_ref().map(value_text),
            ConstraintKind::ExclusiveMinimum => {
                constraints.exclusive_minimum.as_ref().map(value_text)
            }
            ConstraintKind::ExclusiveMaximum => {
                constraints.exclusive_maximum.as_ref().map(value_text)
            }
            ConstraintKind::Pattern => constraints.pattern.clone(),
            ConstraintKind::Enum => constraints.enum_values.as_ref().map(|members| {
                members
                    .iter()
                    .map(value_text)
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        };
        let own = own.filter(|_| {
            kind == ConstraintKind::Required
                || kind == ConstraintKind::Unique
                || self.constraints.has(kind)
        });
        match (own, &self.reader) {
            (Some(text), _) => text,
            (None, Reader::Array { item: Some(item) }) => item.constraint_text(kind),
            (None, _) => String::new(),
        }
    }
}

/// Pushes a problem for each field option that compile cannot use.
fn check_options(field: &Field, pointer: &str, problems: &mut Vec<SchemaProblem>) {
    if let FormatClass::Invalid(error) = classify_format(field.field_type, field.format.as_deref())
    {
        problems.push(
            SchemaProblem::new("field-format-invalid", format!("{pointer}/format"))
                .arg("value", field.format.clone().unwrap_or_default())
                .arg("type", field.field_type.as_str())
                .arg("error", error),
        );
    }
    if field.field_type == FieldType::Number {
        let decimal = field.decimal_char.as_deref().unwrap_or(".");
        if decimal.is_empty() {
            problems.push(
                SchemaProblem::new(
                    "field-decimal-char-invalid",
                    format!("{pointer}/decimalChar"),
                )
                .arg("value", decimal),
            );
        }
        if let Some(group) = &field.group_char
            && group == decimal
        {
            problems.push(
                SchemaProblem::new("field-group-char-invalid", format!("{pointer}/groupChar"))
                    .arg("value", group.clone()),
            );
        }
    }
    if field.field_type == FieldType::List && field.delimiter.as_deref() == Some("") {
        problems.push(SchemaProblem::new(
            "field-delimiter-invalid",
            format!("{pointer}/delimiter"),
        ));
    }
}

/// Lists the tolerated problems of a field's `format`: a format the type does not define,
/// the legacy `fmt:` prefix, and a date pattern without any `%` directive.
pub(crate) fn format_warnings(
    field_type: FieldType,
    format: Option<&str>,
    pointer: &str,
) -> Vec<SchemaProblem> {
    let mut warnings = Vec::new();
    let Some(written) = format else {
        return warnings;
    };
    let is_date = matches!(
        field_type,
        FieldType::Date | FieldType::Time | FieldType::DateTime
    );
    if is_date && written.starts_with("fmt:") {
        warnings
            .push(SchemaProblem::new("field-format-legacy-prefix", pointer).arg("value", written));
    }
    match classify_format(field_type, format) {
        FormatClass::Unknown => warnings.push(
            SchemaProblem::new("field-format-unknown", pointer)
                .arg("value", written)
                .arg("type", field_type.as_str()),
        ),
        FormatClass::Known if is_date => {
            let effective = effective_format(format);
            let without_directive = !matches!(effective, "default" | "any")
                && strptime::Format::new(effective).is_ok_and(|compiled| !compiled.has_directive());
            if without_directive {
                warnings.push(
                    SchemaProblem::new("field-format-without-directive", pointer)
                        .arg("value", written),
                );
            }
        }
        _ => {}
    }
    warnings
}

/// A foreign key with its fields resolved to indices into [`CompiledSchema::fields`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledForeignKey {
    pub fields: Vec<usize>,
    /// Indices of the referenced fields when the key refers to this same table; empty
    /// for another resource, whose fields are in `reference_field_names`.
    pub reference_fields: Vec<usize>,
    pub reference_field_names: Vec<String>,
    /// The referenced resource; empty for this same table.
    pub reference_resource: String,
    pub self_reference: bool,
}

/// The compiled plan of a schema.
#[derive(Debug)]
pub struct CompiledSchema {
    schema: Schema,
    fields: Vec<CompiledField>,
    primary_key: Vec<usize>,
    foreign_keys: Vec<CompiledForeignKey>,
}

impl CompiledSchema {
    /// Compiles every field and key, collecting every problem before failing.
    pub(crate) fn new(schema: &Schema) -> Result<CompiledSchema, SchemaError> {
        let mut problems = Vec::new();
        let mut fields = Vec::with_capacity(schema.fields.len());
        for (index, field) in schema.fields.iter().enumerate() {
            let pointer = format!("/fields/{index}");
            if let Some(compiled) =
                CompiledField::new(field, &schema.missing_values, &pointer, &mut problems)
            {
                fields.push(compiled);
            }
        }
        let primary_key = resolve_primary_key(schema, &mut problems);
        let foreign_keys = resolve_foreign_keys(schema, &mut problems);

        if !problems.is_empty() {
            return Err(SchemaError { problems });
        }
        Ok(CompiledSchema {
            schema: schema.clone(),
            fields,
            primary_key,
            foreign_keys,
        })
    }

    pub fn fields(&self) -> &[CompiledField] {
        &self.fields
    }

    /// Returns the index of the field with this exact name.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|field| field.name() == name)
    }

    /// Returns the schema this plan was compiled from.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Indices into [`CompiledSchema::fields`] of the primary key fields.
    pub fn primary_key(&self) -> &[usize] {
        &self.primary_key
    }

    pub fn foreign_keys(&self) -> &[CompiledForeignKey] {
        &self.foreign_keys
    }
}

fn index_of(schema: &Schema, name: &str) -> Option<usize> {
    schema.fields.iter().position(|field| field.name == name)
}

fn resolve_primary_key(schema: &Schema, problems: &mut Vec<SchemaProblem>) -> Vec<usize> {
    let mut primary_key = Vec::new();
    for (position, name) in schema.primary_key.iter().enumerate() {
        match index_of(schema, name) {
            Some(index) => primary_key.push(index),
            None => problems.push(
                SchemaProblem::new(
                    "primary-key-field-unknown",
                    format!("/primaryKey/{position}"),
                )
                .arg("name", name.clone()),
            ),
        }
    }
    primary_key
}

/// Resolves key fields to indices. Referenced fields are resolved only for a reference to
/// this same table, because another resource's fields are not known here.
fn resolve_foreign_keys(
    schema: &Schema,
    problems: &mut Vec<SchemaProblem>,
) -> Vec<CompiledForeignKey> {
    let mut foreign_keys = Vec::new();
    for (position, key) in schema.foreign_keys.iter().enumerate() {
        let self_reference = key.reference_resource.is_empty();
        let mut resolve = |names: &[String], part: &str| -> Vec<usize> {
            let mut indices = Vec::new();
            for name in names {
                match index_of(schema, name) {
                    Some(index) => indices.push(index),
                    None => problems.push(
                        SchemaProblem::new(
                            "foreign-key-field-unknown",
                            format!("/foreignKeys/{position}/{part}"),
                        )
                        .arg("name", name.clone()),
                    ),
                }
            }
            indices
        };
        let fields = resolve(&key.fields, "fields");
        let reference_fields = if self_reference {
            resolve(&key.reference_fields, "reference/fields")
        } else {
            Vec::new()
        };
        foreign_keys.push(CompiledForeignKey {
            fields,
            reference_fields,
            reference_field_names: key.reference_fields.clone(),
            reference_resource: key.reference_resource.clone(),
            self_reference,
        });
    }
    foreign_keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn compiled_types_are_send_and_sync() {
        assert_send_sync::<CompiledField>();
        assert_send_sync::<CompiledSchema>();
    }
}
