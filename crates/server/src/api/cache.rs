//! A cache of the API's responses to anonymous read calls.
//!
//! An anonymous GET of a read action depends only on its URL, the `Host` header, the
//! language and the catalogue, so its response can be reused until the catalogue changes.
//! Each entry keeps the catalogue's write generation read before the response was built, and
//! is served only while that generation is current, as for [`crate::page_cache`]. Calls
//! with a token, POST calls and failures are never cached.

use std::collections::HashMap;
use std::sync::Mutex;

use bytes::Bytes;

/// Responses larger than this are not kept, so a few deep pages cannot fill the memory.
const MAX_ENTRY_BYTES: usize = 256 * 1024;

/// The cache is emptied when its responses pass this total size.
const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;

#[derive(Default)]
pub struct ApiCache {
    entries: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    answers: HashMap<String, (u64, Bytes)>,
    total_bytes: usize,
}

impl ApiCache {
    /// Returns the response stored under `key` at `generation`, if any.
    pub fn get(&self, key: &str, generation: u64) -> Option<Bytes> {
        let entries = self.entries.lock().ok()?;
        let (built_at, body) = entries.answers.get(key)?;
        (*built_at == generation).then(|| body.clone())
    }

    pub fn insert(&self, key: String, generation: u64, body: Bytes) {
        if body.len() > MAX_ENTRY_BYTES {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.total_bytes + body.len() > MAX_TOTAL_BYTES {
            entries.answers.clear();
            entries.total_bytes = 0;
        }
        entries.total_bytes += body.len();
        if let Some((_, replaced)) = entries.answers.insert(key, (generation, body)) {
            entries.total_bytes = entries.total_bytes.saturating_sub(replaced.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_generation_misses() {
        let cache = ApiCache::default();
        cache.insert("k".into(), 3, Bytes::from_static(b"{}"));
        assert_eq!(cache.get("k", 3), Some(Bytes::from_static(b"{}")));
        assert_eq!(cache.get("k", 4), None);
    }

    #[test]
    fn large_answers_not_kept() {
        let cache = ApiCache::default();
        cache.insert("k".into(), 1, Bytes::from(vec![b' '; MAX_ENTRY_BYTES + 1]));
        assert_eq!(cache.get("k", 1), None);
    }
}
