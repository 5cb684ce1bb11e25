//! Search and facets in SQLite with FTS5.
//!
//! Every query shares one filter: the viewer's visibility, the text match and the chosen
//! facet values. The page of hits is ranked by FTS5's bm25 when there is text, and by last
//! modification otherwise. Each facet is one grouped count over the same filter.

use sqlx::{QueryBuilder, Row, Sqlite};

use super::cache::CacheKey;
use super::{HIT_COLUMNS, SqliteStore, hit_from_row, push_visibility};
use crate::Error;
use crate::model::Viewer;
use crate::search::{
    FACET_LIMIT, FacetValue, Facets, MAX_PER_PAGE, SearchQuery, SearchResults, match_expression,
};
use crate::store::SearchStore;

impl SearchStore for SqliteStore {
    async fn search(&self, viewer: &Viewer, query: &SearchQuery) -> Result<SearchResults, Error> {
        // Read before the memberships and the catalogue, so that a result built across a
        // write is not kept.
        let generation = self.search_cache.generation();
        let organizations = self.viewer_organizations(viewer).await?;
        let key = CacheKey {
            platform_admin: viewer.platform_admin,
            organizations,
            query: query.clone(),
        };
        if let Some(results) = self.search_cache.get(&key) {
            return Ok(results);
        }
        // Searches on the in-memory index skip the lock, which is there so that many visitors
        // asking for one new page do not all run the slow SQL search.
        if let Some(results) = self
            .search_with_index_for(viewer, &key.organizations, query)
            .await?
        {
            self.search_cache.insert(key, results.clone(), generation);
            return Ok(results);
        }
        let _computing = self.search_cache.computing.lock().await;
        if let Some(results) = self.search_cache.get(&key) {
            return Ok(results);
        }
        let results = self.search_uncached(viewer, query).await?;
        self.search_cache.insert(key, results.clone(), generation);
        Ok(results)
    }
}

impl SqliteStore {
    /// Returns the ids of the organisations whose private datasets the viewer sees besides
    /// the public ones, sorted: none for anonymous visitors and platform administrators
    /// (who see everything).
    pub(super) async fn viewer_organizations(&self, viewer: &Viewer) -> Result<Vec<String>, Error> {
        match viewer.user_id {
            Some(user_id) if !viewer.platform_admin => Ok(sqlx::query_scalar(
                "SELECT organization_id FROM memberships WHERE user_id = ? ORDER BY organization_id",
            )
            .bind(user_id.to_string())
            .fetch_all(&self.pool)
            .await?),
            _ => Ok(Vec::new()),
        }
    }

    /// Runs a search against the database, bypassing the cache.
    pub async fn search_uncached(
        &self,
        viewer: &Viewer,
        query: &SearchQuery,
    ) -> Result<SearchResults, Error> {
        let expression = match_expression(&self.analyzer, &query.text);
        let per_page = query.per_page.clamp(1, MAX_PER_PAGE);
        let page = query.page.max(1);

        let mut count = QueryBuilder::new(
            "SELECT COUNT(*) FROM datasets d JOIN organizations o ON o.id = d.organization_id",
        );
        push_filter(&mut count, viewer, query, expression.as_deref());
        let total: i64 = count.build().fetch_one(&self.pool).await?.try_get(0)?;

        // With text, the matches are joined once with their bm25 score, which both filters
        // and ranks. A correlated subquery would run one FTS query per row.
        let mut select = QueryBuilder::new(format!(
            "SELECT {HIT_COLUMNS} FROM datasets d JOIN organizations o ON o.id = d.organization_id"
        ));
        if let Some(expression) = &expression {
            select.push(
                " JOIN (SELECT dataset_id, bm25(datasets_fts) AS score FROM datasets_fts WHERE datasets_fts MATCH ",
            );
            select.push_bind(expression.clone());
            select.push(") f ON f.dataset_id = d.id");
            push_filter(&mut select, viewer, query, None);
            select.push(" ORDER BY f.score, d.modified_at DESC");
        } else {
            push_filter(&mut select, viewer, query, None);
            select.push(" ORDER BY d.modified_at DESC");
        }
        select.push(" LIMIT ");
        select.push_bind(i64::from(per_page));
        select.push(" OFFSET ");
        select.push_bind(i64::from(page - 1) * i64::from(per_page));
        let rows = select.build().fetch_all(&self.pool).await?;
        let hits = rows
            .iter()
            .map(hit_from_row)
            .collect::<Result<Vec<_>, Error>>()?;

        let facets = self.facets(viewer, query, expression.as_deref()).await?;
        Ok(SearchResults {
            total: u64::try_from(total).unwrap_or(0),
            page,
            per_page,
            hits,
            facets,
        })
    }

