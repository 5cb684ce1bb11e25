//! Listings of datasets for machine clients: any offset, up to [`MAX_LISTING_ROWS`] rows,
//! a chosen sort, filters on several values, and facets on request.
//!
//! The pages of the web interface use [`crate::search`], whose results are cached and
//! always carry every facet. A listing is built for the CKAN-compatible API instead, where
//! harvesters walk the whole catalogue a thousand datasets at a time. Its page is chosen
//! from the sort index alone and only the rows of the page are then read, so a deep page
//! costs about as much as the first.

use std::future::Future;

use crate::Error;
use crate::model::Viewer;
use crate::search::{DatasetHit, FacetValue};

/// Largest page of a listing, CKAN's default `ckan.search.rows_max`.
pub const MAX_LISTING_ROWS: u32 = 1000;

/// Order of a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListingSort {
    /// Best text match first, then most recently modified; without text, the latter only.
    Relevance,
    ModifiedDesc,
    ModifiedAsc,
    CreatedDesc,
    CreatedAsc,
    /// Title, case-insensitive.
    TitleAsc,
    TitleDesc,
    /// Name (URL slug).
    NameAsc,
    NameDesc,
}

/// A property counted by a facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FacetField {
    /// Organisation slug, labelled with its name.
    Organization,
    Tags,
    /// Lower-case format of public resources.
    Format,
    Licence,
}

/// A listing request. Every filter value must match: two tags select datasets with both.
#[derive(Debug, Clone)]
pub struct ListingQuery {
    pub text: String,
    /// Organisation slugs.
    pub organizations: Vec<String>,
    /// Organisation ids.
    pub organization_ids: Vec<String>,
    pub tags: Vec<String>,
    /// Formats, compared case-insensitively.
    pub formats: Vec<String>,
    pub licences: Vec<String>,
    /// Dataset names (slugs) or ids.
    pub names: Vec<String>,
    /// Adds the private datasets of the viewer's organisations (all of them for platform
    /// administrators).
    pub include_private: bool,
    /// Keeps only private datasets (CKAN's `capacity:private`); needs `include_private`.
    pub only_private: bool,
    /// Adds the drafts of the viewer's organisations.
    pub include_drafts: bool,
    pub sort: ListingSort,
    pub offset: u64,
    /// Clamped to [`MAX_LISTING_ROWS`].
    pub limit: u32,
    pub facet_fields: Vec<FacetField>,
    /// Maximum number of values per facet. `None` lists them all.
    pub facet_limit: Option<u32>,
}

impl Default for ListingQuery {
    fn default() -> ListingQuery {
        ListingQuery {
            text: String::new(),
            organizations: Vec::new(),
            organization_ids: Vec::new(),
            tags: Vec::new(),
            formats: Vec::new(),
            licences: Vec::new(),
            names: Vec::new(),
            include_private: false,
            only_private: false,
            include_drafts: false,
            sort: ListingSort::Relevance,
            offset: 0,
            limit: 10,
            facet_fields: Vec::new(),
            facet_limit: Some(50),
        }
    }
}

/// One page of a listing.
#[derive(Debug, Clone)]
pub struct Listing {
    pub total: u64,
    pub hits: Vec<DatasetHit>,
    /// The requested facets, in request order.
    pub facets: Vec<(FacetField, Vec<FacetValue>)>,
}

pub trait ListingStore: Send + Sync {
    fn list_datasets(
        &self,
        viewer: &Viewer,
        query: &ListingQuery,
    ) -> impl Future<Output = Result<Listing, Error>> + Send;
}
