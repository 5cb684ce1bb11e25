//! Source kinds and the page-by-page listing of a remote catalogue.
//!
//! [`open`] returns a [`Listing`], an iterator of pages. Each page is either a [`Page`]
//! of items (records and skipped entries) or a [`PageError`] for a page that could not
//! be fetched or parsed. With offset paging (CKAN, Opendatasoft) the listing goes on at
//! the next offset after a failed page. With next links (DCAT's `hydra:next`, udata's
//! `next_page`) it stops there, because the next address was in the failed page. Once
//! the iterator ends, [`Listing::completion`] reports whether every remote entry was
//! seen. A platform must check it before it archives datasets that were not seen.
//!
//! Identifiers are checked across the whole listing: a second entry with an identifier
//! already seen becomes a [`SkipReason::DuplicateIdentifier`] skip.

use std::collections::HashSet;

use serde::Serialize;
use thiserror::Error;

use crate::fetch::{FetchError, Fetcher};
use crate::record::{Item, Skip, SkipReason};

/// The kind of remote catalogue, which decides how it is listed and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// CKAN Action API (`…/api/3/action/package_search`), also CKAN emulations.
    Ckan,
    /// A DCAT catalogue in RDF/XML, Turtle or JSON-LD, paged with Hydra.
    Dcat,
    /// udata API v1 (data.gouv.fr): an organisation's datasets or a dataset search.
    Udata,
    /// Opendatasoft Explore API v2.1 catalogue.
    Ods,
}

impl SourceKind {
    pub fn code(self) -> &'static str {
        match self {
            SourceKind::Ckan => "ckan",
            SourceKind::Dcat => "dcat",
            SourceKind::Udata => "udata",
            SourceKind::Ods => "ods",
        }
    }

    pub fn from_code(code: &str) -> Option<SourceKind> {
        match code {
            "ckan" => Some(SourceKind::Ckan),
            "dcat" => Some(SourceKind::Dcat),
            "udata" => Some(SourceKind::Udata),
            "ods" => Some(SourceKind::Ods),
            _ => None,
        }
    }

    pub const ALL: [SourceKind; 4] = [
        SourceKind::Ckan,
        SourceKind::Dcat,
        SourceKind::Udata,
        SourceKind::Ods,
    ];
}

/// Filters applied on the remote side, where the kind supports them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Remote organisation: CKAN organisation name, udata organisation id or slug,
    /// Opendatasoft publisher.
    pub organization: Option<String>,
    /// Every tag must be present (CKAN `tags`, Opendatasoft keywords, udata `tag`).
    pub tags: Vec<String>,
    /// Free query: CKAN `fq` syntax, Opendatasoft `where` clause, udata `q`.
    pub query: Option<String>,
}

/// Bounds of one listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListingLimits {
    /// Entries requested per page where the client chooses (CKAN `rows`, ODS `limit`).
    pub page_size: usize,
    /// Pages read at most; the listing is cut short beyond.
    pub max_pages: usize,
}

impl Default for ListingLimits {
    fn default() -> ListingLimits {
        ListingLimits {
            page_size: 100,
            max_pages: 10_000,
        }
    }
}

/// Address, kind, filters and limits of a remote catalogue to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceConfig {
    pub kind: SourceKind,
    /// CKAN: the site root, also under a sub-path (`https://host/data/`); DCAT: the
    /// first page of the catalogue; udata: the API root (`https://www.data.gouv.fr/api/1/`)
    /// or a full listing URL; Opendatasoft: the portal root or the DCAT export URL.
    pub url: String,
    pub filters: Filters,
    pub limits: ListingLimits,
}

impl SourceConfig {
    pub fn new(kind: SourceKind, url: &str) -> SourceConfig {
        SourceConfig {
            kind,
            url: url.to_owned(),
            filters: Filters::default(),
            limits: ListingLimits::default(),
        }
    }
}

/// One page of entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// Position of the page in the listing, from 1.
    pub number: usize,
    pub url: String,
    pub items: Vec<Item>,
}

/// A page that could not be read. The entries of the other pages are kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageError {
    pub number: usize,
    pub url: String,
    pub error: SourceError,
}

