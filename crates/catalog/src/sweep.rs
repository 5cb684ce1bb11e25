//! Removal of stored files that no row of the catalogue references.
//!
//! A file is removed only when it is older than a safety age and no storage-key column
//! (see [`crate::SqliteStore::storage_key_columns`]) contains its key. The age protects an
//! upload between its rename into the store and the commit of the row that references it,
//! and a generated file (normalised CSV, redaction record) that is written before its row.
//! Files are listed before the references are read, so a file stored during the sweep is
//! either too young or already referenced.

use std::time::{Duration, SystemTime};

use crate::files::FileStore;
use crate::{Error, SqliteStore};

/// Default safety age: a file younger than this is never removed.
pub const DEFAULT_MIN_AGE: Duration = Duration::from_secs(3600);

/// What a sweep found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Stored files examined.
    pub examined: usize,
    /// Unreferenced files kept because they are younger than the safety age.
    pub too_young: usize,
    /// Keys of the unreferenced old files, removed unless the sweep was a dry run.
    pub removed: Vec<String>,
    /// Total size of the removed files, in bytes.
    pub removed_bytes: u64,
    /// Keys whose removal failed, with the error.
    pub failed: Vec<(String, String)>,
}

/// Removes (or with `dry_run`, only lists) the unreferenced files older than `min_age`.
pub async fn sweep_files(
    store: &SqliteStore,
    files: &FileStore,
    min_age: Duration,
    dry_run: bool,
) -> Result<SweepReport, Error> {
    let listing_files = files.clone();
    let entries = tokio::task::spawn_blocking(move || listing_files.stored_files())
        .await
        .map_err(|error| Error::Io(std::io::Error::other(error.to_string())))??;
    let referenced = store.referenced_storage_keys().await?;
    let cutoff = SystemTime::now()
        .checked_sub(min_age)
        .unwrap_or(SystemTime::UNIX_EPOCH);

    let mut report = SweepReport {
        examined: entries.len(),
        ..SweepReport::default()
    };
    for entry in entries {
        if referenced.contains(&entry.key) {
            continue;
        }
        if entry.modified > cutoff {
            report.too_young += 1;
            continue;
        }
        if !dry_run && let Err(error) = files.remove(&entry.key).await {
            report.failed.push((entry.key, error.to_string()));
            continue;
        }
        report.removed_bytes += entry.size;
        report.removed.push(entry.key);
    }
    Ok(report)
}
