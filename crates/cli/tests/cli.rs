//! The command-line contract, run on the built `socle` binary: arguments, exit statuses,
//! output formats and languages. Other tools and CI scripts rely on these.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn socle(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_socle"))
        .args(args)
        .env_remove("SOCLE_LANG")
        .env_remove("SOCLE_TOTEM_PLANS")
        .output()
        .expect("socle runs")
}

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
        .display()
        .to_string()
}

fn shared(path: &str) -> Option<PathBuf> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(path);
    if full.exists() {
        Some(full)
    } else {
        eprintln!("skipped: {} is absent", full.display());
        None
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("socle-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn validate_valid_file_exits_zero() {
    let output = socle(&[
        "validate",
        &repo("demo/deliberations-kerbrient.csv"),
        "--schema",
        "deliberations",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("est valide"));
}

#[test]
fn validate_invalid_file_exits_one() {
    let output = socle(&[
        "validate",
        &repo("demo/deliberations-kerbrient-a-corriger.csv"),
        "--schema",
        "scdl/deliberations",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("n'est pas valide"), "{text}");
    assert!(text.contains("AAAA-MM-JJ"), "{text}");
    assert!(
        text.contains("Vouliez-vous dire « BUDGET_NOM » ?"),
        "{text}"
    );
}

#[test]
fn validate_json_has_frictionless_shape() {
    let output = socle(&[
        "validate",
        &repo("demo/deliberations-kerbrient-a-corriger.csv"),
        "--schema",
        "deliberations",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert_eq!(report["valid"], false);
    let task = &report["tasks"][0];
    assert_eq!(task["type"], "table");
    let errors = task["errors"].as_array().expect("errors");
    let date_error = errors
        .iter()
        .find(|error| error["type"] == "type-error")
        .expect("a type error");
    assert_eq!(date_error["rowNumber"], 2);
    assert_eq!(date_error["fieldName"], "DELIB_DATE");
    assert_eq!(date_error["fieldNumber"], 4);
    assert_eq!(date_error["cell"], "18/01/2024");
    assert!(
        date_error["message"]
            .as_str()
            .unwrap()
            .contains("18/01/2024")
    );
    assert!(date_error["hint"].as_str().unwrap().contains("2024-01-18"));
}

#[test]
fn validate_english_messages() {
    let output = socle(&[
        "validate",
        &repo("demo/deliberations-kerbrient-a-corriger.csv"),
        "--schema",
        "deliberations",
        "--lang",
        "en",
    ]);
    let text = stdout(&output);
    assert!(text.contains("is not valid"), "{text}");
    assert!(text.contains("YYYY-MM-DD"), "{text}");
}

#[test]
fn validate_lang_from_environment() {
    let output = Command::new(env!("CARGO_BIN_EXE_socle"))
        .args(["validate", &repo("demo/deliberations-kerbrient.csv")])
        .env("SOCLE_LANG", "en")
        .output()
        .expect("socle runs");
    assert!(stdout(&output).contains("is valid"), "{}", stdout(&output));
}

#[test]
fn validate_missing_file_exits_two() {
    let output = socle(&[
        "validate",
        "/nonexistent/fichier.csv",
        "--schema",
        "deliberations",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("/nonexistent/fichier.csv"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn validate_unknown_schema_exits_two() {
    let output = socle(&[
        "validate",
        &repo("demo/deliberations-kerbrient.csv"),
        "--schema",
        "deliberation-inconnue",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("deliberation-inconnue"), "{text}");
    assert!(text.contains("socle schemas list"), "{text}");
}

#[test]
fn validate_broken_schema_lists_every_problem() {
    let dir = scratch("broken-schema");
    let schema = dir.join("schema.json");
    std::fs::write(
        &schema,
        r#"{"fields": [{"name": "a", "type": "strng"}, {"name": "a", "type": "string"}, {"type": "integer"},
            {"name": "b", "type": "string", "constraints": {"pattern": "(unclosed"}}]}"#,
    )
    .unwrap();
    let output = socle(&[
        "validate",
        &repo("demo/deliberations-kerbrient.csv"),
        "--schema",
        schema.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("strng"), "{text}");
    assert!(text.contains("deux fois"), "{text}");
    assert!(
        text.matches("\n  - ").count() >= 3,
        "every problem listed: {text}"
    );
}

#[test]
fn validate_malformed_schema_json_names_position() {
    let dir = scratch("malformed-schema");
    let schema = dir.join("schema.json");
    std::fs::write(&schema, "{\"fields\": [\n  {\"name\": \"a\",}\n]}").unwrap();
    let output = socle(&[
        "validate",
        &repo("demo/deliberations-kerbrient.csv"),
        "--schema",
        schema.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("ligne 2"), "{}", stderr(&output));
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("JSON failure report");
    assert_eq!(report["valid"], false);
    assert_eq!(report["tasks"][0]["errors"][0]["type"], "schema-error");
}

#[test]
fn validate_without_schema_checks_structure() {
    let dir = scratch("structure");
    let file = dir.join("rows.csv");
    std::fs::write(&file, "a,b\n1,2\n\n3,4,5\n6\n").unwrap();
    let output = socle(&["validate", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let types: Vec<&str> = report["tasks"][0]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["blank-row", "extra-cell", "missing-cell"]);
}

#[test]
fn validate_max_errors_truncation_stated() {
    let dir = scratch("truncation");
    let file = dir.join("many.csv");
    let mut text = String::from("a,b\n");
    for _ in 0..50 {
        text.push_str("1,2,3\n");
    }
    std::fs::write(&file, text).unwrap();
    let output = socle(&[
        "validate",
        file.to_str().unwrap(),
        "--max-errors",
        "5",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["tasks"][0]["errors"].as_array().unwrap().len(), 5);
    assert_eq!(report["tasks"][0]["socle"]["truncated"], true);
    let warnings = report["tasks"][0]["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("5 erreurs")),
        "{warnings:?}"
    );
}

#[test]
fn validate_empty_file_is_invalid_with_message() {
    let dir = scratch("empty");
    let file = dir.join("vide.csv");
    std::fs::write(&file, "").unwrap();
    let output = socle(&["validate", file.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(
        stdout(&output).to_lowercase().contains("vide"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn schemas_list_shows_versions() {
    let output = socle(&["schemas", "list"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("deliberations") && text.contains("2.1.5"),
        "{text}"
    );
    assert!(text.contains("dae@1.0.0"), "{text}");
    let json = socle(&["schemas", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(list.as_array().unwrap().len() >= 24);
}

#[test]
fn totem_convert_writes_valid_budget_csv() {
    let Some(sample) = shared("reference/totem/samples/crach-budget-principal-bp-2022") else {
        return;
    };
    let Some(plans) = shared("reference/totem/plans-de-compte") else {
        return;
    };
    let input = std::fs::read_dir(&sample)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "xml"))
        .expect("sample XML");
    let dir = scratch("totem");
    let output_csv = dir.join("budget.csv");
    let output = socle(&[
        "totem",
        "convert",
        input.to_str().unwrap(),
        "-o",
        output_csv.to_str().unwrap(),
        "--plans",
        plans.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("lignes écrites"),
        "{}",
        stdout(&output)
    );
    let check = socle(&[
        "validate",
        output_csv.to_str().unwrap(),
        "--schema",
        "budget",
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn totem_convert_rejects_entities() {
    let dir = scratch("totem-entities");
    let input = dir.join("bomb.xml");
    std::fs::write(&input, "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY a \"aaaa\">]>\n<DocumentBudgetaire>&a;</DocumentBudgetaire>\n").unwrap();
    let output = socle(&[
        "totem",
        "convert",
        input.to_str().unwrap(),
        "-o",
        dir.join("out.csv").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.join("out.csv").exists(), "no output on failure");
    assert!(stderr(&output).contains("ligne 2"), "{}", stderr(&output));
}

#[test]
fn privacy_scan_and_redact_deliberations() {
    let dir = scratch("privacy");
    let file = dir.join("delibs.csv");
    std::fs::write(
        &file,
        "DELIB_ID,DELIB_OBJET\n\
         2024-01,Acquisition de la parcelle AB 12 appartenant à M. Jean-Paul Kerhervé demeurant 4 rue des Lilas\n\
         2024-02,Vote du budget primitif présenté par M. le Maire\n",
    )
    .unwrap();
    let scan = socle(&[
        "privacy",
        "scan",
        file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(scan.status.code(), Some(1), "{}", stderr(&scan));
    let report: serde_json::Value = serde_json::from_slice(&scan.stdout).unwrap();
    assert_eq!(report["policy"], "deliberations");
    assert_eq!(report["requiresConfirmation"], true);
    let findings = report["findings"].as_array().unwrap();
    assert!(
        findings.iter().all(|finding| finding["rowNumber"] == 2),
        "{findings:?}"
    );
    assert!(findings.iter().any(|finding| finding["kind"] == "person"));
    assert!(
        !scan
            .stdout
            .windows(8)
            .any(|window| window == b"Kerherv\xc3"),
        "excerpt is masked"
    );

    let redacted = dir.join("delibs-masque.csv");
    let redact = socle(&[
        "privacy",
        "redact",
        file.to_str().unwrap(),
        "-o",
        redacted.to_str().unwrap(),
    ]);
    assert_eq!(redact.status.code(), Some(0), "{}", stderr(&redact));
    let text = std::fs::read_to_string(&redacted).unwrap();
    assert!(
        !text.contains("Kerhervé") && !text.contains("Lilas"),
        "{text}"
    );
    assert!(text.contains("M. le Maire"), "{text}");
    let log: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("delibs-masque.csv.redaction.json")).unwrap(),
    )
    .unwrap();
    assert!(!log["entries"].as_array().unwrap().is_empty());
    let rescan = socle(&["privacy", "scan", redacted.to_str().unwrap()]);
    assert_eq!(rescan.status.code(), Some(0), "{}", stdout(&rescan));
}

#[test]
fn privacy_name_columns_and_unquoted_commas() {
    let dir = scratch("privacy-columns");
    let register = dir.join("registre.csv");
    std::fs::write(
        &register,
        "nom;prenom;adresse\nDupont;Jean;12 rue des Lilas 56000 Vannes\n",
    )
    .unwrap();
    let scan = socle(&["privacy", "scan", register.to_str().unwrap()]);
    assert_eq!(scan.status.code(), Some(1), "{}", stdout(&scan));
    assert!(
        stdout(&scan).contains("3 données personnelles"),
        "{}",
        stdout(&scan)
    );

    // The object is not quoted, so the reader splits it at each comma.
    let letters = dir.join("courriers.csv");
    std::fs::write(
        &letters,
        "objet\nCourrier adressé à Mme Durand, 12 rue des Lilas, 56000 Vannes\n",
    )
    .unwrap();
    let redacted = dir.join("courriers-masque.csv");
    let redact = socle(&[
        "privacy",
        "redact",
        letters.to_str().unwrap(),
        "-o",
        redacted.to_str().unwrap(),
    ]);
    assert_eq!(redact.status.code(), Some(0), "{}", stderr(&redact));
    let text = std::fs::read_to_string(&redacted).unwrap();
    assert!(!text.contains("Durand"), "{text}");
    assert!(!text.contains("Lilas"), "{text}");
    assert!(!text.contains("Vannes"), "{text}");
}

/// Serves one HTTP response on a loopback port, for the `--schema URL` tests.
fn serve_once(status_line: &'static str, body: impl Into<Vec<u8>>) -> String {
    use std::io::{Read, Write};
    let body = body.into();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("loopback port");
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let head = format!(
                "{status_line}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{address}/schema.json")
}

#[test]
fn validate_schema_from_url() {
    let body = r#"{"fields": [{"name": "COLL_NOM", "type": "string", "constraints": {"required": true}}]}"#.to_owned();
    let url = serve_once("HTTP/1.1 200 OK", body);
    let output = socle(&[
        "validate",
        &repo("demo/deliberations-kerbrient.csv"),
        "--schema",
        &url,
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(stdout(&output).contains(&url), "{}", stdout(&output));
}

#[test]
fn validate_schema_url_not_found_exits_two() {
    let url = serve_once("HTTP/1.1 404 Not Found", String::from("{}"));
    let output = socle(&[
        "validate",
        &repo("demo/deliberations-kerbrient.csv"),
        "--schema",
        &url,
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("n'a pas pu être téléchargé"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn redact_refuses_to_overwrite_input() {
    let dir = scratch("overwrite");
    let file = dir.join("delibs.csv");
    std::fs::write(&file, "DELIB_ID,DELIB_OBJET\n1,Vente à M. Jean Dupont\n").unwrap();
    let before = std::fs::read(&file).unwrap();
    let output = socle(&[
        "privacy",
        "redact",
        file.to_str().unwrap(),
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read(&file).unwrap(), before, "input untouched");
}

#[test]
fn outputs_never_replace_devices() {
    let dir = scratch("devices");
    let file = dir.join("delibs.csv");
    std::fs::write(&file, "DELIB_ID,DELIB_OBJET\n1,Vente\n").unwrap();
    let output = socle(&[
        "privacy",
        "redact",
        file.to_str().unwrap(),
        "-o",
        "/dev/null",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("pas un fichier ordinaire"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn threads_limited() {
    let output = socle(&[
        "validate",
        &repo("demo/deliberations-kerbrient.csv"),
        "--threads",
        "100000",
    ]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn unsupported_lang_environment_falls_back_to_french() {
    let output = Command::new(env!("CARGO_BIN_EXE_socle"))
        .args(["validate", &repo("demo/deliberations-kerbrient.csv")])
        .env("SOCLE_LANG", "de")
        .output()
        .expect("socle runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output).contains("est valide"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn control_characters_escaped_in_text_report() {
    let dir = scratch("escapes");
    let file = dir.join("esc.csv");
    std::fs::write(&file, "a,b\n\u{1b}[31mrouge,2,3\n").unwrap();
    let output = socle(&["validate", file.to_str().unwrap()]);
    assert!(
        !output.stdout.contains(&0x1b),
        "raw escape in: {}",
        stdout(&output)
    );
}

#[test]
fn short_row_names_missing_column() {
    let dir = scratch("short");
    let file = dir.join("short.csv");
    std::fs::write(&file, "a,b\n1\n").unwrap();
    let text = stdout(&socle(&["validate", file.to_str().unwrap()]));
    assert!(text.contains("avant la colonne « b »"), "{text}");
}

#[test]
fn totem_plans_fetch_saves_a_checked_plan() {
    let Some(plan) = shared("reference/totem/plans-de-compte/2024/M57/M57_P/planDeCompte.xml")
    else {
        return;
    };
    let url = serve_once("HTTP/1.1 200 OK", std::fs::read(plan).unwrap());
    let base = url.trim_end_matches("/schema.json").to_owned();
    let dir = scratch("plans-fetch");
    let args = [
        "totem",
        "plans",
        "fetch",
        "--year",
        "2024",
        "--norme",
        "m57",
        "--declinaison",
        "M57_P",
    ];
    let output = Command::new(env!("CARGO_BIN_EXE_socle"))
        .args(args)
        .args(["--plans", dir.to_str().unwrap(), "--base-url", &base])
        .output()
        .expect("socle runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(dir.join("2024/M57/M57_P/planDeCompte.xml").is_file());
}

#[test]
fn totem_plans_fetch_rejects_non_plan() {
    let url = serve_once("HTTP/1.1 200 OK", "<html><body>maintenance</body></html>");
    let base = url.trim_end_matches("/schema.json").to_owned();
    let dir = scratch("plans-not-plan");
    let output = Command::new(env!("CARGO_BIN_EXE_socle"))
        .args([
            "totem", "plans", "fetch", "--year", "2024", "--norme", "M57",
        ])
        .args(["--plans", dir.to_str().unwrap(), "--base-url", &base])
        .output()
        .expect("socle runs");
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(!dir.join("2024/M57/M57/planDeCompte.xml").exists());
}
