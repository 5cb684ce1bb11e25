//! Remote file refresh against a real HTTP server on 127.0.0.1, written here with a std
//! `TcpListener`: conditional requests, change detection, versions, re-validation,
//! alerts, e-mails in the file outbox, the refused loopback address and the privacy of
//! version downloads.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use catalog::refresh::{AlertKind, CheckOutcome, RefreshStore};
use catalog::{Organization, ResourceStore, Role, ValidationStatus};
use common::{App, Session};
use server::refresh::{Refreshed, refresh_resource};

/// What the test server sends, changed by the test between requests.
struct Served {
    status: u16,
    body: Vec<u8>,
    etag: String,
    /// `Last-Modified` sent with the file, when set.
    last_modified: Option<String>,
    /// The `If-None-Match` header of every request received, in order.
    conditions: Vec<Option<String>>,
    /// The `If-Modified-Since` header of every request received, in order.
    modified_since: Vec<Option<String>>,
    /// Wait before answering, to make the client time out.
    delay: std::time::Duration,
}

/// A one-file HTTP/1.1 server that honours `If-None-Match` and closes every connection.
struct FileServer {
    served: Arc<Mutex<Served>>,
    port: u16,
}

impl FileServer {
    fn start(body: &[u8], etag: &str) -> FileServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("address").port();
        let served = Arc::new(Mutex::new(Served {
            status: 200,
            body: body.to_vec(),
            etag: etag.to_string(),
            last_modified: None,
            conditions: Vec::new(),
            modified_since: Vec::new(),
            delay: std::time::Duration::ZERO,
        }));
        let shared = Arc::clone(&served);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                answer(stream, &shared);
            }
        });
        FileServer { served, port }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/exports/deliberations.csv", self.port)
    }

    fn serve(&self, body: &[u8], etag: &str) {
        let mut served = self.served.lock().expect("lock");
        served.status = 200;
        served.body = body.to_vec();
        served.etag = etag.to_string();
    }

    fn fail_with(&self, status: u16) {
        self.served.lock().expect("lock").status = status;
    }

    fn conditions(&self) -> Vec<Option<String>> {
        self.served.lock().expect("lock").conditions.clone()
    }

    /// Sends `Last-Modified: date` and no ETag from now on.
    fn use_last_modified(&self, date: &str) {
        let mut served = self.served.lock().expect("lock");
        served.etag.clear();
        served.last_modified = Some(date.to_string());
    }

    fn delay_answers(&self, delay: std::time::Duration) {
        self.served.lock().expect("lock").delay = delay;
    }

    fn modified_since(&self) -> Vec<Option<String>> {
        self.served.lock().expect("lock").modified_since.clone()
    }
}

fn answer(stream: TcpStream, served: &Mutex<Served>) {
    let mut reader = BufReader::new(stream);
    let mut if_none_match = None;
    let mut if_modified_since = None;
    let mut line = String::new();
    // Request line, then headers up to the blank line.
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        if let Some((name, value)) = trimmed.split_once(':') {
            if name.eq_ignore_ascii_case("if-none-match") {
                if_none_match = Some(value.trim().to_string());
            }
            if name.eq_ignore_ascii_case("if-modified-since") {
                if_modified_since = Some(value.trim().to_string());
            }
        }
    }

    let (status, body, etag, last_modified, delay) = {
        let mut served = served.lock().expect("lock");
        served.conditions.push(if_none_match.clone());
        served.modified_since.push(if_modified_since.clone());
        (
            served.status,
            served.body.clone(),
            served.etag.clone(),
            served.last_modified.clone(),
            served.delay,
        )
    };
    std::thread::sleep(delay);
    let mut validators = String::new();
    if !etag.is_empty() {
        validators.push_str(&format!("ETag: {etag}\r\n"));
    }
    if let Some(date) = &last_modified {
        validators.push_str(&format!("Last-Modified: {date}\r\n"));
    }
    let not_modified = (!etag.is_empty() && if_none_match.as_deref() == Some(etag.as_str()))
        || (last_modified.is_some() && if_modified_since == last_modified);
    let mut stream = reader.into_inner();
    let response = if status != 200 {
        format!("HTTP/1.1 {status} Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .into_bytes()
    } else if not_modified {
        format!("HTTP/1.1 304 Not Modified\r\n{validators}Connection: close\r\n\r\n").into_bytes()
    } else {
        let mut response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\n{validators}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        response.extend_from_slice(&body);
        response
    };
    let _ = stream.write_all(&response);
    let _ = stream.flush();
    // Drain what the client may still send before closing.
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_millis(50)));
    let _ = stream.read(&mut [0u8; 64]);
}

