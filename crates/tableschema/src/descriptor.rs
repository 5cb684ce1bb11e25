//! The spec-shaped model of a Table Schema descriptor, as read from JSON and written back.
//!
//! These types keep what the descriptor says, with the spec's key names when serialised
//! (`camelCase`, `type`, `enum`, Validata's `custom_checks`). They check nothing about cell
//! values: [`Schema::compile`] builds the checked plan. Reading JSON leniently, with its
//! warnings and blocking problems, lives in [`load`].

pub(crate) mod field;
mod load;

use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::{Map, Value as Json};

use crate::compile::CompiledSchema;
use crate::problem::{SchemaError, SchemaProblem};

/// A Table Schema descriptor.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    /// The `$schema` URL some descriptors carry.
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Raw `licenses` array (`name`, `title`, `path` per entry in the spec).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licenses: Option<Json>,
    /// Raw `contributors` array (`title`, `email`, `role`, `organisation`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contributors: Option<Json>,
    /// Raw `sources` array.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Json>,
    /// Raw `resources` array: the example files that schema.data.gouv.fr lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Json>,
    pub fields: Vec<Field>,
    /// Schema-wide missing values, `[""]` when the descriptor gives none.
    pub missing_values: Vec<String>,
    /// Field names of the primary key; the descriptor may give one name as a plain string.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub primary_key: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub foreign_keys: Vec<ForeignKey>,
    /// Validata's top-level `custom_checks`, followed by the field-level `customCheck`
    /// declarations. All are written back under `custom_checks`.
    #[serde(rename = "custom_checks", skip_serializing_if = "Vec::is_empty")]
    pub custom_checks: Vec<CustomCheckSpec>,
    /// Other top-level keys (`author`, `contact`, `updated`...), kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Json>,
}

/// One field (column) of a schema.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Field {
    pub name: String,
    #[serde(rename = "type")]
    pub field_type: FieldType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// An example value as text: `example`, or `examples` when given as a single string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// Field-level missing values (Table Schema v2); they replace the schema's list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_values: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub true_values: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub false_values: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimal_char: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_char: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bare_number: Option<bool>,
    /// Type and constraints of each item of an `array` field (Table Schema v2 `arrayItem`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub array_item: Option<Box<Field>>,
    /// Item separator of a `list` field; `,` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// Item type of a `list` field; `string` when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_type: Option<FieldType>,
    /// Other field keys (`comment`, `exemple`, `rdfType`...), kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Json>,
}

/// The `constraints` object of a field. Bounds and enum members stay as written in the
/// descriptor; the compiled field parses them with the field's own reader.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Constraints {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unique: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Json>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Json>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusive_minimum: Option<Json>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusive_maximum: Option<Json>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub enum_values: Option<Vec<Json>>,
}

impl Constraints {
    /// Returns true when no constraint is set.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// The field types of Table Schema v1, plus `list` from v2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
    List,
    Date,
    Time,
    DateTime,
    Year,
    YearMonth,
    Duration,
    GeoPoint,
    GeoJson,
    Any,
}

impl FieldType {
    /// Every type, in spec order.
    pub const ALL: [FieldType; 16] = [
        FieldType::String,
        FieldType::Number,
        FieldType::Integer,
        FieldType::Boolean,
        FieldType::Object,
        FieldType::Array,
        FieldType::List,
        FieldType::Date,
        FieldType::Time,
        FieldType::DateTime,
        FieldType::Year,
        FieldType::YearMonth,
        FieldType::Duration,
        FieldType::GeoPoint,
        FieldType::GeoJson,
        FieldType::Any,
    ];

    /// Returns the spec name of the type (`datetime`, `yearmonth`, `geopoint`...).
    pub fn as_str(&self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Number => "number",
            FieldType::Integer => "integer",
            FieldType::Boolean => "boolean",
            FieldType::Object => "object",
            FieldType::Array => "array",
            FieldType::List => "list",
            FieldType::Date => "date",
            FieldType::Time => "time",
            FieldType::DateTime => "datetime",
            FieldType::Year => "year",
            FieldType::YearMonth => "yearmonth",
            FieldType::Duration => "duration",
            FieldType::GeoPoint => "geopoint",
            FieldType::GeoJson => "geojson",
            FieldType::Any => "any",
        }
    }

    /// Looks a type up by its exact spec name.
    pub fn from_spec_name(name: &str) -> Option<FieldType> {
        FieldType::ALL
            .into_iter()
            .find(|field_type| field_type.as_str() == name)
    }
}

