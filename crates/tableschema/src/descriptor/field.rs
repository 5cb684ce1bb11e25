//! Lenient reading of one field descriptor and its constraints, with the warnings listed in
//! the `load` module. Values are only checked for their JSON shape here; whether a bound or
//! enum member suits the field type is checked when compiling.

use serde_json::{Map, Value as Json};

use super::{Constraints, CustomCheckSpec, Field, FieldType};
use crate::problem::SchemaProblem;

/// Field keys read into named [`Field`] members.
const FIELD_KEYS: &[&str] = &[
    "name",
    "type",
    "format",
    "title",
    "description",
    "example",
    "examples",
    "missingValues",
    "constraints",
    "trueValues",
    "falseValues",
    "decimalChar",
    "groupChar",
    "bareNumber",
    "arrayItem",
    "delimiter",
    "itemType",
    "customCheck",
];

/// Constraint names of the spec, in the order they are read.
pub(crate) const CONSTRAINT_KEYS: &[&str] = &[
    "required",
    "unique",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "pattern",
    "enum",
];

/// Field keys that are known extensions and need no warning.
const QUIET_EXTRA_KEYS: &[&str] = &["rdfType"];

/// Collects problems while reading fields; also gathers field-level custom checks.
#[derive(Default)]
pub(super) struct FieldLoader {
    pub problems: Vec<SchemaProblem>,
    pub field_checks: Vec<CustomCheckSpec>,
}

/// Appends one key to a JSON pointer, escaping `~` and `/`.
pub(super) fn pointer_join(base: &str, key: &str) -> String {
    format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"))
}

impl FieldLoader {
    pub fn push(&mut self, problem: SchemaProblem) {
        self.problems.push(problem);
    }

    /// Reads a text property; numbers and booleans are turned into text with a warning.
    pub fn text(&mut self, value: Option<&Json>, pointer: &str, property: &str) -> Option<String> {
        match value? {
            Json::Null => None,
            Json::String(text) => Some(text.clone()),
            Json::Number(_) | Json::Bool(_) => {
                self.push(
                    SchemaProblem::new("property-not-string", pointer).arg("property", property),
                );
                value.map(Json::to_string)
            }
            _ => {
                self.push(
                    SchemaProblem::new("property-ignored", pointer)
                        .arg("property", property)
                        .arg("expected", "string"),
                );
                None
            }
        }
    }

