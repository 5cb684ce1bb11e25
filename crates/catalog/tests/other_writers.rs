//! Writes made through another connection to the same database file, as another
//! `socle` process would make them, reach the caches of a running store.

use std::time::{Duration, Instant};

use catalog::{NewOrganization, OrganizationKind, OrganizationStore, SqliteStore};

#[tokio::test]
async fn other_process_write_empties_caches() {
    let folder = std::env::temp_dir().join(format!(
        "socle-other-writers-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&folder).expect("folder");
    let path = folder.join("catalog.db");
    let server = SqliteStore::open(&path).await.expect("server store");
    let watcher = server
        .watch_other_writers(&path, Duration::from_millis(20))
        .await
        .expect("watcher");

    let before = server.write_generation();
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(
        server.write_generation(),
        before,
        "no write, no change of generation"
    );

    let other = SqliteStore::open(&path).await.expect("other store");
    other
        .create_organization(&NewOrganization {
            name: "Commune de Kerbrient".into(),
            siren: None,
            kind: OrganizationKind::Commune,
            description: String::new(),
        })
        .await
        .expect("organisation");

    let deadline = Instant::now() + Duration::from_secs(5);
    while server.write_generation() == before && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_ne!(
        server.write_generation(),
        before,
        "the other connection's write empties the caches"
    );
    watcher.abort();
    other.close().await;
    server.close().await;
    let _ = std::fs::remove_dir_all(&folder);
}
