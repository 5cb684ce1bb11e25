//! The real `ckanapi` client (version 4.8, installed by `scripts/test.sh` into the reference
//! virtual environment) against socle served on a loopback port: search, a full dump,
//! a package creation and a file upload that socle then validates.
//!
//! The interpreter comes from `SOCLE_REFERENCE_PYTHON`. Without it the test is skipped
//! with a message, unless `SOCLE_REQUIRE_REFERENCE_TOOLS=1`, which makes it fail.
//! `python -m ckanapi` has no entry module in 4.8, so the command-line interface is run
//! through `ckanapi.cli.main.main`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use catalog::Role;
use common::{App, bundled_deliberations};
use serde_json::Value;

fn reference_python() -> Option<PathBuf> {
    let required = std::env::var("SOCLE_REQUIRE_REFERENCE_TOOLS").as_deref() == Ok("1");
    let python = std::env::var_os("SOCLE_REFERENCE_PYTHON").map(PathBuf::from);
    let problem = match &python {
        None => Some("SOCLE_REFERENCE_PYTHON is not set".to_string()),
        Some(python) if !python.exists() => Some(format!("{} does not exist", python.display())),
        Some(python) => {
            let found = Command::new(python)
                .args(["-c", "import ckanapi"])
                .status()
                .is_ok_and(|status| status.success());
            (!found).then(|| format!("{} cannot import ckanapi", python.display()))
        }
    };
    match (problem, python) {
        (None, Some(python)) => Some(python),
        (Some(problem), _) if required => panic!("SOCLE_REQUIRE_REFERENCE_TOOLS=1 but {problem}"),
        (problem, _) => {
            eprintln!(
                "skipped: {}; the ckanapi client test did not run",
                problem.unwrap_or_default()
            );
            None
        }
    }
}

/// Runs the ckanapi command line with `arguments` and returns its standard output.
fn ckanapi(python: &Path, arguments: &[&str]) -> String {
    // `dump` starts worker processes named `ckanapi`, found on PATH beside the interpreter.
    let mut path = python
        .parent()
        .map(Path::as_os_str)
        .unwrap_or_default()
        .to_os_string();
    if let Some(inherited) = std::env::var_os("PATH") {
        path.push(":");
        path.push(inherited);
    }
    let output = Command::new(python)
        .env("PATH", path)
        .args([
            "-c",
            "import sys; from ckanapi.cli.main import main; sys.exit(main())",
        ])
        .args(arguments)
        .output()
        .expect("run ckanapi");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "ckanapi {arguments:?} failed: {}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ckanapi_client_reads_and_writes() {
    let Some(python) = reference_python() else {
        return;
    };
    let app = App::new("ckanapi").await;
    let organization = app.organization("Commune de Kerbrient").await;
    app.dataset(&organization, "Délibérations 2023", false, true)
        .await;
    app.dataset(&organization, "Délibérations 2022", false, true)
        .await;
    app.dataset(&organization, "Brouillon caché", false, false)
        .await;
    let token = app
        .api_user(
            "editrice@example.fr",
            Some((&organization, Role::Editor)),
            false,
        )
        .await;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let site = format!("http://{}", listener.local_addr().expect("address"));
    let router = app.router.clone();
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });

    let folder = common::temp_data("ckanapi-files");
    let csv = folder.join("deliberations.csv");
    std::fs::write(&csv, bundled_deliberations()).expect("write CSV");
    let dump = folder.join("dump.jsonl");

    let (search, dumped, created, uploaded) = tokio::task::spawn_blocking({
        let python = python.clone();
        let site = site.clone();
        let token = token.clone();
        let csv = csv.clone();
        let dump = dump.clone();
        move || {
            let search = ckanapi(&python, &["action", "package_search", "-r", &site]);
            ckanapi(
                &python,
                &[
                    "dump",
                    "datasets",
                    "--all",
                    "-O",
                    &dump.to_string_lossy(),
                    "-r",
                    &site,
                ],
            );
            let dumped = std::fs::read_to_string(&dump).expect("dump file");
            let created = ckanapi(
                &python,
                &[
                    "action",
                    "package_create",
                    "name=deliberations-2024",
                    "title=Délibérations 2024",
                    "owner_org=commune-de-kerbrient",
                    "extras:[{\"key\": \"schema\", \"value\": \"deliberations\"}]",
                    "-r",
                    &site,
                    "-a",
                    &token,
                ],
            );
            let uploaded = ckanapi(
                &python,
                &[
                    "action",
                    "resource_create",
                    "package_id=deliberations-2024",
                    &format!("upload@{}", csv.display()),
                    "-r",
                    &site,
                    "-a",
                    &token,
                ],
            );
            (search, dumped, created, uploaded)
        }
    })
    .await
    .expect("ckanapi runs");

    let search: Value = serde_json::from_str(&search).expect("search JSON");
    assert_eq!(search["count"], 2, "{search}");
    assert_eq!(search["results"].as_array().map(Vec::len), Some(2));

    let lines: Vec<Value> = dumped
        .lines()
        .map(|line| serde_json::from_str(line).expect("dump line"))
        .collect();
    assert_eq!(lines.len(), 2, "the draft is not dumped");
    for package in &lines {
        assert_eq!(package["type"], "dataset");
        assert_eq!(package["organization"]["name"], "commune-de-kerbrient");
    }

    let created: Value = serde_json::from_str(&created).expect("created JSON");
    assert_eq!(created["name"], "deliberations-2024");
    assert_eq!(created["state"], "active");

    let uploaded: Value = serde_json::from_str(&uploaded).expect("uploaded JSON");
    assert_eq!(uploaded["url_type"], "upload");
    assert_eq!(uploaded["name"], "deliberations.csv");
    let resource_id: uuid::Uuid = uploaded["id"]
        .as_str()
        .expect("resource id")
        .parse()
        .expect("uuid");
    let validated = app.wait_validation(resource_id).await;
    assert!(
        matches!(
            validated.validation_status,
            catalog::ValidationStatus::Valid | catalog::ValidationStatus::Invalid
        ),
        "{:?}",
        validated.validation_status
    );
    assert!(validated.report.is_some(), "the report is stored");
    let _ = std::fs::remove_dir_all(&folder);
}
