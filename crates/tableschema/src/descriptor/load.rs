//! Lenient reading of a descriptor from JSON, collecting every problem instead of stopping.
//!
//! Real SCDL descriptors carry mistakes that older tools accepted, so loading tolerates them
//! with a warning and keeps going. Only problems that leave no sensible reading block the
//! schema. Checks that need the compiled plan (regexes, enum members and bounds read with
//! the field's reader, key fields) are done by `compile`.
//!
//! Problem codes, with their arguments. Blocking problems:
//! - `schema-json-invalid` (`line`, `column`, `error`): the bytes are not JSON.
//! - `schema-not-object`: the descriptor is not a JSON object.
//! - `schema-fields-missing`: no `fields` array.
//! - `field-not-object`: a `fields` entry is not an object.
//! - `field-name-missing`: a field has no non-empty string `name`.
//! - `field-name-duplicate` (`name`, `first`: pointer of the first field with that name).
//! - `field-type-unknown` (`value`): `type` is not a Table Schema type.
//! - `field-property-invalid` (`property`, `expected`): a key the field needs to read cells
//!   has the wrong JSON type (`trueValues`, `decimalChar`, `arrayItem`, `itemType`...).
//! - `missing-values-invalid`: `missingValues` is not an array of strings.
//! - `constraint-value-invalid` (`constraint`, `value`, `type`): a constraint value has the
//!   wrong JSON type, or cannot be read by the field (compile).
//! - `primary-key-invalid`, `foreign-key-invalid`, `custom-check-invalid`: wrong shape.
//! - Compile adds `constraint-pattern-invalid` (`value`, `error`),
//!   `constraint-length-range-invalid` (`minLength`, `maxLength`), `field-format-invalid`
//!   (`value`, `type`, `error`), `field-decimal-char-invalid` (`value`),
//!   `field-group-char-invalid` (`value`), `field-delimiter-invalid`,
//!   `primary-key-field-unknown` (`name`), `foreign-key-field-unknown` (`name`).
//!
//! Warnings (the schema loads):
//! - `field-type-missing`: no `type`; the field reads as `string`, the Table Schema v1
//!   default (v2 defaults to `any`, which reads CSV text the same way).
//! - `field-type-case` (`value`, `corrected`): `type` in the wrong case (`String`).
//! - `field-format-unknown` (`value`, `type`): a format the type does not define; ignored.
//! - `field-format-legacy-prefix` (`value`): a date format written `fmt:%d/%m/%Y`.
//! - `field-format-without-directive` (`value`): a date format with no `%` directive, such
//!   as `DD/MM/YYYY`, which only matches its own literal text.
//! - `field-examples-not-array`: `examples` given as one string; used as the example.
//! - `field-property-unknown` (`property`): a key the spec does not define; kept as is.
//! - `constraints-key-misspelt` (`value`): `contraints` or similar, used as `constraints`.
//! - `constraint-key-misspelt` (`value`, `corrected`): `pattern:` or `Pattern`, used.
//! - `constraint-outside-constraints` (`constraint`): `pattern`, `enum`... written beside
//!   `type` instead of inside `constraints`; used.
//! - `constraint-unknown` (`constraint`): an unknown key inside `constraints`; ignored.
//! - `constraint-not-supported` (`constraint`, `type`): a constraint the type cannot have,
//!   such as `pattern` on a `date` field; ignored.
//! - `boolean-as-string` (`property`, `value`): `"true"` written for `true`.
//! - `number-as-string` (`property`, `value`): `"5"` written for `5`.
//! - `property-not-string` (`property`): a number or boolean where text is expected; used
//!   as text.
//! - `property-ignored` (`property`, `expected`): a descriptive key of the wrong JSON type.
//! - `schema-name-invalid` (`value`): a name outside `[-a-z0-9._/]+`, such as upper case.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};

use super::field::{FieldLoader, pointer_join};
use super::{CustomCheckSpec, ForeignKey, Schema};
use crate::problem::SchemaProblem;

