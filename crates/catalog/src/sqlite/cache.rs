//! A cache of anonymous search results, emptied by every catalogue write.
//!
//! Most traffic of a public portal is anonymous and repeats the same searches, while each
//! search runs one grouped count per facet over all visible datasets. Results for the
//! anonymous viewer are therefore kept in memory, keyed by the whole request. Any write
//! that can change what anonymous visitors see (datasets, organisations, resources,
//! validation results) clears the cache, so a result is never older than the last write
//! of this process.
//!
//! NOTE: writes by another process on the same database file are not seen; socle serves
//! one data folder from one process.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::search::{SearchQuery, SearchResults};

/// Maximum number of cached requests; the cache is emptied when it is full.
const MAX_ENTRIES: usize = 1024;

#[derive(Default)]
pub(super) struct SearchCache {
    entries: Mutex<HashMap<SearchQuery, SearchResults>>,
    /// Held while an uncached anonymous search runs, so that many visitors asking for the
    /// same new page wait for one computation instead of all running it.
    pub(super) computing: tokio::sync::Mutex<()>,
    /// Number of writes so far, for callers that cache pages built from the catalogue.
    generation: AtomicU64,
}

impl SearchCache {
    pub(super) fn get(&self, query: &SearchQuery) -> Option<SearchResults> {
        self.entries.lock().ok()?.get(query).cloned()
    }

    pub(super) fn insert(&self, query: SearchQuery, results: SearchResults) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(query, results);
        }
    }

    pub(super) fn clear(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }

    pub(super) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }
}
