//! The publishing journey in headless Chromium, with axe-core on the main pages.
//!
//! Needs Debian's `chromium`, Node.js, and `playwright-core` and `axe-core` under
//! `target/browser-test/node_modules` (`scripts/browser-test-deps.sh` installs them all).
//! Without them the test prints why and passes, unless `SOCLE_REQUIRE_BROWSER=1`, as CI
//! sets it, makes their absence a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use catalog::{NewOrganization, OrganizationKind, OrganizationStore, Role, UserStore};

const EMAIL: &str = "agent@saint-etienne-metropole.fr";
const PASSWORD: &str = "mot de passe du navigateur";

fn find_in_path(program: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|folder| folder.join(program))
        .find(|candidate| candidate.is_file())
}

/// Returns the browser, Node.js and modules folder, or why the test cannot run.
fn requirements() -> Result<(PathBuf, PathBuf, PathBuf), String> {
    let chromium = std::env::var_os("SOCLE_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| find_in_path("chromium"))
        .ok_or("chromium is not installed (apt-get install chromium)")?;
    let node = find_in_path("node").ok_or("node is not installed (apt-get install nodejs)")?;
    let modules =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/browser-test/node_modules");
    for package in ["playwright-core", "axe-core"] {
        if !modules.join(package).is_dir() {
            return Err(format!(
                "{package} is missing from {} (run scripts/browser-test-deps.sh)",
                modules.display()
            ));
        }
    }
    Ok((chromium, node, modules))
}

/// Returns the file the agent uploads: the reference délibérations of Saint-Étienne
/// Métropole, or the bundled demo file when the reference folder is absent.
fn upload_file(data: &Path) -> PathBuf {
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../../shared/reference/real/deliberations/deliberations-metropole-saint-etienne.csv",
    );
    if reference.is_file() {
        return reference;
    }
    eprintln!(
        "reference file {} is absent: uploading the bundled demo file",
        reference.display()
    );
    let copy = data.join("deliberations-kerbrient.csv");
    std::fs::write(&copy, common::bundled_deliberations()).expect("copy demo file");
    copy
}

#[test]
fn agent_publishes_deliberations_in_chromium() {
    let (chromium, node, modules) = match requirements() {
        Ok(found) => found,
        Err(reason) => {
            if std::env::var("SOCLE_REQUIRE_BROWSER").as_deref() == Ok("1") {
                panic!("browser test required but cannot run: {reason}");
            }
            eprintln!("skipping the browser test: {reason}");
            return;
        }
    };

    let data = common::temp_data("browser");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let address = runtime.block_on(async {
        let config = server::Config {
            data: data.clone(),
            ..server::Config::default()
        };
        let state = server::open(config).await.expect("state");
        let new = NewOrganization {
            name: "Saint-Étienne Métropole".into(),
            siren: Some("244200770".into()),
            kind: OrganizationKind::Epci,
            description: String::new(),
        };
        let organization = state
            .store()
            .create_organization(&new)
            .await
            .expect("organisation");
        let user = state
            .store()
            .create_user(EMAIL, "Agent", PASSWORD, false)
            .await
            .expect("user");
        state
            .store()
            .set_membership(user.id, organization.id, Role::Editor)
            .await
            .expect("membership");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let address = listener.local_addr().expect("address");
        tokio::spawn(async move { axum::serve(listener, server::router(state)).await });
        address
    });

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/agent.mjs");
    let output = Command::new(node)
        .arg(script)
        .env("SOCLE_BASE_URL", format!("http://{address}"))
        .env("SOCLE_CHROMIUM", chromium)
        .env("SOCLE_NODE_MODULES", modules)
        .env("SOCLE_UPLOAD", upload_file(&data))
        .env("SOCLE_EMAIL", EMAIL)
        .env("SOCLE_PASSWORD", PASSWORD)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        output.status.success(),
        "browser agent failed:\n{stdout}\n{stderr}"
    );
    runtime.shutdown_background();
}
