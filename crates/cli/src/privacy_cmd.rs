//! `socle privacy scan FILE [--schema NAME] [--format text|json]` and
//! `socle privacy redact FILE -o OUT [--schema NAME]`.
//!
//! Files are read with the validator's readers (same encodings, delimiters and
//! spreadsheets) and scanned record by record, so memory does not grow with the file.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use i18n::Messages;
use privacy::{Policy, Replacement, Scanner, Workspace};
use validate::read::{self, ReadOptions, Record};

use crate::EXIT_FAILURE;
use crate::failure::Failure;

/// Findings kept in a scan report. A file full of personal data is reported by its first
/// findings and their count, not by a report larger than the file.
const MAX_FINDINGS_KEPT: usize = 10_000;

#[derive(Subcommand, Debug)]
pub enum PrivacyCommand {
    /// Find personal data (names of private persons, addresses, e-mails, phones, NIR, IBAN) in a file.
    Scan(ScanArgs),
    /// Write a copy of a file with the personal data found replaced by placeholders or pseudonyms.
    Redact(RedactArgs),
}

#[derive(Args, Debug)]
pub struct PolicyArgs {
    /// Rules to apply, by schema: deliberations, subventions, marches-publics, decp-tabulaire or generic.
    /// Without it, the rules are chosen from the file's columns.
    #[arg(long)]
    pub schema: Option<String>,

    /// A JSON file of rules, in place of the built-in ones.
    #[arg(long, conflicts_with = "schema")]
    pub policy: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ScanArgs {
    /// File to scan: CSV, TSV, XLSX, XLS or ODS.
    pub file: PathBuf,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Report format.
    #[arg(long, value_enum, default_value_t = ScanFormat::Text)]
    pub format: ScanFormat,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct RedactArgs {
    /// File to redact: CSV, TSV, XLSX, XLS or ODS.
    pub file: PathBuf,
    /// CSV file to write (UTF-8, comma-separated). The record of what was redacted is written beside it, as OUT.redaction.json.
    #[arg(short, long)]
    pub output: PathBuf,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Replace each span with a stable pseudonym instead of a placeholder; the key is read from SOCLE_PSEUDONYM_KEY.
    #[arg(long)]
    pub pseudonym: bool,
    /// Name of the person redacting, recorded in the redaction record (default: the USER environment variable).
    #[arg(long)]
    pub actor: Option<String>,
}

pub fn run(command: &PrivacyCommand, messages: &Messages) -> u8 {
    match command {
        PrivacyCommand::Scan(args) => scan(args, messages),
        PrivacyCommand::Redact(args) => redact(args, messages),
    }
}

/// An opened file: its header and the source of the following records.
struct Table {
    header: Vec<String>,
    source: Box<dyn read::RecordSource>,
}

fn open_table(path: &Path, messages: &Messages) -> Option<Table> {
    let file = path.display().to_string();
    let mut source = match read::open_path(path, &ReadOptions::default()) {
        Ok(source) => source,
        Err(error) => {
            print_read_error(messages, &file, &error);
            return None;
        }
    };
    let mut record = Record::new();
    match source.read_record(&mut record) {
        Ok(true) => Some(Table {
            header: record
                .iter()
                .map(|label| label.trim_start_matches('\u{feff}').trim().to_owned())
                .collect(),
            source,
        }),
        Ok(false) => {
            crate::print_error(messages, "cli-file-unscanned", &[("file", &file)]);
            eprintln!("  {}", messages.format("read-empty-file", &[]));
            None
        }
        Err(error) => {
            print_read_error(messages, &file, &error);
            None
        }
    }
}

fn print_read_error(messages: &Messages, file: &str, error: &read::ReadError) {
    let args = error.args();
    let borrowed = crate::borrow_args(&args);
    crate::print_error(messages, "cli-file-unscanned", &[("file", file)]);
    eprintln!("  {}", messages.format(error.code(), &borrowed));
}

/// Picks the rules: a JSON file, a named schema, or the schema whose columns the header has.
fn choose_policy(args: &PolicyArgs, header: &[String], messages: &Messages) -> Option<Policy> {
    let result = if let Some(path) = &args.policy {
        match read_policy(path) {
            Ok(text) => Policy::from_json(&text),
            Err(error) => {
                let file = path.display().to_string();
                let detail = error.describe(messages);
                crate::print_error(
                    messages,
                    "cli-file-open-failed",
                    &[("file", &file), ("detail", &detail)],
                );
                return None;
            }
        }
    } else {
        let name = args.policy_name(header);
        Policy::builtin(&name)
    };
    match result {
        Ok(policy) => Some(policy),
        Err(error) => {
            let error_args = error.args();
            let borrowed = crate::borrow_args(&error_args);
            crate::print_error(messages, error.message_id(), &borrowed);
            None
        }
    }
}

/// Largest rules file read: a policy is a few kilobytes of JSON.
const MAX_POLICY_BYTES: u64 = 1024 * 1024;

/// Reads a rules file, refusing anything but a regular file of at most [`MAX_POLICY_BYTES`].
fn read_policy(path: &Path) -> Result<String, Failure> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).map_err(Failure::Io)?;
    if !metadata.is_file() {
        return Err(Failure::Message("cli-policy-not-regular", Vec::new()));
    }
    if metadata.len() > MAX_POLICY_BYTES {
        let limit = vec![("limit", MAX_POLICY_BYTES.to_string())];
        return Err(Failure::Message("cli-policy-too-large", limit));
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_POLICY_BYTES).read_to_string(&mut text))
        .map_err(Failure::Io)?;
    Ok(text)
}

