//! `socle validate FILE [--schema NAME|PATH|URL] [--format text|json] [--lang fr|en] [--max-errors N]`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use i18n::Messages;
use validate::{Finding, Options, Report, render};

use crate::EXIT_FAILURE;
use crate::schema_source::{self, render_problem};

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// File to validate: CSV, TSV, XLSX, XLS or ODS, possibly gzip-compressed.
    pub file: PathBuf,

    /// Schema: a bundled name (deliberations, scdl/deliberations, dae@1.0.0), a path or an https URL.
    /// Without it, only the file's structure is checked.
    #[arg(long)]
    pub schema: Option<String>,

    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    /// Errors kept in the report; validation stops once that many are found.
    #[arg(long, default_value_t = 1000, allow_negative_numbers = true, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_errors: u64,

    /// Match column names to the schema without regard to case.
    #[arg(long)]
    pub ignore_header_case: bool,

    /// Worker threads (0: every core; at most 64).
    #[arg(long, default_value_t = 0, allow_negative_numbers = true, value_parser = clap::value_parser!(u16).range(0..=64))]
    pub threads: u16,

    /// Sheet of a spreadsheet to read (default: the first one).
    #[arg(long)]
    pub sheet: Option<String>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

/// Runs the command and returns the exit status: 0 valid, 1 invalid, 2 not validated.
pub fn run(args: &ValidateArgs, messages: &Messages) -> u8 {
    let resolved = match &args.schema {
        Some(reference) => match schema_source::resolve(reference) {
            Ok(resolved) => Some(resolved),
            Err(error) => {
                error.print(messages);
                if args.format == ReportFormat::Json {
                    print_failure_json(
                        args,
                        messages,
                        Finding::error("schema-error", "cli-schema-unusable")
                            .arg("reference", reference),
                    );
                }
                return EXIT_FAILURE;
            }
        },
        None => None,
    };
    if let Some(resolved) = &resolved
        && args.format == ReportFormat::Text
    {
        for warning in &resolved.warnings {
            eprintln!(
                "{} {}",
                messages.format("cli-schema-warning-prefix", &[]),
                render_problem(messages, warning)
            );
        }
    }

    let mut options = Options {
        max_errors: usize::try_from(args.max_errors).unwrap_or(usize::MAX),
        threads: usize::from(args.threads),
        ..Options::default()
    };
    options.case_sensitive_header = !args.ignore_header_case;
    options.read.sheet = args.sheet.clone();
    let compiled = resolved.as_ref().map(|resolved| &resolved.compiled);
    let summary = resolved.as_ref().map(|resolved| resolved.summary.clone());
    let report = match validate::validate_path(&args.file, compiled, summary, &options) {
        Ok(mut report) => {
            if resolved.as_ref().is_some_and(|resolved| resolved.bundled) {
                report.drop_schema_deprecations();
            }
            report
        }
        Err(error) => {
            let args_list = error.args();
            let borrowed = crate::borrow_args(&args_list);
            let file = args.file.display().to_string();
            crate::print_error(messages, "cli-file-unreadable", &[("file", file.as_str())]);
            eprintln!("  {}", messages.format(error.code(), &borrowed));
            if let Some(hint) = messages.format_attribute(error.code(), "hint", &borrowed) {
                eprintln!("  → {hint}");
            }
            if args.format == ReportFormat::Json {
                let mut finding = Finding::error("source-error", error.code());
                finding.args = args_list;
                print_failure_json(args, messages, finding);
            }
            return EXIT_FAILURE;
        }
    };

    match args.format {
        ReportFormat::Text => crate::outln!("{}", render::to_text(&report, messages).trim_end()),
        ReportFormat::Json => crate::outln!("{}", render::to_json(&report, messages)),
    }
    if let Some(hint) = other_sheets_hint(&report, messages) {
        // JSON readers parse standard output, so the hint goes to standard error there.
        match args.format {
            ReportFormat::Text => crate::outln!("{hint}"),
            ReportFormat::Json => eprintln!("{hint}"),
        }
    }
    if report.is_valid() { 0 } else { 1 }
}

/// Explains how to read another sheet when no column of the sheet read matches the
/// schema and the workbook has other sheets, as data often sits on the second one.
fn other_sheets_hint(report: &Report, messages: &Messages) -> Option<String> {
    let unmatched = report
        .errors
        .iter()
        .any(|finding| finding.code == "unmatched-header");
    let info = report.info.as_ref()?;
    if !unmatched || info.sheets.len() < 2 {
        return None;
    }
    let read = info.sheet.clone().unwrap_or_default();
    let others: Vec<&String> = info.sheets.iter().filter(|name| **name != read).collect();
    let example = others.first()?.to_string();
    let list = others
        .iter()
        .map(|name| match messages.lang() {
            i18n::Lang::En => format!("\"{name}\""),
            _ => format!("« {name} »"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let text = messages.format(
        "cli-validate-other-sheets",
        &[
            ("read", read.as_str()),
            ("others", list.as_str()),
            ("count", &others.len().to_string()),
            ("example", example.as_str()),
        ],
    );
    Some(render::printable(&text))
}

/// Prints a frictionless-shaped report holding the one error that stopped validation.
fn print_failure_json(args: &ValidateArgs, messages: &Messages, finding: Finding) {
    let mut report = Report {
        source: args.file.display().to_string(),
        max_errors: 1,
        ..Report::default()
    };
    report.push(finding);
    crate::outln!("{}", render::to_json(&report, messages));
}
