//! Rendering of reports: JSON in the frictionless report shape, and a text report for people.
//!
//! The JSON keeps frictionless's keys (`valid`, `stats`, `warnings`, `errors`,
//! `tasks[].errors[]` with `type`, `rowNumber`, `fieldNumber`, `fieldName`, `cell`) so that
//! reports compare one to one with frictionless and Validata, and adds `hint` to each error
//! and a `socle` object per task (encoding, dialect, truncation, structured warnings).
//! The text report groups errors by column and by kind, the way an agent fixes a file.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use i18n::Messages;
use serde_json::{Map, Value as Json, json};

use crate::finding::Finding;
use crate::report::Report;

/// Group name of the findings about the schema rather than the file.
const SCHEMA_GROUP: &str = "\u{0}schema";

/// Codes of the findings about the schema's declarations rather than the file.
const SCHEMA_CODES: &[&str] = &[
    "deprecated-custom-check",
    "unsupported-custom-check",
    "check-error",
];

/// How many different messages of one kind a text report lists for a column.
const DISTINCT_SHOWN: usize = 5;

/// How many rows a text report lists for one group of identical problems.
const ROWS_SHOWN: usize = 10;

/// Renders a finding's message with its arguments.
pub fn message(messages: &Messages, finding: &Finding) -> String {
    messages.format(finding.message_id, &args_of(finding))
}

/// Renders the finding's hint (how to fix it), when its message has one.
pub fn hint(messages: &Messages, finding: &Finding) -> Option<String> {
    messages.format_attribute(finding.message_id, "hint", &args_of(finding))
}

/// Renders the short title of a finding's code ("Erreur de type").
pub fn title(messages: &Messages, code: &str) -> String {
    let id = format!("title-{code}");
    if messages.has(&id) {
        messages.format(&id, &[])
    } else {
        code.to_owned()
    }
}

fn args_of(finding: &Finding) -> Vec<(&str, &str)> {
    finding
        .args
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect()
}

/// Codes of the findings about the header, which frictionless tags `#header`.
const HEADER_CODES: &[&str] = &[
    "blank-header",
    "blank-label",
    "duplicate-label",
    "missing-label",
    "extra-label",
    "unmatched-header",
    "disordered-header",
];

fn tags_of(finding: &Finding) -> Vec<&'static str> {
    if HEADER_CODES.contains(&finding.code) {
        return if finding.field_number.is_some() {
            vec!["#table", "#header", "#label"]
        } else {
            vec!["#table", "#header"]
        };
    }
    match (finding.row_number, finding.field_number) {
        (Some(_), Some(_)) => vec!["#table", "#row", "#cell"],
        (Some(_), None) => vec!["#table", "#row"],
        (None, _) => vec!["#table"],
    }
}

fn finding_json(messages: &Messages, finding: &Finding) -> Json {
    let mut object = Map::new();
    object.insert("type".into(), json!(finding.code));
    object.insert("title".into(), json!(title(messages, finding.code)));
    object.insert("message".into(), json!(message(messages, finding)));
    object.insert("tags".into(), json!(tags_of(finding)));
    object.insert("note".into(), json!(finding.message_id));
    if let Some(row) = finding.row_number {
        object.insert("rowNumber".into(), json!(row));
    }
    if let Some(number) = finding.field_number {
        object.insert("fieldNumber".into(), json!(number));
    }
    if let Some(name) = &finding.field_name {
        object.insert("fieldName".into(), json!(name));
    }
    if let Some(cell) = &finding.cell {
        object.insert("cell".into(), json!(cell));
    }
    if let Some(text) = hint(messages, finding) {
        object.insert("hint".into(), json!(text));
    }
    if !finding.args.is_empty() {
        let args: Map<String, Json> = finding
            .args
            .iter()
            .map(|(name, value)| ((*name).to_owned(), json!(value)))
            .collect();
        object.insert("details".into(), Json::Object(args));
    }
    Json::Object(object)
}

