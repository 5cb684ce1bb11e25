//! An in-memory index of the catalogue's active datasets, for searches without SQL
//! grouping.
//!
//! Grouped facet counts over every visible dataset cost hundreds of milliseconds at
//! 50,000 datasets, mostly in the tag join. This index keeps, for each active dataset, who
//! may see it (everyone, or the members of its organisation) and its facet values as small
//! integers, in order of last modification.
//! A search then filters and counts in memory, queries FTS5 only for the matching row ids and
//! their bm25 scores, and reads the page of hits by id. The matches and counts of a search
//! are kept with the index, so the other pages of the same search only read their hits.
//!
//! The index is built from one read transaction. A search keeps the entries its viewer may
//! see with the same rule as the SQL path ([`super::push_access`]): published public
//! datasets, those of the viewer's organisations, or all for platform administrators. It
//! is tagged with the catalogue's write generation read before the build and used only
//! while that generation is current. A stale index is rebuilt in the background while
//! searches take the SQL path, so no request waits for a rebuild. Memberships are read at
//! each signed-in search, so a new membership shows at once without a rebuild.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use futures_util::TryStreamExt;
use sqlx::{QueryBuilder, Row};

use super::memo::Memo;
use super::{HIT_COLUMNS, SqliteStore, hit_from_row, push_visibility};
use crate::Error;
use crate::model::Viewer;
use crate::search::{
    FACET_LIMIT, FacetValue, Facets, MAX_PER_PAGE, SearchQuery, SearchResults, match_expression,
};

/// The current index, if any, and whether a rebuild is running.
#[derive(Default)]
pub(super) struct FacetIndexSlot {
    index: Mutex<Option<Arc<FacetIndex>>>,
    building: AtomicBool,
}

/// Distinct values of one facet, numbered in order of first appearance.
#[derive(Default)]
struct Dictionary {
    values: Vec<String>,
    numbers: HashMap<String, u32>,
}

impl Dictionary {
    fn number(&mut self, value: &str) -> u32 {
        if let Some(number) = self.numbers.get(value) {
            return *number;
        }
        let number = self.values.len() as u32;
        self.values.push(value.to_string());
        self.numbers.insert(value.to_string(), number);
        number
    }

    fn find(&self, value: &str) -> Option<u32> {
        self.numbers.get(value).copied()
    }
}

/// One dataset visible to anonymous visitors.
struct Entry {
    id: String,
    /// Published and not private: visible to everyone.
    public: bool,
    organization: u32,
    licence: u32,
    schema: Option<u32>,
    validity: u32,
    tags: Vec<u32>,
    formats: Vec<u32>,
}

pub(super) struct FacetIndex {
    generation: u64,
    /// Most recently modified first, as the SQL path orders results without text.
    entries: Vec<Entry>,
    /// FTS5 row id to position in `entries`.
    text_rows: HashMap<i64, u32>,
    /// Ranked matches of the full-text expressions searched since the build.
    text_matches: Memo<String, Vec<u32>>,
    /// Matches and facet counts of the searches run since the build, whatever their page,
    /// by viewer access and search with the page and page size cleared.
    selections: Memo<(Access, SearchQuery), Selection>,
    organizations: Dictionary,
    /// Organisation names, by the number of their slug in `organizations`.
    organization_names: Vec<String>,
    /// Organisation numbers in `organizations`, by organisation id.
    organization_numbers: HashMap<String, u32>,
    tags: Dictionary,
    formats: Dictionary,
    licences: Dictionary,
    schemas: Dictionary,
    validity: Dictionary,
}

/// Positions kept in all cached text matches at most (4 bytes each).
const MAX_CACHED_POSITIONS: usize = 4_000_000;

/// Positions kept in all cached selections at most (4 bytes each).
const MAX_SELECTION_POSITIONS: usize = 2_000_000;

/// Positions counted for each cached entry besides its own, for its key (search text up
/// to a few hundred bytes) and bookkeeping: 1 KB.
const MEMO_ENTRY_POSITIONS: usize = 256;

/// The datasets a search selects, in result order, and their facet counts. Both depend on
/// the text and filters of the search but not on its page, and counting the facets is
/// most of a search's cost, so visitors paging through results reuse them.
struct Selection {
    matches: Vec<u32>,
    facets: Facets,
}

/// The entries a viewer may see.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Access {
    /// Public entries only: anonymous visitors.
    Public,
    /// Every active entry: platform administrators.
    All,
    /// Public entries and those of these organisation numbers, sorted: members.
    Members(Vec<u32>),
}

