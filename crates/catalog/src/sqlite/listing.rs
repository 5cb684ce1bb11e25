//! Dataset listings for machine clients in SQLite.
//!
//! A page is read in two steps. The first selects the row ids of the page from the
//! datasets table alone, so that SQLite walks a covering sort index and skips the offset
//! without reading any row. The second reads those rows with their organisation and tags
//! in one query. Facets are grouped counts over the same filter.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Row, Sqlite};

use super::{HIT_COLUMNS, SqliteStore, hit_from_row};
use crate::Error;
use crate::listing::{
    FacetField, Listing, ListingQuery, ListingSort, ListingStore, MAX_LISTING_ROWS,
};
use crate::model::Viewer;
use crate::search::{DatasetHit, FacetValue, match_expression};

impl ListingStore for SqliteStore {
    async fn list_datasets(&self, viewer: &Viewer, query: &ListingQuery) -> Result<Listing, Error> {
        let expression = match_expression(&self.analyzer, &query.text);
        let limit = query.limit.min(MAX_LISTING_ROWS);
        let offset = i64::try_from(query.offset).unwrap_or(i64::MAX);

        let mut count: QueryBuilder<'_, Sqlite> =
            QueryBuilder::new("SELECT COUNT(*) FROM datasets d");
        push_filter(&mut count, viewer, query, expression.as_deref());
        let total: i64 = count.build().fetch_one(&self.pool).await?.try_get(0)?;

        let mut page: QueryBuilder<'_, Sqlite> =
            QueryBuilder::new("SELECT d.rowid AS row_id FROM datasets d");
        match (&expression, query.sort) {
            (Some(expression), ListingSort::Relevance) => {
                // Joined once with its bm25 score, the match both filters and ranks.
                page.push(
                    " JOIN (SELECT dataset_id, bm25(datasets_fts) AS score FROM datasets_fts WHERE datasets_fts MATCH ",
                );
                page.push_bind(expression.clone());
                page.push(") f ON f.dataset_id = d.id");
                push_filter(&mut page, viewer, query, None);
                page.push(" ORDER BY f.score, d.modified_at DESC");
            }
            _ => {
                push_filter(&mut page, viewer, query, expression.as_deref());
                page.push(order_by(query.sort));
            }
        }
        page.push(" LIMIT ");
        page.push_bind(i64::from(limit));
        page.push(" OFFSET ");
        page.push_bind(offset);
        let row_ids: Vec<i64> = page
            .build()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| row.try_get::<i64, _>("row_id"))
            .collect::<Result<_, _>>()?;
        let hits = self.hits_by_row_id(&row_ids).await?;

        let mut facets = Vec::with_capacity(query.facet_fields.len());
        for field in &query.facet_fields {
            let values = self
                .listing_facet(viewer, query, expression.as_deref(), *field)
                .await?;
            facets.push((*field, values));
        }
        Ok(Listing {
            total: u64::try_from(total).unwrap_or(0),
            hits,
            facets,
        })
    }
}

impl SqliteStore {
    /// Reads datasets by row id in one query, in the order of `row_ids`.
    async fn hits_by_row_id(&self, row_ids: &[i64]) -> Result<Vec<DatasetHit>, Error> {
        if row_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut builder: QueryBuilder<'_, Sqlite> = QueryBuilder::new(format!(
            "SELECT d.rowid AS row_id, {HIT_COLUMNS} FROM datasets d JOIN organizations o ON o.id = d.organization_id \
             WHERE d.rowid IN ("
        ));
        let mut separated = builder.separated(", ");
        for row_id in row_ids {
            separated.push_bind(*row_id);
        }
        builder.push(")");
        let mut by_row_id = HashMap::with_capacity(row_ids.len());
        for row in builder.build().fetch_all(&self.pool).await? {
            let row_id: i64 = row.try_get("row_id")?;
            by_row_id.insert(row_id, hit_from_row(&row)?);
        }
        Ok(row_ids
            .iter()
            .filter_map(|row_id| by_row_id.remove(row_id))
            .collect())
    }

    async fn listing_facet(
        &self,
        viewer: &Viewer,
        query: &ListingQuery,
        expression: Option<&str>,
        field: FacetField,
    ) -> Result<Vec<FacetValue>, Error> {
        // Every piece is a constant of this function, never client input.
        let (value, label, join, count) = match field {
            FacetField::Organization => (
                "o.slug",
                "MIN(o.name)",
                " JOIN organizations o ON o.id = d.organization_id",
                "COUNT(*)",
            ),
            FacetField::Tags => (
                "t.tag",
                "t.tag",
                " JOIN dataset_tags t ON t.dataset_id = d.id",
                "COUNT(*)",
            ),
            // A dataset may have several resources of one format; private files are
            // left out so that their formats reveal nothing.
            FacetField::Format => (
                "lower(r.format)",
                "lower(r.format)",
                " JOIN resources r ON r.dataset_id = d.id AND r.private = 0",
                "COUNT(DISTINCT d.id)",
            ),
            FacetField::Licence => ("d.licence", "d.licence", "", "COUNT(*)"),
        };
        let mut builder: QueryBuilder<'_, Sqlite> = QueryBuilder::new(format!(
            "SELECT {value} AS value, {label} AS label, {count} AS count FROM datasets d{join}"
        ));
        push_filter(&mut builder, viewer, query, expression);
        builder.push(format!(" GROUP BY {value} ORDER BY count DESC, value"));
        if let Some(limit) = query.facet_limit {
            builder.push(" LIMIT ");
            builder.push_bind(i64::from(limit));
        }
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