    /// Reads an array of strings; numbers and booleans inside become text with a warning.
    /// Returns None when the value is not an array or contains arrays, objects or nulls.
    pub fn string_list(&mut self, value: &Json, pointer: &str) -> Option<Vec<String>> {
        let items = value.as_array()?;
        let mut list = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match item {
                Json::String(text) => list.push(text.clone()),
                Json::Number(_) | Json::Bool(_) => {
                    self.push(
                        SchemaProblem::new("property-not-string", format!("{pointer}/{index}"))
                            .arg("property", pointer.rsplit('/').next().unwrap_or_default()),
                    );
                    list.push(item.to_string());
                }
                _ => return None,
            }
        }
        Some(list)
    }

    /// Reads a boolean, accepting `"true"` and `"false"` with a warning.
    fn flag(&mut self, value: &Json, pointer: &str, property: &str) -> Result<bool, ()> {
        match value {
            Json::Bool(flag) => Ok(*flag),
            Json::String(text) if matches!(text.trim(), "true" | "false") => {
                self.push(
                    SchemaProblem::new("boolean-as-string", pointer)
                        .arg("property", property)
                        .arg("value", text.clone()),
                );
                Ok(text.trim() == "true")
            }
            _ => Err(()),
        }
    }

    fn invalid_property(&mut self, pointer: &str, property: &str, expected: &str) {
        self.push(
            SchemaProblem::new("field-property-invalid", pointer)
                .arg("property", property)
                .arg("expected", expected),
        );
    }

    /// Reads one field, or an `arrayItem` when `is_item` (which may have no name).
    pub fn load_field(&mut self, value: &Json, pointer: &str, is_item: bool) -> Option<Field> {
        let Some(object) = value.as_object() else {
            self.push(SchemaProblem::new("field-not-object", pointer));
            return None;
        };
        let name = match object.get("name") {
            Some(Json::String(name)) if !name.is_empty() => name.clone(),
            Some(Json::Number(number)) if !is_item => {
                self.push(
                    SchemaProblem::new("property-not-string", pointer_join(pointer, "name"))
                        .arg("property", "name"),
                );
                number.to_string()
            }
            _ if is_item => String::new(),
            _ => {
                self.push(SchemaProblem::new("field-name-missing", pointer));
                return None;
            }
        };

        let field_type = self.field_type(object.get("type"), pointer);
        let mut field = Field::new(name, field_type);
        self.read_descriptive(object, pointer, &mut field);
        self.read_options(object, pointer, &mut field);
        field.constraints = self.read_constraints(object, pointer, field_type);
        self.read_custom_check(object.get("customCheck"), pointer, &field.name);
        self.keep_extra_keys(object, pointer, &mut field);
        Some(field)
    }

    fn field_type(&mut self, value: Option<&Json>, pointer: &str) -> FieldType {
        let type_pointer = pointer_join(pointer, "type");
        let Some(value) = value else {
            self.push(SchemaProblem::new("field-type-missing", type_pointer));
            return FieldType::String;
        };
        let text = value.as_str().unwrap_or_default();
        if let Some(field_type) = FieldType::from_spec_name(text) {
            return field_type;
        }
        if let Some(field_type) = FieldType::from_spec_name(&text.trim().to_ascii_lowercase()) {
            self.push(
                SchemaProblem::new("field-type-case", type_pointer)
                    .arg("value", text)
                    .arg("corrected", field_type.as_str()),
            );
            return field_type;
        }
        self.push(
            SchemaProblem::new("field-type-unknown", type_pointer).arg("value", value_text(value)),
        );
        // The field is kept as `any` so that key checks still see its name; the problem
        // above blocks the schema anyway.
        FieldType::Any
    }

    fn read_descriptive(&mut self, object: &Map<String, Json>, pointer: &str, field: &mut Field) {
        field.title = self.text(
            object.get("title"),
            &pointer_join(pointer, "title"),
            "title",
        );
        field.description = self.text(
            object.get("description"),
            &pointer_join(pointer, "description"),
            "description",
        );
        field.example = object
            .get("example")
            .filter(|value| !value.is_null())
            .map(value_text);
        match object.get("examples") {
            Some(Json::String(text)) => {
                self.push(SchemaProblem::new(
                    "field-examples-not-array",
                    pointer_join(pointer, "examples"),
                ));
                field.example.get_or_insert_with(|| text.clone());
            }
            Some(Json::Array(items)) => {
                if let Some(first) = items.first() {
                    field.example.get_or_insert_with(|| value_text(first));
                }
                field
                    .extra
                    .insert("examples".into(), Json::Array(items.clone()));
            }
            _ => {}
        }
        if let Some(format) = object.get("format") {
            let format_pointer = pointer_join(pointer, "format");
            field.format = self.text(Some(format), &format_pointer, "format");
            let warnings = crate::compile::format_warnings(
                field.field_type,
                field.format.as_deref(),
                &format_pointer,
            );
            self.problems.extend(warnings);
        }
    }

    fn read_options(&mut self, object: &Map<String, Json>, pointer: &str, field: &mut Field) {
        for (key, slot) in [
            ("trueValues", &mut field.true_values),
            ("falseValues", &mut field.false_values),
        ] {
            if let Some(value) = object.get(key) {
                let key_pointer = pointer_join(pointer, key);
                *slot = self.string_list(value, &key_pointer);
                if slot.is_none() {
                    self.invalid_property(&key_pointer, key, "array of strings");
                }
            }
        }
        if let Some(value) = object.get("missingValues") {
            let key_pointer = pointer_join(pointer, "missingValues");
            field.missing_values = self.string_list(value, &key_pointer);
            if field.missing_values.is_none() {
                self.push(SchemaProblem::new("missing-values-invalid", key_pointer));
            }
        }
        for (key, slot) in [
            ("decimalChar", &mut field.decimal_char),
            ("groupChar", &mut field.group_char),
            ("delimiter", &mut field.delimiter),
        ] {
            match object.get(key) {
                None => {}
                Some(Json::String(text)) => *slot = Some(text.clone()),
                Some(_) => self.invalid_property(&pointer_join(pointer, key), key, "string"),
            }
        }
        if let Some(value) = object.get("bareNumber") {
            let key_pointer = pointer_join(pointer, "bareNumber");
            match self.flag(value, &key_pointer, "bareNumber") {
                Ok(flag) => field.bare_number = Some(flag),
                Err(()) => self.invalid_property(&key_pointer, "bareNumber", "boolean"),
            }
        }
        if let Some(value) = object.get("itemType") {
            let key_pointer = pointer_join(pointer, "itemType");
            match value.as_str().and_then(FieldType::from_spec_name) {
                Some(item_type) => field.item_type = Some(item_type),
                None => self.invalid_property(&key_pointer, "itemType", "type name"),
            }
        }
        if let Some(value) = object.get("arrayItem") {
            let key_pointer = pointer_join(pointer, "arrayItem");
            field.array_item = self.load_field(value, &key_pointer, true).map(Box::new);
        }
    }

    /// Reads `constraints`, a misspelt variant of it, and constraints written beside `type`.
    fn read_constraints(
        &mut self,
        object: &Map<String, Json>,
        pointer: &str,
        field_type: FieldType,
    ) -> Constraints {
        let mut constraints = Constraints::default();
        let mut source_key = "constraints";
        let mut source = object.get("constraints");
        if source.is_none()
            && let Some((key, value)) = object
                .iter()
                .find(|(key, _)| is_constraints_misspelling(key))
        {
            self.push(
                SchemaProblem::new("constraints-key-misspelt", pointer_join(pointer, key))
                    .arg("value", key.clone()),
            );
            source_key = key;
            source = Some(value);
        }
        let constraints_pointer = pointer_join(pointer, source_key);
        match source {
            None | Some(Json::Null) => {}
            Some(Json::Object(map)) => {
                self.read_constraints_map(map, &constraints_pointer, field_type, &mut constraints);
            }
            Some(_) => self.invalid_property(&constraints_pointer, "constraints", "object"),
        }

        for &name in CONSTRAINT_KEYS {
            if let Some(value) = object.get(name) {
                let key_pointer = pointer_join(pointer, name);
                self.push(
                    SchemaProblem::new("constraint-outside-constraints", key_pointer.clone())
                        .arg("constraint", name),
                );
                if !has_constraint(&constraints, name) {
                    self.set_constraint(&mut constraints, name, value, &key_pointer, field_type);
                }
            }
        }
        constraints
    }

    /// Reads the keys of a `constraints` object, using misspelt keys whose meaning is clear.
    fn read_constraints_map(
        &mut self,
        map: &Map<String, Json>,
        constraints_pointer: &str,
        field_type: FieldType,
        constraints: &mut Constraints,
    ) {
        for (key, value) in map {
            let key_pointer = pointer_join(constraints_pointer, key);
            let name = match canonical_constraint(key) {
                Some(name) if name == key => name,
                Some(name) if !map.contains_key(name) => {
                    self.push(
                        SchemaProblem::new("constraint-key-misspelt", key_pointer.clone())
                            .arg("value", key.clone())
                            .arg("corrected", name),
                    );
                    name
                }
                _ => {
                    self.push(
                        SchemaProblem::new("constraint-unknown", key_pointer)
                            .arg("constraint", key.clone()),
                    );
                    continue;
                }
            };
            self.set_constraint(constraints, name, value, &key_pointer, field_type);
        }
    }

    fn set_constraint(
        &mut self,
        constraints: &mut Constraints,
        name: &str,
        value: &Json,
        pointer: &str,
        field_type: FieldType,
    ) {
        if !supports_constraint(field_type, name) {
            self.push(
                SchemaProblem::new("constraint-not-supported", pointer)
                    .arg("constraint", name)
                    .arg("type", field_type.as_str()),
            );
            return;
        }
        let stored = match name {
            "required" | "unique" => self.flag(value, pointer, name).ok().map(|flag| {
                let slot = if name == "required" {
                    &mut constraints.required
                } else {
                    &mut constraints.unique
                };
                *slot = Some(flag);
            }),
            "minLength" | "maxLength" => self.length(value, pointer, name).map(|length| {
                let slot = if name == "minLength" {
                    &mut constraints.min_length
                } else {
                    &mut constraints.max_length
                };
                *slot = Some(length);
            }),
            "pattern" => value
                .as_str()
                .map(|pattern| constraints.pattern = Some(pattern.to_owned())),
            "enum" => value
                .as_array()
                .filter(|members| !members.is_empty())
                .map(|members| constraints.enum_values = Some(members.clone())),
            _ => (!value.is_null() && !value.is_array() && !value.is_object()).then(|| {
                let slot = match name {
                    "minimum" => &mut constraints.minimum,
                    "maximum" => &mut constraints.maximum,
                    "exclusiveMinimum" => &mut constraints.exclusive_minimum,
                    _ => &mut constraints.exclusive_maximum,
                };
                *slot = Some(value.clone());
            }),
        };
        if stored.is_none() {
            self.push(
                SchemaProblem::new("constraint-value-invalid", pointer)
                    .arg("constraint", name)
                    .arg("value", value_text(value))
                    .arg("type", field_type.as_str()),
            );
        }
    }

    fn length(&mut self, value: &Json, pointer: &str, property: &str) -> Option<u64> {
        if let Some(length) = value.as_u64() {
            return Some(length);
        }
        let parsed = value
            .as_str()
            .and_then(|text| text.trim().parse::<u64>().ok())?;
        self.push(
            SchemaProblem::new("number-as-string", pointer)
                .arg("property", property)
                .arg("value", value_text(value)),
        );
        Some(parsed)
    }

    fn read_custom_check(&mut self, value: Option<&Json>, pointer: &str, field_name: &str) {
        let Some(value) = value else {
            return;
        };
        let check_pointer = pointer_join(pointer, "customCheck");
        let entries: Vec<(String, &Json)> = match value {
            Json::Array(items) => items
                .iter()
                .enumerate()
                .map(|(index, item)| (format!("{check_pointer}/{index}"), item))
                .collect(),
            single => vec![(check_pointer, single)],
        };
        for (entry_pointer, entry) in entries {
            if let Some(check) = self.custom_check(entry, &entry_pointer, Some(field_name)) {
                self.field_checks.push(check);
            }
        }
    }

    /// Reads `{"name": ..., "params": {...}}`, or a bare name for a field-level check. A
    /// field-level check gets the field as its `column` parameter unless it names one.
    pub fn custom_check(
        &mut self,
        value: &Json,
        pointer: &str,
        field_name: Option<&str>,
    ) -> Option<CustomCheckSpec> {
        let (name, params) = match value {
            Json::String(name) if field_name.is_some() => (Some(name.clone()), Some(Map::new())),
            Json::Object(object) => (
                object.get("name").and_then(Json::as_str).map(str::to_owned),
                match object.get("params") {
                    None | Some(Json::Null) => Some(Map::new()),
                    Some(Json::Object(params)) => Some(params.clone()),
                    Some(_) => None,
                },
            ),
            _ => (None, None),
        };
        let (Some(name), Some(mut params)) = (name.filter(|name| !name.is_empty()), params) else {
            self.push(SchemaProblem::new("custom-check-invalid", pointer));
            return None;
        };
        if let Some(field_name) = field_name {
            params
                .entry("column")
                .or_insert_with(|| Json::from(field_name));
        }
        Some(CustomCheckSpec {
            name,
            params,
            pointer: pointer.to_owned(),
        })
    }

    fn keep_extra_keys(&mut self, object: &Map<String, Json>, pointer: &str, field: &mut Field) {
        for (key, value) in object {
            let known = FIELD_KEYS.contains(&key.as_str())
                || CONSTRAINT_KEYS.contains(&key.as_str())
                || is_constraints_misspelling(key);
            if known {
                continue;
            }
            if !QUIET_EXTRA_KEYS.contains(&key.as_str()) {
                self.push(
                    SchemaProblem::new("field-property-unknown", pointer_join(pointer, key))
                        .arg("property", key.clone()),
                );
            }
            field.extra.insert(key.clone(), value.clone());
        }
    }
}

