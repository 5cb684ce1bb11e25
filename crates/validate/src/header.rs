//! Header matching: which file column holds which schema field.
//!
//! Columns are matched by name, as Validata does (frictionless `fieldsMatch: partial`):
//! labels are trimmed and a byte order mark is dropped; order does not matter. A missing
//! required column is an error; a missing optional column, an extra column or a different
//! order is a warning. Near-miss labels get a suggestion. Positional label errors
//! (`incorrect-label`, `blank-label`) are never raised because agents reorder columns.

use std::collections::HashMap;

use tableschema::CompiledSchema;

use crate::finding::Finding;

/// Mapping between schema fields and file columns.
#[derive(Debug, Clone)]
pub struct ColumnMap {
    /// For each schema field, its 0-based column in the file.
    pub field_columns: Vec<Option<usize>>,
    /// For each file column, the schema field it holds.
    pub column_fields: Vec<Option<usize>>,
    /// No label matches any field: rows are checked for their structure only.
    pub unmatched: bool,
}

impl ColumnMap {
    /// Returns the 1-based file position of each schema field, as custom checks expect it.
    pub fn field_positions(&self) -> Vec<Option<usize>> {
        self.field_columns
            .iter()
            .map(|column| column.map(|index| index + 1))
            .collect()
    }
}

/// Normalises a header label the way it is compared: BOM dropped, surrounding spaces trimmed.
pub fn clean_label(label: &str) -> &str {
    label.trim_start_matches('\u{feff}').trim()
}

/// Checks labels that make the header unusable whatever the schema: blank and duplicate labels.
pub fn check_labels(labels: &[String], out: &mut Vec<Finding>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (index, raw) in labels.iter().enumerate() {
        let label = clean_label(raw);
        if label.is_empty() {
            out.push(
                Finding::warning("blank-label", "blank-label")
                    .field(index + 1, "")
                    .arg("position", index + 1),
            );
            continue;
        }
        if let Some(first) = seen.get(label) {
            out.push(
                Finding::error("duplicate-label", "duplicate-label")
                    .field(index + 1, label)
                    .arg("label", label)
                    .arg("first", first + 1)
                    .arg("position", index + 1),
            );
        } else {
            seen.insert(label, index);
        }
    }
}

/// Matches labels to schema fields and reports the header findings.
pub fn match_columns(
    labels: &[String],
    schema: &CompiledSchema,
    case_sensitive: bool,
    out: &mut Vec<Finding>,
) -> ColumnMap {
    let fields = schema.fields();
    let key = |text: &str| {
        if case_sensitive {
            text.to_owned()
        } else {
            text.to_lowercase()
        }
    };
    let by_name: HashMap<String, usize> = fields
        .iter()
        .enumerate()
        .rev()
        .map(|(index, field)| (key(field.name()), index))
        .collect();

    let mut field_columns = vec![None; fields.len()];
    let mut column_fields = vec![None; labels.len()];
    for (column, raw) in labels.iter().enumerate() {
        let label = clean_label(raw);
        if let Some(&field) = by_name.get(&key(label)) {
            // A duplicated label keeps its first column; check_labels reports the second.
            if field_columns[field].is_none() {
                field_columns[field] = Some(column);
                column_fields[column] = Some(field);
            }
        }
    }

    let matched = field_columns
        .iter()
        .filter(|column| column.is_some())
        .count();
    if matched == 0 && !fields.is_empty() && !labels.is_empty() {
        let expected: Vec<&str> = fields.iter().map(|field| field.name()).collect();
        let names: Vec<String> = fields
            .iter()
            .map(|field| field.name().to_lowercase())
            .collect();
        let case_only = labels
            .iter()
            .any(|label| names.contains(&clean_label(label).to_lowercase()));
        out.push(
            Finding::error("unmatched-header", "unmatched-header")
                .arg("expected", expected.join(", "))
                .arg("count", fields.len())
                .arg("case", if case_only { "yes" } else { "no" }),
        );
        // Every field is missing: one error reports it more clearly than one per field, and the
        // rows cannot be checked against fields they do not hold.
        return ColumnMap {
            field_columns,
            column_fields,
            unmatched: true,
        };
    }

    report_missing_fields(labels, schema, &field_columns, &column_fields, out);
    report_extra_columns(labels, schema, &column_fields, out);
    report_order(labels, schema, &field_columns, &column_fields, out);
    ColumnMap {
        field_columns,
        column_fields,
        unmatched: false,
    }
}

