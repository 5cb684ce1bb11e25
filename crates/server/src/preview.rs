//! The preview of a tabular resource: its header and first rows, read with the validation
//! engine's reader (so encodings, delimiters and spreadsheets are handled the same way).

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

/// Reads the preview of a file resource; `None` when it is not a readable table.
pub async fn read_preview(state: &AppState, resource: &Resource) -> Option<Preview> {
    let ResourceSource::File { storage_key, .. } = &resource.source else {
        return None;
    };
    let path = state.files().path(storage_key)?;
    let title = resource.title.clone();
    let outcome = tokio::task::spawn_blocking(move || read_table(&path, PREVIEW_ROWS)).await;
    match outcome {
        Ok(Some((header, rows, more))) => Some(Preview {
            resource_title: title,
            header,
            rows,
            more,
        }),
        _ => None,
    }
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