/// Renders the report as frictionless-shaped JSON.
pub fn to_json(report: &Report, messages: &Messages) -> Json {
    let errors: Vec<Json> = report
        .errors
        .iter()
        .map(|finding| finding_json(messages, finding))
        .collect();
    let warning_texts: Vec<String> = report
        .warnings
        .iter()
        .map(|finding| message(messages, finding))
        .collect();
    let warnings: Vec<Json> = report
        .warnings
        .iter()
        .map(|finding| finding_json(messages, finding))
        .collect();
    let mut task_warnings = warning_texts;
    if report.truncated {
        task_warnings.push(messages.format(
            "report-truncated",
            &[("max", &report.max_errors.to_string())],
        ));
    }
    let info = report.info.as_ref();
    let socle = json!({
        "lang": messages.lang().tag(),
        "format": info.map(|info| format!("{:?}", info.format).to_lowercase()),
        "compression": info.and_then(|info| info.compression),
        "encoding": info.map(|info| info.encoding),
        "bom": info.map(|info| info.bom),
        "delimiter": info.and_then(|info| info.delimiter).map(|byte| (byte as char).to_string()),
        "lineTerminator": info.and_then(|info| info.line_terminator),
        "sheet": info.and_then(|info| info.sheet.clone()),
        "schema": report.schema.as_ref().map(|schema| json!({
            "reference": schema.reference, "title": schema.title, "version": schema.version,
        })),
        "maxErrors": report.max_errors,
        "truncated": report.truncated,
        "lastRowChecked": report.last_row,
        "errorsFound": report.stats.errors,
        "warnings": warnings,
    });
    let valid = report.is_valid();
    json!({
        "valid": valid,
        "stats": {
            "tasks": 1,
            "errors": report.errors.len(),
            "warnings": report.warnings.len(),
            "seconds": round_seconds(report.stats.seconds),
        },
        "warnings": [],
        "errors": [],
        "tasks": [{
            "name": task_name(&report.source),
            "type": "table",
            "valid": valid,
            "place": report.source,
            "labels": report.labels,
            "stats": {
                "errors": report.errors.len(),
                "warnings": report.warnings.len(),
                "seconds": round_seconds(report.stats.seconds),
                "bytes": report.stats.bytes.max(info.map_or(0, |info| info.bytes)),
                "fields": report.stats.fields,
                "rows": report.stats.rows,
            },
            "warnings": task_warnings,
            "errors": errors,
            "socle": socle,
        }],
    })
}

fn round_seconds(seconds: f64) -> f64 {
    (seconds * 1000.0).round() / 1000.0
}

fn task_name(source: &str) -> String {
    let file = source.rsplit(['/', '\\']).next().unwrap_or(source);
    file.split('.').next().unwrap_or(file).to_lowercase()
}

/// Renders the report as text for a terminal: a verdict, then problems grouped by column.
pub fn to_text(report: &Report, messages: &Messages) -> String {
    let mut text = String::new();
    let rows = report.stats.rows.to_string();
    let columns = report.stats.fields.to_string();
    // A truncated report counts only the errors it kept, a lower bound, so the message
    // reads "at least".
    let errors = if report.truncated {
        report.errors.len().to_string()
    } else {
        report.stats.errors.to_string()
    };
    let truncated = if report.truncated { "yes" } else { "no" };
    // Deprecated check names concern the schema's authors, not the agent checking a file:
    // the JSON report keeps them, the text report leaves them out.
    let shown_warnings: Vec<Finding> = report
        .warnings
        .iter()
        .filter(|finding| finding.code != "deprecated-custom-check")
        .cloned()
        .collect();
    let warnings = shown_warnings.len().to_string();
    let source = report.source.as_str();
    let verdict = if report.is_valid() {
        "text-valid"
    } else {
        "text-invalid"
    };
    let args = [
        ("file", source),
        ("rows", rows.as_str()),
        ("columns", columns.as_str()),
        ("errors", errors.as_str()),
        ("warnings", warnings.as_str()),
        ("truncated", truncated),
    ];
    let _ = writeln!(text, "{}", messages.format(verdict, &args));
    if let Some(info) = &report.info {
        let delimiter = info
            .delimiter
            .map(describe_delimiter)
            .unwrap_or_else(|| "none".to_owned());
        let format = format!("{:?}", info.format).to_uppercase();
        let read_args = [
            ("format", format.as_str()),
            ("encoding", info.encoding),
            ("delimiter", delimiter.as_str()),
        ];
        let _ = writeln!(text, "{}", messages.format("text-read-as", &read_args));
    }
    if let Some(schema) = &report.schema {
        let title = schema
            .title
            .clone()
            .unwrap_or_else(|| schema.reference.clone());
        let version = schema.version.clone().unwrap_or_default();
        let schema_args = [
            ("title", title.as_str()),
            ("version", version.as_str()),
            ("reference", schema.reference.as_str()),
        ];
        let _ = writeln!(text, "{}", messages.format("text-schema", &schema_args));
    }
    if report.truncated {
        let max = report.max_errors.to_string();
        let last = report.last_row.to_string();
        let _ = writeln!(
            text,
            "{}",
            messages.format(
                "text-truncated",
                &[("max", max.as_str()), ("row", last.as_str())]
            )
        );
    }
    write_groups(&mut text, messages, &report.errors, "text-errors-heading");
    write_groups(
        &mut text,
        messages,
        &shown_warnings,
        "text-warnings-heading",
    );
    printable(&text)
}

