//! Sign-in limits over HTTP: failures per account and per client address lock the form
//! with a French 429 page, a lock looks the same for known and unknown accounts, and a
//! successful sign-in clears the account's counter.

mod common;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use catalog::UserStore;
use common::{App, Page};

const PASSWORD: &str = "mot de passe de test";
const CSRF: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// Posts the sign-in form from `client` with the anonymous CSRF cookie.
async fn sign_in(app: &App, client: SocketAddr, email: &str, password: &str) -> Page {
    let body =
        serde_urlencoded::to_string([("csrf", CSRF), ("email", email), ("password", password)])
            .expect("form");
    let mut request = Request::post("/connexion")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("socle_csrf={CSRF}"))
        .body(Body::from(body))
        .expect("request");
    request.extensions_mut().insert(ConnectInfo(client));
    app.send(request).await
}

fn client(last: u8) -> SocketAddr {
    SocketAddr::from(([192, 0, 2, last], 40000))
}

async fn app_with_user(name: &str) -> App {
    let app = App::new(name).await;
    app.state
        .store()
        .create_user("agent@kerbrient.fr", "Agent", PASSWORD, false)
        .await
        .expect("user");
    app
}

#[tokio::test]
async fn account_locked_after_five_failures() {
    let app = app_with_user("signin-account").await;
    for attempt in 1..5 {
        let page = sign_in(&app, client(1), "agent@kerbrient.fr", "mauvais").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let fifth = sign_in(&app, client(1), "agent@kerbrient.fr", "mauvais").await;
    assert_eq!(fifth.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        fifth
            .headers
            .get(header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok()),
        Some("30")
    );
    assert!(fifth.body.contains("<html lang=\"fr\">"));
    assert!(
        fifth.body.contains("Réessayez dans 1 minute"),
        "{}",
        fifth.body
    );

    // The right password from another address is refused too while the account is locked.
    let locked = sign_in(&app, client(2), "agent@kerbrient.fr", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        locked
            .headers
            .get(header::SET_COOKIE)
            .is_none_or(|value| { !value.to_str().unwrap_or("").starts_with("socle_session=") })
    );

    // Another account from the first address is not affected.
    app.state
        .store()
        .create_user("autre@kerbrient.fr", "Autre", PASSWORD, false)
        .await
        .expect("user");
    let other = sign_in(&app, client(1), "autre@kerbrient.fr", PASSWORD).await;
    assert_eq!(other.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn lock_page_in_english() {
    let app = app_with_user("signin-english").await;
    let mut last = None;
    for _ in 0..5 {
        let body = serde_urlencoded::to_string([
            ("csrf", CSRF),
            ("email", "agent@kerbrient.fr"),
            ("password", "wrong"),
        ])
        .expect("form");
        let request = Request::post("/connexion?lang=en")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, format!("socle_csrf={CSRF}"))
            .body(Body::from(body))
            .expect("request");
        last = Some(app.send(request).await);
    }
    let page = last.expect("five attempts");
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.body.contains("Try again in 1 minute"), "{}", page.body);
}

#[tokio::test]
async fn unknown_account_locks_the_same_way() {
    let app = app_with_user("signin-unknown").await;
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..6 {
        known.push(sign_in(&app, client(3), "agent@kerbrient.fr", "mauvais").await);
        unknown.push(sign_in(&app, client(4), "personne@kerbrient.fr", "mauvais").await);
    }
    for (index, (known, unknown)) in known.iter().zip(&unknown).enumerate() {
        assert_eq!(known.status, unknown.status, "attempt {}", index + 1);
    }
    // The failure that sets the lock reports its whole length for both.
    let retry_after = |page: &common::Page| {
        page.headers
            .get(header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u64>().ok())
    };
    assert_eq!(retry_after(&known[4]), Some(30));
    assert_eq!(retry_after(&unknown[4]), Some(30));
    // The attempt made during the lock is refused without counting as a failure, so the
    // lock does not grow; it has only run down since.
    assert_eq!(unknown[5].status, StatusCode::TOO_MANY_REQUESTS);
    for page in [&known[5], &unknown[5]] {
        let seconds = retry_after(page).expect("Retry-After");
        assert!((1..=30).contains(&seconds), "{seconds}");
    }
}

#[tokio::test]
async fn success_resets_account_counter() {
    let app = app_with_user("signin-reset").await;
    for _ in 0..4 {
        let page = sign_in(&app, client(5), "agent@kerbrient.fr", "mauvais").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    let success = sign_in(&app, client(5), "agent@kerbrient.fr", PASSWORD).await;
    assert_eq!(success.status, StatusCode::SEE_OTHER);
    assert_eq!(success.location(), "/espace");
    for attempt in 1..5 {
        let page = sign_in(&app, client(5), "agent@kerbrient.fr", "mauvais").await;
        assert_eq!(
            page.status,
            StatusCode::UNAUTHORIZED,
            "attempt {attempt} after reset"
        );
    }
}

#[tokio::test]
async fn address_locked_across_accounts() {
    let app = app_with_user("signin-address").await;
    for index in 1..20 {
        let email = format!("inconnu{index}@kerbrient.fr");
        let page = sign_in(&app, client(6), &email, "mauvais").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "attempt {index}");
    }
    let twentieth = sign_in(&app, client(6), "inconnu20@kerbrient.fr", "mauvais").await;
    assert_eq!(twentieth.status, StatusCode::TOO_MANY_REQUESTS);

    // Even the right password of a real account is refused from that address…
    let locked = sign_in(&app, client(6), "agent@kerbrient.fr", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    // …but not from another one.
    let elsewhere = sign_in(&app, client(7), "agent@kerbrient.fr", PASSWORD).await;
    assert_eq!(elsewhere.status, StatusCode::SEE_OTHER);
}