impl PolicyArgs {
    /// Returns the built-in rules to use: the one named, or the one whose key column the file has.
    fn policy_name(&self, header: &[String]) -> String {
        if let Some(schema) = &self.schema {
            let slug = schema.rsplit('/').next().unwrap_or(schema);
            return slug.split('@').next().unwrap_or(slug).to_owned();
        }
        let has = |column: &str| {
            header
                .iter()
                .any(|label| label.eq_ignore_ascii_case(column))
        };
        if has("DELIB_OBJET") {
            "deliberations".to_owned()
        } else if has("nomBeneficiaire") {
            "subventions".to_owned()
        } else if has("titulaire_denominationSociale") {
            "decp-tabulaire".to_owned()
        } else if has("TITULAIRE_NOM") || has("MARCHE_ID") {
            "marches-publics".to_owned()
        } else if has("ENFANT_PRENOM") {
            "prenoms".to_owned()
        } else {
            "generic".to_owned()
        }
    }
}

fn scan(args: &ScanArgs, messages: &Messages) -> u8 {
    let Some(mut table) = open_table(&args.file, messages) else {
        return EXIT_FAILURE;
    };
    let Some(policy) = choose_policy(&args.policy, &table.header, messages) else {
        return EXIT_FAILURE;
    };
    let scanner = match Scanner::new(policy) {
        Ok(scanner) => scanner,
        Err(error) => {
            crate::print_error(
                messages,
                "cli-privacy-rules-invalid",
                &[("detail", &error.to_string())],
            );
            return EXIT_FAILURE;
        }
    };
    let header: Vec<&str> = table.header.iter().map(String::as_str).collect();
    let mut workspace = Workspace::default();
    let mut report = privacy::Report {
        policy: scanner.policy().name.clone(),
        records: 0,
        findings: Vec::new(),
    };
    let mut record = Record::new();
    let mut total_findings = 0u64;
    loop {
        match table.source.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                print_read_error(messages, &args.file.display().to_string(), &error);
                return EXIT_FAILURE;
            }
        }
        let cells: Vec<&str> = record.iter().collect();
        report.records += 1;
        let found = scanner.scan_record(&header, &cells, record.row_number, &mut workspace);
        total_findings += found.len() as u64;
        let room = MAX_FINDINGS_KEPT.saturating_sub(report.findings.len());
        report.findings.extend(found.into_iter().take(room));
    }
    match args.format {
        ScanFormat::Text => print_scan_text(&report, messages),
        ScanFormat::Json => print_scan_json(&report, messages, &args.file),
    }
    if total_findings > report.findings.len() as u64 {
        let kept = report.findings.len().to_string();
        let total = total_findings.to_string();
        eprintln!(
            "{} {}",
            messages.format("cli-warning-prefix", &[]),
            messages.format(
                "cli-privacy-findings-capped",
                &[("kept", &kept), ("total", &total)]
            )
        );
    }
    if report.findings.is_empty() { 0 } else { 1 }
}