fn valid_csv() -> Vec<u8> {
    common::bundled_deliberations()
}

/// The same file without its last record: still valid, but different bytes.
fn shorter_valid_csv() -> Vec<u8> {
    let text = String::from_utf8(valid_csv()).expect("UTF-8 demo file");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.pop();
    let mut shorter = lines.join("\n");
    shorter.push('\n');
    shorter.into_bytes()
}

/// The same file with a date that is not a date: invalid against the schema.
fn invalid_csv() -> Vec<u8> {
    let text = String::from_utf8(valid_csv()).expect("UTF-8 demo file");
    let broken = text.replacen("2024-01-18", "pas-une-date", 1);
    assert_ne!(
        broken, text,
        "the demo file should contain the date replaced here"
    );
    broken.into_bytes()
}

struct Setup {
    app: App,
    organization: Organization,
    editor: Session,
    slug: String,
    resource_id: uuid::Uuid,
}

/// Builds an app (loopback allowed unless `allow_loopback` is false), an organisation with
/// an editor, a published dataset with the délibérations schema and a link to `url`.
async fn setup(name: &str, url: &str, allow_loopback: bool) -> Setup {
    let app = App::with_config(name, |config| {
        if allow_loopback {
            config.refresh.fetch_allow = vec!["127.0.0.1/32".to_string()];
        }
    })
    .await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations distantes", false, true)
        .await;
    let page = app
        .post_form(
            &format!("/jeux-de-donnees/{}/liens", dataset.slug),
            Some(&editor),
            &[
                ("csrf", editor.csrf.as_str()),
                ("title", "Export des délibérations"),
                ("url", url),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let resources = app
        .state
        .store()
        .resources(dataset.id)
        .await
        .expect("resources");
    assert_eq!(resources.len(), 1);
    Setup {
        app,
        organization,
        editor,
        slug: dataset.slug,
        resource_id: resources[0].id,
    }
}

async fn refresh(setup: &Setup) -> Refreshed {
    refresh_resource(&setup.app.state, setup.resource_id)
        .await
        .expect("refresh runs")
}

fn outbox_files(app: &App) -> Vec<std::path::PathBuf> {
    let folder = app.data.join("outbox");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "eml"))
        .collect()
}

fn stored_files(app: &App) -> usize {
    fn count(folder: &std::path::Path) -> usize {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return 0;
        };
        entries
            .filter_map(Result::ok)
            .map(|entry| {
                let path = entry.path();
                if path.is_dir() { count(&path) } else { 1 }
            })
            .sum()
    }
    count(&app.data.join("files"))
}

