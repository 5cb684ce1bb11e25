//! System failures described in French with their fix, on the built `socle` binary:
//! HTTP statuses, missing files and folders, a busy port, the workbook sheet hint, and
//! `socle admin set-password`. Servers run on 127.0.0.1 only.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread;

fn socle(args: &[&str], environment: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_socle"));
    command
        .args(args)
        .env_remove("SOCLE_LANG")
        .env_remove("SOCLE_TOTEM_PLANS")
        .env_remove("SOCLE_PASSWORD")
        .env_remove("SOCLE_DATA")
        .env_remove("SOCLE_BIND")
        .env("RUST_LOG", "error");
    for (name, value) in environment {
        command.env(name, value);
    }
    command.output().expect("socle runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("socle-failures-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
        .display()
        .to_string()
}

/// Serves 404 Not Found to every request and returns the server's base URL.
fn serve_not_found() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 2 {
                line.clear();
            }
            let body = "absent";
            let head = format!(
                "HTTP/1.1 404 Not Found\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    format!("http://127.0.0.1:{port}")
}

#[test]
fn schema_download_404_in_french() {
    let base = serve_not_found();
    let url = format!("{base}/nothing.json");
    let output = socle(
        &[
            "validate",
            &repo("demo/deliberations-kerbrient.csv"),
            "--schema",
            &url,
        ],
        &[],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains("aucune ressource à cette adresse (statut HTTP 404)"),
        "{text}"
    );
    assert!(!text.contains("http status"), "{text}");
}

#[test]
fn plan_fetch_404_in_french() {
    let base = serve_not_found();
    let plans = scratch("plans-404");
    let output = socle(
        &[
            "totem",
            "plans",
            "fetch",
            "--year",
            "2024",
            "--norme",
            "M57",
            "--plans",
            plans.to_str().unwrap(),
            "--base-url",
            &base,
        ],
        &[],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("(statut HTTP 404)"), "{text}");
    assert!(!text.contains("http status"), "{text}");
    assert!(
        !plans.join("2024").exists(),
        "nothing written after a failed download"
    );
}

#[test]
fn missing_plans_folder_in_french() {
    let dir = scratch("plans-missing");
    let missing = dir.join("MISSING");
    let output_csv = dir.join("out.csv");
    let output = socle(
        &[
            "totem",
            "convert",
            "--plans",
            missing.to_str().unwrap(),
            "budget.xml",
            "-o",
            output_csv.to_str().unwrap(),
        ],
        &[],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("fichier ou dossier introuvable"), "{text}");
    assert!(text.contains("--plans"), "{text}");
    assert!(!text.contains("os error"), "{text}");
}

#[test]
fn missing_totem_input_in_french() {
    let dir = scratch("totem-missing");
    let input = dir.join("missing.xml");
    let output_csv = dir.join("out.csv");
    let output = socle(
        &[
            "totem",
            "convert",
            input.to_str().unwrap(),
            "-o",
            output_csv.to_str().unwrap(),
        ],
        &[],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains("n'a pas pu être ouvert : fichier ou dossier introuvable"),
        "{text}"
    );
    assert!(!text.contains("No such file"), "{text}");
}

#[test]
fn missing_totem_input_in_english() {
    let dir = scratch("totem-missing-en");
    let input = dir.join("missing.xml");
    let output_csv = dir.join("out.csv");
    let output = socle(
        &[
            "--lang",
            "en",
            "totem",
            "convert",
            input.to_str().unwrap(),
            "-o",
            output_csv.to_str().unwrap(),
        ],
        &[],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("no such file or folder"), "{text}");
}

#[test]
fn busy_port_suggests_next_one() {
    let occupied = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let address = occupied.local_addr().unwrap();
    let data = scratch("busy-port");
    let output = socle(
        &[
            "serve",
            "--bind",
            &address.to_string(),
            "--data",
            data.to_str().unwrap(),
        ],
        &[],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    let port = address.port();
    assert!(
        text.contains(&format!("Le port {port} de 127.0.0.1 est déjà utilisé")),
        "{text}"
    );
    assert!(
        text.contains(&format!("--bind 127.0.0.1:{}", port + 1)),
        "{text}"
    );
    assert!(!text.contains("os error"), "{text}");
    drop(occupied);
}

#[test]
fn invalid_bind_variable_in_french() {
    let data = scratch("bad-bind");
    let output = socle(
        &["serve", "--data", data.to_str().unwrap()],
        &[("SOCLE_BIND", "nulle-part")],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("SOCLE_BIND vaut « nulle-part »"), "{text}");
    assert!(text.contains("par exemple 127.0.0.1:8080"), "{text}");
}

/// Runs `socle serve` on a data folder whose `socle.toml` contains `text`, and returns
/// its standard error.
fn serve_with_config(name: &str, text: &str) -> String {
    let data = scratch(name);
    std::fs::write(data.join("socle.toml"), text).expect("write socle.toml");
    let output = socle(&["serve", "--data", data.to_str().unwrap()], &[]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    text
}

#[test]
fn unknown_config_key_in_french() {
    let text = serve_with_config("unknown-key", "[harvest]\nalow = \"127.0.0.1/32\"\n");
    assert!(
        text.contains("la clé inconnue « alow » dans la table [harvest]"),
        "{text}"
    );
    assert!(
        text.contains("Clés acceptées : allow, grace_days, workers, page_size"),
        "{text}"
    );
}

#[test]
fn config_type_error_gives_line_in_french() {
    let text = serve_with_config(
        "type-error",
        "bind = \"127.0.0.1:0\"\nsecure_cookies = \"oui\"\n",
    );
    assert!(
        text.contains("la valeur de « secure_cookies » (ligne 2) est invalide"),
        "{text}"
    );
    assert!(
        text.contains("Forme attendue : true ou false sans guillemets"),
        "{text}"
    );
}

#[test]
fn broken_toml_gives_line_in_french() {
    let text = serve_with_config("syntax-error", "bind = \"127.0.0.1:0\"\n[harvest\n");
    assert!(text.contains("est invalide ligne 2"), "{text}");
    assert!(text.contains("Vérifiez l'écriture TOML"), "{text}");
}

#[test]
fn out_of_range_session_in_french() {
    let text = serve_with_config("session", "session_seconds = -5\n");
    assert!(
        text.contains("session_seconds vaut -5, alors que la valeur doit être comprise entre 300 et 2592000 secondes"),
        "{text}"
    );
}

#[test]
fn missing_named_config_in_french() {
    let data = scratch("named-config");
    let missing = data.join("absent.toml");
    let output = socle(
        &["serve", "--data", data.to_str().unwrap()],
        &[("SOCLE_CONFIG", missing.to_str().unwrap())],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("absent.toml est illisible"), "{text}");
}

#[test]
fn bad_harvest_allow_entry_in_french() {
    let text = serve_with_config("allow-entry", "[harvest]\nallow = \"127.0.0.1/40\"\n");
    assert!(
        text.contains("l'entrée « 127.0.0.1/40 » de allow dans la table [harvest]"),
        "{text}"
    );
    assert!(
        text.contains("allow = \"10.0.0.0/8, 127.0.0.1/32"),
        "{text}"
    );
}

#[test]
fn workbook_hint_names_other_sheet() {
    let file = repo("crates/cli/tests/data/deliberations-second-sheet.ods");
    let output = socle(&["validate", &file, "--schema", "deliberations"], &[]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("La feuille lue est « Notes »"), "{text}");
    assert!(text.contains("la feuille « Délibérations »"), "{text}");
    assert!(text.contains("--sheet \"Délibérations\""), "{text}");
}

#[test]
fn workbook_hint_absent_when_sheet_matches() {
    let file = repo("crates/cli/tests/data/deliberations-second-sheet.ods");
    let output = socle(
        &[
            "validate",
            &file,
            "--schema",
            "deliberations",
            "--sheet",
            "Délibérations",
        ],
        &[],
    );
    let text = stdout(&output);
    assert!(!text.contains("--sheet"), "{text}");
    assert!(!text.contains("Aucune colonne du fichier"), "{text}");
}

#[test]
fn workbook_hint_on_stderr_with_json() {
    let file = repo("crates/cli/tests/data/deliberations-second-sheet.ods");
    let output = socle(
        &[
            "validate",
            &file,
            "--schema",
            "deliberations",
            "--format",
            "json",
        ],
        &[],
    );
    let _: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert!(stderr(&output).contains("--sheet"), "{}", stderr(&output));
}

/// Creates an account in a new data folder and returns the folder.
fn platform_with_user(name: &str, email: &str, password: &str) -> PathBuf {
    let data = scratch(name);
    let output = socle(
        &[
            "admin",
            "create-user",
            "--email",
            email,
            "--name",
            "Agent",
            "--data",
            data.to_str().unwrap(),
        ],
        &[("SOCLE_PASSWORD", password)],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    data
}

fn authenticates(data: &Path, email: &str, password: &str) -> bool {
    use catalog::UserStore as _;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let store = catalog::SqliteStore::open(&data.join("catalog.db"))
            .await
            .unwrap();
        let user = store.authenticate(email, password).await.unwrap();
        store.close().await;
        user.is_some()
    })
}

#[test]
fn set_password_replaces_password() {
    let email = "agent@kerbrient.fr";
    let data = platform_with_user("set-password", email, "ancien-mot-de-passe");
    let output = socle(
        &[
            "admin",
            "set-password",
            email,
            "--data",
            data.to_str().unwrap(),
        ],
        &[("SOCLE_PASSWORD", "nouveau-mot-de-passe")],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("Mot de passe changé pour agent@kerbrient.fr"));
    assert!(authenticates(&data, email, "nouveau-mot-de-passe"));
    assert!(!authenticates(&data, email, "ancien-mot-de-passe"));
}

#[test]
fn set_password_unknown_account() {
    let data = platform_with_user(
        "set-password-unknown",
        "agent@kerbrient.fr",
        "mot-de-passe-1",
    );
    let output = socle(
        &[
            "admin",
            "set-password",
            "inconnu@kerbrient.fr",
            "--data",
            data.to_str().unwrap(),
        ],
        &[("SOCLE_PASSWORD", "nouveau-mot-de-passe")],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("Aucun compte n'a l'adresse « inconnu@kerbrient.fr »"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn set_password_short_password_keeps_old() {
    let email = "agent@kerbrient.fr";
    let data = platform_with_user("set-password-short", email, "mot-de-passe-1");
    let output = socle(
        &[
            "admin",
            "set-password",
            email,
            "--data",
            data.to_str().unwrap(),
        ],
        &[("SOCLE_PASSWORD", "court")],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("n'a pas pu être changé"),
        "{}",
        stderr(&output)
    );
    assert!(authenticates(&data, email, "mot-de-passe-1"));
}

#[test]
fn set_password_without_database() {
    let data = scratch("set-password-empty");
    let output = socle(
        &[
            "admin",
            "set-password",
            "agent@kerbrient.fr",
            "--data",
            data.to_str().unwrap(),
        ],
        &[("SOCLE_PASSWORD", "nouveau-mot-de-passe")],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("Aucune base de données"),
        "{}",
        stderr(&output)
    );
    assert!(!data.join("catalog.db").exists(), "no database is created");
}

#[test]
fn create_user_unusable_folder_in_french() {
    let output = socle(
        &[
            "admin",
            "create-user",
            "--email",
            "agent@kerbrient.fr",
            "--name",
            "Agent",
            "--data",
            "/dev/null/socle-data",
        ],
        &[("SOCLE_PASSWORD", "mot-de-passe-1")],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains("un élément du chemin n'est pas un dossier"),
        "{text}"
    );
    assert!(!text.contains("os error"), "{text}");
}

#[test]
fn serve_refuses_missing_parent_folder() {
    let data = scratch("missing-parent").join("absent").join("donnees");
    let output = socle(&["serve", "--data", data.to_str().unwrap()], &[]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("absent » n'existe pas"), "{text}");
    assert!(!data.exists());
}
