//! Errors of the fetcher, each with a message id in `harvest.ftl` and its arguments.

use thiserror::Error;

/// Why a fetch failed. Every variant names the value at fault.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FetchError {
    #[error("invalid URL {url:?}")]
    InvalidUrl { url: String },
    #[error("unsupported URL scheme {scheme:?} in {url:?}: only http and https are fetched")]
    UnsupportedScheme { url: String, scheme: String },
    #[error("host {host:?} not found")]
    HostNotFound { host: String },
    #[error("address {address} of host {host:?} is {range}, which is rejected unless allow-listed")]
    AddressRejected {
        host: String,
        address: String,
        range: String,
    },
    #[error("connection to {url:?} failed: {detail}")]
    ConnectionFailed { url: String, detail: String },
    #[error("request to {url:?} timed out after {seconds} s ({attempts} attempts)")]
    Timeout {
        url: String,
        seconds: u64,
        /// Requests made, the retries included.
        attempts: u32,
    },
    #[error("response of {url:?} is larger than the limit of {limit} bytes")]
    TooLarge { url: String, limit: u64 },
    #[error("{url:?} answered with HTTP status {status}")]
    Status { url: String, status: u16 },
    #[error("more than {limit} redirects from {url:?}")]
    TooManyRedirects { url: String, limit: u32 },
    #[error("redirect loop: {url:?} was already visited")]
    RedirectLoop { url: String },
    #[error("redirect from {url:?} has no valid Location header")]
    InvalidRedirect { url: String },
    #[error("reading the response of {url:?} failed: {detail}")]
    Read { url: String, detail: String },
    #[error("writing the body of {url:?} failed: {detail}")]
    Write { url: String, detail: String },
}

impl FetchError {
    /// The message id in the catalogue.
    pub fn message_id(&self) -> &'static str {
        match self {
            FetchError::InvalidUrl { .. } => "harvest-fetch-invalid-url",
            FetchError::UnsupportedScheme { .. } => "harvest-fetch-unsupported-scheme",
            FetchError::HostNotFound { .. } => "harvest-fetch-host-not-found",
            FetchError::AddressRejected { .. } => "harvest-fetch-address-rejected",
            FetchError::ConnectionFailed { .. } => "harvest-fetch-connection-failed",
            FetchError::Timeout { .. } => "harvest-fetch-timeout",
            FetchError::TooLarge { .. } => "harvest-fetch-too-large",
            FetchError::Status { .. } => "harvest-fetch-status",
            FetchError::TooManyRedirects { .. } => "harvest-fetch-too-many-redirects",
            FetchError::RedirectLoop { .. } => "harvest-fetch-redirect-loop",
            FetchError::InvalidRedirect { .. } => "harvest-fetch-invalid-redirect",
            FetchError::Read { .. } => "harvest-fetch-read",
            FetchError::Write { .. } => "harvest-fetch-write",
        }
    }

    /// The named arguments of the message.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            FetchError::InvalidUrl { url } => vec![("url", url.clone())],
            FetchError::UnsupportedScheme { url, scheme } => {
                vec![("url", url.clone()), ("scheme", scheme.clone())]
            }
            FetchError::HostNotFound { host } => vec![("host", host.clone())],
            FetchError::AddressRejected {
                host,
                address,
                range,
            } => vec![
                ("host", host.clone()),
                ("address", address.clone()),
                ("range", range.clone()),
            ],
            FetchError::ConnectionFailed { url, detail }
            | FetchError::Read { url, detail }
            | FetchError::Write { url, detail } => {
                vec![("url", url.clone()), ("detail", detail.clone())]
            }
            FetchError::Timeout {
                url,
                seconds,
                attempts,
            } => vec![
                ("url", url.clone()),
                ("seconds", seconds.to_string()),
                ("attempts", attempts.to_string()),
            ],
            FetchError::TooLarge { url, limit } => {
                vec![("url", url.clone()), ("limit", limit.to_string())]
            }
            FetchError::Status { url, status } => {
                vec![("url", url.clone()), ("status", status.to_string())]
            }
            FetchError::TooManyRedirects { url, limit } => {
                vec![("url", url.clone()), ("limit", limit.to_string())]
            }
            FetchError::RedirectLoop { url } | FetchError::InvalidRedirect { url } => {
                vec![("url", url.clone())]
            }
        }
    }

    /// Whether trying again later may succeed: timeouts, failed connections, and the
    /// statuses 408, 425, 429 and 5xx.
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Timeout { .. } | FetchError::ConnectionFailed { .. } => true,
            FetchError::Status { status, .. } => {
                matches!(status, 408 | 425 | 429) || (500..600).contains(status)
            }
            _ => false,
        }
    }
}