impl Access {
    fn allows(&self, entry: &Entry) -> bool {
        match self {
            Access::Public => entry.public,
            Access::All => true,
            Access::Members(organizations) => {
                entry.public || organizations.binary_search(&entry.organization).is_ok()
            }
        }
    }
}

/// Facet filters of a query, as numbers of the index. `None` in an outer option means the
/// filter is absent; `Some(None)` means the value is unknown, so nothing matches.
struct Filters {
    organization: Option<Option<u32>>,
    tag: Option<Option<u32>>,
    format: Option<Option<u32>>,
    licence: Option<Option<u32>>,
    schema: Option<Option<u32>>,
    validity: Option<Option<u32>>,
}

impl Filters {
    fn new(index: &FacetIndex, query: &SearchQuery) -> Filters {
        let lookup = |dictionary: &Dictionary, value: &Option<String>| {
            value.as_deref().map(|value| dictionary.find(value))
        };
        Filters {
            organization: lookup(&index.organizations, &query.organization),
            tag: lookup(&index.tags, &query.tag),
            format: lookup(
                &index.formats,
                &query.format.as_deref().map(str::to_lowercase),
            ),
            licence: lookup(&index.licences, &query.licence),
            schema: lookup(&index.schemas, &query.schema),
            validity: query
                .validity
                .map(|validity| index.validity.find(validity.code())),
        }
    }

    /// Tells whether a filter names a value absent from the index.
    fn selects_nothing(&self) -> bool {
        [
            self.organization,
            self.tag,
            self.format,
            self.licence,
            self.schema,
            self.validity,
        ]
        .contains(&Some(None))
    }

    fn accepts(&self, entry: &Entry) -> bool {
        fn one(filter: Option<Option<u32>>, value: u32) -> bool {
            filter.is_none_or(|wanted| wanted == Some(value))
        }
        fn many(filter: Option<Option<u32>>, values: &[u32]) -> bool {
            filter.is_none_or(|wanted| wanted.is_some_and(|wanted| values.contains(&wanted)))
        }
        one(self.organization, entry.organization)
            && one(self.licence, entry.licence)
            && one(self.validity, entry.validity)
            && many(self.tag, &entry.tags)
            && many(self.format, &entry.formats)
            && self
                .schema
                .is_none_or(|wanted| wanted.is_some() && wanted == entry.schema)
    }
}

impl SqliteStore {
    /// Runs a search on the in-memory index, or returns `None` when the index is stale (a
    /// rebuild is then started in the background).
    pub async fn search_with_index(
        &self,
        viewer: &Viewer,
        query: &SearchQuery,
    ) -> Result<Option<SearchResults>, Error> {
        let organizations = self.viewer_organizations(viewer).await?;
        self.search_with_index_for(viewer, &organizations, query)
            .await
    }

    /// Runs a search on the in-memory index for a viewer who is a member of
    /// `organizations` (ids), or returns `None` when the index is stale.
    pub(super) async fn search_with_index_for(
        &self,
        viewer: &Viewer,
        organizations: &[String],
        query: &SearchQuery,
    ) -> Result<Option<SearchResults>, Error> {
        let Some(index) = self.current_facet_index() else {
            self.start_facet_index_build();
            return Ok(None);
        };
        let access = if viewer.platform_admin {
            Access::All
        } else if viewer.user_id.is_some() {
            let mut numbers: Vec<u32> = organizations
                .iter()
                .filter_map(|id| index.organization_numbers.get(id).copied())
                .collect();
            numbers.sort_unstable();
            Access::Members(numbers)
        } else {
            Access::Public
        };
        self.search_in(&index, viewer, access, query)
            .await
            .map(Some)
    }

    /// Builds the index now and installs it, for callers that need it current at once, such
    /// as tests and a server warming up.
    pub async fn rebuild_facet_index(&self) -> Result<(), Error> {
        let index = self.build_facet_index().await?;
        if let Ok(mut slot) = self.search_cache.facet_index.index.lock() {
            *slot = Some(Arc::new(index));
        }
        Ok(())
    }

    fn current_facet_index(&self) -> Option<Arc<FacetIndex>> {
        let generation = self.write_generation();
        let slot = self.search_cache.facet_index.index.lock().ok()?;
        slot.as_ref()
            .filter(|index| index.generation == generation)
            .cloned()
    }

