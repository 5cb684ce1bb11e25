//! A blocking HTTP fetcher for URLs that come from users: safe by default, polite to
//! remote hosts, and able to stream large files.
//!
//! Safety: only `http` and `https`; host names are resolved and vetted by
//! [`address`](self::address) and only vetted addresses are connected to (every redirect
//! hop and every retry goes through the same check); bodies are capped in bytes after
//! decompression; every request has connect, read and total timeouts; redirects are
//! followed by the fetcher itself, bounded, with loops detected. Politeness: a minimum
//! interval between two requests to the same host, shared by every clone of a
//! [`Fetcher`] and every thread; retries with exponential backoff on timeouts, failed
//! connections, 408, 425, 429 and 5xx, honouring `Retry-After` up to a bound. Caching:
//! `If-None-Match` / `If-Modified-Since` are sent when given, a 304 is reported as
//! such, and `ETag` / `Last-Modified` are returned.
//!
//! Proxies from the environment are ignored on purpose: a proxy would resolve names
//! itself and defeat the address check.

pub mod address;
mod error;

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use ureq::Agent;
use ureq::unversioned::transport::DefaultConnector;
use url::Url;

pub use address::{AllowList, Cidr};
pub use error::FetchError;

use address::VettingResolver;

/// Limits and manners of a [`Fetcher`].
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub user_agent: String,
    /// Largest body accepted, in bytes, counted after decompression.
    pub max_body_bytes: u64,
    /// Time allowed for one [`Fetcher::fetch`] call, redirects and retries included.
    pub total_timeout: Duration,
    pub connect_timeout: Duration,
    /// Longest wait for any single read from the server.
    pub read_timeout: Duration,
    pub max_redirects: u32,
    /// Attempts after the first one for transient failures.
    pub max_retries: u32,
    /// Wait before the first retry; it doubles for each further retry.
    pub retry_backoff: Duration,
    /// Longest wait honoured from a `Retry-After` header or computed by the backoff.
    pub max_retry_wait: Duration,
    /// Minimum time between the starts of two requests to the same host.
    pub host_interval: Duration,
    /// Non-public networks and hosts that may be fetched anyway.
    pub allow: AllowList,
}

impl Default for FetchConfig {
    fn default() -> FetchConfig {
        FetchConfig {
            user_agent: concat!("socle-harvest/", env!("CARGO_PKG_VERSION")).to_owned(),
            max_body_bytes: 100 * 1024 * 1024,
            total_timeout: Duration::from_secs(120),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            max_redirects: 5,
            max_retries: 3,
            retry_backoff: Duration::from_millis(500),
            max_retry_wait: Duration::from_secs(30),
            host_interval: Duration::from_millis(250),
            allow: AllowList::default(),
        }
    }
}

/// HTTP method of a [`Request`]. Only reading methods are offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    #[default]
    Get,
    Head,
}

/// One request: a URL plus the headers a harvester needs.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub url: String,
    pub method: Method,
    /// `Accept` header value.
    pub accept: Option<String>,
    /// ETag of the copy already held, sent as `If-None-Match`.
    pub etag: Option<String>,
    /// `Last-Modified` of the copy already held, sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

impl Request {
    pub fn get(url: &str) -> Request {
        Request {
            url: url.to_owned(),
            ..Request::default()
        }
    }

    pub fn head(url: &str) -> Request {
        Request {
            url: url.to_owned(),
            method: Method::Head,
            ..Request::default()
        }
    }

    pub fn accept(mut self, accept: &str) -> Request {
        self.accept = Some(accept.to_owned());
        self
    }

    /// Makes the request conditional on the copy described by `etag` and `last_modified`.
    pub fn conditional(mut self, etag: Option<&str>, last_modified: Option<&str>) -> Request {
        self.etag = etag.map(str::to_owned);
        self.last_modified = last_modified.map(str::to_owned);
        self
    }
}

/// What a successful fetch returned, besides the body written to the sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The URL that answered, after redirects.
    pub url: String,
    pub status: u16,
    /// True on `304 Not Modified`: nothing was written to the sink.
    pub not_modified: bool,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Bytes written to the sink.
    pub size: u64,
    /// Hex SHA-256 of the bytes written to the sink.
    pub sha256: String,
    /// Attempts made, 1 when the first one succeeded.
    pub attempts: u32,
    pub redirects: u32,
}

