//! `kill -9` during an upload or a publication leaves no half-published resource and loses
//! no existing data.
//!
//! The test starts a real server in a child process: this test binary, running the ignored
//! `child_server` helper. It sends uploads over loopback TCP, kills the child with SIGKILL
//! at various moments, restarts it and checks the catalogue. Every resource's file must
//! exist with the recorded size and SHA-256, the existing dataset and file must be intact,
//! and no temporary file may survive the restart.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use catalog::files::FileStore;
use catalog::store::NewResource;
use catalog::{
    DatasetFields, DatasetStore, NewOrganization, OrganizationKind, OrganizationStore,
    ResourceSource, ResourceStore, Role, SessionStore, SqliteStore, UserStore, ValidationStatus,
    Viewer,
};
use sha2::{Digest, Sha256};

const CHILD_DATA: &str = "SOCLE_DURABILITY_DATA";
const CHILD_BIND: &str = "SOCLE_DURABILITY_BIND";

#[test]
#[ignore = "helper process: started and killed by kill_during_upload_and_publication"]
fn child_server() {
    let (Ok(data), Ok(bind)) = (std::env::var(CHILD_DATA), std::env::var(CHILD_BIND)) else {
        return;
    };
    let bind: SocketAddr = bind.parse().expect("bind address");
    let config = server::Config {
        data: PathBuf::from(data),
        bind,
        ..server::Config::default()
    };
    server::serve_blocking(config, None).expect("server runs");
}

/// What the test prepared before starting the server.
struct Fixture {
    dataset_slug: String,
    dataset_id: uuid::Uuid,
    existing_sha256: String,
    session_cookie: String,
    csrf: String,
}

async fn prepare(data: &Path) -> Fixture {
    let store = SqliteStore::open(&data.join("catalog.db"))
        .await
        .expect("store");
    let files = FileStore::open(data).expect("files");
    let new = NewOrganization {
        name: "Commune de Kerbrient".into(),
        siren: None,
        kind: OrganizationKind::Commune,
        description: String::new(),
    };
    let organization = store.create_organization(&new).await.expect("organisation");
    let user = store
        .create_user(
            "editeur@kerbrient.fr",
            "Éditeur",
            "mot de passe de test",
            false,
        )
        .await
        .expect("user");
    store
        .set_membership(user.id, organization.id, Role::Editor)
        .await
        .expect("membership");
    let fields = DatasetFields {
        title: "Délibérations existantes".into(),
        licence: "lov2".into(),
        frequency: "MONTHLY".into(),
        ..DatasetFields::default()
    };
    let dataset = store
        .create_dataset(organization.id, &fields)
        .await
        .expect("dataset");
    store
        .set_published(dataset.id, true)
        .await
        .expect("publish");

    let content = common::bundled_deliberations();
    let mut pending = files.begin(u64::MAX).await.expect("begin");
    pending.write(&content).await.expect("write");
    let stored = pending.commit(&files).await.expect("commit");
    let source = ResourceSource::File {
        file_name: "existant.csv".into(),
        storage_key: stored.key.clone(),
        size: stored.size,
        sha256: stored.sha256.clone(),
    };
    let new = NewResource {
        title: "existant.csv".into(),
        source,
        format: "csv".into(),
        schema_slug: None,
        validation_status: ValidationStatus::None,
    };
    store
        .add_resource(dataset.id, &new)
        .await
        .expect("resource");

    let (token, csrf) = store.create_session(user.id, 3600).await.expect("session");
    store.close().await;
    Fixture {
        dataset_slug: dataset.slug,
        dataset_id: dataset.id,
        existing_sha256: stored.sha256,
        session_cookie: format!("socle_session={token}"),
        csrf,
    }
}

fn free_address() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("free port");
    listener.local_addr().expect("address")
}

