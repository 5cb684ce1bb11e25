//! DCAT source: a catalogue in RDF/XML, Turtle, N-Triples, TriG or JSON-LD (or a plain
//! "data.json"), paged with Hydra.
//!
//! Paging follows `hydra:next` of a `hydra:PartialCollectionView`, or the older
//! `hydra:nextPage` of a `hydra:PagedCollection`. A next link that points to a page
//! already read, or to another host than the first page's, stops the listing with the
//! reason; a page that cannot be fetched or parsed is reported and stops the listing,
//! since the next link was in it.

mod datajson;
mod extract;
mod index;
mod parse;
mod vocab;

use crate::fetch::{Fetcher, Request};
use crate::source::{
    CutReason, LinkGuard, Page, PageError, SourceError, Step, Walker, parse_source_url,
};
use parse::ParsedPage;

/// `Accept` header of DCAT requests: RDF syntaxes first, JSON last.
const ACCEPT: &str = "application/rdf+xml, text/turtle;q=0.9, application/ld+json;q=0.9, \
                      application/n-triples;q=0.8, application/trig;q=0.8, application/json;q=0.5, \
                      */*;q=0.1";

pub(crate) struct DcatWalker {
    next: Option<String>,
    guard: LinkGuard,
    /// Why the listing stops early, reported by the step after the last page.
    stop: Option<CutReason>,
}

impl DcatWalker {
    pub(crate) fn new(url: &str) -> Result<DcatWalker, SourceError> {
        let first = parse_source_url(url)?;
        Ok(DcatWalker {
            guard: LinkGuard::new(&first),
            next: Some(first.to_string()),
            stop: None,
        })
    }
}

/// Reads one page: its items and the URL of the next page, if any.
pub(crate) fn read_page(
    fetcher: &Fetcher,
    url: &str,
) -> Result<(Vec<crate::record::Item>, Option<String>), SourceError> {
    let request = Request::get(url).accept(ACCEPT);
    let (fetched, body) = fetcher.fetch_bytes(&request)?;
    // Relative IRIs resolve against the URL that served the page, after redirects.
    let base = fetched.url.as_str();
    match parse::parse_page(&body, fetched.content_type.as_deref(), base)? {
        ParsedPage::Rdf(parsed) => Ok((
            extract::page_items(&parsed, base),
            extract::next_page(&parsed, base),
        )),
        ParsedPage::DataJson(value) => Ok((datajson::page_items(&value, base), None)),
    }
}

impl Walker for DcatWalker {
    fn step(&mut self, fetcher: &Fetcher, number: usize) -> Step {
        let Some(url) = self.next.take() else {
            return Step::Done(self.stop.take());
        };
        self.guard.visit(&url);
        match read_page(fetcher, &url) {
            Ok((items, next)) => {
                if let Some(next) = next {
                    match self.guard.check(&next) {
                        Some(reason) => {
                            self.stop = Some(reason);
                        }
                        None => self.next = Some(next),
                    }
                }
                Step::Page(Page { number, url, items })
            }
            Err(error) => {
                self.stop = Some(CutReason::PageFailed { url: url.clone() });
                Step::Failed(PageError { number, url, error })
            }
        }
    }
}
