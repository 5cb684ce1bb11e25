//! The preview of a tabular resource: its header and first rows, read with the validation
//! engine's reader (so encodings, delimiters and spreadsheets are handled the same way).
//!
//! A stored file never changes under its key, so previews are cached by storage key.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use catalog::{Resource, ResourceSource};
use serde::Serialize;
use validate::read::{ReadOptions, Record, open_path};

use crate::state::AppState;

/// Rows shown in a preview.
pub const PREVIEW_ROWS: usize = 100;

/// Maximum characters shown per cell; longer cells are cut with an ellipsis.
const CELL_CHARS: usize = 200;

/// Maximum columns shown.
const MAX_COLUMNS: usize = 60;

/// The header and first rows of a table.
#[derive(Debug, Serialize)]
pub struct Preview {
    pub resource_title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Whether the file has more rows than shown.
    pub more: bool,
}

/// Maximum number of cached previews; the cache is emptied when it is full.
const CACHE_ENTRIES: usize = 512;

/// Previews already read, by storage key; `None` records a file that is not a table.
#[derive(Default)]
pub struct PreviewCache {
    tables: Mutex<HashMap<String, Option<Arc<Table>>>>,
}

impl PreviewCache {
    fn get(&self, key: &str) -> Option<Option<Arc<Table>>> {
        self.tables.lock().ok()?.get(key).cloned()
    }

    fn insert(&self, key: String, table: Option<Arc<Table>>) {
        if let Ok(mut tables) = self.tables.lock() {
            if tables.len() >= CACHE_ENTRIES {
                tables.clear();
            }
            tables.insert(key, table);
        }
    }
}

/// Reads the preview of a file resource; `None` when it is not a readable table.
pub async fn read_preview(state: &AppState, resource: &Resource) -> Option<Preview> {
    let ResourceSource::File { storage_key, .. } = &resource.source else {
        return None;
    };
    let table = match state.previews().get(storage_key) {
        Some(cached) => cached,
        None => {
            let path = state.files().path(storage_key)?;
            let read = tokio::task::spawn_blocking(move || read_table(&path, PREVIEW_ROWS))
                .await
                .ok()
                .flatten()
                .map(Arc::new);
            state.previews().insert(storage_key.clone(), read.clone());
            read
        }
    }?;
    let (header, rows, more) = table.as_ref();
    Some(Preview {
        resource_title: resource.title.clone(),
        header: header.clone(),
        rows: rows.clone(),
        more: *more,
    })
}

type Table = (Vec<String>, Vec<Vec<String>>, bool);

/// Reads the header and at most `limit` rows of a file.
fn read_table(path: &std::path::Path, limit: usize) -> Option<Table> {
    let options = ReadOptions {
        max_record_bytes: 1024 * 1024,
        ..ReadOptions::default()
    };
    let mut source = open_path(path, &options).ok()?;
    let mut record = Record::new();
    if !source.read_record(&mut record).ok()? {
        return None;
    }
    let header: Vec<String> = record.iter().take(MAX_COLUMNS).map(cut).collect();
    let mut rows = Vec::new();
    while rows.len() < limit {
        match source.read_record(&mut record) {
            Ok(true) => rows.push(record.iter().take(MAX_COLUMNS).map(cut).collect()),
            Ok(false) | Err(_) => return Some((header, rows, false)),
        }
    }
    let more = matches!(source.read_record(&mut record), Ok(true));
    Some((header, rows, more))
}

fn cut(cell: &str) -> String {
    if cell.chars().count() <= CELL_CHARS {
        return cell.to_string();
    }
    let mut short: String = cell.chars().take(CELL_CHARS).collect();
    short.push('…');
    short
}
