//! A cache of pages rendered for anonymous visitors.
//!
//! An anonymous visitor's page depends only on its path, its language and the catalogue,
//! and carries no CSRF token, so it can be reused for every anonymous visitor until the
//! catalogue changes. Each entry remembers the catalogue's write generation read before
//! the page was built, and is served only while that generation is current. Signed-in
//! visitors never read or fill this cache.

use std::collections::HashMap;
use std::sync::Mutex;

use bytes::Bytes;

use i18n::Lang;

/// Maximum number of cached pages; the cache is emptied when it is full.
const MAX_PAGES: usize = 2048;

#[derive(Default)]
pub struct PageCache {
    pages: Mutex<HashMap<(String, Lang), (u64, Bytes)>>,
}

impl PageCache {
    /// Returns the page built at `generation`, if any.
    pub fn get(&self, path: &str, lang: Lang, generation: u64) -> Option<Bytes> {
        let pages = self.pages.lock().ok()?;
        let (built_at, html) = pages.get(&(path.to_string(), lang))?;
        (*built_at == generation).then(|| html.clone())
    }

    pub fn insert(&self, path: String, lang: Lang, generation: u64, html: Bytes) {
        if let Ok(mut pages) = self.pages.lock() {
            if pages.len() >= MAX_PAGES {
                pages.clear();
            }
            pages.insert((path, lang), (generation, html));
        }
    }
}
