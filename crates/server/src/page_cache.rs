//! A cache of pages rendered for anonymous visitors.
//!
//! An anonymous visitor's page depends only on its path, its language and the catalogue,
//! and carries no CSRF token, so it can be reused for every anonymous visitor until the
//! catalogue changes. Each entry remembers the catalogue's write generation read before
//! the page was built, and is served only while that generation is current. Signed-in
//! visitors never read or fill this cache. Pages are kept up to a total size rather than a
//! count, and a full cache drops stale pages first, then one page per new one.

use std::collections::HashMap;
use std::sync::Mutex;

use bytes::Bytes;

use i18n::Lang;

/// Total size of the cached pages, in bytes. At about 6 KB per dataset page this is room
/// for some 10,000 pages.
const MAX_BYTES: usize = 64 * 1024 * 1024;

#[derive(Default)]
pub struct PageCache {
    pages: Mutex<Pages>,
}

#[derive(Default)]
struct Pages {
    entries: HashMap<(String, Lang), (u64, Bytes)>,
    bytes: usize,
}

impl PageCache {
    /// Returns the page built at `generation`, if any.
    pub fn get(&self, path: &str, lang: Lang, generation: u64) -> Option<Bytes> {
        let pages = self.pages.lock().ok()?;
        let (built_at, html) = pages.entries.get(&(path.to_string(), lang))?;
        (*built_at == generation).then(|| html.clone())
    }

    /// Stores a page. Past the size budget, entries built at an older generation go first,
    /// then arbitrary ones, so a full cache keeps serving most of its pages.
    pub fn insert(&self, path: String, lang: Lang, generation: u64, html: Bytes) {
        let Ok(mut pages) = self.pages.lock() else {
            return;
        };
        let size = html.len() + path.len();
        if size > MAX_BYTES {
            return;
        }
        if let Some((_, old)) = pages.entries.remove(&(path.clone(), lang)) {
            pages.bytes -= old.len() + path.len();
        }
        if pages.bytes + size > MAX_BYTES {
            let Pages { entries, bytes } = &mut *pages;
            entries.retain(|(key, _), (built_at, page)| {
                let keep = *built_at == generation;
                if !keep {
                    *bytes -= page.len() + key.len();
                }
                keep
            });
        }
        while pages.bytes + size > MAX_BYTES {
            let Some(key) = pages.entries.keys().next().cloned() else {
                break;
            };
            if let Some((_, page)) = pages.entries.remove(&key) {
                pages.bytes -= page.len() + key.0.len();
            }
        }
        pages.bytes += size;
        pages.entries.insert((path, lang), (generation, html));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_budget_kept() {
        let cache = PageCache::default();
        let page = Bytes::from(vec![b'x'; 1024 * 1024]);
        for index in 0..100 {
            cache.insert(format!("/page/{index}"), Lang::Fr, 1, page.clone());
        }
        let pages = cache.pages.lock().expect("lock");
        assert!(pages.bytes <= MAX_BYTES);
        assert!(
            pages.entries.len() >= 60,
            "{} pages kept",
            pages.entries.len()
        );
        let total: usize = pages
            .entries
            .iter()
            .map(|((path, _), (_, html))| path.len() + html.len())
            .sum();
        assert_eq!(total, pages.bytes);
    }

    #[test]
    fn stale_pages_dropped_first() {
        let cache = PageCache::default();
        let page = Bytes::from(vec![b'x'; 1024 * 1024]);
        for index in 0..60 {
            cache.insert(format!("/ancienne/{index}"), Lang::Fr, 1, page.clone());
        }
        for index in 0..10 {
            cache.insert(format!("/nouvelle/{index}"), Lang::Fr, 2, page.clone());
        }
        for index in 0..10 {
            assert!(
                cache
                    .get(&format!("/nouvelle/{index}"), Lang::Fr, 2)
                    .is_some()
            );
        }
        let pages = cache.pages.lock().expect("lock");
        assert!(pages.entries.values().all(|(built_at, _)| *built_at == 2));
    }

    #[test]
    fn page_of_other_generation_missed() {
        let cache = PageCache::default();
        cache.insert("/".into(), Lang::Fr, 3, Bytes::from_static(b"page"));
        assert_eq!(
            cache.get("/", Lang::Fr, 3),
            Some(Bytes::from_static(b"page"))
        );
        assert_eq!(cache.get("/", Lang::Fr, 4), None);
        assert_eq!(cache.get("/", Lang::En, 3), None);
    }
}
