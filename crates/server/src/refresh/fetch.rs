//! One conditional download of a remote file into the file store, through the safe
//! fetcher of the `harvest` crate.
//!
//! The fetcher is blocking, so the download runs on tokio's blocking pool and writes into a
//! [`PendingFile`] of the file store chunk by chunk. The file is kept only when the caller
//! commits it, so a failed or unchanged download leaves nothing behind.

use std::io::Write;
use std::time::Duration;

use catalog::files::PendingFile;
use catalog::refresh::{MessageRef, Validators};
use harvest::fetch::{AllowList, FetchConfig, FetchError, Fetcher, Request};

use crate::state::AppState;

/// Attempts after the first one for a timeout, a refused connection or a 5xx status.
const MAX_RETRIES: u32 = 2;

/// The result of a download.
pub enum Download {
    /// The server returned 304 Not Modified, so nothing was written.
    NotModified,
    /// The server sent a body, now in `pending`.
    Body {
        pending: Box<PendingFile>,
        sha256: String,
        validators: Validators,
    },
}

/// Why a download failed: a message to show editors, and the detail to log.
#[derive(Debug)]
pub struct DownloadFailure {
    pub reason: MessageRef,
    pub detail: String,
}

impl DownloadFailure {
    fn new(message_id: &str, args: Vec<(&str, String)>, detail: String) -> DownloadFailure {
        DownloadFailure {
            reason: MessageRef {
                message_id: message_id.to_string(),
                args: args
                    .into_iter()
                    .map(|(name, value)| (name.to_string(), value))
                    .collect(),
            },
            detail,
        }
    }

    /// Builds the failure of a fetch error. The reason uses the `refresh-fetch-*` message
    /// of the same name as the fetcher's `harvest-fetch-*` one, with the same arguments.
    fn from_fetch(error: &FetchError) -> DownloadFailure {
        let message_id = error
            .message_id()
            .replacen("harvest-fetch-", "refresh-fetch-", 1);
        DownloadFailure::new(&message_id, error.args(), error.to_string())
    }

    pub(crate) fn internal(detail: String) -> DownloadFailure {
        DownloadFailure::new("refresh-fetch-internal", Vec::new(), detail)
    }
}

/// Builds the fetcher settings from the server configuration: the upload size limit, the
/// refresh timeout and the allow-list of non-public networks.
pub fn fetch_config(state: &AppState) -> Result<FetchConfig, DownloadFailure> {
    let settings = &state.config().refresh;
    let allow_text = settings.fetch_allow.join(",");
    let allow = AllowList::parse(&allow_text).map_err(|entry| {
        DownloadFailure::new(
            "refresh-fetch-allow-invalid",
            vec![("entry", entry.clone())],
            format!("invalid fetch_allow entry {entry:?}"),
        )
    })?;
    Ok(FetchConfig {
        user_agent: concat!("socle-refresh/", env!("CARGO_PKG_VERSION")).to_string(),
        max_body_bytes: state.config().max_upload_bytes,
        total_timeout: Duration::from_secs(settings.fetch_timeout_seconds),
        max_retries: MAX_RETRIES,
        allow,
        ..FetchConfig::default()
    })
}

/// Downloads `url` into a new pending file, sending the validators of the current copy
/// (if any) so that an unchanged remote file costs a 304.
pub async fn download(
    state: &AppState,
    url: &str,
    current_copy: Option<&Validators>,
) -> Result<Download, DownloadFailure> {
    let config = fetch_config(state)?;
    let pending = state
        .files()
        .begin(state.config().max_upload_bytes)
        .await
        .map_err(|error| {
            DownloadFailure::internal(format!("creating a temporary file: {error}"))
        })?;
    let request = Request::get(url).conditional(
        current_copy.and_then(|validators| validators.etag.as_deref()),
        current_copy.and_then(|validators| validators.last_modified.as_deref()),
    );

    let runtime = tokio::runtime::Handle::current();
    let joined = tokio::task::spawn_blocking(move || {
        let fetcher = Fetcher::new(config);
        let mut sink = PendingWriter {
            pending,
            runtime,
            error: None,
        };
        let result = fetcher.fetch(&request, &mut sink);
        (sink, result)
    })
    .await
    .map_err(|error| DownloadFailure::internal(format!("download task failed: {error}")))?;
    let (sink, result) = joined;

    match result {
        Ok(fetched) if fetched.not_modified => Ok(Download::NotModified),
        Ok(fetched) => Ok(Download::Body {
            pending: Box::new(sink.pending),
            sha256: fetched.sha256,
            validators: Validators {
                etag: fetched.etag,
                last_modified: fetched.last_modified,
            },
        }),
        Err(error) => match sink.error {
            // The file store refused a chunk: report its reason rather than the fetcher's.
            Some(catalog::Error::TooLarge { limit }) => Err(DownloadFailure::new(
                "refresh-fetch-too-large",
                vec![("url", url.to_string()), ("limit", limit.to_string())],
                error.to_string(),
            )),
            Some(store_error) => Err(DownloadFailure::internal(format!(
                "writing the download: {store_error}"
            ))),
            None => Err(DownloadFailure::from_fetch(&error)),
        },
    }
}

/// Adapts a pending file of the file store, which is written asynchronously, to the
/// blocking `Write` the fetcher streams into.
struct PendingWriter {
    pending: PendingFile,
    runtime: tokio::runtime::Handle,
    /// The file store's error, kept because `io::Error` would lose its kind.
    error: Option<catalog::Error>,
}

impl Write for PendingWriter {
    fn write(&mut self, chunk: &[u8]) -> std::io::Result<usize> {
        match self.runtime.block_on(self.pending.write(chunk)) {
            Ok(()) => Ok(chunk.len()),
            Err(error) => {
                let text = error.to_string();
                self.error = Some(error);
                Err(std::io::Error::other(text))
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