/// The safe fetcher. Cloning is cheap and clones share the connection pool and the
/// per-host politeness clock.
#[derive(Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

struct Inner {
    config: FetchConfig,
    agent: Agent,
    /// Earliest start of the next request, per host.
    next_slot: Mutex<HashMap<String, Instant>>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Fetcher")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

/// A failed attempt, with what the retry logic needs to know.
struct AttemptError {
    error: FetchError,
    /// Wait requested by the server through `Retry-After`.
    retry_after: Option<Duration>,
    /// False once body bytes reached the sink: the sink cannot be rewound.
    retryable: bool,
}

impl From<FetchError> for AttemptError {
    fn from(error: FetchError) -> AttemptError {
        let retryable = error.is_transient();
        AttemptError {
            error,
            retry_after: None,
            retryable,
        }
    }
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Fetcher {
        let agent_config = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .proxy(None)
            .user_agent(config.user_agent.as_str())
            .timeout_connect(Some(config.connect_timeout))
            .timeout_per_read(Some(config.read_timeout))
            .build();
        let resolver = VettingResolver {
            allow: config.allow.clone(),
        };
        let agent = Agent::with_parts(agent_config, DefaultConnector::new(), resolver);
        Fetcher {
            inner: Arc::new(Inner {
                config,
                agent,
                next_slot: Mutex::new(HashMap::new()),
            }),
        }
    }

    pub fn config(&self) -> &FetchConfig {
        &self.inner.config
    }

    /// Fetches `request` and streams the body into `sink`, retrying transient failures.
    ///
    /// A failure after part of the body was written is not retried, because the sink
    /// cannot be rewound: write into a temporary file and keep it only on `Ok`.
    pub fn fetch(&self, request: &Request, sink: &mut dyn Write) -> Result<Fetched, FetchError> {
        let config = &self.inner.config;
        let deadline = Instant::now() + config.total_timeout;
        let mut attempt = 1;
        loop {
            match self.attempt(request, sink, deadline) {
                Ok(mut fetched) => {
                    fetched.attempts = attempt;
                    return Ok(fetched);
                }
                Err(failure) => {
                    if !failure.retryable || attempt > config.max_retries {
                        return Err(counted(failure.error, attempt));
                    }
                    let backoff = config.retry_backoff * 2u32.saturating_pow(attempt - 1);
                    let wait = failure
                        .retry_after
                        .unwrap_or(backoff)
                        .min(config.max_retry_wait);
                    if Instant::now() + wait >= deadline {
                        return Err(counted(failure.error, attempt));
                    }
                    std::thread::sleep(wait);
                    attempt += 1;
                }
            }
        }
    }

    /// Fetches `request` into memory. The body limit of the configuration applies.
    pub fn fetch_bytes(&self, request: &Request) -> Result<(Fetched, Vec<u8>), FetchError> {
        let mut body = Vec::new();
        let fetched = self.fetch(request, &mut body)?;
        Ok((fetched, body))
    }

