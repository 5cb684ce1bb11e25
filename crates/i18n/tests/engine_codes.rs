//! Every message id that engine code hands over has a message in both languages.
//!
//! The ids are found in the sources of the engines: schema problem codes
//! (`SchemaProblem::new("…"`), finding message ids (`Finding::error(CODE, "…")`) and
//! the kebab-case codes that readers and converters return (`=> "read-…"`).

use std::path::{Path, PathBuf};

use i18n::{Lang, Messages};
use regex::Regex;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

fn used_ids() -> Vec<(String, PathBuf)> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let patterns = [
        Regex::new(r#"SchemaProblem::new\(\s*"([a-z0-9-]+)""#).unwrap(),
        Regex::new(r#"Finding::(?:error|warning)\(\s*[^,()]+,\s*"([a-z0-9-]+)"\)"#).unwrap(),
        Regex::new(r#"=> "((?:read|totem|privacy)-[a-z0-9-]+)""#).unwrap(),
    ];
    let mut ids = Vec::new();
    for engine in ["tableschema", "validate", "totem", "privacy"] {
        let mut files = Vec::new();
        rust_files(&crates.join(engine).join("src"), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for pattern in &patterns {
                for capture in pattern.captures_iter(&text) {
                    ids.push((capture[1].to_owned(), file.clone()));
                }
            }
        }
    }
    ids
}

#[test]
fn engine_message_ids_have_messages() {
    let ids = used_ids();
    assert!(
        ids.len() > 50,
        "expected many message ids in engine sources, found {}",
        ids.len()
    );
    for lang in [Lang::Fr, Lang::En] {
        let messages = Messages::try_new(lang).expect("catalogue");
        let missing: Vec<String> = ids
            .iter()
            .filter(|(id, _)| !messages.has(id))
            .map(|(id, file)| format!("{id} ({})", file.display()))
            .collect();
        assert!(
            missing.is_empty(),
            "{lang}: ids without a message: {missing:#?}"
        );
    }
}