    fn start_facet_index_build(&self) {
        let slot = &self.search_cache.facet_index;
        if slot.building.swap(true, Ordering::SeqCst) {
            return;
        }
        let store = self.clone();
        tokio::spawn(async move {
            if let Err(error) = store.rebuild_facet_index().await {
                // The SQL path keeps serving searches, and the next search retries the build.
                tracing::error!(%error, "building the search facet index failed");
            }
            store
                .search_cache
                .facet_index
                .building
                .store(false, Ordering::SeqCst);
        });
    }

    async fn build_facet_index(&self) -> Result<FacetIndex, Error> {
        let generation = self.write_generation();
        let mut transaction = self.pool.begin().await?;

        let mut datasets = QueryBuilder::new(
            "SELECT d.id, d.licence, d.schema_slug, d.validity, \
             (d.published = 1 AND d.private = 0) AS public, o.id AS organization_id, \
             o.slug AS organization_slug, o.name AS organization_name \
             FROM datasets d JOIN organizations o ON o.id = d.organization_id WHERE ",
        );
        push_visibility(&mut datasets, &every_active());
        datasets.push(" ORDER BY d.modified_at DESC, d.id");

        // Rows are read one at a time rather than collected: a collected row costs several
        // allocations, which for 50,000 datasets and their tags is about 100 MB at once.
        let mut index = FacetIndex {
            generation,
            entries: Vec::new(),
            text_rows: HashMap::new(),
            text_matches: Memo::new(MAX_CACHED_POSITIONS, MEMO_ENTRY_POSITIONS),
            selections: Memo::new(MAX_SELECTION_POSITIONS, MEMO_ENTRY_POSITIONS),
            organizations: Dictionary::default(),
            organization_names: Vec::new(),
            organization_numbers: HashMap::new(),
            tags: Dictionary::default(),
            formats: Dictionary::default(),
            licences: Dictionary::default(),
            schemas: Dictionary::default(),
            validity: Dictionary::default(),
        };
        let mut positions: HashMap<String, u32> = HashMap::new();
        let mut rows = datasets.build().fetch(&mut *transaction);
        while let Some(row) = rows.try_next().await? {
            let id: String = row.try_get("id")?;
            let slug: String = row.try_get("organization_slug")?;
            let organization = index.organizations.number(&slug);
            if organization as usize == index.organization_names.len() {
                index
                    .organization_names
                    .push(row.try_get("organization_name")?);
                index
                    .organization_numbers
                    .insert(row.try_get("organization_id")?, organization);
            }
            let schema: Option<String> = row.try_get("schema_slug")?;
            let entry = Entry {
                id: id.clone(),
                public: row.try_get("public")?,
                organization,
                licence: index.licences.number(&row.try_get::<String, _>("licence")?),
                schema: schema.map(|schema| index.schemas.number(&schema)),
                validity: index
                    .validity
                    .number(&row.try_get::<String, _>("validity")?),
                tags: Vec::new(),
                formats: Vec::new(),
            };
            positions.insert(id, index.entries.len() as u32);
            index.entries.push(entry);
        }
        drop(rows);

        let mut tags = QueryBuilder::new(
            "SELECT t.dataset_id, t.tag FROM dataset_tags t JOIN datasets d ON d.id = t.dataset_id WHERE ",
        );
        push_visibility(&mut tags, &every_active());
        let mut rows = tags.build().fetch(&mut *transaction);
        while let Some(row) = rows.try_next().await? {
            let dataset: String = row.try_get(0)?;
            if let Some(position) = positions.get(&dataset) {
                let tag = index.tags.number(&row.try_get::<String, _>(1)?);
                index.entries[*position as usize].tags.push(tag);
            }
        }
        drop(rows);

        // Every public resource counts, as in the SQL path's format facet.
        let mut formats = QueryBuilder::new(
            "SELECT DISTINCT r.dataset_id, r.format FROM resources r JOIN datasets d ON d.id = r.dataset_id WHERE r.private = 0 AND ",
        );
        push_visibility(&mut formats, &every_active());
        let mut rows = formats.build().fetch(&mut *transaction);
        while let Some(row) = rows.try_next().await? {
            let dataset: String = row.try_get(0)?;
            if let Some(position) = positions.get(&dataset) {
                let format = index.formats.number(&row.try_get::<String, _>(1)?);
                index.entries[*position as usize].formats.push(format);
            }
        }
        drop(rows);

        let mut rows =
            sqlx::query("SELECT rowid, dataset_id FROM datasets_fts").fetch(&mut *transaction);
        while let Some(row) = rows.try_next().await? {
            let dataset: String = row.try_get(1)?;
            if let Some(position) = positions.get(&dataset) {
                index.text_rows.insert(row.try_get(0)?, *position);
            }
        }
        drop(rows);
        transaction.commit().await?;
        Ok(index)
    }