fn report_missing_fields(
    labels: &[String],
    schema: &CompiledSchema,
    field_columns: &[Option<usize>],
    column_fields: &[Option<usize>],
    out: &mut Vec<Finding>,
) {
    let unmatched_labels: Vec<&str> = labels
        .iter()
        .zip(column_fields)
        .filter(|(_, field)| field.is_none())
        .map(|(label, _)| clean_label(label))
        .collect();
    let mut next_position = labels.len();
    for (index, field) in schema.fields().iter().enumerate() {
        if field_columns[index].is_some() {
            continue;
        }
        let suggestion = closest(field.name(), &unmatched_labels);
        let required = field.is_required() || schema.primary_key().contains(&index);
        let mut finding = if required {
            // frictionless numbers a missing column after the last real one.
            next_position += 1;
            Finding::error("missing-label", "missing-label-required")
                .field(next_position, field.name())
        } else {
            let mut warning = Finding::warning("missing-label", "missing-label-optional");
            warning.field_name = Some(field.name().to_owned());
            warning
        };
        finding = finding
            .arg("field", field.name())
            .arg("suggestion", suggestion.unwrap_or("none"));
        out.push(finding);
    }
}

fn report_extra_columns(
    labels: &[String],
    schema: &CompiledSchema,
    column_fields: &[Option<usize>],
    out: &mut Vec<Finding>,
) {
    let missing_names: Vec<&str> = schema
        .fields()
        .iter()
        .enumerate()
        .filter(|(index, _)| !column_fields.contains(&Some(*index)))
        .map(|(_, field)| field.name())
        .collect();
    for (column, raw) in labels.iter().enumerate() {
        let label = clean_label(raw);
        if column_fields[column].is_some() || label.is_empty() {
            continue;
        }
        let mut finding = Finding::warning("extra-label", "extra-label").field(column + 1, label);
        finding = finding.arg("label", label).arg(
            "suggestion",
            closest(label, &missing_names).unwrap_or("none"),
        );
        out.push(finding);
    }
}

fn report_order(
    labels: &[String],
    schema: &CompiledSchema,
    field_columns: &[Option<usize>],
    column_fields: &[Option<usize>],
    out: &mut Vec<Finding>,
) {
    let all_present = field_columns.iter().all(Option::is_some);
    let no_extra = column_fields.iter().all(Option::is_some);
    let in_order = column_fields
        .iter()
        .enumerate()
        .all(|(column, field)| *field == Some(column));
    if all_present && no_extra && labels.len() == schema.fields().len() && !in_order {
        let expected: Vec<&str> = schema.fields().iter().map(|field| field.name()).collect();
        out.push(
            Finding::warning("disordered-header", "disordered-header")
                .arg("expected", expected.join(", ")),
        );
    }
}

/// Finds the candidate closest to `name` when it is close enough to be a likely typo or a
/// case or accent variant ("DELIB_DAT" for "DELIB_DATE").
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let wanted = fold(name);
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        if candidate.is_empty() {
            continue;
        }
        let score = strsim::normalized_damerau_levenshtein(&wanted, &fold(candidate));
        if best.is_none_or(|(best_score, _)| score > best_score) {
            best = Some((score, candidate));
        }
    }
    best.filter(|(score, _)| *score >= 0.7)
        .map(|(_, candidate)| candidate)
}

/// Lower-cases and removes French accents and separators, so that `Date délib` and
/// `DATE_DELIB` compare as equal.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' ' | '.'))
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'î' | 'ï' | 'Î' | 'Ï' => 'i',
            'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_truncated_name() {
        assert_eq!(
            closest("DELIB_DAT", &["DELIB_DATE", "DELIB_ID"]),
            Some("DELIB_DATE")
        );
    }

    #[test]
    fn closest_ignores_case_and_accents() {
        assert_eq!(
            closest("date_délib", &["DATE_DELIB", "OBJET"]),
            Some("DATE_DELIB")
        );
    }

    #[test]
    fn closest_rejects_unrelated_names() {
        assert_eq!(closest("OBJET", &["DELIB_DATE", "VOTE_POUR"]), None);
    }

    #[test]
    fn clean_label_drops_bom_and_spaces() {
        assert_eq!(clean_label("\u{feff} id "), "id");
    }
}