    async fn facets(
        &self,
        viewer: &Viewer,
        query: &SearchQuery,
        expression: Option<&str>,
    ) -> Result<Facets, Error> {
        Ok(Facets {
            organizations: self
                .facet(viewer, query, expression, &ORGANIZATIONS)
                .await?,
            tags: self.facet(viewer, query, expression, &TAGS).await?,
            formats: self.facet(viewer, query, expression, &FORMATS).await?,
            licences: self.facet(viewer, query, expression, &LICENCES).await?,
            schemas: self.facet(viewer, query, expression, &SCHEMAS).await?,
            validity: self.facet(viewer, query, expression, &VALIDITY).await?,
        })
    }

    /// Counts matching datasets per value of one facet.
    async fn facet(
        &self,
        viewer: &Viewer,
        query: &SearchQuery,
        expression: Option<&str>,
        facet: &FacetSql,
    ) -> Result<Vec<FacetValue>, Error> {
        let FacetSql {
            column,
            label,
            join,
            count,
        } = facet;
        let mut builder = QueryBuilder::new(format!(
            "SELECT {column} AS value, {label} AS label, {count} AS count \
             FROM datasets d JOIN organizations o ON o.id = d.organization_id{join}"
        ));
        push_filter(&mut builder, viewer, query, expression);
        builder.push(format!(
            " AND {column} IS NOT NULL GROUP BY {column} ORDER BY count DESC, value LIMIT {FACET_LIMIT}"
        ));
        let rows = builder.build().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                let count: i64 = row.try_get("count")?;
                Ok(FacetValue {
                    value: row.try_get("value")?,
                    label: row.try_get("label")?,
                    count: u64::try_from(count).unwrap_or(0),
                })
            })
            .collect()
    }
}

/// The SQL pieces of one facet; all are constants of this module, never user input.
struct FacetSql {
    column: &'static str,
    label: &'static str,
    /// Joins the facet's table to `datasets d`.
    join: &'static str,
    /// `COUNT(*)` when the join yields at most one row per dataset and value.
    count: &'static str,
}

const ORGANIZATIONS: FacetSql = FacetSql {
    column: "o.slug",
    label: "MIN(o.name)",
    join: "",
    count: "COUNT(*)",
};
// `dataset_tags` has one row per dataset and tag (its primary key).
const TAGS: FacetSql = FacetSql {
    column: "t.tag",
    label: "t.tag",
    join: " JOIN dataset_tags t ON t.dataset_id = d.id",
    count: "COUNT(*)",
};
// A dataset may have several resources of one format. Private resources (the original
// of a redacted file) are hidden from search, their format included.
const FORMATS: FacetSql = FacetSql {
    column: "r.format",
    label: "r.format",
    join: " JOIN resources r ON r.dataset_id = d.id AND r.private = 0",
    count: "COUNT(DISTINCT d.id)",
};
const LICENCES: FacetSql = FacetSql {
    column: "d.licence",
    label: "d.licence",
    join: "",
    count: "COUNT(*)",
};
const SCHEMAS: FacetSql = FacetSql {
    column: "d.schema_slug",
    label: "d.schema_slug",
    join: "",
    count: "COUNT(*)",
};
const VALIDITY: FacetSql = FacetSql {
    column: "d.validity",
    label: "d.validity",
    join: "",
    count: "COUNT(*)",
};

/// Appends ` WHERE …` with visibility, text match and facet filters.
fn push_filter(
    builder: &mut QueryBuilder<'_, Sqlite>,
    viewer: &Viewer,
    query: &SearchQuery,
    expression: Option<&str>,
) {
    builder.push(" WHERE ");
    push_visibility(builder, viewer);
    if let Some(expression) = expression {
        builder.push(" AND d.id IN (SELECT dataset_id FROM datasets_fts WHERE datasets_fts MATCH ");
        builder.push_bind(expression.to_string());
        builder.push(")");
    }
    if let Some(organization) = &query.organization {
        builder.push(" AND o.slug = ");
        builder.push_bind(organization.clone());
    }
    if let Some(tag) = &query.tag {
        builder.push(
            " AND EXISTS (SELECT 1 FROM dataset_tags ft WHERE ft.dataset_id = d.id AND ft.tag = ",
        );
        builder.push_bind(tag.clone());
        builder.push(")");
    }
    if let Some(format) = &query.format {
        builder.push(
            " AND EXISTS (SELECT 1 FROM resources fr WHERE fr.dataset_id = d.id AND fr.private = 0 AND fr.format = ",
        );
        builder.push_bind(format.to_lowercase());
        builder.push(")");
    }
    if let Some(licence) = &query.licence {
        builder.push(" AND d.licence = ");
        builder.push_bind(licence.clone());
    }
    if let Some(schema) = &query.schema {
        builder.push(" AND d.schema_slug = ");
        builder.push_bind(schema.clone());
    }
    if let Some(validity) = query.validity {
        builder.push(" AND d.validity = ");
        builder.push_bind(validity.code());
    }
}
