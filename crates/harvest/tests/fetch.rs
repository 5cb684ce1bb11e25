//! The fetcher against a local server: address checks, limits, retries, redirects,
//! conditional requests and politeness.

mod support;

use std::time::{Duration, Instant};

use harvest::fetch::{AllowList, FetchConfig, FetchError, Fetcher, Request};
use sha2::{Digest, Sha256};
use support::{Response, Server, test_config, test_fetcher};

fn default_fetcher() -> Fetcher {
    Fetcher::new(FetchConfig {
        max_retries: 0,
        ..FetchConfig::default()
    })
}

fn rejected(fetcher: &Fetcher, url: &str) -> FetchError {
    match fetcher.fetch_bytes(&Request::get(url)) {
        Ok(_) => panic!("{url} was fetched"),
        Err(error) => error,
    }
}

#[test]
fn private_addresses_rejected_by_default() {
    let server = Server::start(|_| Response::ok("text/plain", "secret"));
    let fetcher = default_fetcher();
    let urls = [
        server.url("/"),
        "http://10.0.0.1/".to_owned(),
        "http://169.254.169.254/latest/meta-data/".to_owned(),
        format!("http://[::1]:{}/", server.port),
        format!("http://[::ffff:127.0.0.1]:{}/", server.port),
        "http://100.64.0.1/".to_owned(),
        "http://[fd00::1]/".to_owned(),
        "http://0.0.0.0/".to_owned(),
    ];
    for url in urls {
        let error = rejected(&fetcher, &url);
        assert!(
            matches!(error, FetchError::AddressRejected { .. }),
            "{url}: {error:?}"
        );
    }
    assert_eq!(server.request_count(), 0, "no request may reach the server");
}

#[test]
fn localhost_name_rejected_by_default() {
    let server = Server::start(|_| Response::ok("text/plain", "secret"));
    let error = rejected(
        &default_fetcher(),
        &format!("http://localhost:{}/", server.port),
    );
    assert!(
        matches!(error, FetchError::AddressRejected { .. }),
        "{error:?}"
    );
}

#[test]
fn loopback_accepted_with_allow_list() {
    let server = Server::start(|_| Response::ok("text/plain", "hello"));
    let (fetched, body) = test_fetcher()
        .fetch_bytes(&Request::get(&server.url("/file.txt")))
        .expect("allowed loopback fetch");
    assert_eq!(body, b"hello");
    assert_eq!(fetched.size, 5);
    assert_eq!(fetched.sha256, hex::encode(Sha256::digest(b"hello")));
    assert_eq!(fetched.content_type.as_deref(), Some("text/plain"));
    assert_eq!(fetched.attempts, 1);
}

#[test]
fn allow_list_parses_networks_and_hosts() {
    let allow = AllowList::parse("127.0.0.1/32, 10.0.0.0/8 intranet.example").unwrap();
    assert_eq!(allow.networks.len(), 2);
    assert_eq!(allow.hosts, vec!["intranet.example".to_owned()]);
    assert!(AllowList::parse("10.0.0.0/33").is_err());
    assert!(AllowList::parse("not a host!").is_err());
}

#[test]
fn unsupported_schemes_rejected() {
    for url in ["file:///etc/passwd", "ftp://example.org/a", "gopher://x/"] {
        let error = rejected(&test_fetcher(), url);
        assert!(
            matches!(error, FetchError::UnsupportedScheme { .. }),
            "{url}: {error:?}"
        );
    }
    let error = rejected(&test_fetcher(), "not a url");
    assert!(matches!(error, FetchError::InvalidUrl { .. }), "{error:?}");
}

#[test]
fn redirect_to_loopback_rejected() {
    // Only 127.0.0.1 is allowed: a redirect to another loopback address or to the
    // metadata service must be checked again and rejected.
    let port_holder = std::sync::Arc::new(std::sync::OnceLock::new());
    let port_for_handler = port_holder.clone();
    let server = Server::start(move |request| {
        let port: u16 = *port_for_handler.get().unwrap();
        match request.path() {
            "/to-other-loopback" => Response::redirect(&format!("http://127.0.0.2:{port}/secret")),
            "/to-metadata" => Response::redirect("http://169.254.169.254/latest/meta-data/"),
            _ => Response::ok("text/plain", "secret"),
        }
    });
    port_holder.set(server.port).unwrap();
    let fetcher = Fetcher::new(FetchConfig {
        allow: AllowList::parse("127.0.0.1/32").unwrap(),
        ..test_config()
    });
    for path in ["/to-other-loopback", "/to-metadata"] {
        let error = rejected(&fetcher, &server.url(path));
        assert!(
            matches!(error, FetchError::AddressRejected { .. }),
            "{path}: {error:?}"
        );
    }
    assert_eq!(
        server.request_count(),
        2,
        "only the redirecting requests were served"
    );
}

