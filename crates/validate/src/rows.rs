//! The per-row checks: structure, missing values, types, constraints and custom checks.
//!
//! One [`RowChecker`] is built per file and shared by the worker threads. It checks one
//! record at a time and never reads another row, so cross-row rules (`unique`, `primaryKey`,
//! `foreignKeys`) only emit [`KeyEvent`]s here; the ordered merge in the pipeline decides.
//!
//! Order per cell, as frictionless: a missing value skips everything but `required`; a type
//! error hides the cell's constraints; otherwise every broken constraint is reported.

use std::hash::{DefaultHasher, Hash, Hasher};

use tableschema::{CompiledField, CompiledSchema, ConstraintKind, TypeError, Value, ValueKey};

use crate::custom::CustomChecks;
use crate::finding::Finding;
use crate::header::ColumnMap;
use crate::messages::{constraint_finding, type_error_finding};
use crate::read::{Record, RecordProblem};

/// Something a row contributes to a cross-row rule, keyed by a 64-bit hash of the values.
///
/// Keys are hashed so that memory stays bounded on million-row files: 16 bytes per row
/// and unique column. Two different values sharing a hash would be reported as duplicates;
/// with 64-bit hashes the odds on a million rows are about one in thirty million.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyEvent {
    /// A non-missing value of a `unique` field.
    Unique {
        row: u64,
        field: usize,
        hash: u64,
        cell: String,
    },
    /// The primary key tuple of a row; `all_missing` when every key cell is missing.
    PrimaryKey {
        row: u64,
        hash: u64,
        all_missing: bool,
        cells: String,
    },
    /// A tuple of referenced fields that rows may point to.
    ForeignTarget { key: usize, hash: u64 },
    /// A row's foreign key tuple, to look up once every target is known.
    ForeignSource {
        row: u64,
        key: usize,
        hash: u64,
        cells: String,
    },
}

/// Findings and key events from checking a batch of rows.
#[derive(Debug, Default)]
pub struct BatchOutput {
    pub findings: Vec<Finding>,
    pub keys: Vec<KeyEvent>,
    pub last_row: u64,
    pub rows: u64,
}

/// The compiled plan for checking the rows of one file.
pub struct RowChecker<'s> {
    schema: Option<&'s CompiledSchema>,
    map: Option<ColumnMap>,
    labels: Vec<String>,
    custom: Option<CustomChecks>,
    unique_fields: Vec<usize>,
    /// Per field: whether a cell equal to one of the field's last two valid cells can skip its
    /// checks. See [`memo_fields`].
    memo_fields: Vec<bool>,
    /// Whether parsed values are kept for the rules that read a whole row: `unique`,
    /// `primaryKey`, `foreignKeys` and custom checks. Without any, values are dropped at once.
    keeps_values: bool,
}

impl<'s> RowChecker<'s> {
    /// Builds the checker. Without a schema only the structure is checked (blank rows,
    /// missing and extra cells, encoding and control characters).
    pub fn new(
        schema: Option<&'s CompiledSchema>,
        map: Option<ColumnMap>,
        labels: Vec<String>,
        custom: Option<CustomChecks>,
    ) -> Self {
        let unique_fields = match (schema, &map) {
            (Some(schema), Some(map)) => (0..schema.fields().len())
                .filter(|&index| {
                    schema.fields()[index].is_unique() && map.field_columns[index].is_some()
                })
                .collect(),
            _ => Vec::new(),
        };
        let custom = custom.filter(|checks| !checks.is_empty());
        let memo_fields = match schema {
            Some(schema) => memo_fields(schema, custom.is_some()),
            None => Vec::new(),
        };
        let keeps_values = !unique_fields.is_empty()
            || custom.is_some()
            || schema.is_some_and(|schema| {
                !schema.primary_key().is_empty() || !schema.foreign_keys().is_empty()
            });
        RowChecker {
            schema,
            map,
            labels,
            custom,
            unique_fields,
            memo_fields,
            keeps_values,
        }
    }