/// Escapes control characters other than line breaks and tabs, so that cell values and
/// file names cannot send escape sequences to the terminal that shows the report.
pub fn printable(text: &str) -> String {
    let is_hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(is_hidden) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if is_hidden(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn describe_delimiter(byte: u8) -> String {
    match byte {
        b'\t' => "tab".to_owned(),
        other => (other as char).to_string(),
    }
}

/// A column of the text report: its position in the file and its name.
type ColumnKey = (usize, String);

/// A group of identical problems in a column: the message id and the arguments that matter.
type KindKey<'a> = (&'a str, String);

/// Writes findings grouped by column, then by message, with the rows where each occurs.
fn write_groups(text: &mut String, messages: &Messages, findings: &[Finding], heading: &str) {
    if findings.is_empty() {
        return;
    }
    let _ = writeln!(
        text,
        "\n{}",
        messages.format(heading, &[("count", &findings.len().to_string())])
    );
    let mut groups: BTreeMap<ColumnKey, BTreeMap<KindKey<'_>, Vec<&Finding>>> = BTreeMap::new();
    for finding in findings {
        let column = if SCHEMA_CODES.contains(&finding.code) {
            // Findings about the schema itself (deprecated or unusable checks) concern its
            // author more than the agent: they are listed apart, last.
            (usize::MAX, SCHEMA_GROUP.to_owned())
        } else {
            // A missing column has a position after the last real one, as frictionless
            // numbers it; the report calls it missing instead of showing that position.
            let number = if finding.code == "missing-label" {
                0
            } else {
                finding.field_number.unwrap_or(0)
            };
            (number, finding.field_name.clone().unwrap_or_default())
        };
        let kind = (finding.message_id, group_key(finding));
        groups
            .entry(column)
            .or_default()
            .entry(kind)
            .or_default()
            .push(finding);
    }
    for ((number, name), kinds) in groups {
        let heading = if name == SCHEMA_GROUP {
            messages.format("text-group-schema", &[])
        } else if name.is_empty() && number == 0 {
            messages.format("text-group-file", &[])
        } else {
            messages.format(
                "text-group-column",
                &[("name", name.as_str()), ("number", &number.to_string())],
            )
        };
        let _ = writeln!(text, "\n{heading}");
        for (_, members) in kinds {
            write_group(text, messages, &members);
        }
    }
}

/// Findings with the same message but different values are listed apart only when the
/// message depends on the value in ways other than quoting it (e.g. a suggested fix).
fn group_key(finding: &Finding) -> String {
    finding
        .args
        .iter()
        .filter(|(name, _)| !matches!(*name, "value" | "corrected" | "length" | "first"))
        .map(|(name, value)| format!("{name}={value};"))
        .collect()
}

fn write_group(text: &mut String, messages: &Messages, members: &[&Finding]) {
    // Members share a kind of problem; those whose rendered message differs (another
    // value, another suggested fix) are listed apart, the most frequent first.
    let mut distinct: Vec<(String, Vec<&Finding>)> = Vec::new();
    for finding in members {
        let rendered = message(messages, finding);
        match distinct.iter_mut().find(|(text, _)| *text == rendered) {
            Some((_, same)) => same.push(finding),
            None => distinct.push((rendered, vec![finding])),
        }
    }
    distinct.sort_by_key(|(_, same)| std::cmp::Reverse(same.len()));
    for (rendered, same) in distinct.iter().take(DISTINCT_SHOWN) {
        let _ = writeln!(text, "  - {rendered}");
        write_rows(text, messages, same, "text-rows");
        if let Some(fix) = same.first().and_then(|first| hint(messages, first)) {
            let _ = writeln!(text, "    → {fix}");
        }
    }
    let rest: Vec<&Finding> = distinct
        .iter()
        .skip(DISTINCT_SHOWN)
        .flat_map(|(_, same)| same.iter().copied())
        .collect();
    if !rest.is_empty() {
        write_rows(text, messages, &rest, "text-more-values");
    }
}

/// Writes the rows where findings occur, the first [`ROWS_SHOWN`] of them.
fn write_rows(text: &mut String, messages: &Messages, findings: &[&Finding], id: &str) {
    let rows: Vec<String> = findings
        .iter()
        .filter_map(|finding| finding.row_number)
        .take(ROWS_SHOWN)
        .map(|row| row.to_string())
        .collect();
    if rows.is_empty() {
        return;
    }
    let count = findings.len().to_string();
    let more = findings.len().saturating_sub(rows.len()).to_string();
    let list = rows.join(", ");
    let args = [
        ("count", count.as_str()),
        ("rows", list.as_str()),
        ("more", more.as_str()),
    ];
    let _ = writeln!(text, "    {}", messages.format(id, &args));
}
