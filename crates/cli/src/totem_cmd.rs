//! `socle totem convert IN.xml -o OUT.csv [--plans DIR] [--siret SIRET]`.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use i18n::Messages;

use crate::EXIT_FAILURE;
use crate::failure::{Failure, io_detail};

#[derive(Subcommand, Debug)]
pub enum TotemCommand {
    /// Convert a TOTEM budget file (DocumentBudgetaire XML) into the SCDL budget CSV.
    Convert(ConvertArgs),
    /// Manage the plans de comptes used for labels and chapters.
    #[command(subcommand)]
    Plans(PlansCommand),
}

#[derive(Subcommand, Debug)]
pub enum PlansCommand {
    /// Download a plan de comptes from its official site into the plans folder.
    Fetch(FetchArgs),
}

#[derive(Args, Debug)]
pub struct FetchArgs {
    /// Budget year (exercice), e.g. 2024.
    #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(u16).range(2000..=2100))]
    pub year: u16,
    /// Nomenclature (norme), e.g. M57, M14, M4.
    #[arg(long)]
    pub norme: String,
    /// Variant (déclinaison), e.g. M57_P, M14_COM_SUP3500; defaults to the nomenclature.
    #[arg(long)]
    pub declinaison: Option<String>,
    /// Plans folder to write into (YEAR/NORME/DECLINAISON/planDeCompte.xml). Also read from SOCLE_TOTEM_PLANS.
    #[arg(long, env = "SOCLE_TOTEM_PLANS")]
    pub plans: PathBuf,
    /// Site the plans are downloaded from. Also read from SOCLE_TOTEM_PLANS_URL.
    #[arg(long, env = "SOCLE_TOTEM_PLANS_URL", default_value = OFFICIAL_PLANS_URL)]
    pub base_url: String,
}

/// Base URL of the DGFiP site that publishes the plans de comptes of the TOTEM nomenclatures, one file per
/// year, nomenclature and variant: `{base}/{year}/{norme}/{declinaison}/planDeCompte.xml`.
const OFFICIAL_PLANS_URL: &str = "http://odm-budgetaire.org/composants/normes";

/// Largest plan de comptes downloaded; the real ones weigh a few hundred kilobytes.
const MAX_PLAN_BYTES: u64 = 32 * 1024 * 1024;

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
        TotemCommand::Plans(PlansCommand::Fetch(args)) => fetch_plan(args, messages),
    }
}

/// Downloads one plan de comptes, checks that it parses as a plan, and writes it into the
/// plans folder through a temporary file, so a failed download never replaces a good plan.
fn fetch_plan(args: &FetchArgs, messages: &Messages) -> u8 {
    use std::io::Read;
    let norme = args.norme.trim().to_uppercase();
    let declinaison = args
        .declinaison
        .as_deref()
        .map_or_else(|| norme.clone(), |d| d.trim().to_uppercase());
    let safe = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    if !safe(&norme) || !safe(&declinaison) {
        crate::print_error(
            messages,
            "cli-totem-plan-name-invalid",
            &[("norme", &norme), ("declinaison", &declinaison)],
        );
        return EXIT_FAILURE;
    }
    let url = format!(
        "{}/{}/{norme}/{declinaison}/planDeCompte.xml",
        args.base_url.trim_end_matches('/'),
        args.year
    );
    let failed = |detail: Failure| {
        let detail = detail.describe(messages);
        crate::print_error(
            messages,
            "cli-totem-plan-download",
            &[("url", &url), ("detail", &detail)],
        );
        EXIT_FAILURE
    };
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(60)))
        .max_redirects(5)
        .build()
        .new_agent();
    let response = match agent.get(&url).call() {
        Ok(response) => response,
        Err(error) => return failed(Failure::Http(error)),
    };
    let mut bytes = Vec::new();
    let read = response
        .into_body()
        .into_reader()
        .take(MAX_PLAN_BYTES + 1)
        .read_to_end(&mut bytes);
    if let Err(error) = read {
        return failed(Failure::Io(error));
    }
    if bytes.len() as u64 > MAX_PLAN_BYTES {
        let limit = vec![("limit", MAX_PLAN_BYTES.to_string())];
        return failed(Failure::Message("cli-totem-plan-too-large", limit));
    }
    match totem::Plan::parse(bytes.as_slice()) {
        Ok(plan) if !plan.accounts.is_empty() => {}
        // A page that parses as XML but lists no account (an error page, a maintenance
        // notice) must not replace a plan.
        Ok(_) => return failed(Failure::Message("cli-totem-plan-empty", Vec::new())),
        Err(error) => {
            print_totem_error(messages, &error);
            return EXIT_FAILURE;
        }
    }

    let folder = args
        .plans
        .join(args.year.to_string())
        .join(&norme)
        .join(&declinaison);
    let target = folder.join("planDeCompte.xml");
    let written = std::fs::create_dir_all(&folder)
        .and_then(|()| std::fs::write(temporary_path(&target), &bytes))
        .and_then(|()| std::fs::rename(temporary_path(&target), &target));
    if let Err(error) = written {
        let file = target.display().to_string();
        crate::print_error(
            messages,
            "cli-file-create-failed",
            &[("file", &file), ("detail", &io_detail(messages, &error))],
        );
        return EXIT_FAILURE;
    }
    let file = target.display().to_string();
    crate::outln!(
        "{}",
        messages.format("cli-totem-plan-written", &[("file", &file)])
    );
    0
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
        Some(dir) => match check_plans_dir(dir) {
            Err(error) => {
                let path = dir.display().to_string();
                crate::print_error(
                    messages,
                    "cli-totem-plans-dir-missing",
                    &[("path", &path), ("detail", &io_detail(messages, &error))],
                );
                return EXIT_FAILURE;
            }
            Ok(()) => match totem::Plans::load_dir(dir) {
                Ok(plans) => plans,
                Err(error) => {
                    print_totem_error(messages, &error);
                    return EXIT_FAILURE;
                }
            },
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
                &[("file", &path), ("detail", &io_detail(messages, &error))],
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
                &[("file", &path), ("detail", &io_detail(messages, &error))],
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
            &[("file", &path), ("detail", &io_detail(messages, &error))],
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

/// Checks that the plans folder exists and can be listed, so that its absence is reported
/// in the catalogue's words rather than by the operating system's English text.
fn check_plans_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::read_dir(dir).map(drop)
}

fn temporary_path(output: &Path) -> PathBuf {
    let mut name = output
        .file_name()
        .map(|name| name.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    output.with_file_name(name)
}
