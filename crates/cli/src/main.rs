//! The `socle` command: a thin shell over the engines.
//!
//! Each subcommand parses its arguments, calls an engine and renders the outcome with the
//! message catalogue in the chosen language. Exit statuses are part of the contract:
//! `validate` exits 0 when the file is valid, 1 when it is not, 2 when it could not be
//! validated (unreadable file, unusable schema, bad arguments).

// mimalloc rather than the system allocator: under the server's load it spends a fraction
// of glibc's time in allocation and keeps less memory once many small cached responses
// are held (see BENCHMARKS.md, allocator section).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod clap_text;
mod failure;
mod harvest;
mod harvest_run_cmd;
mod password_cmd;
mod privacy_cmd;
mod schema_source;
mod schemas;
mod serve_cmd;
mod sweep_cmd;
mod totem_cmd;
mod validate_cmd;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use i18n::{Lang, Messages};

/// Exit status when the command could not do its job.
const EXIT_FAILURE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "socle",
    version,
    about = "Plateforme de données ouvertes des collectivités : validation, publication, moissonnage."
)]
struct Cli {
    /// Language of messages and reports: fr (default) or en. Also read from SOCLE_LANG
    /// (an unsupported value there falls back to French).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Fr,
    En,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate a CSV, TSV, XLSX, XLS or ODS file (optionally gzip-compressed) against a schema.
    Validate(validate_cmd::ValidateArgs),
    /// List or show the bundled schemas.
    #[command(subcommand)]
    Schemas(schemas::SchemasCommand),
    /// Serve the publication platform (web pages) from a data folder.
    Serve(serve_cmd::ServeArgs),
    /// Administer a platform's data folder.
    #[command(subcommand)]
    Admin(serve_cmd::AdminCommand),
    /// Find and redact personal data before publication.
    #[command(subcommand)]
    Privacy(privacy_cmd::PrivacyCommand),
    /// Convert TOTEM budget files into the SCDL budget CSV.
    #[command(subcommand)]
    Totem(totem_cmd::TotemCommand),
    /// Harvest other catalogues into the platform.
    #[command(subcommand)]
    Harvest(HarvestCommand),
}

#[derive(Subcommand, Debug)]
enum HarvestCommand {
    /// Show the first entries of a remote catalogue as they would be harvested.
    Preview(harvest::PreviewArgs),
    /// Run one harvest job of a source of the platform and print its outcome.
    Run(harvest_run_cmd::RunArgs),
}

fn main() -> ExitCode {
    let raw_args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let environment_lang = std::env::var("SOCLE_LANG").ok();
    let early_lang = clap_text::early_lang(&raw_args, environment_lang.as_deref());
    let early_messages = Messages::new(early_lang);
    let command = clap_text::localize(Cli::command(), &early_messages);
    let parsed = command
        .clone()
        .try_get_matches_from(&raw_args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => {
            let command_line = clap_text::command_line(&command, &raw_args);
            return ExitCode::from(clap_text::report(&error, &early_messages, &command_line));
        }
    };
    let lang = match cli.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Fr) => Lang::Fr,
        None => std::env::var("SOCLE_LANG")
            .ok()
            .and_then(|tag| Lang::from_tag(&tag))
            .unwrap_or_default(),
    };
    let messages = Messages::new(lang);
    let status = match cli.command {
        Command::Validate(args) => validate_cmd::run(&args, &messages),
        Command::Schemas(command) => schemas::run(&command, &messages),
        Command::Privacy(command) => privacy_cmd::run(&command, &messages),
        Command::Totem(command) => totem_cmd::run(&command, &messages),
        Command::Harvest(HarvestCommand::Run(args)) => harvest_run_cmd::run(&args, &messages),
        Command::Harvest(HarvestCommand::Preview(args)) => harvest::run_preview(&args, &messages),
        Command::Serve(args) => serve_cmd::run_serve(&args, &messages),
        Command::Admin(command) => serve_cmd::run_admin(&command, &messages),
    };
    ExitCode::from(status)
}