/// A foreign key: local fields whose values must appear in fields of a resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignKey {
    pub fields: Vec<String>,
    /// The referenced resource name; empty for a reference to the same table.
    pub reference_resource: String,
    pub reference_fields: Vec<String>,
}

impl Serialize for ForeignKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut reference = Map::new();
        reference.insert(
            "resource".into(),
            Json::from(self.reference_resource.clone()),
        );
        reference.insert("fields".into(), Json::from(self.reference_fields.clone()));
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("fields", &self.fields)?;
        map.serialize_entry("reference", &reference)?;
        map.end()
    }
}

/// A Validata custom check as declared, run by the `validate` crate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomCheckSpec {
    pub name: String,
    pub params: Map<String, Json>,
    /// JSON pointer of the declaration in the descriptor (`/custom_checks/2`,
    /// `/fields/4/customCheck`).
    #[serde(skip)]
    pub pointer: String,
}

impl Schema {
    /// Parses a descriptor. Ok: the schema plus tolerated problems (warnings). Err: every
    /// blocking problem at once, including those [`Schema::compile`] would find.
    /// A UTF-8 byte order mark, which some editors write, is skipped.
    pub fn from_json_slice(bytes: &[u8]) -> Result<(Schema, Vec<SchemaProblem>), SchemaError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let value: Json = serde_json::from_slice(bytes).map_err(|error| SchemaError {
            problems: vec![
                SchemaProblem::new("schema-json-invalid", "")
                    .arg("line", error.line().to_string())
                    .arg("column", error.column().to_string())
                    .arg("error", error.to_string()),
            ],
        })?;
        Schema::from_json_value(&value)
    }

    /// Parses a descriptor already read as JSON; see [`Schema::from_json_slice`].
    pub fn from_json_value(value: &Json) -> Result<(Schema, Vec<SchemaProblem>), SchemaError> {
        let (schema, mut problems) = load::load_schema(value);
        let mut blocking: Vec<SchemaProblem> = Vec::new();
        problems.retain(|problem| {
            if load::is_blocking(problem.code) {
                blocking.push(problem.clone());
                false
            } else {
                true
            }
        });
        // Compile problems point at `/fields/{index}`, which is only right when every field
        // entry was loaded; otherwise they wait until the loading problems are fixed.
        let entries = value
            .get("fields")
            .and_then(Json::as_array)
            .map_or(0, Vec::len);
        let indices_match = schema.fields.len() == entries;
        if (blocking.is_empty() || indices_match)
            && let Err(error) = schema.compile()
        {
            blocking.extend(error.problems);
        }
        if blocking.is_empty() {
            Ok((schema, problems))
        } else {
            Err(SchemaError { problems: blocking })
        }
    }

    /// Writes the schema back as a Table Schema descriptor.
    pub fn to_json_value(&self) -> Json {
        // Serialising to a JSON value fails only for maps with non-string keys, and these
        // types have none.
        serde_json::to_value(self).unwrap_or(Json::Null)
    }

    /// Returns the field with this exact name.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|field| field.name == name)
    }

    /// Builds the checked plan; the error lists every problem found (bad regex, enum member
    /// or bound not readable by the field, unknown key field...).
    pub fn compile(&self) -> Result<CompiledSchema, SchemaError> {
        CompiledSchema::new(self)
    }
}

impl Field {
    /// Builds a field of this type with no format, constraints or options.
    pub fn new(name: impl Into<String>, field_type: FieldType) -> Field {
        Field {
            name: name.into(),
            field_type,
            format: None,
            title: None,
            description: None,
            example: None,
            missing_values: None,
            constraints: Constraints::default(),
            true_values: None,
            false_values: None,
            decimal_char: None,
            group_char: None,
            bare_number: None,
            array_item: None,
            delimiter: None,
            item_type: None,
            extra: Map::new(),
        }
    }
}