    async fn search_in(
        &self,
        index: &FacetIndex,
        viewer: &Viewer,
        access: Access,
        query: &SearchQuery,
    ) -> Result<SearchResults, Error> {
        let per_page = query.per_page.clamp(1, MAX_PER_PAGE);
        let page = query.page.max(1);
        let selection = self.selection(index, access, query).await?;
        let start =
            usize::try_from(u64::from(page - 1) * u64::from(per_page)).unwrap_or(usize::MAX);
        let ids: Vec<&str> = selection
            .matches
            .iter()
            .skip(start)
            .take(per_page as usize)
            .map(|position| index.entries[*position as usize].id.as_str())
            .collect();
        let hits = self.hits_by_id(viewer, &ids).await?;
        Ok(SearchResults {
            total: selection.matches.len() as u64,
            page,
            per_page,
            hits,
            facets: selection.facets.clone(),
        })
    }

    /// Returns the datasets a search selects and their facet counts, from the index's
    /// cache when the same text and filters were searched since the build.
    async fn selection(
        &self,
        index: &FacetIndex,
        access: Access,
        query: &SearchQuery,
    ) -> Result<Arc<Selection>, Error> {
        let key = (
            access,
            SearchQuery {
                page: 0,
                per_page: 0,
                ..query.clone()
            },
        );
        // A filter value that no visible dataset has selects nothing, whatever the rest:
        // such searches are cheap and, with any text in the filter, unbounded in number,
        // so they are not kept.
        if Filters::new(index, query).selects_nothing() {
            return Ok(Arc::new(Selection {
                matches: Vec::new(),
                facets: index.count_facets(&[]),
            }));
        }
        index
            .selections
            .get_or_compute(
                &key,
                |selection| selection.matches.len(),
                || self.compute_selection(index, &key.0, query),
            )
            .await
    }

    async fn compute_selection(
        &self,
        index: &FacetIndex,
        access: &Access,
        query: &SearchQuery,
    ) -> Result<Selection, Error> {
        let filters = Filters::new(index, query);
        let visible = |position: &u32| {
            let entry = &index.entries[*position as usize];
            access.allows(entry) && filters.accepts(entry)
        };
        // Positions of the matches, ranked: by bm25 then recency with text, else by recency.
        let matches: Vec<u32> = match match_expression(&self.analyzer, &query.text) {
            Some(expression) => {
                let ranked = self.ranked_text_matches(index, expression).await?;
                ranked.iter().copied().filter(visible).collect()
            }
            None => (0..index.entries.len() as u32).filter(visible).collect(),
        };
        let facets = index.count_facets(&matches);
        Ok(Selection { matches, facets })
    }

    /// Returns the positions of the visible datasets matching a full-text expression,
    /// ranked by bm25 then recency. Scoring every match is the slow part of a text search
    /// (it reads each match's size from FTS5), so the ranking is kept per expression while
    /// the index is current.
    async fn ranked_text_matches(
        &self,
        index: &FacetIndex,
        expression: String,
    ) -> Result<Arc<Vec<u32>>, Error> {
        index
            .text_matches
            .get_or_compute(&expression, Vec::len, || {
                self.rank_text_matches(index, &expression)
            })
            .await
    }

    async fn rank_text_matches(
        &self,
        index: &FacetIndex,
        expression: &str,
    ) -> Result<Vec<u32>, Error> {
        // One row with every match as `rowid score` pairs, because sqlx hands rows over one
        // at a time between threads.
        // NOTE: SQLite writes the scores with 15 significant digits, so two scores closer
        // than that rank by recency here, where the SQL path compares them.
        let scored: Option<String> = sqlx::query_scalar(
            "WITH matches AS MATERIALIZED (SELECT rowid AS id, bm25(datasets_fts) AS score \
             FROM datasets_fts WHERE datasets_fts MATCH ?) \
             SELECT group_concat(id || ' ' || score, ',') FROM matches",
        )
        .bind(expression)
        .fetch_one(&self.pool)
        .await?;

        let mut scored_positions = Vec::new();
        let mut seen = vec![false; index.entries.len()];
        for pair in scored
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter(|pair| !pair.is_empty())
        {
            let (rowid, score) = parse_scored(pair)?;
            let Some(position) = index.text_rows.get(&rowid).copied() else {
                continue;
            };
            if !seen[position as usize] {
                seen[position as usize] = true;
                scored_positions.push((score, position));
            }
        }

        scored_positions
            .sort_by(|left, right| left.0.total_cmp(&right.0).then(left.1.cmp(&right.1)));
        Ok(scored_positions
            .into_iter()
            .map(|(_, position)| position)
            .collect())
    }

