//! Descriptions of system failures (files, network, HTTP) in the language of the messages.
//!
//! The standard library and ureq describe failures in English (`No such file or
//! directory (os error 2)`, `http status: 404`). These functions map them to catalogue
//! messages by kind, so that a French sentence never ends in English system text.

use std::io;

use i18n::Messages;

/// Describes an I/O failure, by its kind, as a phrase to put after a colon.
pub fn io_detail(messages: &Messages, error: &io::Error) -> String {
    use io::ErrorKind;
    let kind = match error.kind() {
        ErrorKind::NotFound => "not-found",
        ErrorKind::PermissionDenied => "permission-denied",
        ErrorKind::AlreadyExists => "already-exists",
        ErrorKind::IsADirectory => "is-a-directory",
        ErrorKind::NotADirectory => "not-a-directory",
        ErrorKind::DirectoryNotEmpty => "directory-not-empty",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "storage-full",
        ErrorKind::ReadOnlyFilesystem => "read-only",
        ErrorKind::FileTooLarge => "file-too-large",
        ErrorKind::InvalidData => "invalid-data",
        ErrorKind::UnexpectedEof => "unexpected-eof",
        ErrorKind::TimedOut => "timed-out",
        ErrorKind::Interrupted => "interrupted",
        ErrorKind::AddrInUse => "address-in-use",
        ErrorKind::AddrNotAvailable => "address-not-available",
        ErrorKind::ConnectionRefused => "connection-refused",
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => "connection-reset",
        ErrorKind::NetworkUnreachable | ErrorKind::HostUnreachable => "unreachable",
        ErrorKind::OutOfMemory => "out-of-memory",
        _ => "other",
    };
    let code = error
        .raw_os_error()
        .map_or_else(|| "none".to_owned(), |code| code.to_string());
    messages.format("cli-io-failure", &[("kind", kind), ("code", &code)])
}

/// Describes a failed HTTP request, by HTTP status or by kind of failure.
pub fn http_detail(messages: &Messages, error: &ureq::Error) -> String {
    let (kind, status) = match error {
        ureq::Error::StatusCode(status) => {
            let kind = match status {
                401 | 403 => "forbidden",
                404 | 410 => "not-found",
                429 => "too-many-requests",
                400..=499 => "client-error",
                _ => "server-error",
            };
            (kind, status.to_string())
        }
        ureq::Error::Timeout(_) => ("timed-out", String::new()),
        ureq::Error::HostNotFound => ("host-not-found", String::new()),
        ureq::Error::ConnectionFailed => ("connection-failed", String::new()),
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => ("redirects", String::new()),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => ("bad-address", String::new()),
        ureq::Error::BodyExceedsLimit(_) => ("too-large", String::new()),
        ureq::Error::Tls(_) | ureq::Error::TlsRequired => ("tls", String::new()),
        ureq::Error::Io(io_error) => return io_detail(messages, io_error),
        _ => ("protocol", String::new()),
    };
    messages.format("cli-http-failure", &[("kind", kind), ("status", &status)])
}

/// Finds the I/O failure at the source of an error chain, if there is one.
pub fn io_source<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a io::Error> {
    let mut current = Some(error);
    while let Some(error) = current {
        if let Some(io_error) = error.downcast_ref::<io::Error>() {
            return Some(io_error);
        }
        current = error.source();
    }
    None
}

/// A failure kept until it is printed, when the language of the messages is known.
#[derive(Debug)]
pub enum Failure {
    Io(io::Error),
    Http(ureq::Error),
    /// A catalogue message and its arguments.
    Message(&'static str, Vec<(&'static str, String)>),
    /// A failure of socle itself (a damaged bundled registry), shown as the developers
    /// wrote it because no user action maps to it.
    Internal(String),
}

impl Failure {
    /// Describes the failure as a phrase to put after a colon.
    pub fn describe(&self, messages: &Messages) -> String {
        match self {
            Failure::Io(error) => io_detail(messages, error),
            Failure::Http(error) => http_detail(messages, error),
            Failure::Message(id, args) => messages.format_owned(id, args),
            Failure::Internal(detail) => detail.clone(),
        }
    }
}

/// Describes an error of the server or catalogue layers: a rejected value by its catalogue
/// message, an I/O failure by its kind after the step that failed, anything else as the
/// developers wrote it.
pub fn describe_error(messages: &Messages, error: &anyhow::Error) -> String {
    if let Some(catalog::Error::Invalid { message_id, .. }) = error.downcast_ref::<catalog::Error>()
    {
        return messages.format(message_id, &[]);
    }
    match io_source(error.as_ref()) {
        // NOTE: the step names (`opening the catalogue in …`) come from the server crate
        // in English; only the cause is translated.
        Some(io_error) if error.chain().count() > 1 => {
            format!("{error}: {}", io_detail(messages, io_error))
        }
        Some(io_error) => io_detail(messages, io_error),
        None => format!("{error:#}"),
    }
}