fn render(messages: &Messages, id: &str, args: &[(&'static str, String)]) -> String {
    let borrowed = crate::borrow_args(args);
    messages.format(id, &borrowed)
}

fn print_scan_text(report: &privacy::Report, messages: &Messages) {
    let mut out = std::io::stdout().lock();
    let (id, args) = report.summary();
    let _ = writeln!(out, "{}", render(messages, id, &args));
    for finding in &report.findings {
        let _ = writeln!(
            out,
            "  - {}",
            validate::render::printable(&render(messages, finding.message_id(), &finding.args()))
        );
    }
    if let Some(hint) = messages.format_attribute("privacy-finding", "hint", &[])
        && !report.findings.is_empty()
    {
        let _ = writeln!(out, "  → {hint}");
    }
}

fn print_scan_json(report: &privacy::Report, messages: &Messages, file: &Path) {
    let (id, args) = report.summary();
    let findings: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|finding| {
            serde_json::json!({
                "rowNumber": finding.row,
                "fieldNumber": finding.field_number,
                "fieldName": finding.column,
                "kind": finding.kind.code(),
                "category": finding.category.code(),
                "confidence": finding.confidence.code(),
                "score": finding.score,
                "rule": finding.rule,
                "excerpt": finding.excerpt,
                "message": render(messages, finding.message_id(), &finding.args()),
            })
        })
        .collect();
    let body = serde_json::json!({
        "file": file.display().to_string(),
        "policy": report.policy,
        "records": report.records,
        "requiresConfirmation": report.requires_confirmation(),
        "summary": render(messages, id, &args),
        "findings": findings,
    });
    crate::outln!("{body}");
}

fn redact(args: &RedactArgs, messages: &Messages) -> u8 {
    if !crate::check_output(messages, &args.file, &args.output)
        || !crate::check_output(messages, &args.file, &sidecar_path(&args.output))
    {
        return EXIT_FAILURE;
    }
    let Some(mut table) = open_table(&args.file, messages) else {
        return EXIT_FAILURE;
    };
    let Some(policy) = choose_policy(&args.policy, &table.header, messages) else {
        return EXIT_FAILURE;
    };
    let replacement = if args.pseudonym {
        match std::env::var("SOCLE_PSEUDONYM_KEY") {
            Ok(key) if key.len() >= 16 => Replacement::Pseudonym {
                key: key.into_bytes(),
            },
            _ => {
                crate::print_error(messages, "cli-privacy-key-missing", &[]);
                return EXIT_FAILURE;
            }
        }
    } else {
        Replacement::Placeholder
    };
    let scanner = match Scanner::new(policy) {
        Ok(scanner) => scanner,
        Err(error) => {
            crate::print_error(
                messages,
                "cli-privacy-rules-invalid",
                &[("detail", &error.to_string())],
            );
            return EXIT_FAILURE;
        }
    };
    match write_redacted(&mut table, &scanner, &replacement, args) {
        Ok((records, redacted)) => {
            let records = records.to_string();
            let redacted = redacted.to_string();
            let file = args.output.display().to_string();
            crate::outln!(
                "{}",
                messages.format(
                    "cli-privacy-redacted",
                    &[("records", &records), ("spans", &redacted), ("file", &file)]
                )
            );
            0
        }
        Err(error) => {
            let file = args.output.display().to_string();
            // A read error of the input has its own message; anything else is a write.
            if let Some(read_error) = error.downcast_ref::<validate::read::ReadError>() {
                print_read_error(messages, &args.file.display().to_string(), read_error);
                return EXIT_FAILURE;
            }
            let detail = match crate::failure::io_source(error.as_ref()) {
                Some(io_error) => crate::failure::io_detail(messages, io_error),
                None => format!("{error:#}"),
            };
            crate::print_error(
                messages,
                "cli-file-create-failed",
                &[("file", &file), ("detail", &detail)],
            );
            EXIT_FAILURE
        }
    }
}

/// Writes the redacted CSV and its redaction record through temporary files renamed at
/// the end, so that an interrupted run leaves no partial output.
fn write_redacted(
    table: &mut Table,
    scanner: &Scanner,
    replacement: &Replacement,
    args: &RedactArgs,
) -> anyhow::Result<(u64, usize)> {
    let temporary = partial_path(&args.output);
    // Flexible: a record with more fields than the header (an unquoted comma) is written
    // with all its fields, as it was read.
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_path(&temporary)?;
    writer.write_record(&table.header)?;
    let header: Vec<&str> = table.header.iter().map(String::as_str).collect();
    let mut workspace = Workspace::default();
    let mut record = Record::new();
    let mut entries = Vec::new();
    let mut records = 0;
    while table.source.read_record(&mut record)? {
        let cells: Vec<&str> = record.iter().collect();
        let (redacted, record_entries) = scanner.redact_record(
            &header,
            &cells,
            record.row_number,
            replacement,
            &mut workspace,
        );
        writer.write_record(&redacted)?;
        entries.extend(record_entries);
        records += 1;
    }
    writer.flush()?;
    drop(writer);

    let actor = args
        .actor
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "inconnu".to_owned());
    let at = jiff::Timestamp::now().to_string();
    let spans = entries.len();
    let redaction = privacy::RedactionRecord {
        actor,
        at,
        engine_version: privacy::ENGINE_VERSION,
        policy: scanner.policy().clone(),
        replacement: replacement.code(),
        entries,
    };
    let record_path = sidecar_path(&args.output);
    let record_temporary = partial_path(&record_path);
    std::fs::write(&record_temporary, serde_json::to_vec_pretty(&redaction)?)?;
    std::fs::rename(&temporary, &args.output)?;
    std::fs::rename(&record_temporary, &record_path)?;
    Ok((records, spans))
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|name| name.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

fn sidecar_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|name| name.to_os_string())
        .unwrap_or_default();
    name.push(".redaction.json");
    path.with_file_name(name)
}
