//! Differential test against Validata (PyPI `validata-table` 0.12.5).
//!
//! For every file of `differential-cases.tsv`, Validata and socle validate the file against
//! the same official descriptor, and the sets of `(type, rowNumber, fieldName)` errors must
//! be equal, except the differences listed in `known-differences.tsv`, each with its reason
//! (documented in `docs/known-differences.md`).
//!
//! Validata runs through the launcher `shared/tools/validata-report` with the Python given
//! by `SOCLE_VALIDATA_PYTHON` (set by `scripts/test.sh`). Without it, or without the
//! `shared` folder, the test says so and passes, unless `SOCLE_REQUIRE_VALIDATA=1`, as in CI.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use tableschema::Schema;
use validate::{Options, Severity, validate_path};

type Key = (String, Option<u64>, Option<String>);

struct Setup {
    python: PathBuf,
    launcher: PathBuf,
    reference: PathBuf,
}

fn setup() -> Option<Setup> {
    let required = std::env::var("SOCLE_REQUIRE_VALIDATA").is_ok_and(|value| value == "1");
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let python = std::env::var_os("SOCLE_VALIDATA_PYTHON").map(PathBuf::from);
    let missing = match (&python, shared.is_dir()) {
        (_, false) => Some(format!("{} is absent", shared.display())),
        (None, _) => Some("SOCLE_VALIDATA_PYTHON is not set (scripts/test.sh sets it)".to_owned()),
        _ => None,
    };
    if let Some(reason) = missing {
        assert!(!required, "differential test required but {reason}");
        eprintln!("skipped: {reason}; socle was not compared with Validata");
        return None;
    }
    Some(Setup {
        python: python?,
        launcher: shared.join("tools/validata-report"),
        reference: shared.join("reference"),
    })
}

/// A listed difference: which side reports the error, and which error (`*` matches any).
struct KnownDifference {
    file: String,
    side: String,
    code: String,
    row: String,
    field: String,
}

impl KnownDifference {
    fn covers(&self, file: &str, side: &str, key: &Key) -> bool {
        let row = key.1.map(|row| row.to_string()).unwrap_or_default();
        let field = key.2.clone().unwrap_or_default();
        self.file == file
            && (self.side == side || self.side == "both")
            && (self.code == "*" || self.code == key.0)
            && (self.row == "*" || self.row == row)
            && (self.field == "*" || self.field == field)
    }
}

fn known_differences() -> Vec<KnownDifference> {
    include_str!("data/known-differences.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            assert!(
                columns.len() >= 6,
                "known-differences line needs 6 columns: {line}"
            );
            KnownDifference {
                file: columns[0].to_owned(),
                side: columns[1].to_owned(),
                code: columns[2].to_owned(),
                row: columns[3].to_owned(),
                field: columns[4].to_owned(),
            }
        })
        .collect()
}

/// Runs Validata; `None` when it crashed or wrote no report.
fn validata_errors(
    setup: &Setup,
    file: &Path,
    schema: &Path,
    scratch: &Path,
) -> Option<BTreeSet<Key>> {
    let output = Command::new(&setup.python)
        .arg(&setup.launcher)
        .arg(file)
        .arg(schema)
        .arg(scratch)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = std::fs::read_to_string(scratch).ok()?;
    let body: serde_json::Value = serde_json::from_str(&text).ok()?;
    let errors = body["report"]["errors"].as_array()?;
    Some(
        errors
            .iter()
            .map(|error| {
                (
                    error["type"].as_str().unwrap_or("").to_owned(),
                    error["rowNumber"].as_u64(),
                    error["fieldName"].as_str().map(str::to_owned),
                )
            })
            .collect(),
    )
}

fn socle_errors(file: &Path, schema: &Path) -> Result<BTreeSet<Key>, String> {
    let descriptor = std::fs::read(schema).map_err(|error| error.to_string())?;
    let (schema, _) =
        Schema::from_json_slice(&descriptor).map_err(|error| format!("schema: {error}"))?;
    let compiled = schema
        .compile()
        .map_err(|error| format!("schema: {error}"))?;
    let report = validate_path(file, Some(&compiled), None, &Options::default())
        .map_err(|error| error.to_string())?;
    Ok(report
        .errors
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .map(|finding| {
            (
                finding.code.to_owned(),
                finding.row_number,
                finding.field_name.clone().filter(|name| !name.is_empty()),
            )
        })
        .collect())
}

#[test]
fn findings_match_validata() {
    let Some(setup) = setup() else { return };
    let known = known_differences();
    let cases: Vec<(String, String)> = include_str!("data/differential-cases.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (file, schema) = line.split_once('\t').expect("file<TAB>schema");
            (file.to_owned(), schema.to_owned())
        })
        .collect();
    let scratch_dir =
        std::env::temp_dir().join(format!("socle-differential-{}", std::process::id()));
    std::fs::create_dir_all(&scratch_dir).expect("scratch dir");

    let failures = Mutex::new(Vec::new());
    let next = Mutex::new(0usize);
    std::thread::scope(|scope| {
        for worker in 0..2 {
            let (setup, known, cases, failures, next, scratch_dir) =
                (&setup, &known, &cases, &failures, &next, &scratch_dir);
            scope.spawn(move || {
                loop {
                    let index = {
                        let mut guard = next.lock().unwrap();
                        let index = *guard;
                        *guard += 1;
                        index
                    };
                    let Some((file, schema)) = cases.get(index) else {
                        return;
                    };
                    let scratch = scratch_dir.join(format!("report-{worker}.json"));
                    if let Some(message) = compare(setup, known, file, schema, &scratch) {
                        failures.lock().unwrap().push(message);
                    }
                }
            });
        }
    });
    let _ = std::fs::remove_dir_all(&scratch_dir);
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} file(s) differ from Validata:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Compares one file; returns a description of the unexplained differences, if any.
fn compare(
    setup: &Setup,
    known: &[KnownDifference],
    file: &str,
    schema: &str,
    scratch: &Path,
) -> Option<String> {
    let file_path = setup.reference.join(file);
    let schema_path = setup.reference.join(schema);
    let ours = match socle_errors(&file_path, &schema_path) {
        Ok(ours) => ours,
        Err(error) => return Some(format!("{file}: socle could not validate: {error}")),
    };
    let Some(theirs) = validata_errors(setup, &file_path, &schema_path, scratch) else {
        let Some(entry) = known
            .iter()
            .find(|entry| entry.file == file && entry.side == "validata-crash")
        else {
            return Some(format!(
                "{file}: Validata wrote no report and no known difference says why"
            ));
        };
        // Where Validata crashes, socle must report the problem that made it crash.
        let reported = entry.code == "*" || ours.iter().any(|key| key.0 == entry.code);
        return (!reported).then(|| {
            format!(
                "{file}: Validata crashes here and socle does not report {}",
                entry.code
            )
        });
    };
    let only_ours: Vec<&Key> = ours
        .difference(&theirs)
        .filter(|key| !known.iter().any(|entry| entry.covers(file, "socle", key)))
        .collect();
    let only_theirs: Vec<&Key> = theirs
        .difference(&ours)
        .filter(|key| {
            !known
                .iter()
                .any(|entry| entry.covers(file, "validata", key))
        })
        .collect();
    if only_ours.is_empty() && only_theirs.is_empty() {
        return None;
    }
    Some(format!(
        "{file}: {} only in socle (first: {:?}), {} only in Validata (first: {:?})",
        only_ours.len(),
        only_ours.iter().take(8).collect::<Vec<_>>(),
        only_theirs.len(),
        only_theirs.iter().take(8).collect::<Vec<_>>()
    ))
}