    /// Checks one data record and appends what it finds to `out`.
    pub fn check(&self, record: &Record, scratch: &mut Scratch, out: &mut BatchOutput) {
        let row = record.row_number;
        out.last_row = row;
        out.rows += 1;

        self.check_problems(record, out);
        if self.is_blank(record) {
            out.findings
                .push(Finding::error("blank-row", "blank-row").row(row));
            self.primary_key_event(record, &[], out);
            return;
        }
        self.check_width(record, out);
        self.check_control_characters(record, out);

        let (Some(schema), Some(map)) = (self.schema, &self.map) else {
            return;
        };
        scratch
            .memo
            .resize_with(schema.fields().len(), CellMemo::default);
        if !self.keeps_values {
            self.check_cells(schema, map, record, &mut scratch.memo, out, |_, _, _| {});
            return;
        }

        let mut row_values = reuse(std::mem::take(&mut scratch.values));
        row_values.resize(schema.fields().len(), None);
        let mut texts = reuse_texts(std::mem::take(&mut scratch.texts));
        texts.resize(schema.fields().len(), None);
        self.check_cells(
            schema,
            map,
            record,
            &mut scratch.memo,
            out,
            |index, text, value| {
                texts[index] = Some(text);
                row_values[index] = value;
            },
        );

        for &field in &self.unique_fields {
            if let (Some(value), Some(text)) = (&row_values[field], texts[field]) {
                let hash = hash_keys(std::iter::once(value.to_key()));
                out.keys.push(KeyEvent::Unique {
                    row,
                    field,
                    hash,
                    cell: text.to_owned(),
                });
            }
        }
        self.primary_key_event(record, &row_values, out);
        self.foreign_key_events(&row_values, &texts, row, out);
        if let Some(custom) = &self.custom {
            custom.check_row(row, &row_values, &texts, &mut out.findings);
        }
        scratch.values = reuse(row_values);
        scratch.texts = reuse_texts(texts);
    }

