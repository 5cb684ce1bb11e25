//! A cache of search results, emptied by every catalogue write.
//!
//! Visitors repeat the same searches, while each search runs one grouped count per facet
//! over all visible datasets. Results are therefore kept in memory, keyed by the whole
//! request and by what the viewer may see: anonymous, platform administrator, or member
//! of a given set of organisations. Any write to datasets, organisations, resources or
//! validation results clears the cache, so a result is never older than the last write
//! of this process.
//!
//! Writes by another process on the same database file are seen through
//! [`SqliteStore::watch_other_writers`](super::SqliteStore::watch_other_writers), which
//! the server starts: within its interval (one second), not at once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::search::{SearchQuery, SearchResults};

/// Maximum number of cached requests; the cache is emptied when it is full. A result
/// contains its page of hits and its facets, about 30 KB. Searches missing here still reuse
/// the facet index's matches and counts, so only their page of hits is read again.
const MAX_ENTRIES: usize = 256;

/// The inputs of a cached result: the viewer's visibility and the request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct CacheKey {
    pub(super) platform_admin: bool,
    /// Organisations the viewer is a member of, sorted; empty for anonymous visitors.
    pub(super) organizations: Vec<String>,
    pub(super) query: SearchQuery,
}

#[derive(Default)]
pub(super) struct SearchCache {
    entries: Mutex<HashMap<CacheKey, SearchResults>>,
    /// Held while an uncached anonymous search runs, so that many visitors asking for the
    /// same new page wait for one computation instead of all running it.
    pub(super) computing: tokio::sync::Mutex<()>,
    /// Number of writes so far, for callers that cache pages built from the catalogue.
    generation: AtomicU64,
    /// The in-memory index of anonymous searches, valid for one generation.
    pub(super) facet_index: super::facet_index::FacetIndexSlot,
}

impl SearchCache {
    pub(super) fn get(&self, key: &CacheKey) -> Option<SearchResults> {
        self.entries.lock().ok()?.get(key).cloned()
    }

    /// Stores a result built from the catalogue as it was at `built_at`, a generation read
    /// before the search started. A result that a write may have outdated is not stored.
    pub(super) fn insert(&self, key: CacheKey, results: SearchResults, built_at: u64) {
        if let Ok(mut entries) = self.entries.lock() {
            // `clear` bumps the generation before it takes the lock, so a result of an
            // older generation either fails this check or is removed by that `clear`.
            if self.generation() != built_at {
                return;
            }
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, results);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Facets;

    fn key() -> CacheKey {
        CacheKey {
            platform_admin: false,
            organizations: Vec::new(),
            query: SearchQuery::default(),
        }
    }

    fn results() -> SearchResults {
        SearchResults {
            total: 0,
            page: 1,
            per_page: 20,
            hits: Vec::new(),
            facets: Facets::default(),
        }
    }

    #[test]
    fn result_built_across_write_not_kept() {
        let cache = SearchCache::default();
        let started = cache.generation();
        cache.clear();
        cache.insert(key(), results(), started);
        assert!(cache.get(&key()).is_none());

        cache.insert(key(), results(), cache.generation());
        assert!(cache.get(&key()).is_some());
    }
}
