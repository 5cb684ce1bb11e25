//! The file sweeper against a real database and file store: every file that a
//! storage-key column references survives, including columns of tables created after the
//! sweeper was written, and only old unreferenced files go.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use catalog::files::FileStore;
use catalog::store::NewResource;
use catalog::sweep::sweep_files;
use catalog::{
    DatasetFields, DatasetStore, NewOrganization, OrganizationKind, OrganizationStore,
    ResourceSource, ResourceStore, SqliteStore, ValidationStatus,
};

fn temp_folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!(
        "socle-sweep-{name}-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&folder).expect("temporary folder");
    folder
}

async fn store_file(files: &FileStore, content: &[u8]) -> String {
    let mut pending = files.begin(1024).await.expect("begin");
    pending.write(content).await.expect("write");
    pending.commit(files).await.expect("commit").key
}

/// Moves a stored file's modification time two hours back, past the safety age.
fn age(files: &FileStore, key: &str) {
    let path = files.path(key).expect("valid key");
    let file = std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("open stored file");
    let past = SystemTime::now() - Duration::from_secs(2 * 3600);
    file.set_modified(past).expect("set modification time");
}

fn exists(files: &FileStore, key: &str) -> bool {
    files.path(key).is_some_and(|path| path.exists())
}

/// Runs SQL on the database file through a separate connection, as a later migration would.
async fn execute(database: &Path, sql: &str) {
    use sqlx::ConnectOptions;
    use sqlx::Connection;
    let mut connection = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(database)
        .connect()
        .await
        .expect("connect");
    sqlx::query(sql)
        .execute(&mut connection)
        .await
        .expect("execute");
    connection.close().await.expect("close");
}

struct Fixture {
    store: SqliteStore,
    files: FileStore,
    /// Keys that some row references.
    referenced: Vec<(&'static str, String)>,
    old_orphan: String,
    young_orphan: String,
}

async fn fixture(name: &str) -> Fixture {
    let folder = temp_folder(name);
    let database = folder.join("catalog.db");
    let store = SqliteStore::open(&database).await.expect("catalogue");
    let files = FileStore::open(&folder).expect("file store");

    let organization = store
        .create_organization(&NewOrganization {
            name: "Commune de Kerbrient".into(),
            siren: None,
            kind: OrganizationKind::Commune,
            description: String::new(),
        })
        .await
        .expect("organisation");
    let fields = DatasetFields {
        title: "Délibérations".into(),
        licence: "lov2".into(),
        frequency: "MONTHLY".into(),
        ..DatasetFields::default()
    };
    let dataset = store
        .create_dataset(organization.id, &fields)
        .await
        .expect("dataset");

    let resource_key = store_file(&files, b"id,nom\n1,a\n").await;
    let resource = store
        .add_resource(
            dataset.id,
            &NewResource {
                title: "donnees.csv".into(),
                source: ResourceSource::File {
                    file_name: "donnees.csv".into(),
                    storage_key: resource_key.clone(),
                    size: 11,
                    sha256: String::new(),
                },
                format: "csv".into(),
                schema_slug: None,
                validation_status: ValidationStatus::None,
            },
        )
        .await
        .expect("resource");

    let logo_key = store_file(&files, b"logo").await;
    store
        .set_organization_logo(organization.id, Some(&logo_key))
        .await
        .expect("logo");

    let record_key = store_file(&files, b"{}").await;
    store
        .add_redaction_record(resource.id, resource.id, None, &record_key)
        .await
        .expect("redaction record");

    // A table that no code of the sweeper names, following the naming rule.
    let later_key = store_file(&files, b"later").await;
    execute(
        &database,
        "CREATE TABLE later_feature (id INTEGER PRIMARY KEY, archive_key TEXT)",
    )
    .await;
    execute(
        &database,
        &format!("INSERT INTO later_feature (archive_key) VALUES ('{later_key}')"),
    )
    .await;

    let old_orphan = store_file(&files, b"orphan").await;
    let young_orphan = store_file(&files, b"young orphan").await;
    let referenced = vec![
        ("resources.storage_key", resource_key),
        ("organizations.logo_key", logo_key),
        ("redaction_records.record_key", record_key),
        ("later_feature.archive_key", later_key),
    ];
    for (_, key) in &referenced {
        age(&files, key);
    }
    age(&files, &old_orphan);
    Fixture {
        store,
        files,
        referenced,
        old_orphan,
        young_orphan,
    }
}

#[tokio::test]
async fn key_columns_found_in_live_schema() {
    let fixture = fixture("columns").await;
    let columns: Vec<String> = fixture
        .store
        .storage_key_columns()
        .await
        .expect("columns")
        .into_iter()
        .map(|column| format!("{}.{}", column.table, column.column))
        .collect();
    for expected in [
        "resources.storage_key",
        "organizations.logo_key",
        "redaction_records.record_key",
        "resource_versions.storage_key",
        "later_feature.archive_key",
    ] {
        assert!(
            columns.iter().any(|column| column == expected),
            "{expected} missing from {columns:?}"
        );
    }
}

#[tokio::test]
async fn dry_run_lists_without_removing() {
    let fixture = fixture("dry-run").await;
    let report = sweep_files(
        &fixture.store,
        &fixture.files,
        Duration::from_secs(3600),
        true,
    )
    .await
    .expect("sweep");
    assert_eq!(report.removed, vec![fixture.old_orphan.clone()]);
    assert_eq!(report.removed_bytes, 6);
    assert!(exists(&fixture.files, &fixture.old_orphan));
}

#[tokio::test]
async fn sweep_keeps_every_referenced_file() {
    let fixture = fixture("sweep").await;
    let report = sweep_files(
        &fixture.store,
        &fixture.files,
        Duration::from_secs(3600),
        false,
    )
    .await
    .expect("sweep");

    assert_eq!(report.examined, 6);
    assert_eq!(report.removed, vec![fixture.old_orphan.clone()]);
    assert_eq!(report.too_young, 1);
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert!(!exists(&fixture.files, &fixture.old_orphan));
    assert!(exists(&fixture.files, &fixture.young_orphan));
    for (column, key) in &fixture.referenced {
        assert!(
            exists(&fixture.files, key),
            "file referenced by {column} was swept"
        );
    }
}

#[tokio::test]
async fn replaced_logo_becomes_sweepable() {
    let fixture = fixture("logo").await;
    let organization = fixture
        .store
        .organizations()
        .await
        .expect("organisations")
        .remove(0);
    let previous = fixture
        .store
        .set_organization_logo(organization.id, None)
        .await
        .expect("clear logo");
    let logo_key = previous.expect("a logo was set");
    let report = sweep_files(
        &fixture.store,
        &fixture.files,
        Duration::from_secs(3600),
        false,
    )
    .await
    .expect("sweep");
    assert!(report.removed.contains(&logo_key));
    assert!(!exists(&fixture.files, &logo_key));
}