#[tokio::test]
async fn refresh_versions_and_alerts() {
    let server = FileServer::start(&valid_csv(), "\"v1\"");
    let setup = setup("refresh-versions", &server.url(), true).await;
    let app = &setup.app;
    let store = app.state.store();

    // First fetch: version 1, validated against the schema.
    let first = refresh(&setup).await;
    assert_eq!(first.outcome, CheckOutcome::Changed);
    assert_eq!(first.version, Some(1));
    assert_eq!(first.validation, Some(ValidationStatus::Valid));
    assert!(first.alerts.is_empty(), "{:?}", first.alerts);
    let resource = store
        .resource(setup.resource_id)
        .await
        .expect("read")
        .expect("resource");
    assert_eq!(resource.validation_status, ValidationStatus::Valid);
    let files_after_first = stored_files(app);
    assert_eq!(files_after_first, 1);

    // Same ETag: the server answers 304 and nothing is written.
    let second = refresh(&setup).await;
    assert_eq!(second.outcome, CheckOutcome::NotModified);
    assert_eq!(second.version, None);
    assert_eq!(
        server.conditions().last().cloned().flatten().as_deref(),
        Some("\"v1\"")
    );
    assert_eq!(stored_files(app), files_after_first);
    let schedule = store
        .refresh_state(setup.resource_id)
        .await
        .expect("read")
        .expect("schedule");
    assert_eq!(schedule.last_outcome, Some(CheckOutcome::NotModified));
    assert!(schedule.last_checked_at.is_some());

    // New ETag, same bytes: 200 but nothing new.
    server.serve(&valid_csv(), "\"v1-bis\"");
    let third = refresh(&setup).await;
    assert_eq!(third.outcome, CheckOutcome::Unchanged);
    assert_eq!(stored_files(app), files_after_first);
    assert_eq!(
        store
            .versions(setup.resource_id)
            .await
            .expect("versions")
            .len(),
        1
    );

    // Changed valid body: version 2.
    server.serve(&shorter_valid_csv(), "\"v2\"");
    let fourth = refresh(&setup).await;
    assert_eq!(fourth.outcome, CheckOutcome::Changed);
    assert_eq!(fourth.version, Some(2));
    assert_eq!(fourth.validation, Some(ValidationStatus::Valid));
    assert!(fourth.alerts.is_empty(), "{:?}", fourth.alerts);

    // Changed invalid body: version 3, alert, e-mail, version 2 still downloadable.
    server.serve(&invalid_csv(), "\"v3\"");
    let fifth = refresh(&setup).await;
    assert_eq!(fifth.outcome, CheckOutcome::Changed);
    assert_eq!(fifth.version, Some(3));
    assert_eq!(fifth.validation, Some(ValidationStatus::Invalid));
    assert_eq!(fifth.alerts, vec![AlertKind::BecameInvalid]);
    let resource = store
        .resource(setup.resource_id)
        .await
        .expect("read")
        .expect("resource");
    assert_eq!(resource.validation_status, ValidationStatus::Invalid);

    let mails = outbox_files(app);
    assert_eq!(mails.len(), 1, "one editor, one e-mail: {mails:?}");
    let mail = std::fs::read_to_string(&mails[0]).expect("read e-mail");
    assert!(mail.contains("editeur@kerbrient.fr"), "{mail}");
    let alerts = store
        .resource_alerts(setup.resource_id, 10)
        .await
        .expect("alerts");
    assert_eq!(alerts.len(), 1);
    let recorded = store.mails_for_alert(alerts[0].id).await.expect("mails");
    assert_eq!(
        recorded,
        vec![("editeur@kerbrient.fr".to_string(), "sent".to_string())]
    );

    let base = format!(
        "/jeux-de-donnees/{}/ressources/{}",
        setup.slug, setup.resource_id
    );
    let previous = app.get(&format!("{base}/versions/2"), None).await;
    assert_eq!(previous.status, StatusCode::OK);
    assert_eq!(previous.body.as_bytes(), shorter_valid_csv().as_slice());
    let current = app.get(&format!("{base}/telechargement"), None).await;
    assert_eq!(current.status, StatusCode::OK);
    assert_eq!(current.body.as_bytes(), invalid_csv().as_slice());
    let missing = app.get(&format!("{base}/versions/9"), None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // The editor sees the history and the alert, on the resource page and in /espace.
    let page = app.get(&base, Some(&setup.editor)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!("{base}/versions/3")),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!("{base}/versions/1")));
    assert!(
        page.body.contains("data-alert-kind=\"became-invalid\""),
        "{}",
        page.body
    );
    let space = app.get("/espace", Some(&setup.editor)).await;
    assert_eq!(space.status, StatusCode::OK);
    assert!(
        space.body.contains("data-alert-kind=\"became-invalid\""),
        "{}",
        space.body
    );
    let anonymous = app.get(&base, None).await;
    assert!(
        !anonymous.body.contains("/versions/"),
        "history is for editors"
    );

    // Marking the alert as seen.
    let seen = app
        .post_form(
            &format!("/espace/alertes/{}/vue", alerts[0].id),
            Some(&setup.editor),
            &[("csrf", setup.editor.csrf.as_str()), ("next", "/espace")],
        )
        .await;
    assert_eq!(seen.status, StatusCode::SEE_OTHER);
    assert_eq!(seen.location(), "/espace");
    let alert = store
        .alert(alerts[0].id)
        .await
        .expect("read")
        .expect("alert");
    assert!(alert.seen_at.is_some());

    // Valid again: recovered.
    server.serve(&valid_csv(), "\"v4\"");
    let sixth = refresh(&setup).await;
    assert_eq!(sixth.version, Some(4));
    assert_eq!(sixth.alerts, vec![AlertKind::Recovered]);
}