    /// One attempt: follows redirects and streams the final body.
    fn attempt(
        &self,
        request: &Request,
        sink: &mut dyn Write,
        deadline: Instant,
    ) -> Result<Fetched, AttemptError> {
        let config = &self.inner.config;
        let mut url = parse_url(&request.url)?;
        let mut visited = HashSet::new();
        let mut redirects = 0;
        loop {
            visited.insert(url.as_str().to_owned());
            let response = self.send(request, &url, deadline)?;
            let status = response.status().as_u16();

            if is_redirect(status) {
                let target = header(&response, "location")
                    .and_then(|location| url.join(&location).ok())
                    .ok_or_else(|| FetchError::InvalidRedirect {
                        url: url.to_string(),
                    })?;
                let target = check_scheme(target)?;
                if visited.contains(target.as_str()) {
                    return Err(FetchError::RedirectLoop {
                        url: target.to_string(),
                    }
                    .into());
                }
                redirects += 1;
                if redirects > config.max_redirects {
                    return Err(FetchError::TooManyRedirects {
                        url: request.url.clone(),
                        limit: config.max_redirects,
                    }
                    .into());
                }
                url = target;
                continue;
            }

            let mut fetched = Fetched {
                url: url.to_string(),
                status,
                not_modified: status == 304,
                content_type: header(&response, "content-type"),
                etag: header(&response, "etag"),
                last_modified: header(&response, "last-modified"),
                size: 0,
                sha256: hex::encode(Sha256::digest(b"")),
                attempts: 1,
                redirects,
            };
            if status == 304 {
                return Ok(fetched);
            }
            if !(200..300).contains(&status) {
                let retry_after =
                    header(&response, "retry-after").and_then(|v| parse_retry_after(&v));
                let error = FetchError::Status {
                    url: url.to_string(),
                    status,
                };
                let retryable = error.is_transient();
                return Err(AttemptError {
                    error,
                    retry_after,
                    retryable,
                });
            }
            if request.method == Method::Head {
                return Ok(fetched);
            }
            let declared = header(&response, "content-length").and_then(|v| v.parse::<u64>().ok());
            if declared.is_some_and(|length| length > config.max_body_bytes) {
                return Err(AttemptError {
                    error: FetchError::TooLarge {
                        url: url.to_string(),
                        limit: config.max_body_bytes,
                    },
                    retry_after: None,
                    retryable: false,
                });
            }
            let (size, sha256) = self.stream_body(response, &url, sink, deadline)?;
            fetched.size = size;
            fetched.sha256 = sha256;
            return Ok(fetched);
        }
    }

    /// Sends one HTTP request, after waiting for the host's politeness slot.
    fn send(
        &self,
        request: &Request,
        url: &Url,
        deadline: Instant,
    ) -> Result<ureq::http::Response<ureq::Body>, AttemptError> {
        let host = url.host_str().unwrap_or_default().to_owned();
        self.wait_for_slot(&host);
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(AttemptError {
                error: timeout_error(url, self.inner.config.total_timeout),
                retry_after: None,
                retryable: false,
            });
        }
        let agent = &self.inner.agent;
        let mut builder = match request.method {
            Method::Get => agent.get(url.as_str()),
            Method::Head => agent.head(url.as_str()),
        };
        if let Some(accept) = &request.accept {
            builder = builder.header("accept", accept);
        }
        if let Some(etag) = &request.etag {
            builder = builder.header("if-none-match", etag);
        }
        if let Some(last_modified) = &request.last_modified {
            builder = builder.header("if-modified-since", last_modified);
        }
        builder
            .config()
            .timeout_global(Some(remaining))
            .build()
            .call()
            .map_err(|error| AttemptError::from(map_ureq_error(error, url, &self.inner.config)))
    }

    /// Copies the body into `sink`, hashing and counting; stops at the size limit.
    fn stream_body(
        &self,
        response: ureq::http::Response<ureq::Body>,
        url: &Url,
        sink: &mut dyn Write,
        deadline: Instant,
    ) -> Result<(u64, String), AttemptError> {
        let config = &self.inner.config;
        let mut reader = response.into_body().into_reader();
        let mut buffer = vec![0u8; 64 * 1024];
        let mut hasher = Sha256::new();
        let mut size: u64 = 0;
        loop {
            if Instant::now() >= deadline {
                return Err(AttemptError {
                    error: timeout_error(url, config.total_timeout),
                    retry_after: None,
                    retryable: false,
                });
            }
            let read = match reader.read(&mut buffer) {
                Ok(0) => break,
                Ok(read) => read,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => {
                    let error = map_io_error(error, url, config);
                    // Nothing was written yet: a retry is still possible.
                    let retryable = size == 0 && error.is_transient();
                    return Err(AttemptError {
                        error,
                        retry_after: None,
                        retryable,
                    });
                }
            };
            size += read as u64;
            if size > config.max_body_bytes {
                return Err(AttemptError {
                    error: FetchError::TooLarge {
                        url: url.to_string(),
                        limit: config.max_body_bytes,
                    },
                    retry_after: None,
                    retryable: false,
                });
            }
            hasher.update(&buffer[..read]);
            sink.write_all(&buffer[..read])
                .map_err(|error| AttemptError {
                    error: FetchError::Write {
                        url: url.to_string(),
                        detail: error.to_string(),
                    },
                    retry_after: None,
                    retryable: false,
                })?;
        }
        Ok((size, hex::encode(hasher.finalize())))
    }

