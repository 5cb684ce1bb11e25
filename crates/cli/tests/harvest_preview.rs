//! `socle harvest preview` on a catalogue served from 127.0.0.1: French and English
//! text, the JSON document, and the address check.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::{Command, Output};
use std::thread;

use serde_json::Value;

/// A DCAT catalogue in Turtle: two datasets, one entry without title, and a licence
/// that socle does not know.
const CATALOGUE: &str = r#"@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .

<http://portail.example/jeux/budget> a dcat:Dataset ;
    dct:identifier "budget-2026" ;
    dct:title "Budget primitif 2026"@fr ;
    dct:license <https://www.etalab.gouv.fr/licence-ouverte-open-licence/> ;
    dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/ANNUAL> ;
    dcat:distribution [
        dct:title "Budget au format SCDL" ;
        dct:format "CSV" ;
        dcat:downloadURL <http://portail.example/fichiers/budget-2026.csv>
    ] .

<http://portail.example/jeux/deliberations> a dcat:Dataset ;
    dct:identifier "deliberations" ;
    dct:title "Délibérations du conseil"@fr ;
    dct:license "licence-maison" ;
    dcat:distribution [
        dct:title "Délibérations" ;
        dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ;
        dcat:downloadURL <http://portail.example/fichiers/deliberations.csv>
    ] .

<http://portail.example/jeux/sans-titre> a dcat:Dataset ;
    dct:identifier "sans-titre" .
"#;

/// Serves `CATALOGUE` as Turtle to every request; returns the catalogue URL.
fn serve_catalogue() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            // Reads the request head up to its blank line.
            while reader.read_line(&mut line).unwrap_or(0) > 2 {
                line.clear();
            }
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/turtle\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                CATALOGUE.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(CATALOGUE.as_bytes());
        }
    });
    format!("http://127.0.0.1:{port}/catalogue.ttl")
}