/// Codes that make a descriptor unusable; every other code is a warning.
const BLOCKING_CODES: &[&str] = &[
    "schema-json-invalid",
    "schema-not-object",
    "schema-fields-missing",
    "field-not-object",
    "field-name-missing",
    "field-name-duplicate",
    "field-type-unknown",
    "field-property-invalid",
    "missing-values-invalid",
    "constraint-value-invalid",
    "primary-key-invalid",
    "foreign-key-invalid",
    "custom-check-invalid",
];

/// Top-level keys read into named [`Schema`] members; the others go to `extra`.
const SCHEMA_KEYS: &[&str] = &[
    "$schema",
    "name",
    "title",
    "description",
    "version",
    "homepage",
    "path",
    "created",
    "lastModified",
    "countryCode",
    "keywords",
    "licenses",
    "contributors",
    "sources",
    "resources",
    "fields",
    "missingValues",
    "primaryKey",
    "foreignKeys",
    "custom_checks",
];

/// Returns true when a problem with this code prevents using the schema.
pub(super) fn is_blocking(code: &str) -> bool {
    BLOCKING_CODES.contains(&code)
}

/// Reads a descriptor, returning the schema and every problem found. Warnings and
/// blocking problems are mixed, and [`is_blocking`] separates them.
pub(super) fn load_schema(value: &Json) -> (Schema, Vec<SchemaProblem>) {
    let mut loader = FieldLoader::default();
    let mut schema = empty_schema();
    let Some(object) = value.as_object() else {
        loader
            .problems
            .push(SchemaProblem::new("schema-not-object", ""));
        return (schema, loader.problems);
    };

    read_metadata(&mut loader, object, &mut schema);
    schema.fields = read_fields(&mut loader, object);
    if let Some(missing) = object.get("missingValues") {
        match loader.string_list(missing, "/missingValues") {
            Some(list) => schema.missing_values = list,
            None => loader.push(SchemaProblem::new(
                "missing-values-invalid",
                "/missingValues",
            )),
        }
    }
    schema.primary_key = read_primary_key(&mut loader, object.get("primaryKey"));
    schema.foreign_keys = read_foreign_keys(&mut loader, object.get("foreignKeys"));
    schema.custom_checks = read_custom_checks(&mut loader, object.get("custom_checks"));
    schema.custom_checks.append(&mut loader.field_checks);
    for (key, item) in object {
        if !SCHEMA_KEYS.contains(&key.as_str()) {
            schema.extra.insert(key.clone(), item.clone());
        }
    }
    (schema, loader.problems)
}

fn empty_schema() -> Schema {
    Schema {
        profile: None,
        name: None,
        title: None,
        description: None,
        version: None,
        homepage: None,
        path: None,
        created: None,
        last_modified: None,
        country_code: None,
        keywords: Vec::new(),
        licenses: None,
        contributors: None,
        sources: None,
        resources: None,
        fields: Vec::new(),
        missing_values: vec![String::new()],
        primary_key: Vec::new(),
        foreign_keys: Vec::new(),
        custom_checks: Vec::new(),
        extra: Map::new(),
    }
}

fn read_metadata(loader: &mut FieldLoader, object: &Map<String, Json>, schema: &mut Schema) {
    let mut text = |key: &str| loader.text(object.get(key), &pointer_join("", key), key);
    schema.profile = text("$schema");
    schema.name = text("name");
    schema.title = text("title");
    schema.description = text("description");
    schema.version = text("version");
    schema.homepage = text("homepage");
    schema.path = text("path");
    schema.created = text("created");
    schema.last_modified = text("lastModified");
    schema.country_code = text("countryCode");
    if let Some(keywords) = object.get("keywords") {
        match loader.string_list(keywords, "/keywords") {
            Some(list) => schema.keywords = list,
            None => loader.push(ignored("/keywords", "keywords", "array of strings")),
        }
    }
    schema.licenses = object.get("licenses").cloned();
    schema.contributors = object.get("contributors").cloned();
    schema.sources = object.get("sources").cloned();
    schema.resources = object.get("resources").cloned();

    if let Some(name) = &schema.name
        && !is_spec_name(name)
    {
        loader.push(SchemaProblem::new("schema-name-invalid", "/name").arg("value", name.clone()));
    }
}

