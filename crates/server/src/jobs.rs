//! Background validation of uploaded resources, followed by their personal-data scan.
//!
//! Validation reads the whole file, so it runs on tokio's blocking pool and never holds an
//! async worker. The resource moves from `pending` to `running` to `valid`, `invalid` or
//! `failed`; the report page refreshes itself until it is done. Resources left `pending` or
//! `running` by a stopped server are validated again on start.
//!
//! While a validation runs, the engine's progress is registered under the resource id in
//! [`crate::progress`], so the report page shows the share of the file read.

use catalog::{Resource, ResourceSource, ResourceStore, ValidationStatus};
use serde_json::Value;

use crate::report::StoredReport;
use crate::state::AppState;

/// Starts validating a resource in the background.
pub fn spawn_validation(state: AppState, resource: Resource) {
    tokio::spawn(async move {
        let resource_id = resource.id;
        if let Err(error) = validate_resource(&state, resource).await {
            tracing::error!(resource.id = %resource_id, %error, "validation failed");
            let _ = state
                .store()
                .set_validation(resource_id, ValidationStatus::Failed, None)
                .await;
        }
    });
}

/// Restarts the validations a previous run left unfinished.
pub async fn resume_validations(state: &AppState) -> Result<usize, catalog::Error> {
    let unfinished = state.store().unfinished_validations().await?;
    let count = unfinished.len();
    for resource in unfinished {
        spawn_validation(state.clone(), resource);
    }
    Ok(count)
}

async fn validate_resource(state: &AppState, resource: Resource) -> Result<(), String> {
    let ResourceSource::File { storage_key, .. } = &resource.source else {
        return Ok(());
    };
    let path = state
        .files()
        .path(storage_key)
        .ok_or_else(|| format!("invalid storage key {storage_key}"))?;
    let schema_slug = resource.schema_slug.clone();
    let policies = state.config().privacy_policies.clone();
    state
        .store()
        .set_validation(resource.id, ValidationStatus::Running, None)
        .await
        .map_err(|error| error.to_string())?;

    let started = std::time::Instant::now();
    let resource_id = resource.id;
    let (progress, _registered) = state.progress().start(resource_id);
    let stored = tokio::task::spawn_blocking(move || {
        let mut stored = run_engine_with_progress(&path, schema_slug.as_deref(), Some(progress))?;
        if stored.read_error.is_none() {
            stored.privacy = scan_privacy(
                resource_id,
                &path,
                schema_slug.as_deref(),
                policies.as_deref(),
            );
        }
        Ok::<_, String>(stored)
    })
    .await
    .map_err(|error| error.to_string())??;
    let status = match (&stored.read_error, stored.valid) {
        (Some(_), _) => ValidationStatus::Failed,
        (None, true) => ValidationStatus::Valid,
        (None, false) => ValidationStatus::Invalid,
    };
    let json: Value = serde_json::to_value(&stored).map_err(|error| error.to_string())?;
    crate::publication_hold::release_if_cleared(state, resource.id, status, Some(&stored))
        .await
        .map_err(|error| error.to_string())?;
    state
        .store()
        .set_validation(resource.id, status, Some(&json))
        .await
        .map_err(|error| error.to_string())?;
    tracing::info!(
        resource.id = %resource.id,
        status = status.code(),
        rows = stored.rows,
        privacy_findings = stored.privacy.as_ref().map_or(0, |privacy| privacy.total_findings),
        duration_ms = started.elapsed().as_millis() as u64,
        "validation finished"
    );
    Ok(())
}

/// Runs the personal-data scan. A failure is logged and leaves the report without a scan.
pub fn scan_privacy(
    resource_id: uuid::Uuid,
    path: &std::path::Path,
    schema_slug: Option<&str>,
    policies: Option<&std::path::Path>,
) -> Option<crate::privacy_scan::StoredPrivacy> {
    match crate::privacy_scan::scan_file(path, schema_slug, policies) {
        Ok(privacy) => Some(privacy),
        Err(error) => {
            tracing::error!(resource.id = %resource_id, %error, "privacy scan failed");
            None
        }
    }
}

/// Validates a file against a bundled schema (or without schema: structure only).
pub fn run_engine(
    path: &std::path::Path,
    schema_slug: Option<&str>,
) -> Result<StoredReport, String> {
    run_engine_with_progress(path, schema_slug, None)
}

/// Returns how far a gzip upload of `stored_bytes` may expand, below the engine's own
/// `limit`. CSV files typically compress five to ten times (an estimate), so 64 times the
/// stored size, and 256 MiB at least, leaves room while a small bomb cannot keep a worker
/// busy with gigabytes of zeros.
fn decompression_cap(stored_bytes: u64, limit: u64) -> u64 {
    limit.min(stored_bytes.saturating_mul(64).max(256 * 1024 * 1024))
}

/// Like [`run_engine`], advancing `progress` as the file is read.
pub fn run_engine_with_progress(
    path: &std::path::Path,
    schema_slug: Option<&str>,
    progress: Option<std::sync::Arc<validate::Progress>>,
) -> Result<StoredReport, String> {
    let resolved = match schema_slug {
        Some(slug) => {
            let entry = scdl::find(slug)
                .map_err(|error| error.to_string())?
                .ok_or_else(|| format!("unknown schema {slug}"))?;
            let (schema, _problems) = entry.load().map_err(|error| error.to_string())?;
            let compiled = schema.compile().map_err(|error| error.to_string())?;
            let summary = validate::SchemaSummary {
                reference: entry.name.clone(),
                title: Some(entry.title.clone()),
                version: Some(entry.version.clone()),
            };
            Some((compiled, summary))
        }
        None => None,
    };
    let mut options = validate::Options {
        threads: 1,
        progress,
        ..validate::Options::default()
    };
    let stored_bytes = std::fs::metadata(path).map_or(0, |metadata| metadata.len());
    options.read.max_decompressed_bytes =
        decompression_cap(stored_bytes, options.read.max_decompressed_bytes);
    let outcome = match &resolved {
        Some((compiled, summary)) => {
            validate::validate_path(path, Some(compiled), Some(summary.clone()), &options)
        }
        None => validate::validate_path(path, None, None, &options),
    };
    Ok(match outcome {
        Ok(mut report) => {
            // Schemas here come from the bundled registry, which agents cannot edit.
            report.drop_schema_deprecations();
            StoredReport::from_report(&report)
        }
        Err(error) => StoredReport::from_read_error(&error),
    })
}

#[cfg(test)]
mod tests {
    use super::decompression_cap;

    #[test]
    fn gzip_expansion_capped_by_stored_size() {
        let engine_limit = 4 * 1024 * 1024 * 1024;
        let mib = 1024 * 1024;
        assert_eq!(decompression_cap(2 * mib, engine_limit), 256 * mib);
        assert_eq!(decompression_cap(10 * mib, engine_limit), 640 * mib);
        assert_eq!(decompression_cap(200 * mib, engine_limit), engine_limit);
    }
}
