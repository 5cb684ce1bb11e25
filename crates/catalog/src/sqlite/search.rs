//! Search and facets in SQLite with FTS5.
//!
//! Every query shares one filter: the viewer's visibility, the text match and the chosen
//! facet values. The page of hits is ranked by FTS5's bm25 when there is text, by last
//! modification otherwise; each facet is one grouped count over the same filter.

use sqlx::{QueryBuilder, Row, Sqlite};

use super::{HIT_COLUMNS, SqliteStore, hit_from_row, push_visibility};
use crate::Error;
use crate::model::Viewer;
use crate::search::{
    FACET_LIMIT, FacetValue, Facets, MAX_PER_PAGE, SearchQuery, SearchResults, match_expression,
};
use crate::store::SearchStore;

impl SearchStore for SqliteStore {
    async fn search(&self, viewer: &Viewer, query: &SearchQuery) -> Result<SearchResults, Error> {
        let expression = match_expression(&self.analyzer, &query.text);
        let per_page = query.per_page.clamp(1, MAX_PER_PAGE);
        let page = query.page.max(1);

        let mut count = QueryBuilder::new(
            "SELECT COUNT(*) FROM datasets d JOIN organizations o ON o.id = d.organization_id",
        );
        push_filter(&mut count, viewer, query, expression.as_deref());
        let total: i64 = count.build().fetch_one(&self.pool).await?.try_get(0)?;

        let mut select = QueryBuilder::new(format!(
            "SELECT {HIT_COLUMNS} FROM datasets d JOIN organizations o ON o.id = d.organization_id"
        ));
        push_filter(&mut select, viewer, query, expression.as_deref());
        if expression.is_some() {
            select.push(
                " ORDER BY (SELECT bm25(datasets_fts) FROM datasets_fts WHERE datasets_fts MATCH ",
            );
            select.push_bind(expression.clone().unwrap_or_default());
            select.push(" AND datasets_fts.dataset_id = d.id), d.modified_at DESC");
        } else {
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
}

impl SqliteStore {
    async fn facets(
        &self,
        viewer: &Viewer,
        query: &SearchQuery,
        expression: Option<&str>,
    ) -> Result<Facets, Error> {
        Ok(Facets {
            organizations: self.facet(viewer, query, expression, "o.slug", "MIN(o.name)", "").await?,
            tags: self.facet(viewer, query, expression, "t.tag", "t.tag", " JOIN dataset_tags t ON t.dataset_id = d.id").await?,
            formats: self
                .facet(
                    viewer,
                    query,
                    expression,
                    "r.format",
                    "r.format",
                    " JOIN (SELECT DISTINCT dataset_id, format FROM resources) r ON r.dataset_id = d.id",
                )
                .await?,
            licences: self.facet(viewer, query, expression, "d.licence", "d.licence", "").await?,
            schemas: self.facet(viewer, query, expression, "d.schema_slug", "d.schema_slug", "").await?,
            validity: self.facet(viewer, query, expression, "d.validity", "d.validity", "").await?,
        })
    }

    /// Counts matching datasets per value of `column`; `join` brings in its table.
    async fn facet(
        &self,
        viewer: &Viewer,
        query: &SearchQuery,
        expression: Option<&str>,
        column: &str,
        label: &str,
        join: &str,
    ) -> Result<Vec<FacetValue>, Error> {
        // `column`, `label` and `join` are constants of this module, never user input.
        let mut builder = QueryBuilder::new(format!(
            "SELECT {column} AS value, {label} AS label, COUNT(*) AS count FROM datasets d JOIN organizations o ON o.id = d.organization_id{join}"
        ));
        push_filter(&mut builder, viewer, query, expression);
        builder.push(format!(" AND {column} IS NOT NULL GROUP BY {column} ORDER BY count DESC, value LIMIT {FACET_LIMIT}"));
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
            " AND EXISTS (SELECT 1 FROM resources fr WHERE fr.dataset_id = d.id AND fr.format = ",
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