fn socle(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_socle"))
        .args(args)
        .env_remove("SOCLE_LANG")
        .env_remove("SOCLE_HARVEST_ALLOW")
        .output()
        .expect("socle runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn preview_text_in_french() {
    let url = serve_catalogue();
    let output = socle(&[
        "harvest",
        "preview",
        &url,
        "--type",
        "dcat",
        "--allow-private",
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("Aperçu de la source dcat"), "{text}");
    assert!(
        text.contains("2 jeux de données, 1 fiche ignorée (1 page lue)"),
        "{text}"
    );
    assert!(
        text.contains(
            "Jeu de données « Budget primitif 2026 » (identifiant distant : budget-2026)"
        ),
        "{text}"
    );
    assert!(
        text.contains("Licence : Licence Ouverte / Open Licence 2.0"),
        "{text}"
    );
    assert!(text.contains("Fréquence : Annuelle"), "{text}");
    assert!(
        text.contains("- Délibérations [CSV] http://portail.example/fichiers/deliberations.csv"),
        "{text}"
    );
    assert!(!text.contains("authority/file-type"), "{text}");
    assert!(
        text.contains("[CSV] http://portail.example/fichiers/budget-2026.csv"),
        "{text}"
    );
    assert!(
        text.contains("Licence : licence-maison (non reconnue)"),
        "{text}"
    );
    assert!(
        text.contains("Fiche ignorée : La fiche « sans-titre » n’a pas de titre."),
        "{text}"
    );
    assert!(text.contains("Liste complète"), "{text}");
}

#[test]
fn preview_text_in_english() {
    let url = serve_catalogue();
    let output = socle(&[
        "--lang",
        "en",
        "harvest",
        "preview",
        &url,
        "--type",
        "dcat",
        "--allow-private",
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("Preview of the dcat source"), "{text}");
    assert!(
        text.contains("2 datasets, 1 entry skipped (1 page read)"),
        "{text}"
    );
    assert!(
        text.contains("Entry skipped: The entry “sans-titre” has no title."),
        "{text}"
    );
    assert!(text.contains("Frequency: Annual"), "{text}");
    assert!(text.contains("Complete list"), "{text}");
}

#[test]
fn preview_json_document() {
    let url = serve_catalogue();
    let output = socle(&[
        "harvest",
        "preview",
        &url,
        "--type",
        "dcat",
        "--format",
        "json",
        "--allow-private",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let document: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(document["format_version"], 1);
    assert_eq!(document["kind"], "dcat");
    assert_eq!(document["url"], url.as_str());
    assert_eq!(document["datasets"], 2);
    assert_eq!(document["skipped"], 1);
    assert_eq!(document["complete"], true);
    assert_eq!(document["completion"]["status"], "complete");
    let items = document["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["kind"], "dataset");
    assert_eq!(items[0]["remote_id"], "budget-2026");
    assert_eq!(items[0]["licence"]["code"], "lov2");
    assert_eq!(items[0]["frequency"]["code"], "ANNUAL");
    assert_eq!(
        items[0]["distributions"][0]["url"],
        "http://portail.example/fichiers/budget-2026.csv"
    );
    assert_eq!(items[1]["licence"]["code"], Value::Null);
    assert_eq!(items[1]["notes"][0]["code"], "unknown-licence");
    assert_eq!(items[1]["notes"][0]["args"]["value"], "licence-maison");
    assert!(
        items[1]["notes"][0]["message"]
            .as_str()
            .unwrap()
            .contains("licence-maison")
    );
    assert_eq!(items[2]["kind"], "skipped");
    assert_eq!(items[2]["reason"], "missing-title");
    assert_eq!(items[2]["args"]["id"], "sans-titre");
    assert_eq!(
        items[2]["message"],
        "La fiche « sans-titre » n’a pas de titre."
    );
    assert_eq!(document["page_errors"], Value::Array(Vec::new()));
}

#[test]
fn loopback_rejected_without_allow() {
    let url = serve_catalogue();
    let output = socle(&[
        "harvest", "preview", &url, "--type", "dcat", "--format", "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let document: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(document["datasets"], 0);
    assert_eq!(document["complete"], false);
    assert_eq!(
        document["page_errors"][0]["code"],
        "harvest-fetch-address-rejected"
    );
    assert_eq!(document["page_errors"][0]["args"]["address"], "127.0.0.1");
}

#[test]
fn allow_list_from_environment() {
    let url = serve_catalogue();
    let output = Command::new(env!("CARGO_BIN_EXE_socle"))
        .args(["harvest", "preview", &url, "--type", "dcat"])
        .env_remove("SOCLE_LANG")
        .env("SOCLE_HARVEST_ALLOW", "127.0.0.1/32")
        .output()
        .expect("socle runs");
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("2 jeux de données"));
}

#[test]
fn invalid_allow_entry_rejected() {
    let output = socle(&[
        "harvest",
        "preview",
        "http://127.0.0.1:9/",
        "--type",
        "ckan",
        "--allow",
        "10.0.0.0/40",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("« 10.0.0.0/40 »"), "{error}");
}

#[test]
fn json_keeps_licence_and_frequency_codes() {
    let url = serve_catalogue();
    let output = socle(&[
        "harvest",
        "preview",
        &url,
        "--type",
        "dcat",
        "--allow-private",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let document: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let budget = &document["items"][0];
    assert_eq!(budget["licence"]["code"], "lov2");
    assert_eq!(budget["frequency"]["code"], "ANNUAL");
}

#[test]
fn loopback_rejection_names_allow_flags() {
    let url = serve_catalogue();
    let output = socle(&["harvest", "preview", &url, "--type", "dcat"]);
    let error = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{error}");
    // Nothing could be read: the output is the reason alone, with no empty summary.
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    assert!(
        error.contains(&format!("Aucune page de « {url} » n’a pu être lue")),
        "{error}"
    );
    assert!(
        error.contains("les adresses non publiques sont refusées"),
        "{error}"
    );
    assert!(error.contains("--allow-private"), "{error}");
    assert!(error.contains("--allow 10.0.0.0/8"), "{error}");
}
