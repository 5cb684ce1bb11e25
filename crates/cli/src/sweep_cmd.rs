//! `socle admin sweep-files` removes the stored files of a data folder that no row of the
//! catalogue references and that are older than a safety age, like the running server
//! does every few hours. It can run while the server runs.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use i18n::Messages;

use crate::failure::describe_error;
use crate::{EXIT_FAILURE, outln, print_error};

#[derive(Args, Debug)]
pub struct SweepArgs {
    /// Folder of the database and stored files.
    #[arg(long, default_value = "./socle-data", env = "SOCLE_DATA")]
    data: PathBuf,
    /// List the files that would be removed without removing them.
    #[arg(long)]
    dry_run: bool,
    /// Keep unreferenced files younger than this many minutes (uploads in progress).
    #[arg(long, default_value_t = 60, allow_negative_numbers = true, value_parser = clap::value_parser!(u64).range(1..))]
    min_age_minutes: u64,
}

/// Runs the sweep and returns the exit status: 0 when every removal succeeded.
pub fn run(args: &SweepArgs, messages: &Messages) -> u8 {
    let min_age = Duration::from_secs(args.min_age_minutes.saturating_mul(60));
    let report = match server::sweep::sweep_data_folder_blocking(&args.data, min_age, args.dry_run)
    {
        Ok(report) => report,
        Err(error) => {
            let data = args.data.display().to_string();
            print_error(
                messages,
                "platform-sweep-failed",
                &[
                    ("data", &data),
                    ("error", &describe_error(messages, &error)),
                ],
            );
            return EXIT_FAILURE;
        }
    };
    let lang = messages.lang();
    if args.dry_run {
        for key in &report.removed {
            outln!("{key}");
        }
    }
    let count = report.removed.len().to_string();
    let size = server::state::human_size(report.removed_bytes, lang);
    let id = if args.dry_run {
        "platform-sweep-dry-run"
    } else {
        "platform-sweep-done"
    };
    outln!(
        "{}",
        messages.format(id, &[("count", &count), ("size", &size)])
    );
    outln!(
        "{}",
        messages.format(
            "platform-sweep-summary",
            &[
                ("examined", &report.examined.to_string()),
                ("young", &report.too_young.to_string()),
                ("minutes", &args.min_age_minutes.to_string()),
            ],
        )
    );
    for (key, error) in &report.failed {
        print_error(
            messages,
            "platform-sweep-remove-failed",
            &[("key", key), ("error", error)],
        );
    }
    if report.failed.is_empty() {
        0
    } else {
        EXIT_FAILURE
    }
}
