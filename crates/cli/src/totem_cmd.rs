//! `socle totem convert IN.xml -o OUT.csv [--plans DIR] [--siret SIRET]`.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use i18n::Messages;

use crate::EXIT_FAILURE;

#[derive(Subcommand, Debug)]
pub enum TotemCommand {
    /// Convert a TOTEM budget file (DocumentBudgetaire XML) into the SCDL budget CSV.
    Convert(ConvertArgs),
}

#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// TOTEM XML file (budget primitif, supplémentaire, décision modificative, compte administratif or compte financier unique).
    pub input: PathBuf,

    /// CSV file to write (SCDL budget schema).
    #[arg(short, long)]
    pub output: PathBuf,

    /// Folder of the plans de comptes (`YEAR/NORME/DECLINAISON/planDeCompte.xml`). Also read from SOCLE_TOTEM_PLANS.
    #[arg(long, env = "SOCLE_TOTEM_PLANS")]
    pub plans: Option<PathBuf>,

    /// SIRET to write in BGT_SIRET instead of the one of the file.
    #[arg(long)]
    pub siret: Option<String>,
}

pub fn run(command: &TotemCommand, messages: &Messages) -> u8 {
    match command {
        TotemCommand::Convert(args) => convert(args, messages),
    }
}

fn print_totem_error(messages: &Messages, error: &totem::TotemError) {
    let args = error.args();
    let borrowed = crate::borrow_args(&args);
    crate::print_error(messages, error.code(), &borrowed);
}

fn convert(args: &ConvertArgs, messages: &Messages) -> u8 {
    if !crate::check_output(messages, &args.input, &args.output) {
        return EXIT_FAILURE;
    }
    let plans = match &args.plans {
        Some(dir) => match totem::Plans::load_dir(dir) {
            Ok(plans) => plans,
            Err(error) => {
                print_totem_error(messages, &error);
                return EXIT_FAILURE;
            }
        },
        None => {
            eprintln!(
                "{} {}",
                messages.format("cli-warning-prefix", &[]),
                messages.format("cli-totem-no-plans", &[])
            );
            totem::Plans::empty()
        }
    };
    let input = match File::open(&args.input) {
        Ok(file) => BufReader::new(file),
        Err(error) => {
            let path = args.input.display().to_string();
            crate::print_error(
                messages,
                "cli-file-open-failed",
                &[("file", &path), ("detail", &error.to_string())],
            );
            return EXIT_FAILURE;
        }
    };

    // Rows go to a temporary file beside the output, renamed once the conversion succeeds,
    // so a failed conversion never leaves a truncated CSV under the requested name.
    let temporary = temporary_path(&args.output);
    let output = match File::create(&temporary) {
        Ok(file) => BufWriter::new(file),
        Err(error) => {
            let path = args.output.display().to_string();
            crate::print_error(
                messages,
                "cli-file-create-failed",
                &[("file", &path), ("detail", &error.to_string())],
            );
            return EXIT_FAILURE;
        }
    };
    let options = totem::ConvertOptions {
        siret_override: args.siret.clone(),
        ..totem::ConvertOptions::default()
    };
    let conversion = match totem::convert(input, output, &plans, &options) {
        Ok(conversion) => conversion,
        Err(error) => {
            let _ = std::fs::remove_file(&temporary);
            print_totem_error(messages, &error);
            return EXIT_FAILURE;
        }
    };
    if let Err(error) = std::fs::rename(&temporary, &args.output) {
        let _ = std::fs::remove_file(&temporary);
        let path = args.output.display().to_string();
        crate::print_error(
            messages,
            "cli-file-create-failed",
            &[("file", &path), ("detail", &error.to_string())],
        );
        return EXIT_FAILURE;
    }

    let mut out = std::io::stdout().lock();
    for budget in &conversion.summary.budgets {
        for (id, message_args) in budget.messages() {
            let borrowed = crate::borrow_args(&message_args);
            let _ = writeln!(out, "{}", messages.format(id, &borrowed));
        }
    }
    for notice in &conversion.warnings {
        let borrowed = crate::borrow_args(&notice.args);
        let _ = writeln!(
            out,
            "{} {}",
            messages.format("cli-warning-prefix", &[]),
            messages.format(notice.code, &borrowed)
        );
    }
    for notice in &conversion.personal_data {
        let notice_args = notice.args();
        let borrowed = crate::borrow_args(&notice_args);
        let _ = writeln!(
            out,
            "{} {}",
            messages.format("cli-warning-prefix", &[]),
            messages.format(notice.kind.message_id(), &borrowed)
        );
    }
    let rows = conversion.rows.to_string();
    let file = args.output.display().to_string();
    let _ = writeln!(
        out,
        "{}",
        messages.format("cli-totem-written", &[("rows", &rows), ("file", &file)])
    );
    0
}

fn temporary_path(output: &Path) -> PathBuf {
    let mut name = output
        .file_name()
        .map(|name| name.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    output.with_file_name(name)
}