fn order_by(sort: ListingSort) -> &'static str {
    match sort {
        ListingSort::Relevance | ListingSort::ModifiedDesc => " ORDER BY d.modified_at DESC",
        ListingSort::ModifiedAsc => " ORDER BY d.modified_at ASC",
        ListingSort::CreatedDesc => " ORDER BY d.created_at DESC",
        ListingSort::CreatedAsc => " ORDER BY d.created_at ASC",
        ListingSort::TitleAsc => " ORDER BY d.title COLLATE NOCASE ASC",
        ListingSort::TitleDesc => " ORDER BY d.title COLLATE NOCASE DESC",
        ListingSort::NameAsc => " ORDER BY d.slug ASC",
        ListingSort::NameDesc => " ORDER BY d.slug DESC",
    }
}

/// Appends ` WHERE …`: active datasets the viewer may see with the requested private and
/// draft ones, the text match, then every filter value.
fn push_filter(
    builder: &mut QueryBuilder<'_, Sqlite>,
    viewer: &Viewer,
    query: &ListingQuery,
    expression: Option<&str>,
) {
    let private_ok = if query.include_private {
        "1 = 1"
    } else {
        "d.private = 0"
    };
    let draft_ok = if query.include_drafts {
        "1 = 1"
    } else {
        "d.published = 1"
    };
    builder.push(" WHERE d.state = 'active' AND ");
    if viewer.platform_admin {
        builder.push(format!("({private_ok}) AND ({draft_ok})"));
    } else {
        builder.push("((d.published = 1 AND d.private = 0)");
        if let Some(user_id) = viewer.user_id {
            builder.push(
                " OR (d.organization_id IN (SELECT organization_id FROM memberships WHERE user_id = ",
            );
            builder.push_bind(user_id.to_string());
            builder.push(format!(") AND ({private_ok}) AND ({draft_ok}))"));
        }
        builder.push(")");
    }
    if query.only_private {
        builder.push(" AND d.private = 1");
    }
    if let Some(expression) = expression {
        builder.push(" AND d.id IN (SELECT dataset_id FROM datasets_fts WHERE datasets_fts MATCH ");
        builder.push_bind(expression.to_string());
        builder.push(")");
    }
    for slug in &query.organizations {
        builder.push(" AND d.organization_id = (SELECT id FROM organizations WHERE slug = ");
        builder.push_bind(slug.clone());
        builder.push(")");
    }
    for id in &query.organization_ids {
        builder.push(" AND d.organization_id = ");
        builder.push_bind(id.clone());
    }
    for tag in &query.tags {
        builder.push(
            " AND EXISTS (SELECT 1 FROM dataset_tags ft WHERE ft.dataset_id = d.id AND ft.tag = ",
        );
        builder.push_bind(tag.clone());
        builder.push(")");
    }
    for format in &query.formats {
        builder.push(
            " AND EXISTS (SELECT 1 FROM resources fr WHERE fr.dataset_id = d.id AND fr.private = 0 AND lower(fr.format) = ",
        );
        builder.push_bind(format.to_lowercase());
        builder.push(")");
    }
    for licence in &query.licences {
        builder.push(" AND d.licence = ");
        builder.push_bind(licence.clone());
    }
    for name in &query.names {
        builder.push(" AND (d.slug = ");
        builder.push_bind(name.clone());
        builder.push(" OR d.id = ");
        builder.push_bind(name.clone());
        builder.push(")");
    }
}