/// Writes to standard output, ignoring a closed pipe (`socle … | head`): the reader has
/// what it wanted, which is not an error of the command.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}
pub(crate) use outln;

/// Borrows engine message arguments (`(name, owned value)`) for the message catalogue.
fn borrow_args<'a>(args: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    args.iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect()
}

/// Checks that writing `output` (through a temporary file renamed over it) cannot destroy
/// anything: it must not be the input, and when it exists it must be a regular file, not
/// a link, a pipe or a device. Prints the error and returns `false` otherwise.
fn check_output(messages: &Messages, input: &std::path::Path, output: &std::path::Path) -> bool {
    let file = output.display().to_string();
    if let Ok(metadata) = std::fs::symlink_metadata(output) {
        if !metadata.is_file() {
            print_error(messages, "cli-output-not-regular", &[("file", &file)]);
            return false;
        }
        let same = std::fs::canonicalize(input).ok() == std::fs::canonicalize(output).ok();
        if same {
            print_error(messages, "cli-output-is-input", &[("file", &file)]);
            return false;
        }
    }
    true
}

/// Prints a user-facing error rendered from the catalogue, prefixed as the other errors are.
fn print_error(messages: &Messages, id: &str, args: &[(&str, &str)]) {
    // File names and values in messages may hold control characters: escape them.
    let message = validate::render::printable(&messages.format(id, args));
    eprintln!("{} {message}", messages.format("cli-error-prefix", &[]));
    if let Some(hint) = messages.format_attribute(id, "hint", args) {
        eprintln!("  → {hint}");
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use i18n::{Lang, Messages};

    use super::Cli;
    use crate::clap_text;

    /// Lists the catalogue ids missing for the help of `command` and its subcommands.
    fn missing_help(command: &clap::Command, messages: &Messages, path: &str) -> Vec<String> {
        let mut missing = Vec::new();
        let about = clap_text::about_id(path);
        if !messages.has(&about) {
            missing.push(about);
        }
        for arg in command.get_arguments() {
            let ids = clap_text::arg_ids(path, arg.get_id().as_str());
            if !ids.iter().any(|id| messages.has(id)) {
                missing.push(ids[0].clone());
            }
        }
        for subcommand in command.get_subcommands() {
            let child = format!("{path}-{}", subcommand.get_name());
            missing.extend(missing_help(subcommand, messages, &child));
        }
        missing
    }

    #[test]
    fn every_command_and_argument_has_help() {
        for lang in [Lang::Fr, Lang::En] {
            let messages = Messages::new(lang);
            let mut command = Cli::command();
            command.build();
            let missing = missing_help(&command, &messages, "socle");
            assert!(
                missing.is_empty(),
                "{lang:?}: missing help ids {missing:#?}"
            );
        }
    }

    #[test]
    fn early_lang_reads_flag_then_environment() {
        let args = |list: &[&str]| -> Vec<std::ffi::OsString> {
            list.iter().map(std::ffi::OsString::from).collect()
        };
        let english = clap_text::early_lang(&args(&["socle", "--lang", "en"]), None);
        assert_eq!(english, Lang::En);
        let joined = clap_text::early_lang(&args(&["socle", "x", "--lang=en"]), Some("fr"));
        assert_eq!(joined, Lang::En);
        let flag_wins = clap_text::early_lang(&args(&["socle", "--lang", "fr"]), Some("en"));
        assert_eq!(flag_wins, Lang::Fr);
        let from_environment = clap_text::early_lang(&args(&["socle"]), Some("en"));
        assert_eq!(from_environment, Lang::En);
        let after_separator = clap_text::early_lang(&args(&["socle", "--", "--lang=en"]), None);
        assert_eq!(after_separator, Lang::Fr);
    }
}