#[tokio::test]
async fn failing_url_raises_one_alert() {
    let server = FileServer::start(&valid_csv(), "\"v1\"");
    server.fail_with(404);
    let setup = setup("refresh-failing", &server.url(), true).await;
    let store = setup.app.state.store();

    let first = refresh(&setup).await;
    assert_eq!(first.outcome, CheckOutcome::Failed);
    assert_eq!(first.alerts, vec![AlertKind::UrlFailed]);
    let reason = first.failure.expect("reason");
    assert_eq!(reason.message_id, "refresh-fetch-status");
    assert!(
        reason
            .args
            .contains(&("status".to_string(), "404".to_string()))
    );
    assert_eq!(outbox_files(&setup.app).len(), 1);

    // A second failure backs off without a second alert.
    let second = refresh(&setup).await;
    assert_eq!(second.outcome, CheckOutcome::Failed);
    assert!(second.alerts.is_empty(), "{:?}", second.alerts);
    let schedule = store
        .refresh_state(setup.resource_id)
        .await
        .expect("read")
        .expect("schedule");
    assert_eq!(schedule.consecutive_failures, 2);
    let checked: jiff::Timestamp = schedule
        .last_checked_at
        .as_deref()
        .expect("checked")
        .parse()
        .expect("time");
    let due: jiff::Timestamp = schedule.next_due_at.parse().expect("time");
    assert_eq!(due.duration_since(checked).as_secs(), 2 * 86_400);

    // The resource page tells the editor why, in French.
    let page = setup
        .app
        .get(
            &format!(
                "/jeux-de-donnees/{}/ressources/{}",
                setup.slug, setup.resource_id
            ),
            Some(&setup.editor),
        )
        .await;
    assert!(page.body.contains("erreur HTTP 404"), "{}", page.body);

    // Back online: a new version and the recovered alert.
    server.serve(&valid_csv(), "\"v1\"");
    let third = refresh(&setup).await;
    assert_eq!(third.outcome, CheckOutcome::Changed);
    assert_eq!(third.alerts, vec![AlertKind::Recovered]);
}

#[tokio::test]
async fn loopback_refused_without_allow_list() {
    let server = FileServer::start(&valid_csv(), "\"v1\"");
    let setup = setup("refresh-loopback", &server.url(), false).await;

    let refreshed = refresh(&setup).await;
    assert_eq!(refreshed.outcome, CheckOutcome::Failed);
    assert_eq!(refreshed.alerts, vec![AlertKind::UrlFailed]);
    let reason = refreshed.failure.expect("reason");
    assert_eq!(reason.message_id, "refresh-fetch-address-rejected");
    assert!(
        server.conditions().is_empty(),
        "no request may reach the server"
    );

    let french =
        server::refresh::pages::render_message(setup.app.state.messages(i18n::Lang::Fr), &reason);
    assert!(french.contains("127.0.0.1"), "{french}");
    assert!(
        french.contains("n'est pas une adresse publique"),
        "{french}"
    );
    assert!(french.contains("fetch_allow"), "{french}");
    assert!(
        setup
            .app
            .state
            .store()
            .versions(setup.resource_id)
            .await
            .expect("versions")
            .is_empty()
    );
}

