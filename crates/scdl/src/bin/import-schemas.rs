//! Writes the bundled registry from official schema descriptors.
//!
//! Usage: `cargo run -p scdl --bin import-schemas -- SCHEMAS_DIR`, where SCHEMAS_DIR holds
//! one folder per schema (`deliberations/schema.json`, older versions in `vX.Y.Z/`) and
//! `_catalogue/schemas.json`, the schema.data.gouv.fr catalogue. Each descriptor is read
//! with socle's Table Schema model and written back in socle's registry layout under
//! `crates/scdl/registry/`, with `src/bundled.rs` listing the files. Run it again when a
//! schema is updated; the registry test then compares the result with the descriptors.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tableschema::Schema;

/// Folder of each bundled schema, its registry name and the version the registry lists.
/// The registry version wins over the one written in the file, which sometimes lags.
const SOURCES: &[(&str, &str, &str)] = &[
    ("bal", "etalab/schema-bal", "1.5.0"),
    ("budget", "scdl/budget", "0.8.3"),
    ("catalogue", "scdl/catalogue", "0.1.3"),
    ("dae", "atlasante/schema-dae", "1.0.7"),
    ("dae/v1.0.0", "atlasante/schema-dae", "1.0.0"),
    ("decp-dpa", "etalab/schema-decp-dpa", "1.0.0"),
    ("decp-tabulaire", "ColinMaudry/decp-table-schema", "2.0.0"),
    ("deliberations", "scdl/deliberations", "2.1.5"),
    ("dispositif-aide", "etalab/dispositif-aide", "0.2.0"),
    (
        "dispositif-aide-professionnels",
        "etalab/dispositif-aide-professionnels",
        "0.2.0",
    ),
    ("equipements", "scdl/equipements", "0.1.5"),
    ("irve-dynamique", "etalab/schema-irve-dynamique", "2.3.1"),
    ("irve-statique", "etalab/schema-irve-statique", "2.3.1"),
    (
        "lieux-covoiturage",
        "etalab/schema-lieux-covoiturage",
        "0.3.1",
    ),
    (
        "lieux-covoiturage/v0.2.0",
        "etalab/schema-lieux-covoiturage",
        "0.2.0",
    ),
    ("marches-publics", "scdl/marches-publics", "1.0.0"),
    (
        "mediation-numerique",
        "LaMednum/standard-mediation-num",
        "1.0.1",
    ),
    ("menus-collectifs", "scdl/menus-collectifs", "1.2.3"),
    ("pei", "datakode/schema-pei", "1.0.1"),
    (
        "plats-menus-collectifs",
        "scdl/plats-menus-collectifs",
        "0.7.2",
    ),
    ("prenoms", "scdl/prenoms", "1.1.6"),
    ("stationnement", "etalab/schema-stationnement", "0.1.5"),
    (
        "stationnement-cyclable",
        "etalab/schema-stationnement-cyclable",
        "1.1.1",
    ),
    ("subventions", "scdl/subventions", "2.1.1"),
];

fn main() {
    let Some(source_dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: import-schemas SCHEMAS_DIR");
        std::process::exit(2);
    };
    if let Err(message) = run(&source_dir) {
        eprintln!("import-schemas: {message}");
        std::process::exit(1);
    }
}

fn run(source_dir: &Path) -> Result<(), String> {
    let catalogue = read_json(&source_dir.join("_catalogue/schemas.json"))?;
    let catalogue_entries: BTreeMap<String, Value> = catalogue["schemas"]
        .as_array()
        .ok_or("catalogue has no 'schemas' array")?
        .iter()
        .filter_map(|entry| Some((entry["name"].as_str()?.to_owned(), entry.clone())))
        .collect();
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let registry_dir = crate_dir.join("registry");
    std::fs::create_dir_all(&registry_dir)
        .map_err(|error| format!("creating {}: {error}", registry_dir.display()))?;

    let mut files = Vec::new();
    for (folder, name, version) in SOURCES {
        let descriptor_path = source_dir.join(folder).join("schema.json");
        let descriptor = read_json(&descriptor_path)?;
        let (schema, _warnings) = Schema::from_json_value(&descriptor)
            .map_err(|error| format!("{}: {error}", descriptor_path.display()))?;
        let slug = folder.split('/').next().unwrap_or(folder);
        let latest = !folder.contains('/');
        let listed = catalogue_entries.get(*name);
        let entry = json!({
            "name": name,
            "slug": slug,
            "version": version,
            "title": listed.and_then(|e| e["title"].as_str()).or(schema.title.as_deref()).unwrap_or(slug),
            "description": listed.and_then(|e| e["description"].as_str()),
            "labels": listed.map(|e| e["labels"].clone()).unwrap_or_else(|| json!([])),
            "schemaUrl": schema_url(listed, name, version, &descriptor),
            "latest": latest,
            "schema": schema.to_json_value(),
        });
        let file_name = if latest {
            format!("{slug}.json")
        } else {
            format!("{slug}@{version}.json")
        };
        let text = serde_json::to_string_pretty(&entry).map_err(|error| error.to_string())? + "\n";
        std::fs::write(registry_dir.join(&file_name), text)
            .map_err(|error| format!("writing {file_name}: {error}"))?;
        files.push(file_name);
    }
    write_index(crate_dir, &files)
}

/// Picks the canonical URL of a version: the catalogue's own URL for that version, the
/// descriptor's `path` when the catalogue lacks it, nothing otherwise.
fn schema_url(listed: Option<&Value>, name: &str, version: &str, descriptor: &Value) -> Value {
    let from_catalogue = listed.and_then(|entry| {
        entry["versions"]
            .as_array()?
            .iter()
            .find(|v| v["version_name"].as_str() == Some(version))?["schema_url"]
            .as_str()
            .map(str::to_owned)
    });
    if let Some(url) = from_catalogue {
        return json!(url);
    }
    if listed.is_some() {
        // Versions older than the catalogue's list keep the registry's URL layout.
        return json!(format!(
            "https://schema.data.gouv.fr/schemas/{name}/{version}/schema.json"
        ));
    }
    descriptor
        .get("path")
        .filter(|path| path.as_str().is_some_and(|p| p.starts_with("https://")))
        .cloned()
        .unwrap_or(Value::Null)
}

fn write_index(crate_dir: &Path, files: &[String]) -> Result<(), String> {
    let mut index = String::from(
        "//! The registry files compiled into the binary; written by the `import-schemas` tool.\n\n\
         pub(crate) const FILES: &[(&str, &str)] = &[\n",
    );
    for file in files {
        let _ = writeln!(
            index,
            "    ({file:?}, include_str!(\"../registry/{file}\")),"
        );
    }
    index.push_str("];\n");
    let path = crate_dir.join("src/bundled.rs");
    std::fs::write(&path, index).map_err(|error| format!("writing {}: {error}", path.display()))
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text =
        std::fs::read(path).map_err(|error| format!("reading {}: {error}", path.display()))?;
    serde_json::from_slice(&text).map_err(|error| format!("parsing {}: {error}", path.display()))
}