/// Error that made a page unreadable, or a listing unable to start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Error)]
pub enum SourceError {
    #[error(transparent)]
    #[serde(serialize_with = "serialize_display")]
    Fetch(#[from] FetchError),
    #[error("invalid JSON from {url:?}: {detail}")]
    InvalidJson { url: String, detail: String },
    #[error("invalid RDF from {url:?}: {detail}")]
    InvalidRdf { url: String, detail: String },
    #[error("unexpected answer from {url:?}: {detail}")]
    UnexpectedAnswer { url: String, detail: String },
    #[error("invalid source URL {url:?}")]
    InvalidSourceUrl { url: String },
}

fn serialize_display<S: serde::Serializer>(
    error: &FetchError,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(error)
}

impl SourceError {
    pub fn message_id(&self) -> &'static str {
        match self {
            SourceError::Fetch(error) => error.message_id(),
            SourceError::InvalidJson { .. } => "harvest-read-invalid-json",
            SourceError::InvalidRdf { .. } => "harvest-read-invalid-rdf",
            SourceError::UnexpectedAnswer { .. } => "harvest-read-unexpected-answer",
            SourceError::InvalidSourceUrl { .. } => "harvest-read-invalid-url",
        }
    }

    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            SourceError::Fetch(error) => error.args(),
            SourceError::InvalidJson { url, detail }
            | SourceError::InvalidRdf { url, detail }
            | SourceError::UnexpectedAnswer { url, detail } => {
                vec![("url", url.clone()), ("detail", detail.clone())]
            }
            SourceError::InvalidSourceUrl { url } => vec![("url", url.clone())],
        }
    }
}

/// End state of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Completion {
    /// Every page was read: the items seen are the whole remote catalogue.
    Complete,
    /// The listing went to its end but some pages failed, so entries may be missing.
    PagesFailed { failed: usize },
    /// The listing stopped before its end.
    CutShort { reason: CutReason },
}

impl Completion {
    /// True when every remote entry was seen: the only case where a platform may treat a
    /// dataset not seen as removed remotely.
    pub fn is_complete(&self) -> bool {
        matches!(self, Completion::Complete)
    }
}

/// Reason a listing stopped before its end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum CutReason {
    /// A page failed and the address of the next one was in it.
    PageFailed { url: String },
    /// A next link pointed to a page already read.
    NextLinkLoop { url: String },
    /// A next link left the host of the first page.
    NextLinkOffHost { url: String },
    /// The page limit was reached.
    PageLimit { max_pages: usize },
    /// The remote count changed while paging, so offsets shifted and entries may have
    /// been missed or repeated.
    CountChanged { first: u64, now: u64 },
    /// The source cannot page further (Opendatasoft refuses offsets past 10 000).
    OffsetLimit { max: u64 },
    /// The caller stopped reading (a preview).
    Stopped,
}

impl CutReason {
    pub fn message_id(&self) -> &'static str {
        match self {
            CutReason::PageFailed { .. } => "harvest-cut-page-failed",
            CutReason::NextLinkLoop { .. } => "harvest-cut-next-link-loop",
            CutReason::NextLinkOffHost { .. } => "harvest-cut-next-link-off-host",
            CutReason::PageLimit { .. } => "harvest-cut-page-limit",
            CutReason::CountChanged { .. } => "harvest-cut-count-changed",
            CutReason::OffsetLimit { .. } => "harvest-cut-offset-limit",
            CutReason::Stopped => "harvest-cut-stopped",
        }
    }

    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            CutReason::PageFailed { url }
            | CutReason::NextLinkLoop { url }
            | CutReason::NextLinkOffHost { url } => vec![("url", url.clone())],
            CutReason::PageLimit { max_pages } => vec![("max", max_pages.to_string())],
            CutReason::CountChanged { first, now } => {
                vec![("first", first.to_string()), ("now", now.to_string())]
            }
            CutReason::OffsetLimit { max } => vec![("max", max.to_string())],
            CutReason::Stopped => Vec::new(),
        }
    }
}

/// Guards a listing paged by next links: a link back to a page already read, or to
/// another host than the first page's, is not followed.
pub(crate) struct LinkGuard {
    host: String,
    visited: HashSet<String>,
}

impl LinkGuard {
    /// Starts a guard for a listing whose first page is `first_url`.
    pub(crate) fn new(first_url: &url::Url) -> LinkGuard {
        LinkGuard {
            host: first_url
                .host_str()
                .unwrap_or_default()
                .to_ascii_lowercase(),
            visited: HashSet::new(),
        }
    }

    pub(crate) fn visit(&mut self, url: &str) {
        self.visited.insert(visit_key(url));
    }

    /// Returns why `next` must not be followed, or `None` when it may be.
    pub(crate) fn check(&self, next: &str) -> Option<CutReason> {
        if self.visited.contains(&visit_key(next)) {
            return Some(CutReason::NextLinkLoop {
                url: next.to_owned(),
            });
        }
        let host = url::Url::parse(next)
            .ok()
            .and_then(|url| url.host_str().map(str::to_ascii_lowercase));
        if host.as_deref() != Some(self.host.as_str()) {
            return Some(CutReason::NextLinkOffHost {
                url: next.to_owned(),
            });
        }
        None
    }
}

