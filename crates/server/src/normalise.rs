//! One-click normalisation of a table to UTF-8, comma-separated CSV.
//!
//! The source is read with the validation engine's reader, which detects the encoding
//! and delimiter, and rewritten record by record, so memory stays bounded whatever the
//! file size. Cells that a spreadsheet would run as a formula (starting with `=`, `+`,
//! `-`, `@`, tab or carriage return, and not a number) get a leading apostrophe, so the
//! generated file never carries a live formula.

use std::path::PathBuf;

use catalog::files::StoredFile;
use validate::read::{ReadOptions, Record, open_path};

use crate::error::AppError;
use crate::state::AppState;

/// Bytes of CSV gathered before a chunk is handed to the file writer.
const CHUNK_BYTES: usize = 64 * 1024;

/// Writes a normalised copy of `source` as a new stored file.
pub async fn to_utf8_comma_csv(state: &AppState, source: PathBuf) -> Result<StoredFile, AppError> {
    store_generated_csv(state, move |writer| convert(&source, writer)).await
}

/// Stores the CSV that `produce` writes, on the blocking pool, as a new stored file. The
/// error of `produce` is a message id, returned as a bad request.
pub async fn store_generated_csv<F>(state: &AppState, produce: F) -> Result<StoredFile, AppError>
where
    F: for<'a> FnOnce(&mut csv::Writer<ChunkSink<'a>>) -> Result<(), &'static str> + Send + 'static,
{
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Vec<u8>>(8);
    let reader = tokio::task::spawn_blocking(move || {
        let failed = "server-error-normalise-unreadable";
        let sink = ChunkSink {
            buffer: Vec::with_capacity(CHUNK_BYTES * 2),
            sender: &sender,
        };
        let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(sink);
        produce(&mut writer)?;
        let mut sink = writer.into_inner().map_err(|_| failed)?;
        sink.send_buffer().map_err(|_| failed)
    });
    let mut pending = state
        .files()
        .begin(state.config().max_upload_bytes.saturating_mul(2))
        .await?;
    while let Some(chunk) = receiver.recv().await {
        pending.write(&chunk).await?;
    }
    match reader.await {
        Ok(Ok(())) => Ok(pending.commit(state.files()).await?),
        Ok(Err(message_id)) => Err(AppError::BadRequest { message_id }),
        Err(error) => Err(AppError::Internal(error.to_string())),
    }
}

/// Stores the bytes that `produce` writes, on the blocking pool, as a new stored file, and
/// returns the file with the value `produce` returned. Unlike [`store_generated_csv`], the
/// producer gets the raw writer, for converters that write their own CSV.
pub async fn store_generated_file<T, F>(
    state: &AppState,
    produce: F,
) -> Result<(StoredFile, T), AppError>
where
    T: Send + 'static,
    F: for<'a> FnOnce(&mut ChunkSink<'a>) -> Result<T, AppError> + Send + 'static,
{
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Vec<u8>>(8);
    let reader = tokio::task::spawn_blocking(move || {
        let mut sink = ChunkSink {
            buffer: Vec::with_capacity(CHUNK_BYTES * 2),
            sender: &sender,
        };
        let value = produce(&mut sink)?;
        sink.send_buffer()
            .map_err(|error| AppError::Internal(error.to_string()))?;
        Ok(value)
    });
    let mut pending = state
        .files()
        .begin(state.config().max_upload_bytes.saturating_mul(2))
        .await?;
    while let Some(chunk) = receiver.recv().await {
        pending.write(&chunk).await?;
    }
    match reader.await {
        Ok(Ok(value)) => Ok((pending.commit(state.files()).await?, value)),
        Ok(Err(error)) => Err(error),
        Err(error) => Err(AppError::Internal(error.to_string())),
    }
}

fn convert(
    source: &std::path::Path,
    writer: &mut csv::Writer<ChunkSink<'_>>,
) -> Result<(), &'static str> {
    let unreadable = "server-error-normalise-unreadable";
    let mut input = open_path(source, &ReadOptions::default()).map_err(|_| unreadable)?;
    let mut record = Record::new();
    let mut cells: Vec<String> = Vec::new();
    while input.read_record(&mut record).map_err(|_| unreadable)? {
        cells.clear();
        cells.extend(record.iter().map(neutralise_formula));
        writer.write_record(&cells).map_err(|_| unreadable)?;
    }
    Ok(())
}

/// A writer that hands its bytes to the async side in chunks of about [`CHUNK_BYTES`].
pub struct ChunkSink<'a> {
    buffer: Vec<u8>,
    sender: &'a tokio::sync::mpsc::Sender<Vec<u8>>,
}

impl ChunkSink<'_> {
    fn send_buffer(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK_BYTES * 2));
        self.sender
            .blocking_send(chunk)
            .map_err(|_| std::io::Error::other("file writer stopped"))
    }
}

impl std::io::Write for ChunkSink<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK_BYTES {
            self.send_buffer()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Prefixes an apostrophe to a cell a spreadsheet would evaluate as a formula.
pub fn neutralise_formula(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(
            neutralise_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(
            neutralise_formula("+33 4 77 00 00 00"),
            "'+33 4 77 00 00 00"
        );
    }

    #[test]
    fn numbers_and_text_are_kept() {
        assert_eq!(neutralise_formula("-12.5"), "-12.5");
        assert_eq!(neutralise_formula("+3"), "+3");
        assert_eq!(neutralise_formula("Délibération"), "Délibération");
    }
}
