//! A cache of responses built for anonymous callers, stored gzip-compressed.
//!
//! An anonymous page or API response depends only on its key (path or URL, language, host)
//! and on the catalogue, so one build can serve every anonymous caller until the
//! catalogue changes. Each entry keeps the catalogue's write generation read before the
//! response was built, and is served only while that generation is current: a write
//! during the build leaves a stale entry that is never served.
//!
//! Entries are kept gzip-compressed, which divides their memory by two to three for HTML
//! and JSON. A client that accepts gzip (browsers, `requests`-based clients such as
//! ckanapi) receives the stored bytes as they are, with `Content-Encoding: gzip`; any
//! other client receives them inflated. The cache keeps at most its byte budget: past
//! it, entries of older generations go first, then about a quarter of the rest, so an
//! insert costs amortised constant time.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::sync::Mutex;

use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

/// Bytes of bookkeeping counted for each entry on top of its key and body: the map slot,
/// the key's and the body's headers and allocator rounding, an estimate.
const ENTRY_OVERHEAD_BYTES: usize = 96;

/// Responses larger than this before compression are neither compressed nor kept, so a
/// few large responses (a `package_search` page of 1,000 datasets is about 2.5 MB) cost no
/// compression time and cannot push out many small ones.
const MAX_ENTRY_BYTES: usize = 256 * 1024;

/// A stored response: the generation it was built at and its gzip-compressed body.
#[derive(Clone)]
pub struct Cached {
    generation: u64,
    gzip: Bytes,
    /// Length of the uncompressed body, to inflate into a buffer of the right size.
    plain_len: usize,
}

impl Cached {
    /// Compresses a response body. Returns `None` when the body is too large to keep.
    pub fn compress(generation: u64, plain: &[u8]) -> Option<Cached> {
        if plain.len() > MAX_ENTRY_BYTES {
            return None;
        }
        let mut encoder =
            GzEncoder::new(Vec::with_capacity(plain.len() / 2), Compression::default());
        encoder.write_all(plain).ok()?;
        let gzip = encoder.finish().ok()?;
        Some(Cached {
            generation,
            // A copy of exactly the compressed length: the encoder's buffer was sized for a
            // poor ratio, and allocators may keep a shrunk block at its old size.
            gzip: Bytes::copy_from_slice(&gzip),
            plain_len: plain.len(),
        })
    }

    /// Builds a 200 response with this body and content type, compressed when the client
    /// accepts gzip (see [`accepts_gzip`]). Returns `None` only if the stored bytes cannot
    /// be inflated.
    /// `vary` lists the request headers the content depends on, for caches on the way.
    pub fn respond(
        &self,
        accept_gzip: bool,
        content_type: &'static str,
        vary: &'static str,
    ) -> Option<Response> {
        let (body, compressed) = if accept_gzip {
            (self.gzip.clone(), true)
        } else {
            let mut plain = Vec::with_capacity(self.plain_len);
            GzDecoder::new(&self.gzip[..])
                .read_to_end(&mut plain)
                .ok()?;
            (Bytes::from(plain), false)
        };
        let mut response = (StatusCode::OK, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers.insert(header::VARY, HeaderValue::from_static(vary));
        if compressed {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        Some(response)
    }
}

/// Tells whether the `Accept-Encoding` headers admit gzip, as RFC 9110 reads them:
/// `gzip` (or its alias `x-gzip`) with a weight above zero, else `*` with a weight above
/// zero. A weight that is not a number from 0 to 1 counts as zero.
pub fn accepts_gzip(headers: &HeaderMap) -> bool {
    let mut gzip = None;
    let mut any = None;
    let codings = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','));
    for coding in codings {
        let mut parts = coding.split(';');
        let name = parts.next().unwrap_or("").trim();
        let mut weight = 1.0f32;
        for parameter in parts {
            if let Some((key, value)) = parameter.split_once('=')
                && key.trim().eq_ignore_ascii_case("q")
            {
                weight = value
                    .trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|weight| (0.0..=1.0).contains(weight))
                    .unwrap_or(0.0);
            }
        }
        if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
            gzip = Some(weight);
        } else if name == "*" {
            any = Some(weight);
        }
    }
    gzip.or(any).is_some_and(|weight| weight > 0.0)
}