/// Normalises a page URL for loop detection: parsed, without fragment.
fn visit_key(text: &str) -> String {
    match url::Url::parse(text) {
        Ok(mut parsed) => {
            parsed.set_fragment(None);
            parsed.to_string()
        }
        Err(_) => text.to_owned(),
    }
}

/// Checks that `text` is an absolute http(s) URL with a host.
pub(crate) fn parse_source_url(text: &str) -> Result<url::Url, SourceError> {
    let invalid = || SourceError::InvalidSourceUrl {
        url: text.to_owned(),
    };
    let url = url::Url::parse(text.trim()).map_err(|_| invalid())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(invalid());
    }
    Ok(url)
}

/// Starts listing a remote catalogue. Nothing is fetched until the first page is
/// requested from the iterator.
pub fn open(config: &SourceConfig, fetcher: &Fetcher) -> Result<Listing, SourceError> {
    let page_size = config.limits.page_size;
    let walker: Box<dyn Walker> = match config.kind {
        SourceKind::Ckan => Box::new(crate::ckan::CkanWalker::new(
            &config.url,
            &config.filters,
            page_size,
        )?),
        SourceKind::Dcat => Box::new(crate::dcat::DcatWalker::new(&config.url)?),
        SourceKind::Udata => Box::new(crate::udata::UdataWalker::new(
            &config.url,
            &config.filters,
            page_size,
        )?),
        SourceKind::Ods => crate::ods::walker(&config.url, &config.filters, page_size)?,
    };
    Ok(Listing::new(
        fetcher.clone(),
        walker,
        config.limits.max_pages,
    ))
}

/// Outcome of one step of a kind-specific walker.
pub(crate) enum Step {
    Page(Page),
    Failed(PageError),
    /// The walker is finished; `None` means it reached the end normally.
    Done(Option<CutReason>),
}

/// The kind-specific part of a listing: produces pages one by one.
pub(crate) trait Walker: Send {
    fn step(&mut self, fetcher: &Fetcher, number: usize) -> Step;
}

/// A listing in progress: an iterator of pages.
pub struct Listing {
    fetcher: Fetcher,
    walker: Box<dyn Walker>,
    max_pages: usize,
    pages_read: usize,
    failed_pages: usize,
    seen: HashSet<String>,
    completion: Option<Completion>,
}

impl std::fmt::Debug for Listing {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Listing")
            .field("pages_read", &self.pages_read)
            .field("failed_pages", &self.failed_pages)
            .field("completion", &self.completion)
            .finish_non_exhaustive()
    }
}

impl Listing {
    pub(crate) fn new(fetcher: Fetcher, walker: Box<dyn Walker>, max_pages: usize) -> Listing {
        Listing {
            fetcher,
            walker,
            max_pages,
            pages_read: 0,
            failed_pages: 0,
            seen: HashSet::new(),
            completion: None,
        }
    }

    /// Returns how the listing ended once the iterator returned `None`, and `None` before.
    pub fn completion(&self) -> Option<&Completion> {
        self.completion.as_ref()
    }

    /// Stops reading: the listing ends as cut short by the caller.
    pub fn stop(&mut self) {
        if self.completion.is_none() {
            self.completion = Some(Completion::CutShort {
                reason: CutReason::Stopped,
            });
        }
    }

    fn finish(&mut self, cut: Option<CutReason>) {
        let completion = match cut {
            Some(reason) => Completion::CutShort { reason },
            None if self.failed_pages > 0 => Completion::PagesFailed {
                failed: self.failed_pages,
            },
            None => Completion::Complete,
        };
        self.completion = Some(completion);
    }

    /// Turns entries whose identifier was already seen into skips.
    fn mark_duplicates(&mut self, page: &mut Page) {
        for item in &mut page.items {
            let Item::Dataset(dataset) = item else {
                continue;
            };
            if self.seen.insert(dataset.remote_id.clone()) {
                continue;
            }
            let id = dataset.remote_id.clone();
            *item = Item::Skipped(Skip::new(
                SkipReason::DuplicateIdentifier,
                Some(id.clone()),
                Some(dataset.title.clone()),
                &[("id", &id)],
            ));
        }
    }
}

impl Iterator for Listing {
    type Item = Result<Page, PageError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.completion.is_some() {
            return None;
        }
        if self.pages_read >= self.max_pages {
            self.finish(Some(CutReason::PageLimit {
                max_pages: self.max_pages,
            }));
            return None;
        }
        let number = self.pages_read + 1;
        match self.walker.step(&self.fetcher, number) {
            Step::Page(mut page) => {
                self.pages_read += 1;
                self.mark_duplicates(&mut page);
                Some(Ok(page))
            }
            Step::Failed(error) => {
                self.pages_read += 1;
                self.failed_pages += 1;
                Some(Err(error))
            }
            Step::Done(cut) => {
                self.finish(cut);
                None
            }
        }
    }
}
