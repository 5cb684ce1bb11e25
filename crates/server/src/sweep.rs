//! Sweeping unreferenced stored files: the periodic task of the running server and the
//! entry point of `socle admin sweep-files`.
//!
//! Both call [`catalog::sweep::sweep_files`], which keeps every file that a storage-key
//! column references or that is younger than the safety age.

use std::path::Path;
use std::time::Duration;

use catalog::SqliteStore;
use catalog::files::FileStore;
use catalog::sweep::{DEFAULT_MIN_AGE, SweepReport, sweep_files};

use crate::state::AppState;

/// Delay between the server's start and its first sweep, so a start is not slowed down.
const FIRST_SWEEP_AFTER: Duration = Duration::from_secs(10 * 60);
/// Interval between two sweeps of the running server.
const SWEEP_INTERVAL: Duration = Duration::from_secs(6 * 3600);

/// Starts the periodic sweep of the running server. Each run is logged; a failed run is
/// logged and retried at the next interval.
pub fn spawn_periodic(state: AppState) {
    tokio::spawn(async move {
        tokio::time::sleep(FIRST_SWEEP_AFTER).await;
        let mut interval = tokio::time::interval(SWEEP_INTERVAL);
        loop {
            interval.tick().await;
            match sweep_files(state.store(), state.files(), DEFAULT_MIN_AGE, false).await {
                Ok(report) => log_report(&report),
                Err(error) => tracing::error!(%error, "file sweep failed"),
            }
        }
    });
}

fn log_report(report: &SweepReport) {
    for (key, error) in &report.failed {
        tracing::error!(file.key = %key, %error, "removing an unreferenced file failed");
    }
    tracing::info!(
        examined = report.examined,
        removed = report.removed.len(),
        removed_bytes = report.removed_bytes,
        too_young = report.too_young,
        "file sweep finished"
    );
}

/// Sweeps the files of a data folder that a running server may be using: temporary files
/// are left alone and the database is opened alongside the server.
pub async fn sweep_data_folder(
    data: &Path,
    min_age: Duration,
    dry_run: bool,
) -> anyhow::Result<SweepReport> {
    let database = data.join("catalog.db");
    if !database.is_file() {
        anyhow::bail!("no catalogue at {}", database.display());
    }
    let files = FileStore::attach(data)?;
    let store = SqliteStore::open(&database).await?;
    let report = sweep_files(&store, &files, min_age, dry_run).await;
    store.close().await;
    Ok(report?)
}

/// Runs [`sweep_data_folder`] on a new runtime, for callers without one.
pub fn sweep_data_folder_blocking(
    data: &Path,
    min_age: Duration,
    dry_run: bool,
) -> anyhow::Result<SweepReport> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(sweep_data_folder(data, min_age, dry_run))
}