/// Checks the Table Schema v1 name pattern `^([-a-z0-9._/])+$`.
fn is_spec_name(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|byte| {
            byte.is_ascii_lowercase() || byte.is_ascii_digit() || b"-._/".contains(&byte)
        })
}

fn ignored(pointer: &str, property: &str, expected: &str) -> SchemaProblem {
    SchemaProblem::new("property-ignored", pointer)
        .arg("property", property)
        .arg("expected", expected)
}

fn read_fields(loader: &mut FieldLoader, object: &Map<String, Json>) -> Vec<super::Field> {
    let Some(entries) = object.get("fields").and_then(Json::as_array) else {
        loader.push(SchemaProblem::new("schema-fields-missing", "/fields"));
        return Vec::new();
    };

    let mut fields = Vec::with_capacity(entries.len());
    let mut first_seen: HashMap<String, String> = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        let pointer = format!("/fields/{index}");
        let Some(field) = loader.load_field(entry, &pointer, false) else {
            continue;
        };
        if let Some(first) = first_seen.get(&field.name) {
            loader.push(
                SchemaProblem::new("field-name-duplicate", format!("{pointer}/name"))
                    .arg("name", field.name.clone())
                    .arg("first", first.clone()),
            );
        } else {
            first_seen.insert(field.name.clone(), pointer);
        }
        fields.push(field);
    }
    fields
}

fn read_primary_key(loader: &mut FieldLoader, value: Option<&Json>) -> Vec<String> {
    match value {
        None | Some(Json::Null) => Vec::new(),
        Some(Json::String(name)) => vec![name.clone()],
        Some(other) => loader.string_list(other, "/primaryKey").unwrap_or_else(|| {
            loader.push(SchemaProblem::new("primary-key-invalid", "/primaryKey"));
            Vec::new()
        }),
    }
}

/// Reads `fields` of a key: one name as a string, or an array of names.
fn key_names(value: Option<&Json>) -> Option<Vec<String>> {
    match value? {
        Json::String(name) => Some(vec![name.clone()]),
        Json::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect(),
        _ => None,
    }
}

fn read_foreign_keys(loader: &mut FieldLoader, value: Option<&Json>) -> Vec<ForeignKey> {
    let Some(value) = value else {
        return Vec::new();
    };
    let Some(entries) = value.as_array() else {
        loader.push(SchemaProblem::new("foreign-key-invalid", "/foreignKeys"));
        return Vec::new();
    };

    let mut keys = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let pointer = format!("/foreignKeys/{index}");
        let reference = entry.get("reference");
        let fields = key_names(entry.get("fields"));
        let reference_fields = key_names(reference.and_then(|reference| reference.get("fields")));
        let resource = match reference.and_then(|reference| reference.get("resource")) {
            None | Some(Json::Null) => Some(String::new()),
            Some(Json::String(resource)) => Some(resource.clone()),
            Some(_) => None,
        };
        match (fields, reference_fields, resource) {
            (Some(fields), Some(reference_fields), Some(reference_resource))
                if !fields.is_empty() && fields.len() == reference_fields.len() =>
            {
                keys.push(ForeignKey {
                    fields,
                    reference_resource,
                    reference_fields,
                });
            }
            _ => loader.push(SchemaProblem::new("foreign-key-invalid", pointer)),
        }
    }
    keys
}

fn read_custom_checks(loader: &mut FieldLoader, value: Option<&Json>) -> Vec<CustomCheckSpec> {
    let Some(value) = value else {
        return Vec::new();
    };
    let Some(entries) = value.as_array() else {
        loader.push(SchemaProblem::new("custom-check-invalid", "/custom_checks"));
        return Vec::new();
    };
    entries
        .iter()
        .enumerate()
        .filter_map(|(index, entry)| {
            loader.custom_check(entry, &format!("/custom_checks/{index}"), None)
        })
        .collect()
}
