//! Harvest benchmark helper, driven by `scripts/bench-harvest.sh`.
//!
//! - `bench_harvest serve PORT COUNT` serves COUNT generated CKAN packages on
//!   127.0.0.1:PORT under `/ckan/api/3/action/package_search`, paged with `rows` and
//!   `start` like CKAN (at most 1000 rows per page).
//! - `bench_harvest setup DATA URL` creates, in the data folder DATA, an organisation and
//!   an active CKAN source for URL, writes a `socle.toml` that allows loopback sources,
//!   and prints the source id.

#[path = "support/allocator.rs"]
mod allocator;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use catalog::harvest::{HarvestStore, SourceFields, SourceKind};
use catalog::{NewOrganization, OrganizationKind, OrganizationStore};
use serde_json::{Value, json};

/// Largest page CKAN serves by default.
const MAX_ROWS: usize = 1000;

/// Builds package number `index`: two resources, three tags, a licence and a frequency,
/// in the shape of a CKAN 2.9 `package_show` result.
fn package(index: usize) -> Value {
    let id = uuid::Uuid::from_u128(0x5eed_0000_0000_0000_0000_0000_0000_0000 + index as u128);
    let name = format!("jeu-de-donnees-{index:05}");
    json!({
        "id": id.to_string(),
        "name": name,
        "title": format!("Délibérations et budgets, lot {index}"),
        "notes": format!("Jeu de données généré n° {index} pour mesurer le moissonnage."),
        "license_id": "lov2",
        "license_title": "Licence Ouverte 2.0",
        "url": format!("https://portail.example.fr/dataset/{name}"),
        "metadata_created": "2024-01-15T10:00:00",
        "metadata_modified": "2024-06-01T08:30:00",
        "state": "active",
        "private": false,
        "type": "dataset",
        "author": "Service données",
        "author_email": "donnees@example.fr",
        "maintainer": null,
        "maintainer_email": null,
        "organization": {"name": "commune-exemple", "title": "Commune exemple", "type": "organization"},
        "tags": [
            {"id": "t1", "name": "budget"},
            {"id": "t2", "name": "délibération"},
            {"id": "t3", "name": format!("lot-{}", index % 50)}
        ],
        "extras": [{"key": "frequency", "value": "http://publications.europa.eu/resource/authority/frequency/ANNUAL"}],
        "resources": [
            {
                "id": format!("{id}-csv"), "position": 0, "name": "Données CSV", "description": "",
                "format": "CSV", "mimetype": "text/csv", "size": 1024, "hash": "",
                "created": "2024-01-15T10:00:00", "last_modified": "2024-06-01T08:30:00",
                "url": format!("https://portail.example.fr/{name}/donnees.csv"), "resource_type": "file.upload"
            },
            {
                "id": format!("{id}-json"), "position": 1, "name": "API", "description": "",
                "format": "JSON", "mimetype": "application/json", "size": null, "hash": "",
                "created": "2024-01-15T10:00:00", "last_modified": null,
                "url": format!("https://portail.example.fr/api/{name}"), "resource_type": "api"
            }
        ]
    })
}

struct Packages {
    pages: Vec<String>,
    count: usize,
}

async fn package_search(
    State(packages): State<Arc<Packages>>,
    Query(params): Query<std::collections::HashMap<String, String>>,
) -> impl IntoResponse {
    let rows: usize = params
        .get("rows")
        .and_then(|rows| rows.parse().ok())
        .unwrap_or(10)
        .min(MAX_ROWS);
    let start: usize = params
        .get("start")
        .and_then(|start| start.parse().ok())
        .unwrap_or(0);
    let results: Vec<&str> = packages
        .pages
        .iter()
        .skip(start)
        .take(rows)
        .map(String::as_str)
        .collect();
    let body = format!(
        "{{\"success\": true, \"result\": {{\"count\": {}, \"results\": [{}]}}}}",
        packages.count,
        results.join(",")
    );
    ([(header::CONTENT_TYPE, "application/json")], body)
}

async fn serve(port: u16, count: usize) {
    let pages: Vec<String> = (0..count).map(|index| package(index).to_string()).collect();
    let packages = Arc::new(Packages { pages, count });
    let router = Router::new()
        .route("/ckan/api/3/action/package_search", get(package_search))
        .with_state(packages);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("bind the benchmark port");
    println!("ready");
    axum::serve(listener, router).await.expect("serve");
}

async fn setup(data: &std::path::Path, url: &str) {
    std::fs::create_dir_all(data).expect("data folder");
    std::fs::write(
        data.join("socle.toml"),
        "[harvest]\nallow = \"127.0.0.1/32\"\npage_size = 1000\n",
    )
    .expect("socle.toml");
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
        name: "Portail exemple".into(),
        kind: Some(SourceKind::Ckan),
        url: url.into(),
        ..SourceFields::default()
    };
    let source = store
        .create_source(organization.id, &fields, None)
        .await
        .expect("source");
    store
        .set_source_active(source.id, true)
        .await
        .expect("activate");
    store.close().await;
    println!("{}", source.id);
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("serve") if args.len() == 4 => {
            let port = args[2].parse().expect("PORT is a number");
            let count = args[3].parse().expect("COUNT is a number");
            serve(port, count).await;
        }
        Some("setup") if args.len() == 4 => setup(std::path::Path::new(&args[2]), &args[3]).await,
        _ => {
            eprintln!("usage: bench_harvest serve PORT COUNT | bench_harvest setup DATA URL");
            std::process::exit(2);
        }
    }
}