#[test]
fn redirects_followed_and_bounded() {
    let server = Server::start(|request| match request.path() {
        "/old" => Response::redirect("/new"),
        "/new" => Response::ok("text/plain", "moved"),
        "/loop-a" => Response::redirect("/loop-b"),
        "/loop-b" => Response::redirect("/loop-a"),
        path => {
            let hop: u32 = path.trim_start_matches("/chain/").parse().unwrap_or(0);
            Response::redirect(&format!("/chain/{}", hop + 1))
        }
    });
    let fetcher = test_fetcher();
    let (fetched, body) = fetcher
        .fetch_bytes(&Request::get(&server.url("/old")))
        .unwrap();
    assert_eq!(body, b"moved");
    assert_eq!(fetched.redirects, 1);
    assert!(fetched.url.ends_with("/new"), "{}", fetched.url);

    let error = rejected(&fetcher, &server.url("/loop-a"));
    assert!(
        matches!(error, FetchError::RedirectLoop { .. }),
        "{error:?}"
    );

    let error = rejected(&fetcher, &server.url("/chain/0"));
    assert!(
        matches!(error, FetchError::TooManyRedirects { limit: 5, .. }),
        "{error:?}"
    );
}

#[test]
fn oversized_body_rejected() {
    let big = vec![b'x'; 2 * 1024 * 1024];
    let declared = big.clone();
    let server = Server::start(move |request| {
        let mut response = Response::ok("application/octet-stream", declared.clone());
        // Without Content-Length, the limit must be enforced while streaming.
        response.no_length = request.path() == "/streamed";
        response
    });
    let fetcher = Fetcher::new(FetchConfig {
        max_body_bytes: 1024 * 1024,
        ..test_config()
    });
    for path in ["/declared", "/streamed"] {
        let error = rejected(&fetcher, &server.url(path));
        assert!(
            matches!(
                error,
                FetchError::TooLarge {
                    limit: 1_048_576,
                    ..
                }
            ),
            "{path}: {error:?}"
        );
    }
    drop(big);
}

#[test]
fn slow_server_times_out() {
    let server = Server::start(|_| Response {
        delay: Some(Duration::from_secs(5)),
        ..Response::ok("text/plain", "late")
    });
    let fetcher = Fetcher::new(FetchConfig {
        read_timeout: Duration::from_millis(300),
        total_timeout: Duration::from_secs(2),
        ..test_config()
    });
    let started = Instant::now();
    let error = rejected(&fetcher, &server.url("/slow"));
    assert!(matches!(error, FetchError::Timeout { .. }), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn transient_errors_retried_with_retry_after() {
    let flaky = Server::start(|_| Response::status(503));
    let fetcher = Fetcher::new(FetchConfig {
        max_retries: 2,
        ..test_config()
    });
    let error = rejected(&fetcher, &flaky.url("/down"));
    assert!(
        matches!(error, FetchError::Status { status: 503, .. }),
        "{error:?}"
    );
    assert_eq!(flaky.request_count(), 3, "one attempt and two retries");

    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = calls.clone();
    let recovering = Server::start(move |_| {
        if seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            Response::status(429).header("Retry-After", "1")
        } else {
            Response::ok("text/plain", "back")
        }
    });
    let started = Instant::now();
    let (fetched, body) = fetcher
        .fetch_bytes(&Request::get(&recovering.url("/busy")))
        .unwrap();
    assert_eq!(body, b"back");
    assert_eq!(fetched.attempts, 2);
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "Retry-After honoured"
    );
}

#[test]
fn client_errors_not_retried() {
    let server = Server::start(|_| Response::status(404));
    let fetcher = Fetcher::new(FetchConfig {
        max_retries: 3,
        ..test_config()
    });
    let error = rejected(&fetcher, &server.url("/missing"));
    assert!(
        matches!(error, FetchError::Status { status: 404, .. }),
        "{error:?}"
    );
    assert_eq!(server.request_count(), 1);
}

#[test]
fn conditional_request_reports_not_modified() {
    let server = Server::start(|request| {
        if request.header("if-none-match") == Some("\"v1\"") {
            return Response::status(304);
        }
        Response::ok("text/csv", "a,b\n")
            .header("ETag", "\"v1\"")
            .header("Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT")
    });
    let fetcher = test_fetcher();
    let (first, body) = fetcher
        .fetch_bytes(&Request::get(&server.url("/data.csv")))
        .unwrap();
    assert!(!first.not_modified);
    assert_eq!(body, b"a,b\n");
    assert_eq!(first.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        first.last_modified.as_deref(),
        Some("Tue, 01 Dec 2026 10:00:00 GMT")
    );

    let request = Request::get(&server.url("/data.csv"))
        .conditional(first.etag.as_deref(), first.last_modified.as_deref());
    let (second, body) = fetcher.fetch_bytes(&request).unwrap();
    assert!(second.not_modified);
    assert_eq!(second.status, 304);
    assert!(body.is_empty());
}

#[test]
fn politeness_spaces_requests_per_host() {
    let server = Server::start(|_| Response::ok("text/plain", "x"));
    let fetcher = Fetcher::new(FetchConfig {
        host_interval: Duration::from_millis(200),
        ..test_config()
    });
    let started = Instant::now();
    let threads: Vec<_> = (0..3)
        .map(|_| {
            let fetcher = fetcher.clone();
            let url = server.url("/");
            std::thread::spawn(move || fetcher.fetch_bytes(&Request::get(&url)).unwrap())
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    // Three requests to one host start at 0, 200 and 400 ms at the earliest.
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn error_messages_have_ids_and_arguments() {
    let error = FetchError::AddressRejected {
        host: "10.0.0.1".into(),
        address: "10.0.0.1".into(),
        range: "private".into(),
    };
    assert_eq!(error.message_id(), "harvest-fetch-address-rejected");
    let args = error.args();
    assert!(args.contains(&("address", "10.0.0.1".to_owned())));
    assert!(args.contains(&("range", "private".to_owned())));
}