/// Builds the cache key of an anonymous response from the language, the host and the
/// request's path and query, which together decide its content.
pub fn key(lang: i18n::Lang, host: &str, uri: &Uri) -> String {
    let path = uri.path_and_query().map_or("/", |value| value.as_str());
    format!("{lang}\n{host}\n{path}")
}

pub struct ResponseCache {
    budget_bytes: usize,
    entries: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    responses: HashMap<String, Cached>,
    bytes: usize,
    /// The newest generation inserted: an entry built at an older one is stale already.
    latest: u64,
}

fn entry_size(key: &str, cached: &Cached) -> usize {
    key.len() + cached.gzip.len() + ENTRY_OVERHEAD_BYTES
}

impl ResponseCache {
    /// Creates an empty cache that keeps at most `budget_bytes` of entries.
    pub fn new(budget_bytes: usize) -> ResponseCache {
        ResponseCache {
            budget_bytes,
            entries: Mutex::new(Entries::default()),
        }
    }

    /// Returns the entry stored under `key` if it was built at `generation`.
    pub fn get(&self, key: &str, generation: u64) -> Option<Cached> {
        let entries = self.entries.lock().ok()?;
        let cached = entries.responses.get(key)?;
        (cached.generation == generation).then(|| cached.clone())
    }

    /// Stores an entry, making room within the budget.
    pub fn insert(&self, key: String, cached: Cached) {
        let size = entry_size(&key, &cached);
        if size > self.budget_bytes {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        // A build that started before a write ends after entries of the new generation
        // were stored: keeping it could only push out current entries.
        if cached.generation < entries.latest {
            return;
        }
        entries.latest = cached.generation;
        if let Some(replaced) = entries.responses.remove(&key) {
            entries.bytes -= entry_size(&key, &replaced);
        }
        if entries.bytes + size > self.budget_bytes {
            entries.make_room(self.budget_bytes - size, cached.generation);
        }
        entries.bytes += size;
        entries.responses.insert(key, cached);
    }

    /// Bytes currently counted against the budget.
    pub fn used_bytes(&self) -> usize {
        self.entries.lock().map_or(0, |entries| entries.bytes)
    }
}

impl Entries {
    /// Drops entries until at most `target` bytes remain: first those of a generation
    /// other than `current`, then one in four of the others per pass. Dropping a share
    /// at once keeps the cost of a full cache's inserts amortised constant.
    fn make_room(&mut self, target: usize, current: u64) {
        let Entries {
            responses, bytes, ..
        } = self;
        responses.retain(|key, cached| {
            let keep = cached.generation == current;
            if !keep {
                *bytes -= entry_size(key, cached);
            }
            keep
        });
        while *bytes > target && !responses.is_empty() {
            let mut position = 0usize;
            responses.retain(|key, cached| {
                position += 1;
                let keep = !position.is_multiple_of(4);
                if !keep {
                    *bytes -= entry_size(key, cached);
                }
                keep
            });
            // Fewer than four entries lose none to the quarter rule.
            if responses.len() < 4 {
                for (key, cached) in responses.drain() {
                    *bytes -= entry_size(&key, &cached);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_of(response: Response) -> Vec<u8> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        runtime
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .expect("body")
            .to_vec()
    }

    #[test]
    fn stale_generation_misses() {
        let cache = ResponseCache::new(1024 * 1024);
        cache.insert("k".into(), Cached::compress(3, b"{}").expect("small"));
        assert!(cache.get("k", 3).is_some());
        assert!(cache.get("k", 4).is_none());
        assert!(cache.get("other", 3).is_none());
    }

    #[test]
    fn large_bodies_not_kept() {
        let compressible = vec![b' '; MAX_ENTRY_BYTES + 1];
        assert!(Cached::compress(1, &compressible).is_none());
        assert!(Cached::compress(1, &compressible[..MAX_ENTRY_BYTES]).is_some());
    }

    #[test]
    fn gzip_served_only_when_accepted() {
        let page = "<p>Délibérations</p>".repeat(50);
        let cached = Cached::compress(1, page.as_bytes()).expect("small");
        assert!(cached.gzip.len() < page.len());

        let mut gzip = HeaderMap::new();
        gzip.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, deflate, br"),
        );
        let response = cached
            .respond(
                accepts_gzip(&gzip),
                "text/html; charset=utf-8",
                "accept-encoding",
            )
            .expect("response");
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        let mut inflated = String::new();
        GzDecoder::new(&body_of(response)[..])
            .read_to_string(&mut inflated)
            .expect("gzip body");
        assert_eq!(inflated, page);

        let response = cached
            .respond(false, "text/html; charset=utf-8", "accept-encoding")
            .expect("response");
        assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body_of(response), page.as_bytes());
    }

    #[test]
    fn accept_encoding_parsed() {
        let cases = [
            ("gzip", true),
            ("deflate, gzip;q=0.5", true),
            ("GZIP", true),
            ("*", true),
            ("x-gzip", true),
            ("br;q=1, *;q=0.5", true),
            ("gzip;q=0", false),
            ("gzip;Q=0", false),
            ("gzip;q=nan", false),
            ("gzip;q=2", false),
            ("gzip;q=0, *", false),
            ("deflate, gzip;q=0, *;q=1", false),
            ("*;q=0", false),
            ("gzip; q=0.0, deflate", false),
            ("identity", false),
            ("br, deflate", false),
        ];
        for (value, expected) in cases {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
            assert_eq!(accepts_gzip(&headers), expected, "{value}");
        }
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[test]
    fn budget_kept_when_full() {
        let budget = 256 * 1024;
        let cache = ResponseCache::new(budget);
        // Incompressible bodies, so each entry costs about its plain size.
        let mut state = 0x2545_f491_u32;
        let mut noise = || {
            (0..2048)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    state as u8
                })
                .collect::<Vec<u8>>()
        };
        for index in 0..1000 {
            cache.insert(
                format!("/page/{index}"),
                Cached::compress(1, &noise()).expect("small"),
            );
            assert!(cache.used_bytes() <= budget, "over budget after {index}");
        }
        let entries = cache.entries.lock().expect("lock");
        let counted: usize = entries
            .responses
            .iter()
            .map(|(key, cached)| entry_size(key, cached))
            .sum();
        assert_eq!(counted, entries.bytes);
        assert!(
            entries.responses.len() >= 60,
            "{} entries kept",
            entries.responses.len()
        );
        assert!(entries.responses.contains_key("/page/999"));
    }