#[tokio::test]
async fn private_versions_stay_private() {
    let server = FileServer::start(&valid_csv(), "\"v1\"");
    let setup = setup("refresh-private", &server.url(), true).await;
    let app = &setup.app;
    refresh(&setup).await;
    app.state
        .store()
        .set_resource_private(setup.resource_id, true)
        .await
        .expect("private");

    let other = app.organization("Commune voisine").await;
    let outsider = app
        .user("membre@voisine.fr", Some((&other, Role::Admin)))
        .await;
    let member = app
        .user(
            "lecteur@kerbrient.fr",
            Some((&setup.organization, Role::Member)),
        )
        .await;
    let base = format!(
        "/jeux-de-donnees/{}/ressources/{}",
        setup.slug, setup.resource_id
    );
    for path in [
        format!("{base}/versions/1"),
        format!("{base}/telechargement"),
    ] {
        let outsider_page = app.get(&path, Some(&outsider)).await;
        assert_eq!(outsider_page.status, StatusCode::NOT_FOUND, "{path}");
        let anonymous_page = app.get(&path, None).await;
        assert_eq!(anonymous_page.status, StatusCode::NOT_FOUND, "{path}");
        let member_page = app.get(&path, Some(&member)).await;
        assert_eq!(member_page.status, StatusCode::NOT_FOUND, "{path}");
        let editor_page = app.get(&path, Some(&setup.editor)).await;
        assert_eq!(editor_page.status, StatusCode::OK, "{path}");
        assert_eq!(editor_page.body.as_bytes(), valid_csv().as_slice());
    }
}

#[tokio::test]
async fn editor_settings_and_refresh_now() {
    let server = FileServer::start(&valid_csv(), "\"v1\"");
    let setup = setup("refresh-actions", &server.url(), true).await;
    let app = &setup.app;
    let base = format!(
        "/jeux-de-donnees/{}/ressources/{}",
        setup.slug, setup.resource_id
    );
    let csrf = setup.editor.csrf.as_str();

    let weekly = app
        .post_form(
            &format!("{base}/actualisation"),
            Some(&setup.editor),
            &[("csrf", csrf), ("interval", "604800"), ("enabled", "yes")],
        )
        .await;
    assert_eq!(weekly.status, StatusCode::SEE_OTHER);
    let schedule = app
        .state
        .store()
        .refresh_state(setup.resource_id)
        .await
        .expect("read")
        .expect("schedule");
    assert_eq!(schedule.interval_seconds, 604_800);
    assert!(schedule.enabled);

    let too_short = app
        .post_form(
            &format!("{base}/actualisation"),
            Some(&setup.editor),
            &[("csrf", csrf), ("interval", "60"), ("enabled", "yes")],
        )
        .await;
    assert_eq!(too_short.status, StatusCode::BAD_REQUEST);
    assert!(
        too_short.body.contains("entre 15 minutes et 31 jours"),
        "{}",
        too_short.body
    );

    let member = app
        .user(
            "lecteur@kerbrient.fr",
            Some((&setup.organization, Role::Member)),
        )
        .await;
    let forbidden = app
        .post_form(
            &format!("{base}/actualiser"),
            Some(&member),
            &[("csrf", member.csrf.as_str())],
        )
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let forged = app
        .post_form(
            &format!("{base}/actualiser"),
            Some(&setup.editor),
            &[("csrf", "forged")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    let started = app
        .post_form(
            &format!("{base}/actualiser"),
            Some(&setup.editor),
            &[("csrf", csrf)],
        )
        .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER);
    assert_eq!(started.location(), base);
    let mut versions = Vec::new();
    for _ in 0..200 {
        versions = app
            .state
            .store()
            .versions(setup.resource_id)
            .await
            .expect("versions");
        let done = versions
            .first()
            .is_some_and(|version| version.validation_status == ValidationStatus::Valid);
        if done {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(versions.len(), 1, "the manual refresh stored version 1");
}

#[tokio::test]
async fn alert_mail_in_recipient_language() {
    let server = FileServer::start(&valid_csv(), "\"v1\"");
    server.fail_with(500);
    let setup = setup("refresh-mail-lang", &server.url(), true).await;
    let app = &setup.app;
    let english = app
        .user(
            "editor@kerbrient.example",
            Some((&setup.organization, Role::Admin)),
        )
        .await;
    // Visiting the editor's space in English records the language for e-mails.
    let space = app.get("/espace?lang=en", Some(&english)).await;
    assert_eq!(space.status, StatusCode::OK);

    let refreshed = refresh(&setup).await;
    assert_eq!(refreshed.alerts, vec![AlertKind::UrlFailed]);
    let store = app.state.store();
    let alert = store
        .resource_alerts(setup.resource_id, 1)
        .await
        .expect("alerts")
        .remove(0);
    let recipients = store
        .alert_recipients(setup.organization.id)
        .await
        .expect("recipients");
    assert_eq!(recipients.len(), 2);
    for recipient in &recipients {
        let lang = recipient
            .lang
            .as_deref()
            .and_then(i18n::Lang::from_tag)
            .unwrap_or_default();
        let (subject, body) = server::refresh::mail::compose(
            app.state.messages(lang),
            &alert,
            recipient,
            "https://donnees.example.fr",
        );
        let link = format!(
            "https://donnees.example.fr/jeux-de-donnees/{}/ressources/{}",
            alert.dataset_slug, alert.resource_id
        );
        assert!(body.contains(&link), "{body}");
        if recipient.email == "editor@kerbrient.example" {
            assert!(subject.contains("Remote file unreachable"), "{subject}");
            assert!(body.contains("HTTP error 500"), "{body}");
        } else {
            assert!(
                subject.contains("Fichier distant inaccessible"),
                "{subject}"
            );
            assert!(body.contains("erreur HTTP 500"), "{body}");
        }
    }
    assert_eq!(outbox_files(app).len(), 2);
}

/// Accepts one SMTP session on 127.0.0.1 and returns the envelope recipients and the
/// message data it received.
fn smtp_sink() -> (u16, std::thread::JoinHandle<(Vec<String>, String)>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("address").port();
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().expect("SMTP client");
        let mut writer = stream.try_clone().expect("clone");
        let mut reader = BufReader::new(stream);
        let mut recipients = Vec::new();
        let mut data = String::new();
        writer.write_all(b"220 test ESMTP\r\n").expect("greeting");
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            let command = line.trim_end().to_ascii_uppercase();
            let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
                b"250 test\r\n"
            } else if command.starts_with("RCPT TO:") {
                recipients.push(line.trim_end()[8..].trim().to_string());
                b"250 OK\r\n"
            } else if command == "DATA" {
                writer.write_all(b"354 end with .\r\n").expect("reply");
                loop {
                    line.clear();
                    reader.read_line(&mut line).expect("data line");
                    if line == ".\r\n" {
                        break;
                    }
                    data.push_str(&line);
                }
                b"250 queued\r\n"
            } else if command == "QUIT" {
                writer.write_all(b"221 bye\r\n").expect("reply");
                break;
            } else {
                b"250 OK\r\n"
            };
            writer.write_all(reply).expect("reply");
        }
        (recipients, data)
    });
    (port, handle)
}

