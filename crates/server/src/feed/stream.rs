//! Streams a catalogue feed from the database to the response body.
//!
//! The feed is written on a blocking thread: it reads datasets in keyset batches, writes
//! each one to a [`ChunkWriter`], and the writer hands 64 KiB chunks to the response
//! through a channel of a few chunks. When the client reads slowly the channel fills and
//! the writer waits, so memory stays bounded whatever the size of the catalogue. When the
//! client goes away, the next chunk fails to send and the export stops.

use std::io::{self, Write};

use axum::body::{Body, Bytes};
use catalog::SqliteStore;
use catalog::export::{ExportScope, ExportStore};
use tokio::runtime::Handle;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use uuid::Uuid;

use super::convert::Converter;

/// Datasets read per query.
const BATCH_DATASETS: u32 = 200;
/// Size of a body chunk.
const CHUNK_BYTES: usize = 64 * 1024;
/// Maximum number of chunks waiting for the client.
const CHANNEL_CHUNKS: usize = 4;

/// Everything needed to write one page of a catalogue feed.
pub struct FeedPlan {
    pub store: SqliteStore,
    pub format: dcat::Format,
    pub catalog: dcat::Catalog,
    pub page: Option<dcat::Page>,
    pub scope: ExportScope,
    /// Keyset position to start after.
    pub after: Option<Uuid>,
    /// Datasets on the page; `None` writes every remaining dataset.
    pub limit: Option<u64>,
    pub converter: Converter,
}

/// Returns a response body that writes the feed as the client reads it.
pub fn feed_body(plan: FeedPlan) -> Body {
    let (sender, receiver) = mpsc::channel::<Result<Bytes, io::Error>>(CHANNEL_CHUNKS);
    let handle = Handle::current();
    tokio::task::spawn_blocking(move || {
        let errors = sender.clone();
        let writer = ChunkWriter {
            buffer: Vec::with_capacity(CHUNK_BYTES),
            sender,
        };
        if let Err(error) = write_feed(&handle, plan, writer) {
            if error.kind() == io::ErrorKind::BrokenPipe {
                tracing::debug!("DCAT feed stopped: the client closed the connection");
            } else {
                tracing::error!(%error, "DCAT feed failed while streaming");
                // The body ends with an error, so the client sees a broken transfer
                // rather than a feed that looks complete.
                let _ = errors.blocking_send(Err(error));
            }
        }
    });
    Body::from_stream(ReceiverStream::new(receiver))
}

fn write_feed(handle: &Handle, mut plan: FeedPlan, writer: ChunkWriter) -> io::Result<()> {
    let mut feed =
        dcat::FeedWriter::start(plan.format, writer, Some(&plan.catalog), plan.page.as_ref())?;
    let mut after = plan.after;
    let mut remaining = plan.limit;
    loop {
        let batch_size = match remaining {
            Some(0) => break,
            Some(left) => {
                u32::try_from(left.min(u64::from(BATCH_DATASETS))).unwrap_or(BATCH_DATASETS)
            }
            None => BATCH_DATASETS,
        };
        let batch = handle
            .block_on(
                plan.store
                    .public_datasets_after(plan.scope, after, batch_size),
            )
            .map_err(io::Error::other)?;
        let Some(last) = batch.last() else { break };
        after = Some(last.dataset.id);
        if let Some(left) = remaining.as_mut() {
            *left = left.saturating_sub(batch.len() as u64);
        }
        for exported in &batch {
            feed.write_dataset(&plan.converter.dataset(exported))?;
        }
        if batch.len() < batch_size as usize {
            break;
        }
    }
    let mut writer = feed.finish()?;
    writer.flush()
}

/// A writer that sends its content to the response in chunks.
struct ChunkWriter {
    buffer: Vec<u8>,
    sender: mpsc::Sender<Result<Bytes, io::Error>>,
}

impl ChunkWriter {
    fn send_buffer(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK_BYTES));
        self.sender
            .blocking_send(Ok(Bytes::from(chunk)))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "client closed the connection"))
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK_BYTES {
            self.send_buffer()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send_buffer()
    }
}