    #[test]
    fn stale_entries_dropped_first() {
        let cache = ResponseCache::new(64 * 1024);
        let body = vec![b'x'; 100];
        for index in 0..200 {
            cache.insert(
                format!("/old/{index}"),
                Cached::compress(1, &body).expect("small"),
            );
        }
        let fresh: Vec<String> = (0..20).map(|index| format!("/new/{index}")).collect();
        for key in &fresh {
            cache.insert(key.clone(), Cached::compress(2, &body).expect("small"));
        }
        // Force the budget: a large entry of the current generation.
        let filler = vec![0u8; 40 * 1024];
        let mut state = 7u32;
        let filler: Vec<u8> = filler
            .iter()
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (state >> 16) as u8
            })
            .collect();
        cache.insert(
            "/filler".into(),
            Cached::compress(2, &filler).expect("small"),
        );
        for key in &fresh {
            assert!(cache.get(key, 2).is_some(), "{key} dropped");
        }
        let entries = cache.entries.lock().expect("lock");
        assert!(
            entries
                .responses
                .values()
                .all(|cached| cached.generation == 2)
        );
    }

    #[test]
    fn late_stale_insert_ignored() {
        let cache = ResponseCache::new(1024 * 1024);
        cache.insert("/a".into(), Cached::compress(5, b"fresh").expect("small"));
        cache.insert("/a".into(), Cached::compress(4, b"stale").expect("small"));
        cache.insert("/b".into(), Cached::compress(4, b"stale").expect("small"));
        assert!(cache.get("/a", 5).is_some(), "the fresh entry stays");
        assert!(
            cache.get("/b", 4).is_none(),
            "an entry stale on arrival is not kept"
        );
    }
}
