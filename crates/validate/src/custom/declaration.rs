//! Reading a check's parameters: column names resolved against the schema, lists, flags
//! and operators. Every problem becomes a `check-error` finding without a row that names
//! the check, the parameter and the declaration's JSON pointer.
//!
//! Parameters a check does not read are ignored, as Validata ignores them.

use serde_json::Value as Json;
use tableschema::{CustomCheckSpec, Field, FieldType};

use super::{CHECK_ERROR, Column};
use crate::finding::Finding;

/// The result of reading a declaration: the `Err` finding stops the check.
pub(super) type Declared<T> = Result<T, Box<Finding>>;

/// A check's declaration with what is needed to resolve its columns.
pub(super) struct Declaration<'a> {
    /// The check's current name (deprecated names already replaced).
    pub name: &'a str,
    pub spec: &'a CustomCheckSpec,
    fields: &'a [Field],
    columns: &'a [Option<usize>],
}

/// The kind of value a parameter should have, sent as the message argument `expected`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Expected {
    ColumnName,
    ColumnList,
    Boolean,
    Operator,
}

impl Expected {
    fn code(self) -> &'static str {
        match self {
            Expected::ColumnName => "column-name",
            Expected::ColumnList => "column-list",
            Expected::Boolean => "boolean",
            Expected::Operator => "operator",
        }
    }
}

impl<'a> Declaration<'a> {
    pub fn new(
        name: &'a str,
        spec: &'a CustomCheckSpec,
        fields: &'a [Field],
        columns: &'a [Option<usize>],
    ) -> Declaration<'a> {
        Declaration {
            name,
            spec,
            fields,
            columns,
        }
    }

    fn error(&self, message_id: &'static str) -> Box<Finding> {
        Box::new(
            Finding::error(CHECK_ERROR, message_id)
                .arg("check", self.name)
                .arg("pointer", &self.spec.pointer),
        )
    }

    pub fn missing(&self, param: &'static str) -> Box<Finding> {
        self.error_with("check-declaration-param-missing", |finding| {
            finding.arg("param", param)
        })
    }

    fn error_with(
        &self,
        message_id: &'static str,
        add: impl FnOnce(Finding) -> Finding,
    ) -> Box<Finding> {
        let mut finding = self.error(message_id);
        *finding = add(*finding);
        finding
    }

    pub fn invalid(&self, param: &'static str, expected: Expected, value: &Json) -> Box<Finding> {
        self.error_with("check-declaration-param-invalid", |finding| {
            finding
                .arg("param", param)
                .arg("expected", expected.code())
                .arg("value", value)
        })
    }

    /// Reports a field whose type does not suit the check; `expected` names the types
    /// that do (`geopoint`, `numeric`, `comparable`).
    pub fn wrong_type(&self, column: &Column, expected: &'static str) -> Box<Finding> {
        let actual = self
            .field_type(column)
            .map_or("", |field_type| field_type.as_str());
        self.error_with("check-declaration-field-type", |finding| {
            finding
                .arg("column", &column.name)
                .arg("type", actual)
                .arg("expected", expected)
        })
    }

    pub fn param(&self, param: &str) -> Option<&'a Json> {
        self.spec.params.get(param)
    }

    /// Reads a required parameter naming one schema field.
    pub fn column(&self, param: &'static str) -> Declared<Column> {
        let value = self.param(param).ok_or_else(|| self.missing(param))?;
        let name = value
            .as_str()
            .ok_or_else(|| self.invalid(param, Expected::ColumnName, value))?;
        self.resolve(param, name)
    }

    /// Reads a required parameter listing schema fields.
    pub fn column_list(&self, param: &'static str) -> Declared<Vec<Column>> {
        let value = self.param(param).ok_or_else(|| self.missing(param))?;
        let items = value
            .as_array()
            .ok_or_else(|| self.invalid(param, Expected::ColumnList, value))?;
        items
            .iter()
            .map(|item| {
                let name = item
                    .as_str()
                    .ok_or_else(|| self.invalid(param, Expected::ColumnList, value))?;
                self.resolve(param, name)
            })
            .collect()
    }

    /// Reads an optional yes/no parameter: a JSON boolean, or the strings `true`/`yes` and
    /// `false`/`no` that Validata's schemas use.
    pub fn flag(&self, param: &'static str) -> Declared<bool> {
        match self.param(param) {
            None | Some(Json::Null) => Ok(false),
            Some(Json::Bool(flag)) => Ok(*flag),
            Some(Json::String(text)) if text == "true" || text == "yes" => Ok(true),
            Some(Json::String(text)) if text == "false" || text == "no" => Ok(false),
            Some(other) => Err(self.invalid(param, Expected::Boolean, other)),
        }
    }

    pub fn field_type(&self, column: &Column) -> Option<FieldType> {
        self.fields.get(column.index).map(|field| field.field_type)
    }

    fn resolve(&self, param: &'static str, name: &str) -> Declared<Column> {
        let Some(index) = self.fields.iter().position(|field| field.name == name) else {
            return Err(
                self.error_with("check-declaration-column-unknown", |finding| {
                    finding.arg("param", param).arg("column", name)
                }),
            );
        };
        let position = self.columns.get(index).copied().flatten();
        Ok(Column {
            index,
            name: name.to_owned(),
            position,
        })
    }
}