#[tokio::test]
async fn alert_mail_through_smtp() {
    let (smtp_port, smtp) = smtp_sink();
    let server = FileServer::start(&valid_csv(), "\"v1\"");
    server.fail_with(404);
    let app = App::with_config("refresh-smtp", |config| {
        config.refresh.fetch_allow = vec!["127.0.0.1/32".to_string()];
        config.refresh.smtp_url = Some(format!("smtp://127.0.0.1:{smtp_port}"));
        config.refresh.mail_from = "opendata@kerbrient.fr".to_string();
    })
    .await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations distantes", false, true)
        .await;
    let page = app
        .post_form(
            &format!("/jeux-de-donnees/{}/liens", dataset.slug),
            Some(&editor),
            &[
                ("csrf", editor.csrf.as_str()),
                ("title", "Export"),
                ("url", &server.url()),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let resource_id = app
        .state
        .store()
        .resources(dataset.id)
        .await
        .expect("resources")[0]
        .id;

    let refreshed = refresh_resource(&app.state, resource_id)
        .await
        .expect("refresh runs");
    assert_eq!(refreshed.alerts, vec![AlertKind::UrlFailed]);

    let (recipients, data) = tokio::task::spawn_blocking(move || smtp.join().expect("SMTP"))
        .await
        .expect("join");
    assert_eq!(recipients, vec!["<editeur@kerbrient.fr>".to_string()]);
    assert!(data.contains("From: opendata@kerbrient.fr"), "{data}");
    assert!(data.contains("To: editeur@kerbrient.fr"), "{data}");
    assert!(
        outbox_files(&app).is_empty(),
        "SMTP replaces the file outbox"
    );
    let alert = app
        .state
        .store()
        .resource_alerts(resource_id, 1)
        .await
        .expect("alerts")
        .remove(0);
    let recorded = app
        .state
        .store()
        .mails_for_alert(alert.id)
        .await
        .expect("mails");
    assert_eq!(
        recorded,
        vec![("editeur@kerbrient.fr".to_string(), "sent".to_string())]
    );
}

/// The demo file with a private person named in the object of a délibération.
fn personal_data_csv() -> Vec<u8> {
    let text = String::from_utf8(valid_csv()).expect("UTF-8 demo file");
    let changed = text.replacen(
        "Vote du budget primitif 2024",
        "Vente à M. Jean Kerhervé demeurant 4 rue des Lilas",
        1,
    );
    assert_ne!(
        changed, text,
        "the demo file should contain the object replaced here"
    );
    changed.into_bytes()
}

#[tokio::test]
async fn personal_data_version_served_to_editors_only() {
    let server = FileServer::start(&valid_csv(), "\"v1\"");
    let setup = setup("refresh-personal-data", &server.url(), true).await;
    let app = &setup.app;
    refresh(&setup).await;

    server.serve(&personal_data_csv(), "\"v2\"");
    let refreshed = refresh(&setup).await;
    assert_eq!(refreshed.version, Some(2));
    assert!(
        refreshed.alerts.contains(&AlertKind::BecameInvalid),
        "{:?}",
        refreshed.alerts
    );
    let alerts = app
        .state
        .store()
        .resource_alerts(setup.resource_id, 5)
        .await
        .expect("alerts");
    assert!(
        alerts
            .iter()
            .any(|alert| alert.detail.message_id == "refresh-detail-personal-data"),
        "{alerts:?}"
    );

    let base = format!(
        "/jeux-de-donnees/{}/ressources/{}",
        setup.slug, setup.resource_id
    );
    let anonymous_current = app.get(&format!("{base}/telechargement"), None).await;
    assert_eq!(anonymous_current.status, StatusCode::OK);
    assert_eq!(anonymous_current.body.as_bytes(), valid_csv().as_slice());
    let anonymous_version = app.get(&format!("{base}/versions/2"), None).await;
    assert_eq!(anonymous_version.status, StatusCode::NOT_FOUND);
    let editor_current = app
        .get(&format!("{base}/telechargement"), Some(&setup.editor))
        .await;
    assert_eq!(
        editor_current.body.as_bytes(),
        personal_data_csv().as_slice()
    );
    let editor_version = app
        .get(&format!("{base}/versions/2"), Some(&setup.editor))
        .await;
    assert_eq!(editor_version.status, StatusCode::OK);
}

#[tokio::test]
async fn scheduler_refreshes_due_links_once() {
    let server = FileServer::start(&valid_csv(), "\"v1\"");
    let setup = setup("refresh-scheduler", &server.url(), true).await;
    let tried = server::refresh::scheduler::run_due(&setup.app.state).await;
    assert_eq!(tried, 1, "a new link is due at once");
    let versions = setup
        .app
        .state
        .store()
        .versions(setup.resource_id)
        .await
        .expect("versions");
    assert_eq!(versions.len(), 1);
    let again = server::refresh::scheduler::run_due(&setup.app.state).await;
    assert_eq!(again, 0, "the next check is one interval later");
    assert_eq!(server.conditions().len(), 1);
}

#[tokio::test]
async fn last_modified_makes_request_conditional() {
    let server = FileServer::start(&valid_csv(), "");
    server.use_last_modified("Wed, 02 Dec 2026 08:00:00 GMT");
    let setup = setup("refresh-last-modified", &server.url(), true).await;

    let first = refresh(&setup).await;
    assert_eq!(first.outcome, CheckOutcome::Changed);
    let second = refresh(&setup).await;
    assert_eq!(second.outcome, CheckOutcome::NotModified);
    assert_eq!(
        server.modified_since(),
        vec![None, Some("Wed, 02 Dec 2026 08:00:00 GMT".to_string())]
    );
    assert_eq!(
        server.conditions(),
        vec![None, None],
        "no ETag was ever sent"
    );
}

#[tokio::test]
async fn slow_or_large_file_fails_with_reason() {
    let server = FileServer::start(&valid_csv(), "\"v1\"");
    let app = App::with_config("refresh-limits", |config| {
        config.refresh.fetch_allow = vec!["127.0.0.1/32".to_string()];
        config.refresh.fetch_timeout_seconds = 1;
        config.max_upload_bytes = 64;
    })
    .await;
    let organization = app.organization("Commune de Kerbrient").await;
    let editor = app
        .user("editeur@kerbrient.fr", Some((&organization, Role::Editor)))
        .await;
    let dataset = app
        .dataset(&organization, "Délibérations distantes", false, true)
        .await;
    let page = app
        .post_form(
            &format!("/jeux-de-donnees/{}/liens", dataset.slug),
            Some(&editor),
            &[
                ("csrf", editor.csrf.as_str()),
                ("title", "Export"),
                ("url", &server.url()),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let resource_id = app
        .state
        .store()
        .resources(dataset.id)
        .await
        .expect("resources")[0]
        .id;

    // The demo file is larger than the 64-byte limit.
    let large = refresh_resource(&app.state, resource_id)
        .await
        .expect("refresh runs");
    assert_eq!(large.outcome, CheckOutcome::Failed);
    let reason = large.failure.expect("reason");
    assert_eq!(reason.message_id, "refresh-fetch-too-large");
    assert!(
        reason
            .args
            .contains(&("limit".to_string(), "64".to_string()))
    );
    assert_eq!(stored_files(&app), 0, "nothing of a rejected file is kept");

    // A server slower than the 1 s timeout.
    server.serve(b"a,b\n1,2\n", "\"small\"");
    server.delay_answers(std::time::Duration::from_secs(3));
    let slow = refresh_resource(&app.state, resource_id)
        .await
        .expect("refresh runs");
    assert_eq!(slow.outcome, CheckOutcome::Failed);
    let reason = slow.failure.expect("reason");
    assert_eq!(reason.message_id, "refresh-fetch-timeout", "{reason:?}");
    assert!(slow.alerts.is_empty(), "one alert per series of failures");
    let schedule = app
        .state
        .store()
        .refresh_state(resource_id)
        .await
        .expect("read")
        .expect("schedule");
    assert_eq!(schedule.consecutive_failures, 2);
}

#[tokio::test]
async fn version_withheld_while_checked() {
    let server = FileServer::start(&valid_csv(), "\"v1\"");
    let setup = setup("refresh-withheld", &server.url(), true).await;
    let app = &setup.app;
    refresh(&setup).await;
    server.serve(&personal_data_csv(), "\"v2\"");
    refresh(&setup).await;

    // As between storing version 2 and the end of its validation and scan.
    let store = app.state.store();
    store
        .set_version_validation(
            setup.resource_id,
            2,
            catalog::ValidationStatus::Running,
            None,
        )
        .await
        .expect("version status");
    store
        .set_validation(setup.resource_id, catalog::ValidationStatus::Running, None)
        .await
        .expect("resource status");

    let base = format!(
        "/jeux-de-donnees/{}/ressources/{}",
        setup.slug, setup.resource_id
    );
    let anonymous_version = app.get(&format!("{base}/versions/2"), None).await;
    assert_eq!(anonymous_version.status, StatusCode::NOT_FOUND);
    let anonymous_current = app.get(&format!("{base}/telechargement"), None).await;
    assert_eq!(anonymous_current.status, StatusCode::OK);
    assert_eq!(anonymous_current.body.as_bytes(), valid_csv().as_slice());
    let editor_version = app
        .get(&format!("{base}/versions/2"), Some(&setup.editor))
        .await;
    assert_eq!(editor_version.status, StatusCode::OK);
}
