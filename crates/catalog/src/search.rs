//! Search requests and results: French full-text matching, facets and pagination.
//!
//! The text of a query is analysed as indexed text is (see [`crate::text`]) and turned into
//! an FTS5 expression where every word must match one of its stem variants. Facet counts
//! are computed over the datasets the viewer may see that match the whole request.

use serde::Serialize;

use crate::model::{Dataset, Validity};
use crate::text::Analyzer;

/// Largest page size accepted.
pub const MAX_PER_PAGE: u32 = 100;

/// Most values listed per facet.
pub const FACET_LIMIT: u32 = 20;

/// A search request; empty filters match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SearchQuery {
    pub text: String,
    /// Organisation slug.
    pub organization: Option<String>,
    pub tag: Option<String>,
    /// Resource format (`csv`).
    pub format: Option<String>,
    pub licence: Option<String>,
    /// Schema slug.
    pub schema: Option<String>,
    pub validity: Option<Validity>,
    /// First page is 1.
    pub page: u32,
    pub per_page: u32,
}

/// A dataset with the organisation shown next to it.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetHit {
    pub dataset: Dataset,
    pub organization_slug: String,
    pub organization_name: String,
}

/// One value of a facet and how many matching datasets have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    pub value: String,
    /// Display label when it differs from the value (organisation names).
    pub label: String,
    pub count: u64,
}

/// Counts per value of each filterable property.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    pub organizations: Vec<FacetValue>,
    pub tags: Vec<FacetValue>,
    pub formats: Vec<FacetValue>,
    pub licences: Vec<FacetValue>,
    pub schemas: Vec<FacetValue>,
    pub validity: Vec<FacetValue>,
}

/// One page of results.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub hits: Vec<DatasetHit>,
    pub facets: Facets,
}

impl SearchResults {
    pub fn page_count(&self) -> u64 {
        if self.per_page == 0 {
            0
        } else {
            self.total.div_ceil(u64::from(self.per_page))
        }
    }
}

/// Builds the FTS5 expression of a query, or `None` when it has no word.
pub fn match_expression(analyzer: &Analyzer, text: &str) -> Option<String> {
    let groups = analyzer.analyze_query(text);
    if groups.is_empty() {
        return None;
    }
    let clauses: Vec<String> = groups
        .iter()
        .map(|variants| {
            // Terms hold only letters, digits and apostrophes; quoting keeps FTS5 syntax
            // characters literal, and doubling escapes any quote.
            let quoted: Vec<String> = variants
                .iter()
                .map(|term| format!("\"{}\"", term.replace('"', "\"\"")))
                .collect();
            format!("({})", quoted.join(" OR "))
        })
        .collect();
    Some(clauses.join(" AND "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expression_requires_every_word() {
        let analyzer = Analyzer::default();
        let expression = match_expression(&analyzer, "budget primitif").expect("words");
        assert_eq!(expression.matches(" AND ").count(), 1);
        assert!(expression.starts_with("(\"budget\")"));
    }

    #[test]
    fn empty_query_has_no_expression() {
        assert_eq!(match_expression(&Analyzer::default(), " ,; "), None);
    }

    #[test]
    fn fts_operators_stay_literal() {
        let expression = match_expression(&Analyzer::default(), "NEAR OR \"x").expect("words");
        assert!(expression.contains("\"near\""));
        assert!(expression.contains("\"or\""));
    }
}