/// Returns the text of a scalar as written (strings without quotes), or its JSON text.
pub(crate) fn value_text(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn has_constraint(constraints: &Constraints, name: &str) -> bool {
    match name {
        "required" => constraints.required.is_some(),
        "unique" => constraints.unique.is_some(),
        "minLength" => constraints.min_length.is_some(),
        "maxLength" => constraints.max_length.is_some(),
        "minimum" => constraints.minimum.is_some(),
        "maximum" => constraints.maximum.is_some(),
        "exclusiveMinimum" => constraints.exclusive_minimum.is_some(),
        "exclusiveMaximum" => constraints.exclusive_maximum.is_some(),
        "pattern" => constraints.pattern.is_some(),
        _ => constraints.enum_values.is_some(),
    }
}

/// Maps a key such as `pattern:`, ` Pattern` or `max_length` to the constraint it spells,
/// comparing ASCII letters only, case-insensitively.
fn canonical_constraint(key: &str) -> Option<&'static str> {
    let letters: String = key
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    CONSTRAINT_KEYS
        .iter()
        .copied()
        .find(|name| name.to_ascii_lowercase() == letters)
}

/// Recognises `contraints`, `constraint`, `Constraints` and other spellings within two
/// edits of `constraints`.
fn is_constraints_misspelling(key: &str) -> bool {
    key != "constraints"
        && key.len() < 20
        && edit_distance(&key.to_ascii_lowercase(), "constraints") <= 2
}

fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    for (row, left_char) in left.chars().enumerate() {
        let mut current = vec![row + 1];
        for (column, right_char) in right.iter().enumerate() {
            let substitution = previous[column] + usize::from(left_char != *right_char);
            let deletion = previous[column + 1] + 1;
            let insertion = current[column] + 1;
            current.push(substitution.min(deletion).min(insertion));
        }
        previous = current;
    }
    previous[right.len()]
}

/// Tells whether a type supports a constraint, following the field classes of
/// frictionless 5.21 (with the exclusive bounds wherever `minimum` is allowed).
pub(crate) fn supports_constraint(field_type: FieldType, name: &str) -> bool {
    use FieldType as T;
    match name {
        "required" | "unique" | "enum" => true,
        "minLength" | "maxLength" => {
            matches!(field_type, T::String | T::Array | T::List | T::Object)
        }
        "pattern" => field_type == T::String,
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" => matches!(
            field_type,
            T::Number | T::Integer | T::Date | T::Time | T::DateTime | T::Year | T::YearMonth
        ),
        _ => false,
    }
}