fn start_child(data: &Path, address: SocketAddr) -> Child {
    let executable = std::env::current_exe().expect("test binary");
    let mut child = Command::new(executable)
        .args(["child_server", "--exact", "--ignored", "--nocapture"])
        .env(CHILD_DATA, data)
        .env(CHILD_BIND, address.to_string())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("child server starts");
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(mut stream) = TcpStream::connect(address) {
            let _ = stream.write_all(
                b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            );
            let mut answer = String::new();
            let _ = stream.read_to_string(&mut answer);
            if answer.starts_with("HTTP/1.1 200") {
                return child;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("child server did not answer /healthz within 20 s");
}

fn kill(mut child: Child) {
    // `Child::kill` sends SIGKILL on Unix: the process gets no chance to clean up.
    child.kill().expect("kill -9");
    child.wait().expect("reap");
}

/// Sends the head of a multipart upload announcing `total` file bytes, then `sent` bytes.
fn upload_prefix(address: SocketAddr, fixture: &Fixture, total: usize, sent: usize) -> TcpStream {
    let boundary = "durability-boundary";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"nouveau.csv\"\r\nContent-Type: text/csv\r\n\r\n",
        fixture.csrf
    );
    let tail = format!("\r\n--{boundary}--\r\n");
    let length = head.len() + total + tail.len();
    let mut stream = TcpStream::connect(address).expect("connect");
    let request = format!(
        "POST /jeux-de-donnees/{}/ressources HTTP/1.1\r\nHost: localhost\r\nCookie: {}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n",
        fixture.dataset_slug, fixture.session_cookie
    );
    stream.write_all(request.as_bytes()).expect("request head");
    stream.write_all(head.as_bytes()).expect("form head");
    let line = b"Commune de Kerbrient,21290059100019,2024-001,2024-01-18,7.1,Budget,Vote,2024,,PREF029,2024-01-25,15,14,12,1,1,\n";
    let mut written = 0;
    while written < sent {
        let take = line.len().min(sent - written);
        stream.write_all(&line[..take]).expect("file bytes");
        written += take;
    }
    if sent == total {
        stream.write_all(tail.as_bytes()).expect("form tail");
    }
    stream
}

/// Checks that every resource of the dataset points at a complete file, and returns them.
async fn check_catalogue(data: &Path, fixture: &Fixture) -> Vec<catalog::Resource> {
    let store = SqliteStore::open(&data.join("catalog.db"))
        .await
        .expect("reopen store");
    let files = FileStore::open(data).expect("files");
    let viewer = Viewer {
        user_id: None,
        platform_admin: true,
    };
    let hit = store
        .dataset(&viewer, &fixture.dataset_slug)
        .await
        .expect("read")
        .expect("existing dataset survives");
    assert_eq!(hit.dataset.id, fixture.dataset_id);
    let resources = store
        .resources(fixture.dataset_id)
        .await
        .expect("resources");
    for resource in &resources {
        let ResourceSource::File {
            storage_key,
            size,
            sha256,
            ..
        } = &resource.source
        else {
            continue;
        };
        let path = files.path(storage_key).expect("valid key");
        let content =
            std::fs::read(&path).unwrap_or_else(|_| panic!("resource {} has no file", resource.id));
        assert_eq!(
            content.len() as u64,
            *size,
            "resource {} is truncated",
            resource.id
        );
        assert_eq!(
            &hex::encode(Sha256::digest(&content)),
            sha256,
            "resource {} content differs",
            resource.id
        );
    }
    assert!(resources.iter().any(|resource| matches!(&resource.source, ResourceSource::File { sha256, .. } if *sha256 == fixture.existing_sha256)));
    store.close().await;
    resources
}

#[test]
fn kill_during_upload_and_publication() {
    let data = common::temp_data("durability");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let fixture = runtime.block_on(prepare(&data));
    let address = free_address();

    // Killed in the middle of a large upload: nothing is published, the partial file is
    // only in tmp/, and the next start removes it.
    let child = start_child(&data, address);
    let stream = upload_prefix(address, &fixture, 50 * 1024 * 1024, 4 * 1024 * 1024);
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::fs::read_dir(data.join("tmp"))
        .map(|entries| entries.count())
        .unwrap_or(0)
        == 0
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        std::fs::read_dir(data.join("tmp")).expect("tmp").count() > 0,
        "upload reached the disk before the kill"
    );
    kill(child);
    drop(stream);
    let resources = runtime.block_on(check_catalogue(&data, &fixture));
    assert_eq!(resources.len(), 1, "the interrupted upload left a resource");

    let child = start_child(&data, address);
    assert_eq!(
        std::fs::read_dir(data.join("tmp")).expect("tmp").count(),
        0,
        "restart clears partial uploads"
    );

    // Killed right after complete uploads, at several delays around the publication: each
    // upload is either fully there or absent.
    let mut child = child;
    for delay_ms in [0u64, 2, 5, 10, 20, 40, 80] {
        let mut stream = upload_prefix(address, &fixture, 512 * 1024, 512 * 1024);
        std::thread::sleep(Duration::from_millis(delay_ms));
        kill(child);
        let mut ignored = Vec::new();
        let _ = stream.read_to_end(&mut ignored);
        runtime.block_on(check_catalogue(&data, &fixture));
        child = start_child(&data, address);
    }
    let resources = runtime.block_on(check_catalogue(&data, &fixture));
    assert!(resources.len() <= 8);
    kill(child);
}