    /// Checks every cell that maps to a field and hands its text and parsed value to `keep`.
    /// The value is unset when the cell is missing, invalid or skipped by the memo. Cells go
    /// in file order, so that a row's findings read left to right as in the agent's file.
    fn check_cells<'r>(
        &self,
        schema: &CompiledSchema,
        map: &ColumnMap,
        record: &'r Record,
        memos: &mut [CellMemo],
        out: &mut BatchOutput,
        mut keep: impl FnMut(usize, &'r str, Option<Value<'r>>),
    ) {
        let row = record.row_number;
        for (column, field_index) in map.column_fields.iter().enumerate() {
            let (Some(index), Some(text)) = (*field_index, record.get(column)) else {
                continue;
            };
            let field = &schema.fields()[index];
            let native = record.native(column);
            if !self.memo_fields[index] || native.is_some() {
                let value = check_cell(field, native, text, row, column + 1, out);
                keep(index, text, value);
                continue;
            }
            let memo = &mut memos[index];
            if !memo.contains(text) {
                let findings_before = out.findings.len();
                check_cell(field, None, text, row, column + 1, out);
                memo.remember(text, out.findings.len() == findings_before);
            }
            keep(index, text, None);
        }
    }

    fn check_problems(&self, record: &Record, out: &mut BatchOutput) {
        for problem in &record.problems {
            let finding = match problem {
                RecordProblem::EncodingError { field_index } => {
                    let mut finding =
                        Finding::error("encoding-error", "encoding-error").row(record.row_number);
                    if let Some(index) = field_index {
                        finding = finding.field(index + 1, self.label(*index));
                    }
                    finding
                }
                RecordProblem::UnterminatedQuote { .. } | RecordProblem::TooManyColumns { .. } => {
                    let mut finding =
                        Finding::error("source-error", problem.code()).row(record.row_number);
                    finding.args = problem.args();
                    finding
                }
                RecordProblem::SpreadsheetErrorCell { field_index, value } => {
                    Finding::warning("spreadsheet-error-cell", "spreadsheet-error-cell")
                        .row(record.row_number)
                        .field(field_index + 1, self.label(*field_index))
                        .cell(value.clone())
                        .arg("value", value)
                }
            };
            out.findings.push(finding);
        }
    }

    fn label(&self, index: usize) -> &str {
        self.labels
            .get(index)
            .map(|label| crate::header::clean_label(label))
            .unwrap_or("")
    }

    /// Returns whether every cell of the row is missing, an empty physical line included.
    fn is_blank(&self, record: &Record) -> bool {
        if record.is_blank_line() {
            return true;
        }
        record
            .iter()
            .enumerate()
            .all(|(column, text)| self.is_missing_at(column, text))
    }

    fn is_missing_at(&self, column: usize, text: &str) -> bool {
        let (Some(schema), Some(map)) = (self.schema, &self.map) else {
            return text.is_empty();
        };
        match map.column_fields.get(column).copied().flatten() {
            Some(field) => schema.fields()[field].is_missing(text),
            None => schema
                .schema()
                .missing_values
                .iter()
                .any(|missing| missing == text),
        }
    }

    fn check_width(&self, record: &Record, out: &mut BatchOutput) {
        let width = self.labels.len();
        let row = record.row_number;
        for column in record.len()..width {
            if self.is_ignored_column(column) {
                continue;
            }
            out.findings.push(
                Finding::error("missing-cell", "missing-cell")
                    .row(row)
                    .field(column + 1, self.label(column))
                    .arg("field", self.label(column)),
            );
        }
        for column in width..record.len() {
            let text = record.get(column).unwrap_or("");
            out.findings.push(
                Finding::error("extra-cell", "extra-cell")
                    .row(row)
                    .field(column + 1, "")
                    .cell(text)
                    .arg("value", text)
                    .arg("width", width),
            );
        }
    }

    /// Extra columns of a schema-checked file are not looked at, as in Validata.
    fn is_ignored_column(&self, column: usize) -> bool {
        match &self.map {
            Some(map) => map.column_fields.get(column).copied().flatten().is_none(),
            None => false,
        }
    }

    fn check_control_characters(&self, record: &Record, out: &mut BatchOutput) {
        // The first scan looks for any byte below 0x20 or DEL, tab and line breaks included,
        // because that plain compare vectorises. The exact test runs only after a hit.
        let bytes = record.as_bytes();
        let maybe_control = bytes.chunks(64).any(|chunk| {
            chunk.iter().fold(0u8, |found, &byte| {
                found | u8::from(byte < 0x20) | u8::from(byte == 0x7f)
            }) != 0
        });
        if !maybe_control {
            return;
        }
        for (column, text) in record.iter().enumerate() {
            let Some(position) = text.bytes().position(is_control) else {
                continue;
            };
            let code = text.as_bytes()[position];
            out.findings.push(
                Finding::warning("control-character", "control-character")
                    .row(record.row_number)
                    .field(column + 1, self.label(column))
                    .cell(text.escape_debug().to_string())
                    .arg("code", format!("U+{code:04X}"))
                    .arg("position", text[..position].chars().count() + 1),
            );
        }
    }

    fn primary_key_event(
        &self,
        record: &Record,
        values: &[Option<Value<'_>>],
        out: &mut BatchOutput,
    ) {
        let Some(schema) = self.schema else { return };
        let key = schema.primary_key();
        if key.is_empty() {
            return;
        }
        let all_missing = key
            .iter()
            .all(|&field| values.get(field).is_none_or(Option::is_none));
        let hash = hash_keys(key.iter().map(|&field| value_key(values, field)));
        let cells = self.key_cells(record, key);
        out.keys.push(KeyEvent::PrimaryKey {
            row: record.row_number,
            hash,
            all_missing,
            cells,
        });
    }

    fn key_cells(&self, record: &Record, fields: &[usize]) -> String {
        let Some(map) = &self.map else {
            return String::new();
        };
        let cells: Vec<&str> = fields
            .iter()
            .map(|&field| {
                map.field_columns[field]
                    .and_then(|column| record.get(column))
                    .unwrap_or("")
            })
            .collect();
        cells.join(", ")
    }

    fn foreign_key_events(
        &self,
        values: &[Option<Value<'_>>],
        texts: &[Option<&str>],
        row: u64,
        out: &mut BatchOutput,
    ) {
        let Some(schema) = self.schema else { return };
        for (key, foreign) in schema.foreign_keys().iter().enumerate() {
            if !foreign.self_reference {
                continue;
            }
            if foreign
                .reference_fields
                .iter()
                .all(|&field| values[field].is_some())
            {
                let hash = hash_keys(
                    foreign
                        .reference_fields
                        .iter()
                        .map(|&field| value_key(values, field)),
                );
                out.keys.push(KeyEvent::ForeignTarget { key, hash });
            }
            if foreign.fields.iter().all(|&field| values[field].is_none()) {
                continue;
            }
            let hash = hash_keys(foreign.fields.iter().map(|&field| value_key(values, field)));
            let cells: Vec<&str> = foreign
                .fields
                .iter()
                .map(|&field| texts[field].unwrap_or(""))
                .collect();
            out.keys.push(KeyEvent::ForeignSource {
                row,
                key,
                hash,
                cells: cells.join(", "),
            });
        }
    }
}

/// Checks one cell and returns its parsed value, `None` when missing or not parseable.
fn check_cell<'a>(
    field: &CompiledField,
    native: Option<tableschema::Native>,
    text: &'a str,
    row: u64,
    position: usize,
    out: &mut BatchOutput,
) -> Option<Value<'a>> {
    if field.is_missing(text) {
        if field.is_required() {
            out.findings.push(constraint_finding(
                field,
                ConstraintKind::Required,
                text,
                row,
                position,
            ));
        }
        return None;
    }
    if field.accepts_any_text() {
        return Some(Value::String(text));
    }
    let parsed: Result<Value<'a>, TypeError> = match native {
        Some(native) => field.parse_native(text, native),
        None => field.parse(text),
    };
    match parsed {
        Ok(value) => {
            field.check_constraints(text, &value, &mut |kind| {
                out.findings
                    .push(constraint_finding(field, kind, text, row, position));
            });
            Some(value)
        }
        Err(error) => {
            out.findings
                .push(type_error_finding(field, &error, text, row, position));
            None
        }
    }
}

