//! The bundled schema registry: the SCDL schemas and the other Table Schemas of
//! schema.data.gouv.fr that collectivités publish with, usable offline by name.
//!
//! Each entry is stored under `registry/` in socle's own layout: registry metadata (name,
//! version, labels, canonical URL on schema.data.gouv.fr) around the Table Schema as
//! socle's model writes it. The files are produced by the `import-schemas` tool from the
//! official descriptors and compiled into the binary. This crate does no I/O at run time.

mod bundled;

use serde::Deserialize;
use tableschema::{Schema, SchemaError, SchemaProblem};

/// One schema version of the registry.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Registry name on schema.data.gouv.fr, `owner/repository` (`scdl/deliberations`).
    pub name: String,
    /// Short name used on the command line (`deliberations`).
    pub slug: String,
    /// Version as the registry lists it, without a leading `v`.
    pub version: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Labels of the registry, such as "Socle Commun des Données Locales".
    #[serde(default)]
    pub labels: Vec<String>,
    /// Canonical URL of this version's descriptor, used as `dct:conformsTo` and in CKAN's `schema`.
    pub schema_url: Option<String>,
    /// Whether this is the version used when none is asked for.
    #[serde(default)]
    pub latest: bool,
    /// The Table Schema descriptor.
    pub schema: serde_json::Value,
}

impl Entry {
    /// Returns whether the schema belongs to the Socle Commun des Données Locales.
    pub fn is_scdl(&self) -> bool {
        self.name.starts_with("scdl/") || self.labels.iter().any(|label| label == SCDL_LABEL)
    }

    /// Loads the entry's Table Schema, with the problems tolerated on loading.
    pub fn load(&self) -> Result<(Schema, Vec<SchemaProblem>), SchemaError> {
        Schema::from_json_value(&self.schema)
    }
}

/// The registry label of SCDL schemas.
pub const SCDL_LABEL: &str = "Socle Commun des Données Locales";

/// Problems with the bundled registry files themselves.
#[derive(Debug, thiserror::Error)]
#[error("bundled registry file {file} is invalid: {detail}")]
pub struct RegistryError {
    pub file: &'static str,
    pub detail: String,
}

/// Parses every bundled entry, in name then version order.
///
/// The files are parsed once per process; later calls clone the parsed entries.
pub fn entries() -> Result<Vec<Entry>, RegistryError> {
    static PARSED: std::sync::OnceLock<Result<Vec<Entry>, RegistryError>> =
        std::sync::OnceLock::new();
    match PARSED.get_or_init(parse_entries) {
        Ok(entries) => Ok(entries.clone()),
        Err(error) => Err(RegistryError {
            file: error.file,
            detail: error.detail.clone(),
        }),
    }
}

fn parse_entries() -> Result<Vec<Entry>, RegistryError> {
    let mut entries = Vec::with_capacity(bundled::FILES.len());
    for (file, text) in bundled::FILES {
        let entry: Entry = serde_json::from_str(text).map_err(|error| RegistryError {
            file,
            detail: error.to_string(),
        })?;
        entries.push(entry);
    }
    entries.sort_by(|a, b| {
        a.slug
            .cmp(&b.slug)
            .then_with(|| compare_versions(&b.version, &a.version))
    });
    Ok(entries)
}

/// Finds an entry by slug (`deliberations`), registry name (`scdl/deliberations`) or the
/// last part of the name (`schema-irve-statique`), optionally followed by `@version`.
/// Case does not matter. Without a version, the latest is returned.
pub fn find(reference: &str) -> Result<Option<Entry>, RegistryError> {
    let (name, version) = match reference.split_once('@') {
        Some((name, version)) => (name, Some(version.trim_start_matches('v'))),
        None => (reference, None),
    };
    let wanted = name.trim().trim_end_matches(".json").to_lowercase();
    let matches = |entry: &Entry| {
        let full = entry.name.to_lowercase();
        let tail = full.rsplit('/').next().unwrap_or(&full).to_owned();
        wanted == entry.slug.to_lowercase()
            || wanted == full
            || wanted == tail
            || wanted == format!("scdl/{}", entry.slug.to_lowercase())
    };
    let found = entries()?
        .into_iter()
        .filter(|entry| matches(entry))
        .find(|entry| match version {
            Some(version) => entry.version == version,
            None => entry.latest,
        });
    Ok(found)
}

/// Orders dotted versions numerically (`2.10.0` after `2.9.1`).
pub fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |version: &str| -> Vec<u64> {
        version
            .trim_start_matches('v')
            .split('.')
            .map(|part| part.parse().unwrap_or(0))
            .collect()
    };
    parts(a).cmp(&parts(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_files_parse_and_load() {
        let entries = entries().expect("bundled registry");
        assert!(
            entries.len() >= 22,
            "expected the bundled schemas, found {}",
            entries.len()
        );
        for entry in &entries {
            entry
                .load()
                .unwrap_or_else(|error| panic!("{} {}: {error}", entry.name, entry.version));
        }
    }

    #[test]
    fn find_by_slug_name_and_version() {
        let by_slug = find("deliberations").unwrap().expect("deliberations");
        assert_eq!(by_slug.name, "scdl/deliberations");
        assert!(find("scdl/deliberations").unwrap().is_some());
        assert!(find("SCDL/Deliberations").unwrap().is_some());
        assert_eq!(
            find("dae@1.0.0").unwrap().expect("old DAE").version,
            "1.0.0"
        );
        assert!(find("no-such-schema").unwrap().is_none());
    }

    #[test]
    fn one_latest_version_per_slug() {
        let entries = entries().unwrap();
        let mut slugs: Vec<&str> = entries
            .iter()
            .filter(|e| e.latest)
            .map(|e| e.slug.as_str())
            .collect();
        let count = slugs.len();
        slugs.dedup();
        assert_eq!(count, slugs.len());
    }

    #[test]
    fn compare_versions_numeric() {
        assert!(compare_versions("2.10.0", "2.9.1").is_gt());
        assert!(compare_versions("v1.0.0", "1.0.0").is_eq());
    }
}
