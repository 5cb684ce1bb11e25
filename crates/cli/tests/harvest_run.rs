//! `socle harvest run` against a DCAT feed served from 127.0.0.1: the French counts,
//! a second run with nothing to write, and the exit statuses.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread;

use catalog::harvest::{HarvestStore, JobTrigger, SourceFields, SourceKind};
use catalog::{NewOrganization, OrganizationKind, OrganizationStore};

/// Two datasets, one of them under a licence the platform does not offer.
const FEED: &str = r#"@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .

<http://commune.example/jeux/subventions> a dcat:Dataset ;
    dct:identifier "http://commune.example/jeux/subventions" ;
    dct:title "Subventions aux associations 2025" ;
    dct:license <https://www.etalab.gouv.fr/licence-ouverte-open-licence/> ;
    dcat:distribution [
        dct:format "CSV" ;
        dcat:downloadURL <http://commune.example/fichiers/subventions-2025.csv>
    ] .

<http://commune.example/jeux/marches> a dcat:Dataset ;
    dct:identifier "http://commune.example/jeux/marches" ;
    dct:title "Marchés publics" ;
    dct:license "Tous droits réservés" .
"#;

/// Serves `FEED` as Turtle to every request; returns the feed URL.
fn serve_feed() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let port = listener.local_addr().expect("address").port();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let Ok(clone) = stream.try_clone() else {
                continue;
            };
            let mut reader = BufReader::new(clone);
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 2 {
                line.clear();
            }
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/turtle\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                FEED.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(FEED.as_bytes());
        }
    });
    format!("http://127.0.0.1:{port}/catalogue.ttl")
}

/// Creates a data folder that allows loopback sources, with one organisation and an
/// DCAT source for `url`, activated or not; returns the folder and the source id.
fn platform(name: &str, url: &str) -> (PathBuf, String) {
    platform_with(name, url, true)
}

fn platform_with(name: &str, url: &str, active: bool) -> (PathBuf, String) {
    let data = std::env::temp_dir().join(format!("socle-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).expect("data folder");
    std::fs::write(
        data.join("socle.toml"),
        "[harvest]\nallow = \"127.0.0.1/32\"\n",
    )
    .expect("config");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let source_id = runtime.block_on(async {
        let store = catalog::SqliteStore::open(&data.join("catalog.db"))
            .await
            .expect("catalogue");
        let organization = store
            .create_organization(&NewOrganization {
                name: "Commune exemple".into(),
                siren: None,
                kind: OrganizationKind::Commune,
                description: String::new(),
            })
            .await
            .expect("organisation");
        let fields = SourceFields {
            name: "Portail de la commune".into(),
            kind: Some(SourceKind::Dcat),
            url: url.into(),
            ..SourceFields::default()
        };
        let source = store
            .create_source(organization.id, &fields, None)
            .await
            .expect("source");
        store
            .set_source_active(source.id, active)
            .await
            .expect("activate");
        store.close().await;
        source.id.to_string()
    });
    (data, source_id)
}

fn harvest_run(source: &str, data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_socle"))
        .args(["harvest", "run", source, "--data"])
        .arg(data)
        .env_remove("SOCLE_LANG")
        .env_remove("SOCLE_CONFIG")
        .output()
        .expect("run socle")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn run_prints_french_counts() {
    let url = serve_feed();
    let (data, source) = platform("harvest-run", &url);

    let first = harvest_run(&source, &data);
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    let text = stdout(&first);
    assert!(text.contains("Moissonnage terminé."), "{text}");
    assert!(
        text.contains(&format!(
            "Rapport détaillé, fiche par fiche : /moissonnage/sources/{source}/jobs/"
        )),
        "{text}"
    );
    assert!(
        text.contains(
            "Jeux de données : 1 créé, 0 mis à jour, 0 inchangé, 0 archivé, 1 ignoré, 0 en échec."
        ),
        "{text}"
    );

    let second = harvest_run(&source, &data);
    assert_eq!(second.status.code(), Some(0), "{second:?}");
    assert!(
        stdout(&second).contains(
            "Jeux de données : 0 créé, 0 mis à jour, 1 inchangé, 0 archivé, 1 ignoré, 0 en échec."
        ),
        "{}",
        stdout(&second)
    );
}

#[test]
fn unknown_source_exits_two() {
    let (data, _) = platform("harvest-run-unknown", "http://127.0.0.1:9/catalogue.ttl");
    let output = harvest_run("7d1c4a52-3b8e-4f7a-9a51-0c2f1f6f2b11", &data);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("Source de moissonnage introuvable"),
        "{error}"
    );
}

#[test]
fn unreachable_source_exits_one() {
    // Nothing listens on the discard port of the loopback interface.
    let (data, source) = platform("harvest-run-down", "http://127.0.0.1:9/catalogue.ttl");
    let output = harvest_run(&source, &data);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("Le moissonnage a échoué"), "{error}");
}

#[test]
fn inactive_source_is_not_harvested() {
    let url = serve_feed();
    let (data, source) = platform_with("harvest-run-inactive", &url, false);
    let output = harvest_run(&source, &data);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("n’est pas activée"), "{error}");
    assert!(
        error.contains(&format!("/moissonnage/sources/{source}")),
        "{error}"
    );
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
}

#[test]
fn missing_platform_folder_not_created() {
    let data = std::env::temp_dir().join(format!("socle-cli-no-platform-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let output = harvest_run("7d1c4a52-3b8e-4f7a-9a51-0c2f1f6f2b11", &data);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("Aucune base de données"), "{error}");
    assert!(!data.exists(), "the command created {}", data.display());
}

/// Leaves a job of `source` marked running, as a killed `socle harvest run` does.
fn leave_running_job(data: &Path, source: &str) -> String {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let store = catalog::SqliteStore::open(&data.join("catalog.db"))
            .await
            .expect("catalogue");
        let source = uuid::Uuid::parse_str(source).expect("source id");
        let job = store
            .enqueue_job(source, JobTrigger::Command)
            .await
            .expect("job");
        assert!(store.start_job(job.id).await.expect("start"));
        store.close().await;
        job.id.to_string()
    })
}

#[test]
fn job_of_killed_run_released() {
    let url = serve_feed();
    let (data, source) = platform("harvest-run-killed", &url);
    let dead = leave_running_job(&data, &source);
    let output = harvest_run(&source, &data);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(stdout(&output).contains("Moissonnage terminé."));
    assert!(!stdout(&output).contains(&dead), "{}", stdout(&output));
}

#[test]
fn job_of_live_run_left_alone() {
    let url = serve_feed();
    let (data, source) = platform("harvest-run-live", &url);
    let running = leave_running_job(&data, &source);
    // This test process plays the live run: it holds the source's lock.
    let folder = data.join("harvest-locks");
    std::fs::create_dir_all(&folder).expect("lock folder");
    let lock = std::fs::File::create(folder.join(format!("{source}.lock"))).expect("lock file");
    lock.try_lock().expect("lock");
    let output = harvest_run(&source, &data);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains(&format!("déjà en cours (tâche {running})")),
        "{error}"
    );
    drop(lock);
}
