//! Preview: the first entries of a source, read as a harvest would read them, with
//! nothing stored.

use serde::Serialize;

use crate::fetch::Fetcher;
use crate::record::Item;
use crate::source::{Completion, PageError, SourceConfig, SourceError, SourceKind, open};

/// Entries shown by a preview.
pub const PREVIEW_ITEMS: usize = 20;

/// The first entries of a source and what happened while reading them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    pub kind: SourceKind,
    pub url: String,
    /// At most [`PREVIEW_ITEMS`] entries, datasets and skips in listing order.
    pub items: Vec<Item>,
    pub page_errors: Vec<PageError>,
    pub pages_read: usize,
    /// `cut_short` with reason `stopped` when the source has more entries than shown.
    pub completion: Completion,
}

/// Reads pages of `config` until [`PREVIEW_ITEMS`] entries are found or the listing ends.
pub fn preview(config: &SourceConfig, fetcher: &Fetcher) -> Result<Preview, SourceError> {
    let mut listing = open(config, fetcher)?;
    let mut items = Vec::new();
    let mut page_errors = Vec::new();
    let mut pages_read = 0;
    while items.len() < PREVIEW_ITEMS {
        let Some(page) = listing.next() else {
            break;
        };
        pages_read += 1;
        match page {
            Ok(page) => items.extend(page.items),
            Err(error) => page_errors.push(error),
        }
    }
    if items.len() >= PREVIEW_ITEMS {
        items.truncate(PREVIEW_ITEMS);
        listing.stop();
    }
    let completion = listing
        .completion()
        .cloned()
        .unwrap_or(Completion::Complete);
    Ok(Preview {
        kind: config.kind,
        url: config.url.clone(),
        items,
        page_errors,
        pages_read,
        completion,
    })
}
