//! `socle harvest run SOURCE`: runs one harvest job of a platform's source from the
//! command line, in the data folder given by `--data`, and prints its outcome counts.
//!
//! Exit status: 0 when the job finished (some records may still be skipped), 1 when it
//! failed, 2 when it could not start (unknown source, unreadable configuration).

use std::path::PathBuf;

use catalog::harvest::JobStatus;
use clap::Args;
use i18n::Messages;
use server::harvest_jobs::SourceRun;

use crate::{EXIT_FAILURE, outln, print_error};

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Id of the harvest source, as shown in its page address (/moissonnage/sources/ID).
    source: String,
    /// Folder of the platform's database.
    #[arg(long, default_value = "./socle-data", env = "SOCLE_DATA")]
    data: PathBuf,
}

/// Runs `socle harvest run` and returns the exit status.
pub fn run(args: &RunArgs, messages: &Messages) -> u8 {
    let Ok(source_id) = uuid::Uuid::parse_str(args.source.trim()) else {
        print_error(
            messages,
            "harvest-run-source-not-found",
            &[("id", &args.source)],
        );
        return EXIT_FAILURE;
    };
    // A mistyped folder must not become a new, empty platform.
    if !args.data.join("catalog.db").is_file() {
        let data = args.data.display().to_string();
        print_error(messages, "cli-admin-no-database", &[("data", &data)]);
        return EXIT_FAILURE;
    }
    let config = match server::Config::load(&args.data, &|name| std::env::var(name).ok()) {
        Ok(config) => config,
        Err(error) => {
            crate::serve_cmd::print_config_error(messages, &error);
            return EXIT_FAILURE;
        }
    };
    let job = match server::harvest_jobs::run_source_blocking(config, source_id) {
        Ok(SourceRun::Finished(job)) => job,
        Ok(SourceRun::NotFound) => {
            print_error(
                messages,
                "harvest-run-source-not-found",
                &[("id", &args.source)],
            );
            return EXIT_FAILURE;
        }
        Ok(SourceRun::Inactive) => {
            print_error(messages, "harvest-run-inactive", &[("id", &args.source)]);
            return EXIT_FAILURE;
        }
        Ok(SourceRun::AlreadyRunning(job)) => {
            let job = job.to_string();
            print_error(
                messages,
                "harvest-run-already-running",
                &[("id", &args.source), ("job", &job)],
            );
            return EXIT_FAILURE;
        }
        Err(error) => {
            let detail = crate::failure::describe_error(messages, &error);
            print_error(messages, "harvest-run-not-started", &[("error", &detail)]);
            return EXIT_FAILURE;
        }
    };

    let counts = job.counts;
    let numbers = [
        ("created", counts.created.to_string()),
        ("updated", counts.updated.to_string()),
        ("unchanged", counts.unchanged.to_string()),
        ("archived", counts.archived.to_string()),
        ("skipped", counts.skipped.to_string()),
        ("failed", counts.failed.to_string()),
    ];
    let reason = job.error.as_ref().map(|reason| {
        let args: Vec<(&str, &str)> = reason
            .args
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        messages.format(&reason.code, &args)
    });
    if job.status == JobStatus::Failed {
        let reason = reason.unwrap_or_default();
        print_error(messages, "harvest-run-failed", &[("reason", &reason)]);
        outln!("{}", messages.format_owned("harvest-run-counts", &numbers));
        outln!("{}", report_line(messages, &job));
        return 1;
    }
    outln!("{}", messages.format("harvest-run-done", &[]));
    outln!("{}", messages.format_owned("harvest-run-counts", &numbers));
    if !job.listing_complete {
        outln!("{}", messages.format("harvest-run-incomplete", &[]));
        if let Some(reason) = reason {
            outln!("{reason}");
        }
    }
    outln!("{}", report_line(messages, &job));
    0
}

/// Points to the job's page, which lists every record and every unreadable page.
fn report_line(messages: &Messages, job: &catalog::harvest::HarvestJob) -> String {
    messages.format_owned(
        "harvest-run-report",
        &[
            ("source", job.source_id.to_string()),
            ("job", job.id.to_string()),
        ],
    )
}