    /// Sleeps until `host` may be requested again and books the following slot.
    fn wait_for_slot(&self, host: &str) {
        let interval = self.inner.config.host_interval;
        if interval.is_zero() {
            return;
        }
        let wait = {
            let mut slots = self
                .inner
                .next_slot
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let now = Instant::now();
            if slots.len() > 4096 {
                slots.retain(|_, next| *next > now);
            }
            let start = slots
                .get(host)
                .copied()
                .filter(|next| *next > now)
                .unwrap_or(now);
            slots.insert(host.to_owned(), start + interval);
            start - now
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }
}

fn parse_url(text: &str) -> Result<Url, FetchError> {
    let url = Url::parse(text.trim()).map_err(|_| FetchError::InvalidUrl {
        url: text.to_owned(),
    })?;
    check_scheme(url)
}

fn check_scheme(url: Url) -> Result<Url, FetchError> {
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|host| !host.is_empty()) => Ok(url),
        "http" | "https" => Err(FetchError::InvalidUrl {
            url: url.to_string(),
        }),
        scheme => Err(FetchError::UnsupportedScheme {
            scheme: scheme.to_owned(),
            url: url.to_string(),
        }),
    }
}

fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

fn header(response: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// Reads `Retry-After`: a number of seconds, or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = jiff::fmt::rfc2822::parse(value.trim()).ok()?;
    let wait = date.timestamp().duration_since(jiff::Timestamp::now());
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

fn timeout_error(url: &Url, limit: Duration) -> FetchError {
    FetchError::Timeout {
        url: url.to_string(),
        seconds: limit.as_secs().max(1),
        attempts: 1,
    }
}

/// Records in a timeout how many requests were made, so that its message shows a wait of
/// several minutes as several attempts.
fn counted(error: FetchError, attempts: u32) -> FetchError {
    match error {
        FetchError::Timeout { url, seconds, .. } => FetchError::Timeout {
            url,
            seconds,
            attempts,
        },
        other => other,
    }
}

fn map_ureq_error(error: ureq::Error, url: &Url, config: &FetchConfig) -> FetchError {
    match error {
        ureq::Error::Other(inner) => match inner.downcast::<FetchError>() {
            Ok(fetch_error) => *fetch_error,
            Err(other) => FetchError::ConnectionFailed {
                url: url.to_string(),
                detail: other.to_string(),
            },
        },
        ureq::Error::Timeout(_) => {
            timeout_error(url, config.read_timeout.min(config.total_timeout))
        }
        ureq::Error::HostNotFound => FetchError::HostNotFound {
            host: url.host_str().unwrap_or_default().to_owned(),
        },
        ureq::Error::Io(io) => map_io_error(io, url, config),
        ureq::Error::BadUri(_) => FetchError::InvalidUrl {
            url: url.to_string(),
        },
        other => FetchError::ConnectionFailed {
            url: url.to_string(),
            detail: other.to_string(),
        },
    }
}

fn map_io_error(error: std::io::Error, url: &Url, config: &FetchConfig) -> FetchError {
    if error
        .get_ref()
        .is_some_and(|inner| inner.is::<ureq::Error>())
    {
        let inner = error
            .into_inner()
            .and_then(|inner| inner.downcast::<ureq::Error>().ok());
        if let Some(inner) = inner {
            return map_ureq_error(*inner, url, config);
        }
        return FetchError::Read {
            url: url.to_string(),
            detail: "unknown".to_owned(),
        };
    }
    match error.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
            timeout_error(url, config.read_timeout)
        }
        // The two common causes get a code that the messages explain in the reader's
        // language; other details are the system's own words.
        std::io::ErrorKind::ConnectionRefused => FetchError::ConnectionFailed {
            url: url.to_string(),
            detail: "refused".to_owned(),
        },
        std::io::ErrorKind::ConnectionReset => FetchError::ConnectionFailed {
            url: url.to_string(),
            detail: "reset".to_owned(),
        },
        _ => FetchError::Read {
            url: url.to_string(),
            detail: error.to_string(),
        },
    }
}