fn value_key(values: &[Option<Value<'_>>], field: usize) -> ValueKey {
    values
        .get(field)
        .and_then(Option::as_ref)
        .map_or(ValueKey::Missing, Value::to_key)
}

fn hash_keys(keys: impl Iterator<Item = ValueKey>) -> u64 {
    let mut hasher = DefaultHasher::new();
    for key in keys {
        key.hash(&mut hasher);
    }
    hasher.finish()
}

/// NUL and the C0 controls other than tab and line breaks, and DEL.
fn is_control(byte: u8) -> bool {
    (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r')) || byte == 0x7f
}

/// Buffers a worker reuses from row to row, so that checking a row allocates nothing.
#[derive(Debug, Default)]
pub struct Scratch {
    values: Vec<Option<Value<'static>>>,
    texts: Vec<Option<&'static str>>,
    /// Per field, the last valid cells, for [`RowChecker::memo_fields`].
    memo: Vec<CellMemo>,
}

/// The last two distinct cells of a field that passed every check. Two, because many
/// columns alternate between two values (booleans, a pair of codes).
#[derive(Debug, Default)]
struct CellMemo {
    texts: [String; 2],
    valid: [bool; 2],
    /// The entry the next valid cell replaces: the older one.
    next: usize,
}

impl CellMemo {
    /// Maximum length of a remembered cell, in bytes. Longer cells rarely repeat, and copying
    /// them costs more than the checks saved.
    const MAX_BYTES: usize = 128;

    fn contains(&self, text: &str) -> bool {
        (self.valid[0] && self.texts[0] == text) || (self.valid[1] && self.texts[1] == text)
    }

    /// Records a cell that missed the memo. Only a valid one is kept.
    fn remember(&mut self, text: &str, valid: bool) {
        if !valid || text.len() > CellMemo::MAX_BYTES {
            return;
        }
        let entry = self.next;
        self.texts[entry].clear();
        self.texts[entry].push_str(text);
        self.valid[entry] = true;
        self.next = 1 - entry;
    }
}

/// Decides, per field, whether a cell equal to one of the field's last two valid cells in the same
/// worker may skip its checks.
///
/// The checks of a cell depend on its text alone (spreadsheet cells with a native value
/// excepted, which the row loop never skips), so an equal text gives the same verdict.
/// Skipping leaves the cell's parsed value unset, so fields whose values feed a cross-row
/// rule or a custom check are never skipped. Nor are plain strings without a format or a
/// text constraint, whose checks cost less than remembering the cell. Files repeat values
/// down a column a lot (the same collectivité, SIREN, date or boolean on every row).
fn memo_fields(schema: &CompiledSchema, has_custom_checks: bool) -> Vec<bool> {
    let mut needs_value = vec![has_custom_checks; schema.fields().len()];
    for &field in schema.primary_key() {
        needs_value[field] = true;
    }
    for key in schema.foreign_keys() {
        for &field in key.fields.iter().chain(&key.reference_fields) {
            needs_value[field] = true;
        }
    }
    schema
        .fields()
        .iter()
        .zip(needs_value)
        .map(|(field, needs_value)| {
            let constraints = &field.descriptor().constraints;
            let costly = field.field_type() != tableschema::FieldType::String
                || !matches!(field.format(), "" | "default")
                || constraints.pattern.is_some()
                || constraints.enum_values.is_some()
                || constraints.min_length.is_some()
                || constraints.max_length.is_some();
            costly && !needs_value && !field.is_unique()
        })
        .collect()
}

/// Empties a vector of cell texts and gives it a new lifetime, keeping its allocation.
fn reuse_texts<'b>(mut texts: Vec<Option<&str>>) -> Vec<Option<&'b str>> {
    texts.clear();
    texts.into_iter().map(|_| None).collect()
}

/// Empties a vector of values and gives it a new lifetime, keeping its allocation.
fn reuse<'b>(mut values: Vec<Option<Value<'_>>>) -> Vec<Option<Value<'b>>> {
    values.clear();
    values.into_iter().map(|_| None).collect()
}