    /// Reads datasets by id, in the order given, keeping only those the viewer may still
    /// see.
    async fn hits_by_id(
        &self,
        viewer: &Viewer,
        ids: &[&str],
    ) -> Result<Vec<crate::search::DatasetHit>, Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut select = QueryBuilder::new(format!(
            "SELECT {HIT_COLUMNS} FROM datasets d JOIN organizations o ON o.id = d.organization_id WHERE "
        ));
        push_visibility(&mut select, viewer);
        select.push(" AND d.id IN (");
        let mut separated = select.separated(", ");
        for id in ids {
            separated.push_bind(id.to_string());
        }
        select.push(")");
        let rows = select.build().fetch_all(&self.pool).await?;
        let mut hits: HashMap<String, crate::search::DatasetHit> = HashMap::new();
        for row in &rows {
            let hit = hit_from_row(row)?;
            hits.insert(hit.dataset.id.to_string(), hit);
        }
        Ok(ids.iter().filter_map(|id| hits.remove(*id)).collect())
    }
}

impl FacetIndex {
    fn count_facets(&self, matches: &[u32]) -> Facets {
        let mut organizations = vec![0u64; self.organizations.values.len()];
        let mut tags = vec![0u64; self.tags.values.len()];
        let mut formats = vec![0u64; self.formats.values.len()];
        let mut licences = vec![0u64; self.licences.values.len()];
        let mut schemas = vec![0u64; self.schemas.values.len()];
        let mut validity = vec![0u64; self.validity.values.len()];
        for position in matches {
            let entry = &self.entries[*position as usize];
            organizations[entry.organization as usize] += 1;
            licences[entry.licence as usize] += 1;
            validity[entry.validity as usize] += 1;
            if let Some(schema) = entry.schema {
                schemas[schema as usize] += 1;
            }
            for tag in &entry.tags {
                tags[*tag as usize] += 1;
            }
            for format in &entry.formats {
                formats[*format as usize] += 1;
            }
        }
        Facets {
            organizations: top_values(
                &self.organizations,
                &organizations,
                Some(&self.organization_names),
            ),
            tags: top_values(&self.tags, &tags, None),
            formats: top_values(&self.formats, &formats, None),
            licences: top_values(&self.licences, &licences, None),
            schemas: top_values(&self.schemas, &schemas, None),
            validity: top_values(&self.validity, &validity, None),
        }
    }
}

/// Parses one `rowid score` pair of the text match list.
fn parse_scored(pair: &str) -> Result<(i64, f64), Error> {
    let corrupt = || Error::Corrupt(format!("full-text match entry {pair}"));
    let (rowid, score) = pair.split_once(' ').ok_or_else(corrupt)?;
    let rowid = rowid.parse().map_err(|_| corrupt())?;
    let score = score.parse().map_err(|_| corrupt())?;
    Ok((rowid, score))
}

/// Returns the values with a count, most frequent first then by value, as the SQL path
/// orders them, limited to [`FACET_LIMIT`].
fn top_values(
    dictionary: &Dictionary,
    counts: &[u64],
    labels: Option<&[String]>,
) -> Vec<FacetValue> {
    let mut values: Vec<(u64, &str, usize)> = counts
        .iter()
        .enumerate()
        .filter(|(_, count)| **count > 0)
        .map(|(number, count)| (*count, dictionary.values[number].as_str(), number))
        .collect();
    values.sort_by(|left, right| right.0.cmp(&left.0).then(left.1.cmp(right.1)));
    values
        .into_iter()
        .take(FACET_LIMIT as usize)
        .map(|(count, value, number)| FacetValue {
            value: value.to_string(),
            label: labels.map_or_else(|| value.to_string(), |labels| labels[number].clone()),
            count,
        })
        .collect()
}

/// Returns a viewer who may see every active dataset, to build the index.
fn every_active() -> Viewer {
    Viewer {
        user_id: None,
        platform_admin: true,
    }
}
